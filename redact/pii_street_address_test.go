package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestStreetAddressAfterAddressWord: a street address right after a word
// that names an address, with no operator (or after "is" or "to"), is
// masked up to its last word under every preset with such a term; what
// follows the address, and values after the word that have no address's
// shape, are kept.
func TestStreetAddressAfterAddressWord(t *testing.T) {
	cases := []spelledCase{
		{"shipping address 4410 Larkspur Ct NE queued", "4410 Larkspur Ct NE", []string{"shipping address", "queued"}},
		{"billing address 19 Holloway Road, Derby DE1 3PT saved", "19 Holloway Road, Derby DE1 3PT", []string{"saved"}},
		{"home address is 8 Wren Close now verified", "8 Wren Close", []string{"now verified"}},
		{"delivery to address 503B Ocean Drive failed", "503B Ocean Drive", []string{"failed"}},
		{"street 77 Juniper Lane changed", "77 Juniper Lane", []string{"changed"}},
		{"address 12 maple avenue, Springfield confirmed", "12 maple avenue, Springfield", []string{"confirmed"}},
		{"Street: 90 Cedar Grove Way", "90 Cedar Grove Way", nil},
		{"address_line_1=58 Rue des Martyrs, city=Paris", "Rue des Martyrs", []string{"city=Paris"}},
		{"address.line2: Flat 4 Harbour View", "Harbour View", nil},
		{"Address Line 1: 31 Quai de Bercy, Paris", "Quai de Bercy", nil},
		{text: "pipeline 1: 12 jobs queued"},
		// No address's shape after the word.
		{text: "address already in use"},
		{text: "address 10.20.30.40 unreachable"},
		{text: "address book sync took 120ms"},
		{text: "address validation failed for 3 records"},
		{text: "address 0xc000123456 freed"},
		{text: "listen address 0.0.0.0:8080"},
		{text: "street view tiles 4096 cached"},
		{text: "address 3 records updated"},
		{text: "IP address 10 Gbps link"},
		{text: "email address 2 Users found"},
		{text: "GET /api/address 404 Not Found"},
		{text: "address 503 Service Unavailable"},
	}
	for _, preset := range []redact.Rule{redact.HIPAA, redact.GDPR, redact.CCPA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
	t.Run("gdpr other languages", func(t *testing.T) {
		requirePersonal(t, []redact.Rule{redact.GDPR}, []spelledCase{
			{"Adresse Lindenstraße 14, 04109 Leipzig bestätigt", "Lindenstraße 14, 04109 Leipzig", []string{"bestätigt"}},
			{"direccion Calle Alcalá 48 guardada", "Calle Alcalá 48", []string{"guardada"}},
			{"indirizzo Via Garibaldi 21 salvato", "Via Garibaldi 21", []string{"salvato"}},
			{"dirección Vía Layetana 19 guardada", "Vía Layetana 19", []string{"guardada"}},
			{"adres Kerkstraat 27, Gent bevestigd", "Kerkstraat 27, Gent", []string{"bevestigd"}},
			{text: "Adresse nicht gefunden"},
		})
	})
}

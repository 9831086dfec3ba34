package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPhoneNationalShapes: national numbers as more countries write them
// are phone numbers: an area code of two digits in parentheses with no
// trunk 0 (Brazil, Mexico), the trunk 8 of Russia and its neighbours,
// nine digits after a trunk 0 in three groups (Seoul, Tel Aviv,
// Auckland), and the extension after any number goes with it (ext. 31,
// x31, ;ext=31, #31). Runs of digits of other shapes stay.
func TestPhoneNationalShapes(t *testing.T) {
	cases := []spelledCase{
		{"courier rang (31) 99872-6154 at noon", "99872-6154", []string{"courier rang", "at noon"}},
		{"sucursal (33) 3817 2290 abierta", "3817 2290", []string{"sucursal", "abierta"}},
		{"abonent 8 (383) 217-40-96 otvetil", "217-40-96", []string{"abonent", "otvetil"}},
		{"hotline 8-800-200-71-48 busy", "200-71-48", []string{"hotline", "busy"}},
		{"sms 8(343)2716054 delivered", "(343)2716054", []string{"delivered"}},
		{"branch 051-742-8830 closed", "742-8830", []string{"branch", "closed"}},
		{"clinic 04-861-2277 confirmed", "861-2277", []string{"clinic", "confirmed"}},
		{"depot (07) 846 1023 replied", "846 1023", []string{"depot", "replied"}},
		{"desk +1 646 555 0187 ext. 3391 rang", "ext. 3391", []string{"desk", "rang"}},
		{"desk +1 646 555 0187 x3392 rang", "x3392", []string{"desk", "rang"}},
		{"uri tel:+1-646-555-0187;ext=3393 stored", "ext=3393", []string{"uri", "stored"}},
		{"desk +16465550187x3394 rang", "x3394", []string{"desk", "rang"}},
		{"office 0161 496 0728 extn 47 free", "extn 47", []string{"office", "free"}},
		// Not phone numbers.
		{text: "version 8.300.451.22.17 released"},
		{text: "sizes (12) 3456 retries"},
		{text: "(4) 2048-4096 bytes"},
		{text: "matrix 8 128 256 512 10 rows"},
		{text: "codes 02.312.3456 and 09.123.4567"},
		{text: "item (10) 1234 5678 9012 in list"},
		{text: "order 0211-4455 shipped"},
		{text: "box 55 x 40 cm"},
	}
	for _, preset := range []redact.Rule{redact.GDPR, redact.HIPAA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}

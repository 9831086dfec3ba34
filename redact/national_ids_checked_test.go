package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestNationalIDsWithCheckDigits: identifiers whose check digit or letter
// holds, written as their country prints them, are masked wherever they
// stand: Spain's DNI and NIE, Italy's codice fiscale (with the letters
// that replace digits too), India's Aadhaar in groups of four, the Dutch
// BSN with its dots and the German Steuer-ID in its groups. The same
// shapes with a wrong check, inside longer runs or words, are kept.
func TestNationalIDsWithCheckDigits(t *testing.T) {
	r := only(redact.DetectNationalID)
	for _, tc := range []struct{ in, want string }{
		{"huésped 48291037F registrado", "huésped [REDACTED] registrado"},
		{"doc=73015864-H", "doc=[REDACTED]"},
		{"residente X3829104H, Y-5061273-E y Z1938475V", "residente [REDACTED], [REDACTED] y [REDACTED]"},
		{"cliente BNCLRA79M52F205K iscritto", "cliente [REDACTED] iscritto"},
		{`{"cf":"vrdgpp83d14l219f"}`, `{"cf":"[REDACTED]"}`},
		{"assistito FRRLCU90A41H501Q.", "assistito [REDACTED]."},
		{"omocodia BNCLRA79M52F2LRQ", "omocodia [REDACTED]"},
		{"uid 7361 9284 0510 linked", "uid [REDACTED] linked"},
		{"uid=4820-1937-5633", "uid=[REDACTED]"},
		{"klant 2738.49.104 en 1029.38.477", "klant [REDACTED] en [REDACTED]"},
		{"IdNr 47 512 038 461 gespeichert", "IdNr [REDACTED] gespeichert"},
		{"IdNr: 86 390 241 851", "IdNr: [REDACTED]"},
		{`line\n48291037F\tok`, `line\n[REDACTED]\tok`},
		// A wrong check, another shape, or part of a longer run or word.
		{"huésped 48291037G registrado", "huésped 48291037G registrado"},
		{"residente X3829104J", "residente X3829104J"},
		{"cliente BNCLRA79M52F205A iscritto", "cliente BNCLRA79M52F205A iscritto"},
		{"cliente BNCLRA79Z52F205K iscritto", "cliente BNCLRA79Z52F205K iscritto"},
		{"cliente BnclRA79M52F205K iscritto", "cliente BnclRA79M52F205K iscritto"},
		{"uid 7361 9284 0511 linked", "uid 7361 9284 0511 linked"},
		{"uid 1361 9284 0514 linked", "uid 1361 9284 0514 linked"}, // no Aadhaar starts with 0 or 1
		{"serial 7361 9284 0510 7755 read", "serial 7361 9284 0510 7755 read"},
		{"klant 2738.49.105", "klant 2738.49.105"},
		{"build v1.2738.49.104", "build v1.2738.49.104"},
		{"oid 2738.49.104.7", "oid 2738.49.104.7"},
		{"IdNr 47 512 038 462", "IdNr 47 512 038 462"},
		{"IdNr 47 512 038 960", "IdNr 47 512 038 960"}, // check digit right, but no digit used twice
		{"IdNr 47 512 038 461 77", "IdNr 47 512 038 461 77"},
		{"dates 20240115Z 20231231T235959Z", "dates 20240115Z 20231231T235959Z"},
		{"hash deadbeef48291037F", "hash deadbeef48291037F"},
		{"SELECT12A34B567C PROVISIONING1234", "SELECT12A34B567C PROVISIONING1234"},
	} {
		if got := r.Message(tc.in); got != tc.want {
			t.Errorf("Message(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestGDPRMasksCheckedNationalIDs: the GDPR preset masks these
// identifiers through slogcore and the middleware, as an attr's value, in
// the message and in an error's text.
func TestGDPRMasksCheckedNationalIDs(t *testing.T) {
	requirePersonal(t, []redact.Rule{redact.Credentials, redact.GDPR}, []spelledCase{
		{"visitante 60417293L llegó", "60417293L", []string{"visitante", "llegó"}},
		{"residente Y7302915S llegó", "Y7302915S", []string{"residente", "llegó"}},
		{"paziente FRRLCU90A41H501Q ricoverato", "FRRLCU90A41H501Q", []string{"paziente", "ricoverato"}},
		{"holder 9610 3827 4150 verified", "9610 3827 4150", []string{"holder", "verified"}},
		{"klant 1029.38.477 bevestigd", "1029.38.477", []string{"klant", "bevestigd"}},
		{"IdNr 29 173 604 255 gespeichert", "604 255", []string{"IdNr", "gespeichert"}},
		{text: "batch 60417293Q of 7361 9284 0519 and 1029.38.478"},
	})
}

package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestNationalIDShapes: a CPF and a NIR written in the form their country
// prints them are masked wherever they stand when their check digits
// hold; the same shapes with a wrong check digit, inside longer runs, or
// written as dates, versions and amounts are kept.
func TestNationalIDShapes(t *testing.T) {
	r := only(redact.DetectNationalID)
	for _, tc := range []struct {
		in, want string
	}{
		{"customer 318.405.276-17 created", "customer [REDACTED] created"},
		{"cpf=704.112.593-93", "cpf=[REDACTED]"},
		{`{"doc":"860.231.745-07"}`, `{"doc":"[REDACTED]"}`},
		{"titular: 318.405.276-17, 860.231.745-07.", "titular: [REDACTED], [REDACTED]."},
		{"assuré 2 79 03 75 123 048 14 affilié", "assuré [REDACTED] affilié"},
		{"nss=1 68 12 99 123 456 79", "nss=[REDACTED]"},
		{"Corse 1 75 02 2A 012 345 36 et 1 75 02 2B 012 345 63", "Corse [REDACTED] et [REDACTED]"},
		{"ligne\\n2 55 08 14 168 025 38", "ligne\\n[REDACTED]"},
		// A wrong check digit, digits all the same, or a longer run.
		{"customer 318.405.276-18 created", "customer 318.405.276-18 created"},
		{"customer 318.405.276-71 created", "customer 318.405.276-71 created"},
		{"seed 111.111.111-11 and 000.000.000-00", "seed 111.111.111-11 and 000.000.000-00"},
		{"v1.318.405.276-17 build", "v1.318.405.276-17 build"},
		{"id 9318.405.276-17", "id 9318.405.276-17"},
		{"oid 318.405.276-17.3", "oid 318.405.276-17.3"},
		{"range 318.405.276-17-20", "range 318.405.276-17-20"},
		{"total 1.234.567-89 due", "total 1.234.567-89 due"},
		{"assuré 2 79 03 75 123 048 15 affilié", "assuré 2 79 03 75 123 048 15 affilié"},
		{"grid 5 79 03 75 123 048 14", "grid 5 79 03 75 123 048 14"}, // no sex digit 5
		{"t 2 79 15 75 123 048 14", "t 2 79 15 75 123 048 14"},       // month 15
		{"9 2 79 03 75 123 048 14 0", "9 2 79 03 75 123 048 14 0"},   // inside a longer run of groups
		{"sizes 1 2 4 8 16 32 64 128 256", "sizes 1 2 4 8 16 32 64 128 256"},
		{"2024-12-03 10:11:12.123456789 pid 48213", "2024-12-03 10:11:12.123456789 pid 48213"},
	} {
		if got := r.Message(tc.in); got != tc.want {
			t.Errorf("Message(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestGDPRMasksNationalIDShapes: the GDPR preset masks a printed CPF and
// NIR under any key, in the message and in an error's text.
func TestGDPRMasksNationalIDShapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"signup doc 704.112.593-93 ok", "signup doc [REDACTED] ok"},
		{"ayant droit 1 93 01 33 045 012 43", "ayant droit [REDACTED]"},
	} {
		attr, msg, errText := logOneJSON(t, redact.GDPR, "note", tc.in)
		if attr != tc.want || msg != tc.want || errText != tc.want {
			t.Errorf("%q written as %q, message %q, error %q; want %q", tc.in, attr, msg, errText, tc.want)
		}
	}
}

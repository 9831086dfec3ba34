package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPersonalValuesAfterTermsInProse: a personal identifier after its
// term in prose, written in groups joined by dashes, a birth date with a
// month's name inside it, and a value after a number sign ("#:", or '#'
// glued to the digits).
func TestPersonalValuesAfterTermsInProse(t *testing.T) {
	r := redact.Must(redact.HIPAA)
	for _, tc := range []struct{ in, want string }{
		{"mrn 552-907 admitted", "mrn [REDACTED] admitted"},
		{"DOB 02-Jul-1961 verified", "DOB [REDACTED] verified"},
		{"SSN#:219099999", "SSN#:[REDACTED]"},
		{"chart for mrn 88-4120-7 closed", "chart for mrn [REDACTED] closed"},
		{"ssn 518-33-0947 on file", "ssn [REDACTED] on file"},
		{"dob 14-Mar-1977 checked", "dob [REDACTED] checked"},
		{"date of birth Nov/30/1958 ok", "date of birth [REDACTED] ok"},
		{"DOB 5.Aug.83 (patient)", "DOB [REDACTED] (patient)"},
		{"MRN#:7730215 seen", "MRN#:[REDACTED] seen"},
		{"mrn #: 66-01-882", "mrn #: [REDACTED]"},
		{"ssn#=518330947", "ssn#=[REDACTED]"},
		{"lookup SSN#518330947 done", "lookup SSN#[REDACTED] done"},
		// Not a value: too few digits, words, ranges of a word's parts.
		{"mrn 12-3 is short", "mrn 12-3 is short"},
		{"mrn lookup-failed retry", "mrn lookup-failed retry"},
		{"DOB Jul-Aug unknown", "DOB Jul-Aug unknown"},
		{"ssn#1 of 2", "ssn#1 of 2"},
		{"token#44120 rotated", "token#44120 rotated"},
	} {
		if got := r.Message(tc.in); got != tc.want {
			t.Errorf("Message(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	requireSpelled(t, []redact.Rule{redact.HIPAA}, []spelledCase{
		{"intake mrn 730-2215 bed 4", "730-2215", []string{"intake mrn", "bed 4"}},
		{"patient DOB 21-Sep-1949 confirmed", "21-Sep-1949", []string{"confirmed"}},
		{"record SSN#:602114471", "602114471", []string{"record SSN#:"}},
		{"record SSN#602114471 matched", "602114471", []string{"matched"}},
		{"ticket #4471 for ward 3-B", "", nil},
	})
}

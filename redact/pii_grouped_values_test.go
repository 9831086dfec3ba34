package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestGroupedNumberAfterTermTakenWhole: a number written in groups after
// a term of the preset (medicare number 2951 83745 1, as Australia
// groups one: four, five and one digits) is masked whole, with a space or
// a colon after the term; the same groups after words that are no term,
// and counts after a term, stay.
func TestGroupedNumberAfterTermTakenWhole(t *testing.T) {
	cases := []spelledCase{
		{"medicare number 3318 40672 2 on file", "40672", []string{"on file"}},
		{"medicare number: 3318 40672 2 verified", "40672", []string{"verified"}},
		{"insurance number 4471 20983 5 matched", "20983", []string{"matched"}},
		{"member id 5521 38847 19 active", "38847", []string{"active"}},
		// Not values of a term.
		{text: "batch 3318 40672 2 done"},
		{text: "processed 3318 40672 rows in 2 s"},
	}
	requirePersonal(t, []redact.Rule{redact.Credentials, redact.HIPAA}, cases)
}

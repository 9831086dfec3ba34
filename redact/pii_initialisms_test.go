package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestDottedPersonalTermsMasked: a term of personal data written as an
// abbreviation, with dots between its letters or after it (D.O.B.,
// s.s.n., dob., DoB), names its value in text as the term does, with an
// operator after it or a space; dotted abbreviations that name no term
// (e.g., p.m., U.S.) and sentences that end with a term keep what
// follows.
func TestDottedPersonalTermsMasked(t *testing.T) {
	cases := []spelledCase{
		{"intake d.o.b. 19 Aug 1961 recorded", "19 Aug 1961", []string{"recorded"}},
		{"D.O.B.: 23/04/1958 verified", "23/04/1958", []string{"verified"}},
		{"D.O.B 1958-04-23 on file", "1958-04-23", []string{"on file"}},
		{"d.o.b=1966-02-14 ok", "1966-02-14", []string{"ok"}},
		{"D.o.B.= 1971-12-30 ok", "1971-12-30", []string{"ok"}},
		{"dob. 1983-06-09 matched", "1983-06-09", []string{"matched"}},
		{"DoB: 09.06.1983 matched", "09.06.1983", []string{"matched"}},
		{"S.S.N: 219094417 submitted", "219094417", []string{"submitted"}},
		{"S.S.N. 219094418 submitted", "219094418", []string{"submitted"}},
		{"s.s.n. 219-09-4419 submitted", "219-09-4419", []string{"submitted"}},
		{"date.of.birth=1949-10-01 ok", "1949-10-01", []string{"ok"}},
		{`{\"D.O.B.\":\"1952-05-17\"} stored`, "1952-05-17", []string{"stored"}},
		{`{"D.O.B.":"1952-05-18"}`, "1952-05-18", nil},
		// Abbreviations that name no term, and prose.
		{text: "see e.g. 14 cases at 5 p.m. 22 users"},
		{text: "the U.S. 330 million and i.e. 2024-05-06"},
		{text: "patient d.o.b. unknown"},
		{text: "D.O.B.: [REDACTED]"},
		{text: "v.1.4 build 7731 of a.b.c"},
		{text: "approx. 42 records, vol. 3"},
		{text: "where she was born. 1990 was a good year"},
		{text: "extracted the zip. 12 files written"},
	}
	for _, preset := range []redact.Rule{redact.HIPAA, redact.GDPR} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
	t.Run("mrn under hipaa", func(t *testing.T) {
		requirePersonal(t, []redact.Rule{redact.HIPAA}, []spelledCase{
			{"M.R.N. 66120934 admitted", "66120934", []string{"admitted"}},
			{"m.r.n.: 66120935 admitted", "66120935", []string{"admitted"}},
		})
	})
	for _, key := range []string{"D.O.B.", "d.o.b", "DoB", "S.S.N."} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, []redact.Rule{redact.HIPAA}, func(l *slog.Logger) { l.Info("intake", key, "1958-04-23") })
			require.NotContains(t, out, "1958-04-23")
		})
	}
}

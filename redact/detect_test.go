package redact_test

import (
	"regexp"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// only returns a Redactor that has detector d and nothing else (no terms,
// so no key=value pairs), so that what it masks is what d finds.
func only(d redact.Detector) *redact.Redactor {
	return redact.Must(redact.Rule{Detectors: []redact.Detector{d}})
}

// TestDetectorFuncRanges: the ranges a custom detector returns are masked
// and the rest of the string is kept; a range at the very start counts;
// empty, reversed and out-of-range ranges are ignored; a detector that
// panics masks the whole string.
func TestDetectorFuncRanges(t *testing.T) {
	for _, tc := range []struct {
		name    string
		find    func(string) [][2]int
		in      string
		want    string
		masked  bool
		matches bool
	}{
		{"range in the middle", func(string) [][2]int { return [][2]int{{4, 7}} }, "key abc end", "key [REDACTED] end", true, true},
		{"range at the start", func(string) [][2]int { return [][2]int{{0, 3}} }, "abc end", "[REDACTED] end", true, true},
		{"range to the end", func(s string) [][2]int { return [][2]int{{4, len(s)}} }, "key abc", "key [REDACTED]", true, true},
		{"two ranges", func(string) [][2]int { return [][2]int{{0, 1}, {4, 5}} }, "a - b - c", "[REDACTED] - [REDACTED] - c", true, true},
		{"empty range", func(string) [][2]int { return [][2]int{{3, 3}} }, "abcdef", "abcdef", false, false},
		{"reversed range", func(string) [][2]int { return [][2]int{{4, 2}} }, "abcdef", "abcdef", false, false},
		{"negative start", func(string) [][2]int { return [][2]int{{-1, 2}} }, "abcdef", "abcdef", false, false},
		{"past the end", func(s string) [][2]int { return [][2]int{{2, len(s) + 1}} }, "abcdef", "abcdef", false, false},
		{"nothing found", func(string) [][2]int { return nil }, "abcdef", "abcdef", false, false},
		{"panics", func(string) [][2]int { panic("bug in detector") }, "abc def", "[REDACTED]", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := redact.DetectorFunc("custom", tc.find)
			got, masked := only(d).String(tc.in)
			require.Equal(t, tc.want, got)
			require.Equal(t, tc.masked, masked)
			require.Equal(t, tc.matches, d.Matches(tc.in))
		})
	}
}

// TestDetectRegexpMasksEveryMatch: every match of the expression is masked,
// not only the first.
func TestDetectRegexpMasksEveryMatch(t *testing.T) {
	d := redact.DetectRegexp("ticket", regexp.MustCompile(`T-[0-9]{4}`))
	got, masked := only(d).String("T-1234 and T-5678 and T-9012")
	require.True(t, masked)
	require.Equal(t, "[REDACTED] and [REDACTED] and [REDACTED]", got)
}

// TestDetectBearerAlone: the authorization detector by itself (no terms,
// so no key=value pairs to mask the same text) finds a scheme word at the
// start of the string, before a tab, and an "authorization" pair without a
// space.
func TestDetectBearerAlone(t *testing.T) {
	r := only(redact.DetectBearer)
	for in, want := range map[string]string{
		"Bearer abcd1234":                "Bearer [REDACTED]",
		"Basic dXNlcjpwYXNz":             "Basic [REDACTED]",
		"Bearer tok-9f8e7d6c5b a":        "Bearer [REDACTED] a",
		"[Bearer abcd1234]":              "[Bearer [REDACTED]]",
		"Negotiate YIIabcd1234":          "Negotiate [REDACTED]",
		"Bearer\tabcd1234":               "Bearer\t[REDACTED]",
		"x Bearer\tabcd1234":             "x Bearer\t[REDACTED]",
		"authorization:abcd1234":         "authorization:[REDACTED]",
		"AUTHORIZATION=abcd1234":         "AUTHORIZATION=[REDACTED]",
		`{"authorization": "abcd1234"}`:  `{"authorization": "[REDACTED]"}`,
		`x=1 authorization "`:            `x=1 authorization "`,
		"authorization abcd1234":         "authorization abcd1234",
		"xBearer abcd1234":               "xBearer abcd1234",
		"the bearer of bad news arrived": "the bearer of bad news arrived",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
		require.Equal(t, want != in, redact.DetectBearer.Matches(in), in)
	}
}

// TestDetectURLUserinfoAlone: the user:password part of every URL in a
// string is masked, also when the scheme was cut off; a URL with an empty
// userinfo or none is left as it is.
func TestDetectURLUserinfoAlone(t *testing.T) {
	r := only(redact.DetectURLUserinfo)
	for in, want := range map[string]string{
		"postgres://app:pw@db:5432/x":                 "postgres://[REDACTED]@db:5432/x",
		"://app:pw@db/x":                              "://[REDACTED]@db/x",
		"from http://a/x to postgres://u:p@h/db":      "from http://a/x to postgres://[REDACTED]@h/db",
		"http://a:b@h and ftp://c:d@i":                "http://[REDACTED]@h and ftp://[REDACTED]@i",
		"http://@host/x":                              "http://@host/x",
		"ask a@b.c, visit http://example":             "ask a@b.c, visit http://example",
		"see https://example.com/a?b=c@d for details": "see https://example.com/a?b=c@d for details",
	} {
		got, masked := r.String(in)
		require.Equal(t, want, got, in)
		require.Equal(t, want != in, masked, in)
		require.Equal(t, want != in, redact.DetectURLUserinfo.Matches(in), in)
	}
}

package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// tokenExact runs the token detector alone on each input and checks the
// exact output.
func tokenExact(t *testing.T, cases map[string]string) {
	t.Helper()
	r := only(redact.DetectTokens)
	for in, want := range cases {
		got, masked := r.String(in)
		require.Equal(t, want, got, "%q", in)
		require.Equal(t, want != in, masked, "%q", in)
	}
}

// TestTokensOneByteApart: two tokens with one byte between them are both
// masked. Catches the search resuming two bytes after a token instead of
// one, which skipped the first byte of the next.
func TestTokensOneByteApart(t *testing.T) {
	tok := "ghp_" + strings.Repeat("a1B2", 9)
	tokenExact(t, map[string]string{
		tok + " " + tok: "[REDACTED] [REDACTED]",
		tok + "," + tok: "[REDACTED],[REDACTED]",
	})
}

// TestTokenBodyCounts: a body that must mix digits and letters is judged
// by its letters and digits, not by its other bytes, and a format with no
// length limit ends where its body's bytes end. Catches digits counted as
// letters (a body of digits and dashes taken for a Databricks token) and
// the end-of-word check of fixed-length formats applied to the others.
func TestTokenBodyCounts(t *testing.T) {
	tokenExact(t, map[string]string{
		"dapi12345678-12345678-12345678-12345678":  "dapi12345678-12345678-12345678-12345678",
		"dapi1234abcd-12345678-12345678-12345678":  "[REDACTED]",
		"dapi0123456789abcdef0123456789abcdefXYZ":  "[REDACTED]XYZ",
		"dapi0123456789abcdef0123456789abcdef XYZ": "[REDACTED] XYZ",
	})
}

// TestMapboxSegments: Mapbox tokens are "pk." or "sk.", 60 or more
// alphanumerics, a dot, 22 or more. Catches the segments' lengths counted
// from the wrong end (a short first segment far into the text, a second
// of 20 or 21) and a first segment that ends the text read past its end.
func TestMapboxSegments(t *testing.T) {
	a60, a22 := strings.Repeat("aB3", 20), strings.Repeat("x7", 11)
	pad := strings.Repeat("w", 60) + " "
	tokenExact(t, map[string]string{
		"pk." + a60 + "." + a22:             "[REDACTED]",
		"pk." + a60 + "." + a22[:21]:        "pk." + a60 + "." + a22[:21],
		"pk." + a60 + "." + a22[:20]:        "pk." + a60 + "." + a22[:20],
		pad + "pk." + a60[:10] + "." + a22:  pad + "pk." + a60[:10] + "." + a22,
		pad + "pk." + a60[:59] + "." + a22:  pad + "pk." + a60[:59] + "." + a22,
		"pk." + a60:                         "pk." + a60,
		"pk." + a60 + "x":                   "pk." + a60 + "x",
		"pk." + a60 + ".":                   "pk." + a60 + ".",
		"sk." + a60 + "." + a22 + " and on": "[REDACTED] and on",
	})
}

// TestYandexIAMShape: "t1.", a base64url segment, up to two '=', a dot,
// 86 or more base64url bytes, up to two '='. Catches the '=' runs taking
// three or none or stepping back, the second segment's length counted from
// the wrong end, text ending inside the token read past its end, and a
// token glued to a letter after its '=' taken.
func TestYandexIAMShape(t *testing.T) {
	seg, long := strings.Repeat("aB3-", 5), strings.Repeat("xY7_", 22)
	tokenExact(t, map[string]string{
		"t1." + seg + "=." + long:          "[REDACTED]",
		"t1." + seg + "==." + long:         "[REDACTED]",
		"t1." + seg + "===." + long:        "t1." + seg + "===." + long,
		"t1." + seg:                        "t1." + seg,
		"t1." + seg + "=":                  "t1." + seg + "=",
		"t1." + seg + "." + long[:85]:      "t1." + seg + "." + long[:85],
		"t1." + seg + "." + long[:86]:      "[REDACTED]",
		"t1." + seg + "." + long + "=":     "[REDACTED]",
		"t1." + seg + "." + long + "==":    "[REDACTED]",
		"t1." + seg + "." + long + "===":   "[REDACTED]=",
		"t1." + seg + "." + long + "==x":   "t1." + seg + "." + long + "==x",
		"t1." + seg + "." + long + "==.":   "[REDACTED].",
		"t1." + seg + "." + long + "== ok": "[REDACTED] ok",
	})
}

// TestSquareBodyShape: after "EAAA", 22 or more base64url bytes with a
// letter and a digit (or both cases); a body under 56 bytes must not open
// with 'A'. Catches the body's length counted from the start of the text
// (a short body far into it taken), the 56-byte bound moved by one, and
// the letter check inverted.
func TestSquareBodyShape(t *testing.T) {
	mixed := strings.Repeat("b7Xq", 14) // 56 bytes
	tokenExact(t, map[string]string{
		"EAAA" + mixed[:22]:              "[REDACTED]",
		"EAAA" + mixed[:21]:              "EAAA" + mixed[:21],
		"cursor id EAAA" + mixed[:16]:    "cursor id EAAA" + mixed[:16],
		"EAAAA" + mixed[:55]:             "[REDACTED]",
		"EAAAA" + mixed[:54]:             "EAAAA" + mixed[:54],
		"EAAA" + strings.Repeat("7", 30): "EAAA" + strings.Repeat("7", 30),
	})
}

// TestAirtableShape: "pat", 14 alphanumerics, a dot, 64 lower-case hex
// digits. Catches text that ends after the 14 read past its end.
func TestAirtableShape(t *testing.T) {
	a14, h64 := strings.Repeat("aB3c5D7", 2), strings.Repeat("0a1b2c3d", 8)
	tokenExact(t, map[string]string{
		"pat" + a14 + "." + h64:       "[REDACTED]",
		"pat" + a14:                   "pat" + a14,
		"pat" + a14[:13] + "x." + h64: "[REDACTED]",
		"pat" + a14 + "x." + h64:      "pat" + a14 + "x." + h64,
		"pat" + a14 + "." + h64[:63]:  "pat" + a14 + "." + h64[:63],
		"pat" + a14 + "." + h64 + "0": "pat" + a14 + "." + h64 + "0",
	})
}

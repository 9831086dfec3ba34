package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestScanBoundsGKeyWords pins the prefilter's reading of key words:
// upper-case letters after a word's first byte (camelCase), an acronym
// glued to the word after it, and a term that ends with a digit. Each
// key is masked only when the prefilter lets it through.
func TestScanBoundsGKeyWords(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A plain key: the first two bytes and length of a term word.
		{"password=hunter2", "password=[REDACTED]"},
		// Capitals after a lower-case first byte: only the capitals split.
		{"xTOKEN=Pq7Zx9Qw", "xTOKEN=[REDACTED]"},
		{"xPASSWORD=Pq7Zx9Qw", "xPASSWORD=[REDACTED]"},
		// An acronym glued to a term longer than two bytes.
		{"DBpassword=Pq7Zx9Qw", "DBpassword=[REDACTED]"},
		// The word after the acronym starts with 'a', the first lower-case letter.
		{"DBapikey=Pq7Zx9Qw", "DBapikey=[REDACTED]"},
		{"DBauth=Pq7Zx9Qw", "DBauth=[REDACTED]"},
	})
	zip := redact.Must(redact.Rule{Name: "t", Terms: []string{"zip"}})
	requirePairs(t, zip, []pairCase{
		// 'Z', the last capital, splits a camelCase key.
		{"homeZip=94107x", "homeZip=[REDACTED]"},
		{"myZip=abc123", "myZip=[REDACTED]"},
		// The word after an acronym starts with 'z', the last lower-case letter.
		{"HOMEzip=94107x", "HOMEzip=[REDACTED]"},
		{"DBzip=94107x", "DBzip=[REDACTED]"},
	})
	iban := redact.Must(redact.Rule{Name: "t", Terms: []string{"iban"}})
	requirePairs(t, iban, []pairCase{
		// The acronym whole is the term, at the start of the key (index 0)
		// and after a word.
		{"IBANexport=DE12x", "IBANexport=[REDACTED]"},
		{"ipIBANexport=DE12x", "ipIBANexport=[REDACTED]"},
	})
	// A term that ends with a digit, written with the digit apart: the
	// word before the digit passes.
	requirePairs(t, redact.Must(redact.Rule{Name: "t", Terms: []string{"track1"}}), []pairCase{
		{"track_1=abc123xyz", "track_1=[REDACTED]"},
	})
	requirePairs(t, redact.Must(redact.PCIDSS), []pairCase{
		{"track_1=abc123xyz", "track_1=[REDACTED]"},
	})
}

// TestScanBoundsGAfterEscapes pins the words the prefilter reads right
// after an escape sequence: one at the start of the text, the second of
// two escapes, an escape after an escaped backslash, a token after one.
func TestScanBoundsGAfterEscapes(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// Two escapes: the key is after the second (checked first: an edit
		// that stops at the first occurrence must fail here, not loop).
		{`msg\tx\npassword=hunter2`, `msg\tx\npassword=[REDACTED]`},
		// A backslash right before the escape's backslash.
		{`msg\\npassword=hunter2`, `msg\\npassword=[REDACTED]`},
		// An escape at index 0.
		{`\npassword=hunter2`, `\npassword=[REDACTED]`},
		{`\tpassword=hunter2`, `\tpassword=[REDACTED]`},
		{`%20password=hunter2`, `%20password=[REDACTED]`},
	})
	a36 := strings.Repeat("aB3", 12)
	requirePairs(t, only(redact.DetectTokens), []pairCase{
		// A catalog token right after an escape, more than 10 bytes before the end.
		{`log\nghp_` + a36 + " end", `log\n[REDACTED] end`},
		{"log%20ghp_" + a36 + " end", "log%20[REDACTED] end"},
	})
}

// TestScanBoundsGTokenStarts pins where catalog and marker tokens are
// looked for: a token that starts far from the end of the text, one that
// starts with '_', a text shorter than 10 bytes with '_', and the bounds
// of the Freemius, Azure, Telegram and OpenAI forms.
func TestScanBoundsGTokenStarts(t *testing.T) {
	a36 := strings.Repeat("aB3", 12)
	requirePairs(t, only(redact.DetectTokens), []pairCase{
		// A token at index 0 and one inside the text.
		{"ghp_" + a36, "[REDACTED]"},
		{"see ghp_" + a36 + " now", "see [REDACTED] now"},
		// A prefix that starts with '_', after a space.
		{"x _gitlab_session=Qq" + strings.Repeat("a1", 15) + " y", "x [REDACTED] y"},
		// A Freemius key of 29 bytes, then DEL (0x7f, not printable).
		{"key sk_aB3dE6gH9jK2mN5pQ8rS1tU4vW7xY\x7f", "key [REDACTED]\x7f"},
		{"key sk_aB3dE6gH9jK2mN5pQ8rS1tU4vW7xY end", "key [REDACTED] end"},
		// "Q~" at index 0, then an Azure AD client secret.
		{"Q~ then abc1Q~" + strings.Repeat("aB3", 11) + " end", "Q~ then [REDACTED] end"},
		// ":A" at index 0, then a Telegram bot token.
		{":A then 123456789:A" + strings.Repeat("aB3", 11) + "x end", ":A then [REDACTED] end"},
		// An OpenAI key around its marker; a marker with too few bytes
		// before it that reach back to index 0.
		{"key sk-" + strings.Repeat("aB3d", 5) + "T3BlbkFJ" + strings.Repeat("aB3d", 5) + " end", "key [REDACTED] end"},
		{"abcT3BlbkFJxyz and some more text to reach forty-eight bytes", "abcT3BlbkFJxyz and some more text to reach forty-eight bytes"},
	})
	// A text of fewer than 10 bytes with '_': no token fits.
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"a_b", "a_b"},
		{"a_b_c_d", "a_b_c_d"},
	})
}

// TestScanBoundsGMaskSnap pins how a span that cuts into a mask already in
// the text is widened to the whole mask, and how a span next to a mask is
// not.
func TestScanBoundsGMaskSnap(t *testing.T) {
	a36 := strings.Repeat("aB3", 12)
	requirePairs(t, only(redact.DetectTokens), []pairCase{
		// A token right before and right after a mask.
		{"ghp_" + a36 + "[REDACTED]", "[REDACTED][REDACTED]"},
		{"[REDACTED]ghp_" + a36, "[REDACTED][REDACTED]"},
	})
	for _, tc := range []struct {
		in     string
		ranges [][2]int
		want   string
	}{
		// A span over a mask's last byte, and one over its first.
		{"x[REDACTED]yz", [][2]int{{10, 13}}, "x[REDACTED]"},
		{"ab[REDACTED]cd", [][2]int{{0, 3}}, "[REDACTED]cd"},
	} {
		d := redact.DetectorFunc("fixed", func(string) [][2]int { return tc.ranges })
		got, _ := only(d).String(tc.in)
		require.Equal(t, tc.want, got, "%q", tc.in)
	}
}

// TestScanBoundsGUnescape pins the escapes of a string literal and HTML's
// numeric character references: a \x without hex digits, a reference
// whose digits end the text, one of six digits and one of seven.
func TestScanBoundsGUnescape(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// \x without hex digits is no escape.
		{`{"password":"a\xZZb"} \x22`, `{"password":"[REDACTED]"} \x22`},
		// Digits up to the end of the text.
		{"password=hunter2 &#123", "password=[REDACTED] &#123"},
		// &#61; is '=': the decoded text holds password=….
		{"password&#61;hunter2", "password&#61;[REDACTED]"},
		// Six digits are read, seven are not.
		{"password&#000061;hunter2", "password&#000061;[REDACTED]"},
		{"password&#0000061;hunter2", "password&#0000061;hunter2"},
	})
}

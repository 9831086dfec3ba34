package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestWordsAfterEveryEscape: a word right after each escape sequence of
// quoted or encoded text (\n, \t, \r, \xHH, \uHHHH, %HH) starts there,
// though a letter or a digit ends the escape: a card number, a token
// written right after one are masked (and an SSN, a phone number, an
// IBAN), and the escape is kept. An escape cut
// short by the end of the text is no escape, and costs nothing else.
func TestWordsAfterEveryEscape(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.PCIDSS, redact.GDPR)
	const card, token = "4111111111111111", "ghp_Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN"
	const ssn, phone, iban = "536-90-4399", "+14155552671", "DE89370400440532013000"
	for _, esc := range []string{`\n`, `\t`, `\r`, `\x20`, `\x0a`, `\u0020`, `\u000A`, "%20", "%0A"} {
		for _, secret := range []string{card, token, ssn, phone, iban} {
			in := "row" + esc + secret
			want := "row" + esc + redact.DefaultMask
			if got, _ := r.String(in); got != want {
				t.Errorf("String(%q) = %q, want %q", in, got, want)
			}
		}
	}
	for _, cut := range []string{`\x2`, `\x`, `\u002`, `\u00`, `\u`, "%2", "%", `\`} {
		in := "card " + card + " " + cut
		want := "card " + redact.DefaultMask + " " + cut
		if got, _ := r.String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
		in = "id" + cut
		if got, _ := r.String(in); got != in || strings.Contains(got, redact.DefaultMask) {
			t.Errorf("String(%q) = %q: an escape cut short changed the text", in, got)
		}
	}
}

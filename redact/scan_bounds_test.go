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
	for _, esc := range []string{`\n`, `\x20`, `\u0020`, "%20"} { // the escape at the very start
		in := esc + card
		if got, _ := r.String(in); got != esc+redact.DefaultMask {
			t.Errorf("String(%q) = %q, want %q", in, got, esc+redact.DefaultMask)
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

// TestEscapedPairsEveryForm: a pair whose quotes or '=' are written as
// escapes or HTML references is found in the unescaped text, for each form
// the gate recognises, at the very start of the text, after a doubled
// backslash, and with an '&' or a cut escape ending the text.
func TestEscapedPairsEveryForm(t *testing.T) {
	r := redact.Must(redact.Credentials)
	const pw = "Zx9QwErT"
	for _, in := range []string{
		`\u0022password\u0022:\u0022` + pw + `\u0022`,
		`x {\x22password\x22:\x22` + pw + `\x22}`,
		`x {\x27password\x27:\x27` + pw + `\x27}`,
		`password\x3d` + pw + ` next`,
		`password\u003d` + pw + ` next`,
		`a\\ b {\u0022password\u0022:\u0022` + pw + `\u0022}`,
		`{&apos;password&apos;: &apos;` + pw + `&apos;}`,
		`{&#34;password&#34;: &#34;` + pw + `&#34;}`,
		`{&quot;password&quot;: &quot;` + pw + `&quot;} &`,
		`x &&{&quot;password&quot;: &quot;` + pw + `&quot;}`,
		`{\u0022password\u0022:\u0022` + pw + `\u0022} \`,
		`{&#34;password&#34;: &#34;` + pw + `&#34;} &#34`,
	} {
		got, _ := r.String(in)
		if strings.Contains(got, pw) {
			t.Errorf("String(%q) = %q: the password leaked", in, got)
		}
		if got == redact.DefaultMask {
			t.Errorf("String(%q): the whole text was masked, not the password", in)
		}
	}
	for _, in := range []string{`password is set \u0`, `password is set &`, `password is set \x`} {
		if got, _ := r.String(in); got != in {
			t.Errorf("String(%q) = %q: an escape cut short by the end changed the text", in, got)
		}
	}
}

// TestBoundsAddMask: GitHub Actions' ::add-mask:: declares the rest of its
// line secret: at the start of the text, after other text, up to the end of
// the text or a line break or quote; an empty value is no span.
func TestBoundsAddMask(t *testing.T) {
	checkBounds(t, redact.DetectTokens, []boundCase{
		{"::add-mask::Sk9Secret1", "::add-mask::[REDACTED]", "at the very start, to the end"},
		{"echo ::add-mask::Sk9Secret1\nnext", "echo ::add-mask::[REDACTED]\nnext", "after text, to a line break"},
		{`run "::add-mask::Sk9Secret1" done`, `run "::add-mask::[REDACTED]" done`, "to a quote"},
		{"echo ::add-mask::", "echo ::add-mask::", "an empty value"},
		{"hubspot pat-na1", "hubspot pat-na1", "a HubSpot prefix cut short by the end"},
	})
}

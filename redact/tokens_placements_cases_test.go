package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestTokenCasesMaskedWholeInEveryPlacement: each generated token of
// tokenCases (the prefixed formats and those known by a marker inside
// them) in a URL path segment, a query value, after '#', in quotes, after
// "Bearer " and before punctuation is masked whole, the text around it
// kept.
func TestTokenCasesMaskedWholeInEveryPlacement(t *testing.T) {
	r := redact.Must(redact.Credentials)
	placements := []struct{ name, before, after string }{
		{"url path segment", "PUT https://api.example.net/v2/", "/items 201"},
		{"query value", "GET https://api.example.net/cb?state=", "&mode=full 302"},
		{"fragment", "redirect https://app.example.net/done#", " followed"},
		{"double quotes", `token "`, `" loaded`},
		{"single quotes", "token '", "' loaded"},
		{"bearer", "retry with Bearer ", " failed"},
		{"before period", "expired ", ". Renew it"},
		{"before comma", "expired ", ", renewing"},
		{"before parenthesis", "(expired ", ") renewing"},
		{"before semicolon", "expired ", "; renewing"},
	}
	for _, tc := range tokenCases() {
		tok := tc.token
		if strings.Contains(tok, "://") || strings.Contains(tok, " ") {
			continue // a whole URL or a line has its own tests
		}
		for _, p := range placements {
			after := p.after
			if after[0] == '/' || after[0] == '.' {
				// A body that may hold '/' or '.' (a format of any
				// URL-safe bytes) runs on through them, none of it
				// left: only the next word must be kept.
				word := after[:strings.IndexByte(after, ' ')]
				if got, _ := r.String("x " + tok + word + " y"); !strings.Contains(got, word+" y") {
					after = after[strings.IndexByte(after, ' '):]
				}
			}
			in := p.before + tok + p.after
			got, _ := r.String(in)
			if !strings.HasPrefix(got, p.before) || !strings.HasSuffix(got, after) {
				t.Errorf("%s %s: %q -> %q, the text around the token is lost", tc.family, p.name, in, got)
				continue
			}
			mid := got[len(p.before) : len(got)-len(after)]
			for i := 0; i+8 <= len(tok); i += 4 {
				if strings.Contains(mid, tok[i:i+8]) {
					t.Errorf("%s %s: %q -> %q, %q of the token is left", tc.family, p.name, in, got, tok[i:i+8])
					break
				}
			}
		}
	}
}

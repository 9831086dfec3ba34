package redact

import (
	"fmt"
	"strings"
	"testing"
)

// tokenPlacements are the places a token is written in a log line: a URL
// path segment, a query value, a fragment, quotes, an Authorization
// header and before punctuation. Each is the text before the token and the
// text after it.
var tokenPlacements = []struct{ name, before, after string }{
	{"url path segment", "POST https://h.example/a/", "/b 200"},
	{"query value", "GET https://h.example/cb?k=", "&x=1 200"},
	{"fragment", "open https://h.example/cb#", " now"},
	{"double quotes", `cfg "`, `" set`},
	{"single quotes", "cfg '", "' set"},
	{"bearer", "sent with Bearer ", " ok"},
	{"before period", "rotated ", ". Done"},
	{"before comma", "rotated ", ", then"},
	{"before parenthesis", "(rotated ", ") then"},
	{"before semicolon", "rotated ", "; then"},
}

// TestCatalogTokensMaskedWholeInEveryPlacement: one token of each catalog
// format, in each of tokenPlacements, is masked whole and the text around
// it is kept. Formats whose sample is not a bare token (a query or path
// around it) are left to their own tests.
func TestCatalogTokensMaskedWholeInEveryPlacement(t *testing.T) {
	r := Must(Credentials)
	tried := 0
	for _, f := range tokenFormats {
		tok := catalogSample(f)
		if !strings.HasPrefix(tok, f.prefix) {
			continue
		}
		base := "sync used " + tok + " today"
		if sp := findTokens(base, nil); len(sp) != 1 || base[sp[0].start:sp[0].end] != tok {
			continue
		}
		tried++
		for _, p := range tokenPlacements {
			in := p.before + tok + p.after
			got, _ := r.String(in)
			name := fmt.Sprintf("%s %q %s", f.family, f.prefix, p.name)
			after := p.after
			if (after[0] == '/' || after[0] == '.') && runsThrough(tok, after[:1]) {
				// A body that may hold '/' and '.' runs on through
				// them (no part of it is left): only the next word
				// must be kept.
				after = after[strings.IndexByte(after, ' '):]
			}
			if !strings.HasPrefix(got, p.before) || !strings.HasSuffix(got, after) {
				t.Errorf("%s: %q -> %q, the text around the token is lost", name, in, got)
				continue
			}
			if leak := tokenRemnant(got[len(p.before):len(got)-len(after)], tok); leak != "" {
				t.Errorf("%s: %q -> %q, %q of the token is left", name, in, got, leak)
			}
		}
	}
	if tried < len(tokenFormats)*7/10 {
		t.Errorf("only %d of %d formats have a bare sample: the samples are wrong", tried, len(tokenFormats))
	}
}

// tokenRemnant returns a piece of tok of 6 bytes or more (or tok's last
// bytes) found in masked, or "".
func tokenRemnant(masked, tok string) string {
	const n = 6
	if len(tok) <= n {
		if strings.Contains(masked, tok) {
			return tok
		}
		return ""
	}
	for i := 0; i+n <= len(tok); i++ {
		if strings.Contains(masked, tok[i:i+n]) {
			return tok[i : i+n]
		}
	}
	return ""
}

// runsThrough reports whether the token search reads tok followed by
// sep and a letter as one token: a format whose body may hold sep.
func runsThrough(tok, sep string) bool {
	text := "x " + tok + sep + "b y"
	sp := findTokens(text, nil)
	return len(sp) == 1 && sp[0].end > len("x ")+len(tok)
}

package redact

import (
	"os"
	"strings"
	"testing"
)

// TestDocListsPresets: the package documentation lists every term and
// detector of every preset, so that it cannot fall behind the data.
func TestDocListsPresets(t *testing.T) {
	data, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Join(strings.Fields(strings.ReplaceAll(string(data), "//", " ")), " ")
	for name, p := range Presets {
		for _, term := range p.Terms {
			if !strings.Contains(doc, " "+term+",") && !strings.Contains(doc, " "+term+".") {
				t.Errorf("preset %s: term %q is not in the package documentation", name, term)
			}
		}
		for _, d := range p.Detectors {
			if !strings.Contains(doc, d.Name) {
				t.Errorf("preset %s: detector %q is not in the package documentation", name, d.Name)
			}
		}
	}
}

// TestDocListsTokenFamilies: every family of the token catalog is named in
// the package documentation.
func TestDocListsTokenFamilies(t *testing.T) {
	data, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	norm := func(s string) string {
		var b strings.Builder
		for _, c := range strings.ToLower(s) {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	doc := norm(string(data))
	for _, f := range tokenFormats {
		if !strings.Contains(doc, norm(f.family)) {
			t.Errorf("token family %q is not in the package documentation", f.family)
		}
	}
}

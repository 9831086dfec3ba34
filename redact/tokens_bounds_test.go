package redact

import (
	"strings"
	"testing"
)

// TestMixedCaseBounds: mixedCase counts every letter from A to Z and from a
// to z, and no byte next to those ranges.
func TestMixedCaseBounds(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"Az", true}, {"Za", true}, {"aA", true}, {"zZ", true},
		{"@z", false}, {"[z", false}, {"A`", false}, {"A{", false}, {"AZ", false}, {"az", false},
	} {
		if got := mixedCase(tc.s); got != tc.want {
			t.Errorf("mixedCase(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestTokenBoundsAtTheEnd: the Facebook prefixes run from EAAB to EAAZ
// (EAAA is Square's); a Yandex IAM token that ends the text is masked whole.
func TestTokenBoundsAtTheEnd(t *testing.T) {
	r := Must(Credentials)
	body := strings.Repeat("Fz9Lq2WmTk", 10)
	for _, p := range []string{"EAAB", "EAAZ"} {
		in := "fb " + p + body
		if got, _ := r.String(in); got != "fb "+DefaultMask {
			t.Errorf("String(%q) = %q", in, got)
		}
	}
	yandex := "t1.Fz9Lq2WmTk-Q0Zx7Pa==." + strings.Repeat("B3cD4eF5gH", 9)
	if got, _ := r.String("iam " + yandex); got != "iam "+DefaultMask {
		t.Errorf("String(%q) = %q", "iam "+yandex, got)
	}
}

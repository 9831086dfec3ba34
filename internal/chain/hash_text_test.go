package chain

import (
	"strings"
	"testing"
)

// A hash's text has one form per version: from V2 on, hex is lowercase,
// as the writer emits it, so that changing a digit's case changes what
// the line says and is caught, although the bytes decode the same. V1 is
// read as it always was.
func TestParseHashCase(t *testing.T) {
	lower := "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
	cases := []struct {
		name string
		v    Version
		text string
		ok   bool
	}{
		{"v2 lowercase", V2, lower, true},
		{"v2 one uppercase digit", V2, strings.Replace(lower, "e", "E", 1), false},
		{"v2 last digit uppercase", V2, lower[:63] + "F", false},
		{"v2 all uppercase", V2, strings.ToUpper(lower), false},
		{"v1 lowercase", V1, lower, true},
		{"v1 uppercase, read as before", V1, strings.ToUpper(lower), true},
	}
	want, err := ParseHash(lower)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.v.ParseHash(tc.text)
			if (err == nil) != tc.ok {
				t.Fatalf("ParseHash(%q) error = %v, want ok %v", tc.text, err, tc.ok)
			}
			if tc.ok && got != want {
				t.Fatalf("ParseHash(%q) = %x, want %x", tc.text, got, want)
			}
		})
	}
}

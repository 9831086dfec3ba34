package slogaudit

import (
	"strings"
	"testing"
)

// TestUnderscored: the name of a repeated key is the key after n "_",
// for n below, at and past the run it copies from, and any key.
func TestUnderscored(t *testing.T) {
	for _, key := range []string{"", "id", "_id", "é", "a\"b"} {
		for _, n := range []int{1, 2, 63, 64, 65, 127, 128, 129, 1000} {
			if got, want := underscored(n, key), strings.Repeat("_", n)+key; got != want {
				t.Errorf("underscored(%d, %q) = %q (%d bytes), want %d bytes", n, key, got, len(got), len(want))
			}
		}
	}
}

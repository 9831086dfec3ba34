//go:build !race

package redact

import (
	"strings"
	"testing"
)

// TestKeyBoundsFoldingAllocatesNothing: an ASCII key of up to 256 bytes
// (of up to 32 words) is folded to lower case in a buffer on the stack:
// judging it allocates nothing, at 256 bytes too (a longer key is folded
// by strings.ToLower).
func TestKeyBoundsFoldingAllocatesNothing(t *testing.T) {
	t.Cleanup(PrefilterCheckOff())
	r := Must(Rule{Name: "t", Terms: []string{"password"}})
	for _, key := range []string{"Note", "API_Key_Hint",
		"A" + strings.Repeat("a", 255), strings.Repeat("Abcdefghijklmnop_", 15) + "A"} {
		if n := testing.AllocsPerRun(100, func() { r.judgeKey(key) }); n != 0 {
			t.Errorf("judging a plain key of %d bytes allocates %.1f times, want 0", len(key), n)
		}
	}
}

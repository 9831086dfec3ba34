package redact

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// countingRedactor returns a Redactor whose only detector finds nothing
// and counts how often it is asked, so that a test can see which strings
// the clean-string cache answers without a scan.
func countingRedactor() (*Redactor, *int) {
	calls := new(int)
	d := DetectorFunc("count", func(string) [][2]int { *calls++; return nil })
	return Must(Rule{Detectors: []Detector{d}}), calls
}

// TestCleanCacheRemembers: a clean string is scanned the first two times
// it is seen at an address and answered from the cache after that, in any
// slot (slot 0 included) and up to 256 bytes; a longer string is scanned
// every time; distinct strings use distinct slots.
func TestCleanCacheRemembers(t *testing.T) {
	t.Cleanup(PrefilterCheckOff()) // the check scans every string a second time
	seen := func(r *Redactor, s string, times int) {
		for range times {
			got, masked := r.String(s)
			require.Equal(t, s, got)
			require.False(t, masked)
		}
	}
	long := strings.Repeat("x", 300)
	for _, tc := range []struct {
		name  string
		s     string
		scans int // of five String calls
	}{
		{"short", "request handled", 2},
		{"256 bytes", long[:256], 2},
		{"257 bytes", long[:257], 5},
		{"300 bytes", long, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, calls := countingRedactor()
			seen(r, tc.s, 5)
			require.Equal(t, tc.scans, *calls)
		})
	}

	t.Run("slot 0", func(t *testing.T) {
		// Strings at new addresses until one falls in slot 0 (1 in 1024).
		var s string
		for i := 0; i < 1<<16; i++ {
			c := string([]byte("clean text for slot zero"))
			if j, _ := (&Redactor{}).cleanSlot(c); j == 0 {
				s = c
				break
			}
		}
		require.NotEmpty(t, s, "no string fell in slot 0")
		r, calls := countingRedactor()
		seen(r, s, 5)
		require.Equal(t, 2, *calls)
	})

	t.Run("distinct strings", func(t *testing.T) {
		r, calls := countingRedactor()
		texts := make([]string, 64)
		for i := range texts {
			texts[i] = strings.Repeat("clean ", 1+i%8) + string(rune('a'+i%26)) + strings.Repeat("!", i/26)
		}
		for range 3 {
			for _, s := range texts {
				seen(r, s, 1)
			}
		}
		// 2 scans each when every string has its own slot, 3 for each that
		// collides with an earlier one (first come, first served): a few
		// collisions among 64 strings in 1024 slots, not dozens.
		require.Less(t, *calls, 2*len(texts)+len(texts)/2)
	})
}

package slogaudit

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
)

// sign returns -1, 0 or 1 as c is negative, zero or positive.
func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

// TestCompareKeysMatchesChain: compareKeys orders any two keys as
// chain.CompareKeys does, for keys that share long prefixes of "_" (the
// names of a repeated key) and differ at, before or after a 32-byte
// boundary, in ASCII, inside multi-byte characters (where UTF-16 orders
// U+E000–U+FFFF after supplementary characters), in invalid UTF-8, or
// where one key is a prefix of the other.
func TestCompareKeysMatchesChain(t *testing.T) {
	tails := []string{"", "a", "b", "id", "_id", "Z", "\x00", "\x7f", "é", "ê", "\uE000", "\uFFFF", "\U0001F642", "\U00010000", "\xc3", "\xc3\x80", "\x80", "\xff", "\uFFFD"}
	rng := rand.New(rand.NewPCG(1, 2))
	key := func() string {
		var b strings.Builder
		b.WriteString(strings.Repeat("_", []int{0, 1, 31, 32, 33, 63, 64, 65, 100}[rng.IntN(9)]+rng.IntN(2)))
		for range rng.IntN(3) {
			b.WriteString(tails[rng.IntN(len(tails))])
		}
		return b.String()
	}
	for range 200000 {
		a, b := key(), key()
		if rng.IntN(4) == 0 {
			b = a + tails[rng.IntN(len(tails))]
		}
		if got, want := sign(compareKeys(a, b)), sign(chain.CompareKeys(a, b)); got != want {
			t.Fatalf("compareKeys(%q, %q) = %d, chain.CompareKeys = %d", a, b, got, want)
		}
	}
}

package redact

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestKeyCacheBound: a key is judged (its detectors run on it) once, then
// answered from the cache, until the cache holds maxCachedKeys keys; a key
// after that is judged every time it is seen.
func TestKeyCacheBound(t *testing.T) {
	t.Cleanup(PrefilterCheckOff()) // the check scans every string a second time
	r, calls := countingRedactor()
	r.verdict("user")
	r.verdict("user")
	require.Equal(t, 1, *calls, "a key is judged once")
	for i := 1; i < maxCachedKeys; i++ { // "user" is the first
		r.verdict("k" + strconv.Itoa(i))
	}
	require.Equal(t, maxCachedKeys, *calls)
	r.verdict("k1")
	require.Equal(t, maxCachedKeys, *calls, "the last key that fits is remembered")
	r.verdict("one too many")
	r.verdict("one too many")
	require.Equal(t, maxCachedKeys+2, *calls, "a key past the bound is judged every time")
}

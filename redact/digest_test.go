package redact

import (
	"encoding/hex"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestDigestsAreNotTokens guards hex digests against token formats whose
// prefix is made of hex digits ("4b1d…" is a ClickHouse key, "EAAA…" a
// Square token): a SHA-256 or MAC in hex that happens to start with such a
// prefix is an ordinary value. slogaudit writes such digests into every
// record, and masking one would break its chain.
func TestDigestsAreNotTokens(t *testing.T) {
	var all []Rule
	for _, p := range Presets {
		all = append(all, p)
	}
	r := Must(all...)
	rng := rand.New(rand.NewPCG(1, 2))
	var digests []string
	for _, f := range tokenFormats {
		if !isHex(f.prefix) {
			continue
		}
		for _, lower := range []bool{true, false} {
			b := make([]byte, 30)
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			d := f.prefix + hex.EncodeToString(b)
			if !lower {
				d = strings.ToUpper(d)
			}
			digests = append(digests, d)
		}
	}
	if len(digests) == 0 {
		t.Fatal("no token format has a hex prefix: the test guards nothing")
	}
	for range 2000 {
		b := make([]byte, 32)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		digests = append(digests, hex.EncodeToString(b))
	}
	for _, d := range digests {
		for _, s := range []string{d, "hash " + d, `"prev":"` + d + `"`} {
			if got := r.Message(s); got != s {
				t.Errorf("%q masked: %q", s, got)
			}
		}
		if a, _ := r.Attr([]string{"audit"}, slog.String("hash", d)); a.Value.String() != d {
			t.Errorf("attr hash=%q masked: %q", d, a.Value.String())
		}
	}
}

package main

import (
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

// TestOverloadShort runs each policy briefly: the invariant holds, Block
// drops nothing, the drop policies drop, and memory stays bounded.
func TestOverloadShort(t *testing.T) {
	for _, p := range []slogcore.Overflow{slogcore.Block, slogcore.DropNewest, slogcore.DropOldest} {
		r := run(p, 300*time.Millisecond, 20000)
		s := r.stats
		if s.Submitted != s.Written+s.Dropped+s.Failed || uint64(r.written) != s.Written {
			t.Errorf("%v: accounting broken: %+v, sink saw %d", p, s, r.written)
		}
		if p == slogcore.Block && s.Dropped != 0 {
			t.Errorf("Block dropped %d records", s.Dropped)
		}
		if p != slogcore.Block && s.Dropped == 0 {
			t.Errorf("%v dropped nothing at 10x the sink's rate", p)
		}
		if r.heapMax > 256<<20 {
			t.Errorf("%v: heap reached %d bytes", p, r.heapMax)
		}
	}
}

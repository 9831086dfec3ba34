//go:build !race

package slogcore

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"testing"
)

// mallocsPer returns the heap allocations per call of f over n calls,
// counted on every goroutine (the worker's included), after then runs.
// testing.AllocsPerRun is not used because it sets GOMAXPROCS to 1, which
// keeps the worker from recycling entries while the caller runs.
func mallocsPer(n int, f, then func()) float64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		f()
	}
	then()
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(n)
}

// TestAllocsPerRecord pins the handler's allocations: in steady state New
// adds none to what slog's front end allocates for the same call.
func TestAllocsPerRecord(t *testing.T) {
	ctx := context.Background()
	noop := slog.New(noopHandler{})
	base := mallocsPer(20000, func() { logTen(ctx, noop) }, func() {})

	// A small queue: the warm-up then surely reaches the deepest queue and
	// so allocates every entry the handler will ever use.
	h := New(io.Discard, &Options{QueueSize: 64})
	defer h.Close(ctx)
	l := slog.New(h)
	flush := func() { _ = h.Flush(ctx) }
	mallocsPer(20000, func() { logTen(ctx, l) }, flush) // warm the pool and buffers
	got := mallocsPer(20000, func() { logTen(ctx, l) }, flush)
	// A garbage collection empties sync.Pool; allow for refilling it.
	if got > base+0.05 {
		t.Fatalf("New allocates %.3f per record, the no-op handler %.3f: want no added allocation", got, base)
	}
	t.Logf("allocs per record: New %.3f, no-op handler %.3f", got, base)
}

//go:build !race

package redact_test

import (
	"context"
	"io"
	"log/slog"
	"math"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
)

// nopHandler is enabled and does nothing: the cost of slog's front end.
type nopHandler struct{}

func (nopHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (nopHandler) Handle(context.Context, slog.Record) error { return nil }
func (h nopHandler) WithAttrs([]slog.Attr) slog.Handler      { return h }
func (h nopHandler) WithGroup(string) slog.Handler           { return h }

// TestCleanValuesAllocateNothing: the redactor allocates nothing for a
// clean nested map or a clean string, constant or built at run time.
func TestCleanValuesAllocateNothing(t *testing.T) {
	t.Cleanup(redact.PrefilterCheckOff())
	r := redact.Must(redact.Credentials, redact.PCIDSS, redact.GDPR, redact.HIPAA)
	a := slog.Any("body", map[string]any{"request": map[string]any{"id": "r-1",
		"account": map[string]any{"user": "bob", "plan": "pro", "seats": 12, "tags": []any{"a", "b"}}}})
	if n := testing.AllocsPerRun(1000, func() { r.Attr(nil, a) }); n != 0 {
		t.Fatalf("redacting a clean nested map allocates %.1f times, want 0", n)
	}
	for _, s := range []string{"/api/v1/orders/12345?page=2", "token refreshed for tenant 42", "GET /healthz 200 in 12ms",
		"trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7"} {
		dynamic := string([]byte(s))
		if n := testing.AllocsPerRun(1000, func() { r.String(s) }); n != 0 {
			t.Fatalf("redacting the clean constant %q allocates %.1f times, want 0", s, n)
		}
		i := 0
		if n := testing.AllocsPerRun(1000, func() {
			i++
			r.String(dynamic[:len(dynamic)-i%2]) // a new length: a new identity for the cache
		}); n != 0 {
			t.Fatalf("redacting the clean text %q allocates %.1f times, want 0", s, n)
		}
	}
}

// TestSecretAllocatesOnlyWhatItMasks: a string with one secret costs the
// spans found and the new string; a masked scalar under a key costs
// nothing more than the clean record in the middleware.
func TestSecretAllocatesOnlyWhatItMasks(t *testing.T) {
	t.Cleanup(redact.PrefilterCheckOff())
	r := redact.Must(redact.Credentials)
	s := "dial postgres://app:Pw5xZ@db:5432/orders failed"
	if n := testing.AllocsPerRun(1000, func() { r.String(s) }); n > 2 {
		t.Fatalf("masking one secret in a string allocates %.1f times, want at most 2 (spans, result)", n)
	}
	ctx := context.Background()
	bare := slog.New(nopHandler{})
	l := slog.New(redact.NewHandler(nopHandler{}, r))
	logKey := func(l *slog.Logger) {
		l.LogAttrs(ctx, slog.LevelInfo, "m", slog.String("user", "bob"), slog.String("password", "hunter2-Xq"))
	}
	base := testing.AllocsPerRun(1000, func() { logKey(bare) })
	if got := testing.AllocsPerRun(1000, func() { logKey(l) }); got > base {
		t.Fatalf("a masked key costs %.1f allocations, the bare handler %.1f", got, base)
	}
}

// TestMiddlewareCleanRecordAllocatesNothing: NewHandler passes a clean
// record on without allocating, for constant and run-time strings.
func TestMiddlewareCleanRecordAllocatesNothing(t *testing.T) {
	t.Cleanup(redact.PrefilterCheckOff())
	ctx := context.Background()
	bare := slog.New(nopHandler{})
	l := slog.New(redact.NewHandler(nopHandler{}, nil))
	i := 1000 // strconv.Itoa allocates from 100 on: the same in both runs
	for name, log := range map[string]func(*slog.Logger){
		"const":   func(l *slog.Logger) { logClean(ctx, l) },
		"dynamic": func(l *slog.Logger) { i++; logDynamic(ctx, l, i) },
	} {
		base := testing.AllocsPerRun(1000, func() { log(bare) })
		if got := testing.AllocsPerRun(1000, func() { log(l) }); got > base {
			t.Fatalf("%s: NewHandler allocates %.1f per clean record, the bare handler %.1f", name, got, base)
		}
	}
}

// mallocsPer returns the heap allocations per call of f over n calls,
// counted on every goroutine (slogcore's worker included), after then.
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

// TestSlogcoreRedactionAddsNoAllocation: slogcore.New with redaction on
// allocates what it allocates with redaction off, for clean records.
func TestSlogcoreRedactionAddsNoAllocation(t *testing.T) {
	t.Cleanup(redact.PrefilterCheckOff())
	ctx := context.Background()
	per := func(r *redact.Redactor, dynamic bool) float64 {
		h := slogcore.New(io.Discard, &slogcore.Options{QueueSize: 64, Redact: r})
		defer h.Close(ctx)
		l := slog.New(h)
		flush := func() { _ = h.Flush(ctx) }
		i := 0
		log := func() {
			if dynamic {
				i++
				logDynamic(ctx, l, i)
			} else {
				logClean(ctx, l)
			}
		}
		mallocsPer(20000, log, flush) // warm the pool and buffers
		// No garbage collection while counting: one would empty the
		// sync.Pools, and refilling them would be counted as allocations
		// of the records. What the worker allocates when the scheduler
		// wakes it more or less often is noise that only adds: the
		// fewest of three counts is the records' own.
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
		least := math.Inf(1)
		for range 3 {
			least = min(least, mallocsPer(20000, log, flush))
		}
		return least
	}
	for _, dynamic := range []bool{false, true} {
		off, on := per(redact.Disabled, dynamic), per(nil, dynamic)
		t.Logf("dynamic=%v: allocs per record off %.3f, on %.3f", dynamic, off, on)
		// The clean-string cache remembers a string seen twice at one
		// address: one allocation per slot, at most 1,024 over a
		// Redactor's life. Strings built per record land at addresses
		// the heap used before, and fill slots over the first records.
		if allowance := 1024.0 / 20000; on > off+allowance+0.01 {
			t.Errorf("dynamic=%v: redaction adds %.3f allocations per clean record", dynamic, on-off)
		}
	}
}

// TestNewKeysAllocateLittle: judging a key never seen costs no allocation
// of its own (only the cache's growth, amortised), so a record with many
// distinct keys allocates in proportion to nothing but the cache.
func TestNewKeysAllocateLittle(t *testing.T) {
	t.Cleanup(redact.PrefilterCheckOff())
	r := redact.Must(redact.Credentials, redact.PCIDSS, redact.GDPR)
	keys := make([]string, 5000)
	for i := range keys {
		keys[i] = "field_" + strconv.Itoa(i) + "_name"
	}
	i := 0
	n := testing.AllocsPerRun(len(keys)-1, func() {
		r.Scalar(nil, keys[i], slog.StringValue("v"))
		i++
	})
	if n != 0 { // AllocsPerRun truncates: 0 means under one allocation per key
		t.Fatalf("a new key allocates %.2f times, want under 1 (cache growth only)", n)
	}
	t.Logf("allocations per new key: %.3f", n)
}

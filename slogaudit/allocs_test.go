//go:build !race

package slogaudit

import (
	"io"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/slogcore"
)

// TestFileHandlerAllocs pins the allocations per record of File's handler
// (HMAC, writes discarded) to those of slog.JSONHandler for the same
// record: the record's nodes, bytes and time member come from the pooled
// arena.
func TestFileHandlerAllocs(t *testing.T) {
	for _, sc := range []string{scenarioTen, scenarioContext, scenarioStatic} {
		t.Run(sc, func(t *testing.T) {
			h, closeFn := fileHandler(t, discardFile(t))
			defer closeFn()
			logFile := scenarioLog(h, sc)
			logJSON := scenarioLog(slog.NewJSONHandler(io.Discard, nil), sc)
			logFile() // audit.start, the pool's first scratch
			got := fewestAllocs(logFile)
			want := fewestAllocs(logJSON)
			if got > want {
				t.Errorf("File's handler: got %v allocations per record, want at most slog.JSONHandler's %v", got, want)
			}
		})
	}
}

// fewestAllocs returns the fewest allocations per call of f in three
// counts: a garbage collection that empties the pool between two calls
// costs one, which is not the handler's.
func fewestAllocs(f func()) float64 {
	least := testing.AllocsPerRun(200, f)
	for range 2 {
		least = min(least, testing.AllocsPerRun(200, f))
	}
	return least
}

// TestWrapAllocs pins what Wrap over slog.JSONHandler (HMAC) allocates per
// record beyond JSONHandler itself: the audit member's hex digits (one
// string for the hash and the MAC), and the record's attrs past the five
// a slog.Record holds inline. The audit member's attrs are reused (a
// JSONHandler keeps nothing of a record), and With attrs are handed to
// JSONHandler once, at With, not with every record.
func TestWrapAllocs(t *testing.T) {
	extra := map[string]float64{scenarioTen: 3, scenarioContext: 1, scenarioStatic: 1}
	for _, sc := range []string{scenarioTen, scenarioContext, scenarioStatic} {
		t.Run(sc, func(t *testing.T) {
			h := Wrap(slog.NewJSONHandler(io.Discard, nil), WithKey("k1", testKey), WithRedactor(slogcore.NoRedaction))
			logWrap := scenarioLog(h, sc)
			logJSON := scenarioLog(slog.NewJSONHandler(io.Discard, nil), sc)
			logWrap()
			got := fewestAllocs(logWrap)
			want := fewestAllocs(logJSON) + extra[sc]
			if got > want {
				t.Errorf("Wrap+HMAC: got %v allocations per record, want at most %v", got, want)
			}
		})
	}
}

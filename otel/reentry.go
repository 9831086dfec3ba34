package otel

import (
	"errors"
	"runtime"
	"slices"
	"sync"
)

// Re-entrant calls. The exporter, OnError and OnDrop may log to the
// handler they serve (slog.Default() is often that handler), or call its
// Flush or Close. Three such calls would never end:
//
//   - a record logged while an export runs (by the exporter, or by
//     OnError, which runs on the export goroutine) that waits for room in
//     a full queue: the room is given back when that export ends, so the
//     export goroutine waits for itself, and every caller waits behind it;
//   - Flush or Close called from an export, which would wait for that
//     export to end;
//   - a record logged by OnDrop that is dropped in turn (the processor is
//     shut down, or the queue is still full): OnDrop logs again, until the
//     stack overflows and the program dies.
//
// The goroutines inside an export and inside OnDrop are therefore known;
// telling them apart costs a short runtime.Stack, paid only where a call
// would otherwise wait or recurse.

// errExportWaits is what ForceFlush and Shutdown say when an export calls
// them.
var errExportWaits = errors.New("called from an export (the exporter or BatchOptions.OnError), which cannot wait for itself")

// goid returns the id of the calling goroutine, read from the first line
// of its stack trace: "goroutine 42 [running]:".
func goid() uint64 {
	var buf [32]byte
	b := buf[:runtime.Stack(buf[:], false)]
	const prefix = "goroutine "
	if len(b) < len(prefix) {
		return 0
	}
	var id uint64
	for _, ch := range b[len(prefix):] {
		if ch < '0' || ch > '9' {
			break
		}
		id = id*10 + uint64(ch-'0')
	}
	return id
}

// goroutines is a set of goroutine ids: those inside an export, or inside
// OnDrop.
type goroutines struct {
	mu  sync.Mutex
	ids []uint64
}

// enter adds id and reports true, or reports false when id is in the set
// already.
func (g *goroutines) enter(id uint64) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if slices.Contains(g.ids, id) {
		return false
	}
	g.ids = append(g.ids, id)
	return true
}

// leave removes id.
func (g *goroutines) leave(id uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if i := slices.Index(g.ids, id); i >= 0 {
		g.ids = slices.Delete(g.ids, i, i+1)
	}
}

// has reports whether id is in the set.
func (g *goroutines) has(id uint64) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Contains(g.ids, id)
}

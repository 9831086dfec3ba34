// Package goroutine tells goroutines apart, for code that must know
// whether a call comes back to it on the goroutine it is already running
// on: a writer, exporter or callback that logs to the handler it serves.
// Reading an id costs a short runtime.Stack, so callers ask only where a
// call would otherwise wait for itself or recurse, never on a record's
// ordinary path. The ids are Go's own (as in a stack trace) and mean
// nothing outside the process.
package goroutine

import (
	"runtime"
	"slices"
	"sync"
)

// ID returns the id of the calling goroutine, read from the first line
// of its stack trace ("goroutine 42 [running]:"), or 0 when that line
// cannot be read.
func ID() uint64 {
	var buf [32]byte
	b := buf[:runtime.Stack(buf[:], false)]
	const prefix = "goroutine "
	if len(b) < len(prefix) || string(b[:len(prefix)]) != prefix {
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

// Set is a set of goroutine ids, safe for concurrent use. The zero Set
// is empty and ready to use.
type Set struct {
	mu  sync.Mutex
	ids []uint64
}

// Enter adds id to the set. It reports false, adding nothing, when id is
// in the set already: the goroutine came back to where it entered.
func (g *Set) Enter(id uint64) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if slices.Contains(g.ids, id) {
		return false
	}
	g.ids = append(g.ids, id)
	return true
}

// Leave removes id from the set.
func (g *Set) Leave(id uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if i := slices.Index(g.ids, id); i >= 0 {
		g.ids = slices.Delete(g.ids, i, i+1)
	}
}

// Has reports whether id is in the set.
func (g *Set) Has(id uint64) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Contains(g.ids, id)
}

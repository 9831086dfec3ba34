package slogcore

import (
	"errors"

	"github.com/slogguard/slogguard/internal/goroutine"
)

// Re-entrant calls. The worker calls user code (the writer, the wrapped
// handler, OnError, OnDrop for the records it drops, loss watchers), and
// OnDrop runs on whatever goroutine drops a record. Such code may log to
// the handler it serves, or call Flush, Sync or Close on it. Three of
// those calls would wait for themselves or never end:
//
//   - the worker waiting for room in its own full queue, which only the
//     worker empties: every caller then waits for good;
//   - the worker waiting for its own Flush, Sync or Close to be served;
//   - OnDrop logging a record that is dropped too (the queue is still
//     full, or the handler is closed), whose OnDrop logs again, until the
//     goroutine's stack overflows and the program dies; and OnError
//     logging a record that fails the same way on the caller's goroutine
//     (a ReplaceAttr that panics on every attr, a wrapped handler whose
//     Enabled panics), whose OnError logs again.
//
// So the worker's goroutine is known ([core.onWorker]), and so are the
// goroutines inside OnDrop and OnError (a [goroutine.Set] each). Telling
// goroutines apart costs a short runtime.Stack (about a microsecond): it
// is paid only where a call would otherwise wait or recurse, never on the
// record path.

// ErrReentrant is returned by Handle for a record that the handler's own
// worker logged (from the writer, the wrapped handler or a callback) while
// the queue was full, or at slog.LevelError under a drop policy: the worker
// cannot wait for room that only it makes. The record is counted in
// [Stats] as dropped with [ReasonReentrant].
var ErrReentrant = errors.New("slogcore: queue full, and the record was logged by the handler's own worker (from its writer, wrapped handler or a callback), which cannot wait for room only it makes: record dropped (log such records to another handler, or raise Options.QueueSize)")

// errWorkerWaits is what Flush, Sync and Close say when the worker calls
// them.
var errWorkerWaits = errors.New("called from the handler's own worker goroutine (its writer, wrapped handler or a callback), which cannot wait for itself")

// onWorker reports whether the caller runs on the worker goroutine.
func (c *core) onWorker() bool {
	return goroutine.ID() == c.worker.Load()
}

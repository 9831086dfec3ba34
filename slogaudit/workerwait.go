package slogaudit

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slogguard/slogguard/internal/goroutine"
)

// checkpointWait bounds how long a checkpoint waits, under the handler's
// lock, for an asynchronous wrapped handler to write the records it
// covers. Past it the checkpoint is held back and reported, and a later
// one covers the records: the wait must not hold every caller for good
// when the handler's worker cannot go on (its writer hangs, or it logs to
// this handler).
const checkpointWait = 5 * time.Second

// workerWait lets the handler wait, under its lock, for the worker
// goroutine of an asynchronous wrapped handler (Flush, Sync) without
// waiting for itself: the worker calls code that may log to this handler
// (slogcore's OnError, after a failed write), and such a record would wait
// for the lock that the waiting caller holds. The worker's goroutine is
// learnt from the losses it reports on it (a failed write, which is what
// calls OnError); a record logged from it while the handler waits ends the
// wait, which then fails as its context does, and the record is written
// after the waiting caller lets go of the lock.
type workerWait struct {
	id     atomic.Uint64                      // the worker's goroutine, once seen
	cancel atomic.Pointer[context.CancelFunc] // ends the current wait; nil when none
}

// seen records that the calling goroutine is the worker.
func (w *workerWait) seen() { w.id.Store(goroutine.ID()) }

// lock takes mu. The worker, which the holder of mu may be waiting for,
// never waits for it: while mu is held it ends the current wait, if any,
// and tries again. Goroutine ids are read only when mu is held by another.
func (w *workerWait) lock(mu *sync.Mutex) {
	if mu.TryLock() {
		return
	}
	if id := w.id.Load(); id == 0 || goroutine.ID() != id {
		mu.Lock()
		return
	}
	for !mu.TryLock() {
		if c := w.cancel.Load(); c != nil {
			(*c)()
		}
		time.Sleep(20 * time.Microsecond)
	}
}

// wait runs f (the wrapped handler's Flush or Sync) with a context that
// ends with ctx, after limit when it is not 0, or when the worker logs to
// this handler meanwhile.
func (w *workerWait) wait(ctx context.Context, limit time.Duration, f func(context.Context) error) error {
	var cancel context.CancelFunc
	if limit > 0 {
		ctx, cancel = context.WithTimeout(ctx, limit)
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	defer cancel()
	w.cancel.Store(&cancel)
	defer w.cancel.Store(nil)
	return f(ctx)
}

package slogcore

import (
	"context"
	"github.com/slogguard/slogguard/redact"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Loss describes one record that Handle accepted (returned nil for) and
// that was then not written: its write failed, the wrapped handler
// returned an error or panicked, or it was dropped after the fact (by
// [DropNewest], [DropOldest] or a Close deadline). Records for which
// Handle returned an error ([ErrClosed], [ErrQueueFull]) are not reported:
// the caller already knows.
type Loss struct {
	// Context is the context passed to Handle for the record, so that a
	// caller can recognise its own records by a value it put there.
	Context context.Context
	Time    time.Time
	Level   slog.Level
	Message string // redacted as it would have been written

	// Dropped reports whether the record was dropped (Reason says why)
	// rather than failed (Err says why).
	Dropped bool
	Reason  DropReason
	Err     error
}

// lossInfo is what the worker keeps of a record in a batch so that it can
// report the record's loss after the entry was recycled.
type lossInfo struct {
	ctx   context.Context
	time  time.Time
	level slog.Level
	msg   string
}

// watchers holds the functions registered with [Handler.WatchLosses].
type watchers struct {
	mu   sync.Mutex
	list atomic.Pointer[[]*func(Loss)] // copy on write; nil when none
}

// active reports whether anyone watches, cheaply enough for Handle.
func (w *watchers) active() bool { return w.list.Load() != nil }

func (w *watchers) add(f func(Loss)) (remove func()) {
	p := &f
	w.mu.Lock()
	defer w.mu.Unlock()
	var next []*func(Loss)
	if old := w.list.Load(); old != nil {
		next = append(next, *old...)
	}
	next = append(next, p)
	w.list.Store(&next)
	return func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		old := w.list.Load()
		if old == nil {
			return
		}
		var kept []*func(Loss)
		for _, q := range *old {
			if q != p {
				kept = append(kept, q)
			}
		}
		if len(kept) == 0 {
			w.list.Store(nil)
		} else {
			w.list.Store(&kept)
		}
	}
}

// notify calls every watcher with l. A panicking watcher does not stop the
// others or the worker.
func (w *watchers) notify(l Loss) {
	list := w.list.Load()
	if list == nil {
		return
	}
	for _, f := range *list {
		func() {
			defer func() { _ = recover() }()
			(*f)(l)
		}()
	}
}

// WatchLosses registers f to be called once for every record that a
// handler of h's family accepted and then lost (see [Loss]), and returns a
// function that unregisters it. f runs on the goroutine that discovers the
// loss (the worker for a failed write, a caller for a drop by the overflow
// policy, Close's caller for a Close deadline), possibly while that
// goroutine holds locks of its own: it must return quickly and must not
// log to h or wait for anything that waits for h. Records lost before f was
// registered are not reported, and a record's context is kept for f only
// while someone watches.
//
// slogaudit registers a watcher when it wraps a Handler, so that a record
// lost after its hash entered the chain is declared in the chain.
func (h *Handler) WatchLosses(f func(Loss)) (unregister func()) {
	if f == nil {
		return func() {}
	}
	return h.core.watch.add(f)
}

// Redactor returns the redactor that h applies to every record, or nil when
// redaction is off. A handler that hashes or signs records before passing
// them to h (slogaudit) applies it first, so that what it hashed is what h
// writes: redaction is idempotent, so h's own pass then changes nothing.
func (h *Handler) Redactor() *redact.Redactor { return h.core.redact }

// Rewrites reports whether h changes records beyond redaction when it
// writes them: [Options.ReplaceAttr] or [Options.AddSource] on a handler
// made by [New].
func (h *Handler) Rewrites() bool {
	return h.next == nil && (h.core.opts.ReplaceAttr != nil || h.core.opts.AddSource)
}

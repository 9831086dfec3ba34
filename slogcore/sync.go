package slogcore

import (
	"context"
	"errors"
	"fmt"
	"syscall"
)

// Sync writes every record queued before the call, as [Handler.Flush]
// does, then calls the writer's Sync method if it has one (an *os.File:
// the data reaches the disk), and reports what was lost: it returns an
// error wrapping [ErrRecordsLost] that names how many records failed (a
// write error, a writer or wrapped handler that panicked) since the
// previous Sync returned, each failure reported by one Sync, as
// bufio.Writer.Flush reports a failed write. A Sync that returns nil means
// that nothing handed to the writer since the previous Sync was lost.
// Records dropped by the overflow policy were never handed to the writer:
// see [Options.OnDrop]. Sync may be called after Close, to learn the fate
// of the last records.
//
// Flush only waits: use it to know that records reached the writer, and
// Sync before exiting or acknowledging work that must be logged.
func (h *Handler) Sync(ctx context.Context) error { return h.core.sync(orBackground(ctx)) }

func (c *core) sync(ctx context.Context) error {
	if c.onWorker() {
		return fmt.Errorf("slogcore: sync %w: call Sync from another goroutine", errWorkerWaits)
	}
	var syncErr error
	reply := make(chan struct{})
	select {
	case c.flushReq <- flushRequest{reply: reply, syncErr: &syncErr}:
		select {
		case <-reply:
		case <-ctx.Done():
			return fmt.Errorf("slogcore: sync: %w (the writer is still busy; records stay queued)", ctx.Err())
		}
	case <-c.done:
		syncErr = c.syncWriter() // the worker is gone: nothing writes concurrently
	case <-ctx.Done():
		return fmt.Errorf("slogcore: sync: %w", ctx.Err())
	}
	var cut error
	if c.cutPending.Load() {
		cut = errors.New("slogcore: sync: a write stopped inside a record, which waits for the writer to recover (see Options.OnError)")
	}
	return errors.Join(c.failedSinceSync(), syncErr, cut)
}

// failedSinceSync returns an error wrapping ErrRecordsLost when records
// failed since the last Sync returned.
func (c *core) failedSinceSync() error {
	c.mu.Lock()
	n := c.stats.Failed - c.synced
	c.synced = c.stats.Failed
	c.mu.Unlock()
	if n == 0 {
		return nil
	}
	noun := "records"
	if n == 1 {
		noun = "record"
	}
	return fmt.Errorf("slogcore: sync: %d %s failed since the last Sync: %w (see Options.OnError and Stats)", n, noun, ErrRecordsLost)
}

// syncWriter calls the writer's Sync method, if any. A writer that cannot
// sync (a terminal or a pipe answers EINVAL) has nothing to sync. A panic
// is an error.
func (c *core) syncWriter() (err error) {
	s, ok := c.w.(interface{ Sync() error })
	if !ok {
		return nil
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("slogcore: sync: the writer's Sync panicked: %v", p)
		}
	}()
	if err := s.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return fmt.Errorf("slogcore: sync: %w (the records were written; the writer could not make them durable)", err)
	}
	return nil
}

package slogaudit

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/slogguard/slogguard/internal/goroutine"
)

// errWriteBlocked is wrapped by the error of a Close whose context ended
// while a record's write held the chain step: a writer (or wrapped
// handler) that blocks, on a hung disk or a full pipe nobody reads.
var errWriteBlocked = errors.New("a record's write has not returned (its writer or the wrapped handler blocks)")

// lockCtx takes st.mu as st.worker.lock does, or gives up when ctx ends
// first: the chain step holds st.mu while the record is written, and a
// writer that never returns must not hold Close past its deadline.
func (st *state) lockCtx(ctx context.Context) error {
	if id := st.worker.id.Load(); id != 0 && id == goroutine.ID() {
		st.worker.lock(&st.mu)
		return nil
	}
	return lockWithin(ctx, &st.mu, st.unlock)
}

// lockWithin locks mu, or gives up when ctx ends first, returning an error
// that wraps errWriteBlocked; a lock taken after it gave up is let go at
// once, with unlock.
func lockWithin(ctx context.Context, mu *sync.Mutex, unlock func()) error {
	if lockAfter(ctx, mu, unlock) {
		return nil
	}
	return fmt.Errorf("slogaudit: close: %w within Close's deadline (and %v after it): nothing was stopped, and records logged meanwhile wait for it; Close again once it returns, with a later deadline: %w", errWriteBlocked, blockedGrace, ctx.Err())
}

// lockAfter locks mu and reports true, or reports false when ctx has
// ended and mu is still held blockedGrace later; a lock taken after it
// gave up is let go at once, with unlock.
func lockAfter(ctx context.Context, mu *sync.Mutex, unlock func()) bool {
	if mu.TryLock() {
		return true
	}
	if ctx.Done() == nil {
		mu.Lock()
		return true
	}
	got := make(chan struct{})
	go func() {
		mu.Lock()
		close(got)
	}()
	select {
	case <-got:
		return true
	case <-ctx.Done():
	}
	// A caller whose context has ended still goes on when the lock is
	// only busy (a record being written, as under load): it gives up only
	// on a write that goes on past blockedGrace.
	grace := time.NewTimer(blockedGrace)
	defer grace.Stop()
	select {
	case <-got:
		return true
	case <-grace.C:
		go func() {
			<-got
			unlock()
		}()
		return false
	}
}

// lockRecord takes st.mu for Handle's chain step, as st.worker.lock
// does, or gives up when ctx ends while another record's write holds the
// step past blockedGrace (a writer that blocks): the record then takes
// no seq (the chain does not miss it), counts as refused, and the error
// says so. A context that never ends waits as long as the write does.
func (st *state) lockRecord(ctx context.Context, record *node) error {
	if st.mu.TryLock() {
		return nil
	}
	if id := st.worker.id.Load(); id != 0 && id == goroutine.ID() {
		st.worker.lock(&st.mu)
		return nil
	}
	if lockAfter(ctx, &st.mu, st.unlock) {
		return nil
	}
	st.blockedRefused.Add(1)
	err := fmt.Errorf("slogaudit: record %q not written: %w, past its context's end (and %v after it): %w; it took no seq, so the chain does not miss it and no audit.gap names it: mend what blocks the writer (a hung disk, a full pipe nobody reads) and log it again", record.message(), errWriteBlocked, blockedGrace, ctx.Err())
	st.report(err)
	return err
}

// blockedGrace is how long after its context ended Close still waits for
// a record's write to return before it gives up.
const blockedGrace = 500 * time.Millisecond

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
	if mu.TryLock() {
		return nil
	}
	if ctx.Done() == nil {
		mu.Lock()
		return nil
	}
	got := make(chan struct{})
	go func() {
		mu.Lock()
		close(got)
	}()
	select {
	case <-got:
		return nil
	case <-ctx.Done():
	}
	// A Close whose context has ended still closes when the lock is only
	// busy (a record being written, as under load): it gives up only on
	// a write that goes on past blockedGrace.
	grace := time.NewTimer(blockedGrace)
	defer grace.Stop()
	select {
	case <-got:
		return nil
	case <-grace.C:
		go func() {
			<-got
			unlock()
		}()
		return fmt.Errorf("slogaudit: close: %w within Close's deadline (and %v after it): nothing was stopped, and records logged meanwhile wait for it; Close again once it returns, with a later deadline: %w", errWriteBlocked, blockedGrace, ctx.Err())
	}
}

// blockedGrace is how long after its context ended Close still waits for
// a record's write to return before it gives up.
const blockedGrace = 500 * time.Millisecond

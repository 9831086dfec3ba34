package slogaudit

import (
	"context"

	"github.com/slogguard/slogguard/internal/goroutine"
)

// reportLocked passes err to WithFileErrors on a goroutine of its own,
// after the errors reported before it: the File's lock is held here, and
// the callback may log to a handler of the File, whose write takes it.
func (af *File) reportLocked(err error) {
	if af.cfg.onError == nil {
		return
	}
	af.errq = append(af.errq, err)
	af.errsQueued++
	if af.errsDone != nil {
		return // the running goroutine takes it
	}
	done := make(chan struct{})
	af.errsDone = done
	go af.passErrors(done)
}

// passErrors calls WithFileErrors with the queued errors until none is
// left, then closes done.
func (af *File) passErrors(done chan struct{}) {
	defer close(done)
	af.errsG.Store(goroutine.ID())
	for {
		af.mu.Lock()
		errs := af.errq
		af.errq = nil
		if len(errs) == 0 {
			af.errsDone = nil
			af.mu.Unlock()
			return
		}
		af.mu.Unlock()
		for _, err := range errs {
			callback(func() { af.cfg.onError(err) })
			af.mu.Lock()
			af.errsPassed++
			if af.errsTick != nil {
				close(af.errsTick)
				af.errsTick = nil
			}
			af.mu.Unlock()
		}
	}
}

// waitErrors waits until the errors reported so far were passed on. It
// is called without the File's lock; from WithFileErrors itself (which
// closes the File), it does not wait for itself.
func (af *File) waitErrors() {
	if id := af.errsG.Load(); id != 0 && id == goroutine.ID() {
		return
	}
	af.mu.Lock()
	done := af.errsDone
	af.mu.Unlock()
	if done != nil {
		<-done
	}
}

// waitErrorsCtx waits, within ctx, until the errors reported so far were
// passed on to WithFileErrors; not for those reported meanwhile (a
// callback whose logging fails again would never let it return). From
// WithFileErrors itself it does not wait for itself.
func (af *File) waitErrorsCtx(ctx context.Context) error {
	if id := af.errsG.Load(); id != 0 && id == goroutine.ID() {
		return nil
	}
	// A write that blocks holds the lock: Close gives up at its deadline.
	if err := lockWithin(ctx, &af.mu, af.mu.Unlock); err != nil {
		return err
	}
	target := af.errsQueued
	for af.errsPassed < target {
		if af.errsTick == nil {
			af.errsTick = make(chan struct{})
		}
		tick := af.errsTick
		af.mu.Unlock()
		select {
		case <-tick:
		case <-ctx.Done():
			return ctx.Err()
		}
		af.mu.Lock()
	}
	af.mu.Unlock()
	return nil
}

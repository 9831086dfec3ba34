package slogaudit

import "github.com/slogguard/slogguard/internal/goroutine"

// reportLocked passes err to WithFileErrors on a goroutine of its own,
// after the errors reported before it: the File's lock is held here, and
// the callback may log to a handler of the File, whose write takes it.
func (af *File) reportLocked(err error) {
	if af.cfg.onError == nil {
		return
	}
	af.errq = append(af.errq, err)
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

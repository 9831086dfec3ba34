package slogaudit_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
)

// refusingWriter takes every line but those holding refuse, for which it
// fails or panics, writing nothing.
type refusingWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	refuse string
	panics bool
}

func (w *refusingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if bytes.Contains(p, []byte(w.refuse)) {
		if w.panics {
			panic("storage driver crashed")
		}
		return 0, errors.New("no space left on device")
	}
	return w.buf.Write(p)
}

func (w *refusingWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// Guards callers against a deadlock: OnError was called while the
// handler held its lock, so an OnError that logs the error to the same
// logger (the natural thing to do with an audit failure) waited forever
// for a lock its own goroutine held, and every later record with it. For
// each way a record fails under the lock, OnError must be able to log to
// the handler: the failing call returns, OnError's record is written in
// the chain, and the log verifies with the loss declared.
func TestOnErrorMayLogToItsHandler(t *testing.T) {
	cases := []struct {
		name string
		w    *refusingWriter
		opts []slogaudit.Option
		log  func(l *slog.Logger)
	}{
		{"write fails", &refusingWriter{refuse: "quarterly-close"}, nil,
			func(l *slog.Logger) { l.Info("ledger", "batch", "quarterly-close") }},
		{"writer panics", &refusingWriter{refuse: "payroll-run", panics: true}, nil,
			func(l *slog.Logger) { l.Info("ledger", "batch", "payroll-run") }},
		{"record too large", &refusingWriter{refuse: "never-written"}, []slogaudit.Option{slogaudit.WithMaxRecordSize(400)},
			func(l *slog.Logger) { l.Info("ledger", "notes", strings.Repeat("reconciled ", 60)) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var logger atomic.Pointer[slog.Logger]
			var calls atomic.Int32
			opts := append([]slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("books"),
				slogaudit.OnError(func(err error) {
					if calls.Add(1) == 1 { // its own record may fail too: once is enough
						logger.Load().Warn("audit record failed", "cause", "reported by OnError")
					}
				})}, tc.opts...)
			h, err := slogaudit.New(slog.NewJSONHandler(tc.w, nil), opts...)
			if err != nil {
				t.Fatal(err)
			}
			logger.Store(slog.New(h))
			logger.Load().Info("opening")
			done := make(chan struct{})
			go func() {
				defer close(done)
				tc.log(logger.Load())
				logger.Load().Info("after the failure")
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("logging from OnError to the handler deadlocked")
			}
			if err := h.Close(context.Background()); !errors.Is(err, slogaudit.ErrRecordsLost) {
				t.Errorf("Close: %v, want the loss named", err)
			}
			out := tc.w.String()
			for _, want := range []string{"reported by OnError", "after the failure"} {
				if !strings.Contains(out, want) {
					t.Errorf("the output lacks %q", want)
				}
			}
			rep, err := slogaudit.Verify(context.Background(), strings.NewReader(out), slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
			if err != nil || !rep.Intact() {
				t.Fatalf("the log verifies as not intact: %v %v", err, rep.Findings)
			}
			if countKind(rep, slogaudit.Gap) == 0 {
				t.Errorf("the failed record is not declared lost")
			}
		})
	}
}

// Guards callers against the same deadlock for OnViolation, which was
// called under the handler's lock: a callback that logs the violation to
// the same logger must not hang, in either policy mode, and its record
// is in the chain.
func TestOnViolationMayLogToItsHandler(t *testing.T) {
	for name, mode := range map[string]slogaudit.Mode{"annotate": slogaudit.Annotate, "strict": slogaudit.Strict} {
		t.Run(name, func(t *testing.T) {
			var buf lockedOut
			var logger atomic.Pointer[slog.Logger]
			var calls atomic.Int32
			policy := slogaudit.Policy{Name: "vault", Required: []slogaudit.Required{{Attrs: []string{slogaudit.KeyActor}, Clause: "vault rule 3"}}}
			h, err := slogaudit.New(slog.NewJSONHandler(&buf, nil), slogaudit.WithKey("k1", rtKey), slogaudit.WithPolicy(policy), slogaudit.WithMode(mode),
				slogaudit.OnViolation(func(v slogaudit.Violation) {
					if calls.Add(1) == 1 {
						logger.Load().Warn("policy violation seen", slogaudit.Actor("compliance-bot"), "rule", v.Rule)
					}
				}))
			if err != nil {
				t.Fatal(err)
			}
			logger.Store(slog.New(h))
			done := make(chan struct{})
			go func() {
				defer close(done)
				logger.Load().Info("vault opened") // no actor
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("logging from OnViolation to the handler deadlocked")
			}
			if err := h.Close(context.Background()); err != nil {
				t.Errorf("Close: %v", err)
			}
			if calls.Load() == 0 {
				t.Fatal("no violation reported")
			}
			out := buf.String()
			if !strings.Contains(out, "policy violation seen") {
				t.Error("the record logged by OnViolation is not in the log")
			}
			rep, err := slogaudit.Verify(context.Background(), strings.NewReader(out), slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
			if err != nil || !rep.Intact() {
				t.Fatalf("the log verifies as not intact: %v %v", err, rep.Findings)
			}
		})
	}
}

// lockedOut is a bytes.Buffer safe for concurrent use.
type lockedOut struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedOut) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedOut) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

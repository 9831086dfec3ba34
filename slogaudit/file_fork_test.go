package slogaudit_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// forkWriter is one handler of a fork test: New over a JSON or slogcore
// handler over af, on chain "ledger", resuming af's head or not.
type forkWriter struct {
	h    *slogaudit.Handler
	core *slogcore.Handler
	errs *lockedErrs // what OnError was told
}

type lockedErrs struct {
	mu   sync.Mutex
	text []string
}

func (e *lockedErrs) add(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.text = append(e.text, err.Error())
}

func (e *lockedErrs) said(s string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, t := range e.text {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func newForkWriter(t *testing.T, af *slogaudit.File, overCore, resume bool) forkWriter {
	t.Helper()
	w := forkWriter{errs: &lockedErrs{}}
	var inner slog.Handler = slog.NewJSONHandler(af, nil)
	if overCore {
		w.core = slogcore.New(af, &slogcore.Options{OnError: w.errs.add})
		inner = w.core
	}
	opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("ledger"), slogaudit.OnError(w.errs.add)}
	if resume {
		opts = append(opts, slogaudit.WithResume(af.Heads()["ledger"]))
	}
	h, err := slogaudit.New(inner, opts...)
	if err != nil {
		t.Fatal(err)
	}
	w.h = h
	return w
}

func (w forkWriter) log(n int, what string) {
	for i := range n {
		slog.New(w.h).Info("transfer", "leg", i, "by", what)
	}
}

// close closes the handler; its error is nil or says what OnError said
// of the lost records, and whether that names WithResume.
func (w forkWriter) close() error {
	err := w.h.Close(context.Background())
	if w.core != nil {
		w.core.Close(context.Background())
	}
	if err != nil && w.errs.said("WithResume") {
		err = fmt.Errorf("%w (OnError: resume with WithResume)", err)
	}
	return err
}

// Guards the chain of a log against a writer that does not continue it:
// a restarted process that names the log's chain (WithChainID) over a
// File without WithResume, or two handlers over one File that resume the
// same head, start the chain again at a seq the log already holds. Their
// records used to be written, and the untouched log verified as tampered
// (every record of the fork "inserted"), with Close returning nil. The
// File must refuse them with an error that says to resume, so that the
// log verifies intact and Close reports the loss; a writer that resumes
// properly must still continue the chain.
func TestFileRefusesChainFork(t *testing.T) {
	cases := []struct {
		name string
		// run logs through handlers over af; it returns the errors of
		// the Close of each handler that should fork.
		run      func(t *testing.T, af *slogaudit.File, overCore bool) (forkErrs []error)
		wantFork bool
	}{
		{"restart without resume", func(t *testing.T, af *slogaudit.File, overCore bool) []error {
			w := newForkWriter(t, af, overCore, false)
			w.log(5, "forgot to resume")
			return []error{w.close()}
		}, true},
		{"two handlers resume one head", func(t *testing.T, af *slogaudit.File, overCore bool) []error {
			a := newForkWriter(t, af, overCore, true)
			b := newForkWriter(t, af, overCore, true)
			a.log(3, "first")
			b.log(4, "second")
			a.log(2, "first again")
			errA := a.close()
			if errA != nil {
				t.Errorf("the first handler that resumed the head failed: %v", errA)
			}
			return []error{b.close()}
		}, true},
		{"restart with resume", func(t *testing.T, af *slogaudit.File, overCore bool) []error {
			w := newForkWriter(t, af, overCore, true)
			w.log(6, "resumed")
			if err := w.close(); err != nil {
				t.Errorf("a handler that resumed the chain failed: %v", err)
			}
			return nil
		}, false},
		{"resume twice in a row", func(t *testing.T, af *slogaudit.File, overCore bool) []error {
			for range 2 {
				w := newForkWriter(t, af, overCore, true)
				w.log(2, "one after another")
				if err := w.close(); err != nil {
					t.Errorf("a handler that resumed the chain failed: %v", err)
				}
			}
			return nil
		}, false},
	}
	for _, tc := range cases {
		for _, overCore := range []bool{false, true} {
			name := tc.name + "/json"
			if overCore {
				name = tc.name + "/slogcore"
			}
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "audit.log")
				af, err := slogaudit.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				first, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("ledger"))
				if err != nil {
					t.Fatal(err)
				}
				for i := range 3 {
					slog.New(first).Info("opening balance", "n", i)
				}
				if err := first.Close(context.Background()); err != nil {
					t.Fatal(err)
				}
				af.Close()

				af, err = slogaudit.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				forkErrs := tc.run(t, af, overCore)
				af.Close()
				for _, err := range forkErrs {
					if err == nil || !strings.Contains(err.Error(), "WithResume") {
						t.Errorf("a handler that forked the chain closed with %v, want an error that says to resume the chain", err)
					}
				}
				rep, err := rtVerify(t, path)
				if err != nil || !rep.Intact() {
					t.Fatalf("the untouched log verifies as not intact: %v", err)
				}
				if tc.wantFork && countKind(rep, slogaudit.Gap) != 0 {
					t.Errorf("the fork's refused records are declared in the chain: %d gaps", countKind(rep, slogaudit.Gap))
				}
			})
		}
	}
}

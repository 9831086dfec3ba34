package slogaudit

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Guards callers against a deadlock: WithFileErrors was called while the
// File held its lock (a failed rotation), so a callback that logs the
// error to the log's own logger waited forever for that lock, and every
// later record with it. The callback must be able to log to a handler of
// the File (File.Handler, or Wrap over a JSON handler over it): logging
// goes on, the callback's record is in the log, and the log verifies.
func TestFileErrorsMayLogToTheLog(t *testing.T) {
	for _, step := range []string{"rename", "create"} {
		for _, producer := range []string{"file", "json"} {
			t.Run(step+"/"+producer, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "audit.log")
				var logger atomic.Pointer[slog.Logger]
				var reported atomic.Int32
				af, err := OpenFile(path, WithRotateSize(2000), WithFileErrors(func(err error) {
					if reported.Add(1) == 1 {
						logger.Load().Warn("audit file trouble", "detail", "rotation refused by the disk")
					}
				}))
				if err != nil {
					t.Fatal(err)
				}
				opts := []Option{WithKey("k1", testKey), WithChainID("vault")}
				var h *Handler
				if producer == "file" {
					h, err = af.Handler(opts...)
				} else {
					h, err = New(slog.NewJSONHandler(af, nil), opts...)
				}
				if err != nil {
					t.Fatal(err)
				}
				logger.Store(slog.New(h))
				af.mu.Lock()
				failing := 2
				af.injectRotate = func(s string) error {
					if s == step && failing > 0 {
						failing--
						return syscall.EROFS
					}
					return nil
				}
				af.mu.Unlock()
				done := make(chan struct{})
				go func() {
					defer close(done)
					for i := range 25 {
						logger.Load().Info("withdrawal", "n", i, "memo", strings.Repeat("m", 120))
					}
				}()
				select {
				case <-done:
				case <-time.After(5 * time.Second):
					t.Fatal("logging from WithFileErrors to a handler of the File deadlocked")
				}
				if producer == "json" {
					// A handler New made over a JSON handler does not know
					// the File its writer is: its caller lets the File's
					// callbacks run before closing it (File.Handler's Close
					// waits for them itself).
					if err := af.waitErrorsCtx(context.Background()); err != nil {
						t.Fatal(err)
					}
				}
				if err := h.Close(context.Background()); err != nil {
					t.Errorf("Close: %v", err)
				}
				if err := af.Close(); err != nil {
					t.Errorf("File.Close: %v", err)
				}
				if reported.Load() == 0 {
					t.Fatal("the failed rotation was not reported")
				}
				if !intactLogHolds(t, path, "rotation refused by the disk") {
					t.Error("the record logged by WithFileErrors is not in the log")
				}
			})
		}
	}
}

// A WithFileErrors callback that closes the File (giving up on a failing
// disk) must not wait for itself.
func TestFileErrorsMayCloseTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	var af *File
	closed := make(chan error, 1)
	af, err := OpenFile(path, WithRotateSize(1200), WithFileErrors(func(error) {
		select {
		case closed <- af.Close():
		default:
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("teller"))
	if err != nil {
		t.Fatal(err)
	}
	af.mu.Lock()
	af.injectRotate = func(string) error { return syscall.EIO }
	af.mu.Unlock()
	for i := range 12 {
		_ = h.Handle(context.Background(), recordWith("deposit", slog.Int("n", i), slog.String("memo", strings.Repeat("d", 100))))
	}
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("File.Close called from WithFileErrors waited for itself")
	}
	_ = h.Close(context.Background())
}

// File.Handler's Close waits for the File's WithFileErrors callbacks that
// were due when it was called: a callback that logs the error (slowly,
// here) gets its record into the chain before audit.stop, not refused
// with ErrClosed. A callback that logs forever (each of its records
// failing again) does not hold Close: only the callbacks due when Close
// began are waited for, and ctx bounds the wait.
func TestFileHandlerCloseWaitsForDueFileErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	var logger atomic.Pointer[slog.Logger]
	var calls atomic.Int32
	af, err := OpenFile(path, WithRotateSize(2000), WithFileErrors(func(err error) {
		if calls.Add(1) == 1 {
			time.Sleep(300 * time.Millisecond)
			logger.Load().Warn("audit file trouble", "detail", "rotation refused, logged late")
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("vault"))
	if err != nil {
		t.Fatal(err)
	}
	logger.Store(slog.New(h))
	af.mu.Lock()
	failing := 1
	af.injectRotate = func(s string) error {
		if s == "create" && failing > 0 {
			failing--
			return syscall.EROFS
		}
		return nil
	}
	af.mu.Unlock()
	for i := range 25 {
		logger.Load().Info("withdrawal", "n", i, "memo", strings.Repeat("m", 120))
	}
	if calls.Load() == 0 && failing > 0 {
		t.Fatal("the rotation was never tried")
	}
	if err := h.Close(context.Background()); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := af.Close(); err != nil {
		t.Errorf("File.Close: %v", err)
	}
	if !intactLogHolds(t, path, "rotation refused, logged late") {
		t.Error("the record the WithFileErrors callback logged before Close was refused: Close did not wait for it")
	}
}

// A WithFileErrors callback whose own record fails again (the disk keeps
// refusing to rotate, and every callback logs) never runs out of errors:
// Close waits only for those due when it began, and returns.
func TestFileHandlerCloseNotHeldByEndlessFileErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	var logger atomic.Pointer[slog.Logger]
	af, err := OpenFile(path, WithRotateSize(2000), WithFileErrors(func(err error) {
		logger.Load().Warn("audit file trouble", "detail", strings.Repeat("d", 200))
	}))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("vault"))
	if err != nil {
		t.Fatal(err)
	}
	logger.Store(slog.New(h))
	af.mu.Lock()
	af.injectRotate = func(s string) error {
		if s == "create" {
			return syscall.EROFS
		}
		return nil
	}
	af.mu.Unlock()
	for i := range 25 {
		logger.Load().Info("withdrawal", "n", i, "memo", strings.Repeat("m", 120))
	}
	closed := make(chan error, 1)
	go func() { closed <- h.Close(context.Background()) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close waited for a WithFileErrors callback that logs forever")
	}
	if err := af.Close(); err != nil {
		t.Logf("File.Close: %v", err)
	}
}

// intactLogHolds verifies the log at path with its rotated files, failing
// t when it is not intact, and reports whether one of them holds text.
func intactLogHolds(t *testing.T, path, text string) bool {
	t.Helper()
	paths, _ := RotatedFiles(path)
	if rep := verifyPaths(t, paths); !rep.Intact() {
		t.Fatalf("the log verifies as not intact: %v", rep.Findings)
	}
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		if strings.Contains(string(data), text) {
			return true
		}
	}
	return false
}

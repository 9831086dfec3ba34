package slogaudit_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// backLogger is a writer under a slogcore handler whose write path logs
// to the audit logger above that handler, as a writer that reports its own
// errors or progress to the application's logger does. failAt lists the
// writes (counted from 1) that fail; logAt says on which writes it logs,
// before it returns.
type backLogger struct {
	w      io.Writer
	failAt map[int]bool
	logAt  func(n int, failed bool) bool
	logger atomic.Pointer[slog.Logger]

	mu    sync.Mutex
	calls int
}

func (b *backLogger) Write(p []byte) (int, error) {
	b.mu.Lock()
	b.calls++
	n := b.calls
	b.mu.Unlock()
	time.Sleep(200 * time.Microsecond) // a disk's pace: records queue meanwhile
	fail := b.failAt[n]
	if l := b.logger.Load(); l != nil && b.logAt != nil && b.logAt(n, fail) {
		l.Warn("disk writer", "write", n, "failed", fail)
	}
	if fail {
		return 0, errors.New("no space left on device")
	}
	return b.w.Write(p)
}

// A slogcore handler's worker that logs back to the audit handler, from
// its writer or from OnError, while Close waits for it: Close still waits
// until every record has been written or declared lost, and the log
// verifies with every loss declared in the chain.
func TestCloseWaitsForWorkerThatLogsBack(t *testing.T) {
	fails := map[int]bool{2: true, 3: true, 5: true, 9: true, 17: true, 18: true, 30: true}
	cases := []struct {
		name    string
		onError bool                          // OnError logs the failure
		logAt   func(n int, failed bool) bool // the writer logs
		flushes bool                          // one write per record
	}{
		{name: "OnError logs each failure", onError: true},
		{name: "OnError logs each failure, one write per record", onError: true, flushes: true},
		{name: "writer logs its failures", logAt: func(_ int, failed bool) bool { return failed }},
		{name: "writer logs its failures, one write per record", logAt: func(_ int, failed bool) bool { return failed }, flushes: true},
		{name: "writer logs every fifth write", logAt: func(n int, _ bool) bool { return n%5 == 0 }, flushes: true},
		{name: "writer logs its first write", logAt: func(n int, _ bool) bool { return n == 1 }},
		{name: "writer and OnError both log", onError: true, logAt: func(n int, failed bool) bool { return failed || n%7 == 0 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := slogaudit.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer af.Close()
			w := &backLogger{w: af, failAt: fails, logAt: tc.logAt}
			var l atomic.Pointer[slog.Logger]
			opts := &slogcore.Options{}
			if tc.onError {
				opts.OnError = func(err error) {
					if l := l.Load(); l != nil {
						l.Warn("audit write failed", "error", err.Error())
					}
				}
			}
			next := slogcore.New(w, opts)
			defer func() {
				ctx, cancel := context.WithTimeout(context.Background(), time.Second)
				defer cancel()
				next.Close(ctx)
			}()
			h, err := slogaudit.New(next, slogaudit.WithKey("k1", rtKey), slogaudit.OnError(func(error) {}))
			if err != nil {
				t.Fatal(err)
			}
			l.Store(slog.New(h))
			w.logger.Store(slog.New(h))
			done := make(chan error, 1)
			go func() {
				for i := range 36 {
					l.Load().Info("refund issued", "refund", 7700+i)
					if tc.flushes {
						next.Flush(context.Background())
					}
				}
				done <- h.Close(context.Background())
			}()
			var closeErr error
			select {
			case closeErr = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("Close still waits after 20s: the worker that logs back waits for the audit handler")
			}
			w.mu.Lock()
			calls := w.calls
			w.mu.Unlock()
			if calls < 2 {
				t.Fatalf("test bug: %d writes, want failures among them", calls)
			}
			if closeErr != nil && (!errors.Is(closeErr, slogaudit.ErrRecordsLost) || !strings.Contains(closeErr.Error(), ", 0 not declared")) {
				t.Fatalf("Close: %v\nwant nil or every loss declared", closeErr)
			}
			rep, err := slogaudit.VerifyFiles(context.Background(), []string{path}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
			if err != nil || !rep.Intact() {
				t.Fatalf("verify: %v %v (Close: %v)", err, rep.Findings, closeErr)
			}
			if !stopped(t, path) {
				t.Fatalf("no audit.stop is the log's last record (Close: %v)", closeErr)
			}
		})
	}
}

// stopped reports whether the log at path ends with audit.stop, or with a
// checkpoint right after it.
func stopped(t *testing.T, path string) bool {
	t.Helper()
	lines := readLines(t, path)
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-2; i-- {
		if strings.Contains(lines[i], fmt.Sprintf("%q", slogaudit.MsgStop)) {
			return true
		}
	}
	return false
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// loggingHandler is a JSON handler that, while it handles a record, logs
// to the audit logger above the slogcore handler that runs it, as a
// handler that traces its own work does; every third record it fails.
type loggingHandler struct {
	slog.Handler
	logger *atomic.Pointer[slog.Logger]
	mu     sync.Mutex
	n      int
}

func (h *loggingHandler) Handle(ctx context.Context, r slog.Record) error {
	h.mu.Lock()
	h.n++
	n := h.n
	h.mu.Unlock()
	if l := h.logger.Load(); l != nil && n%4 == 0 {
		l.Info("handler traced", "record", n)
	}
	if n%3 == 0 {
		return errors.New("sink rejected the record")
	}
	return h.Handler.Handle(ctx, r)
}

// A slogcore.Async handler whose wrapped handler logs back to the audit
// handler during Handle: Close waits for it and every loss is declared.
func TestCloseWaitsForWrappedHandlerThatLogsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	var l atomic.Pointer[slog.Logger]
	next := slogcore.Async(&loggingHandler{Handler: slog.NewJSONHandler(af, nil), logger: &l}, nil)
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		next.Close(ctx)
	}()
	h, err := slogaudit.New(next, slogaudit.WithKey("k1", rtKey), slogaudit.OnError(func(error) {}))
	if err != nil {
		t.Fatal(err)
	}
	l.Store(slog.New(h))
	done := make(chan error, 1)
	go func() {
		for i := range 25 {
			l.Load().Info("badge scanned", "door", i)
		}
		done <- h.Close(context.Background())
	}()
	var closeErr error
	select {
	case closeErr = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Close still waits after 20s: the handler that logs back waits for the audit handler")
	}
	if closeErr != nil && (!errors.Is(closeErr, slogaudit.ErrRecordsLost) || !strings.Contains(closeErr.Error(), ", 0 not declared")) {
		t.Fatalf("Close: %v\nwant nil or every loss declared", closeErr)
	}
	rep, err := rtVerify(t, path)
	if err != nil || !rep.Intact() || !kindIn(rep, slogaudit.Gap) {
		t.Fatalf("verify: %v %v (Close: %v)", err, rep.Findings, closeErr)
	}
}

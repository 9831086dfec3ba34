package slogcore

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// errorLog collects what OnError receives.
type errorLog struct {
	mu   sync.Mutex
	errs []error
}

func (l *errorLog) add(err error) {
	l.mu.Lock()
	l.errs = append(l.errs, err)
	l.mu.Unlock()
}

func (l *errorLog) count(target error) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, err := range l.errs {
		if errors.Is(err, target) {
			n++
		}
	}
	return n
}

// closeWithin closes h, failing the test if Close needs longer than d.
func closeWithin(t *testing.T, h *Handler, d time.Duration) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	err := h.Close(ctx)
	require.NotErrorIs(t, err, context.DeadlineExceeded, "Close waited for a worker that is gone")
	return err
}

// TestWriterGoexitHammered: a writer that calls runtime.Goexit now and
// then (t.FailNow from a writer does) ends the worker goroutine. Callers
// hammering a small queue never wait forever, every record is counted,
// the loss is reported, and no record is glued to another.
func TestWriterGoexitHammered(t *testing.T) {
	var out lockedBuffer
	var calls atomic.Int32
	w := writerFunc(func(p []byte) (int, error) {
		if calls.Add(1)%5 == 2 {
			runtime.Goexit()
		}
		return out.Write(p)
	})
	var reported errorLog
	h := New(w, &Options{QueueSize: 8, BufferSize: 64, OnError: reported.add})
	var lost atomic.Int64
	h.WatchLosses(func(Loss) { lost.Add(1) })

	const goroutines, perG = 12, 150
	done := make(chan struct{})
	go func() {
		defer close(done)
		var wg sync.WaitGroup
		for g := range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l := slog.New(h).With("g", g)
				for i := range perG {
					l.Info("hammer", "i", i)
					if i%40 == 0 {
						_ = h.Flush(context.Background())
					}
				}
			}()
		}
		wg.Wait()
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("callers still wait for room: the worker is gone")
	}
	err := closeWithin(t, h, 10*time.Second)
	s := h.Stats()
	checkInvariant(t, s)
	require.EqualValues(t, goroutines*perG, s.Submitted)
	require.NotZero(t, s.FailedPanic, "records the exited worker held are failed")
	require.ErrorIs(t, err, ErrRecordsLost)
	require.Positive(t, reported.count(errWorkerExited))
	require.EqualValues(t, s.Failed, lost.Load(), "each failed record is reported to the watcher")
	require.Zero(t, s.Writing)
	require.Zero(t, s.QueueDepth)
	lines := 0
	for _, line := range strings.Split(out.buf.String(), "\n") {
		if line == "" {
			continue
		}
		require.True(t, strings.HasPrefix(line, "{") && strings.HasSuffix(line, "}") && strings.Count(line, `"msg"`) == 1, "line %q", line)
		lines++
	}
	require.EqualValues(t, s.Written, lines)
}

// goexitHandler calls runtime.Goexit for the records whose message is
// "exit" and accepts the others.
type goexitHandler struct{ handled atomic.Int32 }

func (g *goexitHandler) Enabled(context.Context, slog.Level) bool { return true }
func (g *goexitHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "exit" {
		runtime.Goexit()
	}
	g.handled.Add(1)
	return nil
}
func (g *goexitHandler) WithAttrs([]slog.Attr) slog.Handler { return g }
func (g *goexitHandler) WithGroup(string) slog.Handler      { return g }

// TestAsyncHandlerGoexit: for Async, a wrapped handler that calls
// runtime.Goexit fails that record, and the records after it are still
// handled by a new worker.
func TestAsyncHandlerGoexit(t *testing.T) {
	next := &goexitHandler{}
	var reported errorLog
	h := Async(next, &Options{QueueSize: 4, OnError: reported.add})
	var lostMsgs []string
	var mu sync.Mutex
	h.WatchLosses(func(l Loss) { mu.Lock(); lostMsgs = append(lostMsgs, l.Message); mu.Unlock() })
	l := slog.New(h)
	for i := range 30 {
		if i%10 == 3 {
			l.Info("exit")
			require.NoError(t, h.Flush(context.Background()), "a Flush returns once the record was handled or counted")
			continue
		}
		l.Info("kept")
	}
	err := closeWithin(t, h, 10*time.Second)
	require.ErrorIs(t, err, ErrRecordsLost)
	s := h.Stats()
	checkInvariant(t, s)
	require.EqualValues(t, 30, s.Submitted)
	require.EqualValues(t, 3, s.Failed)
	require.EqualValues(t, 3, s.FailedPanic)
	require.EqualValues(t, 27, next.handled.Load())
	require.EqualValues(t, 27, s.Written)
	require.Equal(t, 3, reported.count(errWorkerExited))
	mu.Lock()
	require.Equal(t, []string{"exit", "exit", "exit"}, lostMsgs)
	mu.Unlock()
}

// TestCallbackGoexitDoesNotHangFlush: OnError and a loss watcher that call
// runtime.Goexit on the worker do not leave Flush or Close waiting, and
// logging goes on.
func TestCallbackGoexitDoesNotHangFlush(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(*Options)
		watch func(Loss)
	}{
		{"OnError", func(o *Options) { o.OnError = func(error) { runtime.Goexit() } }, nil},
		{"WatchLosses", func(o *Options) { o.OnError = func(error) {} }, func(Loss) { runtime.Goexit() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			fail := true
			w := writerFunc(func(p []byte) (int, error) {
				if fail {
					return 0, errors.New("device gone")
				}
				return out.Write(p)
			})
			o := &Options{QueueSize: 2, FlushInterval: time.Hour}
			tc.setup(o)
			h := New(w, o)
			if tc.watch != nil {
				h.WatchLosses(tc.watch)
			}
			l := slog.New(h)
			for range 5 {
				l.Info("fails")
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				err := h.Flush(ctx)
				cancel()
				require.NotErrorIs(t, err, context.DeadlineExceeded, "Flush waited for a reply from a worker that is gone")
			}
			fail = false
			l.Info("written")
			require.ErrorIs(t, closeWithin(t, h, 5*time.Second), ErrRecordsLost)
			s := h.Stats()
			checkInvariant(t, s)
			require.EqualValues(t, 5, s.Failed)
			require.EqualValues(t, 1, s.Written)
			require.Len(t, parseLines(t, out.Bytes()), 1, "no blank line: the writer was not interrupted")
		})
	}
}

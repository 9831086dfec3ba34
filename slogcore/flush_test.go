package slogcore

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestFlushReportsFailedWrites: a Flush after records failed says so, once;
// a Flush that returns nil means nothing was lost since the previous one.
func TestFlushReportsFailedWrites(t *testing.T) {
	var failing atomic.Bool
	failing.Store(true)
	var out lockedBuffer
	w := writerFunc(func(p []byte) (int, error) {
		if failing.Load() {
			return 0, errors.New("input/output error")
		}
		return out.Write(p)
	})
	h := New(w, &Options{FlushInterval: time.Hour, OnError: func(error) {}})
	l := slog.New(h)
	l.Info("a")
	l.Info("b")
	l.Info("c")
	err := h.Flush(context.Background())
	require.ErrorIs(t, err, ErrRecordsLost)
	require.EqualError(t, err, "slogcore: flush: 3 records failed since the last Flush: records lost (see Options.OnError and Stats)")
	require.NoError(t, h.Flush(context.Background()), "each failure is reported once")

	failing.Store(false)
	l.Info("d")
	require.NoError(t, h.Flush(context.Background()))

	// Failures between two Flushes, written by the timer or by Close, are
	// reported by the next Flush, also after Close.
	failing.Store(true)
	l.Info("e")
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	require.EqualError(t, h.Flush(context.Background()), "slogcore: flush: 1 records failed since the last Flush: records lost (see Options.OnError and Stats)")
	require.NoError(t, h.Flush(context.Background()))
}

// TestFlushIgnoresPolicyDrops: records dropped by the overflow policy were
// not handed to the writer; they are OnDrop's business, not Flush's.
func TestFlushIgnoresPolicyDrops(t *testing.T) {
	w := &gateWriter{release: make(chan struct{})}
	h := New(w, &Options{QueueSize: 2, Overflow: DropNewest, BufferSize: 1})
	l := slog.New(h)
	for range 20 {
		l.Info("burst")
	}
	close(w.release)
	require.NoError(t, h.Flush(context.Background()))
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost, "Close still names the drops")
	s := h.Stats()
	checkInvariant(t, s)
	require.NotZero(t, s.Dropped)
	require.Zero(t, s.Failed)
}

// gateWriter blocks every write until release is closed.
type gateWriter struct {
	release chan struct{}
	out     lockedBuffer
}

func (g *gateWriter) Write(p []byte) (int, error) {
	<-g.release
	return g.out.Write(p)
}

var flushCount = regexp.MustCompile(`flush: (\d+) records failed since the last Flush`)

// TestConcurrentFlushesReportEachFailureOnce: many goroutines log and
// flush while the writer fails every third call; the failures the Flushes
// report add up to Stats.Failed, none reported twice, none missed.
func TestConcurrentFlushesReportEachFailureOnce(t *testing.T) {
	var calls atomic.Int64
	var out lockedBuffer
	w := writerFunc(func(p []byte) (int, error) {
		if calls.Add(1)%3 == 0 {
			return 0, errors.New("no space left on device")
		}
		return out.Write(p)
	})
	h := New(w, &Options{QueueSize: 64, BufferSize: 256, FlushInterval: time.Millisecond, OnError: func(error) {}})
	var reported atomic.Uint64
	count := func(err error) {
		if err == nil {
			return
		}
		require.ErrorIs(t, err, ErrRecordsLost)
		m := flushCount.FindStringSubmatch(err.Error())
		require.NotNil(t, m, "error %q", err)
		n, _ := strconv.ParseUint(m[1], 10, 64)
		reported.Add(n)
	}
	var wg sync.WaitGroup
	for g := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := slog.New(h).With("g", g)
			for i := range 300 {
				l.Info("tick", "i", i)
				if i%25 == 0 {
					count(h.Flush(context.Background()))
				}
			}
		}()
	}
	wg.Wait()
	count(h.Flush(context.Background()))
	_ = h.Close(context.Background())
	count(h.Flush(context.Background()))
	s := h.Stats()
	checkInvariant(t, s)
	require.NotZero(t, s.Failed)
	require.Equal(t, s.Failed, reported.Load())
}

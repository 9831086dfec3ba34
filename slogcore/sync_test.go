package slogcore

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestSyncReportsFailedWrites: a Sync after records failed says so, once;
// a Sync that returns nil means nothing was lost since the previous one.
// Flush keeps returning nil once the queue is written.
func TestSyncReportsFailedWrites(t *testing.T) {
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
	require.NoError(t, h.Flush(context.Background()), "Flush only waits")
	l.Info("c")
	err := h.Sync(context.Background())
	require.ErrorIs(t, err, ErrRecordsLost)
	require.EqualError(t, err, "slogcore: sync: 3 records failed since the last Sync: records lost (see Options.OnError and Stats)")
	require.NoError(t, h.Sync(context.Background()), "each failure is reported once")

	failing.Store(false)
	l.Info("d")
	require.NoError(t, h.Sync(context.Background()))

	// Failures written by Close are reported by a Sync after it.
	failing.Store(true)
	l.Info("e")
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	require.EqualError(t, h.Sync(context.Background()), "slogcore: sync: 1 record failed since the last Sync: records lost (see Options.OnError and Stats)")
	require.NoError(t, h.Sync(context.Background()))
}

// TestSyncIgnoresPolicyDrops: records dropped by the overflow policy were
// not handed to the writer; they are OnDrop's business, not Sync's.
func TestSyncIgnoresPolicyDrops(t *testing.T) {
	w := &gateWriter{release: make(chan struct{})}
	h := New(w, &Options{QueueSize: 2, Overflow: DropNewest, BufferSize: 1})
	l := slog.New(h)
	for range 20 {
		l.Info("burst")
	}
	close(w.release)
	require.NoError(t, h.Sync(context.Background()))
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

// syncingWriter counts Sync calls and can fail them.
type syncingWriter struct {
	lockedBuffer
	syncs   atomic.Int32
	syncErr error
	panics  bool
}

func (s *syncingWriter) Sync() error {
	s.syncs.Add(1)
	if s.panics {
		panic("fsync exploded")
	}
	return s.syncErr
}

// TestSyncCallsWriterSync: Sync makes the writer durable when it can be,
// reports a failed or panicking Sync, and takes EINVAL (a pipe, a
// terminal) as nothing to sync.
func TestSyncCallsWriterSync(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    *syncingWriter
		want string
	}{
		{"ok", &syncingWriter{}, ""},
		{"EIO", &syncingWriter{syncErr: &os.PathError{Op: "sync", Path: "/var/log/app.log", Err: errors.New("input/output error")}},
			"slogcore: sync: sync /var/log/app.log: input/output error (the records were written; the writer could not make them durable)"},
		{"EINVAL", &syncingWriter{syncErr: &os.PathError{Op: "sync", Path: "/dev/stdout", Err: syscall.EINVAL}}, ""},
		{"panic", &syncingWriter{panics: true}, "slogcore: sync: the writer's Sync panicked: fsync exploded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := New(tc.w, &Options{FlushInterval: time.Hour})
			slog.New(h).Info("durable")
			err := h.Sync(context.Background())
			if tc.want == "" {
				require.NoError(t, err)
			} else {
				require.EqualError(t, err, tc.want)
			}
			require.EqualValues(t, 1, tc.w.syncs.Load())
			require.Contains(t, tc.w.buf.String(), `"msg":"durable"`, "written before the Sync")
			require.NoError(t, h.Close(context.Background()))
		})
	}

	// A real file.
	path := filepath.Join(t.TempDir(), "app.log")
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	h := New(f, nil)
	slog.New(h).Info("on disk")
	require.NoError(t, h.Sync(context.Background()))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(data), `"msg":"on disk"`)
	require.NoError(t, h.Close(context.Background()))
}

var syncCount = regexp.MustCompile(`sync: (\d+) records? failed since the last Sync`)

// TestConcurrentSyncsReportEachFailureOnce: many goroutines log, flush and
// sync while the writer fails every third call; the failures the Syncs
// report add up to Stats.Failed, none reported twice, none missed.
func TestConcurrentSyncsReportEachFailureOnce(t *testing.T) {
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
	var mu sync.Mutex
	var bad []string
	count := func(err error) {
		if err == nil {
			return
		}
		m := syncCount.FindStringSubmatch(err.Error())
		if !errors.Is(err, ErrRecordsLost) || m == nil {
			mu.Lock()
			bad = append(bad, err.Error())
			mu.Unlock()
			return
		}
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
				switch i % 25 {
				case 0:
					count(h.Sync(context.Background()))
				case 12:
					_ = h.Flush(context.Background())
				}
			}
		}()
	}
	wg.Wait()
	count(h.Sync(context.Background()))
	_ = h.Close(context.Background())
	count(h.Sync(context.Background()))
	require.Empty(t, bad)
	s := h.Stats()
	checkInvariant(t, s)
	require.NotZero(t, s.Failed)
	require.Equal(t, s.Failed, reported.Load())
}

package slogaudit

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// stuckWriter writes to out; its calls after the first free ones wait
// until release is closed, and started is closed when the first waits.
type stuckWriter struct {
	mu      sync.Mutex
	out     bytes.Buffer
	free    int32
	calls   atomic.Int32
	once    sync.Once
	started chan struct{}
	release chan struct{}
}

func newStuckWriter(free int32) *stuckWriter {
	return &stuckWriter{free: free, started: make(chan struct{}), release: make(chan struct{})}
}

func (w *stuckWriter) Write(p []byte) (int, error) {
	if w.calls.Add(1) > w.free {
		w.once.Do(func() { close(w.started) })
		<-w.release
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out.Write(p)
}

// A writer that blocks (a hung disk, a pipe nobody reads) holds the
// record being written, and with it the chain: Close gives up at its
// deadline with an error that says a write has not returned, stopping
// nothing; once the writer returns, Close again writes audit.stop and
// the log verifies intact, every record logged in it. Over File.Handler
// (with and without WithFileErrors) and over Wrap of slog.JSONHandler.
func TestCloseDeadlineWhileWriteBlocks(t *testing.T) {
	for _, tc := range []struct {
		name string
		// open returns the handler over w, and what to verify afterwards.
		open func(t *testing.T, w *stuckWriter) (*Handler, func() []byte)
	}{
		{"File.Handler", func(t *testing.T, w *stuckWriter) (*Handler, func() []byte) {
			return stuckFile(t, w)
		}},
		{"File.Handler with WithFileErrors", func(t *testing.T, w *stuckWriter) (*Handler, func() []byte) {
			return stuckFile(t, w, WithFileErrors(func(error) {}))
		}},
		{"Wrap over slog.JSONHandler", func(t *testing.T, w *stuckWriter) (*Handler, func() []byte) {
			h := Wrap(slog.NewJSONHandler(w, nil), WithKey("k1", testKey), WithChainID("dock"))
			return h, func() []byte {
				w.mu.Lock()
				defer w.mu.Unlock()
				return append([]byte(nil), w.out.Bytes()...)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newStuckWriter(2) // audit.start and the first record
			h, output := tc.open(t, w)
			var wg sync.WaitGroup
			for i := range 3 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					slog.New(h).Info("crate", "bay", i)
				}()
			}
			<-w.started
			ctx, cancel := context.WithTimeout(context.Background(), 25*time.Millisecond)
			start := time.Now()
			err := h.Close(ctx)
			cancel()
			require.Less(t, time.Since(start), 5*time.Second, "Close did not give up at its deadline")
			require.ErrorIs(t, err, context.DeadlineExceeded)
			require.ErrorContains(t, err, "write has not returned")
			require.False(t, errors.Is(err, ErrRecordsLost), "nothing is lost yet: %v", err)

			close(w.release)
			wg.Wait()
			require.NoError(t, h.Close(context.Background()), "Close again, once the writer returned")
			rep, err := Verify(context.Background(), bytes.NewReader(output()), VerifyOptions{Key: testKey})
			require.NoError(t, err, "findings: %v", rep.Findings)
			require.EqualValues(t, 5, rep.Records, "audit.start, three records and audit.stop")
			require.Contains(t, string(output()), `"msg":"audit.stop"`)
		})
	}
}

// stuckFile opens a File whose writes go through w, and returns its
// handler and a function that closes the File and reads the log.
func stuckFile(t *testing.T, w *stuckWriter, opts ...FileOption) (*Handler, func() []byte) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, append([]FileOption{WithFileSync(SyncNever())}, opts...)...)
	require.NoError(t, err)
	af.inject = func(f *os.File, p []byte) (int, error) {
		if _, err := w.Write(p); err != nil {
			return 0, err
		}
		return f.Write(p)
	}
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("dock"))
	require.NoError(t, err)
	return h, func() []byte {
		require.NoError(t, af.Close())
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		return data
	}
}

var _ io.Writer = (*stuckWriter)(nil)

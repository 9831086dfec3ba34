package slogcore

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// refusingWriter refuses the first refusals calls of every write (a
// call that follows a call that wrote nothing counts as the same write;
// refusals < 0: every call), taking the first part bytes of p and
// returning err; other calls write all of p.
type refusingWriter struct {
	mu       sync.Mutex
	out      bytes.Buffer
	refusals int
	part     int
	err      error
	refused  int // refused calls of the current write
	calls    atomic.Int64
}

func (w *refusingWriter) Write(p []byte) (int, error) {
	w.calls.Add(1)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.refusals < 0 || w.refused < w.refusals {
		w.refused++
		n := min(w.part, len(p))
		w.out.Write(p[:n])
		return n, w.err
	}
	w.refused = 0
	w.out.Write(p)
	return len(p), nil
}

// A writer that says "try again" (EAGAIN or EWOULDBLOCK, as a full
// non-blocking pipe does; EINTR), before any byte or after part of a
// record, bare or wrapped as os.File wraps it, is asked again after a
// pause: its records are written whole, none fails. One that keeps
// saying so fails its records, counted and returned by Close, with
// nothing glued; an error that is no "try again" (EIO, ENOSPC) is not
// retried: it costs one call per batch, as before.
func TestWriterTryAgainRetried(t *testing.T) {
	pathErr := func(errno syscall.Errno) error {
		return &fs.PathError{Op: "write", Path: "/dev/stdout", Err: errno}
	}
	for _, tc := range []struct {
		name     string
		refusals int
		part     int
		err      error
		// lost: records fail; retried: calls are repeated for it.
		lost, retried bool
	}{
		{"EAGAIN before any byte, three times", 3, 0, syscall.EAGAIN, false, true},
		{"EWOULDBLOCK as os.File says it, after 9 bytes", 2, 9, pathErr(syscall.EWOULDBLOCK), false, true},
		{"EINTR, once", 1, 0, syscall.EINTR, false, true},
		{"EAGAIN wrapped by the writer, five times", 5, 0, fmt.Errorf("pipe to collector: %w", syscall.EAGAIN), false, true},
		{"EAGAIN for good", -1, 0, syscall.EAGAIN, true, true},
		{"EIO before any byte, not retried", 1, 0, pathErr(syscall.EIO), true, false},
		{"ENOSPC for good, not retried", -1, 0, syscall.ENOSPC, true, false},
	} {
		for _, policy := range []Overflow{Block, DropNewest, DropOldest} {
			t.Run(tc.name+"/"+policy.String(), func(t *testing.T) {
				w := &refusingWriter{refusals: tc.refusals, part: tc.part, err: tc.err}
				var reports atomic.Int64
				h := New(w, &Options{Overflow: policy, QueueSize: 64, Redact: NoRedaction,
					OnError: func(error) { reports.Add(1) }})
				for id := range 12 {
					r := slog.NewRecord(t0, slog.LevelInfo, "parcel", 0)
					r.AddAttrs(slog.Int("id", id), slog.String("bay", strings.Repeat("b", id*7)))
					h.Handle(context.Background(), r)
				}
				err := h.Close(context.Background())
				s := h.Stats()
				checkInvariant(t, s)
				ids, fragments := outputIDs(t, w.out.Bytes())
				for id, n := range ids {
					require.Equal(t, 1, n, "record %d written %d times", id, n)
				}
				require.EqualValues(t, s.Written, len(ids), "Stats.Written does not match the whole lines written")
				if !tc.lost {
					require.NoError(t, err)
					require.Zero(t, s.Failed, "a writer that only asked to try again lost records: %+v", s)
					require.Empty(t, fragments)
					require.EqualValues(t, 12, s.Written+s.Dropped)
				} else {
					require.ErrorIs(t, err, ErrRecordsLost)
					require.NotZero(t, s.Failed)
					require.True(t, strings.Contains(err.Error(), "failed"), "Close's error does not say records failed: %v", err)
				}
				if tc.lost && !tc.retried {
					require.Equal(t, reports.Load(), w.calls.Load(), "a hard error was retried: %d calls, %d failed writes", w.calls.Load(), reports.Load())
				}
				if tc.retried && tc.lost {
					require.Greater(t, w.calls.Load(), reports.Load(), "EAGAIN was not retried")
				}
			})
		}
	}
}

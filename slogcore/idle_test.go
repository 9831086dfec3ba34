package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// isParked reports whether h's worker has stopped its ticker.
func isParked(h *Handler) bool {
	h.core.mu.Lock()
	defer h.core.mu.Unlock()
	return h.core.parked
}

// TestIdleWorkerSleeps: whatever FlushInterval is, a handler with nothing
// to write parks its worker, which then wakes up for nothing (before: its
// ticker woke it every FlushInterval, a busy loop at a microsecond). A
// record logged to a parked handler is still written within FlushInterval,
// without Flush.
func TestIdleWorkerSleeps(t *testing.T) {
	for _, tc := range []struct {
		name     string
		interval time.Duration
		mk       func(*lockedBuffer, *Options) *Handler
	}{
		{"New/3ns", 3 * time.Nanosecond, func(b *lockedBuffer, o *Options) *Handler { return New(b, o) }},
		{"New/7us", 7 * time.Microsecond, func(b *lockedBuffer, o *Options) *Handler { return New(b, o) }},
		{"New/2ms", 2 * time.Millisecond, func(b *lockedBuffer, o *Options) *Handler { return New(b, o) }},
		{"Async/5us", 5 * time.Microsecond, func(b *lockedBuffer, o *Options) *Handler {
			return Async(slog.NewJSONHandler(b, nil), o)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out lockedBuffer
			h := tc.mk(&out, &Options{FlushInterval: tc.interval})
			defer h.Close(context.Background())
			l := slog.New(h)
			for round, msg := range []string{"parcel-sorted", "parcel-shipped", "parcel-returned"} {
				l.Info(msg, "round", round)
				// Written by a tick, not by Flush: the record woke the worker.
				require.Eventually(t, func() bool { return bytes.Contains(out.Bytes(), []byte(msg)) },
					10*time.Second, time.Millisecond, "round %d: record not written", round)
				require.Eventually(t, func() bool { return isParked(h) }, 10*time.Second, time.Millisecond,
					"round %d: the worker never parked", round)
				before := h.core.wakeups.Load()
				time.Sleep(40 * time.Millisecond) // thousands of intervals
				require.Equal(t, before, h.core.wakeups.Load(), "round %d: an idle worker woke up", round)
			}
			require.NoError(t, h.Close(context.Background()))
			require.Equal(t, 3, strings.Count(string(out.Bytes()), "\n"))
		})
	}
}

// TestParkedWorkerFinishesCutRecord: a write that leaves a record cut by
// a failing writer must not park the worker: the ticker retries the rest
// until the writer recovers, without Flush.
func TestParkedWorkerFinishesCutRecord(t *testing.T) {
	var out lockedBuffer
	failing := make(chan bool, 1)
	failing <- true
	w := writerFunc(func(p []byte) (int, error) {
		f := <-failing
		failing <- false
		if f {
			n, _ := out.Write(p[:len(p)/2])
			return n, syscall.ENOSPC
		}
		return out.Write(p)
	})
	h := New(w, &Options{FlushInterval: 50 * time.Microsecond, OnError: func(error) {}})
	l := slog.New(h)
	require.Eventually(t, func() bool { return isParked(h) }, 10*time.Second, time.Millisecond)
	l.Info("invoice-archived", "id", 4417)
	require.Eventually(t, func() bool { return bytes.HasSuffix(out.Bytes(), []byte("}\n")) },
		10*time.Second, time.Millisecond, "the cut record's rest was never written")
	require.NoError(t, h.Close(context.Background()))
	s := h.Stats()
	require.Equal(t, uint64(1), s.Written, "%+v", s)
}

// TestStalledWriterBacksOff: a record cut by a writer that then takes
// nothing (a full disk) is retried less and less often, not every
// FlushInterval (before: thousands of writes in a tenth of a second at a
// microsecond), and is completed once the writer recovers.
func TestStalledWriterBacksOff(t *testing.T) {
	for _, tc := range []struct {
		name     string
		interval time.Duration
		stalled  func([]byte) (int, error)
	}{
		{"no space/4us", 4 * time.Microsecond, func([]byte) (int, error) { return 0, syscall.ENOSPC }},
		{"zero without error/1ns", time.Nanosecond, func([]byte) (int, error) { return 0, nil }},
		{"io error/2us", 2 * time.Microsecond, func([]byte) (int, error) { return 0, syscall.EIO }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out lockedBuffer
			var calls atomic.Int64
			var recovered atomic.Bool
			first := true
			w := writerFunc(func(p []byte) (int, error) {
				calls.Add(1)
				switch {
				case first: // cut the record in two
					first = false
					n, _ := out.Write(p[:len(p)/3])
					return n, syscall.ENOSPC
				case recovered.Load():
					return out.Write(p)
				}
				return tc.stalled(p)
			})
			h := New(w, &Options{FlushInterval: tc.interval, OnError: func(error) {}})
			slog.New(h).Warn("ledger-closed", "batch", 9031)
			require.Eventually(t, func() bool { return calls.Load() > 0 }, 10*time.Second, time.Millisecond)
			time.Sleep(60 * time.Millisecond)
			// 60ms of doubling from a microsecond is at most ~16 retries.
			require.Less(t, calls.Load(), int64(40), "retries of a stalled writer")
			recovered.Store(true)
			require.NoError(t, h.Flush(context.Background()))
			require.NoError(t, h.Close(context.Background()))
			require.Equal(t, 1, strings.Count(string(out.Bytes()), "\n"))
			require.Contains(t, string(out.Bytes()), `"batch":9031}`)
			require.EqualValues(t, 1, h.Stats().Written)
		})
	}
}

// TestRetryEveryBounded: the backoff doubles up to its limit, never past
// it, also from a FlushInterval near the largest duration.
func TestRetryEveryBounded(t *testing.T) {
	for _, tc := range []struct {
		name     string
		interval time.Duration
		every    time.Duration
		want     time.Duration
	}{
		{"doubles", time.Millisecond, 3 * time.Millisecond, 6 * time.Millisecond},
		{"stops at a second", time.Millisecond, 700 * time.Millisecond, time.Second},
		{"long interval is the limit", time.Hour, time.Hour, time.Hour},
		{"huge interval does not overflow", 1<<63 - 1, 1<<63 - 1, 1<<63 - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &core{opts: Options{FlushInterval: tc.interval}, cut: []byte("rest\n"), stalled: true}
			require.Equal(t, tc.want, c.retryEvery(tc.every))
			c.stalled = false
			require.Equal(t, tc.interval, c.retryEvery(tc.every), "a write that took bytes")
		})
	}
}

package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
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

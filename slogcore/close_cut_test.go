package slogcore

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// closeCount returns the number that re matches in err's text.
func closeCount(t *testing.T, re string, err error) uint64 {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(err.Error())
	require.NotNil(t, m, "%q not in %v", re, err)
	n, convErr := strconv.ParseUint(m[1], 10, 64)
	require.NoError(t, convErr)
	return n
}

// TestCloseDeadlineCountsCutRecord: a record cut by the writer is held by
// the worker until its rest is written. When Close's deadline comes while
// the write of that rest is blocked, Close cannot know the cut record's
// fate: it names it with the write in progress, not among the records
// lost (before: it said it was dropped, and wrapped ErrRecordsLost, though
// the writer went on to write it). When the deadline comes while the
// worker is held elsewhere between retries, the rest is never written:
// Close names the record lost, and it counts as failed. Once the worker is
// done, the records lost are exactly those Close named lost, plus those of
// the write in progress when the writer then failed.
func TestCloseDeadlineCountsCutRecord(t *testing.T) {
	for _, tc := range []struct {
		name      string
		heldIn    string // "writer": the retry blocks; "OnError": the report of the cut blocks
		recovered bool   // the writer works once released
	}{
		{"retry blocked/writer recovers", "writer", true},
		{"retry blocked/writer still failing", "writer", false},
		{"between retries/writer recovers", "OnError", true},
		{"between retries/writer still failing", "OnError", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out lockedBuffer
			held := make(chan struct{})
			release := make(chan struct{})
			calls := 0
			w := writerFunc(func(p []byte) (int, error) {
				calls++
				switch {
				case calls == 1: // cut the first record
					n, _ := out.Write(p[:len(p)/2])
					return n, syscall.ENOSPC
				case calls == 2 && tc.heldIn == "writer":
					close(held)
					<-release
				}
				select {
				case <-release:
					if tc.recovered {
						return out.Write(p)
					}
				default:
				}
				return 0, syscall.ENOSPC
			})
			reported := 0
			h := New(w, &Options{FlushInterval: time.Hour, OnError: func(error) {
				reported++
				if reported == 1 && tc.heldIn == "OnError" {
					close(held)
					<-release
				}
			}})
			l := slog.New(h)
			l.Info("ledger-entry", "n", 1)
			go func() { _ = h.Flush(context.Background()) }() // cuts it
			if tc.heldIn == "writer" {
				require.Eventually(t, func() bool { return h.Stats().Writing == 1 && h.core.cutPending.Load() }, 10*time.Second, time.Millisecond)
				l.Info("ledger-entry", "n", 2)
				go func() { _ = h.Flush(context.Background()) }() // retries the rest, with the second record
			}
			<-held
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			err := h.Close(ctx)
			cancel()
			require.ErrorIs(t, err, context.DeadlineExceeded)
			undecided := closeCount(t, `\((\d+) in the write in progress`, err)
			named := closeCount(t, `(\d+) queued records dropped`, err) + closeCount(t, `(\d+) more the worker held, dropped`, err)
			require.Equal(t, named > 0, errors.Is(err, ErrRecordsLost), "%v", err)
			close(release)
			<-h.core.done

			s := h.Stats()
			checkInvariant(t, s)
			require.Zero(t, s.Writing)
			want := named
			if !tc.recovered {
				want += undecided
			}
			require.Equal(t, want, s.Failed+s.Dropped, "Close said %v; then %+v", err, s)
			if tc.heldIn == "writer" {
				require.EqualValues(t, 2, undecided, "the cut record and the one after it: %v", err)
			} else {
				require.Zero(t, undecided, "%v", err)
				require.ErrorContains(t, err, "one of them a record the writer cut, counted as failed")
				require.EqualValues(t, 1, s.Failed, "%+v", s)
			}
		})
	}
}

package slogcore

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestDropOldestNeverBlocksBelowError fills the queue with records at
// slog.LevelError and above while the writer is stalled, then logs records
// below Error under DropOldest. No queued record may be evicted (they are
// errors), and the caller must not wait either: DropOldest trades
// completeness for latency. The new record is dropped and counted, reported
// to OnDrop and to the loss watchers, and every error is still written.
func TestDropOldestNeverBlocksBelowError(t *testing.T) {
	for _, tc := range []struct {
		name   string
		queued []slog.Level
		late   []slog.Level
	}{
		{"errors queued, one warning", []slog.Level{slog.LevelError, slog.LevelError, slog.LevelError}, []slog.Level{slog.LevelWarn}},
		{"custom levels above error, debug and info", []slog.Level{slog.LevelError + 4, slog.LevelError, slog.LevelError + 1}, []slog.Level{slog.LevelDebug, slog.LevelInfo, slog.LevelError - 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			release := make(chan struct{})
			var out lockedBuffer
			w := writerFunc(func(p []byte) (int, error) {
				<-release
				return out.Write(p)
			})
			var mu sync.Mutex
			var drops []Drop
			var losses []Loss
			h := New(w, &Options{QueueSize: len(tc.queued), Overflow: DropOldest, BufferSize: 1, Level: slog.LevelDebug,
				OnDrop: func(d Drop) {
					mu.Lock()
					defer mu.Unlock()
					drops = append(drops, d)
				}})
			defer h.WatchLosses(func(l Loss) {
				mu.Lock()
				defer mu.Unlock()
				losses = append(losses, l)
			})()
			l := slog.New(h)
			l.Error("taken by the worker")
			require.Eventually(t, func() bool { return h.Stats().QueueDepth == 0 && h.Stats().Writing == 1 }, 5*time.Second, time.Millisecond,
				"the worker never took the first record")
			for i, lv := range tc.queued {
				l.Log(context.Background(), lv, "queued", "i", i)
			}
			require.EqualValues(t, len(tc.queued), h.Stats().QueueDepth)

			done := make(chan struct{})
			go func() {
				defer close(done)
				for i, lv := range tc.late {
					l.Log(context.Background(), lv, "late", "i", i)
				}
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				close(release)
				<-done
				t.Fatal("a record below Error waited for room under DropOldest")
			}
			close(release)
			err := h.Close(context.Background())
			require.ErrorIs(t, err, ErrRecordsLost)

			s := h.Stats()
			require.EqualValues(t, len(tc.late), s.DroppedBy[ReasonQueueFull])
			require.Zero(t, s.DroppedBy[ReasonEvicted], "an error was evicted")
			require.EqualValues(t, 1+len(tc.queued), s.Written)
			checkInvariant(t, s)
			mu.Lock()
			defer mu.Unlock()
			require.Len(t, drops, len(tc.late))
			require.Len(t, losses, len(tc.late))
			for i, d := range drops {
				require.Equal(t, ReasonQueueFull, d.Reason)
				require.Equal(t, tc.late[i], d.Level)
				require.Equal(t, "late", losses[i].Message)
				require.True(t, losses[i].Dropped)
			}
			for _, m := range parseLines(t, out.Bytes()) {
				require.NotEqual(t, "late", m["msg"])
			}
		})
	}
}

package slogcore

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestDropOldestSkipsQueuedErrors guards DropOldest's promise that a record
// at slog.LevelError or above is never dropped: when the queue is full and
// its oldest record is an Error, the oldest record below Error is evicted
// instead, and the Error is written. An eviction that took the head of the
// queue whatever its level would lose the Error.
func TestDropOldestSkipsQueuedErrors(t *testing.T) {
	release := make(chan struct{})
	var out lockedBuffer
	w := writerFunc(func(p []byte) (int, error) {
		<-release
		return out.Write(p)
	})
	var mu sync.Mutex
	var drops []Drop
	h := New(w, &Options{QueueSize: 4, Overflow: DropOldest, BufferSize: 1, OnDrop: func(d Drop) {
		mu.Lock()
		defer mu.Unlock()
		drops = append(drops, d)
	}})
	l := slog.New(h)
	l.Info("first") // taken by the worker, which then stalls in Write
	go func() { _ = h.Flush(context.Background()) }()
	require.Eventually(t, func() bool { return h.Stats().QueueDepth == 0 }, 5*time.Second, time.Millisecond,
		"the worker never took the first record")

	l.Error("oldest, an error") // the head of the queue
	for i := range 3 {
		l.Info("info", "i", i)
	}
	require.EqualValues(t, 4, h.Stats().QueueDepth)
	l.Info("overflow") // evicts info 0, the oldest below Error
	close(release)
	err := h.Close(context.Background())
	require.ErrorContains(t, err, "1 dropped", "Close names the record the policy dropped")

	s := h.Stats()
	require.EqualValues(t, 1, s.Dropped)
	require.EqualValues(t, 1, s.DroppedBy[ReasonEvicted])
	mu.Lock()
	require.Len(t, drops, 1)
	require.Equal(t, slog.LevelInfo, drops[0].Level, "an Error was evicted")
	mu.Unlock()
	var msgs []string
	for _, m := range parseLines(t, out.Bytes()) {
		msgs = append(msgs, m["msg"].(string)+"/"+m["level"].(string))
	}
	require.Equal(t, []string{"first/INFO", "oldest, an error/ERROR", "info/INFO", "info/INFO", "overflow/INFO"}, msgs)
	checkInvariant(t, s)
}

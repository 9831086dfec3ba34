package slogcore

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// blockingHandler holds every record until release is closed.
type blockingHandler struct {
	slog.Handler
	release chan struct{}
}

func (h blockingHandler) Handle(ctx context.Context, r slog.Record) error {
	<-h.release
	return h.Handler.Handle(ctx, r)
}

// TestPanickingOnDrop: an OnDrop callback that panics never panics the
// log call or the worker, and the dropped record still reaches the loss
// watchers, from which an audit wrapper declares it. Before, the panic
// reached the caller (DropNewest, DropOldest) and the watchers never
// heard of the record: its loss went undeclared.
func TestPanickingOnDrop(t *testing.T) {
	for _, overflow := range []Overflow{DropNewest, DropOldest} {
		t.Run(map[Overflow]string{DropNewest: "DropNewest", DropOldest: "DropOldest"}[overflow], func(t *testing.T) {
			w := blockingHandler{slog.NewJSONHandler(io.Discard, nil), make(chan struct{})}
			h := Async(w, &Options{QueueSize: 4, Overflow: overflow, FlushInterval: time.Millisecond,
				OnDrop: func(Drop) { panic("on drop") }, OnError: func(error) {}})
			var mu sync.Mutex
			watched := 0
			stop := h.WatchLosses(func(l Loss) {
				mu.Lock()
				watched++
				mu.Unlock()
			})
			defer stop()
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("OnDrop's panic reached the caller: %v", p)
					}
				}()
				l := slog.New(h)
				for i := range 40 {
					l.Info("event", "i", i)
				}
			}()
			close(w.release)
			require.NoError(t, h.Flush(context.Background()))
			_ = h.Close(context.Background())
			s := h.Stats()
			checkInvariant(t, s)
			require.NotZero(t, s.Dropped)
			mu.Lock()
			defer mu.Unlock()
			require.EqualValues(t, s.Dropped, watched, "every dropped record is reported to the watchers")
		})
	}
}

package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestNilContextIsBackground: a nil context, which slog.Logger accepts,
// is context.Background() for Handle, Flush, Sync and Close too, also
// when Handle waits for room or a watcher keeps the context.
func TestNilContextIsBackground(t *testing.T) {
	var nilCtx context.Context
	rec := func(msg string) slog.Record { return slog.NewRecord(time.Now(), slog.LevelInfo, msg, 0) }

	gate := &gateWriter{release: make(chan struct{})}
	h := New(gate, &Options{QueueSize: 2, BufferSize: 1, BlockTimeout: 20 * time.Millisecond})
	h.WatchLosses(func(l Loss) { _ = l.Context }) // the entries keep the context
	require.NotPanics(t, func() {
		for range 6 { // the queue fills: Handle waits, with a nil context
			err := h.Handle(nilCtx, rec("wait"))
			if err != nil {
				require.ErrorIs(t, err, ErrQueueFull)
			}
		}
	})
	close(gate.release)
	require.NotPanics(t, func() {
		require.NoError(t, h.Flush(nilCtx))
		require.NoError(t, h.Sync(nilCtx))
		require.Error(t, h.Close(nilCtx), "the records that waited too long are named")
	})
	checkInvariant(t, h.Stats())

	var out bytes.Buffer
	a := Async(slog.NewJSONHandler(&out, nil), nil)
	require.NotPanics(t, func() {
		require.NoError(t, a.Handle(nilCtx, rec("async")))
		require.NoError(t, a.Close(nilCtx))
	})
	require.Contains(t, out.String(), `"msg":"async"`)
}

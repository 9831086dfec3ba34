package otel_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// TestWaitForRoomEndsWithTheCallersContext: under Block, a record that
// waits for room in a full queue stops waiting when the context of its
// log call ends, as slogcore's own queue does, and is counted as
// context-done. Before, the caller waited as long as the exporter did,
// whatever its context said.
func TestWaitForRoomEndsWithTheCallersContext(t *testing.T) {
	gate, entered := make(chan struct{}), make(chan struct{}, 1)
	h, err := otel.New(io.Discard, &otel.Options{Exporter: &gatedExporter{gate: gate, entered: entered},
		Batch: &otel.BatchOptions{QueueSize: 1, ExportInterval: time.Millisecond}})
	require.NoError(t, err)
	l := slog.New(h)
	l.Info("held by the exporter")
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	finishWithin(t, 10*time.Second, "a log call whose context ended", func() {
		l.InfoContext(ctx, "request timed out", "path", "/checkout")
	})
	close(gate)
	require.NoError(t, h.Close(context.Background()))
	s := h.Stats().OTel
	checkOTelInvariant(t, s)
	require.EqualValues(t, 1, s.DroppedBy[slogcore.ReasonContextDone], "%+v", s)
	require.EqualValues(t, 1, s.Exported)
}

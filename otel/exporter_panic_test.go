package otel_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// panickyExporter panics on every other export and keeps the rest.
type panickyExporter struct {
	memExporter
	calls atomic.Int32
}

func (p *panickyExporter) Export(ctx context.Context, records []sdklog.Record) error {
	if len(records) > 0 && p.calls.Add(1)%2 == 1 {
		panic("collector client bug")
	}
	return p.memExporter.Export(ctx, records)
}

// TestExporterPanicIsAFailedExport: an exporter that panics on the SDK's
// export goroutine, which recovers nothing, used to end the program and
// keep its records' places in the queue; now the export counts as failed,
// OnError hears of it, and logging goes on from many goroutines, with a
// small queue that the lost places would have blocked.
func TestExporterPanicIsAFailedExport(t *testing.T) {
	exp := &panickyExporter{}
	var reported atomic.Int32
	h, err := otel.New(&bytes.Buffer{}, &otel.Options{Exporter: exp, Batch: &otel.BatchOptions{
		QueueSize:      8,
		ExportInterval: time.Millisecond,
		OnError: func(err error) {
			if strings.Contains(err.Error(), "exporter *otel_test.panickyExporter panicked: collector client bug") {
				reported.Add(1)
			}
			panic("OnError panics too")
		},
	}})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := slog.New(h).With("g", g)
			for i := range 100 {
				l.Info("event", "i", i)
			}
		}()
	}
	wg.Wait()
	// The export that Close makes last may be one that panics: Close then
	// says so, and the records are counted as failed all the same.
	if err := h.Close(closeCtx(t)); err != nil {
		require.ErrorContains(t, err, "otel: shutdown: the last exports failed")
		require.ErrorContains(t, err, "panicked: collector client bug")
	}
	s := h.Stats().OTel
	require.EqualValues(t, 600, s.Emitted)
	require.Equal(t, s.Emitted, s.Exported+s.Failed+s.Dropped)
	require.Zero(t, s.Pending)
	require.NotZero(t, s.Failed)
	require.EqualValues(t, s.Exported, len(exp.Records()))
	require.Positive(t, reported.Load())
}

// TestOnDropPanicStaysOut: a panicking OnDrop does not reach the caller
// of OnEmit, and the drop is still counted.
func TestOnDropPanicStaysOut(t *testing.T) {
	b, err := otel.NewBatchProcessor(&memExporter{}, &otel.BatchOptions{
		OnDrop: func(slogcore.Drop) { panic("OnDrop bug") },
	})
	require.NoError(t, err)
	require.NoError(t, b.Shutdown(closeCtx(t)))
	var r sdklog.Record
	r.SetBody(attribute.StringValue("after shutdown"))
	require.NotPanics(t, func() { require.NoError(t, b.OnEmit(context.Background(), &r)) })
	s := b.Stats()
	require.EqualValues(t, 1, s.DroppedBy[slogcore.ReasonClosed])
	require.Equal(t, s.Emitted, s.Exported+s.Failed+s.Dropped)
}

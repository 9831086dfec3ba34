package otel_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/contrib/bridges/otelslog"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// checkOTelInvariant checks the accounting of a closed OTel side.
func checkOTelInvariant(t *testing.T, s otel.BatchStats) {
	t.Helper()
	require.Zero(t, s.Pending, "pending after Close: %+v", s)
	require.Equal(t, s.Emitted, s.Exported+s.Failed+s.Dropped, "Emitted != Exported+Failed+Dropped: %+v", s)
	var by uint64
	for _, n := range s.DroppedBy {
		by += n
	}
	require.Equal(t, s.Dropped, by, "DroppedBy does not add up: %+v", s)
}

func TestDropNewestCountsEveryDrop(t *testing.T) {
	rcv := startReceiver(t)
	release := rcv.Hold() // the collector stops reading: the first export waits
	defer release()
	var onDrop atomic.Uint64
	var local bytes.Buffer
	h, err := otel.New(&local, &otel.Options{
		Exporter: otlpExporter(t, rcv),
		Batch: &otel.BatchOptions{
			QueueSize: 8, ExportMaxBatchSize: 4, ExportInterval: 10 * time.Millisecond,
			Overflow: slogcore.DropNewest,
			OnDrop: func(d slogcore.Drop) {
				require.Equal(t, slogcore.ReasonQueueFull, d.Reason)
				onDrop.Add(1)
			},
		},
	})
	require.NoError(t, err)
	logger := slog.New(h)
	const n = 100
	for i := range n {
		logger.Info("burst", "i", i)
	}
	// Nothing can leave while the collector holds the first export, so
	// exactly the queue's 8 places were taken.
	s := h.Stats().OTel
	require.Equal(t, uint64(n), s.Emitted)
	require.Equal(t, uint64(n-8), s.DroppedBy[slogcore.ReasonQueueFull])
	require.Equal(t, uint64(8), s.Pending)
	require.Equal(t, 8, s.QueueHighWater)

	release()
	require.NoError(t, h.Close(closeCtx(t)))
	all := h.Stats()
	checkOTelInvariant(t, all.OTel)
	require.Equal(t, uint64(8), all.OTel.Exported)
	require.Equal(t, all.OTel.Dropped, onDrop.Load())
	require.Len(t, rcv.Records(), 8)
	require.Equal(t, uint64(n), all.Core.Written, "the local side is lossless")
	require.Equal(t, uint64(n-8), all.Lost())
}

// TestSDKBatchProcessorDropsUncounted is the loss this package counts: the
// SDK's own BatchProcessor overwrites queued records and nothing that the
// program can read says how many.
func TestSDKBatchProcessorDropsUncounted(t *testing.T) {
	rcv := startReceiver(t)
	release := rcv.Hold()
	defer release()
	batch := sdklog.NewBatchProcessor(otlpExporter(t, rcv), sdklog.WithMaxQueueSize(8), sdklog.WithExportMaxBatchSize(4))
	provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(batch))
	logger := slog.New(otelslog.NewHandler("sdk", otelslog.WithLoggerProvider(provider)))
	for i := range 100 {
		logger.Info("burst", "i", i)
	}
	release()
	require.NoError(t, provider.Shutdown(closeCtx(t)))
	require.Less(t, len(rcv.Records()), 100)
}

func TestErrorsWaitUnderDropNewest(t *testing.T) {
	rcv := startReceiver(t)
	release := rcv.Hold()
	defer release()
	h, err := otel.New(&bytes.Buffer{}, &otel.Options{
		Exporter: otlpExporter(t, rcv),
		Batch: &otel.BatchOptions{
			QueueSize: 4, ExportMaxBatchSize: 2, ExportInterval: 10 * time.Millisecond,
			Overflow: slogcore.DropNewest,
		},
	})
	require.NoError(t, err)
	logger := slog.New(h)
	for range 4 {
		logger.Info("fills the queue")
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 3 {
			logger.Error("must arrive")
		}
	}()
	select {
	case <-done:
		t.Fatal("error records returned while the queue was full: they were dropped, not queued")
	case <-time.After(100 * time.Millisecond):
	}
	logger.Info("dropped")
	release()
	<-done
	require.NoError(t, h.Close(closeCtx(t)))

	s := h.Stats().OTel
	checkOTelInvariant(t, s)
	require.Equal(t, uint64(1), s.Dropped)
	errorsArrived := 0
	for _, r := range rcv.Records() {
		if r.GetBody().GetStringValue() == "must arrive" {
			errorsArrived++
		}
	}
	require.Equal(t, 3, errorsArrived)
}

func TestBlockTimeoutDropsAndCounts(t *testing.T) {
	rcv := startReceiver(t)
	release := rcv.Hold()
	defer release()
	h, err := otel.New(&bytes.Buffer{}, &otel.Options{
		Exporter: otlpExporter(t, rcv),
		Batch: &otel.BatchOptions{
			QueueSize: 2, ExportInterval: 10 * time.Millisecond,
			BlockTimeout: 20 * time.Millisecond,
		},
	})
	require.NoError(t, err)
	logger := slog.New(h)
	start := time.Now()
	for range 5 {
		logger.Error("waits at most BlockTimeout")
	}
	require.GreaterOrEqual(t, time.Since(start), 3*20*time.Millisecond, "three records waited")
	release()
	require.NoError(t, h.Close(closeCtx(t)))
	s := h.Stats().OTel
	checkOTelInvariant(t, s)
	require.Equal(t, uint64(3), s.DroppedBy[slogcore.ReasonTimeout])
	require.Equal(t, uint64(2), s.Exported)
}

func TestFailedExportsCounted(t *testing.T) {
	rcv := startReceiver(t)
	rcv.Refuse(400) // not retried
	var failures atomic.Int32
	h, err := otel.New(&bytes.Buffer{}, &otel.Options{
		Exporter: otlpExporter(t, rcv),
		Batch: &otel.BatchOptions{OnError: func(err error) {
			require.ErrorContains(t, err, "otel: export of")
			failures.Add(1)
		}},
	})
	require.NoError(t, err)
	logger := slog.New(h)
	for i := range 10 {
		logger.Info("refused", "i", i)
	}
	_ = h.Close(closeCtx(t)) // the last export failed: Close may say so

	s := h.Stats()
	checkOTelInvariant(t, s.OTel)
	require.Equal(t, uint64(10), s.OTel.Failed)
	require.Zero(t, s.OTel.Exported)
	require.Positive(t, failures.Load())
	require.Equal(t, uint64(10), s.Lost())
	require.Empty(t, rcv.Records())
	require.Positive(t, rcv.Requests())
}

func TestShutdownDeadlineSaysWhatIsPending(t *testing.T) {
	rcv := startReceiver(t)
	release := rcv.Hold()
	h, err := otel.New(&bytes.Buffer{}, &otel.Options{
		Exporter: otlpExporter(t, rcv),
		Batch:    &otel.BatchOptions{ExportInterval: 10 * time.Millisecond},
	})
	require.NoError(t, err)
	logger := slog.New(h)
	for range 5 {
		logger.Info("stuck")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err = h.Close(ctx)
	// The periodic export of the five is held by the receiver: their fate
	// is that export's, not yet known.
	require.ErrorContains(t, err, "an export of 5 records was still running when the deadline came")
	require.NotErrorIs(t, err, slogcore.ErrRecordsLost)
	release()
	// Once the SDK has finished with the exporter, every record has an
	// outcome: exported (an export that began before Close and was held),
	// failed (an export under the expired deadline), or dropped at the
	// deadline.
	require.Eventually(t, func() bool { return h.Stats().OTel.Pending == 0 }, 10*time.Second, 10*time.Millisecond)
	s := h.Stats().OTel
	checkOTelInvariant(t, s)
	require.Equal(t, uint64(5), s.Emitted)
}

func TestNewBatchProcessorRejects(t *testing.T) {
	_, err := otel.NewBatchProcessor(nil, nil)
	require.ErrorContains(t, err, "otel: exporter is nil")
	_, err = otel.NewBatchProcessor(&memExporter{}, &otel.BatchOptions{
		BlockTimeout: -1, ExportInterval: -1, ExportTimeout: -1, ExportMaxBatchSize: -1,
	})
	for _, want := range []string{"BlockTimeout", "ExportInterval", "ExportTimeout", "ExportMaxBatchSize"} {
		require.ErrorContains(t, err, want)
	}
}

func TestBatchProcessorAfterShutdown(t *testing.T) {
	exp := &memExporter{}
	b, err := otel.NewBatchProcessor(exp, nil)
	require.NoError(t, err)
	var r sdklog.Record
	require.NoError(t, b.OnEmit(context.Background(), &r))
	require.NoError(t, b.Shutdown(context.Background()))
	require.NoError(t, b.Shutdown(context.Background()), "second Shutdown")
	require.NoError(t, b.OnEmit(context.Background(), &r))
	s := b.Stats()
	checkOTelInvariant(t, s)
	require.Equal(t, uint64(1), s.Exported)
	require.Equal(t, uint64(1), s.DroppedBy[slogcore.ReasonClosed])
	require.Len(t, exp.Records(), 1)
}

package otel_test

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/otel"
)

// goexitExporter calls runtime.Goexit on every third export, as an
// exporter in a test that calls t.FailNow does.
type goexitExporter struct {
	calls    atomic.Int32
	exported atomic.Int32
}

func (e *goexitExporter) Export(_ context.Context, records []sdklog.Record) error {
	if e.calls.Add(1)%3 == 1 {
		runtime.Goexit()
	}
	e.exported.Add(int32(len(records)))
	return nil
}
func (*goexitExporter) Shutdown(context.Context) error   { return nil }
func (*goexitExporter) ForceFlush(context.Context) error { return nil }

// TestExporterGoexitIsAFailedExport: an exporter that calls
// runtime.Goexit ended the SDK's export goroutine for good (before): no
// record was exported again, callers waited for room forever, and the
// records stayed pending after Close. Now such an export counts as
// failed, OnError says what happened, and exports go on, while 6
// goroutines log to a small queue.
func TestExporterGoexitIsAFailedExport(t *testing.T) {
	exp := &goexitExporter{}
	var mu sync.Mutex
	var reported []string
	h, err := otel.New(io.Discard, &otel.Options{Exporter: exp, Batch: &otel.BatchOptions{
		QueueSize: 8, ExportInterval: time.Millisecond, ExportMaxBatchSize: 4,
		OnError: func(err error) {
			mu.Lock()
			reported = append(reported, err.Error())
			mu.Unlock()
		}}})
	require.NoError(t, err)
	l := slog.New(h)
	finishWithin(t, 20*time.Second, "logging", func() {
		var wg sync.WaitGroup
		for g := range 6 {
			wg.Go(func() {
				for i := range 50 {
					l.Info("order placed", "g", g, "i", i)
				}
			})
		}
		wg.Wait()
	})
	finishWithin(t, 20*time.Second, "Close", func() { _ = h.Close(context.Background()) })
	s := h.Stats().OTel
	checkOTelInvariant(t, s)
	require.EqualValues(t, 300, s.Emitted)
	require.NotZero(t, s.Failed)
	require.EqualValues(t, exp.exported.Load(), s.Exported)
	mu.Lock()
	defer mu.Unlock()
	require.NotEmpty(t, reported)
	require.True(t, strings.Contains(reported[0], "called runtime.Goexit (t.FailNow does, outside the test goroutine): return an error instead"), reported[0])
}

// TestOnErrorGoexitLeavesExportsRunning: an OnError that calls
// runtime.Goexit ran on the SDK's export goroutine and ended it; it now
// ends only a goroutine of its own, and later records are exported.
func TestOnErrorGoexitLeavesExportsRunning(t *testing.T) {
	var calls atomic.Int32
	exp := &flakyExporter{}
	h, err := otel.New(io.Discard, &otel.Options{Exporter: exp, Batch: &otel.BatchOptions{
		QueueSize: 4, ExportInterval: time.Millisecond,
		OnError: func(error) {
			calls.Add(1)
			runtime.Goexit()
		}}})
	require.NoError(t, err)
	l := slog.New(h)
	finishWithin(t, 20*time.Second, "logging", func() {
		for i := range 40 {
			l.Info("payment", "i", i)
		}
	})
	finishWithin(t, 20*time.Second, "Close", func() { _ = h.Close(context.Background()) })
	s := h.Stats().OTel
	checkOTelInvariant(t, s)
	require.NotZero(t, calls.Load())
	require.NotZero(t, s.Exported, "nothing exported after OnError's Goexit: %+v", s)
}

// flakyExporter fails every other export.
type flakyExporter struct{ n atomic.Int32 }

func (e *flakyExporter) Export(context.Context, []sdklog.Record) error {
	if e.n.Add(1)%2 == 1 {
		return io.ErrUnexpectedEOF
	}
	return nil
}
func (*flakyExporter) Shutdown(context.Context) error   { return nil }
func (*flakyExporter) ForceFlush(context.Context) error { return nil }

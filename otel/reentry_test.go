package otel_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// finishWithin runs f and fails the test when it has not returned after d.
func finishWithin(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s still waiting after %v", what, d)
	}
}

// loggingExporter logs to *l on every export, then fails or succeeds.
type loggingExporter struct {
	l    **slog.Logger
	fail bool
}

func (e loggingExporter) Export(ctx context.Context, records []sdklog.Record) error {
	for i := range 6 {
		(*e.l).Warn("exporting", "batch", len(records), "i", i)
	}
	if e.fail {
		return errors.New("collector answered 503")
	}
	return nil
}

func (loggingExporter) Shutdown(context.Context) error   { return nil }
func (loggingExporter) ForceFlush(context.Context) error { return nil }

// TestExportGoroutineLogsIntoFullQueue: the exporter, and OnError on the
// export goroutine, log to the handler they export for while its queue is
// full. The room they would wait for comes back when their own export
// ends: their records are dropped as reentrant, counted, and neither the
// export goroutine nor the 6 goroutines logging wait for good.
func TestExportGoroutineLogsIntoFullQueue(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fail    bool
		onError bool
	}{
		{"exporter logs", false, false},
		{"failing exporter logs", true, false},
		{"OnError logs", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l *slog.Logger
			var exp sdklog.Exporter = loggingExporter{&l, tc.fail}
			batch := &otel.BatchOptions{QueueSize: 4, ExportInterval: time.Millisecond}
			if tc.onError {
				exp = &failExporter{}
				batch.OnError = func(err error) {
					for i := range 6 {
						l.Error("export failed", "err", err, "i", i)
					}
				}
			}
			h, err := otel.New(io.Discard, &otel.Options{Exporter: exp, Batch: batch})
			require.NoError(t, err)
			l = slog.New(h)
			finishWithin(t, 10*time.Second, "logging", func() {
				var wg sync.WaitGroup
				for g := range 6 {
					wg.Go(func() {
						for i := range 40 {
							l.Info("work", "g", g, "i", i)
						}
					})
				}
				wg.Wait()
			})
			finishWithin(t, 10*time.Second, "Close", func() { _ = h.Close(context.Background()) })
			s := h.Stats().OTel
			checkOTelInvariant(t, s)
			require.Zero(t, s.Pending)
			require.NotZero(t, s.DroppedBy[slogcore.ReasonReentrant], "%+v", s)
			require.GreaterOrEqual(t, s.Exported+s.Failed, uint64(4), "%+v", s)
		})
	}
}

type failExporter struct{}

func (failExporter) Export(context.Context, []sdklog.Record) error {
	return errors.New("collector unreachable")
}
func (failExporter) Shutdown(context.Context) error   { return nil }
func (failExporter) ForceFlush(context.Context) error { return nil }

// TestBatchOnDropThatLogsDoesNotRecurse: BatchOptions.OnDrop logs to the
// handler, and its record is dropped too (the queue is shut down, or still
// full). It is counted, but not passed to OnDrop again: each call would log
// again until the stack overflowed. Drops of other records still reach
// OnDrop.
func TestBatchOnDropThatLogsDoesNotRecurse(t *testing.T) {
	for _, closed := range []bool{false, true} {
		name := map[bool]string{false: "queue full", true: "after close"}[closed]
		t.Run(name, func(t *testing.T) {
			var l *slog.Logger
			gate, entered := make(chan struct{}), make(chan struct{}, 1)
			exp := &gatedExporter{gate: gate, entered: entered}
			var calls atomic.Int32
			var mu sync.Mutex
			deepest := 0
			var inside atomic.Int32 // one goroutine logs: the nesting of its OnDrop calls
			h, err := otel.New(io.Discard, &otel.Options{Exporter: exp, Batch: &otel.BatchOptions{
				QueueSize: 2, ExportInterval: time.Millisecond, Overflow: slogcore.DropNewest,
				OnDrop: func(d slogcore.Drop) {
					calls.Add(1)
					n := inside.Add(1)
					defer inside.Add(-1)
					mu.Lock()
					deepest = max(deepest, int(n))
					mu.Unlock()
					if n > 20 {
						return // without the guard: end the recursion here
					}
					l.Warn("record dropped", "reason", d.Reason.String())
				}}})
			require.NoError(t, err)
			l = slog.New(h)
			if closed {
				close(gate)
				require.NoError(t, h.Close(context.Background()))
			} else {
				l.Info("held by the exporter")
				<-entered
			}
			for i := range 30 {
				l.Info("dropped", "i", i)
			}
			if !closed {
				close(gate)
			}
			_ = h.Close(context.Background())
			require.Equal(t, 1, deepest, "OnDrop was called for a record it logged itself")
			require.GreaterOrEqual(t, calls.Load(), int32(28))
			s := h.Stats().OTel
			checkOTelInvariant(t, s)
			require.Zero(t, s.Pending)
		})
	}
}

// gatedExporter holds its first export until gate is closed.
type gatedExporter struct {
	gate    chan struct{}
	entered chan struct{}
}

func (e *gatedExporter) Export(context.Context, []sdklog.Record) error {
	select {
	case e.entered <- struct{}{}:
	default:
	}
	<-e.gate
	return nil
}
func (*gatedExporter) Shutdown(context.Context) error   { return nil }
func (*gatedExporter) ForceFlush(context.Context) error { return nil }

// TestExportCallsFlushOrClose: OnError, on the export goroutine, calls
// the handler's Flush or Close with a context that never ends. Each
// returns at once with an error that says why, instead of waiting for the
// export it is part of (before: until ctx ended, and a Close settled
// "context deadline exceeded" as every later Close's result). A later
// Close from another goroutine exports the rest and accounts for it all.
func TestExportCallsFlushOrClose(t *testing.T) {
	for _, call := range []string{"Flush", "Close"} {
		t.Run(call, func(t *testing.T) {
			var h *otel.Handler
			got := make(chan error, 1)
			var once sync.Once
			h, err := otel.New(io.Discard, &otel.Options{Exporter: failExporter{}, Batch: &otel.BatchOptions{
				ExportInterval: time.Millisecond,
				OnError: func(error) {
					once.Do(func() {
						if call == "Close" {
							got <- h.Close(context.Background())
						} else {
							got <- h.Flush(context.Background())
						}
					})
				}}})
			require.NoError(t, err)
			l := slog.New(h)
			l.Info("first")
			select {
			case err := <-got:
				require.ErrorContains(t, err, "called from an export (the exporter or BatchOptions.OnError), which cannot wait for itself")
				require.ErrorContains(t, err, "from another goroutine")
			case <-time.After(10 * time.Second):
				t.Fatalf("%s from OnError still waiting after 10s", call)
			}
			l.Info("second")
			var closeErr error
			finishWithin(t, 10*time.Second, "Close", func() { closeErr = h.Close(context.Background()) })
			if closeErr != nil { // the last export fails too
				require.NotContains(t, closeErr.Error(), "cannot wait for itself", "the first Close's answer was kept")
			}
			s := h.Stats().OTel
			checkOTelInvariant(t, s)
			require.EqualValues(t, 2, s.Emitted)
			require.NotZero(t, s.Failed)
		})
	}
}

// TestShutdownNamesFailedExportNotDeadline: when the exports at Shutdown
// fail and no deadline came, the error says so and how many records
// failed; before, it said they were "not exported when the deadline came"
// and advised more time.
func TestShutdownNamesFailedExportNotDeadline(t *testing.T) {
	h, err := otel.New(io.Discard, &otel.Options{Exporter: failExporter{}, Batch: &otel.BatchOptions{ExportInterval: time.Hour}})
	require.NoError(t, err)
	l := slog.New(h)
	for i := range 3 {
		l.Warn("queued", "i", i)
	}
	err = h.Close(context.Background())
	require.ErrorContains(t, err, "otel: shutdown: the last exports failed, 3 records not exported (counted in BatchStats.Failed; see BatchOptions.OnError): collector unreachable")
	require.NotContains(t, err.Error(), "deadline")
	s := h.Stats().OTel
	checkOTelInvariant(t, s)
	require.EqualValues(t, 3, s.Failed)
}

package otel_test

import (
	"context"
	"errors"
	"regexp"
	"strconv"
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

// heldExporter holds every export until release receives its result, and
// ignores the export's context, as an exporter stuck in a dial does.
type heldExporter struct {
	entered chan int   // the size of each export, when it starts
	release chan error // the result of the held export
}

func (e *heldExporter) Export(_ context.Context, records []sdklog.Record) error {
	e.entered <- len(records)
	return <-e.release
}
func (*heldExporter) Shutdown(context.Context) error   { return nil }
func (*heldExporter) ForceFlush(context.Context) error { return nil }

// countIn returns the number that re matches in err's text, or 0.
func countIn(t *testing.T, re string, err error) uint64 {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	n, convErr := strconv.ParseUint(m[1], 10, 64)
	require.NoError(t, convErr)
	return n
}

// TestShutdownCountsWhatWasLost: when Shutdown's deadline comes while an
// export is held, its error names exactly the records that were lost, and
// apart from them the records of the export still running, whose fate is
// decided when it returns: once the SDK is done, the records counted as
// failed or given up during Shutdown are the lost ones it named, plus the
// running export's when that export failed. Before, it named every record
// pending at the deadline, also those the held export went on to deliver.
func TestShutdownCountsWhatWasLost(t *testing.T) {
	for _, tc := range []struct {
		name     string
		batch    int   // ExportMaxBatchSize
		before   int   // records emitted before the held export starts
		after    int   // records emitted while it is held
		interval bool  // the held export is a periodic one, not Shutdown's own
		result   error // what the held export returns once released
	}{
		{name: "periodic export delivered", batch: 4, before: 4, after: 9, interval: true},
		{name: "periodic export failed", batch: 3, before: 3, after: 6, interval: true, result: errors.New("collector said 503")},
		{name: "shutdown export delivered", batch: 64, before: 11},
		{name: "shutdown export failed", batch: 64, before: 6, result: errors.New("connection reset by collector")},
		{name: "periodic export of two delivered, seven given up", batch: 2, before: 2, after: 7, interval: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			exp := &heldExporter{entered: make(chan int, 8), release: make(chan error, 8)}
			interval := time.Hour
			b, err := otel.NewBatchProcessor(exp, &otel.BatchOptions{ExportMaxBatchSize: tc.batch, ExportInterval: interval})
			require.NoError(t, err)
			emit := func(n int) {
				for range n {
					var r sdklog.Record
					require.NoError(t, b.OnEmit(context.Background(), &r))
				}
			}
			emit(tc.before)
			if tc.interval { // the queue reached the batch size: an export of tc.batch starts
				require.Equal(t, tc.batch, <-exp.entered)
			}
			emit(tc.after)

			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Millisecond)
			defer cancel()
			shutdownErr := make(chan error, 1)
			go func() { shutdownErr <- b.Shutdown(ctx) }()
			held := tc.batch
			if !tc.interval {
				held = <-exp.entered // Shutdown's own export, of the first chunk
			}
			err = <-shutdownErr
			require.Error(t, err)
			named := countIn(t, `(\d+) records not exported`, err)
			running := countIn(t, `an export of (\d+) records was still running`, err)

			exp.release <- tc.result
			require.Eventually(t, func() bool { return b.Stats().Pending == 0 }, 10*time.Second, time.Millisecond)
			s := b.Stats()
			checkOTelInvariant(t, s)
			lost := s.Failed + s.DroppedBy[slogcore.ReasonCloseDeadline]
			want := named
			if tc.result != nil {
				want += running
			}
			require.Equal(t, want, lost, "Shutdown said %v; then %+v", err, s)
			require.Equal(t, named > 0, errors.Is(err, slogcore.ErrRecordsLost), "%v", err)
			require.EqualValues(t, uint64(tc.before+tc.after), s.Exported+lost, "%+v", s)
			require.EqualValues(t, held, running, "records of the held export: %v", err)
		})
	}
}

// slowExporter takes delay per export whatever its context says, and
// records what it received.
type slowExporter struct {
	delay    time.Duration
	received atomic.Int64
}

func (e *slowExporter) Export(_ context.Context, records []sdklog.Record) error {
	time.Sleep(e.delay)
	e.received.Add(int64(len(records)))
	return nil
}
func (*slowExporter) Shutdown(context.Context) error   { return nil }
func (*slowExporter) ForceFlush(context.Context) error { return nil }

// TestShutdownDeadlineUnderLoad: 32 goroutines emit while Shutdown runs
// with a deadline shorter than the exports; ForceFlush runs meanwhile.
// Whatever the interleaving, every emitted record ends exported or
// counted lost once the exporter is done, the records Shutdown named lost
// are exactly those lost (this exporter never fails), and the exporter
// received exactly the records counted as exported.
func TestShutdownDeadlineUnderLoad(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opts   otel.BatchOptions
		delay  time.Duration
		within time.Duration // Shutdown's deadline
	}{
		{"block/queue8", otel.BatchOptions{QueueSize: 8, ExportMaxBatchSize: 3, ExportInterval: time.Millisecond}, 3 * time.Millisecond, 5 * time.Millisecond},
		{"drop-newest/queue5", otel.BatchOptions{QueueSize: 5, ExportMaxBatchSize: 2, ExportInterval: 2 * time.Millisecond, Overflow: slogcore.DropNewest}, 2 * time.Millisecond, 3 * time.Millisecond},
		{"block-timeout/queue1", otel.BatchOptions{QueueSize: 1, ExportInterval: time.Millisecond, BlockTimeout: 100 * time.Microsecond}, time.Millisecond, 4 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			exp := &slowExporter{delay: tc.delay}
			opts := tc.opts
			b, err := otel.NewBatchProcessor(exp, &opts)
			require.NoError(t, err)
			var emitted atomic.Int64
			var wg sync.WaitGroup
			stop := make(chan struct{})
			for range 32 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						select {
						case <-stop:
							return
						default:
						}
						var r sdklog.Record
						r.SetBody(attribute.StringValue("shipment-scanned"))
						emitted.Add(1)
						require.NoError(t, b.OnEmit(context.Background(), &r))
					}
				}()
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Millisecond)
				defer cancel()
				_ = b.ForceFlush(ctx)
			}()
			time.Sleep(10 * time.Millisecond)
			before := b.Stats()
			ctx, cancel := context.WithTimeout(context.Background(), tc.within)
			defer cancel()
			shutdownErr := b.Shutdown(ctx)
			time.Sleep(time.Millisecond) // emits after Shutdown are dropped as closed
			close(stop)
			wg.Wait()

			require.Eventually(t, func() bool { return b.Stats().Pending == 0 }, 10*time.Second, time.Millisecond)
			s := b.Stats()
			checkOTelInvariant(t, s)
			require.EqualValues(t, emitted.Load(), s.Emitted)
			require.EqualValues(t, exp.received.Load(), s.Exported)
			require.Zero(t, s.Failed)
			require.NotZero(t, s.DroppedBy[slogcore.ReasonClosed])
			lost := s.DroppedBy[slogcore.ReasonCloseDeadline] - before.DroppedBy[slogcore.ReasonCloseDeadline]
			if shutdownErr == nil {
				require.Zero(t, lost)
				return
			}
			require.Equal(t, lost, countIn(t, `(\d+) records not exported`, shutdownErr), "%v; %+v", shutdownErr, s)
			require.Equal(t, lost > 0, errors.Is(shutdownErr, slogcore.ErrRecordsLost))
		})
	}
}

// TestShutdownDeadlineDuringChunkedFlush: a ForceFlush exports the queue in
// chunks; Shutdown's deadline comes while the first chunk is held. The
// chunks after it were counted as given up when Shutdown returned: the
// SDK, which goes on with the flush, must not deliver them too.
func TestShutdownDeadlineDuringChunkedFlush(t *testing.T) {
	exp := &heldExporter{entered: make(chan int, 8), release: make(chan error, 8)}
	b, err := otel.NewBatchProcessor(exp, &otel.BatchOptions{ExportMaxBatchSize: 2, ExportInterval: time.Hour})
	require.NoError(t, err)
	emit := func(n int) {
		for range n {
			var r sdklog.Record
			require.NoError(t, b.OnEmit(context.Background(), &r))
		}
	}
	emit(2)
	require.Equal(t, 2, <-exp.entered) // a periodic export, held
	emit(7)
	flushed := make(chan error, 1)
	go func() { flushed <- b.ForceFlush(context.Background()) }()
	// Once the flush waits for the export goroutine, the SDK serves it
	// before the next periodic export.
	time.Sleep(20 * time.Millisecond)
	exp.release <- nil
	require.Equal(t, 2, <-exp.entered) // the flush's first chunk, held

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	err = b.Shutdown(ctx)
	require.Error(t, err)
	require.EqualValues(t, 5, countIn(t, `(\d+) records not exported`, err), "%v", err)
	require.EqualValues(t, 2, countIn(t, `an export of (\d+) records was still running`, err), "%v", err)

	for range 4 { // the held chunk, and any chunk wrongly passed on
		exp.release <- nil
	}
	require.NoError(t, <-flushed)
	require.Eventually(t, func() bool { return b.Stats().Pending == 0 }, 10*time.Second, time.Millisecond)
	s := b.Stats()
	checkOTelInvariant(t, s)
	require.EqualValues(t, 4, s.Exported, "%+v", s)
	require.EqualValues(t, 5, s.DroppedBy[slogcore.ReasonCloseDeadline], "%+v", s)
	require.Empty(t, exp.entered, "the exporter received chunks counted as given up")
}

// TestShutdownReportsExportItWaitedFor: an export that began before
// Shutdown and failed while Shutdown waited for it lost its records:
// Shutdown says how many and why, though the SDK's own shutdown export
// succeeded (before: Shutdown returned nil).
func TestShutdownReportsExportItWaitedFor(t *testing.T) {
	exp := &heldExporter{entered: make(chan int, 8), release: make(chan error, 8)}
	b, err := otel.NewBatchProcessor(exp, &otel.BatchOptions{ExportMaxBatchSize: 3, ExportInterval: time.Hour})
	require.NoError(t, err)
	for range 5 {
		var r sdklog.Record
		require.NoError(t, b.OnEmit(context.Background(), &r))
	}
	require.Equal(t, 3, <-exp.entered) // a periodic export of three, held
	shutdownErr := make(chan error, 1)
	go func() { shutdownErr <- b.Shutdown(context.Background()) }()
	require.Eventually(t, func() bool { // Shutdown has begun: records are refused
		var r sdklog.Record
		require.NoError(t, b.OnEmit(context.Background(), &r))
		return b.Stats().DroppedBy[slogcore.ReasonClosed] > 0
	}, 10*time.Second, time.Millisecond)
	time.Sleep(5 * time.Millisecond) // and waits for the export
	exp.release <- errors.New("gateway answered 502")
	exp.release <- nil // Shutdown's export of the other two
	err = <-shutdownErr
	require.ErrorContains(t, err, "the last exports failed, 3 records not exported")
	require.ErrorContains(t, err, "gateway answered 502")
	require.ErrorIs(t, err, slogcore.ErrRecordsLost)
	s := b.Stats()
	checkOTelInvariant(t, s)
	require.EqualValues(t, 3, s.Failed)
	require.Equal(t, s.Emitted-3-s.Dropped, s.Exported, "%+v", s) // the two, and probes emitted before Shutdown began
}

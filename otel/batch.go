package otel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/log"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/internal/goroutine"
	"github.com/slogguard/slogguard/slogcore"
)

// Defaults of [BatchOptions], the same as the SDK's BatchProcessor.
const (
	DefaultBatchQueueSize     = 2048
	DefaultExportInterval     = time.Second
	DefaultExportTimeout      = 30 * time.Second
	DefaultExportMaxBatchSize = 512
)

// BatchOptions configures a [BatchProcessor]. A nil *BatchOptions is the
// default: a queue of [DefaultBatchQueueSize] records, the caller waits for
// room ([slogcore.Block]), exports every [DefaultExportInterval] or every
// [DefaultExportMaxBatchSize] records. The struct is copied.
type BatchOptions struct {
	// QueueSize is the number of records that can wait for the exporter. A
	// record holds its place until the exporter has received it (so a batch
	// being exported still counts). Default: [DefaultBatchQueueSize]. Must
	// not be negative.
	QueueSize int

	// Overflow is what happens to a record when the queue is full:
	// [slogcore.Block] (the default) makes the caller wait for room, bounded
	// by BlockTimeout; [slogcore.DropNewest] drops the record and counts it.
	// Records at severity ERROR and above are never dropped by DropNewest:
	// they wait as under Block. [slogcore.DropOldest] is not supported: the
	// SDK's queue does not let a record be taken back.
	//
	// Block loses nothing, but an unreachable collector then slows every
	// caller to the pace of failing exports (each bounded by ExportTimeout).
	// Choose DropNewest when the program must not wait for the collector:
	// every drop is still counted in [BatchStats].
	Overflow slogcore.Overflow

	// BlockTimeout bounds how long a record waits for room; a record that
	// waited that long is dropped and counted. A record also stops waiting
	// when the context of its log call ends ([slogcore.ReasonContextDone]),
	// as in slogcore. Default: 0, wait as long as needed.
	BlockTimeout time.Duration

	// ExportInterval is the longest a record waits before an export starts.
	// Default: [DefaultExportInterval].
	ExportInterval time.Duration

	// ExportTimeout bounds one export. Default: [DefaultExportTimeout].
	ExportTimeout time.Duration

	// ExportMaxBatchSize is the most records in one export. Default:
	// [DefaultExportMaxBatchSize], or QueueSize when that is smaller.
	ExportMaxBatchSize int

	// OnDrop is called for every record that is not exported because the
	// queue was full, a block timed out, or the processor was shut down. It
	// runs on the goroutine that dropped the record; its panic is dropped.
	// It may log to the handler: a record it logs that is dropped in turn
	// is counted, but not passed to OnDrop again. Default: nil.
	OnDrop func(slogcore.Drop)

	// OnError is called with every failed export, and with the panic of an
	// exporter, which counts the export as failed. It runs on the export
	// goroutine and must not block for long; its panic is dropped. It, and
	// the exporter, may log to the handler: when the queue is full, such a
	// record is dropped ([slogcore.ReasonReentrant]) rather than waited
	// for, since the room it would wait for comes back when the export
	// ends.
	// Default: nil; failures are
	// counted in [BatchStats] and reported to the OTel error handler as the
	// SDK does.
	OnError func(error)
}

func (o *BatchOptions) withDefaults() (BatchOptions, error) {
	var opts BatchOptions
	if o != nil {
		opts = *o
	}
	var errs []error
	if opts.QueueSize < 0 {
		errs = append(errs, fmt.Errorf("otel: BatchOptions.QueueSize is %d: want 0 (default %d) or more", opts.QueueSize, DefaultBatchQueueSize))
	}
	if opts.QueueSize == 0 {
		opts.QueueSize = DefaultBatchQueueSize
	}
	if opts.Overflow != slogcore.Block && opts.Overflow != slogcore.DropNewest {
		errs = append(errs, fmt.Errorf("otel: BatchOptions.Overflow is %v: want Block or DropNewest", opts.Overflow))
	}
	if opts.BlockTimeout < 0 {
		errs = append(errs, fmt.Errorf("otel: BatchOptions.BlockTimeout is %v: want 0 (wait) or more", opts.BlockTimeout))
	}
	if opts.ExportInterval < 0 {
		errs = append(errs, fmt.Errorf("otel: BatchOptions.ExportInterval is %v: want 0 (default %v) or more", opts.ExportInterval, DefaultExportInterval))
	}
	if opts.ExportInterval == 0 {
		opts.ExportInterval = DefaultExportInterval
	}
	if opts.ExportTimeout < 0 {
		errs = append(errs, fmt.Errorf("otel: BatchOptions.ExportTimeout is %v: want 0 (default %v) or more", opts.ExportTimeout, DefaultExportTimeout))
	}
	if opts.ExportTimeout == 0 {
		opts.ExportTimeout = DefaultExportTimeout
	}
	if opts.ExportMaxBatchSize < 0 {
		errs = append(errs, fmt.Errorf("otel: BatchOptions.ExportMaxBatchSize is %d: want 0 (default %d) or more", opts.ExportMaxBatchSize, DefaultExportMaxBatchSize))
	}
	if opts.ExportMaxBatchSize == 0 {
		opts.ExportMaxBatchSize = DefaultExportMaxBatchSize
	}
	opts.ExportMaxBatchSize = min(opts.ExportMaxBatchSize, opts.QueueSize)
	return opts, errors.Join(errs...)
}

// BatchProcessor is an sdk/log Processor that exports records in batches
// through the SDK's own BatchProcessor, and accounts for every record.
//
// The SDK's BatchProcessor, when its queue is full, overwrites the oldest
// record and only logs a warning. This processor keeps its own count of the
// records between OnEmit and the exporter, and never lets the SDK's queue
// fill: a record that finds no room waits or is dropped by the
// [BatchOptions.Overflow] policy, and is counted. Every record handed to
// OnEmit ends as exactly one of exported, failed (its export returned an
// error) or dropped (by [slogcore.DropReason]):
//
//	Emitted == Exported + Failed + Dropped + Pending
//
// and Pending is 0 once Shutdown has returned nil.
type BatchProcessor struct {
	batch *sdklog.BatchProcessor
	opts  BatchOptions

	// room holds one token per record between OnEmit and the exporter.
	room chan struct{}
	// stopping is closed when Shutdown begins; it wakes records waiting
	// for room.
	stopping chan struct{}
	stopOnce sync.Once
	// closing guards closed: OnEmit holds it for reading while it hands a
	// record to the SDK, so that no record enters the SDK's queue after
	// Shutdown has closed it (where the SDK would discard it unseen).
	closing sync.RWMutex
	closed  bool

	shutdownOnce sync.Once
	shutdownErr  error
	settleOnce   sync.Once

	emitted  atomic.Uint64
	exported atomic.Uint64
	// queued counts records handed to the SDK's queue, and ended those
	// whose export returned: what settle counts as lost is their
	// difference, never a record still on its way to being dropped as
	// closed (which Emitted already counts).
	queued    atomic.Uint64
	ended     atomic.Uint64
	failed    atomic.Uint64
	dropped   [numReasons]atomic.Uint64
	highWater atomic.Int64

	exporting goroutine.Set // inside an export (reentry.go)
	inOnDrop  goroutine.Set // inside OnDrop
}

// numReasons is the number of slogcore.DropReason values.
const numReasons = int(slogcore.ReasonReentrant) + 1

var _ sdklog.Processor = (*BatchProcessor)(nil)

// NewBatchProcessor returns a processor that exports through exporter.
// Errors in opts are reported all at once.
func NewBatchProcessor(exporter sdklog.Exporter, opts *BatchOptions) (*BatchProcessor, error) {
	if exporter == nil {
		return nil, errors.New("otel: exporter is nil: pass otlploghttp.New(ctx) or stdoutlog.New()")
	}
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	b := &BatchProcessor{
		opts:     o,
		room:     make(chan struct{}, o.QueueSize),
		stopping: make(chan struct{}),
	}
	b.batch = sdklog.NewBatchProcessor(&countingExporter{next: exporter, b: b},
		sdklog.WithMaxQueueSize(o.QueueSize),
		sdklog.WithExportInterval(o.ExportInterval),
		sdklog.WithExportTimeout(o.ExportTimeout),
		sdklog.WithExportMaxBatchSize(o.ExportMaxBatchSize),
	)
	return b, nil
}

// Enabled reports true: the processor exports every record.
func (b *BatchProcessor) Enabled(context.Context, sdklog.EnabledParameters) bool { return true }

// OnEmit queues record for export, or waits for room, or drops it, as the
// overflow policy says. It never returns an error: a dropped record is
// counted in [BatchStats] and passed to [BatchOptions.OnDrop].
func (b *BatchProcessor) OnEmit(ctx context.Context, record *sdklog.Record) error {
	if record == nil {
		return nil
	}
	b.emitted.Add(1)
	b.closing.RLock()
	defer b.closing.RUnlock()
	if b.closed {
		b.drop(record, slogcore.ReasonClosed)
		return nil
	}
	if reason, ok := b.admit(ctx, record); !ok {
		b.drop(record, reason)
		return nil
	}
	for n := int64(len(b.room)); ; {
		seen := b.highWater.Load()
		if n <= seen || b.highWater.CompareAndSwap(seen, n) {
			break
		}
	}
	b.queued.Add(1)
	return b.batch.OnEmit(ctx, record)
}

// admit takes a place in the queue for record, waiting when the policy says
// so, and while ctx (the log call's) lasts. It returns the reason when the
// record must be dropped.
func (b *BatchProcessor) admit(ctx context.Context, record *sdklog.Record) (slogcore.DropReason, bool) {
	select {
	case b.room <- struct{}{}:
		return 0, true
	default:
	}
	if b.opts.Overflow == slogcore.DropNewest && record.Severity() < log.SeverityError {
		return slogcore.ReasonQueueFull, false
	}
	if b.exporting.Has(goroutine.ID()) {
		// Logged by the exporter or OnError: the room it would wait for
		// is given back when its own export ends.
		return slogcore.ReasonReentrant, false
	}
	var timeout <-chan time.Time
	if b.opts.BlockTimeout > 0 {
		t := time.NewTimer(b.opts.BlockTimeout)
		defer t.Stop()
		timeout = t.C
	}
	var done <-chan struct{}
	if ctx != nil {
		done = ctx.Done()
	}
	select {
	case b.room <- struct{}{}:
		return 0, true
	case <-timeout:
		return slogcore.ReasonTimeout, false
	case <-b.stopping:
		return slogcore.ReasonClosed, false
	case <-done:
		return slogcore.ReasonContextDone, false
	}
}

func (b *BatchProcessor) drop(record *sdklog.Record, reason slogcore.DropReason) {
	b.dropped[reason].Add(1)
	if b.opts.OnDrop == nil {
		return
	}
	id := goroutine.ID()
	if !b.inOnDrop.Enter(id) {
		return // OnDrop logged this record: calling it again would recurse
	}
	defer b.inOnDrop.Leave(id)
	d := slogcore.Drop{Reason: reason, Time: record.Timestamp(), Level: levelOf(record.Severity())}
	if body := record.Body(); body.Type() != attribute.EMPTY {
		d.Message = body.String()
	}
	defer func() { _ = recover() }() // OnDrop's panic must not reach the caller that logged
	b.opts.OnDrop(d)
}

// levelOf maps a severity back to the slog level that otelslog maps to it.
func levelOf(s log.Severity) slog.Level {
	return slog.Level(s) - slog.Level(log.SeverityInfo) + slog.LevelInfo
}

// ForceFlush exports every queued record and flushes the exporter; called
// from an export (by the exporter or OnError), it returns an error at once,
// since it would wait for that export. If ctx
// ends first, ForceFlush returns its error and the export goes on: the
// SDK's flush would otherwise give up on the records it had already taken
// from the queue, and they would be lost.
func (b *BatchProcessor) ForceFlush(ctx context.Context) error {
	if b.exporting.Has(goroutine.ID()) {
		return fmt.Errorf("otel: flush %w: call it from another goroutine", errExportWaits)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("otel: flush: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- b.batch.ForceFlush(context.WithoutCancel(ctx)) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("otel: flush: %w (the export goes on)", ctx.Err())
	}
}

// Shutdown exports every queued record and shuts the exporter down. Called
// from an export (by the exporter or OnError), it cannot wait for that
// export: it returns an error at once.
// Records emitted afterwards are dropped and counted as
// [slogcore.ReasonClosed]. Records that the SDK gives up on because ctx
// ended are counted as [slogcore.ReasonCloseDeadline] as soon as the SDK
// has finished with the exporter, and the error says how many. Calling
// Shutdown again returns the first call's result.
func (b *BatchProcessor) Shutdown(ctx context.Context) error {
	if b.exporting.Has(goroutine.ID()) {
		b.stopOnce.Do(func() { close(b.stopping) })
		return fmt.Errorf("otel: shutdown %w: records that wait for room are dropped from now on; call Shutdown (or Handler.Close) from another goroutine to export the rest and learn the result", errExportWaits)
	}
	b.shutdownOnce.Do(func() {
		b.stopOnce.Do(func() { close(b.stopping) })
		b.closing.Lock()
		b.closed = true
		b.closing.Unlock()
		failedBefore := b.failed.Load()
		err := b.batch.Shutdown(ctx)
		if err == nil {
			b.settle() // the SDK has finished; settles nothing unless it lost records
		}
		lost := b.dropped[slogcore.ReasonCloseDeadline].Load()
		// Not exported when the deadline came: those still pending, and
		// those whose export the deadline made fail while Shutdown waited
		// (the exporter may count them before Shutdown returns).
		failedNow := b.failed.Load() - failedBefore
		notExported := b.Stats().Pending + failedNow
		switch {
		case err != nil && ctx.Err() == nil && failedNow > 0:
			// No deadline: the SDK passes on what the last exports returned.
			b.shutdownErr = fmt.Errorf("otel: shutdown: the last exports failed, %d records not exported (counted in BatchStats.Failed; see BatchOptions.OnError): %w", failedNow, err)
		case err != nil && notExported > 0:
			b.shutdownErr = fmt.Errorf("otel: shutdown: %d records not exported when the deadline came (give Shutdown more time; those the SDK gives up on are counted as close-deadline): %w", notExported, err)
		case err != nil:
			b.shutdownErr = fmt.Errorf("otel: shutdown: %w", err)
		case lost > 0:
			b.shutdownErr = fmt.Errorf("otel: shutdown: %d records were not exported (counted as close-deadline)", lost)
		}
	})
	return b.shutdownErr
}

// settle counts as dropped the records that the SDK will never hand to the
// exporter. It runs once the SDK has shut the exporter down, when no record
// can be in its queue any more. It counts only records that entered the
// SDK's queue: records emitted after Shutdown began are counted as closed
// by their own OnEmit, which may still be on its way there.
func (b *BatchProcessor) settle() {
	b.settleOnce.Do(func() {
		if lost := b.queued.Load() - b.ended.Load(); lost > 0 {
			b.dropped[slogcore.ReasonCloseDeadline].Add(lost)
		}
	})
}

// BatchStats is a snapshot of a [BatchProcessor]'s counters.
type BatchStats struct {
	// Emitted counts every record passed to OnEmit.
	Emitted uint64
	// Exported counts records in exports that returned no error.
	Exported uint64
	// Failed counts records in exports that returned an error (the
	// collector refused them, could not be reached, or the export timed
	// out). A collector may still have received an export that timed out,
	// and a partial success counts the whole export as failed: the
	// exporter does not say which records the collector kept. For [New],
	// it also counts records whose conversion for OpenTelemetry panicked
	// before they reached the processor (counted as emitted too).
	Failed uint64
	// Dropped counts records never exported; DroppedBy breaks it down by
	// [slogcore.DropReason] (queue-full, block-timeout, closed,
	// close-deadline, context-done, reentrant).
	Dropped   uint64
	DroppedBy [numReasons]uint64
	// Pending is the number of records queued or being exported now:
	// Emitted - Exported - Failed - Dropped.
	Pending uint64
	// QueueHighWater is the largest number of records seen waiting.
	QueueHighWater int
}

// failUnemitted counts a record that failed on its way to OnEmit (its
// conversion by otelslog panicked) as emitted and failed, and reports err
// as a failed export is reported.
func (b *BatchProcessor) failUnemitted(err error) {
	b.emitted.Add(1)
	b.failed.Add(1)
	(&countingExporter{b: b}).report(err)
}

// Stats returns a snapshot of the counters.
func (b *BatchProcessor) Stats() BatchStats {
	var s BatchStats
	// Outcomes first, then Emitted: a record is counted as emitted before
	// its outcome, so Pending never goes below zero.
	s.Exported = b.exported.Load()
	s.Failed = b.failed.Load()
	for i := range b.dropped {
		s.DroppedBy[i] = b.dropped[i].Load()
		s.Dropped += s.DroppedBy[i]
	}
	s.Emitted = b.emitted.Load()
	s.Pending = s.Emitted - s.Exported - s.Failed - s.Dropped
	s.QueueHighWater = int(b.highWater.Load())
	return s
}

// countingExporter sits between the SDK's BatchProcessor and the real
// exporter: it counts what each export did and gives the records' places
// in the queue back.
type countingExporter struct {
	next sdklog.Exporter
	b    *BatchProcessor
}

func (e *countingExporter) Export(ctx context.Context, records []sdklog.Record) error {
	id := goroutine.ID()
	if e.b.exporting.Enter(id) {
		defer e.b.exporting.Leave(id)
	}
	if len(records) == 0 {
		return e.export(ctx, records)
	}
	err := e.export(ctx, records)
	n := uint64(len(records))
	if err != nil {
		e.b.failed.Add(n)
	} else {
		e.b.exported.Add(n)
	}
	e.b.ended.Add(n)
	for range records {
		<-e.b.room
	}
	if err != nil {
		// After the places are given back: OnError may log.
		e.report(fmt.Errorf("otel: export of %d records failed: %w", n, err))
	}
	return err
}

// export calls the exporter on a goroutine of its own and waits for it.
// Its panic becomes an error: the SDK calls Export on a goroutine of its
// own without recovering, so the panic would end the program, and the
// records' places in the queue would never be given back. So does
// runtime.Goexit (t.FailNow in a test exporter does it), which would end
// the SDK's export goroutine for good: no record would be exported again,
// and callers would wait for room forever.
func (e *countingExporter) export(ctx context.Context, records []sdklog.Record) error {
	done := make(chan error, 1)
	go func() {
		id := goroutine.ID()
		e.b.exporting.Enter(id)
		defer e.b.exporting.Leave(id)
		returned := false
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("exporter %T panicked: %v", e.next, p)
			} else if !returned {
				done <- fmt.Errorf("exporter %T called runtime.Goexit (t.FailNow does, outside the test goroutine): return an error instead", e.next)
			}
		}()
		err := e.next.Export(ctx, records)
		returned = true
		done <- err
	}()
	return <-done
}

// report passes err to OnError, on a goroutine of its own that is known
// as exporting (OnError may log) and waited for: a panic of OnError is
// dropped, as the exporter's would be, and runtime.Goexit ends only that
// goroutine, not the SDK's.
func (e *countingExporter) report(err error) {
	if e.b.opts.OnError == nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		id := goroutine.ID()
		e.b.exporting.Enter(id)
		defer e.b.exporting.Leave(id)
		defer func() { _ = recover() }()
		e.b.opts.OnError(err)
	}()
	<-done
}

func (e *countingExporter) ForceFlush(ctx context.Context) error { return e.next.ForceFlush(ctx) }

// Shutdown is the SDK's last call: the records it has not exported by now,
// it never will.
func (e *countingExporter) Shutdown(ctx context.Context) error {
	err := e.next.Shutdown(ctx)
	e.b.settle()
	return err
}

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
	// MinExportInterval is the shortest [BatchOptions.ExportInterval]: the
	// SDK's export goroutine wakes up every interval, also when nothing is
	// queued, so that a microsecond would keep a CPU busy while the
	// program logs nothing. At 10ms an idle processor costs next to
	// nothing, and a full batch is exported at once whatever the interval.
	MinExportInterval = 10 * time.Millisecond
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
	// A shorter value than [MinExportInterval] is raised to it. Default:
	// [DefaultExportInterval].
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
	opts.ExportInterval = max(opts.ExportInterval, MinExportInterval)
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

	emitted  atomic.Uint64
	exported atomic.Uint64
	// queued counts records handed to the SDK's queue. Once Shutdown has
	// closed the processor it no longer grows, and every one of them ends
	// exactly once: exported, failed, or given up by settle.
	queued atomic.Uint64
	failed atomic.Uint64

	// acct makes an export's outcome and settle's count one step each, so
	// that a record is never both given up and exported.
	acct sync.Mutex
	// ended counts records whose fate is decided: their export returned,
	// or settle gave them up.
	ended uint64
	// running is the number of records in the export in progress.
	running uint64
	// exportFailed counts records of exports that returned an error, and
	// lastFailure is the error of the last such export.
	exportFailed uint64
	lastFailure  error
	// gaveUp: settle has counted every record not in the export in
	// progress; an export that starts later delivers nothing.
	gaveUp bool

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
// [slogcore.ReasonClosed].
//
// When records are lost, the error wraps [slogcore.ErrRecordsLost] and
// names exactly how many: those of exports that failed while Shutdown ran
// (counted in [BatchStats].Failed) and, when ctx ends first, every record
// not yet handed to the exporter, counted as [slogcore.ReasonCloseDeadline]
// before Shutdown returns. An export still running when ctx ended is
// named apart: its records count as exported or failed when it returns,
// whenever that is; no other export starts. Calling Shutdown again returns
// the first call's result.
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
		b.acct.Lock()
		failedBefore := b.exportFailed
		gaveUpBefore := b.dropped[slogcore.ReasonCloseDeadline].Load()
		b.acct.Unlock()
		err := b.batch.Shutdown(ctx)
		// The SDK is done (err == nil, or an error without a deadline),
		// and settle gives up nothing more; or ctx ended and the SDK may
		// still be exporting: settle gives up every record but those of
		// the export in progress, whose result decides their fate.
		b.acct.Lock()
		running := b.settleLocked()
		lost := shutdownLoss{
			failed:  b.exportFailed - failedBefore,
			gaveUp:  b.dropped[slogcore.ReasonCloseDeadline].Load() - gaveUpBefore,
			running: running,
		}
		if err == nil && lost.failed > 0 {
			// An export that began before Shutdown failed: the SDK does
			// not pass its error on.
			err = b.lastFailure
		}
		b.acct.Unlock()
		b.shutdownErr = lost.err(err, ctx.Err() != nil)
	})
	return b.shutdownErr
}

// shutdownLoss is what Shutdown could not export: records in exports that
// failed while it ran, records given up at its deadline, and the records
// of an export still running at the deadline, whose fate is not known yet.
type shutdownLoss struct {
	failed, gaveUp, running uint64
}

// err returns Shutdown's error, wrapping sdkErr (the SDK's), and
// [slogcore.ErrRecordsLost] when records were lost.
func (l shutdownLoss) err(sdkErr error, deadline bool) error {
	lost := l.failed + l.gaveUp
	if lost+l.running == 0 {
		if sdkErr != nil {
			return fmt.Errorf("otel: shutdown: %w", sdkErr)
		}
		return nil
	}
	var msg string
	switch {
	case !deadline && l.gaveUp == 0 && l.running == 0:
		msg = fmt.Sprintf("the last exports failed, %d records not exported (counted in BatchStats.Failed; see BatchOptions.OnError)", l.failed)
	case lost > 0:
		msg = fmt.Sprintf("%d records not exported (%d in failed exports, counted in BatchStats.Failed; %d given up when the deadline came, counted as close-deadline)", lost, l.failed, l.gaveUp)
	}
	if l.running > 0 {
		if msg != "" {
			msg += "; "
		}
		msg += fmt.Sprintf("an export of %d records was still running when the deadline came (counted in BatchStats as exported or failed when it returns)", l.running)
	}
	if deadline {
		msg += " (give Shutdown more time, or find what holds the exporter)"
	}
	switch {
	case sdkErr != nil && lost > 0:
		return fmt.Errorf("otel: shutdown: %s: %w: %w", msg, sdkErr, slogcore.ErrRecordsLost)
	case sdkErr != nil:
		return fmt.Errorf("otel: shutdown: %s: %w", msg, sdkErr)
	case lost > 0:
		return fmt.Errorf("otel: shutdown: %s: %w", msg, slogcore.ErrRecordsLost)
	}
	return errors.New("otel: shutdown: " + msg)
}

// settleLocked counts as dropped ([slogcore.ReasonCloseDeadline]) the
// records that the SDK will never hand to the exporter, and returns how
// many are in the export in progress, which the export counts when it
// returns. It runs once the processor is closed (queued no longer grows):
// when the SDK has shut the exporter down, and when Shutdown's deadline
// came; from then on, an export that starts delivers nothing (its records
// are counted here). Records emitted after Shutdown began are counted as
// closed by their own OnEmit, never here. b.acct is held.
func (b *BatchProcessor) settleLocked() (running uint64) {
	b.gaveUp = true
	if queued, decided := b.queued.Load(), b.ended+b.running; queued > decided {
		b.dropped[slogcore.ReasonCloseDeadline].Add(queued - decided)
		b.ended = queued - b.running
	}
	return b.running
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
	n := uint64(len(records))
	e.b.acct.Lock()
	if e.b.gaveUp {
		// Shutdown's deadline came before this export began: its records
		// are counted as close-deadline, and delivering them now would
		// count them twice.
		e.b.acct.Unlock()
		for range records {
			<-e.b.room
		}
		return nil
	}
	e.b.running += n
	e.b.acct.Unlock()
	err := e.export(ctx, records)
	e.b.acct.Lock()
	e.b.running -= n
	e.b.ended += n
	if err != nil {
		e.b.exportFailed += n
		e.b.lastFailure = err
		e.b.failed.Add(n)
	} else {
		e.b.exported.Add(n)
	}
	e.b.acct.Unlock()
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
	e.b.acct.Lock()
	e.b.settleLocked()
	e.b.acct.Unlock()
	return err
}

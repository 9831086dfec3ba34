package otel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"go.opentelemetry.io/contrib/bridges/otelslog"
	sdklog "go.opentelemetry.io/otel/sdk/log"
	"go.opentelemetry.io/otel/sdk/resource"

	slogmulti "github.com/samber/slog-multi"

	"github.com/slogguard/slogguard/slogcore"
)

// DefaultScope is the instrumentation scope name of records sent by [New].
const DefaultScope = "github.com/slogguard/slogguard/otel"

// Options configures [New]. A nil *Options is not enough: Exporter is
// required. The struct is copied.
type Options struct {
	// Exporter sends the OpenTelemetry side's records:
	// otlploghttp.New(ctx, ...) for a collector, stdoutlog.New() for a
	// console. Required.
	Exporter sdklog.Exporter

	// Level is the minimum level logged, on both sides. A *slog.LevelVar
	// changes it live. Default: slog.LevelInfo. A Level method that panics
	// lets every record through, and the panic goes to Core.OnError.
	Level slog.Leveler

	// AddSource adds the caller's file, function and line on both sides.
	// Default: false.
	AddSource bool

	// Redact masks secrets and personal data once, before the record is
	// handed to either side. Default: nil, the credentials preset.
	Redact *Redactor

	// Core configures the local slogcore handler. Its Level, AddSource and
	// Redact fields are ignored in favour of the fields above; its
	// ReplaceAttr applies to the local output only. Default: nil,
	// slogcore's defaults (a lossless queue).
	Core *slogcore.Options

	// Batch configures the OpenTelemetry side's queue. Default: nil, see
	// [BatchOptions].
	Batch *BatchOptions

	// Resource describes the service in every exported record. Default:
	// resource.Default() (service name from OTEL_SERVICE_NAME, SDK
	// attributes).
	Resource *resource.Resource

	// Scope is the instrumentation scope name. Default: [DefaultScope].
	Scope string
}

// Handler is the recipe as one slog.Handler: redaction first, then a
// slog-multi fan-out to a local slogcore handler and to OpenTelemetry
// through otelslog and a counting [BatchProcessor]:
//
//	Redact ─▶ Fanout ─┬─▶ slogcore.New(w)                       (local JSON lines)
//	                  └─▶ otelslog ─▶ BatchProcessor ─▶ Exporter (collector)
//
// Neither side ever sees a record before redaction. Handlers derived with
// WithAttrs and WithGroup share both queues and all counters.
type Handler struct {
	next   slog.Handler
	shared *shared
}

// shared is what every Handler derived from one New holds.
type shared struct {
	core     *slogcore.Handler
	batch    *BatchProcessor
	redactor *Redactor
}

var _ slog.Handler = (*Handler)(nil)

// New returns a Handler that writes JSON lines to w through slogcore and
// sends the same redacted records to opts.Exporter. Close it before the
// program exits: Close drains both queues. Every problem in opts is
// reported at once.
func New(w io.Writer, opts *Options) (*Handler, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	var errs []error
	if o.Exporter == nil {
		errs = append(errs, errors.New("otel: Options.Exporter is nil: pass otlploghttp.New(ctx) for a collector or stdoutlog.New() for a console"))
	}
	if w == nil {
		errs = append(errs, errors.New("otel: writer is nil: pass os.Stdout, or io.Discard to send to OpenTelemetry only"))
	}
	if o.Level == nil {
		o.Level = slog.LevelInfo
	}
	if o.Redact == nil {
		o.Redact = defaultRedactor()
	}
	if o.Scope == "" {
		o.Scope = DefaultScope
	}
	if o.Resource == nil {
		o.Resource = resource.Default()
	}
	var coreOpts slogcore.Options
	if o.Core != nil {
		coreOpts = *o.Core
	}
	coreOpts.Level = o.Level
	coreOpts.AddSource = o.AddSource
	coreOpts = unredactedCore(coreOpts)
	if err := coreOpts.Validate(); err != nil {
		errs = append(errs, coreOptionsError{err})
	}
	if _, err := o.Batch.withDefaults(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	batch, err := NewBatchProcessor(o.Exporter, o.Batch)
	if err != nil {
		return nil, err
	}
	provider := sdklog.NewLoggerProvider(
		sdklog.WithResource(o.Resource),
		sdklog.WithProcessor(batch),
	)
	core := slogcore.New(w, &coreOpts)
	toOTel := &levelHandler{
		batch: batch,
		next: shapeHandler{
			next: otelslog.NewHandler(o.Scope, otelslog.WithLoggerProvider(provider), otelslog.WithSource(o.AddSource)),
			r:    o.Redact,
		},
		level: o.Level,
	}
	var local slog.Handler = core
	if !redactionOff(o.Redact) {
		local = sealHandler{core, o.Redact}
	}
	var next slog.Handler = redactHandler(slogmulti.Fanout(local, toOTel), o.Redact)
	if !redactionOff(o.Redact) {
		next = pinHandler{next}
	}
	return &Handler{
		next:   next,
		shared: &shared{core: core, batch: batch, redactor: o.Redact},
	}, nil
}

// Enabled reports whether either side logs records at level.
func (h *Handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

// Handle redacts r and hands it to both sides. The trace and span ids of a
// span in ctx go with the record to OpenTelemetry.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	return h.next.Handle(ctx, r)
}

// WithAttrs returns a Handler whose records carry attrs, redacted once.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	return &Handler{next: h.next.WithAttrs(attrs), shared: h.shared}
}

// WithGroup returns a Handler whose attrs are nested under name. An empty
// name returns h.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return &Handler{next: h.next.WithGroup(name), shared: h.shared}
}

// Flush writes what the local queue holds and exports what the
// OpenTelemetry queue holds.
func (h *Handler) Flush(ctx context.Context) error {
	return errors.Join(h.shared.core.Flush(ctx), h.shared.batch.ForceFlush(ctx))
}

// Close drains and stops both sides: the local queue is written and the
// OpenTelemetry queue exported, then the exporter is shut down. Records
// logged afterwards are counted as dropped ([slogcore.ReasonClosed]) on
// both sides. The error says what either side could not finish before ctx
// ended; [Handler.Stats] has the counts. Close is idempotent.
func (h *Handler) Close(ctx context.Context) error {
	return errors.Join(h.shared.core.Close(ctx), h.shared.batch.Shutdown(ctx))
}

// Stats is a snapshot of both queues and of redaction.
type Stats struct {
	// Core is the local slogcore handler's accounting. Its redaction
	// fields are zero: redaction runs once, in front of both sides, and is
	// counted below.
	Core slogcore.Stats
	// OTel is the OpenTelemetry side's accounting.
	OTel BatchStats
	// Redacted counts values masked; RedactedBy breaks it down by rule;
	// RedactPanics counts values masked because redaction panicked.
	Redacted     uint64
	RedactedBy   map[string]uint64
	RedactPanics uint64
}

// Lost returns how many records were lost, counted once for each output
// that lost them: dropped or failed on either side. A record that reached
// neither output counts twice.
func (s Stats) Lost() uint64 {
	return s.Core.Dropped + s.Core.Failed + s.OTel.Dropped + s.OTel.Failed
}

// String summarises s on one line, for a shutdown log or a health check.
func (s Stats) String() string {
	return fmt.Sprintf("local: %d submitted, %d written, %d dropped, %d failed; otel: %d emitted, %d exported, %d dropped, %d failed, %d pending; redacted: %d",
		s.Core.Submitted, s.Core.Written, s.Core.Dropped, s.Core.Failed,
		s.OTel.Emitted, s.OTel.Exported, s.OTel.Dropped, s.OTel.Failed, s.OTel.Pending, s.Redacted)
}

// Stats returns the counters of both sides and of redaction.
func (h *Handler) Stats() Stats {
	s := Stats{Core: h.shared.core.Stats(), OTel: h.shared.batch.Stats()}
	s.RedactedBy, s.RedactPanics = redactCounters(h.shared.redactor)
	for _, n := range s.RedactedBy {
		s.Redacted += n
	}
	return s
}

// levelHandler gates the OpenTelemetry side by level: the SDK's processors
// accept every level, so without it OTel would get records that the local
// side filters out.
type levelHandler struct {
	next  slog.Handler
	level slog.Leveler
	batch *BatchProcessor
}

func (h *levelHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.levelAllows(level) && h.next.Enabled(ctx, level)
}

// levelAllows reports whether level is at least the configured level. A
// Level method that panics allows every level, as on the local side, which
// evaluates the same Leveler for the same record and reports the panic to
// slogcore's OnError (stderr by default): no record is lost to it.
func (h *levelHandler) levelAllows(level slog.Level) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = true
		}
	}()
	return level >= h.level.Level()
}

// Handle hands r to otelslog. A panic on the way (a value whose method
// panics when otelslog converts it) would reach slog-multi, which turns
// it into an error that slog.Logger drops: the record would be lost to
// OpenTelemetry unseen. It is counted instead, as emitted and failed, and
// reported to BatchOptions.OnError.
func (h *levelHandler) Handle(ctx context.Context, r slog.Record) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("otel: the %v record %q could not be converted for OpenTelemetry: %v (counted in BatchStats.Failed)", r.Level, r.Message, p)
			h.batch.failUnemitted(err)
		}
	}()
	return h.next.Handle(ctx, r)
}

// WithAttrs returns the levelHandler of otelslog's WithAttrs, which
// converts attrs now. A panic there (an error in a group whose Error
// panics) does not reach the caller of logger.With: every record through
// the handler it was to return is counted as failed instead.
func (h *levelHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return h.derive("WithAttrs", func() slog.Handler { return h.next.WithAttrs(attrs) })
}

func (h *levelHandler) WithGroup(name string) slog.Handler {
	return h.derive("WithGroup", func() slog.Handler { return h.next.WithGroup(name) })
}

func (h *levelHandler) derive(what string, mk func() slog.Handler) (next slog.Handler) {
	defer func() {
		if p := recover(); p != nil {
			err := fmt.Errorf("otel: otelslog's %s panicked: %v; every record through the handler it was to return fails on the OpenTelemetry side (counted in BatchStats.Failed)", what, p)
			next = &levelHandler{next: failedOTel{err: err, batch: h.batch}, level: h.level, batch: h.batch}
		}
	}()
	return &levelHandler{next: mk(), level: h.level, batch: h.batch}
}

// failedOTel stands in for an otelslog handler that could not be made: it
// counts every record as failed, with the error that prevented it.
type failedOTel struct {
	err   error
	batch *BatchProcessor
}

func (f failedOTel) Enabled(context.Context, slog.Level) bool { return true }

func (f failedOTel) Handle(_ context.Context, r slog.Record) error {
	err := fmt.Errorf("otel: the %v record %q was not exported: %w", r.Level, r.Message, f.err)
	f.batch.failUnemitted(err)
	return err
}

func (f failedOTel) WithAttrs([]slog.Attr) slog.Handler { return f }
func (f failedOTel) WithGroup(string) slog.Handler      { return f }

// coreOptionsError is a problem slogcore found in the options New gave the
// local handler, named by the field of [Options] the caller set: Level
// and AddSource are this package's own, the others are under Core.
type coreOptionsError struct{ err error }

// Error returns slogcore's message with the field named as the caller
// wrote it (otel: Options.Core.QueueSize, otel: Options.Level).
func (e coreOptionsError) Error() string {
	return coreFieldNames.Replace(e.err.Error())
}

// Unwrap returns slogcore's error.
func (e coreOptionsError) Unwrap() error { return e.err }

var coreFieldNames = strings.NewReplacer(
	"slogcore: Options.Level", "otel: Options.Level",
	"slogcore: Options.AddSource", "otel: Options.AddSource",
	"slogcore: Options.", "otel: Options.Core.",
)

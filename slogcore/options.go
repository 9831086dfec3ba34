package slogcore

import (
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"time"

	"github.com/slogguard/slogguard/redact"
)

// Overflow is what a [Handler] does with a record when its queue is full.
type Overflow int

const (
	// Block makes the caller wait for room in the queue (bounded by
	// [Options.BlockTimeout] and by the context passed to Handle). It is
	// the default and loses nothing.
	Block Overflow = iota
	// DropNewest discards the record being logged.
	DropNewest
	// DropOldest discards the oldest queued record below slog.LevelError to
	// make room for the new one. When every queued record is at
	// slog.LevelError or above, a new record below it is the oldest such
	// record, and is discarded ([ReasonQueueFull]): the caller never waits.
	DropOldest
)

// String returns the policy's name as used in configuration: "block",
// "drop-newest" or "drop-oldest".
func (o Overflow) String() string {
	switch o {
	case Block:
		return "block"
	case DropNewest:
		return "drop-newest"
	case DropOldest:
		return "drop-oldest"
	}
	return fmt.Sprintf("Overflow(%d)", int(o))
}

// Default values of [Options] fields.
const (
	DefaultQueueSize     = 8192
	DefaultFlushInterval = 100 * time.Millisecond
	// DefaultBufferSize is how many bytes of encoded records [New] collects
	// before it writes them in one call.
	DefaultBufferSize = 64 << 10
	// MaxQueueSize is the largest [Options.QueueSize]: 16 Mi records, whose
	// slots alone take 256 MB, and whose records ~16 GB at ~1 KB each.
	MaxQueueSize = 1 << 24
)

// Options configures a [Handler]. A nil *Options is the default: level Info,
// no source, redaction with the redact.Credentials preset, a lossless queue of
// [DefaultQueueSize] records flushed every [DefaultFlushInterval]. The struct
// is copied by [New] and [Async]; changing it afterwards has no effect.
type Options struct {
	// Level is the minimum level logged. A *slog.LevelVar changes it live.
	// Default: slog.LevelInfo. For [Async], the wrapped handler's own Enabled
	// must also agree. A Level method that panics lets every record through
	// and its panic goes to OnError.
	Level slog.Leveler

	// AddSource adds a "source" group (function, file, line) as
	// slog.HandlerOptions.AddSource does. Used by [New] only: configure the
	// wrapped handler for [Async]. Default: false.
	AddSource bool

	// ReplaceAttr has slog.HandlerOptions.ReplaceAttr's semantics and runs on
	// the caller's goroutine, before the record is queued. A panic in it
	// does not reach the caller: the attr's value is written as
	// "!PANIC: ..." and the panic goes to OnError. Used by [New] only.
	// Default: nil.
	ReplaceAttr func(groups []string, a slog.Attr) slog.Attr

	// Redact masks secrets and personal data in every record: attrs, With
	// attrs, groups, LogValuers, maps, structs, errors and the message.
	// Default: nil, a new redact.Redactor with the redact.Credentials preset.
	// [NoRedaction] turns redaction off.
	Redact *redact.Redactor

	// QueueSize is the number of records that can wait for the writer.
	// Default: [DefaultQueueSize]. Must not be negative or more than
	// [MaxQueueSize].
	//
	// Memory: a queued record holds its captured attrs, and the entries of
	// a queue that has once been full are kept for reuse, so that steady
	// logging allocates nothing. Budget about 1 KB per record of QueueSize
	// for records like those in the benchmarks (10 attrs): the default
	// keeps ~10 MB after a burst that filled the queue.
	QueueSize int

	// Overflow is what happens when the queue is full. Records at
	// slog.LevelError and above are never dropped: they wait. Default: [Block].
	Overflow Overflow

	// BlockTimeout bounds how long [Block] waits for room; a record that
	// waited that long is dropped and counted. Default: 0, wait as long as
	// needed.
	BlockTimeout time.Duration

	// FlushInterval bounds how long an encoded record waits in the write
	// buffer before it is written. The worker's ticker runs only while
	// records wait: an idle handler wakes up for nothing, whatever the
	// interval. While a record cut by a failing writer waits for its rest
	// to be written and the writer takes nothing, retries back off from
	// FlushInterval to one second (or FlushInterval, if longer).
	// Default: [DefaultFlushInterval].
	FlushInterval time.Duration

	// BufferSize is how many bytes [New] collects before one Write. Default:
	// [DefaultBufferSize].
	BufferSize int

	// OnError is called with every write error, panic in a wrapped handler
	// and redaction failure. It runs on the handler's worker goroutine,
	// and for a panic in ReplaceAttr, in Level's Level method or in the
	// wrapped handler's Enabled, WithAttrs or WithGroup on the caller's: it must be safe for
	// concurrent use and must not block for long. It may log to the
	// handler: when the queue is full, such a record is dropped
	// ([ErrReentrant]) rather than waited for, and an error that arises
	// while OnError runs on the same goroutine is printed to stderr
	// rather than passed to OnError again. Default: nil, errors are only counted in
	// [Stats] and printed to stderr at most once per second.
	OnError func(error)

	// OnDrop is called for every record that is not written because of the
	// overflow policy, a block timeout, the end of the context passed to
	// Handle, a full queue its own worker logged into, or Close (each a
	// [DropReason]). It runs on the goroutine
	// that dropped the record; a panic of OnDrop is dropped (the record is
	// still reported to [Handler.WatchLosses]). OnDrop may log to the
	// handler: a record it logs that is dropped in turn is counted, but
	// not passed to OnDrop again. Default: nil.
	OnDrop func(Drop)
}

// DropReason says why a record was not written.
type DropReason int

const (
	// ReasonQueueFull: the queue was full under [DropNewest], or under
	// [DropOldest] with only records at slog.LevelError or above queued.
	ReasonQueueFull DropReason = iota
	// ReasonEvicted: the record was the oldest in a full queue under
	// [DropOldest].
	ReasonEvicted
	// ReasonTimeout: [Options.BlockTimeout] passed while waiting for room.
	ReasonTimeout
	// ReasonClosed: the record was logged after Close began.
	ReasonClosed
	// ReasonCloseDeadline: Close's context ended before the record could be
	// written.
	ReasonCloseDeadline
	// ReasonContextDone: the context passed to Handle ended while the
	// caller waited for room in a full queue.
	ReasonContextDone
	// ReasonReentrant: the handler's own worker logged the record (from
	// the writer, the wrapped handler or a callback) when the queue was
	// full; the worker cannot wait for room that only it makes
	// ([ErrReentrant]).
	ReasonReentrant
	numDropReasons
)

// String returns a short name of the reason.
func (r DropReason) String() string {
	switch r {
	case ReasonQueueFull:
		return "queue-full"
	case ReasonEvicted:
		return "evicted"
	case ReasonTimeout:
		return "block-timeout"
	case ReasonClosed:
		return "closed"
	case ReasonCloseDeadline:
		return "close-deadline"
	case ReasonContextDone:
		return "context-done"
	case ReasonReentrant:
		return "reentrant"
	}
	return fmt.Sprintf("DropReason(%d)", int(r))
}

// Drop describes a record that was dropped.
type Drop struct {
	Reason  DropReason
	Time    time.Time
	Level   slog.Level
	Message string
}

// resolved holds the options with defaults applied.
func (o *Options) withDefaults() (Options, error) {
	var opts Options
	if o != nil {
		opts = *o
	}
	var errs []error
	if opts.QueueSize < 0 {
		errs = append(errs, fmt.Errorf("slogcore: Options.QueueSize is %d: want 0 (default %d) or more", opts.QueueSize, DefaultQueueSize))
	}
	if opts.QueueSize > MaxQueueSize {
		errs = append(errs, fmt.Errorf("slogcore: Options.QueueSize is %d: want at most MaxQueueSize (%d); the queue's memory is allocated up front and each queued record holds its attrs (~1 KB), so lower it or set Overflow", opts.QueueSize, MaxQueueSize))
	}
	if opts.QueueSize == 0 {
		opts.QueueSize = DefaultQueueSize
	}
	if opts.Overflow < Block || opts.Overflow > DropOldest {
		errs = append(errs, fmt.Errorf("slogcore: Options.Overflow is %v: want Block, DropNewest or DropOldest", opts.Overflow))
	}
	if opts.BlockTimeout < 0 {
		errs = append(errs, fmt.Errorf("slogcore: Options.BlockTimeout is %v: want 0 (wait) or more", opts.BlockTimeout))
	}
	if opts.FlushInterval < 0 {
		errs = append(errs, fmt.Errorf("slogcore: Options.FlushInterval is %v: want 0 (default %v) or more", opts.FlushInterval, DefaultFlushInterval))
	}
	if opts.FlushInterval == 0 {
		opts.FlushInterval = DefaultFlushInterval
	}
	if opts.BufferSize < 0 {
		errs = append(errs, fmt.Errorf("slogcore: Options.BufferSize is %d: want 0 (default %d) or more", opts.BufferSize, DefaultBufferSize))
	}
	if opts.BufferSize == 0 {
		opts.BufferSize = DefaultBufferSize
	}
	if opts.Level == nil {
		opts.Level = slog.LevelInfo
	} else if v := reflect.ValueOf(opts.Level); v.Kind() == reflect.Pointer && v.IsNil() {
		errs = append(errs, fmt.Errorf("slogcore: Options.Level is a nil %T, whose Level method would panic on every record: pass a slog.Level, or a *slog.LevelVar made with new(slog.LevelVar)", opts.Level))
	}
	return opts, errors.Join(errs...)
}

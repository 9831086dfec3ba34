package slogcore

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/slogguard/slogguard/redact"
)

// sinkReporter prints the faults of registered sinks to stderr, at most
// once per second: a sink opened by name has no OnError of its own.
var sinkReporter errorReporter

// guardedSink stands between the program and a sink that another package
// registered, so that a bug in it (an Enabled, Handle, WithAttrs, WithGroup
// or Close that panics) is an error that names the sink, never a crash of
// the program that logs. slog.Logger and slog-multi call Enabled without
// recovering, and slog.Logger drops Handle's error, so every fault is also
// printed to stderr.
type guardedSink struct {
	guardedHandler
	sink Sink
}

// guard wraps s unless it is one of the sinks slogcore provides, whose
// methods do not panic (and whose Flush, Sync and Stats stay reachable).
func guard(name string, s Sink) Sink {
	switch s.(type) {
	case coreSink, discardSink, guardedSink:
		return s
	}
	return guardedSink{guardedHandler{name: name, next: s}, s}
}

// Close closes the sink; a panic is returned as an error.
func (g guardedSink) Close(ctx context.Context) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = g.fault("Close", "records it held may be lost", p)
		}
	}()
	return g.sink.Close(ctx)
}

// guardedHandler is a registered sink, or a handler derived from one, with
// its panics turned into reported errors.
type guardedHandler struct {
	name string // the sink's
	next slog.Handler
}

// faultRedactor masks secrets in the panic values of sinks, which may
// quote the record they were given, before they go to stderr.
var faultRedactor = sync.OnceValue(func() *redact.Redactor { return redact.Must(redact.Credentials) })

// fault reports what a panic p in method means and returns it as an error.
func (g guardedHandler) fault(method, consequence string, p any) error {
	text, _ := faultRedactor().String(fmt.Sprint(p))
	err := fmt.Errorf("slogcore: sink %q (%T): %s panicked: %s; %s (a bug in the package that registered the sink)", g.name, g.next, method, text, consequence)
	sinkReporter.report(err)
	return err
}

// Enabled reports whether the sink takes records at level. A sink whose
// Enabled panics is taken as enabled, so that its Handle is asked and any
// loss is reported there.
func (g guardedHandler) Enabled(ctx context.Context, level slog.Level) (on bool) {
	defer func() {
		if p := recover(); p != nil {
			_ = g.fault("Enabled", "taken as enabled", p)
			on = true
		}
	}()
	return g.next.Enabled(ctx, level)
}

func (g guardedHandler) Handle(ctx context.Context, r slog.Record) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = g.fault("Handle", fmt.Sprintf("a record at level %v is lost to this sink", r.Level), p)
		}
	}()
	return g.next.Handle(ctx, r)
}

func (g guardedHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return g.derive("WithAttrs", func() slog.Handler { return g.next.WithAttrs(attrs) })
}

func (g guardedHandler) WithGroup(name string) slog.Handler {
	return g.derive("WithGroup", func() slog.Handler { return g.next.WithGroup(name) })
}

// derive returns the guarded handler that mk makes; when mk panics or
// returns nil, a handler that fails every record with that error, so that
// no record goes out without its attrs or group, and none silently.
func (g guardedHandler) derive(what string, mk func() slog.Handler) (next slog.Handler) {
	defer func() {
		if p := recover(); p != nil {
			next = guardedHandler{g.name, failing{g.fault(what, "every record through the handler it was to return is lost to this sink", p)}}
		}
	}()
	h := mk()
	if h == nil {
		err := fmt.Errorf("slogcore: sink %q (%T): %s returned nil; every record through the handler it was to return is lost to this sink (a bug in the package that registered the sink)", g.name, g.next, what)
		sinkReporter.report(err)
		h = failing{err}
	}
	return guardedHandler{g.name, h}
}

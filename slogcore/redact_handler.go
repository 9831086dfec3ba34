package slogcore

import (
	"context"
	"log/slog"
	"slices"
)

// redactHandler is the synchronous middleware returned by [Redact].
type redactHandler struct {
	next   slog.Handler
	r      *Redactor
	groups []string
}

// Redact returns a handler that masks what r finds in each record, then
// passes the record to next on the caller's goroutine. Use it in a
// slogmulti.Pipe, in front of a TextHandler, or in front of an audit
// handler. The record and its values are rebuilt, never modified, so other
// handlers that see the same record (a slog-multi Fanout sibling) still see
// the original. A nil r uses [Credentials].
func Redact(next slog.Handler, r *Redactor) slog.Handler {
	if r == nil {
		r = MustRedactor(Credentials)
	}
	if r.off {
		return next
	}
	return &redactHandler{next: next, r: r}
}

// Enabled reports whether next is enabled.
func (h *redactHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

// Handle redacts r and passes it on. A record with nothing to mask is passed
// as it is.
func (h *redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	msg, changed := rec.Message, false
	if h.r.scanMessage {
		msg, changed = h.r.String(msg)
	}
	attrs := make([]slog.Attr, 0, rec.NumAttrs())
	rec.Attrs(func(a slog.Attr) bool {
		ra, ch := h.r.Attr(h.groups, a)
		changed = changed || ch
		attrs = append(attrs, ra)
		return true
	})
	if !changed {
		return h.next.Handle(ctx, rec)
	}
	out := slog.NewRecord(rec.Time, rec.Level, msg, rec.PC)
	out.AddAttrs(attrs...)
	return h.next.Handle(ctx, out)
}

// WithAttrs redacts attrs and passes them to next.WithAttrs.
func (h *redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		out[i], _ = h.r.Attr(h.groups, a)
	}
	return &redactHandler{next: h.next.WithAttrs(out), r: h.r, groups: h.groups}
}

// WithGroup returns a handler whose paths start with name.
func (h *redactHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return &redactHandler{next: h.next.WithGroup(name), r: h.r, groups: append(slices.Clip(h.groups), name)}
}

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
// as it is, without allocating.
func (h *redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	msg, changed := rec.Message, false
	if h.r.scanMessage {
		msg, changed = h.r.String(msg)
	}
	var (
		stack [16]slog.Attr
		out   []slog.Attr // nil until an attr changes; then the record is rebuilt
		i     int
	)
	rec.Attrs(func(a slog.Attr) bool {
		ra, ch := h.attr(a)
		if ch && out == nil {
			out = stack[:0]
			rec.Attrs(func(prev slog.Attr) bool { // the unchanged ones before it
				if len(out) == i {
					return false
				}
				out = append(out, prev)
				return true
			})
		}
		if out != nil {
			out = append(out, ra)
		}
		i++
		return true
	})
	if out == nil && !changed {
		return h.next.Handle(ctx, rec)
	}
	if out == nil {
		rec.Attrs(func(a slog.Attr) bool {
			out = append(out, a)
			return true
		})
	}
	r2 := slog.NewRecord(rec.Time, rec.Level, msg, rec.PC)
	r2.AddAttrs(out...)
	return h.next.Handle(ctx, r2)
}

// attr redacts one attr: scalars by key and by the detectors, without the
// walker; everything else through Attr.
func (h *redactHandler) attr(a slog.Attr) (slog.Attr, bool) {
	switch a.Value.Kind() {
	case slog.KindAny, slog.KindGroup, slog.KindLogValuer:
		return h.r.Attr(h.groups, a)
	}
	if h.r.keyMasks(h.groups, a.Key, a.Value) {
		return slog.String(a.Key, h.r.mask), true
	}
	if a.Value.Kind() == slog.KindString {
		if s, ch := h.r.String(a.Value.String()); ch {
			return slog.String(a.Key, s), true
		}
	}
	return a, false
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

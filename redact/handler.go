package redact

import (
	"context"
	"log/slog"
	"slices"
)

// Handler is synchronous middleware: it masks what its [Redactor] finds in
// each record, then passes the record to the next handler on the caller's
// goroutine.
type Handler struct {
	next   slog.Handler
	r      *Redactor
	groups []string
}

var _ slog.Handler = (*Handler)(nil)

// NewHandler returns a handler that redacts each record with r and passes
// it to next. Use it in a slogmulti.Pipe, in front of a TextHandler, or in
// front of any handler that has no redaction of its own. The record and its
// values are rebuilt, never modified, so other handlers that see the same
// record (a slog-multi Fanout sibling) still see the original. A nil r uses
// [Credentials]; [Disabled] passes records through unchanged.
func NewHandler(next slog.Handler, r *Redactor) *Handler {
	if r == nil {
		r = Must(Credentials)
	}
	return &Handler{next: next, r: r}
}

// Enabled reports whether next is enabled.
func (h *Handler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

// Handle redacts rec and passes it on. A record with nothing to mask is
// passed as it is, without allocating.
func (h *Handler) Handle(ctx context.Context, rec slog.Record) error {
	if h.r.off {
		return h.next.Handle(ctx, rec)
	}
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
func (h *Handler) attr(a slog.Attr) (slog.Attr, bool) {
	switch a.Value.Kind() {
	case slog.KindAny, slog.KindGroup, slog.KindLogValuer:
		return h.r.Attr(h.groups, a)
	}
	key, mask := h.r.Scalar(h.groups, a.Key, a.Value)
	if mask {
		return slog.String(key, h.r.mask), true
	}
	if a.Value.Kind() == slog.KindString {
		if s, ch := h.r.String(a.Value.String()); ch {
			return slog.String(key, s), true
		}
	}
	if key != a.Key {
		return slog.Attr{Key: key, Value: a.Value}, true
	}
	return a, false
}

// WithAttrs redacts attrs and passes them to next.WithAttrs.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if h.r.off {
		return &Handler{next: h.next.WithAttrs(attrs), r: h.r, groups: h.groups}
	}
	out := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		out[i], _ = h.r.Attr(h.groups, a)
	}
	return &Handler{next: h.next.WithAttrs(out), r: h.r, groups: h.groups}
}

// WithGroup returns a handler whose paths start with name.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return &Handler{next: h.next.WithGroup(name), r: h.r, groups: append(slices.Clip(h.groups), name)}
}

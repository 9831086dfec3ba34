package redact

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
)

// Handler is synchronous middleware: it masks what its [Redactor] finds in
// each record, then passes the record to the next handler on the caller's
// goroutine.
type Handler struct {
	next        slog.Handler
	r           *Redactor
	groups      []string
	secretGroup bool // a group's name names a secret: Scalar decides every value
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
	// Find the first attr that changes; most records have none.
	first, n := -1, 0
	var firstOut slog.Attr
	rec.Attrs(func(a slog.Attr) bool {
		if ra, ch := h.attr(a); ch {
			first, firstOut = n, ra
			return false
		}
		n++
		return true
	})
	if first < 0 && !changed {
		return h.next.Handle(ctx, rec)
	}
	return h.rebuild(ctx, rec, msg, first, firstOut)
}

// rebuild passes on a copy of rec with msg as its message and its attrs
// redacted, first (when not -1) being the index of the first attr that
// changed and firstOut what it became.
func (h *Handler) rebuild(ctx context.Context, rec slog.Record, msg string, first int, firstOut slog.Attr) error {
	var stack [16]slog.Attr
	out := stack[:0]
	n := 0
	rec.Attrs(func(a slog.Attr) bool {
		switch {
		case first < 0 || n < first: // unchanged: before the first change, or none changed
			out = append(out, a)
		case n == first:
			out = append(out, firstOut)
		default:
			ra, _ := h.attr(a)
			out = append(out, ra)
		}
		n++
		return true
	})
	r2 := slog.NewRecord(rec.Time, rec.Level, msg, rec.PC)
	r2.AddAttrs(out...)
	return h.next.Handle(ctx, r2)
}

// attr redacts one attr: scalars by key and by the detectors, and errors
// by their text, without the walker; everything else through Attr.
func (h *Handler) attr(a slog.Attr) (slog.Attr, bool) {
	kind := a.Value.Kind()
	switch kind {
	case slog.KindGroup, slog.KindLogValuer:
		return h.r.Attr(h.groups, a)
	case slog.KindAny:
		err, ok := a.Value.Any().(error)
		if !ok || h.plainKey(a.Key) == nil {
			return h.r.Attr(h.groups, a)
		}
		if _, isJSON := err.(json.Marshaler); isJSON {
			return h.r.Attr(h.groups, a)
		}
		return h.errorAttr(a, err)
	}
	if v := h.plainKey(a.Key); v != nil { // the common case: only the detectors can mask
		switch kind {
		case slog.KindString:
			s := a.Value.String()
			if h.r.idNumber(v, a.Key, s) {
				return a, false // order_id: "4539…": an id, as the integer would be
			}
			if s, ch := h.r.String(s); ch {
				return slog.String(a.Key, s), true
			}
		case slog.KindInt64, slog.KindUint64, slog.KindFloat64, slog.KindDuration:
			if h.r.cards && !v.noCards && intIsCard(a.Value) {
				h.r.count(DetectCardNumber.Name)
				return slog.String(a.Key, h.r.mask), true
			}
		}
		return a, false
	}
	key, mask := h.r.Scalar(h.groups, a.Key, a.Value)
	if mask {
		return slog.String(key, h.r.mask), true
	}
	if kind == slog.KindString {
		if s, ch := h.r.String(a.Value.String()); ch {
			return slog.String(key, s), true
		}
	}
	if key != a.Key {
		return slog.Attr{Key: key, Value: a.Value}, true
	}
	return a, false
}

// plainKey returns the verdict of key when no rule masks values under it
// and the key itself is written as it is and names no vendor, whatever the groups (then only
// the detectors, and the card check of integers, can mask its value), and
// nil when [Redactor.Scalar] must decide.
func (h *Handler) plainKey(key string) *keyVerdict {
	if len(h.r.paths) > 0 || key == "" || h.secretGroup {
		return nil // a path rule, an empty key (inlined group), or a group named for a secret
	}
	if v, plain := h.r.fastVerdictPlain(key); plain {
		return v
	}
	return nil
}

// errorAttr redacts an error under a plain key by its text, as the walker
// does for an error that does not marshal itself.
func (h *Handler) errorAttr(a slog.Attr, err error) (slog.Attr, bool) {
	v, _, ch := h.r.judgeError(err)
	if !ch {
		return a, false
	}
	if v == any(h.r.mask) { // a hostile Error: fail closed
		return slog.String(a.Key, h.r.mask), true
	}
	return slog.Any(a.Key, v), true
}

// WithAttrs redacts attrs and passes them to next.WithAttrs.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if h.r.off {
		return &Handler{next: h.next.WithAttrs(attrs), r: h.r, groups: h.groups, secretGroup: h.secretGroup}
	}
	out := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		out[i], _ = h.r.Attr(h.groups, a)
	}
	return &Handler{next: h.next.WithAttrs(out), r: h.r, groups: h.groups, secretGroup: h.secretGroup}
}

// WithGroup returns a handler whose paths start with name.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return &Handler{next: h.next.WithGroup(h.r.GroupName(name)), r: h.r, groups: append(slices.Clip(h.groups), name),
		secretGroup: h.secretGroup || h.r.groupsRule([]string{name}) != ""}
}

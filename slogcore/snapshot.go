package slogcore

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"time"

	"github.com/slogguard/slogguard/internal/errdata"
)

// An entry is one record on its way from the caller to the worker. Everything
// it refers to is fixed at the moment of the call: LogValuers are resolved,
// values that could change later (maps, slices, structs, []byte) are encoded
// (New) or deep-copied (Async) before Handle returns.
type entry struct {
	h     *Handler // the derived handler that received the record
	time  time.Time
	level slog.Level
	msg   string
	pc    uintptr

	// For New without ReplaceAttr: the record itself, copied whole (one
	// bulk copy costs the caller less than copying its attrs one by one).
	// Scalar attrs are immutable and are encoded by the worker; every other
	// attr (Any, Group, LogValuer) is captured now into items tagged with
	// its index. nonEmpty reports whether the record's attrs open the
	// groups of WithGroup, as slog decides it: an attr was written, or a
	// LogValuer or ReplaceAttr made one an empty group (with ReplaceAttr too).
	rec      slog.Record
	nonEmpty bool

	// line, when set, is the record already encoded by the caller: callers
	// encode for themselves when the queue is deep, so that encoding runs
	// on every core instead of only on the worker's.
	line []byte

	// For New with ReplaceAttr (replaced), items holds the whole record
	// after ReplaceAttr, flattened, with empty attrs and groups removed:
	// first the built-in attrs (time, level, source, msg), nBuiltin items,
	// then the record's attrs.
	items    []item
	raw      []byte // JSON of KindAny values, referenced by items
	replaced bool
	nBuiltin int

	// For Async: the record's attributes, resolved and frozen, and the
	// caller's context.
	attrs []slog.Attr
	ctx   context.Context

	enc       *json.Encoder // writes into raw; kept across reuse
	times     timeCache     // for callers that encode; kept across reuse
	attrTimes timeCache     // likewise, for times in attrs
}

type itemKind uint8

const (
	itemValue itemKind = iota // a scalar slog.Value
	itemRaw                   // pre-encoded JSON in entry.raw[start:end]
	itemOpen                  // start of a group named key
	itemClose                 // end of the innermost group
)

// An item is one step of a flattened record.
type item struct {
	key        string
	value      slog.Value
	kind       itemKind
	attr       int32 // index of the record attr it came from
	scan       bool  // an itemValue string for the worker to redact
	start, end uint32
}

// reset prepares e for reuse, keeping its buffers and caches. It clears
// what could keep the caller's values alive, field by field: zeroing the
// whole entry costs more than the rest of the recycling.
func (e *entry) reset() {
	clear(e.items)
	clear(e.attrs)
	e.items, e.raw, e.attrs, e.line = e.items[:0], e.raw[:0], e.attrs[:0], e.line[:0]
	e.h, e.msg, e.ctx = nil, "", nil
	e.rec = slog.Record{}
	e.nonEmpty, e.replaced, e.nBuiltin = false, false, 0
}

// Write appends p to the raw arena, so that a json.Encoder can write there.
func (e *entry) Write(p []byte) (int, error) {
	e.raw = append(e.raw, p...)
	return len(p), nil
}

// groupPath is the list of groups that ReplaceAttr sees. slog passes nil
// groups for the built-in attrs, even inside the "source" group, so a path
// can be fixed at nil.
type groupPath struct {
	names []string
	fixed bool
}

func (p *groupPath) push(name string) {
	if p != nil && !p.fixed {
		p.names = append(p.names, name)
	}
}

func (p *groupPath) pop() {
	if p != nil && !p.fixed {
		p.names = p.names[:len(p.names)-1]
	}
}

// capture records attribute a (already resolved or not) at the end of the
// item list. groups is the group path as ReplaceAttr sees it; it is nil when
// ReplaceAttr is not set. It reports whether anything was added.
func (h *Handler) capture(e *entry, a slog.Attr, groups *groupPath) bool {
	return h.captureAt(e, a, groups, 0)
}

// captureAt is capture for an attr inside depth groups.
func (h *Handler) captureAt(e *entry, a slog.Attr, groups *groupPath, depth int) bool {
	a.Value = a.Value.Resolve()
	if rep := h.core.opts.ReplaceAttr; rep != nil && a.Value.Kind() != slog.KindGroup {
		a = h.replace(rep, groups.names, a)
		a.Value = a.Value.Resolve()
	}
	if a.Key == "" && a.Value.Kind() == slog.KindAny && a.Value.Any() == nil {
		return false // an empty Attr, which slog elides
	}
	v := a.Value
	switch v.Kind() {
	case slog.KindGroup:
		attrs := v.Group()
		if len(attrs) == 0 {
			// slog.JSONHandler writes nothing for an empty group yet
			// counts it as written, so that a group whose only member a
			// LogValuer or ReplaceAttr turned into an empty group is
			// written as {}: report it as added, as slog does.
			return true
		}
		if depth >= maxGroupDepth {
			e.items = append(e.items, item{key: a.Key, value: slog.StringValue(errTooDeep)})
			return true
		}
		mark := len(e.items)
		if a.Key != "" {
			e.items = append(e.items, item{key: a.Key, kind: itemOpen})
			groups.push(a.Key)
		}
		added := false
		for _, ga := range attrs {
			if h.captureAt(e, ga, groups, depth+1) {
				added = true
			}
		}
		if a.Key != "" {
			groups.pop()
		}
		if !added {
			clear(e.items[mark:])
			e.items = e.items[:mark]
			return false
		}
		if a.Key != "" {
			e.items = append(e.items, item{kind: itemClose})
		}
		return true
	case slog.KindAny:
		return h.captureAny(e, a.Key, v.Any(), groups)
	default:
		e.items = append(e.items, item{key: a.Key, value: v, kind: itemValue})
		return true
	}
}

// replace calls ReplaceAttr. Its panic does not reach the caller, whose
// log call must not fail for it, and the attr is not written as it was
// (ReplaceAttr may exist to hide it): the value becomes "!PANIC: ...", as
// slog writes a LogValuer that panicked, and the panic goes to OnError.
func (h *Handler) replace(rep func([]string, slog.Attr) slog.Attr, groups []string, a slog.Attr) (out slog.Attr) {
	defer func() {
		if p := recover(); p != nil {
			text := fmt.Sprintf("!PANIC: %v", p)
			if red := h.core.redact; red != nil {
				text, _ = red.String(text)
			}
			h.core.errs.report(fmt.Errorf("slogcore: Options.ReplaceAttr panicked on attr %q: %s; the value is written as !PANIC (make ReplaceAttr return the attr instead)", a.Key, text))
			out = slog.String(a.Key, text)
		}
	}()
	return rep(groups, a)
}

// captureAny records a KindAny value. Errors, levels and sources get the
// treatment slog.JSONHandler gives them; everything else is encoded to JSON
// now, on the caller's goroutine, so that later changes cannot reach it.
func (h *Handler) captureAny(e *entry, key string, x any, groups *groupPath) bool {
	switch x := x.(type) {
	case *slog.Source:
		if x == nil || *x == (slog.Source{}) {
			return false
		}
		return h.capture(e, slog.Attr{Key: key, Value: sourceGroup(x)}, groups)
	case slog.Level:
		e.items = append(e.items, item{key: key, value: slog.StringValue(x.String())})
		return true
	case json.Marshaler:
		// encoding/json takes precedence over error, as in slog.
	case error:
		e.items = append(e.items, item{key: key, value: slog.StringValue(h.errorValue(x))})
		return true
	}
	start := len(e.raw)
	e.raw = appendAnyJSON(e, x)
	if h.core.redact != nil && (errdata.RendersItself(x) || errdata.Holds(x, errdata.Errors|errdata.SelfRendering)) {
		e.raw = h.rescan(e.raw, start)
	}
	e.items = append(e.items, item{key: key, kind: itemRaw, start: uint32(start), end: uint32(len(e.raw))})
	return true
}

// Values that render themselves (Error, MarshalJSON, MarshalText) are
// asked again when they are encoded, after the redactor judged what they
// returned to it, and may answer differently: state, or text read from
// something the caller has changed since. What is written is therefore
// scanned where it is rendered for the last time, here.

// errorValue returns the text to write for err, scanned when redaction is
// on; an Error that panics is masked (fail closed), as the redactor does.
func (h *Handler) errorValue(err error) string {
	red := h.core.redact
	if red == nil {
		return errorText(err)
	}
	text, scan := red.ErrorText(err)
	if scan {
		text, _ = red.String(text)
	}
	return text
}

// rescan scans the JSON that raw[start:] holds and replaces it with the
// redacted JSON, or with the mask when masking left no valid JSON.
func (h *Handler) rescan(raw []byte, start int) []byte {
	red := h.core.redact
	out, changed := red.String(string(raw[start:]))
	if !changed {
		return raw
	}
	if json.Valid([]byte(out)) {
		return append(raw[:start], out...)
	}
	return appendString(raw[:start], red.Mask())
}

// sourceGroup is slog's rendering of a *slog.Source as a group.
func sourceGroup(s *slog.Source) slog.Value {
	as := make([]slog.Attr, 0, 3)
	if s.Function != "" {
		as = append(as, slog.String("function", s.Function))
	}
	if s.File != "" {
		as = append(as, slog.String("file", s.File))
	}
	if s.Line != 0 {
		as = append(as, slog.Int("line", s.Line))
	}
	return slog.GroupValue(as...)
}

// errorText returns err.Error(), or what slog writes when Error panics.
func errorText(err error) string {
	s, _ := errorTextChecked(err)
	return s
}

// errorTextChecked is errorText that also reports whether Error panicked
// on a receiver other than a nil pointer (which slog writes as "<nil>").
func errorTextChecked(err error) (s string, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			s = panicText(err, r)
			panicked = s != "<nil>"
		}
	}()
	return err.Error(), false
}

// panicText is slog's text for a value whose formatting panicked.
func panicText(x any, r any) string {
	if v := reflect.ValueOf(x); v.Kind() == reflect.Pointer && v.IsNil() {
		return "<nil>"
	}
	return fmt.Sprintf("!PANIC: %v", r)
}

// appendAnyJSON appends x encoded as encoding/json encodes it without HTML
// escaping, as slog.JSONHandler does; failures are written as slog writes
// them, as a string.
func appendAnyJSON(e *entry, x any) (raw []byte) {
	start := len(e.raw)
	defer func() {
		if r := recover(); r != nil {
			raw = appendString(e.raw[:start], panicText(x, r))
		}
	}()
	if e.enc == nil {
		e.enc = json.NewEncoder(e)
		e.enc.SetEscapeHTML(false)
	}
	if err := e.enc.Encode(x); err != nil {
		return appendString(e.raw[:start], "!ERROR:"+err.Error())
	}
	return e.raw[:len(e.raw)-1] // drop Encode's newline
}

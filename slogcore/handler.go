package slogcore

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"slices"
	"strconv"

	"github.com/slogguard/slogguard/redact"
)

// Handler is an asynchronous slog.Handler. Handle captures the record on the
// caller's goroutine and queues it; one worker goroutine per handler family
// encodes and writes it. Handlers derived with WithAttrs and WithGroup share
// the queue, the worker, the ordering and the [Stats] of the handler they
// came from, and closing any of them closes them all.
type Handler struct {
	core *core

	// New: attrs from WithAttrs, already encoded, and the groups from
	// WithGroup, of which the first nOpen are opened in pre (as in
	// log/slog's commonHandler). Async keeps groups too, for redaction paths.
	pre    []byte
	groups []string
	nOpen  int

	// Async: the wrapped handler, with WithAttrs and WithGroup applied.
	next slog.Handler
}

var _ slog.Handler = (*Handler)(nil)

// New returns a handler that writes JSON lines to w in the format of
// slog.NewJSONHandler(w, ...), asynchronously and in batches. opts may be
// nil. New panics if opts holds an invalid value; [Options.Validate]
// reports the same problem as an error.
//
// The caller must call [Handler.Close] before exiting, or queued records are
// lost.
func New(w io.Writer, opts *Options) *Handler {
	if w == nil {
		panic("slogcore: New: nil io.Writer (use io.Discard to write nothing)")
	}
	return &Handler{core: newCore(w, opts)}
}

// Async returns a handler that puts the same queue, lifecycle and accounting
// in front of next: Handle captures the record and returns, and the worker
// goroutine calls next.Handle. Errors returned by next and panics inside it
// are reported to [Options.OnError] and counted as failed. opts may be nil;
// AddSource and ReplaceAttr are ignored (configure next instead). Async panics
// if next is nil or opts holds an invalid value.
func Async(next slog.Handler, opts *Options) *Handler {
	if next == nil {
		panic("slogcore: Async: nil slog.Handler (pass the handler to queue records for, or slog.DiscardHandler to write nothing)")
	}
	return &Handler{core: newCore(nil, opts), next: next}
}

// Validate reports whether the options are usable, and if not, every field
// that is wrong and what each allows, at once.
func (o *Options) Validate() error {
	_, err := o.withDefaults()
	return err
}

// Enabled reports whether a record at level would be logged: the level is at
// least [Options.Level] and, for [Async], the wrapped handler is enabled too.
// An Options.Level whose Level method panics, or a wrapped handler whose
// Enabled panics, is taken as enabled, so that no record is lost to it,
// and the panic goes to [Options.OnError].
func (h *Handler) Enabled(ctx context.Context, level slog.Level) bool {
	if !h.core.levelAllows(level) {
		return false
	}
	return h.next == nil || h.nextEnabled(ctx, level)
}

// levelAllows reports whether level is at least Options.Level. A Level
// method that panics allows every level: the record is logged, not lost,
// and the panic is reported.
func (c *core) levelAllows(level slog.Level) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			c.errs.report(fmt.Errorf("slogcore: Options.Level (%T): Level panicked (every level taken as enabled): %v; fix the slog.Leveler, or pass a slog.Level or *slog.LevelVar", c.opts.Level, p))
			ok = true
		}
	}()
	return level >= c.opts.Level.Level()
}

func (h *Handler) nextEnabled(ctx context.Context, level slog.Level) (on bool) {
	defer func() {
		if p := recover(); p != nil {
			h.core.errs.report(fmt.Errorf("slogcore: wrapped handler %T: Enabled panicked (taken as enabled): %v", h.next, p))
			on = true
		}
	}()
	return h.next.Enabled(ctx, level)
}

// derive returns what mk returns, the wrapped handler's WithAttrs or
// WithGroup (what). When it panics or returns nil, the problem goes to
// [Options.OnError] and the derived handler is one that fails every
// record with it, so that each is counted failed and reported lost, never
// written without its attrs or group.
func (h *Handler) derive(what string, mk func() slog.Handler) (next slog.Handler) {
	defer func() {
		if p := recover(); p != nil {
			err := fmt.Errorf("slogcore: wrapped handler %T: %s panicked: %v; every record through the handler it was to return fails", h.next, what, p)
			h.core.errs.report(err)
			next = failing{err}
		}
	}()
	if next = mk(); next == nil {
		err := fmt.Errorf("slogcore: wrapped handler %T: %s returned nil; every record through the handler it was to return fails (a bug in the wrapped handler: it must return a handler)", h.next, what)
		h.core.errs.report(err)
		next = failing{err}
	}
	return next
}

// failing is the handler derive returns in place of one the wrapped
// handler could not make: it fails every record.
type failing struct{ err error }

func (f failing) Enabled(context.Context, slog.Level) bool  { return true }
func (f failing) Handle(context.Context, slog.Record) error { return f.err }
func (f failing) WithAttrs([]slog.Attr) slog.Handler        { return f }
func (f failing) WithGroup(string) slog.Handler             { return f }

// Handle captures r and queues it for the worker. It returns [ErrClosed]
// after Close, [ErrQueueFull] when [Options.BlockTimeout] passed, an error
// wrapping ctx's error when ctx ended while it waited for room in a full
// queue, [ErrReentrant] when the handler's own worker logged r into a full
// queue, and nil otherwise, also when the overflow policy dropped the
// record (see [Options.OnDrop] and [Stats]).
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	if ctx == nil {
		ctx = context.Background() // as slog.Logger does
	}
	c := h.core
	e := c.getEntry()
	e.h, e.time, e.level, e.msg, e.pc = h, r.Time, r.Level, r.Message, r.PC
	if h.next == nil {
		if c.watch.active() {
			e.ctx = ctx // for Loss.Context
		}
		h.captureRecord(e, r)
		if c.depth.Load() >= c.helpAt {
			e.line = c.appendRecord(e.line[:0], e, nil)
		}
	} else {
		e.ctx = context.WithoutCancel(ctx)
		h.freezeRecord(e, r)
	}
	return c.enqueue(ctx, e)
}

// captureRecord fills e.items from r, running ReplaceAttr as slog does.
func (h *Handler) captureRecord(e *entry, r slog.Record) {
	red := h.core.redact
	if h.core.opts.ReplaceAttr == nil {
		// Strings (the message, string attrs, error texts) are scanned by
		// the worker, which has time to spare while this goroutine builds
		// the next record; keys are checked there too. Values that could
		// change after Handle returns are redacted here.
		if r.NumAttrs() == 0 {
			return // nothing to copy: With attrs are encoded already
		}
		e.rec = r
		i := int32(0)
		r.Attrs(func(a slog.Attr) bool {
			switch a.Value.Kind() {
			case slog.KindAny, slog.KindGroup, slog.KindLogValuer:
				mark := len(e.items)
				switch {
				case red == nil:
					e.nonEmpty = h.capture(e, a, nil) || e.nonEmpty
				case h.captureError(e, a, i): // its text is scanned by the worker
				default:
					a, _ = red.Attr(h.groups, a)
					e.nonEmpty = h.capture(e, a, nil) || e.nonEmpty
				}
				for j := mark; j < len(e.items); j++ {
					e.items[j].attr = i
				}
			default:
				e.nonEmpty = true
			}
			i++
			return true
		})
		e.nonEmpty = e.nonEmpty || len(e.items) > 0
		return
	}
	// With ReplaceAttr, the built-in attrs go through it too, with no groups;
	// redaction comes first, so ReplaceAttr sees redacted values.
	e.replaced = true
	msg := r.Message
	if red.ScansMessage() {
		msg, _ = red.String(msg)
	}
	none := &groupPath{fixed: true}
	if !r.Time.IsZero() {
		h.capture(e, slog.Time(slog.TimeKey, r.Time.Round(0)), none)
	}
	h.capture(e, slog.Any(slog.LevelKey, r.Level), none)
	if h.core.opts.AddSource {
		h.capture(e, slog.Any(slog.SourceKey, sourceOf(r.PC)), none)
	}
	h.capture(e, slog.String(slog.MessageKey, msg), none)
	e.nBuiltin = len(e.items)
	groups := &groupPath{names: slices.Clone(h.groups)}
	r.Attrs(func(a slog.Attr) bool {
		if red != nil {
			a, _ = red.Attr(h.groups, a)
		}
		e.nonEmpty = h.capture(e, a, groups) || e.nonEmpty
		return true
	})
}

// captureError captures a plain error (not a LogValuer or json.Marshaler)
// as its text, marked for the worker to scan. A panic in Error masks the
// value and is counted, as the redactor does. It reports whether a was
// such an error.
func (h *Handler) captureError(e *entry, a slog.Attr, i int32) bool {
	if a.Value.Kind() != slog.KindAny {
		return false
	}
	err, ok := a.Value.Any().(error)
	if !ok {
		return false
	}
	if _, ok := err.(json.Marshaler); ok {
		return false
	}
	if _, ok := err.(slog.LogValuer); ok {
		return false
	}
	text, scan := h.core.redact.ErrorText(err)
	e.items = append(e.items, item{key: a.Key, value: slog.StringValue(text), attr: i, scan: scan})
	return true
}

// WithAttrs returns a handler that adds attrs to every record. For [New]
// they are resolved, passed through ReplaceAttr and encoded now, once.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if countEmptyGroups(attrs) == len(attrs) {
		return h
	}
	h2 := *h
	red := h.core.redact
	if h.next != nil {
		// Frozen (errors pinned) first, so that what redaction judges is
		// what the wrapped handler gets.
		frozen := freezeAttrs(attrs, red != nil)
		if red != nil {
			for i, a := range frozen {
				frozen[i], _ = red.Attr(h.groups, a)
				frozen[i], _ = pinRenderings(red, frozen[i], 0)
				frozen[i] = keepEmptyGroup(frozen[i])
			}
		}
		h2.next = h.derive("WithAttrs", func() slog.Handler { return h.next.WithAttrs(frozen) })
		return &h2
	}
	if red != nil {
		redacted := make([]slog.Attr, len(attrs))
		for i, a := range attrs {
			redacted[i], _ = red.Attr(h.groups, a)
		}
		attrs = redacted
	}
	var e entry
	var groups *groupPath
	if h.core.opts.ReplaceAttr != nil {
		groups = &groupPath{names: slices.Clone(h.groups)}
	}
	added := false
	for _, a := range attrs {
		added = h.capture(&e, a, groups) || added
	}
	if !added {
		return &h2
	}
	buf := slices.Clip(h.pre)
	comma := len(buf) > 0 && buf[len(buf)-1] != '{'
	for _, g := range h.groups[h.nOpen:] {
		buf, comma = appendKey(buf, g, comma), false
		buf = append(buf, '{')
	}
	buf, _ = appendItems(buf, &e, e.items, comma)
	h2.pre = buf
	h2.nOpen = len(h.groups)
	return &h2
}

// WithGroup returns a handler that nests every later attr in a group named
// name. WithGroup("") returns h.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	name = h.core.redact.GroupName(name) // a group named with an e-mail address, a card number
	h2 := *h
	h2.groups = append(slices.Clip(h.groups), name)
	if h.next != nil {
		h2.next = h.derive("WithGroup", func() slog.Handler { return h.next.WithGroup(name) })
	}
	return &h2
}

// Flush writes every record queued before the call and returns when they
// were handed to the writer, or when ctx ends. It returns an error when a
// write stopped inside a record whose rest waits for the writer to recover
// (see the package doc on whole lines).
func (h *Handler) Flush(ctx context.Context) error { return h.core.flush(orBackground(ctx)) }

// Close stops accepting records, writes everything queued, and stops the
// worker. It is safe to call many times from many goroutines; later calls
// return the first call's result. It returns an error wrapping
// [ErrRecordsLost] that names the counts when any record failed or was
// dropped. If ctx ends before the queue is written, the records still
// queued are counted as dropped with [ReasonCloseDeadline], the worker
// writes nothing after the write it may be blocked in, and the records of
// that write (with a record the writer cut earlier, whose rest it starts
// with) are counted (written or failed) when the writer returns: until
// then they are in [Stats].Writing. The error names them apart from the
// records lost, which it names exactly; a cut record not in that write is
// lost, counted as failed.
func (h *Handler) Close(ctx context.Context) error { return h.core.close(orBackground(ctx)) }

// orBackground returns ctx, or context.Background() for a nil ctx, which
// slog.Logger accepts too.
func orBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

// Stats returns the counters shared by h and every handler derived from it.
func (h *Handler) Stats() Stats { return h.core.snapshotStats() }

func countEmptyGroups(as []slog.Attr) int {
	n := 0
	for _, a := range as {
		if a.Value.Kind() == slog.KindGroup && len(a.Value.Group()) == 0 {
			n++
		}
	}
	return n
}

// appendKey appends an object key, preceded by a comma when one is due.
func appendKey(buf []byte, key string, comma bool) []byte {
	i := safePrefix(key)
	if comma {
		buf = append(buf, ',', '"')
	} else {
		buf = append(buf, '"')
	}
	if i == len(key) {
		buf = append(buf, key...)
	} else {
		buf = appendEscapedFrom(buf, key, i)
	}
	return append(buf, '"', ':')
}

// appendLevel appends the "level" member, with the JSON of the four
// named levels written out once.
func appendLevel(buf []byte, l slog.Level, comma bool) []byte {
	if comma {
		buf = append(buf, ',')
	}
	switch l {
	case slog.LevelDebug:
		return append(buf, `"level":"DEBUG"`...)
	case slog.LevelInfo:
		return append(buf, `"level":"INFO"`...)
	case slog.LevelWarn:
		return append(buf, `"level":"WARN"`...)
	case slog.LevelError:
		return append(buf, `"level":"ERROR"`...)
	}
	return appendString(append(buf, `"level":`...), l.String())
}

// appendItems appends the members described by items.
func appendItems(buf []byte, e *entry, items []item, comma bool) ([]byte, bool) {
	for i := range items {
		it := &items[i]
		switch it.kind {
		case itemValue:
			buf = appendKey(buf, it.key, comma)
			buf, _ = appendScalar(buf, it.value)
			comma = true
		case itemRaw:
			buf = appendKey(buf, it.key, comma)
			buf = append(buf, e.raw[it.start:it.end]...)
			comma = true
		case itemOpen:
			buf = appendKey(buf, it.key, comma)
			buf = append(buf, '{')
			comma = false
		case itemClose:
			buf = append(buf, '}')
			comma = true
		}
	}
	return buf, comma
}

// appendRecord appends e as one JSON line, as slog.JSONHandler writes it.
func (c *core) appendRecord(buf []byte, e *entry, w *workerCache) []byte {
	h := e.h
	times, attrTimes := &e.times, &e.attrTimes
	if w != nil {
		times, attrTimes = &w.times, &w.attrTimes
	}
	buf = append(buf, '{')
	comma := false
	items := e.items
	nonEmpty := e.nonEmpty
	if e.replaced {
		buf, comma = appendItems(buf, e, items[:e.nBuiltin], false)
		items = items[e.nBuiltin:]
		nonEmpty = e.nonEmpty
	} else {
		if !e.time.IsZero() {
			buf = append(buf, `"time":`...)
			buf = times.append(buf, e.time)
			comma = true
		}
		buf = appendLevel(buf, e.level, comma)
		if c.opts.AddSource {
			buf = appendSource(buf, e.pc, w)
		}
		buf = append(buf, `,"msg":`...)
		if red := c.redact; red.ScansMessage() {
			buf = w.appendString(buf, red, e.msg)
		} else {
			buf = appendString(buf, e.msg)
		}
		comma = true
	}
	if len(h.pre) > 0 {
		if comma {
			buf = append(buf, ',')
		}
		buf = append(buf, h.pre...)
		comma = h.pre[len(h.pre)-1] != '{'
	}
	nOpen := h.nOpen
	if nonEmpty {
		for _, g := range h.groups[h.nOpen:] {
			buf, comma = appendKey(buf, g, comma), false
			buf = append(buf, '{')
		}
		nOpen = len(h.groups)
		if e.replaced {
			buf, _ = appendItems(buf, e, items, comma)
		} else {
			buf = appendRecordAttrs(buf, e, comma, c.redact, attrTimes, w)
		}
	}
	for range nOpen {
		buf = append(buf, '}')
	}
	return append(buf, '}', '\n')
}

// appendRecordAttrs appends the attrs of e.rec, taking the captured items
// in place of the attrs that were not scalar.
// Scalar attrs are redacted here: by key, and strings by the detectors.
func appendRecordAttrs(buf []byte, e *entry, comma bool, red *redact.Redactor, times *timeCache, w *workerCache) []byte {
	items := e.items
	i := int32(-1)
	groups := e.h.groups
	e.rec.Attrs(func(a slog.Attr) bool {
		i++
		patched := len(items) > 0 && items[0].attr == i
		if !patched && w != nil {
			// The common case: a scalar the caller did not touch, under a
			// key the worker has seen: its JSON and its verdict are
			// remembered.
			if k := w.key(red, groups, a.Key); k != nil {
				kind := a.Value.Kind()
				if kind != slog.KindInt64 && kind != slog.KindUint64 && kind != slog.KindFloat64 && kind != slog.KindDuration || !k.ints {
					mark := len(buf)
					buf = k.append(buf, comma)
					if kind == slog.KindString {
						if s := a.Value.String(); red.IDNumber(groups, a.Key, s) {
							buf = appendString(buf, s) // an id under its key, not a card: not remembered as clean text
						} else {
							buf = w.appendString(buf, red, s)
						}
						comma = true
						return true
					}
					var ok bool
					if buf, ok = appendScalarKind(buf, a.Value, kind, times); ok {
						comma = true
						return true
					}
					buf = buf[:mark]
				}
			}
		}
		masked := false
		if red != nil {
			if a.Key, masked = red.Scalar(groups, a.Key, a.Value); masked {
				a.Value = slog.StringValue(red.Mask())
			}
		}
		if patched && masked && items[0].kind == itemValue {
			items, patched = items[1:], false // the key's mask wins over the caller's scan
		}
		if !patched {
			mark := len(buf)
			buf = appendKey(buf, a.Key, comma)
			k := a.Value.Kind()
			if k == slog.KindString && red != nil && !masked {
				if s := a.Value.String(); red.IDNumber(groups, a.Key, s) {
					buf = appendString(buf, s)
				} else {
					buf = w.appendString(buf, red, s)
				}
				comma = true
				return true
			}
			var ok bool
			if buf, ok = appendScalarKind(buf, a.Value, k, times); ok {
				comma = true
				return true
			}
			buf = buf[:mark]
		} else if items[0].scan && red != nil {
			// An error's text, captured by the caller, scanned here, under
			// the key Scalar decided on (a placeholder for a key that is
			// personal data).
			if k := w.key(red, groups, a.Key); k != nil {
				buf = k.append(buf, comma)
			} else {
				buf = appendKey(buf, a.Key, comma)
			}
			buf = w.appendString(buf, red, items[0].value.String())
			comma = true
			items = items[1:]
			return true
		}
		n := 0
		for n < len(items) && items[n].attr == i {
			n++
		}
		buf, comma = appendItems(buf, e, items[:n], comma)
		items = items[n:]
		return true
	})
	return buf
}

// appendSource appends the "source" member for pc. w may be nil.
func appendSource(buf []byte, pc uintptr, w *workerCache) []byte {
	if pc == 0 {
		return buf
	}
	var src *slog.Source
	if w == nil {
		src = sourceOf(pc)
	} else if src = w.sources[pc]; src == nil {
		src = sourceOf(pc)
		if len(w.sources) >= 4096 {
			clear(w.sources)
		}
		w.sources[pc] = src
	}
	if *src == (slog.Source{}) {
		return buf
	}
	buf = append(buf, `,"source":{`...)
	comma := false
	if src.Function != "" {
		buf = appendKey(buf, "function", comma)
		buf = appendString(buf, src.Function)
		comma = true
	}
	if src.File != "" {
		buf = appendKey(buf, "file", comma)
		buf = appendString(buf, src.File)
		comma = true
	}
	if src.Line != 0 {
		buf = appendKey(buf, "line", comma)
		buf = strconv.AppendInt(buf, int64(src.Line), 10)
	}
	return append(buf, '}')
}

// sourceOf returns the source location of pc, or an empty Source for 0.
func sourceOf(pc uintptr) *slog.Source {
	if pc == 0 {
		return &slog.Source{}
	}
	f, _ := runtime.CallersFrames([]uintptr{pc}).Next()
	return &slog.Source{Function: f.Function, File: f.File, Line: f.Line}
}

package otel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
)

// An error is asked for its text by the Redactor, and asked again later by
// each side: the local handler when it encodes the record, the SDK when it
// derives exception.message. An Error method may answer differently each
// time (state, or text read from something the caller changes), so a
// judged-clean first answer would let a secret through on the second.
// pinHandler, in front of redaction, reads each error attr's text once and
// passes on an error that always answers with it.

// pinHandler passes records and With attrs on to next with every error
// attr (in groups too, and what LogValuers resolve to) pinned.
type pinHandler struct{ next slog.Handler }

func (h pinHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h pinHandler) Handle(ctx context.Context, r slog.Record) error {
	if !needsPin(r) {
		return h.next.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(pinAttr(a, 0))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h pinHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	pinned := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		pinned[i] = pinAttr(a, 0)
	}
	return pinHandler{h.next.WithAttrs(pinned)}
}

func (h pinHandler) WithGroup(name string) slog.Handler {
	return pinHandler{h.next.WithGroup(name)}
}

// needsPin reports whether r has an attr that pinAttr would change.
func needsPin(r slog.Record) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		found = valueNeedsPin(a.Value)
		return !found
	})
	return found
}

func valueNeedsPin(v slog.Value) bool {
	switch v.Kind() {
	case slog.KindLogValuer:
		return true // resolved once, here
	case slog.KindAny:
		_, isErr := v.Any().(error)
		return isErr
	case slog.KindGroup:
		for _, a := range v.Group() {
			if valueNeedsPin(a.Value) {
				return true
			}
		}
	}
	return false
}

// maxPinDepth bounds how deep pinAttr follows groups: a LogValuer whose
// value holds the LogValuer again must not recurse until the stack
// overflows. Deeper values are left to the Redactor, which masks what is
// deeper than its own limit.
const maxPinDepth = 100

// pinAttr returns a, inside depth groups, with its LogValuers resolved and
// its errors pinned.
func pinAttr(a slog.Attr, depth int) slog.Attr {
	if depth >= maxPinDepth {
		return a
	}
	a.Value = a.Value.Resolve()
	switch a.Value.Kind() {
	case slog.KindAny:
		if err, ok := a.Value.Any().(error); ok {
			if p := pinError(err); p != nil {
				a.Value = slog.AnyValue(p)
			}
		}
	case slog.KindGroup:
		g := a.Value.Group()
		out := make([]slog.Attr, len(g))
		for i, ga := range g {
			out[i] = pinAttr(ga, depth+1)
		}
		a.Value = slog.GroupValue(out...)
	}
	return a
}

// pinnedError is an error whose text was read once. It unwraps to the
// original, and names the original's type for exception.type.
type pinnedError struct {
	text string
	typ  string
	err  error
}

func (p *pinnedError) Error() string     { return p.text }
func (p *pinnedError) Unwrap() error     { return p.err }
func (p *pinnedError) ErrorType() string { return p.typ }

// pinError returns err pinned, or nil for an error that is rendered some
// other way (a json.Marshaler) or whose Error panics (the Redactor masks
// it whole). A typed nil is pinned as "<nil>" and unwraps to nothing.
func pinError(err error) (p *pinnedError) {
	if _, ok := err.(json.Marshaler); ok {
		return nil
	}
	defer func() {
		if recover() != nil {
			p = nil
		}
	}()
	if v := reflect.ValueOf(err); v.Kind() == reflect.Pointer && v.IsNil() {
		// A typed nil: its text is what slog writes for it. Passed on
		// unpinned, it would be asked for its text again on the
		// OpenTelemetry side, where Error on a nil receiver panics.
		return &pinnedError{text: "<nil>", typ: errorType(err)}
	}
	return &pinnedError{text: err.Error(), typ: errorType(err), err: err}
}

// fmtWrapType is the type of the error fmt.Errorf returns for one %w.
var fmtWrapType = reflect.TypeOf(fmt.Errorf("%w", errors.New("")))

// errorType is the SDK's exception.type for err: its ErrorType method, or
// its type's name, looking through fmt.Errorf wrappers.
func errorType(err error) string {
	if et, ok := err.(interface{ ErrorType() string }); ok {
		if s := et.ErrorType(); s != "" {
			return s
		}
	}
	for reflect.TypeOf(err) == fmtWrapType {
		u := errors.Unwrap(err)
		if u == nil {
			break
		}
		err = u
	}
	t := reflect.TypeOf(err)
	if t.PkgPath() != "" && t.Name() != "" {
		return t.PkgPath() + "." + t.Name()
	}
	return t.String()
}

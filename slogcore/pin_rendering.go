package slogcore

import (
	"encoding"
	"encoding/json"
	"log/slog"

	"github.com/slogguard/slogguard/internal/errdata"
	"github.com/slogguard/slogguard/redact"
)

// A value that renders itself (MarshalJSON, MarshalText) is asked by the
// redactor when Handle runs, and by the wrapped handler of [Async] again,
// later, on the worker: it may answer otherwise then (state, or data it
// reads from something that changed), and what the wrapped handler writes
// would be what redaction never judged. pinRenderings passes such values
// on as their renderings, read once and redacted: a JSON handler writes
// their JSON, slog's text handler their text (MarshalText's, or fmt's
// %+v), as it would the value.

// pinnedKinds are the nested values that pinRenderings stands in for.
const pinnedKinds = errdata.Errors | errdata.SelfRendering

// pinRenderings returns a, found depth groups down, with every value that
// renders itself, or that holds an error or such a value inside a map,
// slice or struct, replaced by its renderings redacted with r, and
// whether it changed anything. An attr's error that marshals itself as
// JSON is pinned here; any other is pinned by pinError.
func pinRenderings(r *redact.Redactor, a slog.Attr, depth int) (slog.Attr, bool) {
	switch a.Value.Kind() {
	case slog.KindGroup:
		if depth >= maxGroupDepth {
			return a, false
		}
		return errdata.MapGroup(a, func(ga slog.Attr) (slog.Attr, bool) { return pinRenderings(r, ga, depth+1) })
	case slog.KindAny:
		x := a.Value.Any()
		if err, isErr := x.(error); isErr {
			if _, marshals := err.(json.Marshaler); marshals {
				a.Value = slog.AnyValue(pinMarshalingError(r, err))
				return a, true
			}
			return a, false
		}
		if errdata.RendersUnsteadily(x) {
			a.Value = slog.AnyValue(renderOnce(r, x))
			return a, true
		}
		if errdata.Holds(x, pinnedKinds) {
			a.Value = slog.AnyValue(errdata.Render(r, x))
			return a, true
		}
	}
	return a, false
}

// renderOnce returns x's renderings redacted with r: its JSON and fmt's
// text, and, for a value with a MarshalText method, that text (or its
// error), which slog's text handler writes in preference to fmt's.
func renderOnce(r *redact.Redactor, x any) any {
	rendered := errdata.Render(r, x)
	tm, ok := x.(encoding.TextMarshaler)
	if !ok {
		return rendered
	}
	text, panicked, err := marshalTextOnce(tm)
	if panicked {
		return rendered // masked whole: rendering it panicked
	}
	if err != nil {
		return renderedText{Rendered: rendered, err: err}
	}
	masked, _ := r.String(text)
	return renderedText{Rendered: rendered, text: []byte(masked)}
}

// marshalTextOnce returns tm's text, whether MarshalText panicked, and
// its error.
func marshalTextOnce(tm encoding.TextMarshaler) (text string, panicked bool, err error) {
	defer func() {
		if recover() != nil {
			text, panicked, err = "", true, nil
		}
	}()
	b, err := tm.MarshalText()
	return string(b), false, err
}

// renderedText stands in for a value that marshals itself as text: a
// JSON handler writes its JSON, a text handler its MarshalText text (or
// error), fmt its %+v text, each redacted.
type renderedText struct {
	errdata.Rendered
	text []byte
	err  error
}

// MarshalText returns the redacted text of the original value, or the
// error its MarshalText returned.
func (v renderedText) MarshalText() ([]byte, error) { return v.text, v.err }

// pinnedMarshalingError is an error that marshals itself as JSON, read
// once: slog's JSON handler writes its JSON, a text handler and fmt its
// text, each redacted; it unwraps to the original error.
type pinnedMarshalingError struct {
	*pinnedError
	json json.Marshaler
}

// MarshalJSON returns the redacted JSON of the original error.
func (p pinnedMarshalingError) MarshalJSON() ([]byte, error) { return p.json.MarshalJSON() }

// pinMarshalingError returns err's text and JSON, read once and redacted
// with r, as an error that unwraps to err.
func pinMarshalingError(r *redact.Redactor, err error) error {
	text, panicked := errorTextChecked(err)
	if panicked {
		text = r.Mask()
	} else {
		text, _ = r.String(text)
	}
	return pinnedMarshalingError{
		pinnedError: &pinnedError{text: text, err: err},
		json:        errdata.Render(r, err),
	}
}

package otel

import (
	"bytes"
	"context"
	"encoding"
	"encoding/json"
	"errors"
	"log/slog"
	"reflect"
	"strconv"
	"time"

	"go.opentelemetry.io/otel/attribute"

	"github.com/slogguard/slogguard/internal/errdata"
)

// otelslog writes a struct as one string (fmt's %+v), elements of a slice
// or map that are structs likewise, and knows nothing of MarshalJSON. A
// struct that redaction rebuilt (an ordered list of its members, which
// encodes as a JSON object) would reach the collector as a list of
// "{Key:… Value:…}" strings, and an untouched struct as a string: the same
// attribute would change type with its content. shapeHandler, on the
// OpenTelemetry side only, behind redaction, gives otelslog each such
// value as the structure the local JSON line shows: objects as maps (the
// same members; attribute.MapValue sorts them by key), arrays as slices,
// numbers, strings, booleans.

// shapeHandler passes records and With attrs on to next with every
// struct-like value replaced by the attribute.Value of its JSON, and every
// typed nil error by "<nil>" (with or without redaction in front).
type shapeHandler struct {
	next slog.Handler
	r    *Redactor
}

func (h shapeHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h shapeHandler) Handle(ctx context.Context, r slog.Record) error {
	needs := false
	r.Attrs(func(a slog.Attr) bool {
		needs = attrNeedsShape(a, 0)
		return !needs
	})
	if !needs {
		return h.next.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.shapeAttr(a, 0))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h shapeHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	shaped := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		shaped[i] = h.shapeAttr(a, 0)
	}
	return shapeHandler{h.next.WithAttrs(shaped), h.r}
}

func (h shapeHandler) WithGroup(name string) slog.Handler {
	return shapeHandler{h.next.WithGroup(name), h.r}
}

// maxShapeGroupDepth bounds how deep groups are followed, as the other
// handlers of the chain bound it.
const maxShapeGroupDepth = 5000

func attrNeedsShape(a slog.Attr, depth int) bool {
	switch a.Value.Kind() {
	case slog.KindGroup:
		if depth >= maxShapeGroupDepth {
			return false
		}
		for _, ga := range a.Value.Group() {
			if attrNeedsShape(ga, depth+1) {
				return true
			}
		}
	case slog.KindAny:
		x := a.Value.Any()
		if err, ok := x.(error); ok {
			return typedNil(err)
		}
		return needsShape(x)
	}
	return false
}

func (h shapeHandler) shapeAttr(a slog.Attr, depth int) slog.Attr {
	switch a.Value.Kind() {
	case slog.KindGroup:
		if depth >= maxShapeGroupDepth {
			return a
		}
		g := a.Value.Group()
		out := make([]slog.Attr, len(g))
		for i, ga := range g {
			out[i] = h.shapeAttr(ga, depth+1)
		}
		a.Value = slog.GroupValue(out...)
	case slog.KindAny:
		x := a.Value.Any()
		if err, ok := x.(error); ok {
			if typedNil(err) {
				a.Value = slog.AnyValue(pinError(err)) // "<nil>", as the local side writes it
			}
		} else if needsShape(x) {
			if v, ok := h.shape(x); ok {
				a.Value = slog.AnyValue(v)
			}
		}
	}
	return a
}

// typedNil reports whether err is a nil pointer in a non-nil interface,
// whose Error otelslog would call (and which then usually panics).
func typedNil(err error) bool {
	v := reflect.ValueOf(err)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// needsShape reports whether otelslog would flatten x, or a value inside
// it, to a string: x is not one of the values otelslog converts itself
// (scalars, time, []byte, errors, attribute values), and is a struct,
// map, slice, array or pointer, or renders itself.
func needsShape(x any) bool {
	switch x.(type) {
	case nil, bool, string, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr,
		float32, float64, complex64, complex128, time.Duration, time.Time, []byte, error, attribute.Value:
		return false
	case json.Marshaler, encoding.TextMarshaler:
		return true
	}
	switch reflect.ValueOf(x).Kind() {
	case reflect.Struct, reflect.Map, reflect.Slice, reflect.Array, reflect.Pointer:
		return true
	}
	return false
}

var (
	errPanicked   = errors.New("otel: a method of the value panicked while it was encoded")
	errUnexpected = errors.New("otel: unexpected JSON token")
)

// shape returns the attribute value of x's JSON. Where x's JSON comes
// from a method (MarshalJSON, MarshalText, an error's data), which
// redaction did not see, the JSON is redacted first, as the local output
// redacts it. It reports false when x has no JSON (a NaN, a cycle, a
// channel): otelslog then writes x as it would.
func (h shapeHandler) shape(x any) (attribute.Value, bool) {
	data, err := marshalJSON(x)
	if err != nil {
		return attribute.Value{}, false
	}
	if !redactionOff(h.r) && (errdata.RendersItself(x) || errdata.Holds(x, errdata.Errors|errdata.SelfRendering)) {
		if s, changed := h.r.String(string(data)); changed {
			if !json.Valid([]byte(s)) {
				return attribute.StringValue(h.r.Mask()), true
			}
			data = []byte(s)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return attribute.StringValue(h.r.Mask()), true // not reached: encoding/json wrote it
	}
	return v, true
}

// marshalJSON encodes x as slog.JSONHandler does: without HTML escaping.
// A method of x that panics is an error.
func marshalJSON(x any) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			data, err = nil, errPanicked
		}
	}()
	return errdata.Marshal(x)
}

// decodeValue reads one JSON value from dec as an attribute value:
// objects become maps of their members (attribute.MapValue sorts them by
// key), arrays slices, whole
// numbers int64 (or their text when too large), other numbers float64,
// null the empty value.
func decodeValue(dec *json.Decoder) (attribute.Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return attribute.Value{}, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			var kvs []attribute.KeyValue
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return attribute.Value{}, err
				}
				key, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return attribute.Value{}, err
				}
				kvs = append(kvs, attribute.KeyValue{Key: attribute.Key(key), Value: v})
			}
			if _, err := dec.Token(); err != nil { // '}'
				return attribute.Value{}, err
			}
			return attribute.MapValue(kvs...), nil
		case '[':
			var vs []attribute.Value
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return attribute.Value{}, err
				}
				vs = append(vs, v)
			}
			if _, err := dec.Token(); err != nil { // ']'
				return attribute.Value{}, err
			}
			return attribute.SliceValue(vs...), nil
		}
		return attribute.Value{}, errUnexpected
	case string:
		return attribute.StringValue(t), nil
	case bool:
		return attribute.BoolValue(t), nil
	case json.Number:
		if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return attribute.Int64Value(i), nil
		}
		if bytes.ContainsAny([]byte(t), ".eE") {
			if f, err := strconv.ParseFloat(string(t), 64); err == nil {
				return attribute.Float64Value(f), nil
			}
		}
		return attribute.StringValue(string(t)), nil // beyond int64, as otelslog writes a large uint64
	case nil:
		return attribute.Value{}, nil
	}
	return attribute.Value{}, errUnexpected
}

package slogcore

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"reflect"
	"time"
)

// maxFreezeDepth bounds the deep copy of a value, so that a cyclic or very
// deep structure cannot hang the caller. Beyond it the value is shared, not
// copied.
const maxFreezeDepth = 32

// maxGroupDepth bounds the nesting of groups that a handler writes or
// passes on: a LogValuer whose value holds the LogValuer again would
// otherwise recurse until the stack overflows, which no recover catches.
// A group deeper than this is written as errTooDeep. The bound is far
// beyond real records (slogaudit verifies records 700 groups deep) and
// below encoding/json's nesting limit for readers (10000).
const maxGroupDepth = 5000

// errTooDeep is the value written in place of a group nested deeper than
// maxGroupDepth.
const errTooDeep = "!ERROR:group nested more than 5000 deep (a LogValuer whose value contains itself?)"

// freezeRecord fills e.attrs with r's attributes, resolved and deep-copied,
// for a handler made by [Async].
func (h *Handler) freezeRecord(e *entry, r slog.Record) {
	red := h.core.redact
	if red.ScansMessage() {
		e.msg, _ = red.String(e.msg)
	}
	r.Attrs(func(a slog.Attr) bool {
		a = freezeAttr(a, 0, red != nil)
		if red != nil {
			a, _ = red.Attr(h.groups, a)
			a, _ = pinRenderings(red, a, 0)
			a = keepEmptyGroup(a) // redaction resolved emptyGroup
		}
		e.attrs = append(e.attrs, a)
		return true
	})
}

// freezeAttrs returns resolved, deep-copied versions of attrs; pin as for
// freezeAttr.
func freezeAttrs(attrs []slog.Attr, pin bool) []slog.Attr {
	out := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		out[i] = freezeAttr(a, 0, pin)
	}
	return out
}

// freezeAttr resolves a's LogValuers and copies whatever a caller could
// change after the call: group members, maps, slices, arrays, structs,
// pointers and []byte. Errors keep their identity (errors.Is and errors.As
// still work downstream); with pin, an error that is an attr's value is
// passed as a [pinnedError], so that the wrapped handler writes the text
// that redaction judged rather than asking the error again later.
func freezeAttr(a slog.Attr, depth int, pin bool) slog.Attr {
	a.Value = a.Value.Resolve()
	switch a.Value.Kind() {
	case slog.KindGroup:
		if depth >= maxGroupDepth {
			a.Value = slog.StringValue(errTooDeep)
			return a
		}
		g := a.Value.Group()
		if len(g) == 0 {
			return keepEmptyGroup(a)
		}
		out := make([]slog.Attr, len(g))
		for i, ga := range g {
			out[i] = freezeAttr(ga, depth+1, pin)
		}
		a.Value = slog.GroupValue(out...)
	case slog.KindAny:
		x := a.Value.Any()
		if err, ok := x.(error); ok && pin {
			if p := pinError(err); p != nil {
				a.Value = slog.AnyValue(p)
				return a
			}
		}
		a.Value = slog.AnyValue(freeze(x, depth))
	}
	return a
}

// pinnedError is an error whose text was read once, when it was logged.
// An Error method may answer differently each time (state, or text it
// reads from something the caller changes later); redaction judged this
// text, and the wrapped handler writes this text. It unwraps to the
// original error.
type pinnedError struct {
	text string
	err  error
}

func (p *pinnedError) Error() string { return p.text }
func (p *pinnedError) Unwrap() error { return p.err }

// pinError returns err pinned, or nil for an error that is rendered some
// other way (a json.Marshaler, as slog.JSONHandler does) or whose Error
// panics (the redactor masks it whole).
func pinError(err error) *pinnedError {
	if _, ok := err.(json.Marshaler); ok {
		return nil
	}
	text, panicked := errorTextChecked(err)
	if panicked {
		return nil
	}
	return &pinnedError{text: text, err: err}
}

// freeze returns a deep copy of x as far as reflection can reach it:
// unexported fields are copied by value, not deeply.
func freeze(x any, depth int) any {
	switch x := x.(type) {
	case nil, string, bool, int, int8, int16, int32, int64, uint, uint8, uint16,
		uint32, uint64, uintptr, float32, float64, complex64, complex128,
		time.Time, time.Duration, slog.Level, error:
		return x
	case []byte:
		return bytes.Clone(x)
	case map[string]any:
		if x == nil {
			return x
		}
		out := make(map[string]any, len(x))
		for k, v := range x {
			out[k] = freeze(v, depth+1)
		}
		return out
	case []any:
		if x == nil {
			return x
		}
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = freeze(v, depth+1)
		}
		return out
	}
	if depth >= maxFreezeDepth {
		return x
	}
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Map, reflect.Slice, reflect.Array, reflect.Pointer, reflect.Struct, reflect.Interface:
		return deepCopy(v, depth).Interface()
	}
	return x
}

// deepCopy returns a copy of v with every map, slice, array, pointer and
// exported struct field copied recursively.
func deepCopy(v reflect.Value, depth int) reflect.Value {
	if depth >= maxFreezeDepth {
		return v
	}
	switch v.Kind() {
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		iter := v.MapRange()
		for iter.Next() {
			out.SetMapIndex(deepCopy(iter.Key(), depth+1), deepCopy(iter.Value(), depth+1))
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(deepCopy(v.Index(i), depth+1))
		}
		return out
	case reflect.Array:
		out := reflect.New(v.Type()).Elem()
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(deepCopy(v.Index(i), depth+1))
		}
		return out
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		if _, isErr := v.Interface().(error); isErr {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(deepCopy(v.Elem(), depth+1))
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		if !v.CanInterface() {
			return v
		}
		if _, isErr := v.Interface().(error); isErr {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(deepCopy(v.Elem(), depth+1))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v) // copies unexported fields by value
		for i := 0; i < v.NumField(); i++ {
			if f := out.Field(i); f.CanSet() {
				f.Set(deepCopy(v.Field(i), depth+1))
			}
		}
		return out
	}
	return v
}

// emptyGroup stands for a value that resolved to an empty group. A record
// and slog.GroupValue drop empty groups, but slog.JSONHandler writes a group
// whose member resolves to one as {} (and opens the groups of WithGroup for
// it): passed on as this LogValuer, the member keeps that effect.
type emptyGroup struct{}

// LogValue returns an empty group.
func (emptyGroup) LogValue() slog.Value { return slog.GroupValue() }

// keepEmptyGroup returns a, with an empty group value replaced by
// [emptyGroup].
func keepEmptyGroup(a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindGroup && len(a.Value.Group()) == 0 {
		a.Value = slog.AnyValue(emptyGroup{})
	}
	return a
}

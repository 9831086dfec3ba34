package slogcore

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"sync"

	"github.com/slogguard/slogguard/redact"
)

// An error inside a map, slice, struct or pointer is not written as its
// text: encoding/json knows nothing of Error and writes the error's data
// (exported fields, elements, entries, the string under a string type),
// and so does slog.JSONHandler, and so does New. The redactor judges an
// error by its text (what a TextHandler prints), so the data it never saw
// would reach the output unjudged: {"Pass":"…"} of a login error in a
// []error, or {"password":"…"} of an error that is a map. A value holding
// such an error is therefore scanned as the JSON that is written, as a
// value that renders itself is.

// maxErrorDataDepth bounds the search for a nested error; a deeper value
// (or a cycle, which encoding/json refuses anyway) is scanned as written.
const maxErrorDataDepth = 64

var (
	errorType         = reflect.TypeFor[error]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// holdsErrorData reports whether x holds, below its top level, an error
// that encoding/json writes as its data rather than as its text.
func holdsErrorData(x any) bool {
	v := reflect.ValueOf(x)
	if !v.IsValid() {
		return false
	}
	return errorDataIn(v, 0)
}

func errorDataIn(v reflect.Value, depth int) bool {
	if depth > maxErrorDataDepth {
		return true
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	switch kindOfType(v.Type()) {
	case typeErrorData:
		if depth > 0 {
			return true
		}
	case typeClean:
		return false
	}
	switch v.Kind() {
	case reflect.Pointer:
		return !v.IsNil() && errorDataIn(v.Elem(), depth+1)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if encodedField(t.Field(i)) && errorDataIn(v.Field(i), depth+1) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if errorDataIn(v.Index(i), depth+1) {
				return true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if errorDataIn(it.Key(), depth+1) || errorDataIn(it.Value(), depth+1) {
				return true
			}
		}
	}
	return false
}

// typeKind classifies a type for the search.
type typeKind uint8

const (
	typeClean     typeKind = iota // holds no error: nothing to search
	typeErrorData                 // an error that encoding/json writes as its data
	typeMayHold                   // may hold one (an interface, a container of one)
)

var typeKinds sync.Map // reflect.Type -> typeKind

// kindOfType returns t's class, computed once per type.
func kindOfType(t reflect.Type) typeKind {
	if k, ok := typeKinds.Load(t); ok {
		return k.(typeKind)
	}
	k := classify(t, map[reflect.Type]bool{})
	typeKinds.Store(t, k)
	return k
}

// classify computes t's class; visiting holds the types being classified,
// so that a recursive type ends the search where it recurs.
func classify(t reflect.Type, visiting map[reflect.Type]bool) typeKind {
	if t.Implements(jsonMarshalerType) {
		return typeClean // written by its own method, which the redactor scans
	}
	if t.Implements(errorType) {
		return typeErrorData
	}
	if t.Implements(textMarshalerType) {
		return typeClean
	}
	if visiting[t] {
		return typeClean // the other paths through t decide
	}
	visiting[t] = true
	holds := func(t reflect.Type) bool { return classify(t, visiting) != typeClean }
	switch t.Kind() {
	case reflect.Interface:
		return typeMayHold
	case reflect.Pointer, reflect.Slice, reflect.Array:
		if holds(t.Elem()) {
			return typeMayHold
		}
	case reflect.Map:
		if holds(t.Key()) || holds(t.Elem()) {
			return typeMayHold
		}
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); encodedField(f) && holds(f.Type) {
				return typeMayHold
			}
		}
	}
	return typeClean
}

// encodedField reports whether encoding/json may write field f: it is
// exported or embedded, and not tagged "-".
func encodedField(f reflect.StructField) bool {
	return (f.IsExported() || f.Anonymous) && f.Tag.Get("json") != "-"
}

// For [Async], the wrapped handler renders values itself: a JSON handler
// writes a nested error's data, a text handler its text (fmt calls Error).
// A value that holds such an error is therefore passed on as a
// [renderedValue]: the JSON and the text that the caller's value renders
// to now, each redacted as written, so that whichever the wrapped handler
// asks for is the judged one.

// renderedValue stands in for a value whose renderings were redacted. It
// has no exported fields: a handler that walks values by reflection finds
// nothing of the original.
type renderedValue struct {
	json []byte
	text string
}

// MarshalJSON returns the redacted JSON of the original value.
func (v renderedValue) MarshalJSON() ([]byte, error) { return v.json, nil }

// String returns the redacted text of the original value, as fmt's %+v
// prints it (which a text handler writes).
func (v renderedValue) String() string { return v.text }

// sealErrorData returns a with every value (in groups too) that holds a
// nested error replaced by its redacted renderings.
func sealErrorData(red *redact.Redactor, a slog.Attr) slog.Attr {
	a, _ = sealErrorDataAt(red, a, 0)
	return a
}

func sealErrorDataAt(red *redact.Redactor, a slog.Attr, depth int) (slog.Attr, bool) {
	switch a.Value.Kind() {
	case slog.KindGroup:
		if depth >= maxGroupDepth {
			return a, false
		}
		g := a.Value.Group()
		var out []slog.Attr
		for i, ga := range g {
			sealed, changed := sealErrorDataAt(red, ga, depth+1)
			if changed && out == nil {
				out = slices.Clone(g)
			}
			if out != nil {
				out[i] = sealed
			}
		}
		if out == nil {
			return a, false
		}
		a.Value = slog.GroupValue(out...)
		return a, true
	case slog.KindAny:
		x := a.Value.Any()
		if _, isErr := x.(error); isErr || !holdsErrorData(x) {
			return a, false // an attr's own error is pinned as text; see freezeAttr
		}
		a.Value = slog.AnyValue(render(red, x))
		return a, true
	}
	return a, false
}

// render returns x's redacted renderings; a value whose rendering panics,
// or whose JSON no longer parses once masked, is the mask.
func render(red *redact.Redactor, x any) (v renderedValue) {
	masked := renderedValue{json: appendString(nil, red.Mask()), text: red.Mask()}
	defer func() {
		if recover() != nil {
			v = masked
		}
	}()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as slog.JSONHandler encodes
	var data []byte
	if err := enc.Encode(x); err != nil {
		data = appendString(nil, "!ERROR:"+err.Error()) // as slog.JSONHandler writes it
	} else {
		data = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	}
	if s, changed := red.String(string(data)); changed {
		if !json.Valid([]byte(s)) {
			return masked
		}
		data = []byte(s)
	}
	text, _ := red.String(fmt.Sprintf("%+v", x))
	return renderedValue{json: data, text: text}
}

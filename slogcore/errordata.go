package slogcore

import (
	"encoding"
	"encoding/json"
	"reflect"
	"sync"
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

// Package errdata finds the values inside a map, slice, struct or pointer
// that are written otherwise than a redactor judged them, and stands in for
// the values that hold them with their renderings redacted.
//
// Two kinds of nested value are written otherwise than judged:
//
//   - An error: encoding/json knows nothing of Error and writes the error's
//     data (exported fields, elements, entries, the string under a string
//     type), and so does slog.JSONHandler, while a text handler prints its
//     text (fmt calls Error). A redactor that judges an error by its text
//     never sees the data a JSON handler writes: {"Pass":"…"} of a login
//     error in a []error, or {"password":"…"} of an error that is a map.
//   - A value that renders itself (MarshalJSON, MarshalText): the redactor
//     asks it once, encoding/json asks it again, and it may answer
//     differently (state, or text read from something that changed).
//
// Types of the standard library that render themselves the same way every
// time (time.Time, json.RawMessage, net.IP, netip.Addr, big.Int, …) are
// not searched for. slogcore and otel use this package to redact such
// values as they are written.
package errdata

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/netip"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/slogguard/slogguard/redact"
)

// maxDepth bounds the search for a nested error; a deeper value (or a
// cycle, which encoding/json refuses anyway) counts as holding one, so
// that it is redacted as written.
const maxDepth = 64

// maxGroupDepth bounds how deep [Seal] follows groups.
const maxGroupDepth = 5000

var (
	errorType         = reflect.TypeFor[error]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// What selects the nested values the search looks for.
type What uint8

const (
	// Errors are errors, which encoding/json writes as their data (or by
	// their own marshalling method) and fmt as their text.
	Errors What = 1 << iota
	// SelfRendering are values that render themselves (MarshalJSON,
	// MarshalText), other than the standard library's steady ones.
	SelfRendering
)

// Holds reports whether x holds, below its top level, a value of the kind
// what names, written otherwise than a redactor judged it. x itself is
// not reported: slog writes an error attr as its text, and callers rescan
// a value that renders itself.
func Holds(x any, what What) bool {
	return holdsAny(x, what, 0)
}

// holdsAny is Holds for x found depth levels down. The maps and slices
// that logging uses most are searched without reflection, which would
// allocate for each of their entries.
func holdsAny(x any, what What, depth int) bool {
	if depth > maxDepth {
		return true
	}
	switch x := x.(type) {
	case nil, string, bool, int, int64, float64:
		return false
	case map[string]any:
		for _, e := range x {
			if holdsAny(e, what, depth+1) {
				return true
			}
		}
		return false
	case []any:
		for _, e := range x {
			if holdsAny(e, what, depth+1) {
				return true
			}
		}
		return false
	}
	switch k := kindOf(reflect.TypeOf(x)); k {
	case typeClean:
		return false
	case typeErrorData, typeRenders:
		if depth > 0 {
			return what&k.what() != 0
		}
	}
	return holds(reflect.ValueOf(x), what, depth)
}

func holds(v reflect.Value, what What, depth int) bool {
	if depth > maxDepth {
		return true
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return false
		}
		if v = v.Elem(); v.CanInterface() {
			return holdsAny(v.Interface(), what, depth)
		}
	}
	switch k := kindOf(v.Type()); k {
	case typeErrorData, typeRenders:
		if depth > 0 {
			return what&k.what() != 0
		}
	case typeClean:
		return false
	}
	switch v.Kind() {
	case reflect.Pointer:
		return !v.IsNil() && holds(v.Elem(), what, depth+1)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if encodedField(t.Field(i)) && holds(v.Field(i), what, depth+1) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if holds(v.Index(i), what, depth+1) {
				return true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if holds(it.Key(), what, depth+1) || holds(it.Value(), what, depth+1) {
				return true
			}
		}
	}
	return false
}

// typeKind classifies a type for the search.
type typeKind uint8

const (
	typeClean     typeKind = iota // holds nothing written otherwise: nothing to search
	typeErrorData                 // an error: written as its data (or its own method), printed as its text
	typeRenders                   // renders itself (MarshalJSON, MarshalText)
	typeMayHold                   // may hold one (an interface, a container of one)
)

// what returns the [What] that looks for values of kind k.
func (k typeKind) what() What {
	switch k {
	case typeErrorData:
		return Errors
	case typeRenders:
		return SelfRendering
	}
	return 0
}

var typeKinds sync.Map // reflect.Type -> typeKind

// kindOf returns t's class, computed once per type.
func kindOf(t reflect.Type) typeKind {
	if k, ok := typeKinds.Load(t); ok {
		return k.(typeKind)
	}
	k := classify(t, map[reflect.Type]bool{})
	typeKinds.Store(t, k)
	return k
}

// steady are the standard library's types that render themselves the same
// way every time, from their value alone.
var steady = map[reflect.Type]bool{
	reflect.TypeFor[time.Time]():        true,
	reflect.TypeFor[json.RawMessage]():  true,
	reflect.TypeFor[slog.Level]():       true,
	reflect.TypeFor[net.IP]():           true,
	reflect.TypeFor[net.HardwareAddr](): true,
	reflect.TypeFor[netip.Addr]():       true,
	reflect.TypeFor[netip.Prefix]():     true,
	reflect.TypeFor[netip.AddrPort]():   true,
	reflect.TypeFor[big.Int]():          true,
	reflect.TypeFor[big.Float]():        true,
	reflect.TypeFor[big.Rat]():          true,
}

// rendersItself reports whether encoding/json writes a value of type t (or
// an addressable one, through a pointer method) by the value's own method.
func rendersItself(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType) ||
		p.Implements(jsonMarshalerType) || p.Implements(textMarshalerType)
}

// classify computes t's class; visiting holds the types being classified,
// so that a recursive type ends the search where it recurs. Only the class
// of the type the search started from is kept: the others may be cut short
// by the recursion.
func classify(t reflect.Type, visiting map[reflect.Type]bool) typeKind {
	if steady[t] || t.Kind() == reflect.Pointer && steady[t.Elem()] {
		return typeClean
	}
	if t.Kind() != reflect.Interface {
		if t.Implements(errorType) {
			return typeErrorData
		}
		if rendersItself(t) {
			return typeRenders
		}
	}
	if visiting[t] {
		return typeClean // the other paths through t decide
	}
	visiting[t] = true
	mayHold := func(t reflect.Type) bool { return classify(t, visiting) != typeClean }
	switch t.Kind() {
	case reflect.Interface:
		return typeMayHold
	case reflect.Pointer, reflect.Slice, reflect.Array:
		if mayHold(t.Elem()) {
			return typeMayHold
		}
	case reflect.Map:
		if mayHold(t.Key()) || mayHold(t.Elem()) {
			return typeMayHold
		}
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); encodedField(f) && mayHold(f.Type) {
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

// Rendered stands in for a value whose renderings were redacted: a JSON
// handler writes its JSON, a text handler (fmt's %+v) its text, each as
// the value would be written. It has no exported fields: a handler that
// walks values by reflection finds nothing of the original.
type Rendered struct {
	json []byte
	text string
}

// MarshalJSON returns the redacted JSON of the original value.
func (v Rendered) MarshalJSON() ([]byte, error) { return v.json, nil }

// String returns the redacted text of the original value, as fmt's %+v
// prints it.
func (v Rendered) String() string { return v.text }

// Render returns x's JSON (as slog.JSONHandler encodes it, without HTML
// escaping) and its text (fmt's %+v), each redacted by r. A value whose
// rendering panics, or whose JSON no longer parses once masked, is r's
// mask.
func Render(r *redact.Redactor, x any) (v Rendered) {
	masked := Rendered{json: jsonString(r.Mask()), text: r.Mask()}
	defer func() {
		if recover() != nil {
			v = masked
		}
	}()
	var data []byte
	if b, err := Marshal(x); err != nil {
		data = jsonString("!ERROR:" + err.Error()) // as slog.JSONHandler writes it
	} else {
		data = b
	}
	if s, changed := r.String(string(data)); changed {
		if !json.Valid([]byte(s)) {
			return masked
		}
		data = []byte(s)
	}
	text, _ := r.String(fmt.Sprintf("%+v", x))
	return Rendered{json: data, text: text}
}

// RendersItself reports whether x's JSON comes from its own method
// (MarshalJSON or MarshalText); a json.RawMessage is a redactor's own
// output and does not count.
func RendersItself(x any) bool {
	switch x.(type) {
	case json.RawMessage:
		return false
	case json.Marshaler, encoding.TextMarshaler:
		return true
	}
	return false
}

// Marshal encodes x as slog.JSONHandler does: without HTML escaping.
func Marshal(x any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// jsonString returns s as a JSON string.
func jsonString(s string) []byte {
	b, _ := Marshal(s)
	return b
}

// Seal returns a with every value (in groups too) that [Holds] a nested
// value of the kind what names replaced by its [Render]ing with r.
// An attr whose value is itself an error is left as it is: it is written
// as its text.
func Seal(r *redact.Redactor, a slog.Attr, what What) slog.Attr {
	a, _ = seal(r, a, what, 0)
	return a
}

// Needs reports whether [Seal] would change a.
func Needs(a slog.Attr, what What) bool { return needs(a, what, 0) }

func needs(a slog.Attr, what What, depth int) bool {
	switch a.Value.Kind() {
	case slog.KindGroup:
		if depth >= maxGroupDepth {
			return false
		}
		for _, ga := range a.Value.Group() {
			if needs(ga, what, depth+1) {
				return true
			}
		}
	case slog.KindAny:
		x := a.Value.Any()
		_, isErr := x.(error)
		return !isErr && Holds(x, what)
	}
	return false
}

// MapGroup returns the group attr a with f applied to each of its attrs,
// and whether f changed any. a itself is returned, its group never copied
// nor modified, when none changed.
func MapGroup(a slog.Attr, f func(slog.Attr) (slog.Attr, bool)) (slog.Attr, bool) {
	g := a.Value.Group()
	var out []slog.Attr
	for i, ga := range g {
		fa, changed := f(ga)
		if changed && out == nil {
			out = slices.Clone(g)
		}
		if out != nil {
			out[i] = fa
		}
	}
	if out == nil {
		return a, false
	}
	a.Value = slog.GroupValue(out...)
	return a, true
}

func seal(r *redact.Redactor, a slog.Attr, what What, depth int) (slog.Attr, bool) {
	switch a.Value.Kind() {
	case slog.KindGroup:
		if depth >= maxGroupDepth {
			return a, false
		}
		return MapGroup(a, func(ga slog.Attr) (slog.Attr, bool) { return seal(r, ga, what, depth+1) })
	case slog.KindAny:
		x := a.Value.Any()
		if _, isErr := x.(error); isErr || !Holds(x, what) {
			return a, false
		}
		a.Value = slog.AnyValue(Render(r, x))
		return a, true
	}
	return a, false
}

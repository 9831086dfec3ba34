package redact

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"sync"
	"time"
)

// walk is the state of redacting one attribute tree.
type walk struct {
	r      *Redactor
	groups []string // enclosing groups, maintained only when paths exist
	nodes  int
}

// Attr returns a with everything sensitive masked, and whether anything
// changed (a LogValuer that was resolved counts as a change, so that it is
// not resolved twice). groups are the enclosing groups (WithGroup names and group keys).
// LogValuers are resolved first; a is never modified in place, so the
// caller's values (and a slog-multi sibling's view of them) are unchanged.
func (r *Redactor) Attr(groups []string, a slog.Attr) (slog.Attr, bool) {
	if r == nil || r.off {
		return a, false
	}
	w := walk{r: r}
	if len(r.paths) > 0 {
		w.groups = groups
	}
	return w.attr(a, 0)
}

func (w *walk) tooBig() bool {
	w.nodes++
	if w.nodes > w.r.maxNodes {
		w.r.count(counterSize)
		return true
	}
	return false
}

func (w *walk) attr(a slog.Attr, depth int) (out slog.Attr, changed bool) {
	defer func() {
		if p := recover(); p != nil { // a hostile LogValue, String or Error: fail closed
			w.r.panics.Add(1)
			w.r.count(counterPanic)
			out, changed = slog.String(a.Key, w.r.mask), true
		}
	}()
	resolved := a.Value.Kind() == slog.KindLogValuer
	a.Value = a.Value.Resolve()
	if w.tooBig() {
		return slog.String(a.Key, w.r.mask), true
	}
	if rule := w.r.sensitive(w.groups, a.Key); rule != "" && !isEmptyString(a.Value) {
		w.r.count(rule)
		return slog.Attr{Key: a.Key, Value: w.maskAll(a.Value)}, true
	}
	switch a.Value.Kind() {
	case slog.KindString:
		if s, ch := w.r.String(a.Value.String()); ch {
			return slog.String(a.Key, s), true
		}
	case slog.KindGroup:
		if depth >= w.r.maxDepth {
			w.r.count(counterDepth)
			return slog.String(a.Key, w.r.mask), true
		}
		g := a.Value.Group()
		if a.Key != "" && w.groups != nil {
			w.groups = append(w.groups, a.Key)
			defer func() { w.groups = w.groups[:len(w.groups)-1] }()
		}
		var out []slog.Attr
		for i, ga := range g {
			ra, ch := w.attr(ga, depth+1)
			if ch && out == nil {
				out = make([]slog.Attr, len(g))
				copy(out, g[:i])
			}
			if out != nil {
				out[i] = ra
			}
		}
		if out != nil {
			return slog.Attr{Key: a.Key, Value: slog.GroupValue(out...)}, true
		}
	case slog.KindAny:
		if v, ch := w.value(a.Key, a.Value.Any(), depth); ch {
			return slog.Any(a.Key, v), true
		}
	}
	return a, resolved
}

// isEmptyString reports whether v is the empty string: there is nothing to
// hide in it, and masking it would claim there was.
func isEmptyString(v slog.Value) bool {
	return v.Kind() == slog.KindString && v.String() == ""
}

// maskAll masks v, keeping the shape of groups: every leaf becomes the mask.
func (w *walk) maskAll(v slog.Value) slog.Value {
	if v.Kind() != slog.KindGroup {
		return slog.StringValue(w.r.mask)
	}
	g := v.Group()
	out := make([]slog.Attr, len(g))
	for i, a := range g {
		out[i] = slog.Attr{Key: a.Key, Value: w.maskAll(a.Value.Resolve())}
	}
	return slog.GroupValue(out...)
}

// redactedError stands in for an error whose text held a secret.
type redactedError struct{ msg string }

func (e redactedError) Error() string { return e.msg }

// value redacts an arbitrary Go value, rebuilding only what changes.
func (w *walk) value(key string, x any, depth int) (any, bool) {
	if x == nil {
		return x, false
	}
	if depth >= w.r.maxDepth {
		w.r.count(counterDepth)
		return w.r.mask, true
	}
	switch v := x.(type) {
	case time.Time, time.Duration, slog.Level, bool, int, int64, uint64, float64:
		return x, false
	case string:
		if s, ch := w.r.String(v); ch {
			return s, true
		}
		return x, false // x, not v: boxing v again would allocate
	case []byte:
		if s, ch := w.r.String(string(v)); ch {
			return []byte(s), true
		}
		return x, false
	case error:
		if _, isJSON := x.(json.Marshaler); !isJSON {
			text, panicked := errorTextChecked(v)
			if panicked { // a hostile Error: fail closed, as for String
				w.r.panics.Add(1)
				w.r.count(counterPanic)
				return w.r.mask, true
			}
			if s, ch := w.r.String(text); ch {
				return redactedError{s}, true
			}
			return x, false
		}
	case map[string]any:
		return w.mapAny(v, depth)
	case map[string]string:
		return w.mapString(v, depth)
	case []any:
		if out, ch := w.sliceAny(v, depth); ch {
			return out, true
		}
		return x, false
	case slog.Value:
		a, ch := w.attr(slog.Attr{Key: key, Value: v}, depth)
		return a.Value, ch
	}
	// Values that serialise themselves: scan what they produce.
	switch v := x.(type) {
	case json.Marshaler:
		data, err := v.MarshalJSON()
		if err != nil {
			return x, false
		}
		if s, ch := w.r.String(string(data)); ch {
			return json.RawMessage(s), true
		}
		return x, false
	case encoding.TextMarshaler:
		data, err := v.MarshalText()
		if err != nil {
			return x, false
		}
		if s, ch := w.r.String(string(data)); ch {
			return s, true
		}
		return x, false
	}
	// A Stringer is what a TextHandler prints: if its text reveals a
	// secret, the redacted text replaces the value (fail closed).
	if s, ok := x.(fmt.Stringer); ok {
		if text, ch := w.r.String(s.String()); ch {
			return text, true
		}
	}
	rv := reflect.ValueOf(x)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice, reflect.Array, reflect.Struct, reflect.Pointer, reflect.Interface:
		if out, ch := w.reflectValue(rv, depth); ch {
			return out, true
		}
		return x, false
	case reflect.String:
		if s, ch := w.r.String(rv.String()); ch {
			return s, true
		}
	}
	return x, false
}

func (w *walk) child(key string, x any, depth int) (any, bool) {
	if w.tooBig() {
		return w.r.mask, true
	}
	if rule := w.r.sensitive(w.groups, key); rule != "" && x != "" {
		w.r.count(rule)
		return w.r.mask, true
	}
	if w.groups != nil {
		w.groups = append(w.groups, key)
		defer func() { w.groups = w.groups[:len(w.groups)-1] }()
	}
	return w.value(key, x, depth+1)
}

// redactMap rebuilds m with every changed value, converted back to V by
// conv; it returns m itself, unchanged and unallocated, when nothing changed.
func redactMap[V any](w *walk, m map[string]V, depth int, conv func(any) V) (map[string]V, bool) {
	var out map[string]V
	for k, v := range m {
		nv, ch := w.child(k, v, depth)
		if !ch {
			continue
		}
		if out == nil {
			out = make(map[string]V, len(m))
			for k2, v2 := range m {
				out[k2] = v2
			}
		}
		out[k] = conv(nv)
	}
	if out == nil {
		return m, false
	}
	return out, true
}

func (w *walk) mapAny(m map[string]any, depth int) (any, bool) {
	return redactMap(w, m, depth, func(v any) any { return v })
}

func (w *walk) mapString(m map[string]string, depth int) (any, bool) {
	return redactMap(w, m, depth, func(v any) string { return fmt.Sprint(v) })
}

func (w *walk) sliceAny(s []any, depth int) ([]any, bool) {
	var out []any
	for i, v := range s {
		if w.tooBig() {
			if out == nil {
				out = append([]any(nil), s...)
			}
			for j := i; j < len(out); j++ {
				out[j] = w.r.mask
			}
			return out, true
		}
		nv, ch := w.value("", v, depth+1)
		if ch && out == nil {
			out = append([]any(nil), s...)
		}
		if ch {
			out[i] = nv
		}
	}
	if out == nil {
		return nil, false
	}
	return out, true
}

// reflectValue handles maps with string keys, slices, arrays, structs and
// pointers by reflection. Structs that change, or that carry `log` tags,
// become an orderedObject that keeps field order and json names.
func (w *walk) reflectValue(rv reflect.Value, depth int) (any, bool) {
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return rv.Interface(), false
		}
		nv, ch := w.value("", rv.Elem().Interface(), depth+1)
		if ch {
			return nv, true
		}
		return rv.Interface(), false
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String || rv.IsNil() {
			return rv.Interface(), false
		}
		var out map[string]any
		iter := rv.MapRange()
		for iter.Next() {
			k := iter.Key().String()
			nv, ch := w.child(k, iter.Value().Interface(), depth)
			if ch && out == nil {
				out = make(map[string]any, rv.Len())
				it2 := rv.MapRange()
				for it2.Next() {
					out[it2.Key().String()] = it2.Value().Interface()
				}
			}
			if ch {
				out[k] = nv
			}
		}
		if out == nil {
			return rv.Interface(), false
		}
		return out, true
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && (rv.IsNil() || rv.Type().Elem().Kind() == reflect.Uint8) {
			return rv.Interface(), false
		}
		var out []any
		for i := 0; i < rv.Len(); i++ {
			if w.tooBig() {
				if out == nil {
					out = sliceToAny(rv)
				}
				for j := i; j < len(out); j++ {
					out[j] = w.r.mask
				}
				return out, true
			}
			nv, ch := w.value("", rv.Index(i).Interface(), depth+1)
			if ch && out == nil {
				out = sliceToAny(rv)
			}
			if ch {
				out[i] = nv
			}
		}
		if out == nil {
			return rv.Interface(), false
		}
		return out, true
	case reflect.Struct:
		return w.structValue(rv, depth)
	}
	return rv.Interface(), false
}

func sliceToAny(rv reflect.Value) []any {
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out
}

// fieldInfo describes one exported struct field as encoding/json sees it.
type fieldInfo struct {
	index     int
	name      string
	omitEmpty bool
	redact    bool // log:"redact"
	omit      bool // log:"-"
}

type structInfo struct {
	fields  []fieldInfo
	logTags bool
}

var structInfos sync.Map // reflect.Type -> *structInfo

func infoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		fi := fieldInfo{index: i, name: f.Name}
		if tag, ok := f.Tag.Lookup("json"); ok {
			name, opts, _ := strings.Cut(tag, ",")
			if name == "-" && opts == "" {
				continue
			}
			if name != "" {
				fi.name = name
			}
			fi.omitEmpty = strings.Contains(","+opts+",", ",omitempty,")
		}
		switch f.Tag.Get("log") {
		case "redact":
			fi.redact, si.logTags = true, true
		case "-":
			fi.omit, si.logTags = true, true
		}
		si.fields = append(si.fields, fi)
	}
	v, _ := structInfos.LoadOrStore(t, si)
	return v.(*structInfo)
}

func (w *walk) structValue(rv reflect.Value, depth int) (any, bool) {
	si := infoOf(rv.Type())
	var out orderedObject
	changed := si.logTags
	vals := make([]any, len(si.fields))
	chs := make([]bool, len(si.fields))
	for i, f := range si.fields {
		if f.omit {
			continue
		}
		fv := rv.Field(f.index)
		if f.redact {
			w.r.count(counterLogTag)
			vals[i], chs[i] = w.r.mask, true
			continue
		}
		if !fv.CanInterface() {
			continue
		}
		vals[i], chs[i] = w.child(f.name, fv.Interface(), depth)
		changed = changed || chs[i]
	}
	if !changed {
		return rv.Interface(), false
	}
	for i, f := range si.fields {
		if f.omit {
			continue
		}
		fv := rv.Field(f.index)
		if f.omitEmpty && !chs[i] && fv.IsZero() {
			continue
		}
		out = append(out, member{f.name, vals[i]})
	}
	return out, true
}

// orderedObject is a rebuilt struct: its members in field order.
type orderedObject []member

type member struct {
	Key   string
	Value any
}

// MarshalJSON writes the members as a JSON object, in order.
func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	out := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			out = append(out, ',')
		}
		key, err := json.Marshal(m.Key)
		if err != nil {
			return nil, err
		}
		out = append(out, key...)
		out = append(out, ':')
		b.Reset()
		if err := enc.Encode(m.Value); err != nil {
			return nil, err
		}
		out = append(out, bytes.TrimSuffix(b.Bytes(), []byte{'\n'})...)
	}
	return append(out, '}'), nil
}

// String writes the members as fmt's %+v writes a struct.
func (o orderedObject) String() string {
	var b strings.Builder
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:%+v", m.Key, m.Value)
	}
	b.WriteByte('}')
	return b.String()
}

// errorTextChecked returns err.Error(), or what slog writes when Error
// panics, and whether Error panicked on a receiver other than a nil
// pointer (which slog writes as "<nil>").
func errorTextChecked(err error) (s string, panicked bool) {
	defer func() {
		if p := recover(); p != nil {
			if v := reflect.ValueOf(err); v.Kind() == reflect.Pointer && v.IsNil() {
				s = "<nil>"
				return
			}
			s, panicked = fmt.Sprintf("!PANIC: %v", p), true
		}
	}()
	return err.Error(), false
}

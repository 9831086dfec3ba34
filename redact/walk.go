package redact

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// walk is the state of redacting one attribute tree.
type walk struct {
	r      *Redactor
	paths  bool     // path rules exist: groups are kept
	groups []string // enclosing groups and keys, kept only when paths exist
	nodes  int
	inErr  int // how many errors' data the walk is inside
}

// An object may name the key of its value in a member of its own:
// {"name": "DB_PASSWORD", "value": "…"} (a Kubernetes EnvVar, an ECS
// environment entry, an SSM parameter, a key/value setting). When the
// naming member ("name" or "key") holds a key that names a secret, the
// "value" member is masked as if it were under that key. Objects are
// checked for it after their members are walked, and only when they have
// a value member, so that other objects cost one compare per member.

func isValueKey(k string) bool { return k == "value" || k == "Value" || k == "VALUE" }

// namedRule returns the rule of the key held by an object's naming member,
// or "". str returns the object's member of a name when it is a string.
func (w *walk) namedRule(str func(string) (string, bool)) string {
	for _, k := range [...]string{"name", "Name", "NAME", "key", "Key", "KEY"} {
		if v, ok := str(k); ok && v != "" {
			if rule := w.r.keyRule(v); rule != "" {
				return rule
			}
		}
	}
	for _, k := range [...]string{"system", "System"} {
		if v, ok := str(k); ok {
			if t := systemTerm(v); t != "" {
				if rule := w.r.keyRule(t); rule != "" {
					return rule
				}
			}
		}
	}
	return ""
}

// systemTerm returns the last segment of a FHIR identifier's system, the
// URI that says what its value is (http://hospital.example.org/mrn,
// http://hl7.org/fhir/sid/us-ssn): the key its value is judged under. A
// system that is no URI names nothing: "". An OID (urn:oid:…) names the
// identifier its registry assigns (oidTerm).
func systemTerm(v string) string {
	if term := oidTerm(v); term != "" {
		return term
	}
	v = strings.TrimRight(v, "/")
	i := strings.LastIndexAny(v, "/:")
	if i < 0 || i+1 == len(v) || len(v)-i > maxTextKey {
		return ""
	}
	return v[i+1:]
}

// maskNamed reports whether the value member v of an object whose naming
// member names a secret under rule is masked (masksValue), and counts it.
func (w *walk) maskNamed(rule string, v any) bool {
	if rule == "" || !masksValue(plainKey, rule, anyValue(v)) {
		return false
	}
	w.r.count(rule)
	return true
}

// Attr returns a with everything sensitive masked, and whether anything
// changed (a LogValuer that was resolved counts as a change, so that it is
// not resolved twice). groups are the enclosing groups (WithGroup names);
// groups and keys inside a, in inline groups, maps and structs, extend
// them for path rules. LogValuers are resolved first; a is never modified
// in place, so the caller's values (and a slog-multi sibling's view of
// them) are unchanged.
func (r *Redactor) Attr(groups []string, a slog.Attr) (slog.Attr, bool) {
	if r == nil || r.off {
		return a, false
	}
	if rule := r.groupsRule(groups); rule != "" && !isEmptyAttr(a) {
		// Under WithGroup("password"): the whole value. An attr with an
		// empty key is written under the group too (a group's members
		// inlined, a scalar under the key ""); only the zero Attr is not.
		r.count(rule)
		w := walk{r: r}
		return slog.Attr{Key: a.Key, Value: w.maskAll(a.Value.Resolve())}, true
	}
	w := walk{r: r, paths: len(r.paths) > 0}
	if w.paths {
		w.groups = slices.Clip(groups)
	}
	return w.attr(a, 0)
}

// isEmptyAttr reports whether a is an attr that slog's handlers ignore:
// an empty key with a nil value.
func isEmptyAttr(a slog.Attr) bool {
	return a.Key == "" && a.Value.Kind() == slog.KindAny && a.Value.Any() == nil
}

func (w *walk) tooBig() bool {
	w.nodes++
	if w.nodes > w.r.maxNodes {
		w.r.count(counterSize)
		return true
	}
	return false
}

func (w *walk) push(key string) {
	if w.paths {
		w.groups = append(w.groups, key)
	}
}

func (w *walk) pop() {
	if w.paths {
		w.groups = w.groups[:len(w.groups)-1]
	}
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
	judge := w.r.judge
	if a.Value.Kind() != slog.KindGroup {
		judge = w.r.judgeScalar // a value under the empty key is written at its groups
	}
	kv, rule := judge(w.groups, a.Key)
	if kv.key != "" {
		w.r.count(kv.keyBy)
		a.Key, resolved = kv.key, true
	}
	if masksValue(kv, rule, a.Value) {
		w.r.count(rule)
		return slog.Attr{Key: a.Key, Value: w.maskAll(a.Value)}, true
	}
	if rule == "" && vendorMasks(kv, a.Value) {
		w.r.count(DetectTokens.Name)
		return slog.String(a.Key, w.r.mask), true
	}
	switch a.Value.Kind() {
	case slog.KindString:
		if rule == "" && w.r.idNumber(kv, a.Key, a.Value.String()) {
			return a, resolved // order_id: "4539…": an id, as the integer would be
		}
		if s, ch := w.r.String(a.Value.String()); ch {
			return slog.String(a.Key, s), true
		}
	case slog.KindInt64, slog.KindUint64, slog.KindFloat64, slog.KindDuration:
		if w.r.cards && !kv.noCards && intIsCard(a.Value) {
			w.r.count(DetectCardNumber.Name)
			return slog.String(a.Key, w.r.mask), true
		}
	case slog.KindGroup:
		if depth >= w.r.maxDepth {
			w.r.count(counterDepth)
			return slog.String(a.Key, w.r.mask), true
		}
		g := a.Value.Group()
		if a.Key != "" {
			w.push(a.Key)
			defer w.pop()
		}
		var out []slog.Attr
		valueAt, ktyAt := -1, -1
		for i, ga := range g {
			ra, ch := w.attr(ga, depth+1)
			if isValueKey(ga.Key) {
				valueAt = i
			}
			if isKty(ga.Key) {
				ktyAt = i
			}
			if ch && out == nil {
				out = make([]slog.Attr, len(g))
				copy(out, g[:i])
			}
			if out != nil {
				if ra.Value.Kind() == slog.KindGroup && len(ra.Value.Group()) == 0 && ga.Value.Kind() != slog.KindGroup {
					ra.Value = slog.AnyValue(emptyGroup{}) // see emptyGroup
				}
				out[i] = ra
			}
		}
		if valueAt >= 0 {
			rule := w.namedRule(func(k string) (string, bool) {
				if ga := groupAttr(g, k); ga != nil && ga.Value.Kind() == slog.KindString {
					return ga.Value.String(), true
				}
				return "", false
			})
			if w.maskNamed(rule, g[valueAt].Value.Resolve().Any()) {
				if out == nil {
					out = slices.Clone(g)
				}
				out[valueAt] = slog.String(g[valueAt].Key, w.r.mask)
			}
		}
		if ktyAt >= 0 && w.r.jwk {
			out = w.jwkGroup(g, ktyAt, out)
		}
		if out != nil {
			return slog.Attr{Key: a.Key, Value: slog.GroupValue(out...)}, true
		}
	case slog.KindAny:
		w.push(a.Key)
		var v any
		var ch bool
		if err, isErr := a.Value.Any().(error); isErr && !isJSONMarshaler(err) {
			v, ch = w.errorText(err) // an attr's error is written as its text
		} else {
			v, ch = w.value(a.Key, a.Value.Any(), depth)
		}
		w.pop()
		if ch {
			return slog.Any(a.Key, v), true
		}
	}
	return a, resolved
}

// emptyGroup stands in for a group's member whose value (a LogValuer's)
// resolved to an empty group. slog.GroupValue drops such a member, and a
// group left without members would then be dropped too, where slog's
// handlers write the group ("outer":{}) for the record as logged.
type emptyGroup struct{}

// LogValue returns the empty group.
func (emptyGroup) LogValue() slog.Value { return slog.GroupValue() }

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

func isJSONMarshaler(x any) bool {
	_, ok := x.(json.Marshaler)
	return ok
}

// errorText redacts the text of err, as a handler writes an attr whose
// value is an error.
func (w *walk) errorText(err error) (any, bool) {
	v, _, ch := w.r.judgeError(err)
	return v, ch
}

// judgeError redacts err as a handler writes an error: its text, and its
// %+v text when a Format method writes that. It returns the value to write
// in its place (err itself, a stand-in, or the mask when Error panics),
// the text written, and whether anything changed.
func (r *Redactor) judgeError(err error) (any, string, bool) {
	text, panicked := errorTextChecked(err)
	if panicked { // a hostile Error: fail closed, as for String
		r.panics.Add(1)
		r.count(counterPanic)
		return r.mask, r.mask, true
	}
	redacted, changed := r.String(text)
	plus, plusChanged := redacted, false
	if f, ok := err.(fmt.Formatter); ok {
		// slog.TextHandler and fmt print an error with %+v, which its
		// Format method may write otherwise than Error (with the fields
		// or causes behind it): judge that text too.
		if pl := fmt.Sprintf("%+v", f); pl != text {
			plus, plusChanged = r.String(pl)
		}
	}
	if tm, ok := err.(encoding.TextMarshaler); ok {
		// slog.TextHandler writes an error that marshals itself as text
		// by that text, and encoding/json inside a container too.
		b, panicked := marshalTextChecked(tm)
		if panicked {
			r.panics.Add(1)
			r.count(counterPanic)
			return r.mask, r.mask, true
		}
		if m, ch := r.String(string(b)); ch {
			return textError{text: redacted, plus: plus, mtext: m}, redacted, true
		}
	}
	if plusChanged {
		return formattedError{text: redacted, plus: plus}, redacted, true
	}
	if changed {
		return redactedError{redacted}, redacted, true
	}
	return err, text, false
}

// marshalTextChecked returns what tm.MarshalText writes ("" on an error),
// and whether it panicked.
func marshalTextChecked(tm encoding.TextMarshaler) (b []byte, panicked bool) {
	defer func() {
		if recover() != nil {
			b, panicked = nil, true
		}
	}()
	b, err := tm.MarshalText()
	if err != nil {
		return nil, false
	}
	return b, false
}

// textError stands in for an error that marshals itself as text, whose
// text held a secret: MarshalText returns the redacted text it wrote,
// Error and Format as formattedError.
type textError struct{ text, plus, mtext string }

func (e textError) Error() string { return e.text }

// MarshalText returns the error's redacted text as it marshalled it.
func (e textError) MarshalText() ([]byte, error) { return []byte(e.mtext), nil }

// Format writes e as fmt would have written the original error, redacted.
func (e textError) Format(s fmt.State, verb rune) { formatRedacted(s, verb, e.text, e.plus) }

// plusText returns the %+v text of the stand-in v that judgeError
// returned for an error whose text is text.
func plusText(v any, text string) string {
	switch f := v.(type) {
	case formattedError:
		return f.plus
	case textError:
		return f.plus
	}
	return text
}

// formattedError stands in for an error whose text or %+v text held a
// secret: Error returns the redacted text, and Format writes the redacted
// %+v text for %+v and the redacted text for every other verb.
type formattedError struct{ text, plus string }

func (e formattedError) Error() string { return e.text }

// Format writes e as fmt would have written the original error, redacted.
func (e formattedError) Format(s fmt.State, verb rune) { formatRedacted(s, verb, e.text, e.plus) }

// formatRedacted writes plus for %+v and text for any other verb.
func formatRedacted(s fmt.State, verb rune, text, plus string) {
	if verb == 'v' && s.Flag('+') {
		_, _ = io.WriteString(s, plus)
		return
	}
	_, _ = io.WriteString(s, text)
}

// textRendering returns the text slog.TextHandler writes of x, a value
// that marshals itself as JSON: its MarshalText, or its %+v (its Format
// method's, its String, or its fields). A method that panics gives no
// text.
func textRendering(x any) (text string, ok bool) {
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	switch v := x.(type) {
	case encoding.TextMarshaler:
		b, err := v.MarshalText()
		return string(b), err == nil
	case fmt.Formatter:
		return fmt.Sprintf("%+v", v), true
	case fmt.Stringer:
		return v.String(), true
	}
	if rv := reflect.ValueOf(x); rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.Uint8 {
		return "", false // a text handler writes the bytes, which are the JSON judged
	}
	return fmt.Sprintf("%+v", x), true // its fields, hidden ones included
}

// rendersText reports whether x writes its own text for fmt and a text
// handler (MarshalText, Format or String), rather than its fields.
func rendersText(x any) bool {
	switch x.(type) {
	case encoding.TextMarshaler, fmt.Formatter, fmt.Stringer:
		return true
	}
	return false
}

// renderedValue stands in for a value that marshals itself as JSON and
// whose text held a secret: encoding/json writes data (the value or its
// redacted JSON), a text handler and fmt its redacted text.
type renderedValue struct {
	data any
	text string
}

// MarshalJSON writes the value's JSON, redacted.
func (v renderedValue) MarshalJSON() ([]byte, error) { return encodeJSON(v.data) }

// encodeJSON encodes x as slog.JSONHandler does, without HTML escaping.
func encodeJSON(x any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// MarshalText returns the value's text, redacted.
func (v renderedValue) MarshalText() ([]byte, error) { return []byte(v.text), nil }

// String returns the value's text, redacted.
func (v renderedValue) String() string { return v.text }

// marshalsJSON redacts the JSON that x (which is m) writes of itself.
func (w *walk) marshalsJSON(x any, m json.Marshaler) (any, bool) {
	data, err := m.MarshalJSON()
	if err != nil {
		return x, false
	}
	if s, ch := w.r.String(string(data)); ch {
		return json.RawMessage(s), true
	}
	return x, false
}

// nestedError redacts an error found inside a map, slice, struct or
// pointer. Handlers write it two ways: encoding/json (slog.JSONHandler)
// writes its data, the exported fields of the struct behind it, and fmt
// (slog.TextHandler) its text. Both are judged; when either changes, a
// nestedErrorValue stands in that writes each redacted.
func (w *walk) nestedError(key string, err error, depth int) (any, bool) {
	v, text, textChanged := w.r.judgeError(err)
	if v == any(w.r.mask) {
		return v, true // Error panicked
	}
	plus := plusText(v, text)
	if _, ok := err.(encoding.TextMarshaler); ok { // encoding/json writes its text
		if te, ok := v.(textError); ok {
			return nestedErrorValue{text: text, plus: plus, data: te.mtext}, true
		}
		if !textChanged {
			return err, false
		}
		return nestedErrorValue{text: text, plus: plus, data: err}, true
	}
	rv := reflect.ValueOf(err)
	for (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) && !rv.IsNil() {
		rv = rv.Elem()
	}
	data, dataChanged := any(err), false
	switch rv.Kind() {
	case reflect.Struct, reflect.Map, reflect.Slice, reflect.Array:
		w.inErr++
		data, dataChanged = w.reflectValue(key, rv, depth+1)
		w.inErr--
	case reflect.String: // type codeError string: json writes the string
		if s, ch := w.r.String(rv.String()); ch {
			data, dataChanged = s, true
		}
	}
	if !textChanged && !dataChanged {
		return err, false
	}
	if !dataChanged {
		data = err // itself, not a copy: encoding/json calls its fields' pointer methods
	}
	return nestedErrorValue{text: text, plus: plus, data: data}, true
}

// nestedErrorValue stands in for an error inside a container whose text or
// data held a secret: fmt prints its redacted text (%+v its redacted %+v
// text), encoding/json writes its redacted data.
type nestedErrorValue struct {
	text, plus string
	data       any
}

func (e nestedErrorValue) Error() string { return e.text }

// Format writes e as fmt would have written the original error, redacted.
func (e nestedErrorValue) Format(s fmt.State, verb rune) { formatRedacted(s, verb, e.text, e.plus) }

// MarshalJSON writes the error's redacted data, as encoding/json would
// have written the error.
func (e nestedErrorValue) MarshalJSON() ([]byte, error) { return encodeJSON(e.data) }

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
	case time.Time, slog.Level, bool:
		return x, false
	case float64, float32:
		if f := toFloat(v); w.r.cards && !w.r.verdict(key).noCards && floatIsCard(f) {
			w.r.count(DetectCardNumber.Name)
			return w.r.mask, true
		}
		return x, false
	case int, int64, uint64, uint, int32, uint32, time.Duration:
		if w.r.cards && !w.r.verdict(key).noCards && uintIsCard(toUint(v)) {
			w.r.count(DetectCardNumber.Name)
			return w.r.mask, true
		}
		return x, false
	case string:
		if (w.r.cards || versionQuad(v)) && w.r.idNumber(w.r.verdict(key), key, v) {
			return x, false // {"order_id": "4539…"}: an id, as the integer would be
		}
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
		if !isJSONMarshaler(v) {
			return w.nestedError(key, v, depth)
		}
		// An error that marshals itself: a JSON handler writes its JSON,
		// a text handler its text. Both are judged.
		ev, text, textChanged := w.r.judgeError(v)
		if ev == any(w.r.mask) {
			return ev, true // Error panicked
		}
		data, dataChanged := w.marshalsJSON(x, v.(json.Marshaler))
		if !textChanged && !dataChanged {
			return x, false
		}
		return nestedErrorValue{text: text, plus: plusText(ev, text), data: data}, true
	case map[string]any:
		return redactMap(w, v, depth, func(v any) any { return v })
	case map[string]string:
		return redactMap(w, v, depth, func(v any) string { return fmt.Sprint(v) })
	case []any:
		if out, ch := w.sliceAny(v, depth); ch {
			return out, true
		}
		return x, false
	case []string:
		if out, ch := w.sliceString(v, depth); ch {
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
		data, changed := w.marshalsJSON(x, v)
		// A text handler writes it otherwise: by its MarshalText, %+v
		// or String. Judge that text too.
		text, ok := textRendering(x)
		if !ok {
			return data, changed
		}
		if t, ch := w.r.String(text); ch {
			return renderedValue{data: data, text: t}, true
		}
		if !changed {
			return x, false
		}
		// Only its JSON held a secret: a text handler still prints its
		// text, which, when it is the fields fmt prints, is judged by
		// them too (hidden ones are not shown).
		if !rendersText(x) {
			if fields, ch := w.reflectValue(key, reflect.ValueOf(x), depth); ch {
				text = fmt.Sprintf("%+v", fields)
			}
		}
		return renderedValue{data: data, text: text}, true
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
	// A Formatter's %+v, or else a Stringer's String, is what a
	// TextHandler prints: if it reveals a secret, the redacted text
	// replaces the value (fail closed).
	shown, byText := "", false
	if f, ok := x.(fmt.Formatter); ok {
		shown, byText = fmt.Sprintf("%+v", f), true
	} else if s, ok := x.(fmt.Stringer); ok {
		shown, byText = s.String(), true
	}
	if byText {
		if text, ch := w.r.String(shown); ch {
			return text, true
		}
	}
	rv := reflect.ValueOf(x)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice, reflect.Array, reflect.Struct, reflect.Pointer, reflect.Interface:
		var out any
		var ch bool
		if sv := derefStruct(rv); byText && sv.IsValid() {
			// A text handler prints the text judged above, not the
			// fields: hidden fields alone need no rebuilding.
			out, ch = w.structValue(sv, depth, false, true)
		} else {
			out, ch = w.reflectValue(key, rv, depth)
		}
		if ch {
			return out, true
		}
		return x, false
	case reflect.String:
		if s, ch := w.r.String(rv.String()); ch {
			return s, true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if w.r.cards && rv.Int() > 0 && !w.r.verdict(key).noCards && uintIsCard(uint64(rv.Int())) {
			w.r.count(DetectCardNumber.Name)
			return w.r.mask, true
		}
	case reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if w.r.cards && !w.r.verdict(key).noCards && uintIsCard(rv.Uint()) {
			w.r.count(DetectCardNumber.Name)
			return w.r.mask, true
		}
	}
	return x, false
}

// element redacts x, taken from ev when ev is valid. encoding/json writes
// an addressable value (a slice's element, a field or element of what a
// pointer points to) by the MarshalJSON or MarshalText of its pointer,
// and fmt by its fields: when ev is such a value, both are judged, and a
// stand-in writes each redacted. An addressable struct or array that
// needs no method judged is walked where it lies, so that its own fields
// and elements stay addressable.
func (w *walk) element(key string, ev reflect.Value, x any, depth int) (any, bool) {
	if !ev.IsValid() || !ev.CanAddr() {
		return w.value(key, x, depth)
	}
	switch addrInfoOf(ev.Type()) {
	case addrByPointer:
		ptr := ev.Addr().Interface()
		data, dataChanged := w.value(key, ptr, depth)
		shown, shownChanged := w.value(key, x, depth)
		if !dataChanged && !shownChanged {
			return x, false
		}
		if !dataChanged {
			data = ptr
		}
		return renderedValue{data: data, text: fmt.Sprintf("%+v", shown)}, true
	case addrInPlace:
		if depth >= w.r.maxDepth {
			w.r.count(counterDepth)
			return w.r.mask, true
		}
		var out any
		var ch bool
		if ev.Kind() == reflect.Struct {
			out, ch = w.structValue(ev, depth, false, false)
		} else {
			out, ch = w.reflectValue(key, ev, depth)
		}
		if ch {
			return out, true
		}
		return x, false
	}
	return w.value(key, x, depth)
}

// How an addressable value of a type is walked (element).
const (
	addrAsValue   = iota // as any value: value judges it by its own methods
	addrByPointer        // encoding/json writes it by a method of its pointer
	addrInPlace          // a struct or array without methods value judges
)

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	errorType         = reflect.TypeFor[error]()
	formatterType     = reflect.TypeFor[fmt.Formatter]()
	stringerType      = reflect.TypeFor[fmt.Stringer]()
	addrInfos         sync.Map // reflect.Type -> int: addrInfoOf's answer
)

// addrInfoOf returns how an addressable value of type t is walked.
func addrInfoOf(t reflect.Type) int {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		return addrAsValue
	case reflect.Struct, reflect.Array:
	default:
		if t.PkgPath() == "" {
			return addrAsValue // a type without a name of its own has no methods
		}
	}
	if v, ok := addrInfos.Load(t); ok {
		return v.(int)
	}
	info := addrAsValue
	pt := reflect.PointerTo(t)
	switch {
	case !t.Implements(jsonMarshalerType) && pt.Implements(jsonMarshalerType),
		!t.Implements(jsonMarshalerType) && !t.Implements(textMarshalerType) && pt.Implements(textMarshalerType):
		info = addrByPointer
	case t.Kind() != reflect.Struct && t.Kind() != reflect.Array:
	case t.Implements(jsonMarshalerType), t.Implements(textMarshalerType), t.Implements(errorType),
		t.Implements(formatterType), t.Implements(stringerType):
	default:
		info = addrInPlace
	}
	addrInfos.Store(t, info)
	return info
}

// derefStruct returns the struct rv holds or points to, through any
// number of pointers, or the zero Value.
func derefStruct(rv reflect.Value) reflect.Value {
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return rv
}

func toFloat(v any) float64 {
	if f, ok := v.(float32); ok {
		return float64(f)
	}
	return v.(float64)
}

func toUint(v any) uint64 {
	switch n := v.(type) {
	case int:
		return uint64(max(n, 0))
	case int64:
		return uint64(max(n, 0))
	case time.Duration: // encoding/json writes its nanoseconds
		return uint64(max(n, 0))
	case int32:
		return uint64(max(n, 0))
	case uint:
		return uint64(n)
	case uint32:
		return uint64(n)
	case uint64:
		return n
	}
	return 0
}

// child redacts the value x under key inside a map or struct. It returns
// the key to write (a placeholder when the key itself holds personal data),
// the value, and whether either changed.
//
// ev, when valid, is the reflect.Value x was taken from: a struct field
// that may be addressable (see element).
func (w *walk) child(key string, x any, ev reflect.Value, depth int) (string, any, bool) {
	if w.tooBig() {
		return key, w.r.mask, true
	}
	kv, rule := w.r.judgeScalar(w.groups, key) // a member is never inlined, whatever its key
	outKey, keyChanged := key, false
	if kv.key != "" {
		w.r.count(kv.keyBy)
		outKey, keyChanged = kv.key, true
	}
	if rule != "" && masksValue(kv, rule, anyValue(x)) {
		w.r.count(rule)
		return outKey, w.r.maskValue, true
	}
	if rule == "" && kv.vendor != nil && vendorMasks(kv, anyValue(x)) {
		w.r.count(DetectTokens.Name)
		return outKey, w.r.maskValue, true
	}
	w.push(key)
	defer w.pop()
	v, ch := w.element(key, ev, x, depth+1)
	return outKey, v, ch || keyChanged
}

// anyValue is slog.AnyValue for the kinds masksValue looks at, without
// allocating for the others.
func anyValue(x any) slog.Value {
	switch v := x.(type) {
	case string:
		return slog.StringValue(v)
	case bool:
		return slog.BoolValue(v)
	}
	return slog.IntValue(0)
}

// redactMap rebuilds m with every changed value and key, converted back to
// V by conv; it returns m itself, unchanged and unallocated, when nothing
// changed.
func redactMap[V any](w *walk, m map[string]V, depth int, conv func(any) V) (map[string]V, bool) {
	var out map[string]V
	valueKey, hasValue := "", false
	ktyKey := ""
	humanName := 0 // a FHIR HumanName's members: 1 family, 2 given
	for k, v := range m {
		if isValueKey(k) {
			valueKey, hasValue = k, true
		}
		if k == "family" {
			humanName |= 1
		} else if k == "given" {
			humanName |= 2
		}
		if isKty(k) {
			ktyKey = k
		}
		nk, nv, ch := w.child(k, v, reflect.Value{}, depth)
		if !ch {
			continue
		}
		if out == nil {
			out = make(map[string]V, len(m))
			for k2, v2 := range m {
				out[k2] = v2
			}
		}
		if nk != k {
			delete(out, k)
		}
		out[nk] = conv(nv)
	}
	if hasValue {
		rule := w.namedRule(func(k string) (string, bool) { s, ok := any(m[k]).(string); return s, ok })
		if w.maskNamed(rule, m[valueKey]) {
			if out == nil {
				out = make(map[string]V, len(m))
				for k2, v2 := range m {
					out[k2] = v2
				}
			}
			out[valueKey] = conv(w.r.mask)
		}
	}
	if rule := w.r.keyRule("family name"); humanName == 3 && rule != "" {
		// A FHIR HumanName, {"family": "…", "given": ["…"]}: the name's parts.
		for _, k := range [...]string{"family", "given"} {
			if !isEmptyValue(m[k]) {
				if out == nil {
					out = make(map[string]V, len(m))
					for k2, v2 := range m {
						out[k2] = v2
					}
				}
				out[k] = conv(w.r.mask)
				w.r.count(rule)
			}
		}
	}
	if kind, ok := any(m["kind"]).(string); ok && kind == "Secret" && w.r.terms["secret"] != "" {
		// A Kubernetes Secret: every value of its data and stringData maps.
		for _, k := range [...]string{"data", "stringData"} {
			if v, ok := m[k]; ok && !isEmptyValue(v) {
				if out == nil {
					out = make(map[string]V, len(m))
					for k2, v2 := range m {
						out[k2] = v2
					}
				}
				w.r.count(w.r.terms["secret"])
				out[k] = conv(w.r.mask)
			}
		}
	}
	if ktyKey != "" && w.r.jwk {
		if kty, ok := any(m[ktyKey]).(string); ok && kty != "" {
			for k, v := range m {
				if !jwkPrivate(k) || isEmptyValue(v) {
					continue
				}
				if out == nil {
					out = make(map[string]V, len(m))
					for k2, v2 := range m {
						out[k2] = v2
					}
				}
				w.r.count(DetectPrivateKey.Name)
				out[k] = conv(w.r.mask)
			}
		}
	}
	if out == nil {
		return m, false
	}
	return out, true
}

// isEmptyValue reports whether x is nil or an empty map, slice or string.
func isEmptyValue(x any) bool {
	if x == nil {
		return true
	}
	switch rv := reflect.ValueOf(x); rv.Kind() {
	case reflect.Map, reflect.Slice, reflect.String:
		return rv.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

// argvFlag reports whether prev, the element before v in a slice, is a
// command-line flag that names a secret ("--password", "-token"), so
// that v is its value; the name of a setting that holds a secret is none
// (composer config --auth http-basic.HOST …). A value that is already
// masked, quotes around it or not ('[REDACTED]), is left as it is, so
// that redacting twice writes what redacting once did.
func (w *walk) argvFlag(prev, v string) bool {
	if len(prev) < 2 || prev[0] != '-' || strings.IndexByte(prev, '=') >= 0 || composerSettingName(v) || strings.Trim(v, "\"'`") == w.r.mask {
		return false
	}
	return w.r.keyRule(strings.TrimLeft(prev, "-")) != ""
}

// maxArgv is the longest slice read as a command line by argvMasks.
const maxArgv = 256

// argvMasks reads a slice of n elements (elem(j) returns the string at j)
// that holds a command-line flag as the command line it is, its elements
// joined by spaces, so that the text rules find a secret that an element
// holds by its place ("curl", "-U", "bob:…"; "mysql", "-p…"; "sshpass",
// "-p", "…"). It returns each element redacted where a secret was found
// in it ("" where not), or nil when none was.
func (w *walk) argvMasks(n int, elem func(int) (string, bool)) []string {
	if n < 2 || n > maxArgv {
		return nil
	}
	flag := false
	for j := 0; j < n && !flag; j++ {
		e, ok := elem(j)
		flag = ok && len(e) >= 2 && e[0] == '-' && e[1] != ' '
	}
	if !flag {
		return nil
	}
	var b strings.Builder
	ends := make([]int, n)
	for j := 0; j < n; j++ {
		if j > 0 {
			b.WriteByte(' ')
		}
		switch e, ok := elem(j); {
		case ok && strings.IndexByte(e, ' ') < 0:
			b.WriteString(e)
		case !ok:
			b.WriteString("_") // a value that is no string: no argument of a command line
		default:
			b.WriteString("'_ _'") // an element of many words, as a shell quotes it: "mysql", "-p", "correct horse …"
		}
		ends[j] = b.Len()
	}
	line := b.String()
	spans := w.r.find(line, nil, w.r.count)
	if len(spans) == 0 {
		return nil
	}
	var out []string
	for j, start := 0, 0; j < n; j, start = j+1, ends[j]+1 {
		var own []span
		for _, sp := range spans {
			if sp.start < ends[j] && start < sp.end {
				own = append(own, span{max(sp.start, start) - start, min(sp.end, ends[j]) - start})
			}
		}
		if own == nil {
			continue
		}
		e, ok := elem(j)
		if !ok {
			continue
		}
		if out == nil {
			out = make([]string, n)
		}
		if strings.IndexByte(e, ' ') >= 0 {
			out[j] = w.r.mask // an argument of many words in a secret's place: "sshpass", "-p", "correct horse …"
			continue
		}
		out[j] = w.r.apply(e, own)
	}
	return out
}

// pairValue reports whether the element at odd index i of a list of
// key-value pairs (s, n elements; key(j) returns the string at j) is the
// value of a key that names a secret: slog's own argument style,
// []any{"user", "bob", "password", "…"}. Every key of the list must be an
// identifier that is no flag, and the value no field name (a list of
// field names stays).
func (w *walk) pairValue(n, i int, key func(int) (string, bool), pl *pairList) string {
	if n < 2 || n%2 != 0 || i%2 != 1 {
		return ""
	}
	if !pl.checked { // once per slice: asked for every element, it would cost n² reads
		pl.checked, pl.keys = true, true
		for j := 0; j < n; j += 2 {
			k, ok := key(j)
			if !ok || !isIdentifier(k) || k[0] == '-' { // a command line's flags are read by argvFlag
				pl.keys = false
				break
			}
		}
	}
	if !pl.keys {
		return ""
	}
	k, _ := key(i - 1)
	rule := w.r.keyRule(k)
	if rule == "" {
		return ""
	}
	if v, ok := key(i); ok && (w.r.keepValue(k, v) || isFieldName(v)) {
		return "" // "password", "token", "email", "name": a list of field names
	}
	return rule
}

// pairList remembers, for one slice, whether every element at an even
// index is an identifier (pairValue).
type pairList struct{ checked, keys bool }

// isFieldName reports whether v reads like the name of a field: lower-case
// letters and underscores only.
func isFieldName(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < 'a' || c > 'z') && c != '_' {
			return false
		}
	}
	return true
}

func isBool(v any) bool { _, ok := v.(bool); return ok }

// isIdentifier reports whether k is a non-empty run of key characters.
func isIdentifier(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if !isKeyChar(k[i]) {
			return false
		}
	}
	return true
}

func (w *walk) sliceAny(s []any, depth int) ([]any, bool) {
	var out []any
	var pl pairList
	argv := w.argvMasks(len(s), func(j int) (string, bool) { e, ok := s[j].(string); return e, ok })
	anyKey := func(j int) (string, bool) { k, ok := s[j].(string); return k, ok }
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
		var nv any
		var ch bool
		if argv != nil && argv[i] != "" {
			nv, ch = argv[i], true // counted by argvMasks
		} else if prev, ok := elem(s, i-1).(string); ok && v != "" && w.argvFlag(prev, anyString(v)) {
			nv, ch = w.r.mask, true
			w.r.count(w.r.keyRule(strings.TrimLeft(prev, "-")))
		} else if rule := w.pairValue(len(s), i, anyKey, &pl); rule != "" && v != nil && !isBool(v) {
			nv, ch = w.maskAll(slog.AnyValue(v)).Any(), true // "password", "…" as slog arguments
			w.r.count(rule)
		} else {
			nv, ch = w.value("", v, depth+1)
		}
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

// anyString returns v when it is a string, else "".
func anyString(v any) string {
	s, _ := v.(string)
	return s
}

func elem(s []any, i int) any {
	if i < 0 {
		return nil
	}
	return s[i]
}

func (w *walk) sliceString(s []string, depth int) ([]string, bool) {
	var out []string
	var pl pairList
	argv := w.argvMasks(len(s), func(j int) (string, bool) { return s[j], true })
	strKey := func(j int) (string, bool) { return s[j], true }
	for i, v := range s {
		var nv string
		ch := false
		switch {
		case w.tooBig():
			nv, ch = w.r.mask, true
		case argv != nil && argv[i] != "":
			nv, ch = argv[i], true // counted by argvMasks
		case i > 0 && v != "" && w.argvFlag(s[i-1], v):
			nv, ch = w.r.mask, true
			w.r.count(w.r.keyRule(strings.TrimLeft(s[i-1], "-")))
		case v != "" && w.pairValue(len(s), i, strKey, &pl) != "":
			nv, ch = w.r.mask, true
			w.r.count(w.pairValue(len(s), i, strKey, &pl))
		default:
			nv, ch = w.r.String(v)
		}
		if ch && out == nil {
			out = slices.Clone(s)
		}
		if ch {
			out[i] = nv
		}
	}
	return out, out != nil
}

// reflectValue handles maps with string keys, slices, arrays, structs and
// pointers by reflection. Structs that change, or that carry `log` tags,
// become an orderedObject that keeps field order and json names.
func (w *walk) reflectValue(key string, rv reflect.Value, depth int) (any, bool) {
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return rv.Interface(), false
		}
		var nv any
		var ch bool
		if e := rv.Elem(); rv.Kind() == reflect.Pointer && (e.Kind() == reflect.Struct || e.Kind() == reflect.Array) {
			// Walked where it lies, addressable: encoding/json writes its
			// fields and elements by the methods of their pointers.
			// The pointer's methods, a superset of e's, were judged.
			if depth+1 >= w.r.maxDepth {
				w.r.count(counterDepth)
				return w.r.mask, true
			}
			if e.Kind() == reflect.Struct {
				nv, ch = w.structValue(e, depth+1, false, false)
			} else {
				nv, ch = w.reflectValue(key, e, depth+1)
			}
		} else {
			nv, ch = w.value(key, rv.Elem().Interface(), depth+1)
		}
		if ch {
			return nv, true
		}
		return rv.Interface(), false
	case reflect.Map:
		if rv.IsNil() {
			return rv.Interface(), false
		}
		var out map[string]any
		valueKey, hasValue := "", false
		hasKty := false
		iter := rv.MapRange()
		for iter.Next() {
			k := mapKey(iter.Key())
			if isValueKey(k) && iter.Key().Kind() == reflect.String {
				valueKey, hasValue = k, true
			}
			hasKty = hasKty || isKty(k) && iter.Key().Kind() == reflect.String
			nk, nv, ch := w.child(k, iter.Value().Interface(), reflect.Value{}, depth)
			if ch && out == nil {
				out = make(map[string]any, rv.Len())
				it2 := rv.MapRange()
				for it2.Next() {
					out[mapKey(it2.Key())] = it2.Value().Interface()
				}
			}
			if ch {
				if nk != k {
					delete(out, k)
				}
				out[nk] = nv
			}
		}
		if hasValue {
			key := func(k string) reflect.Value { return reflect.ValueOf(k).Convert(rv.Type().Key()) }
			member := func(k string) reflect.Value {
				v := rv.MapIndex(key(k))
				for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
					v = v.Elem()
				}
				return v
			}
			rule := w.namedRule(func(k string) (string, bool) {
				if v := member(k); v.IsValid() && v.Kind() == reflect.String {
					return v.String(), true
				}
				return "", false
			})
			if v := member(valueKey); v.IsValid() && v.CanInterface() && w.maskNamed(rule, v.Interface()) {
				if out == nil {
					out = make(map[string]any, rv.Len())
					it2 := rv.MapRange()
					for it2.Next() {
						out[mapKey(it2.Key())] = it2.Value().Interface()
					}
				}
				out[valueKey] = w.r.mask
			}
		}
		if hasKty && w.r.jwk {
			out = w.jwkMap(rv, out)
		}
		if out == nil {
			return rv.Interface(), false
		}
		return out, true
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return rv.Interface(), false
		}
		if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.Uint8 {
			// A byte slice of a named type (type payload []byte): a text
			// handler writes its bytes as text, a JSON handler as base64.
			// Judged as []byte is, and rebuilt as its own type.
			if t, ch := w.r.String(string(rv.Bytes())); ch {
				return reflect.ValueOf([]byte(t)).Convert(rv.Type()).Interface(), true
			}
			return rv.Interface(), false
		}
		var out []any
		var pl pairList
		argv := w.argvMasks(rv.Len(), func(j int) (string, bool) { return stringElem(rv.Index(j)) })
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
			ev := rv.Index(i)
			var nv any
			var ch bool
			if argv != nil && argv[i] != "" {
				nv, ch = argv[i], true // counted by argvMasks
			} else if v, ok := stringElem(ev); ok && i > 0 && v != "" {
				if prev, ok := stringElem(rv.Index(i - 1)); ok && w.argvFlag(prev, v) {
					nv, ch = w.r.mask, true
					w.r.count(w.r.keyRule(strings.TrimLeft(prev, "-")))
				} else if rule := w.pairValue(rv.Len(), i, func(j int) (string, bool) { return stringElem(rv.Index(j)) }, &pl); rule != "" {
					nv, ch = w.r.mask, true // a pair as an array: [2]string{"password", "…"}
					w.r.count(rule)
				}
			}
			if !ch {
				nv, ch = w.element("", ev, ev.Interface(), depth+1)
			}
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
		return w.structValue(rv, depth, false, false)
	}
	return rv.Interface(), false
}

// mapKey returns a map key as encoding/json writes it: strings as they
// are, encoding.TextMarshaler keys as their text, integers in decimal.
// Keys json cannot write (it fails on them) get their fmt form, so that
// their values are still redacted.
func mapKey(k reflect.Value) string {
	if k.Kind() == reflect.String {
		return k.String()
	}
	if tm, ok := k.Interface().(encoding.TextMarshaler); ok {
		if k.Kind() == reflect.Pointer && k.IsNil() {
			return ""
		}
		if b, err := tm.MarshalText(); err == nil {
			return string(b)
		}
	}
	switch k.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10)
	}
	return fmt.Sprint(k.Interface())
}

// stringElem returns the text of a slice or array element that is a
// string, or an interface holding one ([N]any, named []any types).
func stringElem(v reflect.Value) (string, bool) {
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.String {
		return "", false
	}
	return v.String(), true
}

func sliceToAny(rv reflect.Value) []any {
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = kept(rv.Index(i))
	}
	return out
}

// kept returns v to hand on unchanged in a rebuilt slice or struct: v
// itself, or, when encoding/json writes it by a method of its pointer
// (see element), a byPointerValue that keeps writing it so.
func kept(v reflect.Value) any {
	if v.CanAddr() && addrInfoOf(v.Type()) == addrByPointer {
		return byPointerValue{ptr: v.Addr().Interface(), v: v.Interface()}
	}
	return v.Interface()
}

// byPointerValue is an unchanged value that encoding/json wrote by a
// method of its pointer: MarshalJSON writes it by that method, and fmt
// prints the value.
type byPointerValue struct{ ptr, v any }

// MarshalJSON writes the value as encoding/json wrote it where it lay.
func (b byPointerValue) MarshalJSON() ([]byte, error) { return encodeJSON(b.ptr) }

// Format prints the value as fmt would have.
func (b byPointerValue) Format(s fmt.State, verb rune) {
	if s.Flag('+') {
		_, _ = fmt.Fprintf(s, "%+v", b.v)
		return
	}
	_, _ = fmt.Fprint(s, b.v)
}

// structValue redacts a struct. force rebuilds it even when nothing
// changed: for a struct reached through an unexported embedded field,
// whose value cannot be handed on as it is. byText says that a text
// handler prints the struct by a text of its own (String, Format), not by
// its fields, so that hidden fields alone need no rebuilding.
func (w *walk) structValue(rv reflect.Value, depth int, force, byText bool) (any, bool) {
	if depth >= w.r.maxDepth {
		w.r.count(counterDepth)
		return w.r.mask, true
	}
	si := infoOf(rv.Type())
	// A struct with fields encoding/json does not show (json:"-",
	// unexported) is passed on as the object json would write even when
	// nothing in it is masked: a TextHandler prints the original with %+v,
	// hidden fields and their secrets included.
	// Inside an error's data the hidden fields are never printed: fmt
	// prints the error's text.
	changed := si.logTags || si.hidden && w.inErr == 0 && !byText || force
	// What each field became, whether it changed, whether it is written:
	// on the stack for the structs most programs log.
	var small [16]fieldState
	var state []fieldState
	if n := len(si.fields); n <= len(small) {
		state = small[:n]
	} else {
		state = make([]fieldState, n)
	}
	var names []string // the names written in place of the fields', where they hold personal data
	for i, f := range si.fields {
		if f.omit {
			continue
		}
		fv, ok := fieldByIndex(rv, f.index)
		if !ok {
			continue // behind a nil embedded pointer: encoding/json omits it
		}
		state[i].present = true
		if f.redact {
			w.r.count(counterLogTag)
			state[i].val, state[i].changed = w.r.maskValue, true
			changed = true
			continue
		}
		if !fv.CanInterface() { // a struct embedded unexported, named by a tag
			for fv.Kind() == reflect.Pointer && !fv.IsNil() {
				fv = fv.Elem()
			}
			if fv.Kind() != reflect.Struct { // a nil pointer
				state[i].val, state[i].changed = nil, true
				continue
			}
			if w.tooBig() {
				state[i].val, state[i].changed = w.r.maskValue, true
				changed = true
				continue
			}
			// Its tag names it as any field: judge that name as a key.
			kv, rule := w.r.judge(w.groups, f.name)
			if kv.key != "" {
				w.r.count(kv.keyBy)
				if names == nil {
					names = make([]string, len(si.fields))
				}
				names[i] = kv.key
			}
			if rule != "" {
				w.r.count(rule)
				state[i].val, state[i].changed = w.r.maskValue, true
				changed = true
				continue
			}
			w.push(f.name)
			state[i].val, state[i].changed = w.structValue(fv, depth+1, true, false)
			w.pop()
			changed = true
			continue
		}
		var name string
		name, state[i].val, state[i].changed = w.child(f.name, fv.Interface(), fv, depth)
		if name != f.name { // a field's json name that is itself personal data: "jane@…"
			if names == nil {
				names = make([]string, len(si.fields))
			}
			names[i] = name
		}
		if (f.omitEmpty || f.omitZero) && !state[i].changed && f.omitted(fv) {
			state[i].present = false
		}
		changed = changed || state[i].changed
	}
	if i := si.value; i >= 0 && state[i].present && !state[i].changed {
		rule := w.namedRule(func(k string) (string, bool) {
			if j := si.field(k); j >= 0 {
				if fv, ok := fieldByIndex(rv, si.fields[j].index); ok && fv.Kind() == reflect.String {
					return fv.String(), true
				}
			}
			return "", false
		})
		if fv, ok := fieldByIndex(rv, si.fields[i].index); ok && fv.CanInterface() && w.maskNamed(rule, fv.Interface()) {
			state[i].val, state[i].changed, changed = w.r.maskValue, true, true
		}
	}
	if len(si.cookie) > 0 {
		if rule := w.r.keyRule("cookie"); rule != "" {
			for _, i := range si.cookie {
				if fv, ok := fieldByIndex(rv, si.fields[i].index); ok && state[i].present && !state[i].changed && fv.Kind() == reflect.String && fv.Len() > 0 {
					w.r.count(rule)
					state[i].val, state[i].changed, changed = w.r.maskValue, true, true
				}
			}
		}
	}
	if si.kty >= 0 && state[si.kty].present && w.r.jwk {
		if kty, ok := fieldByIndex(rv, si.fields[si.kty].index); ok && kty.Kind() == reflect.String && kty.Len() > 0 {
			for _, i := range si.jwkPrivate {
				if state[i].present && !(state[i].changed && state[i].val == any(w.r.mask)) {
					if fv, ok := fieldByIndex(rv, si.fields[i].index); ok && !fv.IsZero() {
						w.r.count(DetectPrivateKey.Name)
						state[i].val, state[i].changed, changed = w.r.maskValue, true, true
					}
				}
			}
		}
	}
	if !changed {
		return rv.Interface(), false
	}
	out := make(orderedObject, 0, len(si.fields))
	for i, f := range si.fields {
		if f.omit || !state[i].present {
			continue
		}
		if !state[i].changed {
			fv, _ := fieldByIndex(rv, f.index)
			if !fv.CanInterface() {
				continue
			}
			if state[i].val == nil || fv.CanAddr() && addrInfoOf(fv.Type()) == addrByPointer {
				state[i].val = kept(fv) // else the value the walk kept, boxed once
			}
			if f.quoted {
				state[i].val = quotedField{state[i].val}
			}
		}
		name := f.name
		if names != nil && names[i] != "" {
			name = names[i]
		}
		out = append(out, member{name, state[i].val})
	}
	return out, true
}

// fieldState is what structValue learns of a field: the value to write,
// whether it changed, and whether the field is written at all.
type fieldState struct {
	val              any
	changed, present bool
}

// quotedField is the value of a field tagged json:",string" in a rebuilt
// struct: encoding/json writes it as its JSON inside a string ("5",
// "\"x\""), and a nil pointer as null.
type quotedField struct{ v any }

// MarshalJSON writes the value as encoding/json writes a quoted field.
func (q quotedField) MarshalJSON() ([]byte, error) {
	b, err := encodeJSON(q.v)
	if err != nil || string(b) == "null" {
		return b, err
	}
	return encodeJSON(string(b))
}

// Format writes the value as fmt would have written the field.
func (q quotedField) Format(s fmt.State, verb rune) {
	if s.Flag('+') {
		_, _ = fmt.Fprintf(s, "%+v", q.v)
		return
	}
	_, _ = fmt.Fprint(s, q.v)
}

// orderedObject is a rebuilt struct: its members in field order.
type orderedObject []member

type member struct {
	Key   string
	Value any
}

// MarshalJSON writes the members as a JSON object, in order. Keys and
// strings of printable ASCII without quotes or backslashes, integers,
// booleans and nil are written directly, as encoding/json writes them;
// other values go through encodeJSON.
func (o orderedObject) MarshalJSON() ([]byte, error) {
	size := 2
	for _, m := range o { // most objects are written in one buffer, without growing it
		size += len(m.Key) + 4
		if v, ok := m.Value.(string); ok {
			size += len(v) + 2
		} else {
			size += 24
		}
	}
	out := make([]byte, 0, size)
	out = append(out, '{')
	for i, m := range o {
		if i > 0 {
			out = append(out, ',')
		}
		var err error
		if out, err = appendJSONString(out, m.Key); err != nil {
			return nil, err
		}
		out = append(out, ':')
		if out, err = appendJSON(out, m.Value); err != nil {
			return nil, err
		}
	}
	return append(out, '}'), nil
}

// appendJSON appends x's JSON to out, as encodeJSON writes it.
func appendJSON(out []byte, x any) ([]byte, error) {
	switch v := x.(type) {
	case nil:
		return append(out, "null"...), nil
	case string:
		return appendJSONString(out, v)
	case bool:
		return strconv.AppendBool(out, v), nil
	case int:
		return strconv.AppendInt(out, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(out, v, 10), nil
	case int32:
		return strconv.AppendInt(out, int64(v), 10), nil
	case uint:
		return strconv.AppendUint(out, uint64(v), 10), nil
	case uint64:
		return strconv.AppendUint(out, v, 10), nil
	case uint32:
		return strconv.AppendUint(out, uint64(v), 10), nil
	}
	b, err := encodeJSON(x)
	if err != nil {
		return nil, err
	}
	return append(out, b...), nil
}

// appendJSONString appends the JSON string of s to out, as encodeJSON
// writes it.
func appendJSONString(out []byte, s string) ([]byte, error) {
	if !plainJSONString(s) {
		b, err := encodeJSON(s)
		return append(out, b...), err
	}
	out = append(out, '"')
	out = append(out, s...)
	return append(out, '"'), nil
}

// plainJSONString reports whether s is written in JSON as it is, between
// quotes: printable ASCII without '"' or '\\' (encodeJSON does not escape
// HTML).
func plainJSONString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
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

// groupAttr returns the attr of g with key k, or nil.
func groupAttr(g []slog.Attr, k string) *slog.Attr {
	for i := range g {
		if g[i].Key == k {
			return &g[i]
		}
	}
	return nil
}

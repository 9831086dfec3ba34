package redact

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// fieldInfo describes one struct field as encoding/json sees it,
// promoted fields of embedded structs included.
type fieldInfo struct {
	index     []int
	name      string
	tagged    bool
	omitEmpty bool
	omitZero  bool
	quoted    bool // json:",string" on a field it applies to: written as JSON inside a string
	redact    bool // log:"redact"
	omit      bool // log:"-"
}

type structInfo struct {
	fields  []fieldInfo
	logTags bool
	hidden  bool // some field is not shown by encoding/json
	value   int  // the index of the field written as "value" (any case), or -1
	kty     int  // the index of the field written as a JWK's "kty", or -1
	// jwkPrivate are the indexes of the fields written as a JWK's private
	// members, when kty is not -1.
	jwkPrivate []int
	// cookie are the indexes of the fields of net/http's Cookie that hold
	// the cookie's value (Value, and Raw: the whole Set-Cookie line); a
	// cookie's value is a credential whatever its name.
	cookie []int
}

var structInfos sync.Map // reflect.Type -> *structInfo

// field returns the index in si.fields of the field that encoding/json
// writes under name, or -1.
func (si *structInfo) field(name string) int {
	for i, f := range si.fields {
		if f.name == name && !f.omit {
			return i
		}
	}
	return -1
}

// infoOf returns the fields of struct type t in the order and with the
// names encoding/json writes them: exported fields, json tags honoured,
// the fields of embedded structs (exported or not) promoted into the
// outer object unless the embedded field is tagged with a name, and
// conflicting names resolved by depth and tags, as encoding/json does.
func infoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{fields: typeFields(t), hidden: hasHiddenFields(t, map[reflect.Type]bool{}), value: -1, kty: -1}
	for i, f := range si.fields {
		si.logTags = si.logTags || f.redact || f.omit
		if isValueKey(f.name) && !f.omit && !f.redact {
			si.value = i
		}
		if isKty(f.name) && !f.omit {
			si.kty = i
		}
		if jwkPrivate(f.name) && !f.omit && !f.redact {
			si.jwkPrivate = append(si.jwkPrivate, i)
		}
	}
	if si.kty < 0 {
		si.jwkPrivate = nil
	}
	if t.PkgPath() == "net/http" && t.Name() == "Cookie" {
		for i, f := range si.fields {
			if f.name == "Value" || f.name == "Raw" {
				si.cookie = append(si.cookie, i)
			}
		}
	}
	v, _ := structInfos.LoadOrStore(t, si)
	return v.(*structInfo)
}

func typeFields(t reflect.Type) []fieldInfo {
	type level struct {
		typ   reflect.Type
		index []int
	}
	var fields []fieldInfo
	next := []level{{typ: t}}
	visited := map[reflect.Type]bool{}
	for len(next) > 0 {
		current := next
		next = nil
		for _, l := range current {
			if visited[l.typ] {
				continue
			}
			visited[l.typ] = true
			for i := 0; i < l.typ.NumField(); i++ {
				sf := l.typ.Field(i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if sf.Anonymous {
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !isValidTag(name) {
					name = "" // encoding/json writes the field under its Go name
				}
				index := append(slices.Clip(l.index), i)
				if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
					next = append(next, level{typ: ft, index: index})
					continue
				}
				f := fieldInfo{index: index, name: name, tagged: name != "",
					omitEmpty: strings.Contains(","+opts+",", ",omitempty,"),
					omitZero:  strings.Contains(","+opts+",", ",omitzero,")}
				if strings.Contains(","+opts+",", ",string,") {
					switch ft.Kind() {
					case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
						reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
						reflect.Float32, reflect.Float64, reflect.String:
						f.quoted = true
					}
				}
				if f.name == "" {
					f.name = sf.Name
				}
				switch sf.Tag.Get("log") {
				case "redact":
					f.redact = true
				case "-":
					f.omit = true
				}
				fields = append(fields, f)
			}
		}
	}
	// Dominant fields: for each name, the shallowest; among several at that
	// depth, the one tagged; otherwise none.
	slices.SortStableFunc(fields, func(a, b fieldInfo) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := len(a.index) - len(b.index); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	out := fields[:0:0]
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].name == fields[i].name {
			j++
		}
		group := fields[i:j]
		if len(group) == 1 {
			out = append(out, group[0])
		} else if len(group[0].index) < len(group[1].index) || (group[0].tagged && !(group[1].tagged && len(group[1].index) == len(group[0].index))) {
			out = append(out, group[0])
		}
		i = j
	}
	slices.SortFunc(out, func(a, b fieldInfo) int { return slices.Compare(a.index, b.index) })
	return out
}

// isValidTag reports whether encoding/json takes s, a json tag's name, as
// the name of its field (its isValidTag).
func isValidTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// omitted reports whether encoding/json leaves out the field f of value v
// (omitempty: false, 0, a nil pointer or interface, an empty array,
// slice, map or string; omitzero: the zero value, or what an IsZero
// method calls zero).
func (f *fieldInfo) omitted(v reflect.Value) bool {
	if f.omitEmpty {
		switch v.Kind() {
		case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
			if v.Len() == 0 {
				return true
			}
		case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
			reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
			if v.IsZero() {
				return true
			}
		}
	}
	if !f.omitZero {
		return false
	}
	t := v.Type()
	switch {
	case t.Kind() == reflect.Pointer && t.Implements(isZeroerType):
		return v.IsNil() || v.Interface().(isZeroer).IsZero()
	case t.Implements(isZeroerType):
		return v.Interface().(isZeroer).IsZero()
	case reflect.PointerTo(t).Implements(isZeroerType):
		if !v.CanAddr() {
			v2 := reflect.New(t).Elem()
			v2.Set(v)
			v = v2
		}
		return v.Addr().Interface().(isZeroer).IsZero()
	}
	return v.IsZero()
}

type isZeroer interface{ IsZero() bool }

var isZeroerType = reflect.TypeFor[isZeroer]()

// fieldByIndex returns the field of struct v at index, following embedded
// pointers; ok is false when a nil embedded pointer is on the way.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// hasHiddenFields reports whether struct type t has a field that
// encoding/json does not write: tagged json:"-", or unexported (other than
// an embedded struct, whose exported fields json promotes).
func hasHiddenFields(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Tag.Get("json") == "-" {
			return true
		}
		if f.Anonymous {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				if hasHiddenFields(ft, seen) {
					return true
				}
				continue
			}
		}
		if !f.IsExported() {
			return true
		}
	}
	return false
}

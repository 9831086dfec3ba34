package chain

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// toAny converts v to what encoding/json decodes into an any.
func toAny(v Value) any {
	switch v.Kind {
	case Bool:
		return v.Bool
	case Number:
		return v.Num
	case String:
		return v.Str
	case Array:
		out := make([]any, len(v.Items))
		for i, it := range v.Items {
			out[i] = toAny(it)
		}
		return out
	case Object:
		out := make(map[string]any, len(v.Members))
		for _, m := range v.Members {
			out[m.Name] = toAny(m.Value)
		}
		return out
	}
	return nil
}

// TestParseAgainstEncodingJSON compares Parse with encoding/json on every
// prefix of some documents and on every one-byte deletion and
// substitution: Parse accepts exactly what json.Valid accepts, and reads
// the same values, except where I-JSON (RFC 7493, which RFC 8785 requires)
// is stricter than JSON: duplicate member names and numbers beyond float64.
func TestParseAgainstEncodingJSON(t *testing.T) {
	docs := []string{
		`{"a":[1,-2.5e+3,0,true,false,null,{},[]],"b":{"c":"x\"y\\z\/\b\f\n\r\t\u00e9\ud83d\ude00"},"d":-0.125E-2}`,
		` [ "é日", 10 , 0.5 , {"e" : null} ] `,
		`"\u0041\ud800x"`,
		`true`, `false`, `null`, `-0`, `12e3`,
	}
	subst := []byte(`{}[]",:\/ u0123456789eE+-.tfnrlsaxy` + "\t\n\x01\x80")
	check := func(in []byte) {
		v, err := Parse(in)
		valid := json.Valid(in)
		if valid && (errors.Is(err, ErrDuplicate) || err != nil && strings.Contains(err.Error(), "number out of range")) {
			return // I-JSON's rules, beyond JSON's
		}
		require.Equal(t, valid, err == nil, "%q: json.Valid %v, Parse error %v", in, valid, err)
		if err != nil || !utf8.Valid(in) {
			return
		}
		var want any
		require.NoError(t, json.Unmarshal(in, &want))
		require.True(t, reflect.DeepEqual(want, toAny(v)), "%q: encoding/json read %#v, Parse %#v", in, want, toAny(v))
	}
	for _, d := range docs {
		doc := []byte(d)
		for i := 0; i <= len(doc); i++ {
			check(doc[:i:i]) // no capacity beyond the end: reading past it panics
		}
		for i := range doc {
			check(append(append([]byte(nil), doc[:i]...), doc[i+1:]...))
			for _, c := range subst {
				if c == doc[i] {
					continue
				}
				in := append([]byte(nil), doc...)
				in[i] = c
				check(in)
			}
		}
	}
}

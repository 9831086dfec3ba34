package redact_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

type fieldsA struct {
	X string
	Y string
}

type fieldsB struct {
	X string
	Z string
}

type fieldsTagged struct {
	W string `json:"X"`
}

// FieldsTaggedOne and FieldsTaggedTwo both name a field "X": a struct
// embedding both is built with reflect.StructOf, as go vet refuses such a
// struct written in source.
type FieldsTaggedOne struct {
	W string `json:"X"`
}

type FieldsTaggedTwo struct {
	V string `json:"X"`
}

type cleanEmbedding struct {
	fieldsA
	N int
}

type jsonHidden struct {
	A      string
	Hidden string `json:"-"`
}

type unexportedField struct {
	A      string
	hidden string
}

// Structs whose field names conflict, each with one field tagged
// log:"redact" so that the redactor rebuilds them field by field.
type (
	outerWins struct {
		fieldsA
		X      string
		Secret string `json:"secret" log:"redact"`
	}
	sameDepthCancel struct {
		fieldsA
		fieldsB
		Secret string `json:"secret" log:"redact"`
	}
	taggedWins struct {
		fieldsA
		fieldsTagged
		Secret string `json:"secret" log:"redact"`
	}
	namedEmbedded struct {
		fieldsA `json:"a"`
		Secret  string `json:"secret" log:"redact"`
	}
	pointerEmbedded struct {
		*fieldsA
		N      int    `json:"n,omitempty"`
		Hidden string `json:"-"`
		Secret string `json:"secret" log:"redact"`
	}
)

// TestStructFieldsAsJSON: a struct the redactor rebuilds has the members
// encoding/json writes, in its order, with the same rules for conflicting
// names (the shallowest field wins, then the tagged one, else none), for
// embedded structs with a name, for nil embedded pointers, json:"-" and
// omitempty; only the log:"redact" field differs.
func TestStructFieldsAsJSON(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, v := range []any{
		outerWins{fieldsA: fieldsA{X: "inner", Y: "y"}, X: "outer", Secret: "s3"},
		sameDepthCancel{fieldsA: fieldsA{X: "a", Y: "y"}, fieldsB: fieldsB{X: "b", Z: "z"}, Secret: "s3"},
		taggedWins{fieldsA: fieldsA{X: "a", Y: "y"}, fieldsTagged: fieldsTagged{W: "w"}, Secret: "s3"},
		namedEmbedded{fieldsA: fieldsA{X: "x", Y: "y"}, Secret: "s3"},
		pointerEmbedded{Secret: "s3", Hidden: "h"},
		pointerEmbedded{fieldsA: &fieldsA{X: "x"}, N: 1, Secret: "s3"},
		bothTagged(),
	} {
		want, err := json.Marshal(v)
		require.NoError(t, err)
		require.Contains(t, string(want), `"secret":"s3"`)
		wantStr := strings.Replace(string(want), `"secret":"s3"`, `"secret":"[REDACTED]"`, 1)

		var buf bytes.Buffer
		slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), r)).Info("m", "v", v)
		var line struct{ V json.RawMessage }
		require.NoError(t, json.Unmarshal(buf.Bytes(), &line), buf.String())
		require.Equal(t, wantStr, string(line.V), "%T", v)
	}
}

// bothTagged returns a struct embedding two structs whose fields are both
// tagged "X" at the same depth: encoding/json writes neither.
func bothTagged() any {
	typ := reflect.StructOf([]reflect.StructField{
		{Name: "FieldsTaggedOne", Type: reflect.TypeFor[FieldsTaggedOne](), Anonymous: true},
		{Name: "FieldsTaggedTwo", Type: reflect.TypeFor[FieldsTaggedTwo](), Anonymous: true},
		{Name: "Secret", Type: reflect.TypeFor[string](), Tag: `json:"secret" log:"redact"`},
	})
	v := reflect.New(typ).Elem()
	v.Field(0).Set(reflect.ValueOf(FieldsTaggedOne{W: "w"}))
	v.Field(1).Set(reflect.ValueOf(FieldsTaggedTwo{V: "v"}))
	v.Field(2).SetString("s3")
	return v.Interface()
}

// TestCleanStructPassesAsItIs: a struct whose fields encoding/json shows
// in full (exported, no json:"-", embedded structs promoted) and that
// holds nothing to mask is passed on as it is; one with a field json does
// not show is rebuilt as the object json writes, without that field.
func TestCleanStructPassesAsItIs(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, v := range []any{fieldsA{X: "x", Y: "y"}, cleanEmbedding{fieldsA: fieldsA{X: "x"}, N: 2}} {
		out, changed := r.Attr(nil, slog.Any("v", v))
		require.False(t, changed, "%T", v)
		require.Equal(t, v, out.Value.Any())
	}
	for _, v := range []any{jsonHidden{A: "a", Hidden: "h"}, unexportedField{A: "a", hidden: "h"}} {
		out, changed := r.Attr(nil, slog.Any("v", v))
		require.True(t, changed, "%T", v)
		b, err := json.Marshal(out.Value.Any())
		require.NoError(t, err)
		require.Equal(t, `{"A":"a"}`, string(b), "%T", v)
	}
}

// TestNamedValueNeedsItsNameField: the value of a struct with a "value"
// member is masked when its name member names a secret, and only then: a
// struct without a name member is not read as named by another of its
// string fields.
func TestNamedValueNeedsItsNameField(t *testing.T) {
	type named struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	type unnamed struct {
		Value string `json:"value"`
		Note  string `json:"note"`
	}
	r := redact.Must(redact.Credentials)
	out, _ := r.Attr(nil, slog.Any("setting", named{Name: "password", Value: "Rv6tQm2"}))
	if strings.Contains(out.Value.String(), "Rv6tQm2") {
		t.Errorf("named password: %v", out.Value)
	}
	out, ch := r.Attr(nil, slog.Any("setting", unnamed{Value: "v2-blue", Note: "password"}))
	if ch || !strings.Contains(out.Value.String(), "v2-blue") {
		t.Errorf("no name member, yet the value is masked: %v", out.Value)
	}
}

package redact_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
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
// names (the shallowest field wins, then the tagged one, else none; two tagged
// fields at one depth are not tested here, go vet refuses them), for
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

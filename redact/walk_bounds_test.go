package redact_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestWalkBounds: a Kubernetes Secret given as a map keeps its kind and
// name and masks its data, nothing else; a list is read as slog-style
// key-value pairs only when every key is an identifier; a card number as
// an integer is masked, zero is not.
func TestWalkBounds(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), redact.Must(redact.Credentials, redact.PCIDSS)))
	l.Info("m",
		"manifest", map[string]any{"kind": "Secret", "metadata": map[string]any{"name": "db"}, "data": map[string]any{"url": "cG9zdGdyZXM="}},
		"words", []any{"not an id", "v1", "token", "Zq9Xc81"},
		"args", []any{"user", "bob", "token", "Zq9Xc82"},
		"n", int64(4111111111111111), "zero", int64(0))
	var got map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
	require.Equal(t, map[string]any{"kind": "Secret", "metadata": map[string]any{"name": "db"}, "data": redact.DefaultMask}, got["manifest"])
	require.Equal(t, []any{"not an id", "v1", "token", "Zq9Xc81"}, got["words"], "a list whose keys are not all identifiers is no list of pairs")
	require.Equal(t, []any{"user", "bob", "token", redact.DefaultMask}, got["args"])
	require.Equal(t, redact.DefaultMask, got["n"])
	require.Equal(t, float64(0), got["zero"])
}

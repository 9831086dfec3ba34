package redact_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestCallerValuesUnchanged: redaction rebuilds values; the caller's map,
// slice and struct keep their secrets.
func TestCallerValuesUnchanged(t *testing.T) {
	m := map[string]any{"password": "p1", "nested": map[string]any{"token": "t1"}}
	s := []any{map[string]any{"secret": "s1"}}
	c := &creds{User: "u", Password: "c1"}
	var buf bytes.Buffer
	l := slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), nil))
	l.Info("m", "m", m, "s", s, "c", c)
	require.NotContains(t, buf.String(), "p1")
	require.Equal(t, "p1", m["password"])
	require.Equal(t, "t1", m["nested"].(map[string]any)["token"])
	require.Equal(t, "s1", s[0].(map[string]any)["secret"])
	require.Equal(t, "c1", c.Password)
}

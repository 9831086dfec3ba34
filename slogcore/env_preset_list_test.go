package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPresetListSkipsEmptyItems checks that a preset list with empty items,
// as scripts assemble them, applies the presets it names, through
// SinkOptions and through SLOGGUARD_REDACT.
func TestPresetListSkipsEmptyItems(t *testing.T) {
	for _, list := range []string{"pcidss,", ",pcidss", "credentials,,pcidss", " pcidss , ", "PCIDSS,,,"} {
		t.Run(list, func(t *testing.T) {
			o, err := SinkOptions(map[string]string{"redact": list})
			require.NoError(t, err)
			require.NotNil(t, o.Redact)
			var buf bytes.Buffer
			h := New(&buf, o)
			slog.New(h).Info("charge", "pan", "5555 5555 5555 4444")
			require.NoError(t, h.Close(context.Background()))
			require.NotContains(t, buf.String(), "5555 5555 5555 4444")

			env := map[string]string{EnvSinks: "discard", EnvRedact: list}
			_, closeFn, err := fromEnv(func(k string) string { return env[k] }, nil)
			require.NoError(t, err)
			require.NoError(t, closeFn(context.Background()))
		})
	}
}

// TestPresetListRefusals checks that a list naming no preset, or mixing off
// with presets, is refused with what to write instead.
func TestPresetListRefusals(t *testing.T) {
	for list, want := range map[string]string{
		",":              "names no preset",
		" , ,":           "names no preset",
		"gdpr,off":       "stands alone",
		"off,,hipaa":     "stands alone",
		"hipaa,nonesuch": `unknown preset "nonesuch"`,
	} {
		t.Run(list, func(t *testing.T) {
			_, err := SinkOptions(map[string]string{"redact": list})
			require.ErrorContains(t, err, want)
			require.ErrorContains(t, err, "want off")
			env := map[string]string{EnvSinks: "discard", EnvRedact: list}
			_, _, err = fromEnv(func(k string) string { return env[k] }, nil)
			require.ErrorContains(t, err, "slogcore: "+EnvRedact)
			require.ErrorContains(t, err, want)
		})
	}
}

package slogcore

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFromEnvBlankSinkVariableKeepsGlobal: a sink's variable that is
// empty or blank (as a deployment template leaves an optional override)
// is unset: the global setting still applies to that sink, so that an
// empty SLOGGUARD_<SINK>_REDACT never lowers redaction to the default.
func TestFromEnvBlankSinkVariableKeepsGlobal(t *testing.T) {
	var mu sync.Mutex
	var got map[string]string
	unregisterAfter(t, "probe")
	RegisterSink("probe", func(cfg map[string]string) (Sink, error) {
		if err := checkKeys("probe", cfg, "dsn"); err != nil {
			return nil, err
		}
		mu.Lock()
		got = cfg
		mu.Unlock()
		return discardSink{slog.DiscardHandler}, nil
	})
	for _, blank := range []string{"", " ", "\t"} {
		_, closeFn, err := fromEnvList(map[string]string{
			EnvSinks:                 "probe",
			EnvRedact:                "credentials,pcidss",
			EnvLevel:                 "debug",
			"SLOGGUARD_PROBE_REDACT": blank,
			"SLOGGUARD_PROBE_LEVEL":  blank,
			"SLOGGUARD_PROBE_DSN":    "mem://q",
			"SLOGGUARD_PROBE_QUEUE":  blank,
		})
		require.NoError(t, err, "blank %q", blank)
		require.NoError(t, closeFn(context.Background()))
		mu.Lock()
		require.Equal(t, map[string]string{"redact": "credentials,pcidss", "level": "debug", "dsn": "mem://q"}, got, "blank %q", blank)
		mu.Unlock()
	}
}

// TestFromEnvBlankRedactKeepsCardsMasked: the same through a built-in
// sink, end to end: the card number stays masked.
func TestFromEnvBlankRedactKeepsCardsMasked(t *testing.T) {
	path := t.TempDir() + "/app.log"
	logger, closeFn, err := fromEnvList(map[string]string{
		EnvSinks:                "file",
		EnvRedact:               "credentials,pcidss",
		"SLOGGUARD_FILE_PATH":   path,
		"SLOGGUARD_FILE_REDACT": "",
	})
	require.NoError(t, err)
	logger.Info("charge", "card", "5500 0055 5555 5559")
	require.NoError(t, closeFn(context.Background()))
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	data := string(raw)
	require.NotContains(t, data, "5500 0055 5555 5559")
	require.Contains(t, data, `"card":"[REDACTED]"`)
}

// TestSinkOptionsIgnoreSpaces: spaces around a shared setting are
// ignored, for a sink's variable as for a global one.
func TestSinkOptionsIgnoreSpaces(t *testing.T) {
	o, err := SinkOptions(map[string]string{"level": " debug ", "overflow": "drop-oldest\t", "queue": " 64", "redact": " off "})
	require.NoError(t, err)
	require.Equal(t, slog.LevelDebug, o.Level)
	require.Equal(t, DropOldest, o.Overflow)
	require.Equal(t, 64, o.QueueSize)
	require.Same(t, NoRedaction, o.Redact)
}

package slogcore

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRegistry(t *testing.T) {
	require.Subset(t, Sinks(), []string{"discard", "file", "stderr", "stdout"})
	s, err := OpenSink("DISCARD", nil) // names are case-insensitive
	require.NoError(t, err)
	require.NoError(t, s.Close(context.Background()))

	_, err = OpenSink("kafka", nil)
	require.ErrorContains(t, err, `unknown sink "kafka"`)
	require.ErrorContains(t, err, "registered: discard, file, stderr, stdout")

	// This test binary does not link slogaudit: the error names the import.
	_, err = OpenSink("audit", map[string]string{"path": "x"})
	require.ErrorContains(t, err, `import _ "github.com/slogguard/slogguard/slogaudit"`)

	require.PanicsWithValue(t, `slogcore: RegisterSink called twice for sink "stdout": register each name once, from the init function of the package that provides it (is that package linked under two import paths?)`, func() {
		RegisterSink("Stdout", func(map[string]string) (Sink, error) { return nil, nil })
	})
}

func TestFileSink(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	s, err := OpenSink("file", map[string]string{"path": path, "mode": "0640", "redact": "credentials,pcidss"})
	require.NoError(t, err)
	require.NoError(t, s.Handle(context.Background(), record("m", slog.String("card", "4111111111111111"))))
	require.NoError(t, s.Close(context.Background()))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(data), `"card":"[REDACTED]"`)
	fi, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o640), fi.Mode().Perm())

	_, err = OpenSink("file", nil)
	require.ErrorContains(t, err, "SLOGGUARD_FILE_PATH")
	_, err = OpenSink("file", map[string]string{"path": path, "mode": "rw"})
	require.ErrorContains(t, err, "want octal permissions")
}

func TestFromEnv(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.log"), filepath.Join(dir, "b.log")
	env := map[string]string{
		EnvSinks:              "file, discard",
		EnvLevel:              "warn",
		"SLOGGUARD_FILE_PATH": a,
	}
	environ := func() []string {
		var out []string
		for k, v := range env {
			out = append(out, k+"="+v)
		}
		return out
	}
	logger, closeFn, err := fromEnv(func(k string) string { return env[k] }, environ())
	require.NoError(t, err)
	logger.Info("hidden")
	logger.Warn("shown", "password", "p")
	require.NoError(t, closeFn(context.Background()))
	data, err := os.ReadFile(a)
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(data), "\n"))
	require.Contains(t, string(data), `"password":"[REDACTED]"`)

	// A sink's own variable wins over the global one.
	env["SLOGGUARD_FILE_PATH"], env["SLOGGUARD_FILE_LEVEL"] = b, "info"
	logger, closeFn, err = fromEnv(func(k string) string { return env[k] }, environ())
	require.NoError(t, err)
	logger.Info("shown")
	require.NoError(t, closeFn(context.Background()))
	data, err = os.ReadFile(b)
	require.NoError(t, err)
	require.Contains(t, string(data), `"msg":"shown"`)

	for variable, value := range map[string]string{EnvLevel: "loud", EnvRedact: "pci,nope", EnvOverflow: "spill", EnvQueue: "-3"} {
		bad := map[string]string{EnvSinks: "discard", variable: value}
		_, _, err := fromEnv(func(k string) string { return bad[k] }, nil)
		require.ErrorContains(t, err, variable)
		require.ErrorContains(t, err, "want")
	}
	_, _, err = fromEnv(func(k string) string { return map[string]string{EnvSinks: "nope"}[k] }, nil)
	require.ErrorContains(t, err, "registered:")
}

package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/stretchr/testify/require"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb, func(k string) string { return os.Getenv(k) })
	return code, out.String(), errb.String()
}

func readKey(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	b, err := hex.DecodeString(strings.TrimSpace(string(data)))
	require.NoError(t, err)
	return b
}

func TestKeygenAndVerify(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := runCLI("keygen", "-dir", dir)
	require.Equal(t, exitIntact, code)
	for _, name := range []string{"audit.hmac", "audit.ed25519", "audit.ed25519.pub"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), name)
		require.Contains(t, out, name)
	}
	code, _, errOut := runCLI("keygen", "-dir", dir)
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, "slogaudit: hint: choose another -dir")

	// Write a log with those keys.
	logPath, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
	cps, err := os.Create(cpPath)
	require.NoError(t, err)
	af, err := slogaudit.OpenFile(logPath)
	require.NoError(t, err)
	h, err := af.Handler(slogaudit.WithKey("k1", readKey(t, filepath.Join(dir, "audit.hmac"))),
		slogaudit.WithSigner(readKey(t, filepath.Join(dir, "audit.ed25519"))), slogaudit.WithCheckpoints(cps, 10, 0))
	require.NoError(t, err)
	for i := range 25 {
		slog.New(h).Info("event", "i", i)
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	require.NoError(t, cps.Close())

	args := []string{"verify", "-key-file", filepath.Join(dir, "audit.hmac"), "-pub", filepath.Join(dir, "audit.ed25519.pub"), "-checkpoints", cpPath}
	code, out, errOut = runCLI(append(args, logPath)...)
	require.Equal(t, exitIntact, code, "%s%s", out, errOut)
	require.Contains(t, out, "intact")
	require.Contains(t, out, "30 lines, 30 records") // start, 25, stop, 3 in-band checkpoints

	code, out, _ = runCLI(append(append(args, "-json"), logPath)...)
	require.Equal(t, exitIntact, code)
	var rep struct {
		Intact  bool  `json:"intact"`
		Records int64 `json:"records"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	require.True(t, rep.Intact)

	t.Setenv("AUDIT_KEY", strings.TrimSpace(string(must(os.ReadFile(filepath.Join(dir, "audit.hmac"))))))
	code, _, _ = runCLI("verify", "-key-env", "AUDIT_KEY", logPath)
	require.Equal(t, exitIntact, code)

	// Tamper: exit 1, each finding on its own line.
	data := must(os.ReadFile(logPath))
	require.NoError(t, os.WriteFile(logPath, bytes.Replace(data, []byte(`"i":7`), []byte(`"i":8`), 1), 0o600))
	code, out, _ = runCLI(append(args, logPath)...)
	require.Equal(t, exitTampered, code)
	require.Contains(t, out, ": modified: chain ")
	require.Contains(t, out, "TAMPERED: 1 findings")

	// Wrong key: every record is bad-mac.
	t.Setenv("OTHER_KEY", strings.Repeat("ab", 32))
	code, _, _ = runCLI("verify", "-key-env", "OTHER_KEY", logPath)
	require.Equal(t, exitTampered, code)
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{}, {"frobnicate"}, {"verify"}, {"verify", "/does/not/exist"}, {"verify", "-bogus", "x"},
		{"verify", "-key-file", "/does/not/exist", "x"}, {"verify", "-key-env", "NO_SUCH_VAR_XYZ", "x"},
		{"verify", "-key-file", "a", "-key-env", "b", "x"},
	} {
		code, _, errOut := runCLI(args...)
		require.Equal(t, exitUsage, code, "%v", args)
		if len(args) > 1 && args[1] != "-bogus" {
			require.Contains(t, errOut, "slogaudit: error: ", "%v", args)
		}
	}
	code, out, _ := runCLI("help")
	require.Equal(t, exitIntact, code)
	require.Contains(t, out, "exit status: 0 intact, 1 tampered, 2 unusable input or usage")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/stretchr/testify/require"
)

// TestVerifyLongLines: verify reads a record of several MiB by default, and
// -max-line-bytes turns a longer line into unusable input (exit 2), not
// tampering.
func TestVerifyLongLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	f, err := os.Create(path)
	require.NoError(t, err)
	h := slogaudit.Wrap(slog.NewJSONHandler(f, nil), slogaudit.WithMaxRecordSize(4<<20))
	slog.New(h).Info("big", "blob", strings.Repeat("x", 3<<20))
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, f.Close())

	code, out, errOut := runCLI(nil, "verify", path)
	require.Equal(t, exitIntact, code, "%s%s", out, errOut)
	require.Contains(t, out, "3 records")

	code, _, errOut = runCLI(nil, "verify", "-max-line-bytes", "1048576", path)
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, "verify: "+path+" line 2: line longer than -max-line-bytes 1048576\n")
	require.Equal(t, 1, strings.Count(errOut, "verify:"), "the command and the library both said verify: %s", errOut)
	require.Contains(t, errOut, "slogaudit: hint: raise -max-line-bytes")
}

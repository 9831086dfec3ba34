package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/stretchr/testify/require"
)

// rotatedSet writes chain "turnstile" in two runs over rotated files,
// with checkpoints, into a fresh key directory, and returns the
// directory, the rotated files (oldest first) and the checkpoint file.
func rotatedSet(t *testing.T, dir, cpName string) (files []string, cpPath string) {
	t.Helper()
	key := readKey(t, filepath.Join(dir, "audit.hmac"))
	signer := readKey(t, filepath.Join(dir, "audit.ed25519"))
	logPath := filepath.Join(dir, strings.TrimSuffix(cpName, ".checkpoints")+".log")
	cpPath = filepath.Join(dir, cpName)
	for run := range 2 {
		cf, err := slogaudit.OpenCheckpointFile(cpPath)
		require.NoError(t, err)
		af, err := slogaudit.OpenFile(logPath, slogaudit.WithRotateSize(1500))
		require.NoError(t, err)
		h, err := af.Handler(slogaudit.WithKey("k1", key), slogaudit.WithSigner(signer), slogaudit.WithChainID("turnstile"), slogaudit.WithCheckpoints(cf, 4, 0))
		require.NoError(t, err)
		for i := range 14 {
			slog.New(h).Info("badge read", "gate", run, "badge", 4100+i)
		}
		require.NoError(t, h.Close(context.Background()))
		require.NoError(t, af.Close())
		require.NoError(t, cf.Close())
	}
	files, err := slogaudit.RotatedFiles(logPath)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 5, "rotation happened")
	return files, cpPath
}

// findingLines returns the lines of verify's text output that list a
// finding, without information.
func findingLines(out string) []string {
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  ") && strings.Contains(l, ".log") && !strings.Contains(l, ": restart: ") {
			got = append(got, strings.TrimSpace(l))
		}
	}
	return got
}

// The verdict line and the findings of verify over a rotated set of
// files that an intruder edited: one finding line for each edit, naming
// its file and line, and a verdict that counts it.
func TestVerifyRotatedSetEdits(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := runCLI(nil, "keygen", "-dir", dir)
	require.Equal(t, exitIntact, code, errOut)
	files, cpPath := rotatedSet(t, dir, "audit.checkpoints")
	_, otherCP := rotatedSet(t, dir, "again.checkpoints")
	verify := func(cp string, files ...string) (int, string, string) {
		return runCLI(nil, append([]string{"verify", "-key", filepath.Join(dir, "audit.hmac"), "-pub", filepath.Join(dir, "audit.ed25519.pub"), "-checkpoints", cp}, files...)...)
	}

	code, out, errOut := verify(cpPath, files...)
	require.Equal(t, exitIntact, code, out+errOut)
	require.True(t, strings.HasSuffix(out, "intact: hashes, MACs, checkpoints and signatures checked\n"), out)

	// Passed out of order: verify reads rotated files oldest first.
	shuffled := slices.Clone(files)
	slices.Reverse(shuffled)
	code, out, errOut = verify(cpPath, shuffled...)
	require.Equal(t, exitIntact, code, out+errOut)

	// A file in the middle of the set deleted.
	mid := files[2]
	data, err := os.ReadFile(mid)
	require.NoError(t, err)
	require.NoError(t, os.Remove(mid))
	code, out, _ = verify(cpPath, slices.Delete(slices.Clone(files), 2, 3)...)
	require.Equal(t, exitTampered, code, out)
	got := findingLines(out)
	require.Len(t, got, 1, out)
	require.Contains(t, got[0], files[3]+":1: missing: chain turnstile seq ")
	require.Contains(t, got[0], " are not in the input (")
	require.True(t, strings.HasSuffix(out, "TAMPERED: 1 finding (1 missing)\n"), out)
	require.NoError(t, os.WriteFile(mid, data, 0o600))

	// The same file named twice: refused, nothing read.
	code, out, errOut = verify(cpPath, append(slices.Clone(files), files[1])...)
	require.Equal(t, exitUsage, code, out)
	require.Contains(t, errOut, "are the same file")

	// The checkpoint file of another run of the chain.
	code, out, _ = verify(otherCP, files...)
	require.Equal(t, exitTampered, code, out)
	got = findingLines(out)
	require.Len(t, got, 1, out)
	require.Contains(t, got[0], ": bad-checkpoint: chain turnstile seq ")
	require.Contains(t, got[0], "the checkpoint file is another log's")
	require.True(t, strings.HasSuffix(out, "TAMPERED: 1 finding (1 bad-checkpoint)\n"), out)
}

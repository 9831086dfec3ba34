package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/stretchr/testify/require"
)

// TestCheckpointFileTornTail: the process dies while appending to the
// checkpoint file (its last line is cut in the middle), then restarts:
// OpenCheckpointFile cuts the fragment off, the next checkpoint starts a
// line of its own, and the untouched log verifies intact. Without the
// restart, the verifier reports the cut line as torn-tail (information),
// as it does for the log's own last line.
func TestCheckpointFileTornTail(t *testing.T) {
	dir := t.TempDir()
	logPath, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	write := func(n int) {
		cf, err := slogaudit.OpenCheckpointFile(cpPath)
		require.NoError(t, err)
		af, err := slogaudit.OpenFile(logPath)
		require.NoError(t, err)
		h, err := af.Handler(slogaudit.WithKey("k1", key), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cf, 10, 0), slogaudit.WithChainID("app"))
		require.NoError(t, err)
		for i := range n {
			slog.New(h).Info("event", "i", i)
		}
		require.NoError(t, h.Close(context.Background()))
		require.NoError(t, af.Close())
		require.NoError(t, cf.Close())
	}
	write(25)
	// The crash: the checkpoint file's last line is cut in the middle.
	cps := must(os.ReadFile(cpPath))
	lastNL := bytes.LastIndexByte(cps[:len(cps)-1], '\n')
	cut := lastNL + 1 + (len(cps)-lastNL-1)/2
	require.NoError(t, os.Truncate(cpPath, int64(cut)))

	rep, err := slogaudit.VerifyFiles(context.Background(), []string{logPath}, slogaudit.VerifyOptions{Key: key, PublicKey: pub,
		Checkpoints: bytes.NewReader(must(os.ReadFile(cpPath)))})
	require.NoError(t, err)
	require.True(t, rep.Intact())
	torn := false
	for _, f := range rep.Findings {
		torn = torn || f.Kind == slogaudit.TornTail
	}
	require.True(t, torn, "the cut checkpoint line is not reported as torn-tail: %v", rep.Findings)

	write(25)
	rep, err = slogaudit.VerifyFiles(context.Background(), []string{logPath}, slogaudit.VerifyOptions{Key: key, PublicKey: pub,
		Checkpoints: bytes.NewReader(must(os.ReadFile(cpPath)))})
	t.Logf("VerifyFiles: %v", err)
	var kinds []string
	for _, f := range rep.Findings {
		kinds = append(kinds, string(f.Kind)+": "+f.Detail)
	}
	t.Logf("checkpoint file after the restart:\n%s", must(os.ReadFile(cpPath)))
	require.True(t, rep.Intact(), "untouched log reported tampered after a torn checkpoint line:\n%s", strings.Join(kinds, "\n"))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

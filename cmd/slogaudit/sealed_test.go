package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/stretchr/testify/require"
)

// TestVerifySealedRotated: a sealed log whose key was rotated verifies with
// -sealed and a key per id, and the summary says which key covered which
// seqs and how far the seals reach.
func TestVerifySealedRotated(t *testing.T) {
	d := newLogDir(t)
	k1, err := slogaudit.LoadKeyFile(d.hmac)
	require.NoError(t, err)
	k2, err := slogaudit.LoadKeyFile(d.otherHMAC)
	require.NoError(t, err)
	var buf bytes.Buffer
	h, err := slogaudit.New(slog.NewJSONHandler(&buf, nil), slogaudit.WithChainID("s"), slogaudit.WithKey("k1", k1), slogaudit.WithSealing(0, 3))
	require.NoError(t, err)
	for i := range 4 {
		slog.New(h).Info("event", "i", i)
	}
	require.NoError(t, h.RotateKey(context.Background(), "k2", k2, nil))
	slog.New(h).Info("after")
	require.NoError(t, h.Close(context.Background()))
	log := d.write(t, "sealed.log", buf.String())

	code, out, errOut := runCLI(nil, "verify", "-sealed", "-key", "k1="+d.hmac, "-key", "k2="+d.otherHMAC, log)
	require.Equal(t, exitIntact, code, "%s%s", out, errOut)
	require.Contains(t, out, `keys         "k1" seq 1 to `)
	require.Contains(t, out, `"k2" seq `)
	require.Contains(t, out, "sealed       up to seq ")

	code, out, _ = runCLI(nil, "verify", "-sealed", "-key", "k1="+d.hmac, log)
	require.Equal(t, exitTampered, code, out)
	require.Contains(t, out, `unknown-key`)
}

// TestVerifyRotatedSigner: checkpoints signed before and after a signer
// rotation verify with one -pub per signer, and not with one alone.
func TestVerifyRotatedSigner(t *testing.T) {
	d := newLogDir(t)
	k1, err := slogaudit.LoadKeyFile(d.hmac)
	require.NoError(t, err)
	k2, err := slogaudit.LoadKeyFile(d.otherHMAC)
	require.NoError(t, err)
	s1, err := slogaudit.LoadSignerFile(d.signer)
	require.NoError(t, err)
	s2, err := slogaudit.LoadSignerFile(filepath.Join(d.dir, "other.ed25519"))
	require.NoError(t, err)
	var buf, cps bytes.Buffer
	h, err := slogaudit.New(slog.NewJSONHandler(&buf, nil), slogaudit.WithChainID("r"), slogaudit.WithKey("k1", k1),
		slogaudit.WithSigner(s1), slogaudit.WithCheckpoints(&cps, 2, 0))
	require.NoError(t, err)
	slog.New(h).Info("before")
	require.NoError(t, h.RotateKey(context.Background(), "k2", k2, s2))
	slog.New(h).Info("after")
	require.NoError(t, h.Close(context.Background()))
	log := d.write(t, "rotated.log", buf.String())
	cpFile := d.write(t, "rotated.checkpoints", cps.String())

	args := []string{"verify", "-strict", "-key", "k1=" + d.hmac, "-key", "k2=" + d.otherHMAC, "-checkpoints", cpFile}
	code, out, errOut := runCLI(nil, append(args, "-pub", d.pub, "-pub", d.otherPub, log)...)
	require.Equal(t, exitIntact, code, "%s%s", out, errOut)
	code, out, _ = runCLI(nil, append(args, "-pub", d.pub, log)...)
	require.Equal(t, exitTampered, code, out)
	require.Contains(t, out, "bad-checkpoint")
}

package main

import (
	"bytes"
	"context"
	"log/slog"
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

package slogaudit

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// TestAuditSink: with slogaudit linked, OpenSink("audit") works, and
// FromEnv can fan out to it.
func TestAuditSink(t *testing.T) {
	dir := t.TempDir()
	keyFile, signer := filepath.Join(dir, "k.hmac"), filepath.Join(dir, "k.ed25519")
	require.NoError(t, os.WriteFile(keyFile, []byte(hex.EncodeToString(testKey)), 0o600))
	pub, priv, _ := ed25519.GenerateKey(nil)
	require.NoError(t, os.WriteFile(signer, []byte(hex.EncodeToString(priv)), 0o600))
	logPath, cps := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.cp")

	s, err := slogcore.OpenSink("audit", map[string]string{"path": logPath, "key_file": keyFile, "signer": signer,
		"checkpoints": cps, "policy": "basic", "sync": "each"})
	require.NoError(t, err)
	l := slogFor(s)
	l.Info("login", Actor("u"), Action(AuthenticationSuccess), Outcome(Success))
	require.NoError(t, s.Close(context.Background()))

	cpf, err := os.Open(cps)
	require.NoError(t, err)
	defer cpf.Close()
	rep, err := VerifyFiles(context.Background(), []string{logPath}, VerifyOptions{Key: testKey, PublicKey: pub, Checkpoints: cpf})
	require.NoError(t, err, "%v", rep.Findings)
	require.EqualValues(t, 2, rep.Checks.Signatures.Checked)

	_, err = slogcore.OpenSink("audit", map[string]string{"path": logPath, "policy": "pcidss"})
	require.ErrorContains(t, err, "PCI DSS 10.3.2", "a policy's configuration problems surface through the registry")
	_, err = slogcore.OpenSink("audit", map[string]string{"path": logPath, "sync": "sometimes"})
	require.ErrorContains(t, err, "want each, group or never")
	_, err = slogcore.OpenSink("audit", map[string]string{})
	require.ErrorContains(t, err, "SLOGGUARD_AUDIT_PATH")
}

func slogFor(s slogcore.Sink) *slog.Logger { return slog.New(s) }

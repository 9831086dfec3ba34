package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/stretchr/testify/require"
)

// fixtureV1 is a log written by the v1 writer (two runs of a program,
// checkpoints every 3 records), with its keys and checkpoint file.
const fixtureV1 = "testdata/format-v1/"

// TestFormatV1StillVerifies: logs written before v2 keep verifying, with
// their MACs and checkpoints, and a change to them is still found.
func TestFormatV1StillVerifies(t *testing.T) {
	key, err := LoadKeyFile(fixtureV1 + "audit.hmac")
	require.NoError(t, err)
	pub, err := LoadPublicKeyFile(fixtureV1 + "audit.ed25519.pub")
	require.NoError(t, err)
	opts := func() VerifyOptions {
		cps, err := os.Open(fixtureV1 + "audit.checkpoints")
		require.NoError(t, err)
		t.Cleanup(func() { cps.Close() })
		return VerifyOptions{Keys: map[string][]byte{"k1": key}, PublicKey: pub, Checkpoints: cps}
	}
	rep, err := VerifyFiles(context.Background(), []string{fixtureV1 + "audit.log"}, opts())
	require.NoError(t, err, "%v", rep.Findings)
	require.EqualValues(t, 16, rep.Records)
	require.EqualValues(t, 16, rep.Checks.MACs.Checked)
	require.Zero(t, rep.Checks.MACs.Failed)
	require.EqualValues(t, 4, rep.Checks.Checkpoints.Checked)
	require.EqualValues(t, 16, rep.Chains["orders"].Covered)

	data, err := os.ReadFile(fixtureV1 + "audit.log")
	require.NoError(t, err)
	require.Contains(t, string(data), `"v":1,`)
	tampered := filepath.Join(t.TempDir(), "audit.log")
	require.NoError(t, os.WriteFile(tampered, bytes.Replace(data, []byte(`"order":1002`), []byte(`"order":1003`), 1), 0o600))
	rep, err = VerifyFiles(context.Background(), []string{tampered}, opts())
	var te *TamperedError
	require.ErrorAs(t, err, &te)
	require.True(t, hasFinding(rep, Modified, 5), "%v", rep.Findings)
}

// TestFormatV2MACCoversVersionAndKeyID: the writer emits v2, and changing a
// record's "v" or "key" breaks its MAC, even when the verifier holds the
// same key under both ids.
func TestFormatV2MACCoversVersionAndKeyID(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithChainID("c"))
	for i := range 3 {
		slog.New(h).Info("event", "i", i)
	}
	require.NoError(t, h.Close(context.Background()))
	lines := strings.SplitAfter(buf.String(), "\n")
	require.Contains(t, lines[2], `"audit":{"v":2,`)
	keys := map[string][]byte{"k1": testKey, "k2": testKey}
	verifyBuf(t, buf.Bytes(), VerifyOptions{Keys: keys})

	for _, tc := range []struct {
		name, old, new string
		kind           FindingKind
	}{
		{"version 2 to 1", `"v":2,`, `"v":1,`, BadMAC},
		{"key id k1 to k2", `"key":"k1"`, `"key":"k2"`, BadMAC},
		{"unknown version", `"v":2,`, `"v":3,`, Malformed},
		{"no version", `"v":2,`, ``, Malformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edited := append([]string(nil), lines...)
			edited[2] = strings.Replace(edited[2], tc.old, tc.new, 1)
			rep, err := Verify(context.Background(), strings.NewReader(strings.Join(edited, "")), VerifyOptions{Keys: keys})
			require.Error(t, err)
			require.True(t, hasFinding(rep, tc.kind, 3), "%v", rep.Findings)
		})
	}
	require.Equal(t, chain.V2, chain.Current)
}

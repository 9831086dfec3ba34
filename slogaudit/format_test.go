package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/stretchr/testify/require"
)

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
		// Its content then fails its hash too, which covers the version:
		// one finding, modified, naming the member.
		{"version 2 to 1", `"v":2,`, `"v":1,`, Modified},
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

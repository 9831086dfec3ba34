package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestResumeRefusesKeyThatMadeNoneOfTheChain restarts a File's chain with
// key bytes that differ from the ones that wrote it under the same key id
// (a key file regenerated between two runs): every record written with
// them would verify as bad-mac, so the untouched log would read as
// tampered. The handler is refused, and the log stays intact.
func TestResumeRefusesKeyThatMadeNoneOfTheChain(t *testing.T) {
	regenerated := []byte("a regenerated key of 32 bytes!!!")
	cases := []struct {
		name     string
		first    func(t *testing.T, h *Handler)
		id       string
		key      []byte
		refused  bool
		keys     map[string][]byte // to verify the log with
		contains string
	}{
		{name: "same id, other bytes", id: "ops", key: regenerated, refused: true,
			keys: map[string][]byte{"ops": testKey}, contains: `key id "ops"`},
		{name: "same id, same bytes", id: "ops", key: testKey,
			keys: map[string][]byte{"ops": testKey}},
		{name: "new id, new bytes", id: "ops-2027", key: regenerated,
			keys: map[string][]byte{"ops": testKey, "ops-2027": regenerated}},
		{name: "rotated id, other bytes", id: "next", key: regenerated, refused: true,
			first: func(t *testing.T, h *Handler) {
				require.NoError(t, h.RotateKey(context.Background(), "next", testKey2, nil))
				slog.New(h).Info("after rotation")
			},
			keys: map[string][]byte{"ops": testKey, "next": testKey2}, contains: `key id "next"`},
		{name: "rotated id, its bytes", id: "next", key: testKey2,
			first: func(t *testing.T, h *Handler) {
				require.NoError(t, h.RotateKey(context.Background(), "next", testKey2, nil))
			},
			keys: map[string][]byte{"ops": testKey, "next": testKey2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := OpenFile(path)
			require.NoError(t, err)
			h, err := af.Handler(WithKey("ops", testKey), WithChainID("payments"))
			require.NoError(t, err)
			slog.New(h).Info("before restart", "order", 7)
			if tc.first != nil {
				tc.first(t, h)
			}
			require.NoError(t, h.Close(ctx))
			require.NoError(t, af.Close())
			before, err := os.ReadFile(path)
			require.NoError(t, err)

			af, err = OpenFile(path)
			require.NoError(t, err)
			defer af.Close()
			h, err = af.Handler(WithKey(tc.id, tc.key))
			if tc.refused {
				require.Error(t, err)
				require.Contains(t, err.Error(), tc.contains)
				require.Contains(t, err.Error(), "payments")
				require.NoError(t, af.Close())
				after, rerr := os.ReadFile(path)
				require.NoError(t, rerr)
				require.True(t, bytes.Equal(before, after), "a refused handler wrote to the log")
			} else {
				require.NoError(t, err)
				slog.New(h).Info("after restart")
				require.NoError(t, h.Close(ctx))
				require.NoError(t, af.Close())
			}
			rep, err := VerifyFiles(ctx, []string{path}, VerifyOptions{Keys: tc.keys})
			require.NoError(t, err)
			require.True(t, rep.Intact(), "%v", rep.Findings)
		})
	}
}

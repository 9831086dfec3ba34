package slogaudit

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRotatedByOtherEndsInFragment: another process rotates the log and
// crashes in the middle of its first record in the new file. A File whose
// next write rotates finds the log rotated already and goes on in the new
// file: it must close the fragment at its end with a newline and name it,
// not glue its record onto it.
func TestRotatedByOtherEndsInFragment(t *testing.T) {
	for _, frag := range []string{`{"audit":{"chain":"other","hash":"Zm9v`, `{"action":"read","audit":{"chain":"other"`, `{`} {
		t.Run(frag, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := OpenFile(path, WithRotateSize(2000))
			require.NoError(t, err)
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("mine"))
			require.NoError(t, err)
			slog.New(h).Info("before", "pad", strings.Repeat("a", 300))

			// The other process: rotates, then dies mid-record.
			require.NoError(t, os.Rename(path, path+".000001"))
			require.NoError(t, os.WriteFile(path, []byte(frag), 0o600))

			slog.New(h).Info("after", "pad", strings.Repeat("b", 1800)) // rotates: the log is rotated already
			slog.New(h).Info("after", "n", 2)
			require.NoError(t, h.Close(ctx))
			require.NoError(t, af.Close())

			paths, err := RotatedFiles(path)
			require.NoError(t, err)
			rep, err := VerifyFiles(ctx, paths, VerifyOptions{Key: testKey})
			require.NoError(t, err, "%v", rep.Findings)
			require.True(t, rep.Intact(), "%v", rep.Findings)
			require.Len(t, findingsOf(rep, Torn), 1, "%v", rep.Findings)
		})
	}
}

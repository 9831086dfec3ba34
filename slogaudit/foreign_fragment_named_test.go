package slogaudit

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestForeignFragmentNamedByTheRecordThatClosedIt: a process crashes
// mid-record; a second one's next record closes the fragment with its
// newline, and the second crashes before it logs again. The fragment is
// no longer at the file's end, where a restart would find it: the
// audit.gap that names it follows the record that closed it at once, so
// the log still verifies intact, the fragment torn and named.
func TestForeignFragmentNamedByTheRecordThatClosedIt(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "audit.log")
	b, err := OpenFile(path)
	require.NoError(t, err)
	hb, err := b.Handler(WithKey("k1", testKey), WithChainID("b"))
	require.NoError(t, err)
	slog.New(hb).Info("b", "n", 1)

	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"action":"x","audit":{"chain":"a","hash":"Zm9v`) // process a crashed here
	require.NoError(t, err)
	require.NoError(t, f.Close())

	slog.New(hb).Info("b", "n", 2) // closes a's fragment
	crashFile(t, b)                // crashes before its next record

	for _, id := range []string{"b", "a"} {
		af, err := OpenFile(path)
		require.NoError(t, err)
		h, err := af.Handler(WithKey("k1", testKey), WithChainID(id))
		require.NoError(t, err)
		slog.New(h).Info(id, "restarted", true)
		require.NoError(t, h.Close(ctx))
		require.NoError(t, af.Close())
	}
	rep, err := VerifyFiles(ctx, []string{path}, VerifyOptions{Key: testKey})
	require.NoError(t, err, "%v", rep.Findings)
	require.True(t, rep.Intact(), "%v", rep.Findings)
	require.Len(t, findingsOf(rep, Torn), 1, "%v", rep.Findings)
}

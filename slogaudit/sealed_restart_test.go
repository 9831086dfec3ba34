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

// TestSealedRestartAfterCrash: a process logging WithSealing stops at
// any point (closed, a seal line torn, right after a seal, in an unsealed
// epoch, a record torn after a seal); the restart, File.Handler with the
// same options and no chain id, starts a chain of its own (a sealed chain
// is never resumed) instead of failing, and the log verifies with the
// initial key: intact, the torn line named, the unsealed tail of the
// crashed chain said as information.
func TestSealedRestartAfterCrash(t *testing.T) {
	for _, cut := range []string{"closed", "a seal line torn", "right after a seal", "unsealed records after a seal", "a record torn after a seal"} {
		t.Run(cut, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := OpenFile(path)
			require.NoError(t, err)
			h, err := af.Handler(WithKey("k1", testKey), WithSealing(0, 4))
			require.NoError(t, err)
			first := h.Head().Chain
			for i := range 11 {
				slog.New(h).Info("badge", "door", i)
			}
			require.NoError(t, h.Close(context.Background()))
			require.NoError(t, af.Close())
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			ls := strings.SplitAfter(string(data), "\n")
			seal := -1 // the last seal with two lines after it
			for i, l := range ls[:len(ls)-3] {
				if strings.Contains(l, `"msg":"audit.seal"`) {
					seal = i
				}
			}
			require.Positive(t, seal)
			torn, unsealed := false, true
			switch cut {
			case "closed":
				unsealed = false
			case "a seal line torn":
				data, torn = []byte(strings.Join(ls[:seal], "")+ls[seal][:len(ls[seal])/2]), true
			case "right after a seal":
				data, unsealed = []byte(strings.Join(ls[:seal+1], "")), false
			case "unsealed records after a seal":
				data = []byte(strings.Join(ls[:seal+2], ""))
			case "a record torn after a seal":
				// The fragment is no record: the chain ends sealed.
				data, torn, unsealed = []byte(strings.Join(ls[:seal+1], "")+ls[seal+1][:30]), true, false
			}
			require.NoError(t, os.WriteFile(path, data, 0o600))

			af, err = OpenFile(path)
			require.NoError(t, err)
			h, err = af.Handler(WithKey("k1", testKey), WithSealing(0, 4))
			require.NoError(t, err)
			require.NotEqual(t, first, h.Head().Chain)
			for i := range 6 {
				slog.New(h).Info("badge", "door", 100+i)
			}
			require.NoError(t, h.Close(context.Background()))
			require.NoError(t, af.Close())

			rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey, Sealed: true})
			require.NoError(t, err, "%v", rep.Findings)
			require.True(t, rep.Intact())
			require.Equal(t, torn, len(findingsOf(rep, Torn)) == 1, "%v", rep.Findings)
			require.Equal(t, unsealed, len(findingsOf(rep, UnsealedTail)) == 1, "%v", rep.Findings)
		})
	}
}

package slogaudit_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/slogaudit"
)

// Handlers of one File made by default (each takes the file's last chain,
// or starts one) while others write, rotate and close: none continues a
// chain from a head older than the one its last writer left, which would
// fork it. Before, the files were read for the head while a rotation could
// rename the current one (its records were then read under neither name),
// and the old head found replaced the newer one a handler had closed with
// meanwhile.
func TestDefaultHandlersRacingRotationDoNotFork(t *testing.T) {
	key := []byte("fork-race-eleven-key-0123456789ab")
	for iter := range 30 {
		path := filepath.Join(t.TempDir(), "audit.log")
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(700), slogaudit.WithFileSync(slogaudit.SyncNever()))
		require.NoError(t, err)
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for round := range 4 {
					h, err := af.Handler(slogaudit.WithKey("k11", key))
					if err != nil {
						continue
					}
					l := slog.New(h)
					for i := range 4 + g%3 {
						l.Info("race", "g", g, "round", round, "i", i, "note", "\u00e9\u2028")
					}
					require.NoError(t, h.Close(context.Background()))
				}
			}()
		}
		wg.Wait()
		require.NoError(t, af.Close())
		paths, err := slogaudit.RotatedFiles(path)
		require.NoError(t, err)
		rep, err := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Key: key})
		require.NoError(t, err, "iteration %d: %s", iter, fmt.Sprint(mvSigns(rep.Findings)))
	}
}

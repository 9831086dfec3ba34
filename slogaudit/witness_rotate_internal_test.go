package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/internal/chain"
)

// Guards against false errors while a witness catches up: a witness that
// knows an old size gets a consistency proof built from the log's files,
// on the witness goroutine, while the handler goes on logging and
// rotating. Reading a file list that a rotation made stale in the middle
// ("chain payments has seq 131 where seq 125 was due", "no such file or
// directory") was reported to OnError as a broken log although the log
// verifies. Here the proof is built again and again while records are
// logged with a rotation every few records: every proof must succeed.
func TestWitnessConsistencyRacesRotation(t *testing.T) {
	c := newCPLog(t)
	w := newTestWitness(t, "w1.example")
	w.addLog(t, "audit.example.com/app/payments", c.pub)
	af, err := OpenFile(c.log, WithRotateSize(900), WithFileSync(SyncNever()))
	require.NoError(t, err)
	cf, err := OpenCheckpointFile(c.cps)
	require.NoError(t, err)
	h, err := af.Handler(WithKey("k1", testKey), WithSigner(c.priv), WithCheckpoints(cf, 10, 0), WithChainID("payments"),
		WithLogName("audit.example.com/app"), WithWitnesses(1, w.witness()), OnError(func(error) {}))
	require.NoError(t, err)
	l := slog.New(h)
	for i := range 60 {
		l.Info("payment", "i", i, "pad", strings.Repeat("p", 200))
	}
	h.st.mu.Lock()
	wc := h.st.merkle.witness
	head := chain.TreeHead{Size: h.st.merkle.tree.Size(), Root: h.st.merkle.tree.Root()}
	h.st.mu.Unlock()
	require.NotNil(t, wc)

	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := range 600 {
			l.Info("payment", "i", i, "pad", strings.Repeat("p", 200))
		}
	}()
	proofs, failures := 0, 0
	for {
		select {
		case <-done:
		default:
			if _, err := wc.consistency(5, head); err != nil {
				failures++
				if failures <= 3 {
					t.Errorf("consistency proof %d failed while the log rotates: %v", proofs, err)
				}
			}
			proofs++
			continue
		}
		break
	}
	wg.Wait()
	t.Logf("%d proofs, %d failed", proofs, failures)
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	require.NoError(t, cf.Close())
	paths, err := RotatedFiles(c.log)
	require.NoError(t, err)
	t.Logf("%d files", len(paths))
	require.Greater(t, len(paths), 40, "the log rotated while the proofs were read")
	cps, err := os.ReadFile(c.cps)
	require.NoError(t, err)
	rep, err := VerifyFiles(context.Background(), paths, VerifyOptions{Key: testKey, PublicKey: c.pub, Checkpoints: bytes.NewReader(cps)})
	require.NoError(t, err, "%v", rep.Findings)
}

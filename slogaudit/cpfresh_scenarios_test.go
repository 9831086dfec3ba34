package slogaudit_test

import (
	"context"
	"crypto/ed25519"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// CheckpointFile "remembers the last checkpoint of every chain, so that a
// restarted handler refuses to sign a checkpoint that contradicts it". The
// log of chain svc is deleted (all its records removed) and the service
// restarts with the same chain id and checkpoint file: the handler starts
// svc again at seq 1 and must refuse to sign checkpoints that contradict
// the ones signed for the deleted records (ErrInconsistent).
func TestFreshChainContradictsCheckpointFile(t *testing.T) {
	dir := t.TempDir()
	path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.cp")
	_, priv, _ := ed25519.GenerateKey(nil)
	var errs []error
	run := func() slogaudit.Stats {
		af, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cp, err := slogaudit.OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cp, 3, 0),
			slogaudit.OnError(func(err error) { errs = append(errs, err) }))
		if err != nil {
			t.Fatal(err)
		}
		for range 7 {
			slog.New(h).Info("event")
		}
		h.Close(context.Background())
		st := h.Stats()
		af.Close()
		cp.Close()
		return st
	}
	run()
	os.Remove(path)
	st := run()
	refused := false
	for _, e := range errs {
		t.Logf("handler error: %v", e)
		refused = refused || errors.Is(e, slogaudit.ErrInconsistent)
	}
	t.Logf("second run: %d checkpoints, %d refused", st.Checkpoints, st.CheckpointsRefused)
	if !refused || st.CheckpointsRefused == 0 {
		t.Fatal("the restarted handler signed checkpoints of chain svc that contradict the checkpoint file")
	}
}

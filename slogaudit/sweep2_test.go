package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// A crash can cut the checkpoint file's last line at any byte: at every
// offset, a restart that logs (and checkpoints again) must leave a log
// that verifies as intact with that checkpoint file.
func TestSweepTornCheckpointFileEveryOffset(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	dir := t.TempDir()
	write := func(logPath, cpPath string, n int) {
		t.Helper()
		cf, err := slogaudit.OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		af, err := slogaudit.OpenFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cf, 4, 0), slogaudit.WithChainID("c"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			slog.New(h).Info("e", "i", i)
		}
		h.Close(context.Background())
		af.Close()
		cf.Close()
	}
	baseLog, baseCP := filepath.Join(dir, "base.log"), filepath.Join(dir, "base.cp")
	write(baseLog, baseCP, 6)
	logData, _ := os.ReadFile(baseLog)
	cpData, _ := os.ReadFile(baseCP)
	body := bytes.TrimSuffix(cpData, []byte("\n"))
	start := bytes.LastIndexByte(body, '\n') + 1
	for keep := 0; keep <= len(body)-start; keep += 1 + keep/40 {
		logPath, cpPath := filepath.Join(dir, "l.log"), filepath.Join(dir, "l.cp")
		os.Remove(logPath + ".000001")
		os.WriteFile(logPath, logData, 0o600)
		os.WriteFile(cpPath, cpData[:start+keep], 0o600)
		write(logPath, cpPath, 6)
		cps, _ := os.ReadFile(cpPath)
		rep, err := slogaudit.VerifyFiles(context.Background(), []string{logPath}, slogaudit.VerifyOptions{Key: rtKey, PublicKey: pub, Checkpoints: bytes.NewReader(cps)})
		if err != nil || !rep.Intact() {
			t.Fatalf("checkpoint line cut to %d of %d bytes: %v %v", keep, len(body)-start, err, rep.Findings)
		}
	}
}

// Two processes append to one file at once, each with its own chain (the
// documentation allows it): every record of both chains is there and
// the file verifies.
func TestTwoWritersOneFileConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for run := range 3 {
				af, err := slogaudit.OpenFile(path, slogaudit.WithFileSync(slogaudit.SyncNever()))
				if err != nil {
					t.Error(err)
					return
				}
				h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(fmt.Sprintf("w%d", w)))
				if err != nil {
					t.Error(err)
					return
				}
				for i := range 300 {
					slog.New(h).Info("e", "w", w, "run", run, "i", i)
				}
				if err := h.Close(context.Background()); err != nil {
					t.Error(err)
				}
				af.Close()
			}
		}()
	}
	wg.Wait()
	rtIntact(t, path)
	rep, _ := rtVerify(t, path)
	if rep.Records < 2*3*302 {
		t.Fatalf("%d records, want %d", rep.Records, 2*3*302)
	}
}

package slogaudit_test

// Scenarios: can the recovery of torn lines and heads be abused to hide
// edits?

import (
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// The last three records, covered by a signed checkpoint kept apart, are
// replaced with one non-JSON line before a restart, which names it as
// torn. The checkpoint must still expose the removal.
func TestTornHidesRecordsCoveredByCheckpoint(t *testing.T) {
	dir := t.TempDir()
	path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.cp")
	pub, priv, _ := ed25519.GenerateKey(nil)
	run := func(n int) {
		af, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cp, err := slogaudit.OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		var errs []error
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cp, 5, 0), slogaudit.OnError(func(e error) { errs = append(errs, e) }))
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			slog.New(h).Info("event", "i", i)
		}
		h.Close(context.Background())
		af.Close()
		cp.Close()
		for _, e := range errs {
			t.Logf("handler error: %v", e)
		}
	}
	run(9) // seq 1 start, 2..10 events, checkpoint at 5 and 10, 11 stop (+checkpoint?)
	b, _ := os.ReadFile(path)
	lines := strings.SplitAfter(strings.TrimSuffix(string(b), "\n"), "\n")
	keep := strings.Join(lines[:len(lines)-4], "")
	os.WriteFile(path, []byte(keep+"xx garbage\n"), 0o600)
	run(8)
	cpf, _ := os.Open(cpPath)
	defer cpf.Close()
	rep, err := slogaudit.VerifyFiles(context.Background(), []string{path}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}, PublicKey: pub, Checkpoints: cpf})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err == nil || rep.Intact() {
		t.Fatal("records covered by a checkpoint replaced by a 'torn' line: verifies as intact")
	}
}

// A genuine old record of the chain replayed as the file's last line
// (without its newline, so that OpenFile takes it for the head) before a
// restart: the handler resumes from it, forking the chain. The verifier
// must report it.
func TestReplayedHeadWithoutNewline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 6, 1, slogaudit.WithChainID("svc"))
	b, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(b), "\n")
	old := strings.TrimSuffix(lines[2], "\n")
	os.WriteFile(path, append(b, old...), 0o600)
	rtWrite(t, path, 3, 1, slogaudit.WithChainID("svc"))
	mustNotBeIntact(t, "replayed old record made the head", path)
}

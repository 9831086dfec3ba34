package slogaudit_test

// Scenarios: restarts combined with checkpoints, rotation, key rotation,
// retention and shared files. Each test states the scenario and the
// verdict the documentation promises.

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
)

// Checkpoints signed across restarts and rotations, kept in a
// CheckpointFile: the untouched log and checkpoints verify.
func TestCheckpointsRestartRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	cpPath := filepath.Join(dir, "audit.cp")
	pub, priv, _ := ed25519.GenerateKey(nil)
	for run := range 3 {
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(2<<10))
		if err != nil {
			t.Fatal(err)
		}
		cp, err := slogaudit.OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cp, 4, 0))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 11 {
			slog.New(h).Info("event", "run", run, "i", i, "pad", strings.Repeat("p", 90))
		}
		if run != 1 {
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
		} // run 1 crashes
		af.Close()
		cp.Close()
	}
	paths, _ := slogaudit.RotatedFiles(path)
	cpf, _ := os.Open(cpPath)
	defer cpf.Close()
	rep, err := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}, PublicKey: pub, Checkpoints: cpf, RequireCheckpoints: true})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log with checkpoints across restarts/rotation not intact: %v", err)
	}
}

// RotateKey to k2, then a restart configured with k2 (the operator updated
// the configuration): the log verifies with both keys.
func TestRotateKeyThenRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	k2 := bytes.Repeat([]byte{9}, 32)
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("before")
	if err := h.RotateKey(context.Background(), "k2", k2, nil); err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("after")
	h.Close(context.Background())
	af.Close()
	for range 2 {
		af, err = slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		h, err = af.Handler(slogaudit.WithKey("k2", k2), slogaudit.WithChainID("svc"))
		if err != nil {
			t.Fatal(err)
		}
		slog.New(h).Info("restarted")
		h.Close(context.Background())
		af.Close()
	}
	rep, err := slogaudit.VerifyFiles(context.Background(), []string{path}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey, "k2": k2}})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log not intact: %v", err)
	}
}

// Two processes share one file with chain ids "busy" and "quiet". quiet
// logs first; busy's records rotate the file several times; Prune (by
// busy's handler) removes the old files, declaring quiet's head in
// ends_at. quiet then restarts: it must continue its chain, and the
// remaining files must verify.
func TestPruneQuietChainRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	open := func() *slogaudit.File {
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(2<<10), slogaudit.WithRetention(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		return af
	}
	af := open()
	hq, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("quiet"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(hq).Info("quiet event")
	hq.Close(context.Background())
	af.Close()

	af = open()
	hb, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("busy"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		slog.New(hb).Info("busy event", "i", i, "pad", strings.Repeat("b", 100))
	}
	removed, err := af.Prune(context.Background(), time.Now().Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("removed %v", removed)
	hb.Close(context.Background())
	af.Close()

	af = open()
	hq, err = af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("quiet"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("quiet resumes at %+v", hq.Head())
	slog.New(hq).Info("quiet again")
	hq.Close(context.Background())
	af.Close()
	paths, _ := slogaudit.RotatedFiles(path)
	rtIntact(t, paths...)
}

// The same with one chain: rotation, Prune, restart, rotation, Prune
// again (removing the file that held the first retention.applied).
func TestPruneTwiceAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	for run := range 3 {
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(2<<10), slogaudit.WithRetention(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 40 {
			slog.New(h).Info("event", "run", run, "i", i, "pad", strings.Repeat("b", 100))
		}
		removed, err := af.Prune(context.Background(), time.Now().Add(2*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("run %d removed %d", run, len(removed))
		h.Close(context.Background())
		af.Close()
		paths, _ := slogaudit.RotatedFiles(path)
		rtIntact(t, paths...)
	}
}

// As TestPruneQuietChainRestart, with signed checkpoints kept apart. Prune
// removed the files that held chain quiet's records (the retention.applied
// record names quiet's head in ends_at): File.Handler must resume quiet
// from that head, not from genesis, or its new records contradict the
// checkpoints signed for the old ones (bad-checkpoint on an untouched
// log).
func TestPruneQuietChainRestartCheckpoints(t *testing.T) {
	dir := t.TempDir()
	path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.cp")
	pub, priv, _ := ed25519.GenerateKey(nil)
	open := func() (*slogaudit.File, *slogaudit.CheckpointFile) {
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(2<<10), slogaudit.WithRetention(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		cp, err := slogaudit.OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		return af, cp
	}
	handler := func(af *slogaudit.File, cp *slogaudit.CheckpointFile, id string) *slogaudit.Handler {
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(id), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cp, 2, 0),
			slogaudit.OnError(func(err error) { t.Logf("%s handler error: %v", id, err) }))
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	af, cp := open()
	hq := handler(af, cp, "quiet")
	slog.New(hq).Info("quiet event")
	slog.New(hq).Info("quiet event")
	hq.Close(context.Background())
	af.Close()
	cp.Close()

	af, cp = open()
	hb := handler(af, cp, "busy")
	for i := range 60 {
		slog.New(hb).Info("busy event", "i", i, "pad", strings.Repeat("b", 100))
	}
	if _, err := af.Prune(context.Background(), time.Now().Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	hb.Close(context.Background())
	af.Close()
	cp.Close()

	af, cp = open()
	hq = handler(af, cp, "quiet")
	t.Logf("quiet resumes at seq %d", hq.Head().Seq)
	for range 4 {
		slog.New(hq).Info("quiet again")
	}
	hq.Close(context.Background())
	af.Close()
	cp.Close()

	paths, _ := slogaudit.RotatedFiles(path)
	cpf, _ := os.Open(cpPath)
	defer cpf.Close()
	rep, err := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}, PublicKey: pub, Checkpoints: cpf})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched pruned log with checkpoints not intact: %v", err)
	}
}

// One chain with signed checkpoints (in-band and in a CheckpointFile),
// rotation, Prune, restart, Prune again: the handler keeps signing
// (nothing refused) and the untouched remaining files verify with the
// checkpoints.
func TestPruneRestartCheckpoints(t *testing.T) {
	dir := t.TempDir()
	path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.cp")
	pub, priv, _ := ed25519.GenerateKey(nil)
	for run := range 3 {
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(2<<10), slogaudit.WithRetention(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		cp, err := slogaudit.OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cp, 7, 0),
			slogaudit.OnError(func(err error) { t.Errorf("run %d handler error: %v", run, err) }))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 30 {
			slog.New(h).Info("event", "run", run, "i", i, "pad", strings.Repeat("b", 100))
		}
		if _, err := af.Prune(context.Background(), time.Now().Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			slog.New(h).Info("after prune", "i", i)
		}
		h.Close(context.Background())
		if s := h.Stats(); s.CheckpointsRefused > 0 {
			t.Errorf("run %d: %d checkpoints refused", run, s.CheckpointsRefused)
		}
		af.Close()
		cp.Close()
	}
	paths, _ := slogaudit.RotatedFiles(path)
	cpf, _ := os.Open(cpPath)
	defer cpf.Close()
	rep, err := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}, PublicKey: pub, Checkpoints: cpf})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched pruned log with checkpoints not intact: %v", err)
	}
}

// RotateKey to k2 and a new signer, then restarts (configured with k2 and
// the new signer) with rotation and Prune: nothing refused, and the log
// verifies with both public keys and the checkpoint file.
func TestRotateSignerRestartPrune(t *testing.T) {
	dir := t.TempDir()
	path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.cp")
	pub1, priv1, _ := ed25519.GenerateKey(nil)
	pub2, priv2, _ := ed25519.GenerateKey(nil)
	k2 := bytes.Repeat([]byte{9}, 32)
	for run := range 3 {
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(2<<10), slogaudit.WithRetention(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		cp, err := slogaudit.OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		id, key, priv := "k1", rtKey, priv1
		if run > 0 {
			id, key, priv = "k2", k2, priv2
		}
		h, err := af.Handler(slogaudit.WithKey(id, key), slogaudit.WithChainID("svc"), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cp, 7, 0),
			slogaudit.OnError(func(err error) { t.Errorf("run %d handler error: %v", run, err) }))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 25 {
			slog.New(h).Info("event", "run", run, "i", i, "pad", strings.Repeat("b", 100))
			if run == 0 && i == 20 {
				if err := h.RotateKey(context.Background(), "k2", k2, priv2); err != nil {
					t.Fatal(err)
				}
			}
		}
		if run == 2 {
			if _, err := af.Prune(context.Background(), time.Now().Add(2*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		h.Close(context.Background())
		if s := h.Stats(); s.CheckpointsRefused > 0 {
			t.Errorf("run %d: %d checkpoints refused", run, s.CheckpointsRefused)
		}
		af.Close()
		cp.Close()
	}
	paths, _ := slogaudit.RotatedFiles(path)
	cpf, _ := os.Open(cpPath)
	defer cpf.Close()
	rep, err := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey, "k2": k2}, PublicKey: pub1, PublicKeys: []ed25519.PublicKey{pub2}, Checkpoints: cpf})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log not intact: %v", err)
	}
}

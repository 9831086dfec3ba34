package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

// TestCheckpointFileFailedWrite: a checkpoint whose write to the
// CheckpointFile stops part-way (a full disk) must leave nothing for the
// next checkpoint to be glued onto. Before, the fragment stayed, the next
// checkpoint was appended to it, and the untouched log verified as
// TAMPERED (bad-checkpoint: invalid JSON) with that checkpoint lost. The
// fragment is cut off; where the file cannot be cut (append-only), it
// stays on a line of its own, which the verifier reports as torn, not as
// tampering; a write that failed after every byte reached the file is a
// written checkpoint. A restart over the file goes on, and the log
// verifies with it.
func TestCheckpointFileFailedWrite(t *testing.T) {
	for _, c := range []struct {
		name        string
		half        bool // the write stops halfway (else: all of it reaches the file)
		cutFails    bool
		torn, notes int // torn lines, and whole checkpoints in the file after both runs (12 without a fault)
	}{
		{name: "cut off", half: true, notes: 11},
		{name: "cannot be cut", half: true, cutFails: true, torn: 1, notes: 11},
		{name: "all written, then an error", notes: 12},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
			pub, priv, _ := ed25519.GenerateKey(nil)
			for run := range 2 {
				af, err := OpenFile(path, WithFileSync(SyncNever()))
				if err != nil {
					t.Fatal(err)
				}
				cf, err := OpenCheckpointFile(cpPath)
				if err != nil {
					t.Fatal(err)
				}
				if run == 0 {
					writes := 0
					var once sync.Once
					cf.inject = func(f *os.File, p []byte) (int, error) {
						if writes++; writes != 3 || len(p) < 2 {
							return f.Write(p)
						}
						fail := false
						once.Do(func() { fail = true })
						if !fail {
							return f.Write(p)
						}
						if !c.half {
							n, _ := f.Write(p)
							return n, syscall.EIO
						}
						n, _ := f.Write(p[:len(p)/2])
						return n, syscall.ENOSPC
					}
					if c.cutFails {
						cf.injectTruncate = func(*os.File, int64) error { return syscall.EPERM }
					}
				}
				h, err := af.Handler(WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(cf, 4, 0), WithChainID("c"), OnError(func(error) {}))
				if err != nil {
					t.Fatal(err)
				}
				l := slog.New(h)
				for i := range 20 {
					l.Info("event", "run", run, "i", i)
				}
				_ = h.Close(context.Background())
				if err := cf.Close(); err != nil {
					t.Fatal(err)
				}
				if err := af.Close(); err != nil {
					t.Fatal(err)
				}
			}
			cps, _ := os.ReadFile(cpPath)
			n := 0
			for _, l := range bytes.Split(cps, []byte("\n")) {
				if json.Valid(l) && bytes.Contains(l, []byte(`"note":`)) {
					n++
				}
			}
			if n != c.notes {
				t.Errorf("%d checkpoints in the file, want %d:\n%s", n, c.notes, cps)
			}
			rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey, PublicKey: pub, Checkpoints: bytes.NewReader(cps)})
			torn := 0
			for _, f := range rep.Findings {
				if f.Kind == Torn {
					torn++
				}
			}
			if err != nil || !rep.Intact() || torn != c.torn {
				t.Errorf("untouched log: %v, %d torn, want %d", err, torn, c.torn)
				for _, f := range rep.Findings {
					t.Logf("finding: %s", f)
				}
				t.Logf("checkpoints:\n%s", cps)
			}
		})
	}
}

// TestCheckpointFileTornAtOpenCannotBeCut: a crash left the checkpoint
// file's last line cut, and the file cannot be truncated (append-only).
// Before, OpenCheckpointFile failed, and the restarted process could not
// log with checkpoints. Now the fragment stays on a line of its own (the
// next checkpoint starts a new line) and the untouched log verifies, the
// fragment reported as torn.
func TestCheckpointFileTornAtOpenCannotBeCut(t *testing.T) {
	dir := t.TempDir()
	path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
	pub, priv, _ := ed25519.GenerateKey(nil)
	write := func() {
		af, err := OpenFile(path, WithFileSync(SyncNever()))
		if err != nil {
			t.Fatal(err)
		}
		cf, err := OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(cf, 4, 0), WithChainID("c"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			slog.New(h).Info("event", "i", i)
		}
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		_ = cf.Close()
		_ = af.Close()
	}
	write()
	cps, _ := os.ReadFile(cpPath)
	if err := os.Truncate(cpPath, int64(len(cps)-30)); err != nil { // the crash
		t.Fatal(err)
	}
	truncateFile = func(string, int64) error { return syscall.EPERM }
	defer func() { truncateFile = os.Truncate }()
	write()
	cps, _ = os.ReadFile(cpPath)
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey, PublicKey: pub, Checkpoints: bytes.NewReader(cps)})
	if err != nil || !rep.Intact() || !hasKind(rep, Torn) {
		t.Errorf("untouched log: %v, want intact with the fragment torn: %v\n%s", err, rep.Findings, cps)
	}
}

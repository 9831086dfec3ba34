package slogaudit

import (
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Two writers share one file (the doc allows it: "Processes that share one
// file need different ids"; OpenFile appends). When writer A's write fails
// part-way, cutting the file back to the size A believes it has would
// destroy the records B appended since. A must leave its fragment in
// place (B's records stay) and name it in the audit.gap that declares its
// lost record, so that the untouched log verifies.
func TestSharedFileCutBackDestroysOtherWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	a, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := OpenFile(path) // a second process
	if err != nil {
		t.Fatal(err)
	}
	ha, err := a.Handler(WithKey("k1", testKey), WithChainID("a"))
	if err != nil {
		t.Fatal(err)
	}
	hb, err := b.Handler(WithKey("k1", testKey), WithChainID("b"))
	if err != nil {
		t.Fatal(err)
	}
	la, lb := slog.New(ha), slog.New(hb)
	la.Info("a1")
	for range 5 {
		lb.Info("b")
	}
	failing := true
	a.inject = func(f *os.File, p []byte) (int, error) {
		if !failing {
			return f.Write(p)
		}
		failing = false
		n, _ := f.Write(p[:len(p)/2])
		return n, syscall.EIO
	}
	la.Info("a2") // fails part-way: A cuts its fragment off
	la.Info("a3")
	hb.Close(context.Background())
	ha.Close(context.Background())
	a.Close()
	b.Close()
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched shared file verifies as not intact: %v", err)
	}
}

// cpProbe is a checkpoint writer that notes, at each checkpoint, how many
// records of the log file are not yet on stable storage.
type cpProbe struct {
	af       *File
	unsynced []int
}

func (c *cpProbe) Write(p []byte) (int, error) {
	c.af.mu.Lock()
	c.unsynced = append(c.unsynced, c.af.unsynced)
	c.af.mu.Unlock()
	return len(p), nil
}

// Durability order: a checkpoint kept apart from the log (fsynced by
// CheckpointFile) must not be written while the records it covers are
// still in the page cache of the log file (default SyncGroup(1000, 10ms)):
// a power loss would keep the checkpoint and lose the records.
func TestCheckpointBeforeRecordsDurable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, priv, _ := ed25519.GenerateKey(nil)
	cp := &cpProbe{af: af}
	h, err := af.Handler(WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(cp, 5, 0))
	if err != nil {
		t.Fatal(err)
	}
	for range 12 {
		slog.New(h).Info("event")
	}
	h.Close(context.Background())
	af.Close()
	t.Logf("records of the log not yet synced at each checkpoint: %v", cp.unsynced)
	for _, n := range cp.unsynced {
		if n > 0 {
			t.Fatalf("a checkpoint was written with %d records it covers not yet synced to the log file", n)
		}
	}
}

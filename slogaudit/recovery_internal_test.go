package slogaudit

import (
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/slogguard/slogguard/slogcore"
)

// sharedFile opens a new log twice, as two processes that share it with
// different chain ids (the File documentation allows it).
func sharedFile(t *testing.T) (path string, a, b *File) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "audit.log")
	a, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err = OpenFile(path) // a second process
	if err != nil {
		t.Fatal(err)
	}
	return path, a, b
}

// failNextWriteHalfway makes af's next write stop halfway with EIO.
func failNextWriteHalfway(af *File) {
	af.mu.Lock()
	defer af.mu.Unlock()
	failing := true
	af.inject = func(f *os.File, p []byte) (int, error) {
		if !failing {
			return f.Write(p)
		}
		failing = false
		n, _ := f.Write(p[:len(p)/2])
		return n, syscall.EIO
	}
}

// requireSharedIntact verifies the untouched file at path with testKey.
func requireSharedIntact(t *testing.T, path string) {
	t.Helper()
	data, _ := os.ReadFile(path)
	t.Logf("file:\n%s", data)
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched shared file verifies as not intact: %v", err)
	}
}

// Two writers share one file. When writer A's write fails part-way,
// cutting the file back to the size A believes it has would destroy the
// records B appended since: A must cut off exactly its fragment at the
// file's true end, so that B's records stay and the untouched log
// verifies.
func TestSharedFileCutBackDestroysOtherWriter(t *testing.T) {
	path, a, b := sharedFile(t)
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
	failNextWriteHalfway(a)
	la.Info("a2") // fails part-way: A cuts its fragment off
	la.Info("a3")
	hb.Close(context.Background())
	ha.Close(context.Background())
	a.Close()
	b.Close()
	requireSharedIntact(t, path)
}

// As above, with B writing again right after A's failed write: B's next
// record is never glued onto A's fragment.
func TestSharedFileFragmentGluesOtherWriter(t *testing.T) {
	path, a, b := sharedFile(t)
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
	lb.Info("b1")
	failNextWriteHalfway(a)
	la.Info("a2") // fails part-way, B appended before
	lb.Info("b2") // B's next record, right after A's failed write
	la.Info("a3")
	hb.Close(context.Background())
	ha.Close(context.Background())
	a.Close()
	b.Close()
	requireSharedIntact(t, path)
}

// The documented asynchronous setup, slogcore.New over a File, in a
// shared file: A's fragment is cut off at the file's true end, so that the
// untouched log verifies although the loss comes back through the loss
// watcher, which names no fragment.
func TestSharedFileSlogcoreFragmentUnnamed(t *testing.T) {
	path, a, b := sharedFile(t)
	core := slogcore.New(a, nil)
	ha, err := New(core, WithKey("k1", testKey), WithChainID("a"))
	if err != nil {
		t.Fatal(err)
	}
	hb, err := b.Handler(WithKey("k1", testKey), WithChainID("b"))
	if err != nil {
		t.Fatal(err)
	}
	la, lb := slog.New(ha), slog.New(hb)
	la.Info("a1")
	if err := core.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		lb.Info("b")
	}
	failNextWriteHalfway(a)
	la.Info("a2") // fails part-way, B appended since
	core.Flush(context.Background())
	la.Info("a3")
	ha.Close(context.Background())
	core.Close(context.Background())
	hb.Close(context.Background())
	a.Close()
	b.Close()
	requireSharedIntact(t, path)
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

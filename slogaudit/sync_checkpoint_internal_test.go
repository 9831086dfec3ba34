package slogaudit

import (
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// countingWriter counts the checkpoints written to it.
type countingWriter struct{ n atomic.Int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n.Add(1); return len(p), nil }

// Guards the checkpoint's durability order after a failed fsync: a
// checkpoint is kept apart from the log, so it must not be written for
// records that may not be on disk. The File zeroed its count of unsynced
// records before an fsync that then failed, so the next Sync (the one
// before a checkpoint) found nothing to do and the checkpoint went out
// for records the system may have dropped: after a power loss the
// untouched log would verify as truncated. Once an fsync failed, every
// later checkpoint is held back and reported.
func TestCheckpointHeldBackAfterFailedFsync(t *testing.T) {
	for _, policy := range []SyncPolicy{SyncEachRecord(), SyncGroup(3, 0)} {
		path := filepath.Join(t.TempDir(), "audit.log")
		af, err := OpenFile(path, WithFileSync(policy), WithFileErrors(func(error) {}))
		if err != nil {
			t.Fatal(err)
		}
		_, priv, _ := ed25519.GenerateKey(nil)
		cp := &countingWriter{}
		var errs atomic.Int64
		h, err := af.Handler(WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(cp, 4, 0),
			OnError(func(error) { errs.Add(1) }))
		if err != nil {
			t.Fatal(err)
		}
		l := slog.New(h)
		for range 5 {
			l.Info("before")
		}
		before := cp.n.Load()
		if before == 0 {
			t.Fatal("test bug: no checkpoint before the fault")
		}
		af.mu.Lock()
		failing := true
		af.injectSync = func(f *os.File) error {
			if failing {
				failing = false
				return syscall.EIO
			}
			return f.Sync()
		}
		af.mu.Unlock()
		for range 12 {
			l.Info("after")
			time.Sleep(time.Millisecond)
		}
		h.Close(context.Background())
		af.Close()
		if got := cp.n.Load(); got != before {
			t.Errorf("policy %+v: %d checkpoints written after a failed fsync", policy, got-before)
		}
		if errs.Load() == 0 {
			t.Errorf("policy %+v: the held-back checkpoints are not reported: stats %d, written %d, errors %d", policy, h.Stats().Checkpoints, before, errs.Load())
		}
	}
}

// Guards the order of a checkpoint and a group commit under way: Sync
// must wait for the background fsync, which had already taken the count
// of unsynced records, instead of returning at once.
func TestSyncWaitsForGroupCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncGroup(2, 0)))
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	defer af.Close()
	defer free()
	af.mu.Lock()
	af.injectSync = func(f *os.File) error { <-release; return f.Sync() }
	af.mu.Unlock()
	af.Write([]byte("{}\n"))
	af.Write([]byte("{}\n")) // starts the background fsync, which waits
	done := make(chan error, 1)
	go func() { done <- af.Sync() }()
	select {
	case <-done:
		t.Fatal("Sync returned while the group commit's fsync had not finished")
	case <-time.After(50 * time.Millisecond):
	}
	free()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

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

// Guards a rotation during a group commit: the background fsync took the
// file before the rotation closed it, and got "file already closed". That
// was taken for a failed fsync, so every later checkpoint was held back
// (an untouched log with rotation and group commit reported errors and
// lost its checkpoints), and the records the background fsync was for
// were never synced. The rotation now syncs the file itself before it
// closes it, and the closed file is no error.
func TestRotationDuringGroupCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncGroup(1000, time.Millisecond)), WithRotateSize(1<<10))
	if err != nil {
		t.Fatal(err)
	}
	var synced atomic.Int64
	af.mu.Lock()
	af.injectSync = func(f *os.File) error {
		time.Sleep(2 * time.Millisecond) // the rotation closes the file meanwhile
		err := f.Sync()
		if err == nil {
			synced.Add(1)
		}
		return err
	}
	af.mu.Unlock()
	_, priv, _ := ed25519.GenerateKey(nil)
	cp := &countingWriter{}
	var errs []error
	var mu sync.Mutex
	h, err := af.Handler(WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(cp, 5, 0),
		OnError(func(err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() }))
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	for i := range 60 {
		l.Info("event", "i", i, "pad", string(make([]byte, 200)))
		time.Sleep(300 * time.Microsecond) // group commits start on their timer between records
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := af.Close(); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(errs) > 0 {
		t.Errorf("%d errors, first: %v", len(errs), errs[0])
	}
	if got := h.Stats().CheckpointsRefused; got > 0 || cp.n.Load() == 0 {
		t.Errorf("%d checkpoints refused, %d written", got, cp.n.Load())
	}
	if paths, _ := RotatedFiles(path); len(paths) < 3 {
		t.Fatalf("test bug: %d files, want rotations", len(paths))
	}
	if synced.Load() == 0 {
		t.Error("no fsync reached the disk")
	}
}

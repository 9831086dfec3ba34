package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Everything a File and its handlers offer, at once, from many goroutines:
// records through File.Handler (with With and WithGroup) and through
// Wrap(slog.JSONHandler(File)) on a second chain, rotation every few
// records, Sync, Prune, checkpoints to a CheckpointFile, key rotation and
// sealing, then Close. Run under -race. The files left verify intact
// (restart, pruned and other information aside) with the keys used, and
// no handler reports an error.
func TestHammerEverythingAtOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	var fileErrs atomic.Int64
	af, err := OpenFile(path, WithRotateSize(4<<10), WithRetention(time.Nanosecond),
		WithFileErrors(func(err error) { fileErrs.Add(1); t.Log("file:", err) }))
	if err != nil {
		t.Fatal(err)
	}
	cf, err := OpenCheckpointFile(filepath.Join(dir, "audit.checkpoints"))
	if err != nil {
		t.Fatal(err)
	}
	pub1, priv1, _ := ed25519.GenerateKey(nil)
	pub2, priv2, _ := ed25519.GenerateKey(nil)
	key2 := bytes.Repeat([]byte{9}, 32)
	var handlerErrs atomic.Int64
	onErr := OnError(func(err error) { handlerErrs.Add(1); t.Log("handler:", err) })
	h1, err := af.Handler(WithKey("k1", testKey), WithChainID("a"), WithSigner(priv1),
		WithCheckpoints(cf, 7, 0), WithSealing(0, 11), onErr)
	if err != nil {
		t.Fatal(err)
	}
	h2, err := New(slog.NewJSONHandler(af, nil), WithKey("k1", testKey), WithChainID("b"), onErr)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var done atomic.Bool
	var side sync.WaitGroup
	loop := func(f func()) {
		side.Add(1)
		go func() {
			defer side.Done()
			for !done.Load() {
				f()
				time.Sleep(time.Millisecond)
			}
		}()
	}
	loop(func() {
		if err := af.Sync(); err != nil {
			t.Error("Sync:", err)
		}
	})
	loop(func() {
		if _, err := af.Prune(ctx, time.Now()); err != nil {
			t.Error("Prune:", err)
		}
	})
	loop(func() { _ = h1.Stats(); _ = af.Heads() })
	loop(func() {
		if err := h1.Seal(ctx); err != nil {
			t.Error("Seal:", err)
		}
	})
	side.Add(1)
	go func() {
		defer side.Done()
		time.Sleep(5 * time.Millisecond)
		if err := h1.RotateKey(ctx, "k2", key2, priv2); err != nil {
			t.Error("RotateKey:", err)
		}
	}()
	l1 := slog.New(h1).With("svc", "x").WithGroup("g")
	l2 := slog.New(h2)
	hammer(6, 60, func(g, i int) {
		if g%2 == 0 {
			l1.Info("e", "g", g, "i", i)
		} else {
			l2.With("g", g).Info("e", "i", i)
		}
	})
	done.Store(true)
	side.Wait()
	if err := h1.Close(ctx); err != nil {
		t.Error("Close a:", err)
	}
	if err := h2.Close(ctx); err != nil {
		t.Error("Close b:", err)
	}
	if err := af.Close(); err != nil {
		t.Error("File.Close:", err)
	}
	cf.Close()
	if n := handlerErrs.Load() + fileErrs.Load(); n > 0 {
		t.Errorf("%d errors reported", n)
	}
	paths, err := RotatedFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	cps, _ := os.ReadFile(filepath.Join(dir, "audit.checkpoints"))
	rep, err := VerifyFiles(ctx, paths, VerifyOptions{Keys: map[string][]byte{"k1": testKey, "k2": key2},
		PublicKeys: []ed25519.PublicKey{pub1, pub2}, Checkpoints: bytes.NewReader(cps)})
	if err != nil || !rep.Intact() {
		t.Fatalf("%d files: %v\n%v", len(paths), err, rep.Findings)
	}
	t.Logf("%d files, %d records, findings %v, chains %+v", len(paths), rep.Records, rep.Findings, rep.Chains["a"].Keys)
	if rep.Chains["a"].Covered == 0 {
		t.Errorf("no checkpoint covers chain a: %+v", rep.Chains["a"])
	}
}

package slogaudit

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/slogguard/slogguard/slogcore"
)

// The documented asynchronous setup, slogcore.New over a File, in a file
// shared with another process (different chain ids, as the File
// documentation allows). A write of A fails part-way after B has appended:
// the File must cut off A's fragment at the file's true end, so that the
// untouched log verifies although the loss comes back through the loss
// watcher, which names no fragment.
func TestSharedFileSlogcoreFragmentUnnamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	a, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := OpenFile(path) // a second process
	if err != nil {
		t.Fatal(err)
	}
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
	failing := true
	a.mu.Lock()
	a.inject = func(f *os.File, p []byte) (int, error) {
		if !failing {
			return f.Write(p)
		}
		failing = false
		n, _ := f.Write(p[:len(p)/2])
		return n, syscall.EIO
	}
	a.mu.Unlock()
	la.Info("a2") // fails part-way: the fragment stays (B appended since)
	core.Flush(context.Background())
	la.Info("a3")
	ha.Close(context.Background())
	core.Close(context.Background())
	hb.Close(context.Background())
	a.Close()
	b.Close()
	data, _ := os.ReadFile(path)
	t.Logf("file:\n%s", data)
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched shared file (slogcore.New over File) verifies as not intact: %v", err)
	}
}

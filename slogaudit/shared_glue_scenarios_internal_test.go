package slogaudit

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Two processes share one file (different chain ids, as the
// documentation allows). A's write fails part-way (EIO) after B appended:
// A must cut off exactly its fragment at the file's true end (or, when
// another write already followed it, end its line at once), so that B's
// next record is never glued onto it.
func TestSharedFileFragmentGluesOtherWriter(t *testing.T) {
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
	lb.Info("b1")
	failing := true
	a.inject = func(f *os.File, p []byte) (int, error) {
		if !failing {
			return f.Write(p)
		}
		failing = false
		n, _ := f.Write(p[:len(p)/2])
		return n, syscall.EIO
	}
	la.Info("a2") // fails part-way, B appended before: the fragment stays
	lb.Info("b2") // B's record lands right after A's fragment
	la.Info("a3")
	hb.Close(context.Background())
	ha.Close(context.Background())
	a.Close()
	b.Close()
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

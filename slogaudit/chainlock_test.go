package slogaudit_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// Guards two processes (here two Files) that open one log without
// WithChainID: both took the file's last chain and continued it, forking
// it, and the untouched log verified as inserted. The second must start a
// chain of its own while the first writes. Linux only: elsewhere the File
// cannot know of the other writer.
func TestTwoWritersDefaultChainDoNotFork(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the File knows of other writers through Linux record locks only")
	}
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 3, 5) // an earlier run
	var hs []*slogaudit.Handler
	var fs []*slogaudit.File
	for range 2 {
		af, _ := slogaudit.OpenFile(path)
		h, _ := af.Handler(slogaudit.WithKey("k1", rtKey))
		hs, fs = append(hs, h), append(fs, af)
	}
	for i := range 10 {
		slog.New(hs[i%2]).Info("e", "i", i)
	}
	for i := range 2 {
		hs[i].Close(context.Background())
		fs[i].Close()
	}
	rtIntact(t, path)
}

// As above, on a new file: the first writer's new chain is locked before
// the second one opens the file.
func TestTwoWritersNewFileDoNotFork(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the File knows of other writers through Linux record locks only")
	}
	path := filepath.Join(t.TempDir(), "audit.log")
	var hs []*slogaudit.Handler
	var fs []*slogaudit.File
	for range 2 {
		af, _ := slogaudit.OpenFile(path)
		h, _ := af.Handler(slogaudit.WithKey("k1", rtKey))
		slog.New(h).Info("first")
		hs, fs = append(hs, h), append(fs, af)
	}
	for i := range 10 {
		slog.New(hs[i%2]).Info("e", "i", i)
	}
	for i := range 2 {
		hs[i].Close(context.Background())
		fs[i].Close()
	}
	rtIntact(t, path)
}

// A writer that closed its File releases its chain: the next one
// continues it, as a restart does.
func TestClosedWriterChainIsContinued(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 3, 5)
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before := af.Heads()
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey))
	if err != nil {
		t.Fatal(err)
	}
	head := h.Head()
	if prev, ok := before[head.Chain]; !ok || head.Seq != prev.Seq {
		t.Fatalf("the chain was not continued: %+v, heads before %+v", head, before)
	}
	h.Close(context.Background())
	af.Close()
	rtIntact(t, path)
}

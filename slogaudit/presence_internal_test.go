//go:build linux

package slogaudit

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
)

// A File alone on its log writes without looking at the file's end for
// other writers' fragments; while another File of the log is open, it
// looks before every write; once that File is closed, it stops looking.
func TestFileLooksOnlyWhileAnotherIsOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(h)
	looks := func() int {
		af.mu.Lock()
		defer af.mu.Unlock()
		return af.looks
	}
	for i := range 20 {
		log.Info("shipped", "order", i)
	}
	if n := looks(); n != 0 {
		t.Fatalf("alone, the File looked %d times", n)
	}
	other := openOther(t, path)
	for i := range 20 {
		log.Info("shipped", "order", 100+i)
	}
	if n := looks(); n != 20 {
		t.Fatalf("with another File open, the File looked %d times in 20 writes", n)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		log.Info("shipped", "order", 200+i)
	}
	if n := looks(); n != 20 {
		t.Fatalf("after the other File closed, the File looked %d times more", n-20)
	}
	h.Close(context.Background())
	verifyIntact(t, path)
}

// A process that crashes leaves its count: the Files still open go on
// looking, and the first File that opens the log alone starts the count
// again.
func TestCrashedFilesCountIsReset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	af.presence.count.Add(1) // a process that opened the log, then crashed
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("shipped", "order", 1)
	if af.looks != 2 {
		t.Fatalf("with a crashed File counted, the File looked %d times in 2 writes (audit.start, the record)", af.looks)
	}
	h.Close(context.Background())
	af.Close()

	again, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if n := again.presence.count.Load(); n != 1 {
		t.Fatalf("a File alone on the log counts %d Files", n)
	}
	second := openOther(t, path)
	if n := again.presence.count.Load(); n != 2 {
		t.Fatalf("two Files open count %d", n)
	}
	second.Close()
	if n := again.presence.count.Load(); n != 1 {
		t.Fatalf("after one of two closed, the count is %d", n)
	}
}

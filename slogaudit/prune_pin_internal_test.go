package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Prune removes no file while a reader (a witness's consistency proof)
// has the log's files pinned: it writes its retention record, waits for
// the reader to let go, then removes them. Before, a proof that read the
// files while Prune ran found one gone ("no such file") and reported a
// false error to OnError.
func TestPruneWaitsForPinnedReader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithRotateSize(1000), WithRetention(time.Nanosecond))
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("c"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		slog.New(h).Info("e", "i", i, "pad", strings.Repeat("p", 100))
	}
	paths, unpin, err := af.pinFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 3 {
		t.Fatalf("want at least 3 files, got %d", len(paths))
	}
	type result struct {
		removed []string
		err     error
	}
	done := make(chan result, 1)
	go func() {
		removed, err := af.Prune(context.Background(), time.Now())
		done <- result{removed, err}
	}()
	// Wait for the retention record: Prune is then past its record.
	for deadline := time.Now().Add(5 * time.Second); ; {
		data, _ := os.ReadFile(path)
		if bytes.Contains(data, []byte(MsgRetention)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no retention record after 5 s")
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("a pinned file was removed: %v", err)
		}
	}
	select {
	case r := <-done:
		unpin()
		t.Fatalf("Prune returned while the files were pinned: %v %v", r.removed, r.err)
	default:
	}
	unpin()
	r := <-done
	if r.err != nil || len(r.removed) != len(paths)-1 {
		t.Fatalf("Prune after unpin: removed %d of %d rotated files: %v", len(r.removed), len(paths)-1, r.err)
	}
	h.Close(context.Background())
	left, _ := RotatedFiles(path)
	if rep, err := VerifyFiles(context.Background(), left, VerifyOptions{Key: testKey}); err != nil || !rep.Intact() {
		t.Fatalf("after Prune: %v %v", err, rep.Findings)
	}
}

package slogaudit

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRotationPastSixDigits: past path.999999 the rotated files take
// seven digits, are listed in the order of their numbers, and no rotation
// renames the log over an older rotated file. Before, path.1000000 was
// not listed (the names matched six digits only), so every later
// rotation was named path.1000000 again and replaced the file of that
// name: its records were lost without a word.
func TestRotationPastSixDigits(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	// The files a long life of rotations (and pruning) leaves: the next
	// rotation is number 999999, then 1000000, 1000001, …
	for _, n := range []string{"999997", "999998"} {
		if err := os.WriteFile(path+"."+n, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	af, err := OpenFile(path, WithFileSync(SyncNever()), WithRotateSize(600))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("c"))
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	for i := range 40 {
		l.Info("event", "i", i, "pad", strings.Repeat("x", 100))
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := af.Close(); err != nil {
		t.Fatal(err)
	}
	files, err := RotatedFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if len(files) < 6 || names[2] != "audit.log.999999" || names[3] != "audit.log.1000000" || names[4] != "audit.log.1000001" {
		t.Fatalf("rotated files %v: want 999997, 999998, 999999, 1000000, 1000001, … in that order", names)
	}
	rep, err := VerifyFiles(context.Background(), files, VerifyOptions{Key: testKey})
	if err != nil || !rep.Intact() {
		t.Errorf("untouched log: %v %v", err, rep.Findings)
	}
	if s := rep.Chains["c"]; s.First != 1 || uint64(s.Records) != s.Last {
		t.Errorf("chain c: %+v, want every record from seq 1: %v", s, rep.Findings)
	}
}

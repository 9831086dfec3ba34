package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
)

// TestQuickstart runs the quickstart briefly: it must succeed and leave an
// audit file that verifies.
func TestQuickstart(t *testing.T) {
	dir := t.TempDir()
	stdout := os.Stdout
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout = devnull
	err = run(dir, 300*time.Millisecond)
	os.Stdout = stdout
	devnull.Close()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := slogaudit.VerifyFiles(context.Background(), []string{filepath.Join(dir, "audit.log")}, slogaudit.VerifyOptions{})
	if err != nil || rep.Records < 3 {
		t.Fatalf("audit file: %d records, %v", rep.Records, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "audit.tampered.log")); err != nil {
		t.Fatal(err)
	}
}

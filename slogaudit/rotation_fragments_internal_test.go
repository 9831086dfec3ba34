package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// verifyRotatedIntact verifies the log at path with its rotated files and
// returns the count of its torn findings.
func verifyRotatedIntact(t *testing.T, path string) int {
	t.Helper()
	paths, err := RotatedFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := VerifyFiles(context.Background(), paths, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	torn := 0
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
		if f.Kind == Torn {
			torn++
		}
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log verifies as not intact: %v", err)
	}
	return torn
}

// Another writer of the log crashes mid-record, and the next write of a
// File is due to rotate the file: the fragment stays at the end of the
// rotated file, and the File names it, whether its write rotates the
// file or finds it rotated by another File since.
func TestRotationOverAnotherWritersFragment(t *testing.T) {
	for _, frag := range []string{`{"audit":{"chain":"other","hash":"Zm9v`, `{"action":"export","audit":{"chain":"oth`, `{`} {
		t.Run(frag, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := OpenFile(path, WithRotateSize(3000), WithFileSync(SyncNever()))
			if err != nil {
				t.Fatal(err)
			}
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("ledger"))
			if err != nil {
				t.Fatal(err)
			}
			log := slog.New(h)
			log.Info("posted", "memo", strings.Repeat("a", 1500))
			appendRaw(t, path, []byte(frag))
			log.Info("posted", "memo", strings.Repeat("b", 1500)) // rotates
			log.Info("posted", "memo", "c")
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			af.Close()
			if n := verifyRotatedIntact(t, path); n != 1 {
				t.Fatalf("%d torn lines, want 1", n)
			}
		})
	}
}

// Two processes restart after a crash and both find its fragment at the
// end of the log, a long one. The first to write rotates the file, and
// names the fragment in the next; the other, whose file was rotated away
// before its first write, goes on in the current file and does not name
// it again.
func TestTwoRestartsFindOneFragmentThenRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	first, err := OpenFile(path, WithRotateSize(3000), WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"alpha", "gamma"} {
		h, err := first.Handler(WithKey("k1", testKey), WithChainID(id))
		if err != nil {
			t.Fatal(err)
		}
		slog.New(h).Info("posted", "memo", strings.Repeat("a", 1000))
		h.Close(context.Background())
	}
	first.Close()
	// gamma's process crashes in a long record: the next write rotates.
	appendRaw(t, path, []byte(`{"audit":{"chain":"gamma","hash":"Zm9v","memo":"`+strings.Repeat("x", 4000)))

	var files [2]*File
	var handlers [2]*Handler
	for i, id := range []string{"alpha", "gamma"} {
		if files[i], err = OpenFile(path, WithRotateSize(3000), WithFileSync(SyncNever())); err != nil {
			t.Fatal(err)
		}
		if handlers[i], err = files[i].Handler(WithKey("k1", testKey), WithChainID(id)); err != nil {
			t.Fatal(err)
		}
	}
	slog.New(handlers[0]).Info("posted", "memo", "b") // rotates, names the fragment
	slog.New(handlers[1]).Info("posted", "memo", "c")
	slog.New(handlers[0]).Info("posted", "memo", "d")
	for i := range files {
		if err := handlers[i].Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		files[i].Close()
	}
	var all []byte
	paths, _ := RotatedFiles(path)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, data...)
	}
	if n := bytes.Count(all, []byte(`"torn":`)); n != 1 {
		t.Fatalf("the fragment is named %d times", n)
	}
	if n := verifyRotatedIntact(t, path); n != 1 {
		t.Fatalf("%d torn lines, want 1", n)
	}
}

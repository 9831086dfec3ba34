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

// A chain whose head is not in the file's tail is found by reading the
// whole log for lines that hold its id: a chain resumed that way goes on
// from its last record, whether its id is written plainly or with
// escapes, and whatever other records hold its id as a value (or hold
// an id it is a part of).
func TestHeadFoundFarFromTheTail(t *testing.T) {
	for _, id := range []string{"ord", `ord "ü" \ x`} {
		t.Run(id, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := OpenFile(path, WithFileSync(SyncNever()))
			if err != nil {
				t.Fatal(err)
			}
			mine, err := af.Handler(WithKey("k1", testKey), WithChainID(id))
			if err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				slog.New(mine).Info("shipped", "order", i)
			}
			if err := mine.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			busy, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
			if err != nil {
				t.Fatal(err)
			}
			pad := strings.Repeat("p", 2048)
			for i := range 700 { // more than the tail OpenFile reads
				slog.New(busy).Info("op", "chain", id, "ref", id+"s", "i", i, "pad", pad)
			}
			if err := busy.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			af.Close()

			af, err = OpenFile(path, WithFileSync(SyncNever()))
			if err != nil {
				t.Fatal(err)
			}
			h, err := af.Handler(WithKey("k1", testKey), WithChainID(id))
			if err != nil {
				t.Fatal(err)
			}
			if got := h.Head(); got.Seq < 5 {
				t.Fatalf("resumed at seq %d, want after the chain's 5 records (start, 3, stop)", got.Seq)
			}
			slog.New(h).Info("shipped", "order", 4)
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			af.Close()
			rep := verifyIntact(t, path)
			if n := rep.Chains[id].Records; n != 8 {
				t.Fatalf("chain %q holds %d records, want 8", id, n)
			}
		})
	}
}

// A File whose file another File rotated away between OpenFile and its
// first write writes in the log's current file, not in the one rotated
// away, where nobody would close what a crash of its left.
func TestFirstWriteGoesToTheCurrentFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	appendRaw(t, path, bytes.Join(otherWriterLines(t, "doors", 2), nil))
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	// Another File rotates the log and writes on in the new file.
	if err := os.Rename(path, path+".000001"); err != nil {
		t.Fatal(err)
	}
	appendRaw(t, path, bytes.Join(otherWriterLines(t, "docks", 2), nil))
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("shipped", "order", 1)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(path + ".000001")
	if bytes.Contains(old, []byte(`"orders"`)) {
		t.Fatalf("the File wrote in the file rotated away:\n%s", old)
	}
	cur, _ := os.ReadFile(path)
	if !bytes.Contains(cur, []byte(`"order":1`)) {
		t.Fatalf("the record is not in the current file:\n%s", cur)
	}
	rep, err := VerifyFiles(context.Background(), []string{path + ".000001", path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	if err != nil || !rep.Intact() {
		t.Fatalf("not intact: %v %v", err, rep.Findings)
	}
}

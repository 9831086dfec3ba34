package slogaudit_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// Every removal, duplication, swap and move of a record, at every place
// in a log (the first record included), is named by its kind and by no
// other non-informational kind: the newest record's removal aside, which
// only a checkpoint kept apart reveals. Guards in particular the records
// moved before the first record seen: swapping the first two records was
// reported as "missing seq 1" and "inserted seq 1", and moving a record
// to the front reported every record before it inserted.
func TestKindsEveryPosition(t *testing.T) {
	for _, kind := range []string{"file", "json"} {
		path := filepath.Join(t.TempDir(), "audit.log")
		af, _ := slogaudit.OpenFile(path)
		var h *slogaudit.Handler
		opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c")}
		if kind == "file" {
			h, _ = af.Handler(opts...)
		} else {
			h, _ = slogaudit.New(slog.NewJSONHandler(af, nil), opts...)
		}
		for i := range 5 {
			slog.New(h).Info("e", "i", i)
		}
		h.Close(context.Background())
		af.Close()
		data, _ := os.ReadFile(path)
		lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
		for i := range lines {
			if !strings.HasSuffix(lines[i], "\n") {
				lines[i] += "\n"
			}
		}
		n := len(lines)
		check := func(name string, ls []string, want slogaudit.FindingKind) {
			p := filepath.Join(t.TempDir(), "e.log")
			os.WriteFile(p, []byte(strings.Join(ls, "")), 0o600)
			rep, _ := slogaudit.VerifyFiles(context.Background(), []string{p}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
			got := map[slogaudit.FindingKind]bool{}
			for _, f := range rep.Findings {
				got[f.Kind] = true
			}
			wrong := false
			for k := range got {
				if k != want && !k.Info() {
					wrong = true
				}
			}
			if rep.Intact() || !got[want] || wrong {
				t.Errorf("%s %s: want %s, got intact=%v %v", kind, name, want, rep.Intact(), rep.Findings)
			}
		}
		rev := make([]string, 0, n)
		for i := n - 1; i >= 0; i-- {
			rev = append(rev, lines[i])
		}
		check("reverse", rev, slogaudit.Reordered)
		for i := range n {
			del := append(append([]string{}, lines[:i]...), lines[i+1:]...)
			if i == n-1 {
				continue // the newest record: only a checkpoint tells
			}
			check("delete line "+itoa(i+1), del, slogaudit.Missing)
			dup := append(append(append([]string{}, lines[:i+1]...), lines[i]), lines[i+1:]...)
			check("duplicate line "+itoa(i+1), dup, slogaudit.Duplicated)
			if i < n-1 {
				mv := append(append(append([]string{}, lines[:i]...), lines[i+1:]...), lines[i])
				check("move to the end line "+itoa(i+1), mv, slogaudit.Reordered)
			}
			if i > 0 {
				mv := append(append([]string{lines[i]}, lines[:i]...), lines[i+1:]...)
				check("move to the front line "+itoa(i+1), mv, slogaudit.Reordered)
			}
			if i+1 < n {
				sw := append([]string{}, lines...)
				sw[i], sw[i+1] = sw[i+1], sw[i]
				check("swap lines "+itoa(i+1), sw, slogaudit.Reordered)
			}
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// Swapping two rotated files (their contents, as renaming them does)
// changes no record: VerifyFiles reads them in their chain's order, which
// their records prove, and says so in one files-ordered note; the first
// two files included, where the records of the second file came first.
func TestKindsRotatedFilesSwapped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, _ := slogaudit.OpenFile(path, slogaudit.WithRotateSize(1200))
	h, _ := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"))
	for i := range 20 {
		slog.New(h).Info("e", "i", i, "pad", strings.Repeat("p", 100))
	}
	h.Close(context.Background())
	af.Close()
	paths, _ := slogaudit.RotatedFiles(path)
	t.Logf("%d files", len(paths))
	for i := 0; i+1 < len(paths)-1; i++ {
		a, _ := os.ReadFile(paths[i])
		b, _ := os.ReadFile(paths[i+1])
		os.WriteFile(paths[i], b, 0o600)
		os.WriteFile(paths[i+1], a, 0o600)
		rep, _ := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
		kinds := map[slogaudit.FindingKind]int{}
		for _, f := range rep.Findings {
			kinds[f.Kind]++
		}
		t.Logf("swap %d,%d: intact=%v %v", i, i+1, rep.Intact(), kinds)
		if !rep.Intact() || kinds[slogaudit.FilesOrdered] != 1 {
			t.Errorf("swap files %d and %d: %v", i, i+1, rep.Findings)
		}
		os.WriteFile(paths[i], a, 0o600)
		os.WriteFile(paths[i+1], b, 0o600)
	}
}

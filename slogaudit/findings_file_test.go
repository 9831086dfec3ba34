package slogaudit_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
)

// A finding that the verifier makes after it has moved on to a later file
// (a gap, the chain's start, a duplicate's first copy, a second record for
// one seq) names the file and line where it was seen. Before, such
// findings carried the line number of the earlier file and the name of the
// file read last, which holds no such record.
func TestFindingsNameTheirFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(1500), slogaudit.WithRetention(time.Nanosecond))
	if err != nil {
		t.Fatal(err)
	}
	h, _ := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"))
	for i := range 30 {
		slog.New(h).Info("e", "i", i, "pad", strings.Repeat("p", 100))
	}
	h.Close(context.Background())
	af.Close()
	paths, _ := slogaudit.RotatedFiles(path)
	if len(paths) < 4 {
		t.Fatalf("want at least 4 files, got %d", len(paths))
	}
	read := func(p string) []string {
		data, _ := os.ReadFile(p)
		return strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	}
	first, second := read(paths[0]), read(paths[1])
	if len(first) < 3 {
		t.Fatalf("want at least 3 lines in %s, got %d", paths[0], len(first))
	}
	o := slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}}
	type want struct {
		kind   slogaudit.FindingKind
		file   string
		line   int64
		detail string
	}
	check := func(name string, edit func(), w want) {
		t.Helper()
		saved := map[string][]byte{}
		for _, p := range paths {
			saved[p], _ = os.ReadFile(p)
		}
		edit()
		rep, _ := slogaudit.VerifyFiles(context.Background(), paths, o)
		for p, b := range saved {
			os.WriteFile(p, b, 0o600)
		}
		for _, f := range rep.Findings {
			if f.Kind == w.kind {
				if f.File != w.file || f.Line != w.line || !strings.Contains(f.Detail, w.detail) {
					t.Errorf("%s: want %s at %s:%d (%q), got %v", name, w.kind, w.file, w.line, w.detail, f)
				}
				return
			}
		}
		t.Errorf("%s: no %s finding: %v", name, w.kind, rep.Findings)
	}
	write := func(p string, ls []string) {
		os.WriteFile(p, []byte(strings.Join(ls, "")), 0o600)
	}
	check("record removed from the first file", func() {
		write(paths[0], append([]string{first[0]}, first[2:]...))
	}, want{slogaudit.Missing, paths[0], 2, "is not in the input"})
	check("first record of the first file removed", func() {
		write(paths[0], first[1:])
	}, want{slogaudit.Missing, paths[0], 1, "chain starts at seq 2"})
	check("record repeated in the next file", func() {
		write(paths[1], append([]string{first[0]}, second...))
	}, want{slogaudit.Duplicated, paths[1], 1, "same record as line 1 of " + paths[0]})
	check("record repeated in its file", func() {
		write(paths[0], append([]string{first[0], first[0]}, first[1:]...))
	}, want{slogaudit.Duplicated, paths[0], 2, "same record as line 1"})
	// After Prune, the pruned finding names the first file left.
	af, _ = slogaudit.OpenFile(path, slogaudit.WithRotateSize(1500), slogaudit.WithRetention(time.Nanosecond))
	h, _ = af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"))
	if _, err := af.Prune(context.Background(), time.Now()); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		slog.New(h).Info("e", "i", i, "pad", strings.Repeat("p", 100))
	}
	h.Close(context.Background())
	af.Close()
	paths, _ = slogaudit.RotatedFiles(path)
	check("pruned", func() {}, want{slogaudit.Pruned, paths[0], 1, "removed by retention"})
}

// A changed first record of what is left of a chain (older files pruned,
// or not given) is one modified finding: the chain starts there once the
// next record links to it. Before, the chain started at the record after
// it, so the retention record's explanation no longer fitted and records
// 1 to N were reported missing; given one file alone, one record more was
// reported missing than the input lacks.
func TestModifiedFirstRecordOfWhatIsLeft(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(1500), slogaudit.WithRetention(time.Nanosecond))
	if err != nil {
		t.Fatal(err)
	}
	h, _ := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"))
	for i := range 30 {
		slog.New(h).Info("e", "i", i, "pad", strings.Repeat("p", 100))
	}
	if _, err := af.Prune(context.Background(), time.Now()); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		slog.New(h).Info("e", "i", i, "pad", strings.Repeat("p", 100))
	}
	h.Close(context.Background())
	af.Close()
	paths, _ := slogaudit.RotatedFiles(path)
	if len(paths) < 3 {
		t.Fatalf("want at least 3 files, got %d", len(paths))
	}
	for _, c := range []struct {
		name  string
		files []string
		info  slogaudit.FindingKind // the information the start of the input gets
	}{
		{"after pruning", paths, slogaudit.Pruned},
		{"a later file alone", paths[2:3], ""},
	} {
		for changed := 1; changed <= 2; changed++ { // the first record, the first two
			p := c.files[0]
			orig, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(orig), `"INFO"`, `"WARN"`, changed)), 0o600)
			rep, _ := slogaudit.VerifyFiles(context.Background(), c.files, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
			os.WriteFile(p, orig, 0o600)
			first := rep.Chains["c"].First
			var modified, other []slogaudit.Finding
			for _, f := range rep.Findings {
				switch {
				case f.Kind == slogaudit.Modified && f.File == p && f.Line <= int64(changed) && f.Seq == first+uint64(f.Line)-1:
					modified = append(modified, f)
				case f.Kind == c.info && c.info != "":
				case f.Kind == slogaudit.Missing && c.info == "" && f.Seq == 1 && strings.Contains(f.Detail, "records 1 to "+itoa(int(first)-1)+" "):
				default:
					other = append(other, f)
				}
			}
			if len(modified) != changed || len(other) > 0 {
				t.Errorf("%s, %d changed: want a modified finding for each, from %s:1 seq %d (the chain's first), and nothing else, got %v", c.name, changed, p, first, rep.Findings)
			}
		}
	}
}

package slogaudit_test

// Rotated files given to VerifyFiles out of their chain's order (a glob
// that sorts the current file first, files renamed or their contents
// swapped): the records are untouched and their links prove the order,
// so the set verifies intact, read in chain order, with one files-ordered
// note; an edit among them is still named once, at its file and line.

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// permuted returns files with file i holding the contents of file
// order[i], and where each original file's contents now are.
func permuted(files [][]byte, order []int) ([][]byte, []int) {
	out := make([][]byte, len(files))
	at := make([]int, len(files))
	for i, j := range order {
		out[i] = files[j]
		at[j] = i
	}
	return out, at
}

// ordered returns the FilesOrdered findings of rep.
func ordered(rep slogaudit.Report) []slogaudit.Finding {
	var out []slogaudit.Finding
	for _, f := range rep.Findings {
		if f.Kind == slogaudit.FilesOrdered {
			out = append(out, f)
		}
	}
	return out
}

func TestVerifyFilesReadInChainOrder(t *testing.T) {
	for _, w := range []string{"file", "json"} {
		l := writeExactLog(t, w, "vault-7", []int{17, 8}, 3<<10)
		n := l.files
		if n < 4 {
			t.Fatalf("test bug: %d files, want 4 or more", n)
		}
		orders := map[string][]int{
			"newest first":                      reversed(n),
			"two middle files swapped":          swapped(n, 1, 2),
			"first and last swapped":            swapped(n, 0, n-1),
			"the oldest named last":             append(seqInts(1, n), 0),
			"the current file first, glob-like": append([]int{n - 1}, seqInts(0, n-1)...),
		}
		for name, order := range orders {
			for _, cp := range []bool{false, true} {
				name := fmt.Sprintf("%s: %s (checkpoint file %v)", w, name, cp)
				files, at := permuted(l.fileBytes("\n"), order)
				rep := l.verifyFiles(t, files, cp)
				if !rep.Intact() || rep.Records != int64(len(l.lines)) {
					t.Errorf("%s: want intact with %d records, got %d: %v", name, len(l.lines), rep.Records, rep.Findings)
					continue
				}
				notes := ordered(rep)
				if len(notes) != 1 {
					t.Errorf("%s: want one %s note, got %v", name, slogaudit.FilesOrdered, rep.Findings)
					continue
				}
				// The note lists the files in chain order: where the
				// contents of file 0, 1, … now are.
				var want []string
				for _, i := range at {
					want = append(want, fmt.Sprintf("audit-%d.log", i))
				}
				if got := baseNames(notes[0].Detail); !slices.Equal(got, want) {
					t.Errorf("%s: want the files read as %v, got %v", name, want, got)
				}
			}
		}

		// An edit among files given out of order is one finding, at its
		// file and line.
		files, at := permuted(l.fileBytes("\n"), reversed(n))
		lines := strings.SplitAfter(string(files[at[1]]), "\n")
		lines[1] = strings.Replace(lines[1], `"acme"`, `"acne"`, 1)
		files[at[1]] = []byte(strings.Join(lines, ""))
		rep := l.verifyFiles(t, files, true)
		requireOnly(t, w+": a record changed in a file given out of order", rep, slogaudit.Modified, 0, 2)
		if got := tampering(rep); len(got) == 1 && filepath.Base(got[0].File) != fmt.Sprintf("audit-%d.log", at[1]) {
			t.Errorf("%s: want the finding in audit-%d.log, got %s", w, at[1], got[0])
		}

		// Look-alikes: files given in order are read as given, with no note.
		if rep := l.verifyFiles(t, l.fileBytes("\n"), true); !rep.Intact() || len(ordered(rep)) > 0 {
			t.Errorf("%s: in order: want intact without a note, got %v", w, rep.Findings)
		}
	}
}

// Files are ordered only when their records leave no doubt: a file whose
// first record's seq was changed to put it elsewhere is read where it was
// given, and the change is its one finding; a file copied over another
// (two files of one run of records) is not ordered away either.
func TestVerifyFilesNotOrderedOnDoubt(t *testing.T) {
	l := writeExactLog(t, "file", "vault-8", []int{21}, 3<<10)
	if l.files < 4 {
		t.Fatalf("test bug: %d files, want 4 or more", l.files)
	}
	// File 1's first record claims a seq past file 2's records: sorted by
	// that claim, file 1 would go after file 2.
	files := l.fileBytes("\n")
	first, _ := seqsOfFile(t, l, 1)
	_, last2 := seqsOfFile(t, l, 2)
	lines := strings.SplitAfter(string(files[1]), "\n")
	lines[0] = strings.Replace(lines[0], fmt.Sprintf(`"seq":%d,`, first), fmt.Sprintf(`"seq":%d,`, last2+1), 1)
	files[1] = []byte(strings.Join(lines, ""))
	rep := l.verifyFiles(t, files, false)
	if len(ordered(rep)) > 0 {
		t.Errorf("first seq forged: want the files read as given, got %v", rep.Findings)
	}
	requireOnly(t, "first seq forged", rep, slogaudit.Modified, first, 1)

	// File 2's contents copied over file 3, the set given with file 3
	// before file 2: the two overlap, so neither is moved.
	files = l.fileBytes("\n")
	files[3] = files[2]
	files, _ = permuted(files, swapped(len(files), 2, 3))
	if rep := l.verifyFiles(t, files, false); len(ordered(rep)) > 0 || rep.Intact() {
		t.Errorf("file copied over the next: want tampered and read as given, got %v", rep.Findings)
	}
}

func seqInts(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

func reversed(n int) []int {
	s := seqInts(0, n)
	slices.Reverse(s)
	return s
}

func swapped(n, i, j int) []int {
	s := seqInts(0, n)
	s[i], s[j] = s[j], s[i]
	return s
}

// baseNames returns the base names of the audit-N.log paths in s, in order.
func baseNames(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		f = strings.TrimRight(f, ",")
		if strings.HasSuffix(f, ".log") {
			out = append(out, filepath.Base(f))
		}
	}
	return out
}

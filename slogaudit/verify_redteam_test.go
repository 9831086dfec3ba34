package slogaudit_test

// Edits an intruder, or an accident, makes to a rotated log written by
// File.Handler, Wrap over slog.JSONHandler and over slogcore: each edit is
// exactly one finding of the kind that says what was done, at its file and
// line; what changes no record (a file's byte order mark, a record moved
// across a file boundary in its place, an older copy of the checkpoint
// file, an empty newest file, NULs a crash left at the end) verifies
// intact, and the report says what was checked.

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// lineSet returns the lines of a file, each with its newline.
func lineSet(b []byte) [][]byte {
	ls := bytes.SplitAfter(b, []byte("\n"))
	if len(ls) > 0 && len(ls[len(ls)-1]) == 0 {
		ls = ls[:len(ls)-1]
	}
	return ls
}

func TestRedTeamRotatedEdits(t *testing.T) {
	for _, w := range exactWriters {
		l := writeExactLog(t, w, "mint-3", []int{22, 9}, 4<<10)
		if l.files < 4 {
			t.Fatalf("test bug: %s: %d files", w, l.files)
		}
		type edit struct {
			name string
			do   func(f [][]byte) [][]byte
			kind slogaudit.FindingKind // "" for intact
			file int                   // the finding's file
			line int64                 // the finding's line in it
		}
		edits := []edit{
			{"a line repeated in place", func(f [][]byte) [][]byte {
				ls := lineSet(f[2])
				f[2] = bytes.Join(slices.Insert(ls, 2, ls[1]), nil)
				return f
			}, slogaudit.Duplicated, 2, 3},
			{"the records either side of a file boundary swapped", func(f [][]byte) [][]byte {
				a, b := lineSet(f[1]), lineSet(f[2])
				a[len(a)-1], b[0] = b[0], a[len(a)-1]
				f[1], f[2] = bytes.Join(a, nil), bytes.Join(b, nil)
				return f
			}, slogaudit.Reordered, 2, 1},
			{"a record of file 3 moved into file 2", func(f [][]byte) [][]byte {
				a, b := lineSet(f[1]), lineSet(f[2])
				m := b[2]
				b = slices.Delete(b, 2, 3)
				f[1], f[2] = bytes.Join(slices.Insert(a, 1, m), nil), bytes.Join(b, nil)
				return f
			}, slogaudit.Reordered, 1, 2},
			{"a byte order mark before a line inside a file", func(f [][]byte) [][]byte {
				ls := lineSet(f[1])
				ls[2] = append([]byte("\xef\xbb\xbf"), ls[2]...)
				f[1] = bytes.Join(ls, nil)
				return f
			}, slogaudit.Modified, 1, 3},
			// Benign: nothing in a record changes.
			{"the first record of file 3 moved to the end of file 2", func(f [][]byte) [][]byte {
				a, b := lineSet(f[1]), lineSet(f[2])
				f[1], f[2] = bytes.Join(append(a, b[0]), nil), bytes.Join(b[1:], nil)
				return f
			}, "", 0, 0},
			{"a byte order mark at the start of the first file", func(f [][]byte) [][]byte {
				f[0] = append([]byte("\xef\xbb\xbf"), f[0]...)
				return f
			}, "", 0, 0},
			{"a byte order mark at the start of every file", func(f [][]byte) [][]byte {
				for i := range f {
					f[i] = append([]byte("\xef\xbb\xbf"), f[i]...)
				}
				return f
			}, "", 0, 0},
			{"an empty newest file", func(f [][]byte) [][]byte { return append(f, nil) }, "", 0, 0},
			{"a byte order mark and CR LF line ends, as a Windows editor saves a file", func(f [][]byte) [][]byte {
				f[1] = append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(f[1], []byte("\n"), []byte("\r\n"))...)
				return f
			}, "", 0, 0},
			{"NULs after the last line of the newest file", func(f [][]byte) [][]byte {
				f[len(f)-1] = append(f[len(f)-1], make([]byte, 512)...)
				return f
			}, "", 0, 0},
		}
		for _, e := range edits {
			for _, cp := range []bool{false, true} {
				name := fmt.Sprintf("%s: %s (checkpoint file %v)", w, e.name, cp)
				f := e.do(l.fileBytes("\n"))
				el := l
				el.files = len(f)
				rep := el.verifyFiles(t, f, cp)
				if e.kind == "" {
					if !rep.Intact() || rep.Records != int64(len(l.lines)) {
						t.Errorf("%s: want intact with %d records, got %d: %v", name, len(l.lines), rep.Records, rep.Findings)
					}
					if rep.Checks.Hashes.Checked != int64(len(l.lines)) || rep.Checks.MACs.Checked != int64(len(l.lines)) {
						t.Errorf("%s: want every hash and MAC checked, got %+v", name, rep.Checks)
					}
					continue
				}
				requireOnly(t, name, rep, e.kind, 0, e.line)
				if got := tampering(rep); len(got) == 1 {
					if want := fmt.Sprintf("audit-%d.log", e.file); filepath.Base(got[0].File) != want {
						t.Errorf("%s: want the finding in %s, got %s", name, want, got[0])
					}
				}
			}
		}
		// The finding of a byte order mark names the file; one per file.
		f := l.fileBytes("\n")
		f[2] = append([]byte("\xef\xbb\xbf"), f[2]...)
		rep := l.verifyFiles(t, f, true)
		var marks []slogaudit.Finding
		for _, x := range rep.Findings {
			if x.Kind == slogaudit.ByteOrderMark {
				marks = append(marks, x)
			}
		}
		if len(marks) != 1 || filepath.Base(marks[0].File) != "audit-2.log" || marks[0].Line != 1 {
			t.Errorf("%s: want one byte-order-mark finding at audit-2.log:1, got %v", w, rep.Findings)
		}
	}
}

// An older copy of the checkpoint file in place of the current one changes
// no record: the log verifies intact, and the report says up to which
// record the checkpoints it holds vouch for the chain, so that the records
// after it are seen to be uncovered.
func TestOlderCheckpointFileCoversLess(t *testing.T) {
	l := writeExactLog(t, "file", "mint-4", []int{18, 8}, 4<<10)
	cps := lineSet(l.cps)
	if len(cps) < 3 {
		t.Fatalf("test bug: %d checkpoints", len(cps))
	}
	full := l.verifyFiles(t, l.fileBytes("\n"), true).Chains["mint-4"].Covered
	for _, keep := range []int{1, len(cps) / 2} {
		older := l
		older.cps = bytes.Join(cps[:keep], nil)
		rep := older.verifyFiles(t, l.fileBytes("\n"), true)
		s := rep.Chains["mint-4"]
		if !rep.Intact() || s.Checks.Checkpoints.Checked != int64(keep) || s.Covered == 0 || s.Covered >= full || s.Covered >= s.Last {
			t.Errorf("first %d checkpoints kept: want intact, %d checked, covered below %d, got covered %d of %d: %+v %v", keep, keep, full, s.Covered, s.Last, s.Checks.Checkpoints, rep.Findings)
		}
	}
}

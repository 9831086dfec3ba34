package slogaudit_test

// A rotated file (not the last) whose end was cut off mid-record: one
// truncated finding at the cut line, naming the records gone, whichever
// writer wrote the log and wherever in the line the cut falls.

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

func TestRotatedFileCutMidRecord(t *testing.T) {
	for _, w := range exactWriters {
		l := writeExactLog(t, w, "till-4", []int{19, 7}, 3<<10)
		if l.files < 4 {
			t.Fatalf("test bug: %s: %d files, want 4 or more", w, l.files)
		}
		for _, i := range []int{0, 1, l.files - 2} {
			whole := l.fileBytes("\n")
			lines := bytes.SplitAfter(whole[i], []byte("\n"))
			lines = lines[:len(lines)-1] // the empty string after the last newline
			_, lastSeq := seqsOfFile(t, l, i)
			// back: how many lines from the end the cut falls in.
			for _, back := range []int{1, 2} {
				if back > len(lines) {
					continue
				}
				cutLine := lines[len(lines)-back]
				start := len(whole[i])
				for _, x := range lines[len(lines)-back:] {
					start -= len(x)
				}
				for _, keep := range []int{1, 9, len(cutLine) / 2, len(cutLine) - 2} {
					for _, cp := range []bool{false, true} {
						name := fmt.Sprintf("%s: file %d of %d cut %d bytes into its line %d from the end (checkpoint file %v)", w, i+1, l.files, keep, back, cp)
						files := l.fileBytes("\n")
						files[i] = files[i][:start+keep]
						rep := l.verifyFiles(t, files, cp)
						first := lastSeq - uint64(back) + 1
						requireOnly(t, name, rep, slogaudit.Truncated, first, int64(len(lines)-back+1))
						got := tampering(rep)
						if len(got) != 1 {
							continue
						}
						if f := filepath.Base(got[0].File); f != fmt.Sprintf("audit-%d.log", i) {
							t.Errorf("%s: want the finding in the cut file, got %s", name, got[0])
						}
						want := fmt.Sprintf("record %d is gone", first)
						if back > 1 {
							want = fmt.Sprintf("records %d to %d are gone", first, lastSeq)
						}
						if !strings.Contains(got[0].Detail, want) {
							t.Errorf("%s: want %q, got %s", name, want, got[0])
						}
					}
				}
			}
			// Look-alike: cut at a line's end, the records after it are
			// one missing run where the next file starts, as a deleted
			// line run is.
			files := l.fileBytes("\n")
			files[i] = bytes.Join(lines[:len(lines)-2], nil)
			requireOnly(t, fmt.Sprintf("%s: file %d cut at a line end", w, i+1), l.verifyFiles(t, files, true), slogaudit.Missing, lastSeq-1, 1)
		}
		// Look-alike: the last file cut mid-record, as a crash leaves it,
		// is not tampering by itself (a torn tail; only the checkpoints
		// can tell records are gone).
		files := l.fileBytes("\n")
		last := len(files) - 1
		files[last] = files[last][:len(files[last])-7]
		if rep := l.verifyFiles(t, files, false); !rep.Intact() {
			t.Errorf("%s: last file cut mid-record: want a torn tail, intact, got %v", w, rep.Findings)
		}
	}
}

package slogaudit_test

// A checkpoint that signed records no longer in the input is one
// truncated finding, and it names where the input ends: the last line of
// the last file that exists, or that file at no line when it is empty;
// never a line past the end.

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

func TestTruncatedNamesTheLastLineThatExists(t *testing.T) {
	for _, w := range []string{"file", "json"} {
		l := writeExactLog(t, w, "vault-3", []int{9, 8}, 2<<10)
		lastFile := l.files - 1
		// covered: the index of the newest line a checkpoint signed.
		covered := -1
		signed := l.verify(t, l.lines, true).Chains["vault-3"].Covered
		for i, x := range l.lines {
			if seqOf(t, x.text) == signed {
				covered = i
			}
		}
		firstOfLast := slices.IndexFunc(l.lines, func(x exactLine) bool { return x.file == lastFile })
		if covered < 0 || firstOfLast < 0 {
			t.Fatalf("test bug: %s: no line signed (%d) or last file empty", w, signed)
		}
		for _, c := range []struct {
			name string
			keep int // lines kept, oldest first
		}{
			{"the newest signed record removed", covered},
			{"three signed records removed", covered - 2},
			{"the last file emptied", min(firstOfLast, covered)},
		} {
			for _, blankAtEnd := range []bool{false, true} {
				name := fmt.Sprintf("%s: %s (blank line at the end %v)", w, c.name, blankAtEnd)
				files := make([][]byte, l.files)
				wantLine := int64(0)
				for _, x := range l.lines[:c.keep] {
					files[x.file] = append(files[x.file], x.text+"\n"...)
					if x.file == lastFile {
						wantLine++
					}
				}
				if blankAtEnd {
					files[lastFile] = append(files[lastFile], '\n')
					wantLine++
				}
				rep := l.verifyFiles(t, files, true)
				requireOnly(t, name, rep, slogaudit.Truncated, 0, wantLine)
				for _, f := range tampering(rep) {
					if got, want := filepath.Base(f.File), fmt.Sprintf("audit-%d.log", lastFile); got != want {
						t.Errorf("%s: want the finding in %s, got %s", name, want, f)
					}
				}
			}
		}
	}
}

// A last line cut short (a crash mid-write) whose record a checkpoint
// signed: the finding is at that line, the last one.
func TestTruncatedAtACutLastLine(t *testing.T) {
	l := writeExactLog(t, "file", "vault-4", []int{11}, 0)
	files := l.fileBytes("\n")
	files[0] = files[0][:len(files[0])-30]
	requireOnly(t, "last line cut", l.verifyFiles(t, files, true), slogaudit.Truncated, seqOf(t, l.lines[len(l.lines)-1].text), int64(len(l.lines)))
}

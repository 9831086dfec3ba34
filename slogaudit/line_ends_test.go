package slogaudit_test

// Line ends converted to CR LF, over a log that File wrote and one that
// Wrap wrote: a file converted whole verifies as it did before, whichever
// wrote it, and a tamper of the converted file is still named once.

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// crlfFiles returns the bytes of l's files with lines (a set of indices
// into l.lines; nil: every line) ended by CR LF and the others by LF.
func crlfFiles(l exactLog, lines []exactLine, crlf func(i int) bool) [][]byte {
	out := make([][]byte, l.files)
	for i, x := range lines {
		eol := "\n"
		if crlf(i) {
			eol = "\r\n"
		}
		out[x.file] = append(out[x.file], x.text+eol...)
	}
	return out
}

func TestLineEndsConvertedFileAgreesAcrossWriters(t *testing.T) {
	logs := map[string]exactLog{}
	for _, w := range exactWriters {
		logs[w] = writeExactLog(t, w, "till-7", []int{8, 7}, 2<<10)
	}
	all := func(int) bool { return true }
	for w, l := range logs {
		untouched := map[bool]slogaudit.Report{}
		for _, cp := range []bool{false, true} {
			untouched[cp] = l.verify(t, l.lines, cp)
		}
		for _, cp := range []bool{false, true} {
			at := func(what string) string { return fmt.Sprintf("%s: %s (checkpoint file %v)", w, what, cp) }

			name := at("every line CR LF")
			rep := l.verifyFiles(t, crlfFiles(l, l.lines, all), cp)
			if !rep.Intact() || rep.Records != int64(len(l.lines)) || !sameFindings(rep, untouched[cp]) {
				t.Errorf("%s: want intact as untouched, got %d of %d records, %v", name, rep.Records, len(l.lines), rep.Findings)
			}

			name = at("the oldest file alone CR LF")
			rep = l.verifyFiles(t, crlfFiles(l, l.lines, func(i int) bool { return l.lines[i].file == 0 }), cp)
			if !rep.Intact() || !sameFindings(rep, untouched[cp]) {
				t.Errorf("%s: want intact as untouched, got %v", name, rep.Findings)
			}

			// A tamper of a converted file is named as in any other.
			edited := slices.Clone(l.lines)
			i := len(edited) / 2
			edited[i].text = strings.Replace(edited[i].text, `"msg":"`, `"msg":"~`, 1)
			requireOnly(t, at("every line CR LF, a value edited"), l.verifyFiles(t, crlfFiles(l, edited, all), cp),
				slogaudit.Modified, seqOf(t, l.lines[i].text), lineInFile(edited, i))

			removed := slices.Delete(slices.Clone(l.lines), 3, 4)
			requireOnly(t, at("every line CR LF, a line removed"), l.verifyFiles(t, crlfFiles(l, removed, all), false),
				slogaudit.Missing, seqOf(t, l.lines[3].text), 0)

			// One line of an LF file with a carriage return: a File line is
			// its bytes, so that line is changed; another handler's line is
			// canonicalised, and its spacing is no change.
			// (A file of one line ending in CR LF is a converted file.)
			for _, j := range []int{0, 4, len(l.lines) - 2} {
				name = at(fmt.Sprintf("line %d alone CR LF", j+1))
				rep = l.verifyFiles(t, crlfFiles(l, l.lines, func(i int) bool { return i == j }), cp)
				if w == "file" {
					requireOnly(t, name, rep, slogaudit.Modified, seqOf(t, l.lines[j].text), lineInFile(l.lines, j))
				} else if !rep.Intact() || !sameFindings(rep, untouched[cp]) {
					t.Errorf("%s: want intact as untouched, got %v", name, rep.Findings)
				}
			}
		}
	}
}

// Lines that only look like a conversion are not one: white space and a
// lone carriage return inside a File line are changes of that line; and
// a single-line input ending in CR LF is a converted file.
func TestLineEndsLookAlikes(t *testing.T) {
	l := writeExactLog(t, "file", "kiosk", []int{6}, 0)
	for _, c := range []struct {
		name string
		edit func(string) string
	}{
		{"a carriage return before the line's last brace", func(s string) string { return s[:len(s)-1] + "\r}" }},
		{"a carriage return and a space at the end", func(s string) string { return s + " \r" }},
		{"two carriage returns at the end", func(s string) string { return s + "\r" }},
	} {
		for _, j := range []int{0, 3} {
			lines := slices.Clone(l.lines)
			lines[j].text = c.edit(lines[j].text)
			all := crlfFiles(l, lines, func(int) bool { return true })
			name := fmt.Sprintf("%s, line %d, every line CR LF", c.name, j+1)
			requireOnly(t, name, l.verifyFiles(t, all, false), slogaudit.Modified, seqOf(t, l.lines[j].text), int64(j+1))
		}
	}
	one := exactLog{lines: l.lines[:1], files: 1, cps: l.cps, pub: l.pub}
	rep := one.verifyFiles(t, [][]byte{[]byte(one.lines[0].text + "\r\n")}, false)
	if !rep.Intact() || len(rep.Findings) != 0 {
		t.Errorf("one line CR LF: want intact, nothing found, got %v", rep.Findings)
	}
}

// sameFindings reports whether rep found what want found (the untouched
// log's information: restarts), finding for finding, in files of the
// same names.
func sameFindings(rep, want slogaudit.Report) bool {
	return slices.EqualFunc(rep.Findings, want.Findings, func(a, b slogaudit.Finding) bool {
		a.File, b.File = filepath.Base(a.File), filepath.Base(b.File)
		return a == b
	})
}

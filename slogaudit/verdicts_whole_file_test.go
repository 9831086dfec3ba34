package slogaudit_test

// Edits of a log as a whole (its line ends, its first bytes, its last
// line) and lines moved far or added from other logs, over File, Wrap
// over slog.JSONHandler and over slogcore with restarts, rotation and
// checkpoints. Benign: a blank line at the end of a file, a byte order
// mark at its start, and CRLF line ends on every line of a file,
// whichever handler wrote it.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// verifyFiles writes files as the rotated files of l and verifies them
// together, with l's checkpoint file when withCP.
func (l exactLog) verifyFiles(t *testing.T, files [][]byte, withCP bool) slogaudit.Report {
	t.Helper()
	d := exactDirOf(t)
	d.mu.Lock()
	defer d.mu.Unlock()
	var paths []string
	for i, b := range files {
		p := filepath.Join(d.path, fmt.Sprintf("audit-%d.log", i))
		if i >= len(d.files) || !bytes.Equal(d.files[i], b) {
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
			if i >= len(d.files) {
				d.files = append(d.files, make([][]byte, i+1-len(d.files))...)
			}
			d.files[i] = bytes.Clone(b)
		}
		paths = append(paths, p)
	}
	o := slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}}
	if withCP {
		o.PublicKey, o.Checkpoints = l.pub, bytes.NewReader(l.cps)
	}
	rep, err := slogaudit.VerifyFiles(context.Background(), paths, o)
	if err != nil && rep.Records == 0 {
		t.Fatalf("verify: %v", err)
	}
	return rep
}

// exactDir is the directory a test's verifyFiles calls write to, and the
// bytes each file there holds: a call rewrites only the files that
// differ from the call before (most edits change one file). A directory
// of new files per call made creating files cost several times the
// verification, over the thousands of calls of the verdict tests.
type exactDir struct {
	mu    sync.Mutex // held while the files are written and verified
	path  string
	files [][]byte
}

// exactDirs holds the exactDir of each running test, by its *testing.T.
var exactDirs sync.Map

func exactDirOf(t *testing.T) *exactDir {
	if d, ok := exactDirs.Load(t); ok {
		return d.(*exactDir)
	}
	d, loaded := exactDirs.LoadOrStore(t, &exactDir{path: t.TempDir()})
	if !loaded {
		t.Cleanup(func() { exactDirs.Delete(t) })
	}
	return d.(*exactDir)
}

// fileBytes returns the bytes of l's files, each line ended by eol.
func (l exactLog) fileBytes(eol string) [][]byte {
	out := make([][]byte, l.files)
	for _, x := range l.lines {
		out[x.file] = append(out[x.file], x.text+eol...)
	}
	return out
}

func TestExactWholeFileEdits(t *testing.T) {
	for w, l := range exactLogs(t) {
		last := l.files - 1
		for _, cp := range []bool{false, true} {
			at := func(what string) string { return fmt.Sprintf("%s: %s (checkpoint file %v)", w, what, cp) }

			f := l.fileBytes("\n")
			f[last] = append(f[last], '\n')
			if rep := l.verifyFiles(t, f, cp); !rep.Intact() || rep.Records != int64(len(l.lines)) {
				t.Errorf("%s: want intact, got %v", at("a blank line at the end"), rep.Findings)
			}

			// A byte order mark before the first line, as a text editor
			// saves it, is no part of a record: intact, and noted.
			f = l.fileBytes("\n")
			f[0] = append([]byte("\ufeff"), f[0]...)
			if rep := l.verifyFiles(t, f, cp); !rep.Intact() || rep.Records != int64(len(l.lines)) || len(rep.Findings) == 0 || rep.Findings[0].Kind != slogaudit.ByteOrderMark {
				t.Errorf("%s: want intact, the mark noted first, got %v", at("a byte order mark before the first line"), rep.Findings)
			}

			rep := l.verifyFiles(t, l.fileBytes("\r\n"), cp)
			if !rep.Intact() {
				t.Errorf("%s: want intact, got %v", at("CRLF line ends"), rep.Findings)
			}

			// The last line cut short: what a crash leaves, unless a
			// checkpoint signed that record.
			f = l.fileBytes("\n")
			f[last] = f[last][:len(f[last])-25]
			rep = l.verifyFiles(t, f, cp)
			lastSeq := seqOf(t, l.lines[len(l.lines)-1].text)
			if got := tampering(rep); cp && len(got) > 0 {
				// A checkpoint signed that record.
				requireOnly(t, at("the last line cut short, signed"), rep, slogaudit.Truncated, lastSeq, 0)
			} else if got := tampering(rep); len(got) != 0 {
				t.Errorf("%s: want no tampering, got %v", at("the last line cut short"), rep.Findings)
			}
		}
	}
}

// A line appended from another run of the chain, or from a log of
// another chain, is one finding at that line. (Another chain's first
// record, appended, is a chain of its own that verifies, as a second
// writer sharing the file writes: the report lists it among the chains.)
func TestExactAppendedLineFromAnotherLog(t *testing.T) {
	for w, l := range exactLogs(t) {
		other := writeExactLog(t, w, "ledger", []int{12, 9, 11}, 3<<10)
		otherChain := writeExactLog(t, w, "payroll", []int{6}, 0)
		srcs := map[string]string{
			"the other run's last record": other.lines[len(other.lines)-1].text,
			"the other run's record 21":   other.lines[20].text,
			"a record of another chain":   otherChain.lines[2].text,
		}
		for name, src := range srcs {
			for _, cp := range []bool{false, true} {
				c := append(slices.Clone(l.lines), exactLine{l.files - 1, src})
				rep := l.verify(t, c, cp)
				got := tampering(rep)
				if len(got) != 1 || got[0].Line != lineInFile(c, len(c)-1) {
					t.Errorf("%s: %s appended (checkpoint file %v): want one finding at its line, got %v", w, name, cp, rep.Findings)
				}
			}
		}
		rep := l.verify(t, append(slices.Clone(l.lines), exactLine{l.files - 1, otherChain.lines[0].text}), false)
		if s, ok := rep.Chains["payroll"]; !ok || s.Records != 1 {
			t.Errorf("%s: another chain's first record appended: want it listed as chain payroll, got %+v", w, rep.Chains)
		}
	}
}

// Two distant lines swapped are two records out of place, each reported
// reordered at its line; nothing else. Where each line was its file's one
// line, the swap is two files renamed, which changes no record: the files
// are read in chain order, intact, with one files-ordered note.
func TestExactDistantSwapNamesBothRecords(t *testing.T) {
	t.Parallel() // thousands of verifications; its logs and files are its own
	for w, l := range exactLogs(t) {
		for i := range l.lines {
			for _, d := range []int{4, 13} {
				j := i + d
				if j >= len(l.lines) {
					continue
				}
				c := slices.Clone(l.lines)
				c[i].text, c[j].text = c[j].text, c[i].text
				cp := i%2 == 0
				rep := l.verify(t, c, cp)
				if filesSwapped(l.lines, c) {
					if !rep.Intact() || len(ordered(rep)) != 1 {
						t.Errorf("%s: lines %d and %d swapped, each its file's one line (checkpoint file %v): want intact, read in chain order, got %v", w, i+1, j+1, cp, rep.Findings)
					}
					continue
				}
				got := tampering(rep)
				ok := len(got) == 2 && got[0].Kind == slogaudit.Reordered && got[1].Kind == slogaudit.Reordered &&
					got[0].Line == lineInFile(c, i) && got[1].Line == lineInFile(c, j) &&
					got[0].Seq == seqOf(t, c[i].text) && got[1].Seq == seqOf(t, c[j].text)
				if !ok {
					t.Errorf("%s: lines %d and %d swapped (checkpoint file %v): want both reordered, got %v", w, i+1, j+1, cp, rep.Findings)
				}
			}
		}
	}
}

// filesSwapped reports whether the lines of edited are those of lines with
// whole files' contents swapped: each file holds what one file held.
func filesSwapped(lines, edited []exactLine) bool {
	files := func(ls []exactLine) []string {
		var out []string
		for _, x := range ls {
			for len(out) <= x.file {
				out = append(out, "")
			}
			out[x.file] += x.text + "\n"
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(files(lines), files(edited))
}

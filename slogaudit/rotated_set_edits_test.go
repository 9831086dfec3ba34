package slogaudit_test

// Edits of a rotated set of files, as an intruder with write access to
// the log directory makes them: each is one finding of the kind that
// says what was done, at the place where it was done.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// rotatedSet is a log of several rotated files, with restarts and
// checkpoints, by writer.
func rotatedSets(t *testing.T) map[string]exactLog {
	sets := map[string]exactLog{}
	for _, w := range []string{"file", "json"} {
		sets[w] = writeExactLog(t, w, "gate-2", []int{13, 10}, 2<<10)
		if sets[w].files < 5 {
			t.Fatalf("test bug: %s: %d files, want 5 or more", w, sets[w].files)
		}
	}
	return sets
}

// seqsOfFile returns the first and last seq of file i of l.
func seqsOfFile(t *testing.T, l exactLog, i int) (first, last uint64) {
	t.Helper()
	for _, x := range l.lines {
		if x.file == i {
			if first == 0 {
				first = seqOf(t, x.text)
			}
			last = seqOf(t, x.text)
		}
	}
	return first, last
}

// A rotated file deleted from the middle of the set, or the newest lines
// of one removed, is one removal: one missing finding for the run of
// records, at the first line of the next file, where the next record
// stands. (Within a file, adjacent lines removed are one finding too.)
func TestRemovedRunIsOneMissing(t *testing.T) {
	for w, l := range rotatedSets(t) {
		for _, cp := range []bool{false, true} {
			for _, i := range []int{1, 2, l.files - 2} {
				name := fmt.Sprintf("%s: rotated file %d of %d deleted (checkpoint file %v)", w, i+1, l.files, cp)
				first, last := seqsOfFile(t, l, i)
				files := slices.Delete(l.fileBytes("\n"), i, i+1)
				short := l
				short.files--
				rep := short.verifyFiles(t, files, cp)
				requireOnly(t, name, rep, slogaudit.Missing, first, 1)
				if got := tampering(rep); len(got) == 1 {
					if want := fmt.Sprintf("records %d to %d are not in the input", first, last); first < last && !strings.Contains(got[0].Detail, want) {
						t.Errorf("%s: want %q, got %s", name, want, got[0])
					}
					if want := fmt.Sprintf("audit-%d.log", i); filepath.Base(got[0].File) != want {
						t.Errorf("%s: want the finding in %s, where the next record stands, got %s", name, want, got[0])
					}
				}
			}
			// The newest lines of a rotated file removed: the same.
			end := slices.IndexFunc(l.lines, func(x exactLine) bool { return x.file == 2 })
			name := fmt.Sprintf("%s: the last 2 lines of rotated file 2 removed (checkpoint file %v)", w, cp)
			c := slices.Delete(slices.Clone(l.lines), end-2, end)
			requireOnly(t, name, l.verify(t, c, cp), slogaudit.Missing, seqOf(t, l.lines[end-2].text), 1)
		}
	}
}

// Look-alikes: two single lines removed apart are two removals, each its
// own finding; the untouched set verifies intact.
func TestRemovedApartAreTwoFindings(t *testing.T) {
	for w, l := range rotatedSets(t) {
		if rep := l.verify(t, l.lines, true); !rep.Intact() {
			t.Errorf("%s: untouched: %v", w, rep.Findings)
		}
		a, b := 4, len(l.lines)-6
		c := slices.Delete(slices.Delete(slices.Clone(l.lines), b, b+1), a, a+1)
		got := tampering(l.verify(t, c, false))
		if len(got) != 2 || got[0].Kind != slogaudit.Missing || got[1].Kind != slogaudit.Missing ||
			got[0].Seq != seqOf(t, l.lines[a].text) || got[1].Seq != seqOf(t, l.lines[b].text) {
			t.Errorf("%s: lines %d and %d removed: want two missing findings, got %v", w, a+1, b+1, got)
		}
	}
}

// A rotated file read twice, or a block of lines pasted again after the
// lines it copies, is one duplicated finding for the run; the same file
// named twice is an error that says so.
func TestRepeatedFileIsOneDuplicated(t *testing.T) {
	for w, l := range rotatedSets(t) {
		for _, cp := range []bool{false, true} {
			i := 2
			name := fmt.Sprintf("%s: a copy of rotated file %d read after it (checkpoint file %v)", w, i+1, cp)
			first, last := seqsOfFile(t, l, i)
			files := l.fileBytes("\n")
			files = slices.Insert(files, i+1, files[i])
			long := l
			long.files++
			rep := long.verifyFiles(t, files, cp)
			requireOnly(t, name, rep, slogaudit.Duplicated, first, 1)
			if got := tampering(rep); len(got) == 1 && !strings.Contains(got[0].Detail, fmt.Sprintf("records %d to %d are the same records as line 1 of", first, last)) {
				t.Errorf("%s: want the run named, got %s", name, got[0])
			}

			at := len(l.lines) / 2
			c := slices.Insert(slices.Clone(l.lines), at+3, l.lines[at:at+3]...)
			for k := at + 3; k < at+6; k++ {
				c[k].file = c[at+2].file
			}
			name = fmt.Sprintf("%s: lines %d to %d pasted again after them (checkpoint file %v)", w, at+1, at+3, cp)
			requireOnly(t, name, l.verify(t, c, cp), slogaudit.Duplicated, seqOf(t, l.lines[at].text), lineInFile(c, at+3))
		}
		// Look-alike: two lines, each pasted again apart, are two.
		c := slices.Clone(l.lines)
		c = slices.Insert(c, 9, c[5])
		c = slices.Insert(c, 4, c[2])
		if got := tampering(l.verify(t, c, false)); len(got) != 2 || got[0].Kind != slogaudit.Duplicated || got[1].Kind != slogaudit.Duplicated {
			t.Errorf("%s: two lines pasted again apart: want two duplicated findings, got %v", w, got)
		}
	}
}

func TestSameFileNamedTwiceIsAnError(t *testing.T) {
	l := writeExactLog(t, "file", "gate-5", []int{4}, 0)
	dir := t.TempDir()
	p := filepath.Join(dir, "audit.log")
	if err := os.WriteFile(p, l.fileBytes("\n")[0], 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.log")
	if err := os.Link(p, link); err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(dir, "copy.log")
	if err := os.WriteFile(copied, l.fileBytes("\n")[0], 0o600); err != nil {
		t.Fatal(err)
	}
	o := slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}}
	for name, paths := range map[string][]string{
		"one path twice":          {p, p},
		"a path and a hard link":  {p, link},
		"a path, dot-dot spelled": {p, filepath.Join(dir, "..", filepath.Base(dir), "audit.log")},
	} {
		_, err := slogaudit.VerifyFiles(context.Background(), paths, o)
		if err == nil || !strings.Contains(err.Error(), "named twice") || !strings.HasPrefix(err.Error(), "slogaudit: ") {
			t.Errorf("%s: want an error that says the file is named twice, got %v", name, err)
		}
	}
	// A copy is another file: its records are duplicates, one finding.
	rep, _ := slogaudit.VerifyFiles(context.Background(), []string{p, copied}, o)
	requireOnly(t, "a copy", rep, slogaudit.Duplicated, 1, 1)
}

// A checkpoint file of another run of the chain given with the log is
// one bad-checkpoint finding, however many of its checkpoints differ; a
// checkpoint file deleted or emptied leaves the log intact and the report
// says the check did not run, and why.
func TestCheckpointFileOfAnotherLog(t *testing.T) {
	for w, l := range rotatedSets(t) {
		other := writeExactLog(t, w, "gate-2", []int{13, 10}, 2<<10)
		foreign := l
		foreign.cps = other.cps
		rep := foreign.verify(t, l.lines, true)
		requireOnly(t, w+": another run's checkpoint file", rep, slogaudit.BadCheckpoint, 0, 0)
		if got := tampering(rep); len(got) == 1 && !strings.Contains(got[0].Detail, "another log's") {
			t.Errorf("%s: another run's checkpoint file: want the finding to say so, got %s", w, got[0])
		}
		if c := rep.Checks.Checkpoints; c.Failed < 2 || c.Failed != c.Checked {
			t.Errorf("%s: another run's checkpoint file: want every checkpoint counted failed, got %+v", w, c)
		}

		// Look-alike: one line of the checkpoint file from the other run,
		// the rest the log's own: that checkpoint alone.
		own, theirs := strings.SplitAfter(string(l.cps), "\n"), strings.SplitAfter(string(other.cps), "\n")
		mixed := slices.Clone(own)
		mixed[1] = theirs[1]
		one := l
		one.cps = []byte(strings.Join(mixed, ""))
		requireOnly(t, w+": one checkpoint line from another run", one.verify(t, l.lines, true), slogaudit.BadCheckpoint, 0, 0)

		for name, cps := range map[string][]byte{"deleted": nil, "emptied": {}} {
			c := l
			c.cps = cps
			var rep slogaudit.Report
			if cps == nil {
				rep = c.verify(t, l.lines, false)
			} else {
				rep = c.verify(t, l.lines, true)
			}
			want := map[string]string{"deleted": slogaudit.SkippedNoCheckpoints, "emptied": slogaudit.SkippedEmptyCheckpoints}[name]
			if !rep.Intact() || rep.Checks.Checkpoints.Skipped != want {
				t.Errorf("%s: checkpoint file %s: want intact, checkpoints skipped (%s), got %+v %v", w, name, want, rep.Checks.Checkpoints, rep.Findings)
			}
		}
	}
}

// The wrong key for a rotated set with restarts is one finding that says
// the key is probably wrong, not one per record.
func TestWrongKeyOverRotatedSetIsOneFinding(t *testing.T) {
	for w, l := range rotatedSets(t) {
		paths := make([]string, l.files)
		dir := t.TempDir()
		for i, b := range l.fileBytes("\n") {
			paths[i] = filepath.Join(dir, fmt.Sprintf("audit-%d.log", i))
			if err := os.WriteFile(paths[i], b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		wrong := []byte(strings.Repeat("k", 32))
		rep, err := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": wrong}})
		if err == nil {
			t.Errorf("%s: wrong key: want an error, got none", w)
		}
		requireOnly(t, w+": wrong key", rep, slogaudit.BadMAC, 0, 0)
		if got := tampering(rep); len(got) == 1 && !strings.Contains(got[0].Detail, "probably wrong") {
			t.Errorf("%s: wrong key: want the finding to say the key is probably wrong, got %s", w, got[0])
		}
		if c := rep.Checks.MACs; c.Checked != int64(len(l.lines)) || c.Failed != c.Checked {
			t.Errorf("%s: wrong key: want every MAC counted failed, got %+v", w, c)
		}
	}
}

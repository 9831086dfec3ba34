package slogaudit_test

// Adjacent lines removed from a file are one removal: one missing finding
// for the run, at the line where the next record stands, naming the first
// and last seq gone; removals apart are a finding each.

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

func TestAdjacentLinesRemovedAreOneMissing(t *testing.T) {
	for _, w := range exactWriters {
		l := writeExactLog(t, w, "dock-9", []int{23, 12}, 5<<10)
		checked := 0
		for _, k := range []int{2, 3, 6} {
			for i := 0; i+k < len(l.lines); i++ {
				if l.lines[i].file != l.lines[i+k].file {
					continue // the run and the next record in one file
				}
				cp := (i+k)%2 == 0
				name := fmt.Sprintf("%s: lines %d to %d removed (checkpoint file %v)", w, i+1, i+k, cp)
				first, last := seqOf(t, l.lines[i].text), seqOf(t, l.lines[i+k-1].text)
				c := slices.Delete(slices.Clone(l.lines), i, i+k)
				rep := l.verify(t, c, cp)
				requireOnly(t, name, rep, slogaudit.Missing, first, lineInFile(c, i))
				if got := tampering(rep); len(got) == 1 && !strings.Contains(got[0].Detail, fmt.Sprintf("records %d to %d are not in the input", first, last)) {
					t.Errorf("%s: want the run named, got %s", name, got[0])
				}
				checked++
			}
		}
		if checked < 30 {
			t.Fatalf("test bug: %s: %d cases", w, checked)
		}
		// Look-alikes: two lines removed with a line kept between them
		// are two removals, each its own finding.
		for _, i := range []int{3, len(l.lines) / 2} {
			c := slices.Delete(slices.Clone(l.lines), i+2, i+3)
			c = slices.Delete(c, i, i+1)
			got := tampering(l.verify(t, c, true))
			if len(got) != 2 || got[0].Kind != slogaudit.Missing || got[1].Kind != slogaudit.Missing ||
				got[0].Seq != seqOf(t, l.lines[i].text) || got[1].Seq != seqOf(t, l.lines[i+2].text) {
				t.Errorf("%s: lines %d and %d removed: want two missing findings, got %v", w, i+1, i+3, got)
			}
		}
	}
}

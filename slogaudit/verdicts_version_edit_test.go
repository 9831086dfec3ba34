package slogaudit_test

import (
	"slices"
	"strings"
	"testing"
)

// A record's v member changed to another version is one finding at its
// line, whichever handler wrote it: a line with hex hashes (written
// through another handler) still reads under v1, and its hash and its
// MAC, which both cover the version, fail together.
func TestVersionMemberEditIsOneFinding(t *testing.T) {
	for w, l := range exactLogs(t) {
		for i, x := range l.lines {
			if i%3 != 0 {
				continue // every line is alike; a third of them covers each kind of record
			}
			for _, to := range []string{`"v":1`, `"v":3`} {
				c := slices.Clone(l.lines)
				c[i].text = strings.Replace(x.text, `"v":2`, to, 1)
				if c[i].text == x.text {
					t.Fatalf("test bug: %s: no v member in line %d", w, i+1)
				}
				cp := i%2 == 0
				rep := l.verify(t, c, cp)
				if got := tampering(rep); len(got) != 1 || got[0].Line != lineInFile(c, i) {
					t.Errorf("%s: line %d's v member changed to %s (checkpoint file %v): want one finding at its line, got %v", w, i+1, to, cp, rep.Findings)
				}
			}
		}
	}
}

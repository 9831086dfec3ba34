package slogaudit_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// An in-band checkpoint record whose note a byte of invalid UTF-8 breaks
// (a byte of the em dash before its signature, or of its text) is one
// modified finding at its line, which names the byte: its checkpoint,
// whose note no longer reads, is not reported besides.
func TestCheckpointNoteInvalidUTF8IsOneFinding(t *testing.T) {
	for w, l := range exactLogs(t) {
		edited := 0
		for i, x := range l.lines {
			j := strings.Index(x.text, `"note":"`)
			if j < 0 {
				continue
			}
			dash := strings.Index(x.text[j:], "\u2014") + j
			edits := map[string]string{
				"the em dash's first byte made ASCII":  x.text[:dash] + "x" + x.text[dash+1:],
				"the em dash's second byte made ASCII": x.text[:dash+1] + "x" + x.text[dash+2:],
				"a byte 0xff in its origin":            x.text[:j+10] + "\xff" + x.text[j+11:],
				"a byte 0xc3 before its signature":     x.text[:dash] + "\xc3" + x.text[dash:],
			}
			edited++
			for name, e := range edits {
				c := slices.Clone(l.lines)
				c[i].text = e
				for _, cp := range []bool{false, true} {
					rep := l.verify(t, c, cp)
					requireOnly(t, fmt.Sprintf("%s: line %d, %s (checkpoint file %v)", w, i+1, name, cp), rep, slogaudit.Modified, seqOf(t, x.text), lineInFile(c, i))
				}
			}
		}
		if edited == 0 {
			t.Fatalf("test bug: %s: no in-band checkpoint", w)
		}
	}
}

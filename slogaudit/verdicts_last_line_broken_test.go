package slogaudit_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// The newest line of a log changed so that it is no longer JSON, nor the
// start of a record a writer stopped in, while its audit member still
// names its record, is that record modified: one finding at its line,
// not truncated besides when a checkpoint kept apart signed it.
func TestLastLineBrokenIsItsRecordOnly(t *testing.T) {
	for w, l := range exactLogs(t) {
		last := len(l.lines) - 1
		x := l.lines[last]
		edits := map[string]string{
			"its last brace made a bracket": x.text[:len(x.text)-1] + "]",
			"a byte after it":               x.text + "x",
			"its first member's quote gone": x.text[:1] + x.text[2:],
		}
		for name, e := range edits {
			c := slices.Clone(l.lines)
			c[last].text = e
			for _, cp := range []bool{false, true} {
				rep := l.verify(t, c, cp)
				got := tampering(rep)
				if len(got) != 1 || got[0].Line != lineInFile(c, last) || cp && got[0].Kind != slogaudit.Modified && got[0].Kind != slogaudit.Malformed {
					var b strings.Builder
					for _, f := range rep.Findings {
						b.WriteString("\n\t" + f.String())
					}
					t.Errorf("%s: the last line, %s (checkpoint file %v): want one finding at its line, got:%s", w, name, cp, b.String())
				}
			}
		}
	}
}

// The finding of the newest line changed out of JSON says once that it
// was changed, whichever way it is reported.
func TestLastLineBrokenSaysChangedOnce(t *testing.T) {
	l := exactLogs(t)["file"]
	last := len(l.lines) - 1
	c := slices.Clone(l.lines)
	c[last].text = c[last].text[:len(c[last].text)-1] + "]"
	for _, cp := range []bool{false, true} {
		for _, f := range tampering(l.verify(t, c, cp)) {
			if n := strings.Count(f.Detail, "it was changed after it was written"); n != 1 {
				t.Errorf("checkpoint file %v: want the change said once, got %d times: %s", cp, n, f)
			}
		}
	}
}

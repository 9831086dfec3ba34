package slogaudit_test

import (
	"regexp"
	"slices"
	"testing"
)

// memberValue matches a member of a line and its string or number value.
var memberValue = regexp.MustCompile(`"([a-z_]+)":("[^"]*"|[0-9.]+)`)

// flipValueByte changes the first digit or letter from the middle of a
// value on to the next of its kind.
func flipValueByte(v string) (string, bool) {
	for k := len(v) / 2; k < len(v); k++ {
		c := v[k]
		var d byte
		switch {
		case c >= '0' && c <= '8':
			d = c + 1
		case c == '9':
			d = '0'
		case c >= 'a' && c <= 'e':
			d = c + 1
		case c == 'f':
			d = 'a'
		case c >= 'g' && c <= 'y':
			d = c + 1
		case c >= 'A' && c <= 'Y':
			d = c + 1
		}
		if d != 0 {
			return v[:k] + string(d) + v[k+1:], true
		}
	}
	return v, false
}

// One byte of any member of any line changed (a digit or letter to the
// next of its kind: the line stays JSON) is one finding at that line,
// whatever the member: the message, a nested attribute, the time, the
// level, or any member of the audit member, the first record's chain
// member too.
func TestExactEveryMemberByteFlip(t *testing.T) {
	t.Parallel() // thousands of verifications; its logs and files are its own
	for w, l := range exactLogs(t) {
		for i, x := range l.lines {
			for _, m := range memberValue.FindAllStringSubmatchIndex(x.text, -1) {
				name := x.text[m[2]:m[3]]
				nv, ok := flipValueByte(x.text[m[4]:m[5]])
				if !ok {
					continue
				}
				c := slices.Clone(l.lines)
				c[i].text = x.text[:m[4]] + nv + x.text[m[5]:]
				cp := i%2 == 0
				rep := l.verify(t, c, cp)
				if got := tampering(rep); len(got) != 1 || got[0].Line != lineInFile(c, i) {
					t.Errorf("%s: line %d's %s member at byte %d changed (checkpoint file %v): want one finding at its line, got %v", w, i+1, name, m[4]+1, cp, rep.Findings)
				}
			}
		}
	}
}

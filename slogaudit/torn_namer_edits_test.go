package slogaudit_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// tamperFindings verifies lines with the key and returns its findings that
// are not information, as "line N kind".
func tamperFindings(t *testing.T, lines []string, cps, pub []byte) []string {
	t.Helper()
	rep, _ := verifyMatrix(t, lines, cps, pub)
	var got []string
	for _, f := range rep.Findings {
		if !f.Kind.Info() {
			got = append(got, fmt.Sprintf("line %d %s", f.Line, f.Kind))
		}
	}
	return got
}

// A crash's incomplete line and the audit.start that names it, swapped,
// are one edit: reordered, not the line missing before the record and an
// unnamed fragment after it. The same line removed, or moved further, is
// not taken for a swap.
func TestTornLineSwappedWithItsNamer(t *testing.T) {
	lines, cps, pub := matrixLog(t)
	const torn, start = 10, 11 // 0-based: line 11 is the fragment, 12 the audit.start naming it
	if got := tamperFindings(t, lines, cps, pub); len(got) != 0 {
		t.Fatalf("untouched: %v", got)
	}
	swap := func(l []string, i, j int) []string { l = slices.Clone(l); l[i], l[j] = l[j], l[i]; return l }
	edited := func(l []string, i int) []string {
		l = slices.Clone(l)
		l[i] = l[i][:len(l[i])-2] + "X" + l[i][len(l[i])-1:]
		return l
	}
	cases := []struct {
		name  string
		lines []string
		want  []string
		exact bool
	}{
		{"swapped", swap(lines, torn, start), []string{"line 11 reordered"}, true},
		{"swapped, and a record edited further on", edited(swap(lines, torn, start), 16), []string{"line 11 reordered", "line 17 modified"}, true},
		{"fragment removed", slices.Delete(slices.Clone(lines), torn, torn+1), []string{"line 11 missing"}, true},
		{"fragment moved after the record after its namer", slices.Insert(slices.Delete(slices.Clone(lines), torn, torn+1), start+1, lines[torn]), nil, false},
		{"fragment doubled after its namer", slices.Insert(slices.Clone(lines), start+1, lines[torn]), nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := tamperFindings(t, c.lines, cps, pub)
			switch {
			case c.exact && !slices.Equal(got, c.want):
				t.Fatalf("got %v, want %v", got, c.want)
			case !c.exact && (len(got) == 0 || slices.Contains(got, "line 11 reordered")):
				t.Fatalf("got %v, want the edit named, not as a swap at the namer", got)
			}
		})
	}
}

// The audit.start that names a crash's incomplete line, changed so that it
// no longer parses, is one edit: that record modified, not also the line
// before it an unnamed fragment. Every byte whose change breaks the JSON
// after the audit member is tried, the hash and length that name the
// fragment included.
func TestTornLineNamerMadeUnparsable(t *testing.T) {
	lines, cps, pub := matrixLog(t)
	const start = 11 // 0-based: the audit.start naming the fragment on line 11
	tried := 0
	// From the end of the audit member on: a line whose audit member no
	// longer parses names no record (another matter).
	from := strings.Index(lines[start], "}") + 1
	for i := from; i < len(lines[start]); i++ {
		for _, b := range []byte{'#', '"'} {
			c := slices.Clone(lines)
			c[start] = c[start][:i] + string(b) + c[start][i+1:]
			if json.Valid([]byte(c[start])) || c[start] == lines[start] {
				continue
			}
			tried++
			if got := tamperFindings(t, c, cps, pub); !slices.Equal(got, []string{"line 12 modified"}) {
				t.Errorf("byte %d set to %q: got %v, want [line 12 modified]", i+1, b, got)
			}
		}
	}
	if tried < len(lines[start])-from {
		t.Fatalf("test bug: only %d edits broke the line", tried)
	}
}

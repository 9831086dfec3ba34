package slogaudit_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// tornLog writes a log of two runs of chain "till", the first ending in a
// crash mid-record, and returns its path and lines (without newlines); the
// fragment is the line that the second run's audit.start names, at index
// frag.
func tornLog(t *testing.T, fragment string) (path string, lines []string, frag int) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 5, 12, slogaudit.WithChainID("till"))
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(fragment); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rtWrite(t, path, 4, 12, slogaudit.WithChainID("till"))
	lines = readLines(t, path)
	frag = slices.Index(lines, fragment)
	if frag < 0 || !strings.Contains(lines[frag+1], `"torn":`) {
		t.Fatalf("test bug: no fragment named after it in %q", lines)
	}
	return path, lines, frag
}

func writeLines(t *testing.T, path string, lines []string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A line that a crash cut, closed and named by the next run's audit.start,
// moved among the records: the verifier reports the move, while the log as
// written verifies with the line reported torn.
func TestTornFragmentMoved(t *testing.T) {
	fragments := []string{
		`{"i":3,"level":"INFO","msg":"eve`,
		`{"audit":{"chain":"till","hash":"`,
		`{"i":2,"level":"INFO","msg":"event","pad":"ééé`,
		`{`,
	}
	moves := []struct {
		name string
		edit func(l []string, frag int) []string
	}{
		{"swapped with the record before it", func(l []string, f int) []string {
			l[f-1], l[f] = l[f], l[f-1]
			return l
		}},
		{"two records earlier", func(l []string, f int) []string {
			return move(l, f, f-2)
		}},
		{"four records earlier", func(l []string, f int) []string {
			return move(l, f, f-4)
		}},
		{"to the first line", func(l []string, f int) []string {
			return move(l, f, 0)
		}},
		{"after the record that names it", func(l []string, f int) []string {
			l[f], l[f+1] = l[f+1], l[f]
			return l
		}},
		{"to the last line", func(l []string, f int) []string {
			return move(l, f, len(l)-1)
		}},
		{"with the record naming it, one record earlier", func(l []string, f int) []string {
			l = move(l, f-1, f+1) // the record before the pair goes after it
			return l
		}},
		{"with the record naming it, three records earlier", func(l []string, f int) []string {
			l = move(l, f, f-3)
			return move(l, f+1, f-2)
		}},
		{"removed", func(l []string, f int) []string {
			return slices.Delete(l, f, f+1)
		}},
		{"copied before the record before it", func(l []string, f int) []string {
			return slices.Insert(l, f-1, l[f])
		}},
	}
	for _, fragment := range fragments {
		t.Run("untouched "+fragment, func(t *testing.T) {
			path, _, frag := tornLog(t, fragment)
			rep, err := rtVerify(t, path)
			if err != nil || !rep.Intact() {
				t.Fatalf("untouched log: %v %v", err, rep.Findings)
			}
			if !hasFinding(rep, slogaudit.Torn, int64(frag+1)) {
				t.Fatalf("the fragment at line %d is not reported torn: %v", frag+1, rep.Findings)
			}
		})
		for _, m := range moves {
			t.Run(m.name+" "+fragment, func(t *testing.T) {
				path, lines, frag := tornLog(t, fragment)
				writeLines(t, path, m.edit(lines, frag))
				rep, err := rtVerify(t, path)
				if err == nil || rep.Intact() {
					t.Fatalf("fragment %s: verifies as intact: %v", m.name, rep.Findings)
				}
			})
		}
	}
}

// move returns l with the line at from moved to index to.
func move(l []string, from, to int) []string {
	s := l[from]
	l = slices.Delete(l, from, from+1)
	return slices.Insert(l, to, s)
}

func hasFinding(rep slogaudit.Report, kind slogaudit.FindingKind, line int64) bool {
	for _, f := range rep.Findings {
		if f.Kind == kind && f.Line == line {
			return true
		}
	}
	return false
}

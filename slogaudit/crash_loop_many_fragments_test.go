package slogaudit_test

// A crash loop longer than the fragments one record names one by one:
// the oldest are named together, by count and hash, and still verify as
// torn; any change to them is tampering.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// manyFragments writes a log, then n fragments as n crashes in a row
// leave them (each closed by the next one's newline, the last one open),
// and returns the log's path and the file's lines.
func manyFragments(t *testing.T, n int) (string, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 2, 3)
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"amount":%d,"audit":{"chain":"`, 7*i+3)
		if i < n-1 {
			b.WriteString("\n")
		}
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(b.String()); err != nil {
		t.Fatal(err)
	}
	f.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, strings.Split(string(data), "\n")
}

func TestCrashLoopBeyondNamedFragments(t *testing.T) {
	for _, n := range []int{257, 263, 530} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			path, _ := manyFragments(t, n)
			rtWrite(t, path, 2, 3)
			counts := verifyCounts(t, path)
			if counts[slogaudit.Torn] != n {
				t.Fatalf("%d torn findings, want %d (one per fragment)", counts[slogaudit.Torn], n)
			}
		})
	}
}

func TestCrashLoopBeyondNamedFragmentsTampered(t *testing.T) {
	const n = 300 // 44 fragments named by count and hash
	var first int // the index of the oldest fragment's line
	edits := map[string]func(lines []string) []string{
		"oldest removed":    func(l []string) []string { return del(l, first) },
		"older one removed": func(l []string) []string { return del(l, first+20) },
		"older one changed": func(l []string) []string {
			l[first+11] = strings.Replace(l[first+11], `"amount":`, `"amount":1`, 1)
			return l
		},
		"two older swapped": func(l []string) []string {
			l[first+3], l[first+30] = l[first+30], l[first+3]
			return l
		},
		"one inserted among older": func(l []string) []string {
			return append(l[:first+5:first+5], append([]string{`{"amount":1,"audit":{"chain":"`}, l[first+5:]...)...)
		},
		"all older removed": func(l []string) []string { return append(l[:first:first], l[first+44:]...) },
		"oldest moved last": func(l []string) []string {
			moved := l[first]
			l = del(l, first)
			end := first + n - 1
			return append(l[:end:end], append([]string{moved}, l[end:]...)...)
		},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			path, _ := manyFragments(t, n)
			rtWrite(t, path, 2, 3)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(data), "\n")
			first = -1
			for i, l := range lines {
				if strings.HasPrefix(l, `{"amount":3,`) {
					first = i
					break
				}
			}
			if first < 0 {
				t.Fatal("no fragment in the log")
			}
			if err := os.WriteFile(path, []byte(strings.Join(edit(lines), "\n")), 0o600); err != nil {
				t.Fatal(err)
			}
			rep, err := rtVerify(t, path)
			if err == nil || rep.Intact() {
				t.Fatalf("log whose older fragments were edited (%s) verifies intact", name)
			}
			if strings.HasSuffix(name, "removed") && countKind(rep, slogaudit.Missing) == 0 {
				t.Fatalf("fragments removed (%s), but no missing finding", name)
			}
		})
	}
}

func del(lines []string, i int) []string {
	return append(lines[:i:i], lines[i+1:]...)
}

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
)

// TestQuickstartKeepsDir runs the quickstart briefly with -dir: it must
// succeed, leave an audit file that verifies, say exactly what it altered in
// the copy, and print no Go formatting of maps or nil errors.
func TestQuickstartKeepsDir(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(&out, dir, 300*time.Millisecond); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	rep, err := slogaudit.VerifyFiles(context.Background(), []string{filepath.Join(dir, "audit.log")}, slogaudit.VerifyOptions{})
	if err != nil || rep.Records < 3 {
		t.Fatalf("audit file: %d records, %v", rep.Records, err)
	}
	altered, err := os.ReadFile(filepath.Join(dir, "audit.tampered.log"))
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()

	// The printed alteration names the line and the values, and the file
	// holds exactly that change.
	m := regexp.MustCompile(`line (\d+): "outcome" changed from "(\w+)" to "(\w+)"`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("the output does not say what was altered:\n%s", text)
	}
	lines := strings.Split(strings.TrimSuffix(string(altered), "\n"), "\n")
	n := 0
	for _, c := range m[1] {
		n = n*10 + int(c-'0')
	}
	if n < 1 || n > len(lines) || !strings.Contains(lines[n-1], `"outcome":"`+m[3]+`"`) {
		t.Fatalf("line %d of the altered copy does not hold outcome %q", n, m[3])
	}
	if m[2] == m[3] {
		t.Fatalf("the alteration changes nothing: %q", m[0])
	}
	if !regexp.MustCompile(`line \d+ \(the last, [^)]+\) removed`).MatchString(text) {
		t.Fatalf("the output does not say which line was removed:\n%s", text)
	}
	for _, want := range []string{"== slogguard quickstart:", "TAMPERED", "modified", "truncated", "verify them yourself"} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	for _, bad := range []string{"map[", "<nil>", "== removed"} {
		if strings.Contains(text, bad) {
			t.Errorf("the output contains %q", bad)
		}
	}
}

// TestQuickstartRemovesTempDir runs the quickstart without -dir: the
// temporary directory, which holds the keys, must be gone afterwards.
func TestQuickstartRemovesTempDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var out bytes.Buffer
	if err := run(&out, "", 300*time.Millisecond); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Fatalf("the quickstart left %v in the temporary directory", left)
	}
	if !strings.Contains(out.String(), "== removed "+tmp) {
		t.Fatalf("the output does not say the directory was removed:\n%s", out.String())
	}
	if strings.Contains(out.String(), "verify them yourself") {
		t.Fatal("the output offers to verify files that were removed")
	}
}

// TestQuickstartCreatesDir: the README runs `-dir demo` in a fresh checkout,
// where demo does not exist yet; the quickstart creates it, for its owner
// only (it holds the keys).
func TestQuickstartCreatesDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo", "nested")
	var out bytes.Buffer
	if err := run(&out, dir, 300*time.Millisecond); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("the directory holding the keys is %v, want no access for others", perm)
	}
	if _, err := os.Stat(filepath.Join(dir, "audit.log")); err != nil {
		t.Error(err)
	}
}

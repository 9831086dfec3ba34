package slogaudit_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// Crash points of a rotation: the current file renamed and no new one
// yet, the new one empty, and its first line cut at every offset. A
// restart that logs must leave files that verify as intact together.
func TestSweepCrashDuringRotation(t *testing.T) {
	dir := t.TempDir()
	write := func(path string, n int) {
		t.Helper()
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(1500))
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			slog.New(h).Info("e", "i", i, "pad", strings.Repeat("p", 100))
		}
		h.Close(context.Background())
		af.Close()
	}
	base := filepath.Join(dir, "base", "audit.log")
	os.MkdirAll(filepath.Dir(base), 0o700)
	write(base, 12)
	paths, _ := slogaudit.RotatedFiles(base)
	if len(paths) < 3 {
		t.Fatalf("test bug: %d files", len(paths))
	}
	cur, _ := os.ReadFile(base)
	first := bytes.IndexByte(cur, '\n') + 1
	cases := []string{"renamed", "empty"}
	for k := 0; k < first; k += 1 + k/25 {
		cases = append(cases, fmt.Sprintf("torn-%d", k))
	}
	for _, c := range cases {
		d := filepath.Join(dir, c)
		os.MkdirAll(d, 0o700)
		for _, p := range paths[:len(paths)-1] {
			b, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(d, filepath.Base(p)), b, 0o600)
		}
		path := filepath.Join(d, "audit.log")
		switch {
		case c == "renamed":
		case c == "empty":
			os.WriteFile(path, nil, 0o600)
		default:
			var k int
			fmt.Sscanf(c, "torn-%d", &k)
			os.WriteFile(path, cur[:k], 0o600)
		}
		write(path, 5)
		ps, _ := slogaudit.RotatedFiles(path)
		rep, err := slogaudit.VerifyFiles(context.Background(), ps, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
		if err != nil || !rep.Intact() {
			t.Errorf("%s: %v %v", c, err, rep.Findings)
		}
	}
}

// Two processes share one file with rotation: each renames the file when
// its own count says it is full, while the other still appends to the
// renamed one. Each chain's records stay in order across the files, and
// the files verify together after a restart of both.
func TestSharedFileRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	for run := range 2 {
		var hs []*slogaudit.Handler
		var fs []*slogaudit.File
		for w := range 2 {
			af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(2000))
			if err != nil {
				t.Fatal(err)
			}
			h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(fmt.Sprintf("w%d", w)))
			if err != nil {
				t.Fatal(err)
			}
			hs, fs = append(hs, h), append(fs, af)
		}
		for i := range 60 {
			slog.New(hs[i%2]).Info("e", "run", run, "i", i)
		}
		for w := range 2 {
			hs[w].Close(context.Background())
			fs[w].Close()
		}
	}
	paths, _ := slogaudit.RotatedFiles(path)
	if len(paths) < 4 {
		t.Fatalf("test bug: %d files", len(paths))
	}
	rtIntact(t, paths...)
}

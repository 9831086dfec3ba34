package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// matrixLog writes a File log of two runs of chain "ledger" (the first
// cut by a crash mid-record), with checkpoints every 4 records in-band and
// in a checkpoint file, and returns the log's lines, the checkpoint
// file's bytes and the public key.
func matrixLog(t *testing.T) (lines []string, cps []byte, pub ed25519.PublicKey) {
	t.Helper()
	dir := t.TempDir()
	path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.cp")
	pub, priv, _ := ed25519.GenerateKey(nil)
	run := func(n int, tag string) {
		af, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cp, err := slogaudit.OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("ledger"), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cp, 4, 0))
		if err != nil {
			t.Fatal(err)
		}
		l := slog.New(h).With("svc", "billing")
		for i := range n {
			l.WithGroup("txn").Info("posted "+tag, "n", i, "memo", fmt.Sprintf("{\"x\":%d}\t\u00e9\x01", i), "empty", "")
		}
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		af.Close()
		cp.Close()
	}
	run(6, "a")
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"level":"INFO","msg":"posted a","svc":"bil`)
	f.Close()
	run(5, "b")
	cps, err := os.ReadFile(cpPath)
	if err != nil {
		t.Fatal(err)
	}
	return readLines(t, path), cps, pub
}

func verifyMatrix(t *testing.T, lines []string, cps []byte, pub ed25519.PublicKey) (slogaudit.Report, error) {
	t.Helper()
	return slogaudit.Verify(context.Background(), strings.NewReader(strings.Join(lines, "\n")+"\n"), slogaudit.VerifyOptions{
		Keys: map[string][]byte{"k1": rtKey}, PublicKey: pub, Checkpoints: bytes.NewReader(cps),
	})
}

// Every edit of one line, or of a few, of a log with a restart, a torn
// line and checkpoints kept apart is found; the log as written verifies.
func TestTamperMatrix(t *testing.T) {
	lines, cps, pub := matrixLog(t)
	rep, err := verifyMatrix(t, lines, cps, pub)
	if err != nil || !rep.Intact() || !rep.Checks.Checkpoints.Ran() {
		t.Fatalf("untouched: %v %v %+v", err, rep.Findings, rep.Checks)
	}
	type edit struct {
		name  string
		lines []string
	}
	var edits []edit
	add := func(name string, l []string) { edits = append(edits, edit{name, l}) }
	n := len(lines)
	for i := range n {
		c := slices.Clone(lines)
		c[i] = c[i][:len(c[i])/2] + string(c[i][len(c[i])/2]^0x01) + c[i][len(c[i])/2+1:]
		add(fmt.Sprintf("byte flipped in line %d", i+1), c)
		add(fmt.Sprintf("line %d removed", i+1), slices.Delete(slices.Clone(lines), i, i+1))
		add(fmt.Sprintf("line %d doubled", i+1), slices.Insert(slices.Clone(lines), i, lines[i]))
		if i+1 < n {
			c := slices.Clone(lines)
			c[i], c[i+1] = c[i+1], c[i]
			add(fmt.Sprintf("lines %d and %d swapped", i+1, i+2), c)
			add(fmt.Sprintf("lines %d and %d removed", i+1, i+2), slices.Delete(slices.Clone(lines), i, i+2))
		}
		if i+3 <= n && i+3 < n {
			c := slices.Clone(lines)
			block := slices.Clone(c[i : i+3])
			c = slices.Delete(c, i, i+3)
			add(fmt.Sprintf("lines %d-%d moved to the end", i+1, i+3), append(c, block...))
		}
		c = slices.Clone(lines)
		c[i] = strings.Replace(c[i], `"v":2`, `"v":1`, 1)
		if c[i] != lines[i] {
			add(fmt.Sprintf("line %d downgraded to v1", i+1), c)
		}
		c = slices.Clone(lines)
		c[i] = strings.Replace(c[i], `"key":"k1"`, `"key":"k2"`, 1)
		if c[i] != lines[i] {
			add(fmt.Sprintf("line %d key id changed", i+1), c)
		}
		c = slices.Clone(lines)
		c[i] = strings.Replace(c[i], `,`, `, `, 1)
		add(fmt.Sprintf("line %d spaced", i+1), c)
	}
	for k := 1; k <= 3; k++ {
		add(fmt.Sprintf("last %d lines cut", k), slices.Clone(lines[:n-k]))
	}
	add("the first run replayed at the end", append(slices.Clone(lines), lines[:5]...))
	for _, e := range edits {
		rep, err := verifyMatrix(t, e.lines, cps, pub)
		if err == nil || rep.Intact() {
			t.Errorf("%s: verifies as intact: %v", e.name, rep.Findings)
		}
	}
	cpLines := strings.SplitAfter(string(cps), "\n")
	cpLines = cpLines[:len(cpLines)-1] // the empty string after the last newline
	m := len(cpLines)
	cpEdits := map[string][]string{
		"checkpoints swapped":         append([]string{cpLines[1], cpLines[0]}, cpLines[2:]...),
		"checkpoint doubled":          slices.Insert(slices.Clone(cpLines), 2, cpLines[2]),
		"key hash changed":            append(slices.Clone(cpLines[:m-1]), flipAfter(cpLines[m-1], "— slogaudit/ledger ", 4)),
		"signature changed":           append(slices.Clone(cpLines[:m-1]), flipAfter(cpLines[m-1], "— slogaudit/ledger ", 30)),
		"root hash changed":           append(slices.Clone(cpLines[:m-1]), flipAfter(cpLines[m-1], `ledger\n19\n`, 3)),
		"size raised":                 append(slices.Clone(cpLines[:m-1]), strings.Replace(cpLines[m-1], `ledger\n19\n`, `ledger\n29\n`, 1)),
		"garbage line":                slices.Insert(slices.Clone(cpLines), 1, "{\"chain\":\"ledger\",\"note\":\"hello\"}\n"),
		"chain renamed":               append(slices.Clone(cpLines[:m-1]), strings.Replace(cpLines[m-1], `"chain":"ledger"`, `"chain":"ledgers"`, 1)),
		"older checkpoint at the end": append(slices.Clone(cpLines), cpLines[0]),
	}
	for name, c := range cpEdits {
		rep, err := verifyMatrix(t, lines, []byte(strings.Join(c, "")), pub)
		if err == nil || rep.Intact() {
			t.Errorf("checkpoint file, %s: verifies as intact: %v", name, rep.Findings)
		}
	}
	// A checkpoint file whose last write stopped part-way: the log as
	// written still verifies, the torn checkpoint reported.
	rep, err = verifyMatrix(t, lines, []byte(strings.Join(cpLines[:m-1], "")+cpLines[m-1][:40]), pub)
	if err != nil || !rep.Intact() || !kindIn(rep, slogaudit.TornTail) {
		t.Errorf("checkpoint file with a torn last line: %v %v", err, rep.Findings)
	}
}

// flipAfter changes the byte n bytes after the first marker in s to
// another base64 digit.
func flipAfter(s, marker string, n int) string {
	i := strings.Index(s, marker) + len(marker) + n
	c := byte('A')
	if s[i] == 'A' {
		c = 'B'
	}
	return s[:i] + string(c) + s[i+1:]
}

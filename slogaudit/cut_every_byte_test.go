package slogaudit_test

// A log cut at any byte of its last lines (a crash, a power loss) is
// never tampering: verified as it is, and after the next process names
// what the cut left. Edits of one File line that keep its JSON meaning
// are still edits.

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

func TestCutAtEveryByteOfLastLines(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.log")
	rtWrite(t, base, 3, 2)
	rtWrite(t, base, 2, 5)
	orig, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	// Every byte of the last three lines as they are; every byte of the
	// last one (and its newline before) with a restart after the cut.
	start, last := len(orig), 0
	for i := range 3 {
		start = bytes.LastIndexByte(orig[:start-1], '\n') + 1
		if i == 0 {
			last = start - 1
		}
	}
	p := filepath.Join(dir, "cut.log")
	for cut := start; cut < len(orig); cut++ {
		for _, restart := range []bool{false, true} {
			if restart && cut < last {
				continue
			}
			if err := os.WriteFile(p, orig[:cut], 0o600); err != nil {
				t.Fatal(err)
			}
			if restart {
				restartOnce(t, p)
			}
			rep, err := slogaudit.VerifyFiles(context.Background(), []string{p}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}, RequireMAC: true})
			if err != nil || !rep.Intact() {
				t.Fatalf("cut at byte %d of %d (restart %v): an untouched log verifies as not intact: %v", cut, len(orig), restart, err)
			}
		}
	}
}

func TestSameMeaningEditsOfFileLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 4, 3)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(orig), "\n")
	const at = 2 // the second caller record, seq 3
	edits := map[string]struct {
		old, new string
		want     slogaudit.FindingKind
	}{
		"space after a comma": {`,"level"`, `, "level"`, slogaudit.Modified},
		"integer as a float":  {`"i":1`, `"i":1.00`, slogaudit.Modified},
		"integer in exponent": {`"i":1`, `"i":10e-1`, slogaudit.Modified},
		"escaped letter":      {`"msg":"event"`, `"msg":"ev\u0065nt"`, slogaudit.Modified},
		"escaped slash":       {`"msg":"event"`, `"msg":"event\/"`, slogaudit.Modified},
		"members swapped":     {`"level":"INFO","msg":"event"`, `"msg":"event","level":"INFO"`, slogaudit.Modified},
		"carriage return":     {"}\n", "}\r\n", slogaudit.Modified},
		"byte order mark":     {`{"audit"`, "\ufeff{\"audit\"", slogaudit.Modified},
		"seq as a float":      {`"seq":3`, `"seq":3.0`, slogaudit.Modified},
		"key id changed":      {`"key":"k1"`, `"key":"k9"`, slogaudit.UnknownKey},
		"version lowered":     {`"v":2}`, `"v":1}`, slogaudit.Modified},
		"member repeated":     {`"level":"INFO"`, `"level":"INFO","level":"INFO"`, slogaudit.Modified},
		"key id case changed": {`"key":"k1"`, `"key":"K1"`, slogaudit.UnknownKey},
	}
	for name, e := range edits {
		t.Run(name, func(t *testing.T) {
			l := append([]string(nil), lines...)
			if !strings.Contains(l[at], e.old) {
				t.Fatalf("line %d has no %q: %s", at+1, e.old, l[at])
			}
			l[at] = strings.Replace(l[at], e.old, e.new, 1)
			p := filepath.Join(t.TempDir(), "edited.log")
			if err := os.WriteFile(p, []byte(strings.Join(l, "")), 0o600); err != nil {
				t.Fatal(err)
			}
			rep, err := slogaudit.VerifyFiles(context.Background(), []string{p}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}, RequireMAC: true})
			if err == nil || rep.Intact() {
				t.Fatalf("%s: the edited log verifies intact", name)
			}
			if n := countKind(rep, e.want); n != 1 {
				t.Fatalf("%s: %d %s findings, want 1: %v", name, n, e.want, rep.Findings)
			}
		})
	}
}

// restartOnce opens path as a restarted process does (no fsync: the test
// cuts files, not the power), logs one record and closes.
func restartOnce(t *testing.T, path string) {
	t.Helper()
	af, err := slogaudit.OpenFile(path, slogaudit.WithFileSync(slogaudit.SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("after the cut", "n", 7)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	af.Close()
}

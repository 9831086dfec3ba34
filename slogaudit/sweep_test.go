package slogaudit_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// A crash can cut the last record at any byte: at every offset of the
// last line (nothing of it, a part, all but its newline), a restart that
// logs must leave a log that verifies as intact, and every record written
// before must still be there.
func TestSweepTornLastLineEveryOffset(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.log")
	rtWrite(t, base, 3, 5)
	orig, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	body := bytes.TrimSuffix(orig, []byte("\n"))
	start := bytes.LastIndexByte(body, '\n') + 1
	for keep := 0; keep <= len(body)-start; keep++ {
		path := filepath.Join(dir, "torn.log")
		if err := os.WriteFile(path, orig[:start+keep], 0o600); err != nil {
			t.Fatal(err)
		}
		rtWrite(t, path, 2, 5)
		rep, err := slogaudit.VerifyFiles(context.Background(), []string{path}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
		if err != nil || !rep.Intact() {
			t.Fatalf("last line cut to %d of %d bytes: %v %v", keep, len(body)-start, err, rep.Findings)
		}
		if want := 3 + 2 + 2 + 2; rep.Records < int64(want-1) {
			t.Fatalf("cut to %d: %d records, want at least %d", keep, rep.Records, want-1)
		}
	}
}

// Every single-byte change of any line of a log written by File.Handler
// is reported (never intact), whichever field it falls in: the message,
// an attribute, the time, the level, the audit member's chain, seq,
// prev, hash, key id or MAC.
func TestSweepEveryByteEdited(t *testing.T) {
	for _, kind := range []string{"file", "json"} {
		path := filepath.Join(t.TempDir(), "audit.log")
		af, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var h *slogaudit.Handler
		opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c")}
		if kind == "file" {
			h, err = af.Handler(opts...)
		} else {
			h, err = slogaudit.New(slog.NewJSONHandler(af, nil), opts...)
		}
		if err != nil {
			t.Fatal(err)
		}
		slog.New(h).Info("pay", "user", "alice", "amount", 12.5, slog.Group("g", "ok", true))
		h.Close(context.Background())
		af.Close()
		orig, _ := os.ReadFile(path)
		edited := filepath.Join(t.TempDir(), "edited.log")
		for i, c := range orig {
			if c == '\n' {
				continue
			}
			b := bytes.Clone(orig)
			b[i] = 'x'
			if c == 'x' {
				b[i] = 'y'
			}
			os.WriteFile(edited, b, 0o600)
			rep, err := slogaudit.VerifyFiles(context.Background(), []string{edited}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
			last := i > bytes.LastIndexByte(orig[:len(orig)-1], '\n')
			if err == nil && rep.Intact() && last && c == '"' && onlyTornTail(rep) {
				// The last line now ends inside a string: the first bytes
				// of a record, as a crash leaves them. That is the
				// record's removal from the end, which only a checkpoint
				// kept apart reveals.
				continue
			}
			if err == nil && rep.Intact() {
				line := bytes.Count(orig[:i], []byte("\n"))
				ls := bytes.Split(orig, []byte("\n"))
				t.Errorf("%s: byte %d of line %d (%q → %q) edited, verifies as intact: %s", kind, i, line+1, c, b[i], ls[line])
			}
		}
	}
}

func onlyTornTail(rep slogaudit.Report) bool {
	for _, f := range rep.Findings {
		if f.Kind == slogaudit.TornTail {
			return true
		}
	}
	return false
}

// Guards the restart against laundering an edit: a last line that was
// changed after it was written (a byte altered in the middle), and lost
// its newline, is not what a crash leaves (the first bytes of a record).
// Before, the next process named it in its audit.start as a torn line and
// the log verified as intact; now the edit must be reported.
func TestEditedLastLineIsNotTakenForTorn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 3, 5)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	i := bytes.LastIndexByte(b, '\n') + 1
	at := i + bytes.Index(b[i:], []byte(`"msg":`)) + len(`"msg":`) - 1
	b[at] = ';' // "msg";"audit.stop": no JSON, and no JSON's first bytes
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	rtWrite(t, path, 2, 5)
	rep, _ := rtVerify(t, path)
	if rep.Intact() {
		t.Fatalf("an edited last line was taken for a torn one: %v", rep.Findings)
	}
}

// A crash, then a file system that zero-filled the end of the file (the
// data of the extended size was lost): the fragment followed by NUL
// bytes is still a torn line, and the log verifies.
func TestTornLineWithZeroFill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 3, 5)
	tear(t, path, func(n int) int { return n / 2 })
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(make([]byte, 100))
	f.Close()
	rtWrite(t, path, 2, 5)
	rtIntact(t, path)
}

package slogaudit_test

// An older line of the checkpoint file removed while later ones remain
// is reported missing: each in-band checkpoint record says which
// checkpoint was in the checkpoint writer when it was written. A
// checkpoint whose write failed is never named so, and an older log
// that does not say it verifies as before.

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

var cpSeed = bytes.Repeat([]byte{0x5c}, ed25519.SeedSize)

// cpLog writes n records in runs (one process each) through File.Handler
// with checkpoints every 6 records to a CheckpointFile, and returns the
// paths of the log and the checkpoint file.
func cpLog(t *testing.T, runs ...int) (string, string) {
	t.Helper()
	dir := t.TempDir()
	logPath, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
	priv := ed25519.NewKeyFromSeed(cpSeed)
	for _, n := range runs {
		cf, err := slogaudit.OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		af, err := slogaudit.OpenFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cf, 6, 0), slogaudit.WithChainID("ledger"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			slog.New(h).Info("entry", "i", i, "memo", strings.Repeat("m", i%5))
		}
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		af.Close()
		cf.Close()
	}
	return logPath, cpPath
}

func verifyWithCheckpoints(t *testing.T, logPath string, cps []byte) slogaudit.Report {
	t.Helper()
	priv := ed25519.NewKeyFromSeed(cpSeed)
	rep, _ := slogaudit.VerifyFiles(context.Background(), []string{logPath}, slogaudit.VerifyOptions{
		Keys: map[string][]byte{"k1": rtKey}, PublicKey: priv.Public().(ed25519.PublicKey), Checkpoints: bytes.NewReader(cps)})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	return rep
}

// noteSize returns the tree size of a checkpoint line.
func noteSize(t *testing.T, line string) string {
	t.Helper()
	i := strings.Index(line, `\n`)
	rest := line[i+2:]
	return rest[:strings.Index(rest, `\n`)]
}

func TestCheckpointLineRemovedIsMissing(t *testing.T) {
	for _, runs := range [][]int{{31}, {14, 17}} {
		logPath, cpPath := cpLog(t, runs...)
		data, err := os.ReadFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
		if len(lines) < 4 {
			t.Fatalf("%d checkpoint lines, want at least 4", len(lines))
		}
		if rep := verifyWithCheckpoints(t, logPath, data); !rep.Intact() {
			t.Fatalf("runs %v: untouched log and checkpoint file verify as not intact", runs)
		}
		// Every line but the newest, which no later record names.
		for i := range len(lines) - 1 {
			t.Run(fmt.Sprintf("runs %v line %d", runs, i+1), func(t *testing.T) {
				size := noteSize(t, lines[i])
				cut := strings.Join(append(append([]string(nil), lines[:i]...), lines[i+1:]...), "")
				if !strings.HasSuffix(cut, "\n") {
					cut += "\n"
				}
				rep := verifyWithCheckpoints(t, logPath, []byte(cut))
				if rep.Intact() {
					t.Fatalf("checkpoint of size %s removed, and the log verifies intact", size)
				}
				found := false
				for _, f := range rep.Findings {
					found = found || f.Kind == slogaudit.Missing && fmt.Sprint(f.Seq) == size
				}
				if !found {
					t.Fatalf("no missing finding for the checkpoint of size %s", size)
				}
			})
		}
	}
}

// failingWriter fails the writes whose numbers (from 1) are in fail, and
// keeps the others.
type failingWriter struct {
	buf  bytes.Buffer
	n    int
	fail map[int]bool
}

func (w *failingWriter) Write(p []byte) (int, error) {
	w.n++
	if w.fail[w.n] {
		return 0, errors.New("no space left on device")
	}
	return w.buf.Write(p)
}

// A checkpoint whose write failed is not in the file, and no record says
// it is: the log verifies intact.
func TestCheckpointWriteFailedIsNotMissing(t *testing.T) {
	for _, fail := range []map[int]bool{{1: true}, {2: true}, {2: true, 3: true}, {1: true, 4: true}} {
		t.Run(fmt.Sprint(fail), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := slogaudit.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			w := &failingWriter{fail: fail}
			h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithSigner(ed25519.NewKeyFromSeed(cpSeed)), slogaudit.WithCheckpoints(w, 5, 0), slogaudit.OnError(func(error) {}))
			if err != nil {
				t.Fatal(err)
			}
			for i := range 29 {
				slog.New(h).Info("entry", "i", i)
			}
			h.Close(context.Background())
			af.Close()
			if rep := verifyWithCheckpoints(t, path, w.buf.Bytes()); !rep.Intact() {
				t.Fatalf("checkpoint writes %v failed; the untouched log verifies as not intact", fail)
			}
		})
	}
}

// An older v2 log, written before checkpoint records said which
// checkpoint the file held, verifies as it did: an older line removed
// from its checkpoint file is not seen.
func TestCheckpointLineRemovedOlderLog(t *testing.T) {
	dir := filepath.Join("testdata", "v2-unpublished")
	logData, err := os.ReadFile(filepath.Join(dir, "audit.log"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(logData, []byte(`"published"`)) {
		t.Fatal("the older fixture names a published checkpoint")
	}
	cps, err := os.ReadFile(filepath.Join(dir, "audit.checkpoints"))
	if err != nil {
		t.Fatal(err)
	}
	pubHex, _ := os.ReadFile(filepath.Join(dir, "audit.ed25519.pub"))
	keyHex, _ := os.ReadFile(filepath.Join(dir, "audit.hmac"))
	pub, key := unhexT(t, pubHex), unhexT(t, keyHex)
	first := bytes.IndexByte(cps, '\n') + 1
	for name, c := range map[string][]byte{"whole": cps, "first line removed": cps[first:]} {
		rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(logData), slogaudit.VerifyOptions{
			Keys: map[string][]byte{"k1": key}, PublicKey: ed25519.PublicKey(pub), Checkpoints: bytes.NewReader(c)})
		if err != nil || !rep.Intact() {
			t.Fatalf("%s: the older v2 fixture verifies as not intact: %v %v", name, err, rep.Findings)
		}
	}
}

func unhexT(t *testing.T, b []byte) []byte {
	t.Helper()
	var out []byte
	if _, err := fmt.Sscanf(strings.TrimSpace(string(b)), "%x", &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// A copy of the checkpoint file taken earlier (its first lines) lacks
// the checkpoints written since, which later checkpoint records name:
// nothing was removed from it, and the log verifies intact.
func TestCheckpointFileEarlierCopyIsNotMissing(t *testing.T) {
	logPath, cpPath := cpLog(t, 16, 19)
	data, err := os.ReadFile(cpPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	for n := 1; n < len(lines); n++ {
		copied := strings.Join(lines[:n], "")
		if rep := verifyWithCheckpoints(t, logPath, []byte(copied)); !rep.Intact() {
			t.Fatalf("a copy of the first %d of %d checkpoint lines: the untouched log verifies as not intact", n, len(lines))
		}
	}
}

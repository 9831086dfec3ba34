package slogaudit_test

// Scenarios: edits of a rotated, restarted log that the verifier must report.

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// rotatedLog writes a chain "svc" over several rotated files and returns
// their paths, oldest first.
func rotatedLog(t *testing.T) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(2<<10))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		slog.New(h).Info("event", "i", i, "pad", strings.Repeat("p", 100))
	}
	h.Close(context.Background())
	af.Close()
	paths, _ := slogaudit.RotatedFiles(path)
	if len(paths) < 3 {
		t.Fatalf("want >= 3 files, got %v", paths)
	}
	return paths
}

func mustNotBeIntact(t *testing.T, what string, paths ...string) {
	t.Helper()
	rep, err := rtVerify(t, paths...)
	if err == nil || rep.Intact() {
		t.Fatalf("%s: verifies as intact", what)
	}
}

// The oldest rotated file deleted without Prune (no retention.applied).
func TestDeleteOldestRotated(t *testing.T) {
	paths := rotatedLog(t)
	os.Remove(paths[0])
	mustNotBeIntact(t, "oldest rotated file deleted", paths[1:]...)
}

// A middle rotated file deleted.
func TestDeleteMiddleRotated(t *testing.T) {
	paths := rotatedLog(t)
	mustNotBeIntact(t, "middle rotated file deleted", append([]string{paths[0]}, paths[2:]...)...)
}

// The first line (audit.start) of the oldest file deleted.
func TestDeleteFirstRecord(t *testing.T) {
	paths := rotatedLog(t)
	b, _ := os.ReadFile(paths[0])
	i := strings.IndexByte(string(b), '\n')
	os.WriteFile(paths[0], b[i+1:], 0o600)
	mustNotBeIntact(t, "first record deleted", paths...)
}

// The last line of a middle rotated file cut in half (a "torn" line that
// no restart acknowledged) and the chain goes on in the next file.
func TestTornMiddleFile(t *testing.T) {
	paths := rotatedLog(t)
	tear(t, paths[1], func(n int) int { return n / 2 })
	mustNotBeIntact(t, "record in a middle file cut", paths...)
}

// Lines appended after the chain's audit.stop, then a restart of the
// chain. The first bytes of a JSON object closed with a newline are what
// a crash loop leaves there (a process cut mid-line, then the restart
// after it cut after closing that line): the restart names the line, which
// verifies as torn where it is. A line that no crash leaves, a whole JSON
// line or text that starts no JSON object, is tampering.
func TestLineAfterStopThenRestart(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		intact     bool
	}{
		{"object's first bytes", `{"time":"2026-01-01T00:00:00Z","level":"INFO","msg":"refund approved","amount":99999,`, true},
		{"whole object", `{"time":"2026-01-01T00:00:00Z","level":"INFO","msg":"refund approved","amount":99999}`, false},
		{"text", `refund approved amount=99999`, false},
		{"object's first bytes, then text", `{"msg":"refund approved"} amount=99999,`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			paths := rotatedLog(t)
			cur := paths[len(paths)-1]
			f, _ := os.OpenFile(cur, os.O_APPEND|os.O_WRONLY, 0o600)
			f.WriteString(tc.line + "\n")
			f.Close()
			added := int64(strings.Count(readString(t, cur), "\n"))
			rtWrite(t, filepath.Join(filepath.Dir(cur), "audit.log"), 1, 1, slogaudit.WithChainID("svc"))
			rep, err := rtVerify(t, paths...)
			if !tc.intact {
				if err == nil || rep.Intact() {
					t.Fatalf("a line appended after the chain's audit.stop verifies as intact")
				}
				return
			}
			if err != nil || !rep.Intact() {
				t.Fatalf("a crash's fragment after the chain's audit.stop verifies as not intact: %v", err)
			}
			torn := 0
			for _, f := range rep.Findings {
				if f.Kind == slogaudit.Torn {
					torn++
					if f.File != cur || f.Line != added {
						t.Fatalf("torn finding at %s:%d, want %s:%d", f.File, f.Line, cur, added)
					}
				}
			}
			if torn != 1 {
				t.Fatalf("%d torn findings, want 1", torn)
			}
		})
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

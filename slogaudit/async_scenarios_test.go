package slogaudit_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// Wrap over slogcore.Async(slog.NewJSONHandler(File)), restarted three
// times, the second run crashing with a torn last line: the untouched log
// verifies (restarts and the torn line are information).
func TestWrapAsyncOverFileRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	for run := range 3 {
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(4<<10))
		if err != nil {
			t.Fatal(err)
		}
		core := slogcore.Async(slog.NewJSONHandler(af, nil), nil)
		opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc")}
		if head, ok := af.Heads()["svc"]; ok {
			opts = append(opts, slogaudit.WithResume(head))
		}
		if torn, ok := af.Torn(); ok {
			opts = append(opts, slogaudit.WithTorn(torn))
		}
		h := slogaudit.Wrap(core, opts...)
		for i := range 30 {
			slog.New(h).Info("event", "run", run, "i", i, "pad", strings.Repeat("p", 100))
		}
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		core.Close(context.Background())
		af.Close()
		if run == 1 {
			tear(t, path, func(n int) int { return n / 3 })
		}
	}
	paths, _ := slogaudit.RotatedFiles(path)
	rtIntact(t, paths...)
}

// Sealing with file rotation and restarts (a new chain id per run, as
// WithSealing asks), one run crashing: Sealed verification passes.
func TestSealingRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	for run, id := range []string{"s1", "s2", "s3"} {
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(3<<10))
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(id), slogaudit.WithSealing(0, 4))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 25 {
			slog.New(h).Info("event", "i", i, "pad", strings.Repeat("p", 100))
		}
		if run != 1 {
			h.Close(context.Background())
		}
		af.Close()
	}
	paths, _ := slogaudit.RotatedFiles(path)
	rep, err := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}, Sealed: true})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched sealed rotated log not intact: %v", err)
	}
}

// A caller's record named like a wrapper record (now "_audit.gap") and
// Trail events must not break a Strict policy nor verification.
func TestRenamedMessagesUnderPolicy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithPolicy(slogaudit.Basic), slogaudit.WithMode(slogaudit.Strict))
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	for _, m := range []string{"audit.gap", "audit.start", "audit.stop", "audit.seal", "audit.rotate", "retention.applied", "audit.checkpoint", "audit.erasure", "audit.violation"} {
		l.Info(m, slogaudit.Actor("u1"), slogaudit.Action(slogaudit.DataAccess), slogaudit.Outcome(slogaudit.Success), slogaudit.Resource("r"))
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	af.Close()
	rtIntact(t, path)
}

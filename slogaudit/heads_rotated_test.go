package slogaudit_test

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

// resumeOver opens path and writes n records of chain id through a JSON
// handler over the File, resuming the chain from File.Heads and naming the
// torn line the File found, as the WithTorn documentation shows. With
// crash, the process stops without closing its handler.
func resumeOver(t *testing.T, path, id string, n int, crash bool) {
	t.Helper()
	af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(400))
	if err != nil {
		t.Fatal(err)
	}
	opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(id), slogaudit.WithSyncFunc(af.Sync)}
	if head, ok := af.Heads()[id]; ok {
		opts = append(opts, slogaudit.WithResume(head))
	}
	if torn, ok := af.Torn(); ok {
		opts = append(opts, slogaudit.WithTorn(torn))
	}
	h, err := slogaudit.New(slog.NewJSONHandler(af, nil), opts...)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		slog.New(h).Info("parcel scanned", "depot", id, "parcel", i, "note", strings.Repeat("k", 300))
	}
	if !crash {
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if err := af.Close(); err != nil {
		t.Fatal(err)
	}
}

func verifyRotated(t *testing.T, path string) slogaudit.Report {
	t.Helper()
	paths, err := slogaudit.RotatedFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log does not verify: %v", err)
	}
	return rep
}

// File.Heads names the chains whose last record is in a rotated file: a
// crash tore the first record of a file that a rotation had just begun
// (the file then holds that fragment only), or another chain's records
// filled the file since. A handler over the File that resumes from Heads
// continues the chain, where one started again from its first record
// would verify as inserted.
func TestHeadsOfChainsInRotatedFiles(t *testing.T) {
	t.Run("torn first record of a new file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "audit.log")
		resumeOver(t, path, "depot-7", 4, false)
		resumeOver(t, path, "depot-7", 2, true)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Count(b, []byte("\n")) != 1 {
			t.Fatalf("test bug: the current file holds %d lines, want the one record a rotation began it with", bytes.Count(b, []byte("\n")))
		}
		if err := os.WriteFile(path, b[:len(b)/2], 0o600); err != nil {
			t.Fatal(err)
		}
		resumeOver(t, path, "depot-7", 3, false)
		rep := verifyRotated(t, path)
		torn := 0
		for _, f := range rep.Findings {
			if f.Kind == slogaudit.Torn {
				torn++
			}
		}
		if torn != 1 {
			t.Fatalf("got %d torn findings, want the crash's fragment: %v", torn, rep.Findings)
		}
	})
	t.Run("another File wrote the chain since", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "audit.log")
		resumeOver(t, path, "depot-5", 2, false)
		early, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(400))
		if err != nil {
			t.Fatal(err)
		}
		defer early.Close()
		resumeOver(t, path, "depot-5", 3, false)
		got := early.Heads()["depot-5"]
		later, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer later.Close()
		if want := later.Heads()["depot-5"]; got != want {
			t.Fatalf("Heads of a File opened before another File wrote the chain: got seq %d, want seq %d", got.Seq, want.Seq)
		}
	})
	t.Run("another chain filled the file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "audit.log")
		resumeOver(t, path, "depot-3", 3, false)
		resumeOver(t, path, "depot-9", 4, false)
		resumeOver(t, path, "depot-3", 2, false)
		verifyRotated(t, path)
	})
}

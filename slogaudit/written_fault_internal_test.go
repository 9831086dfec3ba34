package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/slogguard/slogguard/slogcore"
)

// writtenFaults are failures of a write call whose bytes reached the file
// whole: the call reports an error (or panics, or reports fewer bytes)
// after writing everything, or the fsync after it fails.
var writtenFaults = map[string]func(af *File){
	"eio-after-write": func(af *File) {
		af.inject = func(f *os.File, p []byte) (int, error) {
			n, _ := f.Write(p)
			return n, syscall.EIO
		}
	},
	"panic-after-write": func(af *File) {
		af.inject = func(f *os.File, p []byte) (int, error) {
			f.Write(p)
			panic("driver exploded after writing")
		}
	},
	"reports-half": func(af *File) {
		af.inject = func(f *os.File, p []byte) (int, error) {
			f.Write(p)
			return len(p) / 2, syscall.EIO
		}
	},
	"fsync-fails": func(af *File) {
		af.injectSync = func(*os.File) error { return syscall.EIO }
	},
}

// Guards against a false declaration of loss, which hides a later
// deletion: a record whose bytes reached the file whole while its write
// call (or the fsync after it) reported an error is in the log, so it
// must not be declared lost by an audit.gap record; otherwise deleting it
// later verifies as intact (the verifier takes it for the declared loss).
// The untouched log must verify with no gap, and deleting the record must
// be reported as missing. Over File.Handler, Wrap(slog.JSONHandler(File)),
// Wrap(slogcore.New(File)) and Wrap(slogcore.Async(slog.JSONHandler(File))).
func TestWrittenRecordWithFailedWriteIsNotDeclaredLost(t *testing.T) {
	for name, fault := range writtenFaults {
		for _, producer := range []string{"file", "json", "slogcore", "async"} {
			t.Run(name+"/"+producer, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "audit.log")
				af, err := OpenFile(path, WithFileSync(SyncEachRecord()))
				if err != nil {
					t.Fatal(err)
				}
				var h *Handler
				var core *slogcore.Handler
				opts := []Option{WithKey("k1", testKey), WithChainID("w"), OnError(func(err error) { t.Logf("OnError: %v", err) })}
				switch producer {
				case "file":
					h, err = af.Handler(opts...)
				case "json":
					h, err = New(slog.NewJSONHandler(af, nil), opts...)
				case "slogcore":
					core = slogcore.New(af, &slogcore.Options{OnError: func(err error) { t.Logf("slogcore: %v", err) }})
					h, err = New(core, opts...)
				case "async":
					core = slogcore.Async(slog.NewJSONHandler(af, nil), &slogcore.Options{OnError: func(err error) { t.Logf("slogcore: %v", err) }})
					h, err = New(core, opts...)
				}
				if err != nil {
					t.Fatal(err)
				}
				flush := func() {
					if core != nil {
						core.Flush(context.Background())
					}
				}
				l := slog.New(h)
				l.Info("one")
				flush()
				af.mu.Lock()
				fault(af)
				af.mu.Unlock()
				l.Info("two", "marker", "the record written whole")
				flush()
				af.mu.Lock()
				af.inject, af.injectSync = nil, nil
				af.mu.Unlock()
				l.Info("three")
				if err := h.Close(context.Background()); err != nil {
					t.Errorf("Close: %v", err)
				}
				if core != nil {
					core.Close(context.Background())
				}
				af.Close()
				data, _ := os.ReadFile(path)
				if bytes.Count(data, []byte("the record written whole")) != 1 {
					t.Fatalf("the record is not in the file once:\n%s", data)
				}
				rep := verifyPaths(t, []string{path})
				for _, f := range rep.Findings {
					if f.Kind == Gap {
						t.Errorf("a record that is in the file is declared lost: %s", f)
					}
				}
				var kept []string
				for _, line := range strings.SplitAfter(string(data), "\n") {
					if !strings.Contains(line, "the record written whole") {
						kept = append(kept, line)
					}
				}
				rep, _ = VerifyFiles(context.Background(), []string{writeTempFile(t, strings.Join(kept, ""))}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
				if rep.Intact() {
					t.Errorf("the record was deleted and the log verifies as intact: %v", rep.Findings)
				}
				if !hasSeqFinding(rep, Missing, 3) {
					t.Errorf("the deletion is not reported as missing: %v", rep.Findings)
				}
			})
		}
	}
}

func writeTempFile(t *testing.T, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "edited.log")
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Guards the other writer's records in a shared file when a write panics
// part-way (the count written is unknown): cutting the file back to the
// size this File last knew would destroy the records another process
// appended since. The fragment must be found and cut off at the true end.
func TestSharedFilePanicPartWayKeepsOtherWriter(t *testing.T) {
	path, a, b := sharedFile(t)
	ha, err := a.Handler(WithKey("k1", testKey), WithChainID("a"))
	if err != nil {
		t.Fatal(err)
	}
	hb, err := b.Handler(WithKey("k1", testKey), WithChainID("b"))
	if err != nil {
		t.Fatal(err)
	}
	la, lb := slog.New(ha), slog.New(hb)
	la.Info("a1")
	for range 5 {
		lb.Info("b")
	}
	a.mu.Lock()
	failing := true
	a.inject = func(f *os.File, p []byte) (int, error) {
		if !failing {
			return f.Write(p)
		}
		failing = false
		f.Write(p[:len(p)/2])
		panic("driver exploded half-way")
	}
	a.mu.Unlock()
	la.Info("a2")
	la.Info("a3")
	hb.Close(context.Background())
	ha.Close(context.Background())
	a.Close()
	b.Close()
	requireSharedIntact(t, path)
}

// hasSeqFinding reports whether rep has a finding of kind about seq.
func hasSeqFinding(rep Report, kind FindingKind, seq uint64) bool {
	for _, f := range rep.Findings {
		if f.Kind == kind && f.Seq == seq {
			return true
		}
	}
	return false
}

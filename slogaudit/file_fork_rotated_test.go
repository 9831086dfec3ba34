package slogaudit_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// fillChain writes n records of chain id through File.Handler of a File
// opened over path with opts, each padded to about pad bytes.
func fillChain(t *testing.T, path, id string, n, pad int, opts ...slogaudit.FileOption) {
	t.Helper()
	af, err := slogaudit.OpenFile(path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(id))
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		slog.New(h).Info("till counted", "till", id, "n", i, "pad", strings.Repeat("q", pad))
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := af.Close(); err != nil {
		t.Fatal(err)
	}
}

// Guards the chain whose head is not in the tail that OpenFile reads: in
// a rotated file (another chain filled the current one since), or in the
// current file before its last MiB. A handler over the File (Wrap over a
// JSON or slogcore handler) that names such a chain without resuming it
// starts it again at seq 1, and the untouched log would verify as
// tampered. The File must refuse those records, saying to resume, and a
// handler that resumes the chain, or starts another one, must still
// write.
func TestFileRefusesForkOfChainOutsideTail(t *testing.T) {
	layouts := []struct {
		name string
		// build leaves chain "till-4" outside the tail of path.
		build    func(t *testing.T, path string)
		fileOpts []slogaudit.FileOption
		jsonOnly bool // the File reads a slogcore handler's writes alike: spare the time
	}{
		{"head in a rotated file", func(t *testing.T, path string) {
			rot := slogaudit.WithRotateSize(900)
			fillChain(t, path, "till-4", 5, 120, rot)
			fillChain(t, path, "till-8", 9, 120, rot)
		}, []slogaudit.FileOption{slogaudit.WithRotateSize(900)}, false},
		{"head before the tail of a large file", func(t *testing.T, path string) {
			fillChain(t, path, "till-4", 3, 50)
			fillChain(t, path, "till-8", 190, 6000, slogaudit.WithFileSync(slogaudit.SyncNever()))
		}, nil, true},
	}
	writers := []struct {
		name    string
		id      string
		resume  bool
		refused bool
	}{
		{"restart without resume", "till-4", false, true},
		{"restart with resume", "till-4", true, false},
		{"another chain", "till-15", false, false},
	}
	for _, l := range layouts {
		// Built once, copied for each case.
		template := filepath.Join(t.TempDir(), "audit.log")
		l.build(t, template)
		built, err := slogaudit.RotatedFiles(template)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range writers {
			for _, overCore := range []bool{false, true} {
				if overCore && l.jsonOnly {
					continue
				}
				name := l.name + "/" + w.name + "/json"
				if overCore {
					name = l.name + "/" + w.name + "/slogcore"
				}
				t.Run(name, func(t *testing.T) {
					path := filepath.Join(t.TempDir(), "audit.log")
					for _, from := range built {
						b, err := os.ReadFile(from)
						if err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(path+strings.TrimPrefix(from, template), b, 0o600); err != nil {
							t.Fatal(err)
						}
					}
					af, err := slogaudit.OpenFile(path, l.fileOpts...)
					if err != nil {
						t.Fatal(err)
					}
					errs := &lockedErrs{}
					var inner slog.Handler = slog.NewJSONHandler(af, nil)
					var core *slogcore.Handler
					if overCore {
						core = slogcore.New(af, &slogcore.Options{OnError: errs.add})
						inner = core
					}
					opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(w.id), slogaudit.OnError(errs.add)}
					if w.resume {
						head, ok := af.Heads()[w.id]
						if !ok {
							t.Fatalf("test bug: Heads does not name chain %s", w.id)
						}
						opts = append(opts, slogaudit.WithResume(head))
					}
					h, err := slogaudit.New(inner, opts...)
					if err != nil {
						t.Fatal(err)
					}
					for i := range 4 {
						slog.New(h).Info("till reopened", "n", i)
					}
					closeErr := h.Close(context.Background())
					if core != nil {
						core.Close(context.Background())
					}
					if err := af.Close(); err != nil {
						t.Fatal(err)
					}
					if w.refused {
						if closeErr == nil || !errs.said("WithResume") {
							t.Errorf("a handler that started chain %s again closed with %v, OnError %q; want its records refused with an error that says to resume", w.id, closeErr, errs.text)
						}
					} else if closeErr != nil {
						t.Errorf("a handler that %s closed with %v", w.name, closeErr)
					}
					paths, err := slogaudit.RotatedFiles(path)
					if err != nil {
						t.Fatal(err)
					}
					rep, err := rtVerify(t, paths...)
					if err != nil || !rep.Intact() {
						t.Fatalf("the untouched log verifies as not intact: %v", err)
					}
				})
			}
		}
	}
}

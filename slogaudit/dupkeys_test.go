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
	"github.com/slogguard/slogguard/slogcore"
)

// Guards against the silent loss of a value whose key repeats another:
// slog lets a record repeat a key ("user", "a", "user", "b"), and With
// attrs, groups and the reserved-key renaming ("msg" written as "_msg")
// can meet a record's key of the same name. Over every producer
// (File.Handler's canonical lines, Wrap(slog.JSONHandler), Wrap over
// slogcore.New), every value must be written, the untouched log must
// verify, and a change to any one of the values must be reported as
// modified. Each value is a distinct string vN, so that the test can find
// and edit each one in the line.
func TestDuplicateKeysKeepEveryValue(t *testing.T) {
	type scenario struct {
		name string
		n    int // values v1..vn
		log  func(l *slog.Logger)
	}
	scenarios := []scenario{
		{"record-repeats", 3, func(l *slog.Logger) { l.Info("m", "user", "v1", "user", "v2", "user", "v3") }},
		{"with-then-record", 2, func(l *slog.Logger) { l.With("user", "v1").Info("m", "user", "v2") }},
		{"with-twice", 2, func(l *slog.Logger) { l.With("user", "v1").With("user", "v2").Info("m") }},
		{"with-repeats", 2, func(l *slog.Logger) { l.With("user", "v1", "user", "v2").Info("m") }},
		{"leaf-then-group", 2, func(l *slog.Logger) { l.Info("m", "g", "v1", slog.Group("g", "x", "v2")) }},
		{"group-then-leaf", 2, func(l *slog.Logger) { l.Info("m", slog.Group("g", "x", "v1"), "g", "v2") }},
		{"with-group-then-leaf", 2, func(l *slog.Logger) { l.With(slog.Group("g", "x", "v1")).Info("m", "g", "v2") }},
		{"in-group", 2, func(l *slog.Logger) { l.WithGroup("g").Info("m", "user", "v1", "user", "v2") }},
		{"in-group-with", 2, func(l *slog.Logger) { l.WithGroup("g").With("user", "v1").Info("m", "user", "v2") }},
		{"groups-merge", 3, func(l *slog.Logger) {
			l.Info("m", slog.Group("g", "x", "v1"), slog.Group("g", "x", "v2", "y", "v3"))
		}},
		{"renamed-reserved", 3, func(l *slog.Logger) { l.Info("m", "msg", "v1", "_msg", "v2", "__msg", "v3") }},
		{"renamed-collides", 3, func(l *slog.Logger) { l.Info("m", "_user", "v1", "user", "v2", "user", "v3") }},
		{"with-inline-reserved", 3, func(l *slog.Logger) { l.With(slog.Group("", "msg", "v1", "time", "v2", "level", "v3")).Info("m") }},
		{"inline-group", 2, func(l *slog.Logger) { l.Info("m", "user", "v1", slog.Group("", "user", "v2")) }},
	}
	for _, kind := range []string{"file", "json", "slogcore"} {
		for _, sc := range scenarios {
			t.Run(kind+"/"+sc.name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "audit.log")
				af, err := slogaudit.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				var h *slogaudit.Handler
				var core *slogcore.Handler
				opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c")}
				switch kind {
				case "file":
					h, err = af.Handler(opts...)
				case "json":
					h, err = slogaudit.New(slog.NewJSONHandler(af, nil), opts...)
				case "slogcore":
					core = slogcore.New(af, nil)
					h, err = slogaudit.New(core, opts...)
				}
				if err != nil {
					t.Fatal(err)
				}
				sc.log(slog.New(h))
				if err := h.Close(context.Background()); err != nil {
					t.Fatal(err)
				}
				if core != nil {
					core.Close(context.Background())
				}
				af.Close()
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.SplitAfter(string(b), "\n")
				rec := lines[1] // after audit.start
				t.Logf("%s", rec)
				if dupTopKey(t, rec) {
					t.Fatalf("a key written twice: %s", rec)
				}
				for i := 1; i <= sc.n; i++ {
					v := fmt.Sprintf(`"v%d"`, i)
					if strings.Count(rec, v) != 1 {
						t.Fatalf("value %s written %d times, want once: %s", v, strings.Count(rec, v), rec)
					}
				}
				rtIntact(t, path)
				for i := 1; i <= sc.n; i++ {
					v := fmt.Sprintf(`"v%d"`, i)
					edited := append([]string(nil), lines...)
					edited[1] = strings.Replace(rec, v, `"vX"`, 1)
					if err := os.WriteFile(path, []byte(strings.Join(edited, "")), 0o600); err != nil {
						t.Fatal(err)
					}
					rep, _ := rtVerify(t, path)
					if rep.Intact() || !hasKind(rep, slogaudit.Modified, 2) {
						t.Errorf("value %s edited: want modified at seq 2, got %v", v, rep.Findings)
					}
				}
				if !bytes.Equal(b, []byte(strings.Join(lines, ""))) {
					t.Fatal("test bug: lines do not rebuild the file")
				}
			})
		}
	}
}

// hasKind reports whether rep has a finding of kind for seq.
func hasKind(rep slogaudit.Report, kind slogaudit.FindingKind, seq uint64) bool {
	for _, f := range rep.Findings {
		if f.Kind == kind && f.Seq == seq {
			return true
		}
	}
	return false
}

// Guards the policy annotation against a caller's attr of its name: the
// "audit_violations" member is the wrapper's (a caller's "audit_violations"
// must neither replace it, hiding the violations, nor be dropped), over
// the template path (With) and the record path, for File.Handler and
// Wrap(slog.JSONHandler).
func TestDuplicateKeysViolationAnnotationKeepsItsName(t *testing.T) {
	pol := slogaudit.Policy{Name: "t", Required: []slogaudit.Required{{Attrs: []string{"actor"}}}}
	for _, kind := range []string{"file", "json"} {
		for _, viaWith := range []bool{false, true} {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := slogaudit.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithPolicy(pol)}
			var h *slogaudit.Handler
			if kind == "file" {
				h, err = af.Handler(opts...)
			} else {
				h, err = slogaudit.New(slog.NewJSONHandler(af, nil), opts...)
			}
			if err != nil {
				t.Fatal(err)
			}
			l := slog.New(h)
			if viaWith {
				l.With("audit_violations", "none").Info("m")
			} else {
				l.Info("m", "audit_violations", "none")
			}
			h.Close(context.Background())
			af.Close()
			b, _ := os.ReadFile(path)
			rec := strings.SplitAfter(string(b), "\n")[1]
			if !strings.Contains(rec, `"_audit_violations":"none"`) || !strings.Contains(rec, `"audit_violations":[{`) {
				t.Errorf("%s with=%v: want the caller's value as _audit_violations and the wrapper's annotation: %s", kind, viaWith, rec)
			}
			rtIntact(t, path)
		}
	}
}

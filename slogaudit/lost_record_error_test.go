package slogaudit_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
)

// brokenDisk fails the writes it is told to, from the one numbered from on
// (counted from 1), and all of them when forever is set.
type brokenDisk struct {
	mu      sync.Mutex
	w       io.Writer
	from    int
	forever bool
	calls   int
}

func (d *brokenDisk) Write(p []byte) (int, error) {
	d.mu.Lock()
	d.calls++
	fail := d.calls == d.from || d.forever && d.calls >= d.from
	d.mu.Unlock()
	if fail {
		return 0, errors.New("input/output error")
	}
	return d.w.Write(p)
}

// The error Handle returns for a record it could not write says whether
// its loss is declared in the chain, and only then that it is: a loss
// that no audit.gap record could declare is said to be undeclared, with
// what to do.
func TestLostRecordErrorSaysWhetherDeclared(t *testing.T) {
	big := strings.Repeat("ø", 700)
	cases := []struct {
		name     string
		setup    func(t *testing.T, path string) (*slogaudit.Handler, func())
		msg      string
		declared bool
		hint     string
	}{
		{
			name: "too large, File.Handler",
			setup: func(t *testing.T, path string) (*slogaudit.Handler, func()) {
				af, err := slogaudit.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithMaxRecordSize(512))
				if err != nil {
					t.Fatal(err)
				}
				return h, func() { af.Close() }
			},
			msg: big, declared: true, hint: "WithMaxRecordSize",
		},
		{
			name: "too large, File closed first",
			setup: func(t *testing.T, path string) (*slogaudit.Handler, func()) {
				af, err := slogaudit.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithMaxRecordSize(512))
				if err != nil {
					t.Fatal(err)
				}
				slog.New(h).Info("before the close")
				af.Close()
				return h, func() {}
			},
			msg: big, declared: false, hint: "WithMaxRecordSize",
		},
		{
			name: "write to a closed File",
			setup: func(t *testing.T, path string) (*slogaudit.Handler, func()) {
				af, err := slogaudit.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				h, err := af.Handler(slogaudit.WithKey("k1", rtKey))
				if err != nil {
					t.Fatal(err)
				}
				slog.New(h).Info("before the close")
				af.Close()
				return h, func() {}
			},
			msg: "after the close", declared: false, hint: "closed",
		},
		{
			name: "one failed write, JSON handler over a File",
			setup: func(t *testing.T, path string) (*slogaudit.Handler, func()) {
				af, err := slogaudit.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				d := &brokenDisk{w: af, from: 3}
				h, err := slogaudit.New(slog.NewJSONHandler(d, nil), slogaudit.WithKey("k1", rtKey))
				if err != nil {
					t.Fatal(err)
				}
				slog.New(h).Info("first") // start, first
				return h, func() { af.Close() }
			},
			msg: "third write", declared: true, hint: "input/output error",
		},
		{
			name: "every write fails from now on, JSON handler over a File",
			setup: func(t *testing.T, path string) (*slogaudit.Handler, func()) {
				af, err := slogaudit.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				d := &brokenDisk{w: af, from: 3, forever: true}
				h, err := slogaudit.New(slog.NewJSONHandler(d, nil), slogaudit.WithKey("k1", rtKey))
				if err != nil {
					t.Fatal(err)
				}
				slog.New(h).Info("first")
				return h, func() { af.Close() }
			},
			msg: "third write", declared: false, hint: "input/output error",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			h, done := tc.setup(t, path)
			err := h.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, tc.msg, 0))
			if err == nil {
				t.Fatal("Handle: no error")
			}
			text := err.Error()
			if !strings.HasPrefix(text, "slogaudit: ") || !strings.Contains(text, tc.hint) {
				t.Fatalf("Handle: %q, want a slogaudit error naming %q", text, tc.hint)
			}
			says := strings.Contains(text, "declared lost in the chain by")
			if says != tc.declared || !tc.declared && !strings.Contains(text, "not declared") {
				t.Fatalf("Handle: %q\nwant it to say declared: %v", text, tc.declared)
			}
			if tc.declared {
				// The audit.gap is in the log already: the log as it is
				// now verifies, the loss declared.
				rep, verr := rtVerify(t, path)
				if verr != nil || !rep.Intact() || !kindIn(rep, slogaudit.Gap) {
					t.Fatalf("the log right after Handle: %v %v", verr, rep.Findings)
				}
			}
			h.Close(context.Background())
			done()
		})
	}
}

func kindIn(rep slogaudit.Report, kind slogaudit.FindingKind) bool {
	for _, f := range rep.Findings {
		if f.Kind == kind {
			return true
		}
	}
	return false
}

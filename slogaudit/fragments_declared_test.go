package slogaudit_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// partWriter writes half of the writes whose numbers (from 1) fail
// holds and then fails them as fail says: with EIO, by panicking, or by
// returning a count larger than it was given. The other writes go through.
type partWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	n    int
	fail map[int]string
}

func (w *partWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n++
	how, ok := w.fail[w.n]
	if !ok {
		return w.buf.Write(p)
	}
	w.buf.Write(p[:len(p)/2])
	switch how {
	case "panic":
		panic("disk driver bug")
	case "count":
		return len(p) + 7, nil
	}
	return len(p) / 2, syscall.EIO
}

func (w *partWriter) lines() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.SplitAfter(strings.TrimSuffix(w.buf.String(), "\n"), "\n")
}

var fragKey = []byte("fedcba9876543210fedcba9876543210")

// fragVerdict verifies log and returns how many lines were reported torn and
// the kinds of the findings that are signs of tampering.
func fragVerdict(t *testing.T, log []byte) (int, []slogaudit.FindingKind, slogaudit.Report) {
	t.Helper()
	rep, _ := slogaudit.Verify(context.Background(), bytes.NewReader(log), slogaudit.VerifyOptions{Key: fragKey})
	var signs []slogaudit.FindingKind
	torn := 0
	for _, f := range rep.Findings {
		switch {
		case f.Kind == slogaudit.Torn:
			torn++
		case !f.Kind.Info():
			signs = append(signs, f.Kind)
		}
	}
	return torn, signs, rep
}

func fragLines(ls ...[]string) []byte {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(strings.Join(l, ""))
	}
	return []byte(b.String())
}

// TestFragmentsInARowOfDeclaredLosses: two writes in a row that fail
// part-way, under a handler that cannot close the line (a
// slog.JSONHandler that Wrap wraps, directly or through slogcore.Async),
// leave two fragments with the retried audit.gap glued onto them. The
// log as written verifies intact with the line torn; the same fragments
// anywhere the losses are not all declared stay tampering.
func TestFragmentsInARowOfDeclaredLosses(t *testing.T) {
	handlers := []struct {
		name string
		make func(w *partWriter) (slog.Handler, func())
	}{
		{"JSONHandler", func(w *partWriter) (slog.Handler, func()) {
			return slog.NewJSONHandler(w, nil), func() {}
		}},
		{"Async JSONHandler", func(w *partWriter) (slog.Handler, func()) {
			a := slogcore.Async(slog.NewJSONHandler(w, nil), &slogcore.Options{OnError: func(error) {}})
			return a, func() { _ = a.Close(context.Background()) }
		}},
	}
	for _, hh := range handlers {
		t.Run(hh.name, func(t *testing.T) {
			w := &partWriter{fail: map[int]string{4: "eio", 5: "eio"}}
			inner, closeInner := hh.make(w)
			h := slogaudit.Wrap(inner, slogaudit.WithKey("k", fragKey), slogaudit.WithChainID("pay"))
			for i := range 6 {
				slog.New(h).Info("payment", "n", i)
			}
			_ = h.Close(context.Background())
			closeInner()
			lines := w.lines()
			glued, frags, rec := -1, "", ""
			for i, l := range lines {
				if j := strings.LastIndex(l, `{"time"`); j > 0 {
					glued, frags, rec = i, l[:j], l[j:]
				}
			}
			require.GreaterOrEqual(t, glued, 1, "no record glued onto fragments:\n%s", strings.Join(lines, ""))
			require.Equal(t, 2, strings.Count(lines[glued], `{"time"`)-1, "want two fragments before the record:\n%s", lines[glued])
			require.Less(t, glued+3, len(lines))
			head, tail := lines[:glued], lines[glued+1:]
			tests := []struct {
				name  string
				log   []byte
				torn  int
				signs []slogaudit.FindingKind
			}{
				{"as written: the fragments of the declared losses", fragLines(lines), 1, nil},
				{"the fragments glued onto the record after the audit.gap", fragLines(head, []string{rec, frags + tail[0]}, tail[1:]), 0, []slogaudit.FindingKind{slogaudit.Malformed}},
				{"the fragments glued onto the first record", fragLines([]string{frags + lines[0]}, lines[1:glued], []string{rec}, tail), 0, []slogaudit.FindingKind{slogaudit.Malformed}},
				{"the fragments glued onto a record after an undeclared removal", fragLines(head, []string{rec, frags + tail[1]}, tail[2:]), 0, []slogaudit.FindingKind{slogaudit.Malformed, slogaudit.Missing}},
				{"the fragments inserted by hand between two consecutive records", fragLines(lines[:1], []string{frags + lines[1]}, lines[2:]), 1, []slogaudit.FindingKind{slogaudit.Malformed}},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					torn, signs, rep := fragVerdict(t, tt.log)
					require.Equal(t, tt.torn, torn, "%v", rep.Findings)
					require.ElementsMatch(t, tt.signs, signs, "%v", rep.Findings)
					require.Equal(t, tt.signs == nil, rep.Intact(), "%v", rep.Findings)
				})
			}
		})
	}
}

package slogaudit_test

import (
	"bytes"
	"context"
	"encoding/json"
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

// fragVerdict verifies log with the MAC key and returns how many lines were reported torn and
// the kinds of the findings that are signs of tampering.
func fragVerdict(t *testing.T, log, key []byte) (int, []slogaudit.FindingKind, slogaudit.Report) {
	t.Helper()
	rep, _ := slogaudit.Verify(context.Background(), bytes.NewReader(log), slogaudit.VerifyOptions{Key: key})
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
					torn, signs, rep := fragVerdict(t, tt.log, fragKey)
					require.Equal(t, tt.torn, torn, "%v", rep.Findings)
					require.ElementsMatch(t, tt.signs, signs, "%v", rep.Findings)
					require.Equal(t, tt.signs == nil, rep.Intact(), "%v", rep.Findings)
				})
			}
		})
	}
}

// TestUnnamedFragmentOfADeclaredLoss: a write that fails part-way under a
// handler that closes the line but cannot know what the write left
// (slogcore.New, after its io.Writer panicked or returned a count it was
// not given) leaves a fragment on a line of its own that no record
// names; the audit.gap after it declares the record lost. The log as
// written verifies intact with the line torn; the same fragment where
// the records around it do not prove a declared loss stays tampering.
func TestUnnamedFragmentOfADeclaredLoss(t *testing.T) {
	for _, how := range []string{"panic", "count"} {
		t.Run(how, func(t *testing.T) {
			w := &partWriter{fail: map[int]string{3: how}}
			core := slogcore.New(w, &slogcore.Options{BufferSize: 1, OnError: func(error) {}})
			h := slogaudit.Wrap(core, slogaudit.WithKey("k", fragKey), slogaudit.WithChainID("pay"))
			for i := range 6 {
				slog.New(h).Info("payment", "n", i)
			}
			_ = h.Close(context.Background())
			_ = core.Close(context.Background())
			lines := w.lines()
			f := -1
			for i, l := range lines {
				if !json.Valid([]byte(strings.TrimSuffix(l, "\n"))) {
					require.Equal(t, -1, f, "two lines are not records:\n%s", strings.Join(lines, ""))
					f = i
				}
			}
			require.GreaterOrEqual(t, f, 1, "no fragment:\n%s", strings.Join(lines, ""))
			require.True(t, strings.HasSuffix(lines[f], "\n"), "the fragment is not on a line of its own")
			gap := -1
			for i, l := range lines {
				if strings.Contains(l, `"msg":"audit.gap"`) {
					gap = i
				}
			}
			require.Greater(t, gap, f+1, "no audit.gap after the fragment:\n%s", strings.Join(lines, ""))
			frag := lines[f]
			rest := append(append([]string(nil), lines[:f]...), lines[f+1:]...) // the log without the fragment
			insert := func(at int, l string) []byte {
				return fragLines(rest[:at], []string{l}, rest[at:])
			}
			noGap := append(append([]string(nil), lines[:gap]...), lines[gap+1:]...)
			tests := []struct {
				name  string
				log   []byte
				torn  int
				signs []slogaudit.FindingKind
			}{
				{"as written: the fragment of the declared loss", fragLines(lines), 1, nil},
				{"the fragment moved after the record that followed it", insert(f+1, frag), 0, []slogaudit.FindingKind{slogaudit.Malformed}},
				{"a fragment inserted by hand between two consecutive records", fragLines(lines[:1], []string{frag}, lines[1:]), 1, []slogaudit.FindingKind{slogaudit.Malformed}},
				{"the fragment glued onto a later record", fragLines(lines[:f], lines[f+1:f+2], []string{strings.TrimSuffix(frag, "\n") + lines[f+2]}, lines[f+3:]), 0, []slogaudit.FindingKind{slogaudit.Malformed}},
				{"the fragment before an undeclared removal", fragLines(lines[:f+1], lines[f+2:]), 0, []slogaudit.FindingKind{slogaudit.Malformed, slogaudit.Missing}},
				{"the record after the fragment cut into a fragment too", fragLines(lines[:f+1], []string{lines[f+1][:len(lines[f+1])/2] + "\n"}, lines[f+2:]), 0, []slogaudit.FindingKind{slogaudit.Malformed, slogaudit.Malformed, slogaudit.Missing}},
				{"the audit.gap that declares the loss removed", fragLines(noGap), 0, []slogaudit.FindingKind{slogaudit.Malformed, slogaudit.Missing}},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					torn, signs, rep := fragVerdict(t, tt.log, fragKey)
					require.Equal(t, tt.torn, torn, "%v", rep.Findings)
					require.ElementsMatch(t, tt.signs, signs, "%v", rep.Findings)
					require.Equal(t, tt.signs == nil, rep.Intact(), "%v", rep.Findings)
				})
			}
		})
	}
}

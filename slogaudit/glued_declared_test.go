package slogaudit_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"syscall"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/stretchr/testify/require"
)

// halfOnceWriter writes half of its at-th Write and fails it with EIO, as
// a disk that fails mid-write does; the other writes go through.
type halfOnceWriter struct {
	buf   bytes.Buffer
	n, at int
}

func (w *halfOnceWriter) Write(p []byte) (int, error) {
	w.n++
	if w.n == w.at {
		n, _ := w.buf.Write(p[:len(p)/2])
		return n, syscall.EIO
	}
	return w.buf.Write(p)
}

// gluedDeclaredLog writes 6 records through Wrap over a slog.JSONHandler
// whose writer fails the write of the third caller record part-way: the
// audit.gap declaring it is glued onto what it left.
func gluedDeclaredLog(t *testing.T) []string {
	t.Helper()
	w := &halfOnceWriter{at: 4}
	h := slogaudit.Wrap(slog.NewJSONHandler(w, nil), slogaudit.WithKey("k1", gluedKey), slogaudit.WithChainID("pay"))
	for i := range 6 {
		slog.New(h).Info("payment", "n", i)
	}
	require.ErrorIs(t, h.Close(context.Background()), slogaudit.ErrRecordsLost)
	return strings.SplitAfter(strings.TrimSuffix(w.buf.String(), "\n"), "\n")
}

var gluedKey = []byte("0123456789abcdef0123456789abcdef")

// TestGluedFragmentOfADeclaredLoss: a fragment that a failed write left,
// with a record glued onto it, is torn when the records of its chain
// between the one before it and the glued record are declared lost, and
// malformed (a sign of tampering) anywhere else: a fragment glued onto a
// record that no loss comes before, or one whose loss nothing declares.
func TestGluedFragmentOfADeclaredLoss(t *testing.T) {
	lines := gluedDeclaredLog(t)
	glued, frag := -1, ""
	for i, l := range lines {
		if j := strings.Index(l[1:], `{"time"`); j >= 0 {
			glued, frag = i, l[:j+1]
		}
	}
	require.GreaterOrEqual(t, glued, 0, "no record glued onto a fragment:\n%s", strings.Join(lines, ""))
	require.Contains(t, lines[glued], `"msg":"audit.gap"`)
	join := func(ls ...string) []byte { return []byte(strings.Join(ls, "")) }
	without := func(i int) []string { return append(append([]string(nil), lines[:i]...), lines[i+1:]...) }
	tests := []struct {
		name  string
		log   []byte
		torn  int // fragments reported torn
		signs []slogaudit.FindingKind
	}{
		{"as written: the fragment of the declared loss", join(lines...), 1, nil},
		{"the same fragment glued onto a later record", join(append(append(append([]string(nil), lines[:glued+1]...), frag+lines[glued+1]), lines[glued+2:]...)...), 1, []slogaudit.FindingKind{slogaudit.Malformed}},
		{"a fragment glued onto the first record", join(append([]string{frag + lines[0]}, lines[1:]...)...), 1, []slogaudit.FindingKind{slogaudit.Malformed}},
		{"a fragment glued onto a record after an undeclared removal", join(append(without(glued + 1)[:glued+1], append([]string{frag + lines[glued+2]}, lines[glued+3:]...)...)...), 1, []slogaudit.FindingKind{slogaudit.Malformed, slogaudit.Missing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			torn, signs, rep := fragVerdict(t, tt.log, gluedKey)
			require.Equal(t, tt.torn, torn, "%v", rep.Findings)
			require.ElementsMatch(t, tt.signs, signs, "%v", rep.Findings)
			require.Equal(t, tt.signs == nil, rep.Intact(), "%v", rep.Findings)
		})
	}
}

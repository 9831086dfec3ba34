package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/slogaudit"
)

// mvKey is the HMAC key of the logs these tests write.
var mvKey = []byte("verdicts-eleven-key-0123456789ab")

// mvFixture reads a fixture directory's log, checkpoint file and keys.
func mvFixture(t *testing.T, dir string) (log []byte, o slogaudit.VerifyOptions, cps []byte) {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", dir, name))
		require.NoError(t, err)
		return b
	}
	unhex := func(name string) []byte {
		b, err := hex.DecodeString(strings.TrimSpace(string(read(name))))
		require.NoError(t, err)
		return b
	}
	return read("audit.log"), slogaudit.VerifyOptions{Key: unhex("audit.hmac"), PublicKey: ed25519.PublicKey(unhex("audit.ed25519.pub"))}, read("audit.checkpoints")
}

// mvVerify verifies log with o and the checkpoint file cps (if any).
func mvVerify(t *testing.T, log []byte, o slogaudit.VerifyOptions, cps []byte) []slogaudit.Finding {
	t.Helper()
	if cps != nil {
		o.Checkpoints = bytes.NewReader(cps)
	}
	rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(log), o)
	if err != nil {
		var te *slogaudit.TamperedError
		require.ErrorAs(t, err, &te, "only a verdict of tampering is expected")
	}
	return rep.Findings
}

// mvSigns returns the findings that are signs of tampering.
func mvSigns(fs []slogaudit.Finding) []slogaudit.Finding {
	var out []slogaudit.Finding
	for _, f := range fs {
		if !f.Kind.Info() {
			out = append(out, f)
		}
	}
	return out
}

// mvLines splits a log into its lines, each with its newline.
func mvLines(b []byte) []string {
	ls := strings.SplitAfter(string(b), "\n")
	if ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// mvWithout returns the lines of log without the 1-based line n.
func mvWithout(log []byte, n int) []byte {
	ls := mvLines(log)
	return []byte(strings.Join(append(ls[:n-1:n-1], ls[n:]...), ""))
}

// mvStartAfter returns the 1-based number of the first audit.start line
// of log after line n, or 0.
func mvStartAfter(log []byte, n int) int {
	for i, l := range mvLines(log)[n:] {
		if strings.Contains(l, `"msg":"audit.start"`) {
			return n + i + 1
		}
	}
	return 0
}

// mvTorn returns the 1-based number of the first line that is a torn
// fragment (no JSON object) in log, or 0.
func mvTorn(log []byte) int {
	for i, l := range mvLines(log) {
		if !strings.HasSuffix(strings.TrimSpace(l), "}") {
			return i + 1
		}
	}
	return 0
}

// A crash leaves a torn line that the next audit.start names by its length
// and hash. Removing that line is a change of the log, which the verifier
// reports, as it reports a change of its bytes.
func TestRemovedTornLineIsReported(t *testing.T) {
	for _, dir := range []string{"v1", "v2"} {
		t.Run("fixture "+dir, func(t *testing.T) {
			log, o, cps := mvFixture(t, dir)
			torn := mvTorn(log)
			require.NotZero(t, torn)
			require.Empty(t, mvSigns(mvVerify(t, log, o, cps)))

			removed := mvWithout(log, torn)
			signs := mvSigns(mvVerify(t, removed, o, cps))
			require.Len(t, signs, 1, "%v", signs)
			require.Equal(t, slogaudit.Missing, signs[0].Kind)
			require.Equal(t, int64(mvStartAfter(removed, torn-1)), signs[0].Line, "the audit.start that named it, moved up one line")
			require.Zero(t, signs[0].Seq, "no record is missing")
			require.Contains(t, signs[0].Detail, "incomplete line that this audit.start names")

			// From the audit.start on (the fragments are in what came
			// before, not given): only the chain's missing start.
			rest := []byte(strings.Join(mvLines(log)[mvStartAfter(log, torn)-1:], ""))
			for _, f := range mvSigns(mvVerify(t, rest, o, nil)) {
				require.NotContains(t, f.Detail, "incomplete line", "%v", f)
			}
		})
	}
	t.Run("file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "audit.log")
		mvFileRecords(t, path, "before the crash", 4)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		require.NoError(t, err)
		_, err = f.WriteString(`{"audit":{"chain":"`)
		require.NoError(t, err)
		require.NoError(t, f.Close())
		mvFileRecords(t, path, "after the restart", 3)
		log, err := os.ReadFile(path)
		require.NoError(t, err)
		o := slogaudit.VerifyOptions{Key: mvKey}
		require.Empty(t, mvSigns(mvVerify(t, log, o, nil)))
		torn := mvTorn(log)
		require.Equal(t, 7, torn) // audit.start, 4 records, audit.stop, the fragment

		signs := mvSigns(mvVerify(t, mvWithout(log, torn), o, nil))
		require.Len(t, signs, 1, "%v", signs)
		require.Equal(t, slogaudit.Missing, signs[0].Kind)
		require.Equal(t, int64(7), signs[0].Line)
		require.Contains(t, signs[0].Detail, "(19 bytes, sha256 ")

		// A fragment changed rather than removed is one finding, of
		// the line that is there.
		changed := bytes.Replace(log, []byte(`{"audit":{"chain":"`+"\n"), []byte(`{"audit":{"chain":"x`+"\n"), 1)
		signs = mvSigns(mvVerify(t, changed, o, nil))
		require.Len(t, signs, 1, "%v", signs)
		require.Equal(t, slogaudit.Malformed, signs[0].Kind)
		require.Equal(t, int64(7), signs[0].Line)
	})
}

// mvFileRecords writes n records of message msg through a File at path,
// and closes it.
func mvFileRecords(t *testing.T, path, msg string, n int) {
	t.Helper()
	af, err := slogaudit.OpenFile(path)
	require.NoError(t, err)
	h, err := af.Handler(slogaudit.WithKey("k11", mvKey))
	require.NoError(t, err)
	l := slog.New(h)
	for i := range n {
		l.Info(msg, "n", i, "ratio", 0.1+0.2)
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
}

// mvHalfWriter fails its nth Write after writing half of it, as a
// plain file on a full disk would; the writes after it succeed.
type mvHalfWriter struct {
	buf   bytes.Buffer
	n, at int
}

func (w *mvHalfWriter) Write(p []byte) (int, error) {
	w.n++
	if w.n == w.at {
		w.buf.Write(p[:len(p)/2])
		return len(p) / 2, os.ErrDeadlineExceeded
	}
	return w.buf.Write(p)
}

// A record appended to a torn line that its writer did not close (a JSON
// handler over a plain writer, which the package documents as unable to
// frame a failed write) is reported as glued, and checked: its seq is not
// missing, and what it declares counts.
func TestRecordGluedOntoTornLine(t *testing.T) {
	t.Run("gap record glued onto the failed write", func(t *testing.T) {
		w := &mvHalfWriter{at: 5}
		h := slogaudit.Wrap(slog.NewJSONHandler(w, nil), slogaudit.WithKey("k11", mvKey))
		l := slog.New(h)
		for i := range 7 {
			l.Info("transfer", "n", i, "amount", math.Copysign(0, -1), "note", "\u2028")
		}
		require.Error(t, h.Close(context.Background()))
		fs := mvVerify(t, w.buf.Bytes(), slogaudit.VerifyOptions{Key: mvKey}, nil)
		// The fragment is what is left of seq 5, which the audit.gap
		// glued onto it declares lost: torn, not tampering.
		require.Empty(t, mvSigns(fs), "%v", fs)
		var gaps, torn []slogaudit.Finding
		for _, f := range fs {
			switch f.Kind {
			case slogaudit.Gap:
				gaps = append(gaps, f)
			case slogaudit.Torn:
				torn = append(torn, f)
			}
		}
		require.Len(t, torn, 1, "%v", fs)
		require.Equal(t, int64(5), torn[0].Line)
		require.Contains(t, torn[0].Detail, "with record 6 of chain")
		require.Len(t, gaps, 1, "the glued audit.gap declares seq 5: %v", fs)
		require.Equal(t, uint64(5), gaps[0].Seq)
	})
	t.Run("File line glued onto a fragment", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "audit.log")
		mvFileRecords(t, path, "glue", 5)
		log, err := os.ReadFile(path)
		require.NoError(t, err)
		ls := mvLines(log)
		frag := ls[2][:len(ls[2])/3] // the start of seq 3, then seq 3 again
		glued := []byte(strings.Join(ls[:2], "") + frag + strings.Join(ls[2:], ""))
		o := slogaudit.VerifyOptions{Key: mvKey}
		signs := mvSigns(mvVerify(t, glued, o, nil))
		require.Len(t, signs, 1, "%v", signs)
		require.Equal(t, slogaudit.Malformed, signs[0].Kind)
		require.Equal(t, int64(3), signs[0].Line)
		require.Contains(t, signs[0].Detail, fmt.Sprintf("an incomplete line of %d bytes", len(frag)))

		// A whole record is no fragment: two records on one line are
		// not taken apart.
		joined := []byte(strings.Join(ls[:2], "") + strings.TrimSuffix(ls[2], "\n") + strings.Join(ls[3:], ""))
		signs = mvSigns(mvVerify(t, joined, o, nil))
		require.Greater(t, len(signs), 1, "%v", signs)
		for _, f := range signs {
			require.NotContains(t, f.Detail, "glued", "%v", f)
		}
	})
	t.Run("other writer after a crash", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "audit.log")
		mvFileRecords(t, path, "first", 2)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		require.NoError(t, err)
		_, err = f.WriteString(`{"audit":{"chain":"x","hash":"`)
		require.NoError(t, err)
		h := slogaudit.Wrap(slog.NewJSONHandler(f, nil), slogaudit.WithKey("k11", mvKey))
		slog.New(h).Info("second", "at", time.Date(-1, 2, 3, 4, 5, 6, 7, time.FixedZone("", -(9*3600+30*60))))
		require.NoError(t, h.Close(context.Background()))
		require.NoError(t, f.Close())
		log, err := os.ReadFile(path)
		require.NoError(t, err)
		fs := mvVerify(t, log, slogaudit.VerifyOptions{Key: mvKey}, nil)
		signs := mvSigns(fs)
		require.Len(t, signs, 1, "the new chain starts at seq 1, glued: nothing is missing: %v", fs)
		require.Equal(t, slogaudit.Malformed, signs[0].Kind)
		require.Equal(t, int64(5), signs[0].Line)
	})
	t.Run("restart glued onto the fragment it names", func(t *testing.T) {
		// Removing the newline that closed a torn line glues the
		// audit.start onto it: still a change, never a crash.
		log, o, cps := mvFixture(t, "v2")
		torn := mvStartAfter(log, mvTorn(log)) - 1 // the fragment just before the audit.start
		ls := mvLines(log)
		ls[torn-1] = strings.TrimSuffix(ls[torn-1], "\n")
		fs := mvVerify(t, []byte(strings.Join(ls, "")), o, cps)
		signs := mvSigns(fs)
		require.Len(t, signs, 1, "%v", fs)
		require.Equal(t, slogaudit.Malformed, signs[0].Kind)
		require.Equal(t, int64(torn), signs[0].Line)
		for _, f := range fs {
			require.False(t, f.Kind == slogaudit.Torn && f.Line == int64(torn), "%v", f)
		}
	})
}

// FuzzVerifyGlued glues arbitrary bytes before a record: the verifier never
// panics, and a glued record is only taken apart after the start of a
// JSON object.
func FuzzVerifyGlued(f *testing.F) {
	for _, s := range []string{`{"a":`, `{"msg":"cut \"`, `{"a":{"b":[1,{"c":"}"`, `{"x":"\\`, `{`, "{\x00\x00", `}{"a":1}`, `{"a":"]}"`} {
		f.Add(s)
	}
	var buf bytes.Buffer
	h := slogaudit.Wrap(slog.NewJSONHandler(&buf, nil), slogaudit.WithKey("k11", mvKey))
	slog.New(h).Info("glue", "q", `"}{\"`, "g", map[string]any{"b": []any{"}", "{"}})
	if err := h.Close(context.Background()); err != nil {
		f.Fatal(err)
	}
	rec := mvLines(buf.Bytes())[0]
	f.Fuzz(func(t *testing.T, frag string) {
		rep, err := slogaudit.Verify(context.Background(), strings.NewReader(frag+rec), slogaudit.VerifyOptions{Key: mvKey})
		if err == nil && len(mvSigns(rep.Findings)) == 0 && frag != "" && strings.TrimSpace(frag) != "" && !strings.HasSuffix(frag, "\n") {
			t.Fatalf("%q glued before a record verifies intact: %v", frag, rep.Findings)
		}
	})
}

// mvWrapLog writes n records (after the audit.start) through Wrap over a
// JSON handler and returns the lines, audit.stop included.
func mvWrapLog(t *testing.T, n int) []string {
	t.Helper()
	var buf bytes.Buffer
	h := slogaudit.Wrap(slog.NewJSONHandler(&buf, nil), slogaudit.WithKey("k11", mvKey), slogaudit.WithChainID("moves"))
	l := slog.New(h)
	for i := range n {
		l.Info("move", "i", i, "big", uint64(1)<<63+uint64(i), "f", 1e21/float64(i+1))
	}
	require.NoError(t, h.Close(context.Background()))
	return mvLines(buf.Bytes())
}

// mvMove returns ls with the line at index from moved to index to.
func mvMove(ls []string, from, to int) []byte {
	return []byte(strings.Join(moveItem(append([]string(nil), ls...), from, to), ""))
}

// A record moved to another place in the log is the one reported
// reordered, wherever it moved, and not the records it jumped over.
func TestMovedRecordIsTheOneReordered(t *testing.T) {
	ls := mvWrapLog(t, 9) // seqs 1 to 11, one a line
	o := slogaudit.VerifyOptions{Key: mvKey}
	t.Run("every move", func(t *testing.T) {
		for from := range ls {
			for to := range ls {
				if to == from || to == from+1 || to == from-1 {
					continue // a swap of neighbours names either
				}
				signs := mvSigns(mvVerify(t, mvMove(ls, from, to), o, nil))
				require.Len(t, signs, 1, "seq %d moved to line %d: %v", from+1, to+1, signs)
				require.Equal(t, slogaudit.Reordered, signs[0].Kind)
				require.Equal(t, uint64(from+1), signs[0].Seq, "seq %d moved to line %d: %v", from+1, to+1, signs)
				require.Equal(t, int64(to+1), signs[0].Line)
			}
		}
	})
	t.Run("two records swapped", func(t *testing.T) {
		out := append([]string(nil), ls...)
		out[2], out[7] = out[7], out[2]
		signs := mvSigns(mvVerify(t, []byte(strings.Join(out, "")), o, nil))
		require.Len(t, signs, 2, "%v", signs)
		require.Equal(t, []uint64{8, 3}, []uint64{signs[0].Seq, signs[1].Seq})
		require.Equal(t, []int64{3, 8}, []int64{signs[0].Line, signs[1].Line})
		require.Contains(t, signs[0].Detail, "appears before seq 4, which it comes after")
	})
	t.Run("moved and one removed", func(t *testing.T) {
		// seq 8 moved before seq 4, seq 3 removed: seq 8 reordered,
		// seq 3 missing, nothing said of seqs 4 to 7.
		in := mvMove(ls, 7, 3)
		in = mvWithout(in, 3)
		signs := mvSigns(mvVerify(t, in, o, nil))
		require.Len(t, signs, 2, "%v", signs)
		got := map[slogaudit.FindingKind]uint64{}
		for _, f := range signs {
			got[f.Kind] = f.Seq
		}
		require.Equal(t, map[slogaudit.FindingKind]uint64{slogaudit.Reordered: 8, slogaudit.Missing: 3}, got)
	})
	t.Run("far across a rotated file", func(t *testing.T) {
		long := mvWrapLog(t, 600)
		in := mvMove(long, 500, 40) // seq 501 before seq 41
		dir := t.TempDir()
		a, b := filepath.Join(dir, "audit.log.000001"), filepath.Join(dir, "audit.log")
		cut := bytes.Index(in, []byte(long[300]))
		require.NoError(t, os.WriteFile(a, in[:cut], 0o600))
		require.NoError(t, os.WriteFile(b, in[cut:], 0o600))
		rep, err := slogaudit.VerifyFiles(context.Background(), []string{a, b}, o)
		require.Error(t, err)
		signs := mvSigns(rep.Findings)
		require.Len(t, signs, 1, "%v", signs)
		require.Equal(t, uint64(501), signs[0].Seq)
		require.Equal(t, a, signs[0].File)
		require.Equal(t, int64(41), signs[0].Line)
	})
}

// mvLIS returns the length of the longest increasing subsequence of s.
func mvLIS(s []int) int {
	best := make([]int, len(s))
	n := 0
	for i := range s {
		best[i] = 1
		for j := range i {
			if s[j] < s[i] && best[j]+1 > best[i] {
				best[i] = best[j] + 1
			}
		}
		n = max(n, best[i])
	}
	return n
}

// Records shuffled after the first: as many are reported reordered as must
// move to restore the order, the fewest there are.
func TestShuffledRecordsFewestReordered(t *testing.T) {
	ls := mvWrapLog(t, 14)
	o := slogaudit.VerifyOptions{Key: mvKey}
	next := mvRand(11)
	for range 300 {
		order := make([]int, len(ls))
		for i := range order {
			order[i] = i
		}
		for range 1 + next(4) {
			i, j := 1+next(len(order)-1), 1+next(len(order)-1)
			order = moveItem(order, i, j)
		}
		var in strings.Builder
		for _, i := range order {
			in.WriteString(ls[i])
		}
		signs := mvSigns(mvVerify(t, []byte(in.String()), o, nil))
		for _, f := range signs {
			require.Equal(t, slogaudit.Reordered, f.Kind, "%v: %v", order, signs)
		}
		require.Len(t, signs, len(order)-mvLIS(order), "%v: %v", order, signs)
	}
}

// A block of records moved before the first record of the input: the
// smaller of the two blocks is reported, every record of it.
func TestBlockMovedBeforeTheFirstRecord(t *testing.T) {
	ls := mvWrapLog(t, 9) // seqs 1 to 11
	o := slogaudit.VerifyOptions{Key: mvKey}
	for _, tc := range []struct {
		name  string
		order []int // 0-based line indexes of ls
		moved []uint64
	}{
		{"three newest first", []int{7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 10}, []uint64{8, 9, 10}},
		{"halves swapped", []int{5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 10}, []uint64{1, 2, 3, 4, 5}},
		{"one newest first", []int{9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10}, []uint64{10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in strings.Builder
			for _, i := range tc.order {
				in.WriteString(ls[i])
			}
			var got []uint64
			for _, f := range mvSigns(mvVerify(t, []byte(in.String()), o, nil)) {
				require.Equal(t, slogaudit.Reordered, f.Kind, "%v", f)
				got = append(got, f.Seq)
			}
			require.ElementsMatch(t, tc.moved, got)
		})
	}
}

// Whatever the shuffle, the records not reported reordered are in order:
// put back the ones reported, and the chain is whole.
func TestShuffledRecordsLeftInOrder(t *testing.T) {
	ls := mvWrapLog(t, 10)
	o := slogaudit.VerifyOptions{Key: mvKey}
	next := mvRand(1111)
	for range 400 {
		order := make([]int, len(ls))
		for i := range order {
			order[i] = i
		}
		for range 1 + next(5) {
			i, j := next(len(order)), next(len(order))
			order = moveItem(order, i, j)
		}
		var in strings.Builder
		for _, i := range order {
			in.WriteString(ls[i])
		}
		moved := map[uint64]bool{}
		for _, f := range mvSigns(mvVerify(t, []byte(in.String()), o, nil)) {
			require.Equal(t, slogaudit.Reordered, f.Kind, "%v: %v", order, f)
			require.False(t, moved[f.Seq], "%v: seq %d reported twice", order, f.Seq)
			moved[f.Seq] = true
		}
		last := 0
		for _, i := range order {
			if !moved[uint64(i+1)] {
				require.Greater(t, i+1, last, "%v: seq %d out of order and not reported (reported %v)", order, i+1, moved)
				last = i + 1
			}
		}
	}
}

// A record changed so that its line no longer parses (a member repeated, a
// bracket removed) is reported modified, as the record its audit member
// names, and not also as missing.
func TestUnreadableRecordIsModifiedNotMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	mvFileRecords(t, path, "unreadable", 5)
	file, err := os.ReadFile(path)
	require.NoError(t, err)
	wrap := []byte(strings.Join(mvWrapLog(t, 5), ""))
	o := slogaudit.VerifyOptions{Key: mvKey}
	for _, tc := range []struct {
		name string
		log  []byte
		edit func(string) string
	}{
		{"file: member repeated", file, func(l string) string { return strings.Replace(l, `"level":"INFO"`, `"level":"INFO","level":"WARN"`, 1) }},
		{"file: last brace removed", file, func(l string) string { return strings.TrimSuffix(l, "}") }},
		{"wrap: member repeated", wrap, func(l string) string { return strings.Replace(l, `"msg":"move"`, `"msg":"move","msg":"moved"`, 1) }},
		{"wrap: value cut", wrap, func(l string) string { return strings.Replace(l, `"i":2,`, `"i":,`, 1) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ls := mvLines(tc.log)
			edited := tc.edit(strings.TrimSuffix(ls[3], "\n")) + "\n"
			require.NotEqual(t, ls[3], edited)
			ls[3] = edited
			signs := mvSigns(mvVerify(t, []byte(strings.Join(ls, "")), o, nil))
			require.Len(t, signs, 1, "%v", signs)
			require.Equal(t, slogaudit.Modified, signs[0].Kind)
			require.Equal(t, int64(4), signs[0].Line)
			require.Equal(t, uint64(4), signs[0].Seq)
			require.Contains(t, signs[0].Detail, "no longer reads as a record")
		})
	}
	t.Run("a line naming a record that is there", func(t *testing.T) {
		// A broken copy of record 2 put after record 4: record 2 is in
		// its place, so the copy stays malformed.
		ls := mvLines(file)
		extra := strings.TrimSuffix(strings.TrimSuffix(ls[1], "\n"), "}") + "\n"
		ls = append(ls[:4], append([]string{extra}, ls[4:]...)...)
		signs := mvSigns(mvVerify(t, []byte(strings.Join(ls, "")), o, nil))
		require.Len(t, signs, 1, "%v", signs)
		require.Equal(t, slogaudit.Malformed, signs[0].Kind)
		require.Equal(t, int64(5), signs[0].Line)
	})
}

// A File opened while another File of the log writes a line reads the
// line's first bytes at the end of the file and names them as torn; its
// closing newline lands after the whole line. That log is intact: the
// named bytes are the start of a line that is there, followed by the
// blank line the newline made.
func TestNamedStartOfAnotherWritersLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	mvFileRecords(t, path, "other writer", 3)
	whole, err := os.ReadFile(path)
	require.NoError(t, err)
	ls := mvLines(whole)
	last := ls[len(ls)-1] // the other writer's line, as it was being written
	part := last[:len(last)/2]
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(ls[:len(ls)-1], "")+part), 0o600))
	af, err := slogaudit.OpenFile(path)
	require.NoError(t, err)
	_, torn := af.Torn()
	require.True(t, torn)
	h, err := af.Handler(slogaudit.WithKey("k11", mvKey), slogaudit.WithChainID("opener"))
	require.NoError(t, err)
	slog.New(h).Info("opened", "at", time.Date(2026, 2, 29, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1))
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	written, err := os.ReadFile(path)
	require.NoError(t, err)
	o := slogaudit.VerifyOptions{Key: mvKey}

	// The line completed before the opener's newline.
	benign := bytes.Replace(written, []byte(part+"\n"), []byte(last+"\n"), 1)
	require.NotEqual(t, written, benign)
	require.Empty(t, mvSigns(mvVerify(t, benign, o, nil)))

	// Without the blank line, the named bytes were not closed there: the
	// torn line was removed.
	removed := bytes.Replace(written, []byte(part+"\n"), []byte(last), 1)
	signs := mvSigns(mvVerify(t, removed, o, nil))
	require.Len(t, signs, 1, "%v", signs)
	require.Equal(t, slogaudit.Missing, signs[0].Kind)
	require.Contains(t, signs[0].Detail, "incomplete line that this audit.start names")
}

// mvRand returns a xorshift generator of ints below n: the cases are the
// same each run.
func mvRand(seed uint64) func(n int) int {
	rnd := seed
	return func(n int) int {
		rnd ^= rnd << 13
		rnd ^= rnd >> 7
		rnd ^= rnd << 17
		return int(rnd % uint64(n))
	}
}

// moveItem moves the item at from of s to to, in place.
func moveItem[T any](s []T, from, to int) []T {
	x := s[from]
	s = append(s[:from], s[from+1:]...)
	return append(s[:to], append([]T{x}, s[to:]...)...)
}

package slogaudit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestFindingString: "file:line: kind: chain C seq N: detail", and
// "line N" without a file.
func TestFindingStringLineOnly(t *testing.T) {
	f := Finding{File: "a.log", Line: 12, Chain: "c", Seq: 3, Kind: Modified, Detail: "d"}
	require.Equal(t, "a.log:12: modified: chain c seq 3: d", f.String())
	f.File = ""
	require.Equal(t, "line 12: modified: chain c seq 3: d", f.String())
}

// TestTamperedErrorSummary: the count leaves information out, and the
// first finding named is the first that is not information.
func TestTamperedErrorSummary(t *testing.T) {
	e := &TamperedError{Report: Report{Findings: []Finding{
		{Line: 1, Kind: Torn, Detail: "t"},
		{Line: 2, Kind: Missing, Chain: "c", Seq: 1, Detail: "first"},
		{Line: 3, Kind: Restart, Detail: "r"},
		{Line: 4, Kind: BadMAC, Chain: "c", Seq: 2, Detail: "second"},
	}}}
	require.Equal(t, "slogaudit: verification failed: 2 findings, first: line 2: missing: chain c seq 1: first", e.Error())
	for _, k := range []FindingKind{Restart, Torn, TornTail, Pruned, Gap} {
		require.True(t, k.Info(), k)
	}
	for _, k := range []FindingKind{Modified, Missing, Inserted, Duplicated, Reordered, Truncated, BadMAC, BadCheckpoint, Malformed, UnknownKey, Uncovered} {
		require.False(t, k.Info(), k)
	}
	require.False(t, Report{}.Intact(), "an input without records is never intact")
	require.True(t, Report{Records: 1}.Intact())
	require.True(t, Report{Records: 1, Findings: e.Report.Findings[:1]}.Intact())
	require.False(t, Report{Records: 1, Findings: e.Report.Findings}.Intact())
}

// TestVerifyFindingsInLineOrder: findings come sorted by line, whatever
// check made them first (missing records are reported at the end of the
// input, at the line that noticed them).
func TestVerifyFindingsInLineOrder(t *testing.T) {
	f := newForger(t, "c", nil)
	r := f.records(6)
	log := cat(r[0], r[2], strings.Replace(r[3], `"i":4`, `"i":7`, 1), r[5])
	rep, err := Verify(context.Background(), bytes.NewReader(log), VerifyOptions{})
	require.Error(t, err)
	var got []string
	for _, x := range rep.Findings {
		got = append(got, x.String())
	}
	require.Equal(t, []string{
		"line 2: missing: chain c seq 2: record 2 is not in the input",
		"line 3: modified: chain c seq 4: content does not match its hash",
		"line 4: missing: chain c seq 5: record 5 is not in the input",
	}, got)
}

// TestVerifyProgressAndCancel: Progress sees the lines read every 65536
// lines; a cancelled context stops the verification with its error.
func TestVerifyProgressAndCancel(t *testing.T) {
	f := newForger(t, "c", nil)
	log := cat(f.records(1)[0], strings.Repeat("\n", 200_000), f.records(1)[0])
	var seen []int64
	rep, err := Verify(context.Background(), bytes.NewReader(log), VerifyOptions{Progress: func(n int64) { seen = append(seen, n) }})
	require.NoError(t, err, "%v", rep.Findings)
	require.Equal(t, []int64{65536, 131072, 196608}, seen)
	require.EqualValues(t, 200_002, rep.Lines)
	require.EqualValues(t, 2, rep.Records)

	// Across files, Progress counts the lines of the files before.
	seen = nil
	first := writeTemp(t, "a.log", cat(f.records(1)[0], strings.Repeat("\n", 70_000)))
	second := writeTemp(t, "b.log", cat(f.records(1)[0], strings.Repeat("\n", 70_000)))
	rep, err = VerifyFiles(context.Background(), []string{first, second}, VerifyOptions{Progress: func(n int64) { seen = append(seen, n) }})
	require.Error(t, err, "the chain starts at seq 3")
	require.Equal(t, []int64{65536, 70001 + 65536}, seen)
	require.EqualValues(t, 140_002, rep.Lines)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Verify(ctx, bytes.NewReader(log), VerifyOptions{})
	require.ErrorIs(t, err, context.Canceled)
	var te *TamperedError
	require.False(t, errors.As(err, &te))
	_, err = VerifyFiles(ctx, []string{writeTemp(t, "a.log", log)}, VerifyOptions{})
	require.ErrorIs(t, err, context.Canceled)
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, data, 0o600))
	return p
}

type failingReader struct{ after []byte }

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.after) > 0 {
		n := copy(p, r.after)
		r.after = r.after[n:]
		return n, nil
	}
	return 0, errors.New("device gone")
}

// TestVerifyReadErrors: an input that cannot be read is an error, not a
// report of tampering.
func TestVerifyReadErrors(t *testing.T) {
	f := newForger(t, "c", nil)
	_, err := Verify(context.Background(), &failingReader{after: []byte(f.records(1)[0])}, VerifyOptions{})
	require.ErrorContains(t, err, "slogaudit: verify: reading line 2: device gone")
	_, err = Verify(context.Background(), strings.NewReader(""), VerifyOptions{Checkpoints: &failingReader{}})
	require.ErrorContains(t, err, "reading checkpoints: device gone")
	_, err = VerifyFiles(context.Background(), []string{filepath.Join(t.TempDir(), "absent")}, VerifyOptions{})
	require.ErrorContains(t, err, "slogaudit: verify:")
	_, err = VerifyFiles(context.Background(), nil, VerifyOptions{Checkpoints: &failingReader{}})
	require.ErrorContains(t, err, "reading checkpoints")
}

// TestVerifyFilesAcrossFiles: findings name their file and the line in it;
// Lines counts every file; a chain continues from one file to the next.
func TestVerifyFilesAcrossFiles(t *testing.T) {
	f := newForger(t, "c", nil)
	r := f.records(5)
	a := writeTemp(t, "a.log", cat(r[0], r[1]))
	b := writeTemp(t, "b.log", cat(r[2], "\n", r[4]))
	rep, err := VerifyFiles(context.Background(), []string{a, b}, VerifyOptions{})
	require.Error(t, err)
	require.EqualValues(t, 5, rep.Lines)
	require.EqualValues(t, 4, rep.Records)
	require.Equal(t, []Finding{{File: b, Line: 3, Chain: "c", Seq: 4, Kind: Missing, Detail: "record 4 is not in the input"}}, rep.Findings)

	rep, err = VerifyFiles(context.Background(), []string{a, writeTemp(t, "c.log", cat(r[2], r[3], r[4]))}, VerifyOptions{})
	require.NoError(t, err, "%v", rep.Findings)
	require.Equal(t, ChainSummary{First: 1, Last: 5, Records: 5}, positions(rep.Chains["c"]))
	require.EqualValues(t, 5, rep.Lines)
}

// TestVerifyLineEndingsAndBlankLines: CRLF line ends and blank lines (in
// the log and in the checkpoint file) are not findings; blank lines count
// as lines.
func TestVerifyLineEndingsAndBlankLines(t *testing.T) {
	pub, priv := fixedSigner()
	f := newForger(t, "c", testKey)
	r := f.records(3)
	crlf := strings.ReplaceAll(string(cat(r...)), "\n", "\r\n")
	cps := "\n  \n" + string(f.checkpoint(priv, 3, f.head).MarshalLine()) + "\n"
	rep, err := Verify(context.Background(), strings.NewReader("\n"+crlf+"   \n"), VerifyOptions{
		Key: testKey, PublicKey: pub, Checkpoints: strings.NewReader(cps)})
	require.NoError(t, err, "%v", rep.Findings)
	require.EqualValues(t, 5, rep.Lines)
	require.EqualValues(t, 3, rep.Records)
	require.EqualValues(t, 1, rep.Checks.Signatures.Checked)

	// The line numbers of checkpoint-file findings count the blank lines.
	rep, _ = Verify(context.Background(), strings.NewReader(crlf), VerifyOptions{Checkpoints: strings.NewReader("\n\nnot json\n" + strings.TrimLeft(cps, "\n "))})
	require.Equal(t, []Finding{{File: "checkpoints", Line: 3, Kind: BadCheckpoint, Detail: rep.Findings[0].Detail}}, rep.Findings)
	// A checkpoint file with no checkpoint in it is the wrong file.
	_, err = Verify(context.Background(), strings.NewReader(crlf), VerifyOptions{Checkpoints: strings.NewReader("\n\nnot json\n")})
	require.ErrorIs(t, err, ErrNotCheckpoints)
}

// TestVerifyChecksCheckpointsWithoutPublicKey: without a public key no
// signature is counted as verified, but a checkpoint still bounds the
// chain and still pins the hash at its seq.
func TestVerifyChecksCheckpointsWithoutPublicKey(t *testing.T) {
	_, priv := fixedSigner()
	f := newForger(t, "c", nil)
	r := f.records(3)
	cp := f.checkpoint(priv, 3, f.head)
	cp.Sig[0] ^= 1 // not checked without the key
	in := f.next(inBand(cp, nil))
	rep, err := Verify(context.Background(), bytes.NewReader(cat(r[0], r[1], r[2], in)), VerifyOptions{
		Checkpoints: bytes.NewReader(cp.MarshalLine())})
	require.NoError(t, err, "%v", rep.Findings)
	require.Zero(t, rep.Checks.Signatures.Checked)

	other := f.checkpoint(priv, 2, f.hashes[0])
	rep, err = Verify(context.Background(), bytes.NewReader(cat(r...)), VerifyOptions{Checkpoints: bytes.NewReader(other.MarshalLine())})
	require.Error(t, err)
	require.True(t, hasFinding(rep, BadCheckpoint, 2), "%v", rep.Findings)
}

// TestVerifyLargeGap: a gap wider than the verifier's window is reported
// as the first window of missing records, and memory stays bounded.
func TestVerifyLargeGap(t *testing.T) {
	f := newForger(t, "c", nil)
	first := f.records(1)[0]
	far, _ := f.make(`{"msg":"far"}`, 10_000, chain.Genesis("x"))
	rep, err := Verify(context.Background(), strings.NewReader(first+far), VerifyOptions{})
	require.Error(t, err)
	// One finding for the run, past the records tracked one by one.
	require.Len(t, rep.Findings, 1)
	require.Equal(t, uint64(2), rep.Findings[0].Seq)
	require.Contains(t, rep.Findings[0].Detail, "records 2 to 9999")
	require.Equal(t, Missing, rep.Findings[0].Kind)
}

// TestVerifyLongLineLimit: a line longer than MaxLineBytes stops
// verification with ErrLineTooLong (the input cannot be judged within the
// memory bound; that is not a finding of tampering), with or without a
// final newline; lines within the bound, and any line with no bound, are
// read whole.
func TestVerifyLongLineLimit(t *testing.T) {
	f := newForger(t, "c", nil)
	pad := strings.Repeat("x", 150_000)
	r1 := f.next(`{"msg":"` + pad + `"}`)
	r2 := f.records(1)[0]
	n := len(r1) - 1 // without its newline
	for _, tc := range []struct {
		max     int
		tooLong bool
	}{{n + 1, false}, {n + 100, false}, {n - 1, true}, {1000, true}, {0, false}} {
		for _, last := range []bool{false, true} {
			log := cat(r1, r2)
			if last {
				log = cat(r2, strings.TrimSuffix(r1, "\n"))
			}
			rep, err := Verify(context.Background(), bytes.NewReader(log), VerifyOptions{MaxLineBytes: tc.max})
			if tc.tooLong {
				require.ErrorIs(t, err, ErrLineTooLong, "max %d, last %v", tc.max, last)
				continue
			}
			require.NotErrorIs(t, err, ErrLineTooLong, "max %d, last %v", tc.max, last)
			require.False(t, hasFinding(rep, Malformed, 1) || hasFinding(rep, Malformed, 2), "max %d, last %v: %v", tc.max, last, rep.Findings)
			if !last { // in order; the other order is reported as reordered records
				require.NoError(t, err, "max %d: %v", tc.max, rep.Findings)
			}
		}
	}
}

var _ io.Reader = (*failingReader)(nil)

// TestVerifyManyChainsMemory: the verifier's memory follows the records,
// not a fixed window per chain. An input of 5000 chains of two records
// each (a process restarted without WithChainID starts a chain each time)
// allocated about 1 GB before (4096 remembered records per chain); now a
// chain's memory grows with it.
func TestVerifyManyChainsMemory(t *testing.T) {
	var buf bytes.Buffer
	// The default redactor, built once: building it per handler cost
	// more than the verification the test is about.
	r := redact.Must(redact.Credentials)
	for i := range 5000 {
		h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID(fmt.Sprintf("c%d", i)), WithRedactor(r))
		slog.New(h).Info("x")
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{})
	runtime.ReadMemStats(&after)
	require.NoError(t, err, "%v", rep.Findings)
	require.Len(t, rep.Chains, 5000)
	allocated := after.TotalAlloc - before.TotalAlloc
	require.Less(t, allocated, uint64(300<<20), "%d MB allocated to verify %d KB", allocated>>20, buf.Len()>>10)
}

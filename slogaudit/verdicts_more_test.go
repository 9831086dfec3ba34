package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/slogaudit"
)

// vdKey is the HMAC key of the logs these tests write.
var vdKey = []byte("verdicts-twelve-key-abcdefghijkl")

// vdSigner is the checkpoint key of the logs these tests write.
var vdSigner = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{12}, ed25519.SeedSize))

// vdVerify verifies log with the key, the public key and the checkpoint
// file cps (if any), and returns the findings; any error but a verdict of
// tampering fails the test.
func vdVerify(t *testing.T, log []byte, cps []byte, o slogaudit.VerifyOptions) []slogaudit.Finding {
	t.Helper()
	o.Key, o.PublicKey = vdKey, vdSigner.Public().(ed25519.PublicKey)
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

// vdHas reports whether one of fs is of kind k.
func vdHas(fs []slogaudit.Finding, k slogaudit.FindingKind) bool {
	for _, f := range fs {
		if f.Kind == k {
			return true
		}
	}
	return false
}

// TestClosedSealedChainEndsCovered: Close seals the last epoch after the
// final checkpoint; that seal is the chain's last record, and the
// checkpoint file must cover it, or removing it (or it and the records
// before it up to the last checkpoint) verifies intact.
func TestClosedSealedChainEndsCovered(t *testing.T) {
	for _, writer := range []string{"file", "wrap"} {
		for _, n := range []int{1, 7} {
			t.Run(fmt.Sprintf("%s/%d", writer, n), func(t *testing.T) {
				ctx := context.Background()
				var log, cps bytes.Buffer
				opts := []slogaudit.Option{slogaudit.WithKey("k12", vdKey), slogaudit.WithSigner(vdSigner),
					slogaudit.WithCheckpoints(&cps, 3, 0), slogaudit.WithSealing(0, 2)}
				var h *slogaudit.Handler
				var path string
				if writer == "file" {
					path = filepath.Join(t.TempDir(), "audit.log")
					af, err := slogaudit.OpenFile(path)
					require.NoError(t, err)
					defer af.Close()
					h, err = af.Handler(opts...)
					require.NoError(t, err)
				} else {
					h = slogaudit.Wrap(slog.NewJSONHandler(&log, nil), opts...)
				}
				l := slog.New(h)
				for i := range n {
					l.Info("payment", "n", i, "amount", 0.1*float64(i))
				}
				require.NoError(t, h.Close(ctx))
				if writer == "file" {
					log.Reset()
					b, err := os.ReadFile(path)
					require.NoError(t, err)
					log.Write(b)
				}
				ls := mvLines(log.Bytes())
				require.Contains(t, ls[len(ls)-1], `"audit.seal"`, "Close ends the chain with a seal")
				o := slogaudit.VerifyOptions{Sealed: true, RequireCheckpoints: true}
				require.Empty(t, mvSigns(vdVerify(t, log.Bytes(), cps.Bytes(), o)))

				for cut := 1; cut <= 3; cut++ {
					short := []byte(strings.Join(ls[:len(ls)-cut], ""))
					fs := mvSigns(vdVerify(t, short, cps.Bytes(), o))
					require.True(t, vdHas(fs, slogaudit.Truncated), "the last %d lines removed: %v", cut, fs)
				}
			})
		}
	}
}

// vdFileRecords writes n records of message msg through a File at path,
// and closes it.
func vdFileRecords(t *testing.T, path, msg string, n int) {
	t.Helper()
	af, err := slogaudit.OpenFile(path)
	require.NoError(t, err)
	h, err := af.Handler(slogaudit.WithKey("k12", vdKey))
	require.NoError(t, err)
	l := slog.New(h)
	for i := range n {
		l.Info(msg, "n", i, "share", 1.0/3)
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
}

// vdCrash appends a fragment of a record to the log at path, as a crash
// mid-write leaves it.
func vdCrash(t *testing.T, path, fragment string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.WriteString(fragment)
	require.NoError(t, err)
	require.NoError(t, f.Close())
}

// TestCopiedStartDoesNotUnnameItsTornLine: an audit.start that names a
// torn line, copied to a later place, is one duplicated record; the torn
// line it names is still there, before it. Two crashes that leave the
// same bytes are two fragments: the removal of the second is still
// reported, named by the second start.
func TestCopiedStartDoesNotUnnameItsTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	vdFileRecords(t, path, "first run", 3)
	vdCrash(t, path, `{"audit":{"chain":"`)
	vdFileRecords(t, path, "second run", 2)
	vdCrash(t, path, `{"audit":{"chain":"`)
	vdFileRecords(t, path, "third run", 2)
	log, err := os.ReadFile(path)
	require.NoError(t, err)
	ls := mvLines(log)
	var torn, starts []int // 0-based
	for i, l := range ls {
		if !strings.HasSuffix(l, "}\n") {
			torn = append(torn, i)
		}
		if strings.Contains(l, `"torn":{`) {
			starts = append(starts, i)
		}
	}
	require.Len(t, torn, 2)
	require.Equal(t, []int{torn[0] + 1, torn[1] + 1}, starts, "each start names the torn line before it")
	require.Empty(t, mvSigns(vdVerify(t, log, nil, slogaudit.VerifyOptions{})))

	for _, s := range starts {
		for at := s + 1; at <= len(ls); at++ {
			copied := append(append(append([]string{}, ls[:at]...), ls[s]), ls[at:]...)
			signs := mvSigns(vdVerify(t, []byte(strings.Join(copied, "")), nil, slogaudit.VerifyOptions{}))
			require.Len(t, signs, 1, "start on line %d copied to line %d: %v", s+1, at+1, signs)
			require.Equal(t, slogaudit.Duplicated, signs[0].Kind, "%v", signs)
			require.Equal(t, int64(at+1), signs[0].Line)
		}
	}

	// The second fragment, the same bytes as the first, removed.
	without := append(append([]string{}, ls[:torn[1]]...), ls[torn[1]+1:]...)
	signs := mvSigns(vdVerify(t, []byte(strings.Join(without, "")), nil, slogaudit.VerifyOptions{}))
	require.Len(t, signs, 1, "%v", signs)
	require.Equal(t, slogaudit.Missing, signs[0].Kind)
	require.Contains(t, signs[0].Detail, "incomplete line that this audit.start names")
}

// TestCheckpointsSkippedSaysWhy: a checkpoint file whose checkpoints all
// fail their signatures compared nothing, and the report says that, not
// that the file held no checkpoint.
func TestCheckpointsSkippedSaysWhy(t *testing.T) {
	var log, cps bytes.Buffer
	h := slogaudit.Wrap(slog.NewJSONHandler(&log, nil), slogaudit.WithKey("k12", vdKey),
		slogaudit.WithSigner(vdSigner), slogaudit.WithCheckpoints(&cps, 2, 0))
	for i := range 5 {
		slog.New(h).Info("refund", "n", i)
	}
	require.NoError(t, h.Close(context.Background()))
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{21}, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	for _, c := range []struct {
		name string
		cps  []byte
		pub  ed25519.PublicKey
		want string
	}{
		{"right key", cps.Bytes(), nil, ""},
		{"wrong key", cps.Bytes(), other, slogaudit.SkippedUnsignedCheckpoints},
		{"empty file", []byte{}, nil, slogaudit.SkippedEmptyCheckpoints},
		{"empty file, wrong key", []byte{}, other, slogaudit.SkippedEmptyCheckpoints},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := slogaudit.VerifyOptions{Key: vdKey, PublicKey: vdSigner.Public().(ed25519.PublicKey), Checkpoints: bytes.NewReader(c.cps)}
			if c.pub != nil {
				o.PublicKey = c.pub
			}
			rep, _ := slogaudit.Verify(context.Background(), bytes.NewReader(log.Bytes()), o)
			require.Equal(t, c.want, rep.Checks.Checkpoints.Skipped)
			for id, sum := range rep.Chains {
				require.Equal(t, c.want, sum.Checks.Checkpoints.Skipped, id)
			}
		})
	}
}

// TestRemovedBeyondRetentionNamesOnlyTheRest: retention removed the oldest
// rotated files and said so; a file after them removed too is reported
// as its own records missing, and the records retention removed stay
// information, as the retention record states.
func TestRemovedBeyondRetentionNamesOnlyTheRest(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(900), slogaudit.WithRetention(time.Hour))
	require.NoError(t, err)
	h, err := af.Handler(slogaudit.WithKey("k12", vdKey), slogaudit.WithChainID("kept"))
	require.NoError(t, err)
	l := slog.New(h)
	for i := range 14 {
		l.Info("invoice", "n", i, "total", 19.99)
	}
	removed, err := af.Prune(context.Background(), time.Now().Add(2*time.Hour))
	require.NoError(t, err)
	require.NotEmpty(t, removed)
	for i := range 6 {
		l.Info("invoice", "n", 100+i, "total", 5e-324)
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	files, err := slogaudit.RotatedFiles(path)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 3)

	verify := func(files []string) []slogaudit.Finding {
		rep, err := slogaudit.VerifyFiles(context.Background(), files, slogaudit.VerifyOptions{Key: vdKey})
		if err != nil {
			var te *slogaudit.TamperedError
			require.ErrorAs(t, err, &te)
		}
		return rep.Findings
	}
	all := verify(files)
	require.Empty(t, mvSigns(all), "%v", all)
	require.True(t, vdHas(all, slogaudit.Pruned), "%v", all)
	var prunedTo uint64
	_, err = fmt.Sscanf(all[0].Detail, "records 1 to %d were removed by retention", &prunedTo)
	require.NoError(t, err, all[0].Detail)

	// The oldest file left, removed as well: its records are missing, the
	// ones before it pruned.
	fs := verify(files[1:])
	signs := mvSigns(fs)
	require.Len(t, signs, 1, "%v", fs)
	require.Equal(t, slogaudit.Missing, signs[0].Kind)
	require.Equal(t, prunedTo+1, signs[0].Seq, "%v", signs[0])
	require.Contains(t, signs[0].Detail, fmt.Sprintf("records %d to ", prunedTo+1))
	require.True(t, vdHas(fs, slogaudit.Pruned), "%v", fs)
}

// TestTruncatedChainIsNotUncovered: with RequireCheckpoints, a chain cut
// before its first checkpoint's record is truncated, as the checkpoints
// say; it is not also "uncovered" (no checkpoint covers it), which is
// said of a chain the checkpoint file knows nothing of.
func TestTruncatedChainIsNotUncovered(t *testing.T) {
	var log, cps, otherLog, otherCPs bytes.Buffer
	for _, w := range []struct{ log, cps *bytes.Buffer }{{&log, &cps}, {&otherLog, &otherCPs}} {
		h := slogaudit.Wrap(slog.NewJSONHandler(w.log, nil), slogaudit.WithKey("k12", vdKey),
			slogaudit.WithSigner(vdSigner), slogaudit.WithCheckpoints(w.cps, 4, 0))
		for i := range 10 {
			slog.New(h).Info("shipment", "n", i, "weight", 1e21)
		}
		require.NoError(t, h.Close(context.Background()))
	}
	o := slogaudit.VerifyOptions{RequireCheckpoints: true}
	ls := mvLines(log.Bytes())
	for keep := 1; keep <= 3; keep++ {
		fs := vdVerify(t, []byte(strings.Join(ls[:keep], "")), cps.Bytes(), o)
		require.True(t, vdHas(fs, slogaudit.Truncated), "%v", fs)
		require.False(t, vdHas(fs, slogaudit.Uncovered), "first %d lines: %v", keep, fs)
	}
	// The checkpoints of another log: this chain is uncovered.
	fs := vdVerify(t, log.Bytes(), otherCPs.Bytes(), o)
	require.True(t, vdHas(fs, slogaudit.Uncovered), "%v", fs)
}

// TestAuditMemberInsideGroupIsNamed: Wrap over a JSON handler that has a
// group open writes every audit member inside that group. Such lines are
// not "inserted, not written by slogaudit": the verifier names the group
// and the record, and says what to change.
func TestAuditMemberInsideGroupIsNamed(t *testing.T) {
	for _, groups := range [][]string{{"app"}, {"svc", "req"}} {
		var log bytes.Buffer
		var jh slog.Handler = slog.NewJSONHandler(&log, nil)
		for _, g := range groups {
			jh = jh.WithGroup(g)
		}
		h := slogaudit.Wrap(jh, slogaudit.WithKey("k12", vdKey))
		slog.New(h).Info("grouped", "n", 1)
		require.NoError(t, h.Close(context.Background()))

		rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(log.Bytes()), slogaudit.VerifyOptions{Key: vdKey})
		require.ErrorIs(t, err, slogaudit.ErrNoRecords)
		require.Len(t, rep.Findings, 3, "%v", rep.Findings)
		for i, f := range rep.Findings {
			require.Equal(t, slogaudit.Malformed, f.Kind, "%v", f)
			require.Equal(t, uint64(i+1), f.Seq)
			require.Equal(t, h.Head().Chain, f.Chain)
			require.Contains(t, f.Detail, fmt.Sprintf("inside group %q", strings.Join(groups, ".")))
		}
		require.Contains(t, err.Error(), "WithGroup")
	}
	// A line without an audit member anywhere is still inserted.
	rep, _ := slogaudit.Verify(context.Background(), strings.NewReader(`{"msg":"x","g":{"h":{"audit":{"seq":"one"}}}}`+"\n"), slogaudit.VerifyOptions{})
	require.Len(t, rep.Findings, 1)
	require.Equal(t, slogaudit.Inserted, rep.Findings[0].Kind)
}

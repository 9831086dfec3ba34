package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// positions keeps only where a chain starts and ends and how many records
// it holds, for tests about the chain's shape.
func positions(s ChainSummary) ChainSummary {
	return ChainSummary{First: s.First, Last: s.Last, Records: s.Records}
}

// writeLog returns the lines (with newlines) of a log of a start record, n
// records and a stop record.
func writeLog(t *testing.T, n int, opts ...Option) []string {
	t.Helper()
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), opts...)
	for i := range n {
		slog.New(h).Info("event", "i", i)
	}
	require.NoError(t, h.Close(context.Background()))
	return splitLines(buf.Bytes())
}

// splitLines splits a log into lines, each with its newline.
func splitLines(b []byte) []string {
	ls := strings.SplitAfter(string(b), "\n")
	if ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

var macRE = regexp.MustCompile(`"mac":"[0-9a-f]{64}"`)

// badMAC replaces the MAC of a line with a well-formed wrong one.
func badMAC(line string) string {
	return macRE.ReplaceAllString(line, `"mac":"`+strings.Repeat("0", 64)+`"`)
}

func verifyLines(ls []string, o VerifyOptions) (Report, error) {
	return Verify(context.Background(), strings.NewReader(strings.Join(ls, "")), o)
}

func kinds(rep Report) map[FindingKind]int {
	out := map[FindingKind]int{}
	for _, f := range rep.Findings {
		out[f.Kind]++
	}
	return out
}

func TestReportSaysWhatRan(t *testing.T) {
	f := newFixture(t, 5) // 8 lines: start, 5, stop, checkpoint
	rep, err := verifyWith(f, f.log, true, f.checkpoints)
	require.NoError(t, err)
	want := Checks{
		Hashes:      Check{Checked: 8},
		MACs:        Check{Checked: 8},
		Checkpoints: Check{Checked: 1},
		Signatures:  Check{Checked: 2},
	}
	require.Equal(t, want, rep.Checks)
	require.Equal(t, want, rep.Chains["app"].Checks, "one chain: its checks are the total")
	require.EqualValues(t, 8, rep.Chains["app"].Covered)

	rep, err = Verify(context.Background(), bytes.NewReader(f.log), VerifyOptions{})
	require.NoError(t, err)
	require.True(t, rep.Intact(), "intact as far as checked")
	require.Equal(t, Checks{
		Hashes:      Check{Checked: 8},
		MACs:        Check{Skipped: SkippedNoKey},
		Checkpoints: Check{Skipped: SkippedNoCheckpoints},
		Signatures:  Check{Skipped: SkippedNoPublicKey},
	}, rep.Checks)
	require.False(t, rep.Checks.MACs.Ran())
	require.True(t, rep.Checks.Hashes.Ran())

	// Two chains in one input: per chain and in total.
	a := writeLog(t, 2, WithChainID("a"), WithKey("k1", testKey))
	b := writeLog(t, 3, WithChainID("b"), WithKey("k1", testKey))
	rep, err = verifyLines(append(a, b...), VerifyOptions{Key: testKey})
	require.NoError(t, err)
	require.EqualValues(t, 4, rep.Chains["a"].Checks.MACs.Checked)
	require.EqualValues(t, 5, rep.Chains["b"].Checks.MACs.Checked)
	require.EqualValues(t, 9, rep.Checks.MACs.Checked)
	require.EqualValues(t, 9, rep.Checks.Hashes.Checked)
}

func TestCoveredIsTheNewestCheckpointedRecord(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	var log, cps bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&log, nil), WithChainID("c"), WithSigner(priv), WithCheckpoints(&cps, 4, 0))
	for i := range 6 {
		slog.New(h).Info("e", "i", i)
	}
	// Not closed: the records after the last checkpoint are not covered.
	rep, err := Verify(context.Background(), &log, VerifyOptions{PublicKey: pub, Checkpoints: &cps})
	require.NoError(t, err, "%v", rep.Findings)
	s := rep.Chains["c"]
	require.EqualValues(t, 5, s.Covered) // 4 records, then the checkpoint record, signed in the file
	require.EqualValues(t, 8, s.Last)
}

func TestNoRecordsIsNeverIntact(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", "the input is empty"},
		{"blank lines", "\n\n  \n", "the input is empty"},
		{"text", "hello\nworld\n", "no line of the input is an audit record"},
		{"JSON without audit members", `{"msg":"a"}` + "\n" + `{"msg":"b"}` + "\n", "no line of the input is an audit record"},
		{"only a torn line", `{"msg":"a","aud`, "no line of the input is an audit record"},
		{"an unknown format version", strings.Replace(writeLog(t, 0, WithChainID("c"))[0], `"v":2`, `"v":9`, 1), "unsupported audit format version 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Verify(context.Background(), strings.NewReader(tc.in), VerifyOptions{})
			require.ErrorIs(t, err, ErrNoRecords)
			require.ErrorContains(t, err, tc.want)
			require.False(t, rep.Intact())
		})
	}
	t.Run("empty, but a checkpoint shows records", func(t *testing.T) {
		f := newFixture(t, 2)
		rep, err := verifyWith(f, nil, true, f.checkpoints)
		var te *TamperedError
		require.ErrorAs(t, err, &te)
		require.Equal(t, map[FindingKind]int{Truncated: 1}, kinds(rep))
	})
}

func TestWrongKeyIsOneFinding(t *testing.T) {
	f := newFixture(t, 20)
	other := []byte("another key of 32 bytes, wrong!!")
	rep, err := Verify(context.Background(), bytes.NewReader(f.log), VerifyOptions{Key: other, PublicKey: f.pub, Checkpoints: bytes.NewReader(f.checkpoints)})
	require.Error(t, err)
	require.Equal(t, map[FindingKind]int{BadMAC: 1}, kinds(rep), "%v", rep.Findings)
	require.Contains(t, rep.Findings[0].Detail, `none of the 23 MACs by key id "k1" verifies: the key is probably wrong`)
	require.EqualValues(t, 23, rep.Chains["app"].Records, "the chain is still followed")
	require.EqualValues(t, Check{Checked: 23, Failed: 23}, rep.Checks.MACs)

	rep, _ = Verify(context.Background(), bytes.NewReader(f.log), VerifyOptions{Key: testKey, PublicKey: ed25519.PublicKey(other), Checkpoints: bytes.NewReader(f.checkpoints)})
	require.Equal(t, map[FindingKind]int{BadCheckpoint: 1}, kinds(rep), "%v", rep.Findings)
	require.Contains(t, rep.Findings[0].Detail, "none of the 2 checkpoint signatures verifies with the public key: the public key is probably wrong")

	// Two key ids, one key right, one wrong: one finding for the wrong one.
	a := writeLog(t, 3, WithChainID("a"), WithKey("k1", testKey))
	b := writeLog(t, 3, WithChainID("b"), WithKey("k2", testKey))
	rep, _ = verifyLines(append(a, b...), VerifyOptions{Keys: map[string][]byte{"k1": testKey, "k2": other}})
	require.Equal(t, map[FindingKind]int{BadMAC: 1}, kinds(rep), "%v", rep.Findings)
	require.Contains(t, rep.Findings[0].Detail, `key id "k2"`)
}

// TestSomeMACsFail: when a MAC of the key verifies, each failure is its own
// finding, those before the first success included.
func TestSomeMACsFail(t *testing.T) {
	ls := writeLog(t, 6, WithChainID("c"), WithKey("k1", testKey))
	ls[1], ls[2], ls[5] = badMAC(ls[1]), badMAC(ls[2]), badMAC(ls[5])
	rep, err := verifyLines(ls, VerifyOptions{Key: testKey})
	require.Error(t, err)
	require.Equal(t, map[FindingKind]int{BadMAC: 3}, kinds(rep), "%v", rep.Findings)
	for _, line := range []int64{2, 3, 6} {
		require.True(t, hasFinding(rep, BadMAC, line), "line %d: %v", line, rep.Findings)
	}

	// More failures before the first success than are held: the rest is
	// counted in one more finding.
	ls = writeLog(t, maxHeld+20, WithChainID("c"), WithKey("k1", testKey))
	for i := range maxHeld + 10 {
		ls[i] = badMAC(ls[i])
	}
	rep, _ = verifyLines(ls, VerifyOptions{Key: testKey})
	require.Equal(t, map[FindingKind]int{BadMAC: maxHeld + 1}, kinds(rep))
	require.Contains(t, rep.Findings[maxHeld].Detail, "10 more failures")
}

func TestMissingMACs(t *testing.T) {
	ls := writeLog(t, 3, WithChainID("c")) // no key
	rep, _ := verifyLines(ls, VerifyOptions{Key: testKey})
	require.Equal(t, map[FindingKind]int{BadMAC: 1}, kinds(rep), "%v", rep.Findings)
	require.Contains(t, rep.Findings[0].Detail, "none of the 5 records carries a MAC")

	ls = writeLog(t, 3, WithChainID("c"), WithKey("k1", testKey))
	ls[2] = strings.Replace(macRE.ReplaceAllString(ls[2], ""), `,,`, `,`, 1)
	ls[2] = strings.Replace(ls[2], `,"key":"k1"`, ``, 1)
	require.NotContains(t, ls[2], `"mac"`)
	rep, _ = verifyLines(ls, VerifyOptions{Key: testKey})
	require.True(t, hasFinding(rep, BadMAC, 3), "%v", rep.Findings)
	require.Equal(t, "record has no MAC", rep.Findings[0].Detail)
}

func TestUnknownKeyID(t *testing.T) {
	a := writeLog(t, 2, WithChainID("a"), WithKey("k1", testKey))
	b := writeLog(t, 2, WithChainID("b"), WithKey("k2", testKey))
	rep, err := verifyLines(append(a, b...), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	require.Error(t, err)
	require.Equal(t, map[FindingKind]int{UnknownKey: 1}, kinds(rep), "%v", rep.Findings)
	require.Contains(t, rep.Findings[0].Detail, `4 records carry MACs by key id "k2"`)
	require.EqualValues(t, Check{Checked: 4, Unchecked: 4}, rep.Checks.MACs)
}

func TestTornTail(t *testing.T) {
	f := newFixture(t, 5) // 8 lines
	ls := splitLines(f.log)
	torn := strings.Join(ls[:7], "") + ls[7][:30]

	rep, err := Verify(context.Background(), strings.NewReader(torn), VerifyOptions{Key: testKey})
	require.NoError(t, err, "a crash is not tampering")
	require.Equal(t, map[FindingKind]int{TornTail: 1}, kinds(rep))
	require.True(t, hasFinding(rep, TornTail, 8))
	require.True(t, rep.Intact())

	// Closed by a newline (a reopened file) but nothing after it: the same.
	rep, err = Verify(context.Background(), strings.NewReader(torn+"\n"), VerifyOptions{Key: testKey})
	require.NoError(t, err)
	require.True(t, hasFinding(rep, TornTail, 8))

	// A checkpoint kept apart shows that the torn record was written whole.
	rep, err = verifyWith(f, []byte(torn), true, f.checkpoints)
	require.Error(t, err)
	require.True(t, hasFinding(rep, Truncated, 8), "%v", rep.Findings) // the torn line, the last

	// A malformed line with a record after it stays malformed.
	mid := strings.Join(ls[:3], "") + ls[3][:30] + "\n" + strings.Join(ls[4:], "")
	rep, err = Verify(context.Background(), strings.NewReader(mid), VerifyOptions{Key: testKey})
	require.Error(t, err)
	require.True(t, hasFinding(rep, Malformed, 4), "%v", rep.Findings)
}

// TestTornLineAcrossFiles: a crash at the end of a rotated file, named by
// the audit.start at the top of the next file, is not tampering.
func TestTornLineAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	first := writeLog(t, 2, WithChainID("c"))
	frag := `{"time":"2026-01-01T00:00:00Z","msg":"half`
	p1 := filepath.Join(dir, "audit.log.000001")
	require.NoError(t, os.WriteFile(p1, []byte(strings.Join(first, "")+frag+"\n"), 0o600))
	// The next run resumes the chain in a new file and names the fragment.
	af, err := OpenFile(p1)
	require.NoError(t, err)
	head := af.Heads()["c"]
	require.NoError(t, af.Close())
	sum := sha256.Sum256([]byte(frag))
	torn := TornLine{Bytes: len(frag), SHA256: hex.EncodeToString(sum[:])}
	var next bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&next, nil), WithResume(head), WithTorn(torn))
	slog.New(h).Info("after")
	require.NoError(t, h.Close(context.Background()))
	p2 := filepath.Join(dir, "audit.log")
	require.NoError(t, os.WriteFile(p2, next.Bytes(), 0o600))

	rep, err := VerifyFiles(context.Background(), []string{p1, p2}, VerifyOptions{})
	require.NoError(t, err, "%v", rep.Findings)
	require.Equal(t, map[FindingKind]int{Torn: 1, Restart: 1}, kinds(rep), "%v", rep.Findings)
	require.Equal(t, p1, rep.Findings[0].File, "findings sort by file, then line")
}

func TestRequiredChecks(t *testing.T) {
	f := newFixture(t, 2)
	_, err := Verify(context.Background(), bytes.NewReader(f.log), VerifyOptions{RequireMAC: true})
	require.ErrorIs(t, err, ErrRequiredCheck)
	require.ErrorContains(t, err, "MACs need a key")
	_, err = Verify(context.Background(), bytes.NewReader(f.log), VerifyOptions{RequireCheckpoints: true, Checkpoints: bytes.NewReader(nil)})
	require.ErrorIs(t, err, ErrRequiredCheck)
	require.ErrorContains(t, err, "public key")

	rep, err := Verify(context.Background(), bytes.NewReader(f.log), VerifyOptions{RequireMAC: true, RequireCheckpoints: true,
		Key: testKey, PublicKey: f.pub, Checkpoints: bytes.NewReader(f.checkpoints)})
	require.NoError(t, err, "%v", rep.Findings)

	// A chain that no checkpoint covers fails when checkpoints are required.
	other := writeLog(t, 2, WithChainID("other"), WithKey("k1", testKey))
	both := append(splitLines(f.log), other...)
	rep, err = verifyLines(both, VerifyOptions{RequireCheckpoints: true, Key: testKey, PublicKey: f.pub, Checkpoints: bytes.NewReader(f.checkpoints)})
	require.Error(t, err)
	require.Equal(t, map[FindingKind]int{Uncovered: 1}, kinds(rep), "%v", rep.Findings)
	require.Equal(t, "other", rep.Findings[0].Chain)
	rep, err = verifyLines(both, VerifyOptions{Key: testKey, PublicKey: f.pub, Checkpoints: bytes.NewReader(f.checkpoints)})
	require.NoError(t, err, "without the requirement an uncovered chain is only reported as such")
	require.Zero(t, rep.Chains["other"].Covered)
}

func TestFindingString(t *testing.T) {
	for _, tc := range []struct {
		f    Finding
		want string
	}{
		{Finding{File: "a.log", Line: 3, Chain: "c1", Seq: 7, Kind: Modified, Detail: "d"}, "a.log:3: modified: chain c1 seq 7: d"},
		{Finding{Line: 3, Kind: Malformed, Detail: "d"}, "line 3: malformed: d"},
		{Finding{File: "a.log", Kind: Uncovered, Chain: "c1", Detail: "d"}, "a.log: uncovered: chain c1: d"},
		{Finding{Kind: Uncovered, Chain: "two words", Detail: "d"}, `uncovered: chain "two words": d`},
		{Finding{File: "cp", Line: 1, Kind: BadCheckpoint, Detail: "d"}, "cp:1: bad-checkpoint: d"},
	} {
		require.Equal(t, tc.want, tc.f.String())
	}
	require.Equal(t, `""`, showChain(""))
	err := (&TamperedError{Report: Report{Findings: []Finding{{Line: 1, Kind: Modified, Detail: "d"}}}}).Error()
	require.Equal(t, "slogaudit: verification failed: 1 finding, first: line 1: modified: d", err)
	require.True(t, errors.Is(fmt.Errorf("x: %w", ErrNoRecords), ErrNoRecords))
}

// FuzzVerifyReport: on any input and checkpoint file the verifier does not
// panic, an intact report has records, and the totals are the sums of the
// chains' checks.
func FuzzVerifyReport(f *testing.F) {
	fx := newFixture(f, 3)
	ls := splitLines(fx.log)
	f.Add(fx.log, fx.checkpoints)
	f.Add([]byte(strings.Join(ls[:4], "")+ls[4][:20]), fx.checkpoints)
	f.Add([]byte(badMAC(string(fx.log))), []byte{})
	f.Add([]byte(strings.Replace(string(fx.log), `"v":2`, `"v":1`, -1)), fx.checkpoints[:40])
	f.Add([]byte{}, fx.checkpoints)
	f.Fuzz(func(t *testing.T, log, cps []byte) {
		rep, err := Verify(context.Background(), bytes.NewReader(log), VerifyOptions{
			Key: testKey, PublicKey: fx.pub, Checkpoints: bytes.NewReader(cps), MaxLineBytes: 4096})
		if rep.Intact() && (rep.Records == 0 || err != nil) {
			t.Fatalf("intact with %d records, error %v", rep.Records, err)
		}
		var sum Checks
		for _, s := range rep.Chains {
			sum.add(s.Checks)
		}
		sum.skip(VerifyOptions{Key: testKey, PublicKey: fx.pub, Checkpoints: bytes.NewReader(nil)})
		if len(rep.Chains) > 0 && sum.Checkpoints.Ran() && sum.Checkpoints.Checked == 0 {
			sum.Checkpoints.Skipped = SkippedEmptyCheckpoints // a checkpoint file with none of these chains' checkpoints
		}
		if sum != rep.Checks {
			t.Fatalf("totals %+v are not the sums %+v", rep.Checks, sum)
		}
		for _, c := range []Check{rep.Checks.Hashes, rep.Checks.MACs, rep.Checks.Checkpoints, rep.Checks.Signatures} {
			if c.Failed > c.Checked {
				t.Fatalf("%+v: more failed than checked", c)
			}
		}
		if rep.Checks.Hashes.Checked != rep.Records {
			t.Fatalf("%d records but %d hashes checked", rep.Records, rep.Checks.Hashes.Checked)
		}
	})
}

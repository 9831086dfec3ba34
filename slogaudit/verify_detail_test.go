package slogaudit

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/stretchr/testify/require"
)

// TestTornTailDetailSaysWhetherTheLineEnded guards what the torn-tail
// finding says about a last line that is the start of a record: without a
// final newline the writer stopped mid-record; with one, a writer stopped,
// reopened and wrote nothing after it.
func TestTornTailDetailSaysWhetherTheLineEnded(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	ls := lines(f.log)
	fragment := ls[1][:len(ls[1])/2] // the start of a record
	for _, tc := range []struct {
		tail, want string
	}{
		{fragment, "no newline"},
		{fragment + "\n", "reopened and wrote nothing after it"},
	} {
		log := strings.Join(ls, "")
		if !strings.HasSuffix(log, "\n") {
			log += "\n"
		}
		log += tc.tail
		rep, _ := Verify(context.Background(), strings.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": f.key}})
		var torn []Finding
		for _, fd := range rep.Findings {
			if fd.Kind == TornTail {
				torn = append(torn, fd)
			}
		}
		require.Len(t, torn, 1, "%v", rep.Findings)
		require.Contains(t, torn[0].Detail, tc.want)
		require.Equal(t, int64(len(ls)+1), torn[0].Line)
	}
}

// TestLineTooLongNamesItsLine guards the line number in ErrLineTooLong's
// message, for a line shorter than the read buffer: the line that is too
// long, counted from 1.
func TestLineTooLongNamesItsLine(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	ls := lines(f.log)
	log := ls[0] + ls[1] + `{"msg":"` + strings.Repeat("x", 600) + "\"}\n" + ls[2]
	_, err := Verify(context.Background(), strings.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": f.key}, MaxLineBytes: 500})
	require.ErrorIs(t, err, ErrLineTooLong)
	require.Contains(t, err.Error(), " line 3: ")
}

// TestGluedLastLineIsMalformed guards the test that tells a torn last line
// from an edited one: a whole object followed by the start of another is
// no prefix of a record that a writer stopped in (every record ends with
// its newline), so it is malformed, not torn.
func TestGluedLastLineIsMalformed(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	ls := lines(f.log)
	log := strings.Join(ls, "")
	if !strings.HasSuffix(log, "\n") {
		log += "\n"
	}
	log += strings.TrimSuffix(ls[1], "\n") + ls[2][:len(ls[2])/2]
	rep, err := Verify(context.Background(), strings.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": f.key}})
	require.Error(t, err)
	last := rep.Findings[len(rep.Findings)-1]
	require.Equal(t, Malformed, last.Kind, "%v", rep.Findings)
	require.Equal(t, int64(len(ls)+1), last.Line)
}

// TestInvalidUTF8NamesItsByte guards the byte that a v2 line's invalid
// UTF-8 finding names: the offending byte, counted from 1.
func TestInvalidUTF8NamesItsByte(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	ls := lines(f.log)
	i := strings.Index(ls[1], `"msg":"`) + len(`"msg":"`)
	require.Greater(t, i, len(`"msg":"`))
	ls[1] = ls[1][:i] + "\xff" + ls[1][i+1:]
	rep, err := Verify(context.Background(), strings.NewReader(strings.Join(ls, "")), VerifyOptions{Keys: map[string][]byte{"k1": f.key}})
	require.Error(t, err)
	var found bool
	for _, fd := range rep.Findings {
		if fd.Kind == Modified && fd.Line == 2 {
			require.Contains(t, fd.Detail, fmt.Sprintf("invalid UTF-8 at byte %d:", i+1))
			found = true
		}
	}
	require.True(t, found, "%v", rep.Findings)
}

// TestAuditEpochBound guards the range of a record's epoch: MaxEpoch is
// the last epoch a record may name, not the first refused.
func TestAuditEpochBound(t *testing.T) {
	const h = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"
	for _, tc := range []struct {
		epoch uint64
		ok    bool
	}{{chain.MaxEpoch - 1, true}, {chain.MaxEpoch, true}, {chain.MaxEpoch + 1, false}} {
		member := fmt.Sprintf(`{"chain":"f","epoch":%d,"hash":"%s","key":"k1","mac":"%s","prev":"%s","seq":1,"v":2}`, tc.epoch, h, h, h)
		a, err := chain.Parse([]byte(member))
		require.NoError(t, err)
		rec, err := parseAudit(a)
		if !tc.ok {
			require.Error(t, err, "epoch %d", tc.epoch)
			continue
		}
		require.NoError(t, err, "epoch %d", tc.epoch)
		require.Equal(t, tc.epoch, rec.epoch)
	}
}

// TestMissingWindowCountsOnlyMissingRecords guards the window of missing
// records the verifier tracks one by one: only the records of a gap take
// its places, not the record after the gap, so a gap that the window still
// holds after 4,095 others is reported record by record.
func TestMissingWindowCountsOnlyMissingRecords(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("w")))
	for i := range window + 3 {
		l.Info("m", "i", i)
	}
	ls := lines(buf.Bytes())
	require.Equal(t, window+4, len(ls), "audit.start and the records")
	// Keep seq 1, drop seqs 2 to 4096 (4,095 records), keep 4097, drop
	// 4098, keep 4099.
	in := ls[0] + ls[window] + ls[window+2]
	rep, err := Verify(context.Background(), strings.NewReader(in), VerifyOptions{})
	require.Error(t, err)
	last := rep.Findings[len(rep.Findings)-1]
	require.Equal(t, Missing, last.Kind)
	require.Equal(t, uint64(window+2), last.Seq)
	require.Equal(t, fmt.Sprintf("record %d is not in the input", window+2), last.Detail)
}

// TestFindingsInInputOrder guards the order of a report's findings: the
// checkpoint file's first (it is read before the logs), then each log file
// in the order given, each by line.
func TestFindingsInInputOrder(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	ls := lines(f.log)
	ls[1] = strings.Replace(ls[1], `"actor":"u1"`, `"actor":"u2"`, 1) // modified, in the first file
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.log"), filepath.Join(dir, "b.log")
	require.NoError(t, os.WriteFile(first, []byte(strings.Join(ls[:4], "")), 0o600))
	require.NoError(t, os.WriteFile(second, []byte(strings.Join(ls[4:], "")), 0o600))
	cps := string(f.checkpoints) + "not a checkpoint\n"
	rep, err := VerifyFiles(context.Background(), []string{first, second}, VerifyOptions{
		Keys: map[string][]byte{"k1": f.key}, PublicKey: f.pub, Checkpoints: strings.NewReader(cps),
	})
	require.Error(t, err)
	var files []string
	for _, fd := range rep.Findings {
		if len(files) == 0 || files[len(files)-1] != fd.File {
			files = append(files, fd.File)
		}
	}
	require.GreaterOrEqual(t, len(files), 2, "%v", rep.Findings)
	require.NotEqual(t, first, files[0], "%v", rep.Findings)
	require.NotEqual(t, second, files[0], "%v", rep.Findings)
	require.Equal(t, first, files[1], "%v", rep.Findings)
}

// TestGapRecordRangeBound guards the range an audit.gap record may
// declare: records lost before it, so its range ends below its own seq.
func TestGapRecordRangeBound(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("g")))
	for i := range 4 {
		l.Info("m", "i", i)
	}
	ls := lines(buf.Bytes())
	for _, tc := range []struct {
		to        float64
		malformed bool
	}{{3, false}, {4, true}} { // the record edited is seq 4
		edited := append([]string{}, ls...)
		edited[3] = forge(t, ls[3], func(m map[string]any) {
			m["msg"] = MsgGap
			m["lost"] = []any{map[string]any{"from": 3.0, "to": tc.to, "reason": "queue full"}}
		}, true)
		rep, _ := Verify(context.Background(), strings.NewReader(strings.Join(edited, "")), VerifyOptions{})
		got := false
		for _, fd := range rep.Findings {
			got = got || fd.Kind == Malformed && strings.Contains(fd.Detail, "invalid range")
		}
		require.Equal(t, tc.malformed, got, "to=%v: %v", tc.to, rep.Findings)
	}
}

// TestDeclaredGapBeyondTheWindow guards a gap longer than the records
// tracked one by one: the rest of it, declared lost by an audit.gap record
// whose range ends exactly where the gap does, is a declared gap, not
// missing records.
func TestDeclaredGapBeyondTheWindow(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("d")))
	for i := range window + 4 {
		l.Info("m", "i", i)
	}
	ls := lines(buf.Bytes())
	last := window + 4 // ls[last] is seq last+1; seqs 2 to last are dropped
	gap := forge(t, ls[last], func(m map[string]any) {
		m["msg"] = MsgGap
		m["lost"] = []any{map[string]any{"from": 2.0, "to": float64(last), "reason": "queue full"}}
	}, true)
	rep, err := Verify(context.Background(), strings.NewReader(ls[0]+gap), VerifyOptions{})
	require.NoError(t, err, "%v", rep.Findings)
	for _, fd := range rep.Findings {
		require.NotEqual(t, Missing, fd.Kind, "%v", fd)
	}
	end := rep.Findings[len(rep.Findings)-1]
	require.Equal(t, Gap, end.Kind)
	require.Contains(t, end.Detail, fmt.Sprintf("to %d lost by the writer", last))
}

// TestRequiredCheckpointsOnlyForChainsWithRecords guards the Uncovered
// check: a chain that the checkpoint file names but the input holds no
// record of is not reported uncovered.
func TestRequiredCheckpointsOnlyForChainsWithRecords(t *testing.T) {
	v1, v2 := readFixture(t, "testdata/v1"), readFixture(t, "testdata/v2")
	rep, _ := Verify(context.Background(), strings.NewReader(string(v2.log)), VerifyOptions{
		Keys: map[string][]byte{"k1": v2.key}, PublicKey: v2.pub, RequireCheckpoints: true,
		Checkpoints: strings.NewReader(string(v2.checkpoints) + string(v1.checkpoints)),
	})
	for _, fd := range rep.Findings {
		require.NotEqual(t, Uncovered, fd.Kind, "%v", fd)
	}
}

// TestDeclaredGapsGroupedByDeclaration guards how declared losses are
// reported: consecutive records that one audit.gap entry declares are one
// finding, and entries with other reasons are findings of their own.
func TestDeclaredGapsGroupedByDeclaration(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("r")))
	for i := range 6 {
		l.Info("m", "i", i)
	}
	ls := lines(buf.Bytes()) // seqs 1 to 7
	for _, tc := range []struct {
		lost []any
		want []string
	}{
		{[]any{map[string]any{"from": 3.0, "to": 5.0, "reason": "queue full"}},
			[]string{"records 3 to 5 lost by the writer: queue full"}},
		{[]any{map[string]any{"from": 3.0, "to": 3.0, "reason": "queue full"}, map[string]any{"from": 4.0, "to": 5.0, "reason": "write error"}},
			[]string{"records 3 to 3 lost by the writer: queue full", "records 4 to 5 lost by the writer: write error"}},
	} {
		gap := forge(t, ls[5], func(m map[string]any) { m["msg"], m["lost"] = MsgGap, tc.lost }, true) // seq 6
		rep, err := Verify(context.Background(), strings.NewReader(ls[0]+ls[1]+gap), VerifyOptions{})
		require.NoError(t, err, "%v", rep.Findings)
		var got []string
		for _, fd := range rep.Findings {
			if fd.Kind == Gap {
				got = append(got, fd.Detail[:strings.Index(fd.Detail, " (")])
			}
		}
		require.Equal(t, tc.want, got, "%v", rep.Findings)
	}
}

// TestCutFileLinesNeverPanic: a File line cut at any byte and ended with a
// newline (a writer that stopped mid-record, then a restart) is reported,
// whichever of the verifier's paths reads it, and never makes it panic.
func TestCutFileLinesNeverPanic(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	ls := lines(f.log)
	for cut := 1; cut < len(ls[1])-1; cut++ {
		in := ls[0] + ls[1][:cut] + "\n" + strings.Join(ls[1:], "")
		rep, err := Verify(context.Background(), strings.NewReader(in), VerifyOptions{Keys: map[string][]byte{"k1": f.key}})
		require.Error(t, err, "cut at %d", cut)
		require.NotEmpty(t, rep.Findings, "cut at %d", cut)
	}
}

// TestCanonicalAuditReadsEveryFileLine guards the verifier's fast reader
// of a File line's audit member: it reads every member the File handler
// wrote (so that such lines take the fast path), to the same fields as
// the general reader, and refuses members in another form.
func TestCanonicalAuditReadsEveryFileLine(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	v := &verifier{}
	read := 0
	for _, line := range lines(f.log) {
		raw := []byte(strings.TrimSuffix(line, "\n"))
		var l chain.Line
		if !bytes.Contains(raw, canonicalAuditStart) || !chain.ScanLine(raw, &l) || !l.HasAudit {
			continue
		}
		member := raw[l.AuditValue[0]:l.AuditValue[1]]
		fast, ok := v.parseCanonicalAudit(member)
		require.True(t, ok, "%s", member)
		val, err := chain.Parse(member)
		require.NoError(t, err)
		slow, err := parseAudit(val)
		require.NoError(t, err)
		require.Equal(t, slow, fast, "%s", member)
		read++
		// A sealed record's epoch, 0 included, is read too.
		i := bytes.Index(member, []byte(`,"hash":`))
		sealed := string(member[:i]) + `,"epoch":0` + string(member[i:])
		val, err = chain.Parse([]byte(sealed))
		require.NoError(t, err)
		slow, err = parseAudit(val)
		require.NoError(t, err)
		fast, ok = v.parseCanonicalAudit([]byte(sealed))
		require.True(t, ok, "%s", sealed)
		require.Equal(t, slow, fast, "%s", sealed)
		seq := regexp.MustCompile(`"seq":[0-9]+`)
		for _, other := range []string{
			seq.ReplaceAllString(string(member), `"seq":12345678901234567`),         // 17 digits
			strings.Replace(string(member), `"chain":"`, `"chain":"\u0076`, 1),      // an escape
			strings.Replace(string(member), `"seq":`, `"seq":0`, 1),                 // a leading zero
			strings.Replace(string(member), `"v":2`, `"v":2 `, 1),                   // a space
			strings.Replace(string(member), `"seq":`, `"seq":12345678901234567`, 1), // 17 digits
			string(member[:len(member)-1]),                                          // cut
		} {
			_, ok := v.parseCanonicalAudit([]byte(other))
			require.False(t, ok, "%s", other)
		}
	}
	require.GreaterOrEqual(t, read, 8)
}

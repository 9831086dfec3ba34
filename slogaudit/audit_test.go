package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/stretchr/testify/require"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func TestSlogtest(t *testing.T) {
	var buf bytes.Buffer
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		buf.Reset()
		return Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("t"))
	}, func(t *testing.T) map[string]any {
		var lines []map[string]any
		for _, l := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
			var m map[string]any
			require.NoError(t, json.Unmarshal(l, &m))
			if m["msg"] == MsgStart {
				continue
			}
			delete(m, "audit") // the audit member aside
			lines = append(lines, m)
		}
		require.Len(t, lines, 1)
		return lines[0]
	})
}

type errThing struct{ s string }

func (e errThing) Error() string { return e.s }

// TestRandomRecordsVerify is the property test: for random records (nested
// groups, unicode, floats, big integers, Any values, times, durations,
// errors) the canonical form the producer hashed equals JCS(parse(the line
// slog.JSONHandler wrote)), which Verify recomputes.
func TestRandomRecordsVerify(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	strs := []string{"", "plain", "é日本語🙂", "q\"uote\\", "ctl\x01\n\t", "bad\xff\xfe", "\u2028<&>", "9007199254740993"}
	floats := []float64{0, math.Copysign(0, -1), 1.5, 1e21, 1e-7, 123456789.123, math.MaxFloat64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(-1)}
	ints := []int64{0, -1, 1 << 53, 1<<53 + 1, math.MaxInt64, math.MinInt64}
	var value func(depth int) slog.Value
	value = func(depth int) slog.Value {
		switch rng.IntN(11) {
		case 0:
			return slog.StringValue(strs[rng.IntN(len(strs))])
		case 1:
			return slog.Float64Value(floats[rng.IntN(len(floats))])
		case 2:
			return slog.Int64Value(ints[rng.IntN(len(ints))])
		case 3:
			return slog.Uint64Value(math.MaxUint64 - uint64(rng.IntN(3)))
		case 4:
			return slog.BoolValue(rng.IntN(2) == 0)
		case 5:
			return slog.DurationValue(time.Duration(rng.Int64()))
		case 6:
			return slog.TimeValue(time.Unix(rng.Int64N(1e10), rng.Int64N(1e9)).In(time.FixedZone("x", 3600*rng.IntN(12))))
		case 7:
			return slog.AnyValue(errThing{strs[rng.IntN(len(strs))]})
		case 8:
			return slog.AnyValue(map[string]any{"n": 12345678901234567890.0, "big": json.Number("123456789012345678901"), "s": strs[rng.IntN(len(strs))], "l": []any{1, "x", nil}})
		case 9:
			if depth < 3 {
				return slog.GroupValue(slog.Attr{Key: strs[rng.IntN(len(strs))], Value: value(depth + 1)}, slog.Attr{Key: "k", Value: value(depth + 1)})
			}
		}
		return slog.AnyValue([]int{rng.IntN(100)})
	}
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithRedactor(nil))
	var l slog.Handler = h
	for i := range 300 {
		if i%50 == 0 {
			l = h.WithGroup(strs[rng.IntN(len(strs))]).WithAttrs([]slog.Attr{{Key: "w", Value: value(0)}})
		}
		r := slog.NewRecord(time.Now(), slog.Level(rng.IntN(12)-4), strs[rng.IntN(len(strs))], 0)
		for range rng.IntN(6) {
			r.AddAttrs(slog.Attr{Key: strs[rng.IntN(len(strs))], Value: value(0)})
		}
		require.NoError(t, l.Handle(context.Background(), r))
	}
	require.NoError(t, h.Close(context.Background()))
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	require.NoError(t, err, "%v", rep.Findings)
	require.EqualValues(t, 302, rep.Records) // start, 300 records, stop
	// Exact numbers survive: a big integer inside an Any value is kept as text.
	require.Contains(t, buf.String(), `"big":"123456789012345678901"`)
}

type fixture struct {
	log, checkpoints []byte
	pub              ed25519.PublicKey
	priv             ed25519.PrivateKey
}

// newFixture writes a start record, n records and, at Close, a stop record
// and a checkpoint (in-band and to a separate writer).
func newFixture(t testing.TB, n int) fixture {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	var log, cps bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&log, nil), WithChainID("app"), WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(&cps, 0, 0))
	l := slog.New(h)
	for i := 1; i <= n; i++ {
		l.Info("payment", "i", i, "amount", 10.5*float64(i), slog.Group("user", "id", fmt.Sprint("u", i)))
	}
	require.NoError(t, h.Close(context.Background()))
	return fixture{log: log.Bytes(), checkpoints: cps.Bytes(), pub: pub, priv: priv}
}

func lines(b []byte) []string { return strings.SplitAfter(strings.TrimSuffix(string(b), "\n"), "\n") }

func join(ls []string) []byte {
	s := strings.Join(ls, "")
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return []byte(s)
}

func verifyWith(f fixture, log []byte, withKey bool, cps []byte) (Report, error) {
	o := VerifyOptions{PublicKey: f.pub, Checkpoints: bytes.NewReader(cps)}
	if withKey {
		o.Keys = map[string][]byte{"k1": testKey}
	}
	return Verify(context.Background(), bytes.NewReader(log), o)
}

// newFileFixture is newFixture written by File.Handler.
func newFileFixture(t testing.TB, n int) fixture {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	var cps bytes.Buffer
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	require.NoError(t, err)
	h, err := af.Handler(WithChainID("app"), WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(&cps, 0, 0))
	require.NoError(t, err)
	l := slog.New(h)
	for i := 1; i <= n; i++ {
		l.Info("payment", "i", i, "amount", 10.5*float64(i), slog.Group("user", "id", fmt.Sprint("u", i)))
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	log, err := os.ReadFile(path)
	require.NoError(t, err)
	return fixture{log: log, checkpoints: cps.Bytes(), pub: pub, priv: priv}
}

func hasFinding(rep Report, kind FindingKind, line int64) bool {
	for _, f := range rep.Findings {
		if f.Kind == kind && f.Line == line {
			return true
		}
	}
	return false
}

// forge rewrites line with a new msg and, if relink, a hash recomputed
// without the key (the MAC cannot be recomputed).
func forge(t *testing.T, line string, edit func(map[string]any), relink bool) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(line), &m))
	edit(m)
	if relink {
		a := m["audit"].(map[string]any)
		delete(m, "audit")
		raw, _ := json.Marshal(m)
		v, err := chain.Parse(raw)
		require.NoError(t, err)
		ver := chain.Version(a["v"].(float64))
		prev, _ := ver.ParseHash(a["prev"].(string))
		h := ver.Link(a["chain"].(string), uint64(a["seq"].(float64)), prev, chain.AppendCanonical(nil, v))
		a["hash"] = h.String()
		m["audit"] = a
	}
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return string(out) + "\n"
}

// TestTamperMatrix runs every tamper case on a log written through Wrap
// over slog.JSONHandler and on one written by File.Handler (canonical
// lines, which the verifier hashes as they stand).
func TestTamperMatrix(t *testing.T) {
	cli := buildCLI(t) // one build for both logs: linking it costs seconds
	t.Run("wrap", func(t *testing.T) { tamperMatrix(t, newFixture(t, 10), cli) })
	t.Run("file", func(t *testing.T) { tamperMatrix(t, newFileFixture(t, 10), cli) })
}

func tamperMatrix(t *testing.T, f fixture, cli cliRunner) {
	// line 1 start, 2..11 records, 12 stop, 13 checkpoint
	ls := lines(f.log)
	require.Len(t, ls, 13)

	rep, err := verifyWith(f, f.log, true, f.checkpoints)
	require.NoError(t, err, "pristine file: %v", rep.Findings)
	require.True(t, rep.Intact())
	require.EqualValues(t, 13, rep.Records)
	require.EqualValues(t, 2, rep.Checks.Signatures.Checked) // in-band and separate

	edit := func(i int, line string) []byte {
		c := append([]string(nil), ls...)
		c[i] = line
		return join(c)
	}
	without := func(idx ...int) []byte {
		var c []string
		for i, l := range ls {
			if !containsInt(idx, i) {
				c = append(c, l)
			}
		}
		return join(c)
	}
	cases := []struct {
		name string
		log  []byte
		key  bool
		cps  []byte
		kind FindingKind
		line int64
		only bool // the finding is the only one
	}{
		{name: "edit a value", log: edit(4, strings.Replace(ls[4], `"i":4`, `"i":5`, 1)), key: true, kind: Modified, line: 5, only: true},
		{name: "edit the message", log: edit(4, strings.Replace(ls[4], `"msg":"payment"`, `"msg":"refund"`, 1)), key: true, kind: Modified, line: 5, only: true},
		{name: "edit the time", log: edit(4, forge(t, ls[4], func(m map[string]any) { m["time"] = "2020-01-01T00:00:00Z" }, false)), key: true, kind: Modified, line: 5, only: true},
		{name: "delete a middle record", log: without(5), key: true, kind: Missing, line: 6, only: true},
		{name: "delete the first", log: without(0), key: true, kind: Missing, line: 1, only: true},
		{name: "delete the last 3", log: without(10, 11, 12), key: true, cps: f.checkpoints, kind: Truncated, line: 10, only: true},
		{name: "duplicate a record", log: join(append(append(append([]string(nil), ls[:6]...), ls[5]), ls[6:]...)), key: true, kind: Duplicated, line: 7, only: true},
		{name: "swap two records", log: func() []byte { c := append([]string(nil), ls...); c[5], c[6] = c[6], c[5]; return join(c) }(), key: true, kind: Reordered, line: 7, only: true},
		{name: "insert a forged record, with the key", log: join(append(append(append([]string(nil), ls[:5]...),
			forge(t, ls[5], func(m map[string]any) { m["msg"] = "forged" }, true)), ls[5:]...)), key: true, kind: BadMAC, line: 6},
		{name: "insert a forged record, without the key", log: join(append(append(append([]string(nil), ls[:5]...),
			forge(t, ls[5], func(m map[string]any) { m["msg"] = "forged" }, true)), ls[5:]...)), key: false, kind: Inserted, line: 6},
		{name: "rebuild the chain without the key", log: rebuild(t, ls), key: true, kind: BadMAC, line: 5},
		{name: "rebuild the chain, caught by the checkpoint", log: rebuild(t, ls), key: false, cps: f.checkpoints, kind: BadCheckpoint, line: 13},
		{name: "replace the in-band checkpoint signature", log: edit(12, replaceSig(t, ls[12], f.priv)), key: true, kind: BadCheckpoint, line: 13},
		{name: "torn last line, a checkpoint shows records missing", log: []byte(strings.Join(ls[:12], "") + ls[12][:40]), key: true, cps: f.checkpoints, kind: Truncated, line: 13},
		{name: "a line replaced by one not written by slogaudit", log: edit(3, `{"msg":"hello"}`+"\n"), key: true, kind: Inserted, line: 4},
	}
	require.Equal(t, 0, cli(t, f, f.log, true, f.checkpoints), "the CLI must accept the pristine file")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cps := tc.cps
			if cps == nil {
				cps = []byte{}
			}
			rep, err := verifyWith(f, tc.log, tc.key, cps)
			var te *TamperedError
			require.True(t, errors.As(err, &te), "want a TamperedError, got %v", err)
			require.False(t, rep.Intact())
			require.True(t, hasFinding(rep, tc.kind, tc.line), "want %s at line %d, got %v", tc.kind, tc.line, rep.Findings)
			if tc.only {
				require.Len(t, rep.Findings, 1, "want only %s at line %d, got %v", tc.kind, tc.line, rep.Findings)
			}
			require.Equal(t, 1, cli(t, f, tc.log, tc.key, cps), "the CLI's exit code")
		})
	}

	t.Run("replace a signature in the checkpoint file", func(t *testing.T) {
		rep, err := verifyWith(f, f.log, true, []byte(replaceSig(t, string(f.checkpoints), f.priv)))
		require.Error(t, err)
		require.True(t, hasFinding(rep, BadCheckpoint, 1), "%v", rep.Findings)
	})
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// rebuild edits record 4 and recomputes every hash after it without the key,
// keeping the old MACs: what an attacker without the key can do.
func rebuild(t *testing.T, ls []string) []byte {
	t.Helper()
	out := append([]string(nil), ls...)
	var prev string
	for i := 4; i < len(out); i++ {
		out[i] = forge(t, out[i], func(m map[string]any) {
			if i == 4 {
				m["amount"] = 0.01
			}
			if prev != "" {
				m["audit"].(map[string]any)["prev"] = prev
			}
		}, true)
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(out[i]), &m))
		prev = m["audit"].(map[string]any)["hash"].(string)
	}
	return join(out)
}

// replaceSig swaps the signature of the checkpoint note in line for a
// valid signature of other content by the same key.
func replaceSig(t *testing.T, line string, priv ed25519.PrivateKey) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(line), &m))
	cp, inBand := m["checkpoint"].(map[string]any)
	if !inBand { // a line of the checkpoint file
		cp = m
	}
	text, _, err := chain.SplitNote([]byte(cp["note"].(string)))
	require.NoError(t, err)
	th, err := chain.ParseTreeHead(text)
	require.NoError(t, err)
	signer, err := chain.NoteSigner(th.Origin, priv)
	require.NoError(t, err)
	th.Size++
	other, err := chain.SignTreeHead(th, signer)
	require.NoError(t, err)
	_, sig, err := chain.SplitNote(other)
	require.NoError(t, err)
	cp["note"] = string(text) + "\n" + string(sig)
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return string(out) + "\n"
}

// cliRunner runs the built command-line verifier on a log and returns its
// exit code.
type cliRunner func(t *testing.T, f fixture, log []byte, withKey bool, cps []byte) int

// buildCLI builds cmd/slogaudit and returns a function that runs its verify
// command on the given log and checkpoints and returns the exit code.
func buildCLI(t *testing.T) cliRunner {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "slogaudit")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/slogaudit").CombinedOutput()
	require.NoError(t, err, "%s", out)
	keyFile, pubFile := filepath.Join(dir, "key"), filepath.Join(dir, "pub")
	require.NoError(t, os.WriteFile(keyFile, []byte(hex.EncodeToString(testKey)), 0o600))
	return func(t *testing.T, f fixture, log []byte, withKey bool, cps []byte) int {
		t.Helper()
		require.NoError(t, os.WriteFile(pubFile, []byte(hex.EncodeToString(f.pub)), 0o600))
		logFile, cpFile := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
		require.NoError(t, os.WriteFile(logFile, log, 0o600))
		require.NoError(t, os.WriteFile(cpFile, cps, 0o600))
		args := []string{"verify", "-pub", pubFile, "-checkpoints", cpFile}
		if withKey {
			args = append(args, "-key", keyFile)
		}
		cmd := exec.Command(bin, append(args, logFile)...)
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		require.NoError(t, err)
		return 0
	}
}

package slogaudit

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/internal/chain"
)

// testdata/v1 holds a small audit log written in format v1, with its keys
// and checkpoint file. Its files are never regenerated: whatever format the
// producer writes later, the verifier must keep reading v1. A new format
// gets its own directory (testdata/v2) and tests beside these.
//
//	audit.log          two sessions of chain "v1-fixture": records, in-band
//	                   checkpoints, a torn line left by a crash, the restart
//	                   that names it
//	audit.checkpoints  the checkpoint file kept apart from the log
//	audit.hmac         the HMAC key, hex (key id "k1")
//	audit.ed25519      the Ed25519 private key, hex (seed sha256("slogaudit v1 fixture"))
//	audit.ed25519.pub  its public key, hex
//
// By hand:
//
//	go run ./cmd/slogaudit verify -key-file slogaudit/testdata/v1/audit.hmac \
//	    -pub slogaudit/testdata/v1/audit.ed25519.pub \
//	    -checkpoints slogaudit/testdata/v1/audit.checkpoints slogaudit/testdata/v1/audit.log

// fixtureFiles are read from a fixture directory.
type fixtureFiles struct {
	log, checkpoints []byte
	key              []byte
	pub              ed25519.PublicKey
	priv             ed25519.PrivateKey
}

func readFixture(t *testing.T, dir string) fixtureFiles {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		return b
	}
	unhex := func(name string) []byte {
		b, err := hex.DecodeString(strings.TrimSpace(string(read(name))))
		require.NoError(t, err, name)
		return b
	}
	return fixtureFiles{log: read("audit.log"), checkpoints: read("audit.checkpoints"), key: unhex("audit.hmac"),
		pub: unhex("audit.ed25519.pub"), priv: unhex("audit.ed25519")}
}

func (f fixtureFiles) verify(log []byte, cps []byte) (Report, error) {
	return Verify(context.Background(), strings.NewReader(string(log)), VerifyOptions{
		Keys: map[string][]byte{"k1": f.key}, PublicKey: f.pub, Checkpoints: strings.NewReader(string(cps)),
	})
}

// TestFixtureV1Verifies: the v1 log in testdata verifies with its keys and
// checkpoint file, reporting the crash and the restart and nothing else,
// and still catches an edit of any record.
func TestFixtureV1Verifies(t *testing.T) {
	f := readFixture(t, "testdata/v1")
	require.Equal(t, f.pub, f.priv.Public().(ed25519.PublicKey), "audit.ed25519.pub is not the public key of audit.ed25519")

	rep, err := f.verify(f.log, f.checkpoints)
	require.NoError(t, err, "%v", rep.Findings)
	require.EqualValues(t, 13, rep.Lines)
	require.EqualValues(t, 12, rep.Records)
	require.Len(t, rep.Chains, 1)
	require.Equal(t, ChainSummary{First: 1, Last: 12, Records: 12}, positions(rep.Chains["v1-fixture"]))
	require.Equal(t, Check{Checked: 12}, rep.Chains["v1-fixture"].Checks.MACs, "every record's MAC is checked")
	require.Equal(t, Check{Checked: 3}, rep.Chains["v1-fixture"].Checks.Checkpoints, "every checkpoint of the file is compared")
	require.EqualValues(t, 12, rep.Chains["v1-fixture"].Covered, "the newest checkpoint covers the last record")
	require.EqualValues(t, 3+3, rep.Checks.Signatures.Checked, "in-band and in the checkpoint file")
	require.Equal(t, []Finding{
		{Line: 9, Kind: Torn, Detail: "incomplete line left by a crash, named by the audit.start that follows"},
		{Line: 10, Chain: "v1-fixture", Seq: 9, Kind: Restart, Detail: "a process resumed the chain after seq 8"},
	}, rep.Findings)

	// Every record line is protected: changing one byte of its content is
	// found (a digit, so that the line stays JSON).
	ls := lines(f.log)
	for i, l := range ls {
		if i == 8 { // the torn fragment
			continue
		}
		j := strings.IndexAny(l, "0123456789")
		require.GreaterOrEqual(t, j, 0)
		digit := byte('0' + (l[j]-'0'+1)%10)
		c := append([]string(nil), ls...)
		c[i] = l[:j] + string(digit) + l[j+1:]
		rep, err := f.verify(join(c), f.checkpoints)
		var te *TamperedError
		require.True(t, errors.As(err, &te), "line %d edited: want a TamperedError, got %v (%v)", i+1, err, rep.Findings)
	}
	// Without its newest record the checkpoint file notices.
	rep, err = f.verify(join(ls[:len(ls)-1]), f.checkpoints)
	require.Error(t, err)
	require.True(t, hasFinding(rep, Truncated, 12), "%v", rep.Findings) // the last line there is
}

// TestFixtureV1CLI: the command-line verifier accepts the v1 fixture.
func TestFixtureV1CLI(t *testing.T) {
	f := readFixture(t, "testdata/v1")
	require.Equal(t, testKey, f.key, "buildCLI writes testKey as the key file")
	cli := buildCLI(t)
	require.Equal(t, 0, cli(t, fixture{pub: f.pub}, f.log, true, f.checkpoints))
	require.Equal(t, 1, cli(t, fixture{pub: f.pub}, []byte(strings.Replace(string(f.log), `"n":1`, `"n":2`, 1)), true, f.checkpoints))
}

// TestProducerWritesFixtureV2 pins what the producer writes today to the
// bytes in testdata/v2: the same records, keys and clock give the same
// log and checkpoint file. The format version under development is v2;
// while it grows, regenerate the files with SLOGAUDIT_WRITE_FIXTURE and
// review the diff. The v1 files stay, and TestFixtureV1Verifies keeps
// reading them.
//
// SLOGAUDIT_WRITE_FIXTURE=dir writes the files to dir instead of comparing.
func TestProducerWritesFixtureV2(t *testing.T) {
	dir := t.TempDir()
	if out := os.Getenv("SLOGAUDIT_WRITE_FIXTURE"); out != "" {
		dir = out
		_, err := os.Stat(filepath.Join(dir, "audit.log"))
		require.True(t, os.IsNotExist(err), "SLOGAUDIT_WRITE_FIXTURE: %s must not hold an audit.log (the writer appends)", dir)
	}
	writeFixture(t, dir, "v2-fixture")
	if os.Getenv("SLOGAUDIT_WRITE_FIXTURE") != "" {
		t.Skipf("wrote the fixture to %s", dir)
	}
	want, got := readFixture(t, "testdata/v2"), readFixture(t, dir)
	require.Equal(t, string(want.log), string(got.log))
	require.Equal(t, string(want.checkpoints), string(got.checkpoints))
}

// TestFixtureV2Verifies: the v2 log in testdata verifies with its keys and
// checkpoint file, and every record carries format version 2.
func TestFixtureV2Verifies(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	rep, err := Verify(context.Background(), strings.NewReader(string(f.log)), VerifyOptions{
		Keys: map[string][]byte{"k1": f.key}, PublicKey: f.pub, Checkpoints: strings.NewReader(string(f.checkpoints)),
	})
	require.NoError(t, err, "%v", rep.Findings)
	require.EqualValues(t, 12, rep.Records)
	require.Equal(t, Check{Checked: 12}, rep.Chains["v2-fixture"].Checks.MACs)
	require.Len(t, regexp.MustCompile(`"audit":\{[^{}]*,"v":2\}`).FindAllString(string(f.log), -1), 12, "every record line is v2")
	// Two crashes in a row before the restart: its audit.start names both
	// fragments (torn_earlier, then torn), and both verify torn.
	require.Contains(t, string(f.log), `"torn_earlier":[{"bytes":59,"sha256":"`)
	var torn []int64
	for _, x := range rep.Findings {
		if x.Kind == Torn {
			torn = append(torn, x.Line)
		}
	}
	require.Equal(t, []int64{9, 10}, torn)
	// The writer's own lines are canonical: each line is its RFC 8785 form.
	for i, l := range lines(f.log) {
		if i == 8 || i == 9 { // the torn fragments
			continue
		}
		v, err := chain.Parse([]byte(strings.TrimSuffix(l, "\n")))
		require.NoError(t, err)
		require.Equal(t, strings.TrimSuffix(l, "\n"), string(chain.AppendCanonical(nil, v)), "line %d", i+1)
	}
}

// writeFixture writes a fixture of the current format into dir with fixed
// keys and a fixed clock; it wrote testdata/v1 when v1 was current.
func writeFixture(t *testing.T, dir, chainID string) {
	t.Helper()
	seed := sha256.Sum256([]byte("slogaudit v1 fixture"))
	priv := ed25519.NewKeyFromSeed(seed[:])
	for name, data := range map[string][]byte{"audit.hmac": testKey, "audit.ed25519": priv, "audit.ed25519.pub": priv.Public().(ed25519.PublicKey)} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(hex.EncodeToString(data)+"\n"), 0o600))
	}
	tick := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	clock := func() time.Time {
		tick = tick.Add(250 * time.Millisecond)
		return tick
	}
	path := filepath.Join(dir, "audit.log")
	cps, err := os.OpenFile(filepath.Join(dir, "audit.checkpoints"), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	require.NoError(t, err)
	defer cps.Close()
	session := func(records func(h *Handler)) {
		af, err := OpenFile(path, WithFileSync(SyncNever()))
		require.NoError(t, err)
		h, err := af.Handler(WithChainID(chainID), WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(cps, 4, 0), withClock(clock))
		require.NoError(t, err)
		records(h)
		require.NoError(t, h.Close(context.Background()))
		require.NoError(t, af.Close())
	}
	logAt := func(h slog.Handler, level slog.Level, msg string, attrs ...slog.Attr) {
		r := slog.NewRecord(clock().In(time.FixedZone("CET", 3600)), level, msg, 0)
		r.AddAttrs(attrs...)
		require.NoError(t, h.Handle(context.Background(), r))
	}
	session(func(h *Handler) {
		logAt(h, slog.LevelInfo, "login", Actor("u1"), Action(AuthenticationSuccess), Outcome(Success), slog.Int("n", 1))
		logAt(h.WithGroup("req").WithAttrs([]slog.Attr{slog.String("id", "r-7")}), slog.LevelWarn, "payment",
			slog.Float64("amount", 10.5), slog.Int64("big", 1<<53+1), slog.Uint64("max", math.MaxUint64),
			slog.Float64("nan", math.NaN()), slog.Duration("took", 1500*time.Millisecond), slog.Bool("ok", false))
		logAt(h, slog.LevelError, "é日本語🙂 \"quoted\"\n\t", slog.Any("err", fmt.Errorf("disk: %w", errors.New("full"))),
			slog.Any("m", map[string]any{"z": 1, "a": []any{"x", nil, 2.25}}), slog.String("password", "hunter2"),
			slog.Time("at", time.Date(2026, 1, 2, 4, 0, 0, 123456789, time.FixedZone("X", -5*3600))))
		logAt(h, slog.LevelInfo, "bad utf8 \xff", slog.String("k\xfe", "v\x00"))
	})
	// A crash in the middle of a record, then a restart.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"time":"2026-01-02T03:04:09Z","level":"INFO","msg":"cut sh`)
	require.NoError(t, err)
	// The restart crashes too, in the write that closes that line and
	// starts its audit.start: the next restart names both fragments.
	_, err = f.WriteString("\n" + `{"audit":{"chain":"` + chainID + `","hash":"`)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	session(func(h *Handler) {
		logAt(h, slog.LevelInfo, "after restart", slog.Int("n", 2))
	})
}

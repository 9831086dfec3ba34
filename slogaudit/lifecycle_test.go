package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

func verifyBuf(t *testing.T, b []byte, o VerifyOptions) Report {
	t.Helper()
	rep, err := Verify(context.Background(), bytes.NewReader(b), o)
	require.NoError(t, err, "%v", rep.Findings)
	return rep
}

// TestRestartContinuesChain: a second handler resuming from the first's
// head extends the same chain, and the verifier notes the restart.
func TestRestartContinuesChain(t *testing.T) {
	var buf bytes.Buffer
	h1 := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("svc"), WithKey("k1", testKey))
	slog.New(h1).Info("one")
	require.NoError(t, h1.Close(context.Background()))
	head := h1.Head()
	require.EqualValues(t, 3, head.Seq)

	h2 := Wrap(slog.NewJSONHandler(&buf, nil), WithResume(head), WithKey("k1", testKey))
	slog.New(h2).Info("two")
	require.NoError(t, h2.Close(context.Background()))

	rep := verifyBuf(t, buf.Bytes(), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	require.Equal(t, ChainSummary{First: 1, Last: 6, Records: 6}, positions(rep.Chains["svc"]))
	require.True(t, hasFinding(rep, Restart, 4), "%v", rep.Findings)
	require.Contains(t, buf.String(), `"resumed_from":{"seq":3`)
}

// TestInterleavedChains: two processes writing one file, verified apart.
func TestInterleavedChains(t *testing.T) {
	var buf lockedWriter
	a := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("a"), WithKey("k1", testKey))
	b := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("b"), WithKey("k1", testKey))
	var wg sync.WaitGroup
	for _, h := range []*Handler{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				slog.New(h).Info("m", "i", i)
			}
		}()
	}
	wg.Wait()
	require.NoError(t, a.Close(context.Background()))
	require.NoError(t, b.Close(context.Background()))
	rep := verifyBuf(t, buf.Bytes(), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	require.EqualValues(t, 202, rep.Chains["a"].Records)
	require.EqualValues(t, 202, rep.Chains["b"].Records)
}

type lockedWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *lockedWriter) Bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return bytes.Clone(w.buf.Bytes())
}

// flakyWriter fails every write whose line contains fail.
type flakyWriter struct {
	buf  bytes.Buffer
	fail string
}

func (w *flakyWriter) Write(p []byte) (int, error) {
	if strings.Contains(string(p), w.fail) {
		return 0, errors.New("disk full")
	}
	return w.buf.Write(p)
}

// TestWriteErrorDeclaredAsGap: a record the handler refused keeps its seq,
// and the next record the wrapper writes is an audit.gap naming it, so the
// verifier reports a declared gap (information), not a missing record.
func TestWriteErrorDeclaredAsGap(t *testing.T) {
	w := &flakyWriter{fail: "refused-by-disk"}
	var reported []error
	h := Wrap(slog.NewJSONHandler(w, nil), WithChainID("c"), WithKey("k", testKey), OnError(func(err error) { reported = append(reported, err) }))
	l := slog.New(h)
	l.Info("kept 1")
	require.Error(t, h.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, "refused-by-disk", 0)))
	l.Info("kept 2")
	err := h.Close(context.Background())
	require.ErrorIs(t, err, ErrRecordsLost)
	require.ErrorContains(t, err, "1 records of chain c lost (0 too large, the rest not written), 1 declared in the chain by audit.gap records, 0 not declared")
	rep := verifyBuf(t, w.buf.Bytes(), VerifyOptions{Key: testKey})
	require.EqualValues(t, 5, rep.Chains["c"].Records) // start, kept 1, gap, kept 2, stop
	require.True(t, hasFinding(rep, Gap, 3), "%v", rep.Findings)
	require.Contains(t, rep.Findings[0].Detail, "records 3 to 3 lost by the writer: the wrapped handler failed to write it: disk full")
	lines := auditLines(t, w.buf.Bytes())
	require.Equal(t, MsgGap, lines[2]["msg"])
	require.Len(t, reported, 1)
	require.ErrorContains(t, reported[0], "record 3 of chain c not written, declared lost in the chain")
	s := h.Stats()
	require.EqualValues(t, 1, s.Failed)
	require.EqualValues(t, 1, s.Declared)
	require.EqualValues(t, 5, s.Written)

	// The same file with the gap record removed: the loss is no longer
	// declared, and the verifier reports it as missing.
	var without []byte
	for _, line := range bytes.SplitAfter(w.buf.Bytes(), []byte("\n")) {
		if !bytes.Contains(line, []byte(MsgGap)) {
			without = append(without, line...)
		}
	}
	rep, err = Verify(context.Background(), bytes.NewReader(without), VerifyOptions{Key: testKey})
	var tampered *TamperedError
	require.ErrorAs(t, err, &tampered)
	require.True(t, hasFinding(rep, Missing, 3), "%v", rep.Findings)
}

type panicky struct{ slog.Handler }

func (panicky) Handle(context.Context, slog.Record) error { panic("boom") }

func TestPanickingHandlerIsAnError(t *testing.T) {
	h := Wrap(panicky{slog.NewJSONHandler(io.Discard, nil)})
	err := h.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0))
	require.ErrorContains(t, err, "wrapped handler panicked: boom")
	// audit.start and the record keep their seqs, to be declared lost,
	// and so do the three audit.gap records that failed to declare them
	// (after audit.start, before and after the record): what a failing
	// handler left of them in its output is unknown.
	require.EqualValues(t, 5, h.Head().Seq)
	s := h.Stats()
	require.EqualValues(t, 5, s.Failed)
	require.EqualValues(t, 3, s.Retried)
}

func TestHandleAfterClose(t *testing.T) {
	h := Wrap(slog.NewJSONHandler(io.Discard, nil))
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, h.Close(context.Background()))
	require.ErrorIs(t, h.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0)), ErrClosed)
	require.EqualValues(t, 1, h.Stats().Refused)
}

func TestNewReportsEveryProblem(t *testing.T) {
	_, err := New(slog.NewJSONHandler(io.Discard, nil),
		WithKey("k", []byte("short")), WithChainID(""), WithCheckpoints(io.Discard, -1, 0), WithSigner([]byte("x")))
	require.Error(t, err)
	for _, want := range []string{"slogaudit: invalid configuration", "WithKey", "WithChainID", "WithCheckpoints: every -1", "WithSigner"} {
		require.ErrorContains(t, err, want)
	}
	_, err = New(slog.NewJSONHandler(io.Discard, nil), WithCheckpoints(io.Discard, 10, 0))
	require.ErrorContains(t, err, "add WithSigner")
	require.Panics(t, func() { Wrap(slog.NewJSONHandler(io.Discard, nil), WithKey("k", nil)) })
	require.NotPanics(t, func() { Wrap(slog.NewJSONHandler(io.Discard, nil)) })
}

// TestCheckpointCadence: every N records and after an interval (with a fake
// clock), each one signed.
func TestCheckpointCadence(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	var log, cps bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&log, nil), WithSigner(priv), WithCheckpoints(&cps, 5, time.Minute), withClock(clock))
	l := slog.New(h)
	for range 5 { // start + 4 records = 5 since the last checkpoint
		l.Info("m")
	}
	require.EqualValues(t, 1, h.Stats().Checkpoints)
	l.Info("m")
	now = now.Add(2 * time.Minute)
	l.Info("after a while")
	require.EqualValues(t, 2, h.Stats().Checkpoints)
	require.NoError(t, h.Close(context.Background()))
	rep := verifyBuf(t, log.Bytes(), VerifyOptions{PublicKey: pub, Checkpoints: bytes.NewReader(cps.Bytes())})
	require.EqualValues(t, 6, rep.Checks.Signatures.Checked) // 3 in-band, 3 in the file
}

// TestRedactionBeforeHashing: secrets are masked before the record is
// hashed, and the default is the Credentials preset.
func TestRedactionBeforeHashing(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil))
	slog.New(h).With("password", "p1").Info("login", "dsn", "postgres://u:p2@h/d")
	require.NoError(t, h.Close(context.Background()))
	require.NotContains(t, buf.String(), "p1")
	require.NotContains(t, buf.String(), "p2")
	verifyBuf(t, buf.Bytes(), VerifyOptions{})

	var raw bytes.Buffer
	h2 := Wrap(slog.NewJSONHandler(&raw, nil), WithRedactor(slogcore.NoRedaction))
	slog.New(h2).Info("login", "password", "visible")
	require.NoError(t, h2.Close(context.Background()))
	require.Contains(t, raw.String(), "visible")
}

// TestReservedKeys: user attrs named like the built-ins do not produce
// duplicate keys.
func TestReservedKeys(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil))
	slog.New(h).Info("m", "msg", "x", "audit", "y", "time", 1)
	require.NoError(t, h.Close(context.Background()))
	require.Contains(t, buf.String(), `"_msg":"x"`)
	require.Contains(t, buf.String(), `"_audit":"y"`)
	verifyBuf(t, buf.Bytes(), VerifyOptions{})
}

// TestDependencyRule: a program that imports only slogcore links no audit
// code.
func TestDependencyRule(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/slogguard/slogguard/slogcore").CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, forbidden := range []string{"slogguard/slogaudit", "slogguard/internal/chain"} {
		require.NotContains(t, string(out), forbidden)
	}
}

// FuzzVerify: the verifier never panics on any input.
func FuzzVerify(f *testing.F) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("f"), WithKey("k1", testKey))
	slog.New(h).Info("m", "a", 1)
	_ = h.Close(context.Background())
	f.Add(buf.Bytes())
	f.Add([]byte("{\"audit\":{\"chain\":\"x\",\"seq\":1e300,\"prev\":\"\",\"hash\":\"zz\"}}\n"))
	f.Add([]byte("{}\n\n[1,2]\n{\"audit\":{}}"))
	// A log with declared losses: a failed record, a record over the size
	// limit, and the audit.gap record that names them.
	gw := &flakyWriter{fail: "refused-by-disk"}
	gh := Wrap(slog.NewJSONHandler(gw, nil), WithChainID("g"), WithKey("k1", testKey), WithMaxRecordSize(200))
	gl := slog.New(gh)
	gl.Info("refused-by-disk")
	gl.Info("big", "blob", strings.Repeat("b", 300))
	gl.Info("after")
	_ = gh.Close(context.Background())
	f.Add(gw.buf.Bytes())
	// Canonical lines, which the verifier hashes as they stand: the v2
	// fixture, and a line whose audit member carries an epoch.
	if v2, err := os.ReadFile("testdata/v2/audit.log"); err == nil {
		f.Add(v2)
	}
	f.Add([]byte(`{"audit":{"chain":"f","epoch":0,"hash":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","key":"k1","mac":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","prev":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","seq":1,"v":2},"level":"INFO","msg":"m"}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Verify(context.Background(), bytes.NewReader(data), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	})
}

// TestStartLostIsDeclared: when audit.start cannot be written, it keeps
// its seq like any record and the audit.gap record that follows declares
// it, so that the chain, which then starts at seq 2, verifies.
func TestStartLostIsDeclared(t *testing.T) {
	w := &flakyWriter{fail: MsgStart}
	var reported []error
	h := Wrap(slog.NewJSONHandler(w, nil), WithChainID("s"), OnError(func(err error) { reported = append(reported, err) }))
	require.NoError(t, h.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, "first", 0)))
	require.EqualValues(t, 1, h.Stats().Failed)
	require.Len(t, reported, 1)
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	lines := auditLines(t, w.buf.Bytes())
	require.Equal(t, MsgGap, lines[0]["msg"])
	require.Equal(t, "first", lines[1]["msg"])
	rep := verifyBuf(t, w.buf.Bytes(), VerifyOptions{})
	require.True(t, hasFinding(rep, Gap, 1), "%v", rep.Findings)
}

// TestReservedGroupNames: a WithGroup (or With under it) named like a
// reserved top-level key is written with a leading "_", as a reserved attr
// key is, and the log verifies: merged into "time", "msg" or "audit" the
// group would have changed the record or broken its audit member.
func TestReservedGroupNames(t *testing.T) {
	for _, name := range []string{"time", "level", "msg", "source", "audit"} {
		t.Run(name, func(t *testing.T) {
			var buf lockedWriter
			h := Wrap(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithChainID("c"))
			l := slog.New(h).WithGroup(name)
			l.Info("m", "x", 1)
			l.With("y", 2).Info("m2")
			require.NoError(t, h.Close(context.Background()))
			rep := verifyBuf(t, buf.Bytes(), VerifyOptions{Key: testKey})
			require.EqualValues(t, 4, rep.Records)
			require.Contains(t, string(buf.Bytes()), `"_`+name+`":{"x":1}`)
			require.Contains(t, string(buf.Bytes()), `"_`+name+`":{"y":2}`)
		})
	}
}

package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// sensitiveRecord logs attrs that every preset has something to say about.
func sensitiveRecord(l *slog.Logger, i int) {
	l.Info("payment 4111 1111 1111 1111 by bob@example.com",
		"i", i,
		"card", "4111111111111111",
		"note", "card 5500-0000-0000-0004 and ssn 078-05-1120",
		"url", "https://user:pw@example.com/x",
		"auth", "Authorization: Bearer abc.def.ghi",
		slog.Group("customer", "email", "a@b.c", "pan", "4000056655665556", "name", "Bob"),
		"extra", map[string]any{"password": "hunter2", "cvv": "123", "list": []any{"4111111111111111", 7}},
		"err", errors.New("token=secret-value leaked for 4111111111111111"))
}

// TestWrapOverRedactingSlogcore: the wrapper hashes what a slogcore
// handler with its own redaction will write, so an untouched log verifies.
func TestWrapOverRedactingSlogcore(t *testing.T) {
	red := redact.Must(redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR)
	for _, name := range []string{"New", "Wrap"} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			var core *slogcore.Handler
			if name == "New" {
				core = slogcore.New(&buf, &slogcore.Options{Redact: red})
			} else {
				core = slogcore.Async(slog.NewJSONHandler(&buf, nil), &slogcore.Options{Redact: red})
			}
			h := Wrap(core, WithKey("k", testKey))
			l := slog.New(h).With("session", "s-1", "password", "p").WithGroup("g")
			for i := range 20 {
				sensitiveRecord(l, i)
			}
			require.NoError(t, h.Close(context.Background()))
			require.NoError(t, core.Close(context.Background()))
			require.NotContains(t, buf.String(), "4111111111111111")
			require.NotContains(t, buf.String(), "hunter2")
			rep := verifyBuf(t, buf.Bytes(), VerifyOptions{Key: testKey})
			require.EqualValues(t, 22, rep.Records)
		})
	}
}

// TestWrapRefusesRewritingSlogcore: a slogcore handler that rewrites
// records cannot be chained; New says so.
func TestWrapRefusesRewritingSlogcore(t *testing.T) {
	for _, o := range []*slogcore.Options{
		{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr { return a }},
		{AddSource: true},
	} {
		core := slogcore.New(&bytes.Buffer{}, o)
		_, err := New(core)
		require.ErrorContains(t, err, "rewrites records")
		require.NoError(t, core.Close(context.Background()))
	}
}

// TestRedactionIdempotent: a record redacted once is unchanged by a second
// pass of the same redactor, which is what lets the wrapper redact before
// hashing while a slogcore handler redacts again when it writes.
func TestRedactionIdempotent(t *testing.T) {
	var rules []redact.Rule
	for _, r := range redact.Presets {
		rules = append(rules, r)
	}
	red := redact.Must(rules...)
	values := []any{
		"4111 1111 1111 1111", "card 5500-0000-0000-0004 x", "ssn 078-05-1120", "bob@example.com",
		"https://u:p@h.example/x?q=1", "Authorization: Bearer abc.def", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
		"AKIAIOSFODNN7EXAMPLE", "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----", "[REDACTED]",
		"plain text", 42, "token=secret-value leaked", "password: hunter2 x", `{"secret": "abc"}`, "secret=[REDACTED]x", map[string]any{"password": "x", "nested": map[string]any{"email": "a@b.c", "n": 1}},
		[]any{"4111111111111111", map[string]any{"token": "t"}}, errors.New("bearer tok 4111111111111111"),
		struct {
			Name string `json:"name"`
			Card string `json:"card"`
		}{"n", "4111111111111111"},
	}
	keys := []string{"msg", "card", "password", "note", "email", "client_secret", "author", "data"}
	encode := func(a slog.Attr) string {
		var b bytes.Buffer
		slog.New(slog.NewJSONHandler(&b, &slog.HandlerOptions{ReplaceAttr: func(g []string, a slog.Attr) slog.Attr {
			if len(g) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}})).Info("m", a)
		return b.String()
	}
	for _, k := range keys {
		for _, v := range values {
			once, _ := red.Attr([]string{"grp"}, slog.Any(k, v))
			twice, _ := red.Attr([]string{"grp"}, once)
			require.Equal(t, encode(once), encode(twice), "key %q value %#v", k, v)
			if s, ok := v.(string); ok {
				m1 := red.Message(s)
				require.Equal(t, m1, red.Message(m1), "message %q", s)
			}
		}
	}
}

// failNth is a writer that fails writes whose content contains a marker.
type failMarked struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	marker string
}

func (w *failMarked) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if bytes.Contains(p, []byte(w.marker)) {
		return 0, syscall.EIO
	}
	return w.buf.Write(p)
}

func (w *failMarked) Bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return bytes.Clone(w.buf.Bytes())
}

// TestAsyncLossDeclared: a record that a slogcore handler accepted and
// failed to write later is declared in the chain, and counted as failed.
func TestAsyncLossDeclared(t *testing.T) {
	for _, name := range []string{"New", "Wrap"} {
		t.Run(name, func(t *testing.T) {
			w := &failMarked{marker: "doomed"}
			var core *slogcore.Handler
			if name == "New" {
				core = slogcore.New(w, &slogcore.Options{OnError: func(error) {}})
			} else {
				core = slogcore.Async(slog.NewJSONHandler(w, nil), &slogcore.Options{OnError: func(error) {}})
			}
			h := Wrap(core, WithKey("k", testKey), WithChainID("a"))
			l := slog.New(h)
			l.Info("one")
			require.NoError(t, core.Flush(context.Background()))
			l.Info("doomed")
			require.NoError(t, core.Flush(context.Background()))
			l.Info("three")
			err := h.Close(context.Background())
			require.ErrorIs(t, err, ErrRecordsLost)
			require.ErrorContains(t, err, "1 declared in the chain by audit.gap records, 0 not declared")
			require.ErrorIs(t, core.Close(context.Background()), slogcore.ErrRecordsLost)
			s := h.Stats()
			require.EqualValues(t, 1, s.Failed)
			require.EqualValues(t, 1, s.Declared)
			lines := auditLines(t, w.Bytes())
			require.EqualValues(t, len(lines), s.Written)
			rep := verifyBuf(t, w.Bytes(), VerifyOptions{Key: testKey})
			require.True(t, hasFinding(rep, Gap, 3), "%v", rep.Findings)
			for _, f := range rep.Findings {
				if f.Kind == Gap {
					require.Contains(t, f.Detail, "records 3 to 3 lost by the writer: the wrapped handler failed to write it")
				}
			}
		})
	}
}

// TestRecordSizeLimit: a record over the limit is refused with a clear
// error, counted, and declared; the verifier reads the largest records
// the writer accepts.
func TestRecordSizeLimit(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithKey("k", testKey), WithMaxRecordSize(4096))
	l := slog.New(h)
	l.Info("small")
	err := h.Handle(context.Background(), recordWith("big", slog.String("blob", strings.Repeat("x", 5000))))
	require.ErrorIs(t, err, ErrRecordTooLarge)
	require.ErrorContains(t, err, "exceeds the limit of 4096 (WithMaxRecordSize)")
	l.Info("after")
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	s := h.Stats()
	require.EqualValues(t, 1, s.TooLarge)
	require.EqualValues(t, 1, s.Declared)
	require.NotContains(t, buf.String(), "xxxxxxxx")
	rep := verifyBuf(t, buf.Bytes(), VerifyOptions{Key: testKey})
	require.True(t, hasFinding(rep, Gap, 3), "%v", rep.Findings)

	// With the default limit, a record just under it is written and read.
	var big bytes.Buffer
	h = Wrap(slog.NewJSONHandler(&big, nil))
	require.NoError(t, h.Handle(context.Background(), recordWith("big", slog.String("blob", strings.Repeat("y", DefaultMaxRecordSize-200)))))
	require.ErrorIs(t, h.Handle(context.Background(), recordWith("bigger", slog.String("blob", strings.Repeat("y", DefaultMaxRecordSize)))), ErrRecordTooLarge)
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	rep = verifyBuf(t, big.Bytes(), VerifyOptions{})
	require.EqualValues(t, 4, rep.Records) // start, big, gap, stop
}

func recordWith(msg string, attrs ...slog.Attr) slog.Record {
	r := slog.NewRecord(time.Now(), slog.LevelInfo, msg, 0)
	r.AddAttrs(attrs...)
	return r
}

// TestFileCutsPartialRecord: a write that stops inside a record (a full
// disk) leaves no fragment: the next record starts a line of its own, the
// loss is declared, and the log verifies.
func TestFileCutsPartialRecord(t *testing.T) {
	for _, fault := range []string{"enospc", "short", "panic"} {
		t.Run(fault, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := OpenFile(path)
			require.NoError(t, err)
			failing := false
			af.inject = func(f *os.File, p []byte) (int, error) {
				if !failing {
					return f.Write(p)
				}
				n, _ := f.Write(p[:len(p)/2])
				switch fault {
				case "short":
					return n, nil
				case "panic":
					panic("disk driver exploded")
				}
				return n, syscall.ENOSPC
			}
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("f"))
			require.NoError(t, err)
			l := slog.New(h)
			l.Info("one")
			failing = true
			l.Info("two")
			l.Info("three")
			failing = false
			l.Info("four")
			require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
			require.NoError(t, af.Close())

			data, err := os.ReadFile(path)
			require.NoError(t, err)
			for _, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
				require.True(t, json.Valid(line), "not one whole record: %q", line)
			}
			rep := verifyPaths(t, []string{path})
			require.True(t, hasFinding(rep, Gap, 3), "%v", rep.Findings)

			af, err = OpenFile(path)
			require.NoError(t, err)
			_, torn := af.Torn()
			require.False(t, torn)
			require.NoError(t, af.Close())
		})
	}
}

// TestReopenFindsFragment: a fragment left by a crash is reported by
// Torn, closed with a newline, named by the next audit.start, and the next
// record is not glued to it.
func TestReopenFindsFragment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	require.NoError(t, err)
	writeSome(t, af, 2, WithChainID("r"))
	require.NoError(t, af.Close())
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"time":"2026-01-01T00:00:00Z","level":"IN`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	af, err = OpenFile(path)
	require.NoError(t, err)
	torn, ok := af.Torn()
	require.True(t, ok)
	require.Equal(t, 42, torn.Bytes)
	writeSome(t, af, 1)
	require.NoError(t, af.Close())
	rep := verifyPaths(t, []string{path})
	require.True(t, hasFinding(rep, Torn, 5), "%v", rep.Findings)
}

// TestAsyncLossesUnderLoad: many goroutines log through the wrapper over a
// slogcore handler that drops (DropNewest, a tiny queue) and fails writes;
// losses reported from callers' goroutines and from the worker are all
// declared, and the log verifies.
func TestAsyncLossesUnderLoad(t *testing.T) {
	w := &failMarked{marker: `"i":7`} // every record whose i starts with 7 fails
	core := slogcore.New(w, &slogcore.Options{QueueSize: 8, Overflow: slogcore.DropNewest, BufferSize: 512, OnError: func(error) {}})
	h := Wrap(core, WithKey("k", testKey), WithChainID("load"))
	l := slog.New(h)
	hammer(8, 400, func(g, i int) { l.Info("load", "g", g, "i", i) })
	err := h.Close(context.Background())
	require.ErrorIs(t, err, ErrRecordsLost)
	require.ErrorContains(t, err, " 0 not declared")
	_ = core.Close(context.Background())
	s := h.Stats()
	require.NotZero(t, s.Failed)
	require.Equal(t, s.Failed, s.Declared)
	require.EqualValues(t, len(auditLines(t, w.Bytes())), s.Written)
	rep := verifyBuf(t, w.Bytes(), VerifyOptions{Key: testKey})
	require.EqualValues(t, s.Written, rep.Records)
}

// TestLostStartStillNamesTornLine: when the audit.start record that names
// a torn line cannot be written, the audit.gap record that declares it
// names the torn line instead, so that the verifier still accepts it.
func TestLostStartStillNamesTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	require.NoError(t, err)
	writeSome(t, af, 1, WithChainID("t"))
	require.NoError(t, af.Close())
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"time":"2026-01-01T00:00:00Z","lev`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	af, err = OpenFile(path)
	require.NoError(t, err)
	af.inject = func(f *os.File, p []byte) (int, error) {
		if bytes.Contains(p, []byte(MsgStart)) {
			return 0, syscall.ENOSPC
		}
		return f.Write(p)
	}
	h, err := af.Handler(WithKey("k1", testKey))
	require.NoError(t, err)
	slog.New(h).Info("after the crash")
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	require.NoError(t, af.Close())
	rep := verifyPaths(t, []string{path})
	require.True(t, hasFinding(rep, Torn, 4), "%v", rep.Findings)
	require.True(t, hasFinding(rep, Gap, 5), "%v", rep.Findings)
}

// TestWrapRefusesRedactedAuditMember: a wrapped slogcore handler whose
// redaction would mask the audit member (a rule on the key "key", a
// detector that matches the chain id) is refused at New, since no record
// it writes would verify; ids it leaves alone are accepted.
func TestWrapRefusesRedactedAuditMember(t *testing.T) {
	for name, tc := range map[string]struct {
		rules []redact.Rule
		opts  []Option
	}{
		"path rule on the key id":  {[]redact.Rule{redact.Credentials, {Name: "keys", Paths: []string{"audit.key"}}}, []Option{WithKey("k1", testKey)}},
		"detector on the chain id": {[]redact.Rule{redact.Credentials, redact.GDPR}, []Option{WithChainID("ops@example.com")}},
	} {
		t.Run(name, func(t *testing.T) {
			core := slogcore.New(io.Discard, &slogcore.Options{Redact: redact.Must(tc.rules...)})
			defer core.Close(context.Background())
			_, err := New(core, tc.opts...)
			require.ErrorContains(t, err, "changes the audit member")
		})
	}
	core := slogcore.New(io.Discard, &slogcore.Options{Redact: redact.Must(redact.Credentials, redact.GDPR)})
	defer core.Close(context.Background())
	h, err := New(core, WithKey("k1", testKey), WithChainID("orders"))
	require.NoError(t, err)
	require.NoError(t, h.Close(context.Background()))
}

// TestSlogtestOverSlogcore: the wrapper over a slogcore handler is a
// correct slog.Handler, and every record it produces verifies.
func TestSlogtestOverSlogcore(t *testing.T) {
	var buf lockedBuf
	var core *slogcore.Handler
	t.Cleanup(func() { require.NoError(t, core.Close(context.Background())) })
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		if core != nil {
			require.NoError(t, core.Close(context.Background()))
		}
		buf.Reset()
		core = slogcore.New(&buf, nil)
		return Wrap(core, WithChainID("t"))
	}, func(t *testing.T) map[string]any {
		require.NoError(t, core.Flush(context.Background()))
		data := buf.Bytes()
		var lines []map[string]any
		for _, l := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			var m map[string]any
			require.NoError(t, json.Unmarshal(l, &m))
			if m["msg"] == MsgStart {
				continue
			}
			delete(m, "audit")
			lines = append(lines, m)
		}
		require.Len(t, lines, 1)
		_, err := Verify(context.Background(), bytes.NewReader(data), VerifyOptions{})
		require.NoError(t, err)
		return lines[0]
	})
}

type lockedBuf struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuf) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuf) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

func (b *lockedBuf) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Reset()
}

// gatedGaps is a slog.Handler for slogcore.Async: it holds the worker in
// its first Handle until release is closed, and fails the first failGaps
// audit.gap records it is given.
type gatedGaps struct {
	next     slog.Handler
	entered  chan struct{}
	release  chan struct{}
	calls    int // the worker's goroutine only
	failGaps int
}

func (g *gatedGaps) Enabled(context.Context, slog.Level) bool { return true }
func (g *gatedGaps) WithAttrs([]slog.Attr) slog.Handler       { return g }
func (g *gatedGaps) WithGroup(string) slog.Handler            { return g }

func (g *gatedGaps) Handle(ctx context.Context, r slog.Record) error {
	g.calls++
	if g.calls == 1 {
		close(g.entered)
		<-g.release
	}
	if r.Message == MsgGap && g.failGaps > 0 {
		g.failGaps--
		return syscall.EIO
	}
	return g.next.Handle(ctx, r)
}

// TestLostGapRecordRedeclared: however many audit.gap records are passed
// to a slow asynchronous handler after one of them, that one's
// declarations are declared again when the handler reports its loss, so
// that the log verifies.
func TestLostGapRecordRedeclared(t *testing.T) {
	const gaps = 200
	var buf bytes.Buffer
	g := &gatedGaps{next: slog.NewJSONHandler(&buf, nil), entered: make(chan struct{}), release: make(chan struct{}), failGaps: gaps}
	core := slogcore.Async(g, &slogcore.Options{QueueSize: 4 * gaps, OnError: func(error) {}})
	h := Wrap(core, WithKey("k", testKey), WithChainID("gaps"), WithMaxRecordSize(200), OnError(func(error) {}))
	l := slog.New(h)
	l.Info("first")
	<-g.entered // the worker waits: every record below stays in flight
	for i := range gaps {
		l.Info("too large", "pad", strings.Repeat("x", 300)) // its seq is lost at once
		l.Info("next", "i", i)                               // declares it with an audit.gap record first
	}
	close(g.release)
	err := h.Close(context.Background())
	require.ErrorIs(t, err, ErrRecordsLost)
	require.ErrorContains(t, err, " 0 not declared")
	require.ErrorIs(t, core.Close(context.Background()), slogcore.ErrRecordsLost) // the gap records
	s := h.Stats()
	require.EqualValues(t, 2*gaps, s.Failed) // the too large records and the gap records
	require.Equal(t, s.Failed, s.Declared)
	rep := verifyBuf(t, buf.Bytes(), VerifyOptions{Key: testKey})
	require.EqualValues(t, s.Written, rep.Records)
}

// TestDroppedGapRecordEndsRound: while a slogcore handler's queue stays
// full under DropNewest, a gap record it drops is declared with the next
// record rather than retried at once, so that Handle returns and takes a
// few seqs, not as many as it can until the writer recovers.
func TestDroppedGapRecordEndsRound(t *testing.T) {
	g := &gatedGaps{next: slog.DiscardHandler, entered: make(chan struct{}), release: make(chan struct{})}
	core := slogcore.Async(g, &slogcore.Options{QueueSize: 1, Overflow: slogcore.DropNewest, OnError: func(error) {}})
	h := Wrap(core, WithChainID("full"), OnError(func(error) {}))
	l := slog.New(h)
	l.Info("first") // audit.start holds the worker; "first" is dropped
	<-g.entered
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 3 { // a gap record takes the queue's place, then every record is dropped
			l.Info("while full", "i", i)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		close(g.release)
		<-done
		t.Fatalf("Handle did not return while the queue was full: head at seq %d", h.Head().Seq)
	}
	// audit.start, first, and per record at most one gap record and itself.
	require.LessOrEqual(t, h.Head().Seq, uint64(2+2*3))
	close(g.release)
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	_ = core.Close(context.Background())
	s := h.Stats()
	require.Equal(t, s.Failed, s.Declared)
}

// TestLossKeepsCheckpointsGoing: a lost record keeps its leaf in the
// Merkle tree, so checkpoints after it are still signed. Before, the tree
// fell one leaf behind the chain and every later checkpoint was refused:
// one failed write switched off the detection of a cut tail.
func TestLossKeepsCheckpointsGoing(t *testing.T) {
	pub, priv := fixedSigner()
	cps := filepath.Join(t.TempDir(), "audit.checkpoints")
	cf, err := OpenCheckpointFile(cps)
	require.NoError(t, err)
	w := &failMarked{marker: `"msg":"lost"`}
	h, err := New(slog.NewJSONHandler(w, nil), WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(cf, 2, 0), WithChainID("c"))
	require.NoError(t, err)
	l := slog.New(h)
	l.Info("a")
	l.Info("lost")
	for i := range 30 {
		l.Info("b", "i", i)
	}
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	require.NoError(t, cf.Close())
	require.Zero(t, h.Stats().CheckpointsRefused)
	cpData, err := os.ReadFile(cps)
	require.NoError(t, err)
	opts := func() VerifyOptions {
		return VerifyOptions{Key: testKey, PublicKey: pub, Checkpoints: bytes.NewReader(cpData), RequireCheckpoints: true}
	}

	rep := verifyBuf(t, w.Bytes(), opts()) // untouched: intact, the loss declared
	gaps := 0
	for _, f := range rep.Findings {
		if f.Kind == Gap {
			gaps++
		}
	}
	require.Equal(t, 1, gaps, "%v", rep.Findings)

	cut := lines(w.Bytes())[:6]
	rep, err = Verify(context.Background(), bytes.NewReader(join(cut)), opts())
	require.Error(t, err, "the newest records were cut: %v", rep.Findings)
	truncated := false
	for _, f := range rep.Findings {
		truncated = truncated || f.Kind == Truncated
	}
	require.True(t, truncated, "%v", rep.Findings)
}

// TestRestartAfterLossKeepsCheckpoints: a File whose log holds a declared
// loss rebuilds its Merkle tree on restart from the in-band checkpoint
// after the loss, and goes on signing checkpoints that verify.
func TestRestartAfterLossKeepsCheckpoints(t *testing.T) {
	pub, priv := fixedSigner()
	dir := t.TempDir()
	path, cps := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
	session := func(records int, fail string) Stats {
		cf, err := OpenCheckpointFile(cps)
		require.NoError(t, err)
		af, err := OpenFile(path, WithFileSync(SyncNever()))
		require.NoError(t, err)
		af.inject = func(f *os.File, p []byte) (int, error) {
			if fail != "" && bytes.Contains(p, []byte(fail)) {
				return 0, syscall.EIO
			}
			return f.Write(p)
		}
		h, err := af.Handler(WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(cf, 3, 0), WithChainID("c"))
		require.NoError(t, err)
		for i := range records {
			slog.New(h).Info("r", "i", i)
		}
		_ = h.Close(context.Background())
		s := h.Stats()
		require.NoError(t, af.Close())
		require.NoError(t, cf.Close())
		return s
	}
	s := session(10, `"i":4`)
	require.EqualValues(t, 1, s.Failed)
	s = session(10, "")
	require.Zero(t, s.CheckpointsRefused, "the restarted writer must rebuild its tree past the loss")
	require.NotZero(t, s.Checkpoints)
	cpData, err := os.ReadFile(cps)
	require.NoError(t, err)
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey, PublicKey: pub, Checkpoints: bytes.NewReader(cpData), RequireCheckpoints: true})
	require.NoError(t, err, "%v", rep.Findings)
	require.Equal(t, rep.Chains["c"].Last, rep.Chains["c"].Covered, "the last checkpoint covers the last record")
}

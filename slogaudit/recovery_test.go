package slogaudit_test

// Crash, restart and tampering scenarios of the audit log: each test states
// the scenario and the verdict the documentation promises, and fails when
// the verifier says otherwise.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

var rtKey = bytes.Repeat([]byte{7}, 32)

func rtVerify(t *testing.T, paths ...string) (slogaudit.Report, error) {
	t.Helper()
	rep, err := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	return rep, err
}

// rtWrite opens path, writes n records through File.Handler and closes both.
func rtWrite(t *testing.T, path string, n int, pad int, opts ...slogaudit.Option) {
	t.Helper()
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(append([]slogaudit.Option{slogaudit.WithKey("k1", rtKey)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	for i := range n {
		l.Info("event", "i", i, "pad", strings.Repeat("x", pad))
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := af.Close(); err != nil {
		t.Fatal(err)
	}
}

func rtIntact(t *testing.T, paths ...string) {
	t.Helper()
	if dir := os.Getenv("RT_OUT"); dir != "" { // keep the files for the command
		for _, p := range paths {
			b, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(dir, t.Name()+"-"+filepath.Base(p)), b, 0o600)
		}
	}
	rep, err := rtVerify(t, paths...)
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log verifies as not intact: err=%v", err)
	}
}

// tear cuts the last line of path to keep bytes of it (a crash mid-write).
func tear(t *testing.T, path string, keepOfLast func(lineLen int) int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	i := bytes.LastIndexByte(b, '\n') + 1
	last := b[i:]
	if err := os.WriteFile(path, append(b[:i:i], last[:keepOfLast(len(last))]...), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Crash loop: a crash tears the last line; the next process opens the file
// (which closes the torn line with a newline) and stops again before it
// logs anything (a crash at start-up, or a configuration error after
// OpenFile). The third process logs. Nobody altered the file: the third
// run's audit.start must name the fragment, which is no longer the file's
// unterminated end (recover takes a last line that is no JSON for it).
func TestTornThenRestartWithoutRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 5, 10)
	tear(t, path, func(n int) int { return n / 2 })

	af, err := slogaudit.OpenFile(path) // second process: opens, then dies
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := af.Torn(); !ok {
		t.Fatal("torn line not seen")
	}
	af.Close()

	rtWrite(t, path, 2, 10) // third process
	rtIntact(t, path)
}

// A crash that wrote a whole record but not its final newline: the record
// is the chain's head, not a fragment (resuming before it would write its
// seq twice, which verifies as inserted).
func TestTornOnlyNewlineMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 5, 10)
	tear(t, path, func(n int) int { return n }) // only the '\n' lost
	rtWrite(t, path, 2, 10)
	rtIntact(t, path)
}

// Several chains in one file (doc: "Processes that share one file need
// different ids"; OpenFile recovers "each chain's head"). Chain a writes a
// little, chain b writes more than 1 MiB, then chain a restarts: its head
// lies before the tail OpenFile reads, and File.Handler must find it.
func TestSharedFileChainHeadBeyondTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 3, 10, slogaudit.WithChainID("a"))
	rtWrite(t, path, 1200, 1000, slogaudit.WithChainID("b"))
	rtWrite(t, path, 2, 10, slogaudit.WithChainID("a"))
	rtIntact(t, path)
}

// One large record (allowed by WithMaxRecordSize) is the last line; the
// chain restarts under its fixed id: the tail read grows to hold it.
func TestLargeLastRecordRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	big := slogaudit.WithMaxRecordSize(4 << 20)
	rtWrite(t, path, 2, 10, slogaudit.WithChainID("svc"), big)
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"), big)
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("big", "blob", strings.Repeat("y", 2<<20))
	// crash: no Close of the handler (no audit.stop after the big record)
	af.Close()
	rtWrite(t, path, 2, 10, slogaudit.WithChainID("svc"), big)
	rtIntact(t, path)
}

// A large record torn by a crash: the fragment is longer than the 1 MiB
// tail that OpenFile reads first, and its hash must be the whole
// fragment's.
func TestLargeTornRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	big := slogaudit.WithMaxRecordSize(4 << 20)
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), big)
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("small")
	slog.New(h).Info("big", "blob", strings.Repeat("y", 2<<20))
	af.Close()
	tear(t, path, func(n int) int { return n - 100 })
	rtWrite(t, path, 2, 10, big)
	rtIntact(t, path)
}

// The same with the default WithMaxRecordSize: a record whose canonical
// form is just under 1 MiB is allowed, but its line (with the audit
// member) is longer than the 1 MiB tail that OpenFile reads back.
func TestDefaultSizeLastRecordRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 2, 10, slogaudit.WithChainID("svc"))
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Handle(context.Background(), bigRecord(1<<20-120)); err != nil {
		t.Fatalf("record refused: %v", err)
	}
	af.Close() // crash: the big record is the last line
	rtWrite(t, path, 2, 10, slogaudit.WithChainID("svc"))
	rtIntact(t, path)
}

// A crash tears such a record near its end (default settings).
func TestDefaultSizeTornRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("small")
	if err := h.Handle(context.Background(), bigRecord(1<<20-120)); err != nil {
		t.Fatalf("record refused: %v", err)
	}
	af.Close()
	tear(t, path, func(n int) int { return n - 20 })
	rtWrite(t, path, 2, 10)
	rtIntact(t, path)
}

func bigRecord(n int) slog.Record {
	r := slog.NewRecord(time.Now(), slog.LevelInfo, "big", 0)
	r.AddAttrs(slog.String("blob", strings.Repeat("y", n)))
	return r
}

// The verifier reads a record whose msg is "audit.gap" as the writer's own
// declaration of loss. Code that can log through the application's logger
// (but holds no key) logs such a message, and whoever can edit the file
// then deletes the records it would name: the handler must write the
// caller's message as "_audit.gap", so that the deletion verifies as
// missing, not as a declared gap.
func TestForgedGapDeclaration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey))
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	for i := range 6 { // seq 1 is audit.start, these are seq 2..7
		l.Info("payment", "i", i)
	}
	// seq 8: an ordinary application record that happens to carry this msg
	l.Info("audit.gap", "records", 3, "lost", []map[string]any{{"from": 3, "to": 5, "reason": "disk full"}})
	l.Info("after")
	h.Close(context.Background())
	af.Close()
	rtIntact(t, path) // untouched: intact

	b, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(b), "\n")
	cut := strings.Join(append(lines[:2:2], lines[5:]...), "") // drop seq 3, 4, 5
	if err := os.WriteFile(path, []byte(cut), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := rtVerify(t, path)
	if err == nil || rep.Intact() {
		t.Fatal("three payment records were deleted and the log verifies as intact")
	}
}

type rtValuer struct{ depth int }

func (v rtValuer) LogValue() slog.Value {
	if v.depth == 0 {
		return slog.StringValue("leaf\xff")
	}
	return slog.GroupValue(slog.Any("inner", rtValuer{v.depth - 1}), slog.Int("d", v.depth))
}

type rtMarsh struct{}

func (rtMarsh) MarshalJSON() ([]byte, error) { return []byte(`{"b":1, "a":[1.0, 2e3, "\u00e9"]}`), nil }

type rtText struct{}

func (rtText) MarshalText() ([]byte, error) { return []byte("te\x00xt\xfe"), nil }

func rtCases() map[string][]slog.Attr {
	loc := time.FixedZone("X", 5*3600+1800)
	nan := 0.0
	nan = nan / nan
	return map[string][]slog.Attr{
		"badutf8-value": {slog.String("s", "a\xffb\xc3")},
		"badutf8-key":   {slog.String("k\xff", "v")},
		"ctrl-chars":    {slog.String("s", "\x00\x01\u2028\u2029</script>&<>")},
		"nan-inf":       {slog.Float64("nan", nan), slog.Float64("pinf", 1/nan*0+posInf()), slog.Float64("ninf", -posInf())},
		"floats":        {slog.Float64("z", math.Copysign(0, -1)), slog.Float64("big", 1e21), slog.Float64("small", 1e-7), slog.Float64("max", 1.7976931348623157e308), slog.Any("f32", float32(0.1))},
		"ints":          {slog.Uint64("u", 1<<64-1), slog.Int64("min", -1<<63), slog.Int64("p53", 1<<53+1), slog.Int64("e53", 1<<53), slog.Any("i8", int8(-3))},
		"times":         {slog.Time("tz", time.Date(2020, 1, 2, 3, 4, 5, 6, loc)), slog.Time("zero", time.Time{}), slog.Time("y10k", time.Date(10001, 1, 1, 0, 0, 0, 0, time.UTC)), slog.Time("neg", time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC))},
		"durations":     {slog.Duration("d", 1500*time.Millisecond), slog.Duration("neg", -1)},
		"empty-key":     {slog.String("", "v"), slog.Int("x", 1)},
		"dup-keys":      {slog.Int("a", 1), slog.Int("a", 2), slog.String("msg", "m"), slog.String("_msg", "n")},
		"groups":        {slog.Group("g", slog.Int("a", 1), slog.Group("", slog.Int("b", 2)), slog.Group("e")), slog.Group("", slog.Int("inl", 3))},
		"valuer":        {slog.Any("v", rtValuer{3})},
		"any":           {slog.Any("m", map[string]any{"z": 1, "a": []any{nil, true, 1.5}}), slog.Any("mi", map[int]string{2: "b", 10: "a"}), slog.Any("bytes", []byte("\x00\xff")), slog.Any("nil", nil), slog.Any("err", errorString("e\xff")), slog.Any("marsh", rtMarsh{}), slog.Any("text", rtText{})},
		"struct": {slog.Any("st", struct {
			A int
			B string
			c int
		}{1, "x\xff", 3})},
		"long":         {slog.String("long", strings.Repeat("é", 70000))},
		"audit-key":    {slog.String("audit", "x"), slog.String("time", "t"), slog.String("level", "l"), slog.String("source", "s")},
		"unicode-keys": {slog.Int("é", 1), slog.Int("e", 2), slog.Int("\U0001F600", 3), slog.Int("\uFFFD", 4), slog.Int("Z", 5)},
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

func posInf() float64 { x := 1e308; return x * 10 }

// Records with unusual values, through Wrap over slog.JSONHandler and
// through File.Handler, verify as intact.
func TestUnusualValues(t *testing.T) {
	for name, attrs := range rtCases() {
		t.Run(name+"/wrap", func(t *testing.T) {
			var buf bytes.Buffer
			h := slogaudit.Wrap(slog.NewJSONHandler(&buf, nil), slogaudit.WithKey("k1", rtKey))
			l := slog.New(h)
			l.LogAttrs(context.Background(), slog.LevelInfo, "m\xff", attrs...)
			slog.New(h.WithAttrs(attrs).WithGroup("G").WithAttrs(attrs)).Info("w", "x", 1)
			h.Close(context.Background())
			rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(buf.Bytes()), slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
			if err != nil || !rep.Intact() {
				t.Errorf("not intact: %v\n%s", err, buf.String()[:min(buf.Len(), 3000)])
			}
		})
		t.Run(name+"/file", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := slogaudit.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			h, err := af.Handler(slogaudit.WithKey("k1", rtKey))
			if err != nil {
				t.Fatal(err)
			}
			l := slog.New(h)
			l.LogAttrs(context.Background(), slog.LevelInfo, "m\xff", attrs...)
			slog.New(h.WithAttrs(attrs).WithGroup("G").WithAttrs(attrs)).Info("w", "x", 1)
			h.Close(context.Background())
			af.Close()
			rep, err := rtVerify(t, path)
			if err != nil || !rep.Intact() {
				b, _ := os.ReadFile(path)
				t.Errorf("not intact: %v\n%s", err, b[:min(len(b), 3000)])
			}
		})
	}
}

// Rotation, several restarts, concurrent writers
// and retention pruning: the remaining files verify as intact.
func TestLifecycle(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	run := func(n int, prune bool) {
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(8<<10), slogaudit.WithRetention(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"))
		if err != nil {
			t.Fatal(err)
		}
		l := slog.New(h)
		done := make(chan struct{})
		for g := range 8 {
			go func() {
				defer func() { done <- struct{}{} }()
				for i := range n {
					l.Info("event", "g", g, "i", i, "pad", strings.Repeat("p", 50))
				}
			}()
		}
		for range 8 {
			<-done
		}
		if prune {
			if _, err := af.Prune(context.Background(), time.Now().Add(2*time.Hour)); err != nil {
				t.Fatal(err)
			}
			l.Info("after prune")
		}
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		af.Close()
	}
	run(30, false)
	run(30, false)
	run(30, false)
	paths, _ := slogaudit.RotatedFiles(path)
	rtIntact(t, paths...)
	run(30, true)
	paths, _ = slogaudit.RotatedFiles(path)
	rtIntact(t, paths...)
	run(30, false)
	paths, _ = slogaudit.RotatedFiles(path)
	rtIntact(t, paths...)
}

// A crash right after a rotation: the current file holds no whole record
// of the chain (here: it is empty, as after the rename and before the first
// write; a torn first line of the new file does the same). The restarted
// handler must continue chain svc from the rotated file, not start it again
// at seq 1.
func TestRestartAfterRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 5, 10, slogaudit.WithChainID("svc"))
	if err := os.Rename(path, path+".000001"); err != nil { // what rotateLocked does first
		t.Fatal(err)
	}
	af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(1<<20))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("after restart")
	h.Close(context.Background())
	af.Close()
	paths, _ := slogaudit.RotatedFiles(path)
	rtIntact(t, paths...)
}

// The same, reached by the package alone: rotation moves the chain's
// records away, the new file's only line is torn by a crash.
func TestTornFirstLineAfterRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(4<<10))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"))
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	for i := 0; ; i++ {
		l.Info("event", "i", i, "pad", strings.Repeat("p", 100))
		if paths, _ := slogaudit.RotatedFiles(path); len(paths) > 1 {
			break // the record just written is the new file's first line
		}
	}
	af.Close() // crash: no audit.stop
	tear(t, path, func(n int) int { return n / 2 })
	rtWrite(t, path, 2, 10, slogaudit.WithChainID("svc"))
	paths, _ := slogaudit.RotatedFiles(path)
	rtIntact(t, paths...)
}

// After a key rotation: k1 leaked, so the operator moved the chain to k2
// with RotateKey. Whoever holds the retired k1 appends records to the
// chain as a "restart" (an audit.start MACed by k1). A restart may change
// the key id, but not back to a key the chain was rotated away from: the
// verifier must report key-change.
func TestRetiredKeyAfterRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	k2 := bytes.Repeat([]byte{9}, 32)
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("before rotation")
	if err := h.RotateKey(context.Background(), "k2", k2, nil); err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("after rotation")
	h.Close(context.Background())
	af.Close()

	// File.Handler refuses to resume the chain with the retired key; its
	// holder writes through Wrap, resuming from the head.
	af, err = slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc")); err == nil {
		t.Fatal("File.Handler resumed chain svc with the retired key k1")
	}
	head := af.Heads()["svc"]
	af.Close()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	forger := slogaudit.Wrap(slog.NewJSONHandler(f, nil), slogaudit.WithKey("k1", rtKey), slogaudit.WithResume(head))
	slog.New(forger).Info("event", "i", 0)
	forger.Close(context.Background())
	f.Close()

	rep, err := slogaudit.VerifyFiles(context.Background(), []string{path}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey, "k2": k2}})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	t.Logf("key ranges: %+v", rep.Chains["svc"].Keys)
	if err == nil || rep.Intact() {
		t.Fatal("records MACed by the retired key k1 after the rotation to k2 verify as intact")
	}
}

// The documented asynchronous setup over a File ("write audit logs through
// a File (or slogcore.New over one)"), restarted after a crash that tore
// the last line: with WithTorn(af.Torn()) the audit.start names the
// fragment, which verifies as torn.
func TestTornLineSlogcoreOverFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	run := func() {
		af, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		core := slogcore.New(af, nil)
		opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc")}
		if head, ok := af.Heads()["svc"]; ok {
			opts = append(opts, slogaudit.WithResume(head))
		}
		if torn, ok := af.Torn(); ok {
			opts = append(opts, slogaudit.WithTorn(torn))
		}
		h, err := slogaudit.New(core, opts...)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			slog.New(h).Info("event", "i", i)
		}
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		core.Close(context.Background())
		af.Close()
	}
	run()
	tear(t, path, func(n int) int { return n / 2 })
	run()
	rtIntact(t, path)
}

// As with audit.gap: an application record with msg "retention.applied"
// and an ends_at group must not explain away the removal of a chain's
// first records (as pruned, information).
func TestForgedRetentionRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"))
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	for i := range 4 { // seq 1 audit.start, seq 2..5
		l.Info("payment", "i", i)
	}
	head := h.Head() // what the file's line 5 says; read from the file by whoever edits it
	l.Info("later")
	l.Info("retention.applied", slog.Group("ends_at", slog.Group("svc", slog.Uint64("seq", head.Seq), slog.String("hash", head.Hash.String()))))
	h.Close(context.Background())
	af.Close()
	rtIntact(t, path)

	b, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(b), "\n")
	if err := os.WriteFile(path, []byte(strings.Join(lines[5:], "")), 0o600); err != nil { // drop seq 1..5
		t.Fatal(err)
	}
	rep, err := rtVerify(t, path)
	if err == nil || rep.Intact() {
		t.Fatal("the first five records were deleted and the log verifies as intact")
	}
}

// The same class: an application record with msg "audit.start" and a torn
// group must not acknowledge a line inserted before it as a crash's
// fragment, nor add a "restart" that never happened.
func TestForgedTornAcknowledgement(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	fake := `{"time":"2026-01-01T00:00:00Z","level":"INFO","msg":"refund approved","amount":99999`
	sum := sha256.Sum256([]byte(fake))
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey))
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	l.Info("payment")
	l.Info("audit.start", slog.Group("torn", slog.Int("bytes", len(fake)), slog.String("sha256", hex.EncodeToString(sum[:]))))
	l.Info("payment")
	h.Close(context.Background())
	af.Close()

	b, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(b), "\n")
	edited := strings.Join(lines[:2], "") + fake + "\n" + strings.Join(lines[2:], "")
	if err := os.WriteFile(path, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := rtVerify(t, path)
	if err == nil || rep.Intact() {
		t.Fatal("a line inserted in the middle of the log verifies as intact")
	}
}

// Sealing across restarts (a new chain id each run, as WithSealing asks),
// one run crashing without its final seal, then a torn line.
func TestSealingRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	for run, id := range []string{"s1", "s2", "s3", "s4"} {
		af, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(id), slogaudit.WithSealing(0, 3))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 7 {
			slog.New(h).Info("event", "i", i)
		}
		if run != 1 { // run 1 crashes: no Close, no final seal
			h.Close(context.Background())
		}
		af.Close()
		if run == 2 {
			tear(t, path, func(n int) int { return n / 2 })
		}
	}
	rep, err := slogaudit.VerifyFiles(context.Background(), []string{path}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}, Sealed: true})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched sealed log not intact: %v", err)
	}
}

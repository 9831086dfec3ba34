package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// wrappedLog writes records with unusual but legal values through Wrap
// over slog.JSONHandler, with the options given.
func wrappedLog(t *testing.T, opts ...Option) []byte {
	t.Helper()
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), append([]Option{WithRedactor(nil)}, opts...)...)
	l := slog.New(h)
	l.Info("plain", "n", 7, "s", "text")
	l.Info("html <b> & \"quotes\" \\ /slash", "path", "/x?a=1&b=<2>", "ctl", "a\tb\nc\x01\x1f")
	l.Info("unicode é ü 日本 😀 \u2028 \u2029", "é", "key outside ASCII", "emoji😀", 1)
	l.Info("numbers", "f", 0.1, "g", 1e21, "h", 1.5e-7, "big", int64(9007199254740993), "neg", math.Copysign(0, -1), "max", math.MaxFloat64,
		"u", uint64(math.MaxUint64), "nan", math.NaN(), "inf", math.Inf(-1), "small", 5e-324)
	l.Info("groups", slog.Group("req", slog.String("b", "2"), slog.String("a", "1"), slog.Group("in", "z", true, "y", nil)))
	l.With("w2", 2, "w1", 1).WithGroup("g").Info("with", "k", "v")
	l.Info("any", "m", map[string]any{"z": 1, "a": []any{1, "x", map[string]int{"q": 2}}, "": "empty"}, "err", errors.New("boom"))
	l.Info("times", "t", time.Date(2026, 12, 2, 10, 0, 0, 123456789, time.FixedZone("X", 3600)), "d", 90*time.Second)
	l.Info("", "empty msg", "", "", "empty key")
	l.Info("invalid \xff utf8", "bad\xfe", "v\xc3")
	l.Info(strings.Repeat("long ", 2000))
	l.Info("dup", "x", 1, "x", 2)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tamperings change one line of a log in ways that change the record or
// only its encoding.
var tamperings = []struct {
	name string
	f    func(line string) string
}{
	{"none", func(l string) string { return l }},
	{"digit", func(l string) string { return replaceFirstDigit(l) }},
	{"letter", func(l string) string { return strings.Replace(l, `"msg":"`, `"msg":"X`, 1) }},
	{"escape a letter", func(l string) string { return strings.Replace(l, `"level":"INFO"`, `"level":"\u0049NFO"`, 1) }},
	{"reorder", func(l string) string { return moveMember(l, `"level":"INFO",`) }},
	{"spaces", func(l string) string { return strings.Replace(strings.Replace(l, `":`, `": `, 3), `,"`, ` , "`, 2) }},
	{"duplicate member", func(l string) string {
		return strings.Replace(l, `"level":"INFO",`, `"level":"INFO","level":"INFO",`, 1)
	}},
	{"drop member", func(l string) string { return strings.Replace(l, `"level":"INFO",`, ``, 1) }},
	{"upper-case hash", func(l string) string { return upperHash(l, `"hash":"`) }},
	{"seq", func(l string) string { return strings.Replace(l, `"seq":`, `"seq":1`, 1) }},
	{"no audit", func(l string) string {
		if i := strings.Index(l, `,"audit":`); i >= 0 {
			return l[:i] + "}"
		}
		return l
	}},
	{"torn", func(l string) string { return l[:len(l)/2] }},
	{"glued onto a fragment", func(l string) string { return l[:len(l)/3] + l }},
	{"fragment and newline before", func(l string) string { return l[:len(l)/3] + "\n" + l }},
	{"trailing", func(l string) string { return l + " x" }},
	{"crlf", func(l string) string { return l + "\r" }},
	{"own message", func(l string) string { return strings.Replace(l, `"msg":"`, `"msg":"audit.gap`, 1) }},
}

func replaceFirstDigit(l string) string {
	i := strings.IndexAny(l, "0123456789")
	if i < 0 {
		return l
	}
	d := byte('1')
	if l[i] == '1' {
		d = '2'
	}
	return l[:i] + string(d) + l[i+1:]
}

func moveMember(l, m string) string {
	if !strings.Contains(l, m) {
		return l
	}
	l = strings.Replace(l, m, "", 1)
	i := strings.LastIndex(l, `,"audit":`)
	if i < 0 {
		return l
	}
	return l[:i+1] + m + l[i+1:]
}

func upperHash(l, at string) string {
	i := strings.Index(l, at)
	if i < 0 || i+len(at)+64 > len(l) {
		return l
	}
	i += len(at)
	return l[:i] + strings.ToUpper(l[i:i+64]) + l[i+64:]
}

// verifyBothWays verifies log with and without recodedRecord and fails
// when the reports differ.
func verifyBothWays(t *testing.T, log []byte, o VerifyOptions) Report {
	t.Helper()
	defer func(was bool) { recodeLines = was }(recodeLines)
	var reps [2]Report
	var errs [2]error
	for i, on := range []bool{true, false} {
		recodeLines = on
		reps[i], errs[i] = Verify(context.Background(), bytes.NewReader(log), o)
	}
	if !reflect.DeepEqual(reps[0], reps[1]) || (errs[0] == nil) != (errs[1] == nil) {
		a, _ := json.MarshalIndent(reps[0], "", " ")
		b, _ := json.MarshalIndent(reps[1], "", " ")
		t.Fatalf("reports differ (errors %v, %v):\nrecoded: %s\nparsed: %s", errs[0], errs[1], a, b)
	}
	return reps[0]
}

// TestRecodedVerdictsMatchParsed: a line of another handler checked by
// re-encoding its bytes gets exactly the verdict of one parsed in full,
// for logs as written and for every tampering of every line.
func TestRecodedVerdictsMatchParsed(t *testing.T) {
	keys := VerifyOptions{Keys: map[string][]byte{"k1": testKey}}
	logs := []struct {
		name string
		log  []byte
		o    VerifyOptions
	}{
		{"keyed", wrappedLog(t, WithKey("k1", testKey)), keys},
		{"keyless", wrappedLog(t), VerifyOptions{}},
		{"sealed", wrappedLog(t, WithKey("k1", testKey), WithSealing(0, 3)), keys},
		{"v1", readFixture(t, "testdata/v1").log, VerifyOptions{Keys: map[string][]byte{"k1": readFixture(t, "testdata/v1").key}}},
	}
	recoded := 0
	for _, lg := range logs {
		rep := verifyBothWays(t, lg.log, lg.o)
		if lg.name != "v1" && !rep.Intact() {
			t.Fatalf("%s: the log as written is not intact: %+v", lg.name, rep.Findings)
		}
		lines := strings.SplitAfter(string(lg.log), "\n")
		for i := range lines {
			for _, tm := range tamperings {
				changed := tm.f(strings.TrimSuffix(lines[i], "\n"))
				if strings.HasSuffix(lines[i], "\n") {
					changed += "\n"
				}
				if changed == lines[i] && tm.name != "none" {
					continue
				}
				out := append([]string(nil), lines...)
				out[i] = changed
				verifyBothWays(t, []byte(strings.Join(out, "")), lg.o)
				recoded++
			}
		}
	}
	if recoded < 500 {
		t.Fatalf("only %d tampered logs compared", recoded)
	}
}

// TestRecodedLinesAreRecoded: the lines Wrap writes over slog.JSONHandler
// take the re-encoding path (else the comparison above compares the
// parser with itself).
func TestRecodedLinesAreRecoded(t *testing.T) {
	log := wrappedLog(t, WithKey("k1", testKey))
	v, err := newVerifier(VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	if err != nil {
		t.Fatal(err)
	}
	n, lines := 0, bytes.Split(bytes.TrimSuffix(log, []byte("\n")), []byte("\n"))
	for _, l := range lines {
		if v.recodedRecord(l) {
			n++
		}
	}
	// Every line but the wrapper's own (audit.start, audit.stop) and the
	// two with a key from U+E000 ("emoji😀", and "bad\ufffd" as the JSON
	// handler writes invalid UTF-8).
	if want := len(lines) - 4; n != want {
		t.Errorf("%d of %d lines recoded, want %d", n, len(lines), want)
	}
}

// FuzzWrappedAudit: what parseWrappedAudit accepts, parseAudit accepts
// with the same fields.
func FuzzWrappedAudit(f *testing.F) {
	const h = "f4a51c98db427510ffff8024f01e0b71d7acd03070f3b8a5ddaa5de47af9752d"
	for _, s := range []string{
		`{"v":2,"chain":"c1","seq":3,"prev":"` + h + `","hash":"` + h + `","mac":"` + h + `","key":"k1"}`,
		`{"v":2,"chain":"c1","seq":3,"prev":"` + h + `","hash":"` + h + `","epoch":4,"mac":"` + h + `","key":"k1"}`,
		`{"v":1,"chain":"c1","seq":1,"prev":"` + h + `","hash":"` + h + `"}`,
		`{"v":1,"chain":"c1","seq":1,"prev":"` + h + `","hash":"` + h + `","epoch":0}`,
		`{"v":3,"chain":"c1","seq":1,"prev":"` + h + `","hash":"` + h + `"}`,
		`{"v":2,"chain":"","seq":0,"prev":"` + h + `","hash":"` + h + `"}`,
		`{"v":2,"chain":"c","seq":9007199254740993,"prev":"` + h + `","hash":"` + strings.ToUpper(h) + `"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v verifier
		got, ok := v.parseWrappedAudit(b)
		if !ok {
			return
		}
		a, err := v.parser.Parse(b)
		if err != nil {
			t.Fatalf("%q: accepted, but Parse fails: %v", b, err)
		}
		want, err := parseAudit(a)
		if err != nil {
			t.Fatalf("%q: accepted, but parseAudit fails: %v", b, err)
		}
		if got != want {
			t.Fatalf("%q:\n got %+v\nwant %+v", b, got, want)
		}
	})
}

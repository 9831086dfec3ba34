package slogcore

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSplitKey(t *testing.T) {
	for key, want := range map[string][]string{
		"client_secret":  {"client", "secret"},
		"clientSecret":   {"client", "secret"},
		"CLIENT-SECRET":  {"client", "secret"},
		"APIKey":         {"api", "key"},
		"x.api.key":      {"x", "api", "key"},
		"HTTPServerName": {"http", "server", "name"},
		"author":         {"author"},
		"token2":         {"token2"},
		"":               nil,
	} {
		require.Equal(t, want, splitKey(key), key)
	}
}

func TestKeyMatching(t *testing.T) {
	r := MustRedactor(Credentials)
	for key, sensitive := range map[string]bool{
		"password": true, "client_secret": true, "clientSecret": true, "apikey": true, "api_key": true,
		"X-API-KEY": true, "authToken": true, "user.password": true, "password_confirmation": true,
		"author": false, "token_count": false, "tokenizer": false, "secret_name": false,
		"api_key_id": false, "keyboard": false, "passage": false,
	} {
		require.Equal(t, sensitive, r.keyRule(key) != "", key)
	}
}

func TestNewRedactorErrors(t *testing.T) {
	_, err := NewRedactor(
		Rule{Terms: []string{"x"}},
		Rule{Name: "a", Terms: []string{"--"}, Paths: []string{"a..b"}, Mask: `"bad"`},
		Rule{Name: "b", Mask: "***"},
		Rule{Name: "c", Mask: "###", Detectors: []Detector{{Name: "broken"}}, MaxDepth: -1},
	)
	require.Error(t, err)
	msg := err.Error()
	require.True(t, strings.HasPrefix(msg, "slogcore: invalid redaction rules"))
	for _, want := range []string{"Name is empty", `term "--"`, `path "a..b"`, "quote, backslash", `Mask "###" conflicts`, `detector "broken"`, "MaxDepth -1"} {
		require.Contains(t, msg, want)
	}
	r, err := NewRedactor()
	require.NoError(t, err)
	require.Equal(t, DefaultMask, r.Mask())
}

func TestRedactStringSpans(t *testing.T) {
	r := MustRedactor(Credentials, PCI, GDPR)
	for in, want := range map[string]string{
		"postgres://app:pw@db:5432/x?sslmode=disable": "postgres://[REDACTED]@db:5432/x?sslmode=disable",
		"card 4111 1111 1111 1111 ok":                 "card [REDACTED] ok",
		"order 4111111111111112 shipped":              "order 4111111111111112 shipped",
		"mail alice@example.com.":                     "mail [REDACTED].",
		"login password=hunter2 user=bob":             "login password=[REDACTED] user=bob",
		`{"token":"abc","n":1}`:                       `{"token":"[REDACTED]","n":1}`,
		"Authorization: Bearer abc.def-123":           "Authorization: [REDACTED]",
		// Scheme words found by scan's quick test, without ':' or '='.
		"sent Bearer tok_9f8e7d6c upstream": "sent Bearer [REDACTED] upstream",
		"bearer tok_9f8e7d6c":               "bearer [REDACTED]",
		"x Basic dXNlcjpwYXNz":              "x Basic [REDACTED]",
		"Token abcd1234 (old)":              "Token [REDACTED] (old)",
		"(Digest abcd1234)":                 "(Digest [REDACTED])",
		"ApiKey k-1234567":                  "ApiKey [REDACTED]",
		"use Negotiate YIIabcd1234":         "use Negotiate [REDACTED]",
		"Bearer\tabcd1234":                  "Bearer\t[REDACTED]",
		// Near misses stay as they are.
		"subbearer tok_9f8e7d6c":   "subbearer tok_9f8e7d6c",
		"2Bearer tok_9f8e7d6c":     "2Bearer tok_9f8e7d6c",
		"the bearer of bad news":   "the bearer of bad news",
		"connection reset by peer": "connection reset by peer",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
	}
}

type hostile struct{}

func (hostile) String() string { panic("String exploded") }

type hostileValuer struct{}

func (hostileValuer) LogValue() slog.Value { panic("LogValue exploded") }

type hostileMap map[string]any

func (hostileMap) MarshalJSON() ([]byte, error) { panic("MarshalJSON exploded") }

// hostileErr panics in Error with a secret in the panic value.
type hostileErr struct{}

func (*hostileErr) Error() string { panic("password=hunter2 leaked by a panic") }

// TestRedactionFailsClosed: a panic inside redaction masks the value and is
// counted; the record is still written.
func TestRedactionFailsClosed(t *testing.T) {
	var buf bytes.Buffer
	red := MustRedactor(Credentials)
	h := New(&buf, &Options{Redact: red})
	var nilErr *hostileErr // a nil pointer: slog writes "<nil>", not a panic
	slog.New(h).Info("m", "s", hostile{}, "lv", hostileValuer{}, "j", hostileMap{"password": "x"},
		"e", &hostileErr{}, "nil", nilErr)
	require.NoError(t, h.Close(context.Background()))
	require.NotContains(t, buf.String(), "hunter2")
	line := parseLines(t, buf.Bytes())
	require.Len(t, line, 1)
	require.Equal(t, DefaultMask, line[0]["s"])
	require.Equal(t, DefaultMask, line[0]["j"])
	require.Equal(t, DefaultMask, line[0]["e"])
	require.Equal(t, "<nil>", line[0]["nil"])
	require.Contains(t, line[0]["lv"], "LogValue panicked") // slog's own recovery
	s := h.Stats()
	require.EqualValues(t, 3, s.RedactPanics)
	require.EqualValues(t, 3, s.RedactedBy["panic"])
}

func TestRedactionStats(t *testing.T) {
	var buf bytes.Buffer
	h := New(&buf, &Options{Redact: MustRedactor(Credentials, PCI)})
	l := slog.New(h)
	l.Info("m", "password", "x", "card", "y", "note", "4111111111111111 and postgres://a:b@h/d")
	require.NoError(t, h.Close(context.Background()))
	s := h.Stats()
	require.EqualValues(t, 4, s.Redacted)
	require.Equal(t, map[string]uint64{"credentials": 1, "pci": 1, "card-number": 1, "url-userinfo": 1}, s.RedactedBy)
}

func TestNoRedaction(t *testing.T) {
	var buf bytes.Buffer
	h := New(&buf, &Options{Redact: NoRedaction})
	slog.New(h).Info("m", "password", "visible")
	require.NoError(t, h.Close(context.Background()))
	require.Contains(t, buf.String(), `"password":"visible"`)
	require.Zero(t, h.Stats().Redacted)
	require.Equal(t, slog.DiscardHandler, Redact(slog.DiscardHandler, NoRedaction))
}

// TestCallerValuesUnchanged: redaction rebuilds values; the caller's map,
// slice and struct keep their secrets.
func TestCallerValuesUnchanged(t *testing.T) {
	m := map[string]any{"password": "p1", "nested": map[string]any{"token": "t1"}}
	s := []any{map[string]any{"secret": "s1"}}
	c := &creds{User: "u", Password: "c1"}
	var buf bytes.Buffer
	l := slog.New(Redact(slog.NewJSONHandler(&buf, nil), nil))
	l.Info("m", "m", m, "s", s, "c", c)
	require.NotContains(t, buf.String(), "p1")
	require.Equal(t, "p1", m["password"])
	require.Equal(t, "t1", m["nested"].(map[string]any)["token"])
	require.Equal(t, "s1", s[0].(map[string]any)["secret"])
	require.Equal(t, "c1", c.Password)
}

// TestSlogtestWithRedaction runs slogtest against New with every preset
// combined; New's default (Credentials) is covered by TestSlogtestNew.
func TestSlogtestWithRedaction(t *testing.T) {
	runSlogtest(t, func(w io.Writer) *Handler {
		return New(w, &Options{Redact: MustRedactor(Credentials, PCI, HIPAA, GDPR, CCPA, ContactInfo)})
	})
}

// FuzzRedactString: arbitrary text never panics, and a planted card number
// or password= value never survives.
func FuzzRedactString(f *testing.F) {
	for _, s := range []string{"", "plain", "password=x", "postgres://u:p@h/d", "4111 1111 1111 1111",
		"Bearer abc", "eyJa.eyJb.c", "-----BEGIN PRIVATE KEY-----", "a@b.co", "123-45-6789", "\xff\xfe=:@"} {
		f.Add(s, s)
	}
	r := MustRedactor(Credentials, PCI, GDPR)
	f.Fuzz(func(t *testing.T, prefix, suffix string) {
		out, _ := r.String(prefix + suffix)
		_ = out
		const pan = "4539578763621486" // Luhn-valid
		planted := prefix + " " + pan + " " + suffix
		if got, _ := r.String(planted); strings.Contains(got, pan) {
			t.Fatalf("card survived: %q -> %q", planted, got)
		}
		const pw = "Zx9pw8Qq"
		planted = prefix + " password=" + pw + " " + suffix
		if got, _ := r.String(planted); strings.Contains(got, pw) {
			t.Fatalf("password survived: %q -> %q", planted, got)
		}
	})
}

// FuzzRedactNested: arbitrary nested maps never panic, and a secret under a
// sensitive key at any depth never reaches the output.
func FuzzRedactNested(f *testing.F) {
	f.Add("a", "b", "v", uint8(3))
	f.Add("password", "", "", uint8(0))
	f.Add("x.y", "token", "\x00", uint8(40))
	r := MustRedactor(Credentials, PCI)
	f.Fuzz(func(t *testing.T, k1, k2, v string, depth uint8) {
		const secret = "Sq7secretQ"
		var val any = map[string]any{k1: v, "client_secret": secret, k2: []any{v, map[string]any{"pwd": secret}}}
		for i := 0; i < int(depth%48); i++ {
			val = map[string]any{fmt.Sprint(k1, i): val, k2: v}
		}
		var buf bytes.Buffer
		slog.New(Redact(slog.NewJSONHandler(&buf, nil), r)).Info(v, k1, val, slog.Group(k2, k1, val))
		if strings.Contains(buf.String(), secret) {
			t.Fatalf("secret survived: %s", buf.String())
		}
	})
}

// TestKeyCacheUnderCollisions: thousands of keys built at run time share
// the cache's 512 slots; every answer must equal the uncached verdict.
func TestKeyCacheUnderCollisions(t *testing.T) {
	r := MustRedactor(Credentials)
	for round := range 2 {
		for i := range 5000 {
			key := fmt.Sprintf("field_%d", i)
			if i%3 == 0 {
				key = fmt.Sprintf("password_%d", i)
			}
			require.Equal(t, r.judgeKey(key).rule, r.fastKeyRule(key), "round %d key %q", round, key)
		}
		runtime.GC() // free the first round's keys: their addresses may be reused
	}
}

// TestPanickingDetectorFailsClosed: a custom detector that panics masks the
// whole string instead of crashing the caller.
func TestPanickingDetectorFailsClosed(t *testing.T) {
	boom := DetectorFunc("boom", func(s string) [][2]int {
		if strings.Contains(s, "trigger") {
			panic("detector bug")
		}
		return [][2]int{{-1, 3}, {0, 1000}} // out of range: ignored
	})
	r := MustRedactor(Credentials, Rule{Name: "custom", Detectors: []Detector{boom}})
	var buf bytes.Buffer
	h := New(&buf, &Options{Redact: r})
	slog.New(h).Info("m", "note", "trigger secret-ish text", "other", "fine")
	require.NoError(t, h.Close(context.Background()))
	require.NotContains(t, buf.String(), "secret-ish")
	require.Contains(t, buf.String(), `"other":"fine"`)
	_, err := NewRedactor(Rule{Name: "x", Detectors: []Detector{DetectRegexp("nil", nil)}})
	require.ErrorContains(t, err, `detector "nil" is not usable`)
}

// A group under a sensitive key keeps its shape with its leaves masked, and
// the attrs after it are still written. (An earlier encoder wrote the
// group as one mask and then lost every later non-scalar attr.)
func TestSensitiveGroupKeepsLaterAttrs(t *testing.T) {
	var buf bytes.Buffer
	h := New(&buf, nil)
	l := slog.New(h)
	l.Info("m", slog.Group("credentials", slog.String("user", "bob")),
		slog.Any("m", map[string]int{"a": 1}), slog.Any("err", errBench), slog.Int("n", 3))
	l.Info("m", slog.Any("password", errBench), slog.Any("m", map[string]int{"a": 1}))
	require.NoError(t, h.Close(context.Background()))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 2)
	require.Contains(t, lines[0], `"credentials":{"user":"[REDACTED]"},"m":{"a":1},"err":"connection reset by peer","n":3}`)
	require.NotContains(t, lines[0], "bob")
	require.Contains(t, lines[1], `"password":"[REDACTED]","m":{"a":1}}`)
}

// A panicking Error fails closed in every redacting path, not only in New.
func TestHostileErrorMaskedEverywhere(t *testing.T) {
	red := MustRedactor(Credentials)
	for name, mk := range map[string]func(io.Writer) (slog.Handler, func()){
		"Wrap": func(w io.Writer) (slog.Handler, func()) {
			h := Wrap(slog.NewJSONHandler(w, nil), &Options{Redact: red})
			return h, func() { require.NoError(t, h.Close(context.Background())) }
		},
		"Redact": func(w io.Writer) (slog.Handler, func()) {
			return Redact(slog.NewJSONHandler(w, nil), red), func() {}
		},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			h, done := mk(&buf)
			slog.New(h).Info("m", "e", &hostileErr{})
			done()
			require.NotContains(t, buf.String(), "hunter2")
			require.Contains(t, buf.String(), `"e":"[REDACTED]"`)
		})
	}
}

// gate blocks every Write until it is opened.
type gate struct{ open chan struct{} }

func (g gate) Write(p []byte) (int, error) { <-g.open; return len(p), nil }

// OnDrop sees the message as it would have been written: redacted.
func TestOnDropMessageRedacted(t *testing.T) {
	g := gate{open: make(chan struct{})}
	var msgs []string
	h := New(g, &Options{QueueSize: 2, Overflow: DropNewest, BufferSize: 1,
		OnDrop: func(d Drop) { msgs = append(msgs, d.Message) }})
	l := slog.New(h)
	for range 50 {
		l.Info("login password=hunter2 user=bob")
	}
	close(g.open)
	closeAndCheck(t, h)
	require.NotEmpty(t, msgs, "the full queue dropped nothing")
	for _, m := range msgs {
		require.Equal(t, "login password=[REDACTED] user=bob", m)
	}
}

// The worker's cache of clean strings answers exactly as the redactor does,
// for repeated constants, equal strings at other addresses, and secrets of
// the same length as cached clean strings.
func TestWorkerCleanCacheAgreesWithRedactor(t *testing.T) {
	r := MustRedactor(Credentials, PCI)
	var w workerCache
	rng := rand.New(rand.NewPCG(1, 2))
	clean := []string{"GET", "request handled", "/api/v1/orders/12345", "ok"}
	secret := []string{"password=abc", "4111111111111111", "Bearer abcd1234", "postgres://u:p@h/db"}
	for i := 0; i < 20000; i++ {
		var s string
		switch rng.IntN(4) {
		case 0:
			s = clean[rng.IntN(len(clean))]
		case 1:
			s = secret[rng.IntN(len(secret))]
		case 2: // the same text at a new address
			s = string([]byte(clean[rng.IntN(len(clean))]))
		default: // a secret with the length of a clean string, at a new address
			b := []byte("password=" + strings.Repeat("x", rng.IntN(12)))
			s = string(b)
		}
		want, _ := r.String(s)
		require.Equal(t, want, w.redactString(r, s), s)
	}
}

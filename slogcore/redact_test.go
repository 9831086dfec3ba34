package slogcore

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

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
	red := redact.Must(redact.Credentials)
	h := New(&buf, &Options{Redact: red})
	var nilErr *hostileErr // a nil pointer: slog writes "<nil>", not a panic
	slog.New(h).Info("m", "s", hostile{}, "lv", hostileValuer{}, "j", hostileMap{"password": "x"},
		"e", &hostileErr{}, "nil", nilErr)
	require.NoError(t, h.Close(context.Background()))
	require.NotContains(t, buf.String(), "hunter2")
	line := parseLines(t, buf.Bytes())
	require.Len(t, line, 1)
	require.Equal(t, redact.DefaultMask, line[0]["s"])
	require.Equal(t, redact.DefaultMask, line[0]["j"])
	require.Equal(t, redact.DefaultMask, line[0]["e"])
	require.Equal(t, "<nil>", line[0]["nil"])
	require.Contains(t, line[0]["lv"], "LogValue panicked") // slog's own recovery
	s := h.Stats()
	require.EqualValues(t, 3, s.RedactPanics)
	require.EqualValues(t, 3, s.RedactedBy["panic"])
}

func TestRedactionStats(t *testing.T) {
	var buf bytes.Buffer
	h := New(&buf, &Options{Redact: redact.Must(redact.Credentials, redact.PCIDSS)})
	l := slog.New(h)
	l.Info("m", "password", "x", "card", "exp 12/29", "note", "4111111111111111 and postgres://a:b@h/d")
	require.NoError(t, h.Close(context.Background()))
	s := h.Stats()
	require.EqualValues(t, 4, s.Redacted)
	require.Equal(t, map[string]uint64{"credentials": 1, "pcidss": 1, "card-number": 1, "url-userinfo": 1}, s.RedactedBy)
}

func TestNoRedaction(t *testing.T) {
	var buf bytes.Buffer
	h := New(&buf, &Options{Redact: NoRedaction})
	slog.New(h).Info("m", "password", "visible")
	require.NoError(t, h.Close(context.Background()))
	require.Contains(t, buf.String(), `"password":"visible"`)
	require.Zero(t, h.Stats().Redacted)
	buf.Reset()
	slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), NoRedaction)).With("token", "seen").Info("m", "password", "visible")
	require.Contains(t, buf.String(), `"token":"seen","password":"visible"`)
}

// TestSlogtestWithRedaction runs slogtest against New with every preset
// combined; New's default (redact.Credentials) is covered by TestSlogtestNew.
func TestSlogtestWithRedaction(t *testing.T) {
	runSlogtest(t, func(w io.Writer) *Handler {
		return New(w, &Options{Redact: redact.Must(redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR, redact.CCPA, redact.ContactInfo)})
	})
}

// TestPanickingDetectorFailsClosed: a custom detector that panics masks the
// whole string instead of crashing the caller.
func TestPanickingDetectorFailsClosed(t *testing.T) {
	boom := redact.DetectorFunc("boom", func(s string) [][2]int {
		if strings.Contains(s, "trigger") {
			panic("detector bug")
		}
		return [][2]int{{-1, 3}, {0, 1000}} // out of range: ignored
	})
	r := redact.Must(redact.Credentials, redact.Rule{Name: "custom", Detectors: []redact.Detector{boom}})
	var buf bytes.Buffer
	h := New(&buf, &Options{Redact: r})
	slog.New(h).Info("m", "note", "trigger secret-ish text", "other", "fine")
	require.NoError(t, h.Close(context.Background()))
	require.NotContains(t, buf.String(), "secret-ish")
	require.Contains(t, buf.String(), `"other":"fine"`)
	_, err := redact.New(redact.Rule{Name: "x", Detectors: []redact.Detector{redact.DetectRegexp("nil", nil)}})
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
	red := redact.Must(redact.Credentials)
	for name, mk := range map[string]func(io.Writer) (slog.Handler, func()){
		"Async": func(w io.Writer) (slog.Handler, func()) {
			h := Async(slog.NewJSONHandler(w, nil), &Options{Redact: red})
			return h, func() { require.NoError(t, h.Close(context.Background())) }
		},
		"Redact": func(w io.Writer) (slog.Handler, func()) {
			return redact.NewHandler(slog.NewJSONHandler(w, nil), red), func() {}
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
	r := redact.Must(redact.Credentials, redact.PCIDSS)
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
		require.Equal(t, string(appendString(nil, want)), string(w.appendString(nil, r, s)), s)
	}
}

// The worker's cache of plain keys is kept per group path: the same key
// constant is masked under the groups a path rule names and kept at the
// top level, whichever order the records come in, and an integer under a
// plain key is still checked for a card number.
func TestWorkerKeyCacheKeepsGroupPaths(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.PCIDSS,
		redact.Rule{Name: "headers", Paths: []string{"http.headers.*"}})
	var buf bytes.Buffer
	h := New(&buf, &Options{Redact: r})
	top := slog.New(h)
	headers := slog.New(h.WithGroup("http").WithGroup("headers"))
	const key = "X-Upstream"
	for i := range 50 {
		if i%2 == 0 {
			top.Info("m", key, "visible-value", "n", 4111111111111111)
		} else {
			headers.Info("m", key, "hidden-value", "n", 4111111111111111)
		}
	}
	require.NoError(t, h.Close(context.Background()))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 50)
	for i, line := range lines {
		require.NotContains(t, line, "hidden-value", "line %d", i)
		require.NotContains(t, line, "4111111111111111", "line %d", i)
		if i%2 == 0 {
			require.Contains(t, line, `"X-Upstream":"visible-value"`, "line %d", i)
		} else {
			require.Contains(t, line, `"X-Upstream":"[REDACTED]"`, "line %d", i)
		}
	}
}

type personalValuer struct{}

func (personalValuer) LogValue() slog.Value { return slog.StringValue("resolved") }

// A key that is itself personal data (an e-mail address) is replaced by a
// placeholder whatever the kind of its value: scalars, errors (captured as
// text by the caller and scanned by the worker), maps, groups and
// LogValuers, through New and Async.
func TestPersonalKeyReplacedForEveryKind(t *testing.T) {
	const email = "carol.jones@example.org"
	values := map[string]slog.Value{
		"string":    slog.StringValue("x"),
		"int":       slog.IntValue(7),
		"bool":      slog.BoolValue(true),
		"error":     slog.AnyValue(errors.New("boom")),
		"map":       slog.AnyValue(map[string]any{"a": 1}),
		"group":     slog.GroupValue(slog.String("a", "b")),
		"logvaluer": slog.AnyValue(personalValuer{}),
	}
	for name, v := range values {
		for _, mode := range []string{"New", "Async"} {
			t.Run(name+"/"+mode, func(t *testing.T) {
				var buf bytes.Buffer
				r := redact.Must(redact.Credentials, redact.GDPR)
				var h *Handler
				if mode == "New" {
					h = New(&buf, &Options{Redact: r})
				} else {
					h = Async(slog.NewJSONHandler(&buf, nil), &Options{Redact: r})
				}
				for range 3 { // the worker's caches see the key more than once
					slog.New(h).Info("m", slog.Attr{Key: email, Value: v})
				}
				require.NoError(t, h.Close(context.Background()))
				require.NotContains(t, buf.String(), email)
				require.Contains(t, buf.String(), "[REDACTED]#")
			})
		}
	}
}

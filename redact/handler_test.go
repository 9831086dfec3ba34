package redact_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestCallerValuesUnchanged: redaction rebuilds values; the caller's map,
// slice and struct keep their secrets.
func TestCallerValuesUnchanged(t *testing.T) {
	m := map[string]any{"password": "p1", "nested": map[string]any{"token": "t1"}}
	s := []any{map[string]any{"secret": "s1"}}
	c := &creds{User: "u", Password: "c1"}
	var buf bytes.Buffer
	l := slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), nil))
	l.Info("m", "m", m, "s", s, "c", c)
	require.NotContains(t, buf.String(), "p1")
	require.Equal(t, "p1", m["password"])
	require.Equal(t, "t1", m["nested"].(map[string]any)["token"])
	require.Equal(t, "s1", s[0].(map[string]any)["secret"])
	require.Equal(t, "c1", c.Password)
}

// TestHandlerOutputExact: the middleware writes every attr in its order,
// masking only the secrets, whether the first change is at the first, a
// middle or the last attr, or only in the message; groups from WithGroup
// reach path rules, and attrs from WithAttrs are redacted once.
func TestHandlerOutputExact(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.Rule{Name: "p", Paths: []string{"req.user"}})
	line := func(log func(l *slog.Logger)) string {
		var buf bytes.Buffer
		h := slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: dropTimeAttr})
		log(slog.New(redact.NewHandler(h, r)))
		return buf.String()
	}
	for _, tc := range []struct {
		name string
		log  func(l *slog.Logger)
		want string
	}{
		{"nothing to mask", func(l *slog.Logger) { l.Info("m", "a", 1, "b", "x") },
			`{"level":"INFO","msg":"m","a":1,"b":"x"}`},
		{"first attr", func(l *slog.Logger) { l.Info("m", "password", "p", "a", 1, "b", 2) },
			`{"level":"INFO","msg":"m","password":"[REDACTED]","a":1,"b":2}`},
		{"middle attrs", func(l *slog.Logger) { l.Info("m", "a", 1, "password", "p", "b", 2, "token", "t", "c", 3) },
			`{"level":"INFO","msg":"m","a":1,"password":"[REDACTED]","b":2,"token":"[REDACTED]","c":3}`},
		{"last attr", func(l *slog.Logger) { l.Info("m", "a", 1, "b", 2, "note", "password=p") },
			`{"level":"INFO","msg":"m","a":1,"b":2,"note":"password=[REDACTED]"}`},
		{"message only", func(l *slog.Logger) { l.Info("login password=p", "a", 1, "b", 2) },
			`{"level":"INFO","msg":"login password=[REDACTED]","a":1,"b":2}`},
		{"group and path", func(l *slog.Logger) { l.WithGroup("req").Info("m", "user", "bob", "id", 7) },
			`{"level":"INFO","msg":"m","req":{"user":"[REDACTED]","id":7}}`},
		{"empty group name", func(l *slog.Logger) { l.WithGroup("").Info("m", "user", "bob") },
			`{"level":"INFO","msg":"m","user":"bob"}`},
		{"with attrs", func(l *slog.Logger) { l.With("password", "p", "a", 1).Info("m", "b", 2) },
			`{"level":"INFO","msg":"m","password":"[REDACTED]","a":1,"b":2}`},
		{"more attrs than the stack", func(l *slog.Logger) {
			args := []any{}
			for i := range 20 {
				args = append(args, string(rune('a'+i)), i)
			}
			l.Info("m", append(args, "password", "p")...)
		}, `{"level":"INFO","msg":"m","a":0,"b":1,"c":2,"d":3,"e":4,"f":5,"g":6,"h":7,"i":8,"j":9,"k":10,"l":11,"m":12,"n":13,"o":14,"p":15,"q":16,"r":17,"s":18,"t":19,"password":"[REDACTED]"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want+"\n", line(tc.log))
		})
	}
}

// jsonError is an error that marshals itself: the walker scans its JSON.
type jsonError struct{ Token string }

func (e jsonError) Error() string                { return "bad request" }
func (e jsonError) MarshalJSON() ([]byte, error) { return []byte(`{"token":"` + e.Token + `"}`), nil }

// TestHandlerMatchesWalker: the middleware decides plain-keyed scalars and
// errors without the walker; each attr must come out exactly as the walker
// (Redactor.Attr) makes it, under every redactor, and count the same.
func TestHandlerMatchesWalker(t *testing.T) {
	attrs := []slog.Attr{
		slog.String("note", "clean text"),
		slog.String("note", "login with password=hunter2-Q"),
		slog.String("password", "hunter2-Q"),
		slog.String("api_key", ""),
		slog.Int64("amount", 4111111111111111),
		slog.Uint64("amount", 4111111111111111),
		slog.Int64("order_id", 4111111111111111),
		slog.Float64("amount", 4111111111111111),
		slog.Float64("amount", 12.5),
		slog.Int("count", 3),
		slog.Bool("password", true),
		slog.Float64("ratio", 0.5),
		slog.Any("err", errors.New("connection reset by peer")),
		slog.Any("err", errors.New("dial postgres://app:Pw5xZq@db:5432/orders: refused")),
		slog.Any("err", fmt.Errorf("wrapped: %w", errors.New("token=ghp_"+strings.Repeat("a1B2", 9)))),
		slog.Any("password", errors.New("clean text")),
		slog.Any("err", panicError{}),
		slog.Any("err", jsonError{Token: "t0k3n-value-Zx9"}),
		slog.Any("jane.doe@example.com", "x"),
		slog.String("jane.doe@example.com", "x"),
		slog.Any("err", (*os.PathError)(nil)),
	}
	for name, mk := range map[string]func() *redact.Redactor{
		"credentials": func() *redact.Redactor { return redact.Must(redact.Credentials) },
		"pci+gdpr":    func() *redact.Redactor { return redact.Must(redact.Credentials, redact.PCIDSS, redact.GDPR) },
		"path rule": func() *redact.Redactor {
			return redact.Must(redact.Credentials, redact.Rule{Name: "p", Paths: []string{"note"}})
		},
	} {
		for _, a := range attrs {
			viaHandler, viaWalker := mk(), mk()
			var got, want bytes.Buffer
			opts := &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}
			slog.New(redact.NewHandler(slog.NewJSONHandler(&got, opts), viaHandler)).LogAttrs(context.Background(), slog.LevelInfo, "m", a)
			ra, _ := viaWalker.Attr(nil, a)
			slog.New(slog.NewJSONHandler(&want, opts)).LogAttrs(context.Background(), slog.LevelInfo, "m", ra)
			require.Equal(t, want.String(), got.String(), "%s: %s", name, a)
			gc, _ := viaHandler.Counters()
			wc, _ := viaWalker.Counters()
			require.Equal(t, wc, gc, "%s: %s: counters", name, a)
		}
	}
}

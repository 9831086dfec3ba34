package redact_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	slogmulti "github.com/samber/slog-multi"
	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

// detailedErr writes more with %+v than its Error text, as errors with a
// Format method do (a cause, a stack, the fields behind them).
type detailedErr struct{ detail string }

func (e detailedErr) Error() string { return "backend unavailable" }

func (e detailedErr) Format(s fmt.State, verb rune) {
	if verb == 'v' && s.Flag('+') {
		fmt.Fprintf(s, "backend unavailable\n  caused by: %s", e.detail)
		return
	}
	fmt.Fprint(s, e.Error())
}

// detailedValue is a value (not an error) with such a Format method.
type detailedValue struct{ ID int }

func (v detailedValue) Format(s fmt.State, verb rune) {
	fmt.Fprintf(s, "job %d via amqp://worker:Gusty.Marsh.81@mq:5672/", v.ID)
}

// TestFormatMethodTextRedacted: slog.TextHandler prints an attr's value
// with %+v, which a Format method may write otherwise than Error or the
// fields: that text is redacted too, for an attr's error, an error inside
// a container and any other value, through NewHandler and a Fanout. A
// JSON handler keeps writing the error's text.
func TestFormatMethodTextRedacted(t *testing.T) {
	cases := []struct {
		name   string
		value  any
		secret string
	}{
		{"error", detailedErr{"redis://:Cinder-Tusk-47@cache:6379/0"}, "Cinder-Tusk-47"},
		{"error under a secret word", detailedErr{"retry with api_key=Ivory_Canal_2931"}, "Ivory_Canal_2931"},
		{"error in a slice", []error{detailedErr{"password=Saffron-Loom-64"}}, "Saffron-Loom-64"},
		{"error in a map", map[string]any{"last": detailedErr{"token: glpat-Vx7Yw2Qe9Rt4Ui1Op3As"}}, "glpat-Vx7Yw2Qe9Rt4Ui1Op3As"},
		{"value", detailedValue{ID: 7}, "Gusty.Marsh.81"},
	}
	for _, tc := range cases {
		var raw bytes.Buffer
		slog.New(slog.NewTextHandler(&raw, nil)).Error("call failed", "err", tc.value)
		require.Contains(t, raw.String(), tc.secret, "%s: the text handler does not print the secret; the case tests nothing", tc.name)
		for _, hname := range []string{"text", "fanout"} {
			t.Run(tc.name+"/"+hname, func(t *testing.T) {
				var buf bytes.Buffer
				var next slog.Handler = slog.NewTextHandler(&buf, nil)
				if hname == "fanout" {
					next = slogmulti.Fanout(slog.NewJSONHandler(&buf, nil), next)
				}
				slog.New(redact.NewHandler(next, nil)).Error("call failed", "err", tc.value)
				require.NotContains(t, buf.String(), tc.secret)
				require.Contains(t, buf.String(), "[REDACTED]")
				require.Contains(t, buf.String(), "call failed")
			})
		}
	}
	var buf bytes.Buffer
	slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), nil)).Error("call failed", "err", cases[0].value)
	require.Contains(t, buf.String(), `"err":"backend unavailable"`, "a JSON handler writes the error's text")
}

// TestFormatMethodCleanUnchanged: an error or value whose Format method
// writes nothing secret is printed as without the middleware.
func TestFormatMethodCleanUnchanged(t *testing.T) {
	for _, v := range []any{detailedErr{"connection reset by peer"}, []error{detailedErr{"timeout after 3s"}}} {
		var got, want bytes.Buffer
		slog.New(redact.NewHandler(slog.NewTextHandler(&got, nil), nil)).Error("call failed", "err", v)
		slog.New(slog.NewTextHandler(&want, nil)).Error("call failed", "err", v)
		cut := func(s string) string { return s[strings.Index(s, " level="):] }
		require.Equal(t, cut(want.String()), cut(got.String()))
	}
}

// apiErr marshals itself: a JSON handler writes that JSON, a text handler
// its Error text.
type apiErr struct {
	code int
	text string
}

func (e apiErr) Error() string { return e.text }

func (e apiErr) MarshalJSON() ([]byte, error) { return fmt.Appendf(nil, `{"code":%d}`, e.code), nil }

// TestSelfMarshallingErrorTextRedacted: an error with a MarshalJSON method
// is written by a JSON handler as its JSON and by a text handler as its
// text; a secret in the text is masked for the text handler, as an attr's
// value and inside a container, and the JSON is kept.
func TestSelfMarshallingErrorTextRedacted(t *testing.T) {
	const secret = "Pewter-Orchid-553"
	for _, v := range []any{
		apiErr{401, "rejected credentials bob:" + secret + "@ldap.internal:389/"},
		[]error{apiErr{401, "login with password " + secret + " failed"}},
	} {
		var raw bytes.Buffer
		slog.New(slog.NewTextHandler(&raw, nil)).Warn("upstream", "err", v)
		require.Contains(t, raw.String(), secret, "the text handler does not print the secret; the case tests nothing")
		var text, js bytes.Buffer
		slog.New(redact.NewHandler(slogmulti.Fanout(slog.NewTextHandler(&text, nil), slog.NewJSONHandler(&js, nil)), nil)).Warn("upstream", "err", v)
		require.NotContains(t, text.String(), secret)
		require.Contains(t, text.String(), "[REDACTED]")
		require.Contains(t, js.String(), `{"code":401}`, "the error's own JSON is kept")
		require.NotContains(t, js.String(), secret)
	}
}

// dsnError marshals itself as text: a text handler writes that text.
type dsnError struct{ dsn string }

func (e *dsnError) Error() string { return "connect failed" }

func (e *dsnError) MarshalText() ([]byte, error) { return []byte(e.dsn), nil }

// profile marshals itself as JSON without its secret, and prints it.
type profile struct {
	Name   string
	secret string
}

func (p profile) MarshalJSON() ([]byte, error) { return []byte(`{"name":"` + p.Name + `"}`), nil }

func (p profile) String() string { return "name=" + p.Name + " password=" + p.secret }

// account marshals itself as JSON without its key and has no text method:
// a text handler prints its fields.
type account struct{ User, APIKey string }

func (a account) MarshalJSON() ([]byte, error) { return []byte(`{"name":"` + a.User + `"}`), nil }

// TestTextRenderingsRedacted: what a text handler writes of a value that
// marshals itself (MarshalText, or MarshalJSON with a String or Format
// method) is redacted, as an attr's value and inside a container; JSON
// handlers keep writing the value's own JSON.
func TestTextRenderingsRedacted(t *testing.T) {
	for _, tc := range []struct {
		value  any
		secret string
	}{
		{&dsnError{"postgres://svc:Thistle-Oar-29@db/app"}, "Thistle-Oar-29"},
		{[]any{&dsnError{"postgres://svc:Thistle-Oar-29@db/app"}}, "Thistle-Oar-29"},
		{profile{"ana", "Larch-Signal-71"}, "Larch-Signal-71"},
		{map[string]any{"p": profile{"ana", "Larch-Signal-71"}}, "Larch-Signal-71"},
		{account{"ana", "sk_live_" + strings.Repeat("Qz7", 8)}, "sk_live_" + strings.Repeat("Qz7", 8)},
	} {
		for _, text := range []bool{true, false} {
			var raw, buf bytes.Buffer
			mk := func(b *bytes.Buffer) slog.Handler {
				if text {
					return slog.NewTextHandler(b, nil)
				}
				return slog.NewJSONHandler(b, nil)
			}
			slog.New(mk(&raw)).Info("m", "v", tc.value)
			slog.New(redact.NewHandler(mk(&buf), nil)).Info("m", "v", tc.value)
			require.NotContains(t, buf.String(), tc.secret, "text handler: %v: %s", text, buf.String())
			if strings.Contains(raw.String(), tc.secret) {
				require.Contains(t, buf.String(), "[REDACTED]")
			}
			if !text && strings.Contains(raw.String(), `"name":"ana"`) {
				require.Contains(t, buf.String(), `"name":"ana"`, "the value's own JSON is kept")
			}
		}
	}
}

package redact_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	slogmulti "github.com/samber/slog-multi"
	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

// Errors whose data encoding/json writes instead of their text.

type signinFailure struct {
	Account  string
	Password string
}

func (e signinFailure) Error() string { return "sign-in refused" }

type formProblems map[string]string

func (e formProblems) Error() string { return "form rejected" }

type sessionFault struct{ SessionKey string }

func (e *sessionFault) Error() string { return "session gone" }

type stepFault struct {
	Step  string
	Cause error
}

func (e *stepFault) Error() string { return e.Step + ": " + e.Cause.Error() }
func (e *stepFault) Unwrap() error { return e.Cause }

type statusFault string

func (e statusFault) Error() string { return "gateway failed" }

type hiddenFault struct {
	Code int
	note string
}

func (e hiddenFault) Error() string { return "quota exceeded: " + e.note }

// nestedErrorCases are errors inside slices, maps, structs and pointers:
// each holds its secret in its data or in its text.
var nestedErrorCases = []struct {
	name   string
	value  any
	secret string
}{
	{"struct error in a slice", []error{signinFailure{Account: "lena", Password: "Drift-Maple-915"}}, "Drift-Maple-915"},
	{"map error in a map", map[string]any{"cause": formProblems{"db_password": "4431-orbit"}}, "4431-orbit"},
	{"pointer error in a struct", struct{ Cause error }{&sessionFault{SessionKey: "sk_2f4e6a8c0b1d3e5f"}}, "sk_2f4e6a8c0b1d3e5f"},
	{"wrapped error in a slice of any", []any{&stepFault{"refresh", &sessionFault{SessionKey: "Brine-Comet-38"}}}, "Brine-Comet-38"},
	{"string error in an array", [2]error{nil, statusFault("api_key=Tundra-Lamp-6610")}, "Tundra-Lamp-6610"},
	{"error under a pointer to a struct", &struct{ Errs []error }{[]error{signinFailure{Password: "Kiln.Vapor.73"}}}, "Kiln.Vapor.73"},
	{"error whose text holds the secret", map[string]error{"last": errors.New("dial postgres://svc:Cedar-Flute-29@db:5432/app")}, "Cedar-Flute-29"},
	{"joined errors in a slice", []error{errors.Join(&sessionFault{SessionKey: "Velvet-Anchor-502"}, statusFault("x"))}, ""},
}

// TestNestedErrorsRedactedAsWritten: a JSON handler writes a nested
// error's data and a text handler its text; the middleware redacts both,
// through NewHandler over each and through a slog-multi Fanout.
func TestNestedErrorsRedactedAsWritten(t *testing.T) {
	handlers := map[string]func(*bytes.Buffer) slog.Handler{
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		"fanout": func(b *bytes.Buffer) slog.Handler {
			return slogmulti.Fanout(slog.NewJSONHandler(b, nil), slog.NewTextHandler(b, nil))
		},
	}
	for _, tc := range nestedErrorCases {
		if tc.secret == "" {
			continue // errors.Join: json writes {} and fmt the joined text, which holds no secret
		}
		leaksSomewhere := false
		for hname, mk := range handlers {
			var raw bytes.Buffer
			slog.New(mk(&raw)).Warn("renewal failed", "cause", tc.value)
			written := strings.Contains(raw.String(), tc.secret) // without the middleware
			leaksSomewhere = leaksSomewhere || written
			for _, mode := range []string{"attr", "group", "with"} {
				t.Run(tc.name+"/"+hname+"/"+mode, func(t *testing.T) {
					var buf bytes.Buffer
					l := slog.New(redact.NewHandler(mk(&buf), nil))
					switch mode {
					case "group":
						l.Warn("renewal failed", slog.Group("job", "cause", tc.value))
					case "with":
						l.With("cause", tc.value).Warn("renewal failed")
					default:
						l.Warn("renewal failed", "cause", tc.value)
					}
					out := buf.String()
					require.NotContains(t, out, tc.secret, "the nested error's data or text leaked")
					if written {
						require.Contains(t, out, "[REDACTED]")
					}
					if hname == "json" {
						var m map[string]any
						require.NoError(t, json.Unmarshal([]byte(out), &m), out)
					}
				})
			}
		}
		require.True(t, leaksSomewhere, "%s: no handler writes the secret; the case tests nothing", tc.name)
	}
}

// TestNestedErrorsCleanUnchanged: a value holding nested errors with no
// secret is written as the handler writes it without the middleware, its
// hidden fields (which neither handler writes) included.
func TestNestedErrorsCleanUnchanged(t *testing.T) {
	values := []any{
		[]error{signinFailure{Account: "lena"}},
		map[string]any{"cause": formProblems{"zip": "needs five digits"}, "note": "<a&b>"},
		struct{ Cause error }{&sessionFault{}},
		[]error{hiddenFault{Code: 429, note: "per minute"}, nil},
		[]error{errors.Join(errors.New("first"), errors.New("second"))},
		&struct{ E error }{fmt.Errorf("wrapped: %w", statusFault("retry later"))},
	}
	for _, v := range values {
		for _, text := range []bool{false, true} {
			mk := func(b *bytes.Buffer) slog.Handler {
				o := &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
					if len(groups) == 0 && a.Key == slog.TimeKey {
						return slog.Attr{}
					}
					return a
				}}
				if text {
					return slog.NewTextHandler(b, o)
				}
				return slog.NewJSONHandler(b, o)
			}
			var got, want bytes.Buffer
			slog.New(redact.NewHandler(mk(&got), nil)).Info("m", "cause", v)
			slog.New(mk(&want)).Info("m", "cause", v)
			require.Equal(t, want.String(), got.String(), "text handler: %v", text)
		}
	}
}

// TestNestedErrorRedactedOnce: the stand-in for a redacted nested error is
// not changed again by a second redaction, and an error attr keeps being
// written as its text.
func TestNestedErrorRedactedOnce(t *testing.T) {
	r, err := redact.New(redact.Credentials)
	require.NoError(t, err)
	for _, tc := range nestedErrorCases {
		once, _ := r.Attr(nil, slog.Any("cause", tc.value))
		twice, changed := r.Attr(nil, once)
		require.False(t, changed, "%s: redacting the redacted value changed it", tc.name)
		var a, b bytes.Buffer
		slog.New(slog.NewJSONHandler(&a, nil)).Info("m", once)
		slog.New(slog.NewJSONHandler(&b, nil)).Info("m", twice)
		require.Equal(t, strings.SplitN(a.String(), `"level"`, 2)[1], strings.SplitN(b.String(), `"level"`, 2)[1], tc.name)
	}
	var buf bytes.Buffer
	slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), nil)).Error("m", "err", signinFailure{Password: "Oat-Ridge-11"})
	require.Contains(t, buf.String(), `"err":"sign-in refused"`, "an attr's error is written as its text")
}

// maskedCred writes itself masked, through a pointer method.
type maskedCred struct{ Value string }

func (c *maskedCred) MarshalJSON() ([]byte, error) { return []byte(`"***"`), nil }

type dialFault struct {
	Host string
	Cred maskedCred
}

func (e *dialFault) Error() string { return "dial mysql://app:Umber-Kite-85@" + e.Host + "/db failed" }

// TestNestedErrorKeepsItsFieldsMarshalling: when only a nested error's
// text holds a secret, its data is written as encoding/json writes the
// error itself, its fields' own MarshalJSON methods included.
func TestNestedErrorKeepsItsFieldsMarshalling(t *testing.T) {
	var buf bytes.Buffer
	v := map[string]any{"err": &dialFault{"db7", maskedCred{"Sienna-Vault-62"}}}
	slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), nil)).Error("m", "v", v)
	require.Contains(t, buf.String(), `"err":{"Host":"db7","Cred":"***"}`)
	require.NotContains(t, buf.String(), "Sienna-Vault-62")
	var text bytes.Buffer
	slog.New(redact.NewHandler(slog.NewTextHandler(&text, nil), nil)).Error("m", "v", v)
	require.NotContains(t, text.String(), "Umber-Kite-85")
}

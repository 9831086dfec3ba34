package slogcore

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Errors whose data encoding/json writes instead of their text.

type loginError struct {
	User   string
	Secret string
}

func (e loginError) Error() string { return "login refused" }

type fieldErrors map[string]string

func (e fieldErrors) Error() string { return "invalid form" }

type tokenError struct{ Token string }

func (e *tokenError) Error() string { return "token expired" }

type opError struct {
	Op  string
	Err error
}

func (e *opError) Error() string { return e.Op + ": " + e.Err.Error() }
func (e *opError) Unwrap() error { return e.Err }

type codeError string

func (e codeError) Error() string { return "upstream failed" }

// An error that also marshals itself as text: encoding/json writes that
// text, not Error's.
type textError struct{ raw string }

func (e textError) Error() string                { return "bad header" }
func (e textError) MarshalText() ([]byte, error) { return []byte(e.raw), nil }

// TestNestedErrorDataRedacted: an error inside a slice, map, struct or
// pointer is written by its data, which must be redacted as written, in
// attrs, groups and With attrs, with and without ReplaceAttr.
func TestNestedErrorDataRedacted(t *testing.T) {
	cases := []struct {
		name   string
		value  any
		secret string
	}{
		{"struct error in a slice", []error{loginError{User: "ann", Secret: "Wq8-lantern-77"}}, "Wq8-lantern-77"},
		{"map error in a map", map[string]any{"cause": fieldErrors{"passwd": "violet#Harbor9"}}, "violet#Harbor9"},
		{"pointer error in a struct", struct{ Cause error }{&tokenError{Token: "tk_9f8e7d6c5b4a"}}, "tk_9f8e7d6c5b4a"},
		{"wrapped error in a map", map[string]any{"err": &opError{"dial", &tokenError{Token: "tk_0a1b2c3d4e5f"}}}, "tk_0a1b2c3d4e5f"},
		{"string error in an array", [1]error{codeError("db_password=Copper-Kettle-31")}, "Copper-Kettle-31"},
		{"text-marshalling error in a slice", []any{textError{raw: "secret=Mosaic_Fjord_12"}}, "Mosaic_Fjord_12"},
		{"error deep in pointers", &struct{ In *struct{ E any } }{&struct{ E any }{loginError{Secret: "Quartz.Ember.404"}}}, "Quartz.Ember.404"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, mode := range []string{"attr", "group", "with", "replaceattr"} {
				var buf bytes.Buffer
				var opts *Options
				if mode == "replaceattr" {
					opts = &Options{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr { return a }}
				}
				h := New(&buf, opts)
				l := slog.New(h)
				switch mode {
				case "group":
					l.Info("request failed", slog.Group("req", "cause", tc.value))
				case "with":
					l.With("cause", tc.value).Info("request failed")
				default:
					l.Info("request failed", "cause", tc.value)
				}
				require.NoError(t, h.Close(context.Background()))
				out := buf.String()
				require.NotContains(t, out, tc.secret, "%s: the error's data leaked", mode)
				require.Contains(t, out, "[REDACTED]", mode)
				var m map[string]any
				require.NoError(t, json.Unmarshal([]byte(strings.TrimSpace(out)), &m), mode)
			}
		})
	}
}

// TestNestedCleanErrorDataUnchanged: a nested error whose data holds no
// secret is written as slog.JSONHandler writes it.
func TestNestedCleanErrorDataUnchanged(t *testing.T) {
	values := []any{
		[]error{loginError{User: "ann"}},
		map[string]any{"cause": fieldErrors{"zip": "must have five digits"}},
		struct{ Cause error }{&tokenError{}},
		struct{ Cause error }{},
	}
	for _, v := range values {
		var got, want bytes.Buffer
		h := New(&got, &Options{ReplaceAttr: dropTime})
		slog.New(h).Info("m", "cause", v)
		require.NoError(t, h.Close(context.Background()))
		slog.New(slog.NewJSONHandler(&want, &slog.HandlerOptions{ReplaceAttr: dropTime})).Info("m", "cause", v)
		require.Equal(t, want.String(), got.String())
	}
}

func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

// TestAsyncNestedErrorDataRedacted: through Async, the wrapped handler
// renders the value: a JSON handler writes the nested error's data, a text
// handler its text; both must come out redacted, in attrs, groups and
// With attrs.
func TestAsyncNestedErrorDataRedacted(t *testing.T) {
	values := map[string]struct {
		value  any
		secret string
	}{
		"struct error in a slice": {[]error{loginError{User: "cy", Secret: "Hollow-Pine-602"}}, "Hollow-Pine-602"},
		"map error in a map":      {map[string]any{"cause": fieldErrors{"passphrase": "amber-kettle-7781"}}, "amber-kettle-7781"},
		"pointer error in struct": {struct{ Cause error }{&tokenError{Token: "tk_77aa88bb99cc"}}, "tk_77aa88bb99cc"},
		"error whose text leaks":  {[]any{&opError{"connect redis://:Glass-Otter-5@cache:6379", codeError("x")}}, "Glass-Otter-5"},
	}
	handlers := map[string]func(*bytes.Buffer) slog.Handler{
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	}
	for name, tc := range values {
		for hname, mk := range handlers {
			for _, mode := range []string{"attr", "group", "with"} {
				t.Run(name+"/"+hname+"/"+mode, func(t *testing.T) {
					var buf bytes.Buffer
					h := Async(mk(&buf), nil)
					l := slog.New(h)
					switch mode {
					case "group":
						l.Info("cache miss", slog.Group("req", "cause", tc.value))
					case "with":
						l.With("cause", tc.value).Info("cache miss")
					default:
						l.Info("cache miss", "cause", tc.value)
					}
					require.NoError(t, h.Close(context.Background()))
					require.NotContains(t, buf.String(), tc.secret)
					require.Equal(t, 1, strings.Count(buf.String(), "cache miss"), "the record is written")
				})
			}
		}
	}
}

// TestAsyncNestedCleanErrorUnchanged: a clean value holding a nested
// error reaches the wrapped handler's output as the value itself would.
func TestAsyncNestedCleanErrorUnchanged(t *testing.T) {
	values := []any{
		[]error{loginError{User: "dee"}},
		map[string]any{"cause": fieldErrors{"zip": "5 digits"}, "note": "<a&b>"},
		struct{ Cause error }{&tokenError{}},
	}
	for _, v := range values {
		for _, text := range []bool{false, true} {
			mk := func(b *bytes.Buffer) slog.Handler {
				o := &slog.HandlerOptions{ReplaceAttr: dropTime}
				if text {
					return slog.NewTextHandler(b, o)
				}
				return slog.NewJSONHandler(b, o)
			}
			var got, want bytes.Buffer
			h := Async(mk(&got), nil)
			slog.New(h).Info("m", "cause", v)
			require.NoError(t, h.Close(context.Background()))
			slog.New(mk(&want)).Info("m", "cause", v)
			require.Equal(t, want.String(), got.String())
		}
	}
}

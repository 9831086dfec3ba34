package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestNestedChangingValuesRedactedAsWritten: a value that renders itself
// and answers differently the second time, held inside a map, slice or
// struct, is written as redacted as when it is an attr's value.
func TestNestedChangingValuesRedactedAsWritten(t *testing.T) {
	values := map[string]func() any{
		"MarshalJSON in a slice":   func() any { return []any{"first", &changingJSON{}} },
		"MarshalJSON in a map":     func() any { return map[string]any{"pool": &changingJSON{}, "size": 4} },
		"MarshalText in a map":     func() any { return map[string]any{"upstream": &changingText{}} },
		"MarshalText in a struct":  func() any { return struct{ Conn *changingText }{&changingText{}} },
		"MarshalJSON deep":         func() any { return map[string]any{"a": []any{map[string]any{"b": &changingJSON{}}}} },
		"MarshalText as a map key": func() any { return map[*changingText]int{{}: 1} },
	}
	handlers := map[string]func(*bytes.Buffer) *Handler{
		"New": func(b *bytes.Buffer) *Handler { return New(b, nil) },
		"New+ReplaceAttr": func(b *bytes.Buffer) *Handler {
			return New(b, &Options{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr { return a }})
		},
		// Not Async: the wrapped handler renders such values itself (see
		// the package doc).
	}
	for hn, mk := range handlers {
		for vn, val := range values {
			for _, with := range []bool{false, true} {
				t.Run(hn+"/"+vn, func(t *testing.T) {
					var out bytes.Buffer
					h := mk(&out)
					l := slog.New(h)
					if with {
						l.With("v", val()).Info("m")
					} else {
						l.Info("m", "v", val())
					}
					require.NoError(t, h.Close(context.Background()))
					require.Contains(t, out.String(), `"msg":"m"`)
					require.NotContains(t, out.String(), "Kq7vX2mWz9Lr")
				})
			}
		}
	}
}

// TestNestedSteadyValuesWrittenAsSlog: values of the standard library
// that render themselves the same way every time (times, raw JSON) are
// written exactly as slog.JSONHandler writes them.
func TestNestedSteadyValuesWrittenAsSlog(t *testing.T) {
	at := time.Date(2026, 3, 14, 15, 9, 26, 535897932, time.FixedZone("", 3600))
	v := map[string]any{"at": at, "raw": []byte("x"), "ptr": &at, "list": []any{at, 2}}
	var got, want bytes.Buffer
	h := New(&got, &Options{ReplaceAttr: dropTime})
	slog.New(h).Info("m", "v", v)
	require.NoError(t, h.Close(context.Background()))
	slog.New(slog.NewJSONHandler(&want, &slog.HandlerOptions{ReplaceAttr: dropTime})).Info("m", "v", v)
	require.Equal(t, want.String(), got.String())
}

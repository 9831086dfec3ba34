package slogcore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// brokerPassword is what the values below reveal after their first answer:
// a broker URL with its password.
const (
	brokerURL      = "amqp://orders:Hq5mZt2Lw9@10.1.2.3:5672/prod"
	brokerPassword = "Hq5mZt2Lw9"
)

// nextJSON answers with a harmless object once, then with the password:
// the redactor judges the first answer, the wrapped handler asks again.
type nextJSON struct{ calls *atomic.Int32 }

func (n nextJSON) MarshalJSON() ([]byte, error) {
	if n.calls.Add(1) == 1 {
		return []byte(`{"broker":"orders"}`), nil
	}
	return []byte(`{"broker":"` + brokerURL + `"}`), nil
}

// nextText does the same through MarshalText.
type nextText struct{ calls *atomic.Int32 }

func (n nextText) MarshalText() ([]byte, error) {
	if n.calls.Add(1) == 1 {
		return []byte("orders"), nil
	}
	return []byte(brokerURL), nil
}

// nextJSONError is an error that marshals itself, which slog's JSON
// handler writes by its JSON.
type nextJSONError struct{ nextJSON }

func (nextJSONError) Error() string { return "broker unreachable" }

type resolvesTo struct{ v any }

func (r resolvesTo) LogValue() slog.Value { return slog.AnyValue(r.v) }

// TestAsyncSelfRenderingValueAskedOnce checks that a value that renders
// itself reaches Async's wrapped handler as redaction judged it, wherever
// it sits, even when it answers otherwise when asked again.
func TestAsyncSelfRenderingValueAskedOnce(t *testing.T) {
	values := map[string]func() any{
		"MarshalJSON":         func() any { return nextJSON{new(atomic.Int32)} },
		"MarshalText":         func() any { return nextText{new(atomic.Int32)} },
		"pointer MarshalJSON": func() any { return &nextJSON{new(atomic.Int32)} },
		"error MarshalJSON":   func() any { return nextJSONError{nextJSON{new(atomic.Int32)}} },
		"in a map":            func() any { return map[string]any{"conn": nextText{new(atomic.Int32)}} },
		"in a slice":          func() any { return []any{nextJSON{new(atomic.Int32)}} },
		"in a struct":         func() any { return struct{ Conn any }{nextText{new(atomic.Int32)}} },
	}
	shapes := map[string]func(l *slog.Logger, v any){
		"attr":      func(l *slog.Logger, v any) { l.Warn("publish retry", "mq", v) },
		"group":     func(l *slog.Logger, v any) { l.Warn("publish retry", slog.Group("out", slog.Any("mq", v))) },
		"With":      func(l *slog.Logger, v any) { l.With("mq", v).Warn("publish retry") },
		"WithGroup": func(l *slog.Logger, v any) { l.WithGroup("out").With("mq", v).Warn("publish retry", "n", 4) },
		"LogValuer": func(l *slog.Logger, v any) { l.Warn("publish retry", "mq", resolvesTo{v}) },
	}
	handlers := map[string]func(b *bytes.Buffer) slog.Handler{
		"JSONHandler": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"TextHandler": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	}
	for hname, mk := range handlers {
		for vname, value := range values {
			for sname, log := range shapes {
				t.Run(hname+"/"+vname+"/"+sname, func(t *testing.T) {
					var out bytes.Buffer
					h := Async(mk(&out), nil)
					log(slog.New(h), value())
					require.NoError(t, h.Close(context.Background()))
					require.Contains(t, out.String(), "publish retry")
					require.NotContains(t, out.String(), brokerPassword)
				})
			}
		}
	}
}

type steadyObject struct{ Shard int }

func (s steadyObject) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf(`{ "shard" : %d }`, s.Shard)), nil
}

type steadyLabel struct{ zone string }

func (s steadyLabel) MarshalText() ([]byte, error) { return []byte("zone <" + s.zone + ">"), nil }

type steadyPair struct{}

func (steadyPair) MarshalText() ([]byte, error) { return []byte("pair as text"), nil }
func (steadyPair) MarshalJSON() ([]byte, error) { return []byte(`["pair","as","json"]`), nil }

type refusedText struct{}

func (refusedText) MarshalText() ([]byte, error) { return nil, errors.New("zone unknown") }

type codedError struct{ code int }

func (c codedError) Error() string { return fmt.Sprintf("quota exceeded (%d)", c.code) }
func (c codedError) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf(`{"code":%d}`, c.code)), nil
}

// TestAsyncSteadySelfRenderingValuesWrittenAsBefore checks that values
// that render themselves the same way every time are written by Async's
// wrapped handler byte for byte as the handler alone writes them, as
// attrs and as With attrs.
func TestAsyncSteadySelfRenderingValuesWrittenAsBefore(t *testing.T) {
	at := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	attrs := map[string]slog.Attr{
		"MarshalJSON":        slog.Any("placement", steadyObject{3}),
		"MarshalText":        slog.Any("zone", steadyLabel{"b"}),
		"both":               slog.Any("pair", steadyPair{}),
		"failing text":       slog.Any("zone", refusedText{}),
		"error as JSON":      slog.Any("err", codedError{429}),
		"standard library":   slog.Any("addr", netip.MustParseAddr("192.0.2.9")),
		"pointer":            slog.Any("zone", &steadyLabel{"c"}),
		"inside a map":       slog.Any("m", map[string]any{"p": steadyObject{1}, "z": steadyLabel{"a"}}),
		"group of several":   slog.Group("g", slog.Any("p", steadyPair{}), slog.Int("n", 1)),
		"wrapped JSON error": slog.Any("err", fmt.Errorf("admit: %w", codedError{503})),
	}
	handlers := map[string]func(b *bytes.Buffer) slog.Handler{
		"JSONHandler": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"TextHandler": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	}
	for hname, mk := range handlers {
		for name, a := range attrs {
			t.Run(hname+"/"+name, func(t *testing.T) {
				r := slog.NewRecord(at, slog.LevelInfo, "placed", 0)
				r.AddAttrs(a)
				var want, got bytes.Buffer
				require.NoError(t, mk(&want).Handle(context.Background(), r))
				h := Async(mk(&got), nil)
				require.NoError(t, h.Handle(context.Background(), r))
				require.NoError(t, h.Close(context.Background()))
				require.Equal(t, want.String(), got.String())

				want.Reset()
				got.Reset()
				bare := slog.NewRecord(at, slog.LevelInfo, "placed", 0)
				require.NoError(t, mk(&want).WithAttrs([]slog.Attr{a}).Handle(context.Background(), bare))
				h = Async(mk(&got), nil)
				require.NoError(t, h.WithAttrs([]slog.Attr{a}).Handle(context.Background(), bare))
				require.NoError(t, h.Close(context.Background()))
				require.Equal(t, want.String(), got.String())
			})
		}
	}
}

// TestAsyncPinnedJSONErrorKeepsIdentity checks that an error that
// marshals itself still unwraps to the caller's error in the wrapped
// handler.
func TestAsyncPinnedJSONErrorKeepsIdentity(t *testing.T) {
	sent := codedError{409}
	var seen error
	next := slog.NewJSONHandler(&bytes.Buffer{}, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if err, ok := a.Value.Any().(error); ok && a.Key == "err" {
			seen = err
		}
		return a
	}})
	h := Async(next, nil)
	slog.New(h).Error("conflict", "err", sent)
	require.NoError(t, h.Close(context.Background()))
	require.Error(t, seen)
	var got codedError
	require.ErrorAs(t, seen, &got)
	require.Equal(t, 409, got.code)
	require.Equal(t, "quota exceeded (409)", seen.Error())
}

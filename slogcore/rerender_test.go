package slogcore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

// The secret a changing value reveals after its first answer.
const laterSecret = "db_password=Kq7vX2mWz9Lr"

// changingError answers "dial failed" once, then reveals a secret: the
// redactor judges the first answer, and whatever renders it again must not
// write the second unredacted.
type changingError struct{ calls atomic.Int32 }

func (e *changingError) Error() string {
	if e.calls.Add(1) == 1 {
		return "dial failed"
	}
	return "dial failed: " + laterSecret
}

// changingJSON does the same through MarshalJSON.
type changingJSON struct{ calls atomic.Int32 }

func (j *changingJSON) MarshalJSON() ([]byte, error) {
	if j.calls.Add(1) == 1 {
		return []byte(`{"state":"ok"}`), nil
	}
	return []byte(`{"state":"ok","conn":"` + laterSecret + `"}`), nil
}

// changingText does the same through MarshalText.
type changingText struct{ calls atomic.Int32 }

func (x *changingText) MarshalText() ([]byte, error) {
	if x.calls.Add(1) == 1 {
		return []byte("ok"), nil
	}
	return []byte(laterSecret), nil
}

// errorLogValuer resolves to an error.
type errorLogValuer struct{ err error }

func (v errorLogValuer) LogValue() slog.Value { return slog.AnyValue(v.err) }

func TestChangingValuesRedactedAsWritten(t *testing.T) {
	type logFunc func(l *slog.Logger)
	values := map[string]func() any{
		"Error":       func() any { return &changingError{} },
		"MarshalJSON": func() any { return &changingJSON{} },
		"MarshalText": func() any { return &changingText{} },
		"joined":      func() any { return errors.Join(errors.New("retry"), &changingError{}) },
		"wrapped":     func() any { return fmt.Errorf("connect: %w", &changingError{}) },
	}
	placements := map[string]func(v any) logFunc{
		"attr":  func(v any) logFunc { return func(l *slog.Logger) { l.Info("m", "v", v) } },
		"group": func(v any) logFunc { return func(l *slog.Logger) { l.Info("m", slog.Group("db", "v", v)) } },
		"nested": func(v any) logFunc {
			return func(l *slog.Logger) { l.Info("m", slog.Group("a", slog.Group("b", "v", v))) }
		},
		"With":      func(v any) logFunc { return func(l *slog.Logger) { l.With("v", v).Info("m") } },
		"WithGroup": func(v any) logFunc { return func(l *slog.Logger) { l.WithGroup("db").With("v", v).Info("m", "n", 1) } },
		"LogValuer": func(v any) logFunc {
			return func(l *slog.Logger) {
				if err, ok := v.(error); ok {
					l.Info("m", "v", errorLogValuer{err})
				} else {
					l.Info("m", "v", slog.AnyValue(v))
				}
			}
		},
	}
	handlers := map[string]func(*bytes.Buffer) *Handler{
		"New": func(b *bytes.Buffer) *Handler { return New(b, nil) },
		"New+ReplaceAttr": func(b *bytes.Buffer) *Handler {
			return New(b, &Options{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr { return a }})
		},
		"Async":      func(b *bytes.Buffer) *Handler { return Async(slog.NewJSONHandler(b, nil), nil) },
		"Async+Text": func(b *bytes.Buffer) *Handler { return Async(slog.NewTextHandler(b, nil), nil) },
	}
	for hn, mk := range handlers {
		for vn, val := range values {
			if strings.HasPrefix(hn, "Async") && vn != "Error" && vn != "joined" && vn != "wrapped" {
				continue // the wrapped handler renders other values itself (see the package doc)
			}
			for pn, place := range placements {
				t.Run(hn+"/"+vn+"/"+pn, func(t *testing.T) {
					var out bytes.Buffer
					h := mk(&out)
					place(val())(slog.New(h))
					require.NoError(t, h.Close(context.Background()))
					require.NotEmpty(t, out.String())
					require.NotContains(t, out.String(), "Kq7vX2mWz9Lr")
				})
			}
		}
	}
}

// recordingHandler keeps the attrs of the records it handles.
type recordingHandler struct {
	mu    sync.Mutex
	attrs []slog.Attr
}

func (r *recordingHandler) Enabled(context.Context, slog.Level) bool { return true }
func (r *recordingHandler) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	rec.Attrs(func(a slog.Attr) bool { r.attrs = append(r.attrs, a); return true })
	return nil
}
func (r *recordingHandler) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *recordingHandler) WithGroup(string) slog.Handler      { return r }

// TestAsyncPinnedErrorUnwraps: the error Async hands on keeps its text from
// the call and unwraps to the caller's error.
func TestAsyncPinnedErrorUnwraps(t *testing.T) {
	next := &recordingHandler{}
	h := Async(next, nil)
	cause := &fs.PathError{Op: "open", Path: "/etc/app.conf", Err: fs.ErrPermission}
	changing := &changingError{}
	slog.New(h).Error("boot", "err", fmt.Errorf("load config: %w", cause), "later", changing)
	require.NoError(t, h.Close(context.Background()))
	require.Len(t, next.attrs, 2)
	err, ok := next.attrs[0].Value.Any().(error)
	require.True(t, ok)
	require.Equal(t, "load config: open /etc/app.conf: permission denied", err.Error())
	require.ErrorIs(t, err, fs.ErrPermission)
	var pe *fs.PathError
	require.ErrorAs(t, err, &pe)
	require.Same(t, cause, pe)
	later := next.attrs[1].Value.Any().(error)
	require.Equal(t, "dial failed", later.Error())
	require.Equal(t, "dial failed", later.Error(), "the text is fixed")
	require.ErrorIs(t, later, changing)
}

// TestNoRedactionKeepsErrors: with redaction off, Async passes errors as
// they are.
func TestNoRedactionKeepsErrors(t *testing.T) {
	next := &recordingHandler{}
	h := Async(next, &Options{Redact: NoRedaction})
	e := &changingError{}
	slog.New(h).Info("m", "err", e)
	require.NoError(t, h.Close(context.Background()))
	require.Same(t, e, next.attrs[0].Value.Any())
}

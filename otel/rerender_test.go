package otel_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"

	"github.com/slogguard/slogguard/otel"
)

// secondAnswer is what a changingError reveals after its first answer.
const secondAnswer = "smtp_password=Vd82nQxT4kLp"

// changingError answers "relay refused" once, then reveals a secret: the
// Redactor judges the first answer; neither side may write the second.
type changingError struct{ calls atomic.Int32 }

func (e *changingError) Error() string {
	if e.calls.Add(1) == 1 {
		return "relay refused"
	}
	return "relay refused: " + secondAnswer
}

type errorValuer struct{ err error }

func (v errorValuer) LogValue() slog.Value { return slog.AnyValue(v.err) }

// exported returns everything the exporter received, as text.
func exported(exp *memExporter) string {
	var sb strings.Builder
	for _, r := range exp.Records() {
		sb.WriteString(r.Body().String())
		r.WalkAttributes(func(kv attribute.KeyValue) bool {
			fmt.Fprintf(&sb, " %s=%s", kv.Key, kv.Value.String())
			return true
		})
		sb.WriteByte('\n')
	}
	return sb.String()
}

func TestErrorsRedactedAsBothSidesWriteThem(t *testing.T) {
	for name, log := range map[string]func(l *slog.Logger, err error){
		"attr":      func(l *slog.Logger, err error) { l.Error("send", "err", err) },
		"group":     func(l *slog.Logger, err error) { l.Error("send", slog.Group("smtp", "err", err)) },
		"With":      func(l *slog.Logger, err error) { l.With("err", err).Error("send") },
		"WithGroup": func(l *slog.Logger, err error) { l.WithGroup("smtp").With("err", err).Error("send", "try", 2) },
		"LogValuer": func(l *slog.Logger, err error) { l.Error("send", "err", errorValuer{err}) },
		"wrapped":   func(l *slog.Logger, err error) { l.Error("send", "err", fmt.Errorf("notify: %w", err)) },
		"joined":    func(l *slog.Logger, err error) { l.Error("send", "err", errors.Join(fs.ErrClosed, err)) },
	} {
		t.Run(name, func(t *testing.T) {
			exp := &memExporter{}
			var local bytes.Buffer
			h, err := otel.New(&local, &otel.Options{Exporter: exp})
			require.NoError(t, err)
			log(slog.New(h), &changingError{})
			require.NoError(t, h.Close(context.Background()))
			remote := exported(exp)
			require.Contains(t, remote, "relay refused")
			require.Contains(t, local.String(), "relay refused")
			require.NotContains(t, remote, "Vd82nQxT4kLp")
			require.NotContains(t, local.String(), "Vd82nQxT4kLp")
		})
	}
}

// TestPinnedErrorKeepsExceptionType: the error OpenTelemetry gets names
// the caller's type in exception.type, as the SDK derives it.
func TestPinnedErrorKeepsExceptionType(t *testing.T) {
	exp := &memExporter{}
	h, err := otel.New(&bytes.Buffer{}, &otel.Options{Exporter: exp})
	require.NoError(t, err)
	l := slog.New(h)
	l.Error("a", "err", &changingError{})
	l.Error("b", "err", fmt.Errorf("open: %w", &fs.PathError{Op: "open", Path: "/srv/x", Err: fs.ErrNotExist}))
	require.NoError(t, h.Close(context.Background()))
	recs := exp.Records()
	require.Len(t, recs, 2)
	types := map[string]string{}
	for _, r := range recs {
		r.WalkAttributes(func(kv attribute.KeyValue) bool {
			if kv.Key == "exception.type" {
				types[r.Body().AsString()] = kv.Value.AsString()
			}
			return true
		})
	}
	require.Equal(t, "*otel_test.changingError", types["a"])
	require.Equal(t, "*fs.PathError", types["b"])
}

// selfGroup is a LogValuer whose value holds the LogValuer again.
type selfGroup struct{ n int }

func (s selfGroup) LogValue() slog.Value {
	return slog.GroupValue(slog.Int("n", s.n), slog.Any("next", selfGroup{s.n + 1}), slog.Any("err", &changingError{}))
}

// TestEndlessLogValuerIsBounded: pinning follows groups only so deep; the
// Redactor masks the rest, and the process does not die of a stack
// overflow.
func TestEndlessLogValuerIsBounded(t *testing.T) {
	exp := &memExporter{}
	var local bytes.Buffer
	h, err := otel.New(&local, &otel.Options{Exporter: exp})
	require.NoError(t, err)
	l := slog.New(h)
	l.Info("endless", "v", selfGroup{})
	l.With("v", selfGroup{}).Info("endless with")
	require.NoError(t, h.Close(context.Background()))
	require.Len(t, exp.Records(), 2)
	require.Equal(t, 2, strings.Count(local.String(), "\n"))
	require.NotContains(t, local.String(), "Vd82nQxT4kLp")
	require.NotContains(t, exported(exp), "Vd82nQxT4kLp")
}

package slogcore

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
)

// The benchmark scenario: LogAttrs with a message and 10 attrs (int, string,
// time, duration, bool, float, two more strings, int, error) to io.Discard.
var (
	errBench  = errors.New("connection reset by peer")
	benchTime = time.Date(2026, 11, 26, 6, 45, 2, 0, time.UTC)
)

func logTen(ctx context.Context, l *slog.Logger) {
	l.LogAttrs(ctx, slog.LevelInfo, "request handled",
		slog.Int("status", 200),
		slog.String("method", "GET"),
		slog.Time("started", benchTime),
		slog.Duration("elapsed", 1234*time.Microsecond),
		slog.Bool("cached", false),
		slog.Float64("ratio", 0.75),
		slog.String("path", "/api/v1/orders/12345"),
		slog.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
		slog.Int("bytes", 5120),
		slog.Any("err", errBench),
	)
}

type benchTarget struct {
	name string
	make func() (slog.Handler, func())
}

func benchTargets() []benchTarget {
	return []benchTarget{
		{"handler=slog.JSONHandler", func() (slog.Handler, func()) {
			return slog.NewJSONHandler(io.Discard, nil), func() {}
		}},
		{"handler=noop", func() (slog.Handler, func()) {
			return noopHandler{}, func() {}
		}},
		{"handler=slogcore.New", func() (slog.Handler, func()) {
			h := New(io.Discard, &Options{Redact: NoRedaction})
			return h, func() { _ = h.Close(context.Background()) }
		}},
		{"handler=slogcore.New+redact", func() (slog.Handler, func()) {
			h := New(io.Discard, nil) // the default: redact.Credentials preset
			return h, func() { _ = h.Close(context.Background()) }
		}},
	}
}

// noopHandler is enabled and does nothing: the cost of slog's front end.
type noopHandler struct{}

func (noopHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (noopHandler) Handle(context.Context, slog.Record) error { return nil }
func (h noopHandler) WithAttrs([]slog.Attr) slog.Handler      { return h }
func (h noopHandler) WithGroup(string) slog.Handler           { return h }

func BenchmarkTenAttrs(b *testing.B) {
	ctx := context.Background()
	for _, bt := range benchTargets() {
		b.Run(bt.name, func(b *testing.B) {
			h, done := bt.make()
			l := slog.New(h)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				logTen(ctx, l)
			}
			b.StopTimer()
			done()
		})
	}
}

func BenchmarkTenAttrsParallel(b *testing.B) {
	ctx := context.Background()
	for _, bt := range benchTargets() {
		b.Run(bt.name, func(b *testing.B) {
			h, done := bt.make()
			l := slog.New(h)
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					logTen(ctx, l)
				}
			})
			done() // drain inside the timer: the worker's time counts
		})
	}
}

// BenchmarkNestedMap logs one record whose payload is a nested map, with
// and without a secret in it, through New with the redact.Credentials preset.
func BenchmarkNestedMap(b *testing.B) {
	ctx := context.Background()
	payload := func(secret bool) map[string]any {
		inner := map[string]any{"user": "bob", "plan": "pro", "seats": 12}
		if secret {
			inner["client_secret"] = "s3cr3t"
		}
		return map[string]any{"request": map[string]any{"id": "r-1", "account": inner}}
	}
	for _, tc := range []struct {
		name   string
		secret bool
		redact *redact.Redactor
	}{
		{"redact=off", false, NoRedaction},
		{"redact=clean", false, nil},
		{"redact=secret", true, nil},
	} {
		b.Run(tc.name, func(b *testing.B) {
			h := New(io.Discard, &Options{Redact: tc.redact})
			l := slog.New(h)
			m := payload(tc.secret)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				l.LogAttrs(ctx, slog.LevelInfo, "payload", slog.Any("body", m))
			}
			b.StopTimer()
			_ = h.Close(ctx)
		})
	}
}

package slogcore

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"
)

// The scenario: LogAttrs with a message and 10 attrs (int, string,
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
			h := New(io.Discard, nil)
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

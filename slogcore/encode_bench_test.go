package slogcore

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// captureHandler keeps the last record it was given.
type captureHandler struct{ r *slog.Record }

func (h captureHandler) Enabled(context.Context, slog.Level) bool      { return true }
func (h captureHandler) Handle(_ context.Context, r slog.Record) error { *h.r = r; return nil }
func (h captureHandler) WithAttrs([]slog.Attr) slog.Handler            { return h }
func (h captureHandler) WithGroup(string) slog.Handler                 { return h }

// BenchmarkEncode measures the worker's side alone: encoding one captured
// record of the TenAttrs scenario.
func BenchmarkEncode(b *testing.B) {
	var r slog.Record
	logTen(context.Background(), slog.New(captureHandler{&r}))
	for name, red := range map[string]*redact.Redactor{"redact=off": NoRedaction, "redact=credentials": nil} {
		b.Run(name, func(b *testing.B) {
			h := New(io.Discard, &Options{Redact: red})
			defer h.Close(context.Background())
			e := new(entry)
			e.h, e.time, e.level, e.msg, e.pc = h, r.Time, r.Level, r.Message, r.PC
			h.captureRecord(e, r)
			b.ReportAllocs()
			var buf []byte
			for i := 0; i < b.N; i++ {
				buf = h.core.appendRecord(buf[:0], e, &h.core.cache)
			}
		})
	}
}

// BenchmarkCapture measures the caller's side alone: capturing one record.
func BenchmarkCapture(b *testing.B) {
	var r slog.Record
	logTen(context.Background(), slog.New(captureHandler{&r}))
	h := New(io.Discard, nil)
	defer h.Close(context.Background())
	e := new(entry)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		e.reset()
		e.h, e.time, e.level, e.msg, e.pc = h, r.Time, r.Level, r.Message, r.PC
		h.captureRecord(e, r)
	}
}

// BenchmarkCaptureEncode measures the work of one record on both sides,
// capture then encode, on one goroutine: once every processor is busy,
// RunParallel's throughput depends on this sum.
func BenchmarkCaptureEncode(b *testing.B) {
	var r slog.Record
	logTen(context.Background(), slog.New(captureHandler{&r}))
	for _, tc := range []struct {
		name string
		red  *redact.Redactor
	}{{"redact=off", NoRedaction}, {"redact=credentials", nil}} {
		b.Run(tc.name, func(b *testing.B) {
			h := New(io.Discard, &Options{Redact: tc.red})
			defer h.Close(context.Background())
			e := new(entry)
			var buf []byte
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				e.h, e.time, e.level, e.msg, e.pc = h, r.Time, r.Level, r.Message, r.PC
				h.captureRecord(e, r)
				buf = h.core.appendRecord(buf[:0], e, &h.core.cache)
				reusable(e)
			}
		})
	}
	// The same record through slog.JSONHandler's Handle: its whole work.
	b.Run("handler=slog.JSONHandler", func(b *testing.B) {
		h := slog.NewJSONHandler(io.Discard, nil)
		ctx := context.Background()
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = h.Handle(ctx, r)
		}
	})
}

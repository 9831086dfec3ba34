package otel_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	slogmulti "github.com/samber/slog-multi"
	"go.opentelemetry.io/contrib/bridges/otelslog"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// discardExporter accepts every record and keeps none.
type discardExporter struct{}

func (discardExporter) Export(context.Context, []sdklog.Record) error { return nil }
func (discardExporter) Shutdown(context.Context) error                { return nil }
func (discardExporter) ForceFlush(context.Context) error              { return nil }

func logTen(b *testing.B, logger *slog.Logger) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			logger.Info("request served", "method", "GET", "path", "/api/v1/items", "status", 200,
				"bytes", 5120, "ms", 12.5, "user", "ada", "password", "hunter2", "region", "eu", "ok", true, "retry", 0)
		}
	})
}

// BenchmarkShip compares, in one run, slog.JSONHandler alone, the naive
// fan-out that leaks (slogcore and otelslog side by side), and New (redaction
// once, then both sides, with loss accounting). The exporter discards.
func BenchmarkShip(b *testing.B) {
	b.Run("slog.JSONHandler", func(b *testing.B) {
		logTen(b, slog.New(slog.NewJSONHandler(io.Discard, nil)))
	})
	b.Run("naive-fanout", func(b *testing.B) {
		provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(sdklog.NewBatchProcessor(discardExporter{})))
		core := slogcore.New(io.Discard, nil)
		logTen(b, slog.New(slogmulti.Fanout(core, otelslog.NewHandler("bench", otelslog.WithLoggerProvider(provider)))))
		b.StopTimer()
		_ = core.Close(context.Background())
		_ = provider.Shutdown(context.Background())
	})
	b.Run("otel.New", func(b *testing.B) {
		h, err := otel.New(io.Discard, &otel.Options{Exporter: discardExporter{}, Batch: &otel.BatchOptions{Overflow: slogcore.DropNewest}})
		if err != nil {
			b.Fatal(err)
		}
		logTen(b, slog.New(h))
		b.StopTimer()
		_ = h.Close(context.Background())
	})
}

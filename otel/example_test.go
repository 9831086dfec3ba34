package otel_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/stdout/stdoutlog"
	otellog "go.opentelemetry.io/otel/log"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// New is the whole recipe: one handler that redacts, then writes locally
// and exports. For a collector, the exporter is
// otlploghttp.New(ctx, otlploghttp.WithEndpointURL("http://collector:4318/v1/logs")).
func ExampleNew() {
	exporter, err := stdoutlog.New(stdoutlog.WithWriter(io.Discard))
	if err != nil {
		panic(err)
	}
	h, err := otel.New(os.Stdout, &otel.Options{
		Exporter: exporter,
		Core:     &slogcore.Options{ReplaceAttr: withoutTime}, // a reproducible example
	})
	if err != nil {
		panic(err)
	}
	logger := slog.New(h)

	logger.Info("login", "user", "ada", "password", "hunter2")

	if err := h.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	fmt.Println(h.Stats())
	// Output:
	// {"level":"INFO","msg":"login","user":"ada","password":"[REDACTED]"}
	// local: 1 submitted, 1 written, 0 dropped, 0 failed; otel: 1 emitted, 1 exported, 0 dropped, 0 failed, 0 pending; redacted: 1
}

func withoutTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

// A RedactProcessor guards a LoggerProvider that other bridges write to.
func ExampleNewRedactProcessor() {
	batch, err := otel.NewBatchProcessor(printExporter{}, nil)
	if err != nil {
		panic(err)
	}
	provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(otel.NewRedactProcessor(batch, nil)))

	var rec otellog.Record
	rec.SetBody(attribute.StringValue("connecting to postgres://app:s3cret@db"))
	rec.AddAttributes(attribute.String("api_key", "k-123"), attribute.String("region", "eu"))
	provider.Logger("legacy").Emit(context.Background(), rec)

	if err := provider.Shutdown(context.Background()); err != nil {
		fmt.Println(err)
	}
	fmt.Printf("%+v\n", batch.Stats().Exported)
	// Output:
	// connecting to postgres://[REDACTED]@db api_key=[REDACTED] region=eu
	// 1
}

// printExporter prints each record's body and attributes.
type printExporter struct{}

func (printExporter) Export(_ context.Context, records []sdklog.Record) error {
	for _, r := range records {
		line := r.Body().AsString()
		r.WalkAttributes(func(kv attribute.KeyValue) bool {
			line += fmt.Sprintf(" %s=%s", kv.Key, kv.Value.String())
			return true
		})
		fmt.Println(line)
	}
	return nil
}

func (printExporter) Shutdown(context.Context) error   { return nil }
func (printExporter) ForceFlush(context.Context) error { return nil }

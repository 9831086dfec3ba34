// Command otel ships slog records to an OpenTelemetry collector without
// leaking secrets, and prints what the collector received.
//
// It starts an OTLP/HTTP receiver on 127.0.0.1 (standing in for a
// Collector), logs through otel.New with the real OTLP exporter, closes,
// and prints each record as the receiver decoded it, then both queues'
// accounting. Run it from the otel module:
//
//	cd otel && go run ./examples/otel
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	"go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp"
	"go.opentelemetry.io/otel/trace"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/otel/internal/otlptest"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "otel example: error:", err)
		os.Exit(1)
	}
}

func run(out io.Writer) error {
	collector, err := otlptest.Start()
	if err != nil {
		return err
	}
	defer collector.Close()

	ctx := context.Background()
	exporter, err := otlploghttp.New(ctx, otlploghttp.WithEndpointURL(collector.URL))
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "== local output (slogcore)")
	h, err := otel.New(out, &otel.Options{Exporter: exporter})
	if err != nil {
		return err
	}
	logger := slog.New(h)

	// A span from the tracing side; its ids go with the records.
	tid, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	ctx = trace.ContextWithSpanContext(ctx, trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled,
	}))

	logger.InfoContext(ctx, "user logged in", "user", "ada", "password", "hunter2")
	logger.With("api_key", "AKIAIOSFODNN7EXAMPLE").WarnContext(ctx, "slow upstream", "ms", 1250)
	logger.WithGroup("db").ErrorContext(ctx, "query failed",
		"err", errors.New("dial postgres://app:s3cret@db:5432: connection refused"),
		slog.Group("conn", "host", "db", "token", "tok-42"))

	closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.Close(closeCtx); err != nil {
		return err
	}

	fmt.Fprintln(out, "\n== what the collector received (OTLP/HTTP, decoded)")
	for _, r := range collector.Records() {
		fmt.Fprintf(out, "%s (%d) %q trace=%x span=%x\n", r.GetSeverityText(), r.GetSeverityNumber(), r.GetBody().GetStringValue(), r.GetTraceId(), r.GetSpanId())
		for _, kv := range sorted(r.GetAttributes()) {
			fmt.Fprintf(out, "    %s = %s\n", kv.GetKey(), render(kv.GetValue()))
		}
	}
	fmt.Fprintln(out, "\n== accounting")
	fmt.Fprintln(out, h.Stats())
	return nil
}

func sorted(kvs []*commonpb.KeyValue) []*commonpb.KeyValue {
	out := append([]*commonpb.KeyValue(nil), kvs...)
	sort.Slice(out, func(i, j int) bool { return out[i].GetKey() < out[j].GetKey() })
	return out
}

// render prints an OTLP value compactly.
func render(v *commonpb.AnyValue) string {
	switch x := v.GetValue().(type) {
	case *commonpb.AnyValue_StringValue:
		return fmt.Sprintf("%q", x.StringValue)
	case *commonpb.AnyValue_IntValue:
		return fmt.Sprint(x.IntValue)
	case *commonpb.AnyValue_DoubleValue:
		return fmt.Sprint(x.DoubleValue)
	case *commonpb.AnyValue_BoolValue:
		return fmt.Sprint(x.BoolValue)
	case *commonpb.AnyValue_KvlistValue:
		var parts []string
		for _, kv := range x.KvlistValue.GetValues() {
			parts = append(parts, kv.GetKey()+": "+render(kv.GetValue()))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *commonpb.AnyValue_ArrayValue:
		var parts []string
		for _, e := range x.ArrayValue.GetValues() {
			parts = append(parts, render(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

package otel_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp"
	sdklog "go.opentelemetry.io/otel/sdk/log"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/otel/internal/otlptest"
	"github.com/slogguard/slogguard/redact"
)

// startReceiver starts an OTLP/HTTP receiver on 127.0.0.1 for the test.
func startReceiver(t testing.TB) *otlptest.Receiver {
	t.Helper()
	rcv, err := otlptest.Start()
	require.NoError(t, err)
	t.Cleanup(func() { _ = rcv.Close() })
	return rcv
}

// otlpExporter is the real OTLP/HTTP exporter, pointed at rcv.
func otlpExporter(t testing.TB, rcv *otlptest.Receiver, opts ...otlploghttp.Option) sdklog.Exporter {
	t.Helper()
	opts = append([]otlploghttp.Option{otlploghttp.WithEndpointURL(rcv.URL)}, opts...)
	exp, err := otlploghttp.New(context.Background(), opts...)
	require.NoError(t, err)
	return exp
}

// closeCtx is a generous deadline for Close in tests.
func closeCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// memExporter keeps exported records in memory.
type memExporter struct {
	mu      sync.Mutex
	records []sdklog.Record
}

func (e *memExporter) Export(_ context.Context, records []sdklog.Record) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, r := range records {
		e.records = append(e.records, r.Clone())
	}
	return nil
}

func (e *memExporter) Shutdown(context.Context) error   { return nil }
func (e *memExporter) ForceFlush(context.Context) error { return nil }

func (e *memExporter) Records() []sdklog.Record {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]sdklog.Record(nil), e.records...)
}

// anyValue converts an OTLP value to plain Go: maps, slices, strings,
// int64, float64, bool, []byte.
func anyValue(v *commonpb.AnyValue) any {
	switch x := v.GetValue().(type) {
	case *commonpb.AnyValue_StringValue:
		return x.StringValue
	case *commonpb.AnyValue_IntValue:
		return x.IntValue
	case *commonpb.AnyValue_DoubleValue:
		return x.DoubleValue
	case *commonpb.AnyValue_BoolValue:
		return x.BoolValue
	case *commonpb.AnyValue_BytesValue:
		return x.BytesValue
	case *commonpb.AnyValue_ArrayValue:
		out := []any{}
		for _, e := range x.ArrayValue.GetValues() {
			out = append(out, anyValue(e))
		}
		return out
	case *commonpb.AnyValue_KvlistValue:
		return attrMap(x.KvlistValue.GetValues())
	}
	return nil
}

// attrMap converts OTLP attributes to a map.
func attrMap(kvs []*commonpb.KeyValue) map[string]any {
	m := make(map[string]any, len(kvs))
	for _, kv := range kvs {
		m[kv.GetKey()] = anyValue(kv.GetValue())
	}
	return m
}

// hexID renders a trace or span id as the OTel API prints it.
func hexID(b []byte) string { return hex.EncodeToString(b) }

// leaked returns the secrets that occur anywhere in the raw bodies.
func leaked(bodies [][]byte, secrets []string) []string {
	var found []string
	for _, s := range secrets {
		for _, b := range bodies {
			if bytes.Contains(b, []byte(s)) {
				found = append(found, s)
				break
			}
		}
	}
	return found
}

// testRedactor masks credentials and card data.
func testRedactor() *otel.Redactor {
	return redact.Must(redact.Credentials, redact.PCIDSS)
}

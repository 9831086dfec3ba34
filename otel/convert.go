package otel

import (
	"fmt"
	"log/slog"

	"go.opentelemetry.io/otel/attribute"
)

// The Redactor works on slog values. A record that enters OpenTelemetry
// through another bridge carries attribute values, so the redacting
// processor converts each attribute to slog, redacts it, and converts back
// only what changed. The conversion keeps what redaction needs: keys (for
// key and path rules), nesting (maps become groups, so paths reach inside
// them), and every string (for the detectors).

// toSlog converts an attribute value to a slog value: maps become groups,
// slices become []any of slog values, bytes stay []byte.
func toSlog(v attribute.Value) slog.Value {
	switch v.Type() {
	case attribute.BOOL:
		return slog.BoolValue(v.AsBool())
	case attribute.INT64:
		return slog.Int64Value(v.AsInt64())
	case attribute.FLOAT64:
		return slog.Float64Value(v.AsFloat64())
	case attribute.STRING:
		return slog.StringValue(v.AsString())
	case attribute.BOOLSLICE:
		return slog.AnyValue(v.AsBoolSlice())
	case attribute.INT64SLICE:
		return slog.AnyValue(v.AsInt64Slice())
	case attribute.FLOAT64SLICE:
		return slog.AnyValue(v.AsFloat64Slice())
	case attribute.STRINGSLICE:
		ss := v.AsStringSlice()
		out := make([]any, len(ss))
		for i, s := range ss {
			out[i] = s
		}
		return slog.AnyValue(out)
	case attribute.BYTESLICE:
		return slog.AnyValue(v.AsByteSlice())
	case attribute.SLICE:
		vs := v.AsSlice()
		out := make([]any, len(vs))
		for i, e := range vs {
			out[i] = toSlog(e)
		}
		return slog.AnyValue(out)
	case attribute.MAP:
		kvs := v.AsMap()
		out := make([]slog.Attr, len(kvs))
		for i, kv := range kvs {
			out[i] = slog.Attr{Key: string(kv.Key), Value: toSlog(kv.Value)}
		}
		return slog.GroupValue(out...)
	}
	return slog.AnyValue(nil)
}

// fromSlog converts a redacted slog value back to an attribute value. It
// accepts what toSlog produces and what redaction puts in its place (the
// mask as a string, rebuilt groups and slices). Anything else becomes its
// text, so that no value is dropped on the way back.
func fromSlog(v slog.Value) attribute.Value {
	switch v.Kind() {
	case slog.KindBool:
		return attribute.BoolValue(v.Bool())
	case slog.KindInt64:
		return attribute.Int64Value(v.Int64())
	case slog.KindFloat64:
		return attribute.Float64Value(v.Float64())
	case slog.KindString:
		return attribute.StringValue(v.String())
	case slog.KindGroup:
		g := v.Group()
		out := make([]attribute.KeyValue, len(g))
		for i, a := range g {
			out[i] = attribute.KeyValue{Key: attribute.Key(a.Key), Value: fromSlog(a.Value)}
		}
		return attribute.MapValue(out...)
	case slog.KindAny:
		return fromAny(v.Any())
	}
	return attribute.StringValue(v.String())
}

func fromAny(x any) attribute.Value {
	switch x := x.(type) {
	case nil:
		return attribute.Value{}
	case slog.Value:
		return fromSlog(x)
	case string:
		return attribute.StringValue(x)
	case []byte:
		return attribute.ByteSliceValue(x)
	case bool:
		return attribute.BoolValue(x)
	case int64:
		return attribute.Int64Value(x)
	case float64:
		return attribute.Float64Value(x)
	case []bool:
		return attribute.BoolSliceValue(x)
	case []int64:
		return attribute.Int64SliceValue(x)
	case []float64:
		return attribute.Float64SliceValue(x)
	case []string:
		return attribute.StringSliceValue(x)
	case []any:
		out := make([]attribute.Value, len(x))
		for i, e := range x {
			out[i] = fromAny(e)
		}
		return attribute.SliceValue(out...)
	}
	return attribute.StringValue(fmt.Sprint(x))
}

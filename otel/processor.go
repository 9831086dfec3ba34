package otel

import (
	"context"
	"fmt"
	"log/slog"

	"go.opentelemetry.io/otel/attribute"
	sdklog "go.opentelemetry.io/otel/sdk/log"
)

// RedactProcessor is an sdk/log Processor that masks secrets in every record
// and then hands the record to the next processor. Use it in front of the
// exporting processor of a LoggerProvider that receives records from other
// bridges (logr, zap, logrus, or the OTel Logs API directly), which never
// pass through slog redaction:
//
//	batch, _ := otel.NewBatchProcessor(exporter, nil)
//	provider := sdklog.NewLoggerProvider(
//		sdklog.WithProcessor(otel.NewRedactProcessor(batch, nil)))
//
// It masks the body (a string body as a message, a map body key by key) and
// every attribute, by key, by path (map keys are groups) and by the
// detectors inside every string, exactly as the Redactor does for slog
// records. The record is changed in place, so processors registered after
// this one see the redacted record too; processors registered before it see
// the original, which is why it wraps the next processor rather than stand
// beside it.
type RedactProcessor struct {
	next     sdklog.Processor
	redactor *Redactor
}

var _ sdklog.Processor = (*RedactProcessor)(nil)

// NewRedactProcessor returns a processor that redacts with r, then passes
// each record to next. A nil r uses the credentials preset.
func NewRedactProcessor(next sdklog.Processor, r *Redactor) *RedactProcessor {
	if r == nil {
		r = defaultRedactor()
	}
	return &RedactProcessor{next: next, redactor: r}
}

// Enabled reports whether the next processor is enabled. A next processor
// whose Enabled panics is taken as enabled, so that OnEmit reports the
// fault with the record, as an error.
func (p *RedactProcessor) Enabled(ctx context.Context, param sdklog.EnabledParameters) (on bool) {
	defer func() {
		if recover() != nil {
			on = true
		}
	}()
	return p.next.Enabled(ctx, param)
}

// OnEmit redacts record and passes it to the next processor. A panic of
// the next processor is returned as an error (the SDK passes it to the
// global OpenTelemetry error handler): the record is lost to that
// processor, never the program to the panic.
func (p *RedactProcessor) OnEmit(ctx context.Context, record *sdklog.Record) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = p.fault("OnEmit", r, "the record is lost to it")
		}
	}()
	if record == nil {
		return p.next.OnEmit(ctx, record)
	}
	redactRecord(p.redactor, record)
	return p.next.OnEmit(ctx, record)
}

// ForceFlush flushes the next processor; its panic is returned as an error.
func (p *RedactProcessor) ForceFlush(ctx context.Context) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = p.fault("ForceFlush", r, "records it held may not be exported")
		}
	}()
	return p.next.ForceFlush(ctx)
}

// Shutdown shuts the next processor down; its panic is returned as an
// error.
func (p *RedactProcessor) Shutdown(ctx context.Context) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = p.fault("Shutdown", r, "records it held may not be exported")
		}
	}()
	return p.next.Shutdown(ctx)
}

// fault describes a panic r of the next processor's method. Its text is
// redacted: a panic value may quote what the processor was given.
func (p *RedactProcessor) fault(method string, r any, consequence string) error {
	text := redactMessage(p.redactor, fmt.Sprint(r))
	return fmt.Errorf("otel: processor %T: %s panicked: %s; %s (a bug in that processor)", p.next, method, text, consequence)
}

// redactRecord masks what r finds in the body, event name and attributes
// (their keys included) of record.
func redactRecord(r *Redactor, record *sdklog.Record) {
	if redactionOff(r) {
		return
	}
	body := record.Body()
	switch body.Type() {
	case attribute.EMPTY:
	case attribute.STRING:
		if s := body.AsString(); s != "" {
			if m := redactMessage(r, s); m != s {
				record.SetBody(attribute.StringValue(m))
			}
		}
	case attribute.MAP:
		if kvs, changed := redactKeyValues(r, body.AsMap()); changed {
			record.SetBody(attribute.MapValue(kvs...))
		}
	default:
		if v, changed := redactValue(r, "", body); changed {
			record.SetBody(v)
		}
	}

	if name := record.EventName(); name != "" {
		if m := redactMessage(r, name); m != name { // an event name is text the program chose, like a message
			record.SetEventName(m)
		}
	}

	if record.AttributesLen() == 0 {
		return
	}
	kvs := make([]attribute.KeyValue, 0, record.AttributesLen())
	record.WalkAttributes(func(kv attribute.KeyValue) bool {
		kvs = append(kvs, kv)
		return true
	})
	if kvs, changed := redactKeyValues(r, kvs); changed {
		record.SetAttributes(kvs...)
	}
}

// redactKeyValues redacts each of kvs at the top level. It returns a new
// slice when something changed and kvs itself otherwise.
func redactKeyValues(r *Redactor, kvs []attribute.KeyValue) ([]attribute.KeyValue, bool) {
	var out []attribute.KeyValue
	for i, kv := range kvs {
		a, changed := redactAttr(r, nil, slog.Attr{Key: string(kv.Key), Value: toSlog(kv.Value)})
		if changed && out == nil {
			out = make([]attribute.KeyValue, len(kvs))
			copy(out, kvs[:i])
		}
		if out != nil {
			out[i] = kv
			if changed { // the key too: a key that is personal data gets a stable placeholder
				out[i] = attribute.KeyValue{Key: attribute.Key(a.Key), Value: fromSlog(a.Value)}
			}
		}
	}
	if out == nil {
		return kvs, false
	}
	return out, true
}

// redactValue redacts v held under key at the top level.
func redactValue(r *Redactor, key string, v attribute.Value) (attribute.Value, bool) {
	a, changed := redactAttr(r, nil, slog.Attr{Key: key, Value: toSlog(v)})
	if !changed {
		return v, false
	}
	return fromSlog(a.Value), true
}

// Package otel ships slog records to an OpenTelemetry Collector without
// leaking what slogguard redacts, and with every lost record counted.
//
// The natural composition,
//
//	slogmulti.Fanout(slogcore.New(os.Stdout, nil), otelslog.NewHandler(...))
//
// leaks: redaction lives inside slogcore, behind the fan-out, so OTel gets
// the raw record. It also counts loss in one place only: the SDK's batch
// processor overwrites its oldest record when its queue is full and merely
// logs "dropped log records", and otelslog's Handle always returns nil.
//
// [New] is the composition done right, as one slog.Handler: redaction
// first, then the fan-out to a local slogcore handler and to OpenTelemetry
// (otelslog, then a [BatchProcessor], then the exporter). [Handler.Stats]
// reports both queues side by side.
//
// # Contract
//
// No record reaches either side before redaction: attrs, With attrs,
// groups, LogValuers, errors and the message are masked once, by one
// Redactor, before the fan-out. An error's text is read once, before
// redaction, and both sides write that text as redaction left it.
// exception.type names the error's own type, except for an error whose
// text redaction masked: the Redactor stands in for it with an error of
// its own, whose type exception.type then names. An error inside a map,
// slice or struct is written by both sides as its data (its fields), and
// redacted as written. A value that renders itself (MarshalJSON,
// MarshalText) is redacted as each side writes it, also when it answers
// otherwise than it did when redaction first asked it.
//
// A struct, map, slice or array value, and a value that renders itself
// (MarshalJSON, MarshalText), reaches OpenTelemetry with the structure the
// local JSON line shows: objects as maps (the members the line shows, masked
// members masked, json tags honoured; OpenTelemetry's attribute package
// keeps a map's members sorted by key, not in the line's order), arrays as
// slices, numbers, strings and booleans, whether redaction changed the value or not. A value that has
// no JSON (a NaN, a cycle) is written as otelslog writes it.
// Every record handed to the OpenTelemetry side is counted as exactly one
// of exported, failed or dropped (with a [slogcore.DropReason]); once
// Close has returned nil,
//
//	OTel.Emitted == OTel.Exported + OTel.Failed + OTel.Dropped
//
// as slogcore's Submitted == Written + Dropped + Failed holds for the local
// side. When Close's deadline comes during an export, the error names the
// records lost and, apart, those of that export, which count as exported
// or failed when it returns. [BatchProcessor] keeps the SDK's queue from ever overwriting a
// record: a record that finds no room waits or is dropped by policy, and
// either way it is counted. An exporter or OnError that panics or calls
// runtime.Goexit fails its export; exports go on. The exporter and the
// callbacks may log to the handler they serve: the export goroutine never
// waits for room its own export holds (such a record is dropped as
// [slogcore.ReasonReentrant]), Flush and Close called from an export
// return at once, and OnDrop is not called again for a record it logged.
//
// # Other bridges
//
// Records that enter OpenTelemetry through another bridge (logr, zap, the
// Logs API) never pass slog redaction. Put a [RedactProcessor] in front of
// the exporting processor of their LoggerProvider:
//
//	batch, err := otel.NewBatchProcessor(exporter, nil)
//	provider := sdklog.NewLoggerProvider(
//		sdklog.WithProcessor(otel.NewRedactProcessor(batch, nil)))
//
// It redacts a record's body, its event name (as a message) and every
// attribute, keys included: a key that is personal data (an e-mail
// address) becomes the same stable placeholder key the slog side writes.
//
// # Trace context
//
// The context passed to the logger goes through redaction and the fan-out
// unchanged, so otelslog attaches the trace and span ids of the span in it
// (use logger.InfoContext(ctx, ...)). Severity is otelslog's mapping:
// DEBUG 5, INFO 9, WARN 13, ERROR 17, with the level's name as text.
//
// # Module
//
// This package is a module of its own (Go 1.26, as the OpenTelemetry Go SDK
// requires), so programs that do not use OpenTelemetry never download it.
package otel

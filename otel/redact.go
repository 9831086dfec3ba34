package otel

import (
	"log/slog"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
)

// This file is the only one that names the package providing redaction.

// Redactor masks secrets and personal data. It is [redact.Redactor]: build
// one with redact.New and its presets, and the same rules
// apply to the local output and to OpenTelemetry.
type Redactor = redact.Redactor

// defaultRedactor returns a Redactor with the credentials preset, the
// default everywhere in slogguard.
func defaultRedactor() *Redactor { return redact.Must(redact.Credentials) }

// redactHandler returns next behind synchronous redaction with r.
func redactHandler(next slog.Handler, r *Redactor) slog.Handler { return redact.NewHandler(next, r) }

// unredactedCore returns o with redaction turned off: the handler built from
// it sits behind redactHandler, which has already masked every record.
func unredactedCore(o slogcore.Options) slogcore.Options {
	o.Redact = slogcore.NoRedaction
	return o
}

// redactAttr masks what r finds in a, whose enclosing groups are groups.
// The Redactor follows the groups inside a only when groups is not nil, so
// a top-level attribute gets an empty, non-nil slice: without it, a path
// rule such as "http.headers.*" would not reach into a map attribute.
func redactAttr(r *Redactor, groups []string, a slog.Attr) (slog.Attr, bool) {
	if groups == nil {
		groups = make([]string, 0, 4)
	}
	return r.Attr(groups, a)
}

// redactMessage masks what r finds in a record's message.
func redactMessage(r *Redactor, msg string) string { return r.Message(msg) }

// redactionOff reports whether r masks nothing.
func redactionOff(r *Redactor) bool { return r.Off() }

// redactCounters returns how many values r masked, by rule, and how many
// panics inside redaction it turned into masks.
func redactCounters(r *Redactor) (byRule map[string]uint64, panics uint64) {
	return r.Counters()
}

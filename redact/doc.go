// Package redact masks secrets and personal data in log/slog records.
//
// A [Redactor] is built from [Rule] values (the presets [Credentials],
// [PCI], [HIPAA], [GDPR], [CCPA], [ContactInfo], and rules of your own) and
// masks by key, by dotted path and by detectors that find secrets inside
// strings. It reaches everything a record holds: attrs, attrs given to
// With, groups at any depth, resolved LogValuers, maps, slices, structs
// (json tags honoured, plus `log:"redact"`), errors, and the message.
// Values are rebuilt, never modified: the caller and other handlers keep
// the originals. A record keeps its shape: a masked value becomes
// [DefaultMask] (or the rule's mask). Limits mask rather than pass through,
// and a panic inside redaction masks the value.
//
// [NewHandler] is synchronous middleware in front of any slog.Handler.
// slogcore's handlers use a Redactor on their own queue, and slogaudit uses
// one before it hashes a record. This package imports neither.
//
// # Concurrency
//
// A Redactor is safe for concurrent use; its counters are shared by every
// handler that uses it.
package redact

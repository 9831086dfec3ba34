package slogcore

import "github.com/slogguard/slogguard/redact"

// NoRedaction turns redaction off in [Options.Redact]. It is
// redact.Disabled.
var NoRedaction = redact.Disabled

// redactCounters fills the redaction fields of s from r.
func redactCounters(r *redact.Redactor, s *Stats) {
	if r == nil || r.Off() {
		return
	}
	s.Redacted = r.Total()
	s.RedactedBy, s.RedactPanics = r.Counters()
}

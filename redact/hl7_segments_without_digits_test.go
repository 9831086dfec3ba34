package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestHL7SegmentWithoutDigitsMasked: a patient segment need hold no digit
// right before a '|' (no set ID, no birth date, identifiers that end with
// letters); its name ending with a letter opens the detector's gate.
func TestHL7SegmentWithoutDigitsMasked(t *testing.T) {
	r := only(redact.DetectHL7)
	for _, tc := range []struct{ in, want string }{
		{"PID|||Q4471^^^CLINIC^MR||HOLM^SIV", "PID||[REDACTED]"},
		{"PID|||ZX-QQ^^^NORD^MR||VIK^ELSA^^^^^L", "PID||[REDACTED]"},
		{"fwd PID||W9AB^^^H^PI||SOLBERG^TOR\nPV1||O", "fwd PID||[REDACTED]\nPV1||O"},
		{"MRG|OLDK7C^^^H^MR||||||BRATT^NILS", "MRG|[REDACTED]"},
		{`raw=MSH|^~\&|ADT|H\rPID|||TK9Q^^^H^MR||LIE^IDA\rEVN|A`, `raw=MSH|^~\&|ADT|H\rPID||[REDACTED]\rEVN|A`},
		// Not a segment: the letters inside a word or after HL7's own
		// separator, and columns of a table.
		{"RAPID|fast|GOOD|yes", "RAPID|fast|GOOD|yes"},
		{"ps |PID|USER|CMD|", "ps |PID|USER|CMD|"},
		{"cols=NAME|FIELD|TAG|", "cols=NAME|FIELD|TAG|"},
	} {
		if got := r.Message(tc.in); got != tc.want {
			t.Errorf("Message(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	requireSpelled(t, []redact.Rule{redact.HIPAA}, []spelledCase{
		{"PID|||RQ7731^^^EAST^MR||FJELL^MARI\nPV1||I", "FJELL^MARI", []string{"PID||", "PV1||I"}},
		{"MRG|PRIOR^^^EAST^MR||||||FJELL^MARI", "FJELL^MARI", []string{"MRG|"}},
		{"status GOOD|BAD|UNKNOWN", "", nil},
	})
}

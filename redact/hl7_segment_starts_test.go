package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestHL7SegmentStarts: a patient segment is found after whatever a
// program writes between segments or before a message (escaped line
// breaks of JSON, C and Python, a tab, an MLLP frame's control byte, a
// bracket, an XML element, a key's '=' or ':'), and its end is found at
// each of those line breaks too; the same letters inside a word or after
// one of HL7's own separators are no segment.
func TestHL7SegmentStarts(t *testing.T) {
	r := only(redact.DetectHL7)
	for _, tc := range []struct {
		in, want string
	}{
		{`MSH|^~\&|RIS|MERCY|||20261130||ADT^A08|77|P|2.5\u000dPID|1||H20417^^^MERCY^MR||LUND^ESME||19920217|F\u000dPV1|1|O`,
			`MSH|^~\&|RIS|MERCY|||20261130||ADT^A08|77|P|2.5\u000dPID|1|[REDACTED]\u000dPV1|1|O`},
		{`MSH|^~\&|RIS|MERCY\u000APID|2||H20418^^^MERCY^MR||LUND^OLA||19881105|M\u000Aok`,
			`MSH|^~\&|RIS|MERCY\u000APID|2|[REDACTED]\u000Aok`},
		{`b'MSH|^~\\&|LAB\x0dNK1|1|LUND^PER|FTH|4 BIRCH RD^^UMEA||19600712\x0dOBR|1'`,
			`b'MSH|^~\\&|LAB\x0dNK1|1|[REDACTED]\x0dOBR|1'`},
		{"hl7\tPID|1||K8812^^^CL^MR||TORVIK^ANNA||19751201|F", "hl7\tPID|1|[REDACTED]"},
		{"\x0bPID|1||K8813^^^CL^MR||TORVIK^JON||19700101|M\x1c\r", "\x0bPID|1|[REDACTED]\r"}, // the frame's end byte goes with the segment,
		{"<segment>GT1|1||TORVIK^JON||9 PINE AVE^^BERGEN||19700101</segment>", "<segment>GT1|1|[REDACTED]"},
		{"segments=[PID|3||K8814^^^CL^MR||AALTO^EVE||19990909|F]", "segments=[PID|3|[REDACTED]"},
		{"raw=PID|1||K8815^^^CL^MR||AALTO^LIV||20010101|F", "raw=PID|1|[REDACTED]"},
		{"raw:IN1|1|PLAN2|INS7|NORDHELSE||||||||||AALTO^LIV|SEL|20010101", "raw:IN1|1|[REDACTED]"},
		{"(PID|1||K8816^^^CL^MR||AALTO^UNA||20020202|F)", "(PID|1|[REDACTED]"},
		// Not a segment: inside a word, after a separator of HL7's own or
		// of a path, or a table's column.
		{"RAPID|1|ok 20260101|x", "RAPID|1|ok 20260101|x"},
		{"COLS|USER|PID|1|CPU|12|MEM|7", "COLS|USER|PID|1|CPU|12|MEM|7"},
		{"x_PID|1|running since 20261130|y", "x_PID|1|running since 20261130|y"},
		{"proc.PID|4|state 3|z", "proc.PID|4|state 3|z"},
		{"a/PID|4|state 3|z", "a/PID|4|state 3|z"},
		{"^PID|4|state 3|z", "^PID|4|state 3|z"},
	} {
		if got := r.Message(tc.in); got != tc.want {
			t.Errorf("Message(%q) =\n%q, want\n%q", tc.in, got, tc.want)
		}
	}
}

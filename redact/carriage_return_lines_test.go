package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestLoneCarriageReturnEndsLine: a carriage return alone between lines
// of fields or pairs (HL7 v2 ends each segment with one; so did classic
// Mac OS each line) is the line break it stands for: a value found before
// it ends there and takes nothing of the next segment, and a value with
// spaces on its key's line is masked as on a line of its own. A carriage
// return inside a pair is still dropped (password=\r…).
func TestLoneCarriageReturnEndsLine(t *testing.T) {
	rules := []redact.Rule{redact.Credentials, redact.HIPAA}
	requirePersonal(t, rules, []spelledCase{
		// Kept whole: nothing in them is personal.
		{text: "MSH|^~\\&|LABSYS|NORTH|EHR|NORTH|20250314083000||ORU^R01|M5521|P|2.5\rNTE|1||dob=unknown\rOBX|1|NM|2345-7^Glucose^LN||98|mg/dL|70-99|N|||F"},
		{text: "MSH|^~\\&|RAD|WEST|PACS|WEST|20250102||ORM^O01|Q19|P|2.4\rNTE|1||patient=pending\rOBR|1|ACC-7712||71020^Chest XR"},
		{text: "mode=batch\rmrn: n/a\rstatus: queued"},
		// The value ends at the segment's end.
		{"MSH|^~\\&|LAB|EAST|EHR|EAST|20250314||ORU^R01|A88|P|2.5\rNTE|1||diagnosis code E11.9\rOBX|2|NM|4548-4^HbA1c^LN||6.1|%|4-5.6|H|||F",
			"E11.9", []string{"OBX|2|NM|4548-4^HbA1c^LN||6.1|%|4-5.6|H|||F"}},
		{"EVN|A04|20250314\rNTE|1||token=Rk4vQ9pLx2\rPV1|1|O|ER^12^1", "Rk4vQ9pLx2", []string{"PV1|1|O|ER^12^1"}},
		{"batch=7\rmrn=HX-55120\rward=B4", "HX-55120", []string{"ward=B4", "batch=7"}},
		// A value with spaces, on its key's line.
		{"host=db7\rpassword: Vb8 Qm3 Lz5\rport: 5432", "Qm3", []string{"port: 5432", "host=db7"}},
	})
}

package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestNationalIDsAfterTheirName: identifiers whose check digit leaves too
// many numbers of their length valid to mask alone are masked after a
// word that names them on their line: Australia's Tax File Number and
// Medicare card number, Japan's My Number, Portugal's NIF and Poland's
// PESEL. The same digits with a wrong check, or without the word, are
// order numbers, invoices and times, and are kept.
func TestNationalIDsAfterTheirName(t *testing.T) {
	r := only(redact.DetectNationalID)
	for _, tc := range []struct{ in, want string }{
		{"TFN 459 123 702 lodged", "TFN [REDACTED] lodged"},
		{"tax_file_number=459123710", "tax_file_number=[REDACTED]"},
		{"Tax File No: 459-123-702", "Tax File No: [REDACTED]"},
		{"medicare 3517 29487 1 verified", "medicare [REDACTED] verified"},
		{"Medicare card 5203841783 ok", "Medicare card [REDACTED] ok"},
		{"medicare no. 52038417831", "medicare no. [REDACTED]"}, // with the individual's number
		{"My Number 5820 3719 4610 registered", "My Number [REDACTED] registered"},
		{"マイナンバー 204839172650", "マイナンバー [REDACTED]"},
		{"個人番号:204839172650", "個人番号:[REDACTED]"},
		{"contribuinte 271938463 registado", "contribuinte [REDACTED] registado"},
		{"nipc=507382617", "nipc=[REDACTED]"},
		{"pesel of applicant 02231547297 ok", "pesel of applicant [REDACTED] ok"},
		// A wrong check, no word that names it, or a word that only
		// contains one.
		{"TFN 459 123 703 lodged", "TFN 459 123 703 lodged"},
		{"order 459123702 shipped", "order 459123702 shipped"},
		{"medicare 5203841793 ok", "medicare 5203841793 ok"},
		{"medicare 7203841701 ok", "medicare 7203841701 ok"}, // its check holds; no card starts with 7
		{"medicare 1203841741 ok", "medicare 1203841741 ok"},
		{"mynumber=582037194611", "mynumber=582037194611"},
		{"contribuinte 271938464", "contribuinte 271938464"},
		{"invoice 271938463 paid", "invoice 271938463 paid"},
		{"unifpc 271938463 paid", "unifpc 271938463 paid"},
		{"ts 02231547297", "ts 02231547297"},
		{"pesel 02231547298 ok", "pesel 02231547298 ok"},
		{"pesel\nrow 02231547297", "pesel\nrow 02231547297"},
		{"peselcheck 02231547297", "peselcheck 02231547297"},
	} {
		got, _ := r.String(tc.in)
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
	requirePersonal(t, []redact.Rule{redact.Credentials, redact.GDPR}, []spelledCase{
		{"payroll: employee TFN is 459 123 710, super ok", "459 123 710", []string{"super ok"}},
		{"claim medicare 3517 29487 1 lodged", "3517 29487 1", []string{"lodged"}},
		{"my number 5820 3719 4610 on file", "5820 3719 4610", []string{"on file"}},
		{"fatura contribuinte 271938463 emitida", "271938463", []string{"emitida"}},
		{text: "order 459123710 packed"},
		{text: "claim 3517294871 lodged"},
		{text: "batch 582037194610 queued"},
		{text: "TFN 459 123 703 lodged"},
	})
}

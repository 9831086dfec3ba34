package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPhoneCountryCodeInParentheses: right after a word that names a
// telephone, an international number whose country code stands in
// parentheses without a '+' is masked whole, the code with it; digits in
// parentheses with no such word, with a unit after them, too few or
// dotted are counts, sizes and versions.
func TestPhoneCountryCodeInParentheses(t *testing.T) {
	cases := []spelledCase{
		{"phone (65) 8123 4097 on file", "8123 4097", []string{"on file"}},
		{"tel (33) 6 12 34 56 78 confirmed", "12 34 56 78", []string{"confirmed"}},
		{"mobile (61) 412 387 905 saved", "412 387 905", []string{"saved"}},
		{"whatsapp (971) 50 123 4567 ok", "50 123 4567", []string{"ok"}},
		{"Tel: (49) 30 2197 4410, desk", "(49) 30 2197", []string{"desk"}},
		{"phone number (353) 87 612 3490", "(353) 87 612 3490", nil},
		// Not phone numbers.
		{text: "order (852) 9123 4567 shipped"},
		{text: "phone (852) 9123 4567 ms"},
		{text: "phone (65) 8123 rows"},
		{text: "phone firmware (3) 2024 1130 12"},
		{text: "tel (01) 2345 6789 9"},
		{text: "phone (44) 20.7946.0958 build"},
		{text: "phone batch (12) 34 56 78 90 12 34 56 78"},
		{text: "tel (33) 6 1 2 3 4 5"},
	}
	for _, preset := range []redact.Rule{redact.GDPR, redact.HIPAA, redact.CCPA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}

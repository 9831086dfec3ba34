package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPhoneMobileGroupings: mobile numbers written the way their
// countries group them, without a country code or trunk, are masked after
// a word that names a telephone: India's 5-5 from 6 to 9, China's 3-4-4
// from 13 to 19 and Spain's 3-3-3 from 6 or 7. The same groups without
// such a word, or starting with other digits, are counts and sizes.
func TestPhoneMobileGroupings(t *testing.T) {
	cases := []spelledCase{
		{"mob 98204 71365 rang twice", "98204 71365", []string{"rang twice"}},
		{"cel: 73591-20846 saved", "73591-20846", []string{"saved"}},
		{"callback 139 0172 4486 queued", "139 0172 4486", []string{"queued"}},
		{"callback 186-2047-5539 queued", "186-2047-5539", []string{"queued"}},
		{"llamar al 634 218 905 mañana", "634 218 905", []string{"mañana"}},
		{"mobile 98204 71365 rang twice", "71365", []string{"rang twice"}},
		// Not phone numbers.
		{text: "uploaded 98204 71365 bytes"},
		{text: "cel 48204 71365 free"},
		{text: "callback 129 0172 4486 queued"},
		{text: "cel 534 218 905 free"},
		{text: "shard 634 218 905 rows"},
		{text: "matrix 139 0172 4486 cells"},
	}
	for _, preset := range []redact.Rule{redact.GDPR, redact.HIPAA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}

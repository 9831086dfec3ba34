package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestPhoneWordLookalikesKept: a word of a telephone that names the
// mobile platform (mobileBuild, mobile_app_version, mobile app 8.1.2.33)
// or a count under it (mobile=3 sessions), and a number in parentheses
// with no phone word whose groups no national plan writes so ((65) 8123
// 4097 after "order"), stay as written under every preset; telephone
// numbers under the same words are still masked.
func TestPhoneWordLookalikesKept(t *testing.T) {
	cases := []spelledCase{
		{text: "mobile app 9.4.1.27 rolled out"},
		{text: "android sdk 5.3.0.12 loaded"},
		{text: "order (72) 6620 4417 packed"},
		{text: "item (47) 8841 2290 in list"},
		{text: "order (12) 3456 7890 queued"},
		{text: "items (65) 4412 9021 total"},
		{text: "mobileBuild=60418273 published"},
		{text: "mobile_app_version=4.18.2 live"},
		{text: "mobile_sessions=52 active"},
		{text: "mobile=3 sessions"},
		{text: "phones: 12 registered"},
		{text: "fax=0 queued"},
		// Telephone numbers under the same words.
		{"mobile=07700900481 saved", "07700900481", []string{"saved"}},
		{"mobile_number=07700900482 saved", "07700900482", []string{"saved"}},
		{"lead (11) 97123-4568 called back", "97123-4568", []string{"called back"}},
		{"filial (21) 3524-7790 aberta", "3524-7790", []string{"aberta"}},
		{"sucursal (81) 4417 2290 abierta", "4417 2290", []string{"abierta"}},
		{"mobile app support +44 7700 900483", "7700 900483", []string{"mobile app support"}},
	}
	for _, preset := range []redact.Rule{redact.HIPAA, redact.GDPR, redact.CCPA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
	for key, masked := range map[string]bool{"mobileBuild": false, "mobile_app": false, "mobile_os": false, "mobile": true, "mobile_number": true, "mobilePhone": true} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, []redact.Rule{redact.GDPR}, func(l *slog.Logger) { l.Info("device", key, "07700900484") })
			if masked {
				require.NotContains(t, out, "07700900484")
			} else {
				require.Contains(t, out, "07700900484")
			}
		})
	}
}

package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPhoneNumberAsKeyValueInText: a number written right after the '=' or
// ':' of a key in text whose words name a telephone is masked by the
// phone detector under every preset that has it, also where the key is
// no term of the preset; keys that name a call, a contact, a build or a
// count keep their values.
func TestPhoneNumberAsKeyValueInText(t *testing.T) {
	cases := []spelledCase{
		{"sms_gateway mobile=67345821 queued", "67345821", []string{"queued"}},
		{"mobile:6734 5821 verified", "6734 5821", []string{"verified"}},
		{"cellPhone=07911123456 updated", "07911123456", []string{"updated"}},
		{"fax_no=02071838750 sent", "02071838750", []string{"sent"}},
		{`{"msisdn":"83920471"} stored`, "83920471", []string{"stored"}},
		{"handy_nr:0171-4839201 ok", "4839201", []string{"ok"}},
		// Not phone numbers.
		{text: "callId=67345821 ended"},
		{text: "contact=67345821 merged"},
		{text: "smsBuild=73920518 released"},
		{text: "mobile_app_version=20240131 live"},
		{text: "sms=3 sessions"},
		{text: "phones_seen=67345821 total"},
		{text: "ph=7.4 nominal"},
		{text: "telemetry=67345821 points"},
	}
	for _, preset := range []redact.Rule{redact.HIPAA, redact.CCPA, redact.GDPR, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}

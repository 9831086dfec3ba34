package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestQuotedPrintableAddresses: an e-mail address in quoted-printable
// text, its '@' written =40 (a MIME body, a header's encoded word), is
// masked by every preset with the e-mail detector; pairs whose value is
// 40 are no address.
func TestQuotedPrintableAddresses(t *testing.T) {
	cases := []spelledCase{
		{"Subject: =?utf-8?Q?from_tove=2Ebrekke=40example=2Ecom?= queued", "tove", []string{"Subject:", "queued"}},
		{"To: <mats.lie=40example.net> bounced", "mats.lie", []string{"To:", "bounced"}},
		{"body: write to ingrid=40example.org soon", "ingrid", []string{"body: write to", "soon"}},
		{text: "limit=40 offset=400 page=40"},
		{text: "ratio=40/60 width=40px"},
	}
	for _, preset := range []redact.Rule{redact.GDPR, redact.HIPAA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
	t.Run("credentials alone", func(t *testing.T) {
		requireSpelled(t, []redact.Rule{redact.Credentials}, []spelledCase{{text: cases[1].text}})
	})
}

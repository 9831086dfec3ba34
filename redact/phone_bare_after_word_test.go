package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPhoneBareNumberAfterPhoneWord: a national number of ten or eleven
// digits written without separators is masked when a word that names a
// telephone stands before it on its line (not only a call verb right
// before it). The same digits with no such word, and numbers that no
// national plan starts that way, are ids, counts and timestamps.
func TestPhoneBareNumberAfterPhoneWord(t *testing.T) {
	cases := []spelledCase{
		{"sms sent to 8123456790 at noon", "8123456790", []string{"at noon"}},
		{"call 7042918835 back today", "7042918835", []string{"back today"}},
		{"whatsapp user reached on 9312847560", "9312847560", nil},
		{"contact: Maria, 6198843027, weekdays", "6198843027", []string{"weekdays"}},
		{"cellular 13105559371 verified", "13105559371", []string{"verified"}},
		{"telefone do cliente 02187654321 salvo", "02187654321", []string{"salvo"}},
		// Not phone numbers.
		{text: "order 8123456790 shipped"},
		{text: "processed 7042918835 bytes in 3 batches"},
		{text: "call took 12 ms, request 1764720000 done"},
		{text: "sms queue depth 4 at 1764720011"},
		{text: "contact sync: cursor 0012345678 saved"},
		{text: "call 7012345678901 ended"},
	}
	for _, preset := range []redact.Rule{redact.GDPR, redact.HIPAA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}

package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPhoneEightDigitPlans: the national numbers of the plans of eight
// digits and no trunk prefix (Hong Kong, Singapore, Denmark, Norway, Costa
// Rica), a Brazilian mobile without its area code and a local number of
// seven, are masked whole after a word that
// names a telephone, in the groups those countries write and without
// them, under every preset that masks phone numbers. The same digits with
// no such word, with a unit after them, or read as a date are ids,
// measures and dates, and are kept.
func TestPhoneEightDigitPlans(t *testing.T) {
	cases := []spelledCase{
		{"guest reachable on cel 6732 1945 after lunch", "6732 1945", []string{"after lunch"}},
		{"kunde: Ole Berg, tlf 31 72 48 05", "31 72 48 05", []string{"Ole Berg"}},
		{"mobil 934 17 268 bekreftet", "934 17 268", []string{"bekreftet"}},
		{"courier handy 9407-2316 ready", "9407-2316", []string{"ready"}},
		{"SMS sent to 83920471 ok", "83920471", []string{"ok"}},
		{"patient mobile number is 9281 6634", "9281 6634", nil},
		{"Tel.: 2548 7730 (office)", "2548 7730", []string{"(office)"}},
		{"call 486-2093 before noon", "486-2093", []string{"before noon"}},
		{"fax no. 7713 2608", "7713 2608", nil},
		{"whatsapp 57 29 63 14", "57 29 63 14", nil},
		{"cliente Ana, celular: 99813-4752, ok", "99813-4752", []string{"cliente Ana", "ok"}},
		// Ids, dates and measures.
		{text: "build 73920518 deployed"},
		{text: "release date 20251107 tagged"},
		{text: "sms batch 19991231 replayed"},
		{text: "reminder sms sent on 20251107"},
		{text: "callback on 28022026 scheduled"},
		{text: "contact 48213907 merged"},
		{text: "call id 58203914 closed"},
		{text: "call took 1830 2245 ns"},
		{text: "called 4 times, ids 7312 6608"},
		{text: "phone gateway on ports 9090 9443"},
		{text: "call 8123 4567 ms"},
		{text: "call latency 300-1200 ms"},
		{text: "contact history 2019 2024"},
		{text: "cell 0712 3456 kept"},
		{text: "sms gateway 4.10.2 build 71820394"},
		{text: "order 81724593 shipped to 12 34 56 78"},
		{text: "cel 51234-5678 range"},
		{text: "jobs 99813-4752 replayed"},
	}
	for _, preset := range []redact.Rule{redact.GDPR, redact.HIPAA, redact.CCPA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}

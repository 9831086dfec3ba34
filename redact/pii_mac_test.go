package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestMACAddressAfterItsTerm: a MAC address after "mac address" or "mac
// addr" is masked whole in each way it is written (colons, dashes,
// Cisco's dotted groups); the number before a clock's or a MAC's colon is
// not read as a numbered key, so no tail of such a value is masked alone,
// and times and MACs with no term before them stay.
func TestMACAddressAfterItsTerm(t *testing.T) {
	cases := []spelledCase{
		{"client mac address 3C:22:FB:9A:07:E1 joined ssid guest", "FB:9A:07:E1", []string{"joined ssid guest"}},
		{"client mac address 3c:22:fb:9a:07:e1 joined", "3c:22:fb:9a:07:e1", []string{"joined"}},
		{"MAC Address 08-00-27-5D-C4-19 blocked", "27-5D-C4-19", []string{"blocked"}},
		{"mac addr 0800.275d.c419 on Gi0/3", "275d.c419", []string{"on Gi0/3"}},
		{"mac address: 70:B3:D5:11:2C:8F", "D5:11:2C:8F", []string{"mac address"}},
		// Not MAC addresses, or no term before them.
		{text: "delivery address 10:45 slot confirmed"},
		{text: "address 14:30 window opens"},
		{text: "router 3C:22:FB:9A:07:E1 rebooted"},
		{text: "mac address lookup failed after 3 tries"},
		{text: "mac address table has 12:40 entries"},
	}
	requirePersonal(t, []redact.Rule{redact.Credentials, redact.GDPR}, cases)
	// The presets with no "mac addr" term mask the value after "mac
	// address", an address term of theirs, too.
	var address []spelledCase
	for _, tc := range cases {
		if !strings.Contains(tc.text, "mac addr ") {
			address = append(address, tc)
		}
	}
	for _, preset := range []redact.Rule{redact.HIPAA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, address)
		})
	}
}

package redact

import (
	"slices"
	"testing"
)

// TestFindIPsMappedInHex: an IPv4-mapped IPv6 address is judged by the IPv4
// address it maps, whether that is written as a dotted quad or as two
// groups of hex digits, compressed or written out: a public one is
// masked, a private or loopback one is kept.
func TestFindIPsMappedInHex(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"peer ::ffff:c633:640b up", []string{"::ffff:c633:640b"}},                                            // 198.51.100.11
		{"peer ::FFFF:CB00:711E up", []string{"::FFFF:CB00:711E"}},                                            // 203.0.113.30
		{"peer 0:0:0:0:0:ffff:c000:2a1 up", []string{"0:0:0:0:0:ffff:c000:2a1"}},                              // 192.0.2.161
		{"peer 0000:0000:0000:0000:0000:ffff:5db8:d822", []string{"0000:0000:0000:0000:0000:ffff:5db8:d822"}}, // 93.184.216.34
		{"[::ffff:cb00:7163]:8443", []string{"::ffff:cb00:7163"}},
		{"X-Forwarded-For: ::ffff:c633:6445, ::ffff:a00:5", []string{"::ffff:c633:6445"}},
		{"lo ::ffff:7f00:1 lan ::ffff:c0a8:10a nat ::ffff:a0b:c0d cgn ::ffff:6440:1", nil}, // 127.0.0.1, 192.168.1.10, 10.11.12.13, 100.64.0.1
		{"lan 0:0:0:0:0:ffff:ac10:fe01 mcast ::ffff:e000:fb", nil},                         // 172.16.254.1, 224.0.0.251
		{"dual ::ffff:192.168.4.20 and ::ffff:203.0.113.41", []string{"::ffff:203.0.113.41"}},
		{"global 2a03:2880:f12f:83:face:b00c:0:25de", []string{"2a03:2880:f12f:83:face:b00c:0:25de"}}, // ffff nowhere: still public
		{"wide 2001:db8:ffff:1::9", []string{"2001:db8:ffff:1::9"}},                                   // ffff as an ordinary group
	} {
		var got []string
		for _, sp := range findIPs(tc.in, nil) {
			got = append(got, tc.in[sp.start:sp.end])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("findIPs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

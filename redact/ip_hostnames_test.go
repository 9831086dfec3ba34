package redact

import (
	"slices"
	"testing"
)

// TestFindIPsInHostNames: an ISP's or a cloud's host name that spells its
// client's IPv4 address with dashes holds that address, masked when
// public; dashed numbers that name no host (ranges, dates, versions) and
// private addresses so spelled are kept.
func TestFindIPsInHostNames(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"from cpe-198-51-100-23.res.example.net", []string{"198-51-100-23"}},
		{"rdns 203-0-113-88.static.isp.example", []string{"203-0-113-88"}},
		{"host=pool-192-0-2-140-dynamic.example.com", []string{"192-0-2-140"}},
		{"peer ip-198-51-100-201.eu-west-1.compute.example:443", []string{"198-51-100-201"}},
		{"ptr c-93-184-216-34.hsd1.ca.example.net.", []string{"93-184-216-34"}},
		{"lan ip-10-20-30-40.ec2.internal and ip-172-31-2-9.ec2.internal and host-192-168-7-1.lan", nil},
		{"range 1-2-3-4 and 10-20-30-40 done", nil},
		{"v1-2-3-4.example.com build-203-0-113-9", nil}, // glued to a word's digit, or no name after it
		{"window 2024-11-30-12.log", nil},               // an octet over 255
		{"rows 198-51-100-23.5 dropped", nil},           // a number after the dot
		{"mixed 198-51-100-23x.example.net", nil},
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

// TestFindIPsLongForms: an IPv6 address that is loopback, unspecified,
// link-local, unique local or multicast is kept however it is written out,
// and a public resolver's too.
func TestFindIPsLongForms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"lo 0:0:0:0:0:0:0:1 any 0:0:0:0:0:0:0:0 ll fe80:0:0:0:1c2a:3bff:fe4d:5e6f", nil},
		{"ula fd00:0:0:0:0:0:0:42 mc ff05:0:0:0:0:0:0:fb", nil},
		{"dns 2001:4860:4860:0:0:0:0:8888 2606:4700:4700:0000:0000:0000:0000:1111", nil},
		{"lo 0000:0000:0000:0000:0000:0000:0000:0001 pub 2a02:0c7f:0:0:0:0:0:1d", []string{"2a02:0c7f:0:0:0:0:0:1d"}},
		{"pub 2a01:4f8:0:0:0:0:0:2", []string{"2a01:4f8:0:0:0:0:0:2"}},
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

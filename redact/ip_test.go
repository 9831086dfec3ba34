package redact

import (
	"slices"
	"testing"
)

// TestFindIPs: public addresses are found with their exact bounds (a port,
// brackets, a full stop and list commas stay out); private, loopback,
// link-local, shared, multicast and reserved addresses, netmasks, versions
// after a product, longer dotted runs, times, MAC addresses and C++ scopes
// are not addresses to mask.
func TestFindIPs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"from 203.0.113.77 in", []string{"203.0.113.77"}},
		{"203.0.113.77", []string{"203.0.113.77"}},
		{"peer 192.0.2.44:5555", []string{"192.0.2.44"}},
		{"hit 8.8.8.7.", []string{"8.8.8.7"}},
		{"hit 8.8.4.5. Then 9.9.9.7: done", []string{"8.8.4.5", "9.9.9.7"}}, // a full stop or a colon before a space
		{". 203.0.113.9", []string{"203.0.113.9"}},                          // the text starts with a '.'
		{":: 2001:db8:4b::17", []string{"2001:db8:4b::17"}},                 // the text starts with a ':' and has no '.'
		{"tag 8.8.8.7:abc and 8.8.8.7:53", []string{"8.8.8.7"}},             // a colon ends an address only before a port
		{"8.256.1.1 and 1000.1.1.1", nil},                                   // an octet over 255, or of four digits
		{"1.1.1.9, 9.9.9.7", []string{"1.1.1.9", "9.9.9.7"}},
		{"for=198.51.100.17;proto=https", []string{"198.51.100.17"}},
		{"a 255.254.1.1 b 223.255.255.255 c", []string{"223.255.255.255"}},
		{"11.0.0.1 126.1.1.1 128.0.0.1 169.253.1.1 172.15.1.1 172.32.1.1 192.167.1.1 100.63.1.1 100.128.1.1",
			[]string{"11.0.0.1", "126.1.1.1", "128.0.0.1", "169.253.1.1", "172.15.1.1", "172.32.1.1", "192.167.1.1", "100.63.1.1", "100.128.1.1"}},
		{"0.1.2.3 10.9.8.7 127.0.0.1 169.254.169.254 172.16.0.1 172.31.255.255 192.168.0.1 100.64.0.1 100.127.255.255 224.0.0.1 255.255.255.0", nil},
		{"Chrome/120.0.0.0 v1.2.3.4 build-1.2.3.4 x_1.2.3.4 1.3.6.1.4.1 1.2.3.4.5 300.1.2.3 1.2.3 1.2.3.4a 1.2.3.4-rc", nil},
		{"01.002.0003.4", nil},
		{"client 2001:db8:85a3::8a2e:370:7334 up", []string{"2001:db8:85a3::8a2e:370:7334"}},
		{"[2001:db8::1]:8443", []string{"2001:db8::1"}},
		{"2001:0db8:0000:0000:0000:ff00:0042:8329", []string{"2001:0db8:0000:0000:0000:ff00:0042:8329"}},
		{"::ffff:198.51.100.9 mapped", []string{"::ffff:198.51.100.9"}},
		{"64:ff9b::203.0.113.5", []string{"64:ff9b::203.0.113.5"}},
		{"1:2:3:4:5:6:198.51.100.1", []string{"1:2:3:4:5:6:198.51.100.1"}},
		{"::ffff:10.0.0.1 ::1 :: fe80::1 febf::2 fc00:1::1 fd12:3456::5 ff02::1", nil},
		{"fec0::1 fe7f::1 fb00::1", []string{"fec0::1", "fe7f::1", "fb00::1"}},
		{"10:30:45 00:1a:2b:3c:4d:5e std::string a::b Foo::bar a1b2:c3d4 1:2:3:4:5:6:7 1:2:3:4:5:6:7:8:9 12345::1 1:::2 1::2::3", nil},
		{"2a00::1 fd::1", []string{"2a00::1"}},                           // two groups need four hex digits: "fd::1" reads as an identifier
		{"net 2a02:: and 2a0::1 up", []string{"2a02::", "2a0::1"}},       // exactly four hex digits are enough
		{"hop 2::1:7 up", []string{"2::1:7"}},                            // three groups need no more digits
		{"route ::1:2 ok", nil},                                          // a leading "::" is no group: two groups, two digits
		{"from 2a00:1450:4001::200e.", []string{"2a00:1450:4001::200e"}}, // a full stop after a group of letters and digits
		{"compat ::203.0.113.9", []string{"::203.0.113.9"}},              // an IPv4-compatible address: two groups' digits
		{"the checksum was bad:", nil},                                   // a colon at the end of the text, after hex letters
		{"cafe:", nil},
		{"peer udp:203.0.113.9:53 via tcp://198.51.100.4:443", []string{"203.0.113.9", "198.51.100.4"}}, // after a label, a URL's "//"
		{"dial tcp:2a00:1450:4001:81c::200e", []string{"2a00:1450:4001:81c::200e"}},
		{"x :2001:db8:85a3:1:2:8a2e:370:7334 y", []string{"2001:db8:85a3:1:2:8a2e:370:7334"}}, // a stray colon is punctuation
		{"see 12:30:45.678 and Chrome/120.0.0.0 and fe80::1:203.0.113.9", nil},                // times, versions, a link-local address holding an IPv4 one
		{"ver:4.2.1.7 peer:203.0.113.9", []string{"203.0.113.9"}},                             // after a label, unless the label names a version
		{"x-cafe:203.0.113.9 build-1:2:3:4:5:6:7:8:9", []string{"203.0.113.9"}},               // an IPv4 address after any colon; no IPv6 one inside a word of hex digits
		{"v6:2a00:1450:4001:81c::200e", []string{"2a00:1450:4001:81c::200e"}},                 // a label at the start of the text
		{"//203.0.113.9/x", []string{"203.0.113.9"}},                                          // a URL without its scheme
		// Well-known public DNS resolvers are a service's addresses, not a
		// person's; their neighbours are not resolvers.
		{"dns 8.8.8.8 8.8.4.4 1.1.1.1 1.0.0.1 9.9.9.9 149.112.112.112 208.67.222.222 94.140.14.14 4.2.2.2 76.76.2.0", nil},
		{"dns 2001:4860:4860::8888 2606:4700:4700::1111 2620:FE::FE 2620:fe::9", nil},
		{"dns 8.8.8.9 1.1.1.4 9.9.9.8 208.67.222.221", []string{"8.8.8.9", "1.1.1.4", "9.9.9.8", "208.67.222.221"}},
		{"dns 2001:4860:4860::8889 2606:4700:4700::1112", []string{"2001:4860:4860::8889", "2606:4700:4700::1112"}},
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

// TestFindIPsColonAtTheEnd: a colon that ends the text, alone or after a
// space, is punctuation: nothing is found and nothing past the end is read.
func TestFindIPsColonAtTheEnd(t *testing.T) {
	for _, s := range []string{":", " :", "listening on 203.0.113.9 and :", "a.b :"} {
		got := findIPs(s, nil)
		want := []span(nil)
		if s == "listening on 203.0.113.9 and :" {
			want = []span{{13, 24}}
		}
		if !slices.Equal(got, want) {
			t.Errorf("findIPs(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestFindIPsEdges: a slash or a network prefix that ends the text, an
// IPv6 prefix of three digits, and the three-letter version words.
func TestFindIPsEdges(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []span
	}{
		{"client 203.0.113.9/", []span{{7, 18}}},        // a slash at the end: no prefix, an address
		{"net 203.0.113.0/24", nil},                     // a network, its prefix at the end
		{"route 2a00:1450:4001::/100 via", nil},         // a network: three digits of prefix
		{"host 2a00:1450:4001::8/128", []span{{5, 22}}}, // a host's prefix
		{"ver 52.1.0.4", nil},
		{"std::203.0.113.9", nil}, // right after a C++ scope's "::"
		{"rev 52.1.0.4", nil},
	} {
		if got := findIPs(tc.in, nil); !slices.Equal(got, tc.want) {
			t.Errorf("findIPs(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestIsAbsPath: absolute paths of names as people write them, and not
// base64 text that holds slashes.
func TestIsAbsPath(t *testing.T) {
	for s, want := range map[string]bool{
		"/home/app":                   true,
		"/srv/api-2":                  true,
		"/Users/Bob/Library":          true,
		"/Users/Ann/AppData/LocalLow": true,
		"/var/run/secrets/kubernetes.io/serviceaccount/token": true,
		"/home/bob/.ssh/id_ed25519":                           true,
		"/":                                                   false,
		"home/app":                                            false,
		"/a b":                                                false,
		"/wJalrXUtnFEMI/K7MDENG":                              false,
		"/Kq8x":                                               false,
		"/aB":                                                 false, // a capital after a lower-case letter at the end
		"/ABC":                                                false, // capitals in a row
		"/App1":                                               false, // a capitalized name with a digit
		"/Ab/Cd9":                                             false,
		"/aBc":                                                false, // lower case, then a capital: mixed case, no name
	} {
		if got := isAbsPath(s); got != want {
			t.Errorf("isAbsPath(%q) = %v, want %v", s, got, want)
		}
	}
}

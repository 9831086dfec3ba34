package redact

import (
	"net/netip"
	"strings"
)

// DetectIPAddress masks public IPv4 and IPv6 addresses in text (a port
// after one is kept), also as a URL's host ("tcp://203.0.113.9:443") and
// after a label ("udp:203.0.113.9"), and spelled with dashes in a host name
// named for it (cpe-198-51-100-23.res.example.net): the address of a
// client is personal data. Addresses
// that name no person are left alone: private, loopback, link-local,
// shared (100.64/10), multicast and reserved ranges, 0.0.0.0, netmasks,
// and the unique local and link-local IPv6 ranges however written out
// (0:0:0:0:0:0:0:1), and networks in CIDR
// notation shorter than a host (203.0.113.0/24). So are version numbers
// written like an address after a product name ("Chrome/120.0.0.0",
// "Firefox 115.0.2.1", "postgres 16.1.0.1"), after a word that names a
// version, a build or an application ("version 2.5.0.1",
// "build=52.1.0.4", "ver. 2.0.0.5", "AssemblyVersion 1.0.0.0",
// "app 4.2.0.17", "agent 7.49.1.2") or with a v before them ("v4.2.0.17"), alone under a
// key whose last word names a version (app_version: "4.2.0.17", see
// [Redactor.IDNumber]), and the dotted numbers of longer runs
// (1.3.6.1.4.1).
var DetectIPAddress = Detector{Name: "ip-address", find: findIPs, min: 3}

// findIPs appends the spans of the public IP addresses of s.
func findIPs(s string, spans []span) []span {
	if strings.IndexByte(s, '.') < 0 && strings.IndexByte(s, ':') < 0 {
		return spans
	}
	for i := 0; i < len(s); {
		c := s[i]
		if isDigit(c) && (i == 0 || ipCanFollow(s[i-1]) || i >= 2 && s[i-1] == '-' && isLetter(s[i-2])) {
			if e := dashedIPv4At(s, i); e > 0 { // a host named for its address: user-203-0-113-9.isp.example
				if publicIPv4(strings.ReplaceAll(s[i:e], "-", ".")) {
					spans = append(spans, span{i, e})
				}
				i = e
				continue
			}
		}
		if !isHexByte(c) && c != ':' || i > 0 && !ipCanFollow(s[i-1]) && !ipAfterLabel(s, i) && !escapedStart(s, i) {
			i++
			continue
		}
		if e := ipv4At(s, i); e > 0 {
			if publicIPv4(s[i:e]) && !afterVersionWord(s, i) && !platformVersionBefore(s, i) && !isNetworkPrefix(s, e, 32) {
				spans = append(spans, span{i, e})
			}
			i = e
			continue
		}
		if e := ipv6At(s, i); e > 0 {
			if publicIPv6(s[i:e]) && !isNetworkPrefix(s, e, 128) {
				spans = append(spans, span{i, e})
			}
			i = e
			continue
		}
		if c == ':' && (i+1 == len(s) || s[i+1] != ':') {
			i++ // a colon that starts no "::" is punctuation: an address may follow it
			continue
		}
		for i < len(s) && (isAlnum(s[i]) || s[i] == ':' || s[i] == '.') { // the rest of this word
			i++
		}
	}
	return spans
}

// dashedIPv4At returns the end of an IPv4 address written with dashes at
// s[i:] as the first label of a host name or its part after a word and a
// dash (203-0-113-9.dsl.example.net, user-203-0-113-9.isp.example,
// ip-198-51-100-7.ec2.internal): four octets, then a dot and a letter or a
// dash and the rest of the label. Without the name after it (a range
// 1-2-3-4, a date) it is none, and 0 is returned.
func dashedIPv4At(s string, i int) int {
	e := quadAt(s, i, '-')
	if e == 0 {
		return 0
	}
	k := e
	if k < len(s) && s[k] == '-' { // 203-0-113-9-dynamic.example.net
		k++
		for k < len(s) && (isAlnum(s[k]) || s[k] == '-') {
			k++
		}
		if k == e+1 {
			return 0
		}
	}
	if k+1 >= len(s) || s[k] != '.' || !isLetter(s[k+1]) {
		return 0
	}
	return e
}

// isNetworkPrefix reports whether the address that ends at s[e] is a
// network written in CIDR notation with a prefix shorter than a host's
// (203.0.113.0/24, 2001:db8::/32): a network is no one's address.
func isNetworkPrefix(s string, e, host int) bool {
	if e+1 >= len(s) || s[e] != '/' || !isDigit(s[e+1]) {
		return false
	}
	n, k := 0, e+1
	for k < len(s) && isDigit(s[k]) && k-e <= 3 {
		n = n*10 + int(s[k]-'0')
		k++
	}
	return n < host && (k == len(s) || !isAlnum(s[k]))
}

// afterVersionWord reports whether the word before s[i] (past spaces, a
// '=', ':' or quote, and a full stop that abbreviates it) names a version
// or the software whose version follows: "version 2.5.0.1",
// "build=10.2.0.4", "ver. 2.0.0.5", "AssemblyVersion 1.0.0.0",
// "app 4.2.0.17", "Firefox 115.0.2.1". A machine's address after such a
// word would be no person's either.
func afterVersionWord(s string, i int) bool {
	e := i
	for e > 0 && (s[e-1] == ' ' || s[e-1] == '=' || s[e-1] == ':' || s[e-1] == '"' || s[e-1] == '\'') {
		e--
	}
	if e < i && e > 1 && s[e-1] == '.' && isLetter(s[e-2]) { // ver. 2.0.0.5
		e--
	}
	w := e
	for w > 0 && isLetter(s[w-1]) && e-w <= 32 {
		w--
	}
	if e == i || e-w < 2 || e-w > 32 || w > 0 && (isDigit(s[w-1]) || s[w-1] >= 0x80) {
		return false
	}
	var buf [32]byte
	word := buf[:e-w]
	for k := range word {
		word[k] = s[w+k] | 0x20
	}
	return versionWords[string(word)] || len(word) > 7 && string(word[len(word)-7:]) == "version"
}

// versionWords are words after which a dotted quad is a version: words
// for a version, a build or a release, and the names of software whose
// versions have four numbers (browsers, runtimes, databases, operating
// systems). Words for a client, a peer, a host or a node are none of
// them, nor words that name other things too (edge, net): the address
// after one may be what GDPR protects.
var versionWords = map[string]bool{
	"version": true, "versions": true, "ver": true, "release": true, "released": true,
	"build": true, "builds": true, "built": true, "firmware": true, "fw": true, "revision": true,
	"rev": true, "app": true, "apk": true, "sdk": true, "runtime": true, "kernel": true, "agent": true,
	"patch": true, "hotfix": true, "upgrade": true, "upgraded": true, "downgraded": true,
	"firefox": true, "chrome": true, "chromium": true, "safari": true, "opera": true,
	"windows": true, "macos": true, "ios": true, "ipados": true, "android": true, "ubuntu": true,
	"dotnet": true, "java": true, "jdk": true, "jre": true, "openjdk": true,
	"python": true, "ruby": true, "php": true, "perl": true, "nodejs": true,
	"postgres": true, "postgresql": true, "mysql": true, "mariadb": true, "mssql": true, "oracle": true,
	"sqlite": true, "nginx": true, "tomcat": true, "iis": true, "openssl": true, "electron": true,
}

// ipCanFollow reports whether an address may start right after c: not
// inside a word, a dotted run, a path or a version ("Chrome/120.0.0.0").
func ipCanFollow(c byte) bool {
	return !isAlnum(c) && c != '.' && c != '/' && c != '-' && c != '_' && c != ':' && c != '\\'
}

// ipAfterLabel reports whether an address may start at s[i] although
// s[i-1] is a ':' or a '/' (which ipCanFollow refuses, as inside an IPv6
// address or a path): after a label whose word holds a letter that is no
// hex digit, so no part of an address ("udp:", "ip:", "peer:"), after a
// colon that follows no word (" :"), an IPv4 address after any colon, and
// after the "//" of a URL ("tcp://203.0.113.9:443").
func ipAfterLabel(s string, i int) bool {
	switch s[i-1] {
	case '/':
		return i >= 2 && s[i-2] == '/'
	case ':':
		j := i - 1 // the word before the colon is s[j:i-1]
		for j > 0 && isAlnum(s[j-1]) {
			j--
		}
		if j == i-1 {
			return j == 0 || s[j-1] != ':' // not right after "::"
		}
		for k := j; k < i-1; k++ {
			if !isHexByte(s[k]) { // g to z
				return true
			}
		}
		return ipv4At(s, i) > 0 // an IPv6 address that holds one has been read whole
	}
	return false
}

// ipEnds reports whether an address may end at s[e]: not followed by more
// of a word or of a dotted run.
func ipEnds(s string, e int) bool {
	if e == len(s) {
		return true
	}
	c := s[e]
	if c == '.' || c == ':' {
		return e+1 == len(s) || !isAlnum(s[e+1]) || c == ':' && isDigit(s[e+1]) // a full stop, or a port
	}
	return !isAlnum(c) && c != '-' && c != '_'
}

// ipv4At returns the end of a dotted-quad IPv4 address at s[i:], or 0.
func ipv4At(s string, i int) int {
	e := quadAt(s, i, '.')
	if e == 0 || !ipEnds(s, e) {
		return 0
	}
	return e
}

// quadAt returns the end of four decimal octets (0 to 255, at most three
// digits each) at s[i:], separated by sep, or 0.
func quadAt(s string, i int, sep byte) int {
	e := i
	for part := 0; part < 4; part++ {
		if part > 0 {
			if e >= len(s) || s[e] != sep {
				return 0
			}
			e++
		}
		n, d := 0, 0
		for e < len(s) && isDigit(s[e]) && d < 4 {
			n = n*10 + int(s[e]-'0')
			e++
			d++
		}
		if d == 0 || d > 3 || n > 255 {
			return 0
		}
	}
	return e
}

// publicIPv4 reports whether the dotted quad a is a public address.
func publicIPv4(a string) bool {
	var o [4]int
	k := 0
	for i := 0; i < len(a); i++ {
		if a[i] == '.' {
			k++
			continue
		}
		o[k] = o[k]*10 + int(a[i]-'0')
	}
	return publicIPv4Octets(o)
}

// publicIPv4Octets reports whether the IPv4 address of octets o is a
// public address.
func publicIPv4Octets(o [4]int) bool {
	switch {
	case o[0] == 0, o[0] == 10, o[0] == 127, o[0] >= 224: // this network, private, loopback, multicast and reserved
		return false
	case o[0] == 169 && o[1] == 254, o[0] == 172 && o[1] >= 16 && o[1] <= 31, o[0] == 192 && o[1] == 168:
		return false // link-local, private
	case o[0] == 100 && o[1] >= 64 && o[1] <= 127:
		return false // shared address space (carrier-grade NAT)
	}
	return !publicResolvers4[[4]int(o)]
}

// publicResolvers4 and publicResolvers6 are the addresses of well-known
// public DNS resolvers: a service's, not a person's, and so kept.
var publicResolvers4 = map[[4]int]bool{
	{8, 8, 8, 8}: true, {8, 8, 4, 4}: true, // Google
	{1, 1, 1, 1}: true, {1, 0, 0, 1}: true, {1, 1, 1, 2}: true, {1, 0, 0, 2}: true, {1, 1, 1, 3}: true, {1, 0, 0, 3}: true, // Cloudflare
	{9, 9, 9, 9}: true, {149, 112, 112, 112}: true, {9, 9, 9, 10}: true, {149, 112, 112, 10}: true, {9, 9, 9, 11}: true, {149, 112, 112, 11}: true, // Quad9
	{208, 67, 222, 222}: true, {208, 67, 220, 220}: true, {208, 67, 222, 123}: true, {208, 67, 220, 123}: true, // OpenDNS
	{94, 140, 14, 14}: true, {94, 140, 15, 15}: true, // AdGuard
	{185, 228, 168, 9}: true, {185, 228, 169, 9}: true, // CleanBrowsing
	{4, 2, 2, 1}: true, {4, 2, 2, 2}: true, {4, 2, 2, 3}: true, {4, 2, 2, 4}: true, {4, 2, 2, 5}: true, {4, 2, 2, 6}: true, // Level 3
	{64, 6, 64, 6}: true, {64, 6, 65, 6}: true, // Verisign
	{8, 26, 56, 26}: true, {8, 20, 247, 20}: true, // Comodo
	{77, 88, 8, 8}: true, {77, 88, 8, 1}: true, // Yandex
	{76, 76, 2, 0}: true, {76, 76, 10, 0}: true, // Control D
}

var publicResolvers6 = func() map[[16]byte]bool {
	m := make(map[[16]byte]bool)
	for _, a := range []string{
		"2001:4860:4860::8888", "2001:4860:4860::8844", // Google
		"2606:4700:4700::1111", "2606:4700:4700::1001", // Cloudflare
		"2620:fe::fe", "2620:fe::9", "2620:fe::fe:9", // Quad9
		"2620:119:35::35", "2620:119:53::53", // OpenDNS
		"2a10:50c0::ad1:ff", "2a10:50c0::ad2:ff", // AdGuard
	} {
		m[netip.MustParseAddr(a).As16()] = true
	}
	return m
}()

// ipv6At returns the end of an IPv6 address at s[i:] (groups of up to
// four hex digits, eight of them or fewer with one "::", perhaps ending
// with a dotted quad), or 0. An address of fewer than three groups needs
// its "::" and four hex digits or more ("fe80::1" is one, "a::b" is not).
func ipv6At(s string, i int) int {
	e, groups, digits, colons := i, 0, 0, 0
	double := false
	for e < len(s) {
		g := e
		for e < len(s) && isHexByte(s[e]) && e-g < 5 {
			e++
		}
		if e-g > 4 {
			return 0
		}
		if e > g {
			if e < len(s) && s[e] == '.' && (double || groups == 6) { // ::ffff:192.0.2.1
				if q := ipv4At(s, g); q > 0 {
					return ipv6Done(s, q, groups+2, digits+4, colons, double)
				}
			}
			groups++
			digits += e - g
		}
		if e+1 < len(s) && s[e] == ':' && s[e+1] == ':' {
			if double {
				return 0
			}
			double = true
			colons += 2
			e += 2
			continue
		}
		if e+1 < len(s) && s[e] == ':' && isHexByte(s[e+1]) && e > g {
			colons++
			e++
			continue
		}
		break
	}
	return ipv6Done(s, e, groups, digits, colons, double)
}

func ipv6Done(s string, e, groups, digits, colons int, double bool) int {
	if groups > 8 || !double && groups != 8 || groups < 3 && (!double || digits < 4) || colons < 2 || !ipEnds(s, e) {
		return 0
	}
	return e
}

// publicIPv6 reports whether a is outside the loopback, unspecified,
// link-local (fe80::/10), unique local (fc00::/7) and multicast (ff00::/8)
// ranges, however it is written (0:0:0:0:0:0:0:1 is ::1), and not a public
// resolver's; for an IPv4-mapped address, whether the IPv4 address it maps
// is public.
func publicIPv6(a string) bool {
	ip, err := netip.ParseAddr(a)
	if err != nil {
		return true // ipv6At read an address: fail closed
	}
	if ip.Is4In6() {
		b := ip.As16()
		return publicIPv4Octets([4]int{int(b[12]), int(b[13]), int(b[14]), int(b[15])})
	}
	if ip.IsLoopback() || ip.IsUnspecified() || ip.IsLinkLocalUnicast() || ip.IsPrivate() || ip.IsMulticast() {
		return false
	}
	b := ip.As16()
	return !publicResolvers6[b]
}

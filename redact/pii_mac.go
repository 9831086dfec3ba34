package redact

// clockOrMACAt reports whether the ':' at s[i] joins two numbers of a
// clock or of a MAC address (10:30, 00:1A:2B:…): two hex digits right
// after it, then no further letter or digit. The number before such a
// colon is the first part of the value, not a numbered key (address 10:
// is not "address, the tenth").
func clockOrMACAt(s string, i int) bool {
	return i+2 < len(s) && s[i] == ':' && isHexByte(s[i+1]) && isHexByte(s[i+2]) && (i+3 == len(s) || !isAlnum(s[i+3]))
}

// macKeyAt reports whether the key s[ka:b] names a device's MAC address:
// mac address or mac addr, in any case, also when the key judged is its
// last word alone (address, addr) after "mac".
func macKeyAt(s string, ka, b int) bool {
	if ka >= 4 && s[ka-1] == ' ' {
		ka -= 4
	}
	k := s[ka:b]
	return len(k) >= 8 && (k[0]|0x20) == 'm' && (k[1]|0x20) == 'a' && (k[2]|0x20) == 'c' && (k[3] == ' ' || k[3] == '_' || k[3] == '-') &&
		(k[4]|0x20) == 'a' && (k[5]|0x20) == 'd' && (k[6]|0x20) == 'd' && (k[7]|0x20) == 'r'
}

// isMACAddress reports whether w is a MAC address: six pairs of hex
// digits joined by ':' or '-' (00:1A:2B:3C:4D:5E, 00-1a-2b-3c-4d-5e), or
// three groups of four joined by '.' as Cisco writes it (001a.2b3c.4d5e).
func isMACAddress(w string) bool {
	switch len(w) {
	case 17:
		sep := w[2]
		if sep != ':' && sep != '-' {
			return false
		}
		for i := 0; i < 17; i++ {
			if i%3 == 2 {
				if w[i] != sep {
					return false
				}
			} else if !isHexByte(w[i]) {
				return false
			}
		}
		return true
	case 14:
		for i := 0; i < 14; i++ {
			if i%5 == 4 {
				if w[i] != '.' {
					return false
				}
			} else if !isHexByte(w[i]) {
				return false
			}
		}
		return true
	}
	return false
}

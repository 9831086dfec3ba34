package redact

import "strings"

// moreSample returns a token of one of moreFormats whose shape the body
// class cannot build, and whether f is one: a Telnyx key, or a vendor's
// name as a key and a value of its first shape.
func moreSample(f tokenFormat) (string, bool) {
	if f.prefix == "KEY0" {
		return f.prefix + "196A7C2E4B84D1F9A3C5E7B2D4F6A8C_Qm3vZx8Lp1Wk5Tr9Hs2A", true
	}
	for _, v := range keyedVendors {
		for _, w := range v.words {
			if w == f.prefix {
				return f.prefix + `: "` + keyedSampleValue(v.shapes[0]) + `"`, true
			}
		}
	}
	return "", false
}

// keyedSampleValue returns a value of shape sh: its lead and n bytes of
// its class, with digits and letters (some of them not hex digits when
// the class allows them).
func keyedSampleValue(sh keyedShape) string {
	pool := "a1B2c3D4e5F6g7H8"
	if sh.class&^cHex == 0 {
		pool = "a1b2c3d4e5f60789"
	}
	var b strings.Builder
	b.WriteString(sh.lead)
	for i := range sh.n {
		b.WriteByte(pool[i%len(pool)])
	}
	return b.String()
}

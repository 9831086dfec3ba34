package redact

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// A JSON object encoded in base64 starts with "eyJ" ({") or "eyAi" ({ ")
// in both alphabets: a request body, a cookie's or a header's value, a
// message of a queue. Logged whole, it carries its secrets with it
// ("eyJwYXNzd29yZCI6…" is {"password":…). The object is decoded and
// searched as text is; when it holds a secret, the encoded word is masked
// whole. A JWT (dotted parts) is DetectJWT's.

// minEncodedJSON is the shortest encoded object searched: {"pwd":"x"}
// takes 16 bytes.
const minEncodedJSON = 16

// maxEncodedJSON bounds the bytes of one encoded object that are decoded
// and searched; a longer word is searched in its first maxEncodedJSON
// bytes, and masked whole when they hold a secret.
const maxEncodedJSON = 64 << 10

// mayHoldEncodedJSON reports whether s holds the start of an encoded
// JSON object.
func mayHoldEncodedJSON(s string) bool {
	return strings.Contains(s, "eyJ") || strings.Contains(s, "eyAi")
}

// findEncodedJSON adds a span for each word of s that is a JSON object in
// base64 holding a secret, searched with levels decodings left, and notes
// the name of the first rule or detector that finds it.
func (r *Redactor) findEncodedJSON(s string, spans []span, note func(string), levels int) []span {
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "ey")
		if j < 0 {
			break
		}
		start := i + j
		i = start + 2
		if !strings.HasPrefix(s[start:], "eyJ") && !strings.HasPrefix(s[start:], "eyAi") {
			continue
		}
		if start > 0 && isBase64Byte(s[start-1]) && !escapedStart(s, start) {
			continue
		}
		end := start
		for end < len(s) && isBase64Byte(s[end]) {
			end++
		}
		body := end
		for end < len(s) && end-body < 2 && s[end] == '=' {
			end++
		}
		i = end
		if body-start < minEncodedJSON || end < len(s) && s[end] == '.' {
			continue // too short for a secret, or a JWT's header
		}
		text, ok := decodeBase64Text(s[start:min(body, start+maxEncodedJSON)])
		if !ok {
			continue
		}
		var name string
		if found := r.findLevels(text, nil, func(n string) {
			if name == "" {
				name = n
			}
		}, levels); len(found) > 0 {
			spans = append(spans, span{start, end})
			if name != "" {
				note(name)
			}
		}
	}
	return spans
}

// isBase64Byte reports whether c is a byte of base64 in either alphabet.
func isBase64Byte(c byte) bool { return isB64URL(c) || c == '+' || c == '/' }

// decodeBase64Text decodes b64, unpadded, in either alphabet (a lone
// last byte dropped), and reports whether it is text: valid UTF-8 without
// control characters other than white space.
func decodeBase64Text(b64 string) (string, bool) {
	url := strings.ContainsAny(b64, "-_")
	enc := base64.RawStdEncoding
	if url {
		enc = base64.RawURLEncoding
	}
	n := len(b64)
	if n%4 == 1 {
		n-- // a lone last byte encodes nothing
	}
	out, err := enc.DecodeString(b64[:n])
	if err != nil || !utf8.Valid(out) {
		return "", false
	}
	for _, c := range out {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return "", false
		}
	}
	return string(out), true
}

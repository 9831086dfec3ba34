package redact

import (
	"encoding/base64"
	"strings"
)

// A key that is only the word "key" (key, KEY, Key) is no term: cache
// keys, partition keys, object keys, idempotency keys and message keys
// are logged under it every day (key=user:42:profile,
// key=orders/2024/01.csv, key=sha256:…, a UUID). Under it only a value
// that looks random, as a generated secret does, is masked: see
// randomKeyValue.

// randomKeyReach is the longest value under a bare key that
// randomKeyValue judges: longer runs are blobs or documents, which the
// detectors judge.
const randomKeyReach = 512

// bareKeyVendor marks the verdict of a bare key (keyVerdict.vendor):
// vendorMasks masks a random-looking value under it. It has no vendor's
// shapes of its own.
var bareKeyVendor = &vendorKey{}

// isBareKey reports whether key is the word "key" alone in any case,
// with at most separators around it (key, KEY, Key, _key, key_).
func isBareKey(key string) bool {
	key = strings.Trim(key, "_-. ")
	return len(key) == 3 && strings.EqualFold(key, "key")
}

// randomKeyValue reports whether v looks like a generated secret rather
// than a name: 16 to randomKeyReach ASCII letters and digits (base64's
// '=' padding at the end allowed), with upper- and lower-case letters and
// digits all present, neither hexadecimal alone nor an identifier of
// capitalised words (ProfileSettings2024, UserV2Cache), nor the base64
// of ordinary text (the encoding of a word or a phrase).
func randomKeyValue(v string) bool {
	body := strings.TrimRight(v, "=")
	if len(body) < 16 || len(v) > randomKeyReach || len(v)-len(body) > 2 {
		return false
	}
	var upper, lower, digit, hex int
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c >= 'A' && c <= 'Z':
			upper++
			if c <= 'F' {
				hex++
			}
		case c >= 'a' && c <= 'z':
			lower++
			if c <= 'f' {
				hex++
			}
		case c >= '0' && c <= '9':
			digit++
			hex++
		default:
			return false // a separator: a path, a name, a digest with its algorithm, a UUID
		}
	}
	if upper == 0 || lower == 0 || digit == 0 || hex == len(body) {
		return false
	}
	return !capitalisedWords(body) && !base64OfText(v)
}

// capitalisedWords reports whether v, of letters and digits, reads as an
// identifier made of words: every run of lower-case letters is at least
// three long and follows one capital or starts v, and digits come in at
// most two runs (ProfileSettings2024, userCacheV2Primary). A generated
// string has short runs of each case (Qx7vR2mZp9LwK4tB).
func capitalisedWords(v string) bool {
	digitRuns := 0
	for i := 0; i < len(v); {
		c := v[i]
		switch {
		case isDigit(c):
			digitRuns++
			for i < len(v) && isDigit(v[i]) {
				i++
			}
		case c >= 'A' && c <= 'Z':
			j := i
			for j < len(v) && v[j] >= 'A' && v[j] <= 'Z' {
				j++
			}
			if j < len(v) && v[j] >= 'a' && v[j] <= 'z' {
				j-- // the last capital opens the next word: HTTPServer
			}
			if j == i { // a capital and its lower-case word
				i++
			} else {
				i = j // an acronym
				continue
			}
			fallthrough
		default:
			j := i
			for j < len(v) && v[j] >= 'a' && v[j] <= 'z' {
				j++
			}
			if j-i < 3 {
				return false
			}
			i = j
		}
	}
	return digitRuns <= 2
}

// base64OfText reports whether v is the standard base64 of text of
// letters, digits, spaces and punctuation (a word or a phrase encoded),
// not of random bytes.
func base64OfText(v string) bool {
	if len(v)%4 != 0 {
		return false
	}
	var buf [randomKeyReach]byte
	n, err := base64.StdEncoding.Decode(buf[:], []byte(v))
	if err != nil || n == 0 {
		return false
	}
	for _, c := range buf[:n] {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

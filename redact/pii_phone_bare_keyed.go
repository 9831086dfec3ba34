package redact

import "strings"

// bareNumberAfterPhoneWord reports whether s[start:end], digits written
// without separators, is a national number as the value of a key in text
// that names a telephone, right after its '=' or ':' (handy=015123456789,
// movil=612345678, celular:11987654321), or, of nine digits or more, right
// after such a word in prose, or after it and words such as "number is"
// (móvil 612345678, telefono 3471234567; not after a verb of calling,
// whose digits are as often a call's id or time): seven
// to thirteen digits, a trunk 0 followed by another digit or no trunk,
// not a date of eight digits and no unit after it. The national plans
// differ in length and in their leading digits (a German mobile has
// twelve with its trunk, a Spanish one nine without), so the word says
// what the shape cannot.
func bareNumberAfterPhoneWord(s string, start, end, digits int) bool {
	if digits < 7 || digits > 13 || s[start] == '0' && s[start+1] == '0' {
		return false
	}
	if digits == 8 && eightDigitDate(s[start:end]) || unitAfter(s, end) {
		return false
	}
	return phoneKeyBefore(s, start) || digits >= 9 && phoneNounRightBefore(s, start)
}

// phoneNounRightBefore reports whether the word before s[start], or the
// word before up to three of phoneJoiners there, names a telephone itself
// (phoneKeyWord), with only spaces and punctuation between them.
func phoneNounRightBefore(s string, start int) bool {
	e := start
	for range 4 {
		for e > 0 && e > start-phoneWindow && strings.IndexByte(" \t:=.,#'\"(", s[e-1]) >= 0 {
			e--
		}
		b := e
		for b > 0 && isWordByte(s[b-1]) {
			b--
		}
		if b == e {
			return false
		}
		if w := s[b:e]; phoneKeyWord(w) {
			return true
		} else if !isPhoneJoiner(w) {
			return false
		}
		e = b
	}
	return false
}

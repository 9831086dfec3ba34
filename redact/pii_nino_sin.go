package redact

import "strings"

// The UK's National Insurance number and Canada's Social Insurance
// Number for DetectNationalID.

// ninoAt returns the length of a UK National Insurance number at s[p], or
// 0: two prefix letters that HMRC allocates, six digits and the suffix
// letter A to D, in upper case, written whole (AB123456C) or in its
// printed groups with single spaces (AB 12 34 56 C), the suffix left off
// in the grouped form (AB 12 34 56).
func ninoAt(s string, p int) int {
	if p+9 > len(s) || !idStartsAt(s, p) || !ninoPrefix(s[p], s[p+1]) {
		return 0
	}
	q := p + 2
	spaced := s[q] == ' '
	for range 3 {
		if spaced {
			if q >= len(s) || s[q] != ' ' {
				return 0
			}
			q++
		}
		if digitsAt(s, q, 2) < 0 {
			return 0
		}
		q += 2
	}
	if spaced && q+1 < len(s) && s[q] == ' ' && isDigit(s[q+1]) {
		return 0 // a longer run of groups
	}
	e := q
	if spaced && e+1 < len(s) && s[e] == ' ' {
		e++
	}
	if e < len(s) && s[e] >= 'A' && s[e] <= 'D' && (e+1 == len(s) || !isAlnum(s[e+1])) {
		e++
	} else if !spaced {
		return 0
	} else {
		e = q // the suffix left off
	}
	if !idEndsAt(s, e) || e < len(s) && isAlnum(s[e]) {
		return 0
	}
	return e - p
}

// ninoPrefix reports whether a and b are a prefix of National Insurance
// numbers: neither letter D, F, I, Q, U or V, the second not O, and not
// one of the pairs never allocated (BG, GB, KN, NK, NT, TN, ZZ).
func ninoPrefix(a, b byte) bool {
	if !isUpper(a) || !isUpper(b) || strings.IndexByte("DFIQUV", a) >= 0 || strings.IndexByte("DFIOQUV", b) >= 0 {
		return false
	}
	switch string([]byte{a, b}) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}

// sinAt returns the length of a Canadian Social Insurance Number at s[p],
// or 0: nine digits in groups of three whose last is the Luhn check
// digit, not all zero, written with dashes (046-454-286) or, after a word
// that names it within sinWindow bytes (SIN, NAS, social insurance), with
// spaces (046 454 286): three groups of three digits with spaces are as
// often a count written with its thousands apart.
func sinAt(s string, p int) int {
	if p >= 2 && s[p-1] == ' ' && isDigit(s[p-2]) {
		return 0 // a longer run of groups
	}
	var d [9]byte
	n := groupedDigits(s, p, []int{3, 3, 3}, " -", d[:])
	if n == 0 || d == [9]byte{} || !luhn(d[:]) {
		return 0
	}
	if s[p+3] == ' ' && !sinWordBefore(s, p) {
		return 0
	}
	return n
}

// sinWindow is how far before a number, in bytes on the same line,
// sinWordBefore looks for a word that names a Social Insurance Number.
const sinWindow = 40

// sinWords name a Canadian Social Insurance Number, in English and French.
var sinWords = [...]string{"sin", "nas", "insurance", "assurance"}

// sinWordBefore reports whether one of sinWords stands, whole, within
// sinWindow bytes before s[start] on the same line.
func sinWordBefore(s string, start int) bool {
	b := max(0, start-sinWindow)
	if i := strings.LastIndexByte(s[b:start], '\n'); i >= 0 {
		b += i + 1
	}
	for i := b; i < start; {
		if !isAlnum(s[i]) {
			i++
			continue
		}
		j := i
		for j < start && isAlnum(s[j]) {
			j++
		}
		if i > b || b == 0 || !isAlnum(s[b-1]) { // a word cut by the window is no word
			for _, w := range sinWords {
				if strings.EqualFold(s[i:j], w) {
					return true
				}
			}
		}
		i = j
	}
	return false
}

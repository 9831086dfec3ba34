package redact

import "strings"

// countryCodeInParentheses reports whether s[start:end], which opens with
// a parenthesis, is an international number whose country code of one to
// three digits stands in parentheses with no '+' ((852) 9123 4567, (44)
// 20 7946 0958) right after a word that names a telephone: the national
// number after it of seven to twelve digits in groups of two or more (or
// one digit, then pairs, as France writes a number: (33) 6 12 34 56 78),
// not dotted, and no unit after it. Without the word, or with a count's word
// after it, a number in parentheses is an amount, an index or a size.
func countryCodeInParentheses(s string, start, end int, groups []int, digits int) bool {
	n := s[start:end]
	if len(groups) < 2 || groups[0] > 3 || len(n) < groups[0]+2 || n[1] == '0' || n[groups[0]+1] != ')' {
		return false
	}
	national := digits - groups[0]
	return national >= 7 && national <= 12 && (minInts(groups[1:]) >= 2 || len(groups) >= 5 && groups[1] == 1 && minInts(groups[2:]) == 2) && strings.IndexByte(n, '.') < 0 &&
		phoneWordRightBefore(s, start, false) && !unitAfter(s, end)
}

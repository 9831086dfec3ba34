package redact

import "strings"

// shortNationalNumber reports whether s[start:end], digits in groups as
// phoneRun read them, is a national number of seven or eight digits right
// after a word that names a telephone (or after that word and a few
// words such as "number is", "sent to"): the whole number of the plans of
// eight digits and no trunk prefix (Hong Kong and Singapore, 9123 4567;
// Denmark and Norway, 20 12 34 56 and 412 34 567; Costa Rica and the
// Baltic states), the same eight digits written without separators, a
// Brazilian mobile without its area code (98765-4321) and a local number
// of seven (555-1234). Without such a word, or with a unit
// after them ("call took 1200 3400 ns"), eight digits are build numbers,
// dates, ids and measures, and seven a range or an amount.
func shortNationalNumber(s string, start, end int, groups []int, digits int) bool {
	n := s[start:end]
	if n[0] == '0' {
		return false // a trunk's number, which has more digits
	}
	if _, ok := groupSeparators(n); !ok {
		return false // dotted: a version or an address
	}
	grouped := false
	switch {
	case digits == 8 && len(groups) == 2 && groups[0] == 4:
		grouped = !(yearAt(n, 0) && yearAt(n, 5)) // not "2023 2024"
	case digits == 8 && len(groups) == 4 && groups[0] == 2 && groups[1] == 2 && groups[2] == 2,
		digits == 8 && len(groups) == 3 && groups[0] == 3 && groups[1] == 2 && groups[2] == 3:
		grouped = true
	case digits == 9 && len(groups) == 2 && groups[0] == 5 && n[0] == '9':
		grouped = true // a Brazilian mobile without its area code, 98765-4321
	case digits == 8 && len(groups) == 1:
		if eightDigitDate(n) {
			return false
		}
	case digits == 7 && len(groups) == 2 && groups[0] == 3:
		if n[0] < '2' {
			return false
		}
	default:
		return false
	}
	return phoneWordRightBefore(s, start, grouped) && !unitAfter(s, end)
}

// yearAt reports whether n[i:i+4] is a year of the last two centuries.
func yearAt(n string, i int) bool {
	return i+4 <= len(n) && (n[i:i+2] == "19" || n[i:i+2] == "20")
}

// eightDigitDate reports whether n, eight digits, reads as a date: a
// year, a month and a day (20240131) or a day, a month and a year
// (31012024).
func eightDigitDate(n string) bool {
	monthDay := func(m, d string) bool {
		mm, dd := int(m[0]-'0')*10+int(m[1]-'0'), int(d[0]-'0')*10+int(d[1]-'0')
		return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31
	}
	return yearAt(n, 0) && monthDay(n[4:6], n[6:8]) || yearAt(n, 4) && monthDay(n[2:4], n[0:2])
}

// phoneJoiners are the words that may stand between a word that names a
// telephone and its number: "sms sent to 91234567", "phone no. 555-1234".
var phoneJoiners = [...]string{"is", "to", "on", "at", "via", "from", "sent", "no", "nr", "num", "number", "was", "her", "his", "their", "new", "old", "work", "home", "private", "personal"}

// phoneWordRightBefore reports whether the word before s[start], or the
// word before up to three of phoneJoiners there, is one of phoneWords,
// with only spaces and punctuation between them on the line. A word that
// names a number or a contact in general (numer, contact) names an id as
// often: right before the digits it counts only when generic is set.
func phoneWordRightBefore(s string, start int, generic bool) bool {
	e := start
	for k := range 4 {
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
		w := s[b:e]
		if isPhoneWord(w) {
			return generic || k > 0 || !genericNumberWord(w)
		}
		if !isPhoneJoiner(w) {
			return false
		}
		e = b
	}
	return false
}

// unitAfter reports whether a unit or a count's word follows the number
// that ends at s[end]: "1200 3400 ns", "12 34 56 78 rows".
func unitAfter(s string, end int) bool {
	if end+1 >= len(s) || s[end] != ' ' {
		return false
	}
	e := end + 1
	for e < len(s) && isLetter(s[e]) {
		e++
	}
	w := s[end+1 : e]
	if e < len(s) && isWordByte(s[e]) || len(w) == 0 || len(w) > 8 {
		return false
	}
	for _, u := range [...]string{"ms", "ns", "us", "s", "sec", "secs", "seconds", "min", "mins", "b", "kb", "mb", "gb", "bytes",
		"rows", "items", "records", "times", "hits", "calls", "ops", "req", "reqs", "requests", "msgs", "messages", "x"} {
		if strings.EqualFold(w, u) {
			return true
		}
	}
	return false
}

// isPhoneJoiner reports whether w is one of phoneJoiners, ignoring case.
func isPhoneJoiner(w string) bool {
	for _, j := range phoneJoiners {
		if strings.EqualFold(w, j) {
			return true
		}
	}
	return false
}

// genericNumberWord reports whether w, one of phoneWords, names a number
// or a contact rather than a telephone: numer, número, contact, kontakt.
func genericNumberWord(w string) bool {
	for _, p := range [...]string{"num", "núm", "contact", "contato", "kontakt", "recado", "nº"} {
		if len(w) >= len(p) && strings.EqualFold(w[:len(p)], p) {
			return true
		}
	}
	return false
}

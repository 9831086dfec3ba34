package redact

import "strings"

// parcelWords name a parcel carrier or a shipment's tracking code.
var parcelWords = [...]string{
	"tracking", "track", "waybill", "airwaybill", "awb", "parcel", "shipment", "consignment",
	"ups", "fedex", "usps", "dhl", "tnt", "gls", "dpd", "evri", "purolator", "postnl", "colissimo",
}

// parcelJoiners are the words that may stand between one of parcelWords
// and its number: "UPS tracking number: …", "shipped via DHL Express …".
var parcelJoiners = [...]string{"number", "no", "nr", "num", "id", "code", "ref", "express", "ground", "label", "is"}

// trackingNumberAt reports whether the digits at s[start:] that have the
// shape of a national telephone number without a '+' are rather part of a
// parcel's tracking number: the tail of a code written in groups whose
// group right before mixes letters and digits (UPS's 1Z 999 AA1 01 2345
// 6784), or a number right after one of parcelWords, only parcelWords,
// parcelJoiners and punctuation between ("FedEx tracking no. 6129 …",
// "waybill: 012 3456 7890"). A name or any other word between ("parcel
// for Jo Roe 020 7946 0958") leaves the number a phone's. It runs only
// after a phone's shape matched, so clean text never pays it.
func trackingNumberAt(s string, start int) bool {
	if codeGroupBefore(s, start) {
		return true
	}
	e := start
	for words := 0; words < 5; words++ {
		for e > 0 && strings.IndexByte(" :#.-", s[e-1]) >= 0 && start-e < 8 {
			e--
		}
		b := e
		for b > 0 && isAlnum(s[b-1]) {
			b--
		}
		if b == e || start-e >= 8 {
			return false
		}
		w := s[b:e]
		if isOneOf(w, parcelWords[:]) {
			return true
		}
		if !isOneOf(w, parcelJoiners[:]) {
			return false
		}
		start, e = b, b
	}
	return false
}

// codeGroupBefore reports whether the digit at s[start] follows, one
// space apart each, two groups or more of two to four letters and digits,
// one of them holding both (UPS writes 1Z 999 AA1 before the digits).
func codeGroupBefore(s string, start int) bool {
	if !isDigit(s[start]) {
		return false
	}
	groups, mixed := 0, false
	for e := start; e >= 3 && s[e-1] == ' '; groups++ {
		e--
		b := e
		letters, digits := false, false
		for b > 0 && e-b <= 4 && isAlnum(s[b-1]) {
			b--
			letters = letters || isLetter(s[b])
			digits = digits || isDigit(s[b])
		}
		if e-b < 2 || e-b > 4 || b > 0 && s[b-1] != ' ' {
			break
		}
		mixed = mixed || letters && digits
		e = b
	}
	return groups >= 2 && mixed
}

// isOneOf reports whether word is one of words, ignoring case.
func isOneOf(word string, words []string) bool {
	for _, p := range words {
		if strings.EqualFold(word, p) {
			return true
		}
	}
	return false
}

package redact

import "strings"

// Values that a word of a telephone names without being a telephone
// number: the mobile platform (mobileBuild=73920518, mobile_app_version,
// mobile app 8.1.2.33) and counts (mobile=3 sessions).

// mobilePlatformWords are the words after the term "mobile" in a key
// that make it name the mobile platform, not a mobile telephone:
// mobile_build, mobileAppVersion, mobile_sessions, mobile_os.
var mobilePlatformWords = map[string]bool{
	"app": true, "apps": true, "application": true, "build": true, "builds": true, "version": true, "ver": true,
	"os": true, "platform": true, "sdk": true, "client": true, "clients": true, "web": true, "site": true,
	"view": true, "layout": true, "browser": true, "session": true, "sessions": true, "users": true,
	"traffic": true, "release": true, "store": true, "push": true, "menu": true, "nav": true, "ui": true,
	"ux": true, "breakpoint": true, "width": true, "height": true, "screen": true, "game": true, "games": true,
	"friendly": true, "first": true, "only": true, "enabled": true, "support": true, "share": true,
	"percent": true, "pct": true, "ratio": true, "rate": true, "count": true, "visits": true, "visitors": true,
	"banner": true, "theme": true, "redirect": true, "optimized": true, "network": true, "carrier": true,
	"data": true, "money": true, "wallet": true, "payments": true, "checkout": true, "api": true, "backend": true,
}

// mobilePlatformKey reports whether the term "mobile", followed in a key
// by the word next, names the platform: mobile_build, mobileApp.
func mobilePlatformKey(term, next string) bool {
	return term == "mobile" && mobilePlatformWords[next]
}

// phoneCount reports whether v, the value in text of the key k whose
// last word names a telephone, is a count rather than a number: one to
// four digits (mobile=3 sessions, phones: 12). No telephone number is
// that short.
func phoneCount(k, v string) bool {
	if len(v) == 0 || len(v) > 4 || strings.Trim(v, "0123456789") != "" {
		return false
	}
	e := len(k)
	b := e
	for b > 0 && isAlnum(k[b-1]) && !(b < e && isUpper(k[b]) && k[b-1] >= 'a' && k[b-1] <= 'z') {
		b--
	}
	return b < e && phoneKeyWord(k[b:e])
}

// platformVersionBefore reports whether the word before s[i] (past
// spaces) is a word of an application or its kit after a word that names
// a platform: "mobile app 8.1.2.33", "android sdk 4.2.2.1", whose dotted
// numbers are versions, not addresses.
func platformVersionBefore(s string, i int) bool {
	e := i
	for e > 0 && s[e-1] == ' ' {
		e--
	}
	w := e
	for w > 0 && isLetter(s[w-1]) {
		w--
	}
	if e == i || w == e {
		return false
	}
	switch strings.ToLower(s[w:e]) {
	case "app", "apk", "sdk", "client":
	default:
		return false
	}
	p := w
	for p > 0 && s[p-1] == ' ' {
		p--
	}
	q := p
	for q > 0 && isLetter(s[q-1]) {
		q--
	}
	if p == w || q == p {
		return false
	}
	switch strings.ToLower(s[q:p]) {
	case "mobile", "ios", "android", "iphone", "ipad", "desktop", "windows", "macos", "tv", "watchos", "wear":
		return true
	}
	return false
}

// subscriberFirst returns the first digit of the subscriber's number in
// n, a number whose area code stands in parentheses ((11) 98765-4321:
// '9'), or 0.
func subscriberFirst(n string) byte {
	k := strings.IndexByte(n, ')')
	if k < 0 {
		return 0
	}
	for k++; k < len(n); k++ {
		if isDigit(n[k]) {
			return n[k]
		}
	}
	return 0
}

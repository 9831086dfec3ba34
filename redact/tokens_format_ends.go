package redact

import "strings"

// The shapes of this file end a token where its vendor's layout ends: a
// webhook URL after the segments of its path that the vendor issues, a
// key of base64 after its padding. What follows (the next segment of a
// path, a proxy's route, a query) is the text's, not the token's.

// hookSegments returns the end of the n path segments of s that start at
// s[j:] (fewer when the path has fewer), each one byte or more of a URL's
// path, or 0 when there is none.
func hookSegments(s string, j, n int) int {
	end := 0
	for range n {
		e := pathSegmentEnd(s, j)
		if e == j {
			break
		}
		end = e
		if e >= len(s) || s[e] != '/' {
			break
		}
		j = e + 1
	}
	return end
}

// slackHookBody matches the path of a Slack webhook after
// "hooks.slack.com/": services/<team>/<bot>/<token>,
// workflows/<team>/<app>/<id>/<token> or triggers/<team>/<id>/<token>.
func slackHookBody(s string, j int) int {
	segments := 3
	switch {
	case strings.HasPrefix(s[j:], "services/"):
		j += len("services/")
	case strings.HasPrefix(s[j:], "workflows/"):
		j, segments = j+len("workflows/"), 4
	case strings.HasPrefix(s[j:], "triggers/"):
		j += len("triggers/")
	}
	return hookSegments(s, j, segments)
}

// twoSegmentHookBody matches the two segments of a webhook's path that
// follow its route: Discord's <id>/<token> after /api/webhooks/, Zapier's
// <account>/<hook> after /hooks/catch/ (and the '/' Zapier writes after
// them).
func twoSegmentHookBody(s string, j int) int {
	e := hookSegments(s, j, 2)
	if e > 0 && e < len(s) && s[e] == '/' && (e+1 == len(s) || !pathSegmentByte(s[e+1])) {
		e++
	}
	return e
}

// iftttHookBody matches the path of an IFTTT Maker webhook after
// "maker.ifttt.com/": use/<key>, or trigger/<event>/with/key/<key> (and
// …/json/with/key/<key>): up to the segment after key/.
func iftttHookBody(s string, j int) int {
	if strings.HasPrefix(s[j:], "use/") {
		return hookSegments(s, j, 2)
	}
	for k, n := j, 0; n < 6; n++ {
		e := pathSegmentEnd(s, k)
		if e == k || e >= len(s) || s[e] != '/' {
			break
		}
		if s[k:e] == "key" {
			return hookSegments(s, e+1, 1)
		}
		k = e + 1
	}
	return hookSegments(s, j, 2)
}

// paddedBase64Body matches the value of a connection string's
// AccountKey= or SharedAccessKey=: 40 bytes of standard base64 or more
// ('+', '/' and '=' also percent-encoded, as a URL's query writes them),
// ending after its padding. A '/' after the padding starts the next
// segment of a path.
func paddedBase64Body(s string, j int) int {
	k, n := j, 0
	for k < len(s) {
		if isB64Std(s[k]) {
			k++
		} else if esc := percentByte(s, k); esc == '+' || esc == '/' {
			k += 3
		} else {
			break
		}
		n++
	}
	if n < 40 {
		return 0
	}
	for pad := 0; pad < 2 && k < len(s); pad++ {
		if s[k] == '=' {
			k++
		} else if percentByte(s, k) == '=' {
			k += 3
		} else {
			break
		}
	}
	return k
}

// percentByte returns the byte that the percent-escape at s[k:] stands
// for, or 0 when s[k:] starts none.
func percentByte(s string, k int) byte {
	if k+2 >= len(s) || s[k] != '%' {
		return 0
	}
	hi, lo := hexNibble(s[k+1]), hexNibble(s[k+2])
	if hi < 0 || lo < 0 {
		return 0
	}
	return byte(hi<<4 | lo)
}

// hexNibble returns the value of the hex digit c, or -1.
func hexNibble(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return int(c|0x20-'a') + 10
	}
	return -1
}

// paddingFollows reports whether the text at s[i:] (after a '/') is the
// end of a padded base64 run: standard base64, then "=" or "==" not
// followed by a letter or digit. Such a '/' is inside a token (a key
// whose base64 holds a '/' near its end), not the start of a path's next
// segment.
func paddingFollows(s string, i int) bool {
	k := i
	for k < len(s) && isB64Std(s[k]) {
		k++
	}
	if k == i || k >= len(s) || s[k] != '=' {
		return false
	}
	if k++; k < len(s) && s[k] == '=' {
		k++
	}
	return k == len(s) || !isAlnum(s[k]) && s[k] != '='
}

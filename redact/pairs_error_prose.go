package redact

import "strings"

// clauseEndWords end an error's clause after the words that name what
// went wrong: "bearer scheme required", "kid \"k-7\" not found",
// "signing method unsupported".
var clauseEndWords = [...]string{
	"required", "found", "supported", "unsupported", "allowed", "expected", "missing", "invalid",
	"mismatch", "expired", "rejected", "disabled", "enabled", "denied", "malformed", "unknown",
	"unavailable", "exceeded", "failed", "empty", "needed", "given", "present", "absent",
}

// errorClauseAt reports whether s[vs:ve], the lower-case word after a
// term and ": ", opens an error's clause: up to six more words on its
// line, each lower-case or a short quoted name (a key id, a header's
// name), the last of them one of clauseEndWords ("auth: bearer scheme
// required", "jwt: kid \"a1b2\" not found"). A value of any other shape
// in the clause ("token: zq8vm2 for tenant 9") makes it no such clause.
func errorClauseAt(s string, vs, ve int) bool {
	if ve-vs < 2 || ve-vs > 16 || !lowerWord(s[vs:ve]) {
		return false
	}
	p := ve
	for range 6 {
		if p >= len(s) || s[p] != ' ' {
			return false
		}
		p++
		q := p
		switch {
		case q < len(s) && (s[q] == '"' || s[q] == '\''):
			c := strings.IndexByte(s[q+1:min(len(s), q+66)], s[q])
			if c < 1 || strings.ContainsAny(s[q+1:q+1+c], " \n\\") {
				return false
			}
			p = q + 1 + c + 1
			continue
		default:
			for p < len(s) && s[p] >= 'a' && s[p] <= 'z' {
				p++
			}
		}
		if p == q || p-q > 16 {
			return false
		}
		if isOneOf(s[q:p], clauseEndWords[:]) && (p == len(s) || strings.IndexByte(" .,;:)\n", s[p]) >= 0) {
			return true
		}
	}
	return false
}

// cookieAttributes are the attributes of a Set-Cookie header (RFC 6265
// and its successors): a cookie's settings, not its value.
var cookieAttributes = [...]string{"samesite", "httponly", "secure", "path", "domain", "max-age", "expires", "partitioned", "priority"}

// cookieAttribute reports whether v, the value after a key that names a
// cookie, is made of cookieAttributes only, bare or with their values,
// separated by ';' (SameSite=Lax, HttpOnly; Secure): the cookie's
// settings, not the cookie.
func cookieAttribute(key, v string) bool {
	if len(v) > 128 || !containsFold(key, "cookie") {
		return false
	}
	n := 0
	for part := range strings.SplitSeq(v, ";") {
		if part = strings.Trim(part, " ,"); part == "" {
			continue
		}
		attr, rest, _ := strings.Cut(part, " ") // SameSite=None then: prose after the last one
		name, _, _ := strings.Cut(attr, "=")
		if !isOneOf(name, cookieAttributes[:]) {
			return false
		}
		for w := range strings.FieldsSeq(rest) {
			if !lowerWord(w) {
				return false
			}
		}
		n++
	}
	return n > 0
}

// containsFold reports whether s holds sub in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// schemeCredentialsEnd returns the end of the credentials at s[k:end],
// the value of an Authorization header read up to end, when they are a
// scheme and one token followed by the next field of a list of pairs
// (HTTP_AUTHORIZATION=Bearer abc… path=/v1 status=200); else 0, and the
// header's value runs to end.
func schemeCredentialsEnd(s string, k, end int) int {
	w := k
	for w < end && isLetter(s[w]) {
		w++
	}
	if w == k || w >= end || s[w] != ' ' || !isAuthScheme(s[k:w]) {
		return 0
	}
	t := skipSpaces(s, w)
	te := t
	for te < end && isTokenChr(s[te]) {
		te++
	}
	if te == t || te >= end || s[te] != ' ' {
		return 0
	}
	n := skipSpaces(s, te)
	ne := n
	for ne < end && (isAlnum(s[ne]) || s[ne] == '_' || s[ne] == '-' || s[ne] == '.') {
		ne++
	}
	if ne == n || ne+1 >= end || s[ne] != '=' || s[ne+1] == '=' || s[ne+1] == ' ' {
		return 0
	}
	return te
}

// inURLUserinfo reports whether s[i] opens a URL's password or user
// name: right after "://" or after "://user:" (https://oauth2:glpat-…@…).
// A token read there ends at the '@' that opens the host.
func inURLUserinfo(s string, i int) bool {
	if i >= 3 && s[i-3:i] == "://" {
		return true
	}
	if i < 1 || s[i-1] != ':' {
		return false
	}
	b := i - 1
	for b > 0 && i-b < 64 && (isAlnum(s[b-1]) || strings.IndexByte("-._~%+", s[b-1]) >= 0) {
		b--
	}
	return b >= 3 && s[b-3:b] == "://"
}

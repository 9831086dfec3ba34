package redact

import "strings"

// loginPhrases open a sign-in that names its user and password together:
// "login with admin / S3cret!9", "logon ops/Xp7kq2Lm9". Each is a word of
// the term filter (Redactor's bloomAdd), so that prescan admits the text;
// "log in" and "signed in" are two common words each, which it does not.
var loginPhrases = [...]string{"login", "logon", "signin"}

// loginPairs masks the password of a "USER / PASSWORD" pair written right
// after a phrase of signing in (loginPhrases), optionally after ':' and
// "with", "as" or "using". The password must read as one (looksLikeCredential:
// eight bytes or more, with digits, inner capitals or symbols), so that
// "login with SSO / SAML", "login with username/password", "login
// admin/settings page" and a page's slug (ops/runbook-2024) are kept.
func (r *Redactor) loginPairs(s string, spans []span, note func(string)) []span {
	var fb foldBuf
	low := fb.lower(s)
	for _, ph := range loginPhrases {
		for from := 0; from < len(low); {
			k := strings.Index(low[from:], ph)
			if k < 0 {
				break
			}
			a := from + k
			e := a + len(ph)
			from = e
			if a > 0 && isAlnum(low[a-1]) || e < len(low) && isAlnum(low[e]) {
				continue // a word that holds the phrase: plugin, blogin
			}
			q := skipSpaces(s, e)
			if q < len(s) && s[q] == ':' {
				q = skipSpaces(s, q+1)
			}
			if ws, we := wordAt(s, q); we > ws {
				switch strings.ToLower(s[ws:we]) {
				case "with", "as", "using":
					q = skipSpaces(s, we)
				}
			}
			u := q
			for u < len(s) && u-q <= 64 && (isAlnum(s[u]) || strings.IndexByte("._@+-", s[u]) >= 0) {
				u++
			}
			if u == q || u-q > 64 {
				continue
			}
			p := skipSpaces(s, u)
			if p >= len(s) || s[p] != '/' {
				continue
			}
			vs, ve := wordAt(s, skipSpaces(s, p+1))
			if ve == vs || s[vs] == '/' {
				continue
			}
			if v := s[vs:ve]; looksLikeCredential(v) && !isCommonWord(v) && !lowerSlug(v) && !r.keepValue("password", v) {
				spans = append(spans, span{vs, ve})
				note(r.sqlRule)
				from = ve
			}
		}
	}
	return spans
}

// lowerSlug reports whether v is a name of lower-case letters and digits
// in parts joined by '-', '_' or '.' (runbook-2024, release_v2.1): a
// page's or a file's name rather than a password.
func lowerSlug(v string) bool {
	sep := false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= 'a' && c <= 'z' || isDigit(c):
		case c == '-' || c == '_' || c == '.':
			sep = true
		default:
			return false
		}
	}
	return sep
}

package redact

import "strings"

// curlrcLogins masks the password of a login that a configuration line
// gives under the name of curl's options user and proxy-user, as .curlrc
// (curl -K) writes them (curlrcLoginAt). The user is kept.
func (r *Redactor) curlrcLogins(s string, spans []span, note func(string)) []span {
	for ls := 0; ls < len(s); {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		vs, ve := curlrcLoginAt(s, skipSpaces(s, ls), le)
		ls = le + 1
		if ve > vs && !r.keepValue("user", s[vs:ve]) && !strings.HasPrefix(s[vs:ve], r.mask) {
			spans = append(spans, span{vs, ve})
			note(r.sqlRule)
		}
	}
	return spans
}

// curlrcLoginAt returns the span of the password on the line s[k:le]
// when the line opens (at s[k], its first byte after spaces) with the
// name of curl's option user or proxy-user (with or without its dashes),
// then spaces, '=' or ':', and a login, user:password, quoted or as the
// line's last word: user = "alice:…", user alice:…, proxy-user: bob:….
// A value that names a user and a group (user: "1000:1000", user =
// root:wheel, Kubernetes' user: system:serviceaccount:…) or variables
// (user: ${UID}:${GID}) holds none. Else it returns 0, 0.
func curlrcLoginAt(s string, k, le int) (int, int) {
	for n := 0; n < 2 && k < le && s[k] == '-'; n++ {
		k++
	}
	switch {
	case strings.HasPrefix(s[k:le], "user"):
		k += len("user")
	case strings.HasPrefix(s[k:le], "proxy-user"):
		k += len("proxy-user")
	default:
		return 0, 0
	}
	q := skipSpaces(s, k)
	if q < le && (s[q] == '=' || s[q] == ':') {
		q = skipSpaces(s, q+1)
	} else if q == k {
		return 0, 0 // username = …, users: …
	}
	if q >= le {
		return 0, 0
	}
	vs, ve := q, q
	if isQuote(s[q]) {
		vs = q + 1
		e := strings.IndexByte(s[vs:le], s[q])
		if e < 0 {
			return 0, 0
		}
		ve = vs + e
	} else {
		for ve < le && s[ve] > ' ' {
			ve++
		}
		if !lineEndAt(s, ve) {
			return 0, 0 // more words: prose ("user alice:admin logged in")
		}
	}
	c := strings.IndexByte(s[vs:ve], ':')
	if c <= 0 || vs+c+1 >= ve || !loginName(s[vs:vs+c]) || !curlrcPassword(s[vs:vs+c], s[vs+c+1:ve]) {
		return 0, 0
	}
	return vs + c + 1, ve
}

// curlrcUserAt reports whether the word "user" at s[start:] names curl's
// option on a line that gives it a login (prescan's test for
// curlrcLogins): after dashes and "proxy-" at most, at its line's start.
func curlrcUserAt(s string, start int) bool {
	a := start
	if a >= 6 && s[a-6:a] == "proxy-" {
		a -= 6
	}
	for n := 0; n < 2 && a > 0 && s[a-1] == '-'; n++ {
		a--
	}
	if !lineStartAt(s, a) {
		return false
	}
	le := strings.IndexByte(s[start:], '\n')
	if le < 0 {
		le = len(s)
	} else {
		le += start
	}
	vs, ve := curlrcLoginAt(s, a, le)
	return ve > vs
}

// loginName reports whether u may be a user's login name: letters,
// digits and . _ @ + -, up to 64 bytes.
func loginName(u string) bool {
	if len(u) > 64 {
		return false
	}
	for i := 0; i < len(u); i++ {
		if c := u[i]; !isAlnum(c) && strings.IndexByte("._@+-", c) < 0 {
			return false
		}
	}
	return true
}

// curlrcPassword reports whether pass, after user and a colon, may be a
// password rather than a group or a path of names: it is not the user
// again, not a number alone (1000:1000), not lower-case letters, '-',
// '_', '.' and ':' alone (root:wheel, system:serviceaccount:ns:sa), and
// no variable (${GID}).
func curlrcPassword(user, pass string) bool {
	if pass == user || pass[0] == '$' || strings.Trim(pass, "0123456789") == "" {
		return false
	}
	return strings.Trim(pass, "abcdefghijklmnopqrstuvwxyz-_.:") != ""
}

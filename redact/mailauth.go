package redact

import "strings"

// sendmailAuthInfo masks the password of each AuthInfo entry of
// sendmail's access database: AuthInfo:host "U:user" "I:authid"
// "P:password" (or "P=password", base64). The other fields (the user, the
// realm, the mechanisms) are kept.
func (r *Redactor) sendmailAuthInfo(s string, spans []span, note func(string)) []span {
	for i := 0; ; {
		j := strings.Index(s[i:], "AuthInfo")
		if j < 0 {
			return spans
		}
		k := i + j + len("AuthInfo")
		i = k
		le := strings.IndexByte(s[k:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += k
		}
		for q := k; q+3 < le; q++ {
			if !isQuote(s[q]) || s[q+1] != 'P' || s[q+2] != ':' && s[q+2] != '=' {
				continue
			}
			vs := q + 3
			ve := strings.IndexByte(s[vs:le], s[q])
			if ve <= 0 {
				break
			}
			ve += vs
			if !strings.HasPrefix(s[vs:ve], r.mask) {
				spans = append(spans, span{vs, ve})
				note(r.sqlRule)
			}
			q = ve
		}
		i = max(i, le)
	}
}

// saslPasswdAt returns the span of the password on a line of Postfix's
// sasl_passwd (smtp_sasl_password_maps) whose relay host in brackets
// ends at s[b], a ']': [smtp.example.net]:587 user@example.net:password,
// [relay.example.org] user:password. The '[' opens its line (after
// spaces or tabs); the host is a domain name or an address; a port (digits or a
// service's name) may follow the ']' after a colon; the user and the
// password follow after spaces, joined by the first colon, and the
// password runs to the line's end. Else it returns 0, 0.
func saslPasswdAt(s string, b int) (int, int) {
	o := b - 1
	for o >= 0 && b-o <= 255 && (isAlnum(s[o]) || s[o] == '.' || s[o] == '-' || s[o] == ':') {
		o--
	}
	if o < 0 || s[o] != '[' || !strings.ContainsAny(s[o+1:b], ".:") {
		return 0, 0 // a relay host is a domain name or an address: [worker] state:ready is no line of the map
	}
	for l := o - 1; l >= 0 && s[l] != '\n'; l-- {
		if s[l] != ' ' && s[l] != '\t' {
			return 0, 0 // a log line's [INFO], a list: not the line's start
		}
	}
	p := b + 1
	if p < len(s) && s[p] == ':' {
		q := p + 1
		for q < len(s) && isAlnum(s[q]) {
			q++
		}
		if q == p+1 {
			return 0, 0
		}
		p = q
	}
	us := p
	for us < len(s) && (s[us] == ' ' || s[us] == '\t') {
		us++
	}
	if us == p {
		return 0, 0
	}
	c := us
	for c < len(s) && s[c] > ' ' && s[c] != ':' {
		c++
	}
	if c == us || c+1 >= len(s) || s[c] != ':' || s[c+1] <= ' ' {
		return 0, 0
	}
	ve := c + 1
	for ve < len(s) && s[ve] != '\n' && s[ve] != '\r' {
		ve++
	}
	for ve > c+1 && (s[ve-1] == ' ' || s[ve-1] == '\t') {
		ve--
	}
	return c + 1, ve
}

// findSASLPasswd finds the password of each sasl_passwd line in s
// (saslPasswdAt).
func findSASLPasswd(s string, spans []span) []span {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return spans
		}
		b := i + j
		i = b + 1
		if vs, ve := saslPasswdAt(s, b); ve > vs {
			spans = append(spans, span{vs, ve})
			i = ve
		}
	}
}

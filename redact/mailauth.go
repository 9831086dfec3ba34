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

// saslBareLineAt returns the span of the password on a line of Postfix's
// sasl_passwd whose relay host is written without brackets and starts
// at s[a], the line's first byte after spaces or tabs:
// smtp.example.com user:password, mail.example.org:587
// alice@example.org:password, or a sender's address or domain as
// smtp_sender_dependent_authentication looks it up (@example.org
// user:password). The entry must say it is one: its login is an e-mail
// address, the relay's port is a mail port (25, 465, 587, 2525, smtp,
// submission, submissions, smtps) or the first field is a sender's, and
// then the password runs to the line's end; or the line holds those two
// fields alone and the relay's name holds smtp, mail or relay. A login
// that is a status word is none (smtp.example.net:587 state:up). Else it
// returns 0, 0.
func saslBareLineAt(s string, a int) (int, int) {
	h := a
	if h < len(s) && s[h] == '@' {
		h++
	}
	w := h
	for w < len(s) && (isAlnum(s[w]) || s[w] == '-' || s[w] == '_') {
		w++
	}
	if w == h || !isAlnum(s[h]) || w >= len(s) || s[w] != '.' && s[w] != '@' {
		return 0, 0 // the first word of a host, an address or a sender's domain, as prescan finds it
	}
	dots, at := 0, h > a
	for h < len(s) && h-a <= 255 && (isAlnum(s[h]) || s[h] == '.' || s[h] == '-' || s[h] == '_' || s[h] == '@') {
		switch s[h] {
		case '.':
			dots++
		case '@':
			at = true
		}
		h++
	}
	if dots == 0 || h == a || s[h-1] == '.' || h-a > 255 {
		return 0, 0 // a relay is a domain name: "ready user:…" is no line of the map
	}
	host := s[a:h]
	port := ""
	if h < len(s) && s[h] == ':' {
		q := h + 1
		for q < len(s) && isAlnum(s[q]) {
			q++
		}
		port, h = s[h+1:q], q
		if port == "" {
			return 0, 0
		}
	}
	us := h
	for us < len(s) && (s[us] == ' ' || s[us] == '\t') {
		us++
	}
	if us == h {
		return 0, 0
	}
	c, ue := us, us
	for ue < len(s) && s[ue] > ' ' && s[ue] < 0x7f {
		if s[ue] == ':' && c == us {
			c = ue
		}
		ue++
	}
	if c == us || c+1 >= ue || strings.HasPrefix(s[c+1:ue], "//") {
		return 0, 0 // no login before a colon, or a URL (https://…)
	}
	le := strings.IndexByte(s[ue:], '\n')
	if le < 0 {
		le = len(s)
	} else {
		le += ue
	}
	for le > ue && (s[le-1] == ' ' || s[le-1] == '\t' || s[le-1] == '\r') {
		le--
	}
	user := s[us:c]
	if saslStatusWords[strings.ToLower(user)] {
		return 0, 0 // smtp.example.net:587 status:sent
	}
	mailPort := false
	switch strings.ToLower(port) {
	case "25", "465", "587", "2525", "smtp", "submission", "submissions", "smtps":
		mailPort = true
	}
	if at || mailPort || strings.IndexByte(user, '@') > 0 {
		return c + 1, le // a password may hold spaces: the entry's value runs to the line's end
	}
	lower := strings.ToLower(host)
	if le > ue || !strings.Contains(lower, "smtp") && !strings.Contains(lower, "mail") && !strings.Contains(lower, "relay") {
		return 0, 0 // more words on the line, or a host that says no mail
	}
	return c + 1, ue
}

// saslStatusWords are the words before a colon that report a relay's
// state rather than log in to it: smtp.example.net state:up.
var saslStatusWords = map[string]bool{
	"status": true, "state": true, "result": true, "health": true, "error": true, "code": true,
	"ping": true, "latency": true, "time": true, "uptime": true, "version": true, "mode": true,
	"tls": true, "starttls": true, "type": true, "queue": true, "level": true, "port": true,
}

// saslBareLineStart reports whether s[a:] may start a sasl_passwd line
// of saslBareLineAt: a's line holds nothing before it but spaces or tabs.
func saslBareLineStart(s string, a int) bool {
	for l := a - 1; l >= 0 && s[l] != '\n'; l-- {
		if s[l] != ' ' && s[l] != '\t' {
			return false
		}
	}
	return true
}

// findSASLPasswd finds the password of each sasl_passwd line in s
// (saslPasswdAt, saslBareLineAt).
func findSASLPasswd(s string, spans []span) []span {
	for a := 0; a < len(s); {
		for a < len(s) && (s[a] == ' ' || s[a] == '\t') {
			a++
		}
		if vs, ve := saslBareLineAt(s, a); ve > vs {
			spans = append(spans, span{vs, ve})
		}
		nl := strings.IndexByte(s[a:], '\n')
		if nl < 0 {
			break
		}
		a += nl + 1
	}
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

// postfixTables reports whether v is a list of Postfix lookup tables
// held in files, as its *_maps parameters name them: hash:/etc/postfix/sasl_passwd,
// proxy:mysql:/etc/postfix/mysql-sasl.cf, lmdb:/a, texthash:/b (separated
// by commas or spaces). A table that holds its entries in the value
// (static:user:password, inline:{…}) is no such list.
func postfixTables(v string) bool {
	n := 0
	for item := range strings.FieldsFuncSeq(v, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' }) {
		for {
			t, rest, ok := strings.Cut(item, ":")
			if !ok || !postfixTableTypes[strings.ToLower(t)] {
				return false
			}
			item = rest
			if strings.HasPrefix(item, "/") {
				break
			}
		}
		n++
	}
	return n > 0
}

// postfixTableTypes are the types of Postfix's lookup tables that read a
// file named after the colon (or, for proxy, another table).
var postfixTableTypes = map[string]bool{
	"hash": true, "btree": true, "lmdb": true, "cdb": true, "dbm": true, "sdbm": true, "texthash": true,
	"proxy": true, "ldap": true, "mysql": true, "pgsql": true, "sqlite": true, "regexp": true, "pcre": true,
	"cidr": true, "memcache": true, "nis": true,
}

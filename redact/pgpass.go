package redact

import "strings"

// DetectPgpass masks the password of PostgreSQL password-file lines
// (~/.pgpass, PGPASSFILE): hostname:port:database:username:password, as a
// whole line ("db.internal:5432:orders:app:S3cret") or as a value inside
// text or quotes ("wrote localhost:5432:*:postgres:S3cret to ~/.pgpass").
// Fields may hold \: and \\ escapes, as the file allows. So that cache keys
// and colon-separated ids ("session:1234:user:alice:profile") are not taken
// for such lines, the host must look like one (localhost, a name with a dot,
// an IPv4 address, or *), or be a bare name before PostgreSQL's or
// PgBouncer's default port (postgres:5432:…); the port is 1 to 5 digits, or
// * after a host that looks like one (*:*:*:replicator:…,
// db.internal:*:…); the database does not start with a digit; the user
// holds a letter or is *.
var DetectPgpass = Detector{Name: "pgpass", find: findPgpass, need: hasColon, mark: markPort, min: 11}

// findPgpass finds the password field of each password-file line in s.
func findPgpass(s string, spans []span) []span {
	for i := 0; i+1 < len(s); i++ {
		if s[i] != ':' || !isDigit(s[i+1]) && (s[i+1] != '*' || i+2 >= len(s) || s[i+2] != ':') {
			continue
		}
		// s[i] may end a host: find the host's start, then read the port
		// and the three fields after it.
		hs := i
		for hs > 0 && isHostByte(s[hs-1]) {
			hs--
		}
		if hs > 0 && s[hs-1] == '\\' && (s[hs] == 'n' || s[hs] == 'r') { // s[i] is ':', so hs < i
			hs++ // a line break written as an escape: "…\nhost:5432:…"
		} else if hs > 0 && !pgpassBefore(s[hs-1]) {
			continue
		}
		host := s[hs:i]
		p := i + 1
		if s[p] == '*' {
			p++ // any port
		}
		for p < len(s) && isDigit(s[p]) {
			p++
		}
		port := s[i+1 : p]
		if len(port) > 5 || p >= len(s) || s[p] != ':' || !pgpassHost(host, port) {
			continue
		}
		// A line start lets the password run to the line's end (it may hold
		// spaces); inside text it ends at a space or a quote.
		whole := hs == 0 || s[hs-1] == '\n' || s[hs-1] == '\r'
		if p+1 >= len(s) || !pgpassDBStart(s[p+1]) {
			continue
		}
		db, e1 := pgpassField(s, p+1)
		if db == "" || e1 >= len(s) || s[e1] != ':' {
			continue
		}
		user, e2 := pgpassField(s, e1+1)
		if user == "" || e2 >= len(s) || s[e2] != ':' || !pgpassUser(user) {
			continue
		}
		vs, ve := e2+1, e2+1
		for ve < len(s) {
			c := s[ve]
			if c == '\\' && ve+1 < len(s) && (s[ve+1] == ':' || s[ve+1] == '\\') {
				ve += 2
				continue
			}
			if c == '\n' || c == '\r' || c == ':' || c == '\\' && ve+1 < len(s) && (s[ve+1] == 'n' || s[ve+1] == 'r') {
				break
			}
			if !whole && (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '`' || c == ',' || c == ';') {
				break
			}
			ve++
		}
		if ve < len(s) && s[ve] == ':' { // a sixth field: not a password-file line
			i = ve
			continue
		}
		for whole && ve > vs && (s[ve-1] == ' ' || s[ve-1] == '\t') {
			ve--
		}
		if ve > vs {
			spans = append(spans, span{vs, ve})
		}
		i = max(i, ve-1)
	}
	return spans
}

// pgpassDBStart reports whether c may start the database field of a
// password-file line: not a digit (so that times, 12:30:45, pass prescan's
// gate), not a separator. prescan tests it too.
func pgpassDBStart(c byte) bool {
	return isLetter(c) || c == '_' || c == '-' || c == '.' || c == '$' || c == '*' || c == '@' || c == '\\' || c >= 0x80
}

// isHostByte reports whether c may be part of a password file's host field.
func isHostByte(c byte) bool { return isAlnum(c) || c == '.' || c == '-' || c == '_' || c == '*' }

// pgpassBefore reports whether c may come right before a password-file
// line inside text: a line break, a space, a quote, '=' or an opening
// bracket.
func pgpassBefore(c byte) bool {
	switch c {
	case '\n', '\r', ' ', '\t', '"', '\'', '`', '=', '(', '[', '{', '>', ',', ';':
		return true
	}
	return false
}

// pgpassHost reports whether host, before port, is a password file's host
// field rather than the first word of a colon-separated id.
func pgpassHost(host, port string) bool {
	switch {
	case host == "" || host[0] == '.' || host[len(host)-1] == '.':
		return false
	case host == "*" || host == "localhost" || strings.IndexByte(host, '.') > 0:
		return true
	case port == "*":
		return false // a bare name before any port: too like a colon-separated id
	}
	return (port == "5432" || port == "6432") && isLetter(host[0]) // postgres:5432:…, pgbouncer:6432:…
}

// pgpassField returns the database or user field of a password-file line
// that starts at s[i], and the index of the byte that ends it: ':' when it
// is one, any other byte when the text is not such a line (a path, a
// sentence).
func pgpassField(s string, i int) (string, int) {
	j := i
	for j < len(s) {
		c := s[j]
		if c == '\\' && j+1 < len(s) && (s[j+1] == ':' || s[j+1] == '\\') {
			j += 2
			continue
		}
		if !isAlnum(c) && c != '_' && c != '-' && c != '.' && c != '$' && c != '*' && c != '@' && c < 0x80 {
			break
		}
		j++
	}
	return s[i:j], j
}

// pgpassUser reports whether a user field is one: '*' or a word with a
// letter (not a number, as the fourth part of a colon-separated id often is).
func pgpassUser(u string) bool {
	if u == "*" {
		return true
	}
	for i := 0; i < len(u); i++ {
		if isLetter(u[i]) {
			return true
		}
	}
	return false
}

package redact

import "strings"

// announcedSecret returns the span of a secret that a server prints when
// it makes one, after a sentence that names it and says so, or an empty
// span:
//
//	[Note] A temporary password is generated for root@localhost: …   (MySQL)
//	The generated password for the elastic built-in superuser is : …   (Elasticsearch)
//	Password for the [elastic] user successfully reset.⏎New value: …
//	…a password generated.⏎Please use the following password to proceed to installation:⏎⏎…   (Jenkins)
//
// The sentence runs from the start of the key's line at ka to the last
// colon on that line that a space or a line break follows, or on the next
// line when the key's own has none, and holds a word that says the
// secret was made or is shown (generated, temporary, initial, new, reset,
// random, following). The value is one word that ends its line, at most
// two line breaks after the colon, and looks like a credential; a colon
// after a word that names whom it is for (user:, account:, email:) is
// followed by a name, not by the secret.
func announcedSecret(s string, ka, b int) (int, int) {
	// The sentence starts at most 240 bytes before its colon, which comes
	// after ka: look no further back than that, so that a long line costs
	// each of its keys a bounded search, not one back to its start.
	lb := max(0, ka-241)
	ls := strings.LastIndexByte(s[lb:ka], '\n') + 1 + lb
	if ls == lb && lb > 0 {
		return 0, 0 // the line starts more than 240 bytes before ka
	}
	le := lineEnd(s, b)
	c := lastColon(s, b, le)
	if c < 0 && le < len(s) {
		c = lastColon(s, le+1, lineEnd(s, le+1))
	}
	if c < 0 || c-ls > 240 || !hasMakingWord(s[ls:c]) || namesWhom(s, c) {
		return 0, 0
	}
	v, breaks := c+1, 0
	for v < len(s) && (s[v] == ' ' || s[v] == '\t' || s[v] == '\r' || s[v] == '\n') {
		if s[v] == '\n' {
			breaks++
		}
		v++
	}
	if breaks > 2 || v == len(s) {
		return 0, 0
	}
	e := v
	for e < len(s) && s[e] != ' ' && s[e] != '\t' && s[e] != '\r' && s[e] != '\n' {
		e++
	}
	if t := skipBlanks(s, e); t < len(s) && s[t] != '\n' {
		return 0, 0 // more words: a sentence, not a secret
	}
	if w := s[v:e]; !looksLikeCredential(w) && !generatedShape(w) || strings.IndexByte(w, '@') > 0 && strings.IndexByte(w[strings.IndexByte(w, '@'):], '.') > 0 {
		return 0, 0 // an e-mail address: whom a reset link went to
	}
	if strings.Trim(s[v:e], "0123456789-:.TZ+") == "" {
		return 0, 0 // a time: rotation scheduled at: 2026-12-02T10:00:00Z
	}
	return v, e
}

// lastColon returns the index of the last colon in s[from:to] that a
// space, a tab or the end of the line follows, or -1 (not 10:02, not
// https://).
func lastColon(s string, from, to int) int {
	for c := to - 1; c >= from; c-- {
		if s[c] == ':' && (c+1 == to || s[c+1] == ' ' || s[c+1] == '\t' || s[c+1] == '\r') {
			return c
		}
	}
	return -1
}

// skipBlanks returns the index of the first byte at or after i that is
// not a space, a tab or a carriage return.
func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

// hasMakingWord reports whether the sentence s holds a word that says a
// secret was made or is shown.
func hasMakingWord(s string) bool {
	for i := 0; i < len(s); {
		for i < len(s) && !isLetter(s[i]) {
			i++
		}
		j := i
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		if j-i >= 3 && j-i <= 9 {
			var fb foldBuf
			switch fb.lower(s[i:j]) {
			case "generated", "temporary", "initial", "new", "reset", "random", "following":
				return true
			}
		}
		i = j
	}
	return false
}

// namesWhom reports whether the word before the colon at c names whom a
// secret is for, so that a name follows it (password reset for user:
// jdoe).
func namesWhom(s string, c int) bool {
	e := c
	for e > 0 && (s[e-1] == ' ' || s[e-1] == '\t') {
		e--
	}
	a := e
	for a > 0 && isLetter(s[a-1]) {
		a--
	}
	var fb foldBuf
	switch fb.lower(s[a:e]) {
	case "user", "username", "account", "login", "email", "mail", "to", "for", "by", "from", "name", "client", "host", "id":
		return true
	}
	return false
}

// generatedShape reports whether w has the shape of a generated password
// that looksLikeCredential does not know: eight to 128 printable ASCII
// bytes with a digit or a symbol among letters, any punctuation included
// (MySQL's temporary passwords hold ; , : ? < >).
func generatedShape(w string) bool {
	if len(w) < 8 || len(w) > 128 {
		return false
	}
	letters, others := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c <= ' ' || c >= 0x7f:
			return false
		case isLetter(c):
			letters++
		default:
			others++
		}
	}
	return letters > 0 && others > 0
}

// whomThenChange returns the values that prose gives a secret after whom
// it is for, up to three words after the "for" that ends at e: the old
// and the new value of "password for bob changed from OLD to NEW", the new
// one of "password for svc-ci was reset to NEW" and "token for the
// runner is now NEW". It returns nil when the text has no such shape.
func whomThenChange(s string, e int) [][2]int {
	q := e
	for n := 0; n < 4; n++ {
		q = skipSpaces(s, q)
		ws, we := wordAt(s, q)
		if we <= ws {
			return nil
		}
		if n > 0 {
			w := s[ws:we]
			if changeTo(s, w, we) {
				fs, fe, ts, te := changeValues(s, w, we)
				return [][2]int{{fs, fe}, {ts, te}}
			}
			var fb foldBuf
			switch fb.lower(w) {
			case "was", "is", "has", "now", "becomes", "became":
				if v := afterLinking(s, we); v < len(s) {
					vs, ve := valueOrWordAt(s, v)
					return [][2]int{{vs, ve}}
				}
				return nil
			}
		}
		if we < len(s) && s[we] != ' ' && s[we] != '\t' {
			return nil // a word that ends in punctuation ends the clause
		}
		q = we
	}
	return nil
}

// secretAsTerm returns the value that prose names a secret after: "use
// V as the password", "with 'V' as your token", "set V as the new
// password", where the term starts at ka. The look-back is bounded: a
// verb, the value, "as" and one determiner or adjective, each a word of
// at most 128 bytes. It returns an empty span otherwise.
func secretAsTerm(s string, ka int) (int, int) {
	k := ka
	wordBefore := func() (int, int) {
		e := k
		for e > 0 && s[e-1] == ' ' {
			e--
		}
		b := e
		for b > 0 && e-b < 128 && s[b-1] != ' ' && s[b-1] != '\t' && s[b-1] != '\n' {
			b--
		}
		k = b
		return b, e
	}
	ws, we := wordBefore()
	var fb foldBuf
	switch fb.lower(s[ws:we]) {
	case "the", "your", "a", "new", "my", "his", "her", "their", "its", "our", "initial", "temporary":
		ws, we = wordBefore()
	}
	if !strings.EqualFold(s[ws:we], "as") {
		return 0, 0
	}
	var vs, ve int
	if e := k - 1; e > 0 && s[e] == ' ' && isQuote(s[e-1]) { // 'two words' as your password
		q := strings.LastIndexByte(s[max(0, e-130):e-1], s[e-1])
		if q < 0 {
			return 0, 0
		}
		q += max(0, e-130)
		vs, ve, k = q+1, e-1, q
		if ve <= vs {
			return 0, 0
		}
	} else if vs, ve = wordBefore(); ve-vs < 4 || !looksLikeCredential(s[vs:ve]) {
		return 0, 0
	}
	ms, me := wordBefore()
	switch fb.lower(s[ms:me]) {
	case "use", "using", "used", "with", "set", "choose", "chose", "chosen", "enter", "entered", "pick", "picked", "type", "typed", "keep", "configure", "configured":
		return vs, ve
	}
	return 0, 0
}

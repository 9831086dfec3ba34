package redact

import "strings"

// netrcPasswordAt reports whether the word "password" at s[a:] is the
// password token of a .netrc entry written on one line: "machine HOST
// login USER password …", "default login USER password …". The entry's
// tokens are lower-case words, each followed by its value; the value after
// "password" is the secret whatever its shape (a short or plain password
// is still one), where in prose a word after "password" is masked only
// when it reads as a value.
func netrcPasswordAt(s string, a int) bool {
	// Walk back over the entry's "token value" pairs on the same line,
	// up to the "machine HOST" or "default" that opens it.
	for i, pairs := a, 0; pairs < 4; pairs++ {
		vs, ve, ok := prevWord(s, i)
		if !ok {
			return false
		}
		if s[vs:ve] == "default" {
			return pairs > 0 // default login USER password …
		}
		ts, te, ok := prevWord(s, vs)
		if !ok {
			return false
		}
		switch s[ts:te] {
		case "machine":
			return hostLike(s[vs:ve]) // machine learning login page…: prose

		case "login", "account", "port":
			i = ts
		default:
			return false
		}
	}
	return false
}

// hostLike reports whether w may name a .netrc entry's machine: a host
// name with a dot or a digit, an address, or localhost.
func hostLike(w string) bool {
	return w == "localhost" || strings.ContainsAny(w, ".:0123456789")
}

// prevWord returns the word that ends, after spaces or tabs, right before
// s[i], on the same line, and false when there is none.
func prevWord(s string, i int) (int, int, bool) {
	e := i
	for e > 0 && (s[e-1] == ' ' || s[e-1] == '\t') {
		e--
	}
	if e == i || e == 0 || s[e-1] == '\n' || s[e-1] == '\r' {
		return 0, 0, false
	}
	b := e
	for b > 0 && s[b-1] != ' ' && s[b-1] != '\t' && s[b-1] != '\n' && s[b-1] != '\r' {
		b--
	}
	return b, e, true
}

// saslDialogResponses returns the spans of a client's SASL responses sent
// on lines of their own after an AUTH command that names a mechanism and
// nothing more, the line of that command ending at e: SMTP's AUTH LOGIN
// answers the server's "334 UGFzc3dvcmQ6" (base64 of "Password:") with
// the password in base64, AUTH PLAIN answers "334" with the credentials.
// A response is a line that is base64 alone after a 334 challenge or
// after "C: " (not a line of text that follows the command); the one
// that answers the prompt for a user name (334 VXNlcm5hbWU6) is kept. The
// dialog ends at the server's final reply (2xx, 5xx) or after a few lines.
func saslDialogResponses(s string, e int) [][2]int {
	var out [][2]int
	userPrompt, challenged := false, false
	line := e
	for n := 0; n < 8; n++ {
		nl := strings.IndexByte(s[line:], '\n')
		if nl < 0 {
			break
		}
		ls := line + nl + 1
		le := ls
		for le < len(s) && s[le] != '\n' && s[le] != '\r' {
			le++
		}
		line = le
		l := s[ls:le]
		client := false
		switch {
		case strings.HasPrefix(l, "S: "):
			l = l[3:]
		case strings.HasPrefix(l, "C: "):
			ls += 3
			l = l[3:]
			client = true
		}
		if len(l) >= 3 && isDigit(l[0]) && isDigit(l[1]) && isDigit(l[2]) && (len(l) == 3 || l[3] == ' ' || l[3] == '-') {
			if l[0] != '3' {
				break // the server's final reply: the dialog is over
			}
			challenged = true
			p := strings.TrimSpace(l[3:])
			userPrompt = p == "VXNlcm5hbWU6" || p == "dXNlcm5hbWU6" // "Username:", "username:"
			continue
		}
		if len(l) >= 4 && isBase64Word(l) && (challenged || client) {
			if !userPrompt {
				out = append(out, [2]int{ls, le})
			}
			userPrompt = false
			continue
		}
		if l != "" && l != "*" {
			break // other text: not this dialog
		}
	}
	return out
}

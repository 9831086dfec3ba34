package redact

import "strings"

// curlBundleFirst are the letters of curl's short flags that take no
// argument, which may open a bundle of short flags (-sSfu bob:…).
const curlBundleFirst = "aBfgGIijJklLMnNOpqRsSvVZ"

// curlBundleAt reports whether the word s[start:end], after a '-' that
// opens a word, is a bundle of curl's short flags that ends in -u, -U or
// -b (the rest of the word may be the flag's value): prescan's test,
// which curlBundles refines.
func curlBundleAt(s string, start, end int) bool {
	if start >= 2 && s[start-2] != ' ' && s[start-2] != '\t' && !isQuote(s[start-2]) {
		return false
	}
	f := start
	for f < end && strings.IndexByte(curlBundleFirst, s[f]) >= 0 {
		f++
	}
	return f > start && f < end && (s[f] == 'u' || s[f] == 'U' || s[f] == 'b')
}

// curlBundles masks the value of curl's -u, -U (a user and a password
// joined by a colon) and -b (cookies written out, name=value) when the
// flag ends a bundle of short flags that take no argument: curl -su
// bob:…, -sSfU proxy:…, -kb 'sid=…'; the value is the next word, or the
// rest of the bundle's word (-subob:…, as curl reads it). A single flag
// is findUserFlag's, userPasswordFlag's and cookieFlag's.
func (r *Redactor) curlBundles(s string, spans []span, note func(string)) []span {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '-')
		if j < 0 {
			return spans
		}
		k := i + j
		i = k + 1
		quoted := argvElement(s, k) // ["curl", "-su", "bob:…"]
		if k > 0 && s[k-1] != ' ' && s[k-1] != '\t' && !quoted {
			continue
		}
		f := k + 1
		for f < len(s) && strings.IndexByte(curlBundleFirst, s[f]) >= 0 {
			f++
		}
		if f == k+1 || f >= len(s) || s[f] != 'u' && s[f] != 'U' && s[f] != 'b' {
			continue
		}
		vs := f + 1
		switch {
		case quoted && vs < len(s) && s[vs] == s[k-1]:
			if vs = argvNext(s, vs); vs < 0 {
				continue
			}
		case vs < len(s) && (s[vs] == ' ' || s[vs] == '\t'):
			vs = skipSpaces(s, vs)
			vs += continuationLen(s, vs) // curl -su \⏎  bob:…
		case vs >= len(s) || !isAlnum(s[vs]) && !isQuote(s[vs]):
			continue
		}
		if vs >= len(s) {
			continue
		}
		ve := -1
		if isQuote(s[vs]) {
			if qs, qe := valueAt(s, vs); qe+1 >= len(s) || s[qe+1] == ' ' || s[qe+1] == '\t' || s[qe+1] == '\n' || quoted {
				vs, ve = qs, qe
			}
		}
		if ve < 0 { // a word, quoted in part or not at all: "$USER":S3cret
			ve = vs
			for ve < len(s) && s[ve] != ' ' && s[ve] != '\t' && s[ve] != '\n' && !(quoted && s[ve] == s[k-1]) {
				ve++
			}
		}
		if v := s[vs:ve]; r.curlFlagSecret(s[f], v) {
			spans = append(spans, span{vs, ve})
			note("credentials")
			i = max(i, ve)
		}
	}
}

// curlFlagSecret reports whether v, the value of curl's flag -u, -U or
// -b (flag), holds a secret: user:password (not a user alone, which
// makes curl prompt, nor a URL), or name=value cookies (not a file's
// name).
func (r *Redactor) curlFlagSecret(flag byte, v string) bool {
	if v == "" || v[0] == '-' || strings.Contains(v, r.mask) {
		return false
	}
	if flag == 'b' {
		e := strings.IndexByte(v, '=')
		return e > 0 && e+1 < len(v)
	}
	c := strings.IndexByte(v, ':')
	return c > 0 && c+1 < len(v) && !strings.Contains(v, "://") && !idPair(v)
}

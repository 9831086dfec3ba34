package redact

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The prefilter's loop as first written, word by word with every test in
// turn: prescan must return what this returns (TestPrescanMatchesReference,
// FuzzPrescanMatchesReference), however its loop is arranged for speed.

// prescanReference is prescan with the loop below.
func (r *Redactor) prescanReference(s string) prescanned {
	var w prescanWords
	r.wordsReference(s, &w)
	return r.prescanEnd(s, &w)
}

// wordsReference is prescan's loop as it was first written over the words of s, each read byte by byte.
func (r *Redactor) wordsReference(s string, w *prescanWords) {
	for i := 0; ; {
		var e uint64
		for ; i < len(s); i++ { // between words
			e = preTable[s[i]]
			if e&preAlnum != 0 {
				break
			}
			w.acc |= e
		}
		if i == len(s) {
			break
		}
		start := i
		var rest uint64            // the bits of the word's bytes after its first
		for i++; i < len(s); i++ { // a word
			e := preTable[s[i]]
			if e&preAlnum == 0 {
				break
			}
			rest |= e
		}
		w.acc |= rest | e
		r.atWordReference(s, start, i, e, rest, w)
	}
}

// atWordReference records in w what the word s[start:end] may start or be: first
// holds the preTable bits of its first byte (or of all its bytes), rest
// those of the others (preUpper and preZ are read from it).
func (r *Redactor) atWordReference(s string, start, end int, first, rest uint64, w *prescanWords) {
	st := &w.st
	if start > 0 {
		st.marks |= markFirst[s[start-1]] & markSecond[s[start]]
	}
	// findPrefixTokens' own test of the first two bytes; findTokens
	// looks no closer to the end.
	if !st.tokens && start+10 <= len(s) {
		if start == 0 || s[start-1] != '_' {
			if n := uint16(s[start])<<8 | uint16(s[start+1]); tokenStarts[n>>6]&(1<<(n&63)) != 0 {
				st.tokens = tokenMayStart(s, start)
			}
		} else {
			st.tokens = keyedNameAfterUnder(s, start)
		}
	}
	if start > 0 && urlWordFirst[s[start-1]] != 0 && !st.tokens {
		st.tokens = urlTokenMayStart(s, start) // after '/', '?', …: most words are not, most there fail its first test
	}
	n := end - start
	word := rest | first
	if word&uint64(digitMark) != 0 {
		if n >= 32 { // keyedToken asks for a digit in these
			st.marks |= keyedWord(s, start, end)
		}
		w.digitWords += n // the digits are counted at the end, if there can be 9
		if word&preLetter == 0 && end+1 < len(s) && s[end] == ':' && start > 0 && s[start-1] == ':' && pgpassDBStart(s[end+1]) {
			st.marks |= markPort // host:5432:db:…
		}
	}
	if end < len(s) && s[end] == ']' {
		if vs, ve := saslPasswdAt(s, end); ve > vs {
			st.marks |= markSASL // [smtp.example.net]:587 user:…
		}
		if !st.termWord && iniKeySectionAt(s, start, end) {
			st.termWord = true // [api]⏎value = … (iniSections)
		}
	}
	if end < len(s) && (s[end] == '.' || s[end] == '@' || s[end] == '-' || s[end] == '_') && (start == 0 || s[start-1] == '@' || s[start-1] <= ' ') {
		a := start
		if a > 0 && s[a-1] == '@' {
			a-- // @example.org user:…, a sender's domain
		}
		if saslBareLineStart(s, a) {
			if vs, ve := saslBareLineAt(s, a); ve > vs {
				st.marks |= markSASL // smtp.example.net user:… (a sasl_passwd line without brackets)
			}
		}
	}
	if start > 0 && s[start-1] == '-' && curlBundleAt(s, start, end) {
		st.marks |= markCurlBundle // curl -su bob:…
	}
	if start > 2 && s[start-1] == ':' && s[start-2] == '*' && s[start-3] == ':' {
		st.marks |= markPort // host:*:db:…, *:*:*:user:… (any port)
	}
	if end < len(s) {
		st.marks |= markFirst[s[end-1]] & markSecond[s[end]]
		if authSchemeLen>>min(n, 63)&1 != 0 && s[end] == ' ' && authSchemeFirst[s[start]] && isAuthScheme(s[start:end]) {
			st.flags |= hasAuthHint
		}
	}
	if n >= 8 && rest&preUpper != 0 && st.marks&markB64Pair == 0 {
		if ls, le := base64LoginAt(s, start, end); le > ls {
			st.marks |= markB64Pair // base64 of a login (findBase64Logins)
		}
	}
	if word&preLetter != 0 {
		if rest&preUpper != 0 { // may have camelCase pieces
			w.zUpper = w.zUpper || rest&preZ != 0 // "AzSe" after its first byte
			st.termWord = st.termWord || r.mayBeKey(s[start:end])
		} else if !st.termWord {
			st.termWord = r.termWordAt(s, start, end)
		}
		if !st.termWord && start >= 1 && (s[start-1] == '-' || s[start-1] == '_' && cgiHeaderAt(s, start)) && slices.ContainsFunc([]string{"session", "sess", "refresh", "access", "sid"}, func(w string) bool { return strings.EqualFold(s[start:end], w) }) {
			st.termWord = true // X-Session: …, HTTP_X_SESSION=… (a custom header's last word)
		}
		if !st.termWord && n == 5 && start >= 5 && s[start-1] == '-' && strings.EqualFold(s[start-5:end], "http-basic") {
			st.termWord = true // composer config http-basic.HOST USER PASSWORD (composerAuthSettings)
		}
		if !st.termWord && n == 4 && s[start] == 'u' && s[start:end] == "user" && curlrcUserAt(s, start) {
			st.termWord = true // .curlrc: user = "alice:…" (curlrcLogins)
		}
	}
}

// prescanMismatches collects, while the tests of the package run, the
// strings on which prescan and prescanReference differ (TestMain reports
// them): every string the tests redact is compared (checkPrefilter).
var (
	prescanMismatchMu sync.Mutex
	prescanMismatches []string
)

func init() {
	prescanVerify = func(r *Redactor, s string) {
		if got, want := r.prescan(s), r.prescanReference(s); got != want {
			prescanMismatchMu.Lock()
			defer prescanMismatchMu.Unlock()
			if len(prescanMismatches) < 64 {
				prescanMismatches = append(prescanMismatches, fmt.Sprintf("%q: got %+v, want %+v", s, got, want))
			}
		}
	}
}

// prescanAlphabet holds the pieces random text for the comparison is made
// of: every byte some test of prescan's loop reads around a word, words of
// terms, auth schemes and catalog prefixes, and bytes outside ASCII.
var prescanAlphabet = []string{
	"a", "b", "e", "k", "m", "o", "u", "z", "A", "B", "D", "G", "K", "P", "Q", "S", "T", "U", "Z", "J",
	"0", "1", "3", "7", "9", " ", " ", " ", "-", "-", "_", ":", ".", "/", "?", "&", "#", ";", "=", "@",
	"%", "%3D", "%20", "\\", "\\n", "\\u0022", "\"", "'", "[", "]", "(", ")", "{", "}", "$", "+", "~", "|",
	"*", "\t", "\n", "\x00", "\x01", "é", "\xff", "password", "Password", "token", "secret", "key",
	"apikey", "pgpassword", "pass1", "Bearer ", "Basic ", "Digest ", "token ", "ghp_", "sk_live_",
	"AKIA", "xoxb-", "glpat-", "_gitlab_session=", "eyJ", "T3BlbkFJ", "AzSe", "Q~", "curl -su ",
	"-p ", "-Dpassword=", ":5432:", ":*:", "[smtp.example.net]:587", "::add-mask::", "sig=", "X-Amz-Signature=",
	"dXNlcjpwYXNzd29yZA", "hunter2", "4bf92f3577b34da6a3ce929d0e0e4736", "1234567890123",
}

// randomPrescanText returns text of up to n pieces of prescanAlphabet.
func randomPrescanText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range rng.IntN(n + 1) {
		b.WriteString(prescanAlphabet[rng.IntN(len(prescanAlphabet))])
	}
	return b.String()
}

// TestPrescanMatchesReference compares prescan with the loop as first
// written on random text of the pieces its tests read, for the narrowest
// and the widest set of rules.
func TestPrescanMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 23))
	for _, rules := range [][]Rule{{Credentials}, {Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo}} {
		r := Must(rules...)
		for range 20000 {
			s := randomPrescanText(rng, 24)
			if got, want := r.prescan(s), r.prescanReference(s); got != want {
				t.Fatalf("prescan(%q) = %+v, want %+v", s, got, want)
			}
		}
	}
}

// FuzzPrescanMatchesReference: prescan returns what the loop as first
// written returns, for any text.
func FuzzPrescanMatchesReference(f *testing.F) {
	for _, s := range cleanSamples {
		f.Add(s, false)
	}
	for _, s := range prescanAlphabet {
		f.Add("see "+s+" here", true)
	}
	rules := [][]Rule{{Credentials}, {Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo}}
	rs := []*Redactor{Must(rules[0]...), Must(rules[1]...)}
	f.Fuzz(func(t *testing.T, s string, all bool) {
		r := rs[0]
		if all {
			r = rs[1]
		}
		if got, want := r.prescan(s), r.prescanReference(s); got != want {
			t.Fatalf("prescan(%q) = %+v, want %+v", s, got, want)
		}
	})
}

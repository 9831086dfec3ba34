package redact

import (
	"encoding/binary"
	"math/bits"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unsafe"
)

// The prefilter. Most strings a program logs hold nothing to mask, and
// many of those are new on every record (ids, paths, numbers in messages),
// so no cache answers for them: each is scanned. prescan reads such a
// string once and says which parts of the redactor can match in it at all:
//
//   - the flags of interesting bytes (scanFlags) that gate each detector;
//   - whether a word starts with the first three or four bytes of a
//     catalog token's prefix (tokenMayStart, from tables built from the
//     catalog), without which DetectTokens' prefix search finds nothing;
//   - which pairs of bytes of the marker formats it holds (markFirst,
//     markSecond), without which their searches find nothing;
//   - whether a word of the string may be a word of a term (mayBeKey over
//     the whole string), without which no key-value pair, prose or flag
//     form names a secret.
//
// Only the parts that can match run. The filter never decides on its own
// that something is clean: it only skips searches that cannot find
// anything, so it must over-approximate them. The tests of this package
// check that on every string they redact (verifyPrefilter): the spans
// found with the filter equal those found without it.

// prescanned is what prescan learned about a string.
type prescanned struct {
	flags    scanFlags
	tokens   bool   // a word may start a catalog token
	termWord bool   // a word may be the last word of a term
	marks    uint32 // the marker pairs the string holds (markFirst)
	garbled  bool   // a control byte or a character outside ASCII: unmangle may change it
	encJSON  bool   // an 'e' and a 'J' or an 'A': the string may hold base64 JSON ("eyJ", "eyAi")
}

// gramSet is a bit set of the first three or four bytes of catalog
// prefixes, as a number (s[i]<<16 | s[i+1]<<8 | s[i+2], or with s[i+3]
// after them), hashed into gramBits bits: with a few hundred prefixes,
// under 1 % of other starts pass.
type gramSet [1 << gramBits / 64]uint64

const gramBits = 16

func (g *gramSet) add(v uint32) {
	h := v * 0x9E3779B1 >> (32 - gramBits)
	g[h>>6] |= 1 << (h & 63)
}

func (g *gramSet) has(v uint32) bool {
	h := v * 0x9E3779B1 >> (32 - gramBits)
	return g[h>>6]&(1<<(h&63)) != 0
}

// The catalog's prefixes for the prefilter: tokenQuad holds the first four
// bytes of prefixes of four bytes or more, tokenTri the prefixes of three;
// a prefix of two is looked up exactly, in tokenPairAny when a shape
// function reads its body (any third byte), else in tokenPairBody, with
// the third byte in the class of some such body (tokenPairClass). A prefix
// that matches in any case is added in each of its case spellings. Every
// prefix has two bytes or more (findTokens' index reads two).
var (
	tokenTri, tokenQuad         gramSet
	tokenHeads                  gramSet // the first three bytes of every prefix of three bytes or more, as matched (all of tokenTri's, and tokenQuad's and longQuad's heads)
	tokenPairAny, tokenPairBody [1 << 16 / 64]uint64
	tokenPairs                  [1 << 16 / 64]uint64 // tokenPairAny and tokenPairBody together
	tokenPairClass              uint8
	tokenFirst                  [256]bool                // the first bytes of the prefixes, folded with |0x20
	tokenStarts                 [1 << 16 / 64]uint64     // the first two bytes of the prefixes, in any case: tokenSecond unfolded
	wordOrUnder                 = func() (t [256]bool) { // what findTokens takes for the inside of a word
		for c := range 256 {
			t[c] = charClass[c]&(cAlnum|cUnder) != 0
		}
		return t
	}()
)

func init() {
	for _, f := range tokenFormats {
		// Every two bytes findPrefixTokens' test (tokenSecond) lets
		// through: those that fold to the prefix's first two with |0x20.
		c0, c1 := f.prefix[0]|0x20, f.prefix[1]|0x20
		for _, b0 := range [...]byte{c0, c0 &^ 0x20} {
			for _, b1 := range [...]byte{c1, c1 &^ 0x20} {
				if b0|0x20 == c0 && b1|0x20 == c1 {
					n := uint16(b0)<<8 | uint16(b1)
					tokenStarts[n>>6] |= 1 << (n & 63)
				}
			}
		}
		tokenFirst[f.prefix[0]|0x20] = true // every format has a prefix of two bytes or more
		if f.inURL {
			continue // admitted by urlTokenMayStart, not by its grams
		}
		if f.fold && len(f.prefix) > 4 && isLetters(f.prefix) {
			// A vendor's name (cloudflare, sourcegraph): its first four
			// bytes start common words (cloud, source), so it is admitted
			// only when it is all there (longPrefixAt).
			q := foldQuad(f.prefix)
			longQuad.add(q)
			for _, h := range caseSpellings(f.prefix[:3]) {
				tokenHeads.add(uint32(h[0])<<16 | uint32(h[1])<<8 | uint32(h[2]))
			}
			longPrefixes[q] = append(longPrefixes[q], f.prefix)
			continue
		}
		head := f.prefix[:min(len(f.prefix), 4)]
		spellings := []string{head}
		if f.fold {
			spellings = caseSpellings(head)
		}
		for _, p := range spellings {
			switch len(p) {
			case 4:
				tokenQuad.add(uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3]))
				tokenHeads.add(uint32(p[0])<<16 | uint32(p[1])<<8 | uint32(p[2]))
			case 3:
				tokenTri.add(uint32(p[0])<<16 | uint32(p[1])<<8 | uint32(p[2]))
				tokenHeads.add(uint32(p[0])<<16 | uint32(p[1])<<8 | uint32(p[2]))
			case 2:
				n := uint16(p[0])<<8 | uint16(p[1])
				tokenPairs[n>>6] |= 1 << (n & 63)
				if f.shape != nil {
					tokenPairAny[n>>6] |= 1 << (n & 63)
				} else {
					tokenPairBody[n>>6] |= 1 << (n & 63)
					tokenPairClass |= f.body
				}
			}
		}
	}
}

// caseSpellings returns every spelling of s in upper and lower case.
func caseSpellings(s string) []string {
	out := []string{""}
	for i := 0; i < len(s); i++ {
		c := s[i]
		var next []string
		for _, o := range out {
			next = append(next, o+string(c))
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				next = append(next, o+string(c^0x20))
			}
		}
		out = next
	}
	return out
}

// tokenMayStart reports whether a catalog prefix may start at s[i], i+3 < len(s).
func tokenMayStart(s string, i int) bool {
	n := uint16(s[i])<<8 | uint16(s[i+1])
	if tokenPairAny[n>>6]&(1<<(n&63)) != 0 || tokenPairBody[n>>6]&(1<<(n&63)) != 0 && charClass[s[i+2]]&tokenPairClass != 0 {
		return true
	}
	v3 := uint32(n)<<8 | uint32(s[i+2])
	if !tokenHeads.has(v3) {
		return false
	}
	if tokenTri.has(v3) || tokenQuad.has(v3<<8|uint32(s[i+3])) {
		return true
	}
	q := foldQuad(s[i : i+4])
	return longQuad.has(q) && longPrefixAt(s, i, q)
}

// longQuad holds the first four bytes, folded with |0x20, of the prefixes
// of longPrefixes: those of more than four lower-case letters that match in any case
// (a vendor's name as a key), listed by those four bytes.
var (
	longQuad     gramSet
	longPrefixes = map[uint32][]string{}
)

// longPrefixAt reports whether one of the long prefixes whose first four
// bytes fold to q starts at s[i], in any case.
func longPrefixAt(s string, i int, q uint32) bool {
	for _, p := range longPrefixes[q] {
		if len(s)-i >= len(p) && strings.EqualFold(s[i:i+len(p)], p) {
			return true
		}
	}
	return false
}

// keyedQuad holds the first four bytes, folded with |0x20, of the
// vendors' names as keys (keyedFormats): after '_' only those start a
// token (TF_VAR_cloudflare), and prescan admits them there by the whole
// name.
var keyedQuad = func() (g gramSet) {
	for _, f := range tokenFormats {
		if f.keyed {
			g.add(foldQuad(f.prefix))
		}
	}
	return g
}()

// keyedNameAfterUnder reports whether a vendor's name as a key starts at
// s[i], in any case, i+4 <= len(s).
func keyedNameAfterUnder(s string, i int) bool {
	q := foldQuad(s[i : i+4])
	if !keyedQuad.has(q) {
		return false
	}
	for _, n := range keyedNames[q] {
		if len(s)-i >= len(n.word) && strings.EqualFold(s[i:i+len(n.word)], n.word) {
			return true
		}
	}
	return false
}

// foldQuad returns the first four bytes of s, each folded with |0x20.
func foldQuad(s string) uint32 {
	return uint32(s[0]|0x20)<<24 | uint32(s[1]|0x20)<<16 | uint32(s[2]|0x20)<<8 | uint32(s[3]|0x20)
}

// preBits are the classes of a byte that prescan reads from preTable: its
// scanFlags in the low 16 bits (digitMark included), and:
const (
	preAlnum  = 1 << 16 // an ASCII letter or digit: inside a word
	preUpper  = 1 << 17 // an upper-case ASCII letter
	preLetter = 1 << 18 // an ASCII letter
	preT      = 1 << 19 // 'T', for the marker "T3"
	preTok    = 1 << 20 // the first byte of a catalog prefix that starts outside a word ("_gitlab_session=")
	preHigh   = 1 << 21 // a byte of a character outside ASCII
	preZ      = 1 << 22 // 'z', for the signature "AzSe"
	preJ      = 1 << 24 // 'J', for base64 JSON ("eyJ…"; "eyAi…" has an 'A')
)

var preTable = func() (t [256]uint64) {
	for c := range 256 {
		t[c] = uint64(byteFlags[c])
		if isAlnum(byte(c)) {
			t[c] |= preAlnum
		}
		if c >= 'A' && c <= 'Z' {
			t[c] |= preUpper
		}
		if (c|0x20) >= 'a' && (c|0x20) <= 'z' {
			t[c] |= preLetter
		}
	}
	t['T'] |= preT
	t['z'] |= preZ
	t['J'] |= preJ
	for c := 0x80; c < 0x100; c++ {
		t[c] |= preHigh
	}
	for c := range 0x80 {
		if garbleControl(byte(c)) {
			t[c] |= preGarble
		}
	}
	for _, f := range tokenFormats {
		if c := f.prefix[0]; !isAlnum(c) {
			if c != '_' {
				panic("redact: a catalog prefix starts with " + string(c) + ": tokenStartsOutsideWords looks for '_' only")
			}
			t[c] |= preTok
		}
	}
	return t
}()

// prescan reads s once and returns its flags, whether a catalog token or
// a term word may start in it, and the marker pairs it holds. The loop
// does little per byte: at the end of a word, tables say whether the word
// may start a catalog token, be a term word (a hash of the word's length
// and first and last eight bytes, read whole: termWordAt), end with a
// compound term or be an auth scheme, and the few words that may are
// tested in full there.
func (r *Redactor) prescan(s string) prescanned {
	var w prescanWords
	r.words(s, &w)
	return r.prescanEnd(s, &w)
}

// prescanWords is what prescan learns from the bytes and words of a
// string, before its final tests (prescanEnd).
type prescanWords struct {
	acc        uint64 // every byte's preTable bits
	digitWords int    // the bytes of the words that hold a digit: with fewer than 9, there are not 9 digits
	zUpper     bool   // a word holds 'z' and an upper-case letter after its first byte
	st         prescanState
}

// words is prescan's loop over the words of s, each read byte by byte. At
// the end of a word it makes the tests every word needs (a catalog
// prefix, a term word) and leaves those that depend on the bytes around
// the word to one lookup of those bytes (edgeBefore, edgeAfter): most
// words of text start after a space or a '/', end before one, and are
// letters alone, and for them the other tests cannot pass. The loop must
// return what the loop as first written returns (prescan_reference_test.go).
func (r *Redactor) words(s string, w *prescanWords) {
	var acc uint64
	st := w.st
	size := uint(len(s))
	for i := uint(0); ; {
		var first uint64
		for ; i < size; i++ { // between words
			first = preTable[s[i]]
			if first&preAlnum != 0 {
				break
			}
			acc |= first
		}
		if i >= size {
			break
		}
		start := i
		var rest uint64          // the bits of the word's bytes after its first
		for i++; i < size; i++ { // a word
			e := preTable[s[i]]
			if e&preAlnum == 0 {
				break
			}
			rest |= e
		}
		end := i
		word := rest | first
		acc |= word
		var prev, next byte // 0 at the ends of s: no table below holds anything for it
		if start > 0 {
			prev = s[start-1]
		}
		if end < size {
			next = s[end]
		}
		edge := edgeBefore[prev] | edgeAfter[next]
		if edge&edgeMark != 0 {
			st.marks |= markFirst[prev]&markSecond[s[start]] | markFirst[s[end-1]]&markSecond[next]
		}
		// findPrefixTokens' own test of the first two bytes; findTokens
		// looks no closer to the end.
		if !st.tokens && start+10 <= size {
			if edge&edgeUnder == 0 {
				k := uint16(s[start])<<8 | uint16(s[start+1])
				if tokenStarts[k>>6]&(1<<(k&63)) != 0 && (tokenPairs[k>>6]&(1<<(k&63)) != 0 || tokenHeads.has(uint32(k)<<8|uint32(s[start+2]))) {
					st.tokens = tokenMayStart(s, int(start))
				}
			} else {
				st.tokens = keyedNameAfterUnder(s, int(start))
			}
		}
		n := end - start
		if word&uint64(digitMark) != 0 {
			w.digitWords += int(n) // the digits are counted at the end, if there can be 9
		}
		if edge&edgeSpace != 0 && authSchemeLen>>min(n, 63)&1 != 0 && authSchemeFirst[s[start]] && isAuthScheme(s[start:end]) {
			st.flags |= hasAuthHint
		}
		if edge&edgeURL != 0 && !st.tokens && start+2 <= size {
			// urlTokenMayStart's first test: most words after a '/' fail it.
			if k := uint16(s[start]|0x20)<<8 | uint16(s[start+1]|0x20); urlPairs[k>>6]&(1<<(k&63)) != 0 || start+3 <= size && urlTris.has(uint32(k)<<8|uint32(s[start+2]|0x20)) {
				st.tokens = urlTokenMayStart(s, int(start))
			}
		}
		if edge&(edgeRare|edgeSASLAfter) != 0 || n >= 8 && rest&preUpper != 0 || n >= 32 && word&uint64(digitMark) != 0 {
			r.edgeWord(s, int(start), int(end), prev, next, edge, rest, word, &st)
		}
		if n == 4 && s[start] == 'u' && !st.termWord && s[start:end] == "user" && curlrcUserAt(s, int(start)) {
			st.termWord = true // .curlrc: user = "alice:…" (curlrcLogins)
		}
		if word&preLetter != 0 && !st.termWord {
			if rest&preUpper != 0 { // may have camelCase pieces
				st.termWord = r.mayBeKey(s[start:end])
			} else {
				st.termWord = r.termWordIn(s, start, end)
			}
		}
		if rest&(preUpper|preZ) == preUpper|preZ {
			w.zUpper = true // "AzSe" after its first byte
		}
	}
	w.acc |= acc
	w.st = st
}

// termWordIn is termWordAt for a word of prescan's loop, with the word's
// hash (wordSigAt) made in line for a word that has eight bytes of s from
// its start or up to its end.
func (r *Redactor) termWordIn(s string, start, end uint) bool {
	const fold = 0x2020202020202020
	n := end - start
	var lo, hi uint64
	switch {
	case n >= 8:
		lo = binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[start:]), 8)) | fold
		hi = binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[end-8:]), 8)) | fold
	case start+8 <= uint(len(s)):
		lo = (binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[start:]), 8)) | fold) & (1<<(8*n) - 1)
	case end >= 8:
		lo = (binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[end-8:]), 8)) | fold) >> (8 * (8 - n))
	default:
		return r.termWordAt(s, int(start), int(end))
	}
	if r.sigHas((lo ^ bits.RotateLeft64(hi, 27) ^ uint64(n)<<58) * 0x9E3779B97F4A7C15) {
		return true
	}
	if n >= minCompound && r.mayEndCompound(s, int(end)) && r.endsInCompound(s[start:end]) {
		return true
	}
	if isDigit(s[end-1]) {
		if t := trimNumber(s[start:end]); uint(len(t)) < n {
			return r.sigHas(wordSigAt(s, int(start), int(start)+len(t)))
		}
	}
	return false
}

// The bytes around a word that call for more tests than every word
// needs: edgeBefore holds those of the byte before a word, edgeAfter
// those of the byte after it (0 at either end of the text).
const (
	edgeMark       = 1 << iota // a marker pair may span the word's edge (markFirst, markSecond)
	edgeUnder                  // after '_': only a vendor's name as a key starts a token there
	edgeSpace                  // before ' ': the word may be an auth scheme
	edgeRare                   // rareBefore, rareAfter: a flag, pgpass, a relay host
	edgeURL                    // after a URL separator (urlWordFirst)
	edgeSASLBefore             // before the word, the first half of saslBareWord's test
	edgeSASLAfter              // after it, the second half
)

var edgeBefore, edgeAfter = func() (before, after [256]uint8) {
	for c := range 256 {
		if markFirst[c] != 0 {
			before[c] |= edgeMark
		}
		if markSecond[c] != 0 {
			after[c] |= edgeMark
		}
		if rareBefore[c] {
			before[c] |= edgeRare
		}
		if rareAfter[c] {
			after[c] |= edgeRare
		}
		if urlWordFirst[c] != 0 {
			before[c] |= edgeURL
		}
		if c <= ' ' || c == '@' {
			before[c] |= edgeSASLBefore
		}
		if saslBareNext[c] {
			after[c] |= edgeSASLAfter
		}
	}
	before['_'] |= edgeUnder
	after[' '] |= edgeSpace
	return before, after
}()

// edgeWord makes the tests of prescan's loop that depend on the bytes
// around the word s[start:end] (edge, from edgeBefore and edgeAfter: a
// flag, pgpass, a relay host) or that only long words call for.
func (r *Redactor) edgeWord(s string, start, end int, prev, next byte, edge uint8, rest, word uint64, st *prescanState) {
	n := end - start
	if edge&edgeRare != 0 || n >= 8 && rest&preUpper != 0 || n >= 32 && word&uint64(digitMark) != 0 {
		r.rareWord(s, start, end, prev, next, rest, word, st)
	}
	if edge&(edgeSASLBefore|edgeSASLAfter) == edgeSASLBefore|edgeSASLAfter {
		st.marks |= saslBareWord(s, start) // smtp.example.net user:…
	}
}

// rareBefore and rareAfter hold the bytes before and after a word that
// call for rareWord's tests: '-' (a flag), ':' (pgpass), '_' (a CGI
// header's name) and ']' (a relay host).
var rareBefore, rareAfter = func() (before, after [256]bool) {
	before['-'], before[':'], before['_'] = true, true, true
	after[']'], after[':'] = true, true
	return before, after
}()

// saslBareNext holds the bytes after the first word of a sasl_passwd line
// without brackets: its host's or its sender's domain (smtp.example.net,
// @example.org, smtp-relay…, smtp_gw…).
var saslBareNext = [256]bool{'.': true, '@': true, '-': true, '_': true}

// saslBareWord returns markSASL when the word at s[start] (after an '@',
// a sender's domain) starts a line that saslBareLineAt takes for a
// sasl_passwd line without brackets (smtp.example.net user:…), else 0.
func saslBareWord(s string, start int) uint32 {
	a := start
	if a > 0 && s[a-1] == '@' {
		a-- // @example.org user:…, a sender's domain
	}
	if saslBareLineStart(s, a) {
		if vs, ve := saslBareLineAt(s, a); ve > vs {
			return markSASL
		}
	}
	return 0
}

// rareWord makes the tests of words that few words call for (see
// rareBefore): the word s[start:end] between the bytes prev and next (0
// at the ends of s), rest holding the preTable bits of its bytes after
// its first, word those of all its bytes.
func (r *Redactor) rareWord(s string, start, end int, prev, next byte, rest, word uint64, st *prescanState) {
	n := end - start
	if word&uint64(digitMark) != 0 {
		if n >= 32 { // keyedToken asks for a digit in these
			st.marks |= keyedWord(s, start, end)
		}
		if word&preLetter == 0 && end+1 < len(s) && next == ':' && prev == ':' && pgpassDBStart(s[end+1]) {
			st.marks |= markPort // host:5432:db:…
		}
	}
	if next == ']' {
		if vs, ve := saslPasswdAt(s, end); ve > vs {
			st.marks |= markSASL // [smtp.example.net]:587 user:…
		}
		if !st.termWord && iniKeySectionAt(s, start, end) {
			st.termWord = true // [api]⏎value = … (iniSections)
		}
	}
	if prev == '-' && curlBundleAt(s, start, end) {
		st.marks |= markCurlBundle // curl -su bob:…
	}
	if !st.termWord && (prev == '-' || prev == '_') && headerWordAt(s, start, end) && (prev == '-' || cgiHeaderAt(s, start)) {
		st.termWord = true // X-Session: …, X-Upstream-Refresh: …, HTTP_X_SESSION=… (headerLastWords)
	}
	if !st.termWord && n == 5 && prev == '-' && start >= 5 && strings.EqualFold(s[start-5:end], "http-basic") {
		st.termWord = true // composer config http-basic.HOST USER PASSWORD (composerAuthSettings)
	}
	if start > 2 && prev == ':' && s[start-2] == '*' && s[start-3] == ':' {
		st.marks |= markPort // host:*:db:…, *:*:*:user:… (any port)
	}
	if n >= 8 && rest&preUpper != 0 && st.marks&markB64Pair == 0 {
		if ls, le := base64LoginAt(s, start, end); le > ls {
			st.marks |= markB64Pair // base64 of a login (findBase64Logins)
		}
	}
}

// headerWordAt reports whether the word s[start:end] is one of
// headerLastWords in any case: the last word of a custom header that
// names the credential it carries. Those words are common in prose
// (session, access), so only one after a '-' passes the term-word gate.
func headerWordAt(s string, start, end int) bool {
	switch end - start {
	case 3, 4, 6, 7:
		var buf [7]byte
		w := buf[:end-start]
		for i := range w {
			w[i] = s[start+i] | 0x20
		}
		_, ok := headerLastWords[string(w)]
		return ok
	}
	return false
}

// prescanEnd makes prescan's final tests, on the whole of s, and returns
// what it found.
func (r *Redactor) prescanEnd(s string, w *prescanWords) prescanned {
	acc, st := w.acc, &w.st
	f := scanFlags(acc) &^ digitMark
	if f&hasZ != 0 && f&(hasColon|hasEq) != 0 && containsZA(s) || f&hasTab != 0 { // "authorization" has "za"
		f |= hasAuthHint
		st.marks |= markZA
	}
	if acc&preHigh != 0 && r.nonASCII {
		st.termWord = true // see mayBeKey
	}
	if !st.termWord && st.marks&(markDashD|markDashP) != 0 {
		st.termWord = r.propertyTerm(s) // -Dpassword=
	}
	if !st.termWord && f&hasDot != 0 {
		st.termWord = r.initialismTermIn(s) // D.O.B.: …
	}
	if st.marks&markEscape != 0 && f&hasAt == 0 && strings.Contains(s, escapedAt) {
		f |= hasAt // jane\u0040example.com: findEmail reads the escape
	}
	if st.marks&markEscape != 0 && !(st.tokens && st.termWord) {
		r.afterEscapes(s, st) // "…\npassword=…", "%20ghp_…"
	}
	if acc&preTok != 0 && !st.tokens {
		st.tokens = tokenStartsOutsideWords(s)
	}
	if acc&preT != 0 && len(s) >= 48 && strings.Contains(s, "T3") {
		st.marks |= markT3
	}
	if f&hasEq != 0 && st.marks&markKeyed == 0 && len(s) > 40 && paddedAfter40(s) {
		st.marks |= markKeyed
	}
	if w.zUpper && st.marks&markKeyed == 0 && len(s) >= 40 && strings.Contains(s, "AzSe") {
		st.marks |= markKeyed // an Azure AI Search key split by '+' or '/'
	}
	if w.digitWords >= nationalIDDigits {
		d := countDigits(s)
		if d >= 13 {
			f |= hasDigits9 | hasDigits13
		} else if d >= 9 {
			f |= hasDigits9
		}
		if d >= nationalIDDigits || w.digitWords >= codiceFiscaleLen {
			st.marks |= markIDDigits
		}
	}
	return prescanned{flags: f | st.flags, tokens: st.tokens, termWord: st.termWord, marks: st.marks,
		garbled: acc&(preHigh|preGarble) != 0, encJSON: f&hasE != 0 && (acc&preJ != 0 || f&hasUpperA != 0)}
}

// paddedAfter40 reports whether s holds base64 padding, a '=' after a
// byte of base64 or base64url and not before a letter or digit, 40 bytes
// or more into s: it may end an Azure key (findKeyedTokens).
func paddedAfter40(s string) bool {
	for i := 40; i < len(s); i++ {
		k := strings.IndexByte(s[i:], '=')
		if k < 0 {
			return false
		}
		i += k
		if c := s[i-1]; (charClass[c]&cURL != 0 || c == '+' || c == '/') && (i+1 == len(s) || !isAlnum(s[i+1])) {
			return true
		}
	}
	return false
}

// keyedWord returns markKeyed when the word s[start:end] of 32 bytes or
// more, with a digit, may be or start a keyed token (findKeyedTokens): 32
// hex digits before "-", 8 hex digits and '-' (Mailgun), 40 bytes ending
// with "NRAL" (New Relic), 42 before "-NRMA" (New Relic), 84 or 86 with
// "JQQJ" at byte 52 (CASK).
func keyedWord(s string, start, end int) uint32 {
	switch n := end - start; {
	case n == 32 && end+18 <= len(s) && s[end] == '-' && s[end+9] == '-',
		n == 40 && s[end-4:end] == "NRAL",
		n == 42 && strings.HasPrefix(s[end:], "-NRMA"),
		(n == 84 || n == 86) && s[start+52:start+56] == "JQQJ":
		return markKeyed
	}
	return 0
}

// termWordAt reports whether the word s[a:b] of ASCII letters and digits
// (one letter at least, no upper-case letter after its first byte) may be
// the last word of a term (addTermEnds): the word, the word without the
// number that ends it (password1), or a word that ends with a compound
// term (pgpassword).
func (r *Redactor) termWordAt(s string, a, b int) bool {
	if r.sigHas(wordSigAt(s, a, b)) {
		return true
	}
	if b-a >= minCompound && r.compoundEnd(s, a, b) {
		return true
	}
	if isDigit(s[b-1]) {
		if t := trimNumber(s[a:b]); len(t) < b-a {
			return r.sigHas(wordSigAt(s, a, a+len(t)))
		}
	}
	return false
}

// mayEndCompound reports whether the two bytes before s[end] may end a
// compound term (compoundEnds).
func (r *Redactor) mayEndCompound(s string, end int) bool {
	n := uint16(s[end-2])<<8 | uint16(s[end-1])
	return r.compoundEnds[n>>6]&(1<<(n&63)) != 0
}

// compoundEnd reports whether the word s[a:b] ends with a compound term
// (pgpassword).
func (r *Redactor) compoundEnd(s string, a, b int) bool {
	return r.mayEndCompound(s, b) && r.endsInCompound(s[a:b])
}

// wordSigAt returns the hash of the word s[a:b] for Redactor.termSig: its
// length and its first and last eight bytes, each folded with |0x20 (upper-
// case ASCII letters read as lower-case), read with two loads whatever the
// word's length. Equal
// words in any case have equal hashes; longer words that share their
// length and both ends do too, which the filter then lets through.
func wordSigAt(s string, a, b int) uint64 {
	const fold = 0x2020202020202020
	n := b - a
	var lo, hi uint64
	switch {
	case n >= 8:
		lo = binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[a:]), 8)) | fold
		hi = binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[b-8:]), 8)) | fold
	case a+8 <= len(s):
		lo = (binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[a:]), 8)) | fold) & (1<<(8*n) - 1)
	case b >= 8:
		lo = (binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[b-8:]), 8)) | fold) >> (8 * (8 - n))
	default:
		for i := b - 1; i >= a; i-- {
			lo = lo<<8 | uint64(s[i]|0x20)
		}
	}
	return (lo ^ bits.RotateLeft64(hi, 27) ^ uint64(n)<<58) * 0x9E3779B97F4A7C15
}

// termSigBits is the size of Redactor.termSig as a power of two: two bits
// of 2^17 per word, so that with the few thousand words of every preset
// together under 0.5 % of other words pass.
const termSigBits = 17

// sigHas reports whether termSig holds the hash h of a word (wordSigAt).
func (r *Redactor) sigHas(h uint64) bool {
	h1, h2 := h>>(64-termSigBits), h>>(64-2*termSigBits)&(1<<termSigBits-1)
	return r.termSig[h1>>6]&(1<<(h1&63)) != 0 && r.termSig[h2>>6]&(1<<(h2&63)) != 0
}

// sigAdd adds the hash h of a word (wordSigAt) to termSig.
func (r *Redactor) sigAdd(h uint64) {
	h1, h2 := h>>(64-termSigBits), h>>(64-2*termSigBits)&(1<<termSigBits-1)
	r.termSig[h1>>6] |= 1 << (h1 & 63)
	r.termSig[h2>>6] |= 1 << (h2 & 63)
}

// authSchemeFirst holds the first letters of the auth scheme words
// (isAuthScheme), in either case.
var authSchemeFirst = func() (t [256]bool) {
	for _, c := range "abdnt" {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

// authSchemeLen has bit n set for the lengths n of the auth scheme words
// (isAuthScheme).
const authSchemeLen = 1<<5 | 1<<6 | 1<<9

// prescanState is what prescan learns at the ends of words.
type prescanState struct {
	flags    scanFlags
	marks    uint32
	tokens   bool
	termWord bool
}

// propertyTerm reports whether a system property given with -D or -P
// (propertyName) has a name that may be a term word: the word after the D
// or P, which the loop read with it (-Dpassword, -Ptoken).
func (r *Redactor) propertyTerm(s string) bool {
	for i := strings.IndexByte(s, '-'); i >= 0 && i+3 < len(s); {
		if propertyName(s, i, len(s)) > i {
			e := i + 2
			for e < len(s) && isAlnum(s[e]) {
				e++
			}
			if r.mayBeKey(s[i+2 : e]) {
				return true
			}
		}
		k := strings.IndexByte(s[i+1:], '-')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// countDigits returns the number of ASCII digits in s, eight bytes at a
// time.
func countDigits(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	n := 0
	for len(s) >= 8 {
		x := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), 8)) ^ 0x30*ones // a digit becomes 0 to 9
		// A byte b of x is below 10 when the high bit of (b|0x80)-10 is
		// clear (its low seven bits are below 10; no byte borrows from
		// the next) and so is b's own.
		n += bits.OnesCount64(^((x | highs) - 10*ones | x) & highs)
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

// tokenStartsOutsideWords reports whether a catalog prefix that starts
// with a byte outside words may start in s.
func tokenStartsOutsideWords(s string) bool {
	for i := 0; i+10 <= len(s); i++ {
		k := strings.IndexByte(s[i:len(s)-9], '_') // the only such byte (preTable's init checks)
		if k < 0 {
			return false
		}
		i += k
		if (i == 0 || !wordOrUnder[s[i-1]]) && tokenMayStart(s, i) {
			return true
		}
	}
	return false
}

// containsZA reports whether s holds "za" in any case.
func containsZA(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i]|0x20 == 'z' && s[i+1]|0x20 == 'a' {
			return true
		}
	}
	return false
}

// pairsMayMatch reports whether findPairs can find anything in s: a word
// that may name a secret, a "-u" user flag, the password flag of a tool
// (sshpass -p, an archiver's -p or -P, ldapsearch -w, sqlcmd -P, htpasswd
// -b, smbclient -U, a MySQL client's -p), a registry login's -p or --password after any word
// that ends with "login" (relogin -p), redis-cli -a, or sudo -S.
func (p prescanned) pairsMayMatch(s string) bool {
	return p.termWord || p.marks&(markUs|markDashP|markDashW|markDashA|markDashS|markCurlBundle) != 0 && p.toolMayMatch(s)
}

// toolMayMatch is pairsMayMatch's test of the tools its marks may name.
func (p prescanned) toolMayMatch(s string) bool {
	mysql := 0
	return p.marks&markUs != 0 || p.marks&(markDashP|markDashW) != 0 && passwordTool(s) != "" || p.marks&markDashP != 0 && mysqlClient(s, &mysql) ||
		p.marks&markDashP != 0 && (strings.Contains(s, "login -p ") || strings.Contains(s, "login --password ")) ||
		p.marks&markDashA != 0 && strings.Contains(s, "redis-cli") || p.marks&markDashS != 0 && strings.Contains(s, "sudo") ||
		p.marks&markCurlBundle != 0 && strings.Contains(s, "curl") && passwordTool(s) == "curl"
}

// isCatalog reports whether d is DetectTokens, whose prefix search the
// prefilter can skip.
func isCatalog(d Detector) bool {
	return d.find != nil && reflect.ValueOf(d.find).Pointer() == reflect.ValueOf(findTokens).Pointer()
}

// verifyPrefilter, set by this package's tests, makes find also search
// without the prefilter and record every string where the two differ.
var (
	verifyPrefilter bool
	prefilterMisses = make(chan string, 64)
	prefilterMu     sync.Mutex
	prefilterSpans  []span // reused under prefilterMu: the check allocates nothing once grown
)

// prescanVerify, set by this package's tests, is also called by
// checkPrefilter: it compares prescan with a plainer loop.
var prescanVerify func(r *Redactor, s string)

// checkPrefilter compares spans, found with the prefilter, with a search
// of s without it.
func (r *Redactor) checkPrefilter(s string, spans []span) {
	if prescanVerify != nil {
		prescanVerify(r, s)
	}
	var all []span
	if prefilterMu.TryLock() {
		defer prefilterMu.Unlock()
		all = prefilterSpans[:0]
		defer func() { prefilterSpans = all[:0] }()
	} // else a key judged during this check, or another goroutine's check: a buffer of its own
	for _, d := range r.detectors {
		if len(s) >= d.min && scan(s)&d.need == d.need {
			all = d.find(s, all)
		}
	}
	if r.jwk {
		all = findJWK(s, all)
	}
	if len(r.terms) > 0 {
		all = r.findPairs(s, scan(s), all, ignoreName)
	}
	if len(all) != len(spans) {
		select {
		case prefilterMisses <- s:
		default:
		}
		return
	}
	for i := range all {
		if all[i] != spans[i] {
			select {
			case prefilterMisses <- s:
			default:
			}
			return
		}
	}
}

// The term-word gate. A key names a secret when some of its words, joined,
// spell a term (judgeKey). The last of those words ends where the term
// ends: it is a suffix of the term's joined spelling. That is the term's
// last word ("api key": key), the whole spelling ("APIKEY"), or the piece
// after a camelCase split of a one-word term ("magStripe": stripe,
// "cardHolder": holder). The filter mayBeKey reads therefore holds every
// term's last word, every suffix of its joined spelling of at least three
// bytes, and each of those without some of its trailing digits ("track_1"
// spells "track1", and a word of digits alone is skipped by mayBeKey). Common
// words that start a term but never end one (api, access, connection,
// session) do not pass: text that holds them is not searched for pairs.

// addTermEnds adds the words a term of these words may end with, and, for
// a term of several words, those of its plural (api keys).
func (r *Redactor) addTermEnds(words []string) {
	// clé api, clave api: "api" is a word of every URL, so such a term is
	// searched for in text from its first word (findPairs reads the "api"
	// after it) or from its joined spelling (claveapi), never from "api".
	apiTerm := len(words) > 1 && words[len(words)-1] == "api"
	if (len(words) > 1 || pluralTerms[words[0]]) && !strings.HasSuffix(words[len(words)-1], "s") && !apiTerm { // access_tokens, cookies
		plural := slices.Clone(words)
		plural[len(plural)-1] += "s"
		r.addTermEnds(plural)
	}
	if apiTerm {
		r.bloomAdd(words[0])
	} else {
		r.bloomAdd(words[len(words)-1])
	}
	joined := strings.Join(words, "")
	for i := 0; i+3 <= len(joined); i++ {
		suffix := joined[i:]
		if apiTerm && suffix == "api" {
			break
		}
		r.bloomAdd(suffix)
		for t := suffix; len(t) > 1 && isDigit(t[len(t)-1]); { // icd1_0, track_1
			t = t[:len(t)-1]
			r.bloomAdd(t)
		}
	}
}

// mayBeKey is a quick test that one of the words of id may be the last
// word of a term (see addTermEnds), before the key cache is asked: most
// words of text are not, and a word without letters never is.
func (r *Redactor) mayBeKey(id string) bool {
	if r.nonASCII && !isASCII(id) {
		return true // a word outside ASCII: judgeKey knows its case and bounds
	}
	prev := -1 // the start of the word before id[i] when it ends at a camelCase boundary
	for i := 0; i < len(id); {
		if !isAlnum(id[i]) {
			i++
			prev = -1
			continue
		}
		// A word: up to a separator or a camelCase boundary, also at the
		// end of an acronym ("ETSYToken": ETSY, Token).
		j := i + 1
		for j < len(id) && isAlnum(id[j]) && !camelBoundary(id, j) {
			j++
		}
		k := i + len(trimNumber(id[i:j])) // password1, token2: the term before the number
		if r.termStartHas(id[i], id[min(i+1, k-1)]) && hasLetter(id[i:k]) && r.sigHas(wordSigAt(id, i, k)) {
			return true
		}
		if r.endsInCompound(id[i:j]) { // PGPASSWORD
			return true
		}
		if i > 0 && (id[i-1] == '-' || id[i-1] == '_' && cgiHeaderAt(id, i)) && headerWordAt(id, i, j) { // X-Client-Refresh, HTTP_X_SESSION
			return true
		}
		if i > 0 && j-i > 2 && isUpper(id[i-1]) && isUpper(id[i]) && id[i+1] >= 'a' && id[i+1] <= 'z' {
			// DBpassword, ipIBANexport: the acronym whole and the word after it (see acronymSplit)
			if r.mayBeKey(id[i+1:j]) || prev >= 0 && r.mayBeKey(id[prev:i+1]) {
				return true
			}
		}
		prev, i = i, j
	}
	return isInitialism(id) && r.initialismTerm(id) || isAlnumOnly(id) && r.sigHas(wordSigAt(id, 0, len(id))) // D.O.B, DoB
}

// camelBoundary reports whether a camelCase word starts at id[j]: an
// upper-case letter after a lower-case one, or the last capital of an
// acronym followed by a lower-case letter.
func camelBoundary(id string, j int) bool {
	if id[j] < 'A' || id[j] > 'Z' {
		return false
	}
	prev := id[j-1]
	if prev >= 'a' && prev <= 'z' {
		return true
	}
	return prev >= 'A' && prev <= 'Z' && j+1 < len(id) && id[j+1] >= 'a' && id[j+1] <= 'z'
}

// termStartHas reports whether some word of the filter starts with the
// letters a, b (any case); words not starting with two letters always
// pass.
func (r *Redactor) termStartHas(a, b byte) bool {
	n, ok := letterPair(a, b)
	return !ok || r.termStarts[n>>6]&(1<<(n&63)) != 0
}

// hasLetter reports whether w holds a byte that is not an ASCII digit.
func hasLetter(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return true
		}
	}
	return false
}

// trimNumber returns w without the number of one or two digits that ends
// it, keeping its first two bytes (password1: password; token12: token;
// v12, dob2001: unchanged), as digitSplit reads keys.
func trimNumber(w string) string {
	e := len(w)
	for e > 2 && len(w)-e < 3 && isDigit(w[e-1]) {
		e--
	}
	if len(w)-e > 2 || e > 0 && isDigit(w[e-1]) {
		return w
	}
	return w[:e]
}

// bloomAdd adds a lower-case word to the term filter (termSig) that
// mayBeKey and prescan read.
func (r *Redactor) bloomAdd(w string) {
	if len(w) > 0 {
		r.sigAdd(wordSigAt(w, 0, len(w)))
	}
	if len(w) >= 2 {
		if n, ok := letterPair(w[0], w[1]); ok {
			r.termStarts[n>>6] |= 1 << (n & 63)
		}
	}
}

// afterEscapes tests, as the loop tests a word, the words that start right
// after an escape sequence (escapeEnd): the loop read the escape's last
// letter or digits with the word ("starting\npassword=…" has the word
// "npassword", "Bearer%20ghp_…" the word "20ghp_…").
func (r *Redactor) afterEscapes(s string, st *prescanState) {
	for _, c := range [...]byte{'\\', '%'} {
		for i := strings.IndexByte(s, c); i >= 0 && !(st.tokens && st.termWord); {
			if j := escapeEnd(s, i); j > i && j < len(s) && isAlnum(s[j]) {
				e := j + 1
				for e < len(s) && isAlnum(s[e]) {
					e++
				}
				if !st.tokens && j+10 <= len(s) && tokenMayStart(s, j) {
					st.tokens = true
				}
				if !st.termWord && r.mayBeKey(s[j:e]) {
					st.termWord = true
				}
			}
			k := strings.IndexByte(s[i+1:], c)
			if k < 0 {
				break
			}
			i += 1 + k
		}
	}
}

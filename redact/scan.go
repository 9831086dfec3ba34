package redact

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// String returns s with every detected secret masked, and whether anything
// was masked. Should a search panic on s, s is masked whole (fail closed)
// and the panic counted.
func (r *Redactor) String(s string) (out string, changed bool) {
	if r == nil || r.off || len(s) < r.minScan {
		return s, false
	}
	i, id := r.cleanSlot(s)
	if i >= 0 {
		// The slot holds its string (see cleanSlots): the same address and
		// length are the same string; the slot was chosen by both.
		if p := r.clean[i].Load(); p != nil && unsafe.StringData(*p) == unsafe.StringData(s) && len(*p) == len(s) {
			return s, false
		}
	}
	defer func() {
		if p := recover(); p != nil { // a search that panics on s: fail closed
			r.panics.Add(1)
			r.count(counterPanic)
			out, changed = r.mask, true
		}
	}()
	spans := r.find(s, nil, r.count) // stays nil, unallocated, until something matches
	if len(spans) == 0 {
		if i >= 0 {
			// Remember a string the second time it is seen clean at the same
			// address (constants are; text built per record seldom is), in
			// a slot nobody holds: remembering costs an allocation, so it
			// happens at most once per slot.
			if r.cleanSeen[i].Swap(id) == id && r.clean[i].Load() == nil {
				p := new(string) // not &s: that would move every s to the heap
				*p = s
				r.clean[i].Store(p)
			}
		}
		return s, false
	}
	if out = r.apply(s, spans); out == s {
		// Text that is already masked (a redacted record redacted
		// again) is found again but does not change: take back what
		// the search counted, by searching it again. This costs only
		// such text; clean text never gets here.
		r.find(s, nil, r.uncount)
		return s, false
	}
	return out, true
}

// Strings that came out clean, by the address of their bytes: messages and
// many values are the same constant string record after record, and a
// hit costs one comparison instead of a scan. A slot holds its string, so
// its bytes cannot be freed and reused for other text while it is there; a
// hit needs equal content. Detectors depend on the string alone, so a
// clean string stays clean.
const (
	cleanSlots   = 1024 // a power of two
	cleanMaxSize = 256  // longer strings are not remembered
)

// cleanSlot returns the slot of s in the clean-string cache and the
// identity of s (address and length), or -1 when s is not remembered.
func (r *Redactor) cleanSlot(s string) (int, uint64) {
	if len(s) > cleanMaxSize {
		return -1, 0
	}
	id := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s)))) ^ uint64(len(s))<<48
	return int((id * 0x9E3779B97F4A7C15) >> (64 - 10)), id // 2^10 == cleanSlots
}

// find appends to spans what the detectors and the key-value pairs and
// prose of s reveal, in s and in its percent-decoded text, calling note
// with the name of the detector or rule for each span it adds.
func (r *Redactor) find(s string, spans []span, note func(string)) []span {
	return r.findLevels(s, spans, note, maxDecodes)
}

// maxDecodes is how many times find percent-decodes text: text encoded
// twice is common (a URL in a query string), deeper nesting is not, and
// each level costs a copy of the text.
const maxDecodes = 3

// findLevels is find with at most levels percent-decodings left.
func (r *Redactor) findLevels(s string, spans []span, note func(string), levels int) []span {
	if len(s) < r.minScan {
		return spans
	}
	first := len(spans)
	p := r.prescan(s)
	if r.nothingToFind(s, &p) { // most text: no detector, pair or decoding left to run
		if verifyPrefilter {
			r.checkPrefilter(s, nil)
		}
		return spans
	}
	spans, pairs := r.findWith(s, &p, spans, note)
	flags := p.flags
	if levels > 0 && p.garbled && mayBeGarbled(s) {
		spans = r.findDecoded(s, unmangle, spans, first, note, levels-1)
		if strings.IndexByte(s, '\b') >= 0 {
			spans = r.findDecoded(s, overstrike, spans, first, note, levels-1)
		}
	}
	if levels > 0 && p.marks&markEscapedBS != 0 {
		spans = r.findDecoded(s, overstrikeEscaped, spans, first, note, levels-1)
	}
	if levels > 0 && flags&hasEq != 0 && (pairs && mayBeQuotedPrintable(s) || r.emails && mayHoldQPAddress(s)) {
		spans = r.findDecoded(s, qpDecode, spans, first, note, levels-1)
	}
	if levels > 0 && p.encJSON && mayHoldEncodedJSON(s) {
		spans = r.findEncodedJSON(s, spans, note, levels-1)
	}
	if levels > 0 && flags&hasPercent != 0 && mayBeEncoded(s) {
		spans = r.findDecoded(s, percentDecode, spans, first, note, levels-1)
	}
	if levels > 0 && (pairs && mayBeEscaped(s) || !pairs && p.marks&markEscape != 0 && escapesGarble(s)) {
		spans = r.findDecoded(s, unescape, spans, first, note, levels-1)
	}
	return spans
}

// findText is find without the decoded text. A prefilter (prescan) reads
// s once and skips the searches that cannot match in it; it returns the
// flags prescan found and whether a word of s may name a secret (pairs).
func (r *Redactor) findText(s string, spans []span, note func(string)) (_ []span, _ scanFlags, pairs bool) {
	spans, p, pairs := r.findPrescanned(s, spans, note)
	return spans, p.flags, pairs
}

// findPrescanned is findText that returns all that prescan learned.
func (r *Redactor) findPrescanned(s string, spans []span, note func(string)) (_ []span, _ prescanned, pairs bool) {
	if len(s) < r.minScan {
		return spans, prescanned{}, false
	}
	p := r.prescan(s)
	spans, pairs = r.findWith(s, &p, spans, note)
	return spans, p, pairs
}

// nothingToFind reports whether p, what prescan learned of s, rules out
// every search of findLevels: no detector it admits (the catalog's only
// with a prefix or marker to look for), no key-value pair, no text to
// decode.
func (r *Redactor) nothingToFind(s string, p *prescanned) bool {
	if r.gate == nil || p.garbled || p.encJSON || p.flags&hasPercent != 0 || p.flags&hasEq != 0 && r.emails ||
		p.marks&(markEscape|markEscapedBS|markQuoteK) != 0 {
		return false
	}
	set := r.gate.admit(p.flags, p.marks)
	if !p.tokens && p.marks&tokenMarks == 0 {
		set &^= r.gate.catalog
	}
	return set == 0 && !(len(r.terms) > 0 && p.pairsMayMatch(s))
}

// findWith is findPrescanned once prescan has read s: p is what it
// learned.
func (r *Redactor) findWith(s string, p *prescanned, spans []span, note func(string)) (_ []span, pairs bool) {
	first := len(spans)
	if r.gate != nil {
		for set := r.gate.admit(p.flags, p.marks); set != 0; {
			var i int
			i, set = nextDetector(set)
			spans = r.runDetector(&r.detectors[i], s, p, spans, note)
		}
	} else {
		for i := range r.detectors {
			if d := &r.detectors[i]; p.flags&d.need == d.need && p.marks&d.mark == d.mark {
				spans = r.runDetector(d, s, p, spans, note)
			}
		}
	}
	if p.marks&markQuoteK != 0 && r.jwk {
		n := len(spans)
		spans = findJWK(s, spans)
		for range len(spans) - n {
			note(DetectPrivateKey.Name)
		}
	}
	if len(r.terms) > 0 && p.pairsMayMatch(s) {
		spans = r.findPairs(s, p.flags, spans, note)
		pairs = true
	}
	if verifyPrefilter {
		r.checkPrefilter(s, spans[first:])
	}
	return spans, pairs
}

// runDetector appends what d finds in s to spans, when s is long enough
// for it, p being what prescan learned of s: its flags and marks hold d's
// need and mark.
func (r *Redactor) runDetector(d *Detector, s string, p *prescanned, spans []span, note func(string)) []span {
	if len(s) < d.min {
		return spans
	}
	n := len(spans)
	if d.catalog {
		if p.tokens {
			spans = findPrefixTokens(s, spans)
		} // else no word starts like a catalog prefix
		if p.marks&tokenMarks != 0 {
			spans = findMarkedTokens(s, spans, p.marks)
		}
	} else {
		spans = d.find(s, spans)
	}
	for range len(spans) - n {
		note(d.Name)
	}
	return spans
}

// encodedBreakBeforeOperator reports whether rest, what follows an
// encoded CR or LF, opens with an operator, raw or encoded (=, :, %3D,
// %3A), or with the LF of an encoded CRLF before one.
func encodedBreakBeforeOperator(rest string) bool {
	if strings.HasPrefix(rest, "%0A") || strings.HasPrefix(rest, "%0a") {
		rest = rest[3:]
	}
	if rest != "" && (rest[0] == '=' || rest[0] == ':') {
		return true
	}
	if len(rest) >= 3 && rest[0] == '%' && rest[1] == '3' {
		c := rest[2] | 0x20
		return c == 'a' || c == 'd'
	}
	return false
}

// mayBeEncoded reports whether s holds a percent-encoded byte of the
// syntax that names a secret (=, :, ", ', @), or an encoded '%' (text
// encoded twice): password%3D…, %22token%22%3A%22…%22, user%3Apass%40host;
// or an encoded character that unmangle reads (a control, a zero-width
// space, a lookalike letter: password%00=…, p%D0%B0ssword=…).
func mayBeEncoded(s string) bool {
	for i := strings.IndexByte(s, '%'); i >= 0 && i+2 < len(s); {
		switch s[i+1] {
		case '2':
			if s[i+2] == '2' || s[i+2] == '5' || s[i+2] == '7' { // a quote, or an encoded '%'
				return true
			}
		case '3':
			if c := s[i+2] | 0x20; c == 'a' || c == 'd' {
				return true
			}
		case '4':
			if s[i+2] == '0' {
				return true
			}
		case '0', '1': // a control character other than white space: password%00=…
			if c := s[i+2] | 0x20; !(s[i+1] == '0' && (c == '9' || c == 'a' || c == 'd')) {
				return true
			} else if c != '9' && encodedBreakBeforeOperator(s[i+3:]) {
				return true // a line break between a key and its operator: token%0A=…
			}
		case 'C', 'c', 'D', 'd', 'E', 'e', 'F', 'f': // a character outside ASCII that unmangle may read: pass%C2%ADword, p%D0%B0ssword
			if encodedGarble(s, i) {
				return true
			}
		}
		k := strings.IndexByte(s[i+1:], '%')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// findDecoded finds secrets in the text that decode gives for s (the
// percent-decoded text of a query string or form body that carries
// key=value pairs or JSON; the unescaped text of a quoted string),
// decoding it up to levels more times, and adds their spans in s. It
// counts (note) only those that overlap no span found in s itself from
// index first on (spans[first:]), which are counted already; every span
// is masked (apply merges overlaps).
func (r *Redactor) findDecoded(s string, decode func(string) (string, []int), spans []span, first int, note func(string), levels int) []span {
	d, pos := decode(s)
	var names []string
	found := r.findLevels(d, nil, func(name string) { names = append(names, name) }, levels)
	own := len(spans)
	for i, sp := range found {
		m := span{pos[sp.start], pos[sp.end]}
		counted := slices.ContainsFunc(spans[first:own], func(o span) bool { return o.start < m.end && m.start < o.end })
		spans = append(spans, m)
		if !counted && i < len(names) {
			note(names[i])
		}
	}
	return spans
}

// percentDecode decodes the %XX escapes of s and returns, for each byte
// of the result and for its end, the index in s where it comes from. A
// '+' stays as it is (a token's byte), unless it stands between two
// escapes, where a form writes a space: %22%3A+%22 is ": ", JSON
// encoded as a form field by Python's urlencode.
func percentDecode(s string) (string, []int) {
	d, pos := hexDecode(s, '%', isHexByte, false)
	if !strings.Contains(s, "+%") {
		return d, pos
	}
	b := []byte(d)
	for i, c := range b {
		if p := pos[i]; c == '+' && p >= 3 && s[p-3] == '%' && p+1 < len(s) && s[p+1] == '%' {
			b[i] = ' '
		}
	}
	return string(b), pos
}

// hexDecode decodes the escapes of s that are esc and two hex digits (as
// digit reads them), and with soft also drops esc before a line break (a
// quoted-printable soft line break). It returns, for each byte of the
// result and for its end, the index in s where it comes from.
func hexDecode(s string, esc byte, digit func(byte) bool, soft bool) (string, []int) {
	b := make([]byte, 0, len(s))
	pos := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		if s[i] == esc && i+1 < len(s) {
			switch {
			case soft && s[i+1] == '\n':
				i += 2
				continue
			case soft && s[i+1] == '\r' && i+2 < len(s) && s[i+2] == '\n':
				i += 3
				continue
			case i+2 < len(s) && digit(s[i+1]) && digit(s[i+2]):
				b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
				pos = append(pos, i)
				i += 3
				continue
			}
		}
		b = append(b, s[i])
		pos = append(pos, i)
		i++
	}
	return string(b), append(pos, len(s))
}

// unhex returns the value of the hexadecimal digit c.
func unhex(c byte) byte {
	if isDigit(c) {
		return c - '0'
	}
	return c | 0x20 - 'a' + 10
}

// apply replaces the spans of s with the mask, merging overlaps. A span
// that cuts into a mask already in s is widened to the whole mask, so that
// redacting redacted text changes nothing.
func (r *Redactor) apply(s string, spans []span) string {
	if strings.Contains(s, r.mask) {
		for i, sp := range spans {
			spans[i] = r.snapToMasks(s, sp)
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	b.Grow(len(s))
	pos := 0
	for i := 0; i < len(spans); i++ {
		sp := spans[i]
		for i+1 < len(spans) && spans[i+1].start <= sp.end {
			sp.end = max(sp.end, spans[i+1].end)
			i++
		}
		if sp.start < pos {
			sp.start = pos
		}
		if sp.end <= sp.start {
			continue
		}
		b.WriteString(s[pos:sp.start])
		b.WriteString(r.mask)
		pos = sp.end
	}
	b.WriteString(s[pos:])
	return b.String()
}

// snapToMasks widens sp to cover every mask in s that it overlaps.
func (r *Redactor) snapToMasks(s string, sp span) span {
	m := len(r.mask)
	from := max(0, sp.start-m+1)
	for {
		k := strings.Index(s[from:min(len(s), sp.end+m-1)], r.mask)
		if k < 0 {
			return sp
		}
		a := from + k
		if a < sp.end && a+m > sp.start {
			sp.start, sp.end = min(sp.start, a), max(sp.end, a+m)
		}
		from = a + 1
	}
}

// escapeEnd returns the end of the escape sequence at s[i] that stands for
// a character of its own in quoted or encoded text (\n, \t, \r, \xHH,
// \uHHHH, %HH), or i when none starts there.
func escapeEnd(s string, i int) int {
	switch {
	case s[i] == '%':
		if i+2 < len(s) && isHexByte(s[i+1]) && isHexByte(s[i+2]) {
			return i + 3
		}
	case s[i] != '\\' || i+1 >= len(s):
	case s[i+1] == 'n' || s[i+1] == 't' || s[i+1] == 'r':
		return i + 2
	case s[i+1] == 'x':
		if i+3 < len(s) && isHexByte(s[i+2]) && isHexByte(s[i+3]) {
			return i + 4
		}
	case s[i+1] == 'u':
		if i+5 < len(s) && isHexByte(s[i+2]) && isHexByte(s[i+3]) && isHexByte(s[i+4]) && isHexByte(s[i+5]) {
			return i + 6
		}
	}
	return i
}

// escapedStart reports whether s[i] follows such an escape sequence: a word
// written right after "\n" or "%20" starts there, though the byte before it
// is a letter or a digit ("…\nghp_…", "Bearer%20sk_live_…").
func escapedStart(s string, i int) bool {
	for _, n := range [...]int{2, 3, 4, 6} {
		if i >= n && (s[i-n] == '\\' || s[i-n] == '%') && escapeEnd(s, i-n) == i {
			return true
		}
	}
	return false
}

// mayBeEscaped reports whether s holds an escaped quote, '=', ':' or '&'
// of a string literal or of HTML: \u0022, \x27, \u003d, &quot;, &#34;,
// &apos;, &lt;, &equals;, &amp; (HTML escaped twice), or a backslash
// before \" (JSON quoted twice), or that escapes a character unmangle
// reads (p\u0430ssword, \u200b). Pairs written with
// them ({\u0022password\u0022:\u0022…\u0022}) are found in the unescaped text.
func mayBeEscaped(s string) bool {
	for i := strings.IndexByte(s, '\\'); i >= 0 && i+3 < len(s); {
		switch s[i+1] {
		case 'u':
			if s[i+2] == '0' && s[i+3] == '0' || escapedGarble(s, i) {
				return true
			}
		case 'x':
			if s[i+2] == '2' || s[i+2] == '3' {
				return true
			}
		case '\\':
			if s[i+2] == '\\' && s[i+3] == '"' {
				return true
			}
		}
		k := strings.IndexByte(s[i+1:], '\\')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	for i := strings.IndexByte(s, '&'); i >= 0 && i+4 < len(s); {
		if s[i+1] == '#' || namedReference(s[i:]) {
			return true
		}
		k := strings.IndexByte(s[i+1:], '&')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// controlOf is the character of an escape such as \n, by its letter.
var controlOf = [256]byte{'n': '\n', 't': '\t', 'r': '\r'}

// htmlEntities are the entities unescape decodes.
var htmlEntities = []struct {
	name string
	r    rune
}{
	{"&quot;", '"'}, {"&apos;", '\''}, {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
	{"&equals;", '='}, {"&colon;", ':'}, {"&nbsp;", 0xa0}, {"&Tab;", '\t'}, {"&NewLine;", '\n'},
	{"&shy;", 0xad}, {"&ZeroWidthSpace;", 0x200b}, {"&zwj;", 0x200d}, {"&zwnj;", 0x200c},
}

// namedReference reports whether s starts with one of htmlEntities.
func namedReference(s string) bool {
	for _, e := range htmlEntities {
		if strings.HasPrefix(s, e.name) {
			return true
		}
	}
	return false
}

// unescape decodes the escapes of a string literal (\", \\, \/, \n, \t,
// \r, \xHH, \uHHHH) and HTML's character references (&quot;, &#34;,
// &#x22;, &apos;, &amp;, &lt;, &gt;, &equals;, &colon;, &nbsp;, &Tab;,
// &NewLine;, &shy; and the zero-width ones) in s, and returns, for each byte of
// the result and for its end, the index in s where it comes from.
func unescape(s string) (string, []int) {
	b := make([]byte, 0, len(s))
	pos := make([]int, 0, len(s)+1)
	emit := func(r rune, at int) {
		n := len(b)
		b = utf8.AppendRune(b, r)
		for range len(b) - n {
			pos = append(pos, at)
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			switch n := s[i+1]; n {
			case '"', '\'', '\\', '/':
				emit(rune(n), i)
				i += 2
				continue
			case 'n', 't', 'r':
				emit(rune(controlOf[n]), i)
				i += 2
				continue
			case 'x', 'u':
				if e := escapeEnd(s, i); e > i {
					v, _ := strconv.ParseUint(s[i+2:e], 16, 32)
					emit(rune(v), i)
					i = e
					continue
				}
			}
		}
		if c == '&' {
			if e, r := charReference(s, i); e > i {
				emit(r, i)
				i = e
				continue
			}
		}
		b = append(b, c)
		pos = append(pos, i)
		i++
	}
	return string(b), append(pos, len(s))
}

// charReference returns the end of the HTML character reference at s[i]
// and the character it stands for, or i.
func charReference(s string, i int) (int, rune) {
	for _, e := range htmlEntities {
		if strings.HasPrefix(s[i:], e.name) {
			return i + len(e.name), e.r
		}
	}
	if i+3 >= len(s) || s[i+1] != '#' {
		return i, 0
	}
	j, base := i+2, 10
	if s[j]|0x20 == 'x' {
		j, base = j+1, 16
	}
	k := j
	for k < len(s) && k-j < 6 && (base == 10 && isDigit(s[k]) || base == 16 && isHexByte(s[k])) {
		k++
	}
	if k == j || k >= len(s) || s[k] != ';' {
		return i, 0
	}
	v, err := strconv.ParseUint(s[j:k], base, 32)
	if err != nil || v > utf8.MaxRune {
		return i, 0
	}
	return k + 1, rune(v)
}

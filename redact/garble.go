package redact

import (
	"strings"
	"unicode/utf8"
)

// Text as real systems garble it. Terminals colour words with ANSI escape
// sequences, editors and chat clients leave zero-width characters, soft
// hyphens, byte order marks and no-break spaces in what is pasted, C
// strings leave NUL bytes, input methods write full-width '＝' and '：',
// and a word may be spelled with letters of another script that look
// Latin (a Cyrillic 'а' in "pаssword"). The reader of a log sees the key
// and the secret; the searches of this package, reading bytes, would not.
// So text that holds such characters is searched again as the reader sees
// it (unmangle), and what is found there is masked in the original.

// preGarble marks, in preTable, the bytes of a control character that a
// reader does not see: C0 controls other than tab and line feed.
// Characters outside ASCII are marked preHigh already.
const preGarble = 1 << 23

// garbleControl reports whether c is a control byte that unmangle drops or
// reads: every C0 control but tab and line feed (a carriage return is
// dropped unless a line feed follows it). DEL is no such character: it
// ends a word as any other byte of punctuation does.
func garbleControl(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n'
}

// mayBeGarbled reports whether unmangle changes s. It runs only on strings
// whose prescan saw a control byte or a byte outside ASCII.
func mayBeGarbled(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if garbleControl(c) && !(c == '\r' && i+1 < len(s) && s[i+1] == '\n') {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if _, ok := garbleFold(r); ok {
			return true
		}
		i += n
	}
	return false
}

// unmangle returns s as its reader sees it, and, for each byte of the
// result and for its end, the index in s where it comes from: ANSI escape
// sequences, invisible characters and control characters are dropped, and
// Unicode spaces and hyphens, full-width forms, mathematical and circled
// letters and the Cyrillic and Greek letters that look Latin are written
// in ASCII. A
// byte after dropped characters comes from where they start, so that a
// span that ends before it leaves them as they are ("…\x1b[0m").
func unmangle(s string) (string, []int) {
	b := make([]byte, 0, len(s))
	pos := make([]int, 0, len(s)+1)
	dropped := -1 // where the characters dropped since the last byte written start
	emit := func(p []byte, at int) {
		if dropped >= 0 {
			at, dropped = dropped, -1
		}
		b = append(b, p...)
		for range p {
			pos = append(pos, at)
		}
	}
	drop := func(at int) {
		if dropped < 0 {
			dropped = at
		}
	}
	var one [1]byte
	fielded := false // the line so far holds a separator of fields or pairs
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			drop(i)
			i = ansiEnd(s, i)
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == '\r' && fielded && lineAfterCR(s, i+1):
				one[0] = '\n'
				emit(one[:], i)
				fielded = false
			case garbleControl(c) && !(c == '\r' && i+1 < len(s) && s[i+1] == '\n'):
				drop(i)
			default:
				one[0] = c
				emit(one[:], i)
				if c == '\n' {
					fielded = false
				} else if c == '|' || c == '=' || c == ':' {
					fielded = true
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch f, ok := garbleFold(r); {
		case !ok:
			emit([]byte(s[i:i+n]), i)
		case f == 0:
			drop(i)
		default:
			one[0] = f
			emit(one[:], i)
		}
		i += n
	}
	end := len(s)
	if dropped >= 0 {
		end = dropped
	}
	return string(b), append(pos, end)
}

// lineAfterCR reports whether the text at s[p], right after a lone
// carriage return, starts a line of fields or pairs of its own: a word
// of at most 64 letters, digits, spaces, '_', '-' or '.' and then a '|',
// '=' or ':' (an HL7 segment, OBX|…, or a key, host=…, next of kin: …).
// unmangle reads such a carriage return, after a line that holds such a
// separator too, as the line break it is (HL7 v2 ends its segments with
// one, and so did classic Mac OS its lines): a value found there ends
// before it. A carriage return inside a word or a pair (pass\rword,
// password=\r…) is dropped as before.
func lineAfterCR(s string, p int) bool {
	for k := p; k < len(s) && k < p+64; k++ {
		switch c := s[k]; {
		case c == '|' || c == '=' || c == ':':
			return k > p && s[p] != ' '
		case !isAlnum(c) && c != ' ' && c != '_' && c != '-' && c != '.':
			return false
		}
	}
	return false
}

// overstrike returns s as a terminal or a pager draws it, each backspace
// erasing the character before it (nroff's bold p\bp and underline _\bp,
// a typo taken back), and, for each byte of the result and for its end,
// the index in s where it comes from. The character written over another
// comes from where the erased one starts, so that a span masks both. A
// backspace at the start of a line erases nothing. unmangle reads the
// same text with the backspaces dropped (pass\bword).
func overstrike(s string) (string, []int) { return overstrikeWith(s, false) }

// overstrikeEscaped is overstrike with the backspaces escaped as JSON and
// C write them (p\\bpa\\ba…, two bytes each) rather than raw.
func overstrikeEscaped(s string) (string, []int) { return overstrikeWith(s, true) }

// overstrikeWith is overstrike, reading the backspaces raw or, with
// escaped, as \\b.
func overstrikeWith(s string, escaped bool) (string, []int) {
	b := make([]byte, 0, len(s))
	pos := make([]int, 0, len(s)+1)
	erased := -1 // where the characters erased since the last byte written start
	for i := 0; i < len(s); i++ {
		c := s[i]
		bs := c == '\b' && !escaped
		if escaped && c == '\\' && i+1 < len(s) && s[i+1] == 'b' {
			bs = true
			i++
		}
		if bs {
			if len(b) > 0 && b[len(b)-1] != '\n' {
				_, n := utf8.DecodeLastRune(b)
				at := pos[len(pos)-n]
				b, pos = b[:len(b)-n], pos[:len(pos)-n]
				if erased < 0 || at < erased {
					erased = at
				}
			} else if erased < 0 {
				erased = i
				if escaped {
					erased = i - 1
				}
			}
			continue
		}
		at := i
		if erased >= 0 {
			at, erased = min(erased, i), -1
		}
		b = append(b, c)
		pos = append(pos, at)
	}
	end := len(s)
	if erased >= 0 {
		end = erased
	}
	return string(b), append(pos, end)
}

// ansiEnd returns the end of the escape sequence that starts with ESC at
// s[i]: a control sequence (ESC [ parameters, intermediates, a final byte:
// colours, cursor moves), an operating system command (ESC ] … BEL or
// ESC \: titles, hyperlinks), or ESC and one byte. A sequence cut short
// ends where its bytes end, at most 64 bytes on. A designation of a
// character set or a mode (ESC ( B, ESC # 8) takes one byte more.
func ansiEnd(s string, i int) int {
	j := i + 1
	if j >= len(s) {
		return j
	}
	limit := min(len(s), i+64)
	switch s[j] {
	case '[':
		for j++; j < limit && s[j] >= 0x20 && s[j] <= 0x3f; j++ {
		}
		if j < limit && s[j] >= 0x40 && s[j] <= 0x7e {
			return j + 1
		}
		return j
	case '(', ')', '*', '+', '-', '.', '/', '#', '%', ' ': // a character set's or a mode's designation: ESC ( B
		if j+1 < len(s) {
			return j + 2
		}
		return j + 1
	case ']':
		for j++; j < limit; j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return i + 2 // no end in reach: only ESC ] goes
	}
	return j + 1
}

// garbleFold returns the ASCII byte that r stands for to a reader, or 0
// when r is invisible, and whether r is one of those characters.
func garbleFold(r rune) (byte, bool) {
	switch {
	case r < 0xa0:
		if r >= 0x80 {
			if r == 0x85 {
				return '\n', true // next line
			}
			return 0, true // C1 controls
		}
		return 0, false
	case r == 0xa0, r == 0x1680, r >= 0x2000 && r <= 0x200a, r == 0x202f, r == 0x205f, r == 0x3000:
		return ' ', true
	case r == 0x2028, r == 0x2029:
		return '\n', true
	case r == 0xad, r == 0x34f, r == 0x61c, r >= 0x180b && r <= 0x180e,
		r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x2069,
		r >= 0xfe00 && r <= 0xfe0f, r == 0xfeff:
		return 0, true // soft hyphen, joiners, marks of direction, variation selectors, BOM
	case r >= 0xff01 && r <= 0xff5e:
		return byte(r - 0xfee0), true // full-width forms
	case r == 0xfe55, r == 0xa789, r == 0x2236:
		return ':', true
	case r == 0xfe66:
		return '=', true
	case r >= 0x2010 && r <= 0x2012, r == 0x2043, r == 0xfe63:
		return '-', true // hyphens
	case r == 0x2024:
		return '.', true // one dot leader
	case r >= 0x24b6 && r <= 0x24cf:
		return byte('A' + r - 0x24b6), true // circled letters
	case r >= 0x24d0 && r <= 0x24e9:
		return byte('a' + r - 0x24d0), true
	case r >= 0x1d400 && r <= 0x1d6a3: // mathematical letters, 13 alphabets of 52
		if k := (r - 0x1d400) % 52; k < 26 {
			return byte('A' + k), true
		} else {
			return byte('a' + k - 26), true
		}
	case r >= 0x1d7ce && r <= 0x1d7ff:
		return byte('0' + (r-0x1d7ce)%10), true // mathematical digits
	}
	if c, ok := lookalikes[r]; ok {
		return c, true
	}
	return 0, false
}

// lookalikes are the Cyrillic and Greek letters that are drawn as Latin
// letters are, by the Latin letter.
var lookalikes = func() map[rune]byte {
	m := map[rune]byte{}
	for _, p := range []struct {
		latin  string
		spells string
	}{
		{"acepxyoisjdhqwl", "асерхуоіѕјԁһԛԝӏ"},
		{"ABEKMHOPCTXSIJYQW", "АВЕКМНОРСТХЅІЈҮԚԜ"},
		{"aopvik", "αορνικ"},
		{"ABEZHIKMNOPTYX", "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"},
	} {
		rs := []rune(p.spells)
		if len(rs) != len(p.latin) {
			panic("redact: lookalikes: " + p.latin + " and " + p.spells + " differ in length")
		}
		for i, r := range rs {
			m[r] = p.latin[i]
		}
	}
	return m
}()

// mayBeQuotedPrintable reports whether s holds the quoted-printable
// encoding of '=' (=3D), as mail bodies and MIME parts carry text:
// password=3D…, and then its soft line breaks too (pass=⏎word=3D…). A '='
// at the end of a line alone is base64's padding as often.
func mayBeQuotedPrintable(s string) bool {
	return strings.Contains(s, "=3D")
}

// mayHoldQPAddress reports whether s may hold an e-mail address written
// in quoted-printable, its '@' as =40 (a MIME body's jane=40example.org,
// a header's encoded word =?utf-8?Q?jane=40example.org?=).
func mayHoldQPAddress(s string) bool {
	return strings.Contains(s, "=40")
}

// qpDecode decodes the quoted-printable escapes of s (=XX with upper-case
// hex digits, and soft line breaks), and returns, for each byte of the
// result and for its end, the index in s where it comes from.
func qpDecode(s string) (string, []int) { return hexDecode(s, '=', isUpperHex, true) }

// isUpperHex reports whether c is a digit or an upper-case hex letter.
func isUpperHex(c byte) bool {
	return isDigit(c) || c >= 'A' && c <= 'F'
}

// escapedGarble reports whether s[i:] starts with a \uHHHH escape of a
// character that unmangle reads: a key written in JSON with a lookalike
// letter or an invisible character escaped (p\u0430ssword).
func escapedGarble(s string, i int) bool {
	if escapeEnd(s, i) != i+6 {
		return false
	}
	var r rune
	for _, c := range []byte(s[i+2 : i+6]) {
		r = r<<4 | rune(unhex(c))
	}
	_, ok := garbleFold(r)
	return ok
}

// escapesGarble reports whether s holds an escape that escapedGarble
// reports: the words of such a key are no words of a term until unescaped.
func escapesGarble(s string) bool {
	for i := strings.IndexByte(s, '\\'); i >= 0; {
		if escapedGarble(s, i) {
			return true
		}
		k := strings.IndexByte(s[i+1:], '\\')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// encodedGarble reports whether the percent-encoded UTF-8 sequence at
// s[i] ('%', then its lead byte) encodes a character that unmangle reads.
func encodedGarble(s string, i int) bool {
	var b [4]byte
	n := 0
	for ; n < len(b) && i+2 < len(s) && s[i] == '%' && isHexByte(s[i+1]) && isHexByte(s[i+2]); n, i = n+1, i+3 {
		b[n] = unhex(s[i+1])<<4 | unhex(s[i+2])
	}
	r, size := utf8.DecodeRune(b[:n])
	if size <= 1 {
		return false
	}
	_, ok := garbleFold(r)
	return ok
}

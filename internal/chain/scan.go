package chain

import (
	"bytes"
	"unicode/utf8"
)

// Line is what [ScanLine] learns of a JSON object without building it:
// where its top-level "audit" and "msg" members are.
type Line struct {
	// AuditValue is the byte range of the "audit" member's value, and Cut
	// the range that removes the whole member with one adjacent comma.
	AuditValue [2]int
	Cut        [2]int
	HasAudit   bool
	// Msg is the byte range of the "msg" member's string, quotes
	// excluded, when it is a string without escapes.
	Msg    [2]int
	HasMsg bool
	// Escaped reports whether a top-level member name holds an escape, so
	// that the raw names may not be the names a parser reads.
	Escaped bool
	// Before and After are the byte ranges of the names (quotes
	// excluded) of the top-level members next to the "audit" member,
	// when HasBefore and HasAfter say there are such members: where the
	// member stands among the others.
	Before, After       [2]int
	HasBefore, HasAfter bool
}

// ScanLine reports whether data is exactly one JSON object (RFC 8259),
// with every byte valid UTF-8, no duplicate top-level "audit" member, and
// nesting at most 512 deep. It fills l with where the top-level "audit"
// and "msg" members are. It allocates nothing and never panics.
func ScanLine(data []byte, l *Line) bool {
	*l = Line{}
	s := scanner{data: data}
	s.space()
	if s.pos >= len(data) || data[s.pos] != '{' {
		return false
	}
	s.pos++
	s.space()
	if s.pos < len(data) && data[s.pos] == '}' {
		s.pos++
		s.space()
		return s.pos == len(data)
	}
	prevComma := -1     // position of the comma before the current member
	var lastName [2]int // the name of the member before the current one
	auditFirst := false
	for {
		s.space()
		if s.pos >= len(data) || data[s.pos] != '"' {
			return false
		}
		nameStart := s.pos
		escaped, ok := s.str()
		if !ok {
			return false
		}
		name := data[nameStart+1 : s.pos-1]
		nameRange := [2]int{nameStart + 1, s.pos - 1}
		l.Escaped = l.Escaped || escaped
		if l.HasAudit && !l.HasAfter {
			l.After, l.HasAfter = nameRange, true
		}
		s.space()
		if s.pos >= len(data) || data[s.pos] != ':' {
			return false
		}
		s.pos++
		s.space()
		valStart := s.pos
		if !s.value(1) {
			return false
		}
		valEnd := s.pos
		switch {
		case !escaped && string(name) == "audit":
			if l.HasAudit {
				return false
			}
			l.HasAudit = true
			l.AuditValue = [2]int{valStart, valEnd}
			l.Before, l.HasBefore = lastName, prevComma >= 0
			if prevComma >= 0 {
				l.Cut = [2]int{prevComma, valEnd}
			} else {
				l.Cut = [2]int{nameStart, valEnd}
				auditFirst = true
			}
		case !escaped && string(name) == "msg":
			if data[valStart] == '"' && bytes.IndexByte(data[valStart:valEnd], '\\') < 0 {
				l.Msg, l.HasMsg = [2]int{valStart + 1, valEnd - 1}, true
			} else {
				l.HasMsg = false
			}
		}
		lastName = nameRange
		s.space()
		if s.pos >= len(data) {
			return false
		}
		switch data[s.pos] {
		case ',':
			if auditFirst && l.Cut[1] == valEnd {
				l.Cut[1] = s.pos + 1 // the member and the comma after it
			}
			prevComma = s.pos
			s.pos++
		case '}':
			s.pos++
			s.space()
			return s.pos == len(data)
		default:
			return false
		}
	}
}

type scanner struct {
	data []byte
	pos  int
}

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// plain marks the ASCII bytes that a string holds as they are.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str skips a string at s.pos (its opening quote) and reports whether it
// held an escape.
func (s *scanner) str() (escaped, ok bool) {
	d := s.data
	i := s.pos + 1
	for i < len(d) {
		c := d[i]
		if plain[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			s.pos = i + 1
			return escaped, true
		case c == '\\':
			escaped = true
			if i+1 >= len(d) {
				return false, false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d) {
					return false, false
				}
				for _, h := range d[i+2 : i+6] {
					if !isHex(h) {
						return false, false
					}
				}
				i += 6
			default:
				return false, false
			}
		case c < 0x20:
			return false, false
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size <= 1 {
				return false, false
			}
			i += size
		}
	}
	return false, false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func (s *scanner) value(depth int) bool {
	if depth > maxDepth || s.pos >= len(s.data) {
		return false
	}
	switch c := s.data[s.pos]; {
	case c == '"':
		_, ok := s.str()
		return ok
	case c == '{':
		return s.object(depth)
	case c == '[':
		return s.array(depth)
	case c == 't':
		return s.word("true")
	case c == 'f':
		return s.word("false")
	case c == 'n':
		return s.word("null")
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	}
	return false
}

func (s *scanner) word(w string) bool {
	if len(s.data)-s.pos < len(w) || string(s.data[s.pos:s.pos+len(w)]) != w {
		return false
	}
	s.pos += len(w)
	return true
}

func (s *scanner) object(depth int) bool {
	s.pos++ // {
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		return true
	}
	for {
		s.space()
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return false
		}
		if _, ok := s.str(); !ok {
			return false
		}
		s.space()
		if s.pos >= len(s.data) || s.data[s.pos] != ':' {
			return false
		}
		s.pos++
		s.space()
		if !s.value(depth + 1) {
			return false
		}
		s.space()
		if s.pos >= len(s.data) {
			return false
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return true
		default:
			return false
		}
	}
}

func (s *scanner) array(depth int) bool {
	s.pos++ // [
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		return true
	}
	for {
		s.space()
		if !s.value(depth + 1) {
			return false
		}
		s.space()
		if s.pos >= len(s.data) {
			return false
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return true
		default:
			return false
		}
	}
}

// number skips a number as RFC 8259 writes it.
func (s *scanner) number() bool {
	d := s.data
	i := s.pos
	if d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	s.pos = i
	return true
}

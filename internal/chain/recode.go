package chain

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// Recoder re-encodes a JSON object text in its RFC 8785 form straight from
// its bytes, without building a [Value]: the verifier's fast path for lines
// that another handler wrote (slog.JSONHandler's order, spacing and
// escapes). It is strict: it reports false for any text that it cannot
// re-encode exactly as AppendCanonicalWithout(dst, Parse(data), skip)
// would, and the caller then parses that text in full, which also says
// what is wrong with it. Refused: syntax errors and trailing data,
// duplicate member names, member names that hold '"', '\\', a control
// character, invalid UTF-8 or a code point from U+E000 (whose UTF-8 order
// is not their UTF-16 order), nesting deeper than [MaxDepth], numbers out
// of range.
//
// The zero value is ready; a Recoder reuses its buffers from one text to
// the next and is not safe for concurrent use.
type Recoder struct {
	data   []byte
	pos    int
	out    []byte  // the caller's dst, then the canonical values being built, innermost object last
	spans  []mspan // the members of the open objects, innermost last
	str    []byte  // a string with escapes, decoded
	skip   [2]int  // the skipped member's value in data
	found  bool    // a member named skip was met at the top level
	peek   string  // the top-level member whose value is reported
	peeked []byte  // its value in data
}

// mspan is one member in r.out: its name (between the quotes) at
// [name, nameEnd), the whole `"name":value` at [start, end), and the
// name's first eight bytes (see namePrefix).
type mspan struct {
	start, name, nameEnd, end int
	prefix                    uint64
}

// AppendWithout appends the canonical form of the JSON object data without
// its top-level member named skip, and returns the raw bytes of that
// member's value (nil when data has none) and of the top-level member
// named peek (nil when data has none). ok is false when data is not one
// the Recoder re-encodes (see [Recoder]); dst is then returned as it was
// (the bytes after its length may have been written, as append may).
func (r *Recoder) AppendWithout(dst, data []byte, skip, peek string) (out, skipped, peeked []byte, ok bool) {
	r.data, r.pos, r.out, r.spans, r.found, r.peek, r.peeked = data, 0, dst, r.spans[:0], false, peek, nil
	r.space()
	if r.pos >= len(data) || data[r.pos] != '{' {
		return dst, nil, nil, false
	}
	if !r.object(0, skip) {
		return dst, nil, nil, false
	}
	r.space()
	if r.pos != len(data) {
		return dst, nil, nil, false
	}
	if r.found {
		skipped = data[r.skip[0]:r.skip[1]]
	}
	return r.out, skipped, r.peeked, true
}

func (r *Recoder) space() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// value appends the canonical form of the value at r.pos to r.out.
func (r *Recoder) value(depth int) bool {
	if depth > maxDepth || r.pos >= len(r.data) {
		return false
	}
	switch c := r.data[r.pos]; {
	case c == '{':
		return r.object(depth, "")
	case c == '[':
		return r.array(depth)
	case c == '"':
		if r.plainString() {
			return true
		}
		s, ok := r.string()
		if ok {
			r.out = AppendString(r.out, unsafe.String(unsafe.SliceData(s), len(s))) // read, not kept
		}
		return ok
	case c == 't':
		return r.literal("true")
	case c == 'f':
		return r.literal("false")
	case c == 'n':
		return r.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return r.number()
	}
	return false
}

func (r *Recoder) literal(word string) bool {
	if len(r.data)-r.pos < len(word) || string(r.data[r.pos:r.pos+len(word)]) != word {
		return false
	}
	r.pos += len(word)
	r.out = append(r.out, word...)
	return true
}

// plainString copies the string at r.pos as it stands when it is its own
// canonical form: no escape, no control character, valid UTF-8. It
// reports false, having read nothing, for any other string.
func (r *Recoder) plainString() bool {
	d := r.data
	ascii := true
	for i := r.pos + 1; i < len(d); i++ {
		c := d[i]
		switch {
		case plain[c]:
		case c == '"':
			if !ascii && !utf8.Valid(d[r.pos+1:i]) {
				return false
			}
			r.out = append(r.out, d[r.pos:i+1]...)
			r.pos = i + 1
			return true
		case c >= utf8.RuneSelf:
			ascii = false
		default: // '\\' or a control character
			return false
		}
	}
	return false
}

// string reads the string at r.pos and returns its bytes, decoded.
func (r *Recoder) string() ([]byte, bool) {
	s, next, escaped, bad := unquote(r.data, r.pos+1, r.str[:0])
	if bad != "" {
		return nil, false
	}
	if escaped {
		r.str = s[:0] // keep the room it grew
	}
	r.pos = next
	return s, true
}

// object appends the canonical form of the object at r.pos. At depth 0 a
// member named skip is checked and left out. The members are written in
// place as they come; only an object whose members come out of order is
// assembled again after them and moved down.
func (r *Recoder) object(depth int, skip string) bool {
	start, base := len(r.out), len(r.spans)
	if r.open('{', '}') {
		return true
	}
	sorted := true
	for {
		r.space()
		if r.pos >= len(r.data) || r.data[r.pos] != '"' {
			return false
		}
		name, ok := r.string()
		if !ok || !plainName(name) {
			return false
		}
		pre := len(r.out)
		if len(r.spans) > base {
			r.out = append(r.out, ',')
		}
		m := mspan{start: len(r.out)}
		r.out = append(r.out, '"')
		m.name = len(r.out)
		r.out = append(r.out, name...)
		m.nameEnd = len(r.out)
		m.prefix = namePrefix(name)
		r.out = append(r.out, '"', ':')
		r.space()
		if r.pos >= len(r.data) || r.data[r.pos] != ':' {
			return false
		}
		r.pos++
		r.space()
		from := r.pos
		if !r.value(depth + 1) {
			return false
		}
		if depth == 0 && string(r.out[m.name:m.nameEnd]) == r.peek {
			r.peeked = r.data[from:r.pos]
		}
		if depth == 0 && string(r.out[m.name:m.nameEnd]) == skip {
			if r.found {
				return false // a duplicate: Parse refuses it
			}
			r.found, r.skip = true, [2]int{from, r.pos}
			r.out = r.out[:pre]
		} else {
			m.end = len(r.out)
			if len(r.spans) > base {
				last := r.spans[len(r.spans)-1]
				switch c := compareMembers(r.out, last, m); {
				case c == 0:
					return false // a duplicate: Parse refuses it
				case c > 0:
					sorted = false
				}
			}
			r.spans = append(r.spans, m)
		}
		if more, ok := r.next('}'); !ok {
			return false
		} else if !more {
			break
		}
	}
	members := r.spans[base:]
	r.spans = r.spans[:base]
	if sorted {
		r.out = append(r.out, '}')
		return true
	}
	// Names are printable ASCII without escapes: their bytes sort as
	// their UTF-16 code units do.
	if !sortMembers(r.out, members) {
		return false // a duplicate: Parse refuses it
	}
	asm := len(r.out)
	r.out = append(r.out, '{')
	for i, m := range members {
		if i > 0 {
			r.out = append(r.out, ',')
		}
		r.out = append(r.out, r.out[m.start:m.end]...)
	}
	r.out = append(r.out, '}')
	n := copy(r.out[start:], r.out[asm:])
	r.out = r.out[:start+n]
	return true
}

// sortMembers sorts members by their names in out, and reports false if
// two names are equal. Insertion sort for the small objects of log lines;
// a hostile line's big object is sorted in O(n log n).
func sortMembers(out []byte, members []mspan) bool {
	if len(members) > 24 {
		slices.SortFunc(members, func(a, b mspan) int { return compareMembers(out, a, b) })
		for i := 1; i < len(members); i++ {
			if compareMembers(out, members[i-1], members[i]) == 0 {
				return false
			}
		}
		return true
	}
	for i := 1; i < len(members); i++ {
		m := members[i]
		j := i
		for ; j > 0; j-- {
			c := compareMembers(out, members[j-1], m)
			if c == 0 {
				return false
			}
			if c < 0 {
				break
			}
			members[j] = members[j-1]
		}
		members[j] = m
	}
	return true
}

// compareMembers orders members by their names in out: by their first
// eight bytes as one integer where those differ (plain names hold no NUL,
// so a shorter name sorts before its extensions), else by the whole
// names. A variable: tests count its calls.
var compareMembers = func(out []byte, a, b mspan) int {
	if a.prefix != b.prefix {
		if a.prefix < b.prefix {
			return -1
		}
		return 1
	}
	return bytes.Compare(out[a.name:a.nameEnd], out[b.name:b.nameEnd])
}

// namePrefix returns the first eight bytes of name as a big-endian
// integer, padded with zeros.
func namePrefix(name []byte) uint64 {
	if len(name) >= 8 {
		return binary.BigEndian.Uint64(name)
	}
	var b [8]byte
	copy(b[:], name)
	return binary.BigEndian.Uint64(b[:])
}

// open reads the opening byte at r.pos and writes it, and reports
// whether the closing one follows (an empty object or array, written
// whole).
func (r *Recoder) open(opening, closing byte) (empty bool) {
	r.pos++
	r.out = append(r.out, opening)
	r.space()
	if r.pos < len(r.data) && r.data[r.pos] == closing {
		r.pos++
		r.out = append(r.out, closing)
		return true
	}
	return false
}

// next reads what follows a member or an item: a comma (more to come) or
// the closing byte; ok is false for anything else.
func (r *Recoder) next(closing byte) (more, ok bool) {
	r.space()
	switch {
	case r.pos >= len(r.data):
		return false, false
	case r.data[r.pos] == ',':
		r.pos++
		return true, true
	case r.data[r.pos] == closing:
		r.pos++
		return false, true
	}
	return false, false
}

// plainName reports whether a member name is written as it is between
// quotes (no '"', '\\', control character or invalid UTF-8) and sorts by
// its bytes as by its UTF-16 code units: UTF-8 orders code points as
// UTF-16 does below U+E000, so names holding U+E000 or above (a lead byte
// from 0xEE) are refused.
func plainName(b []byte) bool {
	ascii := true
	for _, c := range b {
		switch {
		case c < 0x20 || c == '"' || c == '\\' || c >= 0xEE:
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	return ascii || utf8.Valid(b)
}

func (r *Recoder) array(depth int) bool {
	if r.open('[', ']') {
		return true
	}
	for i := 0; ; i++ {
		if i > 0 {
			r.out = append(r.out, ',')
		}
		r.space()
		if !r.value(depth + 1) {
			return false
		}
		if more, ok := r.next(']'); !ok || !more {
			if ok {
				r.out = append(r.out, ']')
			}
			return ok
		}
	}
}

// number appends the canonical form of the number at r.pos: an integer of
// at most 15 digits is its own form (but -0 is 0); any other number is
// parsed and written as [AppendNumber] writes it.
func (r *Recoder) number() bool {
	d, start := r.data, r.pos
	if d[r.pos] == '-' {
		r.pos++
	}
	digits := func() int {
		n := 0
		for r.pos < len(d) && d[r.pos] >= '0' && d[r.pos] <= '9' {
			r.pos++
			n++
		}
		return n
	}
	intDigits := 1
	if r.pos < len(d) && d[r.pos] == '0' {
		r.pos++
	} else if intDigits = digits(); intDigits == 0 {
		return false
	}
	plain := true
	if r.pos < len(d) && d[r.pos] == '.' {
		r.pos++
		if digits() == 0 {
			return false
		}
		plain = false
	}
	if r.pos < len(d) && (d[r.pos] == 'e' || d[r.pos] == 'E') {
		r.pos++
		if r.pos < len(d) && (d[r.pos] == '+' || d[r.pos] == '-') {
			r.pos++
		}
		if digits() == 0 {
			return false
		}
		plain = false
	}
	lit := d[start:r.pos]
	if plain && intDigits <= 15 {
		if string(lit) == "-0" {
			lit = lit[1:]
		}
		r.out = append(r.out, lit...)
		return true
	}
	f, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(lit), len(lit)), 64) // read, not kept
	if err != nil {
		return false
	}
	r.out = AppendNumber(r.out, f)
	return true
}

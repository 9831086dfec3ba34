package chain

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the type of a JSON [Value].
type Kind uint8

// The JSON kinds.
const (
	Null Kind = iota
	Bool
	Number
	String
	Object
	Array
)

// Value is a parsed JSON value. Objects keep their members sorted by
// [CompareKeys], so that serialising a Value is canonical.
type Value struct {
	Kind    Kind
	Bool    bool
	Num     float64
	Lit     string // a parsed number's literal text, for exactness checks
	Str     string
	Members []Member // Object, sorted, no duplicate names
	Items   []Value  // Array
}

// Member is one name/value pair of an object.
type Member struct {
	Name  string
	Value Value
}

// Str returns a string Value.
func Str(s string) Value { return Value{Kind: String, Str: s} }

// Num returns a number Value.
func Num(f float64) Value { return Value{Kind: Number, Num: f} }

// Obj returns an object Value with members sorted and duplicate names
// resolved (the last one wins, as slog's readers do).
func Obj(members []Member) Value {
	slices.SortStableFunc(members, func(a, b Member) int { return CompareKeys(a.Name, b.Name) })
	out := members[:0]
	for _, m := range members {
		if n := len(out); n > 0 && out[n-1].Name == m.Name {
			out[n-1] = m
			continue
		}
		out = append(out, m)
	}
	return Value{Kind: Object, Members: out}
}

// Get returns the member named name of an object.
func (v Value) Get(name string) (Value, bool) {
	i, ok := slices.BinarySearchFunc(v.Members, name, func(m Member, n string) int { return CompareKeys(m.Name, n) })
	if !ok {
		return Value{}, false
	}
	return v.Members[i].Value, true
}

// Without returns a copy of object v without the member named name.
func (v Value) Without(name string) Value {
	out := v
	out.Members = slices.DeleteFunc(slices.Clone(v.Members), func(m Member) bool { return m.Name == name })
	return out
}

// CompareKeys orders object member names by their UTF-16 code units, as
// RFC 8785 section 3.2.3 requires.
func CompareKeys(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < utf8.RuneSelf && b[i] < utf8.RuneSelf {
				return int(a[i]) - int(b[i])
			}
			// The first difference may lie inside a character ("é" and
			// "ê" differ in their second byte): compare whole strings.
			return compareUTF16(a, b)
		}
	}
	// One name is a prefix of the other. If the shorter ends inside a
	// character that the longer completes ("\xc3" and "\xc3\x80"), its last
	// byte is U+FFFD there and the longer's character may sort before it:
	// compare whole strings. Any other byte after the prefix leaves the
	// prefix's characters as they are, and the longer name sorts after.
	if n := min(len(a), len(b)); n < len(a) && a[n]&0xC0 == 0x80 || n < len(b) && b[n]&0xC0 == 0x80 {
		return compareUTF16(a, b)
	}
	return len(a) - len(b)
}

// compareUTF16 compares the UTF-16 code units of a and b. Names that are
// not valid UTF-8 (not I-JSON) and would tie as U+FFFD are ordered by
// their bytes, so that the order stays total.
func compareUTF16(a, b string) int {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	if len(ua) != len(ub) {
		return len(ua) - len(ub)
	}
	return strings.Compare(a, b)
}

// AppendCanonicalWithout appends object v without its member named skip,
// as AppendCanonical(dst, v.Without(skip)) would, without copying v.
func AppendCanonicalWithout(dst []byte, v Value, skip string) []byte {
	if v.Kind != Object {
		return AppendCanonical(dst, v)
	}
	dst = append(dst, '{')
	first := true
	for _, m := range v.Members {
		if m.Name == skip {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = AppendString(dst, m.Name)
		dst = append(dst, ':')
		dst = AppendCanonical(dst, m.Value)
	}
	return append(dst, '}')
}

// AppendCanonical appends the RFC 8785 serialisation of v.
func AppendCanonical(dst []byte, v Value) []byte {
	switch v.Kind {
	case Null:
		return append(dst, "null"...)
	case Bool:
		return strconv.AppendBool(dst, v.Bool)
	case Number:
		return AppendNumber(dst, v.Num)
	case String:
		return AppendString(dst, v.Str)
	case Array:
		dst = append(dst, '[')
		for i, it := range v.Items {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendCanonical(dst, it)
		}
		return append(dst, ']')
	case Object:
		dst = append(dst, '{')
		for i, m := range v.Members {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendString(dst, m.Name)
			dst = append(dst, ':')
			dst = AppendCanonical(dst, m.Value)
		}
		return append(dst, '}')
	}
	return append(dst, "null"...)
}

// AppendString appends s as an RFC 8785 string: '"' and '\\' escaped, the
// control characters as \b \t \n \f \r or \u00xx, everything else as UTF-8.
// Invalid UTF-8 is written as U+FFFD, byte by byte, as Go's JSON writers do.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		// Copy the run of bytes that need no attention in one append.
		j := i
		for j < len(s) && plain[s[j]] {
			j++
		}
		if j > i {
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, "\uFFFD"...)
			} else {
				dst = append(dst, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\b':
			dst = append(dst, '\\', 'b')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\f':
			dst = append(dst, '\\', 'f')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c < 0x20:
			const hex = "0123456789abcdef"
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		default:
			dst = append(dst, c)
		}
		i++
	}
	return append(dst, '"')
}

// AppendNumber appends f as ECMAScript's Number.prototype.toString does
// (RFC 8785 section 3.2.2.3). NaN and ±Inf are not JSON and are written as
// null; producers must not hash them as numbers.
func AppendNumber(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	if f == 0 {
		return append(dst, '0') // -0 too
	}
	if f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
		// An integer that float64 holds exactly, as are its neighbours:
		// its shortest digits, padded with zeros, are its own.
		return strconv.AppendInt(dst, int64(f), 10)
	}
	return appendShortest(dst, f)
}

// appendShortest is AppendNumber for finite, non-zero f, from its
// shortest round-trip digits.
func appendShortest(dst []byte, f float64) []byte {
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}
	// Shortest round-trip digits and the decimal exponent.
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	mant, exp := e, 0
	for i, c := range e {
		if c == 'e' {
			mant = e[:i]
			exp, _ = strconv.Atoi(string(e[i+1:]))
			break
		}
	}
	var digits []byte
	for _, c := range mant {
		if c != '.' {
			digits = append(digits, c)
		}
	}
	k, n := len(digits), exp+1 // value = 0.d1d2…dk × 10^n
	switch {
	case k <= n && n <= 21:
		dst = append(dst, digits...)
		for range n - k {
			dst = append(dst, '0')
		}
	case 0 < n && n <= 21:
		dst = append(dst, digits[:n]...)
		dst = append(dst, '.')
		dst = append(dst, digits[n:]...)
	case -6 < n && n <= 0:
		dst = append(dst, '0', '.')
		for range -n {
			dst = append(dst, '0')
		}
		dst = append(dst, digits...)
	default:
		dst = append(dst, digits[0])
		if k > 1 {
			dst = append(dst, '.')
			dst = append(dst, digits[1:]...)
		}
		dst = append(dst, 'e')
		if n-1 >= 0 {
			dst = append(dst, '+')
		}
		dst = strconv.AppendInt(dst, int64(n-1), 10)
	}
	return dst
}

// Errors from Parse.
var (
	ErrSyntax    = errors.New("invalid JSON")
	ErrDuplicate = errors.New("duplicate object member")
	ErrDepth     = errors.New("JSON nested too deeply")
)

// MaxDepth bounds nesting so that hostile input cannot exhaust the stack:
// Parse refuses a value nested more than MaxDepth levels below the top
// one. A writer keeps every record within it, so that the record parses.
const MaxDepth = 512

const maxDepth = MaxDepth

// Depth returns how deep v nests: 0 for a scalar or an empty container,
// 1 for a container of scalars, and so on.
func Depth(v Value) int {
	d := 0
	for _, m := range v.Members {
		d = max(d, 1+Depth(m.Value))
	}
	for _, it := range v.Items {
		d = max(d, 1+Depth(it))
	}
	return d
}

// Parse parses one JSON text. It never panics. Duplicate member names are an
// error (RFC 8785 requires I-JSON).
func Parse(data []byte) (Value, error) {
	var p Parser
	return p.Parse(data)
}

// Parser parses JSON texts one after another, reusing the member names it
// has seen (lines of a log repeat them). The zero value is ready; it is not
// safe for concurrent use.
type Parser struct {
	names map[string]string
}

// Parse is like the package function Parse.
func (ps *Parser) Parse(data []byte) (Value, error) {
	p := parser{data: data, names: ps.names}
	if p.names == nil {
		p.names = map[string]string{}
		ps.names = p.names
	}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return Value{}, err
	}
	p.space()
	if p.pos != len(p.data) {
		return Value{}, p.errorf("trailing data")
	}
	return v, nil
}

type parser struct {
	data  []byte
	pos   int
	names map[string]string
}

// name returns the member name b, interned.
func (p *parser) name(b []byte) string {
	if s, ok := p.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.names) < 1024 {
		p.names[s] = s
	}
	return s
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w at byte %d: %s", ErrSyntax, p.pos, fmt.Sprintf(format, args...))
}

func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) literal(word string) bool {
	if len(p.data)-p.pos >= len(word) && string(p.data[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *parser) value(depth int) (Value, error) {
	if depth > maxDepth {
		return Value{}, ErrDepth
	}
	if p.pos >= len(p.data) {
		return Value{}, p.errorf("unexpected end")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.string()
		return Str(s), err
	case c == 't' && p.literal("true"):
		return Value{Kind: Bool, Bool: true}, nil
	case c == 'f' && p.literal("false"):
		return Value{Kind: Bool}, nil
	case c == 'n' && p.literal("null"):
		return Value{Kind: Null}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return Value{}, p.errorf("unexpected %q", p.data[p.pos])
}

func (p *parser) object(depth int) (Value, error) {
	p.pos++ // {
	members := make([]Member, 0, 8)
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return Value{Kind: Object}, nil
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return Value{}, p.errorf("want a member name")
		}
		name, err := p.stringWith(p.name)
		if err != nil {
			return Value{}, err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return Value{}, p.errorf("want ':'")
		}
		p.pos++
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return Value{}, err
		}
		members = append(members, Member{name, v})
		p.space()
		if p.pos >= len(p.data) {
			return Value{}, p.errorf("unterminated object")
		}
		if p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.data[p.pos] != '}' {
			return Value{}, p.errorf("want ',' or '}'")
		}
		p.pos++
		break
	}
	slices.SortStableFunc(members, func(a, b Member) int { return CompareKeys(a.Name, b.Name) })
	for i := 1; i < len(members); i++ {
		if members[i].Name == members[i-1].Name {
			return Value{}, fmt.Errorf("%w %q", ErrDuplicate, members[i].Name)
		}
	}
	return Value{Kind: Object, Members: members}, nil
}

func (p *parser) array(depth int) (Value, error) {
	p.pos++ // [
	v := Value{Kind: Array}
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return v, nil
	}
	for {
		p.space()
		it, err := p.value(depth + 1)
		if err != nil {
			return Value{}, err
		}
		v.Items = append(v.Items, it)
		p.space()
		if p.pos >= len(p.data) {
			return Value{}, p.errorf("unterminated array")
		}
		if p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.data[p.pos] != ']' {
			return Value{}, p.errorf("want ',' or ']'")
		}
		p.pos++
		return v, nil
	}
}

func (p *parser) number() (Value, error) {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.pos < len(p.data) && p.data[p.pos] == '0' {
		p.pos++
	} else if digits() == 0 {
		return Value{}, p.errorf("bad number")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return Value{}, p.errorf("bad fraction")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return Value{}, p.errorf("bad exponent")
		}
	}
	lit := string(p.data[start:p.pos])
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return Value{}, p.errorf("number out of range: %s", lit)
	}
	return Value{Kind: Number, Num: f, Lit: lit}, nil
}

func (p *parser) string() (string, error) {
	return p.stringWith(func(b []byte) string { return string(b) })
}

// stringWith parses a string, turning its bytes into a string with conv.
func (p *parser) stringWith(conv func([]byte) string) (string, error) {
	s, next, _, bad := unquote(p.data, p.pos+1, nil)
	p.pos = next
	if bad != "" {
		return "", p.errorf("%s", bad)
	}
	return conv(s), nil
}

// unquote reads the JSON string whose text starts at data[pos], after its
// opening quote. It returns the string's bytes (a part of data when it
// has no escapes; else decoded and appended to buf, and escaped is set)
// and the offset after the closing quote; or, for a string that is not
// JSON, the offset of the fault and what it is.
func unquote(data []byte, pos int, buf []byte) (s []byte, next int, escaped bool, bad string) {
	start := pos
	for pos < len(data) {
		c := data[pos]
		switch {
		case c == '"':
			if !escaped { // no escapes: no copy
				return data[start:pos], pos + 1, false, ""
			}
			return append(buf, data[start:pos]...), pos + 1, true, ""
		case c < 0x20:
			return nil, pos, escaped, "control character in string"
		case c == '\\':
			buf, escaped = append(buf, data[start:pos]...), true
			pos++
			if pos >= len(data) {
				return nil, pos, true, "unterminated escape"
			}
			e := data[pos]
			pos++
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := hex4(data, pos)
				if !ok {
					return nil, pos, true, "bad \\u escape"
				}
				pos += 4
				if utf16.IsSurrogate(r) {
					r2 := utf8.RuneError
					if pos+1 < len(data) && data[pos] == '\\' && data[pos+1] == 'u' {
						if lo, ok := hex4(data, pos+2); ok && utf16.DecodeRune(r, lo) != utf8.RuneError {
							r2 = utf16.DecodeRune(r, lo)
							pos += 6
						}
					}
					r = r2
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return nil, pos, true, fmt.Sprintf("bad escape \\%c", e)
			}
			start = pos
		default:
			pos++
		}
	}
	return nil, pos, escaped, "unterminated string"
}

// hex4 reads the four hex digits at data[pos].
func hex4(data []byte, pos int) (rune, bool) {
	if len(data)-pos < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(data[pos:pos+4]), 16, 16)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}

// Exact returns v with every number whose literal is not exactly its
// canonical form (integers beyond 2^53, over-long decimals) turned into a
// string of the literal, so that hashing the canonical form loses nothing.
func Exact(v Value) Value {
	switch v.Kind {
	case Number:
		if v.Lit != "" && string(AppendNumber(nil, v.Num)) != v.Lit {
			return Str(v.Lit)
		}
	case Array:
		items := make([]Value, len(v.Items))
		for i, it := range v.Items {
			items[i] = Exact(it)
		}
		v.Items = items
	case Object:
		ms := make([]Member, len(v.Members))
		for i, m := range v.Members {
			ms[i] = Member{m.Name, Exact(m.Value)}
		}
		v.Members = ms
	}
	return v
}

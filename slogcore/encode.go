package slogcore

import (
	"log/slog"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// This file holds slogcore's allocation-free JSON encoding of scalar values.
// Every function appends exactly the bytes that slog.JSONHandler writes for
// the same input, so that switching handlers changes no downstream parser,
// except where slog's bytes are not JSON (appendTime).

const hexDigits = "0123456789abcdef"

// safeSet reports, for each byte, whether it can appear in a JSON string
// without escaping. It matches log/slog's table: '<', '>' and '&' are not
// escaped, DEL is not escaped. Bytes from 0x80 up start or continue a
// multi-byte sequence and take the slow path, which checks the encoding.
var safeSet = func() (t [256]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// appendString appends s as a quoted JSON string.
func appendString(buf []byte, s string) []byte {
	i := safePrefix(s)
	buf = append(buf, '"')
	if i == len(s) {
		buf = append(buf, s...)
	} else {
		buf = appendEscapedFrom(buf, s, i)
	}
	return append(buf, '"')
}

// safePrefix returns the length of the longest prefix of s that needs no
// escaping.
func safePrefix(s string) int {
	i := 0
	for i+8 <= len(s) && safeWord(load64(s, i)) {
		i += 8
	}
	for i < len(s) && safeSet[s[i]] {
		i++
	}
	return i
}

// appendEscapedFrom appends the JSON-escaped body of s (without quotes),
// whose first i bytes are known to need no escaping: control characters,
// '"' and '\\' escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped,
// exactly as log/slog does.
func appendEscapedFrom(buf []byte, s string, i int) []byte {
	start := 0
	for i < len(s) {
		// Skip eight bytes at a time while none of them needs attention.
		for i+8 <= len(s) && safeWord(load64(s, i)) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		b := s[i]
		if safeSet[b] {
			i++
			continue
		}
		if b < utf8.RuneSelf {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\')
			switch b {
			case '\\', '"':
				buf = append(buf, b)
			case '\n':
				buf = append(buf, 'n')
			case '\r':
				buf = append(buf, 'r')
			case '\t':
				buf = append(buf, 't')
			default:
				buf = append(buf, 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\u202`...)
			buf = append(buf, hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(buf, s[start:]...)
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// load64 reads eight bytes of s at i, little-endian.
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// safeWord reports whether none of the eight bytes in w is a control
// character, '"', '\\' or a byte of a multi-byte UTF-8 sequence.
func safeWord(w uint64) bool {
	lessThanSpace := (w - lsb*0x20) & ^w
	quote := w ^ (lsb * '"')
	quote = (quote - lsb) & ^quote
	backslash := w ^ (lsb * '\\')
	backslash = (backslash - lsb) & ^backslash
	return (lessThanSpace|quote|backslash|w)&msb == 0
}

// appendFloat appends f the way encoding/json does (ES6 number formatting),
// which is what slog.JSONHandler uses for float64 values. NaN and ±Inf are
// not JSON; slog writes the marshalling error as a string, and so do we.
func appendFloat(buf []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return appendString(buf, "!ERROR:json: unsupported value: "+strconv.FormatFloat(f, 'g', -1, 64))
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	buf = strconv.AppendFloat(buf, f, format, -1, 64)
	if format == 'e' {
		// Clean up e-09 to e-9, as encoding/json does.
		n := len(buf)
		if n >= 4 && buf[n-4] == 'e' && buf[n-3] == '-' && buf[n-2] == '0' {
			buf[n-2] = buf[n-1]
			buf = buf[:n-1]
		}
	}
	return buf
}

// timeCache remembers the formatted date, clock and zone of the last second
// seen, so that a worker writing many records per second formats each
// timestamp's prefix once. The zero value is ready; it is not safe for
// concurrent use.
type timeCache struct {
	sec    int64
	loc    *time.Location
	prefix [20]byte // `"2006-01-02T15:04:05`
	zone   [6]byte  // "Z" or "-07:00"
	nzone  int
	valid  bool
}

// append appends t as appendTime does, using and updating the cache.
func (c *timeCache) append(buf []byte, t time.Time) []byte {
	sec, loc := t.Unix(), t.Location()
	if !c.valid || sec != c.sec || loc != c.loc {
		year, _, _ := t.Date()
		if year < 0 || year >= 10000 {
			return appendTime(buf, t)
		}
		var scratch [48]byte
		full := appendTime(scratch[:0], t.Truncate(time.Second))
		copy(c.prefix[:], full[:20])
		c.nzone = copy(c.zone[:], full[20:len(full)-1])
		c.sec, c.loc, c.valid = sec, loc, true
	}
	buf = append(buf, c.prefix[:]...)
	if ns := t.Nanosecond(); ns != 0 {
		buf = appendFraction(buf, ns)
	}
	buf = append(buf, c.zone[:c.nzone]...)
	return append(buf, '"')
}

// appendFraction appends ".ddddddddd", the nanoseconds ns (0 < ns < 1e9)
// as a decimal fraction without trailing zeros, two digits at a time.
func appendFraction(buf []byte, ns int) []byte {
	var b [10]byte
	b[0] = '.'
	b[1] = byte('0' + ns/1e8)
	r := ns % 1e8
	put2(b[2:], r/1e6)
	r %= 1e6
	put2(b[4:], r/1e4)
	r %= 1e4
	put2(b[6:], r/100)
	put2(b[8:], r%100)
	n := 10
	for b[n-1] == '0' {
		n--
	}
	return append(buf, b[:n]...)
}

// appendTime appends t as a quoted RFC 3339 timestamp with nanoseconds and
// trailing zeros removed (time.RFC3339Nano), without calling time.Format.
// A year outside [0, 9999] is written as one string holding an !ERROR and
// the time. slog.JSONHandler writes the two as two strings in a row, which
// is not JSON; this is the one value where the bytes differ from slog's.
func appendTime(buf []byte, t time.Time) []byte {
	year, month, day := t.Date()
	if year < 0 || year >= 10000 {
		buf = append(buf, `"!ERROR:time.Time year outside of range [0,9999]: `...)
		buf = t.AppendFormat(buf, time.RFC3339Nano) // digits, '-', '+', ':', '.', 'T', 'Z': nothing to escape
		return append(buf, '"')
	}
	hour, minute, sec := t.Clock()
	var b [37]byte // "2006-01-02T15:04:05.999999999-07:00"
	b[0] = '"'
	put4(b[1:], year)
	b[5] = '-'
	put2(b[6:], int(month))
	b[8] = '-'
	put2(b[9:], day)
	b[11] = 'T'
	put2(b[12:], hour)
	b[14] = ':'
	put2(b[15:], minute)
	b[17] = ':'
	put2(b[18:], sec)
	n := 20
	if ns := t.Nanosecond(); ns != 0 {
		b[n] = '.'
		for i := 9; i > 0; i-- {
			b[n+i] = byte('0' + ns%10)
			ns /= 10
		}
		n += 10
		for b[n-1] == '0' {
			n--
		}
	}
	_, offset := t.Zone()
	if offset == 0 {
		b[n] = 'Z'
		n++
	} else {
		zone := offset / 60
		b[n] = '+'
		if zone < 0 {
			b[n] = '-'
			zone = -zone
		}
		put2(b[n+1:], zone/60)
		b[n+3] = ':'
		put2(b[n+4:], zone%60)
		n += 6
	}
	b[n] = '"'
	return append(buf, b[:n+1]...)
}

// put2 writes v, 0 <= v < 100, as two digits.
func put2(b []byte, v int) {
	_ = b[1]
	b[0] = byte('0' + v/10)
	b[1] = byte('0' + v%10)
}

// put4 writes v, 0 <= v < 10000, as four digits.
func put4(b []byte, v int) {
	put2(b, v/100)
	put2(b[2:], v%100)
}

// appendScalar appends a value of any kind other than KindAny, KindGroup and
// KindLogValuer. It reports false for those kinds.
func appendScalar(buf []byte, v slog.Value) ([]byte, bool) {
	return appendScalarKind(buf, v, v.Kind(), nil)
}

// appendScalarKind is appendScalar for a value of kind k, with a cache for
// times, which may be nil.
func appendScalarKind(buf []byte, v slog.Value, k slog.Kind, times *timeCache) ([]byte, bool) {
	switch k {
	case slog.KindString:
		return appendString(buf, v.String()), true
	case slog.KindInt64:
		return strconv.AppendInt(buf, v.Int64(), 10), true
	case slog.KindUint64:
		return strconv.AppendUint(buf, v.Uint64(), 10), true
	case slog.KindFloat64:
		return appendFloat(buf, v.Float64()), true
	case slog.KindBool:
		return strconv.AppendBool(buf, v.Bool()), true
	case slog.KindDuration:
		return strconv.AppendInt(buf, int64(v.Duration()), 10), true
	case slog.KindTime:
		if times != nil {
			return times.append(buf, v.Time()), true
		}
		return appendTime(buf, v.Time()), true
	}
	return buf, false
}

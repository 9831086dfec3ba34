package redact

import (
	"log/slog"
	"reflect"
	"slices"
	"strings"
)

// A JSON Web Key (RFC 7517) names nothing in it as secret: its private
// members are letters (d, p, q, dp, dq, qi, k, oth; priv for the AKP
// keys of the post-quantum drafts), and only its "kty" member says that
// the object is a key. An object with a kty member, as a map, a struct, a
// group or JSON in text, therefore has the values of those members
// masked: RSA's private exponent and primes with their CRT values and
// other primes (d, p, q, dp, dq, qi, oth), the private key of EC and OKP
// (d), the key of an oct key (k) and of an AKP key (priv). The public
// members (n, e, x, y, crv, kid, alg, use, key_ops, x5c, pub) stay. The
// private-key detector ([DetectPrivateKey]) turns this on.

// isKty reports whether k is the name of a JWK's key type member, as JSON
// names it or as a Go field without a tag is written (Kty).
func isKty(k string) bool { return len(k) == 3 && (k == "kty" || k == "Kty" || k == "KTY") }

// jwkPrivate reports whether name, in any case, is a private member of a
// JWK (RFC 7518 section 6; priv of the AKP drafts).
func jwkPrivate(name string) bool {
	if len(name) == 0 || len(name) > 4 {
		return false
	}
	switch strings.ToLower(name) {
	case "d", "p", "q", "dp", "dq", "qi", "k", "oth", "priv":
		return true
	}
	return false
}

// findJWK adds the spans of the private members' values of every JWK
// written as JSON in s: with its quotes plain ({"kty":…}), escaped inside
// a string ({\"kty\":…}, escaped twice too) or single (a Python dict's
// repr). The object is the one whose braces hold the kty member, its
// members before kty included.
func findJWK(s string, spans []span) []span {
	lo := 0 // where the search for an object's opening brace stops: the end of the last object
	for i := 0; ; {
		k := strings.Index(s[i:], "kty")
		if k < 0 {
			k = strings.Index(s[i:], "Kty")
			if k < 0 {
				return spans
			}
		} else if l := strings.Index(s[i:i+k], "Kty"); l >= 0 {
			k = l
		}
		at := i + k
		i = at + 3
		q, ok := quoteBefore(s, at)
		if !ok || !strings.HasPrefix(s[i:], q) {
			continue
		}
		if p := skipJSONSpace(s, i+len(q)); p >= len(s) || s[p] != ':' {
			continue
		}
		// Each search back and each object read covers text after the
		// last: the work stays linear in s, whatever it holds.
		open := objectStart(s, lo, at)
		if open < 0 {
			lo = at
			continue
		}
		var end int
		spans, end = jwkMembers(s, open, spans)
		lo = max(at, end)
		i = max(i, end)
	}
}

// quoteBefore returns the quote that ends right before s[at]: ", ', or "
// after backslashes (\", \\\"), and whether there is one.
func quoteBefore(s string, at int) (string, bool) {
	if at == 0 {
		return "", false
	}
	switch s[at-1] {
	case '\'':
		return "'", true
	case '"':
		b := at - 1
		for b > 0 && s[b-1] == '\\' {
			b--
		}
		return s[b:at], true
	}
	return "", false
}

// objectStart returns the index of the '{' that opens the object holding
// s[at], searching back no further than lo, or -1.
func objectStart(s string, lo, at int) int {
	depth := 0
	for j := at - 1; j >= lo; j-- {
		switch s[j] {
		case '}', ']':
			depth++
		case '[':
			depth--
		case '{':
			if depth == 0 {
				return j
			}
			depth--
		}
		if depth < 0 { // inside an array that holds the key: no object
			return -1
		}
	}
	return -1
}

// skipJSONSpace skips white space and the escapes of white space that
// JSON quoted in a string holds (\n, \t, \r, \\n).
func skipJSONSpace(s string, p int) int {
	for p < len(s) {
		switch c := s[p]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p++
		case c == '\\':
			e := p
			for e < len(s) && s[e] == '\\' {
				e++
			}
			if e >= len(s) || s[e] != 'n' && s[e] != 't' && s[e] != 'r' {
				return p
			}
			p = e + 1
		default:
			return p
		}
	}
	return p
}

// quotedAt reads the quoted string that opens at s[p], with any of the
// quotes quoteBefore knows, and returns where its text starts and ends and
// where the string ends, or ok false.
func quotedAt(s string, p int) (start, end, after int, ok bool) {
	e := p
	for e < len(s) && s[e] == '\\' {
		e++
	}
	if e >= len(s) || s[e] != '"' && (s[e] != '\'' || e > p) {
		return 0, 0, 0, false
	}
	q := s[p : e+1]
	start = e + 1
	if len(q) == 1 {
		for i := start; i < len(s); i++ {
			if s[i] == '\\' {
				i++
				continue
			}
			if s[i] == q[0] {
				return start, i, i + 1, true
			}
		}
		return 0, 0, 0, false
	}
	n := strings.Index(s[start:], q)
	if n < 0 {
		return 0, 0, 0, false
	}
	return start, start + n, start + n + len(q), true
}

// closeOf returns the index just past the bracket or brace that closes the
// one at s[p], or len(s).
func closeOf(s string, p int) int {
	depth := 0
	for i := p; i < len(s); i++ {
		switch s[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(s)
}

// jwkMembers adds the spans of the private members' values of the JSON
// object that opens at s[open], and returns where the object ends. It
// stops at the first thing that is not a member.
func jwkMembers(s string, open int, spans []span) ([]span, int) {
	p := open + 1
	for {
		p = skipJSONSpace(s, p)
		if p >= len(s) || s[p] == '}' {
			return spans, min(p+1, len(s))
		}
		if s[p] == ',' {
			p++
			continue
		}
		ks, ke, after, ok := quotedAt(s, p)
		if !ok {
			return spans, p
		}
		p = skipJSONSpace(s, after)
		if p >= len(s) || s[p] != ':' {
			return spans, p
		}
		p = skipJSONSpace(s, p+1)
		if p >= len(s) {
			return spans, p
		}
		private := jwkPrivate(s[ks:ke])
		switch s[p] {
		case '{', '[':
			end := closeOf(s, p)
			if private { // oth: the values of every member of its objects
				spans = quotedValues(s, p, end, spans)
			}
			p = end
		default:
			vs, ve, after, ok := quotedAt(s, p)
			if !ok && private && (s[p] == '"' || s[p] == '\'' || s[p] == '\\') { // a value cut short (a truncated line): its characters
				vs = p
				for vs < len(s) && (s[vs] == '\\' || s[vs] == '"' || s[vs] == '\'') {
					vs++
				}
				ve = vs
				for ve < len(s) && (isB64URL(s[ve]) || s[ve] == '+' || s[ve] == '/' || s[ve] == '=') {
					ve++
				}
				if ve > vs {
					spans = append(spans, span{vs, ve})
				}
				return spans, len(s)
			}
			if !ok { // a number, true, null: up to the next member
				for p < len(s) && s[p] != ',' && s[p] != '}' {
					p++
				}
				continue
			}
			if private && ve > vs {
				spans = append(spans, span{vs, ve})
			}
			p = after
		}
	}
}

// quotedValues adds the spans of the quoted values after a colon in
// s[p:end].
func quotedValues(s string, p, end int, spans []span) []span {
	for ; p < end; p++ {
		if s[p] != ':' {
			continue
		}
		if vs, ve, after, ok := quotedAt(s, skipJSONSpace(s, p+1)); ok && after <= end {
			if ve > vs {
				spans = append(spans, span{vs, ve})
			}
			p = after - 1
		}
	}
	return spans
}

// jwkGroup masks the private members of a group whose member at ktyAt is
// a JWK's kty, into out (a copy of g made when first needed), and returns
// out.
func (w *walk) jwkGroup(g []slog.Attr, ktyAt int, out []slog.Attr) []slog.Attr {
	if kty := g[ktyAt].Value.Resolve(); kty.Kind() != slog.KindString || kty.String() == "" {
		return out
	}
	for i, ga := range g {
		if !jwkPrivate(ga.Key) || isEmptyValue(ga.Value.Resolve().Any()) {
			continue
		}
		if out == nil {
			out = slices.Clone(g)
		}
		w.r.count(DetectPrivateKey.Name)
		out[i] = slog.Attr{Key: out[i].Key, Value: w.maskAll(ga.Value.Resolve())}
	}
	return out
}

// jwkMap masks the private members of the map rv (with string keys) when
// its kty member is a JWK's, into out (a copy of rv made when first
// needed), and returns out.
func (w *walk) jwkMap(rv reflect.Value, out map[string]any) map[string]any {
	kty := reflect.Value{}
	for _, k := range [...]string{"kty", "Kty", "KTY"} {
		if v := rv.MapIndex(reflect.ValueOf(k).Convert(rv.Type().Key())); v.IsValid() {
			kty = v
		}
	}
	for kty.IsValid() && kty.Kind() == reflect.Interface && !kty.IsNil() {
		kty = kty.Elem()
	}
	if !kty.IsValid() || kty.Kind() != reflect.String || kty.Len() == 0 {
		return out
	}
	iter := rv.MapRange()
	for iter.Next() {
		k := iter.Key().String()
		if !jwkPrivate(k) || !iter.Value().CanInterface() || isEmptyValue(iter.Value().Interface()) {
			continue
		}
		if out == nil {
			out = make(map[string]any, rv.Len())
			it2 := rv.MapRange()
			for it2.Next() {
				out[mapKey(it2.Key())] = it2.Value().Interface()
			}
		}
		w.r.count(DetectPrivateKey.Name)
		out[k] = w.r.mask
	}
	return out
}

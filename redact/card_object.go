package redact

import "log/slog"

// cardMetadata are the members of a card object that PCI DSS lets a log
// show beside the masked account number: the last four digits
// (requirement 3.4.1 allows them with the first six), and what is no
// cardholder data at all: the brand, the funding (credit, debit,
// prepaid), the issuing country and the processor's fingerprint, a digest
// that names the card without revealing it. The account number, the
// verification code, the PIN, the expiry (cardholder data that PCIDSS
// masks) and every other member are masked. Keys are compared in lower
// case without '_', '-' or spaces.
var cardMetadata = [...]string{"last4", "lastfour", "lastdigits", "brand", "displaybrand", "funding", "country", "fingerprint", "network"}

// isCardMetadata reports whether key names one of cardMetadata.
func isCardMetadata(key string) bool {
	var buf [16]byte
	n := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c == '_' || c == '-' || c == ' ' {
			continue
		}
		if n == len(buf) {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	for _, m := range cardMetadata {
		if string(buf[:n]) == m {
			return true
		}
	}
	return false
}

// cardObject redacts a, whose key is "card" alone under rule, when its
// value is an object (a group or a map with string keys): the members of
// cardMetadata are walked as any attr is, every other member is masked.
// It reports false for any other value, which is judged as a whole.
func (w *walk) cardObject(a slog.Attr, rule string, depth int) (slog.Attr, bool) {
	var g []slog.Attr
	switch a.Value.Kind() {
	case slog.KindGroup:
		g = a.Value.Group()
	case slog.KindAny:
		switch m := a.Value.Any().(type) {
		case map[string]any:
			out := make(map[string]any, len(m))
			for k, v := range m {
				if isCardMetadata(k) {
					if nv, ch := w.value(k, v, depth+1); ch {
						v = nv
					}
					out[k] = v
					continue
				}
				w.r.count(rule)
				out[k] = w.maskAll(slog.AnyValue(v)).Any()
			}
			return slog.Any(a.Key, out), true
		case map[string]string:
			out := make(map[string]string, len(m))
			for k, v := range m {
				if isCardMetadata(k) {
					v, _ = w.r.String(v)
				} else {
					w.r.count(rule)
					v = w.r.mask
				}
				out[k] = v
			}
			return slog.Any(a.Key, out), true
		}
		return a, false
	default:
		return a, false
	}
	if depth >= w.r.maxDepth {
		return a, false
	}
	out := make([]slog.Attr, len(g))
	for i, ga := range g {
		if isCardMetadata(ga.Key) && ga.Value.Resolve().Kind() != slog.KindGroup {
			out[i], _ = w.attr(ga, depth+1)
			continue
		}
		w.r.count(rule)
		out[i] = slog.Attr{Key: ga.Key, Value: w.maskAll(ga.Value.Resolve())}
	}
	return slog.Attr{Key: a.Key, Value: slog.GroupValue(out...)}, true
}

// cardMemberSpans appends to spans the values of the members of the JSON
// object between the '{' at s[v] and its '}' at s[e] that are not
// cardMetadata (a nested object or array whole), calling note once for
// each. A member that cannot be read ends the walk with the rest of the
// object masked.
func cardMemberSpans(s string, v, e int, spans []span, note func()) []span {
	i := v + 1
	for {
		i = cardSpace(s, i, e)
		if i < e && s[i] == ',' {
			i = cardSpace(s, i+1, e)
		}
		if i >= e {
			return spans
		}
		if s[i] != '"' {
			break
		}
		ke := jsonStringEnd(s, i, e)
		c := cardSpace(s, ke, e)
		if ke >= e || c >= e || s[c] != ':' {
			break
		}
		key := s[i+1 : ke-1]
		vs := cardSpace(s, c+1, e)
		ve := jsonValueEnd(s, vs, e)
		if ve <= vs {
			break
		}
		if !isCardMetadata(key) || s[vs] == '{' || s[vs] == '[' {
			switch {
			case s[vs] != '"':
				spans = append(spans, span{vs, ve})
				note()
			case ve-vs > 2: // a string's text; "" holds nothing
				spans = append(spans, span{vs + 1, ve - 1})
				note()
			}
		}
		i = ve
	}
	if i < e {
		spans = append(spans, span{i, e})
		note()
	}
	return spans
}

// cardSpace returns the first position from i, before e, that is not
// JSON white space.
func cardSpace(s string, i, e int) int {
	for i < e && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// jsonStringEnd returns the position after the '"' that closes the JSON
// string whose '"' is at s[i], or e when it is not closed before e.
func jsonStringEnd(s string, i, e int) int {
	for j := i + 1; j < e; j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return e
}

// jsonValueEnd returns the end of the JSON value that starts at s[i]: a
// string, an object or array (objectEnd's), or a scalar up to ',', '}' or
// white space.
func jsonValueEnd(s string, i, e int) int {
	if i >= e {
		return i
	}
	switch s[i] {
	case '"':
		return jsonStringEnd(s, i, e)
	case '{', '[':
		return min(objectEnd(s, i)+1, e)
	}
	j := i
	for j < e && s[j] != ',' && s[j] != '}' && s[j] != ']' && s[j] != ' ' && s[j] != '\n' {
		j++
	}
	return j
}

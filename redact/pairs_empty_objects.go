package redact

import "strings"

// emptyMembers reports whether v, the inside of an object written after a
// key ({ email: null }, {"phone": ""}, { }), holds nothing: no member, or
// members whose every value is a placeholder for no value (null, nil,
// undefined, an empty string). MongoDB writes such an object in a
// duplicate-key error ("dup key: { email: null }") for documents that lack
// the indexed field; the name of a field is not its value.
func emptyMembers(v string) bool {
	if len(v) > 256 || strings.ContainsAny(v, "{[\n") {
		return false
	}
	for m := range strings.SplitSeq(v, ",") {
		m = strings.TrimSpace(m)
		if m == "" {
			continue
		}
		name, val, ok := strings.Cut(m, ":")
		if !ok || !memberName(strings.TrimSpace(name)) {
			return false
		}
		var fb foldBuf
		switch fb.lower(strings.TrimSpace(val)) {
		case "null", "nil", "undefined", `""`, "''", "none":
		default:
			return false
		}
	}
	return true
}

// memberName reports whether n is an object member's name, quoted or not:
// letters, digits, '_', '.', '-' and '$' (a MongoDB field path).
func memberName(n string) bool {
	if len(n) >= 2 && (n[0] == '"' && n[len(n)-1] == '"' || n[0] == '\'' && n[len(n)-1] == '\'') {
		n = n[1 : len(n)-1]
	}
	if n == "" {
		return false
	}
	for i := 0; i < len(n); i++ {
		if c := n[i]; !isAlnum(c) && strings.IndexByte("_.-$", c) < 0 {
			return false
		}
	}
	return true
}

package redact

import "strings"

// maxSectionName is the longest INI section name iniSections reads.
const maxSectionName = 64

// iniSections masks the value of an INI file's entry whose key names a
// secret only after its section's name, as configparser and git config
// join the two: [credentials] key = …, [auth] value = …, [api] key = …
// are credentials.key, auth.value and api.key. An entry whose key names
// a secret alone is findPairs' own. Entries run from the line after the
// section's to the next section's line.
func (r *Redactor) iniSections(s string, spans []span, note func(string)) []span {
	section, subsection := "", false
	var buf [maxSectionName + maxTextKey + 1]byte
	for ls := 0; ls < len(s); {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		line := s[ls:le]
		start := ls
		ls = le + 1
		t := strings.TrimLeft(line, " \t")
		if t == "" {
			continue
		}
		if t[0] == '[' {
			section = iniSectionName(t)
			subsection = section != "" && strings.IndexByte(t, '"') >= 0
			continue
		}
		if section == "" || t[0] == '#' || t[0] == ';' {
			continue
		}
		ks := start + len(line) - len(t)
		ke := ks
		for ke < le && ke-ks <= maxTextKey && (isKeyChar(s[ke]) || s[ke] == '.') {
			ke++
		}
		op := skipSpaces(s, ke)
		if ke == ks || ke-ks > maxTextKey || op >= le || s[op] != '=' && s[op] != ':' {
			continue
		}
		key := s[ks:ke]
		if r.keyRule(key) != "" || iniIdentityKeys[strings.ToLower(key)] {
			continue // the key alone names a secret (findPairs masks its value), or whose it is
		}
		joined := append(append(append(buf[:0], section...), '.'), key...)
		rule := r.keyRule(string(joined))
		holder := false
		if rule == "" && !subsection && iniHolderKeys[strings.ToLower(key)] && iniKeySections[lastKeyWord(section)] {
			rule, holder = r.keyRule(section+".key"), true // [api] value = …: the section's key
		}
		if rule == "" {
			continue
		}
		vs := skipSpaces(s, op+1)
		ve := le
		for ve > vs && (s[ve-1] == ' ' || s[ve-1] == '\t' || s[ve-1] == '\r') {
			ve--
		}
		if ve > vs && isQuote(s[vs]) {
			vs, ve = valueAt(s, vs)
		}
		if holder && strings.Trim(s[vs:ve], "0123456789") == "" {
			continue // [api] value = 30: a setting's number
		}
		if ve > vs && !r.keepValue(key, s[vs:ve]) && !strings.HasPrefix(s[vs:ve], r.mask) {
			spans = append(spans, span{vs, ve})
			note(rule)
		}
	}
	return spans
}

// iniIdentityKeys name whom a section's secret is for, or how it is
// kept, and no secret under any section: [credentials] username = bob,
// [credential] helper = store.
var iniIdentityKeys = map[string]bool{
	"user": true, "username": true, "user_name": true, "login": true, "email": true, "name": true,
	"account": true, "helper": true, "id": true, "client_id": true, "tenant": true, "tenant_id": true,
}

// iniHolderKeys are keys that hold their section's value and say no more
// of it: [api] value = … is the API's key.
var iniHolderKeys = map[string]bool{
	"value": true, "val": true, "data": true, "content": true, "contents": true, "string": true,
}

// iniKeySections are the last words of a section's name that, with
// "key", spell a term of the kind "api key": the key an entry of
// iniHolderKeys holds under them.
var iniKeySections = map[string]bool{
	"api": true, "access": true, "private": true, "signing": true, "encryption": true, "master": true,
	"license": true, "licence": true, "subscription": true, "application": true, "app": true,
	"account": true, "session": true,
}

// lastKeyWord returns the last word of a section's name, lower-cased:
// after its last '.', '_', '-' or space (stripe.api, my-app).
func lastKeyWord(name string) string {
	return strings.ToLower(name[strings.LastIndexAny(name, "._- ")+1:])
}

// iniSectionName returns the name of the section that the line t opens
// ([credentials], [ auth ]), or "" when t is no section's line or its
// name is longer than maxSectionName.
func iniSectionName(t string) string {
	e := strings.IndexByte(t, ']')
	if e < 0 || e > maxSectionName+2 {
		return ""
	}
	if rest := strings.TrimRight(t[e+1:], " \t\r"); rest != "" && rest[0] != '#' && rest[0] != ';' {
		return "" // [smtp.example.net]:587 …, a list, a log line's bracketed prefix
	}
	name := strings.TrimSpace(t[1:e])
	if sp := strings.IndexByte(name, ' '); sp > 0 && strings.HasPrefix(strings.TrimLeft(name[sp:], " "), `"`) && name[len(name)-1] == '"' {
		name = name[:sp] // [auth "prod"], as git config names a subsection: the section is auth
	}
	for i := 0; i < len(name); i++ {
		if !isKeyChar(name[i]) && name[i] != '.' {
			return ""
		}
	}
	return name
}

// iniKeySectionAt reports whether the word s[start:end], before a ']',
// ends the name of an INI section of iniKeySections on a line of its own
// ([api], [stripe.api]): prescan's test for iniSections.
func iniKeySectionAt(s string, start, end int) bool {
	if end-start > 12 || !iniKeySections[strings.ToLower(s[start:end])] {
		return false
	}
	o := start - 1
	for o >= 0 && start-o <= maxSectionName && (isKeyChar(s[o]) || s[o] == '.') {
		o--
	}
	return o >= 0 && s[o] == '[' && lineStartAt(s, o)
}

// iniSubsection reports whether the key at s[a] and the quoted name that
// ends at s[ve] (its closing quote) open a line as a git-style INI
// section with a subsection: [credential "https://example.com"]. The
// name is the subsection's, no value of the key.
func iniSubsection(s string, a, ve int) bool {
	return a > 0 && s[a-1] == '[' && lineStartAt(s, a-1) && ve+1 < len(s) && s[ve+1] == ']'
}

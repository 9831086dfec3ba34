package redact

import "strings"

// A Kubernetes Secret holds secrets under every key of its data and
// stringData maps, whatever the keys are called (db-url, config.json,
// .dockerconfigjson): its kind says so, not its keys. kubeSecretData finds
// Secret manifests in text (YAML, JSON, and JSON escaped inside a string,
// as the last-applied-configuration annotation holds it) and masks the
// value of every member of their data and stringData maps; the keys stay.
// A manifest of another kind (a ConfigMap's data) is left to the other
// rules. Documents of a YAML stream (---) are judged one by one.

// secretLiterals masks the value of every --from-literal=KEY=VALUE of a
// command that creates a Secret (kubectl or oc create secret generic …),
// whatever the key: the Secret's data. The keys stay. A command that makes
// no Secret (kubectl create configmap …) is left to the other rules.
func (r *Redactor) secretLiterals(s string, spans []span, note func(string)) []span {
	rule := r.terms["secret"]
	if rule == "" {
		return spans
	}
	for i := 0; ; {
		k := strings.Index(s[i:], "--from-literal")
		if k < 0 {
			return spans
		}
		f := i + k
		i = f + len("--from-literal")
		line := commandStart(s, f)
		if !secretCommand(s[line:f]) || i >= len(s) || s[i] != '=' && s[i] != ' ' {
			continue
		}
		ks := i + 1
		q := byte(0)
		if ks < len(s) && isQuote(s[ks]) {
			q = s[ks]
			ks++
		}
		eq := ks
		for eq < len(s) && s[eq] != '=' && s[eq] != ' ' && s[eq] != '\n' && s[eq] != q {
			eq++
		}
		if eq >= len(s) || s[eq] != '=' || eq == ks {
			continue
		}
		ve := eq + 1
		if q != 0 {
			for ve < len(s) && s[ve] != q && s[ve] != '\n' {
				ve++
			}
		} else if ve < len(s) && isQuote(s[ve]) {
			vs, e := valueAt(s, ve)
			eq, ve = vs-1, e
		} else {
			for ve < len(s) && s[ve] != ' ' && s[ve] != '\n' && s[ve] != '\t' {
				ve++
			}
		}
		if ve > eq+1 && !r.keepValue("", s[eq+1:ve]) {
			spans = append(spans, span{eq + 1, ve})
			note(rule)
			i = ve
		}
	}
}

// commandStart returns where the command that holds s[f] starts: the start
// of its line, or of the first of the lines that a backslash (sh), a
// backquote (PowerShell) or a caret (cmd) at their end continues into it.
func commandStart(s string, f int) int {
	line := strings.LastIndexByte(s[:f], '\n') + 1
	for line > 0 {
		e := line - 1 // the line feed that ends the line before
		if e > 0 && s[e-1] == '\r' {
			e--
		}
		if e == 0 || s[e-1] != '\\' && s[e-1] != '`' && s[e-1] != '^' {
			break
		}
		line = strings.LastIndexByte(s[:e], '\n') + 1
	}
	return line
}

// secretCommand reports whether the command line before a flag creates a
// Secret: "create secret" in it (kubectl, oc, helm's template of one).
func secretCommand(cmd string) bool {
	for _, w := range [...]string{"create secret", "CREATE SECRET", "create Secret"} {
		if strings.Contains(cmd, w) {
			return true
		}
	}
	return false
}

// kubeSecretData masks the data values of the Secret manifests in s.
func (r *Redactor) kubeSecretData(s string, spans []span, note func(string)) []span {
	rule := r.terms["secret"]
	if rule == "" {
		return spans
	}
	for doc := 0; doc < len(s); {
		end := len(s)
		if k := strings.Index(s[doc:], "\n---"); k >= 0 {
			end = doc + k
		}
		if d := s[doc:end]; kindSecret(d) {
			n := len(spans)
			spans = secretMaps(d, doc, spans)
			for range len(spans) - n {
				note(rule)
			}
		}
		doc = end + 1
	}
	return spans
}

// kindSecret reports whether d declares kind Secret (kind: Secret,
// "kind":"Secret", \"kind\": \"Secret\"; kind: secret too, which
// kubectl refuses but a manifest written by hand may hold).
func kindSecret(d string) bool {
	for i := 0; ; {
		k := strings.Index(d[i:], "ecret")
		if k < 0 {
			return false
		}
		at := i + k - 1
		i = at + len("Secret")
		if at < 0 || d[at] != 'S' && d[at] != 's' {
			continue
		}
		if i < len(d) && isAlnum(d[i]) && !strings.HasPrefix(d[i:], "List") {
			continue // SecretStore, SecretProviderClass: no Secret's data
		}
		j := at
		j = trimQuoteBack(d, j)
		for j > 0 && (d[j-1] == ' ' || d[j-1] == '\t') {
			j--
		}
		if j == 0 || d[j-1] != ':' {
			continue
		}
		j--
		for j > 0 && (d[j-1] == ' ' || d[j-1] == '\t') {
			j--
		}
		j = trimQuoteBack(d, j)
		if j >= 4 && d[j-4:j] == "kind" && (j == 4 || !isKeyChar(d[j-5])) {
			return true
		}
	}
}

// trimQuoteBack steps back over a quote (or an escaped quote) that ends at j.
func trimQuoteBack(d string, j int) int {
	if j > 0 && (d[j-1] == '"' || d[j-1] == '\'') {
		j--
		if j > 0 && d[j-1] == '\\' {
			j--
		}
	}
	return j
}

// secretMaps adds the spans (offset by off) of the values of every data and
// stringData map in the Secret manifest d.
func secretMaps(d string, off int, spans []span) []span {
	for _, key := range [...]string{"data", "stringData"} {
		for i := 0; ; {
			k := strings.Index(d[i:], key)
			if k < 0 {
				break
			}
			a := i + k
			i = a + len(key)
			if a > 0 && isKeyChar(d[a-1]) && d[a-1] != '"' && d[a-1] != '\\' || i < len(d) && isKeyChar(d[i]) && d[i] != '"' {
				continue // metadata, dataSource: another key
			}
			p := i
			if p < len(d) && d[p] == '"' {
				p++
			} else if p+1 < len(d) && d[p] == '\\' && d[p+1] == '"' {
				p += 2
			}
			p = skipSpaces(d, p)
			if p >= len(d) || d[p] != ':' {
				continue
			}
			p = skipSpaces(d, p+1)
			if p < len(d) && d[p] == '#' { // data: # a comment
				p = lineEnd(d, p)
			}
			switch {
			case p < len(d) && d[p] == '{':
				spans = jsonMemberValues(d, p, off, spans)
			case p >= len(d) || d[p] == '\n' || d[p] == '\r':
				spans = yamlMemberValues(d, a, p, off, spans)
			}
		}
	}
	return spans
}

// jsonMemberValues adds the spans of the values of the JSON object that
// opens at d[p] ({"k":"v",…}, or with escaped quotes inside a string), or
// of the YAML flow map ({k: v, …}), whose plain values run to the next
// comma, brace or line end.
func jsonMemberValues(d string, p, off int, spans []span) []span {
	for q := p + 1; q < len(d); {
		switch c := d[q]; {
		case c == '}':
			return spans
		case c == ':':
			vs := skipSpaces(d, q+1)
			esc := vs+1 < len(d) && d[vs] == '\\' && d[vs+1] == '"'
			if vs >= len(d) || d[vs] != '"' && !esc { // a YAML flow map's plain value: {k: v, …}
				ve := vs
				for ve < len(d) && d[ve] != ',' && d[ve] != '}' && d[ve] != '\n' {
					ve++
				}
				q = ve
				if ve = vs + len(strings.TrimRight(d[vs:ve], " \t\r")); ve > vs {
					spans = append(spans, span{off + vs, off + ve})
				}
				continue
			}
			if esc {
				vs += 2
			} else {
				vs++
			}
			ve := vs
			for ve < len(d) && d[ve] != '\n' {
				if esc && d[ve] == '\\' && ve+1 < len(d) && d[ve+1] == '"' || !esc && d[ve] == '"' {
					break
				}
				if !esc && d[ve] == '\\' {
					ve++
				}
				ve++
			}
			ve = min(ve, len(d))
			if ve > vs {
				spans = append(spans, span{off + vs, off + ve})
			}
			q = ve + 1
		default:
			q++
		}
	}
	return spans
}

// yamlMemberValues adds the spans of the values of the YAML map under the
// key at d[a] whose line ends at d[p]: each member's value on its line,
// and the lines of a block scalar (key: |) under it.
func yamlMemberValues(d string, a, p, off int, spans []span) []span {
	ls := a
	for ls > 0 && d[ls-1] != '\n' {
		ls--
	}
	indent := a - ls
	member := -1 // the indent of the map's members
	for line := p; line < len(d); {
		if d[line] == '\r' || d[line] == '\n' {
			line++
			continue
		}
		stop := len(d)
		if n := strings.IndexByte(d[line:], '\n'); n >= 0 {
			stop = line + n
		}
		text := skipSpaces(d, line)
		if text >= stop || d[text] == '\r' {
			line = stop
			continue
		}
		col := text - line
		if col <= indent {
			break
		}
		end := stop
		for end > text && d[end-1] == '\r' {
			end--
		}
		if member < 0 {
			member = col
		}
		if col > member { // a line of a block scalar
			spans = append(spans, span{off + text, off + end})
		} else if c := strings.Index(d[text:end], ":"); c >= 0 {
			vs := skipSpaces(d, text+c+1)
			if vs < end && (d[vs] == '"' || d[vs] == '\'') && end-1 > vs && d[end-1] == d[vs] {
				vs, end = vs+1, end-1
			}
			if vs < end && d[vs] != '|' && d[vs] != '>' {
				spans = append(spans, span{off + vs, off + end})
			}
		}
		line = stop
	}
	return spans
}

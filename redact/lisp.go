package redact

import "strings"

// Lisp forms that set or pass a secret: keyword arguments of any call
// ((connect :user "bob" :password "…"), Clojure's (assoc m :token "…")),
// and the forms that define a variable or set a place, a hash table's
// entry or an association list's ((setf (gethash "password" h) "…"),
// (puthash "password" "…" h), (defvar *api-token* "…"), (setq password
// "…"), (hash-set! h 'password "…")). The value is the string literal
// (or a word that looks like a credential) right after the key, or after
// the place form that names it.

// lispSetters are the operators whose arguments name a key by a string or
// a quoted symbol, not only by a keyword; true for those that name it by
// a symbol too (a variable: setq, defvar), false for those whose symbols
// are tables (puthash, hash-set!).
var lispSetters = map[string]bool{
	"setf": true, "setq": true, "setq-default": true, "setq-local": true, "set!": true,
	"psetf": true, "psetq": true, "def": true, "defvar": true, "defparameter": true, "defconst": true,
	"defconstant": true, "defcustom": true, "define": true, "defonce": true,
	"set": false, "puthash": false, "hash-set!": false, "hash-table-set!": false, "hashtable-set!": false,
	"assoc": false, "assoc-set!": false, "assq-set!": false, "assv-set!": false, "plist-put": false,
	"put": false, "acons": false,
}

// lispReach bounds the bytes of one form read after its '(': forms longer
// than that are read in part, so that each '(' costs bounded work.
const lispReach = 512

// lispToken is a token of a Lisp form: a string literal (its content is
// s[vs:ve]), a nested form, or a symbol; end is where it ends.
type lispToken struct {
	kind   byte // '"', '(' or 's'
	vs, ve int
	end    int
}

// lispForms masks the secrets that the Lisp forms of s set or pass.
func (r *Redactor) lispForms(s string, spans []span, note func(string)) []span {
	for o := strings.IndexByte(s, '('); o >= 0; {
		spans = r.lispForm(s, o, spans, note)
		k := strings.IndexByte(s[o+1:], '(')
		if k < 0 {
			break
		}
		o += 1 + k
	}
	return spans
}

// lispForm masks what the form that opens at s[o] sets or passes.
func (r *Redactor) lispForm(s string, o int, spans []span, note func(string)) []span {
	limit := min(len(s), o+lispReach)
	if o+1 >= limit || !isLetter(s[o+1]) {
		return spans // no operator: (( …, ( 1 2)
	}
	op := lispNext(s, o+1, limit)
	variables, setter := lispSetters[s[op.vs:op.ve]]
	if !setter && !strings.Contains(s[op.end:limit], " :") {
		return spans // neither a setter nor keyword arguments
	}
	var args []lispToken
	for p := op.end; len(args) < 32; {
		t := lispNext(s, p, limit)
		if t.kind == 0 {
			break
		}
		args = append(args, t)
		p = t.end
	}
	for i := 0; i+1 < len(args); i++ {
		t, rule := args[i], ""
		switch {
		case t.kind == '(' && setter: // (setf (gethash "password" h) "…")
			rule = r.placeRule(s, t, limit)
		case t.kind == 's' && s[t.vs] == ':': // :password "…"
			rule = r.keyRule(lispName(s[t.vs:t.ve]))
		case setter && t.kind == '"', setter && t.kind == 's' && (s[t.vs] == '\'' || variables):
			rule = r.keyRule(lispName(s[t.vs:t.ve]))
		}
		if rule == "" {
			continue
		}
		v := args[i+1]
		w := s[v.vs:v.ve]
		switch {
		case v.kind == '"' && w != "" && !strings.ContainsAny(w, "\n") && !r.keepValue("", w):
		case v.kind == 's' && w[0] != ':' && w[0] != '\'' && looksLikeCredential(w) && !r.keepValue("", w):
		default:
			continue
		}
		spans = append(spans, span{v.vs, v.ve})
		note(rule)
		i++
	}
	return spans
}

// placeRule returns the rule of the key that the place form t names by a
// string, a keyword or a quoted symbol ((gethash "password" h), (getf
// opts :password), (slot-value conn 'password)), or "".
func (r *Redactor) placeRule(s string, t lispToken, limit int) string {
	op := lispNext(s, t.vs+1, limit)
	for p, n := op.end, 0; op.kind == 's' && n < 8; n++ {
		a := lispNext(s, p, limit)
		if a.kind == 0 || a.end > t.end {
			break
		}
		if w := s[a.vs:a.ve]; a.kind == '"' || a.kind == 's' && w != "" && (w[0] == ':' || w[0] == '\'') {
			if rule := r.keyRule(lispName(w)); rule != "" {
				return rule
			}
		}
		p = a.end
	}
	return ""
}

// lispName returns the name a symbol spells: without a keyword's ':', a
// quote, and the earmuffs of a special variable or a constant's pluses
// (*api-token*, +password+).
func lispName(w string) string {
	w = strings.TrimPrefix(strings.TrimPrefix(w, "'"), ":")
	if len(w) > 2 && (w[0] == '*' && w[len(w)-1] == '*' || w[0] == '+' && w[len(w)-1] == '+') {
		w = w[1 : len(w)-1]
	}
	return w
}

// lispNext reads the token at or after s[p], before limit: kind 0 at the
// form's end, at limit or at an unbalanced form.
func lispNext(s string, p, limit int) lispToken {
	for p < limit && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r') {
		p++
	}
	if p >= limit || s[p] == ')' {
		return lispToken{}
	}
	switch s[p] {
	case '"':
		for e := p + 1; e < limit; e++ {
			if s[e] == '\\' {
				e++
				continue
			}
			if s[e] == '"' {
				return lispToken{kind: '"', vs: p + 1, ve: e, end: e + 1}
			}
		}
		return lispToken{}
	case '(':
		depth, quoted := 0, false
		for e := p; e < limit; e++ {
			switch c := s[e]; {
			case quoted && c == '\\':
				e++
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == '(':
				depth++
			case c == ')':
				if depth--; depth == 0 {
					return lispToken{kind: '(', vs: p, ve: e + 1, end: e + 1}
				}
			}
		}
		return lispToken{}
	}
	e := p
	for e < limit && s[e] != ' ' && s[e] != '\t' && s[e] != '\n' && s[e] != '\r' && s[e] != '(' && s[e] != ')' && s[e] != '"' {
		e++
	}
	return lispToken{kind: 's', vs: p, ve: e, end: e}
}

package redact

import "strings"

// composerTokenSettings are the settings of Composer's auth.json that
// composer config sets from its arguments, by the prefix of their name
// (the host follows), and how many of those arguments are secrets.
var composerTokenSettings = [...]struct {
	prefix string
	args   int
}{
	{"github-oauth.", 1}, {"gitlab-oauth.", 1}, {"gitlab-token.", 1}, {"bearer.", 1},
	{"bitbucket-oauth.", 2}, // a consumer key and its secret
}

// composerAuthSettings masks the tokens that composer config writes to
// auth.json: composer config [-g] [--auth] github-oauth.github.com
// TOKEN, gitlab-oauth.HOST TOKEN, gitlab-token.HOST TOKEN, bearer.HOST
// TOKEN, bitbucket-oauth.HOST KEY SECRET. Flags (-g, --global, --auth)
// may come before the setting's name; --unset removes it and holds none.
func (r *Redactor) composerAuthSettings(s string, spans []span, note func(string)) []span {
	for q := range commandsIn(s, "composer config ", "$:") {
		args := 0
		for {
			q = skipSpaces(s, q)
			if q >= len(s) || s[q] == '\n' || s[q] == '\r' || s[q] == '|' || s[q] == ';' || s[q] == '&' {
				break
			}
			quoted := isQuote(s[q])
			vs, ve := commandArg(s, q)
			q = ve
			if quoted {
				q = min(len(s), ve+1)
			}
			v := s[vs:ve]
			switch {
			case args > 0:
				if v != "" && !r.keepValue("", v) && !strings.HasPrefix(v, r.mask) && v[0] != '$' {
					spans = append(spans, span{vs, ve})
					note(r.sqlRule)
				}
				args--
				if args == 0 {
					q = len(s) // the command's secrets are read
				}
				continue
			case v == "--unset":
				q = len(s)
				continue
			case !quoted && strings.HasPrefix(v, "-"):
				continue // -g, --global, --auth
			}
			for _, c := range composerTokenSettings {
				if strings.HasPrefix(v, c.prefix) && len(v) > len(c.prefix) {
					args = c.args
				}
			}
			if args == 0 {
				break // another setting: composer config repositories.foo vcs https://…
			}
		}
	}
	return spans
}

package redact

import (
	"iter"
	"strings"
)

// composerTokenSettings are the settings of Composer's auth.json that
// composer config sets from its arguments, by the prefix of their name
// (the host follows), how many arguments it takes and how many of the
// first of them name whom the rest is for (kept).
var composerTokenSettings = [...]struct {
	prefix     string
	args, user int
}{
	{"github-oauth.", 1, 0}, {"gitlab-oauth.", 1, 0}, {"gitlab-token.", 1, 0}, {"bearer.", 1, 0},
	{"bitbucket-oauth.", 2, 0}, // a consumer key and its secret
	{"http-basic.", 2, 1},      // a user name and its password
}

// composerAuthSettings masks the tokens that composer config writes to
// auth.json: composer config [-g] [--auth] github-oauth.github.com
// TOKEN, gitlab-oauth.HOST TOKEN, gitlab-token.HOST TOKEN, bearer.HOST
// TOKEN, bitbucket-oauth.HOST KEY SECRET, http-basic.HOST USER
// PASSWORD (the user is kept). Flags (-g, --global, --auth)
// may come before the setting's name; --unset removes it and holds none.
func (r *Redactor) composerAuthSettings(s string, spans []span, note func(string)) []span {
	for q := range composerConfigs(s) {
		args, user := 0, 0
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
				if user > 0 {
					user--
				} else if v != "" && !r.keepValue("", v) && !strings.HasPrefix(v, r.mask) && v[0] != '$' {
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
					args, user = c.args, c.user
				}
			}
			if args == 0 {
				break // another setting: composer config repositories.foo vcs https://…
			}
		}
	}
	return spans
}

// composerSettingName reports whether v names one of
// composerTokenSettings for a host (http-basic.repo.example.com), as the
// argument after composer config --auth does.
func composerSettingName(v string) bool {
	for _, c := range composerTokenSettings {
		if len(v) > len(c.prefix) && strings.HasPrefix(v, c.prefix) {
			return true
		}
	}
	return false
}

// composerConfigs yields the end of each composer config command in s,
// run as composer or as composer.phar.
func composerConfigs(s string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for _, cmd := range [...]string{"composer config ", "composer.phar config "} {
			for q := range commandsIn(s, cmd, "$:/") {
				if !yield(q) {
					return
				}
			}
		}
	}
}

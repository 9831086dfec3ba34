package redact_test

import "testing"

// TestQuotedUserFlagsMasked: a user:password value after -u, --user or
// --proxy-user quoted because its password has spaces is masked whole,
// its quotes with it, so no piece of it and no lone quote is left.
func TestQuotedUserFlagsMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"proxy-user single quotes", "exec: curl --proxy-user 'gw-ops:Blue Falcon 1987 rises' -x http://10.0.4.2:3128 https://api.example.com",
			[]string{"Blue", "Falcon 1987", "rises'", "gw-ops"}, []string{"exec: curl --proxy-user ", " -x http://10.0.4.2:3128 https://api.example.com"}},
		{"user double quotes", `running curl --user "deploy:seven quiet otters" https://repo.example.org/upload`,
			[]string{"seven", "quiet otters"}, []string{"running curl --user ", " https://repo.example.org/upload"}},
		{"u single quotes", "curl -s -u 'svc:lamp post 99 north' https://ci.example.net/api/json",
			[]string{"lamp", "post 99 north"}, []string{"curl -s -u ", " https://ci.example.net/api/json"}},
		{"user equals", "wget --user='bot:under the bridge' https://dl.example.com/a.tgz",
			[]string{"under the bridge", "bridge'"}, []string{"wget --user=", " https://dl.example.com/a.tgz"}},
	})
}

// TestQuotedUserFlagsBalanced: the mask leaves the text's quotes balanced.
func TestQuotedUserFlagsBalanced(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"balanced", "curl --proxy-user 'gw:Paper Moon 31' https://x.example.com end",
			[]string{"Moon", "31'", "'gw"}, []string{"curl --proxy-user [REDACTED] https://x.example.com end"}},
	})
}

// TestQuotedUserFlagLookalikesKept: quoted values after these flags that
// hold no password stay as they are.
func TestQuotedUserFlagLookalikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"ps -u 'www data' -o pid,cmd",
		"useradd --user 'build agent' --shell /bin/sh",
		"curl -u 'bob' https://example.com",
		"grep -u 'needle in: haystack",
	})
}

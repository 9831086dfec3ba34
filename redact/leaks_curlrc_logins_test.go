package redact_test

import "testing"

// TestCurlrcLoginsMasked: curl's config file (.curlrc, curl -K) gives
// the user and proxy-user options a login, user:password, after spaces,
// '=' or ':' and with or without dashes; the password is masked and the
// user kept.
func TestCurlrcLoginsMasked(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"quoted after =", `user = "deploy:Tx4Nw8Qz2Lm"`, []string{"Tx4Nw8Qz2Lm"}, []string{"user = ", "deploy:"}},
		{"bare after a space", "user ops@acme.example:Vb7Rk3Yq9Wd", []string{"Vb7Rk3Yq9Wd"}, []string{"user ops@acme.example:"}},
		{"proxy-user after a colon", "proxy-user: squid:Hm2Xc6Pt0Jz", []string{"Hm2Xc6Pt0Jz"}, []string{"proxy-user: squid:"}},
		{"config file of lines", "# ~/.curlrc\n--silent\nurl = \"https://api.acme.example/v2/ping\"\nuser = \"svc-ping:lowpass7\"\nretry = 3\n",
			[]string{"lowpass7"}, []string{"svc-ping:", "retry = 3"}},
		{"indented, a password of words", "  proxy-user 'relay:Correct Horse 42'", []string{"Correct Horse 42"}, []string{"proxy-user ", "relay:"}},
	})
	requireLinesKept(t, []string{
		`user: "1000:1000"`,
		"user: www-data:www-data",
		"user = root:wheel",
		"user: system:serviceaccount:monitoring:prometheus",
		"user: ${UID}:${GID}",
		"user alice:admin logged in at 09:12",
		"user = nobody",
		"username = ops:Q4",
		"users: 12",
	})
}

package redact_test

import "testing"

// TestINIHolderKeysMasked: an INI entry whose key only holds its
// section's value (value, data, content) under a section that names a
// key by its kind ([api], [stripe.api], [license]) is that key: [api]
// value = … is the API key. A git-style subsection's name ([auth
// "prod"]) leaves the section's name to judge.
func TestINIHolderKeysMasked(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"api value", "[api]\nvalue = Kp7Wz3Qx9Lm2Vb\ntimeout = 30\n", []string{"Kp7Wz3Qx9Lm2Vb"}, []string{"[api]", "timeout = 30"}},
		{"dotted section, colon", "[payments.api]\n  value: Tn4Hc8Ys1Rd6Jf\n", []string{"Tn4Hc8Ys1Rd6Jf"}, []string{"[payments.api]"}},
		{"license data", "[license]\ndata = Mv2Xq7Lz5Kw9Bn3Pc\n[ui]\ntheme = dark", []string{"Mv2Xq7Lz5Kw9Bn3Pc"}, []string{"theme = dark"}},
		{"quoted value after another section", "[server]\nport = 8443\n[app-key]\n[api]\nvalue = \"lower case phrase\"\n", []string{"lower case phrase"}, []string{"port = 8443"}},
		{"git-style subsection", "[auth \"prod\"]\n\tvalue = Wd6Lk1Zr8Qh3Xs\n", []string{"Wd6Lk1Zr8Qh3Xs"}, []string{"value = ", "prod"}},
		{"login in a subsection's URL", "[credential \"https://ci:Gt7Rb2Xm9Kq@git.example.net\"]\n\thelper = store\n", []string{"Gt7Rb2Xm9Kq"}, []string{"[credential", "helper = store"}},
	})
	requireLinesKept(t, []string{
		"[api]\nversion = 2\nbase_url = https://api.example.net/v2\n",
		"[api]\nvalue = 30\n",
		"[api]\nvalue = true\n",
		"[api]\ndata = /var/lib/api/cache\n",
		"[server]\nvalue = 8080\n",
		"[timeout]\nvalue = 30s\n",
		"[apis]\nvalue = orders\n",
		"[remote \"origin\"]\n\turl = https://git.example.net/acme/app.git\n",
		"[credential \"https://git.example.net\"]\n\thelper = store\n\tusername = ci-bot\n",
		"[credentials \"prod\"]\n\tusername = deploy\n",
		"[api] value = Kp7 in a log line",
	})
}

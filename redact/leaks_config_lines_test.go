package redact_test

import (
	"bytes"
	"log/slog"
	"testing"

	slogmulti "github.com/samber/slog-multi"
	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// requireLinesMasked checks each case through Redactor.String, through
// NewHandler as an attr, the message and an error (requireWholeCases),
// through NewHandler over slog's JSON and text handlers and slogcore,
// and through NewHandler in front of a slog-multi Fanout.
func requireLinesMasked(t *testing.T, cases []textCase) {
	t.Helper()
	requireWholeCases(t, nil, cases)
	r := redact.Must(redact.Credentials)
	for _, tc := range cases {
		t.Run(tc.name+"/String", func(t *testing.T) {
			out, changed := r.String(tc.text)
			require.True(t, changed, out)
			for _, s := range tc.secrets {
				require.NotContains(t, out, s)
			}
			for _, k := range tc.keep {
				require.Contains(t, out, k)
			}
		})
		t.Run(tc.name+"/placements", func(t *testing.T) {
			for name, out := range placementOutputs(nil, func(l *slog.Logger) { l.Warn("config", "line", tc.text) }) {
				for _, s := range tc.secrets {
					require.NotContains(t, out, s, name)
				}
			}
		})
		t.Run(tc.name+"/fanout", func(t *testing.T) {
			var js, text bytes.Buffer
			h := redact.NewHandler(slogmulti.Fanout(slog.NewJSONHandler(&js, nil), slog.NewTextHandler(&text, nil)), nil)
			slog.New(h).Error(tc.text, "cmd", tc.text)
			for _, s := range tc.secrets {
				require.NotContains(t, js.String(), s)
				require.NotContains(t, text.String(), s)
			}
		})
	}
}

// requireLinesKept checks that each string comes out of Redactor.String
// and of NewHandler unchanged.
func requireLinesKept(t *testing.T, texts []string) {
	t.Helper()
	requireWholeKept(t, nil, texts)
	r := redact.Must(redact.Credentials)
	for _, s := range texts {
		out, changed := r.String(s)
		require.False(t, changed, "%q became %q", s, out)
	}
}

// TestCurlBundledFlagsMasked: curl reads short flags bundled in one word,
// the last of them taking the next word (or the rest of the word) as its
// value: -su user:password, -sSfU proxy-user:password, -kb 'cookie=…'.
func TestCurlBundledFlagsMasked(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"su", "curl -su release:Vq6Hn3Kz8Wd https://nexus.example.org/repository/raw/",
			[]string{"Vq6Hn3Kz8Wd"}, []string{"curl -su ", "https://nexus.example.org/repository/raw/"}},
		{"four flags then u", "curl -fsSLu ci-bot:Pz4Rm7Xe2Tb -o /tmp/get.sh https://get.example.net",
			[]string{"Pz4Rm7Xe2Tb"}, []string{"-o /tmp/get.sh https://get.example.net"}},
		{"proxy user", "curl -kU squid:Ld9Ws2Qe5Fy -x http://proxy.corp:3128 https://api.example.com",
			[]string{"Ld9Ws2Qe5Fy"}, []string{"-x http://proxy.corp:3128"}},
		{"quoted, with a space", `curl -iu "svc:Mh3 Tq8Zr" https://h.example.com`,
			[]string{"Mh3 Tq8Zr"}, []string{"https://h.example.com"}},
		{"attached", "curl -sufetch:Yk7Bc2Nv5Gx https://h.example.com/a",
			[]string{"Yk7Bc2Nv5Gx"}, []string{"https://h.example.com/a"}},
		{"cookie", "curl -sb 'grafana_sess=Tc8Lw1Hz4Kq' https://grafana.example.com/api/search",
			[]string{"Tc8Lw1Hz4Kq"}, []string{"https://grafana.example.com/api/search"}},
		{"cookie list", `curl -kLb "lang=en; connect.sess=Qr5Mv8Xd2Jn" https://app.example.com`,
			[]string{"Qr5Mv8Xd2Jn"}, []string{"https://app.example.com"}},
		{"argv element", `["curl", "-sSu", "uploader:Gw2Kp9Tn6Rb", "-T", "a.tgz"]`,
			[]string{"Gw2Kp9Tn6Rb"}, []string{"-T", "a.tgz"}},
		{"in a script line", "+ curl -Lsu \"$USER\":Hb6Nq3Wz8Lc https://repo.example.com/api",
			[]string{"Hb6Nq3Wz8Lc"}, []string{"https://repo.example.com/api"}},
	})
	requireLinesKept(t, []string{
		"curl -sSL https://get.example.net/install.sh",
		"curl -su ops https://h.example.com",                    // a user alone: curl prompts
		"curl -sb cookies.txt https://h.example.com",            // a file of cookies
		"curl -kLu https://proxy.example.com https://x.example", // a URL
		"curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl",
		"docker run -u 1000:1000 alpine id",
		"use the -su flag to pass a user to curl",
		"kernel 6.8.0-45-generic booted, subsystem re-sub ok",
	})
}

// TestINISectionNamesTheSecret: an INI file's key that names a secret only
// after its section's name (credentials.key, auth.value, api.key, as
// configparser and git config join them) has its value masked; the
// section's user, its other settings and sections that name no secret
// are kept.
func TestINISectionNamesTheSecret(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"credentials key", "[credentials]\nusername = svc-report\nkey = Jt4Wb8Qn2Xv6Lm",
			[]string{"Jt4Wb8Qn2Xv6Lm"}, []string{"username = svc-report"}},
		{"auth value", "[server]\nport = 8443\n\n[auth]\nvalue = Rk3Zd7Hp1Yc\ntimeout = 30",
			[]string{"Rk3Zd7Hp1Yc"}, []string{"port = 8443", "timeout = 30"}},
		{"api key, quoted", "[api]\nendpoint = https://api.example.net/v2\nkey = \"Fe9Lq2Vw5Tn8\"",
			[]string{"Fe9Lq2Vw5Tn8"}, []string{"endpoint = https://api.example.net/v2"}},
		{"indented, colon", "[Credentials]\n\tkey: Nx6Gd1Ks8Bq\n[mirror]\n\turl: https://m.example.org",
			[]string{"Nx6Gd1Ks8Bq"}, []string{"url: https://m.example.org"}},
		{"secrets by owner", "[secrets]\nreporting_db = Wp5Cz8Lt3Hm\nsmtp = Qd2Yn7Rv4Jk",
			[]string{"Wp5Cz8Lt3Hm", "Qd2Yn7Rv4Jk"}, []string{"[secrets]"}},
	})
	requireLinesKept(t, []string{
		"[api]\nendpoint = https://api.example.net/v2\ntimeout = 30",
		"[auth]\nmethod = ldap\nurl = ldaps://ldap.example.com",
		"[credential]\n\thelper = store",
		"[credentials]\nusername = svc-report\nregion = eu-west-1",
		"[cache]\nkey = users:42",
		"[INFO] key = orders.created",
	})
}

// TestVaultLoginFlagsBeforeToken: vault login takes its flags before the
// token (-no-print, -address URL, -method=…), which are no token.
func TestVaultLoginFlagsBeforeToken(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"bool flag", "vault login -no-print Tn5Wq8Zk3Lx7Rb2", []string{"Tn5Wq8Zk3Lx7Rb2"}, []string{"vault login -no-print "}},
		{"flag with a value", "$ vault login -address https://vault.internal:8200 -no-store Hy3Kd6Mw9Pz",
			[]string{"Hy3Kd6Mw9Pz"}, []string{"-address https://vault.internal:8200 -no-store "}},
		{"quoted value, then the token", `vault login -namespace "team/ops" hvs.Gq7Lz2Xn5Wc8Vb`,
			[]string{"Gq7Lz2Xn5Wc8Vb"}, []string{`team/ops`}},
	})
	requireLinesKept(t, []string{
		"vault login -method=oidc role=reader",
		"vault login -method github",
		"vault login -",
		"run vault login -h for help",
	})
}

// TestMailServerCredentialFilesMasked: the lines of the files where mail
// servers keep the passwords they log in with: Postfix's sasl_passwd,
// sendmail's AuthInfo entries, Dovecot's passwd-file in any of its
// schemes. The relay host, the user and the other fields are kept.
func TestMailServerCredentialFilesMasked(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"sasl_passwd with a port", "[smtp.mailgun.example]:587 postmaster@mg.example.com:Xw4Hd7Lq2Vz",
			[]string{"Xw4Hd7Lq2Vz"}, []string{"[smtp.mailgun.example]:587 postmaster@mg.example.com:"}},
		{"sasl_passwd, service port, tab", "# relay\n[relay.isp.example]:submission\tnewsletters:plain words 42",
			[]string{"plain words 42"}, []string{"newsletters:"}},
		{"sasl_passwd, no port, address", "[192.0.2.25] backup-relay:Tk9Mz3Wr6Qc\n[smtp.example.org]:465 alerts:Pf2Bn8Xk5Lh",
			[]string{"Tk9Mz3Wr6Qc", "Pf2Bn8Xk5Lh"}, []string{"[192.0.2.25] backup-relay:", "alerts:"}},
		{"sendmail P:", `AuthInfo:smarthost.example.net "U:mailer" "I:mailer" "P:Gv6Rn1Wz4Hs" "M:LOGIN PLAIN"`,
			[]string{"Gv6Rn1Wz4Hs"}, []string{"U:mailer", "M:LOGIN PLAIN"}},
		{"sendmail P=", `AuthInfo: "U:smmsp" "P=S2w3Rm5Tq8Zd" "R:example.org"`,
			[]string{"S2w3Rm5Tq8Zd"}, []string{"R:example.org"}},
		{"dovecot cram-md5", "helpdesk@example.org:{CRAM-MD5}9b2f4e6a8c0d1e3f5a7b9c1d3e5f7a9b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e0f::::",
			[]string{"9b2f4e6a8c0d1e3f5a7b"}, []string{"helpdesk@example.org:"}},
		{"dovecot plain-md5", "jo:{PLAIN-MD5}5f4dcc3b5aa765d61d8327deb882cf99:1001:1001::/home/jo",
			[]string{"5f4dcc3b5aa765d61d8327deb882cf99"}, []string{":1001:1001::/home/jo"}},
	})
	requireLinesKept(t, []string{
		"[worker] state:ready",
		"[INFO] relay smtp.example.net:587 status:sent",
		"relayhost = [smtp.example.net]:587",
		"define(`confAUTH_MECHANISMS', `LOGIN PLAIN')",
		"AuthInfo lookups failed for smarthost.example.net",
		"auth_mechanisms = plain login cram-md5",
	})
}

// TestComposerAuthTokensMasked: Composer's auth.json keeps its tokens
// under the host they are for ("github-oauth": {"github.com": "…"}), and
// composer config writes them from its arguments.
func TestComposerAuthTokensMasked(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"github-oauth", `{"github-oauth": {"github.com": "8e1d3c5b7a9f0e2d4c6b8a0f1e3d5c7b9a1f2e4d"}}`,
			[]string{"8e1d3c5b7a9f0e2d4c6b8a0f1e3d5c7b9a1f2e4d"}, []string{"github-oauth"}},
		{"gitlab-oauth, indented", "{\n  \"gitlab-oauth\": {\n    \"git.example.org\": \"Hs7Wq2Lz5Nx8Vc3\"\n  }\n}",
			[]string{"Hs7Wq2Lz5Nx8Vc3"}, []string{"gitlab-oauth"}},
		{"bitbucket-oauth", `{"bitbucket-oauth": {"bitbucket.org": {"consumer-key": "Rz4Kq8Wm1Tx", "consumer-secret": "Bv6Ny3Hd9Lp"}}}`,
			[]string{"Rz4Kq8Wm1Tx", "Bv6Ny3Hd9Lp"}, []string{"bitbucket-oauth"}},
		{"config github-oauth", "composer config --global github-oauth.github.com 3a5c7e9b1d2f4a6c8e0b2d4f6a8c0e1b3d5f7a9c",
			[]string{"3a5c7e9b1d2f4a6c8e0b2d4f6a8c0e1b3d5f7a9c"}, []string{"composer config --global github-oauth.github.com "}},
		{"config bitbucket-oauth", "$ composer config -g --auth bitbucket-oauth.bitbucket.org Qe2Xw7Lk4Zn Tm9Bc5Hv1Rd && composer install",
			[]string{"Qe2Xw7Lk4Zn", "Tm9Bc5Hv1Rd"}, []string{"&& composer install"}},
	})
	requireLinesKept(t, []string{
		"composer config repositories.acme vcs https://git.example.org/acme/lib",
		"composer config --unset github-oauth.github.com",
		"composer config -g github-oauth.github.com $GITHUB_TOKEN",
		"enable github oauth login for the admin panel",
		"composer install --no-dev --prefer-dist",
	})
}

package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestPasswordHashesMasked: password hashes in modular crypt format, and
// as Django and Werkzeug store them, under any key: they name themselves
// by their scheme, and each can be cracked offline.
func TestPasswordHashesMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"bcrypt", "$2y$10$Hx3pQm8LwZt2Vb7Nc4Rf6OeJd1Ks9Ua5Gy0Ti3Wl7Pn2Xq8Mz4Cv",
			[]string{"Hx3pQm8LwZt2Vb7Nc4Rf6OeJd1Ks9Ua5Gy0Ti3Wl7Pn2Xq8Mz4Cv"}, nil},
		{"shadow line", "svc-backup:$6$Tq9vLr2M$Kp4xZw7Nb2Hc8Jd5Fs1Gm3Lq6Rt9Vy0Ue4Io7Pa2Sk5Dn8Bx1Cz3Wv6Ey9Rh2Tj5:19723:0:99999:7:::",
			[]string{"Tq9vLr2M", "Kp4xZw7Nb2Hc8Jd5"}, []string{"svc-backup:", ":19723:0:99999:7:::"}},
		{"md5 crypt in prose", "user row restored with hash $1$Wq7e$Jd8Kf2Lg5Mh9Nj3Pk6Ql1R ok",
			[]string{"Jd8Kf2Lg5Mh9Nj3Pk6Ql1R"}, []string{"user row restored with hash ", " ok"}},
		{"htpasswd apr1", "ops:$apr1$Ye4r8Tz1$Vb6Nm2Qw9Er3Ty7Ui1Op5As",
			[]string{"Vb6Nm2Qw9Er3Ty7Ui1Op5As"}, []string{"ops:"}},
		{"argon2id", `{"id":41,"pw":"$argon2id$v=19$m=19456,t=2,p=1$Zm9yZXN0ZmlyZQ$Lk3Jh7Gf2Ds9Aq5Wx1Ce8Rv4Tb6Yn0Mu3Io9Pl2Kj7Hg"}`,
			[]string{"Lk3Jh7Gf2Ds9Aq5Wx1Ce8Rv4Tb6Yn0Mu3Io9Pl2Kj7Hg"}, []string{"41"}},
		{"yescrypt", "$y$j9T$Pq1.Wz7/Mx3Nb$Rt5Yu8Io2Pa6Sd9Fg3Hj7Kl1Zx4Cv0Bn5Mq8We2",
			[]string{"Rt5Yu8Io2Pa6Sd9Fg3Hj7Kl1Zx4Cv0Bn5Mq8We2"}, nil},
		{"passlib pbkdf2", "$pbkdf2-sha256$29000$Zb3Kq9Wm2Lx7Np4T$Hr8Tj2Yk6Um1Ip5Oa9Sd3Ff7Gh0Jl4Zx8Cv2Bn6Mq1",
			[]string{"Zb3Kq9Wm2Lx7Np4T", "Hr8Tj2Yk6Um1Ip5Oa9Sd3Ff7Gh0Jl4Zx8Cv2Bn6Mq1"}, nil},
		{"django", "password column: pbkdf2_sha256$870000$Qm4Rt8Yw2Ke6$Ls9Dk3Fj7Gh1Pa5Zx0Cv4Bn8Mq2We6Rt1Yu5Io9Pl3Kj=",
			[]string{"Qm4Rt8Yw2Ke6", "Ls9Dk3Fj7Gh1Pa5Zx0Cv4Bn8Mq2We6"}, []string{"password column: "}},
		{"django argon2", "argon2$argon2id$v=19$m=102400,t=2,p=8$Vk3Lm7Np2Qr6$Tx9Bz4Cw8Dv1Ef5Gh3Jk7Lm2Np6Qr0St4",
			[]string{"Tx9Bz4Cw8Dv1Ef5Gh3Jk7Lm2Np6Qr0St4"}, nil},
		{"werkzeug scrypt", "stored scrypt:32768:8:1$Hq2Wn7Lp$7a3f9c1e5b8d2a6f0c4e9b1d7a3f5c8e2b6d0a4f9c1e7b3d5a8f2c6e0b4d9a17",
			[]string{"Hq2Wn7Lp", "7a3f9c1e5b8d2a6f0c4e9b1d"}, []string{"stored "}},
		{"werkzeug pbkdf2", "pbkdf2:sha256:600000$Mc8Xv2Bn$3e7a1c9f5b2d8e4a6c0f1b3d5e7a9c2f4b6d8e0a3c5e7f9a1b3d5c7e9f1a2b4c",
			[]string{"Mc8Xv2Bn", "3e7a1c9f5b2d8e4a6c0f1b3d"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"prices went from $5$ to $6$ overnight",
		"template $6$placeholder$ unresolved",
		"rule: a bcrypt hash starts with $2b$ and a cost",
		"cost $1$ per seat, $2b$ tier",
		"echo ${HOME}/bin:$PATH",
	})
	out := handlerOutput(t, nil, func(l *slog.Logger) {
		l.Info("user migrated", "user", "rk", "legacy", "$2a$08$Fw5Gh9Jk3Lm7Np1Qr5St9Uv3Wx7Yz1Ab5Cd9Ef3Gh7Ij1Kl5Mn9Op")
	})
	require.NotContains(t, out, "Fw5Gh9Jk3Lm7Np1Qr5St9")
	require.Contains(t, out, `"legacy":"`+redact.DefaultMask+`"`)
}

// TestUserPasswordFlagsMasked: the flags of HTTP clients that take a user
// and a password joined by a colon (curl's proxy user, HTTPie's and hey's
// -a, ApacheBench's -A and -P), and openssl's raw key after -K.
func TestUserPasswordFlagsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"curl proxy-user", "curl -sS --proxy-user deploy:Mv4Lk8Qz2Wn6 -x http://squid.corp:3128 https://pkg.example.org/a.tgz",
			[]string{"Mv4Lk8Qz2Wn6"}, []string{"http://squid.corp:3128"}},
		{"curl proxy-user equals", "curl --proxy-user=deploy:Hz7Rb3Ns9Kd1 https://pkg.example.org",
			[]string{"Hz7Rb3Ns9Kd1"}, []string{"https://pkg.example.org"}},
		{"curl -U", "curl -U ci:Tc5Yp2Vg8Jm4 -x socks5h://10.1.2.3:1080 https://pkg.example.org",
			[]string{"Tc5Yp2Vg8Jm4"}, []string{"socks5h://10.1.2.3:1080"}},
		{"httpie -a", "http -a alice:Wd3Fq7Lz1Xr9 POST https://api.example.org/v2/jobs name=nightly",
			[]string{"Wd3Fq7Lz1Xr9"}, []string{"name=nightly"}},
		{"xh quoted", "xh -a 'alice:Pk6 Nq2;Rb8' GET https://api.example.org",
			[]string{"Pk6 Nq2;Rb8", "Nq2;Rb8"}, []string{"https://api.example.org"}},
		{"hey", "hey -n 200 -c 10 -a loadtest:Gs1Hv5Jw9Kx3 https://staging.example.org/health",
			[]string{"Gs1Hv5Jw9Kx3"}, []string{"https://staging.example.org/health"}},
		{"ab", "ab -n 1000 -A bench:Yf4Ue8Ri2Op6 -P relay:Zt3Xc7Vb1Nm5 http://10.0.0.9/",
			[]string{"Yf4Ue8Ri2Op6", "Zt3Xc7Vb1Nm5"}, []string{"http://10.0.0.9/"}},
		{"openssl -K", "openssl enc -d -aes-256-ctr -K 8d2f61b0c4a9e73f52d8b1c6a0e94f37 -iv 0f1e2d3c4b5a69788796a5b4c3d2e1f0 -in blob.enc",
			[]string{"8d2f61b0c4a9e73f52d8b1c6a0e94f37"}, []string{"-in blob.enc"}},
	})
	requireWholeKept(t, nil, []string{
		"curl -U deploy -x http://squid.corp:3128 https://pkg.example.org",
		"http -a alice https://api.example.org",
		"curl -A Mozilla/5.0 https://www.example.org",
		"ab -n 10 -c 2 http://10.0.0.9:8080/",
		"tar -a -cf logs.tar.gz /var/log/app",
		"hey -a https://staging.example.org:8443/health",
	})
}

// TestAuthorizationParameterListMasked: an Authorization header whose
// credentials are a scheme and a comma-separated list of parameters
// (Hawk, MAC, HTTP Signatures): every parameter is masked, and what
// follows the list is kept.
func TestAuthorizationParameterListMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"hawk", `Authorization: Hawk id="ops-7", ts="1718000000", nonce="Qx81", mac="Jv2Ld8Mw4Ne6Pb0Rc3Sf7Tg1="`,
			[]string{"Jv2Ld8Mw4Ne6Pb0Rc3Sf7Tg1"}, []string{"Authorization: "}},
		{"hawk as json text", `{"Authorization":"Hawk id=\"ops-7\", ts=\"1718000000\", mac=\"Kw5Ms9Nx3Oy7Pz1Qa5Rb9Sc=\"","Accept":"application/json"}`,
			[]string{"Kw5Ms9Nx3Oy7Pz1Qa5Rb9Sc"}, []string{"Accept", "application/json"}},
		{"http signature", `Authorization: Signature keyId="svc-b",algorithm="hs2019",headers="(request-target) date",signature="Hd4Je8Kf2Lg6Mh0Ni4Oj8Pk2Ql6="`,
			[]string{"Hd4Je8Kf2Lg6Mh0Ni4Oj8Pk2Ql6"}, nil},
		{"proxy header then next line", "Proxy-Authorization: MAC id=\"k19\", nonce=\"5:q\", mac=\"Wb3Xc7Yd1Ze5Af9Bg3=\"\nVia: 1.1 edge",
			[]string{"Wb3Xc7Yd1Ze5Af9Bg3"}, []string{"Via: 1.1 edge"}},
		{"logfmt bare values", "authorization=Hawk id=ops-7, mac=Tr6Ys0Zu4Av8Bw2Cx6Dy0= status=401",
			[]string{"Tr6Ys0Zu4Av8Bw2Cx6Dy0"}, []string{"status=401"}},
	})
	requireWholeKept(t, nil, []string{
		"Authorization: none",
		"authorization failed for role=admin, tenant=acme",
	})
}

// TestIBANAsTypedMasked: IBANs as people type them, in lower case or in
// groups separated by dashes, at their country's length; a hex id in
// lower case that happens to pass the check is kept.
func TestIBANAsTypedMasked(t *testing.T) {
	gdpr := []redact.Rule{redact.GDPR}
	requireWholeCases(t, gdpr, []textCase{
		{"lower grouped", "refund sent to nl83 rabo 0317 4829 56 today",
			[]string{"0317", "4829"}, []string{"refund sent to ", " today"}},
		{"lower whole", "payout account es9121000418450200051332 verified",
			[]string{"21000418450200051332"}, []string{"payout account ", " verified"}},
		{"dashes", "beneficiary IT60-X054-2811-1010-0000-0123-456 added",
			[]string{"2811-1010", "0123-456"}, []string{"beneficiary ", " added"}},
		{"lower dashes", "ch54-0483-5093-8472-7104-a on file",
			[]string{"5093-8472"}, []string{" on file"}},
		{"lower grouped long", "sepa debit from pl61 1090 1014 0000 0712 1981 2874",
			[]string{"1090 1014", "1981 2874"}, []string{"sepa debit from "}},
	})
	requireWholeKept(t, gdpr, []string{
		"span be2553900754a0cd exported",
		"object de485001051764839201ab cached",
	})
	out := handlerOutput(t, gdpr, func(l *slog.Logger) { l.Info("AT61 1904 3002 3457 3201 then more") })
	require.NotContains(t, out, "3457")
	require.Contains(t, out, " then more")
}

// TestDocumentedTokenFormatsMasked: token formats with a documented prefix or
// layout: Chief Tools, Cast AI, Django's development secret keys, Azure
// Data Factory integration runtime keys, Google OAuth authorization codes,
// and Telegram bot tokens after "bot" at the start of a word.
func TestDocumentedTokenFormatsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"chief tools pat", "using ctp_Rw4Tx8Zb2Nd6Hf0Jk3Lm7Pq1Sv5Xy9Ac4Eg8",
			[]string{"Rw4Tx8Zb2Nd6Hf0Jk3Lm7Pq1Sv5Xy9"}, []string{"using "}},
		{"chief tools refresh", "refresh=ctr_Bk2Dm6Fp0Hr4Jt8Lv2Nx6Pz0Rb4Td8Vf2Xh6",
			[]string{"Bk2Dm6Fp0Hr4Jt8Lv2Nx6Pz0Rb4Td8"}, nil},
		{"castai", "agent registered with castai_v1_7e3c9a1f5b2d8e4a6c0f1b3d5e7a9c2f4b6d8e0a3c5e7f9a1b3d5c7e9f1a2b4c_Kq7Wm2Xn set",
			[]string{"7e3c9a1f5b2d8e4a6c0f1b3d", "Kq7Wm2Xn"}, []string{" set"}},
		{"django settings", "loaded 'django-insecure-q3!zk8@w#e5r(t2y)u9i*o1p&a6s^d4f%g7h_j0k-l3=m+n8b2v5c' from settings",
			[]string{"q3!zk8@w#e5r", "u9i*o1p&a6s^d4f%g7h_j0k"}, []string{"loaded '", "' from settings"}},
		{"data factory", "register-runtime IR@5b8e2d7f-3c1a-4e9b-8d6f-2a4c7e9b1d3f@adf-ingest-prod@northeurope@Pn7Qo3Rp9Sq5Tr1Us7Vt3Wu9Xv5Yw1Zx7Ay3Bz9Ca5Db1E= ok",
			[]string{"Pn7Qo3Rp9Sq5Tr1Us7Vt3Wu9", "5b8e2d7f-3c1a"}, []string{"register-runtime ", " ok"}},
		{"google auth code", "exchanging 4/0AfJohXm2Lq8Wk4Rz6Tn1Vb7Yc3Ud9Pe5Hf0Jg2Kh8Mi4 at oauth2.googleapis.com",
			[]string{"Xm2Lq8Wk4Rz6Tn1Vb7Yc3Ud9"}, []string{"exchanging ", " at oauth2.googleapis.com"}},
		{"google auth code in query", "GET /cb?state=st-19&code=4/0AfJohXm2Lq8Wk4Rz6Tn1Vb7Yc3Ud9Pe5Hf0Jg2Kh8Mi4&scope=openid 302",
			[]string{"Xm2Lq8Wk4Rz6Tn1Vb7Yc3Ud9"}, []string{"state=st-19", "scope=openid 302"}},
		{"telegram bot word", "POST bot734019265:AAFq3Wm8Zr2Tx6Yb1Nc5Vd9Le4Kg7Jh0PsQ/sendMessage",
			[]string{"Wm8Zr2Tx6Yb1Nc5Vd9"}, []string{"/sendMessage"}},
	})
	requireWholeKept(t, nil, []string{
		"ctr_impressions_total{page=\"home\"} 42",
		"cto_report finished in 4/0 retries",
		"django-insecure-settings module loaded",
		"IR@home status online",
		"ratio 4/0 undefined",
		"uptime 734019265:Archive_daily_snapshot_completed_ok",
	})
}

// TestSecretSetterCallsMasked: the one string literal given to a builder's
// or an options' method named for a secret (.password("…"), .apiKey("…"),
// withToken("…"), set_client_secret("…")); lookups by name, variables and
// a lexer's tokens are kept.
func TestSecretSetterCallsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"java builder", `DataSourceBuilder.create().url("jdbc:h2:mem:t").username("sa").password("Vn5Bq9Wc3Xd7").build()`,
			[]string{"Vn5Bq9Wc3Xd7"}, []string{`username(\"sa\")`, ".build()"}},
		{"sdk options", `OpenAIClient.builder().apiKey("Lp2Mq6Nr0Os4Pt8Qu2").timeout(30).build()`,
			[]string{"Lp2Mq6Nr0Os4Pt8Qu2"}, []string{".timeout(30)"}},
		{"with prefix single quotes", `new Octokit().withToken('Rf8Sg2Th6Ui0Vj4Wk8')`,
			[]string{"Rf8Sg2Th6Ui0Vj4Wk8"}, []string{"new Octokit().withToken('"}},
		{"snake setter", `opts.set_client_secret("Zy1Xw5Vu9Ts3Rq7")`,
			[]string{"Zy1Xw5Vu9Ts3Rq7"}, []string{"opts.set_client_secret("}},
		{"plain word with verb", `cfg.usePassphrase("correct horse battery")`,
			[]string{"correct horse battery"}, []string{"cfg.usePassphrase("}},
	})
	requireWholeKept(t, nil, []string{
		`keyring.getPassword("payments", "svc-billing")`,
		`vault.secret("db-credentials")`,
		`b.password(pw).apiKey(System.getenv("API_KEY")).build()`,
		`lexer.token("IDENT")`,
		`client.token("")`,
	})
}

// TestSchemeBracedPasswordsMasked: passwords after their scheme in braces,
// as LDAP's userPassword, slappasswd, htpasswd and Dovecot write them:
// salted and plain hashes in base64, crypt hashes, and the password in
// clear after {PLAIN}.
func TestSchemeBracedPasswordsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"htpasswd sha", "deploy:{SHA}Zq4Wx8Ec2Rv6Tb0Yn3Um7Ik1=",
			[]string{"Zq4Wx8Ec2Rv6Tb0Yn3Um7Ik1"}, []string{"deploy:"}},
		{"ldif ssha", "dn: uid=kim,ou=people,dc=example,dc=org\nuserPassword: {SSHA}Hq3Jw7Ke1Lr5Mt9Ny2Pu6Qv0Rx4Sz8=\nmail: kim@example.org",
			[]string{"Hq3Jw7Ke1Lr5Mt9Ny2Pu6Qv0Rx4Sz8"}, []string{"dn: uid=kim,ou=people,dc=example,dc=org"}},
		{"dovecot crypt", "kim:{SHA512-CRYPT}$6$Vd3Fg7Hj$Ab2Cd6Ef0Gh4Ij8Kl2Mn6Op0Qr4St8Uv2Wx6Yz0Ab4Cd8::::",
			[]string{"Vd3Fg7Hj", "Ab2Cd6Ef0Gh4Ij8Kl2Mn6Op0"}, []string{"kim:", "::::"}},
		{"dovecot plain", "lee:{PLAIN}tangerine-47:1001:1001::/home/lee",
			[]string{"tangerine-47"}, []string{"lee:", ":1001:1001::/home/lee"}},
		{"lower case scheme in json", `{"uid":"kim","hash":"{ssha512}Xc5Vb9Nm3Qw7Er1Ty5Ui9Op3As7Df1Gh5=="}`,
			[]string{"Xc5Vb9Nm3Qw7Er1Ty5Ui9Op3As7Df1Gh5"}, []string{"uid", "kim"}},
	})
	requireWholeKept(t, nil, []string{
		"schemes: {SHA} and {SSHA} are accepted",
		"stored as {PLAIN} text",
		"(stored as {PLAIN})",
		`{"kind":"event","count":3}`,
	})
}

// TestErlangTuplesMasked: a key and its value as a two-element tuple, as
// Erlang configurations (RabbitMQ's advanced.config, sys.config) and
// Elixir keyword data write them.
func TestErlangTuplesMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"rabbitmq advanced.config", `[{rabbit, [{default_user, <<"ops">>}, {default_pass, <<"Kt6Lw0Mx4Ny8">>}, {loopback_users, []}]}].`,
			[]string{"Kt6Lw0Mx4Ny8"}, []string{`{default_user, <<\"ops\">>}`, "{loopback_users, []}"}},
		{"erlang string", `{ldap, [{servers, ["ldap.corp"]}, {password, "Qe3Rf7Tg1Yh5"}]}`,
			[]string{"Qe3Rf7Tg1Yh5"}, []string{`{servers, [\"ldap.corp\"]}`}},
		{"elixir atom", `{:secret_key_base, "Wz2Xa6Yb0Zc4Ad8Be2Cf6Dg0"}`,
			[]string{"Wz2Xa6Yb0Zc4Ad8Be2Cf6Dg0"}, []string{"{:secret_key_base, "}},
		{"spaces", `{ api_token , "Jh9Kg3Lf7Md1" }`,
			[]string{"Jh9Kg3Lf7Md1"}, nil},
	})
	requireWholeKept(t, nil, []string{
		`{token, Token}`,
		`{error, "token expired"}`,
		`{password, ""}`,
		`{user, "ops", password, Pass}`,
	})
}

// TestOneTimeCodesMasked: the codes a service mails or texts to a user
// (reset, login, sign-in, confirmation codes), in prose and under keys;
// status, exit and error codes are kept.
func TestOneTimeCodesMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"reset code prose", "Your password reset code is 731904, valid 10 minutes",
			[]string{"731904"}, []string{"valid 10 minutes"}},
		{"login code", "sent login code 55821 to +1 device",
			[]string{"55821"}, []string{"sent login code "}},
		{"sign-in code colon", "sign-in code: 640217",
			[]string{"640217"}, []string{"sign-in code: "}},
		{"confirmation code", "confirmation code 918273 sent to user 77",
			[]string{"918273"}, []string{"sent to user 77"}},
	})
	requireWholeKept(t, nil, []string{
		"http status code 404 for /login",
		"reset code path taken in 12ms",
		"worker exit code 137",
		"error code 500 from auth service",
	})
	out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("mailed", "reset_code", "402913", "login_code", 771203) })
	require.NotContains(t, out, "402913")
	require.NotContains(t, out, "771203")
}

// TestPathTokensMasked: a capability token in a URL's path, right after a
// segment that names a secret or after a verb on one, as access logs
// write password-reset, magic-link and token routes; names of secrets,
// ids under other segments and file names are kept.
func TestPathTokensMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"reset password route", `10.0.0.7 - - "GET /reset-password/Tz4Yx8Wv2Us6Rq0Po3Nm HTTP/1.1" 200`,
			[]string{"Tz4Yx8Wv2Us6Rq0Po3Nm"}, []string{"/reset-password/", `HTTP/1.1\" 200`}},
		{"verb after the secret", "GET https://id.example.org/password/reset/Kb7Jc1Hd5Ge9Ff3Ea7Dz?lang=en",
			[]string{"Kb7Jc1Hd5Ge9Ff3Ea7Dz"}, []string{"/password/reset/", "?lang=en"}},
		{"verb in the segment", "GET /password-reset/6b1f0e8a-3c2d-4e5f-9a7b-8c6d5e4f3a2b 302",
			[]string{"6b1f0e8a-3c2d-4e5f-9a7b-8c6d5e4f3a2b"}, []string{"/password-reset/", " 302"}},
		{"token route hex", "POST /api/auth/token/0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f/revoke",
			[]string{"0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f"}, []string{"/api/auth/token/", "/revoke"}},
		{"magic link", "sent https://app.example.org/magic-link/Mw3Nx7Oy1Pz5Qa9Rb3Sc to user 12",
			[]string{"Mw3Nx7Oy1Pz5Qa9Rb3Sc"}, []string{"/magic-link/", " to user 12"}},
	})
	requireWholeKept(t, nil, []string{
		"GET /api/v1/namespaces/default/secrets/postgres-credentials-v2 200",
		"GET /api/v1/tokens/0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f 200",
		"GET /repos/acme/web/actions/secrets/public-key 200",
		"GET /password/reset/confirm 200",
		"GET /secrets/report-2024-final.pdf 200",
		"GET /users/6b1f0e8a-3c2d-4e5f-9a7b-8c6d5e4f3a2b/profile 200",
	})
}

// TestSecretChangeFromToMasked: prose that changes a secret from one value
// to another gives both; prose about where a change came from is kept.
func TestSecretChangeFromToMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"bare", "admin password changed from Gk2Lm6Np0 to Rt4Vx8Zb2Cd6 by ops",
			[]string{"Gk2Lm6Np0", "Rt4Vx8Zb2Cd6"}, []string{"admin password changed from ", " by ops"}},
		{"quoted", "api token rotated from 'Hy3Ju7Ki1Lo5' to 'Mp9Nq3Or7Ps1' (scheduled)",
			[]string{"Hy3Ju7Ki1Lo5", "Mp9Nq3Or7Ps1"}, []string{"(scheduled)"}},
	})
	requireWholeKept(t, nil, []string{
		"password changed from the admin panel to improve security",
		"password changed successfully for user 42",
		"token updated from v1 to v2",
		"password reset from email link",
	})
}

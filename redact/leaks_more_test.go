package redact_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestURLPasswordNotEscapedMasked: a DSN whose password holds an '@', a
// '#' or a '?' that nobody percent-encoded; drivers split at the last '@'
// of the authority, so the whole password is the secret.
func TestURLPasswordNotEscapedMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"at signs", "postgres://billing:Tq8@Zr4@Wm2x@pg-main.internal:5432/ledger",
			[]string{"Tq8", "Zr4", "Wm2x"}, []string{"postgres://", "@pg-main.internal:5432/ledger"}},
		{"hash", "mysql://etl:Vb5#Kn3Lp8q@mysql-0.db:3306/warehouse?tls=true",
			[]string{"Vb5", "Kn3Lp8q"}, []string{"mysql://", "@mysql-0.db:3306/warehouse?tls=true"}},
		{"question mark", "connecting to amqp://orders:Hy7?Jd2Fs9@rabbit.svc:5672/prod failed",
			[]string{"Hy7", "Jd2Fs9"}, []string{"connecting to amqp://", "@rabbit.svc:5672/prod failed"}},
		{"hash and at", "redis://default:Gx2#Pw@7Nq@cache-1.svc:6380/0",
			[]string{"Gx2", "Pw@7Nq"}, []string{"redis://", "@cache-1.svc:6380/0"}},
		{"query with at after", "mongodb://svc:Lw4@Tz9@mongo-a:27017/app?authSource=admin&replicaSet=rs0",
			[]string{"Lw4", "Tz9"}, []string{"@mongo-a:27017/app?authSource=admin"}},
	})
	requireWholeKept(t, nil, []string{
		"https://api.example.net:8443?notify=ops@example.net",
		"http://localhost:9090#section@top",
		"see https://docs.example.org/guide?contact=team@example.org",
		"https://medium.com/@writer/post-91",
		"ssh://git@git.example.com:2222/team/repo.git",
	})
}

// TestQuotedValueWithEscapedQuoteMasked: a quoted value whose quote is
// escaped by doubling it (SQL, YAML's single quotes, CSV), by the shell's
// idioms, or an ODBC value in braces that holds a ';'.
func TestQuotedValueWithEscapedQuoteMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"sql doubled", "ALTER ROLE reporting WITH LOGIN PASSWORD 'Mq''9vXt4Lz2'",
			[]string{"Mq", "9vXt4Lz2"}, []string{"ALTER ROLE reporting WITH LOGIN PASSWORD '"}},
		{"pair doubled", "db_password='Rk2''Wn8''Jc5Hy'",
			[]string{"Rk2", "Wn8", "Jc5Hy"}, []string{"db_password='"}},
		{"yaml single quoted", "smtp:\n  password: 'don''t Zp6Qa3Xe'\n  port: 587",
			[]string{"don", "Zp6Qa3Xe"}, []string{"port: 587"}},
		{"double quotes doubled", `Password="Yt4""Bv7Ns1"; Timeout=30`,
			[]string{"Yt4", "Bv7Ns1"}, []string{"Timeout=30"}},
		{"shell quote in quotes", `export API_SECRET='Fw3'"'"'Qe8Lm6' && ./run`,
			[]string{"Fw3", "Qe8Lm6"}, []string{"./run"}},
		{"shell backslash quote", `API_SECRET='Ds9'\''Kx2Mn5' ./run`,
			[]string{"Ds9", "Kx2Mn5"}, []string{"./run"}},
		{"odbc braces", "Driver={ODBC Driver 18 for SQL Server};Server=tcp:sql1,1433;Uid=app;Pwd={Nc4;Hv8}}Wq2};Encrypt=yes",
			[]string{"Nc4", "Hv8", "Wq2"}, []string{"Driver={ODBC Driver 18 for SQL Server}", "Encrypt=yes"}},
		{"jdbc braces", "jdbc:sqlserver://sql1:1433;databaseName=crm;user=app;password={Jm7;Pk3Rt};encrypt=true",
			[]string{"Jm7", "Pk3Rt"}, []string{"encrypt=true"}},
	})
	requireWholeKept(t, nil, []string{
		"SELECT 'it''s' AS label FROM dual",
		"name='O''Brien' role='admin'",
		"password='' user='svc'",
		`title="say ""hi""" lang=en`,
		"Driver={PostgreSQL Unicode};Server=pg1;Port=5432",
		`filter={"status":"open"} page=2`,
	})
}

// TestCloudflareWooCommerceLangfuseKeysMasked: token formats with a
// documented prefix: Cloudflare's scannable credentials (cfk_, cfut_,
// cfat_), WooCommerce REST keys (ck_, cs_), Langfuse secret keys (sk-lf-).
func TestCloudflareWooCommerceLangfuseKeysMasked(t *testing.T) {
	tokens := []string{
		"cfut_Wk3Jd9Lq2Xv7Nb4Rt8Zc1Hm6Pf5Gs0Ay3Eu7Io2Lx9Kq4Bw",
		"cfat_Pz8Nm3Qr6Tv1Xb9Lw4Ks7Hd2Fj5Gc0Ea8Uy3Io6Rk1Vn7Mt",
		"cfk_Qa4Ws8Ed2Rf6Tg0Yh3Uj7Ik1Ol5Pz9Xc2Vb6Nm4Lk8Jh3Gf",
		"ck_3e9a1f7c5b2d8e4a6c0f1b3d5e7a9c2f4b6d8e0a",
		"cs_a8c6e4f2d0b9a7c5e3f1d9b7a5c3e1f0d8b6a4c2",
		"sk-lf-5b1e9c3a-7d2f-4a8b-9e6c-0f1d2a3b4c5e",
	}
	var cases []textCase
	for _, tok := range tokens {
		body := tok[len(tok)-20:]
		cases = append(cases,
			textCase{tok + " alone", tok, []string{body}, nil},
			textCase{tok + " in prose", "retrying with " + tok + " after 401", []string{body}, []string{"retrying with ", " after 401"}},
			textCase{tok + " in json", `{"cfg":{"creds":"` + tok + `"}}`, []string{body}, []string{`cfg`}},
		)
	}
	cases = append(cases, textCase{"woocommerce basic auth", "curl https://shop.example.com/wp-json/wc/v3/orders -u ck_0d2f4b6a8c1e3d5f7a9b2c4e6f8a0b1d3c5e7f9a:cs_9f7d5b3a1e0c8a6f4d2b0e9c7a5f3d1b8e6c4a2f",
		[]string{"0d2f4b6a8c1e3d5f", "9f7d5b3a1e0c8a6f"}, []string{"https://shop.example.com/wp-json/wc/v3/orders"}})
	requireWholeCases(t, nil, cases)
	requireWholeKept(t, []redact.Rule{redact.Credentials}, []string{
		"pk-lf-5b1e9c3a-7d2f-4a8b-9e6c-0f1d2a3b4c5e",
		"cfut_ prefix rollout done",
		"cfg_path=/etc/app/config.yaml",
		"ck_3e9a1f7c5b2d8e4a6c0f1b3d5e7a9c2f4b6d8e0a1",
		"ck_ffffffffffffffffffffffffffffffffffffffff",
		"cs_sales_region_emea_dashboard_widget_v2_final",
		"cfk_short_Zx9",
		"sk-lf-not-a-uuid",
	})
}

// TestSafeHarborDatesMasked: besides the date of birth, Safe Harbor
// (45 CFR 164.514(b)(2)(i)(C)) names admission, discharge and death dates.
func TestSafeHarborDatesMasked(t *testing.T) {
	hipaa := []redact.Rule{redact.HIPAA}
	requireWholeCases(t, hipaa, []textCase{
		{"discharge pair", "encounter=E-5521 discharge_date=2026-10-14 ward=4B",
			[]string{"2026-10-14"}, []string{"encounter=E-5521 discharge_date=", "ward=4B"}},
		{"admission json", `{"admissionDate":"2026-09-30","unit":"ICU"}`,
			[]string{"2026-09-30"}, []string{`unit`, `ICU`}},
		{"date of death", "Date of death: 11/02/2026",
			[]string{"11/02/2026"}, []string{"Date of death: "}},
		{"death date", "death_date=2026-08-19 source=registry",
			[]string{"2026-08-19"}, []string{"source=registry"}},
		{"admit date", "admit date: 2026-07-01",
			[]string{"2026-07-01"}, []string{"admit date: "}},
	})
	for _, key := range []string{"admission_date", "dischargeDate", "date_of_death", "DateOfAdmission", "admit-date"} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, hipaa, func(l *slog.Logger) { l.Info("encounter", key, "2026-06-12") })
			require.NotContains(t, out, "2026-06-12")
		})
	}
	requireWholeKept(t, hipaa, []string{
		"discharge date pending",
		"admission_source=ER admission_count=3",
		"discharge_disposition=home",
		"release date: 2026-12-01",
	})
}

// TestMoreNationalIdentifiersMasked: national identifiers of more
// countries and personal data named in other languages, under GDPR; free
// text after an address named in German, Spanish, Italian or Portuguese
// runs over its commas as after "address".
func TestMoreNationalIdentifiersMasked(t *testing.T) {
	gdpr := []redact.Rule{redact.GDPR}
	requireWholeCases(t, gdpr, []textCase{
		{"ahv", "ahv=756.9217.0769.85 kanton=ZH", []string{"756.9217.0769.85"}, []string{"kanton=ZH"}},
		{"ppsn", `{"ppsn":"8765432WA","county":"Cork"}`, []string{"8765432WA"}, []string{"Cork"}},
		{"personalausweis", "Personalausweisnummer: L01X00T47", []string{"L01X00T47"}, []string{"Personalausweisnummer: "}},
		{"steuernummer", "steuernummer=2181508150 finanzamt=Berlin", []string{"2181508150"}, []string{"finanzamt=Berlin"}},
		{"anschrift", "Anschrift: Lindenallee 14, 50968 Köln", []string{"Lindenallee", "50968"}, []string{"Anschrift: "}},
		{"direccion", "dirección: Calle de Alcalá 42, 28014 Madrid", []string{"Alcalá 42", "28014"}, []string{"dirección: "}},
		{"indirizzo", "indirizzo=Via Roma 8, 20121 Milano", []string{"Via Roma", "20121"}, []string{"indirizzo="}},
		{"vorname nachname", "vorname=Greta nachname=Lindqvist", []string{"Greta", "Lindqvist"}, []string{"vorname=", "nachname="}},
		{"license plate", "license_plate=KA-XY-902 lot=P3", []string{"KA-XY-902"}, []string{"lot=P3"}},
		{"prenom", "prénom: Anne Sophie", []string{"Anne", "Sophie"}, []string{"prénom: "}},
	})
	for _, key := range []string{"ahv", "fodselsnummer", "burgerservicenummer", "rijksregisternummer", "henkilötunnus", "sozialversicherungsnummer", "geburtsort", "prénom", "cognome", "correo_electronico", "handynummer"} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, gdpr, func(l *slog.Logger) { l.Info("form", key, "Qv5 Tr8 Wx2") })
			require.NotContains(t, out, "Qv5 Tr8 Wx2")
		})
	}
	requireWholeKept(t, gdpr, []string{
		"bind: Adresse déjà utilisée",
		"listen tcp :8443: bind: Adresse bereits in Verwendung",
		"IP-Adresse: ",
		"plate_reader=online",
		"adresse_type=home",
	})
}

// TestAPIKeyInOtherLanguagesMasked: "API key", "token" and "password" as
// localised interfaces and configuration files write them (the forms
// that end with "API", clé API and clave de API, are not terms).
func TestAPIKeyInOtherLanguagesMasked(t *testing.T) {
	var cases []textCase
	for i, key := range []string{"API-Schlüssel", "API-Sleutel", "API-ключ", "APIキー", "API 密钥", "API金鑰", "API 키",
		"密钥", "私钥", "秘密鍵", "令牌", "トークン", "토큰", "токен",
		"contrasenya", "wagwoord", "parool", "slaptažodis", "암호"} {
		secret := fmt.Sprintf("Hv%dQz8Lm3Xw%dRt", i, i)
		cases = append(cases, textCase{key, key + ": " + secret, []string{secret}, []string{key + ": "}})
	}
	cases = append(cases,
		textCase{"json", `{"api_sleutel":"Wz4Kp9Tm2Qc7","region":"nl"}`, []string{"Wz4Kp9Tm2Qc7"}, []string{"region"}},
		textCase{"quoted", `api_schluessel = "Bn6Vx1Jr8Ls3"`, []string{"Bn6Vx1Jr8Ls3"}, []string{"api_schluessel = "}},
	)
	requireWholeCases(t, nil, cases)
	for _, key := range []string{"apiSchluessel", "api_sleutel", "токен", "秘钥", "jeton_d_acces"} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("cfg", key, "Pd7Yh2Nc5Gw9") })
			require.NotContains(t, out, "Pd7Yh2Nc5Gw9")
		})
	}
	requireWholeKept(t, nil, []string{
		"la clave de API no es válida",
		"clé API invalide ou expirée",
		"API-Schlüssel fehlt",
		"トークンの有効期限が切れました",
		"令牌已过期",
		"токен истёк",
		"토큰이 만료되었습니다",
		"用户密钥管理",
		"parola chiave",
	})
}

// TestKeyAsLaterCallArgumentMasked: a call that takes a key and its value
// after other arguments (Redis' HSet, Python's setattr, a config setter);
// the key itself is no value of the argument before it.
func TestKeyAsLaterCallArgumentMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"hset", `rdb.HSet(ctx, "session:u91", "auth_token", "Kt3Vw8Mq1Zp6Lx")`,
			[]string{"Kt3Vw8Mq1Zp6Lx"}, []string{"session:u91", "auth_token"}},
		{"setattr", `setattr(settings, "SECRET_KEY", "Fy2Nd7Hs4Wc9Qb")`,
			[]string{"Fy2Nd7Hs4Wc9Qb"}, []string{"SECRET_KEY"}},
		{"section setter", `parser.set('smtp', 'password', 'Rm5Tx0Gk8Ja3Vd')`,
			[]string{"Rm5Tx0Gk8Ja3Vd"}, []string{"parser.set('smtp', 'password', '"}},
		{"section named auth", `cfg.set('auth', 'passwd', 'Lq9Zb4Wn6Hc1Ts')`,
			[]string{"Lq9Zb4Wn6Hc1Ts"}, []string{"cfg.set('auth', 'passwd', '"}},
		{"nested first argument", `store.Put(ctx(req, 3), "api_key", "Xe7Pk2Rv5Mj8Wn")`,
			[]string{"Xe7Pk2Rv5Mj8Wn"}, []string{"api_key"}},
	})
	requireWholeKept(t, nil, []string{
		`fmt.Sprintf("%s: %s", "password", "required")`,
		`csv header: "id","password","email"`,
		`f(a, "password", b)`,
		`t.Run("password", func(t *testing.T) {`,
		`validate(form, "password", "min", "12")`,
	})
}

// TestCommandLinePasswordsMasked: SNMPv3's authentication and privacy
// passphrases, hydra's -p, ldappasswd's old and new passwords, and the
// password that openssl passwd and mkpasswd hash.
func TestCommandLinePasswordsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"snmpwalk v3", "snmpwalk -v3 -l authPriv -u nms -a SHA-256 -A Hb6Wq1Zr8Lx -x AES -X Tn3Vk7Pm2Yc 10.20.0.4 ifTable",
			[]string{"Hb6Wq1Zr8Lx", "Tn3Vk7Pm2Yc"}, []string{"-a SHA-256 -A ", "-x AES -X ", " 10.20.0.4 ifTable"}},
		{"snmpget v3", "snmpget -v 3 -u poller -l authNoPriv -a MD5 -A 'Jd4 Fs9Qw2' sw-core-1 sysUpTime.0",
			[]string{"Jd4 Fs9Qw2"}, []string{"sw-core-1 sysUpTime.0"}},
		{"hydra", "hydra -l operator -p Gz5Mb1Xv7Ns -t 4 ssh://10.1.1.9",
			[]string{"Gz5Mb1Xv7Ns"}, []string{"hydra -l operator -p ", " -t 4 ssh://10.1.1.9"}},
		{"ldappasswd", "ldappasswd -x -D cn=admin,dc=corp -w Pk8Ld3Vs6Qa -a Ow2Ne7Rt4Yu -s Nw9Bq5Cx1Zm uid=kim,ou=people,dc=corp",
			[]string{"Pk8Ld3Vs6Qa", "Ow2Ne7Rt4Yu", "Nw9Bq5Cx1Zm"}, []string{"uid=kim,ou=people,dc=corp"}},
		{"openssl passwd", "openssl passwd -6 -salt Qe4RhT Yx3Mw8Kd5Lp",
			[]string{"Yx3Mw8Kd5Lp"}, []string{"openssl passwd -6 -salt Qe4RhT "}},
		{"openssl passwd in usermod", "usermod -p $(openssl passwd -1 Vc6Jn2Hs9Tb) deploy",
			[]string{"Vc6Jn2Hs9Tb"}, []string{") deploy"}},
		{"mkpasswd", `mkpasswd -m sha-512 -R 5000 "Fm7Xs4Wd1Ge"`,
			[]string{"Fm7Xs4Wd1Ge"}, []string{"mkpasswd -m sha-512 -R 5000 "}},
	})
	requireWholeKept(t, nil, []string{
		"snmpwalk -v2c -A 5 10.0.0.1 system",
		"snmpwalk -v3 -l noAuthNoPriv -u public 10.0.0.1",
		"hydra -h",
		"mkpasswd --help",
		"echo x | mkpasswd -s -m sha-512",
		"openssl passwd -stdin -6 < pwlist.txt",
		"openssl passwd -6 $NEW_PW",
		"grep -A 3 -X snmpwalk notes.txt",
	})
}

// TestJSONPatchValueMasked: a JSON Patch operation (RFC 6902) names the
// key it sets in its "path"; the "value" is masked when that key names a
// secret (kubectl patch --type=json, operators that log their patches).
func TestJSONPatchValueMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"replace", `[{"op":"replace","path":"/spec/auth/password","value":"Dq8Nw3Zk6Ty1"}]`,
			[]string{"Dq8Nw3Zk6Ty1"}, []string{`/spec/auth/password`}},
		{"add spaced", `patch: [{"op": "add", "path": "/stringData/client_secret", "value": "Ub2Ye7Lg4Rs9"}, {"op": "remove", "path": "/metadata/labels/stale"}]`,
			[]string{"Ub2Ye7Lg4Rs9"}, []string{`/metadata/labels/stale`}},
		{"escaped", `{\"op\":\"replace\",\"path\":\"/config/apiToken\",\"value\":\"Kx5Fp0Hm3Vw8\"}`,
			[]string{"Kx5Fp0Hm3Vw8"}, []string{`/config/apiToken`}},
	})
	requireWholeKept(t, nil, []string{
		`[{"op":"replace","path":"/spec/replicas","value":3}]`,
		`{"op":"test","path":"/metadata/name","value":"token-rotator"}`,
		`{"path":"/oauth/token","value":57}`,
		`{"route":"/api/token","path":"/api/token","value":"GET"}`,
	})
}

// TestBooleanStringsKept: a boolean written as a string under a key that
// names a secret says whether there is one; it is no secret.
func TestBooleanStringsKept(t *testing.T) {
	for _, kv := range [][2]string{{"has_password", "true"}, {"is_secret", "false"}, {"api_token", "TRUE"}, {"mfa_code", "False"}} {
		t.Run(kv[0], func(t *testing.T) {
			log := func(l *slog.Logger) { l.Info("user", kv[0], kv[1]) }
			require.Equal(t, plainOutput(log), handlerOutput(t, nil, log))
		})
	}
	requireWholeKept(t, nil, []string{
		"password: true",
		`password_auth="false" token="true"`,
	})
	requireWholeCases(t, nil, []textCase{
		{"word that starts with true", "password=truelove99", []string{"truelove99"}, []string{"password="}},
		{"attr", "token: Falsetto7x", []string{"Falsetto7x"}, []string{"token: "}},
	})
}

// TestPasswordResetLinksMasked: a password reset link carries the reset
// token in its path or query; whoever holds it takes the account. (A
// reset URL is the page's address, and stays.)
func TestPasswordResetLinksMasked(t *testing.T) {
	for _, key := range []string{"reset_link", "passwordResetLink", "password-reset-link"} {
		t.Run(key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("mail queued", key, "https://id.example.com/reset/Vq3Jx8Nm5Lw2Kd") })
			require.NotContains(t, out, "Vq3Jx8Nm5Lw2Kd")
		})
	}
	requireWholeCases(t, nil, []textCase{
		{"pair", "mail queued to=user-81 reset_link=https://id.example.com/r/Tz6Hb1Qw9Ye4Ms",
			[]string{"Tz6Hb1Qw9Ye4Ms"}, []string{"mail queued to=user-81 reset_link="}},
	})
	for _, key := range []string{"password_reset_url", "reset_url", "password_reset_count", "reset_link_expires_at"} {
		t.Run(key, func(t *testing.T) {
			log := func(l *slog.Logger) { l.Info("cfg", key, "https://id.example.com/reset") }
			require.Equal(t, plainOutput(log), handlerOutput(t, nil, log))
		})
	}
}

// TestHTTPCookieValueMasked: net/http's Cookie logged as a value, alone
// or as a request's cookies, under any key: its Value and Raw are the
// credential, whatever the cookie's name.
func TestHTTPCookieValueMasked(t *testing.T) {
	c := &http.Cookie{Name: "prefs_v2", Value: "Wd5Kq8Zn3Tx6Hb", Path: "/", HttpOnly: true}
	raw := &http.Cookie{Name: "sid", Value: "Jr4Lm9Vc2Xs7Pe", Raw: "sid=Jr4Lm9Vc2Xs7Pe; Path=/; Secure"}
	for name, log := range map[string]func(*slog.Logger){
		"pointer": func(l *slog.Logger) { l.Info("req", "c", c) },
		"value":   func(l *slog.Logger) { l.Info("req", "first", *c) },
		"slice":   func(l *slog.Logger) { l.Info("req", "jar", []*http.Cookie{c, raw}) },
		"raw":     func(l *slog.Logger) { l.Info("resp", "set", raw) },
		"in map":  func(l *slog.Logger) { l.Info("req", "state", map[string]any{"c": c}) },
	} {
		t.Run(name, func(t *testing.T) {
			out := handlerOutput(t, nil, log)
			require.NotContains(t, out, "Wd5Kq8Zn3Tx6Hb")
			require.NotContains(t, out, "Jr4Lm9Vc2Xs7Pe")
			require.Contains(t, out, redact.DefaultMask)
			require.Contains(t, out, `"Name":"`)
		})
	}
	type setting struct{ Name, Value string }
	type Cookie struct{ Name, Value string } // not net/http's
	for name, log := range map[string]func(*slog.Logger){
		"name and value":     func(l *slog.Logger) { l.Info("cfg", "s", setting{"theme", "dark"}) },
		"own cookie type":    func(l *slog.Logger) { l.Info("bake", "c", Cookie{"oatmeal", "raisin"}) },
		"empty cookie":       func(l *slog.Logger) { l.Info("req", "c", &http.Cookie{Name: "x"}) },
		"without credential": func(l *slog.Logger) { l.Info("req", "c", c) },
	} {
		t.Run("kept "+name, func(t *testing.T) {
			rules := []redact.Rule{redact.Credentials}
			if name == "without credential" {
				rules = []redact.Rule{redact.GDPR}
			}
			require.Equal(t, plainOutput(log), handlerOutput(t, rules, log))
		})
	}
}

// TestHL7PatientSegmentsMasked: HL7 v2 messages as interface engines log
// them; the patient-identifying segments keep their name and set ID.
func TestHL7PatientSegmentsMasked(t *testing.T) {
	hipaa := []redact.Rule{redact.HIPAA}
	msg := "MSH|^~\\&|LAB|GENHOSP|EHR|GENHOSP|202612021415||ADT^A04|MSG00417|P|2.5.1\r" +
		"EVN|A04|202612021415\r" +
		"PID|1||M7712094^^^GENHOSP^MR~219-09-9999^^^USSSA^SS||QUILL^MARA^J||19790622|F|||48 ELM ST^^SALEM^OR^97301||(503)555-0142|||||ACC88172|219099999\r" +
		"NK1|1|QUILL^TOBIAS|SPO|48 ELM ST^^SALEM^OR^97301|(503)555-0187\r" +
		"IN1|1|PLAN7|INSCO01|ACME HEALTH|||||||||||QUILL^MARA^J|SEL|19790622|||||||||||||||||POL-55102-X\r" +
		"PV1|1|O|CLINIC^5^A"
	requireWholeCases(t, hipaa, []textCase{
		{"message", msg, []string{"M7712094", "QUILL", "MARA", "19790622", "ELM ST", "555-0142", "ACC88172", "219099999", "TOBIAS", "POL-55102-X"},
			[]string{"MSH|^~\\\\&|LAB|GENHOSP", "EVN|A04|202612021415", "PID|1|", "NK1|1|", "IN1|1|", "PV1|1|O|CLINIC^5^A"}},
		{"one segment", "hl7 in: PID|1||A55017^^^CLINIC^MR||ODELL^KIT||20010309|M", []string{"A55017", "ODELL", "20010309"}, []string{"hl7 in: PID|1|"}},
		{"escaped lines", `{"raw":"MSH|^~\\&|X|Y\rPID|2||B91^^^Z^MR||VANCE^RUE||19660101|M\rPV1|1|I"}`, []string{"B91", "VANCE", "19660101"}, []string{"PID|2|", "PV1|1|I"}},
		{"merge", "MRG|C33018^^^CLINIC^MR|||C33018\nPID|1||C40211^^^CLINIC^MR||PENN^ALI||19880808|F", []string{"C33018", "C40211", "PENN"}, []string{"MRG|", "PID|1|"}},
	})
	requireWholeKept(t, hipaa, []string{
		"RAPID|1|done",
		"MSH|^~\\&|LAB|GENHOSP|EHR|GENHOSP|202612021415||ORU^R01|MSG1|P|2.5.1",
		"OBX|1|NM|718-7^Hemoglobin^LN||13.2|g/dL|12-16|N",
		"PID|1|",
	})
	// Without the HIPAA preset the segment stays: the detector is HIPAA's.
	requireWholeKept(t, []redact.Rule{redact.Credentials}, []string{"PID|1||A55017^^^CLINIC^MR||ODELL^KIT||20010309|M"})
}

// TestNestedPairKeyMasked: a key that names a secret, then another such
// key with its colon, then the value (credentials: SecretAccessKey: …,
// token -> SessionToken: …): the value is the last word, not the label.
func TestNestedPairKeyMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"aws labels", "credentials: SecretAccessKey: Wn5Qz2Xk8Lt4Rv", []string{"Wn5Qz2Xk8Lt4Rv"}, []string{"credentials: SecretAccessKey: "}},
		{"same term", "auth: token: Hc7Md3Vp9Ys1Gb", []string{"Hc7Md3Vp9Ys1Gb"}, []string{"auth: token: "}},
		{"brace", "creds: {SessionToken: Jt6Ne1Wq4Zo8Kx}", []string{"Jt6Ne1Wq4Zo8Kx"}, []string{"creds: {SessionToken: "}},
		{"scheme word", "auth: Bearer: Lu2Rf7Ba5Xn3Pc", []string{"Lu2Rf7Ba5Xn3Pc"}, []string{"auth: Bearer: "}},
		{"arrow", "aws sts get-session-token -> SessionToken: Qm9Tv4Hy1Ze6Ws", []string{"Qm9Tv4Hy1Ze6Ws"}, []string{"-> SessionToken: "}},
		{"linking word", "the password is Passphrase: Bd3Kx8Nr5Jq2Ml", []string{"Bd3Kx8Nr5Jq2Ml"}, []string{"Passphrase: "}},
	})
	requireWholeKept(t, nil, []string{
		"decrypt secret: cipher: message authentication failed",
		"auth: user=bob method=oidc result=ok",
	})
}

// TestStoreSecretStdinMasked: CircleCI's context store-secret reads the
// secret from its standard input, as wrangler secret put does.
func TestStoreSecretStdinMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"here-string", "circleci context store-secret github acme-ctx NPM_TOKEN <<< Yg4Lb9Ws2Kq7Td",
			[]string{"Yg4Lb9Ws2Kq7Td"}, []string{"store-secret github acme-ctx NPM_TOKEN <<< "}},
		{"pipe", "printf %s Rc8Vn3Hx6Zm1Qp | circleci context store-secret --org-id 7f1e acme-ctx API_KEY",
			[]string{"Rc8Vn3Hx6Zm1Qp"}, []string{"| circleci context store-secret --org-id 7f1e acme-ctx API_KEY"}},
	})
	requireWholeKept(t, nil, []string{
		"circleci context list github acme",
		"circleci context remove-secret github acme-ctx NPM_TOKEN",
	})
}

// TestShipAddressMasked: a shipping address under ship_address is a
// street's, read over its commas; "ship" ends with "ip" but names no IP.
func TestShipAddressMasked(t *testing.T) {
	gdpr := []redact.Rule{redact.GDPR}
	requireWholeCases(t, gdpr, []textCase{
		{"snake", "order=9921 ship_address: 14 Quay Lane, Bristol BS1 4RN", []string{"Quay Lane", "Bristol"}, []string{"order=9921 ship_address: "}},
		{"camel", "shipAddress: 7 Harbour Row, Cork", []string{"Harbour Row", "Cork"}, []string{"shipAddress: "}},
	})
	requireWholeCases(t, gdpr, []textCase{
		{"ip address stays one word", "client_ip_address: 198.51.100.23 user=kim", []string{"198.51.100.23"}, []string{"user=kim"}},
	})
}

// TestWiFiQRPayloadMasked: the payload of a Wi-Fi QR code holds the
// network's password (P:); provisioning apps log it whole.
func TestWiFiQRPayloadMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"wpa", "WIFI:T:WPA;S:Atelier-2F;P:Vm3Qx8Lr1Wz6;;", []string{"Vm3Qx8Lr1Wz6"}, nil},
		{"in prose", "scanned qr=WIFI:S:Cafe\\;Guest;T:WPA;P:Hn5Tb2Kc9Yd4;H:false;; joining", []string{"Hn5Tb2Kc9Yd4"}, []string{"scanned qr=", " joining"}},
		{"password first", `{"qr":"WIFI:P:Gs7Lw4Qe1Zx8;S:Shop;T:WPA2;;"}`, []string{"Gs7Lw4Qe1Zx8"}, []string{"qr"}},
	})
	requireWholeKept(t, nil, []string{
		"WIFI:S:PublicHall;T:nopass;;",
		"WIFI: connected to Atelier-2F",
		"WIFI:T:WPA;S:Lab;P:;;",
	})
}

package redact_test

import (
	"errors"
	"fmt"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// wholePlacements log a string whole: as an attr's value, as the message
// and as an error's text (a value that ends its line stays at the end).
var wholePlacements = map[string]func(*slog.Logger, string){
	"attr":    func(l *slog.Logger, s string) { l.Info("loaded", "detail", s) },
	"message": func(l *slog.Logger, s string) { l.Info(s) },
	"error":   func(l *slog.Logger, s string) { l.Error("failed", "err", errors.New(s)) },
}

// requireWholeCases is requireTextCases with wholePlacements.
func requireWholeCases(t *testing.T, rules []redact.Rule, cases []textCase) {
	t.Helper()
	requireCasesIn(t, rules, cases, wholePlacements)
}

// requireWholeKept checks that each string reaches the output unchanged
// in every one of wholePlacements.
func requireWholeKept(t *testing.T, rules []redact.Rule, texts []string) {
	t.Helper()
	requireKeptIn(t, rules, texts, wholePlacements)
}

// TestVaultUnsealKeysMasked: what vault operator init prints, as text and
// as JSON, and its keys as attrs.
func TestVaultUnsealKeysMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"init text", "Unseal Key 1: q3Vx8TmZ0aLr7pWkNc2bYf5dHs9gJe4uKi6oPl1nMwA=\nUnseal Key 2: Rz5Kt7WvXb0cNd2Fh4Jm6Lp8Qs1Tu3Yw5Ae7Gi9Ko0=\nInitial Root Token: hvs.T4eQm9Zk2LrWx7",
			[]string{"q3Vx8TmZ0aLr7pWk", "Rz5Kt7WvXb0cNd2F", "T4eQm9Zk2LrWx7"}, []string{"Unseal Key 1: ", "Unseal Key 2: ", "Initial Root Token: "}},
		{"recovery key", "Recovery Key 3: Pw2Ls9Dk4Hq7Vn1Zc6Xb8Mf3Jt5Gr0Ye",
			[]string{"Pw2Ls9Dk4Hq7Vn1Zc6Xb8Mf3Jt5Gr0Ye"}, []string{"Recovery Key 3: "}},
		{"numbered password", "password 2 = Hq4Ws8Ze1Rx6", []string{"Hq4Ws8Ze1Rx6"}, []string{"password 2 = "}},
		{"init json", `{"unseal_keys_b64":["Fd8Ql2Xs5Vc9Bn3Mk7Jh1Gt4Ry6Ue0Ia=","Lo3Kj8Hg2Fd6Sa9Qw1Er5Ty7Ui4Op0Zx="],"unseal_keys_hex":["9c1e77ab03f45e6d"],"unseal_shares":5,"unseal_threshold":3,"recovery_keys_b64":["Nb5Vc8Xz2Lk6Jh9Gf3Ds7Ap1Qw4Er0Ty="]}`,
			[]string{"Fd8Ql2Xs5Vc9Bn3M", "Lo3Kj8Hg2Fd6Sa9Q", "9c1e77ab03f45e6d", "Nb5Vc8Xz2Lk6Jh9G"}, []string{`unseal_shares\":5`, `unseal_threshold\":3`}},
	})
	for _, key := range []string{"unseal_keys_b64", "unseal_keys_hex", "recovery_keys_b64", "UnsealKey", "recovery-key"} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("init", key, "Wm4Xn7Bq2Kv9Lc5Z") })
			require.NotContains(t, out, "Wm4Xn7Bq2Kv9Lc5Z")
		})
	}
	requireWholeKept(t, nil, []string{
		"Unseal Progress: 2/3",
		"Key Shares: 5",
		"Step 1: unseal the vault",
		"unseal_shares=5 unseal_threshold=3",
		"Key 1: a1b2c3",
		"build 2: Hq4Ws8Ze1Rx6",
	})
}

// TestLogfmtKeyAfterAPairKept: in logfmt, a bare key= after another
// pair's value names an object's or a message's key (S3, Kafka,
// DynamoDB); the value before it is no word of the key.
func TestLogfmtKeyAfterAPairKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"bucket=assets key=reports/2026/q3-summary.pdf size=20480",
		"kafka produce topic=payments partition=7 key=acct-55120 offset=811",
		"level=info msg=\"put object\" bucket=backups key=db/nightly-1202.tar.zst",
		"PutObject s3://assets/img/logo.svg key=img/logo.svg",
		"consumer group=billing key=inv-20917 lag=3",
		"upload ok key=exports/users-1202.csv",
		"fetched key=tenant-42/settings.json",
		`{"LastEvaluatedKey":{"pk":{"S":"TENANT#9"},"sk":{"S":"INVOICE#2026-11-30"}}}`,
	})
	requireWholeCases(t, nil, []textCase{
		{"term before key", "region=eu-west-1 maps key=Tq7Rw2Xe9Lp4Zk", []string{"Tq7Rw2Xe9Lp4Zk"}, []string{"region=eu-west-1 maps key="}},
		{"term of two words", "user=svc-ci api key: Nd3Vb8Qw1Xz6Lm", []string{"Nd3Vb8Qw1Xz6Lm"}, []string{"user=svc-ci api key: "}},
		{"own term", "bucket=assets secret_key=Jp5Hc2Mv7Ks0Ga", []string{"Jp5Hc2Mv7Ks0Ga"}, []string{"bucket=assets secret_key="}},
		{"vendor token", "topic=orders key=sk_live_Zu4Tr6Qa9Wc1Ex3Yb8Nm2Vf", []string{"Zu4Tr6Qa9Wc1Ex3Yb8Nm2Vf"}, []string{"topic=orders key="}},
	})
}

// TestAnnouncedPasswordsMasked: the passwords that servers print when they
// generate or reset one, after a sentence that says so and a colon.
func TestAnnouncedPasswordsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"mysql temporary", "2026-12-02T13:40:11.402Z 6 [Note] [MY-010454] [Server] A temporary password is generated for root@localhost: k;Wz8&pQr2aT",
			[]string{"k;Wz8&pQr2aT"}, []string{"A temporary password is generated for root@localhost: "}},
		{"elasticsearch first start", "The generated password for the elastic built-in superuser is : Vq+9Tn_Lm4xBr2Wc7Hd=",
			[]string{"Vq+9Tn_Lm4xBr2Wc7Hd="}, []string{"The generated password for the elastic built-in superuser is : "}},
		{"elasticsearch reset", "Password for the [kibana_system] user successfully reset.\nNew value: Rt6*yUi0oP3sDf",
			[]string{"Rt6*yUi0oP3sDf"}, []string{"successfully reset.", "New value: "}},
		{"reset on one line", "kibana_system password reset: New value: Zx5cVb7nM1qW",
			[]string{"Zx5cVb7nM1qW"}, []string{"New value: "}},
		{"jenkins", "*************************************************************\n\nJenkins initial setup is required. An admin user has been created and a password generated.\nPlease use the following password to proceed to installation:\n\n4b7e1f0a9c2d48e6b3a5f7c9d1e2a4b6\n\nThis may also be found at: /var/jenkins_home/secrets/initialAdminPassword",
			[]string{"4b7e1f0a9c2d48e6b3a5f7c9d1e2a4b6"}, []string{"to proceed to installation:", "/var/jenkins_home/secrets/initialAdminPassword"}},
		{"initial token", "Initial admin token for the dashboard: Qm3Nv8Bx2Lk7Zp",
			[]string{"Qm3Nv8Bx2Lk7Zp"}, []string{"Initial admin token for the dashboard: "}},
	})
	requireWholeKept(t, nil, []string{
		"password reset requested for user: mjones.archive2026",
		"new password policy applied: min14-symbols2",
		"password reset email sent to: carol.ng@example.org",
		"A new token was issued for client: billing-api-3",
		"random secret rotation scheduled at: 2026-12-03T04:00:00Z",
		"initial token refresh failed: context deadline exceeded",
		"the password is generated by the server",
		"Please use the following password to proceed to installation",
		"new password saved: true",
	})
}

// TestXMLElementWithAttributesMasked: an element named by a key keeps its
// text secret when it carries attributes (WS-Security's UsernameToken,
// namespaces, xml:space).
func TestXMLElementWithAttributesMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"ws-security", `<wsse:UsernameToken wsu:Id="UT-1"><wsse:Username>svc-billing</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">Gy7#uKp2Lx9q</wsse:Password></wsse:UsernameToken>`,
			[]string{"Gy7#uKp2Lx9q"}, []string{"svc-billing", `#PasswordText\">`}},
		{"type attribute", `<password type="plain">Fh3Jk8Lm2Nq5</password>`, []string{"Fh3Jk8Lm2Nq5"}, []string{`<password type=\"plain\">`}},
		{"namespace declared", `<ns3:clientSecret xmlns:ns3="urn:corp:auth">Tb6Vn1Xc4Zm9Qw</ns3:clientSecret>`, []string{"Tb6Vn1Xc4Zm9Qw"}, []string{`xmlns:ns3=\"urn:corp:auth\">`}},
		{"two attributes", `<apiKey encrypted="false" scope='read'>Lw2Ep5Rt8Yu1Io</apiKey>`, []string{"Lw2Ep5Rt8Yu1Io"}, []string{`encrypted=\"false\" scope='read'>`}},
		{"xml space", `<AccessToken xml:space="preserve">Kd9Sf3Gh6Jk0Lz</AccessToken>`, []string{"Kd9Sf3Gh6Jk0Lz"}, []string{`xml:space=\"preserve\">`}},
	})
	requireWholeKept(t, nil, []string{
		`<token type="bearer"/>`,
		`<password required="true" minLength="12"/>`,
		`<credentials type="basic"><user>bob</user></credentials>`,
		`<secret name="db-creds" namespace="prod"></secret>`,
		`<key id="k-2026">reports/q3.csv</key>`,
		`<passwordPolicy minLength="12">strict</passwordPolicy>`,
		`<tokenizer lang="en">cl100k_base</tokenizer>`,
	})
}

// TestSwarmVercelTunnelTokensMasked: Docker Swarm join tokens, Vercel Blob
// read-write tokens and Cloudflare Tunnel tokens (values made up in their
// formats), as a value, in a message and in an error.
func TestSwarmVercelTunnelTokensMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"swarm worker", "docker swarm join --token SWMTKN-1-4k8x2p9w7q1m5n3v6b0c8z4a7s2d9f1g3h5j7k0l2q4w6e8r1t3y5u-7c2v9b4n1m6x3z8a5s0d2f7g4 10.0.4.2:2377",
			[]string{"4k8x2p9w7q1m5n3v6b0c8z4a7s2d9f1g3h5j7k0l2q4w6e8r1t3y5u", "7c2v9b4n1m6x3z8a5s0d2f7g4"}, []string{"10.0.4.2:2377"}},
		{"swarm in prose", "joining the cluster with SWMTKN-1-0z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4j3i2h1g0f9e8d7c6b-a1b2c3d4e5f6g7h8i9j0k1l2m as manager",
			[]string{"0z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4j3i2h1g0f9e8d7c6b", "a1b2c3d4e5f6g7h8i9j0k1l2m"}, []string{"as manager"}},
		{"vercel blob", "BLOB_READ_WRITE_TOKEN loaded: vercel_blob_rw_Qx7LmZp2Wv9KtR4d_Hn3Jb8Cy5Fs1Ge6Uw0Ia4Oz7Xk2Mq9Vr3T",
			[]string{"Hn3Jb8Cy5Fs1Ge6Uw0Ia4Oz7Xk2Mq9Vr3T"}, []string{"BLOB_READ_WRITE_TOKEN loaded: "}},
		{"vercel blob in url", "put https://blob.vercel-storage.com/a.png?token=x failed with vercel_blob_rw_8dFg2HjK4lZx6CvB_n1M3q5W7e9R2t4Y6u8I0o2P4a6S8d0F",
			[]string{"n1M3q5W7e9R2t4Y6u8I0o2P4a6S8d0F"}, []string{"failed with "}},
		{"cloudflare tunnel", "sudo cloudflared service install eyJhIjoiNWQyZjljNDFlMDdhNGI4ZDkzYzZhMWYwYjdlMmQ0OGMiLCJ0IjoiYzgxZjRhMjctOTNkZS00YjA1LWE2YzItN2UxOWYwZDNiODU0IiwicyI6Ik1tWTNZemxoTVdVdE5XSXpaQzAwWlRobUxUbGhObU10TVdRd1pUZGlOR1l5WVRreiJ9",
			[]string{"Ik1tWTNZemxoTVdVdE5XSXpaQzAwWlRobUxUbGhObU10"}, []string{"cloudflared service install "}},
		{"cloudflare tunnel unpadded", "TUNNEL_TOKEN=eyJhIjoiZTNiMGM0NDI5OGZjMWMxNDlhZmJmNGM4OTk2ZmI5MjQiLCJ0IjoiMGY4ZTJiNmQtNDFhYy00ZjM3LWI5ZDItNWM2YTFlOGYzZDA3IiwicyI6Ik9XRTBaVEZqTjJZdE1tUTRZaTAwWmpZd0xXSXpZVFV0WlRkak1tUXhaakE1WWpRNCJ9 cloudflared tunnel run",
			[]string{"Ik9XRTBaVEZqTjJZdE1tUTRZaTAwWmpZd0xXSXpZVFV0"}, []string{"cloudflared tunnel run"}},
	})
	requireWholeKept(t, nil, []string{
		"SWMTKN-1-short-token",
		"swarm token rotated: SWMTKN-1-<redacted>",
		"vercel_blob_rw_ prefix expected",
		"store vercel_blob_rw_store1 not found",
		"eyJhIjoiMSJ9 is a test tunnel token",
		"decoded eyJhIjoi prefix",
	})
}

// TestDottedDatesOfBirthMasked: a date of birth written with dots (as in
// Germany, Russia or Poland) is no version number under a personal key.
func TestDottedDatesOfBirthMasked(t *testing.T) {
	for _, rules := range [][]redact.Rule{{redact.GDPR}, {redact.HIPAA}} {
		t.Run(rules[0].Name, func(t *testing.T) {
			requireWholeCases(t, rules, []textCase{
				{"dob colon", "patient dob: 23.07.1979 admitted", []string{"23.07.1979"}, []string{"admitted"}},
				{"date of birth pair", "date_of_birth=07.11.1992 plan=basic", []string{"07.11.1992"}, []string{"plan=basic"}},
				{"json birthdate", `{"id":7,"birthdate":"30.01.1968"}`, []string{"30.01.1968"}, []string{`\"id\":7`}},
				{"year first", "dob=2001.09.05", []string{"2001.09.05"}, nil},
				{"short year", "birthday: 4.6.88", []string{"4.6.88"}, nil},
			})
		})
	}
	t.Run("geburtsdatum", func(t *testing.T) {
		requireWholeCases(t, []redact.Rule{redact.GDPR}, []textCase{
			{"german key", "Geburtsdatum: 12.05.1990", []string{"12.05.1990"}, []string{"Geburtsdatum: "}},
		})
	})
	requireWholeKept(t, []redact.Rule{redact.GDPR}, []string{
		"github.com/aws/aws-sdk-go-v2/credentials v1.17.42",
		"release=24.03.1 build ok",
		"schema version: 2.14.3",
	})
	requireWholeKept(t, nil, []string{
		"credentials v1.18.7 loaded",
		"token: 1.4.2",
	})
}

// TestLanguageModelAccountingKept: a language model's usage, budget and
// quota of tokens, and a tokenizer's special tokens, are no credentials;
// nor is the protocol of an IP term personal data.
func TestLanguageModelAccountingKept(t *testing.T) {
	attrs := []any{"token_usage", 1733, "tokenUsage", "1733", "token_budget", 16000, "token_quota", "250000",
		"eos_token", "</s>", "bos_token", "<s>", "pad_token", "<pad>", "unk_token", "<unk>", "stop_token", "<|im_end|>", "mask_token", "[MASK]"}
	t.Run("attrs", func(t *testing.T) {
		log := func(l *slog.Logger) { l.Info("llm call", attrs...) }
		require.Equal(t, plainOutput(log), handlerOutput(t, nil, log))
	})
	requireWholeKept(t, nil, []string{
		"tokens_used=2210 token_usage=2210 token_budget=32000",
		`{"eos_token":"<|endoftext|>","bos_token":"<|startoftext|>","pad_token":"<|pad|>","sep_token":"[SEP]","cls_token":"[CLS]"}`,
		"tokenizer loaded: eos_token=</s> pad_token=<pad>",
	})
	requireWholeKept(t, []redact.Rule{redact.GDPR}, []string{
		"ip_version=4 ip_protocol=tcp",
		"client_ip_proto=udp",
	})
	for _, key := range []string{"api_token", "eos_api_token", "token_eos", "token_pad", "usage_token", "budget_token"} {
		t.Run("masked "+key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("x", key, "Vt8Rm3Kq6Lz1Wp") })
			require.NotContains(t, out, "Vt8Rm3Kq6Lz1Wp")
		})
	}
}

// TestQualifiedKeyMasked: a short qualifier in parentheses between a key
// and its colon (API key (prod): …) leaves the pair a pair.
func TestQualifiedKeyMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"environment", "API key (prod): Hb4Nm7Qw2Ez9", []string{"Hb4Nm7Qw2Ez9"}, []string{"API key (prod): "}},
		{"encoding", "SECRET_KEY (base64): c2VjcmV0LWtleS0yMDI2LTEy", []string{"c2VjcmV0LWtleS0yMDI2LTEy"}, []string{"SECRET_KEY (base64): "}},
		{"quoted", `client secret (staging): "Pk3Lo8Ij5Uh2"`, []string{"Pk3Lo8Ij5Uh2"}, []string{"client secret (staging): "}},
	})
	requireWholeKept(t, nil, []string{
		"token (string): The API token to use",
		"password (optional): leave empty to be prompted",
		"api key (required): your key from the dashboard",
		"the token (see docs): expired",
	})
}

// TestMorePersonalTermsMasked: card expiry months and years (Stripe's
// exp_month, exp_year), the Medicare Beneficiary Identifier, France's
// numéro de sécurité sociale and mobile advertising identifiers.
func TestMorePersonalTermsMasked(t *testing.T) {
	cases := []struct {
		rules []redact.Rule
		tc    textCase
	}{
		{[]redact.Rule{redact.PCIDSS}, textCase{"stripe expiry", `{"brand":"visa","exp_month":11,"exp_year":2029,"last4":"4242"}`, []string{"11", "2029"}, []string{`last4\":\"4242`}}},
		{[]redact.Rule{redact.PCIDSS}, textCase{"expiry month pair", "expiry_month=08 expiration_year=31 brand=mc", []string{"=08", "=31"}, []string{"brand=mc"}}},
		{[]redact.Rule{redact.HIPAA}, textCase{"mbi", "eligibility check MBI: 7QD2-XK4-AN91 ok", []string{"7QD2-XK4-AN91"}, []string{"eligibility check"}}},
		{[]redact.Rule{redact.HIPAA}, textCase{"medicare beneficiary identifier", "medicare_beneficiary_identifier=2WK8TC3RD65", []string{"2WK8TC3RD65"}, nil}},
		{[]redact.Rule{redact.GDPR}, textCase{"nir", "numéro de sécurité sociale: 2 91 03 75 112 044 58", []string{"2 91 03 75 112 044 58", "044 58"}, []string{"numéro de sécurité sociale: "}}},
		{[]redact.Rule{redact.GDPR}, textCase{"nir ascii", "numero_securite_sociale=291037511204458", []string{"291037511204458"}, nil}},
		{[]redact.Rule{redact.GDPR}, textCase{"idfa", "attribution idfa=6D92078A-8246-4BA4-AE5B-76104861E7DC install", []string{"6D92078A-8246-4BA4-AE5B-76104861E7DC"}, []string{"install"}}},
		{[]redact.Rule{redact.CCPA}, textCase{"gaid", `{"gaid":"38f1c2a4-5e6b-4d7c-8e9f-0a1b2c3d4e5f","event":"open"}`, []string{"38f1c2a4-5e6b-4d7c-8e9f-0a1b2c3d4e5f"}, []string{`event\":\"open`}}},
	}
	for _, c := range cases {
		t.Run(c.rules[0].Name, func(t *testing.T) { requireWholeCases(t, c.rules, []textCase{c.tc}) })
	}
	t.Run("attrs", func(t *testing.T) {
		out := handlerOutput(t, []redact.Rule{redact.PCIDSS, redact.HIPAA, redact.GDPR}, func(l *slog.Logger) {
			l.Info("x", "exp_month", 9, "expYear", "2030", "mbi", "5EG4TE5MK73", "idfv", "A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D", "aaid", "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")
		})
		for _, s := range []string{":9", "2030", "5EG4TE5MK73", "A1B2C3D4-E5F6", "0f1e2d3c-4b5a"} {
			require.NotContains(t, out, s)
		}
	})
	requireWholeKept(t, []redact.Rule{redact.PCIDSS, redact.HIPAA, redact.GDPR}, []string{
		"token exp=1767225600 iat=1767222000",
		"cache_exp_seconds=300",
		"expiry_days=30 plan=annual",
		"sécurité renforcée activée",
	})
}

// TestNamedValueFormsMasked: values named by another element or attribute,
// and LDIF's base64 values: a .NET settings file's <setting name=…>
// <value>, a property list's <key> and <string>, an HTML <meta name=…
// content=…>, and userPassword:: in LDIF.
func TestNamedValueFormsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"dotnet setting", `<setting name="ApiToken" serializeAs="String"><value>Dn4Fm8Hp1Kq6</value></setting>`, []string{"Dn4Fm8Hp1Kq6"}, []string{`serializeAs=\"String\"><value>`}},
		{"plist", "<dict>\n\t<key>ClientSecret</key>\n\t<string>Ew7Rt2Yu5Io9</string>\n</dict>", []string{"Ew7Rt2Yu5Io9"}, []string{"<key>ClientSecret</key>"}},
		{"meta csrf", `<meta name="csrf-token" content="Ac3Sd6Fg9Hj2Kl5Zx8">`, []string{"Ac3Sd6Fg9Hj2Kl5Zx8"}, []string{`<meta name=\"csrf-token\" content=`}},
		{"ldif line", "userPassword:: e1NTSEF9QmF6UXV4Rm9vQmFyNDU2", []string{"e1NTSEF9QmF6UXV4Rm9vQmFyNDU2"}, []string{"userPassword:: "}},
		{"ldif", "dn: uid=mia,ou=people,dc=corp\nuserPassword:: e1NTSEF9Rm9vQmFyQmF6UXV4MTIz\nmail: mia@corp.example", []string{"e1NTSEF9Rm9vQmFyQmF6UXV4MTIz"}, []string{"dn: uid=mia,ou=people,dc=corp"}},
	})
	requireWholeKept(t, nil, []string{
		`<setting name="Timeout" serializeAs="String"><value>30</value></setting>`,
		"<key>CFBundleName</key>\n<string>Billing</string>",
		`<meta name="viewport" content="width=device-width">`,
		"description:: VGhlIGJpbGxpbmcgdGVhbQ==",
		"std:: string",
	})
}

// TestQuotedArgvMasked: a command line as Go's %q prints a []string, its
// elements quoted and separated by spaces: the element after a flag that
// names a secret.
func TestQuotedArgvMasked(t *testing.T) {
	argv := func(args ...string) string { return fmt.Sprintf("%q", args) }
	requireWholeCases(t, nil, []textCase{
		{"long flag", "exec " + argv("pg_dump", "--host", "db", "--password", "Wv3Bn6Mk9Lq2", "app"), []string{"Wv3Bn6Mk9Lq2"}, []string{`\"--host\" \"db\"`, `\"app\"`}},
		{"single dash", argv("keytool", "-storepass", "Ce8Rf1Tg4Yh7", "-list"), []string{"Ce8Rf1Tg4Yh7"}, []string{`\"-list\"`}},
		{"client secret", "argv=" + argv("/usr/local/bin/sync", "--client-secret", "Zs5Xd8Cf1Vg4"), []string{"Zs5Xd8Cf1Vg4"}, []string{"/usr/local/bin/sync"}},
		{"passphrase with spaces", argv("gpg", "--passphrase", "blue whale 42 lamp", "-d", "f.gpg"), []string{"blue whale 42 lamp"}, []string{`\"f.gpg\"`}},
		{"mysql attached", "exec: " + argv("mysql", "-u", "report", "-pYh6Uj9Ik2Ol5", "sales"), []string{"Yh6Uj9Ik2Ol5"}, []string{`\"-u\" \"report\"`, `\"sales\"`}},
		{"docker login", argv("docker", "login", "-u", "ci-bot", "-p", "Rf4Tg7Yh0Uj3", "ghcr.io"), []string{"Rf4Tg7Yh0Uj3"}, []string{`\"ci-bot\"`, `\"ghcr.io\"`}},
		{"curl user", argv("curl", "-sS", "-u", "deploy:Ed2Rf5Tg8Yh1", "https://nexus.corp/repo"), []string{"Ed2Rf5Tg8Yh1"}, []string{"https://nexus.corp/repo"}},
	})
	requireWholeKept(t, nil, []string{
		argv("app", "--token", "--verbose"),
		argv("app", "--password", ""),
		argv("app", "--token-file", "/run/secrets/token"),
		argv("ls", "-la", "/tmp"),
		"-0] 00", // a key that opens the text, after a bracket: no quote before it
		argv("psql", "-U", "app", "-p", "5432", "-d", "sales"),
		argv("docker", "login", "-u", "ci-bot", "--password-stdin"),
		argv("ssh", "-p", "2222", "deploy@bastion"),
	})
}

// TestBitwardenAccessTokenMasked: Bitwarden Secrets Manager access tokens
// (0.<uuid>.<client secret>:<key>==), wherever they are logged.
func TestBitwardenAccessTokenMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"bare", "bws login with 0.9d4b2e71-3c8a-4f5e-a0b6-17e2c9d84f3a.Hq4Wz7Xk1Lm9Pn3Vb6Tc2Yr8Js5Gd0:Tn5q+Lw2Zx9/Kp7Vr3Hm1A== failed",
			[]string{"Hq4Wz7Xk1Lm9Pn3Vb6Tc2Yr8Js5Gd0", "Tn5q+Lw2Zx9/Kp7Vr3Hm1A"}, []string{"bws login with ", " failed"}},
		{"json", `{"accessToken":"0.27c1f0d9-8b6e-4a35-9d72-e4a1b3c5f068.Mk8Np2Qr5St9Uv3Wx7Yz1Ab4Cd6Ef0:Gh2j+Kl5Mn8/Pq1Rs4Tu7A=="}`,
			[]string{"Mk8Np2Qr5St9Uv3Wx7Yz1Ab4Cd6Ef0", "Gh2j+Kl5Mn8/Pq1Rs4Tu7A"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"version 0.9d4b2e71-3c8a-4f5e-a0b6-17e2c9d84f3a.tar.gz",
		"0.27c1f0d9-8b6e-4a35-9d72-e4a1b3c5f068.Mk8Np2Qr5St9 rest",
		"ratio 0.5 of 0.75",
	})
}

// TestPrivkeyAndWindowsHashesMasked: privkey and priv_key name private
// keys, nthash and ntlm_hash Windows' password hashes (good for logging in
// as the user: pass the hash).
func TestPrivkeyAndWindowsHashesMasked(t *testing.T) {
	for _, key := range []string{"privkey", "privKey", "priv_key", "nthash", "ntlm_hash", "NTLMHash", "lm_hash"} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("dump", key, "8846f7eaee8fb117ad06bdd830b7586c") })
			require.NotContains(t, out, "8846f7eaee8fb117ad06bdd830b7586c")
		})
	}
	requireWholeCases(t, nil, []textCase{
		{"privkey pair", "wallet import privkey=e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262", []string{"e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262"}, []string{"wallet import privkey="}},
		{"ntlm hash", "secretsdump: ntlm hash: aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c", []string{"8846f7eaee8fb117ad06bdd830b7586c"}, []string{"secretsdump: ntlm hash: "}},
	})
	requireWholeKept(t, nil, []string{
		"ssl_certificate_key /etc/letsencrypt/live/example.org/privkey.pem;",
		"loaded privkey.pem and fullchain.pem",
		"nthash_algorithm=md4",
	})
}

// FuzzForms: the forms above, mutated, never panic, and redacting the
// redacted text changes nothing.
func FuzzForms(f *testing.F) {
	for _, s := range []string{
		"Unseal Key 1: q3Vx8TmZ0aLr7pWkNc2bYf5dHs9gJe4uKi6oPl1nMwA=",
		"bucket=assets key=reports/2026/q3-summary.pdf size=20480",
		"[Note] A temporary password is generated for root@localhost: k;Wz8&pQr2aT",
		"Please use the following password to proceed to installation:\n\n4b7e1f0a9c2d48e6b3a5f7c9d1e2a4b6\n\n",
		`<wsse:Password Type="x#PasswordText">Gy7#uKp2Lx9q</wsse:Password>`,
		`<apiKey encrypted="false" scope='read'>Lw2Ep5Rt8Yu1Io</apiKey>`,
		"SWMTKN-1-0z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4j3i2h1g0f9e8d7c6b-a1b2c3d4e5f6g7h8i9j0k1l2m",
		"dob: 23.07.1979",
		"API key (prod): Hb4Nm7Qw2Ez9",
		`<setting name="ApiToken" serializeAs="String"><value>Dn4Fm8Hp1Kq6</value></setting>`,
		"userPassword:: e1NTSEF9QmF6UXV4Rm9vQmFyNDU2",
		`["pg_dump" "--password" "Wv3Bn6Mk9Lq2"]`,
		"0.9d4b2e71-3c8a-4f5e-a0b6-17e2c9d84f3a.Hq4Wz7Xk1Lm9Pn3Vb6Tc2Yr8Js5Gd0:Tn5q+Lw2Zx9/Kp7Vr3Hm1A==",
	} {
		f.Add(s)
	}
	r := redact.Must(redact.Credentials)
	f.Fuzz(func(t *testing.T, s string) {
		once, _ := r.String(s)
		twice, _ := r.String(once)
		if twice != once {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, once, twice)
		}
	})
}

// TestRedactedAgainUnchanged: texts whose second redaction masked more
// than the first: a mask in brackets read as a prompt's default (pass
// [REDACTED]: …), the name before a masked value read as a value (pass for
// bob: [REDACTED], under a preset whose terms end with "for"), and the
// rest of a sentence whose announced secret is masked.
func TestRedactedAgainUnchanged(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.GDPR, redact.HIPAA)
	for _, s := range []string{
		"pAss 0000000A: 0A",
		"pass Kq7Wm2Zx9Lp4: ok",
		"pAss for 0000000A: 0000",
		"password for svc-backup7: Hn5Jm8Kq2Lw4",
		"following0pass to 0000: 000000A00",
		"the following password to proceed to step 2: Zq8Xw3Ce6Vr9",
	} {
		t.Run(s, func(t *testing.T) {
			once, _ := r.String(s)
			twice, _ := r.String(once)
			require.Equal(t, once, twice)
		})
	}
}

// TestNoAuthorizationKept: an Authorization header that says there is
// none is no credential.
func TestNoAuthorizationKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"request headers: Authorization: (none)",
		"Authorization: <none>",
		"authorization: none, user-agent: curl/8.5",
		"upstream Authorization: (null)",
	})
	requireWholeCases(t, nil, []textCase{
		{"a credential", "Authorization: Nonce-Ab3Cd6Ef9Gh2", []string{"Nonce-Ab3Cd6Ef9Gh2"}, []string{"Authorization: "}},
		{"a scheme", "authorization: Basic c3ZjOlF3M0VyNlR5OQ==", []string{"c3ZjOlF3M0VyNlR5OQ=="}, nil},
	})
}

// TestWebhookPathsMasked: incoming webhooks whose secret is their path
// after /hooks/ or /hook/.
func TestWebhookPathsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"mattermost", "notify failed: Post \"https://chat.corp.example/hooks/k3n8q1w6z9x2c5v7b4m0a8s1d6\": i/o timeout", []string{"k3n8q1w6z9x2c5v7b4m0a8s1d6"}, []string{"chat.corp.example/", "i/o timeout"}},
		{"rocket.chat", "webhook=https://rc.corp.example/hooks/6581f2b4c9d3e7a1b5f0c8d2/Xq7Lm2Wp9Zk4Tn6Rb1Vc8Hs3Jd5Gf0Ya2Ue4Io", []string{"6581f2b4c9d3e7a1b5f0c8d2", "Xq7Lm2Wp9Zk4Tn6Rb1Vc8Hs3Jd5Gf0Ya2Ue4Io"}, nil},
		{"feishu", "POST https://open.feishu.cn/open-apis/bot/v2/hook/7c1e9a4f-2b6d-4e8a-9f3c-5d0b1a7e2c64 200", []string{"7c1e9a4f-2b6d-4e8a-9f3c-5d0b1a7e2c64"}, []string{"open-apis/bot/v2/", " 200"}},
		{"lark", "https://open.larksuite.com/open-apis/bot/v2/hook/0d5b3f8e-6a2c-4d1f-b7e9-3c8a0f4d6b21", []string{"0d5b3f8e-6a2c-4d1f-b7e9-3c8a0f4d6b21"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"GET /repos/acme/api/hooks/482913377 200",
		"installed hooks/pre-receive and hooks/post-update",
		"POST /api/hooks/release-notifier-v2-production 202",
		"hooks/deploy_2026_release_candidate1",
		"git config core.hooksPath .githooks/",
		"webhook: https://chat.corp.example/hooks/ (not configured)",
	})
}

// TestSecretNameBeforeStatusKept: the quoted name of a secret before what
// happened to it (rotated, updated, restored) is a name, not the secret.
func TestSecretNameBeforeStatusKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		`secret "prod/db" rotated successfully, version AWSCURRENT`,
		`secret 'billing/stripe' updated by deploy-bot`,
		`secret "payments-api" restored from backup`,
	})
	requireWholeCases(t, nil, []textCase{
		{"a value", `secret "Wb7Nc2Vx5Zq8" for the job`, []string{"Wb7Nc2Vx5Zq8"}, []string{"for the job"}},
	})
}

package redact_test

import (
	"errors"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// requireModesMasked checks each case under rules through every
// deployment of redaction (slogcore.New, slogcore.Async, NewHandler over
// JSON and text), with the text as an attr's value, as the message and
// as an error's text: its secrets are gone and what it keeps is kept,
// and a slog-multi Fanout sibling without redaction still has them.
func requireModesMasked(t *testing.T, rules []redact.Rule, cases []textCase) {
	t.Helper()
	logs := map[string]func(string) func(*slog.Logger){
		"attr":    func(s string) func(*slog.Logger) { return func(l *slog.Logger) { l.Info("loaded", "detail", s) } },
		"message": func(s string) func(*slog.Logger) { return func(l *slog.Logger) { l.Info(s) } },
		"error": func(s string) func(*slog.Logger) {
			return func(l *slog.Logger) { l.Error("failed", "err", errors.New(s)) }
		},
	}
	for _, tc := range cases {
		for where, log := range logs {
			t.Run(tc.name+"/"+where, func(t *testing.T) {
				for mode, out := range runModes(t, rules, log(tc.text)) {
					for _, b := range out.redacted {
						got := b.String()
						for _, s := range tc.secrets {
							require.NotContains(t, got, s, "%s leaked", mode)
						}
						require.Contains(t, got, redact.DefaultMask, "%s", mode)
						for _, k := range tc.keep {
							require.Contains(t, got, k, "%s", mode)
						}
					}
					if out.original != nil {
						for _, s := range tc.secrets {
							require.Contains(t, out.original.String(), s, "%s: the Fanout sibling lost the original", mode)
						}
					}
				}
			})
		}
	}
}

// TestParcelTrackingNumbersKept: a carrier's tracking number written in
// groups (the tail of UPS's 1Z code, FedEx, USPS and DHL numbers after
// the carrier's name or a tracking word) is not a telephone number under
// any preset; a phone number after a parcel word and a name, or after a
// word that names a telephone, is still masked.
func TestParcelTrackingNumbersKept(t *testing.T) {
	requireOrdinaryKept(t, []string{
		"label printed: 1Z 7X2 R49 03 6610 2287",
		"shipped via UPS 1Z 0E5 K83 02 1947 6630 (ground)",
		"1Z 38V 4W1 06 4412 9078 out for delivery",
		"FedEx tracking no. 7731 0462 9958",
		"fedex 0277 5613 0948 21 in transit",
		"USPS tracking number: 9205 5903 1284 0077 3316 42",
		"DHL Express 00 3402 7781 5530 12",
		"waybill: 012 8841 5027 picked up",
		"parcel 03 4471 9926 delivered to locker",
		"consignment 0433 981 2276 held at depot",
		"awb #020-4471-9926 landed",
	})
	for _, rules := range [][]redact.Rule{{redact.ContactInfo}, {redact.GDPR}, {redact.CCPA}} {
		requireModesMasked(t, rules, []textCase{
			{"parcel for a name", "parcel for Ines Duarte 020 7183 4425 at the door", []string{"020 7183 4425"}, []string{"parcel for Ines Duarte ", " at the door"}},
			{"courier phone", "UPS driver phone 020 7183 4426", []string{"020 7183 4426"}, []string{"UPS driver phone "}},
			{"call after tracking", "tracking 1Z0E5K830219476630, call 020 7183 4427", []string{"020 7183 4427"}, []string{"tracking 1Z0E5K830219476630, call "}},
			{"international after carrier", "DHL +44 20 7183 4428", []string{"+44 20 7183 4428"}, []string{"DHL "}},
			{"contact after shipment", "shipment contact: 020 7183 4429", []string{"020 7183 4429"}, []string{"shipment contact: "}},
		})
	}
}

// TestNoValuePlaceholdersKept: a header or a key followed by a word that
// says it has no value (absent, missing, none, <nil>, (empty)), and a
// MongoDB duplicate-key error's object of null or empty members, are
// kept under every preset; a value that only starts like a placeholder,
// or an object with one real value, is still masked.
func TestNoValuePlaceholdersKept(t *testing.T) {
	requireOrdinaryKept(t, []string{
		"upstream request: Proxy-Authorization: missing",
		"Proxy-Authorization: absent; via=edge-4",
		"Authorization: <nil> route=/v2/invoices",
		"Authorization: (empty) after redirect",
		"Authorization: not set",
		"Authorization: none (anonymous pull)",
		"Cookie: (empty)",
		"X-Api-Key: <nil>",
		"Set-Cookie: absent on 304",
		`E11000 duplicate key error collection: crm.contacts index: phone_1 dup key: { phone: null }`,
		`E11000 duplicate key error collection: iam.users index: email_1_tenant_1 dup key: { email: "", tenant: null }`,
		`index: ssn_1 dup key: { ssn: null }`,
		`WriteError{code=11000, index: mobile_1 dup key: { mobile: undefined }}`,
	})
	for _, rules := range [][]redact.Rule{{redact.Credentials}, {redact.Credentials, redact.ContactInfo, redact.GDPR}} {
		requireModesMasked(t, rules, []textCase{
			{"placeholder prefix", "Proxy-Authorization: missingQ7vR2kLp9Zx4", []string{"missingQ7vR2kLp9Zx4"}, []string{"Proxy-Authorization: "}},
			{"scheme after none", "Authorization: none Bearer Lk3Vq8Zt2Wx7Rm5Pd9", []string{"Lk3Vq8Zt2Wx7Rm5Pd9"}, nil},
			{"credentials with placeholder tail", "Authorization: Basic b3BzOkh1bnRlcjIy none", []string{"b3BzOkh1bnRlcjIy"}, []string{"Authorization: "}},
		})
	}
	requireModesMasked(t, []redact.Rule{redact.Credentials, redact.ContactInfo, redact.GDPR}, []textCase{
		{"dup key with an address", `index: email_1 dup key: { email: "marta.keller@post.example" }`, []string{"marta.keller@post.example"}, []string{"index: email_1 dup key: {"}},
		{"one real member", `index: email_1 dup key: { email: null, ssn: "219-09-9999" }`, []string{"219-09-9999"}, []string{"index: email_1 dup key: {"}},
	})
}

// TestOAuthScopeListsKept: a list of OAuth scopes names what a client may
// read (openid, email, phone, offline_access), under any key that names
// scopes, spaced, '+'-joined or quoted; a value of another shape under
// such a key, and a token after a term in a scope list, are still masked.
func TestOAuthScopeListsKept(t *testing.T) {
	requireOrdinaryKept(t, []string{
		"authorize: scope: openid phone address offline_access prompt=consent",
		"GET /oauth2/auth?client_id=web&scope=openid+email+phone+offline_access&state=af0ifjsldkj",
		`{"scope":"openid email profile groups_read"}`,
		"granted_scopes=user:email read:org",
		"oidc: requested scope \"openid email address_verified\" for client console",
		"token issued with scopes: openid profile email https://www.googleapis.com/auth/drive.readonly",
		"session_token_scopes=write:packages",
	})
	for _, rules := range [][]redact.Rule{{redact.Credentials, redact.GDPR}, {redact.ContactInfo}} {
		requireModesMasked(t, rules, []textCase{
			{"address in a scope list", "scope: openid email greta.lind@mail.example", []string{"greta.lind@mail.example"}, []string{"scope: openid email "}},
		})
	}
	requireModesMasked(t, []redact.Rule{redact.Credentials}, []textCase{
		{"token under a scope key", "token_scope=Wm4Tq9Lx2Vb7Rk3Zp8", []string{"Wm4Tq9Lx2Vb7Rk3Zp8"}, []string{"token_scope="}},
		{"token before a scope", "token Wm4Tq9Lx2Vb7Rk3Zp9 scope openid", []string{"Wm4Tq9Lx2Vb7Rk3Zp9"}, []string{" scope openid"}},
	})
	requireModesMasked(t, []redact.Rule{redact.GDPR}, []textCase{
		{"mixed value in a scope list", "scope: openid email Wm4Tq9Lx2Vb7Rk3Zq1", []string{"Wm4Tq9Lx2Vb7Rk3Zq1"}, []string{"scope: openid email "}},
	})
}

// TestErrorClausesAfterTermsKept: after a credential's term and ": ", a
// clause of lower-case words (and short quoted names) that ends in a word
// saying what went wrong is an error's message; a cookie term followed
// by the cookie's attributes names its settings. A value of another
// shape in the clause, and a cookie's value before its attributes, are
// still masked.
func TestErrorClausesAfterTermsKept(t *testing.T) {
	requireOrdinaryKept(t, []string{
		"auth: bearer prefix required",
		"jwt: kid \"k-2026-11\" not found in jwks",
		"jwt: signing method unsupported",
		"token: audience claim mismatch",
		"api key: header \"X-Goog-Api-Key\" missing",
		"session: redis backend unavailable",
		"auth: basic scheme disabled for tenant",
		"session cookie: SameSite=None; Secure",
		"csrf cookie: HttpOnly; Path=/; Max-Age=3600",
	})
	requireModesMasked(t, []redact.Rule{redact.Credentials}, []textCase{
		{"mixed value then error word", "auth: Rv8Lq2Wz6Tn required", []string{"Rv8Lq2Wz6Tn"}, []string{"auth: ", " required"}},
		{"digits in the clause", "token: mkq7wz31 not found", []string{"mkq7wz31"}, []string{"token: "}},
		{"value before its attributes", "session cookie: sid=Pz4Kx9Lm2Qv7; HttpOnly", []string{"Pz4Kx9Lm2Qv7"}, []string{"session cookie: "}},
		{"no error word", "token: qzvxkwmr for tenant 4", []string{"qzvxkwmr"}, []string{"token: "}},
	})
}

// TestResourceAliasesKept: under CCPA's alias and account-name terms, a
// DNS alias, a KMS alias, a deployment's name for one of a kind (primary,
// default) and a Kubernetes service account are resources' names; a
// person's alias is still masked.
func TestResourceAliasesKept(t *testing.T) {
	requireOrdinaryKept(t, []string{
		"alias=secondary",
		"route53: alias=assets.cdn.shopfront.example.com target=d111111abcdef8.cloudfront.net",
		"kms alias=alias/billing-ledger-key",
		"DNS alias: edge-lb-west",
		"alias=api-v3 weight=20",
		"serviceAccountName: default",
		"serviceAccountName: cert-manager-webhook",
		"pod spec: service_account_name=prometheus-k8s",
	})
	for _, rules := range [][]redact.Rule{{redact.CCPA}, {redact.Credentials, redact.CCPA, redact.GDPR}} {
		requireModesMasked(t, rules, []textCase{
			{"first name alias", "alias: Marguerite", []string{"Marguerite"}, []string{"alias: "}},
			{"dotted handle", "alias=ines.duarte", []string{"ines.duarte"}, []string{"alias="}},
			{"underscored handle", "user alias: tomas_berg", []string{"tomas_berg"}, []string{"user alias: "}},
			{"hyphenated handle", "alias=lea-moreau", []string{"lea-moreau"}, []string{"alias="}},
		})
	}
}

// TestCredentialsEndWhereTheyEnd: a token in a URL's userinfo ends at the
// '@' that opens the host, and an Authorization value of a scheme and one
// token ends before the next field of a list of pairs: the host, the
// path and the fields after it are kept, the credential is masked.
func TestCredentialsEndWhereTheyEnd(t *testing.T) {
	requireModesMasked(t, []redact.Rule{redact.Credentials}, []textCase{
		{"gitlab token in a clone url", "git clone https://oauth2:glpat-Tz6Wq1Lm8Xv3Rk5Np2Hd@gitlab.example.org/infra/ledger.git",
			[]string{"glpat-Tz6Wq1Lm8Xv3Rk5Np2Hd", "Tz6Wq1Lm8Xv3Rk5Np2Hd"}, []string{"https://", "@gitlab.example.org/infra/ledger.git"}},
		{"token as the user", "remote: https://glpat-Tz6Wq1Lm8Xv3Rk5Np2He@git.corp.example/ops/deploy.git fetch",
			[]string{"Tz6Wq1Lm8Xv3Rk5Np2He"}, []string{"@git.corp.example/ops/deploy.git fetch"}},
		{"cgi authorization then fields", "HTTP_AUTHORIZATION=Bearer Qm3Vx8Lp2Wz7Rt4Kn9Hs path=/v2/orders status=401",
			[]string{"Qm3Vx8Lp2Wz7Rt4Kn9Hs"}, []string{"HTTP_AUTHORIZATION=", " path=/v2/orders status=401"}},
		{"authorization header then fields", "Authorization: Basic b3BzOlN0b3JtNzc= user_agent=curl/8.9",
			[]string{"b3BzOlN0b3JtNzc="}, []string{" user_agent=curl/8.9"}},
		{"authorization then prose", "Authorization: Bearer Qm3Vx8Lp2Wz7Rt4Kn9Ht rejected upstream",
			[]string{"Qm3Vx8Lp2Wz7Rt4Kn9Ht"}, []string{"Authorization: "}},
	})
	requireModesMasked(t, []redact.Rule{redact.ContactInfo}, []textCase{
		{"address beside a clone url", "git clone https://oauth2:glpat-Tz6Wq1Lm8Xv3Rk5Np2Hf@gitlab.example.org/a.git for noor.haddad@post.example",
			[]string{"noor.haddad@post.example"}, []string{"@gitlab.example.org/a.git for "}},
	})
}

// TestPairWordsAsProseKept: prose that names the shape of a pair with the
// words key and value (key=value pairs, "token: value") is kept; a value
// that only starts with the word is still masked.
func TestPairWordsAsProseKept(t *testing.T) {
	requireOrdinaryKept(t, []string{
		"config: 14 key=value pairs parsed from /etc/app/env",
		"expected key=value, got \"region\"",
		"header format is token: value",
		"usage: set secret=VALUE in the vault",
	})
	requireModesMasked(t, []redact.Rule{redact.Credentials}, []textCase{
		{"value-like secret", "secret=valueQz8Wm3Lx6Rt", []string{"valueQz8Wm3Lx6Rt"}, []string{"secret="}},
		{"key then a real value", "api_key=Vk2Lq9Zx4Tm7Rw1 parsed", []string{"Vk2Lq9Zx4Tm7Rw1"}, []string{" parsed"}},
	})
}

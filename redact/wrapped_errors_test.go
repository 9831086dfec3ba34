package redact_test

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestNumberedKeys: a term followed by a number names a secret as the
// term does (a sign-up form's password1 and password2, a config's
// token2), as an attr's key and as a key in text, through every handler.
func TestNumberedKeys(t *testing.T) {
	cred := []redact.Rule{redact.Credentials}
	cases := []leakCase{
		{name: "form fields as attrs", rules: cred, secrets: []string{"Gl4ss-Harbor-71", "Gl4ss-Harbor-72"}, log: func(l *slog.Logger) {
			l.Info("signup", "password1", "Gl4ss-Harbor-71", "password2", "Gl4ss-Harbor-72")
		}},
		{name: "numbered keys as attrs", rules: cred, secrets: []string{"q7Lm2Zx9Wv", "Pz81kQwe55", "Mn4bV7cX2z"}, log: func(l *slog.Logger) {
			l.Info("cfg", "pwd3", "q7Lm2Zx9Wv", "apiKey2", "Pz81kQwe55", "client_secret12", "Mn4bV7cX2z")
		}},
		{name: "a form body in text", rules: cred, secrets: []string{"Tidal9Spruce", "Tidal9Spruce2"}, log: func(l *slog.Logger) {
			l.Info("posted user=ann&password1=Tidal9Spruce&password2=Tidal9Spruce2&next=/home")
		}},
		{name: "numbered pairs in an error", rules: cred, secrets: []string{"Vk29xLpQ0d", "Wr5tY8uI3o"}, log: func(l *slog.Logger) {
			l.Error("reload", "err", errors.New("bad config: token3=Vk29xLpQ0d secret7=Wr5tY8uI3o"))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for mode, out := range runModes(t, tc.rules, tc.log) {
				for _, b := range out.redacted {
					for _, s := range tc.secrets {
						require.NotContains(t, b.String(), s, "%s leaked", mode)
					}
					require.Contains(t, b.String(), redact.DefaultMask, "%s", mode)
				}
			}
		})
	}

	// Names whose digits belong to them stay names: their values are judged
	// by what they hold, not by the key.
	r := redact.Must(redact.Credentials)
	for _, k := range []string{"auth0", "oauth2", "x509", "sha256", "region2", "replicas3", "passwordless", "token_count2"} {
		if _, mask := r.Scalar(nil, k, slog.StringValue("plain-value-1")); mask {
			t.Errorf("key %q masks its value", k)
		}
	}
	for _, k := range []string{"password9", "Passwd2", "TOKEN1", "db_password2", "apiKey10", "secret_key3"} {
		if _, mask := r.Scalar(nil, k, slog.StringValue("plain-value-1")); !mask {
			t.Errorf("key %q keeps its value", k)
		}
	}
}

// TestWrappedErrorsKept: a Go error that wraps another after "token: ",
// "credentials: " or "auth: " goes on with the wrapped error's text (an
// operation, a package, a status), not a secret; statuses and versions
// after a term are kept. The same forms with a secret in them are masked.
func TestWrappedErrorsKept(t *testing.T) {
	kept := []string{
		fmt.Errorf("refresh token: %w", errors.New("context deadline exceeded")).Error(),
		"fetch token: open /run/secrets/app/token: permission denied",
		"exchange token: Post \"https://login.example.org/oauth/token\": dial tcp 10.1.2.3:443: connect: connection refused",
		"decode token: crypto/ecdsa: verification error",
		"parse credentials: read /etc/svc/creds.yaml: is a directory",
		"auth: read tcp 10.0.0.4:51812->10.0.0.9:443: i/o timeout",
		"jws: token is expired by 3m12s",
		"list *v1.Secret: secrets is forbidden: User \"system:serviceaccount:ops:ci\" cannot list resource",
		"oidc: token is unverifiable: no matching key",
		"token: EOF",
		"signature: verified",
		"mfa: granted",
		"watch *v1.Secret: Forbidden",
		"auth: subject=svc-7 issuer=corp result=denied",
		"golang.org/x/oauth2/clientcredentials v0.24.0",
		"cloud.google.com/go/auth v0.9.3",
	}
	r := redact.Must(redact.Credentials)
	for _, s := range kept {
		got, changed := r.String(s)
		require.False(t, changed, "%q -> %q", s, got)
	}
	// Through every handler, as an error and in the message.
	for mode, out := range runModes(t, []redact.Rule{redact.Credentials}, func(l *slog.Logger) {
		l.Error("token: context canceled", "err", fmt.Errorf("load credentials: %w", fs.ErrNotExist))
	}) {
		for _, b := range out.redacted {
			require.Contains(t, b.String(), "token: context canceled", "%s", mode)
			require.Contains(t, b.String(), "load credentials: file does not exist", "%s", mode)
			require.NotContains(t, b.String(), redact.DefaultMask, "%s", mode)
		}
	}

	masked := []pairCase{
		{"token: Rt7yUx0pQz3w", "token: [REDACTED]"},
		{"refresh token: Rt7yUx0pQz3w: rejected", "refresh token: [REDACTED] rejected"},
		{"password: letmein: rejected by policy", "password: [REDACTED] rejected by policy"},
		{"password is Rt7yUx0pQz3w", "password is [REDACTED]"},
		{"password: opensesame99", "password: [REDACTED]"},
		// A list of pairs: each pair judged by its own key.
		{"auth: user=ann token=Vq3x8LmZ0pWe", "auth: user=ann token=[REDACTED]"},
		{"credentials: password=Vq3x8LmZ0pWe", "credentials: [REDACTED]"},
		// A version needs a v or three numbers: two numbers could be anything.
		{"secret: 48.27", "secret: [REDACTED]"}, {"password: 4.8.27.1", "password: [REDACTED]"},
	}
	requirePairs(t, r, masked)
	for _, c := range masked {
		require.False(t, strings.Contains(c.want, "Rt7yUx0pQz3w"))
	}
}

// TestEnvelopeAndSAMLKeys: the keys of envelope encryption (a data key, a
// key-encryption key), SAML's response and assertion, an OIDC id_token_hint
// and a raw auth header name secrets; their metadata does not.
func TestEnvelopeAndSAMLKeys(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, k := range []string{"dek", "wrapped_dek", "KEK", "dataKey", "SAMLResponse", "saml_assertion", "id_token_hint", "auth_header", "AuthorizationHeader", "session_secret", "sessionKey"} {
		if _, mask := r.Scalar(nil, k, slog.StringValue("c2VjcmV0LWJ5dGVz")); !mask {
			t.Errorf("key %q keeps its value", k)
		}
	}
	for _, k := range []string{"dek_id", "kek_arn", "data_key_length", "saml_response_status", "deck", "keks_baked"} {
		if _, mask := r.Scalar(nil, k, slog.StringValue("c2VjcmV0LWJ5dGVz")); mask {
			t.Errorf("key %q masks its value", k)
		}
	}
	requirePairs(t, r, []pairCase{
		{"rotating kek=Zm9vYmFyYmF6cXV4 for tenant 7", "rotating kek=[REDACTED] for tenant 7"},
		{"SAMLResponse=PHNhbWxwOlJlc3BvbnNl", "SAMLResponse=[REDACTED]"},
	})
}

// TestQuotedPassphrase: a quoted passphrase of words after a password term
// is masked whole; a quoted sentence about the password is kept.
func TestQuotedPassphrase(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{`unlocking with passphrase "amber kettle ninety fjord"`, `unlocking with passphrase "[REDACTED]"`},
		{`password 'orbit Lantern 9 willow' set for ann`, `password '[REDACTED]' set for ann`},
		{`Password "tidy marsh"`, `Password "[REDACTED]"`},
		{`password "too short: 6 characters"`, `password "too short: 6 characters"`},
		{`password "must contain a digit"`, `password "must contain a digit"`},
		{`password "is required"`, `password "is required"`},
		// Nine words or more is a sentence, not a passphrase.
		{`password "` + strings.Repeat("word ", 8) + `x"`, `password "` + strings.Repeat("word ", 8) + `x"`},
		// Not a password term: a quoted phrase after token stays.
		{`token "not yet valid"`, `token "not yet valid"`},
	})
}

// TestGoTestOutput: go test's result lines name a test after "PASS:", not
// an FTP password; FTP's PASS command is still read.
func TestGoTestOutput(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"--- PASS: TestRotateSecretKey (0.41s)", "--- PASS: TestRotateSecretKey (0.41s)"},
		{"    --- PASS: TestLogin/wrong_password (0.00s)", "    --- PASS: TestLogin/wrong_password (0.00s)"},
		{"PASS Kx81vQm2Lp", "PASS [REDACTED]"},
		{"--- PASS Kx81vQm2Lp", "--- PASS [REDACTED]"},
	})
}

// TestNumberedMetadata: a metadata word with digits (card_last4) still
// describes the term before it.
func TestNumberedMetadata(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.PCIDSS)
	for _, k := range []string{"card_last4", "cardLast4", "token_count2", "password_length12"} {
		if _, mask := r.Scalar(nil, k, slog.StringValue("4242")); mask {
			t.Errorf("key %q masks its value", k)
		}
	}
}

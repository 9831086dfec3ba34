package redact_test

import "testing"

// TestLoginPairsMasked: the password of a "user / password" pair written
// after login, logon or signin, with or without "with", "as", "using" or
// a colon, and spaces around the slash or none.
func TestLoginPairsMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"with, spaced", "login with deploy / Kq7vN2xWp!", []string{"Kq7vN2xWp"}, []string{"login with deploy / "}},
		{"bare", "Login ops/Rm4tZ8bQe& failed twice", []string{"Rm4tZ8bQe"}, []string{"Login ops/", " failed twice"}},
		{"colon", "LOGIN: svc-backup/Ha3#pL9wTz", []string{"Ha3#pL9wTz"}, []string{"LOGIN: svc-backup/"}},
		{"as", "logon as jane.roe@example.org / Vb8mQ2zKs", []string{"Vb8mQ2zKs"}, []string{"logon as "}},
		{"signin using", "signin using root/Yt6;dW3nPq then exit", []string{"Yt6;dW3nPq", "dW3nPq"}, []string{" then exit"}},
	})
	requireOrdinaryKept(t, []string{
		"login with SSO / SAML",
		"login with Google / GitHub",
		"login with username/password",
		"login admin/settings page opened",
		"login /api/v1/session 200 12ms",
		"plugin loader/registry ready",
		"logon ops/runbook-2024 updated",
	})
}

// TestPasswordWordWithPunctuationMasked: in prose, the word after a
// password's term is masked when it reads as one, also with ';', ',' or
// a quote inside it; words of prose with those bytes are kept.
func TestPasswordWordWithPunctuationMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"semicolon", "the password Gw5;rK8tMz was rejected", []string{"Gw5;rK8tMz", "rK8tMz"}, []string{"the password ", " was rejected"}},
		{"comma", "new password Pc2,hX7vLq set", []string{"Pc2,hX7vLq", "hX7vLq"}, []string{" set"}},
		{"quote", "temporary password Jm9'sB4wRe issued", []string{"sB4wRe"}, []string{" issued"}},
	})
	requireOrdinaryKept(t, []string{
		"token refresh,retry scheduled",
		"password reset;notified the owner",
		"the password policy's rules, unchanged",
	})
}

// TestProseCodesAndPluralLinksMasked: an OTP or passcode of seven or
// eight digits after its term, and a value after "are" or "were"
// (credentials were bob:…); participles and dates after them are kept.
func TestProseCodesAndPluralLinksMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"passcode 8", "passcode 73019482 expires in 5 minutes", []string{"73019482"}, []string{"passcode ", " expires in 5 minutes"}},
		{"otp 7", "your otp 4418207 was sent", []string{"4418207"}, []string{" was sent"}},
		{"were", "credentials were ops:Fz6#kW2qLm for the night shift", []string{"Fz6#kW2qLm"}, []string{" for the night shift"}},
		{"are", "the api keys are Ty8vQ3mZx1Lp and Ty8vQ3mZx1Lq", []string{"Ty8vQ3mZx1Lp"}, []string{"the api keys are "}},
	})
	requireOrdinaryKept(t, []string{
		"passwords are hashed with argon2id",
		"tokens were issued to 42 clients",
		"credentials are loaded from vault",
		"otp 20261204 build",
		"secrets were rotated yesterday",
	})
}

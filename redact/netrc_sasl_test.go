package redact_test

import "testing"

// TestNetrcOneLineEntriesMasked: a .netrc entry written on one line
// (machine HOST login USER password …, default login USER password …)
// gives the password token's value whatever its shape: short, plain or
// all letters, where prose masks a word after "password" only when it
// reads as a value.
func TestNetrcOneLineEntriesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"machine login password", "machine artifacts.corp.example login builder password Hq4tz9",
			[]string{"Hq4tz9"}, []string{"machine artifacts.corp.example login builder password "}},
		{"all letters", "machine ftp.mirror.example login anon password letmein",
			[]string{"letmein"}, []string{"login anon password "}},
		{"account before password", "machine imap.mail.example login rita account ops password Pz7w2",
			[]string{"Pz7w2"}, []string{"account ops password "}},
		{"default entry", "default login guest password Qs9v1x", []string{"Qs9v1x"}, []string{"default login guest password "}},
		{"two entries on lines", "machine a.example login u1 password Kw3x\nmachine b.example login u2 password Lm8y",
			[]string{"Kw3x", "Lm8y"}, []string{"machine a.example login u1 password ", "machine b.example login u2 password "}},
	})
}

// TestNetrcLookAlikesKept: "login" and "password" in prose, and a value
// after "password" in a sentence that no machine or default opens, are not
// a .netrc entry.
func TestNetrcLookAlikesKept(t *testing.T) {
	requireOrdinaryKept(t, []string{
		"user login bob password expired",
		"after login the password prompt appears",
		"machine learning login page password reset link sent",
		"machine build-7 rebooted; login ok",
	})
}

// TestSASLDialogResponsesMasked: SMTP's AUTH LOGIN and AUTH PLAIN with
// the client's responses on lines of their own after the server's 334
// challenges (a transcript as mail servers and clients log it): the
// password's base64 (and PLAIN's credentials) are masked, the user name
// answered to "Username:" and the server's lines are kept.
func TestSASLDialogResponsesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"auth login with prefixes", "C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: cml0YQ==\nS: 334 UGFzc3dvcmQ6\nC: V2ludGVyMjAyNiE=\nS: 235 2.7.0 Authentication successful",
			[]string{"V2ludGVyMjAyNiE="}, []string{"C: AUTH LOGIN", "S: 334 VXNlcm5hbWU6", "C: cml0YQ==", "S: 334 UGFzc3dvcmQ6", "235 2.7.0 Authentication successful"}},
		{"auth login bare lines", "AUTH LOGIN\n334 VXNlcm5hbWU6\nb3BzQGV4YW1wbGUub3Jn\n334 UGFzc3dvcmQ6\nUzNjcmV0LXNtdHA=\n235 ok",
			[]string{"UzNjcmV0LXNtdHA="}, []string{"b3BzQGV4YW1wbGUub3Jn", "334 UGFzc3dvcmQ6", "235 ok"}},
		{"auth plain after challenge", "C: AUTH PLAIN\nS: 334\nC: AHJpdGEAVzFudGVyMjAyNg==\nS: 235 Accepted",
			[]string{"AHJpdGEAVzFudGVyMjAyNg=="}, []string{"C: AUTH PLAIN", "S: 334", "S: 235 Accepted"}},
	})
}

// TestSASLDialogLookAlikesKept: text after an AUTH command that no
// server's challenge answers, or a list of mechanisms, is not a response.
func TestSASLDialogLookAlikesKept(t *testing.T) {
	requireOrdinaryKept(t, []string{
		"client sent AUTH LOGIN\nRetrying in 5s",
		"250-AUTH LOGIN PLAIN\n250 SMTPUTF8",
		"AUTH PLAIN\n504 5.7.4 Unrecognized authentication type\nQUIT",
	})
}

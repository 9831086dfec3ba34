package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestDetectorEdgesAfterTheHost: what follows the host of a DSN and the
// domain of an e-mail address decides whether they are one.
func TestDetectorEdgesAfterTheHost(t *testing.T) {
	for _, tc := range []struct {
		d        redact.Detector
		in, want string
	}{
		// A DSN needs a host before ":port" (or tcp(…), unix(…), "/").
		{redact.DetectDSN, "user:pass@:5432/db", "user:pass@:5432/db"},
		{redact.DetectDSN, "user:pass@-:5432/db", "[REDACTED]@-:5432/db"},
		// The port is the byte after the colon, not the last of the host.
		{redact.DetectDSN, "user:pass@db1:x", "user:pass@db1:x"},
		{redact.DetectDSN, "user:pass@db1:5/x", "[REDACTED]@db1:5/x"},
		// An e-mail address followed by a colon: a port or the end of a
		// phrase ("…com: hi") keep it an address; a path makes it an SSH remote.
		{redact.DetectEmail, "mail bob@example.com: hi", "mail [REDACTED]: hi"},
		{redact.DetectEmail, "bob@example.com:25", "[REDACTED]:25"},
		{redact.DetectEmail, "bob@example.com:x", "bob@example.com:x"},
		{redact.DetectEmail, "bob@example.com:", "[REDACTED]:"},
	} {
		got, masked := only(tc.d).String(tc.in)
		require.Equal(t, tc.want, got, "%s: %q", tc.d.Name, tc.in)
		require.Equal(t, tc.want != tc.in, masked, "%s: %q", tc.d.Name, tc.in)
	}
}

// TestPEMEndWithEmptyLabel: an END line whose label is empty still ends the
// block; catches a block that runs on to the end of the text when the
// closing "-----" follows "-----END " at once.
func TestPEMEndWithEmptyLabel(t *testing.T) {
	in := "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END ----- after"
	got, masked := only(redact.DetectPrivateKey).String(in)
	require.True(t, masked)
	require.Equal(t, "[REDACTED] after", got)
}

// TestCardInLongDigitRun: a run of digit groups longer than the detector
// holds at once (128 digits) is searched in parts that overlap by a card's
// length. Catches a card after 120 digits of other numbers left unmasked
// (it straddled the cut), a window wrongly ending at the cut, and reads
// past the buffers on long runs.
func TestCardInLongDigitRun(t *testing.T) {
	r := only(redact.DetectCardNumber)
	for _, tc := range []struct{ in, want string }{
		// 120 digits, then a card whose groups cross the 128th digit.
		{strings.Repeat("12 ", 60) + "4111 1111 1111 1111", strings.Repeat("12 ", 60) + "[REDACTED]"},
		// The cut falls inside the card's one group.
		{strings.Repeat("1 ", 120) + "4111111111111111 x", strings.Repeat("1 ", 120) + "[REDACTED] x"},
		// The card's last digit is the 128th: the run goes on, so the
		// window ending at the cut is left to the next part, which
		// finds the card before the group after it.
		{strings.Repeat("1 ", 112) + "4111 1111 1111 1111 2222", strings.Repeat("1 ", 112) + "[REDACTED] 2222"},
		// Two cards, one before the cut and one across it.
		{"4111 1111 1111 1111 " + strings.Repeat("7 ", 100) + "5500 0000 0000 0004", "[REDACTED] " + strings.Repeat("7 ", 100) + "[REDACTED]"},
		// Groups joined by dashes: the cut is at a dash.
		{strings.Repeat("12-", 60) + "4111-1111-1111-1111", strings.Repeat("12-", 60) + "[REDACTED]"},
		// Exactly 128 digits, the card last: the run ends there, no cut.
		{strings.Repeat("7 ", 112) + "4111 1111 1111 1111", strings.Repeat("7 ", 112) + "[REDACTED]"},
		// 128 digits, then a separator that ends the text.
		{strings.Repeat("7 ", 112) + "4111 1111 1111 1111 ", strings.Repeat("7 ", 112) + "[REDACTED] "},
		// Long runs with no card: digits only, and groups.
		{strings.Repeat("1", 130), strings.Repeat("1", 130)},
		{strings.Repeat("1234 ", 40), strings.Repeat("1234 ", 40)},
	} {
		got, _ := r.String(tc.in)
		require.Equal(t, tc.want, got, "%q", tc.in)
	}
}

// TestCardBeforeFullStop: a card number at the end of a sentence ("….
// Thanks") is masked; only a '.' followed by a digit makes it a decimal.
// Catches the check on the byte after the '.' looking at the wrong byte.
func TestCardBeforeFullStop(t *testing.T) {
	r := only(redact.DetectCardNumber)
	for in, want := range map[string]string{
		"card 4111111111111111. Thanks":    "card [REDACTED]. Thanks",
		"card 4111 1111 1111 1111. Thanks": "card [REDACTED]. Thanks",
		"card 4111111111111111.5 units":    "card 4111111111111111.5 units",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, "%q", in)
	}
}

// TestEmailDomainNeedsItsOwnDot: a sentence's full stop after "user@host"
// does not make an e-mail address of it. Catches the dot of the domain
// being counted before the full stop is dropped (an over-mask).
func TestEmailDomainNeedsItsOwnDot(t *testing.T) {
	r := only(redact.DetectEmail)
	for in, want := range map[string]string{
		"logged in as admin@prod.":         "logged in as admin@prod.",
		"logged in as admin@prod":          "logged in as admin@prod",
		"logged in as j.@prod.":            "logged in as j.@prod.",
		"mail bob@example.com.":            "mail [REDACTED].",
		"mail bob@example.com. Thanks bob": "mail [REDACTED]. Thanks bob",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, "%q", in)
	}
}

// TestDSNCredentials: the credentials of a DSN run from the first colon of
// the token to the last '@', as the Go MySQL driver reads them, and a DSN
// is found whatever '@' came before it. Each case catches one mistake:
// a password that starts with ':' or holds an '@' left in clear, a search
// that stops at an '@' at the start of the text, and token bounds (quotes,
// a tab, a '/') that were ignored or checked on the wrong byte.
func TestDSNCredentials(t *testing.T) {
	r := only(redact.DetectDSN)
	for _, tc := range []struct{ in, want string }{
		{"root::secret@tcp(db:3306)/app", "[REDACTED]@tcp(db:3306)/app"},
		{"root:p@ss@tcp(db:3306)/app", "[REDACTED]@tcp(db:3306)/app"},
		{"root:p@ss@db:3306/app", "[REDACTED]@db:3306/app"},
		{"a:b@c:d@tcp(h:1)/x", "[REDACTED]@tcp(h:1)/x"},
		{"a@b:c@tcp(db:3306)/app", "a@[REDACTED]@tcp(db:3306)/app"},
		// An '@' before the DSN, at the start of the text or doubled.
		{"@x root:pw@tcp(db:3306)/app", "@x [REDACTED]@tcp(db:3306)/app"},
		{"a@@ root:pw@tcp(db:3306)/app", "a@@ [REDACTED]@tcp(db:3306)/app"},
		// The token ends at a quote, a tab or a '/': what is before it is
		// not the user.
		{`{"dsn":"u:p@tcp(h:1)/d"}`, `{"dsn":"[REDACTED]@tcp(h:1)/d"}`},
		{"dsn:'u:p@tcp(h:1)/d'", "dsn:'[REDACTED]@tcp(h:1)/d'"},
		{"key:\tu:p@tcp(h:1)/d", "key:\t[REDACTED]@tcp(h:1)/d"},
		{`dsn:"root@tcp(db:3306)/app"`, `dsn:"root@tcp(db:3306)/app"`},
		{"dsn:'root@tcp(db:3306)/app'", "dsn:'root@tcp(db:3306)/app'"},
		{"dsn:\troot@tcp(db:3306)/app", "dsn:\troot@tcp(db:3306)/app"},
		{"dsn:\nroot@tcp(db:3306)/app", "dsn:\nroot@tcp(db:3306)/app"},
		// A URL's userinfo is DetectURLUserinfo's.
		{"mysql://u:p@tcp(h:1)/d", "mysql://u:p@tcp(h:1)/d"},
		// No host after the '@', at the end of the text.
		{"login bob:hunter2@", "login bob:hunter2@"},
		{"bob:hunter2@ ", "bob:hunter2@ "},
	} {
		got, _ := r.String(tc.in)
		require.Equal(t, tc.want, got, "%q", tc.in)
	}
}

// TestEmailAfterPathOrKey: an e-mail address at the end of a URL's path
// or after a key's '=' is masked alone; the path, the host and the key
// before it stay (the local part once ran back over '/' and '=').
func TestEmailAfterPathOrKey(t *testing.T) {
	r := redact.Must(redact.GDPR)
	for in, want := range map[string]string{
		"https://www.googleapis.com/robot/v1/metadata/x509/svc%40proj.iam.gserviceaccount.com": "https://www.googleapis.com/robot/v1/metadata/x509/[REDACTED]",
		"/users/jane.roe@example.org/settings":                                                 "/users/[REDACTED]/settings",
		"?email=jane.roe@example.org&x=1":                                                      "?email=[REDACTED]&x=1",
		"jane+tag@example.org":                                                                 "[REDACTED]",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
	}
}

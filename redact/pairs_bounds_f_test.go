package redact_test

import (
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

// TestPairsBoundsFKeepValue pins the values a key's pair keeps: a mask
// cut to its first four bytes, a plural key's count of three digits, a
// GPG key id of ten bytes, a path with exactly two slashes, a placeholder
// in angle brackets.
func TestPairsBoundsFKeepValue(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A mask cut after its first four bytes: the shortest cut kept.
		{"password=[RED", "password=[RED"},
		{"password=ab[RED", "password=ab[RED"},
		// A plural key's count of exactly three digits.
		{"api_keys: 123", "api_keys: 123"},
		{"secrets: 123", "secrets: 123"},
		// Ten bytes starting "0a": not a key id (only 0x or 0X is).
		{"token=0a1b2c3d4e", "token=[REDACTED]"},
		// An absolute path with exactly two slashes.
		{"password=/etc/pw", "password=/etc/pw"},
		{"password: /srv/secret", "password: /srv/secret"},
		// A placeholder in angle brackets that keepValue does not list itself.
		{"password=<hidden>", "password=<hidden>"},
		{"password: <omitted>", "password: <omitted>"},
	})
}

// TestPairsBoundsFPluralKeyOfOneLetter pins that a key of one letter "s"
// is not a plural: its count of digits, as a slog argument, is masked.
func TestPairsBoundsFPluralKeyOfOneLetter(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "s", Terms: []string{"s"}})
	for _, k := range []string{"s", "S"} {
		a, changed := r.Attr(nil, slog.Any("args", []string{k, "123"}))
		require.True(t, changed, k)
		require.Equal(t, []string{k, "[REDACTED]"}, a.Value.Any(), k)
	}
}

// TestPairsBoundsFProseWords pins the words of prose after a key: the
// change verbs afterLinking reads (four at most), the error words in any
// case, a word that opens with '=' or holds a symbol before its '=', the
// symbols and letters outside ASCII that make a word a credential, and a
// path of lower-case names that starts with '/'.
func TestPairsBoundsFProseWords(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// Five linking words before "to": past the four read, no value.
		{"password has now been reset now to comply", "password has now been reset now to comply"},
		{"password has now been reset to comply", "password has now been reset to [REDACTED]"},
		// Error words with a capital 'A' and a capital 'Z'.
		{"token: An error occurred", "token: An error occurred"},
		{"token: Already used", "token: Already used"},
		{"token: UNAUTHORIZED request", "token: UNAUTHORIZED request"},
		// A word that opens with '=': no key before it, not a pair.
		{"api key - =Ab1234567", "api key - [REDACTED]"},
		// A symbol that no key holds before the '=': not a pair.
		{"token Ab1+cd=Ef2345", "token [REDACTED]"},
		{"token Ab1@cd=Ef2345", "token [REDACTED]"},
		// A bracket inside the word, lower-case letters otherwise.
		{"token abcd|efgh", "token [REDACTED]"},
		{"token abcd(efgh", "token [REDACTED]"},
		// Two ASCII letters and one two-byte letter: letters, not a number.
		{"token ab12345é6", "token [REDACTED]"},
		// A path of lower-case names whose only slash is its first byte.
		{"token /external-secrets", "token /external-secrets"},
		{"api key - /external-secrets", "api key - /external-secrets"},
	})
}

// TestPairsBoundsFPasswordFlag pins the -p of a command line that names
// a user: -p at the very start, after a tab, ending the text, followed by
// a tab or a quoted password, and an empty quoted password.
func TestPairsBoundsFPasswordFlag(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// -p as the first bytes of the text.
		{"-pS3cret mysql -u root", "-p[REDACTED] mysql -u root"},
		// A tab before -p.
		{"mysql -u root\t-pS3cret", "mysql -u root\t-p[REDACTED]"},
		{"mysql -u root\t-p S3cret", "mysql -u root\t-p [REDACTED]"},
		// -p as the last bytes, then with one space after it.
		{"mysql -u root -p", "mysql -u root -p"},
		{"mysql -u root -p ", "mysql -u root -p "},
		// A tab between -p and its password.
		{"mysql -u root -p\tS3cret", "mysql -u root -p\t[REDACTED]"},
		// A quoted password after a space: the quotes stay.
		{"mysql -u root -p 'S3cret x'", "mysql -u root -p '[REDACTED]'"},
		// An empty quoted password: nothing masked, nothing reported.
		{"mysql -u root -p ''", "mysql -u root -p ''"},
		{"mysql -u root -p \"\"", "mysql -u root -p \"\""},
	})
}

// TestPairsBoundsFPasswordTool pins how a tool is named (after a '/', a
// quote, followed by a tab, ending the text) and the flag it takes its
// password with (first in the text, after a tab, ending the text).
func TestPairsBoundsFPasswordTool(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// The tool's name after a '/'.
		{"/usr/bin/zip -P S3cret out f", "/usr/bin/zip -P [REDACTED] out f"},
		// The tool's name after a single and a double quote.
		{"sh -c 'zip -P S3cret out f'", "sh -c 'zip -P [REDACTED] out f'"},
		{"sh -c \"zip -P S3cret out f\"", "sh -c \"zip -P [REDACTED] out f\""},
		// The tool's name ending the text.
		{"mysql -u root zip", "mysql -u root zip"},
		// A tab after the tool's name.
		{"zip\t-P S3cret out f", "zip\t-P [REDACTED] out f"},
		// The flag as the first bytes of the text.
		{"-P S3cret zip out f", "-P [REDACTED] zip out f"},
		{"-k S3cret for openssl enc", "-k [REDACTED] for openssl enc"},
		// A tab before the flag.
		{"zip -r out.zip dir\t-P S3cret", "zip -r out.zip dir\t-P [REDACTED]"},
		// The flag and one space ending the text.
		{"zip out -P ", "zip out -P "},
		// The password ending the text.
		{"zip -P S3cret", "zip -P [REDACTED]"},
		{"zip out f -P S3cret", "zip out f -P [REDACTED]"},
	})
}

// TestPairsBoundsFPercentPassword pins smbclient's -U user%password: -U
// first in the text, after a tab, inside a word, ending the text; a user
// of one letter; a quoted value; '%' first or last; a password already
// masked.
func TestPairsBoundsFPercentPassword(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// -U as the first bytes of the text.
		{"-U bob%S3cret smbclient //h/s", "-U bob%[REDACTED] smbclient //h/s"},
		// A tab before -U.
		{"smbclient //h/s\t-U bob%S3cret", "smbclient //h/s\t-U bob%[REDACTED]"},
		// "-U" inside a file name, after a letter and after a dash: no flag.
		{"smbclient //srv/share -U bob -c 'get Q3-Update%20notes.txt'", "smbclient //srv/share -U bob -c 'get Q3-Update%20notes.txt'"},
		{"smbclient //srv/share -U bob -c 'get report--Uploaded%20v2.txt'", "smbclient //srv/share -U bob -c 'get report--Uploaded%20v2.txt'"},
		// -U ending the text, then with one space after it.
		{"smbclient //h/s -U", "smbclient //h/s -U"},
		{"smbclient //h/s -U ", "smbclient //h/s -U "},
		// A user of one letter attached to -U.
		{"smbclient //h/s -Ub%S3cret", "smbclient //h/s -Ub%[REDACTED]"},
		// A quoted user%password attached to -U: the closing quote stays.
		{"smbclient //h/s -U'bob%S3cret'", "smbclient //h/s -U'bob%[REDACTED]'"},
		// '%' as the first byte: a variable, not user%password.
		{"smbclient //h/s -U %USERNAME%", "smbclient //h/s -U %USERNAME%"},
		// '%' as the last byte: an empty password, nothing reported.
		{"smbclient //h/s -U bob%", "smbclient //h/s -U bob%"},
		// A password masked already: nothing reported.
		{"smbclient //h/s -U bob%[REDACTED]", "smbclient //h/s -U bob%[REDACTED]"},
		// Only the bytes after '%' are masked.
		{"smbclient //h/s -U bob%S3cret", "smbclient //h/s -U bob%[REDACTED]"},
		{"smbclient //h/s -U CORP\\bob%S3cret -c ls", "smbclient //h/s -U CORP\\bob%[REDACTED] -c ls"},
	})
}

// TestPairsBoundsFHtpasswd pins htpasswd -b's arguments: a quoted user
// before the password, a quoted password that starts with '-', an empty
// quoted password.
func TestPairsBoundsFHtpasswd(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A quoted argument: the next one starts past its closing quote.
		{"htpasswd -b file 'bob' S3cret", "htpasswd -b file 'bob' [REDACTED]"},
		// A quoted word that starts with '-': an argument, not a flag.
		{"htpasswd -b file bob '-S3cret'", "htpasswd -b file bob '[REDACTED]'"},
		// An empty quoted password: nothing masked, nothing reported.
		{"htpasswd -b file bob ''", "htpasswd -b file bob ''"},
	})
}

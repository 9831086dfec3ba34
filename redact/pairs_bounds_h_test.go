package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPairsBoundsHNumberedKeys pins where digitSplit looks for the start of
// the word that ends with a number: a name whose digits belong to it
// (auth0) after another word is not read as the term auth numbered 0.
func TestPairsBoundsHNumberedKeys(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// auth0 after an underscore: the word starts after the '_', not at the key's start.
		{"my_auth0=hunter2xyz", "my_auth0=hunter2xyz"},
	})
}

// TestPairsBoundsHWrappedError pins the wrapped Go error after a term: its
// next prefix is the word after the last '/' of a package path, whatever
// the byte after the value's first.
func TestPairsBoundsHWrappedError(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// A backquote second in the value: only the byte before the value is
		// read for a quote.
		{"password: a`/io: closed pipe", "password: a`/io: closed pipe"},
	})
}

// TestPairsBoundsHNameValueFlags pins the --name/--value parameters: a quoted
// --name holding a term, and --name at the very start of the line.
func TestPairsBoundsHNameValueFlags(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// A quoted --name that is the term itself: its --value is masked.
		{`aws ssm put-parameter --name "token" --value hunter2xyz`, `aws ssm put-parameter --name "token" --value [REDACTED]`},
	})
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// --name at byte 0 of the text.
		{"--name /prod/db/password --value hunter2xyz", "--name /prod/db/password --value [REDACTED]"},
		{"--name password --value hunter2xyz", "--name password --value [REDACTED]"},
	})
}

// TestPairsBoundsHVersions pins isVersion, which keeps a version after a
// term: v and two or three numbers, three numbers without the v, parts of
// up to five digits.
func TestPairsBoundsHVersions(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// v and exactly two numbers: the least after a v.
		{"password=v1.17", "password=v1.17"},
		// v and three numbers: the most.
		{"password=v1.17.42", "password=v1.17.42"},
		// Three numbers without the v: the least and the most.
		{"password=1.17.42", "password=1.17.42"},
		// A part of exactly five digits is kept, six is not.
		{"password=1.2.12345", "password=1.2.12345"},
		{"password=1.2.123456", "password=[REDACTED]"},
		// Four numbers, or two without the v, are not versions.
		{"password=v1.2.3.4", "password=[REDACTED]"},
		{"password=1.2", "password=[REDACTED]"},
	})
}

// TestPairsBoundsHPassphrase pins the quoted passphrase after "password":
// up to 64 bytes and 8 words.
func TestPairsBoundsHPassphrase(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// Exactly 64 bytes is a passphrase; 65 is not.
		{`with password "correct horse battery staple abcdefghijklmnopqrstuvwxyzabcdefghi"`, `with password "[REDACTED]"`},
		{`with password "correct horse battery staple abcdefghijklmnopqrstuvwxyzabcdefghij"`, `with password "correct horse battery staple abcdefghijklmnopqrstuvwxyzabcdefghij"`},
		// Exactly 8 words is a passphrase; 9 is not.
		{`with password "aa bb cc dd ee ff gg hh"`, `with password "[REDACTED]"`},
		{`with password "aa bb cc dd ee ff gg hh ii"`, `with password "aa bb cc dd ee ff gg hh ii"`},
	})
}

// TestPairsBoundsHLftpUser pins lftp -u user,password: the password is what
// follows the comma, judged on its own.
func TestPairsBoundsHLftpUser(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// A password masked by its writer, or a keyword, right after the comma: kept.
		{"lftp -u bob,****** ftp.example.com", "lftp -u bob,****** ftp.example.com"},
		{"lftp -u bob,true ftp.example.com", "lftp -u bob,true ftp.example.com"},
	})
}

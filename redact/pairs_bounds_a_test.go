package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPairsBoundsHereString pins where the value of a here-string given to
// a command that reads a secret from its standard input starts, and that
// "<<<" with nothing after it masks nothing.
func TestPairsBoundsHereString(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// The command before "<<<" is read from the segment's start up to
		// the operator; the value starts after its three bytes.
		{"vault login - <<< S3cret", "vault login - <<< [REDACTED]"},
		// The value's span is offset by the start of its line.
		{"x\nvault login - <<< S3cret", "x\nvault login - <<< [REDACTED]"},
		// A here-string operator that ends the text has no value.
		{"vault login - <<<", "vault login - <<<"},
	})
}

// TestPairsBoundsEchoedWords pins the words that echo writes into a
// command that reads a password from its standard input: a quoted word
// (the quotes left out), an empty quoted word, a word right before the
// pipe, and echo's options (only before its first word).
func TestPairsBoundsEchoedWords(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A quoted word: its closing quote is looked for after the opening
		// one, the word is between them, the next word after the closing
		// one. (Before the empty word below: a moved start loops on it.)
		{"echo 'S3cret' | docker login -u ci --password-stdin", "echo '[REDACTED]' | docker login -u ci --password-stdin"},
		// An empty quoted word is a word: the one after it is echoed.
		{"echo '' S3cret | docker login -u ci --password-stdin", "echo '' [REDACTED] | docker login -u ci --password-stdin"},
		// A word ends at the pipe right after it, not past it.
		{"echo S3cret|docker login -u ci --password-stdin", "echo [REDACTED]|docker login -u ci --password-stdin"},
		// An option is skipped only before echo's first word.
		{"echo -n S3cret | docker login -u ci --password-stdin", "echo -n [REDACTED] | docker login -u ci --password-stdin"},
		{"echo S3cret -n | docker login -u ci --password-stdin", "echo [REDACTED] [REDACTED] | docker login -u ci --password-stdin"},
		// A lone dash (one byte) is no option, but a word: the option-like
		// word after it is echoed.
		{"echo - -nEeEnEeEnE | docker login -u ci --password-stdin", "echo - [REDACTED] | docker login -u ci --password-stdin"},
		// Only a word that starts with a dash is an option, and only when
		// the rest of it is n, e or E.
		{"echo Ennen | docker login -u ci --password-stdin", "echo [REDACTED] | docker login -u ci --password-stdin"},
		{"echo -S3cret | docker login -u ci --password-stdin", "echo [REDACTED] | docker login -u ci --password-stdin"},
	})
}

// TestPairsBoundsPhraseRule pins how a key is found in the words that end
// with it: after letters outside ASCII, after -D, with one word before it
// (and no more than the longest term allows), after a word whose last byte
// is 0x80, a possessive at the text's start, a key word that starts with
// a separator.
func TestPairsBoundsPhraseRule(t *testing.T) {
	// A key read after letters outside ASCII: À ends with the byte 0x80,
	// which is not read as ASCII.
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"Àpassword=hunter2", "Àpassword=[REDACTED]"},
	})
	// A system property whose name starts with z, the last lower-case letter.
	requirePairs(t, redact.Must(redact.Rule{Name: "t", Terms: []string{"zpass"}}), []pairCase{
		{"-Dzpass=hunter2", "-Dzpass=[REDACTED]"},
	})
	// With terms of at most two words, a term two words before a key
	// does not make a phrase with it: a cache key is no token.
	requirePairs(t, redact.Must(redact.Rule{Name: "t", Terms: []string{"token", "api key"}}), []pairCase{
		{"token cache key: user42", "token cache key: user42"},
	})
	// A word of one letter at the text's start (two bytes before the key)
	// is read with the key.
	requirePairs(t, redact.Must(redact.Rule{Name: "t", Terms: []string{"x key"}}), []pairCase{
		{"x key: hunter2", "x key: [REDACTED]"},
	})
	// A word before the key that ends with the byte 0x80 (р is d1 80),
	// read as a letter outside ASCII; the key's own third byte (p of
	// ñpin) does not decide it.
	requirePairs(t, redact.Must(redact.Rule{Name: "t", Terms: []string{"номер ñpin"}}), []pairCase{
		{"номер ñpin: hunter2", "номер ñpin: [REDACTED]"},
	})
	requirePairs(t, redact.Must(redact.Rule{Name: "t", Terms: []string{"номер паспорта"}}), []pairCase{
		{"номер паспорта: hunter2", "номер паспорта: [REDACTED]"},
	})
	requirePairs(t, personalRedactor(), []pairCase{
		// A possessive whose word starts the text.
		{"driver's license: D1234567", "driver's license: [REDACTED]"},
		// A key word that starts with its separator (_name) names no
		// metadata of the term before it.
		{"password db x _name: hunter2", "password db x _name: [REDACTED]"},
	})
}

// TestPairsBoundsMetavar pins what a usage line's name of a value is: a
// trailing ] ) , ; . trimmed unless the name opens with [, a name in square
// brackets, names of two and of 32 bytes, and lower-case letters (a, z)
// that make a bare name no metavar.
func TestPairsBoundsMetavar(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A name in square brackets.
		{"token=[token]", "token=[token]"},
		// A trailing full stop, or closing bracket, is trimmed.
		{"password=PASSWORD.", "password=PASSWORD."},
		{"password='PASSWORD]'", "password='PASSWORD]'"},
		// A name of two bytes, in angle brackets.
		{"--password <pw>", "--password <pw>"},
		// A name of 32 bytes, the longest.
		{"--password XXXXXXXXXXXXXXXXXXXXXXX_PASSWORD", "--password XXXXXXXXXXXXXXXXXXXXXXX_PASSWORD"},
		// A bare name with a lower-case letter (the first, the last, or
		// all of them) is a value.
		{"--password a_PASSWORD", "--password [REDACTED]"},
		{"--password z_PASSWORD", "--password [REDACTED]"},
		{"--password db_password", "--password [REDACTED]"},
	})
}

// TestPairsBoundsValueFlag pins the argument of a --value flag on a
// command line after a key and a linking word (az keyvault secret set …
// --value …): the flag at the start, after other flags, ending the text,
// followed by = or another byte, a quoted argument, a flag in its place.
func TestPairsBoundsValueFlag(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"az keyvault secret set --vault-name kv --name db --value S3cret", "az keyvault secret set --vault-name kv --name db --value [REDACTED]"},
		// --value right after the linking word.
		{"secret set --value S3cret", "secret set --value [REDACTED]"},
		// --value that ends the text, or is followed by a space only.
		{"az keyvault secret set --vault-name kv --value", "az keyvault secret set --vault-name kv --value"},
		{"az keyvault secret set --vault-name kv --value ", "az keyvault secret set --vault-name kv --value "},
		// --value=…, but not a longer flag.
		{"az keyvault secret set --vault-name kv --value=S3cret", "az keyvault secret set --vault-name kv --value=[REDACTED]"},
		{"az keyvault secret set --vault-name kv --valuex S3cret", "az keyvault secret set --vault-name kv --valuex S3cret"},
		// A quoted argument: the quotes are kept.
		{"az keyvault secret set --vault-name kv --value 'S3cret'", "az keyvault secret set --vault-name kv --value '[REDACTED]'"},
		// Another flag where the argument would be.
		{"az keyvault secret set --vault-name kv --value --file x", "az keyvault secret set --vault-name kv --value --file x"},
	})
}

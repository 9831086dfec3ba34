package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// pairCase is one input of the pair rules and the exact text the redactor
// writes for it.
type pairCase struct {
	in, want string
}

// requirePairs runs every case through r and checks the exact output, and
// that the redactor reports a change exactly when the output differs.
func requirePairs(t *testing.T, r *redact.Redactor, cases []pairCase) {
	t.Helper()
	for _, c := range cases {
		got, masked := r.String(c.in)
		require.Equal(t, c.want, got, "%q", c.in)
		require.Equal(t, c.want != c.in, masked, "%q", c.in)
	}
}

// TestPairsEdges pins the output of the pair rules at the edges of each
// form: a value or operator that ends the text, lengths one below and at a
// threshold, the byte just before or after a delimiter. Each case names
// the rule it guards; most of them fail (or panic) when a comparison in
// that rule is moved by one.
func TestPairsEdges(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password", "token", "api key", "secret"}})
	requirePairs(t, r, []pairCase{
		// A key's trailing full stop ends a sentence: the word after it
		// starts the next sentence and is not the key's value, even when
		// it looks like a credential.
		{"Renewed the token. Release2024 ships today", "Renewed the token. Release2024 ships today"},
		// "value=" right after the name's value (no byte between) is still
		// the value of key="…" value="…".
		{"key={{password}}value=hunter2", "key={{password}}value=[REDACTED]"},
		// A colon operator that ends the text, or is followed by spaces
		// only, assigns nothing.
		{"password:", "password:"},
		{"password: ", "password: "},
		// Two colons at the end: the first is the operator, the second the
		// value.
		{"password::", "password:[REDACTED]"},
		// :::= is the longest colon operator; with a fourth colon only the
		// first colon is the operator and the rest is the value.
		{"password::::=hunter2", "password:[REDACTED]"},
		{"password:::=hunter2", "password:::=[REDACTED]"},
		// After "is", a value of 4 bytes is masked, one of 3 is kept.
		{"password is hunt", "password is [REDACTED]"},
		{"password is hun", "password is hun"},
		// A value after "is" loses its sentence's final punctuation, which
		// stays in clear; a full stop, the first of those bytes, too.
		{"password is hunter22.", "password is [REDACTED]."},
		{"password is hunter22. Next", "password is [REDACTED]. Next"},
		{"password is hunter22, then", "password is [REDACTED], then"},
		{"token Zx9pw8Qq9.", "token [REDACTED]."},
	})
}

// TestPairsTypedDeclarations: a declared type between the key and '='
// (var password []byte = "…", password: string = "…"), and the near misses
// where the '=' starts a comparison or an arrow.
func TestPairsTypedDeclarations(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password"}})
	requirePairs(t, r, []pairCase{
		// A type that starts with '[', the first byte of "[]*&".
		{`password []byte = "hunter2"`, `password []byte = "[REDACTED]"`},
		{`password: string = "hunter2"`, `password: string = "[REDACTED]"`},
		{`password string = hunter2 x`, `password string = [REDACTED] x`},
		// A type name that ends the text, with or without spaces after it.
		{"password string", "password string"},
		{"password string  ", "password string  "},
		{"password: string", "password: string"},
		// A '=' that ends the text assigns nothing.
		{"password string =", "password string ="},
		// == and => after the type are no assignment.
		{"password string == x", "password string == x"},
		{"password string =>\n  hunter2", "password string =>\n  hunter2"},
	})
}

// TestPairsValueForms: where valueAt ends a value of each form: templates
// inside quotes, YAML tags, %(name)s, blocks after a call, shell-escaped
// spaces, and templates and blobs that close right away or never.
func TestPairsValueForms(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password"}})
	requirePairs(t, r, []pairCase{
		// A template inside quotes: the mask starts after the quote.
		{`password: "{{ vault "secret/app" "pw" }}" end`, `password: "[REDACTED]" end`},
		// A YAML tag that ends the text is the value.
		{"password: !secret", "password: [REDACTED]"},
		{"password: !secret pw next", "password: [REDACTED] next"},
		// %(name)s: the conversion letter is part of the value.
		{"password=%(pw)s end", "password=[REDACTED] end"},
		{"password=%(pw)s", "password=[REDACTED]"},
		// Letters after a call's ')' are no conversion: only a %(…) value
		// takes them.
		{"password=ENC(abc)xyz end", "password=[REDACTED]xyz end"},
		// The block after a call, up to its '}'.
		{"password = ENV.fetch('PW') { 'fallback' } end", "password = [REDACTED] end"},
		// A '(' or '{' with no name before it opens no blob: the value ends
		// at a space as any bare value does.
		{"password=(unset user=bob", "password=[REDACTED] user=bob"},
		{"password={unset user=bob", "password=[REDACTED] user=bob"},
		// A backslash that ends the text.
		{`password=abc\`, `password=[REDACTED]`},
		{`password=abc\ def x`, `password=[REDACTED] x`},
		// Templates that close right after they open, and GitHub's.
		{"password={{}} next=1", "password=[REDACTED] next=1"},
		{"password=${} next=1", "password=[REDACTED] next=1"},
		{"password=${{}} next=1", "password=[REDACTED] next=1"},
		{"password: ${{ secrets.PW }} next=1", "password: [REDACTED] next=1"},
		{"password: ${{ secrets.PW", "password: [REDACTED]"},
		// Ansible Vault: the tag alone, and a header that ends the text.
		{"password: !vault", "password: [REDACTED]"},
		{"password: !vault | $ANSIBLE_VAULT;1.1;AES256", "password: [REDACTED]"},
	})
}

// TestPairsBlockScalars: a YAML block scalar (password: |) is masked from
// the first byte of its first non-blank line to the last byte of its last
// indented line, without line ends; blank lines inside do not end it, a
// line without indent does.
func TestPairsBlockScalars(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password"}})
	requirePairs(t, r, []pairCase{
		// The indicator ends the text: nothing to mask.
		{"password: |", "password: |"},
		{"password: | ", "password: | "},
		{"password: |-", "password: |-"},
		{"password: |\n", "password: |\n"},
		// Chomping and indent indicators after the '|'.
		{"password: |-\n  hunter2\nnext: x", "password: |-\n  [REDACTED]\nnext: x"},
		{"password: >+2\n  hunter2\nnext: x", "password: >+2\n  [REDACTED]\nnext: x"},
		// One line, then a key without indent.
		{"password: |\n  hunter2\nnext: x", "password: |\n  [REDACTED]\nnext: x"},
		// An empty line inside the block.
		{"password: |\n  line1\n\n  line2\nnext: x", "password: |\n  [REDACTED]\nnext: x"},
		// A line of spaces before the first line of text.
		{"password: |\n   \n  line1\nnext: x", "password: |\n   \n  [REDACTED]\nnext: x"},
		// CRLF line ends: the '\r' after the indicator and at the end of the
		// lines stays out of the mask.
		{"password: |\r\n  hunter2\r\nnext: x", "password: |\r\n  [REDACTED]\r\nnext: x"},
		{"password: >\r\n  a\r\n  b\r\n", "password: >\r\n  [REDACTED]\r\n"},
	})
}

// TestPairsHeredocs: a here-document after a key (password=<<EOF) is
// masked from the line after the marker to the line before the closing
// marker (whole lines, their indent too), without the line end before it.
func TestPairsHeredocs(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password"}})
	requirePairs(t, r, []pairCase{
		{"password=<<EOF\nhunter2\nEOF\nnext=1", "password=<<EOF\n[REDACTED]\nEOF\nnext=1"},
		// <<- (indented closing marker) and a quoted marker.
		{"password=<<-EOF\n  hunter2\n  EOF\nnext=1", "password=<<-EOF\n[REDACTED]\n  EOF\nnext=1"},
		{"password=<<'EOF'\nhunter2\nEOF\nnext=1", "password=<<'EOF'\n[REDACTED]\nEOF\nnext=1"},
		{`password=<<"EOF"` + "\nhunter2\nEOF\nnext=1", `password=<<"EOF"` + "\n[REDACTED]\nEOF\nnext=1"},
		// An empty line inside the body.
		{"password=<<EOF\nhunter2\n\nmore\nEOF\nnext=1", "password=<<EOF\n[REDACTED]\nEOF\nnext=1"},
		// CRLF line ends.
		{"password=<<EOF\r\nhunter2\r\nEOF\r\nnext=1", "password=<<EOF\r\n[REDACTED]\r\nEOF\r\nnext=1"},
		// No closing marker: the body runs to the end, without the final
		// line end.
		{"password=<<EOF\nhunter2\n", "password=<<EOF\n[REDACTED]\n"},
		// An opener or marker that ends the text, and no marker at all.
		{"password=<<", "password=<<"},
		{"password=<<-", "password=<<-"},
		{"password=<<'", "password=<<'"},
		{"password=<<EOF", "password=<<EOF"},
		{"password=<< EOF\nx", "password=<< EOF\nx"},
	})
}

// TestPairsCamelCaseKeys: the quick test of a key's words splits camelCase
// as the key rules do, at every letter of the alphabet's ends: a term word
// after a lower-case 'a' or 'z', a capital 'A' or 'Z', after an acronym
// ending in 'A' or 'Z', and followed by 'a' or 'z'. A key split otherwise
// would not reach the rules, and its value would leak.
func TestPairsCamelCaseKeys(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"auth", "zip", "salt", "azure", "token"}})
	requirePairs(t, r, []pairCase{
		{"userAuth=hunter2", "userAuth=[REDACTED]"},   // a capital 'A' starts the word
		{"homeZip=12345", "homeZip=[REDACTED]"},       // a capital 'Z' starts the word
		{"zip=12345", "zip=[REDACTED]"},               // a term that starts with 'z'
		{"dataToken=hunter2", "dataToken=[REDACTED]"}, // after a lower-case 'a'
		{"fuzzToken=hunter2", "fuzzToken=[REDACTED]"}, // after a lower-case 'z'
		{"DATAToken=hunter2", "DATAToken=[REDACTED]"}, // after an acronym ending in 'A'
		{"XYZToken=hunter2", "XYZToken=[REDACTED]"},   // after an acronym ending in 'Z'
		{"HMACSalt=hunter2", "HMACSalt=[REDACTED]"},   // a word whose second letter is 'a'
		{"MSAzure=hunter2", "MSAzure=[REDACTED]"},     // a word whose second letter is 'z'
		// In key="…" value="…", the name may end with a byte above 'z'; the
		// capital before it ends no word.
		{`<add key="API_TOKEN~" value="hunter2"/>`, `<add key="API_TOKEN~" value="[REDACTED]"/>`},
	})
}

// TestPairsUserFlag: the credentials after -u / --user in a command line.
func TestPairsUserFlag(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password"}})
	requirePairs(t, r, []pairCase{
		// -u at the very start of the text.
		{"-u admin:s3cret https://x", "-u [REDACTED] https://x"},
		// An empty user name: the colon is the first byte.
		{"curl -u :s3cret https://x", "curl -u [REDACTED] https://x"},
		// -u that ends the text.
		{"curl -u ", "curl -u "},
		{"curl -u", "curl -u"},
		// Every -u of a text.
		{"-u a:b -u c:d", "-u [REDACTED] -u [REDACTED]"},
	})
}

// TestPairsVaultLines: an Ansible Vault value is masked whole in the
// layout Ansible writes, the header on the line after "!vault |" and the
// ciphertext in hex lines under it; the next key or word after it stays
// in clear, even when it starts with hex letters.
func TestPairsVaultLines(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password"}})
	requirePairs(t, r, []pairCase{
		{"password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n  6364\nnext: 1", "password: [REDACTED]\nnext: 1"},
		{"password: !vault |\r\n  $ANSIBLE_VAULT;1.1;AES256\r\n  6162\r\n  6364\r\nnext: 1", "password: [REDACTED]\r\nnext: 1"},
		{"password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n  6364\ndb: mydb", "password: [REDACTED]\ndb: mydb"},
		{"password: !vault | $ANSIBLE_VAULT;1.1;AES256 6162 6364 db=mydb", "password: [REDACTED] db=mydb"},
		// A word after the ciphertext that starts with hex letters.
		{"password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n  6364\ndone in 3s", "password: [REDACTED]\ndone in 3s"},
		{"password: !vault | $ANSIBLE_VAULT;1.1;AES256 6162 6364 deadline_s=3", "password: [REDACTED] deadline_s=3"},
		{"password: !vault | $ANSIBLE_VAULT;1.1;AES256 6162 6364 dead_line", "password: [REDACTED] dead_line"},
		// Ciphertext that ends the text, or is followed by punctuation.
		{"password: !vault | $ANSIBLE_VAULT;1.1;AES256 6162 6364", "password: [REDACTED]"},
		{`"password: !vault | $ANSIBLE_VAULT;1.1;AES256 6162 6364", next`, `"password: [REDACTED]", next`},
		// A tag with no header after it, on its line or the next: the tag
		// alone is the value.
		{"password: !vault |\nnext: 1", "password: [REDACTED]\nnext: 1"},
		{"password: !vault\n\nnext: 1", "password: [REDACTED]\n\nnext: 1"},
	})
}

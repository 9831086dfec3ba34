package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPairsBoundsEElementText pins the text of an element named by its
// start tag's attribute (<entry key="db.password">…</entry>): the quote
// that closes the name, the other attributes before '>' (80 bytes at
// most), a self-closed tag, the byte just after '>'.
func TestPairsBoundsEElementText(t *testing.T) {
	r := redact.Must(redact.Credentials)
	requirePairs(t, r, []pairCase{
		// A naming key whose value ends the text: no start tag goes on
		// after it.
		{"key=password", "key=password"},
		// The element's text just after the naming attribute's quote.
		{`<entry key="password">hunter2</entry>`, `<entry key="password">[REDACTED]</entry>`},
		// Another attribute between the name and '>'.
		{`<entry key="db.password" type="string">hunter2</entry>`, `<entry key="db.password" type="string">[REDACTED]</entry>`},
		// '>' exactly 80 bytes after the name's closing quote: still the
		// same start tag.
		{`<entry key="db.password" type="` + strings.Repeat("a", 72) + `">hunter2</entry>`,
			`<entry key="db.password" type="` + strings.Repeat("a", 72) + `">[REDACTED]</entry>`},
		// '>' 81 bytes after it: too far, the text is read as text (its
		// own pair is still masked).
		{`<entry key="db.password" type="` + strings.Repeat("a", 73) + `">password=hunter2</entry>`,
			`<entry key="db.password" type="` + strings.Repeat("a", 73) + `">password=[REDACTED]</entry>`},
		// A text that starts with '/' just after '>': the byte before '>'
		// is what makes a tag self-closed, not the one after it.
		{`<entry key="db.password">/hunter2</entry>`, `<entry key="db.password">[REDACTED]</entry>`},
	})
}

// TestPairsBoundsEIndentedBlock pins the lines a YAML key with nothing
// after its colon takes as its value: the key's column as a list item's
// member (- password:), a blank line inside the block, a last line of
// spaces only, a lone '-' ending the text.
func TestPairsBoundsEIndentedBlock(t *testing.T) {
	r := redact.Must(redact.Credentials)
	requirePairs(t, r, []pairCase{
		// A list item's key: the next line at the key's own column is a
		// sibling key, not the value.
		{"- password:\n  user: bob", "- password:\n  user: bob"},
		{"items:\n- password:\n  user: bob", "items:\n- password:\n  user: bob"},
		// A blank line inside the block does not end it.
		{"password:\n  S3cret\n\n  more", "password:\n  [REDACTED]"},
		// A last line of spaces only ends the text.
		{"password:\n  S3cret\n  ", "password:\n  [REDACTED]\n  "},
		// A '-' alone as the text's last byte: no sequence entry.
		{"password:\n-", "password:\n-"},
	})
}

// TestPairsBoundsEBlockValues pins the values an HCL block labelled with a
// key gives to its own default and value arguments: a name or an '=' that
// ends the text, a comparison (==), an object value's closing brace, a
// nested block's values, which are not the block's own.
func TestPairsBoundsEBlockValues(t *testing.T) {
	r := redact.Must(redact.Credentials)
	requirePairs(t, r, []pairCase{
		// The argument's name ends the text, with no operator.
		{"variable \"db_password\" {\n  default", "variable \"db_password\" {\n  default"},
		// The '=' ends the text: no value.
		{"variable \"db_password\" {\n  default =", "variable \"db_password\" {\n  default ="},
		// == compares, it assigns nothing.
		{"variable \"db_password\" {\n  default == null\n}", "variable \"db_password\" {\n  default == null\n}"},
		// An object value: its closing brace is the value's last byte.
		{"variable \"db_password\" {\n  default = {a = \"S3cret\"}\n}", "variable \"db_password\" {\n  default = [REDACTED]\n}"},
		// A nested block's value is not the labelled block's, whether the
		// nested block is named or opens its line with '{'.
		{"resource \"db_password\" {\n  tag {\n    key = \"team\"\n    value = \"payments\"\n  }\n}",
			"resource \"db_password\" {\n  tag {\n    key = \"team\"\n    value = \"payments\"\n  }\n}"},
		{"resource \"db_password\" {\n  {\n    value = \"payments\"\n  }\n}",
			"resource \"db_password\" {\n  {\n    value = \"payments\"\n  }\n}"},
		// The block's own default after a nested block opened right after
		// the block's '{' line: the nested block ends at its own brace.
		{"variable \"db_password\" {\nx {\n}\ndefault = \"S3cret\"\n}", "variable \"db_password\" {\nx {\n}\ndefault = \"[REDACTED]\"\n}"},
	})
}

// TestPairsBoundsEPlainLine pins how a plain value at a line's start runs
// to the end of its line in text of several lines: a value that ends the
// text, a next line, trailing spaces, a tab before the key, a rest of
// exactly 80 bytes, a properties line ending in a space.
func TestPairsBoundsEPlainLine(t *testing.T) {
	r := redact.Must(redact.Credentials)
	rest80 := " " + strings.Repeat("word ", 15) + "word" // the value's line after its first word: 80 bytes
	requirePairs(t, r, []pairCase{
		// The value ends the text.
		{"x\npassword: hunter2", "x\npassword: [REDACTED]"},
		// The value's line ends before a next line.
		{"password: p@ss w0rd\nnext", "password: [REDACTED]\nnext"},
		// Trailing spaces stay out of the value.
		{"password: p@ss w0rd  \nnext", "password: [REDACTED]  \nnext"},
		// A tab before the key: the key still starts its line.
		{"x\n\tpassword: p@ss w0rd", "x\n\tpassword: [REDACTED]"},
		// A rest of exactly 80 bytes still belongs to the value.
		{"password: abc" + rest80 + "\nnext", "password: [REDACTED]\nnext"},
		// A properties line whose value is followed by a space, then the
		// line's end.
		{"mail.smtp.password S3cret \nx", "mail.smtp.password [REDACTED] \nx"},
	})
}

// TestPairsBoundsEReferences pins the checks that tell a name from a
// secret after a key: a YAML block without list items, an unclosed quoted
// value that ends the text (nothing after it to report a status), a call's
// argument at the text's start or after a space.
func TestPairsBoundsEReferences(t *testing.T) {
	r := redact.Must(redact.Credentials)
	requirePairs(t, r, []pairCase{
		// No "- " item: a mapping, not a list of references.
		{"password:\n  name: regcred", "password:\n  [REDACTED]"},
		// An unclosed quote that ends the text, after secret and token.
		{`secret "abc12345`, `secret "[REDACTED]`},
		{`token "abc12345`, `token "[REDACTED]`},
		// A quoted key at the text's first byte: no '(' before it.
		{`"password")`, `"password")`},
		// A space between '(' and the quoted key.
		{`getenv( "api_token", "S3cret")`, `getenv( "api_token", "[REDACTED]")`},
	})
}

// TestPairsBoundsEMachineTerm pins the machine word before a machine term
// (host fingerprint): a term at the text's start, a tab between them.
func TestPairsBoundsEMachineTerm(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// A term at the text's first byte: no word before it.
		{"fingerprint: 1234", "fingerprint: [REDACTED]"},
		// A tab between the machine word and the term.
		{"host\tfingerprint: 1234", "host\tfingerprint: 1234"},
	})
}

// TestPairsBoundsESASL pins the client's response after IMAP's
// AUTHENTICATE: a mechanism or a space that ends the text, a byte other
// than a space after the mechanism, an initial response of 4 bytes or of
// padding alone, a response on the first, second or fourth line, one of
// exactly 8 bytes.
func TestPairsBoundsESASL(t *testing.T) {
	r := redact.Must(redact.Credentials)
	requirePairs(t, r, []pairCase{
		// The mechanism ends the text, or a space after it does.
		{"a1 AUTHENTICATE PLAIN", "a1 AUTHENTICATE PLAIN"},
		{"a1 AUTHENTICATE PLAIN ", "a1 AUTHENTICATE PLAIN "},
		// A byte that is no space right after the mechanism: no initial
		// response on its line, the next line's is read.
		{"a1 AUTHENTICATE PLAIN)\nAGJvYgBzM2NyZXQ=", "a1 AUTHENTICATE PLAIN)\n[REDACTED]"},
		// An initial response of exactly 4 bytes.
		{"a1 AUTHENTICATE PLAIN AB12", "a1 AUTHENTICATE PLAIN [REDACTED]"},
		// A lone '=' is too short to be one.
		{"a1 AUTHENTICATE PLAIN =", "a1 AUTHENTICATE PLAIN ="},
		// The response on the next line, ending the text; one of exactly
		// 8 bytes.
		{"a1 AUTHENTICATE PLAIN\nAGJvYgBzM2NyZXQ=", "a1 AUTHENTICATE PLAIN\n[REDACTED]"},
		{"a1 AUTHENTICATE PLAIN\nAGJvYgBz", "a1 AUTHENTICATE PLAIN\n[REDACTED]"},
		// The response after the server's "+" line.
		{"a1 AUTHENTICATE PLAIN\n+\nAGJvYgBzM2NyZXQ=\nz", "a1 AUTHENTICATE PLAIN\n+\n[REDACTED]\nz"},
		// Lines that end in CRLF: the next line starts after the '\n',
		// not at the '\r'.
		{"a1 AUTHENTICATE PLAIN\r\nAGJvYgBzM2NyZXQ=\r\n", "a1 AUTHENTICATE PLAIN\r\n[REDACTED]\r\n"},
		// Only three lines are looked at: the fourth is read as text (its
		// own pair is still masked).
		{"a1 AUTHENTICATE PLAIN\n+\nx\ny\npassword=hunter2", "a1 AUTHENTICATE PLAIN\n+\nx\ny\npassword=[REDACTED]"},
	})
}

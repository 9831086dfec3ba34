package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPairsBoundsVarDump pins PHP's var_dump form (string(10) "…") at the
// end of the text: a length whose digits run to the last byte.
func TestPairsBoundsVarDump(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// string( and its digits end the text: no ") \"" follows.
		{"password=string(10", "password=[REDACTED]"},
		{`password=string(10) "hunter2"`, `password=string(10) "[REDACTED]"`},
	})
}

// TestPairsBoundsValueAt pins the spans valueAt reads at the end of the
// text and at its empty forms: an unclosed \"…, an empty """""" and an
// empty here-document.
func TestPairsBoundsValueAt(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// \"… with no closing \" and no line break: the value runs to the
		// last byte.
		{`password=\"hunter2`, `password=\"[REDACTED]`},
		// \"… whose last byte is a lone backslash.
		{`password=\"hunter2\`, `password=\"[REDACTED]`},
		// """""": a triple-quoted string closed at once is empty, not a
		// value that runs to the end of the text.
		{`password="""""" next`, `password="""""" next`},
		// A here-document whose body is one blank line: its empty span is
		// not the start of an indented block under the key.
		{"password: <<EOF\n\n  EOF", "password: <<EOF\n\n  EOF"},
		// (…) closed at once is no bracketed value: the word read instead
		// is the lone "(".
		{"password=() next", "password=[REDACTED]) next"},
		// (…) whose first byte inside is a line break is no bracketed
		// value either.
		{"password=(\nhunter2) next", "password=[REDACTED]\nhunter2) next"},
		// A value that opens with '.' is no NAME(…) blob: the dot is part
		// of a name only after its first byte.
		{"password=.abc(def) ghi", "password=[REDACTED]) ghi"},
		// An escaped line break as the value's first two bytes is part of
		// the value; one after its first byte ends it (\r as \n).
		{`password=\nhunter2`, `password=[REDACTED]`},
		{`password=abc\rdef`, `password=[REDACTED]\rdef`},
	})
}

// TestPairsBoundsSliceLiteral pins Go's %#v slice literal
// ([]string{"…"}): a type that ends the text, no type at all, an unclosed
// literal or string, and a brace or escaped quote inside a string.
func TestPairsBoundsSliceLiteral(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// The type name runs to the last byte: no '{' follows.
		{"password=[]string", "password=[]string"},
		// []{…} with no type between [] and { is no slice literal.
		{`password=[]{"a", "b"} next`, `password=[]{"a", "b"} next`},
		// The literal ends with its closing brace, not the text.
		{`password=[]string{"a"} next`, `password=[REDACTED] next`},
		// A literal left open after a closed string runs to the end.
		{`password=[]string{"a"`, `password=[REDACTED]`},
		// A string left open runs to the end.
		{`password=[]string{"abc`, `password=[REDACTED]`},
		// A brace inside a string does not close the literal.
		{`password=[]string{"a}b"} next`, `password=[REDACTED] next`},
		// Nor does one after an escaped quote.
		{`password=[]string{"a\"}b"} next`, `password=[REDACTED] next`},
	})
}

// TestPairsBoundsBlockScalar pins a YAML block scalar whose only line
// holds nothing but a carriage return: its empty span does not stand for
// a value, so the lines under the key are not read in its place.
func TestPairsBoundsBlockScalar(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// "  \r" is the whole block; the list entry at the key's column
		// after it is not the value.
		{"password: |\n  \r\n- hunter2", "password: |\n  \r\n- hunter2"},
	})
}

// TestPairsBoundsWordAt pins where a word read after a key or a flag
// ends: a table cell's bar at the last byte or before a space, a tab or
// a line break, and an empty word after a trailing colon.
func TestPairsBoundsWordAt(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A bar that ends the text ends the word.
		{"--password hunter2|", "--password [REDACTED]|"},
		// A bar followed by a space, a tab or a line break ends the word.
		{"--password hunter2| x", "--password [REDACTED]| x"},
		{"--password hunter2|\tx", "--password [REDACTED]|\tx"},
		{"--password hunter2|\nx", "--password [REDACTED]|\nx"},
		// --plaintext: then nothing: the word after the colon is empty,
		// and the colon before it is not trimmed off an empty word.
		{"password --plaintext:", "password --plaintext:"},
	})
}

// TestPairsBoundsPromptDefault pins a prompt's bracketed default with
// nothing or one byte between its brackets ("Password []: ").
func TestPairsBoundsPromptDefault(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// Empty brackets are a default too.
		{"Password []: hunter2", "Password []: [REDACTED]"},
		// A default of one byte.
		{"Password [x]: hunter2", "Password [x]: [REDACTED]"},
	})
}

// TestPairsBoundsEscapedQuote pins the escaped quotes that end a word
// (\", \', \x22, \x27, \u0022, &quot;) against the escapes that do not
// (\n, &amp;), and a backslash that ends the text.
func TestPairsBoundsEscapedQuote(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A lone backslash as the last byte is part of the word.
		{`--password hunter2\`, `--password [REDACTED]`},
		// \" and \' end the word.
		{`--password hunter2\"x`, `--password [REDACTED]\"x`},
		{`--password hunter2\'x`, `--password [REDACTED]\'x`},
		// \n is no quote: the word goes on.
		{`--password hunter2\nx`, `--password [REDACTED]`},
		// \xHH, four bytes, for either quote (a letter right after it
		// would make it a quote inside the password: Rf2'gH5).
		{`--password hunter2\x22 x`, `--password [REDACTED]\x22 x`},
		{`--password hunter2\x27 x`, `--password [REDACTED]\x27 x`},
		// \u0022, six bytes whose first two digits are 00.
		{`--password hunter2\u0022 x`, `--password [REDACTED]\u0022 x`},
		// &quot; ends the word, &amp; does not.
		{"--password hunter2&quot; x", "--password [REDACTED]&quot; x"},
		{"--password hunter2&amp;x", "--password [REDACTED]"},
	})
}

// TestPairsBoundsXMLOpen pins an XML element whose name has a namespace
// prefix: the prefix at the text's first byte after '<', a prefix with a
// hyphen or an underscore, and an empty <value> after a naming <name>
// element.
func TestPairsBoundsXMLOpen(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// The '<' is the text's first byte.
		{"<ns2:password>hunter2</ns2:password>", "<ns2:password>[REDACTED]</ns2:password>"},
		// A prefix of letters and a hyphen or an underscore.
		{"x <my-ns:password>hunter2</my-ns:password>", "x <my-ns:password>[REDACTED]</my-ns:password>"},
		{"x <my_ns:password>hunter2</my_ns:password>", "x <my_ns:password>[REDACTED]</my_ns:password>"},
		// <value></value> holds nothing: the text after it is kept.
		{"<name>token</name><value></value> tail", "<name>token</name><value></value> tail"},
	})
}

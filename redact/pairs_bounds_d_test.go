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

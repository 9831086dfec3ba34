package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPairsBoundsBPossessive pins the possessive ("q's key") read as the
// term "q key": an owner of one letter at the very start of the text, and
// a word after "'s" that starts with a byte outside ASCII.
func TestPairsBoundsBPossessive(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "p", Terms: []string{"q key", "q ключ"}})
	requirePairs(t, r, []pairCase{
		// The apostrophe at index 1: the owner is the text's first byte.
		{"q's key: hunter2", "q's key: [REDACTED]"},
		// The letter before the apostrophe is what must be alphanumeric,
		// not the first byte of the word after "'s" (here a UTF-8 lead byte).
		{"q's ключ: hunter2", "q's ключ: [REDACTED]"},
	})
}

// TestPairsBoundsBCardCodeKey pins the 64 bytes of a key that are read
// for a card verification code's name: a key of more alphanumeric bytes
// than that is cut, not overrun.
func TestPairsBoundsBCardCodeKey(t *testing.T) {
	key := "cvc_" + strings.Repeat("x", 62) + "_cvc" // 69 alphanumeric bytes, cvc among the first 64
	requirePairs(t, personalRedactor(), []pairCase{
		// A key one past the buffer's 64 alphanumeric bytes.
		{key + " 431", key + " [REDACTED]"},
	})
}

// TestPairsBoundsBDash pins the value after a dash between key and value:
// it starts right after the dash's space, not one byte further.
func TestPairsBoundsBDash(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password", "token", "api key", "secret"}})
	requirePairs(t, r, []pairCase{
		// A hyphen and its space: the value's first byte is masked too.
		{"api key - 3c9d8e7f6a5b4c3d2e1f", "api key - [REDACTED]"},
		// An em dash (three bytes) and its space.
		{"token \u2014 3c9d8e7f6a5b4c3d2e1f", "token \u2014 [REDACTED]"},
	})
}

// TestPairsBoundsBForWhom pins "password for <whom> <operator> <value>":
// an operator right after "for" introduces whom, not the value; a name
// ending with ':' at the end of the text has no value; an operator at the
// end of the text neither.
func TestPairsBoundsBForWhom(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password", "token", "api key", "secret"}})
	requirePairs(t, r, []pairCase{
		// The ':' right after "for" (no name before it): what follows is whom.
		{"Enter password for: alice", "Enter password for: alice"},
		// The same ':' as a word of one byte, spaced from "for".
		{"Enter password for : alice", "Enter password for : alice"},
		// A name ending with ':' that is the last byte of the text.
		{"password for postgres:", "password for postgres:"},
		// An operator that is the last byte of the text.
		{"password for bob =", "password for bob ="},
		// The name's ':' then a space and the value.
		{"password for postgres: Hunter2xyz", "password for postgres: [REDACTED]"},
	})
}

// TestPairsBoundsBIdentifiedBy pins the SQL IDENTIFIED BY clause: the
// keyword in capitals masks an unquoted value of any shape (BY, or AS
// after WITH plugin), a quoted value is masked in any case, a clause that
// ends the text has no value, and a ';' closing an unclosed quote stays.
func TestPairsBoundsBIdentifiedBy(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password", "token", "api key", "secret"}})
	requirePairs(t, r, []pairCase{
		// IDENTIFIED BY in capitals, a plain word as the value: its last byte too.
		{"CREATE USER bob IDENTIFIED BY tiger", "CREATE USER bob IDENTIFIED BY [REDACTED]"},
		// IDENTIFIED WITH plugin AS, in capitals.
		{"CREATE USER bob IDENTIFIED WITH auth_pam AS tiger", "CREATE USER bob IDENTIFIED WITH auth_pam AS [REDACTED]"},
		// Lower case, a quoted value: the quote before it is what counts.
		{"alter user bob identified by 'tiger'", "alter user bob identified by '[REDACTED]'"},
		// The clause is the end of the text: no value.
		{"CREATE USER bob IDENTIFIED BY", "CREATE USER bob IDENTIFIED BY"},
		// An unclosed quote runs to the line's end: the statement's ';' is not the value.
		{"ALTER USER bob IDENTIFIED BY 'tiger;\nGO", "ALTER USER bob IDENTIFIED BY '[REDACTED];\nGO"},
	})
}

// TestPairsBoundsBValueShapes pins the ends of values that go on past
// their first word: a JSON object with a '}' inside a string, an object
// opened by the text's last byte, a "user / password" pair with nothing
// after the slash, a Cookie header's bare names.
func TestPairsBoundsBValueShapes(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password", "token", "api key", "secret"}})
	requirePairs(t, r, []pairCase{
		// A '}' inside a member's string does not close the object.
		{`secret: {"p": "a}b", "q": "hunter2"}`, `secret: {[REDACTED]}`},
		// A '{' that is the last byte of the text.
		{"password: {", "password: [REDACTED]"},
		// " / " then the end of the text: no second part.
		{"password: bob / ", "password: [REDACTED] / "},
	})
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A bare cookie name that ends the text.
		{"Cookie: a=1; b", "Cookie: [REDACTED]"},
		// A bare cookie name that ends the line: the list ends before it.
		{"Cookie: a=1; b\nHost: x", "Cookie: [REDACTED]; b\nHost: x"},
	})
}

// TestPairsBoundsBLists pins the lists that one key names: a signature
// header's name=value parameters (a first value of two bytes, a list that
// ends the text, a last name without '=') and X-Forwarded-For's addresses
// (a list that ends the text, one followed by a word, an address followed
// by 'g', the letter after the hex digits).
func TestPairsBoundsBLists(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A first parameter of exactly two bytes ("t="), the list runs to the text's end.
		{"Stripe-Signature: t=,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", "Stripe-Signature: [REDACTED]"},
		// A last name with no '=' that ends the text.
		{"Stripe-Signature: t=1733011200,v1", "Stripe-Signature: [REDACTED]"}, // ",v1" with no value may be the value's own
	})
	requirePairs(t, personalRedactor(), []pairCase{
		// The second address ends the text.
		{"X-Forwarded-For: 198.51.100.7, 203.0.113.9", "X-Forwarded-For: [REDACTED]"},
		// The second address is followed by a space and words.
		{"X-Forwarded-For: 198.51.100.7, 203.0.113.9 via proxy", "X-Forwarded-For: [REDACTED] via proxy"},
		// 'g', one past the hex letters, is no part of an address.
		{"X-Forwarded-For: 198.51.100.7, 203.0.113.9g", "X-Forwarded-For: [REDACTED]g"},
	})
}

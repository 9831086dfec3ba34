package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPairsCClauseEnd pins where a free-text value (an address) ends: the
// spaces and commas that end the text, and the word after them that is
// the next key only when '=' follows it, or a ':' that ends the text or
// is followed by a space.
func TestPairsCClauseEnd(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// ", " after the value is the text's last two bytes.
		{"address: 221B Baker Street, ", "address: [REDACTED], "},
		// '=' right after the space: no word before it, so no next key;
		// the clause goes on over it.
		{"address: 221B Baker =x", "address: [REDACTED]"},
		// A word and ':' then a space, after a space or after ", ": the
		// next key.
		{"address: 221B Baker Street status: ok", "address: [REDACTED] status: ok"},
		{"address: 221B Baker Street, status: ok", "address: [REDACTED], status: ok"},
		// A word and ':' with no space after it: part of the clause.
		{"address: 221B Baker Street, city:London", "address: [REDACTED]"},
		// A word and ':' as the text's last byte: the next key.
		{"address: 221B Baker Street, city:", "address: [REDACTED], city:"},
	})
}

// TestPairsCICDCode pins the shape of an ICD-10 code after an ICD key: its
// length (three to eight bytes) and the characters after its dot.
func TestPairsCICDCode(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// A code of exactly eight bytes, which is masked as a code (read
		// as a credential, it would be kept as a file name).
		{"icd10 x12.json", "icd10 [REDACTED]"},
		// A code of exactly three bytes, the text's end.
		{"icd10 E11", "icd10 [REDACTED]"},
		// Four bytes with no dot: no code.
		{"icd10 E11x", "icd10 E11x"},
		// A dot and one character, the last byte of the text.
		{"icd10 E11.9", "icd10 [REDACTED]"},
		// A character after the dot that is no letter or digit: no code.
		{"icd10 E11.9/1", "icd10 E11.9/1"},
	})
}

// TestPairsCSalutation pins the name after "Dear": where the text ends
// after "Dear" or a title, and the first byte of the name, a capital or a
// byte outside ASCII (0x80, the lowest).
func TestPairsCSalutation(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// Only spaces after "Dear", to the text's end.
		{"Hello there. Dear  ", "Hello there. Dear  "},
		// A name that opens with the byte 0x80, which a name's word
		// takes as it takes every byte outside ASCII.
		{"Dear \x80bc, hi", "Dear [REDACTED], hi"},
		// A name that opens with a letter outside ASCII.
		{"Dear \xc3\x89milie, hi", "Dear [REDACTED], hi"},
		// A title that ends the text, with no dot after it.
		{"Hello there. Dear Dr", "Hello there. Dear Dr"},
		// A title, its dot and a space that end the text.
		{"Hello there. Dear Dr. ", "Hello there. Dear Dr. "},
		// After a title: a name that opens with 0x80.
		{"Dear Dr. \x80bc, hi", "Dear Dr. [REDACTED], hi"},
	})
}

// TestPairsCNumberWord pins "no." and "no:" between a personal key and its
// value: the value is the word after them (here a date of birth, which
// the key "dob" alone reads in words).
func TestPairsCNumberWord(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// "no" followed by a dot.
		{"dob no. 12 March 1984", "dob no. [REDACTED]"},
		// "no" followed by a colon.
		{"dob no: 12 March 1984", "dob no: [REDACTED]"},
	})
}

// TestPairsCPersonalValue pins how far a personal key's value goes on: a
// date of birth that ends where the value does (then an identifier's
// groups may go on), a postcode whose first part is a group of digits,
// a postcode value that ends the text, and 'Z' as a capital of a postcode.
func TestPairsCPersonalValue(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// The date is the value alone; a capital letter after it ends
		// an identifier in groups.
		{"dob=12 C", "dob=[REDACTED]"},
		// The groups do not go on past the first ("AB" is no group),
		// but the Dutch postcode does.
		{"postcode: 1012 AB", "postcode: [REDACTED]"},
		// A postcode key's value that ends the text.
		{"postcode: SW1A", "postcode: [REDACTED]"},
		// 'Z', the last capital, in each form of postcode.
		{"postcode: 1012 AZ", "postcode: [REDACTED]"},
		{"postcode: SW1A 1AZ", "postcode: [REDACTED]"},
		{"postcode: Z1A 0B1", "postcode: [REDACTED]"},
	})
}

// TestPairsCCoordinates pins a latitude and longitude after a personal
// key: a whole part of exactly three digits is a coordinate's.
func TestPairsCCoordinates(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// The longitude after the comma has three digits before its dot.
		{"lat: 37.7749, -122.4194", "lat: [REDACTED]"},
	})
}

// TestPairsCIDGroups pins an identifier written in groups: a first group
// of exactly six digits or three capitals, exactly six digits in all, the
// suffix capital that needs a digit before it, and the text's end after
// a group or after the suffix.
func TestPairsCIDGroups(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// A first group of six digits, then another group.
		{"ssn: 123456 7890", "ssn: [REDACTED]"},
		// A first group of three capitals.
		{"nino: ABC 12 34", "nino: [REDACTED]"},
		// Six digits in two groups, in prose: a grouped identifier.
		{"aadhaar 123 456", "aadhaar [REDACTED]"},
		// A capital after capitals alone is no suffix: no digit before it.
		{"nino: AB C", "nino: [REDACTED] C"},
		// A value of digits that ends the text.
		{"ssn: 123456", "ssn: [REDACTED]"},
		// The suffix capital is the text's last byte.
		{"nino: QQ 12 34 56 C", "nino: [REDACTED]"},
	})
}

// TestPairsCSurnameFirst pins a name written surname first (Roe, Jane):
// the text's end at the value or after its ", ", a given name that opens
// with a byte outside ASCII (0x80, the lowest), and a word after the given
// name that runs to the text's end.
func TestPairsCSurnameFirst(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// ", " as the text's last two bytes.
		{"patient_name=Roe, ", "patient_name=[REDACTED], "},
		// The name is the text's end.
		{"patient_name=Roe", "patient_name=[REDACTED]"},
		// A given name that opens with a letter outside ASCII, or 0x80.
		{"full_name=Roe, \xc3\x89mile", "full_name=[REDACTED]"},
		{"full_name=Roe, \x80x", "full_name=[REDACTED]"},
		// A word of key characters after the given name, to the text's end.
		{"full_name: Roe, Jane age", "full_name: [REDACTED] age"},
	})
}

// TestPairsCDateWords pins a date of birth of at most three words.
func TestPairsCDateWords(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// A fourth word of digits is not the date's.
		{"dob: 12 03 1984 77", "dob: [REDACTED] 77"},
	})
}

// TestPairsCNameWords pins the words of a name after a name key: its first
// byte ('Z', the last capital; a letter outside ASCII; 0x80), the first
// byte of each next word ('A' and 'Z'; 0x80; lower case), at most four
// words, a trailing space that ends the text, and a next key.
func TestPairsCNameWords(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// A first word that opens with 'Z', a letter outside ASCII, 0x80.
		{"full_name=Zoe Roe", "full_name=[REDACTED]"},
		{"full_name=\xc3\x89mile Roe", "full_name=[REDACTED]"},
		{"full_name=\x80oe Roe", "full_name=[REDACTED]"},
		// Four capitalised words are the name; a fifth is not.
		{"full_name=Ana Maria Perez Lopez MD", "full_name=[REDACTED] MD"},
		// A space that is the text's last byte.
		{"full_name=Jane ", "full_name=[REDACTED] "},
		// Next words that open with 'A', 'Z', 0x80, a letter outside ASCII.
		{"full_name=Jane Ann", "full_name=[REDACTED]"},
		{"full_name=Jane Zed", "full_name=[REDACTED]"},
		{"full_name=Jane \x80x", "full_name=[REDACTED]"},
		{"full_name=Jane \xc3\x89mile", "full_name=[REDACTED]"},
		// A word that ends with '-' before the next capitalised word.
		{"full_name=Jean- Roe", "full_name=[REDACTED]"},
		// Lower-case words after the name are not the name's.
		{"full_name=Jane Roe logged in", "full_name=[REDACTED] logged in"},
		// The name's last word ends the text.
		{"full_name=Jane Roe", "full_name=[REDACTED]"},
		// A capitalised word followed by '=' is the next key.
		{"full_name=Jane Age=41", "full_name=[REDACTED] Age=41"},
		// A byte 0x80 inside a word.
		{"full_name=Ja\x80ne Roe", "full_name=[REDACTED]"},
	})
}

// TestPairsCNamedValue pins the "value" key looked for after a naming
// key's value: "value" as the text's last bytes, alone or with a quote or
// a space after it, spaces before its operator, and the length of a
// naming key (seven bytes: varname; sixteen: parameter___name).
func TestPairsCNamedValue(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// "value" ends the text, or a space or a quote after it does.
		{"name=password value", "name=password value"},
		{"name=password value ", "name=password value "},
		{`name="password" value"`, `name="password" value"`},
		// Spaces between "value" and '='.
		{"name=password value = hunter2", "name=password value = [REDACTED]"},
		// A naming key of exactly seven bytes, and of exactly sixteen.
		{"varname=password value=hunter2", "varname=password value=[REDACTED]"},
		{"parameter___name=password value=hunter2", "parameter___name=password value=[REDACTED]"},
	})
}

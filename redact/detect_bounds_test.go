package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// boundCase is one input of a detector at one of its bounds, and what the
// detector alone makes of it.
type boundCase struct {
	in, want string
	why      string // the bound the case pins
}

// checkBounds runs every case through a Redactor with d alone and checks
// the exact output, and that the string counts as masked exactly when it
// changed: a search that panics masks the whole string (fail closed), and
// an empty span changes nothing but still counts, so both show here.
func checkBounds(t *testing.T, d redact.Detector, cases []boundCase) {
	t.Helper()
	r := only(d)
	for _, tc := range cases {
		got, masked := r.String(tc.in)
		require.Equal(t, tc.want, got, "%s: %s: %q", d.Name, tc.why, tc.in)
		require.Equal(t, tc.want != tc.in, masked, "%s: masked flag: %s: %q", d.Name, tc.why, tc.in)
		require.Equal(t, tc.want != tc.in, d.Matches(tc.in), "%s: Matches: %s: %q", d.Name, tc.why, tc.in)
	}
}

// TestBoundsURLLogin: a login name alone in the URL of a scheme that logs
// in by key is kept; the scheme is the word right before "://", and the
// login is a short lower-case name.
func TestBoundsURLLogin(t *testing.T) {
	login32 := strings.Repeat("d", 32)
	checkBounds(t, redact.DetectURLUserinfo, []boundCase{
		// The scheme word stops at the space before it, and the login's
		// place in the text does not matter (a long prefix).
		{"remote: cloning from ssh://git@github.com/org/repo.git", "remote: cloning from ssh://git@github.com/org/repo.git", "scheme after a space, far into the text"},
		// A '+' joins the scheme's words: "ssh+git" is one scheme.
		{"ssh+git://git@github.com/org/repo.git", "ssh+git://git@github.com/org/repo.git", "'+' inside the scheme"},
		// 32 bytes is the longest login name; one more is a token.
		{"sftp://" + login32 + "@host/x", "sftp://" + login32 + "@host/x", "login of 32 bytes"},
		{"sftp://" + login32 + "d@host/x", "sftp://[REDACTED]@host/x", "login of 33 bytes"},
		// The letters a and z themselves are lower case.
		{"sftp://admin@host/x", "sftp://admin@host/x", "login with 'a'"},
		{"sftp://zed@host/x", "sftp://zed@host/x", "login with 'z'"},
		// A digit may follow the first byte, not be it.
		{"sftp://deploy2@host/x", "sftp://deploy2@host/x", "digit after the first byte"},
		{"sftp://2deploy@host/x", "sftp://[REDACTED]@host/x", "digit as the first byte"},
		// '-', '_' and '.' belong to a login name.
		{"sftp://build-bot@host/x", "sftp://build-bot@host/x", "login with '-'"},
		{"sftp://build_bot@host/x", "sftp://build_bot@host/x", "login with '_'"},
		{"sftp://build.bot@host/x", "sftp://build.bot@host/x", "login with '.'"},
	})
}

// TestBoundsURLSlashedPassword: a password with a '/' runs to the '@'
// after it; without an '@' to end it, nothing is userinfo.
func TestBoundsURLSlashedPassword(t *testing.T) {
	checkBounds(t, redact.DetectURLUserinfo, []boundCase{
		// The colon is the first byte of the userinfo: an empty user.
		{"s3://:wJalrXUtnFEMI/K7MDENG@bucket/x", "s3://[REDACTED]@bucket/x", "colon at the userinfo's first byte"},
		{"s3://AKIAX:wJalrXUtnFEMI/K7MDENG@bucket/x", "s3://[REDACTED]@bucket/x", "user and slashed password"},
		// No '@' before the end of the text: a host, a port-less path.
		{"s3://AKIAX:wJalrXUtnFEMI/K7MDENG", "s3://AKIAX:wJalrXUtnFEMI/K7MDENG", "no '@' up to the end"},
		{"s3://AKIAX:wJalrXUtnFEMI/K7MDENG x@y", "s3://AKIAX:wJalrXUtnFEMI/K7MDENG x@y", "a space before the '@'"},
		// An '@' earlier in the text, none after the password.
		{"a@b s3://AKIAX:wJalrXUtnFEMI/K7MDENG", "a@b s3://AKIAX:wJalrXUtnFEMI/K7MDENG", "no '@' after the password up to the end"},
	})
}

// TestBoundsAuthorizationScheme: the scheme words match in any case of
// ASCII letters, capitals A and Z included; a content digest (an
// algorithm, a colon, 32 hex digits or more) after "digest" is kept.
func TestBoundsAuthorizationScheme(t *testing.T) {
	hex31 := "0123456789abcdef0123456789abcde"
	checkBounds(t, redact.DetectBearer, []boundCase{
		{"got BASIC dXNlcjpwYXNzd29yZA== from client", "got BASIC [REDACTED] from client", "capital 'A' in a scheme word"},
		{"got Bearer dXNlcjpwYXNzd29yZA== from client", "got Bearer [REDACTED] from client", "scheme word as written"},
		// 32 hex digits (md5) is the shortest content digest.
		{"Digest md5:" + hex31 + "f", "Digest md5:" + hex31 + "f", "32 hex digits: a digest"},
		{"Digest sha256:" + hex31 + "f", "Digest sha256:" + hex31 + "f", "32 hex digits after a longer name"},
		{"Digest sha256:" + hex31, "Digest [REDACTED]", "31 hex digits: a credential"},
		{"Digest md5:" + hex31, "Digest [REDACTED]", "31 hex digits after md5"},
	})
}

// TestBoundsJWE: five base64url parts are a JWE, masked whole; a '.' after
// the fifth part ends it unless a sixth part follows.
func TestBoundsJWE(t *testing.T) {
	jwt := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"
	checkBounds(t, redact.DetectJWT, []boundCase{
		{"t=" + jwt + ".aXY.dGFn", "t=[REDACTED]", "five parts at the end"},
		{"t=" + jwt + ".aXY.dGFn.", "t=[REDACTED].", "five parts and a full stop that ends the text"},
		{"t=" + jwt + ".aXY.dGFn. next", "t=[REDACTED]. next", "five parts and a full stop before a space"},
		{"t=" + jwt + ".aXY.dGFn.eA next", "t=[REDACTED].aXY.dGFn.eA next", "six parts: the JWT alone"},
	})
}

// TestBoundsAWSSecret: the secret access key after a key id: at most four
// bytes of separators before it, and 40 bytes of base64 that may end the
// text.
func TestBoundsAWSSecret(t *testing.T) {
	const id, secret = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	checkBounds(t, redact.DetectAWSAccessKey, []boundCase{
		{id + " " + secret, "[REDACTED] [REDACTED]", "secret that ends the text"},
		{id + " " + secret + " x", "[REDACTED] [REDACTED] x", "secret before a space"},
		{id + " " + secret + "x", "[REDACTED] " + secret + "x", "41 bytes of base64: no secret"},
		{id + `", "` + secret, `[REDACTED]", "[REDACTED]`, "four separator bytes"},
		{id + `",  "` + secret, `[REDACTED]",  "` + secret, "five separator bytes"},
	})
}

// TestBoundsPuTTY: the private lines of a PuTTY key file are masked, from
// the line after "Private-Lines: N" to the line break before
// "Private-MAC:" or to the end, with line breaks written as bytes or as a
// quoted string writes them (\n, \r\n); the rest of the file is kept.
func TestBoundsPuTTY(t *testing.T) {
	const head = "PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 2\n"
	// The private lines end in 'n' and start with 'An': a trim of a
	// quoted line break must read the backslash before the letter.
	checkBounds(t, redact.DetectPrivateKey, []boundCase{
		{head + "AnAAgFz9\nRk4Tn\nPrivate-MAC: 00", head + "[REDACTED]\nPrivate-MAC: 00", "bytes \\n"},
		{"key: " + head + "AnAAgFz9\nRk4Tn\nPrivate-MAC: 00 end", "key: " + head + "[REDACTED]\nPrivate-MAC: 00 end", "file inside text"},
		{strings.ReplaceAll(head, "\n", "\r\n") + "AnAAgFz9\r\nRk4Tn\r\nPrivate-MAC: 00", strings.ReplaceAll(head, "\n", "\r\n") + "[REDACTED]\r\nPrivate-MAC: 00", "bytes \\r\\n"},
		{head + "AnAAgFz9\nRk4Tn\n", head + "[REDACTED]\n", "no MAC: to the end, less the line break"},
		{head + "AnAAgFz9\nRk4Tn", head + "[REDACTED]", "no MAC, no line break"},
		// As %q writes the file: a backslash and a letter.
		{`"PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 2\nAnAAgFz9\nRk4Tn\nPrivate-MAC: 00"`,
			`"PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 2\n[REDACTED]\nPrivate-MAC: 00"`, "quoted \\n"},
		{`"PuTTY-User-Key-File-2: ssh-rsa\r\nPrivate-Lines: 2\r\nAnAAgFz9\r\nRk4Tn\r\nPrivate-MAC: 00"`,
			`"PuTTY-User-Key-File-2: ssh-rsa\r\nPrivate-Lines: 2\r\n[REDACTED]\r\nPrivate-MAC: 00"`, "quoted \\r\\n"},
		// The text ends after the count, or after a lone backslash.
		{"PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 2", "PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 2", "ends after the count"},
		{"PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 2\\", "PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 2[REDACTED]", "ends in a lone backslash"},
		// No private lines at all.
		{"PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 0\nPrivate-MAC: 00", "PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 0\nPrivate-MAC: 00", "no private lines"},
		{"PuTTY-User-Key-File-2: x Private-Lines: 0Private-MAC: 00", "PuTTY-User-Key-File-2: x Private-Lines: 0Private-MAC: 00", "MAC right after the count"},
		// "Private-Lines:" right after the header's prefix.
		{"PuTTY-User-Key-File-Private-Lines: 1\nAnAAgFz9\nPrivate-MAC: 00", "PuTTY-User-Key-File-Private-Lines: 1\n[REDACTED]\nPrivate-MAC: 00", "count at once"},
		// Two key files in one text.
		{head + "AnAAgFz9\nPrivate-MAC: 00\n" + head + "Rk4Tn\nPrivate-MAC: 11", head + "[REDACTED]\nPrivate-MAC: 00\n" + head + "[REDACTED]\nPrivate-MAC: 11", "two files"},
	})
}

// TestBoundsCardSeparators: between the groups of a card number a single
// space or dash, or between groups of four a dot, slash, underscore or
// no-break space; two separators together, or a group after a dot that is
// not four digits, end the number.
func TestBoundsCardSeparators(t *testing.T) {
	// 411122233334445 is Luhn-valid (15 digits); 4111111111111111 too.
	checkBounds(t, redact.DetectCardNumber, []boundCase{
		{"card 4111_1111_1111_1111", "card [REDACTED]", "underscores"},
		{"card 4111.1111.1111.1111", "card [REDACTED]", "dots"},
		{"card 4111\u00a01111\u00a01111\u00a01111", "card [REDACTED]", "no-break spaces"},
		{"card 4111111111111111\u00a0", "card [REDACTED]\u00a0", "a no-break space that ends the text"},
		// A group after a no-break space begins a group as after any
		// separator: a card after another number is found.
		{"ref 1234\u00a04111\u00a01111\u00a01111\u00a01111", "ref 1234\u00a0[REDACTED]", "a card after a number, no-break spaces"},
		{"ref 1234 4111\u00a01111\u00a01111\u00a01111", "ref 1234 [REDACTED]", "a card after a number and a space"},
		{"ref 4111\u00a01111\u00a01111\u00a01111\u00a01234", "ref [REDACTED]\u00a01234", "a card before a number"},
		{"ref 4111.1111.1111.111", "ref 4111.1111.1111.111", "a dot before three digits that end the text"},
		{"ref 4111.222 3333 4445", "ref 4111.222 3333 4445", "a dot before a group of three"},
		{"ref 4111. 222 3333 4445", "ref 4111. 222 3333 4445", "a full stop and a space"},
		{"ref 4111 .1111 1111 1111", "ref 4111 .1111 1111 1111", "a space and a dot"},
		{"ref 4111 \u00a01111 1111 1111", "ref 4111 \u00a01111 1111 1111", "a space and a no-break space"},
		{"ref 4111\u00a0 1111 1111 1111", "ref 4111\u00a0 1111 1111 1111", "a no-break space and a space"},
	})
}

// TestBoundsCardTail: what follows a card number and belongs to it: the
// rest of a magnetic stripe's track 1 (up to '?', a line break or a quote,
// at most 80 bytes) or track 2 (=digits, '?'), or up to three fields of a
// card dump (|MM|YYYY|CVV, fields of at most 7 bytes).
func TestBoundsCardTail(t *testing.T) {
	const c = "4111111111111111"
	checkBounds(t, redact.DetectCardNumber, []boundCase{
		// Track 1.
		{"%B" + c + "^ROE/JANE^29121010000000? ok", "%B[REDACTED] ok", "track 1 ends at '?'"},
		{`t="%B` + c + `^ROE/JANE^2912101" x`, `t="%B[REDACTED]" x`, "track 1 ends before a quote"},
		{"%B" + c + "^ROE/JANE^2912101\nnext", "%B[REDACTED]\nnext", "track 1 ends before a line break"},
		{"track %B" + c + "^ROE/JANE^29121010", "track %B[REDACTED]", "track 1 to the end of the text"},
		{"%B" + c + "^" + strings.Repeat("A", 85), "%B[REDACTED]" + strings.Repeat("A", 6), "track 1 stops 80 bytes after the '^'"},
		// Track 2.
		{";" + c + "=29121010000? ok", ";[REDACTED] ok", "track 2 ends at '?'"},
		{";" + c + "=2912101 ok", ";[REDACTED] ok", "track 2 ends at its last digit"},
		{"track ;" + c + "=29121010000", "track ;[REDACTED]", "track 2 to the end of the text"},
		// A card dump.
		{c + "|12|2029|123|4567", "[REDACTED]|4567", "three fields at most"},
		{"card " + c + "|12|", "card [REDACTED]|", "a '|' that ends the text"},
		{c + "|12| x", "[REDACTED]| x", "a '|' before no digit"},
		{"card " + c + "|12|2029|123", "card [REDACTED]", "fields to the end of the text"},
		{c + "|12/29|123 ok", "[REDACTED] ok", "a '/' in a field"},
		{c + "|12/2029|123 ok", "[REDACTED] ok", "a field of 7 bytes"},
		{c + "|12/20290|123 ok", "[REDACTED]|12/20290|123 ok", "a field of 8 bytes"},
		{c + "|12|2029x", "[REDACTED]|2029x", "a field glued to a letter"},
	})
}

// TestBoundsCardKey: a number under a key that names a count or a time is
// no card; the key is read back over quotes, and a key longer than 40
// bytes is not read.
func TestBoundsCardKey(t *testing.T) {
	const c = "4111111111111111"
	long := strings.Repeat("a", 35) + "_bytes" // 41 bytes
	checkBounds(t, redact.DetectCardNumber, []boundCase{
		{`{"bytes":"` + c + `"}`, `{"bytes":"` + c + `"}`, "quoted value of a quoted key"},
		{`{"bytes": ` + c + `}`, `{"bytes": ` + c + `}`, "number after a space"},
		{":" + c, ":[REDACTED]", "a colon at the start: no key"},
		{long + "=" + c, long + "=[REDACTED]", "a key of 41 bytes"},
		{long[1:] + "=" + c, long[1:] + "=" + c, "a key of 40 bytes"},
		{strings.Repeat("a", 35) + "-bytes=" + c, strings.Repeat("a", 35) + "-bytes=[REDACTED]", "a key of 41 bytes with '-'"},
		{strings.Repeat("a", 35) + ".bytes=" + c, strings.Repeat("a", 35) + ".bytes=[REDACTED]", "a key of 41 bytes with '.'"},
		// The last word of a camelCase key: a capital after a lower-case
		// letter (a to z) begins it; a capital at the key's start does not.
		{"Bytes=" + c, "Bytes=" + c, "a capital at the start of the text"},
		{"mediaBytes=" + c, "mediaBytes=" + c, "camelCase after an 'a'"},
		{"jazzCount=" + c, "jazzCount=" + c, "camelCase after a 'z'"},
		{"media9Bytes=" + c, "media9Bytes=[REDACTED]", "a capital after a digit: one word"},
	})
}

// TestBoundsITIN: a number whose area starts with 9 is a taxpayer number
// (ITIN) when its group is 50-65, 70-88, 90-92 or 94-99; the other groups
// make no SSN.
func TestBoundsITIN(t *testing.T) {
	var cases []boundCase
	for _, g := range []string{"50", "51", "65", "70", "71", "88", "90", "92", "94", "99"} {
		in := "tin 900-" + g + "-1234"
		cases = append(cases, boundCase{in, "tin [REDACTED]", "ITIN group " + g})
	}
	for _, g := range []string{"49", "66", "69", "89", "93"} {
		in := "tin 900-" + g + "-1234"
		cases = append(cases, boundCase{in, in, "no ITIN group " + g})
	}
	checkBounds(t, redact.DetectSSN, cases)
}

// TestBoundsSSNAfterEscape: an SSN right after an escape that ends in a
// digit (\u0020, a space) and written with dashes is found.
func TestBoundsSSNAfterEscape(t *testing.T) {
	checkBounds(t, redact.DetectSSN, []boundCase{
		{`ssn:\u0020123-45-6789`, `ssn:\u0020[REDACTED]`, "dashes after an escaped space"},
		{"ssn: 123-45-6789", "ssn: [REDACTED]", "dashes after a space"},
		{"ssn: 123 45 6789", "ssn: [REDACTED]", "spaces after a space"},
	})
}

// TestBoundsEmailURL: an address's local part right after "://" is a
// URL's userinfo when a path or a port follows the host; without either,
// it is an address. An address in angle brackets with no display name
// before it keeps the brackets.
func TestBoundsEmailURL(t *testing.T) {
	checkBounds(t, redact.DetectEmail, []boundCase{
		{"://git@github.com/org/repo", "://git@github.com/org/repo", "\"://\" at the start of the text"},
		{"ssh://git@github.com/org/repo", "ssh://git@github.com/org/repo", "userinfo before a path"},
		{"ssh://git@github.com:22/org/repo", "ssh://git@github.com:22/org/repo", "userinfo before a port"},
		{"ssh://git@github.com", "ssh://[REDACTED]", "nothing after the host: an address"},
		{"ssh://git@github.com x", "ssh://[REDACTED] x", "a space after the host: an address"},
		{"<jane.roe@example.org>", "<[REDACTED]>", "'<' at the start of the text"},
		{"  <jane.roe@example.org>", "  <[REDACTED]>", "only spaces before the '<'"},
		{"To: Jane Roe <jane.roe@example.org>", "To: [REDACTED] <[REDACTED]>", "a display name"},
	})
}

// TestBoundsCardAtTheCut: a run of exactly 128 digits (the most the
// detector holds at once) that ends before a space and a letter is whole:
// its last window may end at the last digit. 4111111111119 (13 digits)
// and 4111111111119007 (16) are both Luhn-valid; the longer window wins,
// and a pass that wrongly took the run for cut would mask the shorter
// one and leave "007".
func TestBoundsCardAtTheCut(t *testing.T) {
	filler := strings.Repeat("7 ", 112)
	checkBounds(t, redact.DetectCardNumber, []boundCase{
		{filler + "4111111111119 007 x", filler + "[REDACTED] x", "128 digits, then a space and a letter"},
		{filler + "4111111111119 007", filler + "[REDACTED]", "128 digits that end the text"},
	})
}

// TestBoundsEmailCounted: an address in angle brackets with no display
// name before it is one match of the e-mail detector, counted once.
func TestBoundsEmailCounted(t *testing.T) {
	for in, want := range map[string]string{
		"from <jane.roe@example.org>": "from <[REDACTED]>",
		"<jane.roe@example.org>":      "<[REDACTED]>",
	} {
		r := only(redact.DetectEmail)
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
		counts, panics := r.Counters()
		require.Equal(t, map[string]uint64{"email": 1}, counts, in)
		require.Zero(t, panics, in)
	}
}

// TestBoundsDisplayName: the display name before an address in angle
// brackets: the inside of a quoted name (not empty, the quotes may open
// the text), or two or three words that start with a capital or a byte
// outside ASCII, hyphens and apostrophes inside them; each match counted
// once.
func TestBoundsDisplayName(t *testing.T) {
	checkBounds(t, redact.DetectEmail, []boundCase{
		{`"Jane Roe" <jane.roe@example.org>`, `"[REDACTED]" <[REDACTED]>`, "a quoted name that opens the text"},
		{`To: "J" <jane.roe@example.org>`, `To: "[REDACTED]" <[REDACTED]>`, "a quoted name of one byte"},
		{`To: "" <jane.roe@example.org>`, `To: "" <[REDACTED]>`, "empty quotes"},
		{"To: Anna Mary Jane Roe <jane.roe@example.org>", "To: Anna [REDACTED] <[REDACTED]>", "three words at most"},
		{"J Ann Roe <ann.roe@example.org>", "[REDACTED] <[REDACTED]>", "a one-letter word that opens the text"},
		{"To: Jane roe <jane.roe@example.org>", "To: Jane roe <[REDACTED]>", "the last word in lower case"},
		{"To: Mary-Jane Roe <mj.roe@example.org>", "To: [REDACTED] <[REDACTED]>", "a hyphen inside a word"},
		{"To: Sean O'Brien <sean@example.org>", "To: [REDACTED] <[REDACTED]>", "an apostrophe inside a word"},
		{"To: Пётр Иванов <petr@example.org>", "To: [REDACTED] <[REDACTED]>", "words outside ASCII (р ends in byte 0x80)"},
		// Invalid UTF-8: a word whose first byte is 0x80 counts as one
		// that starts outside ASCII.
		{"To: \x80ric Roe <eric@example.org>", "To: [REDACTED] <[REDACTED]>", "a word that starts with byte 0x80"},
	})
	for _, in := range []string{`To: "" <jane.roe@example.org>`, `To: "J" <jane.roe@example.org>`, "To: Jane roe <jane.roe@example.org>"} {
		r := only(redact.DetectEmail)
		r.String(in)
		counts, _ := r.Counters()
		want := uint64(1)
		if strings.Contains(in, `"J"`) {
			want = 2 // the name and the address
		}
		require.Equal(t, want, counts["email"], in)
	}
}

// TestBoundsOracleConnect: user/password@//host… and
// user/password@host:port/… are Oracle connect strings: the user starts
// the text or follows a space, '=', a quote or a bracket, and holds
// letters, digits, '_', '.', '-' and '$'; the password runs back from the
// '@' to the '/', and a space or a quote ends it.
func TestBoundsOracleConnect(t *testing.T) {
	checkBounds(t, redact.DetectDSN, []boundCase{
		{"scott/tiger@//db.example.com:1521/orcl", "[REDACTED]@//db.example.com:1521/orcl", "at the start of the text, //host"},
		{"scott/tiger@db.example.com:1521/orcl", "[REDACTED]@db.example.com:1521/orcl", "at the start of the text, host:port"},
		{"connect scott/tiger@//db:1521/orcl", "connect [REDACTED]@//db:1521/orcl", "after a space"},
		{"dsn=scott/tiger@//db:1521/orcl", "dsn=[REDACTED]@//db:1521/orcl", "after '='"},
		{"a/pw@//db:1521/x", "[REDACTED]@//db:1521/x", "a user of one byte at the start"},
		{"connect app_user/pw@//db:1521/x", "connect [REDACTED]@//db:1521/x", "'_' in the user"},
		{"connect app.user/pw@//db:1521/x", "connect [REDACTED]@//db:1521/x", "'.' in the user"},
		{"connect app-user/pw@//db:1521/x", "connect [REDACTED]@//db:1521/x", "'-' in the user"},
		{"connect app$user/pw@//db:1521/x", "connect [REDACTED]@//db:1521/x", "'$' in the user"},
		{"at /pw@//db:1521/x", "at /pw@//db:1521/x", "no user"},
		{"copy a/b c@db:1521/svc", "copy a/b c@db:1521/svc", "a space ends the password"},
		{`["roles/admin","deploy@db:1521/orcl"]`, `["roles/admin","deploy@db:1521/orcl"]`, "a double quote ends the password"},
		{`['roles/admin','deploy@db:1521/orcl']`, `['roles/admin','deploy@db:1521/orcl']`, "a single quote ends the password"},
		// A CSV row: a path, then a quoted connect string with no password.
		{`roles/admin,"deploy@db:1521/orcl"`, `roles/admin,"deploy@db:1521/orcl"`, "a double quote inside the password's run"},
		{`roles/admin,'deploy@db:1521/orcl'`, `roles/admin,'deploy@db:1521/orcl'`, "a single quote inside the password's run"},
		// A password in double quotes, as sqlplus takes one with other
		// bytes; it may hold '@', ':' and spaces.
		{`scott/"tiger"@db:1521/orcl`, `[REDACTED]@db:1521/orcl`, "a quoted password"},
		{`connect scott/"p@ss: w0rd"@//db:1521/orcl`, `connect [REDACTED]@//db:1521/orcl`, "a quoted password with '@', ':' and a space"},
		{"open a/\"notes\nsee deploy\"@db:1521/orcl", "open a/\"notes\nsee deploy\"@db:1521/orcl", "the opening quote on an earlier line"},
		{"open a/\"\nsee deploy\"@db:1521/orcl", "open a/\"\nsee deploy\"@db:1521/orcl", "the opening quote ends the line before"},
		{`"scott"@db:1521/orcl`, `"scott"@db:1521/orcl`, "quotes that open the text: no '/' before them"},
		// A path, then a quoted user@host (no password): the quote ends
		// the run back from the '@'.
		{`roles/"deploy@db:1521/orcl"`, `roles/"deploy@db:1521/orcl"`, "a double quote right after the '/'"},
		{`roles/'deploy@db:1521/orcl'`, `roles/'deploy@db:1521/orcl'`, "a single quote right after the '/'"},
		{"scott/tiger@//", "scott/tiger@//", "nothing after //"},
		{"scott/tiger@:1521/orcl", "scott/tiger@:1521/orcl", "no host before the port"},
		{"scott/tiger@db:", "scott/tiger@db:", "a colon that ends the text"},
	})
}

// TestBoundsDSNToken: the credentials of a DSN are one token: a space or
// a '/' before the user ends it. A user after "://" is a URL's userinfo
// (DetectURLUserinfo's); after a '/' of a path or of a scheme written with
// one slash, it is a DSN's.
func TestBoundsDSNToken(t *testing.T) {
	checkBounds(t, redact.DetectDSN, []boundCase{
		{"dsn: root:pw@tcp(db:3306)/app", "dsn: [REDACTED]@tcp(db:3306)/app", "a key and a space before the user"},
		{"x:y/u:p@tcp(h:1)/d", "x:y/[REDACTED]@tcp(h:1)/d", "a '/' ends the token"},
		{"x:/u:p@tcp(h:1)/d", "x:/[REDACTED]@tcp(h:1)/d", "a '/' after a colon ends the token"},
		{"path/root:Xk9pw@tcp(db:3306)/app", "path/[REDACTED]@tcp(db:3306)/app", "a user after a path"},
		{"mysql:/root:pw@tcp(db:3306)/app", "mysql:/[REDACTED]@tcp(db:3306)/app", "a scheme with one slash"},
		{"//root:pw@db:3306/app", "//[REDACTED]@db:3306/app", "a URL without a scheme"},
		{"mysql://root:pw@tcp(db:3306)/app", "mysql://root:pw@tcp(db:3306)/app", "a URL's userinfo"},
		{"a:b://root:pw@db:3306/app", "a:b://root:pw@db:3306/app", "a URL's userinfo after a colon"},
		{"://root:pw@db:3306/app", "://root:pw@db:3306/app", "\"://\" that opens the text"},
	})
	// What DetectDSN leaves after "://" is DetectURLUserinfo's.
	for _, in := range []string{"mysql://root:pw@tcp(db:3306)/app", "://root:pw@db:3306/app"} {
		got, _ := redact.Must(redact.Credentials).String(in)
		require.NotContains(t, got, "pw@", in)
	}
}

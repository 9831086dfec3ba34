package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// personalRedactor redacts with the credential rules and every preset of
// personal data, so that the name, address, date and number forms of the
// pair rules are on.
func personalRedactor() *redact.Redactor {
	return redact.Must(redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR, redact.CCPA, redact.ContactInfo)
}

// TestPairsBoundsKeyStart pins where a key starts and ends: a stray byte
// before it, a quote that opens it, the 48 bytes in which a named XML
// element's value is looked for.
func TestPairsBoundsKeyStart(t *testing.T) {
	// A continuation byte outside a UTF-8 sequence, before a key with a
	// letter outside ASCII: every such byte is read alike (0x80, the
	// lowest, as 0x81 and 0xbf).
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"passwört"}})
	want, _ := r.String("\x81passwört=hunter2")
	for _, c := range []string{"\x80", "\xbf"} {
		got, _ := r.String(c + "passwört=hunter2")
		require.Equal(t, strings.Replace(want, "\x81", c, 1), got, "%q", c)
	}
	requirePairs(t, r, []pairCase{{"passwört=hunter2", "passwört=[REDACTED]"}})

	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A key right after the text's first byte, a quote, and closed by
		// \": the JSON-inside-a-JSON-string form needs \" on both sides,
		// and there is no byte before the quote to be the backslash.
		{`"name\":\"bob\"`, `"name\":\"bob\"`},
		// <name>…</name><value>…</value>: the name's text ends at the first
		// '<', also when that '<' opens <value> at once.
		{"<name>token<value>hunter2</value>", "<name>token<value>[REDACTED]</value>"},
		// The <value> element is looked for within 48 bytes after the
		// name's text: it starts 37 bytes after (found) or 42 (not).
		{"<name>token</name>" + strings.Repeat(" ", 30) + "<value>hunter2</value>",
			"<name>token</name>" + strings.Repeat(" ", 30) + "<value>[REDACTED]</value>"},
		{"<name>token</name>" + strings.Repeat(" ", 35) + "<value>hunter2</value>",
			"<name>token</name>" + strings.Repeat(" ", 35) + "<value>hunter2</value>"},
		// Redis MONITOR: "auth" "user" "password": the second quoted word
		// starts one byte after the first one's closing quote.
		{`"auth" "bob" "S3cret"`, `"auth" "bob" "[REDACTED]"`},
	})
}

// TestPairsBoundsXMLText pins the text of an element named by a key: a '<'
// that ends the text, and "<!" (a comment) after text with a space.
func TestPairsBoundsXMLText(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// The '<' after the text is the last byte.
		{"<password>hunter2<", "<password>[REDACTED]<"},
		// Text with a space then a comment is the element's text; then a
		// tag that is neither a closing tag nor a comment: usage text.
		{"<password>hunter 2<!-- note -->", "<password>[REDACTED]<!-- note -->"},
		{"<password>hunter 2<b>", "<password>hunter 2<b>"},
	})
}

// TestPairsBoundsPersonalValues pins how far a value of personal data
// runs: an empty value (nothing to widen, nothing to index), and a quoted
// value, which ends at its closing quote whatever follows.
func TestPairsBoundsPersonalValues(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// Empty values at the end of the text.
		{"full_name=", "full_name="},
		{"patient_name=", "patient_name="},
		{"address=", "address="},
		{"dob=", "dob="},
		{"postcode=", "postcode="},
		// An empty value before a comma: the clause after it is not the
		// value (in lower case, so that the street-address detector, which
		// masks a capitalised street's name wherever it stands, leaves it).
		{"address=, 221b baker street", "address=, 221b baker street"},
		// An empty date of birth before a comma: the count after it is not
		// read as its date.
		{"dob=,2 visits", "dob=,2 visits"},
		// Quoted names and addresses end at their quote: the words after it
		// are not read as the rest of the name or the clause.
		{"patient_name='Roe' Jane", "patient_name='[REDACTED]' Jane"},
		{"address=`221B Baker` Street London", "address=`[REDACTED]` Street London"},
		{`{\"address\":\"221B Baker\",\"x\":1}`, `{\"address\":\"[REDACTED]\",\"x\":1}`},
		{"dob=`12` March 1984", "dob=`[REDACTED]` March 1984"},
		{`lat="51.5007",-0.1246`, `lat="[REDACTED]",-0.1246`},
		{"postcode=`SW1A` 1AA", "postcode=`[REDACTED]` 1AA"},
		// A date of birth that is no date: nothing masked, nothing reported.
		{"date of birth 7x", "date of birth 7x"},
		// born on: the date after "on", also after "on." or "on:"; "on"
		// that ends the text.
		{"born on. 12 March 1984", "born on. [REDACTED]"},
		{"born on: 12 March 1984", "born on: [REDACTED]"},
		{"born on", "born on"},
		// A number word that ends the text, and the '.' or ':' after it.
		{"passport no", "passport no"},
		{"passport no. 123456789", "passport no. [REDACTED]"},
		{"passport no: 123456789", "passport no: [REDACTED]"},
	})
}

// TestPairsBoundsMaskedAlready: a value that is the mask already is
// skipped whole, so that the mask's own text is not read as pairs.
func TestPairsBoundsMaskedAlready(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password", "secret"}, Mask: "[secret=gone]"})
	requirePairs(t, r, []pairCase{
		{"password=[secret=gone]", "password=[secret=gone]"},
		{"password=[secret=gone] secret=abc", "password=[secret=gone] secret=[secret=gone]"},
	})
}

// TestPairsBoundsQuotedValueEnds pins the widening rules that apply to a
// bare value only (cookies, the rest of a plain line): a quoted value
// ends at its quote, or, holding a template, right after the template.
func TestPairsBoundsQuotedValueEnds(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// Cookie: every cookie after a bare value; a quoted value is one.
		{`Cookie: "{{ x }}; b=2"`, `Cookie: "[REDACTED]; b=2"`},
		{"Cookie: a`b; c=1", "Cookie: [REDACTED]"},
		// A one-byte cookie value that ends the text.
		{"Cookie: x", "Cookie: [REDACTED]"},
		{"Cookie:", "Cookie:"},
		// The rest of a plain line is the value of an unquoted key at the
		// line's start; not after a quoted template.
		{"password: \"<%= x %> more words\nnext", "password: \"[REDACTED] more words\nnext"},
		{"password: \"#{x} more words\nnext", "password: \"[REDACTED] more words\nnext"},
		// A line break at the text's first byte makes it multi-line.
		{"\npassword: p@ss w0rd more", "\npassword: [REDACTED]"},
		// A quoted key at the line's start: its opening quote is before it.
		{"x\n\"password\": p@ss w0rd more", "x\n\"password\": [REDACTED]"},
	})
}

// TestPairsBoundsProse pins the prose forms at their edges: a linking word
// that ends the text, a dotted key, a variable, a digit before the value.
func TestPairsBoundsProse(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// 'token' was changed: the verbs after the linking word run to the
		// text's end.
		{"the 'token' was changed", "the 'token' was changed"},
		// A dotted key whose last part has 5 letters is a key, not a file
		// extension (those have fewer).
		{"app.token Zx9pw8Qq9x", "app.token [REDACTED]"},
		{"app.token is hunter22", "app.token is [REDACTED]"},
		// A key that starts with a dot.
		{".password hunter\n", ".password [REDACTED]\n"},
		{".token Zx9pw8Qq9\nx", ".token [REDACTED]\nx"},
		// $PASS is a variable, not the PASS command.
		{"echo $PASS > out", "echo $PASS > out"},
		{"echo $PASS hunter2", "echo $PASS hunter2"},
		// A digit, a space and a word: the word is the value; with two
		// spaces, or a space that ends the text, it is not.
		{"password 1 Zx9pw8Qq9", "password 1 [REDACTED]"},
		{"password 1  Zx9pw8Qq9", "password 1  Zx9pw8Qq9"},
		{"password 1 ", "password 1 "},
		// password for …: a quoted value of 3 bytes is masked; an unquoted
		// one needs 4.
		{"password for bob is 'abc'", "password for bob is '[REDACTED]'"},
		{"PASSWORD FOR 'bob'@'%' = 'abc'", "PASSWORD FOR 'bob'@'%' = '[REDACTED]'"},
		{"password for bob is Zx9q", "password for bob is [REDACTED]"},
		{"password for bob is Zx9", "password for bob is Zx9"},
		// A kebab-case name after secret names a resource; 'z' is a
		// lower-case letter too.
		{"secret my-zap-secret", "secret my-zap-secret"},
		{"secret my-app-secret", "secret my-app-secret"},
		// A switch of letters only is no credential; one with digits may be.
		{"token -Zx9pw8Qq9a", "token [REDACTED]"},
		{"secret -Ab3dEf9h", "secret [REDACTED]"},
		// A file name that starts with a dot is a value, not a key file
		// (those have a name before the dot).
		{"password=.env", "password=[REDACTED]"},
	})
}

// TestPairsBoundsLiteralPrefix: a string literal's prefix before its
// quote (T-SQL N'…', PostgreSQL E'…', Python b'…', f"…", rb'…' and the
// triple-quoted forms) is skipped, so that the literal's text is masked,
// not the prefix letter.
func TestPairsBoundsLiteralPrefix(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"password N'S3cret'", "password N'[REDACTED]'"},
		{`password E"S3cret"`, `password E"[REDACTED]"`},
		// The quote is the last byte: no literal.
		{"password N'", "password N'"},
		// A word that starts with a prefix letter is no prefix.
		{"password Nx9pw8Qq9z", "password [REDACTED]"},
		{"password = b'hunter2'", "password = b'[REDACTED]'"},
		{"password = f'hunter2'", "password = f'[REDACTED]'"},
		{`password = F"hunter2"`, `password = F"[REDACTED]"`},
		{"password = R'hunter2'", "password = R'[REDACTED]'"},
		{`password = U"hunter2"`, `password = U"[REDACTED]"`},
		{"password = rb'hunter2'", "password = rb'[REDACTED]'"},
		{`password = br"hunter2"`, `password = br"[REDACTED]"`},
		{"password = fr'hunter2'", "password = fr'[REDACTED]'"},
		{"password = b'''hunter2'''", "password = b'''[REDACTED]'''"},
		{`password = b"""hunter2"""`, `password = b"""[REDACTED]"""`},
		{"password b'''S3cret'''", "password b'''[REDACTED]'''"},
		{"token f'Zx9pw8Qq9'", "token f'[REDACTED]'"},
		// An empty literal: nothing inside it; the letter is the value.
		{"password = b''", "password = [REDACTED]''"},
		// A prefix letter that ends the text is a bare value.
		{"password = b", "password = [REDACTED]"},
	})
}

// TestPairsBoundsRedisACL pins ACL SETUSER: the command word at the text's
// start, in either case, on a line of its own; the >password and
// #<sha256> rules; spaces that end the text.
func TestPairsBoundsRedisACL(t *testing.T) {
	hash := "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"SETUSER bob on >S3cret", "SETUSER bob on >[REDACTED]"},
		{"setuser bob on >S3cret", "setuser bob on >[REDACTED]"},
		// Both cases: each is read, the earlier first.
		{"SETUSER bob on >S3cret\nsetuser amy on >Hunter2", "SETUSER bob on >[REDACTED]\nsetuser amy on >[REDACTED]"},
		{"setuser bob on >S3cret\nSETUSER amy on >Hunter2", "setuser bob on >[REDACTED]\nSETUSER amy on >[REDACTED]"},
		// The rules are on SETUSER's line only.
		{"SETUSER\n>logfile", "SETUSER\n>logfile"},
		{"SETUSER\nrun >logfile", "SETUSER\nrun >logfile"},
		// Spaces that end the text.
		{"SETUSER bob  ", "SETUSER bob  "},
		// '#' and exactly 64 hex digits (65 bytes with the '#'); a shorter
		// '#' word, or 64 bytes after another sign, is no hash.
		{"SETUSER bob on #" + hash, "SETUSER bob on #[REDACTED]"},
		{"SETUSER bob on #abc", "SETUSER bob on #abc"},
		{"SETUSER bob on ~" + hash, "SETUSER bob on ~" + hash},
		// A password of asterisks was masked by its writer.
		{"SETUSER bob on >***", "SETUSER bob on >***"},
	})
}

// TestPairsBoundsPositional pins the positional password of net user and
// the like: a command that ends the text, a quoted user, an empty quoted
// password.
func TestPairsBoundsPositional(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"net user bob", "net user bob"},
		{`net user "bob" S3cret`, `net user "bob" [REDACTED]`},
		{`net user bob ""`, `net user bob ""`},
	})
}

// TestPairsBoundsInsertValues pins INSERT … VALUES: the keyword at the
// text's start, in either case, after a line break or a tab; a column
// list at the text's start; rows cut short at every byte; more values
// than columns.
func TestPairsBoundsInsertValues(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// VALUES at the text's start opens no INSERT; the one after does.
		{"VALUES clause: INSERT INTO t (password) VALUES ('S3cret')", "VALUES clause: INSERT INTO t (password) VALUES ('[REDACTED]')"},
		{"values clause: insert into t (password) values ('S3cret')", "values clause: insert into t (password) values ('[REDACTED]')"},
		{"values: insert into t (password) values ('S3cret') -- VALUES", "values: insert into t (password) values ('[REDACTED]') -- VALUES"},
		// Lower case before upper case: both statements are read.
		{"insert into t (password) values ('S3cret'); INSERT INTO u (token) VALUES ('Tok3n')",
			"insert into t (password) values ('[REDACTED]'); INSERT INTO u (token) VALUES ('[REDACTED]')"},
		// A line break or a tab between the column list and VALUES.
		{"INSERT INTO t (password)\nVALUES ('S3cret')", "INSERT INTO t (password)\nVALUES ('[REDACTED]')"},
		{"INSERT INTO t (password)\tVALUES ('S3cret')", "INSERT INTO t (password)\tVALUES ('[REDACTED]')"},
		// The column list opens the text.
		{"(password) VALUES ('S3cret')", "(password) VALUES ('[REDACTED]')"},
		// No space between the column list and VALUES.
		{"INSERT INTO t (password)VALUES ('S3cret')", "INSERT INTO t (password)VALUES ('[REDACTED]')"},
		{"INSERT INTO t (`password`)VALUES ('S3cret')", "INSERT INTO t (`password`)VALUES ('[REDACTED]')"},
		// Rows cut short: after the closing quote, inside the quote, after
		// a bare value, after spaces.
		{"INSERT INTO t (password) VALUES ('S3cret'", "INSERT INTO t (password) VALUES ('[REDACTED]'"},
		{"INSERT INTO t (password) VALUES ('S3cret", "INSERT INTO t (password) VALUES ('[REDACTED]"},
		{"INSERT INTO t (password) VALUES (S3cret", "INSERT INTO t (password) VALUES ([REDACTED]"},
		{"INSERT INTO t (password) VALUES ( ", "INSERT INTO t (password) VALUES ( "},
		// A bare value's trailing spaces are not part of it.
		{"INSERT INTO t (password) VALUES (S3cret )", "INSERT INTO t (password) VALUES ([REDACTED] )"},
		// More values than columns: the extra one has no column.
		{"INSERT INTO t (password) VALUES ('a', 'b')", "INSERT INTO t (password) VALUES ('[REDACTED]', 'b')"},
	})
}

// TestPairsBoundsTables pins a table row's key cell: a key at the text's
// start (no '|' before it), a tab before the key, a row without its
// closing '|', a tab after the value.
func TestPairsBoundsTables(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"password | S3cret |", "password | S3cret |"},
		{"|\tpassword | S3cret |", "|\tpassword | [REDACTED] |"},
		{"| password | S3cret", "| password | [REDACTED]"},
		{"| password | S3cret\t|", "| password | [REDACTED]\t|"},
	})
}

// TestPairsBoundsCommands pins a Terraform change whose arrow ends the
// text and ConvertTo-SecureString at the text's start.
func TestPairsBoundsCommands(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{`password = "hunter2" ->`, `password = "[REDACTED]" ->`},
		{"ConvertTo-SecureString -String 'S3cret' -AsPlainText", "ConvertTo-SecureString -String '[REDACTED]' -AsPlainText"},
		{"|echo hunter2 | docker login -u bob --password-stdin", "|echo [REDACTED] | docker login -u bob --password-stdin"},
		// A call after a '(' that opens the text.
		{`(retry 2) client.login("bob", "S3cret")`, `(retry 2) client.login("bob", "[REDACTED]")`},
		{"ConvertTo-SecureString -String S3cret -AsPlainText", "ConvertTo-SecureString -String [REDACTED] -AsPlainText"},
	})
}

// TestPairsBoundsCommandArgs pins how the command forms read their
// arguments: a call cut short at every byte, the last string argument of
// a password setter, a flag at the text's start or after a tab or inside
// a word, a command after a tab or a quote, Oracle logins with a quoted
// argument, a control byte, an '@' just before the login, a login cut after
// its slash, the argument budget of rman, an empty JDBC driver.
func TestPairsBoundsCommandArgs(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// set_password(…): the last string argument, after a number.
		{`user.set_password("S3cret", 12)`, `user.set_password("[REDACTED]", 12)`},
		// login(user, password) with one argument, or cut short.
		{`client.login("bob")`, `client.login("bob")`},
		{"client.login(", "client.login("},
		{"client.login(user, pw", "client.login(user, pw"},
		{`client.login("bob"`, `client.login("bob"`},
		// -p of a registry login: at the text's start, after a tab; not
		// the end of another word ("reg-p").
		{"-p S3cret\nbuildah login -p Hunter2 registry", "-p [REDACTED]\nbuildah login -p [REDACTED] registry"},
		{"buildah login -p S3cret registry\n\t-p Hunter2 registry2", "buildah login -p [REDACTED] registry\n\t-p [REDACTED] registry2"},
		{"buildah login -p S3cret reg-p x", "buildah login -p [REDACTED] reg-p x"},
		{"buildah login -p ", "buildah login -p "},
		// net user after a tab, or inside a quoted command.
		{"x\tnet user bob S3cret", "x\tnet user bob [REDACTED]"},
		{`cmd="net user bob S3cret /add"`, `cmd="net user bob [REDACTED] /add"`},
		// Oracle: a quoted user/password argument; a control byte between
		// arguments is stepped over; an argument right after "@x ".
		{`expdp "sys/S3cret as sysdba"`, `expdp "sys/[REDACTED] as sysdba"`},
		{"sqlplus \v scott/tiger@db", "sqlplus \v scott/[REDACTED]@db"},
		{"sqlplus @x scott/tiger@db", "sqlplus @x scott/[REDACTED]@db"},
		// A login that ends with its slash has no password.
		{"sqlplus scott/", "sqlplus scott/"},
		// rman's catalog login is its 8th argument here (the 8th read): the
		// quoted password before it is one argument, not three; a quoted
		// login is one argument and its closing quote another.
		{`rman target sys/"S3cret"@db log /tmp/rman.log append catalog rcat/Pw9x@cat`,
			`rman target sys/"[REDACTED]"@db log /tmp/rman.log append catalog rcat/[REDACTED]@cat`},
		{`rman target "sys/S3cret@db" log x.log append catalog rcat/Pw9x@cat`,
			`rman target "sys/[REDACTED]@db" log x.log append catalog rcat/[REDACTED]@cat`},
		// A JDBC URL with an empty driver name, one of 8 bytes (the
		// longest read), one of 9; no '@' before the text's end; a space
		// before the '@'.
		{"jdbc:oracle::app/S3cret@db", "jdbc:oracle::app/[REDACTED]@db"},
		{"jdbc:oracle:abcdefgh:app/S3cret@db", "jdbc:oracle:abcdefgh:app/[REDACTED]@db"},
		{"jdbc:oracle:abcdefghi:app/S3cret@db", "jdbc:oracle:abcdefghi:app/S3cret@db"},
		{"jdbc:oracle:thin:app/S3cret", "jdbc:oracle:thin:app/S3cret"},
		{"jdbc:oracle:thin:app/x y@z", "jdbc:oracle:thin:app/x y@z"},
		// ConvertTo-SecureString: the call ends at ')' with no string (a
		// piped variable); a quoted string that starts with '-' is no
		// parameter; a variable ends the search; an empty string.
		{`$c = New-Object PSCredential("bob", ($pw | ConvertTo-SecureString -AsPlainText -Force))`,
			`$c = New-Object PSCredential("bob", ($pw | ConvertTo-SecureString -AsPlainText -Force))`},
		{"ConvertTo-SecureString '-S3cret' -AsPlainText -Force", "ConvertTo-SecureString '[REDACTED]' -AsPlainText -Force"},
		{"ConvertTo-SecureString $pw -AsPlainText -Force -ErrorAction Stop", "ConvertTo-SecureString $pw -AsPlainText -Force -ErrorAction Stop"},
		{"ConvertTo-SecureString '' -AsPlainText -Force", "ConvertTo-SecureString '' -AsPlainText -Force"},
		// A password piped to --password-stdin: the line ends at "&&"
		// (also right after the flag), not at a single '&' that ends the
		// text.
		{"echo S3cret | docker login -u ci --password-stdin&& ls", "echo [REDACTED] | docker login -u ci --password-stdin&& ls"},
		{"echo S3cret | docker login -u ci --password-stdin &", "echo [REDACTED] | docker login -u ci --password-stdin &"},
		{"echo x && echo S3cret | docker login -u ci --password-stdin", "echo x && echo [REDACTED] | docker login -u ci --password-stdin"},
	})
}

// TestPairsBoundsIMAP pins IMAP's LOGIN: the tag (one byte, 16 bytes, 17,
// with a dot) at the text's start, after a line break, a carriage return
// or a one-byte prompt; the arguments cut short, quoted, escaped.
func TestPairsBoundsIMAP(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"a001 LOGIN alice S3cret", "a001 LOGIN alice [REDACTED]"},
		{"1 LOGIN alice S3cret", "1 LOGIN alice [REDACTED]"},
		{"a.1 LOGIN alice S3cret", "a.1 LOGIN alice [REDACTED]"},
		{"a000000000000001 LOGIN alice S3cret", "a000000000000001 LOGIN alice [REDACTED]"},
		{"a0000000000000001 LOGIN alice S3cret", "a0000000000000001 LOGIN alice S3cret"},
		{"x\na001 LOGIN alice S3cret", "x\na001 LOGIN alice [REDACTED]"},
		{"x\ra001 LOGIN alice S3cret", "x\ra001 LOGIN alice [REDACTED]"},
		{"> a001 LOGIN alice S3cret", "> a001 LOGIN alice [REDACTED]"},
		{"C: a001 LOGIN alice S3cret", "C: a001 LOGIN alice [REDACTED]"},
		// A tag after a word of prose is no tag.
		{"note a001 LOGIN alice S3cret", "note a001 LOGIN alice S3cret"},
		// No password; more words after it (prose).
		{"a001 LOGIN alice", "a001 LOGIN alice"},
		{"a001 LOGIN alice S3cret and more", "a001 LOGIN alice S3cret and more"},
		// Quoted arguments, an escaped quote inside one.
		{`a001 LOGIN alice "S3\"cret"`, `a001 LOGIN alice "[REDACTED]"`},
		{`a001 LOGIN "alice" S3cret`, `a001 LOGIN "alice" [REDACTED]`},
	})
}

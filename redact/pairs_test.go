package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestPairsExactOutput: key=value pairs, prose and command lines in text,
// with terms only (no detectors), so that each output is what the pair
// rules alone make of the input: the value masked from its first byte to
// its last, the key, the operator, the quotes and what follows kept, and
// the near misses left alone.
func TestPairsExactOutput(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password", "token", "api key", "secret"}})
	for in, want := range map[string]string{
		// Operators.
		"password=hunter2 next":   "password=[REDACTED] next",
		"password=hunter2":        "password=[REDACTED]",
		"password = hunter2;":     "password = [REDACTED];",
		"password: hunter2,":      "password: [REDACTED],",
		"password => 'hunter2' x": "password => '[REDACTED]' x",
		"password := hunter2":     "password := [REDACTED]",
		"password == hunter2":     "password == [REDACTED]",
		"password ?= hunter2":     "password ?= [REDACTED]",
		"password?=hunter2":       "password?=[REDACTED]",
		"password ? hunter2":      "password ? hunter2",
		"password=a\tb":           "password=[REDACTED]\tb",
		"password=a|b":            "password=[REDACTED]", // a|b may be one password
		"password=a| b":           "password=[REDACTED]| b",
		"password=x)":             "password=[REDACTED])",
		// Quoted text: the key after an escape, the value up to the next.
		`"a\npassword=x\nhost=db"`: `"a\npassword=[REDACTED]\nhost=db"`,
		`token=a\\nb\tc`:           `token=[REDACTED]\tc`,
		`{\u0022password\u0022:\u0022x y\u0022,\u0022n\u0022:1}`: `{\u0022password\u0022:\u0022[REDACTED]\u0022,\u0022n\u0022:1}`,
		`&quot;token&quot;: &quot;a&amp;b&quot;, n`:              `&quot;token&quot;: &quot;[REDACTED]&quot;, n`,
		`{&#34;token&#34;:&#x22;ab&#x22;}`:                       `{&#34;token&#34;:&#x22;[REDACTED]&#x22;}`,
		"password://host":                                        "password://host",
		"password: http://x":                                     "password: [REDACTED]",
		// Quoted keys and values.
		`"password": "hun ter2", "n": 1`: `"password": "[REDACTED]", "n": 1`,
		`'password': 'hunter2'`:          `'password': '[REDACTED]'`,
		"`password`: `hunter2`":          "`password`: `[REDACTED]`",
		`"password', 'x'`:                `"password', 'x'`,
		`password: "a\"b" c`:             `password: "[REDACTED]" c`,
		`password: "abc`:                 `password: "[REDACTED]`,
		`password:""`:                    `password:""`,
		"[password]=hunter2":             "[password]=[REDACTED]",
		"password]=hunter2":              "password]=[REDACTED]",
		// XML, templates, encrypted blobs.
		"<password>hunter2</password>":     "<password>[REDACTED]</password>",
		"<password>hunter2":                "<password>[REDACTED]",
		"password>hunter2<":                "password>hunter2<",
		"end <token":                       "end <token",
		"password: {{ .Values.pw }} end":   "password: [REDACTED] end",
		"password: {{ .Values.pw":          "password: [REDACTED]",
		"password: ${PW} end":              "password: [REDACTED] end",
		"password: ${PW":                   "password: [REDACTED]",
		"password: ENC[AES,data:x[1]] end": "password: [REDACTED] end",
		"password: ENC[AES,data:x":         "password: [REDACTED]",
		"password: abc[1] x":               "password: [REDACTED] x",
		// Nothing to mask.
		"password=":                  "password=",
		"password= ":                 "password= ",
		"password=&x=1":              "password=&x=1",
		"password=true":              "password=true",
		"password=None":              "password=None",
		"password=***":               "password=***",
		"password=[REDACTED] x":      "password=[REDACTED] x",
		"password":                   "password",
		"password ":                  "password ",
		"password. Next":             "password. Next",
		"... password=hunter2":       "... password=[REDACTED]",
		`password" and token=abc123`: `password" and token=[REDACTED]`,
		// Every pair of a text.
		"token=123 token=456": "token=[REDACTED] token=[REDACTED]",
		"secret=a secret=b":   "secret=[REDACTED] secret=[REDACTED]",
		// key="…" value="…".
		`<add key="password" value="hunter2"/>`:  `<add key="password" value="[REDACTED]"/>`,
		`<add name="Password" value="hunter2"/>`: `<add name="Password" value="[REDACTED]"/>`,
		`KEY="password"   value="hunter2"`:       `KEY="password"   value="[REDACTED]"`,
		`<add key="color" value="red"/>`:         `<add key="color" value="red"/>`,
		`key="password" value=""`:                `key="password" value=""`,
		// A default after a quoted key.
		`getenv("token", "dflt")`: `getenv("token", "[REDACTED]")`,
		`getenv("token","dflt")`:  `getenv("token","[REDACTED]")`,
		`getenv("token", 'dflt')`: `getenv("token", '[REDACTED]')`,
		`getenv("token", dflt)`:   `getenv("token", dflt)`,
		`getenv("token",`:         `getenv("token",`,
		`getenv("token", `:        `getenv("token", `,
		`call(token, "abc")`:      `call(token, "abc")`, // only a quoted key takes a default
		// Prose.
		"password is hunter22 ok":    "password is [REDACTED] ok",
		"password is weak":           "password is weak",
		"password is abc":            "password is abc",
		"password is":                "password is",
		"password is ":               "password is ",
		"password was 'x y' ok":      "password was '[REDACTED]' ok",
		"password to hunter2x":       "password to [REDACTED]",
		"password now Zx9pw8Qq":      "password now [REDACTED]",
		"password Zx9pw8Qq":          "password [REDACTED]",
		"password\tZx9pw8Qq":         "password\t[REDACTED]",
		"token   Zx9pw8Qq":           "token   [REDACTED]",
		"password refreshed":         "password refreshed",
		"token 9f8e7d6c5b4a3f2e1d0c": "token [REDACTED]",
		"token 'abc'":                "token '[REDACTED]'",
		`token "abc def"`:            `token "abc def"`,
		"api key Zx9pw8Qq":           "api key [REDACTED]",
		"api  key Zx9pw8Qq":          "api  key Zx9pw8Qq",
		// Command lines.
		"--password hunter2 -v":          "--password [REDACTED] -v",
		"-password -v":                   "-password -v",
		"--password=hunter2":             "--password=[REDACTED]",
		"curl -u admin:s3cret https://x": "curl -u [REDACTED] https://x",
		"curl -u  admin:pw x":            "curl -u  [REDACTED] x",
		"curl -u admin https://x":        "curl -u admin https://x",
		"x-u admin:s3cret":               "x-u admin:s3cret",
		"--user admin:s3cret x":          "--user [REDACTED] x",
		"a --user admin:pw":              "a --user [REDACTED]",
		"--user=admin:s3cret x":          "--user=[REDACTED] x",
		"-user admin:pw":                 "-user admin:pw",
		"a-user admin:pw":                "a-user admin:pw",
		"-u [REDACTED]:x":                "-u [REDACTED]:x",
	} {
		got, masked := r.String(in)
		require.Equal(t, want, got, in)
		require.Equal(t, want != in, masked, in)
	}
}

// TestPersonalValueBounds: a personal value over several words ends
// where its words end.
func TestPersonalValueBounds(t *testing.T) {
	r := redact.Must(redact.HIPAA, redact.GDPR)
	for in, want := range map[string]string{
		"date of birth: March 14, 1985 at clinic": "date of birth: [REDACTED] at clinic",
		"born on 14 March 1985 in Lyon":           "born on [REDACTED] in Lyon",
		"NINO: QQ 12 34 56 C verified":            "NINO: [REDACTED] verified",
		"NINO: QQ 12 34 56 Cx":                    "NINO: [REDACTED] Cx",
		"aadhaar 2345 6789 0123 ok":               "aadhaar [REDACTED] ok",
		"aadhaar 2345 of 7":                       "aadhaar 2345 of 7",
		"Patient: Smith, John":                    "Patient: [REDACTED]",
		"Patient: Smith, John age=41":             "Patient: [REDACTED] age=41",
		"patient_name=Smith, Ward=3":              "patient_name=[REDACTED], Ward=3",
		"coordinates: 40.7128,-74.0060 ok":        "coordinates: [REDACTED] ok",
		"lat 51.5007, lon -0.1246.":               "lat [REDACTED], lon [REDACTED].",
		"passport no. 123456789 x":                "passport no. [REDACTED] x",
		"Dear Dr. Jane Roe, your":                 "Dear Dr. [REDACTED], your",
		"Dear Team, hi":                           "Dear Team, hi",
		"Dear Ms Roe":                             "Dear Ms [REDACTED]",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
	}
}

// TestCommandPasswordBounds: the passwords of commands that take one in a
// form of their own are masked and nothing around them.
func TestCommandPasswordBounds(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for in, want := range map[string]string{
		"sqlplus scott/tiger@orcl":                                       "sqlplus scott/[REDACTED]@orcl",
		"sqlplus scott/tiger":                                            "sqlplus scott/[REDACTED]",
		`sqlplus sys/"a b"@db as sysdba`:                                 `sqlplus sys/"[REDACTED]"@db as sysdba`,
		"rman target sys/pw1x@db catalog rcat/pw2x@cat":                  "rman target sys/[REDACTED]@db catalog rcat/[REDACTED]@cat",
		"sqlldr userid=scott/tiger control=x.ctl":                        "sqlldr userid=scott/[REDACTED] control=x.ctl",
		"sqlplus / as sysdba":                                            "sqlplus / as sysdba",
		"sqlplus app@//db:1521/XE":                                       "sqlplus app@//db:1521/XE",
		"mysqlplus a/b":                                                  "mysqlplus a/b",
		`net use \\s\x pw9x /user:bob`:                                   `net use \\s\x [REDACTED] /user:bob`,
		`net use \\s\x /user:bob pw9x /persistent:no`:                    `net use \\s\x /user:bob [REDACTED] /persistent:no`,
		"ConvertTo-SecureString 'pw 9' -AsPlainText":                     "ConvertTo-SecureString '[REDACTED]' -AsPlainText",
		"ConvertTo-SecureString 01000000d08c9ddf0115d1118c":              "ConvertTo-SecureString 01000000d08c9ddf0115d1118c",
		"buildah login -p pw9x -u":                                       "buildah login -p [REDACTED] -u",
		"url=jdbc:oracle:thin:app/pw9x@db:1521:XE ok":                    "url=jdbc:oracle:thin:app/[REDACTED]@db:1521:XE ok",
		"jdbc:oracle:thin:@//db:1521/XE":                                 "jdbc:oracle:thin:@//db:1521/XE",
		"INSERT INTO u (id, password) VALUES (1, 'it''s x'), (2, 'b,c')": "INSERT INTO u (id, password) VALUES (1, '[REDACTED]'), (2, '[REDACTED]')",
		"INSERT INTO u (password, id) VALUES (pw9x, 3)":                  "INSERT INTO u (password, id) VALUES ([REDACTED], 3)",
		"INSERT INTO u (id, token) SELECT id, token FROM v":              "INSERT INTO u (id, token) SELECT id, token FROM v",
		`login("bob", "pw 9x") and login(u, p)`:                          `login("bob", "[REDACTED]") and login(u, p)`,
		`PlainAuth("", "bob", "pw9x", "h")`:                              `PlainAuth("", "bob", "[REDACTED]", "h")`,
		`set_password(f("a", "b"), "pw9x")`:                              `set_password(f("a", "b"), "[REDACTED]")`,
		`['--password', 'pw 9x', '-v']`:                                  `['--password', '[REDACTED]', '-v']`,
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
	}
}

// TestProseWordAfterKey: in prose, the word right after a key word is
// masked only when it looks like a credential: 8 characters or more with
// digits, inner capitals or symbols, or 20 characters of anything but a
// path; numbers, plain words, paths of lower-case names, names of
// lower-case words joined by dashes (after a key word that names no
// password) and key=value pairs are kept.
func TestProseWordAfterKey(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"token"}})
	for word, masked := range map[string]bool{
		"abcd1efg": true, "abcdEfgh": true, "abcd-efg": false, "abcd-ef9": true, "abcd_efg": true, "abc1efg": false,
		"abcdefgh": false, "Abcdefgh": false, "12345678": false, "1234567890123456789012": true,
		"abcdefghijklmnopqrst": true, "abcdefghijklmnopqrs": false, "abcdefghij/klmnopqrst": false,
		"abcdefghij/klmnopqrs7": true, "abcdefghij/klmnOpqrst": true, "abcdefghij/klmnop+qrst": true,
		"abc-defgh/ijk_lmn.op": false, "name=abcd1efg": false, "YWJjZGVmZ2g=": true,
		"abcdefghij/klmnop,qrst": false, "abcd€efgh": false,
	} {
		in := "token " + word + " here"
		want := in
		if masked {
			want = "token [REDACTED] here"
		}
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
	}
}

// TestMaskedTextIsLeftAlone: a value already masked is skipped whole,
// even when the mask itself reads like a pair, so that redacting redacted
// text changes nothing.
func TestMaskedTextIsLeftAlone(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password", "token"}, Mask: "<token=hidden>"})
	once, masked := r.String("password=hunter2 x")
	require.True(t, masked)
	require.Equal(t, "password=<token=hidden> x", once)
	twice, masked := r.String(once)
	require.False(t, masked)
	require.Equal(t, once, twice)
}

// TestBracketedValues: a value in angle brackets or parentheses is masked
// inside them; a placeholder that says there is no value (not set, none)
// and a value its writer masked with asterisks stay; a mask that opens
// with a bracket is skipped whole, and the pair after it is still read.
func TestBracketedValues(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for in, want := range map[string]string{
		"secret=<Zx9pW2q> ok":         "secret=<[REDACTED]> ok",
		"password: (hunter2) ok":      "password: ([REDACTED]) ok",
		"password: (not set)":         "password: (not set)",
		"token: <none>, user: bob":    "token: <none>, user: bob",
		"password: ********":          "password: ********",
		"pin=•••• password=••••":      "pin=•••• password=••••",
		"password: (x\ny)":            "password: [REDACTED]\ny)", // no closing bracket on the line: a plain value
		"api_key: <%= ENV['K'] %>":    "api_key: [REDACTED]",
		"password: (unclosed secret7": "password: [REDACTED] secret7",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
	}
	m := redact.Must(redact.Rule{Name: "t", Terms: []string{"password", "token"}, Mask: "<hidden>"})
	got, _ := m.String("password=<hidden> token=t0k-9912")
	require.Equal(t, "password=<hidden> token=<hidden>", got)
}

// TestObjectValues: a JSON object under a secret key is masked inside its
// braces, whatever its members are called, and masking it again changes
// nothing, with the default mask and with masks that open with a bracket
// or hold only stars; a template ({{ … }}) stays masked whole.
func TestObjectValues(t *testing.T) {
	for _, mask := range []string{redact.DefaultMask, "<hidden>", "***"} {
		r := redact.Must(redact.Rule{Name: "t", Terms: []string{"auth", "password"}, Mask: mask})
		for in, want := range map[string]string{
			`{"auth": {"u": "ops", "p": "Qx7-secret"}, "n": 1}`: `{"auth": {` + mask + `}, "n": 1}`,
			`auth={"nested": {"p": "Qx7"}} next=1`:              `auth={` + mask + `} next=1`,
			"auth: {\n  \"p\": \"Qx7\"\n}\nafter":               "auth: {" + mask + "}\nafter",
			`password: {{ .Values.Pw }}`:                        `password: ` + mask,
			`auth: {"p": "unclosed`:                             `auth: {` + mask,
		} {
			once, _ := r.String(in)
			require.Equal(t, want, once, "%s: %s", mask, in)
			twice, _ := r.String(once)
			require.Equal(t, once, twice, "%s: again", mask)
		}
	}
}

// TestCookieHeaders: a Cookie header's every cookie is masked, to the end
// of its line; a Set-Cookie's attributes after its one cookie stay.
func TestCookieHeaders(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for in, want := range map[string]string{
		"Cookie: theme=dark; a1=v2; lang=en\nAccept: */*": "Cookie: [REDACTED]\nAccept: */*",
		`{"cookie": "a=1; b=2", "n": 1}`:                  `{"cookie": "[REDACTED]", "n": 1}`,
		"Set-Cookie: a=b-1; Path=/; HttpOnly":             "Set-Cookie: [REDACTED]; Path=/; HttpOnly",
		"Cookie: only=one":                                "Cookie: [REDACTED]",
		"Cookie: a=1; flag; b=2":                          "Cookie: [REDACTED]",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
	}
}

// TestYAMLBlockEndsAtItsIndent: the lines under a YAML key with no value
// are its value up to the first line indented no deeper than the key.
func TestYAMLBlockEndsAtItsIndent(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for in, want := range map[string]string{
		"db:\n  password:\n    Yb1-x\n  port: 5432": "db:\n  password:\n    [REDACTED]\n  port: 5432",
		"db:\n  password:\n  port: 5432":            "db:\n  password:\n  port: 5432",
		"secrets:\n  - Ys1-a\n  - Ys2-b\nnext: 1":   "secrets:\n  [REDACTED]\nnext: 1",
		"- token:\n    Yt1-c\n- name: x":            "- token:\n    [REDACTED]\n- name: x",
		"password:   \r\n   Yc1-d\r\nuser: bob":     "password:   \r\n   [REDACTED]\r\nuser: bob",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, "%q", in)
	}
}

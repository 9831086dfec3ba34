package redact

import (
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// maskCase is one key and value given to Redactor.Scalar, and whether the
// value is masked.
type maskCase struct {
	key, value string
	mask       bool
}

// requireMasks checks every case through Scalar, the way a handler asks.
func requireMasks(t *testing.T, r *Redactor, cases []maskCase) {
	t.Helper()
	for _, c := range cases {
		_, got := r.Scalar(nil, c.key, slog.StringValue(c.value))
		require.Equal(t, c.mask, got, "%q=%q", c.key, c.value)
	}
}

// TestKeyBoundsFoldingAfterLengthChange: a key whose length strings.ToLower
// changes (invalid UTF-8, a capital İ) is folded byte by byte; the fold
// takes every capital from 'A' to 'Z', the last one too (ZIP, ZIPCODE).
func TestKeyBoundsFoldingAfterLengthChange(t *testing.T) {
	requireMasks(t, Must(GDPR), []maskCase{
		{"ZIP_\x80", "10115", true},   // 'Z' is folded: the word is zip
		{"ZIPCODE_İ", "10115", true},  // İ lowers to three bytes
		{"AZIP_\x80", "10115", false}, // no word of the key is a term
	})
}

// TestKeyBoundsMetadataTwoWordsAfter: a term followed by one word and then
// a metadata word as the key's last word describes the value
// (pin_code_length), wherever the term is in the key; a metadata word
// further on does not.
func TestKeyBoundsMetadataTwoWordsAfter(t *testing.T) {
	requireMasks(t, Must(Credentials, PCIDSS), []maskCase{
		{"pin_code_length", "4", false},
		{"user_pin_code_length", "1234", false},          // the term is the second word: len(words)-1-j == 2
		{"user_password_hash_length", "60", false},       // the same for a term of Credentials
		{"user_password_hash_salt_length", "60x", true},  // two words between: the key names a password
		{"user_pin_code", "1234", true},                  // no metadata word at all
		{"x_user_pin_code_length", "1234", false},        // the term third
		{"user_pin_length_code", "1234", false},          // metadata right after the term
		{"user_pin_code_hash_length", "1234", true},      // the metadata word three words after
		{"user_password_hash_x_length", "hunter2", true}, // as above, for a password
	})
}

// TestKeyBoundsLatencyTerms: under lat, lon and lng (and only those) a
// duration is kept: p99 lat=12ms. Under any other term a value that looks
// like a duration is masked like any other.
func TestKeyBoundsLatencyTerms(t *testing.T) {
	requireMasks(t, Must(Credentials, GDPR), []maskCase{
		{"lat", "12ms", false},
		{"lon", "12ms", false},
		{"lng", "12ms", false},
		{"lat", "52.52", true},
		{"lat", "52", true}, // digits to the end: no unit
		{"lat", "12.", true},
		{"lon", "13.40", true},
		{"lng", "13.40", true},
		{"password", "12ms", true}, // not a term of a coordinate
		{"email", "1500ms", true},
		{"ip", "300us", true},
	})
}

// TestKeyBoundsLongerTermAfterCard: "card" or "pin" alone keeps a value
// without digits (card: summary_large_image), but not when the key's
// words after it continue into a longer term (card_verification): the
// longer term is sought from the words before "card" too, and as far as
// judgeKey joins words (at most max(maxTerm, 3) of them, 128 bytes).
func TestKeyBoundsLongerTermAfterCard(t *testing.T) {
	requireMasks(t, Must(PCIDSS), []maskCase{
		{"card", "summary_large_image", false},
		{"payment_card", "summary", false},
		{"card_verification", "abc", true},
		{"payment_card_verification", "abc", true}, // the longer term starts at the second word
		{"x_y_card_verification", "abc", true},     // and at the third
		{"x_y_card_security_code", "abc", true},    // a longer term of three words
	})

	// A term of exactly 128 bytes, the most judgeKey joins: after "card"
	// the key continues into it when its second word has 124 bytes, and
	// does not when it has 125 (the join would be 129 bytes; a longer
	// word is not a prefix of the term).
	long := "card " + strings.Repeat("x", 124)
	requireMasks(t, Must(Rule{Name: "t", Terms: []string{"card", long}}), []maskCase{
		{"card", "abc", false},
		{"card_" + strings.Repeat("x", 124), "abc", true},
		{"card_" + strings.Repeat("x", 125), "abc", false},
		{"card_" + strings.Repeat("x", 123), "abc", false},
	})

	// judgeKey joins up to 128 bytes too: the term alone, without "card",
	// is found in a key of exactly 128 bytes of words, and not in one of
	// 129 whose first 128 bytes spell it.
	requireMasks(t, Must(Rule{Name: "t", Terms: []string{long}}), []maskCase{
		{"card_" + strings.Repeat("x", 124), "abc", true},
		{"card_" + strings.Repeat("x", 125), "abc", false},
		{"card_" + strings.Repeat("x", 123), "abc", false},
	})

	// longerTerm's contract: a longer term that starts before word j and
	// ends after it counts too (sim card number around "card").
	r := Must(Rule{Name: "t", Terms: []string{"card", "sim card number"}})
	longer := func(key string, j int) bool {
		return r.longerTerm([]byte(strings.ToLower(key)), wordBounds(key, nil), j)
	}
	require.True(t, longer("x_sim_card_number", 2))   // starts one word before j = 2
	require.True(t, longer("x_y_sim_card_number", 3)) // and with j = 3
	require.True(t, longer("sim_card_number", 1))
	require.False(t, longer("x_sim_card", 2)) // nothing after j
	require.False(t, longer("sim_x_card_number", 2))

	// No further than judgeKey joins: PCIDSS's longest term has three
	// words, so "card number" written in four (card_nu_mb_er) is not
	// joined, by judgeKey or by longerTerm.
	p := Must(PCIDSS)
	require.Equal(t, 3, p.maxTerm)
	require.False(t, p.longerTerm([]byte("card_nu_mb_er"), wordBounds("card_nu_mb_er", nil), 0))
	require.True(t, p.longerTerm([]byte("card_nu_mber"), wordBounds("card_nu_mber", nil), 0))
}

// TestKeyBoundsAcronymSplit: an acronym of two capitals or more before a
// lower-case word (DBpassword) is split from it, whatever its letters,
// from A to Z, and whatever the word's first letter, from a to z.
func TestKeyBoundsAcronymSplit(t *testing.T) {
	requireMasks(t, Must(Credentials, GDPR), []maskCase{
		{"DBauth", "x", true},       // the word starts with 'a'
		{"USzip", "10115", true},    // the word starts with 'z'
		{"CAtoken", "x", true},      // the acronym ends with 'A'
		{"AZtoken", "x", true},      // the acronym ends with 'Z'
		{"ADtoken", "x", true},      // its second-last capital is 'A'
		{"ZKpassword", "x", true},   // its second-last capital is 'Z'
		{"Dtoken", "x", false},      // one capital is no acronym
		{"DB_Note", "x", false},     // no term after the acronym
		{"dbAUTHx", "x", true},      // the acronym itself is the term: dbAUTH_x
		{"JWTsecret", "x", true},    // three capitals
		{"ABCDpassword", "x", true}, // four
	})
	for key, want := range map[string]string{
		"DBauth": "DB_auth", "USzip": "US_zip", "CAtoken": "CA_token", "AZtoken": "AZ_token",
		"ADtoken": "AD_token", "ZKpassword": "ZK_password", "DBaZKpwd": "DB_aZK_pwd",
	} {
		got, ok := acronymSplit(key)
		require.True(t, ok, key)
		require.Equal(t, want, got)
	}
	for _, key := range []string{"Dtoken", "DB_", "DB1a", "D@a", "[Aa", "@Aa", "A[a", "A@a", "AB{", "AB`"} {
		_, ok := acronymSplit(key)
		require.False(t, ok, key)
	}
}

// TestKeyBoundsSecretNames: under secret_id (AWS's SecretId) a secret's
// name, a path of names or an ARN is kept; text with any other byte is
// masked as the credential Vault's secret_id is.
func TestKeyBoundsSecretNames(t *testing.T) {
	requireMasks(t, Must(Credentials), []maskCase{
		{"secret_id", "db-credentials", false},
		{"secret_id", "prod/db/password", false},
		{"secret_id", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", false},
		{"secret_id", "db credentials", true}, // a space: no name
		{"secret_id", "a!b", true},
		{"secret_id", "db-credentials-2", true}, // a name has no digits
		{"secret_id", "prod/db-2", false},       // a path may
	})
}

// TestKeyBoundsNoValue: under a secret's key a value that holds none is
// kept: a bind parameter up to 40 bytes (a longer text is judged a value
// without looking), a loopback address with or without its port.
func TestKeyBoundsNoValue(t *testing.T) {
	param := ":" + strings.Repeat("new_password", 4)[:39]
	require.Len(t, param, 40)
	requireMasks(t, Must(Credentials), []maskCase{
		{"password", param, false},
		{"password", param + "x", true}, // 41 bytes
		{"password", "127.0.0.1", false},
		{"password", "127.0.0.1:8080", false}, // the port is cut off
		{"password", "[::1]:8080", false},     // the brackets too
		{"password", "[::1]", false},
		{"password", "[::]:443", false},
		{"password", "0.0.0.0:8080", false},
		{"password", "10.0.0.1:8080", true}, // not loopback
		{"password", "[10::1]:8080", true},
		{"password", "::1:8080", true}, // two colons: an address, not one with a port
		{"password", "127.0.0.1:80:80", true},
		{"password", "[::1", true},
		{"password", "abc:8080", true},
	})
}

// TestKeyBoundsBindParams: a bind parameter's name has digits only after
// one or two letters, and one or two of them (@p1, :db12); more is a
// password that starts with '@' or ':'.
func TestKeyBoundsBindParams(t *testing.T) {
	requireMasks(t, Must(Credentials), []maskCase{
		{"password", "@p1", false},
		{"password", "@ab1", false},  // two letters
		{"password", "@abc1", true},  // three
		{"password", "@p12", false},  // two digits
		{"password", "@p123", true},  // three
		{"password", ":db12", false}, // both at their most
		{"password", "$12", false},
		{"password", "@Password", false},
		{"password", "@Zone", false}, // a capitalized name may start with Z
	})
}

// TestKeyBoundsWorkDir: under PWD a path of names as people write them is
// kept: lower-case names, or capitalized words whose capitals may follow
// or precede any lower-case letter, a to z.
func TestKeyBoundsWorkDir(t *testing.T) {
	requireMasks(t, Must(Credentials), []maskCase{
		{"PWD", "/Users/Zoe", false},      // a capital Z first
		{"PWD", "/opt/JavaScript", false}, // a capital after 'a'
		{"PWD", "/opt/FizzBuzz", false},   // a capital after 'z'
		{"PWD", "/opt/Azure", false},      // 'z' after a capital
		{"PWD", "/opt/fizz", false},       // 'z' in a lower-case name
		{"PWD", "/opt/a", false},
		{"PWD", "/opt/AZure", true}, // two capitals in a row: no word
		{"PWD", "/opt/JavaScripT", true},
		{"PWD", "/opt/Java9", true},
		{"PWD", "/opt/[x]", true},
		{"PWD", "/opt/a`b", true},
		{"PWD", "/opt/a{b", true},
		{"PWD", "/opt/@b", true},
	})
}

// TestKeyBoundsNetworkAddresses: under an address key a program's address
// is kept (a memory address, a URL, an absolute path, a host and port, a
// host name or an IP address) and anything else is masked as a person's.
func TestKeyBoundsNetworkAddresses(t *testing.T) {
	requireMasks(t, Must(GDPR), []maskCase{
		// Memory addresses: 0x, then up to 16 hex digits.
		{"address", "0xc0000a6f20", false},
		{"address", "0XC0000A6F20", false},
		{"address", "0x", true},                  // no digits
		{"address", "0xc000123456789abc", false}, // 18 bytes
		{"address", "0xc000123456789abcd", true}, // 19 bytes
		{"address", "0123", true},                // no x
		{"address", "0y12", true},
		// URLs: a scheme of letters, digits, '+', '.' and '-' first.
		{"address", "https://example.com/a", false},
		{"address", "git+ssh://git.example.com/repo.git", false},
		{"address", "com.example.app://callback", false},
		{"address", "ms-settings://privacy", false},
		{"address", "a_b://x", true},
		{"address", "a!b://x", true},
		{"address", "://x", true}, // no scheme
		// Absolute paths: a redirect's target with its query.
		{"address", "/login?next=%2Fhome", false},
		{"address", "/login", false},
		// A host and a port of one to five digits.
		{"address", ":8080", false},
		{"address", "*:8080", false},
		{"address", "localhost:8080", false},
		{"address", "localhost", false},
		{"address", "db.internal:65535", false},
		{"address", "db.internal:123456", true}, // six digits: no port
		{"address", "db.internal:5432", false},
		{"address", "my-db.internal:5432", false},
		{"address", "db:5432", true},      // no dot: a word, no host name
		{"address", "example.com:", true}, // a colon without a port
		{"address", "example.com:x1", true},
		{"address", "[::]:443", false},
		{"address", "[2001:db8::1]:443", false},
		{"address", "[2001:db8::1]", false},
		{"address", "x2001:db8::1]:443", true},
		{"address", "[2001:db8::1x:443", true},
		// Host names: dots between names, a letter somewhere.
		{"address", "example.com", false},
		{"address", "example.com.", true},
		{"address", ".example.com", true},
		{"address", "example..com", true},
		{"address", "10.0.0.1", false},
		{"address", "1.2.3", true},
		{"address", "Main Street 1", true},
		{"address", "Hauptstr._1", true},
	})
}

// TestKeyBoundsCoordinatesInURLs: a URL under a location key is kept
// unless it holds coordinates: a decimal number, a comma and a number,
// signed or not.
func TestKeyBoundsCoordinatesInURLs(t *testing.T) {
	requireMasks(t, Must(GDPR), []maskCase{
		{"location", "https://maps.example.com/?q=52.5200,13.4050", true},
		{"location", "https://maps.example.com/?ll=40.71,-74.00", true},
		{"location", "https://maps.example.com/?q=52.52,+13.40", true},
		{"location", "https://maps.example.com/?q=1.5,2.5", true},
		{"location", "https://maps.example.com/?q=52.5,13", true}, // a longitude of two digits
		{"location", "https://maps.example.com/?q=52.5,1", true},  // of one
		{"location", "https://maps.example.com/?q=52.5,-7", true},
		{"location", "https://example.com/?q=52.5,", false}, // nothing after the comma
		{"location", "https://example.com/?q=52.5,-", false},
		{"location", "https://example.com/?q=52.5,+", false},
		{"location", "https://cdn.example.com/jquery-3.7.1/jquery.js", false}, // a version: no comma
		{"location", "https://example.com/?v=1.5,abc", false},                 // no number after the comma
		{"location", "https://example.com/?v=1.5,-x", false},
		{"location", "https://example.com/?q=v.,12", false},  // no digit between the point and the comma
		{"location", "https://example.com/?ids=1,2", false},  // no decimal
		{"location", "https://example.com/?q=.5,13.4", true}, // a point and a digit are a decimal number
	})
	// The same in text, after the key.
	r := Must(GDPR)
	got, _ := r.String(`{"location":"https://maps.example.com/?q=52.5,13"}`)
	require.NotContains(t, got, "52.5")
	got, _ = r.String(`{"location":"https://example.com/?q=52.5,"}`)
	require.Contains(t, got, "https://example.com/?q=52.5,")
	// Coordinates at the start of the text: three bytes before the comma
	// are enough ("d.d,").
	require.True(t, holdsCoordinates("1.5,2.5"))
	require.False(t, holdsCoordinates("15,2.5"))
}

// TestKeyBoundsWordSplit: camelCase splits before a capital after a
// lower-case letter, a to z (kafkaAuth, bizAuth), and before the last
// capital of an acronym that a lower-case letter follows, a to z
// (JIRAAuth, XYZAuth, SMSPasscode, MSAzure); an acronym at the end stays
// whole.
func TestKeyBoundsWordSplit(t *testing.T) {
	for key, want := range map[string][]string{
		"kafkaAuth":   {"kafka", "auth"},
		"bizAuth":     {"biz", "auth"},
		"JIRAAuth":    {"jira", "auth"},
		"XYZAuth":     {"xyz", "auth"},
		"SMSPasscode": {"sms", "passcode"},
		"MSAzure":     {"ms", "azure"},
		"APIKey":      {"api", "key"},
		"userAPI":     {"user", "api"},
		"ABC":         {"abc"},
		"AB{":         {"ab"},
		"A@B":         {"a", "b"},
		"AB`c":        {"ab", "c"},
		"x[Ab":        {"x", "ab"},
	} {
		require.Equal(t, want, splitKey(key), key)
	}
	requireMasks(t, Must(Credentials), []maskCase{
		{"kafkaAuth", "x", true},
		{"bizAuth", "x", true},
		{"JIRAAuth", "x", true},
		{"XYZAuth", "x", true},
		{"SMSPasscode", "x", true},
	})
}

// TestKeyBoundsASCII: isASCII takes bytes below 0x80 only; a lone 0x80
// (invalid UTF-8) is no ASCII, like any byte above it.
func TestKeyBoundsASCII(t *testing.T) {
	require.True(t, isASCII(""))
	require.True(t, isASCII("password_\x7f"))
	require.False(t, isASCII("password_\x80"))
	require.False(t, isASCII("\x80password"))
	require.False(t, isASCII("password_\xff"))
}

// TestKeyBoundsFastCache: keys that are constants are answered from the
// address-indexed cache after their first judgment, each in a slot of its
// own (a colliding key is judged again, rarely), even when the map of
// verdicts is full and judges every other new key each time.
func TestKeyBoundsFastCache(t *testing.T) {
	t.Cleanup(PrefilterCheckOff()) // the check scans every string a second time
	r, calls := countingRedactor()
	for i := range maxCachedKeys {
		r.verdict("k" + strconv.Itoa(i))
	}
	require.Equal(t, maxCachedKeys, *calls)
	keys := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
		"india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa"}
	for _, k := range keys {
		r.fastVerdict(k)
	}
	require.Equal(t, maxCachedKeys+len(keys), *calls, "each key is judged the first time")
	for _, k := range keys {
		r.fastVerdict(k)
	}
	// 16 keys in 512 slots: a few may collide by chance (and are judged
	// again), not most of them.
	require.LessOrEqual(t, *calls-maxCachedKeys-len(keys), 4, "keys answered from the fast cache")
}

// TestKeyBoundsCoordinatesInText: in text, a URL after a location key is
// cut at a comma like other values; when it ends with a decimal number
// and a number follows the comma, the value goes on over that number, and
// the URL with its coordinates is masked whole. Anything else after the
// comma, or none, leaves the URL as it was (a program's address).
func TestKeyBoundsCoordinatesInText(t *testing.T) {
	r := Must(GDPR)
	for in, want := range map[string]string{
		"location=https://maps.example.com/?q=52.5200,13.4050 ok": "location=[REDACTED] ok",
		"location: https://maps.example.com/?ll=40.71,-74.00":     "location: [REDACTED]",
		"location=https://maps.example.com/?q=52.52,+13.40 ok":    "location=[REDACTED] ok",
		"location=https://maps.example.com/?q=52.5,13 ok":         "location=[REDACTED] ok", // a longitude of two digits
		"location=https://maps.example.com/@52.5,1 ok":            "location=[REDACTED] ok",
		"coordinates=52.52,13.40 ok":                              "coordinates=[REDACTED] ok",  // a number alone, as before
		"coordinates: 40.7128, -74.0060 ok":                       "coordinates: [REDACTED] ok", // and with a space
		"nino: QQ 12 34 56 C ok":                                  "nino: [REDACTED] ok",        // other values of personal keys go on as before
		"postcode: SW1A 1AA ok":                                   "postcode: [REDACTED] ok",
		"tax_id: 2345 6789 0123 ok":                               "tax_id: [REDACTED] ok",
		"location=https://example.com/?id=5,13 ok":                "location=https://example.com/?id=5,13 ok", // no decimal before the comma
		"location=https://example.com/?q=52.5,x ok":               "location=https://example.com/?q=52.5,x ok",
		"location=https://example.com/?q=52.5,- ok":               "location=https://example.com/?q=52.5,- ok",
		"location=https://example.com/?q=52.5,-":                  "location=https://example.com/?q=52.5,-",
		"location=https://example.com/?q=52.5,":                   "location=https://example.com/?q=52.5,",
		"location=https://example.com/?q=52.5 ok":                 "location=https://example.com/?q=52.5 ok",
		"location=https://example.com/?q=52.5;13.4 ok":            "location=https://example.com/?q=52.5;13.4 ok",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
	}
	// coordinatesTailEnd alone: the end of the number after the comma.
	for _, c := range []struct {
		s      string
		vs, ve int
		want   int
	}{
		{"q=52.5,13.4 x", 0, 6, 11},
		{"q=52.5,-7", 0, 6, 9},
		{"q=52.5,7", 0, 6, 8},    // the last byte
		{"q=52.5,13.4", 2, 6, 6}, // the number alone: not this function's
		{"q=52.5,", 0, 6, 6},     // no byte after the comma
		{"q=52.5,+", 0, 6, 6},    // a sign and nothing
		{"q=52.5,,1", 0, 6, 6},   // no number
		{"q=52.5x,1", 0, 7, 7},   // no number before the comma
		{"q=.5,1", 0, 4, 4},      // not decimal: no digit before the point
		{"q=52.5 ,1", 0, 6, 6},   // no comma right after
		{"xq=52.5,1", 1, 7, 9},   // vs inside the text
		{"q=1.5,2.5.6", 0, 5, 11},
		{"152.5,1", 1, 5, 5}, // bytes before vs are not the value's
		{"52.5,1", 0, 4, 4},
	} {
		require.Equal(t, c.want, coordinatesTailEnd(c.s, c.vs, c.ve), "%q[%d:%d]", c.s, c.vs, c.ve)
	}
}

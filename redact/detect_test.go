package redact_test

import (
	"log/slog"
	"regexp"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// only returns a Redactor that has detector d and nothing else (no terms,
// so no key=value pairs), so that what it masks is what d finds.
func only(d redact.Detector) *redact.Redactor {
	return redact.Must(redact.Rule{Detectors: []redact.Detector{d}})
}

// TestDetectorFuncRanges: the ranges a custom detector returns are masked
// and the rest of the string is kept; a range at the very start counts;
// empty, reversed and out-of-range ranges are ignored; a detector that
// panics masks the whole string.
func TestDetectorFuncRanges(t *testing.T) {
	for _, tc := range []struct {
		name    string
		find    func(string) [][2]int
		in      string
		want    string
		masked  bool
		matches bool
	}{
		{"range in the middle", func(string) [][2]int { return [][2]int{{4, 7}} }, "key abc end", "key [REDACTED] end", true, true},
		{"range at the start", func(string) [][2]int { return [][2]int{{0, 3}} }, "abc end", "[REDACTED] end", true, true},
		{"range to the end", func(s string) [][2]int { return [][2]int{{4, len(s)}} }, "key abc", "key [REDACTED]", true, true},
		{"two ranges", func(string) [][2]int { return [][2]int{{0, 1}, {4, 5}} }, "a - b - c", "[REDACTED] - [REDACTED] - c", true, true},
		{"empty range", func(string) [][2]int { return [][2]int{{3, 3}} }, "abcdef", "abcdef", false, false},
		{"reversed range", func(string) [][2]int { return [][2]int{{4, 2}} }, "abcdef", "abcdef", false, false},
		{"negative start", func(string) [][2]int { return [][2]int{{-1, 2}} }, "abcdef", "abcdef", false, false},
		{"past the end", func(s string) [][2]int { return [][2]int{{2, len(s) + 1}} }, "abcdef", "abcdef", false, false},
		{"nothing found", func(string) [][2]int { return nil }, "abcdef", "abcdef", false, false},
		{"panics", func(string) [][2]int { panic("bug in detector") }, "abc def", "[REDACTED]", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := redact.DetectorFunc("custom", tc.find)
			got, masked := only(d).String(tc.in)
			require.Equal(t, tc.want, got)
			require.Equal(t, tc.masked, masked)
			require.Equal(t, tc.matches, d.Matches(tc.in))
		})
	}
}

// TestDetectRegexpMasksEveryMatch: every match of the expression is masked,
// not only the first.
func TestDetectRegexpMasksEveryMatch(t *testing.T) {
	d := redact.DetectRegexp("ticket", regexp.MustCompile(`T-[0-9]{4}`))
	got, masked := only(d).String("T-1234 and T-5678 and T-9012")
	require.True(t, masked)
	require.Equal(t, "[REDACTED] and [REDACTED] and [REDACTED]", got)
}

// TestDetectBearerAlone: the authorization detector by itself (no terms,
// so no key=value pairs to mask the same text) finds a scheme word at the
// start of the string, before a tab, and an "authorization" pair without a
// space.
func TestDetectBearerAlone(t *testing.T) {
	r := only(redact.DetectBearer)
	for in, want := range map[string]string{
		"Bearer abcd1234":                "Bearer [REDACTED]",
		"Basic dXNlcjpwYXNz":             "Basic [REDACTED]",
		"Bearer tok-9f8e7d6c5b a":        "Bearer [REDACTED] a",
		"[Bearer abcd1234]":              "[Bearer [REDACTED]]",
		"Negotiate YIIabcd1234":          "Negotiate [REDACTED]",
		"Bearer\tabcd1234":               "Bearer\t[REDACTED]",
		"x Bearer\tabcd1234":             "x Bearer\t[REDACTED]",
		"authorization:abcd1234":         "authorization:[REDACTED]",
		"AUTHORIZATION=abcd1234":         "AUTHORIZATION=[REDACTED]",
		`{"authorization": "abcd1234"}`:  `{"authorization": "[REDACTED]"}`,
		`x=1 authorization "`:            `x=1 authorization "`,
		"authorization abcd1234":         "authorization abcd1234",
		"xBearer abcd1234":               "xBearer abcd1234",
		"the bearer of bad news arrived": "the bearer of bad news arrived",
		// At the end of the text: spaces after a scheme word or an
		// authorization key and nothing else, and a value shorter than
		// "digest ".
		"missing Bearer   ": "missing Bearer   ",
		"authorization:   ": "authorization:   ",
		"authorization: ab": "authorization: [REDACTED]",
		"authorization: Digest username=\"u\", response=\"9f\"\nnext": "authorization: [REDACTED]\nnext",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
		require.Equal(t, want != in, redact.DetectBearer.Matches(in), in)
	}
}

// TestDetectURLUserinfoAlone: the user:password part of every URL in a
// string is masked, also when the scheme was cut off; a URL with an empty
// userinfo or none is left as it is.
func TestDetectURLUserinfoAlone(t *testing.T) {
	r := only(redact.DetectURLUserinfo)
	for in, want := range map[string]string{
		"postgres://app:pw@db:5432/x":                 "postgres://[REDACTED]@db:5432/x",
		"://app:pw@db/x":                              "://[REDACTED]@db/x",
		"from http://a/x to postgres://u:p@h/db":      "from http://a/x to postgres://[REDACTED]@h/db",
		"http://a:b@h and ftp://c:d@i":                "http://[REDACTED]@h and ftp://[REDACTED]@i",
		"http://@host/x":                              "http://@host/x",
		"ask a@b.c, visit http://example":             "ask a@b.c, visit http://example",
		"see https://example.com/a?b=c@d for details": "see https://example.com/a?b=c@d for details",
	} {
		got, masked := r.String(in)
		require.Equal(t, want, got, in)
		require.Equal(t, want != in, masked, in)
		require.Equal(t, want != in, redact.DetectURLUserinfo.Matches(in), in)
	}
}

// TestBuiltinDetectorsAlone: each built-in detector by itself, with no
// terms and no other detector to mask the same text: what it masks, and
// the near misses it leaves, at the edges of the string and of the value.
func TestBuiltinDetectorsAlone(t *testing.T) {
	for _, tc := range []struct {
		d     redact.Detector
		cases map[string]string // input: want
	}{
		{redact.DetectJWT, map[string]string{
			"eyJhbGciOi.eyJzdWIiOjF9.c2lnbmF0dXJl":             "[REDACTED]",
			"t=eyJhbGciOi.eyJzdWIiOjF9.c2lnbmF0dXJl":           "t=[REDACTED]",
			"see eyJhbGciOi.eyJzdWIiOjF9.c2lnbmF0dXJl.":        "see [REDACTED].",
			"eyJa.eyJb.cdefghijkl":                             "[REDACTED]", // 20 bytes, the shortest
			"eyJa.eyJb.cdefghijk":                              "eyJa.eyJb.cdefghijk",
			"x eyJa.eyJb.cdefghijk":                            "x eyJa.eyJb.cdefghijk",
			"xeyJa.eyJb.cdefghijkl":                            "xeyJa.eyJb.cdefghijkl",
			"eyJabcdefghij.eyJbcdefghij":                       "eyJabcdefghij.eyJbcdefghij",
			"eyJ x eyJa.eyJb.cdefghijkl":                       "eyJ x [REDACTED]",
			"a eyJa.eyJb.cdefghijkl b eyJc.eyJd.efghijklmn":    "a [REDACTED] b [REDACTED]",
			"header eyJhbGciOi.eyJzdWIiOjF9.c2lnbmF0dXJl.more": "header [REDACTED].more",
			// JWEs: five parts, the encrypted key empty with "dir".
			"jwe eyJhbGciOiJkaXIifQ..aXZpdg.Y2lwaGVydGV4dA.dGFn x": "jwe [REDACTED] x",
			"eyJa.eyJb.cdefghijkl.mn.op":                           "[REDACTED]",
			"eyJa.eyJb.cdefghijkl.mn.op.qr":                        "[REDACTED].mn.op.qr",
			"eyJa.eyJb.cdefghijkl.mn. end":                         "[REDACTED].mn. end",
		}},
		{redact.DetectAWSAccessKey, map[string]string{
			"AKIAIOSFODNN7EXAMPLE":                      "[REDACTED]",
			"id AKIAIOSFODNN7EXAMPLE":                   "id [REDACTED]",
			"AKIAZ234567890ABCDEZ x":                    "[REDACTED] x",
			"ASIAIOSFODNN7EXAMPLE ACCAIOSFODNN7EXAMPLE": "[REDACTED] [REDACTED]",
			"A AKIAIOSFODNN7EXAMPLE":                    "A [REDACTED]",
			"AKIAIOSFODNN7EXAMPLEX":                     "AKIAIOSFODNN7EXAMPLEX",
			"xAKIAIOSFODNN7EXAMPLE":                     "xAKIAIOSFODNN7EXAMPLE",
			"AKIAIOSFODNN7EXAMPL":                       "AKIAIOSFODNN7EXAMPL",
			"ABCDIOSFODNN7EXAMPLE":                      "ABCDIOSFODNN7EXAMPLE",
			"AKIAiosfodnn7example":                      "AKIAiosfodnn7example",
			// The secret access key right after its id.
			"{AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY  Env false}": "{[REDACTED] [REDACTED]  Env false}",
			"AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY,x":            "[REDACTED],[REDACTED],x",
			`("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "")`:   `("[REDACTED]", "[REDACTED]", "")`,
			"AKIAIOSFODNN7EXAMPLE 9fceb02d0ae598e95dc970b74767f19372d61af8":              "[REDACTED] 9fceb02d0ae598e95dc970b74767f19372d61af8",
			"AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYS":             "[REDACTED] wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYS",
			"AKIAIOSFODNN7EXAMPLE uploaded the object to the bucket of the team":         "[REDACTED] uploaded the object to the bucket of the team",
		}},
		{redact.DetectPrivateKey, map[string]string{
			"-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----":                                                           "[REDACTED]",
			"k: -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- done":                                                           "k: [REDACTED] done",
			"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----":                                                                   "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
			"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE----- -----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE----- [REDACTED]",
			"cut: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg":                                                                               "cut: [REDACTED]",
			"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY":                                                                        "[REDACTED]",
			"-----BEGIN PRIVATE KEY without dashes":                                                                                          "-----BEGIN PRIVATE KEY without dashes",
			"a -----BEGIN PRIVATE KEY-----x-----END PRIVATE KEY----- b -----BEGIN PRIVATE KEY-----y-----END PRIVATE KEY----- c":              "a [REDACTED] b [REDACTED] c",
		}},
		{redact.DetectCardNumber, map[string]string{
			"4111111111111111":         "[REDACTED]",
			"card 4111 1111 1111 1111": "card [REDACTED]",
			"4111-1111-1111-1111 ok":   "[REDACTED] ok",
			"4111  1111 1111 1111":     "4111  1111 1111 1111",
			"x4111111111111111":        "x4111111111111111",
			".4111111111111111":        ".4111111111111111",
			"+4111111111111111":        "+4111111111111111",
			"4111111111111111A":        "4111111111111111A",
			// A longer run of groups before it changes nothing.
			"7777 7777 7777 7777 7777 x 4111111111111111A": "7777 7777 7777 7777 7777 x 4111111111111111A",
			"4111111111111111.5":                           "4111111111111111.5",
			"4111111111111111.":                            "[REDACTED].",
			"4111 1111 1111 1111 5500":                     "[REDACTED] 5500",
			"7 4111 1111 1111 1111":                        "7 [REDACTED]",
			"4222222222222":                                "[REDACTED]", // 13 digits
			"400000000002":                                 "400000000002",
			"4000000000000000006":                          "[REDACTED]", // 19 digits
			"40000000000000000002":                         "40000000000000000002",
			"4111111111111112":                             "4111111111111112", // not Luhn-valid
			// Issuer prefixes.
			"100000000000009":  "[REDACTED]", // UATP: 15 digits only
			"1000000000000008": "1000000000000008",
			// 2: Mir 2200-2204 and Mastercard 2221-2720, 16 digits or more;
			// never 20… (a compact timestamp).
			"2000000000000006": "2000000000000006",
			"2200000000000004": "[REDACTED]",
			"2204000000000000": "[REDACTED]",
			"2205000000000009": "2205000000000009",
			"2220000000000000": "2220000000000000",
			"2221000000000009": "[REDACTED]",
			"2720000000000005": "[REDACTED]",
			"2721000000000004": "2721000000000004",
			"22000000000004":   "22000000000004",
			"20261202110833":   "20261202110833",
			"2026120211083318": "2026120211083318",
			"3000000000000004": "[REDACTED]",
			// 3: Amex 34 and 37 of 15 digits, Diners 300-305, 3095, 36, 38,
			// 39, JCB 3528-3589 of 16 or more: a 15-digit IMEI from 35 is
			// no card.
			"353456789012348":  "353456789012348",
			"3528000000000007": "[REDACTED]",
			"3589000000000003": "[REDACTED]",
			"3590000000000000": "3590000000000000",
			"340000000000009":  "[REDACTED]",
			"3400000000000000": "3400000000000000",
			"30950000000000":   "[REDACTED]",
			"36000000000008":   "[REDACTED]",
			"31000000000003":   "31000000000003",
			"35280000000007":   "35280000000007",
			"5000000000000009": "[REDACTED]",
			"6000000000000007": "[REDACTED]",
			"7000000000000005": "7000000000000005",
			"8100000000000002": "[REDACTED]",
			"8200000000000001": "[REDACTED]",
			"8300000000000000": "8300000000000000",
			"8600000000000007": "[REDACTED]",
			"8610000000000005": "8610000000000005",
			"8601000000000006": "8601000000000006",
			"8700000000000006": "8700000000000006",
			"9792000000000003": "[REDACTED]",
			"9892000000000002": "9892000000000002",
			"9782000000000005": "9782000000000005",
			"9791000000000004": "9791000000000004",
		}},
		{redact.DetectSSN, map[string]string{
			"123-45-6789":             "[REDACTED]",
			"ssn 123 45 6789.":        "ssn [REDACTED].",
			"123-45-6789 1":           "[REDACTED] 1",
			"123 45 6789 ":            "[REDACTED] ",
			"123-45-6789 234-56-7890": "[REDACTED] [REDACTED]",
			"000-12-3456":             "000-12-3456",
			"666-12-3456":             "666-12-3456",
			"900-12-3456":             "900-12-3456",
			"123-00-4567":             "123-00-4567",
			"123-45-0000":             "123-45-0000",
			"1123-45-6789":            "1123-45-6789",
			"a123-45-6789":            "a123-45-6789",
			"-123-45-6789":            "-123-45-6789",
			"+123-45-6789":            "+123-45-6789",
			"123-45-67890":            "123-45-67890",
			"123-45-6789a":            "123-45-6789a",
			"123-45-6789-":            "123-45-6789-",
			"123 45 6789 1":           "123 45 6789 1",
			"123-45 6789":             "123-45 6789",
			"12a-45-6789":             "12a-45-6789",
			"123-4a-6789":             "123-4a-6789",
			"123-45-678a":             "123-45-678a",
		}},
		{redact.DetectEmail, map[string]string{
			"alice@example.com":                          "[REDACTED]",
			"to alice@example.com.":                      "to [REDACTED].",
			"a@bc.de":                                    "[REDACTED]",
			"a@b.c":                                      "a@b.c",
			"@example.com":                               "@example.com",
			"alice@examplecom":                           "alice@examplecom",
			"alice@example.c0m":                          "alice@example.c0m",
			"icon@2x.png":                                "icon@2x.png",
			"git@github.com:org/repo.git":                "git@github.com:org/repo.git",
			"bob@example.com:25":                         "[REDACTED]:25",
			"bob@example.com: hello":                     "[REDACTED]: hello",
			"mail bob@example.com:":                      "mail [REDACTED]:",
			"a@bc.d":                                     "a@bc.d",
			"a@b.com c@d.org":                            "[REDACTED] [REDACTED]",
			"x a!b@example.com":                          "x [REDACTED]",
			"to 'jane@example.com' sent":                 "to '[REDACTED]' sent",
			"{`ops@example.com`}":                        "{`[REDACTED]`}",
			"| ops@example.com |":                        "| [REDACTED] |",
			"x o'brien@example.com":                      "x [REDACTED]",
			"('a@bc.de', 1)":                             "('[REDACTED]', 1)",
			`From: "Jane Roe" <jr@example.com>`:          `From: "[REDACTED]" <[REDACTED]>`,
			"To: Ana María Pérez <ap@example.com>":       "To: [REDACTED] <[REDACTED]>",
			"to the Ops Team <ops@example.com>":          "to the [REDACTED] <[REDACTED]>",
			"From: GitHub <octocat@example.com>":         "From: GitHub <[REDACTED]>",
			"From: GitHub Actions <alerts@example.com>":  "From: GitHub Actions <[REDACTED]>",
			"From: GitHub Actions <noreply@example.com>": "From: GitHub Actions <noreply@example.com>", // no person's mailbox
			"x <jr@example.com>":                         "x <[REDACTED]>",
			"@team: bob@example.com":                     "@team: [REDACTED]",
			"v1.2 alice@examplecom":                      "v1.2 alice@examplecom",
			"write to a@b.":                              "write to a@b.",
			"x.y+tag@mail.example.org":                   "[REDACTED]",
		}},
		{redact.DetectDSN, map[string]string{
			"user:pass@tcp(db:3306)/app":             "[REDACTED]@tcp(db:3306)/app",
			"dsn=user:pass@unix(/tmp/my.sock)/db":    "dsn=[REDACTED]@unix(/tmp/my.sock)/db",
			"u_1.x-y:pass@udp(h:1)/d":                "[REDACTED]@udp(h:1)/d",
			"user:pass@/db":                          "[REDACTED]@/db",
			"user:pass@host:5432/db":                 "[REDACTED]@host:5432/db",
			"user:pass@db-1.local/db":                "[REDACTED]@db-1.local/db",
			"user:pass@host":                         "user:pass@host",
			"user:pass@host:abc":                     "user:pass@host:abc",
			"user:pass@host:":                        "user:pass@host:",
			"postgres://user:pass@host/db":           "postgres://user:pass@host/db",
			":pass@tcp(h)/d":                         ":pass@tcp(h)/d",
			"user:@tcp(h)/d":                         "user:@tcp(h)/d",
			"a/user:pass@tcp(h)/d":                   "a/[REDACTED]@tcp(h)/d",
			"user pass@tcp(h)/d":                     "user pass@tcp(h)/d",
			"a@b x user:pass@tcp(h)/d":               "a@b x [REDACTED]@tcp(h)/d",
			"user:pass@tcp(h)/d and u2:p2@tcp(h2)/d": "[REDACTED]@tcp(h)/d and [REDACTED]@tcp(h2)/d",
		}},
		{redact.DetectPhone, map[string]string{
			"+44 20 7946 0958":              "[REDACTED]",
			"0044 20 7946 0958":             "[REDACTED]",
			"(415) 555-2671":                "[REDACTED]",
			"(415)555-2671":                 "[REDACTED]",
			"415-555-2671":                  "[REDACTED]",
			"415.555.2671":                  "[REDACTED]",
			"020 7946 0958":                 "[REDACTED]",
			"06 12 34 56 78":                "[REDACTED]",
			"06 12 34 56 789":               "[REDACTED]",
			"1 415 555 2671":                "[REDACTED]",
			"1-415-555-2671":                "[REDACTED]",
			"+123456789":                    "[REDACTED]",
			"+123456789012345":              "[REDACTED]",
			"+44 (20) 7946 0958":            "[REDACTED]",
			"0044 2079460958123":            "[REDACTED]",
			"call +14155552671 now":         "call [REDACTED] now",
			"415-555-2671.":                 "[REDACTED].",
			"415 555 2671 and 212 555 0100": "[REDACTED] and [REDACTED]",
			"415-555-2671x":                 "415-555-2671x",
			"4155552671":                    "4155552671",
			"415-555.2671":                  "415-555.2671",
			"+0 20 7946 0958":               "+0 20 7946 0958",
			"+1234567":                      "+1234567",
			"+1234567890123456":             "+1234567890123456",
			"id:415-555-2671":               "id:415-555-2671",
			"x415-555-2671":                 "x415-555-2671",
			"415-555-2671.5":                "415-555-2671.5",
			"415-555-2671:9":                "415-555-2671:9",
			"000 12 34 56 78":               "000 12 34 56 78",
			"0044 20794609581234":           "0044 20794609581234",
			"06 12 34 56 7":                 "06 12 34 56 7",
			"06 12 34 56 78 90":             "06 12 34 56 78 90",
			"00044 20 7946 0958":            "00044 20 7946 0958",
			"( 415) 555-2671":               "( 415) 555-2671",
			"2 415 555 2671":                "2 415 555 2671",
			"1 415 555 267":                 "1 415 555 267",
			"1 2 3 4 5 6 7 8 9 0":           "1 2 3 4 5 6 7 8 9 0",
			"12.345.678.90":                 "12.345.678.90",
			"2024-01-15 10:30":              "2024-01-15 10:30",
			"v1.2.3456789":                  "v1.2.3456789",
		}},
		{redact.DetectIBAN, map[string]string{
			"DE89 3704 0044 0532 0130 00":                   "[REDACTED]",
			"GB82WEST12345698765432":                        "[REDACTED]",
			"GB82 WEST 1234 5698 7654 32":                   "[REDACTED]",
			"NO9386011117947":                               "[REDACTED]",
			"iban DE89370400440532013000.":                  "iban [REDACTED].",
			"DE89370400440532013000 GB82WEST12345698765432": "[REDACTED] [REDACTED]",
			"DE89 3704 0044 0532 0130 01":                   "DE89 3704 0044 0532 0130 01",
			"US89370400440532013000":                        "US89370400440532013000",
			"xDE89370400440532013000":                       "xDE89370400440532013000",
			"DE89370400440532013000X":                       "DE89370400440532013000X",
			"DE89 3704 0044 0532 0130 00x":                  "DE89 3704 0044 0532 0130 00x",
			"NO938601111794":                                "NO938601111794",
			"DE893 704 0044 0532 0130 00":                   "DE893 704 0044 0532 0130 00",
			"415-555-2671":                                  "415-555-2671",
		}},
	} {
		r := only(tc.d)
		for in, want := range tc.cases {
			got, masked := r.String(in)
			require.Equal(t, want, got, "%s: %q", tc.d.Name, in)
			require.Equal(t, want != in, masked, "%s: %q", tc.d.Name, in)
			require.Equal(t, want != in, tc.d.Matches(in), "%s: %q", tc.d.Name, in)
		}
	}
}

// TestCardNumberIntegers: an integer attr that is a card number is masked
// by Scalar; a negative, short or Luhn-invalid one is not.
func TestCardNumberIntegers(t *testing.T) {
	r := only(redact.DetectCardNumber)
	for _, tc := range []struct {
		v    slog.Value
		mask bool
	}{
		{slog.Int64Value(4111111111111111), true},
		{slog.Uint64Value(4111111111111111), true},
		{slog.Int64Value(4222222222222), true},
		{slog.Uint64Value(4000000000000000006), true},
		{slog.Int64Value(-4111111111111111), false},
		{slog.Int64Value(400000000002), false},
		{slog.Int64Value(4111111111111112), false},
		{slog.Int64Value(1000000000000008), false},
		{slog.Int64Value(100000000000009), true},
		// A float that holds a whole card number is written with all its
		// digits (JSONHandler, encoding/json): a JSON number decoded into any.
		{slog.Float64Value(4111111111111111), true},
		{slog.Float64Value(4111111111111111.5), false},
		{slog.Float64Value(4111111111111112), false},
		{slog.Float64Value(4.111111111111111e19), false},
		{slog.Float64Value(-4111111111111111), false},
		{slog.StringValue("note"), false},
	} {
		key, mask := r.Scalar(nil, "n", tc.v)
		require.Equal(t, "n", key)
		require.Equal(t, tc.mask, mask, "%v", tc.v)
	}
}

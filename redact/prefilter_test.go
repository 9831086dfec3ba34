package redact

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestMain runs every test of the package with the prefilter checked: each
// string redacted is also searched without it, and a difference fails the
// run, naming the string. The tables, classes and fuzz seeds of the package
// thus all check that the prefilter skips only searches that find nothing.
// Runs with -bench leave the check off, so that benchmarks measure the
// redactor alone.
func TestMain(m *testing.M) {
	flag.Parse()
	verifyPrefilter = flag.Lookup("test.bench").Value.String() == ""
	code := m.Run()
	close(prefilterMisses)
	for s := range prefilterMisses {
		fmt.Fprintf(os.Stderr, "redact: the prefilter skipped a search that finds something in %q\n", s)
		code = 1
	}
	for _, m := range prescanMismatches {
		fmt.Fprintf(os.Stderr, "redact: prescan differs from prescanReference on %s\n", m)
		code = 1
	}
	os.Exit(code)
}

// catalogSample returns a token of format f: its prefix and a body of
// f.min bytes of its class, digits and letters mixed where the class has
// both.
func catalogSample(f tokenFormat) string {
	if s, ok := scannerSample(f); ok {
		return s
	}
	if s, ok := moreSample(f); ok {
		return s
	}
	if s, ok := vendors3Sample(f); ok {
		return s
	}
	if s, ok := detectorRulesSample(f); ok {
		return s
	}
	switch f.family { // shapes the body class cannot build
	case "signed url":
		switch f.prefix {
		case "Policy=":
			return "?" + f.prefix + "eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9k"
		case "Key-Pair-Id=":
			return "?" + f.prefix + "K3PLWQ8ZRT2MVD"
		case "s=", "h=":
			return "?e=1767225600&" + f.prefix + "9b8a7c6d5e4f30211a2b3c4d5e6f7081"
		case "wowzatokenhash=":
			return f.prefix + "Zr4Kw8Ln2Qx6Vm0Tb3Hs"
		}
		return "?" + f.prefix + "Pq2Wn6Kx9Lr4Tz8Vb1Ys&e=1767225600"
	case "cloudinary":
		return "/" + f.prefix + "Rt5Vx9Lm--/v3"
	case "oracle":
		return "/" + f.prefix + "Wm3Qz7Xk1Np5Rv9Tb2Lc6Hs/n/acme"
	case "rails":
		return f.prefix + "7BjoKbWVzc2FnZUkiCjQyCg==--" + strings.Repeat("3c9e", 10)
	case "capability url":
		return "/" + f.prefix + "/Nv8Hk2Xq6Lz1Wr5Tb9Mc3Ps"
	case "launchdarkly":
		return f.prefix + "3f2a1c9e-7b4d-4e8a-9c6f-0d1e2f3a4b5c"
	case "hubspot":
		return f.prefix + "na1-3f2a1c9e-7b4d-4e8a-9c6f-0d1e2f3a4b5c"
	case "asana":
		if f.prefix == "2/" {
			return f.prefix + "1204000000000000/1204000000000001:9f8e7d6c5b4a39281706f5e4d3c2b1a0"
		}
		return f.prefix + "1203456789012:9f8e7d6c5b4a39281706f5e4d3c2b1a0"
	case "firebase":
		return f.prefix + "k7x2m9q:APA91b" + strings.Repeat("a1B2c3D4e5F6g7H8-_", 8)
	case "braintree":
		return f.prefix + "production$k7x2m9q4w1z8c5v3$9f8e7d6c5b4a39281706f5e4d3c2b1a0"
	case "adyen":
		return f.prefix + "thmfxR4k9Qw2Lm7Zp3Xc8Vb1Nn6Tt5Yy0Uu.Ii4Oo2Pp8Aa6Ss3Dd9Ff1Gg7Hh5Jj0Kk2Ll4Zz6Xx8Cc1Vv3Bb5"
	case "checkout":
		if f.prefix == "sk_" || f.prefix == "sk_test_" || f.prefix == "pk_test_" {
			return f.prefix + "3f2a1c9e-7b4d-4e8a-9c6f-0d1e2f3a4b5c"
		}
	case "stripe":
		if f.prefix == "pi_" || f.prefix == "seti_" {
			return f.prefix + "4QwErTy7UiOp2AsDf5_secret_Gh8JkL3ZxCv6BnM9qW"
		}
	case "salesforce":
		return f.prefix + "7x000003AbCdE!" + strings.Repeat("AQ4xK9.mZ2pL7_", 7)
	case "mandrill":
		return f.prefix + "Qz7Kp2Lm9Xw4Vb8Nc3Rt6Y"
	case "resend":
		return f.prefix + "Kp4Lm9Xq_Zw2Vb8Nc3Rt6YhJ5Gf7Ds1Aq0P"
	case "infisical":
		return f.prefix + "0a1b2c3d4e5f60718293a4b5.c6d7e8f90a1b2c3d4e5f60718293a4b5.f60718293a4b5c6d7e8f90a1b2c3d4e5"
	case "webhook":
		return f.prefix + "x8k2m9q4w1z7c5v3b6n0a1s2d3"
	case "bitwarden":
		return f.prefix + "5e1c2a9b-7d34-4f08-b6a1-c03e9d2f8b47.Rk2Pz8Qw4Lm6Xn1Vb7Tc3Yh9Js5Gd0:Qm3v+Zx8Lp1/Wk5Tr9Hs2A=="
	case "microsoft":
		if f.shape != nil {
			return f.prefix + strings.Repeat("xY3-_.Qz", 25)
		}
	case "langfuse":
		return f.prefix + "3f2a1c9e-7b4d-4e8a-9c6f-0d1e2f3a4b5c"
	case "wifi":
		return f.prefix + "T:WPA;S:Lab-5G;P:k7x2m9q4w1;;"
	case "cas":
		return f.prefix + "12-Vh3bKq9LmP2xR7tZw5Yc-cas01"
	case "pagerduty":
		return f.prefix + "Hs8Kd3Lq7Wz2Xv5Nb9"
	case "youtrack":
		return f.prefix + "cm9vdA==.NDctMQ==.h3Wk8LqZ2pXv9NrT5bYc6MdJ4sFg1A"
	case "clickup":
		return f.prefix + "81736452_Q233NZDZ8AVULEGGCHLKG2HFQHSL3YPK"
	case "tls keylog":
		return f.prefix + strings.Repeat("7e", 32) + " " + strings.Repeat("c4a9", 24)
	}
	var pool []byte
	for _, c := range []byte("a1B2c3D4e5F6g7H8") {
		if charClass[c]&f.body != 0 {
			pool = append(pool, c)
		}
	}
	if len(pool) == 0 {
		for c := range 256 {
			if charClass[c]&f.body != 0 {
				pool = append(pool, byte(c))
				break
			}
		}
	}
	body := make([]byte, f.min)
	for i := range body {
		body[i] = pool[i%len(pool)]
	}
	return f.prefix + string(body)
}

// Every format of the catalog, in text, passes the prefilter: a token the
// prefix search finds is never skipped. (New formats are checked as they
// are added; the test fails if too few samples are tokens at all, so that
// it cannot pass by testing nothing.)
func TestPrefilterAdmitsEveryCatalogToken(t *testing.T) {
	r := Must(Credentials)
	found := 0
	for _, f := range tokenFormats {
		for _, text := range []string{"%s", "token %s here", "x=%s;", "\"%s\"", "(%s)"} {
			s := fmt.Sprintf(text, catalogSample(f))
			if len(findTokens(s, nil)) == 0 {
				continue
			}
			found++
			if !r.prescan(s).tokens {
				t.Errorf("%s (%q): the prefilter skips %q", f.family, f.prefix, s)
			}
		}
	}
	if found < len(tokenFormats)*5*9/10 {
		t.Errorf("only %d of %d samples are tokens: the samples are wrong", found, len(tokenFormats)*5)
	}
}

// FuzzPrefilter: for any text, and for text with a catalog token or a
// secret assignment planted in it, the search with the prefilter finds
// exactly what the search without it finds.
func FuzzPrefilter(f *testing.F) {
	for _, s := range cleanSamples {
		f.Add(s, uint8(0))
	}
	for i, tf := range tokenFormats {
		f.Add("see "+catalogSample(tf)+" here", uint8(i))
	}
	f.Add("password=hunter2", uint8(1))
	f.Add("curl -u admin:s3cret https://x", uint8(2))
	f.Add("Authorization: Bearer abcdef123456", uint8(3))
	f.Add("body=user%3Dops%26password%3DKm8nJ6hG4f", uint8(4))
	f.Add("CREATE USER 'svc'@'%' IDENTIFIED BY 'Nh6&yT4rE2'", uint8(5))
	f.Add("Password for user deploy: Mv5tB8nQ2w; api key - 3c9d2e7f1a8b4c6d5e0f", uint8(6))
	f.Add("security code: 5821, CVC 4417, X-Forwarded-For: 198.51.100.61, 192.0.2.201", uint8(7))
	f.Add("ldapsearch -D cn=x -w Ld4pPw; smbclient -U bob%Sm8Pw; htpasswd -nb ops Ht9Pw; sqlcmd -U sa -P Sq1Pw", uint8(8))
	f.Add("DBPASS=Dp7Pw ADMINPWD=Ad3Pw keytool -srcstorepass Ks2Pw", uint8(9))
	f.Add("AUTH default Rd5Pw\n\"auth\" \"Rd6Pw\"\nAUTH PLAIN AGJvYgBz\n250-AUTH=LOGIN PLAIN\nPASS Ft4Pw", uint8(10))
	f.Add("sqlplus app/Or8Pw@db; rman target sys/Rm1Pw catalog r/Rm2Pw; net use \\\\n\\s Nu4Pw /user:b", uint8(11))
	f.Add("ConvertTo-SecureString 'Ps7Pw' -AsPlainText; schtasks /rp St6Pw; ssh-keygen -N Sk9Pw; buildah login -p Bl1Pw q", uint8(12))
	f.Add("INSERT INTO u (id, api_key) VALUES (1, 'Iv1Pw'), (2, 'Iv2Pw'); ['--password', 'Av1Pw']; smtp.login('u', 'Cl1Pw'); x.setPassword(\"Cl2Pw\")", uint8(1))
	f.Add("Setting output 'token' to 'Ot1Pw'\n| api_key | Tr2Pw |\n~ password = \"Pc4Pw\" -> \"Pc5Pw\"", uint8(0))
	f.Add("dbpass=Dp1Pw dbpw=Dp2Pw mqpwd=Dp3Pw bindpw Dp4Pw x_pass=1 pass=2", uint8(0))
	for _, s := range []string{"dbpwd = Dp5Pw8xQz", "mypass: Dp6Pw8xQz", "x keypwd Dp7Pw8xQz", "DBpassword: Ac1Pw8xQz", "SMTPpass=Ac2Pw8xQz",
		"MySQLpassword=Ac3Pw8xQz", "JWTsecret: Ac4Pw8xQz", "HTMLparser=x", "ASETUSER >Rs1Pw8xQz", "SETUSERexport >Rs2Pw8xQz",
		"ACL SETUSER bob on >Rs3Pw8xQz", "RoeSSNsk_live_123-45-6789data:://", "kind: Secret0171ipIBANexport Bearerhostset 123-45-6789"} {
		f.Add(s, uint8(1)) // short compound keys, acronym keys, SETUSER glued to other letters
	}
	f.Add("dbpass: Dp5Pw vncpw:Dp6Pw https://x read: eof", uint8(0))
	f.Add("Dear Ms Jane Roe, NINO: QQ 12 34 56 C, born on 14 March 1985, lat 51.5007, lon -0.1246", uint8(13))
	f.Add(`"ok\npassword=Es1Pw\ttoken: Es2Pw\u0022pwd\u0022 %0Apasswd=Es3Pw x%20ghp_a1B2c3D4e5F6g7H8a1B2c3D4e5F6g7H8a1B2"`, uint8(1))
	rules := [][]Rule{{Credentials}, {Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo}}
	f.Fuzz(func(t *testing.T, s string, which uint8) {
		r := Must(rules[int(which)%len(rules)]...)
		with, _, _ := r.findText(s, nil, ignoreName)
		var without []span
		for _, d := range r.detectors {
			if len(s) >= d.min && scan(s)&d.need == d.need {
				without = d.find(s, without)
			}
		}
		if len(s) >= r.minScan {
			without = r.findPairs(s, scan(s), without, ignoreName)
		} else {
			without = nil
		}
		if len(with) != len(without) {
			t.Fatalf("%q: with the prefilter %v, without %v", s, with, without)
		}
		for i := range with {
			if with[i] != without[i] {
				t.Fatalf("%q: with the prefilter %v, without %v", s, with, without)
			}
		}
		// find stops after prescan (nothingToFind) only where the search
		// without the prefilter finds nothing, and so does find itself.
		if p := r.prescan(s); len(s) >= r.minScan && r.nothingToFind(s, &p) {
			if len(without) > 0 || r.jwk && len(findJWK(s, nil)) > 0 || len(r.find(s, nil, ignoreName)) > 0 {
				t.Fatalf("%q: find stops after prescan, but the search without the prefilter finds %v", s, without)
			}
		}
	})
}

// A key in text may split a term's spelling anywhere: camelCase pieces of
// a one-word term ("magStripe" spells "magstripe"), or a separator before
// trailing digits ("track_1" spells "track1"). For every split whose last
// piece has at least three bytes or is digits only, a key that names a
// secret as an attr key names one in text too: the quick word tests
// (prefilter, pair search) must not skip it. (Pieces of one or two letters,
// "passwoRd", are not real spellings; the filter does not hold them.)
func TestSplitTermsInText(t *testing.T) {
	rules := []Rule{Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo}
	r := Must(rules...)
	found := 0
	for _, rule := range rules {
		for _, term := range rule.Terms {
			joined := strings.Join(splitKey(term), "")
			for k := 1; k < len(joined); k++ {
				if len(joined)-k < 3 && strings.Trim(joined[k:], "0123456789") != "" {
					continue
				}
				var keys []string
				if c := joined[k]; c >= 'a' && c <= 'z' {
					keys = append(keys, joined[:k]+string(c-'a'+'A')+joined[k+1:]) // magStripe
				}
				keys = append(keys, joined[:k]+"_"+joined[k:]) // track_1
				for _, key := range keys {
					if r.keyRule(key) == "" {
						continue // cache_expiry: not every split names a secret
					}
					if r.verdict(key).routing {
						continue // routing key masks only a PagerDuty key's shape, not this value
					}
					found++
					s := "sent " + key + "=Zq9xLmP2vW to host"
					// The value is masked and the key kept (an authorization
					// key masks the rest of the text, as a header would).
					if got, want := r.redactString(s), "sent "+key+"=[REDACTED]"; !strings.HasPrefix(got, want) || strings.Contains(got, "Zq9x") {
						t.Errorf("term %q: %q redacted to %q, want %q…", term, s, got, want)
					}
				}
			}
		}
	}
	if found < 100 {
		t.Errorf("only %d split keys name a secret: the cases are wrong", found)
	}
}

func (r *Redactor) redactString(s string) string {
	out, _ := r.String(s)
	return out
}

// The prefilter is also selective: on ordinary text it lets no search run
// that cannot find anything (a filter that passed everything would pass
// the tests above). Each gate is checked on its own: a catalog token, a
// term word, each marker pair, the auth hint.
func TestPrefilterSelective(t *testing.T) {
	r := Must(Credentials)
	ordinary := append(slices.Clone(cleanSamples),
		"/api/v2/items/9f1c?page=3&sort=desc",
		"Linux x86_64 kernel 6.8.0-45-generic",
		"2026-11-26T06:45:02.123456789Z",
		"connection to the session store refused",
		"connection refused by the api gateway",
		"cfg build_ghp_a1B2c3D4e5F6g7H8a1B2c3D4e5F6g7H8a1B2 set", // inside a word: no token starts there
		"finished in 3.2s (cache hit)",
	)
	for _, s := range ordinary {
		p := r.prescan(s)
		p.marks &^= markIDDigits // a count of digits, not a marker pair: TestNationalIDPrefilter
		if p.tokens || p.termWord || p.marks != 0 || p.flags&hasAuthHint != 0 {
			t.Errorf("%q: tokens %v, term word %v, marks %b, auth hint %v: an ordinary string must pass no gate",
				s, p.tokens, p.termWord, p.marks, p.flags&hasAuthHint != 0)
		}
	}
	for _, c := range []struct {
		s     string
		marks uint32
	}{
		{"x abcQ~defghijklmnopqrstuvwxyz0123456789", markAzure},
		{"x abc.atlasv1.defghijklmnopqrstuvwxyz", markDotA},
		{"x abcdef.accounts here", markDotA},
		{"x abcT3Blbkdefghijklmnopqrstuvwxyz0123456789abcdef", markT3},
		{"a very long sentence with a T3 marker inside it, long enough", markT3},
		{"x abc_mmkdefghijklmnopqrstuvwxyz0123456789", markMmk},
		{"https://x.office.com/webhook/abcdefghij", markOffice},
		{"123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", markTelegram},
		{"123456789012345|abcdefghijklmnopqrstuvwxyz", markBar},
		{"0123456789abcdef0123456789abcdef-us12", markUs},
		{"-----BEGIN RSA PRIVATE KEY-----", markPEM},
		{"Authorization: x", markZA},
		{"AUTHORIZATION=x", markZA},
		{`a\nb`, markEscape},
		{"a%2Fb", markEscape},
	} {
		if got := r.prescan(c.s).marks &^ markIDDigits; got != c.marks {
			t.Errorf("%q: marks %b, want %b", c.s, got, c.marks)
		}
	}
	for _, c := range []struct {
		s                          string
		tokens, termWord, authHint bool
	}{
		{"see ghp_a1B2c3D4e5F6g7H8a1B2c3D4e5F6g7H8a1B2 here", true, false, false},
		{"see sk_live_a1B2c3D4e5F6g7H8a1B2c3D4 here", true, false, false},
		{"cookie _gitlab_session=a1B2c3D4e5F6g7H8a1B2c3D4e5F6g7H8", true, true, false},
		{"see eyJhbGciOiJIUzI1NiJ9 here", true, false, false},
		{"the password was wrong", false, true, false},
		{"db_pass missing", false, true, false},
		{"connStr read", false, true, false}, // "conn str"
		{"ACCESSKEY rotated", false, true, false},
		{"Bearer abc", false, true, true},
		{"use Basic auth", false, true, true},
		{"Negotiate failed", false, false, true},
		{"header authorization: abc", true, true, true}, // "auth" starts "authress_"
		{"x\tauthorization", true, true, true},
		{"dbpass: Kq1x", false, true, false}, // a short compound key before ':'
		{"https://x.example/a?b=c read: eof", false, false, false},
		{`out: "done\npassword=x"`, false, true, false}, // a term word right after an escape
		{`{\u0022pwd\u0022:1}`, false, true, false},
		{"v=x%20ghp_a1B2c3D4e5F6g7H8a1B2c3D4e5F6g7H8a1B2", true, false, false}, // a token right after one
		{`x\nxoxb-123456789012-1234567890123-AbCdEf`, true, false, false},
	} {
		p := r.prescan(c.s)
		if p.tokens != c.tokens || p.termWord != c.termWord || (p.flags&hasAuthHint != 0) != c.authHint {
			t.Errorf("%q: tokens %v, term word %v, auth hint %v; want %v, %v, %v",
				c.s, p.tokens, p.termWord, p.flags&hasAuthHint != 0, c.tokens, c.termWord, c.authHint)
		}
	}
}

func TestCaseSpellings(t *testing.T) {
	got := caseSpellings("aZ_9")
	slices.Sort(got)
	if want := []string{"AZ_9", "Az_9", "aZ_9", "az_9"}; !slices.Equal(got, want) {
		t.Errorf("caseSpellings(%q) = %q, want %q", "aZ_9", got, want)
	}
	if got := caseSpellings("@`[{"); !slices.Equal(got, []string{"@`[{"}) { // next to the letters in ASCII
		t.Errorf("caseSpellings(%q) = %q", "@`[{", got)
	}
}

// Terms made of the first and last letters of the alphabet, in either
// case, pass the prefilter as any other (the letter classes end at 'a' and
// 'z' inclusive).
func TestPrefilterLetterBounds(t *testing.T) {
	r := Must(Rule{Name: "edge", Terms: []string{"aaa", "zzz"}})
	for _, c := range []struct{ in, want string }{
		{"aaa=Qx81vWm", "aaa=[REDACTED]"},
		{"AAA: Qx81vWm", "AAA: [REDACTED]"},
		{"zzz=Qx81vWm", "zzz=[REDACTED]"},
		{"ZZZ: Qx81vWm", "ZZZ: [REDACTED]"},
	} {
		if got := r.redactString(c.in); got != c.want {
			t.Errorf("%q redacted to %q, want %q", c.in, got, c.want)
		}
	}
}

// isCatalog tells DetectTokens, whose prefix search the prefilter gates,
// from every other detector.
func TestIsCatalog(t *testing.T) {
	if !isCatalog(DetectTokens) {
		t.Error("isCatalog(DetectTokens) = false")
	}
	for _, d := range []Detector{DetectJWT, DetectBearer, DetectURLUserinfo, DetectPrivateKey, DetectEmail, {Name: "nil"}} {
		if isCatalog(d) {
			t.Errorf("isCatalog(%s) = true", d.Name)
		}
	}
}

// camelCase pieces are found at the letters' bounds too: a capital 'A' or
// 'Z' after 'a' or 'z', and the last capital of an acronym before 'a' or
// 'z' ("AAaa": A, Aaa).
func TestCamelBoundaryBounds(t *testing.T) {
	r := Must(Rule{Name: "edge", Terms: []string{"aaa", "zzz"}})
	for _, key := range []string{"mAaa", "mZzz", "zAaa", "aZzz", "AAaa", "ZZzz", "AZzz", "ZAaa"} {
		in, want := "x "+key+"=Qx81vWm y", "x "+key+"=[REDACTED] y"
		if got := r.redactString(in); got != want {
			t.Errorf("%q redacted to %q, want %q", in, got, want)
		}
	}
}

// TestPrescanDigitCount: the digits of the words of a string are counted
// across words, in short and very long words; the thresholds are 9 and 13
// digits, and a long word of letters alone never reads as digits.
func TestPrescanDigitCount(t *testing.T) {
	const preSumWord = 1 << 20 // a long word
	r := Must(Credentials)
	for _, tc := range []struct {
		name    string
		s       string
		d9, d13 bool
	}{
		{"8 digits in words", "ab12cd34 ef12 gh56", false, false},
		{"9 digits in words", "ab12cd34 ef12 gh567", true, false},
		{"13 digits, one word", "x1234567890123y", true, true},
		{"12 digits, one word", "x123456789012y", true, false},
		{"long word of letters", strings.Repeat("z", preSumWord+10), false, false},
		{"very long word of T", strings.Repeat("T", 10*preSumWord), false, false}, // summed, it would read as digits
		{"long word, 8 digits", strings.Repeat("q", preSumWord) + "12345678", false, false},
		{"long word, 13 digits", "1234567" + strings.Repeat("q", preSumWord) + "123456", true, true},
		{"short word at the limit", strings.Repeat("q", preSumWord-14) + "1234567890123", true, true},
	} {
		f := r.prescan(tc.s).flags
		if got := f&hasDigits9 != 0; got != tc.d9 {
			t.Errorf("%s: hasDigits9 = %v, want %v", tc.name, got, tc.d9)
		}
		if got := f&hasDigits13 != 0; got != tc.d13 {
			t.Errorf("%s: hasDigits13 = %v, want %v", tc.name, got, tc.d13)
		}
	}
}

// TestPercentDecodingDepth: percent-encoded text is decoded a bounded
// number of times: a secret encoded three times is found, and a '%'
// encoded 20,000 times over (each decoding peels one level and copies the
// text) costs a few decodings, not one per level.
func TestPercentDecodingDepth(t *testing.T) {
	r := Must(Credentials)
	enc := "password=Km8nJ6hG4f"
	for range 3 {
		enc = strings.NewReplacer("%", "%25", "=", "%3D").Replace(enc)
	}
	if got, _ := r.String("q=" + enc); strings.Contains(got, "Km8nJ6hG4f") {
		t.Fatalf("encoded three times: %q", got)
	}
	deep := "x=%" + strings.Repeat("25", 20000) + "3Dv" // "%" encoded 20,000 times over
	allocs := testing.AllocsPerRun(1, func() { r.String(deep) })
	if allocs > 40 {
		t.Fatalf("%.0f allocations for %d nested encodings: decoding is not bounded", allocs, 20000)
	}
}

// TestTokenStartsUnfolded: prescan's table of the first two bytes of the
// catalog's prefixes, indexed by the bytes as written, lets through
// exactly the pairs that findPrefixTokens' own test (tokenSecond, on bytes
// folded with |0x20) lets through: every one of the 65,536 pairs.
func TestTokenStartsUnfolded(t *testing.T) {
	for b0 := range 256 {
		for b1 := range 256 {
			c0, c1 := byte(b0)|0x20, byte(b1)|0x20
			want := tokenSecond[c0][c1>>6]&(1<<(c1&63)) != 0
			n := b0<<8 | b1
			if got := tokenStarts[n>>6]&(1<<(n&63)) != 0; got != want {
				t.Errorf("tokenStarts[%q %q] = %v, tokenSecond says %v", byte(b0), byte(b1), got, want)
			}
		}
	}
}

// TestTermSigHoldsEveryTermWord: every word the term filter holds (the
// suffixes of at least three bytes of each term's joined spelling), in
// lower, upper and title case, with a number after it or not (when it
// does not end with a digit), passes
// prescan's word test wherever it stands: at the start or end of a string,
// in its middle, in strings shorter than eight bytes, so that wordSigAt
// reads it through each of its loads. Other words mostly do not pass.
func TestTermSigHoldsEveryTermWord(t *testing.T) {
	r := Must(Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo)
	n := 0
	for joined := range r.terms {
		if !isASCII(joined) {
			continue
		}
		for i := 0; i+3 <= len(joined); i++ {
			w := joined[i:]
			if !asciiWord([]byte(w)) || w == "api" && len(joined) > 3 {
				continue // clave api is searched for from clave (addTermEnds)
			}
			n++
			spellings := []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]}
			if !isDigit(w[len(w)-1]) { // cvv2 with a number after it reads as one number (trimNumber)
				spellings = append(spellings, w+"7", w+"12")
			}
			for _, spelled := range spellings {
				for _, s := range []string{spelled, "x " + spelled + " y", spelled + "=" + strings.Repeat("q", 9),
					strings.Repeat("-", 9) + spelled, "(" + spelled + ")"} {
					if !r.prescan(s).termWord {
						t.Errorf("prescan(%q): no term word: a word of the term filter does not pass", s)
					}
				}
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d term words tried", n)
	}
	// Words that hold no term: a filter that let most through would cost
	// every clean string a search for pairs.
	rnd := rand.New(rand.NewPCG(1, 2))
	passed, tried := 0, 0
	for range 20000 {
		b := make([]byte, 4+rnd.IntN(12))
		for i := range b {
			b[i] = 'a' + byte(rnd.IntN(26))
		}
		w := string(b)
		if r.verdict(w).rule != "" || r.endsInCompound(w) {
			continue
		}
		tried++
		if r.sigHas(wordSigAt(w, 0, len(w))) {
			passed++
		}
	}
	if passed*100 > tried {
		t.Errorf("the term filter lets %d of %d random words through: want under 1 %%", passed, tried)
	}
}

// TestWordSigAt: the hash of a word does not depend on where the word
// stands in its string nor on its case, and changes with its length and
// with any of its first and last eight bytes (the bytes between them, in
// a word of more than 16, are not read).
func TestWordSigAt(t *testing.T) {
	for _, w := range []string{"a", "ab", "key", "token", "passwd", "secret7", "password", "passwords", "authorization",
		"clientsecretvalue", "averyveryveryverylongwordofmanybytes"} {
		want := wordSigAt(w, 0, len(w))
		for _, pad := range []string{"", " ", "--------", "................................"} {
			for _, spelled := range []string{w, strings.ToUpper(w)} {
				s := pad + spelled + pad
				if got := wordSigAt(s, len(pad), len(pad)+len(w)); got != want {
					t.Errorf("wordSigAt(%q, %d, %d) = %x, want %x (of %q alone)", s, len(pad), len(pad)+len(w), got, want, w)
				}
				s = pad + spelled + "=x"
				if got := wordSigAt(s, len(pad), len(pad)+len(w)); got != want {
					t.Errorf("wordSigAt(%q, %d, %d) = %x, want %x", s, len(pad), len(pad)+len(w), got, want)
				}
			}
		}
		for i := range len(w) {
			if i >= 8 && i < len(w)-8 {
				continue
			}
			b := []byte(w)
			b[i] ^= 1
			if wordSigAt(string(b), 0, len(b)) == want {
				t.Errorf("%q and %q have one hash", w, b)
			}
		}
		if wordSigAt(w+"x", 0, len(w)+1) == want || len(w) > 1 && wordSigAt(w, 0, len(w)-1) == want {
			t.Errorf("%q: a word one byte longer or shorter has its hash", w)
		}
	}
}

// TestCountDigits: the eight-bytes-at-a-time count equals a count byte by
// byte, for every byte value in every position of a word and for strings
// of every length up to 40 mixing digits with the bytes next to them.
func TestCountDigits(t *testing.T) {
	naive := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] >= '0' && s[i] <= '9' {
				n++
			}
		}
		return n
	}
	for b := range 256 {
		for pos := range 17 {
			s := []byte("0a9/:.xyz12345678")
			s[pos] = byte(b)
			if got, want := countDigits(string(s)), naive(string(s)); got != want {
				t.Fatalf("countDigits(%q) = %d, want %d", s, got, want)
			}
		}
	}
	alphabet := "0123456789/:@`\x80\xb0\xb9\xff \x00\x29\x3a\x2f"
	for n := range 41 {
		b := make([]byte, n)
		for seed := range 50 {
			for i := range b {
				b[i] = alphabet[(i*7+seed*13+i*i*seed)%len(alphabet)]
			}
			if got, want := countDigits(string(b)), naive(string(b)); got != want {
				t.Fatalf("countDigits(%q) = %d, want %d", b, got, want)
			}
		}
	}
}

// TestPrescanManyCandidates: a term word among many camelCase words that
// the prefilter tests in full (mayBeKey) and that hold no term, before
// them, after them or in their middle, is found wherever it stands, and the
// camelCase words alone make no term word.
func TestPrescanManyCandidates(t *testing.T) {
	r := Must(Credentials)
	filler := strings.Repeat("fooBar ", 48) // camelCase words that hold no term
	for _, s := range []string{
		"password=Hq8vTz3 " + filler,
		filler + "password=Hq8vTz3",
		filler[:len(filler)/2] + "password=Hq8vTz3 " + filler[len(filler)/2:],
	} {
		if !r.prescan(s).termWord {
			t.Errorf("prescan(%.40q…): no term word", s)
		}
		if got := r.redactString(s); strings.Contains(got, "Hq8vTz3") {
			t.Errorf("%.40q…: the password is not masked", s)
		}
	}
	if p := r.prescan(filler); p.termWord {
		t.Error("camelCase words that hold no term make a term word")
	}
}

// TestShortCompoundKeyAnywhere: a short compound key (dbpass=, mqpwd=)
// names a secret wherever it stands in text, not only at its start.
func TestShortCompoundKeyAnywhere(t *testing.T) {
	r := Must(Credentials)
	for _, s := range []string{
		"cfg dbpass=Dp1Kw7",
		"x=1, mqpwd=Mq2Kw7",
		"loaded (dbpw=Db3Kw7) from env",
	} {
		if !r.prescan(s).termWord {
			t.Errorf("prescan(%q): no term word", s)
		}
		if got := r.redactString(s); strings.Contains(got, "Kw7") {
			t.Errorf("%q redacted to %q: the value is kept", s, got)
		}
	}
}

// TestCompoundWordOfSeven: a word of seven bytes that is no term word
// itself (the term filter does not let it through) is still tested for a
// compound ending.
func TestCompoundWordOfSeven(t *testing.T) {
	r := Must(Credentials)
	tried := 0
	for a := byte('a'); a <= 'z'; a++ {
		for b := byte('a'); b <= 'z'; b++ {
			w := string([]byte{a, b}) + "xqpwd" // seven bytes, ends with the compound term pwd
			if r.sigHas(wordSigAt(w, 0, len(w))) || !r.endsInCompound(w) {
				continue
			}
			tried++
			if !r.prescan("set " + w + "=Zq8Wm1").termWord {
				t.Errorf("prescan(%q): no term word", "set "+w+"=Zq8Wm1")
			}
		}
	}
	if tried == 0 {
		t.Fatal("every word of seven bytes passes the term filter: the test tries nothing")
	}
}

// TestEncodedSpansCountedOnce: a secret found in a string and again in its
// percent-decoded text is counted once; one found only in the decoded text
// is counted too. (Both are masked either way: the count is what
// Redactor.Counters reports.)
func TestEncodedSpansCountedOnce(t *testing.T) {
	for _, c := range []struct {
		in   string
		want uint64
	}{
		{"https://bob:Sx9pW2@db.example.com/x%3Fa%3D1", 1},                                         // raw and decoded: one
		{"https://bob:Sx9pW2@db.example.com/?next=https%3A%2F%2Fann%3AQz7kR4%40mq.example.com", 2}, // the second only decoded
		{"next=https%3A%2F%2Fann%3AQz7kR4%40mq.example.com", 1},
		// Encoded twice: the inner decoding finds the first credential again
		// (not counted) and the second (counted).
		{"https%3A%2F%2Fbob%3ASx9pW2%40db.example.com%2F%3Fx%3Dhttps%253A%252F%252Fann%253AQz7kR4%2540mq.example.com", 2},
	} {
		r := Must(Credentials)
		out := r.redactString(c.in)
		if strings.Contains(out, "Sx9pW2") || strings.Contains(out, "Qz7kR4") {
			t.Errorf("%q redacted to %q", c.in, out)
		}
		counts, _ := r.Counters()
		if got := counts[DetectURLUserinfo.Name]; got != c.want {
			t.Errorf("%q: %s counted %d times, want %d (all: %v)", c.in, DetectURLUserinfo.Name, got, c.want, counts)
		}
	}
}

// gluedPieces are the pieces TestGluedPieces glues together: terms, key
// spellings, operators, quotes, escapes, markers of the detectors and
// personal data, and letters outside ASCII. Text glued from them at
// random has found words the prefilter read one way and the search
// another (dbpwd = …, ipIBANexport, a SETUSER inside a word) and a loop
// that did not advance (a full-width operator with no key before it).
var gluedPieces = []string{"password", "token", "secret", "key", "pass", "pwd", "пароль", "passwort", "パスワード", "auth", "Bearer", "Basic",
	"=", ":", "＝", "：", "=>", "->", " = ", ": ", "\"", "'", "`", "(", ")", "[", "]", "{", "}", "<", ">", "</", "/>", "\\\"", "\\",
	" ", "  ", "\n", "\t", "\r\n", ",", ";", ".", "-", "--", "-D", "-P", "-p", "-u", "@", "/", "//", "://", "?", "&", "#", "%", "%3D", "%0A",
	"\\n", "\\u0022", "&quot;", "$", "${", "#{", "<%=", "%(", "ENC[", "!vault |", "$ANSIBLE_VAULT", "é", "ß", "\xc3", "\x80", "\xff",
	"\u00a0", "漢", "x", "ab", "Zq8vLx2mNw4p", "4111", "1111", "123", "0", "_", "A", "Z", "DB", "SMTP", "ghp_", "xoxb-", "sk_live_",
	"AKIA", "eyJ", "-----BEGIN", "PRIVATE KEY-----", "mysql://", "user:pw@", "host", "kind: Secret", "data:", "---", "export ",
	"--password", "SETUSER", "ACL", "ssn", "SSN", "dob", "phone", "iban", "IBAN", "email", "card", "cvv", "mrn", "+1", "(555) ",
	"@example.com", "4539 5787 6362 1486", "123-45-6789", "14/03/1985", "SW1A 1AA", "Jane", "Roe", "Dr. ", "address", "10.0.0.1",
	"2001:db8::1", "X-Forwarded-For", "pin", "id=42 "}

// TestGluedPieces redacts text glued at random from gluedPieces, with a
// fixed seed, under the prefilter check of TestMain: the prefilter and
// the search must agree on every such text, and every call must return.
func TestGluedPieces(t *testing.T) {
	rs := []*Redactor{Must(Credentials), Must(Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo)}
	rng := rand.New(rand.NewPCG(20261202, 7))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	var b strings.Builder
	for range n {
		b.Reset()
		for range 1 + rng.IntN(14) {
			b.WriteString(gluedPieces[rng.IntN(len(gluedPieces))])
		}
		for _, r := range rs {
			r.String(b.String())
		}
	}
}

// TestAuthSchemeFirst: the first letter of every auth scheme word, in any
// case, passes prescan's gate in front of isAuthScheme, and a scheme word
// before a space sets hasAuthHint wherever it stands.
func TestAuthSchemeFirst(t *testing.T) {
	r := Must(Credentials)
	for _, w := range []string{"basic", "token", "bearer", "digest", "apikey", "negotiate"} {
		for _, spelled := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			if !isAuthScheme(spelled) {
				t.Fatalf("isAuthScheme(%q) = false: the list here is out of date", spelled)
			}
			if !authSchemeFirst[spelled[0]] {
				t.Errorf("authSchemeFirst[%q] = false", spelled[0])
			}
			for _, s := range []string{spelled + " x", "hdr: " + spelled + " x"} {
				if r.prescan(s).flags&hasAuthHint == 0 {
					t.Errorf("prescan(%q): no hasAuthHint", s)
				}
			}
		}
	}
}

// TestLoginFlagAfterAnyWord: a registry login's -p or --password is read
// after any word that ends with "login" (findPairs looks for the text
// "login -p "), so the prefilter lets such text through even when no word
// of it is a term word.
func TestLoginFlagAfterAnyWord(t *testing.T) {
	r := Must(Credentials)
	for _, c := range []struct{ in, secret string }{
		{"relogin -p Rl1Pw8xQz registry.example.com", "Rl1Pw8xQz"},
		{"autologin --password Al2Pw8xQz", "Al2Pw8xQz"},
		{"step 3: 7login -p Zl3Pw8xQz", "Zl3Pw8xQz"},
	} {
		if !r.prescan(c.in).pairsMayMatch(c.in) {
			t.Errorf("prescan(%q): pairs may not match", c.in)
		}
		if got, _ := r.String(c.in); strings.Contains(got, c.secret) {
			t.Errorf("%q redacted to %q: the password is kept", c.in, got)
		}
	}
}

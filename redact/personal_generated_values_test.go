package redact_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	slogmulti "github.com/samber/slog-multi"
	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
)

// generatedValue is a text that holds personal data: secret is the part
// that must not reach a redacted output.
type generatedValue struct {
	text, secret string
}

// ibanFormats are the BBAN layouts of the SEPA countries (ISO 13616):
// n a digit, a an upper-case letter, c either.
var ibanFormats = map[string]string{
	"AD": "nnnnnnnncccccccccccc", "AT": "nnnnnnnnnnnnnnnn", "BE": "nnnnnnnnnnnn",
	"BG": "aaaannnnnncccccccc", "CH": "nnnnncccccccccccc", "CY": "nnnnnnnncccccccccccccccc",
	"CZ": "nnnnnnnnnnnnnnnnnnnn", "DE": "nnnnnnnnnnnnnnnnnn", "DK": "nnnnnnnnnnnnnn",
	"EE": "nnnnnnnnnnnnnnnn", "ES": "nnnnnnnnnnnnnnnnnnnn", "FI": "nnnnnnnnnnnnnn",
	"FR": "nnnnnnnnnncccccccccccnn", "GB": "aaaannnnnnnnnnnnnn", "GI": "aaaaccccccccccccccc",
	"GR": "nnnnnnncccccccccccccccc", "HR": "nnnnnnnnnnnnnnnnn", "HU": "nnnnnnnnnnnnnnnnnnnnnnnn",
	"IE": "aaaannnnnnnnnnnnnn", "IS": "nnnnnnnnnnnnnnnnnnnnnn", "IT": "annnnnnnnnncccccccccccc",
	"LI": "nnnnncccccccccccc", "LT": "nnnnnnnnnnnnnnnn", "LU": "nnnccccccccccccc",
	"LV": "aaaaccccccccccccc", "MC": "nnnnnnnnnncccccccccccnn", "MT": "aaaannnnncccccccccccccccccc",
	"NL": "aaaannnnnnnnnn", "NO": "nnnnnnnnnnn", "PL": "nnnnnnnnnnnnnnnnnnnnnnnn",
	"PT": "nnnnnnnnnnnnnnnnnnnnn", "RO": "aaaacccccccccccccccc", "SE": "nnnnnnnnnnnnnnnnnnnn",
	"SI": "nnnnnnnnnnnnnnn", "SK": "nnnnnnnnnnnnnnnnnnnn", "SM": "annnnnnnnnncccccccccccc",
	"VA": "nnnnnnnnnnnnnnnnnn",
}

// randomIBAN returns an IBAN of country cc with its ISO 7064 check digits.
func randomIBAN(r *rand.Rand, cc string) string {
	var b strings.Builder
	for _, f := range ibanFormats[cc] {
		switch {
		case f == 'n' || f == 'c' && r.IntN(6) > 0:
			b.WriteByte(byte('0' + r.IntN(10)))
		default:
			b.WriteByte(byte('A' + r.IntN(26)))
		}
	}
	bban := b.String()
	var num strings.Builder
	for _, c := range bban + cc + "00" {
		if c >= 'A' {
			fmt.Fprint(&num, int(c-'A')+10)
		} else {
			num.WriteRune(c)
		}
	}
	n, _ := new(big.Int).SetString(num.String(), 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("%s%02d%s", cc, check, bban)
}

// grouped writes s in groups of four separated by sep, as IBANs are printed.
func grouped(s, sep string) string {
	var parts []string
	for len(s) > 4 {
		parts = append(parts, s[:4])
		s = s[4:]
	}
	return strings.Join(append(parts, s), sep)
}

func generatedIBANs(r *rand.Rand) []generatedValue {
	var out []generatedValue
	for cc := range ibanFormats {
		for range 3 {
			iban := randomIBAN(r, cc)
			out = append(out,
				generatedValue{iban, iban},
				generatedValue{grouped(iban, " "), grouped(iban, " ")},
				generatedValue{"IBAN: " + grouped(iban, " ") + " (primary)", iban[len(iban)-6:]},
				generatedValue{"refund to " + iban + ".", iban},
				generatedValue{"iban=" + strings.ToLower(iban), strings.ToLower(iban)},
				generatedValue{grouped(iban, "-"), grouped(iban, "-")},
				generatedValue{strings.ToLower(grouped(iban, " ")), strings.ToLower(grouped(iban, " "))},
			)
		}
	}
	return out
}

// randomSSN returns the three parts of a US SSN that the SSA could issue.
func randomSSN(r *rand.Rand) (area, group, serial string) {
	a := 1 + r.IntN(898)
	for a == 666 {
		a = 1 + r.IntN(898)
	}
	return fmt.Sprintf("%03d", a), fmt.Sprintf("%02d", 1+r.IntN(99)), fmt.Sprintf("%04d", 1+r.IntN(9999))
}

func generatedSSNs(r *rand.Rand) []generatedValue {
	var out []generatedValue
	for range 40 {
		a, g, s := randomSSN(r)
		for _, sep := range []string{"-", " ", "."} {
			v := a + sep + g + sep + s
			out = append(out,
				generatedValue{v, v},
				generatedValue{"SSN: " + v, v},
				generatedValue{"patient ssn " + v + " verified", v},
			)
		}
		v := a + g + s
		out = append(out,
			generatedValue{"ssn=" + v, v},
			generatedValue{"SSN " + v, v},
			generatedValue{"social security number: " + v, v},
			generatedValue{`{"ssn":"` + v + `"}`, v},
		)
	}
	return out
}

// phoneTemplates are the ways people write phone numbers, internationally
// and as the most populous countries write them at home; each N is a random
// digit.
var phoneTemplates = []string{
	"+1 NNN NNN NNNN", "+1-NNN-NNN-NNNN", "+1.NNN.NNN.NNNN", "+1 (NNN) NNN-NNNN", "(NNN) NNN-NNNN", "NNN-NNN-NNNN", "NNN.NNN.NNNN", "1-NNN-NNN-NNNN",
	"+1 NNN NNN NNNN ext. NNN", "(NNN) NNN-NNNN x NN",
	"+44 20 NNNN NNNN", "+44 (0)20 NNNN NNNN", "020 NNNN NNNN", "07NNN NNNNNN", "+44 7NNN NNNNNN",
	"+49 30 NNNNNNNN", "+49 (0)30 NNNNNNN", "030 NNNNNNNN", "0151 NNNNNNNN", "+49 151 NNNNNNNN",
	"+33 1 NN NN NN NN", "01 NN NN NN NN", "06 NN NN NN NN", "+33 (0)6 NN NN NN NN", "+33.6.NN.NN.NN.NN",
	"+39 06 NNNN NNNN", "+39 3NN NNN NNNN", "+34 6NN NN NN NN", "+34 9NN NNN NNN",
	"+31 6 NNNNNNNN", "+31 20 NNN NNNN", "06-NNNNNNNN",
	"+55 11 9NNNN-NNNN", "(11) 9NNNN-NNNN", "+55 (11) 9NNNN NNNN",
	"+91 9NNNN NNNNN", "+91-9NNNNNNNNN", "+86 13N NNNN NNNN", "+86-10-NNNN-NNNN",
	"+81 90-NNNN-NNNN", "03-NNNN-NNNN", "090-NNNN-NNNN", "+81 3 NNNN NNNN",
	"+7 495 NNN-NN-NN", "+7 (495) NNN-NN-NN", "8 (812) NNN-NN-NN", "8 9NN NNN-NN-NN",
	"+52 55 NNNN NNNN", "+52 1 55 NNNN NNNN",
	"+61 4NN NNN NNN", "(02) NNNN NNNN", "04NN NNN NNN", "+61 2 NNNN NNNN",
	"+82 10-NNNN-NNNN", "010-NNNN-NNNN", "+82 2 NNNN NNNN",
	"+48 5NN NNN NNN", "+46 70 NNN NN NN", "070-NNN NN NN", "+41 44 NNN NN NN", "044 NNN NN NN",
	"+90 5NN NNN NN NN", "0532 NNN NN NN", "+27 82 NNN NNNN", "082 NNN NNNN",
	"+234 803 NNN NNNN", "+62 812-NNNN-NNNN", "0812-NNNN-NNNN", "+20 10 NNNN NNNN",
	"+353 8N NNN NNNN", "+351 9NN NNN NNN", "+420 6NN NNN NNN", "+32 4NN NN NN NN",
	"+1NNNNNNNNNN", "+44NNNNNNNNNN", "+49NNNNNNNNNNN",
}

func fillDigits(r *rand.Rand, tmpl string) string {
	b := []byte(tmpl)
	for i, c := range b {
		if c == 'N' {
			b[i] = byte('0' + 2 + r.IntN(8)) // no NANP area or exchange starts with 0 or 1
		}
	}
	return string(b)
}

func generatedPhones(r *rand.Rand) []generatedValue {
	var out []generatedValue
	for _, tmpl := range phoneTemplates {
		for range 2 {
			p := fillDigits(r, tmpl)
			// the last four digits of the number itself, before any extension
			core := p
			if i := strings.IndexAny(core, "ex"); i > 0 {
				core = strings.TrimSpace(core[:i])
			}
			tail := core[len(core)-4:]
			mid := strings.TrimLeft(core, "+")
			mid = mid[:len(mid)-4]
			_ = mid
			out = append(out,
				generatedValue{p, core},
				generatedValue{"phone: " + p, core},
				generatedValue{"call me on " + p + " after 6pm", core},
				generatedValue{"Tel. " + p, core},
				generatedValue{"mobile " + p + ", home", tail},
			)
		}
	}
	return out
}

var emailShapes = []string{
	"WORD.WORD@example.com", "WORD+newsletter@gmail.com", "WORD+tag+more@mail.example.co.uk",
	"WORD@eu.mail.example.org", "WORD_WORD@sub.dept.example.de", "WORD-WORD@example.io",
	"WORD.WORD@xn--bcher-kva.example", "WORD@bücher.de", "WORDé@exämple.fr", "WORD@例え.jp",
	"\"WORD WORD\"@example.com", "\"WORD@home\"@example.net", "WORD%WORD@example.com",
	"WORD'WORD@example.ie", "WORD.WORD@EXAMPLE.COM", "WORD123@students.uni.example.edu",
	"WORD@[203.0.113.7]", "WORD@localhost.example",
}

var nameWords = []string{"marta", "olek", "priya", "jonas", "sven", "ines", "kwame", "hana", "lucia", "tomas", "aiko", "bruno", "fatima", "nils", "zoe", "emeka"}

func fillEmail(r *rand.Rand, shape string) (addr, word string) {
	for strings.Contains(shape, "WORD") {
		w := nameWords[r.IntN(len(nameWords))] + fmt.Sprint(r.IntN(90)+10)
		if word == "" {
			word = w
		}
		shape = strings.Replace(shape, "WORD", w, 1)
	}
	return shape, word
}

func generatedEmails(r *rand.Rand) []generatedValue {
	var out []generatedValue
	for _, shape := range emailShapes {
		for range 2 {
			a, w := fillEmail(r, shape)
			out = append(out,
				generatedValue{a, w},
				generatedValue{"sent receipt to " + a + ".", w},
				generatedValue{"From: Jo <" + a + ">", w},
				generatedValue{"mailto:" + a, w},
				generatedValue{"user=" + a + " action=login", w},
			)
		}
	}
	return out
}

// randomPublicIPv4 returns an address outside every private and reserved range.
func randomPublicIPv4(r *rand.Rand) string {
	firsts := []int{23, 31, 37, 45, 62, 78, 81, 89, 94, 109, 141, 151, 176, 185, 193, 212, 217}
	return fmt.Sprintf("%d.%d.%d.%d", firsts[r.IntN(len(firsts))], r.IntN(256), r.IntN(256), 1+r.IntN(254))
}

func randomPublicIPv6(r *rand.Rand) string {
	prefixes := []string{"2a02:%x:%x::%x", "2600:%x:%x:%x::%x", "2001:db8:%x::%x", "2a01:%x:%x:%x:%x:%x:%x:%x"}
	p := prefixes[r.IntN(len(prefixes))]
	n := strings.Count(p, "%x")
	args := make([]any, n)
	for i := range args {
		args[i] = 1 + r.IntN(0xfffe)
	}
	return fmt.Sprintf(p, args...)
}

func generatedClientIPs(r *rand.Rand) []generatedValue {
	var out []generatedValue
	for range 25 {
		v4, v4b, v6 := randomPublicIPv4(r), randomPublicIPv4(r), randomPublicIPv6(r)
		port := fmt.Sprint(1024 + r.IntN(60000))
		out = append(out,
			generatedValue{"X-Forwarded-For: " + v4 + ", " + v4b + ", 10.0.0.3", v4b},
			generatedValue{"X-Forwarded-For: " + v6, v6},
			generatedValue{"X-Real-IP: " + v4, v4},
			generatedValue{`Forwarded: for="[` + v6 + `]:` + port + `";proto=https`, v6},
			generatedValue{"Forwarded: for=" + v4 + ";by=10.0.0.1", v4},
			generatedValue{"client_ip=" + v4 + ":" + port, v4},
			generatedValue{"remote_addr=[" + v6 + "]:" + port, v6},
			generatedValue{"remote_addr=" + v4 + ":" + port, v4},
			generatedValue{v4 + ` - - [03/Dec/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 512 "-" "curl/8.5.0"`, v4},
			generatedValue{v6 + ` - alice [03/Dec/2026:10:00:00 +0000] "POST /login HTTP/2.0" 302 0`, v6},
			generatedValue{"accepted connection from " + v4 + ":" + port, v4},
			generatedValue{"peer [" + v6 + "]:" + port + " closed", v6},
			generatedValue{"ips=[" + v4 + " " + v6 + "]", v6},
		)
	}
	return out
}

// leaksOf logs each value in the value, message and error placements
// through the middleware over JSON, slogcore.New and a Fanout, and
// returns the values a redacted output still holds, with where.
func leaksOf(t *testing.T, rules []redact.Rule, key string, values []generatedValue) []string {
	t.Helper()
	rd := redact.Must(rules...)
	var leaks []string
	for _, v := range values {
		placements := map[string]func(*slog.Logger){
			"value":   func(l *slog.Logger) { l.Info("m", key, v.text) },
			"message": func(l *slog.Logger) { l.Info("event " + v.text) },
			"error":   func(l *slog.Logger) { l.Error("failed", "err", errors.New("op: "+v.text)) },
		}
		for where, log := range placements {
			var j, c, f, o bytes.Buffer
			log(slog.New(redact.NewHandler(slog.NewJSONHandler(&j, nil), rd)))
			h := slogcore.New(&c, &slogcore.Options{Redact: rd})
			log(slog.New(h))
			_ = h.Close(context.Background())
			log(slog.New(slogmulti.Fanout(redact.NewHandler(slog.NewJSONHandler(&f, nil), rd), slog.NewJSONHandler(&o, nil))))
			for name, out := range map[string]string{"NewHandler": j.String(), "slogcore": c.String(), "Fanout": f.String()} {
				out := timeField.ReplaceAllString(out, "") // its digits are no leak
				if strings.Contains(out, v.secret) || strings.Contains(out, jsonText(v.secret)) || !json.Valid(bytes.TrimSpace([]byte(out))) {
					leaks = append(leaks, fmt.Sprintf("%s/%s: %q -> %s", where, name, v.text, strings.TrimSpace(out)))
				}
			}
		}
	}
	return leaks
}

func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// TestGeneratedPersonalValuesMasked: generated IBANs of every SEPA
// country, SSNs and ITINs, national and E.164 phone numbers, e-mail
// addresses and public client IPs, each written in the shapes people use,
// are masked as a value, in a message and in an error, through the
// middleware, slogcore.New and a Fanout.
func TestGeneratedPersonalValuesMasked(t *testing.T) {
	r := rand.New(rand.NewPCG(22, 18))
	classes := []struct {
		name   string
		rules  []redact.Rule
		key    string
		values []generatedValue
	}{
		{"iban", []redact.Rule{redact.GDPR}, "detail", generatedIBANs(r)},
		{"ssn/hipaa", []redact.Rule{redact.HIPAA}, "detail", generatedSSNs(r)},
		{"ssn/gdpr", []redact.Rule{redact.GDPR}, "detail", generatedSSNs(r)},
		{"phone/gdpr", []redact.Rule{redact.GDPR}, "detail", generatedPhones(r)},
		{"phone/contact", []redact.Rule{redact.ContactInfo}, "detail", generatedPhones(r)},
		{"email/gdpr", []redact.Rule{redact.GDPR}, "detail", generatedEmails(r)},
		{"email/hipaa", []redact.Rule{redact.HIPAA}, "detail", generatedEmails(r)},
		{"ip/gdpr", []redact.Rule{redact.GDPR}, "detail", generatedClientIPs(r)},
		{"ip/hipaa", []redact.Rule{redact.HIPAA}, "detail", generatedClientIPs(r)},
	}
	for _, c := range classes {
		leaks := leaksOf(t, c.rules, c.key, c.values)
		for i, l := range leaks {
			if i < 20 {
				t.Errorf("%s: leaked: %s", c.name, l)
			}
		}
		if len(leaks) > 0 {
			t.Errorf("%s: %d leaks of %d placements", c.name, len(leaks), len(c.values)*9)
		}
	}
}

// TestGeneratedEmailKeysMasked: an e-mail address used as an attr key, a
// map key (also nested) or a group's name is replaced by a placeholder key
// that is the same on every record, and the record stays valid JSON.
func TestGeneratedEmailKeysMasked(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	leaks, total := 0, 0
	for _, shape := range emailShapes {
		a, w := fillEmail(r, shape)
		logs := map[string]func(*slog.Logger){
			"attr key":   func(l *slog.Logger) { l.Info("m", a, 1); l.Info("m", a, 2) },
			"map key":    func(l *slog.Logger) { l.Info("m", "m", map[string]int{a: 1}); l.Info("m", "m", map[string]int{a: 2}) },
			"group name": func(l *slog.Logger) { l.WithGroup(a).Info("m", "n", 1); l.WithGroup(a).Info("m", "n", 2) },
			"slog.Group": func(l *slog.Logger) { l.Info("m", slog.Group(a, "n", 1)); l.Info("m", slog.Group(a, "n", 2)) },
			"nested map key": func(l *slog.Logger) {
				l.Info("m", "users", map[string]any{"by": map[string]any{a: []int{1}}})
				l.Info("m", "users", map[string]any{"by": map[string]any{a: []int{2}}})
			},
		}
		for where, log := range logs {
			total++
			var j, c bytes.Buffer
			log(slog.New(redact.NewHandler(slog.NewJSONHandler(&j, nil), redact.Must(redact.GDPR))))
			h := slogcore.New(&c, &slogcore.Options{Redact: redact.Must(redact.GDPR)})
			log(slog.New(h))
			_ = h.Close(context.Background())
			for name, out := range map[string]string{"NewHandler": j.String(), "slogcore": c.String()} {
				lines := strings.Split(strings.TrimSpace(out), "\n")
				bad := strings.Contains(out, w) || len(lines) != 2
				for _, line := range lines {
					bad = bad || !json.Valid([]byte(line))
				}
				if !bad {
					// stable placeholder: both lines have the same shape but for the 1/2
					k0, k1 := placeholderKey.FindString(lines[0]), placeholderKey.FindString(lines[1])
					bad = k0 == "" || k0 != k1
				}
				if bad {
					leaks++
					t.Errorf("%s/%s: %q -> %s", where, name, a, out)
				}
			}
		}
	}
	if leaks > 0 {
		t.Errorf("email keys: %d leaks of %d", leaks, total*2)
	}
}

var placeholderKey = regexp.MustCompile(`"\[REDACTED\]#[0-9a-f]+"`)

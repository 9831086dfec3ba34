package redact_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// handlerOutput logs through redact.NewHandler in front of a
// slog.JSONHandler (nil rules: the default redactor) and returns what was
// written, without the time.
func handlerOutput(t *testing.T, rules []redact.Rule, log func(*slog.Logger)) string {
	t.Helper()
	var r *redact.Redactor
	if rules != nil {
		r = redact.Must(rules...)
	}
	var buf bytes.Buffer
	log(slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}), r)))
	return buf.String()
}

// plainOutput is handlerOutput without redaction.
func plainOutput(log func(*slog.Logger)) string {
	var buf bytes.Buffer
	log(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: dropTimeAttr})))
	return buf.String()
}

// textPlacements log a string as an attr's value, inside the message and
// inside an error's text.
var textPlacements = map[string]func(*slog.Logger, string){
	"attr":    func(l *slog.Logger, s string) { l.Info("loaded", "detail", s) },
	"message": func(l *slog.Logger, s string) { l.Info("loaded " + s + " ok") },
	"error":   func(l *slog.Logger, s string) { l.Error("failed", "err", errors.New("load: "+s)) },
}

// textCase is a string that holds secrets, which must not reach the
// output, and public parts, which must.
type textCase struct {
	name    string
	text    string
	secrets []string
	keep    []string
}

func requireTextCases(t *testing.T, rules []redact.Rule, cases []textCase) {
	t.Helper()
	requireCasesIn(t, rules, cases, textPlacements)
}

// requireCasesIn checks each case in each of placements: its secrets are
// gone, the mask is there, and what it keeps is kept.
func requireCasesIn(t *testing.T, rules []redact.Rule, cases []textCase, placements map[string]func(*slog.Logger, string)) {
	t.Helper()
	for _, tc := range cases {
		for where, place := range placements {
			t.Run(tc.name+"/"+where, func(t *testing.T) {
				out := handlerOutput(t, rules, func(l *slog.Logger) { place(l, tc.text) })
				for _, s := range tc.secrets {
					require.NotContains(t, out, s)
				}
				require.Contains(t, out, redact.DefaultMask)
				for _, k := range tc.keep {
					require.Contains(t, out, k)
				}
			})
		}
	}
}

// requireTextKept checks that each string reaches the output unchanged in
// every placement.
func requireTextKept(t *testing.T, rules []redact.Rule, texts []string) {
	t.Helper()
	requireKeptIn(t, rules, texts, textPlacements)
}

// requireKeptIn checks that each string reaches the output unchanged in
// each of placements.
func requireKeptIn(t *testing.T, rules []redact.Rule, texts []string, placements map[string]func(*slog.Logger, string)) {
	t.Helper()
	for _, s := range texts {
		for where, place := range placements {
			t.Run(s+"/"+where, func(t *testing.T) {
				log := func(l *slog.Logger) { place(l, s) }
				require.Equal(t, plainOutput(log), handlerOutput(t, rules, log))
			})
		}
	}
}

type ecJWK struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	Kid string `json:"kid,omitempty"`
	X   string `json:"x"`
	Y   string `json:"y"`
	D   string `json:"d,omitempty"`
}

type rsaJWK struct {
	Kty string `json:"kty"`
	N   string `json:"n"`
	E   string `json:"e"`
	D   string `json:"d"`
	P   string `json:"p"`
	Q   string `json:"q"`
	DP  string `json:"dp"`
	DQ  string `json:"dq"`
	QI  string `json:"qi"`
}

// okpKey has no json tags: encoding/json writes Kty, Crv, X, D.
type okpKey struct {
	Kty, Crv, X, D string
}

type keySet map[string]any

func TestJWKPrivateMembersMasked(t *testing.T) {
	const (
		octK  = "uHy6PjNE-guA_M6PUkXyIU6spzAbdABp"
		ecD   = "9_8gvDU11nGEYtP9eUID8MjNi2tOk8YAc3vnqVUS5DH"
		ecX   = "LA-OBxZKSDevfl8y7xJHqk0m"
		ecY   = "Zt4hQe2ycNnx0RkP8wq1cA"
		rsaN  = "G2LpuwVm_yhTlo0M5VJ4pT609rSNfvFVhDV8riSTNLpAXXMZadmfo4Wm9D0wcCP1qQSwW_VSPfMI2eVZAfJOYy"
		rsaD  = "1fjlml2by-E-jMZa8jToQsOstrSoTgKWaB_WX-A_CviqDJE6VE8tkrLmhocB18Vp"
		rsaP  = "Awo8ct76Q-tEBqJy86e0hbZHfdDG"
		rsaQ  = "2aMt_LmS8qqOJO1FcP_2Wn4e"
		rsaDP = "Qm9vbGVhbkRQdmFsdWUxMjM0"
		rsaDQ = "WkRRdmFsdWVfZm9yX3Rlc3Q5"
		rsaQI = "cWlDb2VmZmljaWVudF83NzEx"
		othR  = "b3RoZXJQcmltZVJfNTU1"
		othD  = "b3RoZXJFeHBvbmVudERfNjY2"
		othT  = "b3RoZXJDb2VmZlRfNzc3"
		akpPv = "cHFjUHJpdmF0ZVNlZWRfOTg3NjU0MzIx"
	)
	values := []struct {
		name    string
		value   any
		secrets []string
		keep    []string
	}{
		{"oct map", map[string]any{"kty": "oct", "kid": "hs256-2026", "alg": "HS256", "k": octK},
			[]string{octK}, []string{"hs256-2026", "HS256"}},
		{"EC map of strings", map[string]string{"kty": "EC", "crv": "P-256", "x": ecX, "y": ecY, "d": ecD},
			[]string{ecD}, []string{ecX, ecY, "P-256"}},
		{"RSA named map", keySet{"kty": "RSA", "n": rsaN, "e": "AQAB", "d": rsaD, "p": rsaP, "q": rsaQ, "dp": rsaDP, "dq": rsaDQ, "qi": rsaQI},
			[]string{rsaD, rsaP, rsaQ, rsaDP, rsaDQ, rsaQI}, []string{rsaN, "AQAB"}},
		{"RSA other primes", map[string]any{"kty": "RSA", "n": rsaN, "e": "AQAB", "d": rsaD, "oth": []any{map[string]any{"r": othR, "d": othD, "t": othT}}},
			[]string{rsaD, othR, othD, othT}, []string{rsaN}},
		{"AKP priv", map[string]any{"kty": "AKP", "alg": "ML-DSA-44", "pub": "cHVibGljS2V5", "priv": akpPv},
			[]string{akpPv}, []string{"ML-DSA-44", "cHVibGljS2V5"}},
		{"EC struct", ecJWK{Kty: "EC", Crv: "P-384", Kid: "es384-a", X: ecX, Y: ecY, D: ecD},
			[]string{ecD}, []string{ecX, ecY, "es384-a"}},
		{"EC struct pointer", &ecJWK{Kty: "EC", Crv: "P-256", X: ecX, Y: ecY, D: ecD},
			[]string{ecD}, []string{ecX}},
		{"RSA struct", rsaJWK{Kty: "RSA", N: rsaN, E: "AQAB", D: rsaD, P: rsaP, Q: rsaQ, DP: rsaDP, DQ: rsaDQ, QI: rsaQI},
			[]string{rsaD, rsaP, rsaQ, rsaDP, rsaDQ, rsaQI}, []string{rsaN}},
		{"struct without tags", okpKey{Kty: "OKP", Crv: "Ed25519", X: ecX, D: ecD},
			[]string{ecD}, []string{ecX, "Ed25519"}},
		{"key set", map[string]any{"keys": []any{
			map[string]any{"kty": "oct", "k": octK},
			ecJWK{Kty: "EC", Crv: "P-256", X: ecX, Y: ecY, D: ecD}}},
			[]string{octK, ecD}, []string{ecX}},
		{"group", slog.GroupValue(slog.String("kty", "OKP"), slog.String("crv", "X25519"), slog.String("x", ecX), slog.String("d", ecD)),
			[]string{ecD}, []string{ecX, "X25519"}},
	}
	for _, tc := range values {
		t.Run(tc.name, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("jwk loaded", "jwk", tc.value) })
			for _, s := range tc.secrets {
				require.NotContains(t, out, s)
			}
			require.Contains(t, out, redact.DefaultMask)
			for _, k := range tc.keep {
				require.Contains(t, out, k)
			}
		})
	}

	requireTextCases(t, nil, []textCase{
		{"oct JSON", `{"kty":"oct","kid":"webhook-hmac","k":"` + octK + `"}`, []string{octK}, []string{"webhook-hmac"}},
		{"private member before kty", `{"d": "` + ecD + `", "crv": "P-521", "kty": "EC", "x": "` + ecX + `"}`, []string{ecD}, []string{ecX}},
		{"RSA JWKS", `{"keys":[{"kty":"RSA","kid":"rs-1","n":"` + rsaN + `","e":"AQAB","d":"` + rsaD + `","p":"` + rsaP + `","q":"` + rsaQ +
			`","dp":"` + rsaDP + `","dq":"` + rsaDQ + `","qi":"` + rsaQI + `"},{"kty":"oct","k":"` + octK + `"}]}`,
			[]string{rsaD, rsaP, rsaQ, rsaDP, rsaDQ, rsaQI, octK}, []string{rsaN, "rs-1"}},
		{"other primes", `{"kty":"RSA","n":"` + rsaN + `","oth":[{"r":"` + othR + `","d":"` + othD + `","t":"` + othT + `"}],"e":"AQAB"}`,
			[]string{othR, othD, othT}, []string{rsaN}},
		{"escaped quotes", `{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"` + ecX + `\",\"d\":\"` + ecD + `\"}`, []string{ecD}, []string{ecX}},
		{"pretty JSON", "{\n  \"kty\": \"OKP\",\n  \"crv\": \"Ed448\",\n  \"d\": \"" + ecD + "\",\n  \"x\": \"" + ecX + "\"\n}", []string{ecD}, []string{ecX}},
		{"pretty JSON escaped", `{\n  \"kty\": \"oct\",\n  \"k\": \"` + octK + `\"\n}`, []string{octK}, nil},
		{"Python repr", `{'kty': 'oct', 'alg': 'HS512', 'k': '` + octK + `'}`, []string{octK}, []string{"HS512"}},
		{"AKP", `{"kty":"AKP","alg":"ML-DSA-65","pub":"cHViS2V5WA","priv":"` + akpPv + `"}`, []string{akpPv}, []string{"cHViS2V5WA"}},
		{"cut short", `{"kty":"EC","crv":"P-256","x":"` + ecX + `","d":"` + ecD[:30] + `…`, []string{ecD[:30]}, []string{ecX}},
		{"null member", `{"kty":"RSA","n":"` + rsaN + `","d":null,"p":"` + rsaP + `"}`, []string{rsaP}, []string{rsaN}},
		{"struct printed by json", `{"Kty":"OKP","Crv":"Ed25519","X":"` + ecX + `","D":"` + ecD + `"}`, []string{ecD}, []string{ecX}},
	})
}

func TestJWKPublicKeysKept(t *testing.T) {
	values := []any{
		map[string]any{"kty": "RSA", "kid": "2026-rotation", "n": "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl", "e": "AQAB", "use": "sig"},
		ecJWK{Kty: "EC", Crv: "P-256", X: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", Y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},
		map[string]any{"k": "partition-7", "d": "2026-12-02", "p": 3, "q": "queue-a"}, // no kty: no key
		map[string]any{"kty": "", "d": "2026-12-02"},                                      // no key type
		ecJWK{Crv: "P-256", X: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", D: "day-3"}, // an empty kty
	}
	for i, v := range values {
		log := func(l *slog.Logger) { l.Info("key", "jwk", v) }
		require.Equal(t, plainOutput(log), handlerOutput(t, nil, log), "value %d", i)
	}
	requireTextKept(t, nil, []string{
		`{"kty":"RSA","kid":"sig-2026","n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl","e":"AQAB"}`,
		`{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`,
		`{"k":"partition-7","d":"2026-12-02","kind":"batch"}`,
		`the kty of key 4 is RSA, d is hidden`,
		`["kty", "d", "k"]`,
		`{"key":"value","kind":"Deployment"}`,
	})
}

// TestJWKNeedsThePrivateKeyDetector: without the private-key detector a
// JWK is judged key by key.
func TestJWKNeedsThePrivateKeyDetector(t *testing.T) {
	rules := []redact.Rule{{Name: "pci", Terms: []string{"pan"}, Detectors: []redact.Detector{redact.DetectCardNumber}}}
	out := handlerOutput(t, rules, func(l *slog.Logger) {
		l.Info("jwk", "jwk", map[string]any{"kty": "oct", "k": "c3ltbWV0cmljS2V5"}, "text", `{"kty":"oct","k":"c3ltbWV0cmljS2V5"}`)
	})
	require.Equal(t, 2, strings.Count(out, "c3ltbWV0cmljS2V5"))
}

func TestEmailOutsideASCII(t *testing.T) {
	for _, rules := range [][]redact.Rule{{redact.GDPR}, {redact.ContactInfo}} {
		t.Run(rules[0].Name, func(t *testing.T) {
			requireTextCases(t, rules, []textCase{
				{"umlauts in both parts", "contact: günther.weiß@straße-verlag.at", []string{"günther.weiß@straße-verlag.at", "günther", "straße"}, []string{"contact: "}},
				{"non-ASCII domain", "forwarded to tomas@kvetinářství.cz today", []string{"tomas@kvetinářství.cz"}, []string{"forwarded to", "today"}},
				{"accented local part", "renée.dupré@example.fr", []string{"renée", "dupré"}, nil},
				{"Cyrillic", "почта: ирина@пример.рф", []string{"ирина@пример.рф"}, []string{"почта: "}},
				{"Chinese", "联系 王伟@公司.中国 谢谢", []string{"王伟", "公司.中国"}, []string{"联系 ", " 谢谢"}},
				{"Devanagari with marks", "मेल: राहुल@डाटामेल.भारत", []string{"राहुल@डाटामेल.भारत"}, nil},
				{"in curly quotes", "sent to “małgorzata@poczta.pl”", []string{"małgorzata"}, []string{"“", "”"}},
				{"at sign escaped in JSON", `{"to":"marek.nowak\u0040firma.pl","cc":"x"}`, []string{"marek.nowak", "firma.pl"}, []string{"cc"}},
				{"escaped at, upper hex", `{"from":"ops.lead\u0040acme-corp.io"}`, []string{"ops.lead", "acme-corp.io"}, nil},
			})
		})
	}
	requireTextKept(t, []redact.Rule{redact.GDPR}, []string{
		"logo@2x.png and logo@3x.webp",
		"npm i lodash@4.17.21 and @types/node@20.11",
		"Größe@Äpfel without a dot",
		"noreply@bücher.de sent it",
		`{"pkg":"\u0040types/node","v":"20.1"}`,
		`scope\u0040latest`,
		"versión 2.3 — año 2026, ñandú",
	})
}

func TestCardNumberSplitByTabs(t *testing.T) {
	visa := withLuhn("471629830045127")     // 16 digits
	master := withLuhn("518941207733610")   // 16 digits
	amex := withLuhn("37936250412886")      // 15 digits, written 4-6-5
	discover := withLuhn("601155408821937") // 16 digits
	tabs := func(n string, groups ...int) (string, string) {
		var parts []string
		for _, g := range groups {
			parts = append(parts, n[:g])
			n = n[g:]
		}
		return strings.Join(parts, "\t"), strings.Join(parts, `\t`)
	}
	visaTab, _ := tabs(visa, 4, 4, 4, 4)
	amexTab, _ := tabs(amex, 4, 6, 5)
	_, masterEsc := tabs(master, 4, 4, 4, 4)
	discoverTab, _ := tabs(discover, 4, 4, 4, 4)
	requireTextCases(t, []redact.Rule{redact.PCIDSS}, []textCase{
		{"groups of four", visaTab, []string{visa[:4] + "\t" + visa[4:8], visa[12:]}, nil},
		{"a TSV row", "order-8812\t" + discoverTab + "\tEUR\t19.99", []string{discover[4:8] + "\t" + discover[8:12]}, []string{"order-8812", "EUR", "19.99"}},
		{"Amex in three cells", "amex\t" + amexTab + "\tok", []string{amex[4:10]}, []string{"amex", "ok"}},
		{"tabs escaped in JSON text", `{"row":"` + masterEsc + `"}`, []string{master[4:8] + `\t` + master[8:12], master[12:]}, []string{"row"}},
	})
	requireTextKept(t, []redact.Rule{redact.PCIDSS}, []string{
		"41\t11\t11\t11\t11\t11\t11\t11",       // groups of two: columns of small numbers
		"build\t2026\t12\t02\t110833",          // a date in cells
		"id\t1234\t5678\t9012\t3456",           // no card's prefix
		"qty\t4716\t\t2983\t0045\t1270\tboxes", // an empty cell splits the run
		"v\t3.14\t2.71\t1.41",
	})
}

func TestPhoneEncodedAndInURIs(t *testing.T) {
	for _, rules := range [][]redact.Rule{{redact.GDPR}, {redact.ContactInfo}} {
		t.Run(rules[0].Name, func(t *testing.T) {
			requireTextCases(t, rules, []textCase{
				{"form body", "AccountSid=AC9f2e&From=%2B16465550187&To=%2B447700900461&Body=ok", []string{"16465550187", "447700900461"}, []string{"AccountSid=AC9f2e", "Body=ok"}},
				{"lower-case escape", "callback?caller=%2b33612345678&lang=fr", []string{"33612345678"}, []string{"lang=fr"}},
				{"sms with slashes", "open sms://+4915112345678 now", []string{"4915112345678"}, []string{"open sms://", " now"}},
				{"smsto", "smsto:+61412345678", []string{"61412345678"}, nil},
				{"callto", "href=callto://+12125550143", []string{"12125550143"}, nil},
				{"sms national with body", "sms:6465550187?body=hello", []string{"6465550187"}, []string{"body=hello"}},
				{"tel national", "link tel:07700900461", []string{"07700900461"}, []string{"link tel:"}},
				{"missed call", "missed call from 6465550187 at 10:02", []string{"6465550187"}, []string{"missed call from", "at 10:02"}},
				{"sms to with country code", "SMS to 13125550199 failed", []string{"13125550199"}, []string{"failed"}},
				{"dialled trunk zero", "agent dialled 07911123456", []string{"07911123456"}, nil},
			})
		})
	}
	requireTextKept(t, []redact.Rule{redact.GDPR}, []string{
		"call from 1733150000 ignored", // a Unix time: no area code starts with 1
		"call to 0000012345 queued",    // leading zeros: a padded id
		"order 6465550187 shipped",     // ten digits with no word of calling
		"retry call to api 20 times",
		"page=%2B1&q=%2B12345",  // too short for a number
		"sig=ab%2B1234567890cd", // inside a token
		"status:2125550143x",    // glued to a letter
		"sms:count=12 retries:3",
	})
}

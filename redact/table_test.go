package redact_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	slogmulti "github.com/samber/slog-multi"
	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

type secretValuer struct{ pw string }

func (s secretValuer) LogValue() slog.Value { return slog.StringValue("db password=" + s.pw) }

type loginValuer struct{ user, pw string }

func (l loginValuer) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user", l.user), slog.String("password", l.pw))
}

type stringer struct{ dsn string }

func (s stringer) String() string { return "conn " + s.dsn }

type marshaler struct{ tok string }

func (m marshaler) MarshalJSON() ([]byte, error) {
	return []byte(`{"token":"` + m.tok + `","kind":"oauth"}`), nil
}

type creds struct {
	User     string `json:"user"`
	Password string `json:"password"`
	Note     string `json:"note,omitempty"`
}

type tagged struct {
	Name     string
	Internal string `log:"redact"`
	Skip     string `log:"-"`
}

type deepStruct struct {
	Config map[string]any
	Users  []creds
	Ptr    *creds
}

type leakCase struct {
	name    string
	rules   []redact.Rule
	log     func(l *slog.Logger)
	secrets []string
}

// The secrets below are made up; each is planted through one path.
func leakCases() []leakCase {
	pci := []redact.Rule{redact.Credentials, redact.PCIDSS}
	gdpr := []redact.Rule{redact.Credentials, redact.GDPR}
	hipaa := []redact.Rule{redact.Credentials, redact.HIPAA}
	cases := []leakCase{}
	add := func(name string, rules []redact.Rule, secret string, log func(*slog.Logger)) {
		cases = append(cases, leakCase{name: name, rules: rules, log: log, secrets: []string{secret}})
	}
	// Keys: every spelling of a credential.
	for i, key := range []string{"password", "passwd", "pwd", "Password", "user_password", "passphrase",
		"secret", "client_secret", "clientSecret", "CLIENT-SECRET", "api_key", "apiKey", "APIKey",
		"x-api-key", "access_token", "refreshToken", "auth_token", "id_token", "authorization",
		"Authorization", "cookie", "Set-Cookie", "private_key", "aws_secret_access_key", "session_id",
		"jwt", "otp", "dsn", "connection_string", "credentials", "user.password", "signingKey",
		"password_confirmation", "new_password", "token"} {
		secret := fmt.Sprintf("Zq%02dsecretValue", i)
		add("key "+key, nil, secret, func(l *slog.Logger) { l.Info("m", key, secret) })
	}
	add("sensitive key, value with a detectable part", nil, "hunter2pw", func(l *slog.Logger) {
		l.Info("m", "password", "hunter2pw via postgres://a:b@h/x")
	})
	add("key with int value", nil, "9876543210123", func(l *slog.Logger) { l.Info("m", "pin_code_password", 9876543210123) })
	// Values inside strings, under innocent keys.
	add("url userinfo", nil, "Pg5ecret", func(l *slog.Logger) { l.Info("m", "db", "postgres://app:Pg5ecret@db.internal:5432/orders") })
	add("url userinfo in sentence", nil, "Rd5ecret", func(l *slog.Logger) {
		l.Info("m", "note", "connecting to redis://default:Rd5ecret@cache:6379/0 now")
	})
	add("url userinfo in message", nil, "Mq5ecret", func(l *slog.Logger) { l.Info("dial amqp://guest:Mq5ecret@mq:5672/ failed") })
	add("url userinfo in error", nil, "Er5ecret", func(l *slog.Logger) {
		l.Error("m", "err", fmt.Errorf("open: %w", errors.New("mysql://root:Er5ecret@tcp(db)/app: refused")))
	})
	add("bearer header dump", nil, "abcDEF123tokenXYZ", func(l *slog.Logger) {
		l.Info("m", "headers", "Host: api\nAuthorization: Bearer abcDEF123tokenXYZ\nAccept: */*")
	})
	add("basic auth", nil, "dXNlcjpwYXNzd29yZA==", func(l *slog.Logger) { l.Info("m", "h", "Authorization: Basic dXNlcjpwYXNzd29yZA==") })
	add("bearer in message", nil, "tok_9f8e7d6c5b4a", func(l *slog.Logger) { l.Info("sent Bearer tok_9f8e7d6c5b4a upstream") })
	jwt := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlX2hlcmVfeHl6"
	add("jwt in value", nil, jwt, func(l *slog.Logger) { l.Info("m", "id", jwt) })
	add("jwt in message", nil, jwt, func(l *slog.Logger) { l.Info("got " + jwt + " from idp") })
	add("aws key id", nil, "AKIAIOSFODNN7EXAMPLE", func(l *slog.Logger) { l.Info("m", "cfg", "key AKIAIOSFODNN7EXAMPLE region us-east-1") })
	add("aws secret pair", nil, "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", func(l *slog.Logger) {
		l.Info("m", "env", "aws_secret_access_key=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")
	})
	add("pem private key", nil, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", func(l *slog.Logger) {
		l.Info("m", "blob", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----")
	})
	add("pem rsa key without end", nil, "MIIEowIBAAKCAQEA", func(l *slog.Logger) {
		l.Info("m", "blob", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA")
	})
	add("password pair in message", nil, "hunter2x", func(l *slog.Logger) { l.Info("login failed password=hunter2x user=bob") })
	add("token pair in value", nil, "tkn_55aa", func(l *slog.Logger) { l.Info("m", "query", "a=1&token=tkn_55aa&b=2") })
	add("json pair in value", nil, "s3cr3t-json", func(l *slog.Logger) { l.Info("m", "body", `{"user":"bob","password":"s3cr3t-json"}`) })
	add("colon pair", nil, "pw-colon-1", func(l *slog.Logger) { l.Info("m", "line", "secret: pw-colon-1") })
	// Card numbers (redact.PCIDSS preset).
	for _, pan := range []string{"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "378282246310005",
		"6011111111111117", "5555555555554444", "4222222222222", "3530111333300000", "6304000000000000000"} {
		add("card "+pan, pci, pan, func(l *slog.Logger) { l.Info("m", "detail", "charged card "+pan+" ok") })
	}
	add("card in message", pci, "5105105105105100", func(l *slog.Logger) { l.Info("charge 5105105105105100 declined") })
	add("card key", pci, "xx-any-value", func(l *slog.Logger) { l.Info("m", "card_number", "xx-any-value") })
	// Secrets made only of digits are longer than any digit run in a timestamp
	// (nine), so that a match can only be a leak.
	add("cvv key", pci, "cvv-7319", func(l *slog.Logger) { l.Info("m", "cvv", "cvv-7319") })
	add("card in error", pci, "4012888888881881", func(l *slog.Logger) { l.Info("m", "err", errors.New("bad pan 4012888888881881")) })
	// PII presets.
	add("ssn value", hipaa, "123-45-6789", func(l *slog.Logger) { l.Info("m", "note", "patient ssn 123-45-6789 on file") })
	add("mrn key", hipaa, "MRN-000042", func(l *slog.Logger) { l.Info("m", "mrn", "MRN-000042") })
	add("patient id key", hipaa, "P-77", func(l *slog.Logger) { l.Info("m", "patientId", "P-77") })
	add("email value", gdpr, "alice@example.com", func(l *slog.Logger) { l.Info("m", "to", "mail sent to alice@example.com.") })
	add("email in message", gdpr, "bob@example.org", func(l *slog.Logger) { l.Info("invite bob@example.org") })
	add("phone key", gdpr, "+44 20 7946 0958", func(l *slog.Logger) { l.Info("m", "phone_number", "+44 20 7946 0958") })
	add("ip address key", gdpr, "203.0.113.7", func(l *slog.Logger) { l.Info("m", "client_ip", "203.0.113.7") })
	// Reach: With, groups, LogValuers, maps, slices, structs, errors, Stringers.
	add("With attr", nil, "with-secret-1", func(l *slog.Logger) { l.With("password", "with-secret-1").Info("m") })
	add("With url", nil, "with-secret-2", func(l *slog.Logger) { l.With("db", "mongodb://u:with-secret-2@h/x").Info("m") })
	add("With after WithGroup", nil, "with-secret-3", func(l *slog.Logger) { l.WithGroup("req").With("token", "with-secret-3").Info("m") })
	add("WithGroup then attr", nil, "grp-secret-1", func(l *slog.Logger) { l.WithGroup("auth").Info("m", "secret", "grp-secret-1") })
	add("group attr", nil, "grp-secret-2", func(l *slog.Logger) { l.Info("m", slog.Group("user", "name", "bob", "password", "grp-secret-2")) })
	add("nested groups", nil, "grp-secret-3", func(l *slog.Logger) {
		l.Info("m", slog.Group("a", slog.Group("b", slog.Group("c", slog.String("api_key", "grp-secret-3")))))
	})
	add("sensitive group key", nil, "grp-secret-4", func(l *slog.Logger) { l.Info("m", slog.Group("credentials", "user", "grp-secret-4")) })
	add("inline group", nil, "grp-secret-5", func(l *slog.Logger) { l.Info("m", slog.Group("", "password", "grp-secret-5")) })
	add("LogValuer string", nil, "lv-secret-1", func(l *slog.Logger) { l.Info("m", "conn", secretValuer{"lv-secret-1"}) })
	add("LogValuer group", nil, "lv-secret-2", func(l *slog.Logger) { l.Info("m", "login", loginValuer{"bob", "lv-secret-2"}) })
	add("LogValuer in With", nil, "lv-secret-3", func(l *slog.Logger) { l.With("login", loginValuer{"bob", "lv-secret-3"}).Info("m") })
	add("map[string]any", nil, "map-secret-1", func(l *slog.Logger) { l.Info("m", "req", map[string]any{"user": "bob", "password": "map-secret-1"}) })
	add("nested map", nil, "map-secret-2", func(l *slog.Logger) {
		l.Info("m", "req", map[string]any{"a": map[string]any{"b": map[string]any{"client_secret": "map-secret-2"}}})
	})
	add("map value with url", nil, "map-secret-3", func(l *slog.Logger) { l.Info("m", "cfg", map[string]any{"db": "postgres://x:map-secret-3@h/d"}) })
	add("map[string]string", nil, "map-secret-4", func(l *slog.Logger) { l.Info("m", "hdr", map[string]string{"X-Api-Key": "map-secret-4"}) })
	add("map[string]int key", nil, "4242424242", func(l *slog.Logger) { l.Info("m", "m", map[string]int{"pin_password": 4242424242}) })
	add("slice of maps", nil, "slice-secret-1", func(l *slog.Logger) { l.Info("m", "list", []any{map[string]any{"token": "slice-secret-1"}}) })
	add("slice of strings", pci, "4111111111111111", func(l *slog.Logger) { l.Info("m", "list", []string{"x", "card 4111111111111111"}) })
	add("struct json tag", nil, "struct-secret-1", func(l *slog.Logger) { l.Info("m", "c", creds{User: "bob", Password: "struct-secret-1"}) })
	add("pointer to struct", nil, "struct-secret-2", func(l *slog.Logger) { l.Info("m", "c", &creds{User: "bob", Password: "struct-secret-2"}) })
	add("log redact tag", nil, "struct-secret-3", func(l *slog.Logger) { l.Info("m", "t", tagged{Name: "n", Internal: "struct-secret-3"}) })
	add("log omit tag", nil, "struct-secret-4", func(l *slog.Logger) { l.Info("m", "t", tagged{Name: "n", Skip: "struct-secret-4"}) })
	add("deep struct", nil, "struct-secret-5", func(l *slog.Logger) {
		l.Info("m", "d", deepStruct{Config: map[string]any{"k": "v"}, Users: []creds{{User: "a", Password: "struct-secret-5"}}})
	})
	add("deep struct pointer", nil, "struct-secret-6", func(l *slog.Logger) {
		l.Info("m", "d", deepStruct{Ptr: &creds{Password: "struct-secret-6"}})
	})
	add("error with dsn", nil, "err-secret-1", func(l *slog.Logger) {
		l.Error("query", "err", errors.New("dial postgres://a:err-secret-1@h/db: timeout"))
	})
	add("wrapped error pair", nil, "err-secret-2", func(l *slog.Logger) {
		l.Error("m", "err", fmt.Errorf("auth: %w", errors.New("token=err-secret-2 rejected")))
	})
	add("stringer", nil, "str-secret-1", func(l *slog.Logger) { l.Info("m", "s", stringer{"postgres://u:str-secret-1@h/d"}) })
	add("json marshaler", nil, "mj-secret-1", func(l *slog.Logger) { l.Info("m", "m", marshaler{"mj-secret-1"}) })
	add("bytes", nil, "bytes-secret-1", func(l *slog.Logger) { l.Info("m", "b", []byte("password=bytes-secret-1")) })
	add("any string", nil, "any-secret-1", func(l *slog.Logger) { l.Info("m", slog.Any("password", "any-secret-1")) })
	add("group in map", nil, "mix-secret-1", func(l *slog.Logger) {
		l.Info("m", slog.Group("g", slog.Any("payload", map[string]any{"refresh_token": "mix-secret-1"})))
	})
	add("path rule", []redact.Rule{redact.Credentials, {Name: "custom", Paths: []string{"billing.*.holder"}}}, "Jane Roe", func(l *slog.Logger) {
		l.WithGroup("billing").Info("m", slog.Group("card", "holder", "Jane Roe"))
	})
	add("custom term", []redact.Rule{redact.Credentials, {Name: "custom", Terms: []string{"tenant key"}}}, "tk-1", func(l *slog.Logger) { l.Info("m", "tenantKey", "tk-1") })
	add("custom regexp", []redact.Rule{redact.Credentials, {Name: "custom", Detectors: []redact.Detector{redact.DetectRegexp("ticket", regexpMust(`TCK-\d+`))}}}, "TCK-9912", func(l *slog.Logger) {
		l.Info("m", "note", "see TCK-9912")
	})
	add("too deep", nil, "deep-secret-1", func(l *slog.Logger) {
		var v any = "deep-secret-1"
		for range 40 {
			v = map[string]any{"x": v}
		}
		l.Info("m", "v", v)
	})
	add("too many nodes", []redact.Rule{redact.Credentials, {Name: "limits", MaxNodes: 50}}, "node-secret-1", func(l *slog.Logger) {
		list := make([]any, 100)
		for i := range list {
			list[i] = "ok"
		}
		list[99] = "node-secret-1" // beyond the limit: masked even though no rule would catch it
		l.Info("m", "list", list)
	})
	return cases
}

type cleanCase struct {
	name  string
	rules []redact.Rule
	log   func(*slog.Logger)
}

func cleanCases() []cleanCase {
	return []cleanCase{
		{"author key", nil, func(l *slog.Logger) { l.Info("m", "author", "Ursula") }},
		{"token_count", nil, func(l *slog.Logger) { l.Info("m", "token_count", 1234) }},
		{"token_type", nil, func(l *slog.Logger) { l.Info("m", "token_type", "bearer") }},
		{"password_length", nil, func(l *slog.Logger) { l.Info("m", "password_length", 12) }},
		{"secret_name", nil, func(l *slog.Logger) { l.Info("m", "secret_name", "prod/db") }},
		{"tokenizer", nil, func(l *slog.Logger) { l.Info("m", "tokenizer", "bpe") }},
		{"secretary", nil, func(l *slog.Logger) { l.Info("m", "secretary", "Joan") }},
		{"keyboard", nil, func(l *slog.Logger) { l.Info("m", "key", "k1", "keyboard", "uk") }},
		{"luhn-invalid order id", []redact.Rule{redact.Credentials, redact.PCIDSS}, func(l *slog.Logger) { l.Info("m", "order", "order 4111111111111112 shipped") }},
		{"16-digit id", []redact.Rule{redact.Credentials, redact.PCIDSS}, func(l *slog.Logger) { l.Info("m", "id", 1234567812345678) }},
		{"short number", []redact.Rule{redact.Credentials, redact.PCIDSS}, func(l *slog.Logger) { l.Info("m", "n", "123456789012") }},
		{"url without credentials", nil, func(l *slog.Logger) { l.Info("m", "url", "https://example.com/path?q=1#frag") }},
		{"email-like url", nil, func(l *slog.Logger) { l.Info("m", "url", "https://example.com/@user/posts") }},
		{"bearer prose", nil, func(l *slog.Logger) { l.Info("the bearer of bad news") }},
		{"time with colons", nil, func(l *slog.Logger) { l.Info("m", "at", "12:30:45", "ratio", "a=b") }},
		{"sha256", nil, func(l *slog.Logger) {
			l.Info("m", "sha", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
		}},
		{"uuid", nil, func(l *slog.Logger) { l.Info("m", "request_id", "123e4567-e89b-12d3-a456-426614174000") }},
		{"ssn-like invalid", []redact.Rule{redact.Credentials, redact.HIPAA}, func(l *slog.Logger) { l.Info("m", "code", "000-12-3456 and 666-12-3456") }},
		{"no at sign", []redact.Rule{redact.Credentials, redact.GDPR}, func(l *slog.Logger) { l.Info("m", "handle", "alice at example") }},
		{"numbers and bools", nil, func(l *slog.Logger) { l.Info("m", "status", 200, "ok", true, "ratio", 0.5) }},
		{"nested clean map", nil, func(l *slog.Logger) { l.Info("m", "m", map[string]any{"a": map[string]any{"b": 1}}) }},
		{"clean struct", nil, func(l *slog.Logger) { l.Info("m", "c", creds{User: "bob"}) }},
		{"allow-listed key", []redact.Rule{redact.Credentials, {Name: "allow", Allow: []string{"password_policy_doc"}}}, func(l *slog.Logger) {
			l.Info("m", "password_policy_doc", "see wiki")
		}},
		{"key id", nil, func(l *slog.Logger) { l.Info("m", "api_key_id", "k-123") }},
		{"error without secret", nil, func(l *slog.Logger) { l.Error("m", "err", errors.New("connection refused")) }},
	}
}

type outputs struct {
	redacted []*bytes.Buffer // everything that must not leak
	original *bytes.Buffer   // the Fanout sibling that must see the original
}

// runModes logs through every way redaction can be deployed.
func runModes(t *testing.T, rules []redact.Rule, log func(*slog.Logger)) map[string]outputs {
	t.Helper()
	mk := func() *redact.Redactor {
		r, err := redact.New(rules...)
		require.NoError(t, err)
		return r
	}
	res := map[string]outputs{}

	var b1 bytes.Buffer
	h := slogcore.New(&b1, &slogcore.Options{Redact: mk()})
	log(slog.New(h))
	require.NoError(t, h.Close(context.Background()))
	res["New"] = outputs{redacted: []*bytes.Buffer{&b1}}

	var b2 bytes.Buffer
	w := slogcore.Async(slog.NewJSONHandler(&b2, nil), &slogcore.Options{Redact: mk()})
	log(slog.New(w))
	require.NoError(t, w.Close(context.Background()))
	res["Wrap"] = outputs{redacted: []*bytes.Buffer{&b2}}

	var b3, b4 bytes.Buffer
	log(slog.New(redact.NewHandler(slog.NewJSONHandler(&b3, nil), mk())))
	log(slog.New(redact.NewHandler(slog.NewTextHandler(&b4, nil), mk())))
	res["Redact"] = outputs{redacted: []*bytes.Buffer{&b3, &b4}}

	var b5, b6 bytes.Buffer
	log(slog.New(slogmulti.Fanout(redact.NewHandler(slog.NewJSONHandler(&b5, nil), mk()), slog.NewJSONHandler(&b6, nil))))
	res["Fanout"] = outputs{redacted: []*bytes.Buffer{&b5}, original: &b6}
	return res
}

func TestRedactionLeaksNothing(t *testing.T) {
	cases := leakCases()
	require.GreaterOrEqual(t, len(cases), 80)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			masked := false
			for mode, out := range runModes(t, tc.rules, tc.log) {
				for _, b := range out.redacted {
					require.NotZero(t, b.Len(), "%s wrote nothing", mode)
					for _, secret := range tc.secrets {
						require.NotContains(t, b.String(), secret, "%s leaked", mode)
					}
					masked = masked || strings.Contains(b.String(), redact.DefaultMask)
				}
				// The sibling sees what slog writes: []byte as base64, no log tags.
				if out.original != nil && tc.name != "bytes" && tc.name != "stringer" && !strings.HasPrefix(tc.name, "log ") {
					for _, secret := range tc.secrets {
						require.Contains(t, out.original.String(), secret, "%s: the Fanout sibling lost the original value", mode)
					}
				}
			}
			require.True(t, masked, "no output shows the mask: the secret was dropped, not redacted")
		})
	}
}

func TestRedactionKeepsCleanRecords(t *testing.T) {
	cases := cleanCases()
	require.GreaterOrEqual(t, len(cases), 20)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var plain bytes.Buffer
			log := func(l *slog.Logger) { tc.log(l.With()) }
			noTime := &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}
			log(slog.New(slog.NewJSONHandler(&plain, noTime)))
			var got bytes.Buffer
			h := slogcore.New(&got, &slogcore.Options{ReplaceAttr: dropTimeAttr, Redact: redact.Must(append([]redact.Rule{redact.Credentials}, tc.rules...)...)})
			log(slog.New(h))
			require.NoError(t, h.Close(context.Background()))
			require.Equal(t, plain.String(), got.String())
			var via bytes.Buffer
			log(slog.New(redact.NewHandler(slog.NewJSONHandler(&via, noTime), redact.Must(append([]redact.Rule{redact.Credentials}, tc.rules...)...))))
			require.Equal(t, plain.String(), via.String())
		})
	}
}

func dropTimeAttr(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 {
		return slog.Attr{}
	}
	return a
}

func regexpMust(expr string) *regexp.Regexp { return regexp.MustCompile(expr) }

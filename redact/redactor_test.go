package redact

import (
	"bytes"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSplitKey(t *testing.T) {
	for key, want := range map[string][]string{
		"client_secret":  {"client", "secret"},
		"clientSecret":   {"client", "secret"},
		"CLIENT-SECRET":  {"client", "secret"},
		"APIKey":         {"api", "key"},
		"x.api.key":      {"x", "api", "key"},
		"HTTPServerName": {"http", "server", "name"},
		"author":         {"author"},
		"token2":         {"token2"},
		"":               nil,
	} {
		require.Equal(t, want, splitKey(key), key)
	}
}

func TestKeyMatching(t *testing.T) {
	r := Must(Credentials)
	for key, sensitive := range map[string]bool{
		"password": true, "client_secret": true, "clientSecret": true, "apikey": true, "api_key": true,
		"X-API-KEY": true, "authToken": true, "user.password": true, "password_confirmation": true,
		"author": false, "token_count": false, "tokenizer": false, "secret_name": false,
		"api_key_id": false, "keyboard": false, "passage": false,
		// Short, compound and vendor spellings.
		"pass": true, "db_pass": true, "DBPass": true, "auth": true, "auths": true, "maps_key": true,
		"stripeKey": true, "Ocp-Apim-Subscription-Key": true, "X-Functions-Key": true, "SUMO_ACCESSKEY": true,
		"auth_code": true, "creds": true,
		// Words after a term that describe it.
		"pass_rate": false, "auth_service": false, "signature_algorithm": false, "password_error": false,
		"token_timeout": false, "auth_method": false, "cache_key": false, "partition_key": false, "key": false,
		"public_key": false, "max_tokens": false, "cache_expiry": false,
	} {
		require.Equal(t, sensitive, r.keyRule(key) != "", key)
	}
}

func TestNewRedactorErrors(t *testing.T) {
	_, err := New(
		Rule{Terms: []string{"x"}},
		Rule{Name: "a", Terms: []string{"--"}, Paths: []string{"a..b"}, Mask: `"bad"`},
		Rule{Name: "b", Mask: "***"},
		Rule{Name: "c", Mask: "###", Detectors: []Detector{{Name: "broken"}}, MaxDepth: -1},
	)
	require.Error(t, err)
	msg := err.Error()
	require.True(t, strings.HasPrefix(msg, "redact: invalid redaction rules"))
	for _, want := range []string{"Name is empty", `term "--"`, `path "a..b"`, "quote, backslash", `Mask "###" conflicts`, `detector "broken"`, "MaxDepth -1"} {
		require.Contains(t, msg, want)
	}
	r, err := New()
	require.NoError(t, err)
	require.Equal(t, DefaultMask, r.Mask())
}

func TestRedactStringSpans(t *testing.T) {
	r := Must(Credentials, PCIDSS, GDPR)
	for in, want := range map[string]string{
		"postgres://app:pw@db:5432/x?sslmode=disable": "postgres://[REDACTED]@db:5432/x?sslmode=disable",
		"card 4111 1111 1111 1111 ok":                 "card [REDACTED] ok",
		"order 4111111111111112 shipped":              "order 4111111111111112 shipped",
		"mail alice@example.com.":                     "mail [REDACTED].",
		"login password=hunter2 user=bob":             "login password=[REDACTED] user=bob",
		`{"token":"abc","n":1}`:                       `{"token":"[REDACTED]","n":1}`,
		"Authorization: Bearer abc.def-123":           "Authorization: [REDACTED]",
		// Scheme words found by scan's quick test, without ':' or '='.
		"sent Bearer tok_9f8e7d6c upstream": "sent Bearer [REDACTED] upstream",
		"bearer tok_9f8e7d6c":               "bearer [REDACTED]",
		"x Basic dXNlcjpwYXNz":              "x Basic [REDACTED]",
		"Token abcd1234 (old)":              "Token [REDACTED] (old)",
		"(Digest abcd1234)":                 "(Digest [REDACTED])",
		"ApiKey k-1234567":                  "ApiKey [REDACTED]",
		"use Negotiate YIIabcd1234":         "use Negotiate [REDACTED]",
		"Bearer\tabcd1234":                  "Bearer\t[REDACTED]",
		// Near misses stay as they are.
		"subbearer tok_9f8e7d6c":   "subbearer tok_9f8e7d6c",
		"2Bearer tok_9f8e7d6c":     "2Bearer tok_9f8e7d6c",
		"the bearer of bad news":   "the bearer of bad news",
		"connection reset by peer": "connection reset by peer",
	} {
		got, _ := r.String(in)
		require.Equal(t, want, got, in)
	}
}

// FuzzRedactString: arbitrary text never panics, and a planted card number
// or password= value never survives.
func FuzzRedactString(f *testing.F) {
	for _, s := range []string{"", "plain", "password=x", "postgres://u:p@h/d", "4111 1111 1111 1111",
		"Bearer abc", "eyJa.eyJb.c", "-----BEGIN PRIVATE KEY-----", "a@b.co", "123-45-6789", "\xff\xfe=:@",
		"x ＝ y", "＝", "名前：太郎 パスワード＝abc123", "ｐａｓｓ：x"} {
		f.Add(s, s)
	}
	r := Must(Credentials, PCIDSS, GDPR)
	f.Fuzz(func(t *testing.T, prefix, suffix string) {
		out, _ := r.String(prefix + suffix)
		_ = out
		const pan = "4539578763621486" // Luhn-valid
		planted := prefix + " " + pan + " " + suffix
		if got, _ := r.String(planted); strings.Contains(got, pan) {
			t.Fatalf("card survived: %q -> %q", planted, got)
		}
		const pw = "Zx9pw8Qq"
		planted = prefix + " password=" + pw + " " + suffix
		if got, _ := r.String(planted); strings.Contains(got, pw) {
			t.Fatalf("password survived: %q -> %q", planted, got)
		}
	})
}

// FuzzRedactNested: arbitrary nested maps never panic, and a secret under a
// sensitive key at any depth never reaches the output.
func FuzzRedactNested(f *testing.F) {
	f.Add("a", "b", "v", uint8(3))
	f.Add("password", "", "", uint8(0))
	f.Add("x.y", "token", "\x00", uint8(40))
	r := Must(Credentials, PCIDSS)
	f.Fuzz(func(t *testing.T, k1, k2, v string, depth uint8) {
		const secret = "Sq7secretQ"
		var val any = map[string]any{k1: v, "client_secret": secret, k2: []any{v, map[string]any{"pwd": secret}}}
		for i := 0; i < int(depth%48); i++ {
			val = map[string]any{fmt.Sprint(k1, i): val, k2: v}
		}
		var buf bytes.Buffer
		slog.New(NewHandler(slog.NewJSONHandler(&buf, nil), r)).Info(v, k1, val, slog.Group(k2, k1, val))
		if strings.Contains(buf.String(), secret) {
			t.Fatalf("secret survived: %s", buf.String())
		}
	})
}

// TestKeyCacheUnderCollisions: thousands of keys built at run time share
// the cache's 512 slots; every answer must equal the uncached verdict.
func TestKeyCacheUnderCollisions(t *testing.T) {
	r := Must(Credentials)
	for round := range 2 {
		for i := range 5000 {
			key := fmt.Sprintf("field_%d", i)
			if i%3 == 0 {
				key = fmt.Sprintf("password_%d", i)
			}
			require.Equal(t, r.judgeKey(key).rule, r.fastVerdict(key).rule, "round %d key %q", round, key)
		}
		runtime.GC() // free the first round's keys: their addresses may be reused
	}
}

// TestCleanCacheAgreesWithScan: the clean-string cache answers exactly as
// a scan does, for repeated constants, equal strings at other addresses,
// and secrets of the same length as remembered clean strings.
func TestCleanCacheAgreesWithScan(t *testing.T) {
	r := Must(Credentials, PCIDSS)
	fresh := Must(Credentials, PCIDSS)
	rng := rand.New(rand.NewPCG(1, 2))
	clean := []string{"GET", "request handled", "/api/v1/orders/12345", "ok"}
	secret := []string{"password=abc", "4111111111111111", "Bearer abcd1234", "postgres://u:p@h/db"}
	for i := 0; i < 20000; i++ {
		var s string
		switch rng.IntN(4) {
		case 0:
			s = clean[rng.IntN(len(clean))]
		case 1:
			s = secret[rng.IntN(len(secret))]
		case 2: // the same text at a new address
			s = string([]byte(clean[rng.IntN(len(clean))]))
		default: // a secret with the length of a clean string, at a new address
			s = string([]byte("password=" + strings.Repeat("x", rng.IntN(12))))
		}
		want := fresh.apply(s, fresh.find(s, nil, func(string) {}))
		if spans := fresh.find(s, nil, func(string) {}); len(spans) == 0 {
			want = s
		}
		got, _ := r.String(s)
		require.Equal(t, want, got, s)
	}
}

// TestConcurrentUse: many goroutines share one Redactor (its key cache,
// its clean-string cache, its counters) and every answer equals the one a
// Redactor used by one goroutine gives.
func TestConcurrentUse(t *testing.T) {
	shared := Must(Credentials, PCIDSS, GDPR)
	ref := Must(Credentials, PCIDSS, GDPR)
	texts := []string{"GET /api/v1/orders/1", "password=hunter2x", "mail bob@example.org", "card 4111 1111 1111 1111",
		"token refreshed for user 42", "ghp_Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN", "plain text", "client_ip=10.1.2.3"}
	keys := []string{"user", "password", "a@example.com", "maps_key", "cache_key", "msisdn", "location", "note"}
	wantText := make([]string, len(texts))
	for i, s := range texts {
		wantText[i], _ = ref.String(s)
	}
	type scalar struct {
		key  string
		mask bool
	}
	wantKey := make([]scalar, len(keys))
	for i, k := range keys {
		wantKey[i].key, wantKey[i].mask = ref.Scalar(nil, k, slog.StringValue("v"))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 7))
			for range 3000 {
				i := rng.IntN(len(texts))
				s := texts[i]
				if rng.IntN(2) == 0 {
					s = string([]byte(s)) // the same text at another address
				}
				if got, _ := shared.String(s); got != wantText[i] {
					errs <- fmt.Sprintf("String(%q) = %q, want %q", s, got, wantText[i])
					return
				}
				j := rng.IntN(len(keys))
				k := keys[j]
				if rng.IntN(2) == 0 {
					k = string([]byte(k))
				}
				if key, mask := shared.Scalar(nil, k, slog.StringValue("v")); key != wantKey[j].key || mask != wantKey[j].mask {
					errs <- fmt.Sprintf("Scalar(%q) = %q %v, want %q %v", k, key, mask, wantKey[j].key, wantKey[j].mask)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestOperatorsWithoutKeyReturn: a full-width operator with no key before
// it (after a space, at the start, twice in a row) once stopped the pair
// search from advancing, and String never returned, with every preset that
// has a non-ASCII term (Credentials among them). Each input must return,
// and the pairs after such an operator are still found.
func TestOperatorsWithoutKeyReturn(t *testing.T) {
	inputs := map[string]string{ // input: the secret that must not survive ("" for none)
		"x ＝ y":                    "",
		"＝":                        "",
		"status ： ok":              "",
		"a：＝b":                     "",
		"＝password=Vq8xLm2Rt":      "Vq8xLm2Rt",
		"note ＝ token: Hb7wZp4Kq9": "Hb7wZp4Kq9",
		"：：：passwort＝Gy5nTx8Wc":    "Gy5nTx8Wc",
		"ключ ＝ 1, пароль＝Rk3vQz7Lm": "Rk3vQz7Lm",
	}
	for _, rule := range []Rule{Credentials, PCIDSS, HIPAA, GDPR} {
		r := Must(Credentials, rule)
		for in, secret := range inputs {
			done := make(chan string, 1)
			go func() { out, _ := r.String(in); done <- out }()
			select {
			case out := <-done:
				if secret != "" && strings.Contains(out, secret) {
					t.Errorf("%s: %q -> %q: the secret survived", rule.Name, in, out)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%s: String(%q) did not return", rule.Name, in)
			}
		}
	}
}

// TestStringFailsClosedOnPanic: a search that panics (here a detector
// built without DetectorFunc's own recovery, as a built-in one is) never
// panics the caller; the whole string is masked and the panic counted.
func TestStringFailsClosedOnPanic(t *testing.T) {
	boom := Detector{Name: "boom", find: func(s string, spans []span) []span {
		if strings.Contains(s, "boom") {
			panic("a search's bug")
		}
		return spans
	}}
	r := Must(Credentials, Rule{Name: "boom", Detectors: []Detector{boom}})
	out, changed := r.String("user=ann boom password=Kq8vLx2mNw")
	if !changed || out != DefaultMask {
		t.Fatalf("String = %q, %v; want the whole string masked", out, changed)
	}
	if _, got := r.Counters(); got != 1 {
		t.Fatalf("Panics = %d, want 1", got)
	}
	if out, changed := r.String("user=ann ok"); changed || out != "user=ann ok" {
		t.Fatalf("a clean string after the panic: %q, %v", out, changed)
	}
}

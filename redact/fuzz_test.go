package redact

import (
	"log/slog"
	"strings"
	"testing"
)

// allPresets is every preset at once: the most detectors and terms.
func allPresets() *Redactor {
	return Must(Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo)
}

// plantedSecrets has one secret per detector kind, and the part of it
// that must never reach the output.
var plantedSecrets = []struct{ kind, secret, probe string }{
	{"url-userinfo", "postgres://app:Fz9Lq2Wm@db:5432/x", "Fz9Lq2Wm"},
	{"authorization", "Authorization: Bearer Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"bearer", "Bearer Fz9Lq2WmTk0", "Fz9Lq2WmTk0"},
	{"jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJGejlMcSJ9.Fz9Lq2WmTkQ0", "Fz9Lq2WmTkQ0"},
	{"aws-access-key-id", "AKIAFZ9LQ2WMTKQ0ZX7P", "FZ9LQ2WMTKQ0ZX7P"},
	{"private-key", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIFz9Lq2WmTkQ0\n-----END EC PRIVATE KEY-----", "MHcCAQEEIFz9Lq2WmTkQ0"},
	{"token-format", "ghp_Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN", "iJ7kL8mN"},
	{"token-format", "xoxb-123456789012-1234567890123-Fz9Lq2WmTkQ0Zx7PaB3cD4eF", "Zx7PaB3cD4eF"},
	{"token-format", "sk_live_Fz9Lq2WmTkQ0Zx7PaB3cD4eF", "Zx7PaB3cD4eF"},
	{"token-format", "AIzaSyFz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL", "Zx7PaB3cD4eF"},
	{"dsn", "svc:Fz9Lq2Wm@tcp(db:3306)/orders", "Fz9Lq2Wm"},
	{"pair", "password=Fz9Lq2Wm", "Fz9Lq2Wm"},
	{"card-number", "4539 1488 0343 6467", "0343 6467"},
	{"ssn", "219-09-9999", "219-09-9999"},
	{"email", "fz9lq2@example.org", "fz9lq2@example"},
	{"phone", "+44 20 7946 0958", "7946 0958"},
	{"iban", "GB82 WEST 1234 5698 7654 32", "5698 7654"},
}

// FuzzRedactPlanted: redaction of arbitrary text never panics, is
// idempotent, and a secret of each detector kind planted on its own line
// inside arbitrary text is always masked.
func FuzzRedactPlanted(f *testing.F) {
	for _, s := range []string{"", "plain", "a=b:c", "password=x", "Bearer", "token \"", "x:y@tcp(", "+1 (", "GB82",
		"eyJ", "-----BEGIN ", "ENC[", "{{", "<password>", "--password", "\xff\xfe=:@", "4111 1111", "Q~", ".atlasv1."} {
		f.Add(s, s, uint8(0))
	}
	r := allPresets()
	f.Fuzz(func(t *testing.T, prefix, suffix string, which uint8) {
		once, _ := r.String(prefix + suffix)
		if twice, _ := r.String(once); twice != once {
			t.Fatalf("not idempotent:\n%q\n-> %q\n-> %q", prefix+suffix, once, twice)
		}
		p := plantedSecrets[int(which)%len(plantedSecrets)]
		planted := prefix + "\n" + p.secret + "\n" + suffix
		got, _ := r.String(planted)
		if strings.Contains(got, p.probe) {
			t.Fatalf("%s survived: %q -> %q", p.kind, planted, got)
		}
		if again, _ := r.String(got); again != got {
			t.Fatalf("not idempotent after planting:\n%q\n-> %q", got, again)
		}
	})
}

// FuzzRedactAttrIdempotent: redacting a redacted attribute tree (maps
// with arbitrary keys and values, groups, slices) changes nothing, and
// never panics.
func FuzzRedactAttrIdempotent(f *testing.F) {
	f.Add("user", "bob", "a@b.example", "password=x")
	f.Add("X-Forwarded-For", "1.2.3.4", "--token", "tok123456")
	f.Add("", "", "", "")
	r := allPresets()
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		a := slog.Group("g", slog.String(k1, v1), slog.Any("m", map[string]any{k1: v1, k2: []any{k2, v2}, "n": map[string]string{k2: v2}}),
			slog.Any("argv", []string{k1, k2, v2}), slog.Int(k2, 4539148803436467))
		once, _ := r.Attr(nil, a)
		twice, _ := r.Attr(nil, once)
		if once.String() != twice.String() {
			t.Fatalf("not idempotent:\n%s\n%s", once, twice)
		}
	})
}

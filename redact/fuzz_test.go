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
	{"pgpass", "db.fz.internal:5432:app:svc:Fz9Lq2Wm", "Fz9Lq2Wm"},
	{"authorization", "Authorization: Bearer Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"bearer", "Bearer Fz9Lq2WmTk0", "Fz9Lq2WmTk0"},
	{"jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJGejlMcSJ9.Fz9Lq2WmTkQ0", "Fz9Lq2WmTkQ0"},
	{"aws-access-key-id", "AKIAFZ9LQ2WMTKQ0ZX7P", "FZ9LQ2WMTKQ0ZX7P"},
	{"private-key", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIFz9Lq2WmTkQ0\n-----END EC PRIVATE KEY-----", "MHcCAQEEIFz9Lq2WmTkQ0"},
	{"private-key", "PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 1\nAAAAgFz9Lq2WmTkQ0\nPrivate-MAC: 00", "AAAAgFz9Lq2WmTkQ0"},
	{"token-format", "ghp_Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN", "iJ7kL8mN"},
	{"kube-secret", "kind: Secret\ndata:\n  db-url: Rno5THEyV21Ua1Ew\n", "Rno5THEyV21Ua1Ew"},
	{"token-format", "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBRno5THEyV21Ua1Ew", "Rno5THEyV21Ua1Ew"},
	{"token-format", "xoxb-123456789012-1234567890123-Fz9Lq2WmTkQ0Zx7PaB3cD4eF", "Zx7PaB3cD4eF"},
	{"token-format", "sk_live_Fz9Lq2WmTkQ0Zx7PaB3cD4eF", "Zx7PaB3cD4eF"},
	{"token-format", "AIzaSyFz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL", "Zx7PaB3cD4eF"},
	{"token-format", "live_4f9a2c7e1b3d5f7a9c1e3b5d7f9a2c4e6b8", "1e3b5d7f9a2c4e6b8"},
	{"token-format", "test_pub_4f9a2c7e1b3d5f7a9c1e3b5d7f9a2c4", "1e3b5d7f9a2c4"},
	{"token-format", "sk_Fz9Lq2WmTk#Q0&Zx7PaB3cD4eF5gH", "Zx7PaB3cD4eF5gH"},
	{"token-format", "pk.Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5aB6cD7eF8.gH9iJ0kL1mN2oP3qR4sT5u", "oP3qR4sT5u"},
	{"token-format", "t1.Fz9Lq2WmTk-Q0Zx7Pa==.B3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5aB6cD7eF8gH9iJ0kL1mN2oP3qR4sT5uV6wX7yZ8aB9cD0eF1gH2iJ3kL", "iJ3kL"},
	{"token-format", "patFz9Lq2WmTkQ0Zx.4f9a2c7e1b3d5f7a9c1e3b5d7f9a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a", "0b2d4f6a"},
	{"token-format", "AAAAAAAAAAAAAAAAAAAAAAFz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5aB6cD7eF8gH9iJ0kL1mN2oP3q%2FR4sT5u", "R4sT5u"},
	{"token-format", "eyFz9Lq2WmTkQ0Zx7PaB.eyC3dD4eF5gH6iJ7kL8mN9.oP0qR1sT2uV3wX4", "oP0qR1sT2uV3wX4"},
	{"token-format", "ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZXlKemRXSWlPaUl4TWpNME5UWTNPRGt3SW4wLkZ6OUxxMldtVGtRMFp4N1Bh", "TGtRMFp4N1Bh"},
	{"token-format", "987654321:AFz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8", "iJ7kL8"},
	{"token-format", "sc_fz9lq2wmtk.q0zx.acc_pab3cd4ef5g.Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN9oP0qR1s", "mN9oP0qR1s"},
	{"token-format", "EAAAFz9Lq2WmTkQ0Zx7PaB3cD4", "Zx7PaB3cD4"},
	{"token-format", "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7", "Zx7PaB3cD4eF5gH6iJ7"},
	{"token-format", "dckr_pat_Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH", "Zx7PaB3cD4eF5gH"},
	{"token-format", "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", "aB6cD7eF8gH9i"},
	{"token-format", "gsk_Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5a", "wX4yZ5a"},
	{"token-format", "r8_Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN9", "iJ7kL8mN9"},
	{"token-format", "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", "6b8d0f2a4c"},
	{"token-format", "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", "c8e0b2d4f6a"},
	{"token-format", "AccountKey=Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5aB6cD7eF8gH9iJ0kL1mN2oP3qR4sT5uV6w==", "qR4sT5uV6w"},
	{"token-format", "oy2fz9lq2wmtkq0zx7pab3cd4ef5gh6ij7kl8mn9op0qr1", "mn9op0qr1"},
	{"token-format", "CCIPAT_Fz9Lq2WmTkQ0Zx7PaB3cD4_4f9a2c7e1b3d5f7a9c1e3b5d7f9a2c4e6b8d0f2a", "e6b8d0f2a"},
	{"token-format", "pat-na1-4f9a2c7e-1b3d-5f7a-9c1e-3b5d7f9a2c4e", "3b5d7f9a2c4e"},
	{"token-format", "cioFz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7k", "eF5gH6iJ7k"},
	{"token-format", "IQoJb3JpZ2luX2VjFz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5aB6cD7eF8gH9iJ0kL1mN2oP3qR4sT5uV6wX7yZ8aB9cD0eF1g%2BH2iJ3k", "H2iJ3k"},
	{"pair", "db_password: {{ .Values.Fz9Lq2Wm }}", "Fz9Lq2Wm"},
	{"pair", "secret_key => ENC(Fz9Lq2WmTkQ0)", "Fz9Lq2WmTkQ0"},
	{"pair", "token: \"{{ vault \"kv/Fz9Lq2Wm\" \"x\" }}\"", "Fz9Lq2Wm"},
	{"dsn", "svc:Fz9Lq2Wm@tcp(db:3306)/orders", "Fz9Lq2Wm"},
	{"pair", "password=Fz9Lq2Wm", "Fz9Lq2Wm"},
	{"pair", "vault_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  66396c71326d\n  3461", "66396c71326d"},
	{"pair", "DB_PASSWORD = rb'Fz9Lq2Wm'", "Fz9Lq2Wm"},
	{"pair", "api_token = f\"Fz9Lq2Wm{suffix}\"", "Fz9Lq2Wm"},
	{"card-number", "4539 1488 0343 6467", "0343 6467"},
	{"card-number", "%B4539148803436467^ROE/JANE^2912101?", "ROE/JANE"},
	{"card-number", "4539.1488.0343.6467", "0343.6467"},
	{"ssn", "219-09-9999", "219-09-9999"},
	{"email", "fz9lq2@example.org", "fz9lq2@example"},
	{"phone", "+44 20 7946 0958", "7946 0958"},
	{"iban", "GB82 WEST 1234 5698 7654 32", "5698 7654"},
	{"ip-address", "198.51.100.23", "198.51.100.23"},
	{"ip-address", "2001:db8:4b::17", "2001:db8:4b::17"},
	{"dsn", "app/Fz9Lq2Wm@//db:1521/x", "Fz9Lq2Wm"},
	{"pair", "CREATE USER x IDENTIFIED BY 'Fz9Lq2Wm'", "Fz9Lq2Wm"},
	{"pair", "a=1%26password%3DFz9Lq2Wm", "Fz9Lq2Wm"},
	{"pair", "Password for user bob: Fz9Lq2Wm", "Fz9Lq2Wm"},
	{"pair", "api key - Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "password was changed to Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", `{"auth": {"u": "x", "p": "Fz9Lq2WmTk"}}`, "Fz9Lq2WmTk"},
	{"pair", "credentials: x / Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "7z a x.7z -pFz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "redis-cli -a Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "ldapsearch -x -D cn=admin -w Fz9Lq2WmTk -b dc=x", "Fz9Lq2WmTk"},
	{"pair", "sqlcmd -S db -U sa -P Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "smbclient //fs/s -U ops%Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "htpasswd -b /etc/h ops Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "DBPASS=Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "AUTH default Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "Stripe-Signature: t=1733011200,v1=Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "openssl enc -k Fz9Lq2WmTk -in a", "Fz9Lq2WmTk"},
	{"token-format", "::add-mask::Fz9Lq2WmTk", "Fz9Lq2WmTk"},
	{"pair", "db:\n  password:\n    Fz9Lq2WmTk\n  port: 1", "Fz9Lq2WmTk"},
	{"pair", "<p><name>token</name><value>Fz9Lq2WmTk</value></p>", "Fz9Lq2WmTk"},
	{"pair", `<entry key="app.secret">Fz9Lq2WmTk</entry>`, "Fz9Lq2WmTk"},
	{"pair", `"auth" "Fz9Lq2WmTk"`, "Fz9Lq2WmTk"},
	{"pair", "AUTH PLAIN AGZ6OWxxMgBGejlMcTJXbVRr", "AGZ6OWxxMgBGejlMcTJXbVRr"},
}

// FuzzRedactPlanted: redaction of arbitrary text never panics, is
// idempotent, and a secret of each detector kind planted on its own line
// inside arbitrary text is always masked.
func FuzzRedactPlanted(f *testing.F) {
	for _, s := range []string{"", "plain", "a=b:c", "password=x", "Bearer", "token \"", "x:y@tcp(", "+1 (", "GB82",
		"eyJ", "-----BEGIN ", "ENC[", "{{", "<password>", "--password", "\xff\xfe=:@", "4111 1111", "Q~", ".atlasv1.",
		"ey", "ZXlK", ":A", ".acc_", "pk.", "t1.", "pat", "sk_", "EAAA", "token: \"{{", "pw: ENC(", "x: !vault |", "<%=", "%(", "live_", `"a\n`, "%20", "token ||", "getenv('pw') {"} {
		f.Add(s, s, uint8(0))
	}
	// Every kind once in the seed corpus, so that plain go test plants each.
	for i := range plantedSecrets {
		f.Add("nightly sync: id=42 ", " done in 3s", uint8(i))
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
	f.Add("q", "a%3Db%26password%3DKm8nJ6hG4f%2525", "stmt", "ALTER USER x IDENTIFIED BY 'Nh6&yT4rE2'")
	f.Add("note", "Password for user deploy: Mv5tB8nQ2w", "n", "api key - 3c9d2e7f1a8b4c6d5e0f, CVC 4417")
	f.Add("cmd", "x", "--token", "\"Zr8Kq3Lm7")    // an argv value after a secret flag, with an opening quote
	f.Add("cmd", "x", "-password", "'Hq4Wn8Tx2Vb") // the same with a single quote
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

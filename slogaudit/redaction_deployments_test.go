package slogaudit_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// depDeployments runs fn against each deployment with redactor r and
// returns each one's output.
func depDeployments(t *testing.T, r *redact.Redactor, fn func(l *slog.Logger)) map[string]string {
	t.Helper()
	ctx := context.Background()
	outs := map[string]string{}

	var a bytes.Buffer
	ha := slogcore.New(&a, &slogcore.Options{Redact: r})
	fn(slog.New(ha))
	_ = ha.Close(ctx)
	outs["slogcore.New"] = a.String()

	var b bytes.Buffer
	hb := slogcore.Async(slog.NewJSONHandler(&b, nil), &slogcore.Options{Redact: r})
	fn(slog.New(hb))
	_ = hb.Close(ctx)
	outs["slogcore.Async(JSON)"] = b.String()

	var c bytes.Buffer
	fn(slog.New(redact.NewHandler(slog.NewJSONHandler(&c, nil), r)))
	outs["redact.NewHandler(JSON)"] = c.String()

	var d bytes.Buffer
	hd := slogaudit.Wrap(slog.NewJSONHandler(&d, nil), slogaudit.WithRedactor(r))
	fn(slog.New(hd))
	_ = hd.Close(ctx)
	outs["slogaudit.Wrap(JSON)"] = d.String()

	path := filepath.Join(t.TempDir(), "audit.log")
	f, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	he, err := f.Handler(slogaudit.WithRedactor(r))
	if err != nil {
		t.Fatal(err)
	}
	fn(slog.New(he))
	_ = he.Close(ctx)
	_ = f.Close()
	data, _ := os.ReadFile(path)
	outs["slogaudit.OpenFile"] = string(data)
	return outs
}

type depCreds struct {
	User     string
	Password string
}

type depValuer struct{ pw string }

func (v depValuer) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user", "bob"), slog.String("password", v.pw))
}

type depMarshaler struct{ pw string }

func (m depMarshaler) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"password": m.pw})
}

type depText struct{ pw string }

func (m depText) MarshalText() ([]byte, error) { return []byte("password=" + m.pw), nil }

// TestRedactionSameInEveryDeployment: the same record through every
// deployment (slogcore.New, slogcore.Async, redact.NewHandler,
// slogaudit.Wrap, slogaudit.OpenFile); a secret must be masked in all of
// them. Among the cases: a WithGroup name is judged as a key, as a
// slog.Group key is (email-group-gdpr, with-group-card, with-group-aws,
// with-group-named-password).
func TestRedactionSameInEveryDeployment(t *testing.T) {
	const pw = "Hunter2SecretPw9"
	const card = "4111111111111111"
	creds := redact.Must(redact.Credentials, redact.PCIDSS,
		redact.Rule{Name: "billing", Paths: []string{"billing.holder", "req.*.token2"}})
	gdpr := redact.Must(redact.Credentials, redact.GDPR)
	cases := []struct {
		name   string
		r      *redact.Redactor
		secret string
		fn     func(l *slog.Logger)
	}{
		{"with-attr", creds, pw, func(l *slog.Logger) { l.With("password", pw).Info("m") }},
		{"with-group-path", creds, "Alice Holder", func(l *slog.Logger) { l.WithGroup("billing").Info("m", "holder", "Alice Holder") }},
		{"with-group-with-path", creds, "Alice Holder", func(l *slog.Logger) { l.WithGroup("billing").With("holder", "Alice Holder").Info("m") }},
		{"group-attr-path", creds, "Alice Holder", func(l *slog.Logger) { l.Info("m", slog.Group("billing", "holder", "Alice Holder")) }},
		{"with-group-attr-path", creds, "Alice Holder", func(l *slog.Logger) { l.With(slog.Group("billing", "holder", "Alice Holder")).Info("m") }},
		{"star-path", creds, "tok-abcdef", func(l *slog.Logger) { l.WithGroup("req").WithGroup("x").Info("m", "token2", "tok-abcdef") }},
		{"inline-group", creds, pw, func(l *slog.Logger) { l.Info("m", slog.Group("", "password", pw)) }},
		{"valuer", creds, pw, func(l *slog.Logger) { l.Info("m", "u", depValuer{pw}) }},
		{"with-valuer", creds, pw, func(l *slog.Logger) { l.With("u", depValuer{pw}).Info("m") }},
		{"error", creds, pw, func(l *slog.Logger) { l.Info("m", "err", errors.New("login failed: password="+pw)) }},
		{"wrapped-error", creds, pw, func(l *slog.Logger) { l.Info("m", "err", fmt.Errorf("x: %w", errors.New("password="+pw))) }},
		{"map", creds, pw, func(l *slog.Logger) { l.Info("m", "m", map[string]any{"password": pw}) }},
		{"struct", creds, pw, func(l *slog.Logger) { l.Info("m", "c", depCreds{"bob", pw}) }},
		{"struct-ptr", creds, pw, func(l *slog.Logger) { l.Info("m", "c", &depCreds{"bob", pw}) }},
		{"json-marshaler", creds, pw, func(l *slog.Logger) { l.Info("m", "c", depMarshaler{pw}) }},
		{"text-marshaler", creds, pw, func(l *slog.Logger) { l.Info("m", "c", depText{pw}) }},
		{"raw-json", creds, pw, func(l *slog.Logger) { l.Info("m", "c", json.RawMessage(`{"password":"`+pw+`"}`)) }},
		{"msg", creds, pw, func(l *slog.Logger) { l.Info("login with password=" + pw) }},
		{"card-msg", creds, card, func(l *slog.Logger) { l.Info("charged " + card) }},
		{"card-int", creds, card, func(l *slog.Logger) { l.Info("m", "pan", int64(4111111111111111)) }},
		{"card-bytes", creds, card, func(l *slog.Logger) { l.Info("m", "pan", []byte(card)) }},
		{"map-int-key", creds, card, func(l *slog.Logger) { l.Info("m", "m", map[int]string{1: card}) }},
		{"slice-strings", creds, pw, func(l *slog.Logger) { l.Info("m", "args", []string{"--password", pw}) }},
		{"email-key-gdpr", gdpr, "alice@example.com", func(l *slog.Logger) { l.Info("m", "alice@example.com", "visited") }},
		{"email-with-key-gdpr", gdpr, "alice@example.com", func(l *slog.Logger) { l.With("alice@example.com", "visited").Info("m") }},
		{"email-group-gdpr", gdpr, "alice@example.com", func(l *slog.Logger) { l.WithGroup("alice@example.com").Info("m", "x", 1) }},
		{"email-map-key-gdpr", gdpr, "alice@example.com", func(l *slog.Logger) { l.Info("m", "m", map[string]int{"alice@example.com": 1}) }},
		{"email-value-gdpr", gdpr, "alice@example.com", func(l *slog.Logger) { l.Info("m", "user", "alice@example.com") }},
		{"email-struct-gdpr", gdpr, "alice@example.com", func(l *slog.Logger) {
			l.Info("m", "u", struct{ Email string }{"alice@example.com"})
		}},
		{"group-attr-email-gdpr", gdpr, "alice@example.com", func(l *slog.Logger) { l.Info("m", slog.Group("alice@example.com", "x", 1)) }},
		{"with-group-card", creds, card, func(l *slog.Logger) { l.WithGroup(card).Info("m", "x", 1) }},
		{"with-group-aws", creds, "AKIAIOSFODNN7EXAMPLE", func(l *slog.Logger) { l.WithGroup("AKIAIOSFODNN7EXAMPLE").Info("m", "x", 1) }},
		{"with-group-empty-record", gdpr, "alice@example.com", func(l *slog.Logger) { l.WithGroup("alice@example.com").Info("m") }},
		{"group-named-password", creds, pw, func(l *slog.Logger) { l.Info("m", slog.Group("password", "value", pw)) }},
		{"with-group-named-password", creds, pw, func(l *slog.Logger) { l.WithGroup("password").Info("m", "value", pw) }},
		{"pw-key-with-group", creds, pw, func(l *slog.Logger) { l.WithGroup("db").With("password", pw).WithGroup("q").Info("m") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			outs := depDeployments(t, tc.r, tc.fn)
			leaked, masked := []string{}, []string{}
			b64 := base64.StdEncoding.EncodeToString([]byte(tc.secret))
			for name, out := range outs {
				if out == "" {
					t.Errorf("%s wrote nothing", name)
					continue
				}
				if strings.Contains(out, tc.secret) || strings.Contains(out, b64) {
					leaked = append(leaked, name)
				} else {
					masked = append(masked, name)
				}
			}
			if len(leaked) > 0 {
				t.Errorf("secret %q leaked by %v, masked by %v", tc.secret, leaked, masked)
				for _, n := range leaked {
					t.Logf("%s: %s", n, outs[n])
				}
			}
		})
	}
}

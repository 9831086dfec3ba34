package redact_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
)

// A byte of invalid UTF-8 in a key ends a word, as the U+FFFD a JSON
// handler writes for it does: the words around it name what they name,
// as an attr's key, a map's key and a key in text; letters outside ASCII
// stay inside their words.
func TestInvalidUTF8EndsAKeyWord(t *testing.T) {
	ctx := context.Background()
	const secret = "Hb4-Nq8Vz2Tm"
	for _, key := range []string{"\xffpassword", "db\xfepasswd", "api\xfftoken", "\xc3secret", "client_secret\x80"} {
		for hname, mk := range map[string]func(*bytes.Buffer) (slog.Handler, func()){
			"json": func(b *bytes.Buffer) (slog.Handler, func()) {
				return redact.NewHandler(slog.NewJSONHandler(b, nil), nil), func() {}
			},
			"text": func(b *bytes.Buffer) (slog.Handler, func()) {
				return redact.NewHandler(slog.NewTextHandler(b, nil), nil), func() {}
			},
			"slogcore": func(b *bytes.Buffer) (slog.Handler, func()) {
				h := slogcore.New(b, nil)
				return h, func() { _ = h.Close(ctx) }
			},
		} {
			var buf bytes.Buffer
			h, done := mk(&buf)
			slog.New(h).Info("m", key, secret, "m", map[string]any{key: secret}, "line", "retry with "+key+"="+secret+" now")
			done()
			if strings.Contains(buf.String(), secret) {
				t.Errorf("%q through %s: the secret is written: %s", key, hname, buf.String())
			}
		}
	}
	var buf bytes.Buffer
	slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), nil)).Info("m", "naïve\xffname", "ana", "contraseña_hint", "blue")
	if strings.Contains(buf.String(), redact.DefaultMask) {
		t.Errorf("clean keys with letters outside ASCII were masked: %s", buf.String())
	}
}

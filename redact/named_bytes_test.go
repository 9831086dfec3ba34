package redact_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
)

type formBody []byte

type rawFrame []uint8

// A byte slice of a named type is judged as a []byte is: a text handler
// writes its bytes as text and a JSON handler as base64, and neither may
// carry the secret; a clean one is written as it was.
func TestNamedByteSlicesRedacted(t *testing.T) {
	ctx := context.Background()
	const secret = "Wq7-Lp3Zx9Kd"
	for name, v := range map[string]any{
		"attr":  formBody("grant_type=password&username=ana&password=" + secret),
		"uint8": rawFrame("AUTH PLAIN password=" + secret),
		"map":   map[string]any{"body": formBody("client_secret=" + secret)},
		"slice": []any{rawFrame("token=" + secret)},
		"field": struct{ Body formBody }{formBody("password=" + secret)},
	} {
		for hname, mk := range map[string]func(*bytes.Buffer) (slog.Handler, func()){
			"text": func(b *bytes.Buffer) (slog.Handler, func()) {
				return redact.NewHandler(slog.NewTextHandler(b, nil), nil), func() {}
			},
			"json": func(b *bytes.Buffer) (slog.Handler, func()) {
				return redact.NewHandler(slog.NewJSONHandler(b, nil), nil), func() {}
			},
			"slogcore": func(b *bytes.Buffer) (slog.Handler, func()) {
				h := slogcore.New(b, nil)
				return h, func() { _ = h.Close(ctx) }
			},
		} {
			var buf bytes.Buffer
			h, done := mk(&buf)
			slog.New(h).Info("m", "v", v)
			done()
			out := buf.String()
			for _, f := range strings.Fields(strings.NewReplacer(`"`, " ", ",", " ", "}", " ", "]", " ").Replace(out)) {
				if dec, err := base64.StdEncoding.DecodeString(f); err == nil {
					out += " " + string(dec)
				}
			}
			if strings.Contains(out, secret) {
				t.Errorf("%s through %s: the secret is written: %s", name, hname, buf.String())
			}
		}
	}
	var got, want bytes.Buffer
	clean := formBody("page=2&sort=asc")
	slog.New(redact.NewHandler(slog.NewTextHandler(&got, nil), nil)).Info("m", "v", clean)
	slog.New(slog.NewTextHandler(&want, nil)).Info("m", "v", clean)
	if got.String()[strings.Index(got.String(), "level="):] != want.String()[strings.Index(want.String(), "level="):] {
		t.Errorf("a clean named byte slice changed:\n got %s\nwant %s", got.String(), want.String())
	}
}

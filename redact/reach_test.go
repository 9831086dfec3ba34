package redact_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/netip"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
)

type hiddenByTag struct {
	Name     string
	Password string `json:"-"`
}

type hiddenUnexported struct {
	Name     string
	password string
}

type level uint8

// TestReachEveryMapAndStruct guards two ways a value escaped redaction:
// maps whose keys are not strings (ints, TextMarshalers) were passed on
// unwalked, and a struct with fields encoding/json does not show was
// passed on as it was when nothing visible needed masking, so that a
// TextHandler printed the hidden field with %+v.
func TestReachEveryMapAndStruct(t *testing.T) {
	const dsn = "postgres://app:Hunter2-pw@db/x"
	const tok = "ghp_Zr8x4VbN2qLm7TcY1uWe9KsA3dHf6JpG5oRi"
	cases := []struct {
		name   string
		value  any
		secret string
	}{
		{"int keys", map[int]string{1: dsn}, "Hunter2-pw"},
		{"uint8 keys", map[level]string{3: "password=" + "Hunter2-pw"}, "Hunter2-pw"},
		{"TextMarshaler keys", map[netip.Addr]string{netip.MustParseAddr("10.0.0.1"): tok}, tok},
		{"int keys inside a string map", map[string]any{"shards": map[int64]string{7: dsn}}, "Hunter2-pw"},
		{"json:\"-\" field", hiddenByTag{"bob", "Hunter2-pw"}, "Hunter2-pw"},
		{"unexported field", hiddenUnexported{"bob", "Hunter2-pw"}, "Hunter2-pw"},
		{"hidden field in a slice", []hiddenUnexported{{"bob", "Hunter2-pw"}}, "Hunter2-pw"},
	}
	r := redact.Must(redact.Credentials)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			handlers := map[string]func(*bytes.Buffer) (slog.Handler, func()){
				"NewHandler/Text": func(b *bytes.Buffer) (slog.Handler, func()) {
					return redact.NewHandler(slog.NewTextHandler(b, nil), r), func() {}
				},
				"NewHandler/JSON": func(b *bytes.Buffer) (slog.Handler, func()) {
					return redact.NewHandler(slog.NewJSONHandler(b, nil), r), func() {}
				},
				"slogcore.New": func(b *bytes.Buffer) (slog.Handler, func()) {
					h := slogcore.New(b, &slogcore.Options{Redact: r})
					return h, func() { _ = h.Close(context.Background()) }
				},
			}
			for name, mk := range handlers {
				var buf bytes.Buffer
				h, done := mk(&buf)
				slog.New(h).Info("m", "v", tc.value)
				done()
				if strings.Contains(buf.String(), tc.secret) {
					t.Errorf("%s: secret in output: %s", name, buf.String())
				}
				if !strings.Contains(buf.String(), "m") {
					t.Errorf("%s: record missing: %q", name, buf.String())
				}
			}
		})
	}
}

// TestHiddenFieldsNotShownAsJSONShape: passing the JSON view of a struct
// with hidden fields does not change what a JSON handler writes.
func TestHiddenFieldsNotShownAsJSONShape(t *testing.T) {
	var a, b bytes.Buffer
	v := hiddenUnexported{"bob", "x"}
	slog.New(slog.NewJSONHandler(&a, nil)).Info("m", "v", v)
	slog.New(redact.NewHandler(slog.NewJSONHandler(&b, nil), redact.Must(redact.Credentials))).Info("m", "v", v)
	strip := func(s string) string { return s[strings.Index(s, `"level"`):] }
	if strip(a.String()) != strip(b.String()) {
		t.Fatalf("JSON differs:\n%s\n%s", a.String(), b.String())
	}
}

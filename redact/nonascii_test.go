package redact_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// Terms with letters outside ASCII name secrets in text as they do as attr
// keys: the pair search reads such keys whole, in any case, and the
// prefilter lets text that holds them through.
func TestNonASCIITermsInText(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.Rule{Name: "local", Terms: []string{"passwört", "contraseña", "пароль", "mot de passe"}})
	for _, c := range []struct{ in, want string }{
		{"login passwört=Hunter2xyz ok", "login passwört=[REDACTED] ok"},
		{"PASSWÖRT: Hunter2xyz", "PASSWÖRT: [REDACTED]"},
		{`{"contraseña": "Zq9xLmP2"}`, `{"contraseña": "[REDACTED]"}`},
		{"db_contraseña=Zq9xLmP2 host=db", "db_contraseña=[REDACTED] host=db"},
		{"пароль=Zq9xLmP2vW", "пароль=[REDACTED]"},
		{"ПАРОЛЬ: Zq9xLmP2vW", "ПАРОЛЬ: [REDACTED]"},
		{"mot_de_passe=Zq9xLmP2vW", "mot_de_passe=[REDACTED]"},
		// Words that only contain a term, or are other words, stay.
		{"passwörter=12 geändert", "passwörter=12 geändert"},
		{"größe=12 straße=Hauptstraße", "größe=12 straße=Hauptstraße"},
		// ASCII terms still match beside non-ASCII text.
		{"müller password=Hunter2xyz", "müller password=[REDACTED]"},
	} {
		got, _ := r.String(c.in)
		if got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
		var buf bytes.Buffer
		slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), r)).Info(c.in)
		if strings.Contains(c.want, "[REDACTED]") && strings.Contains(buf.String(), "Zq9x") || strings.Contains(buf.String(), "Hunter2") {
			t.Errorf("NewHandler wrote %s for the message %q", buf.String(), c.in)
		}
	}
	// Without such terms, a key outside ASCII is read as before: the
	// ASCII word inside it names the secret.
	plain := redact.Must(redact.Credentials)
	if got, _ := plain.String("ñpassword=Hunter2xyz"); got != "ñpassword=[REDACTED]" {
		t.Errorf("Credentials: %q", got)
	}
}

package slogaudit_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

type lockoutErr struct {
	Login    string
	Password string
}

func (e lockoutErr) Error() string { return "account locked" }

type scopeErr map[string]string

func (e scopeErr) Error() string { return "scope denied" }

// TestNestedErrorsOverSlogcoreVerify: a record holding errors inside maps,
// slices and structs (which slog's JSON encoding writes as their data, not
// their text) is hashed as slogcore writes it: the untouched log verifies
// intact, and no secret of the errors' data reaches it.
func TestNestedErrorsOverSlogcoreVerify(t *testing.T) {
	secrets := []string{"Harbor-Quill-408", "Lumen.Frost.67", "pw_Ochre_Rail_2"}
	values := []any{
		[]error{lockoutErr{Login: "ivo", Password: secrets[0]}},
		map[string]any{"cause": scopeErr{"client_secret": secrets[1]}},
		struct{ Last error }{lockoutErr{Password: secrets[2]}},
		[]error{errors.New("clean"), lockoutErr{Login: "nia"}},
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	core := slogcore.New(af, &slogcore.Options{Redact: redact.Must(redact.Credentials)})
	h, err := slogaudit.New(core, slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("n"))
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	for i, v := range values {
		l.Warn("sign-in failed", "i", i, "errs", v)
		l.With("errs", v).Info("retrying", "i", i)
		l.Info("grouped", slog.Group("auth", "errs", v))
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	core.Close(context.Background())
	af.Close()
	data, _ := os.ReadFile(path)
	for _, s := range secrets {
		if strings.Contains(string(data), s) {
			t.Errorf("secret %q reached the log", s)
		}
	}
	rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(data), slogaudit.VerifyOptions{
		Keys: map[string][]byte{"k1": rtKey}})
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log does not verify: %v %v\n%s", err, rep.Findings, data)
	}
	if got := strings.Count(string(data), "\n"); got < 3*len(values) {
		t.Fatalf("%d lines, want at least %d", got, 3*len(values))
	}
}

// TestNestedErrorsThroughFileHandler: a File's own handler, which redacts
// before it hashes, masks the data of nested errors too.
func TestNestedErrorsThroughFileHandler(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("f"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Error("export failed", "errs", []error{lockoutErr{Login: "ola", Password: "Sable-Gorge-913"}},
		"by_step", map[string]error{"auth": scopeErr{"api_token": "Nimbus_Pike_55"}})
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	af.Close()
	data, _ := os.ReadFile(path)
	for _, s := range []string{"Sable-Gorge-913", "Nimbus_Pike_55"} {
		if strings.Contains(string(data), s) {
			t.Errorf("secret %q reached the log: %s", s, data)
		}
	}
	if !strings.Contains(string(data), `"Login":"ola"`) {
		t.Errorf("the error's clean data is not written as encoding/json writes it: %s", data)
	}
	rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(data), slogaudit.VerifyOptions{
		Keys: map[string][]byte{"k1": rtKey}})
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log does not verify: %v %v", err, rep.Findings)
	}
}

package slogaudit_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// An encrypted personal value that a wrapped slogcore handler's redaction
// masks (here a rule on the term "gcm" matches its "aes_gcm" member; by
// chance, a pattern of the Credentials preset can match a ciphertext) is
// hashed as written, masked, and the loss of the value is reported to
// OnError: the untouched log verifies. Before, the wrapper hashed the
// ciphertext that the handler then masked: the log verified as modified,
// and nothing said that the value was lost. Covers a Personal attribute of
// the record, of With, and a WithPersonalKeys attribute.
func TestSealedValueMaskedByWrappedRedaction(t *testing.T) {
	for _, via := range []string{"record", "with", "keys"} {
		dir := t.TempDir()
		path := filepath.Join(dir, "audit.log")
		af, _ := slogaudit.OpenFile(path)
		ks, err := slogaudit.OpenKeyStore(filepath.Join(dir, "keys"))
		if err != nil {
			t.Fatal(err)
		}
		r := redact.Must(redact.Credentials, redact.Rule{Name: "gcm", Terms: []string{"gcm"}})
		core := slogcore.New(af, &slogcore.Options{Redact: r})
		var errs []error
		opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"), slogaudit.WithKeyStore(ks),
			slogaudit.OnError(func(err error) { errs = append(errs, err) })}
		if via == "keys" {
			opts = append(opts, slogaudit.WithPersonalKeys("user", "email"))
		}
		h, err := slogaudit.New(core, opts...)
		if err != nil {
			t.Fatal(err)
		}
		switch via {
		case "record":
			slog.New(h).Info("e", slogaudit.Personal("u1", "email", "a@example.com"))
		case "with":
			slog.New(h).With(slogaudit.Personal("u1", "email", "a@example.com")).Info("e")
		case "keys":
			slog.New(h).Info("e", "user", "u1", "email", "a@example.com")
		}
		h.Close(context.Background())
		core.Close(context.Background())
		af.Close()
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), `"aes_gcm":"[REDACTED]"`) {
			t.Fatalf("%s: the rule did not mask the ciphertext: %s", via, data)
		}
		rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(data), slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
		if err != nil || !rep.Intact() {
			t.Errorf("%s: untouched log: %v %v", via, err, rep.Findings)
		}
		reported := false
		for _, e := range errs {
			reported = reported || strings.Contains(e.Error(), "written masked")
		}
		if !reported {
			t.Errorf("%s: the masked personal value was not reported: %v", via, errs)
		}
	}
}

// A WithGroup name that a wrapped slogcore handler's redaction masks (an
// e-mail address, a card number) and the wrapper's own redaction does not
// is hashed as that handler writes it. Before, the untouched log verified
// as modified: the wrapper masked group names only by its own rules.
func TestGroupNameMaskedByWrappedRedaction(t *testing.T) {
	for _, name := range []string{"bob@example.com", "4111111111111111"} {
		path := filepath.Join(t.TempDir(), "audit.log")
		af, _ := slogaudit.OpenFile(path)
		core := slogcore.New(af, &slogcore.Options{Redact: redact.Must(redact.Credentials, redact.ContactInfo, redact.PCIDSS)})
		h, err := slogaudit.New(core, slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"))
		if err != nil {
			t.Fatal(err)
		}
		slog.New(h).WithGroup(name).Info("e", "k", "v")
		slog.New(h).WithGroup("g").WithGroup(name).With("a", 1).Info("e", "k", "v")
		h.Close(context.Background())
		core.Close(context.Background())
		af.Close()
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), name) {
			t.Fatalf("%s: the group name was not masked: %s", name, data)
		}
		rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(data), slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
		if err != nil || !rep.Intact() {
			t.Errorf("%s: untouched log: %v %v", name, err, rep.Findings)
		}
	}
}

// Under WithSource, the source that a wrapped slogcore handler's
// redaction masks (here a rule on the term "function") is hashed as that
// handler writes it. Before, the untouched log verified as modified.
func TestSourceMaskedByWrappedRedaction(t *testing.T) {
	maskedByWrappedRedaction(t, "function", slogaudit.WithSource())
}

// Under a policy in Annotate mode, the audit_violations annotation that a
// wrapped slogcore handler's redaction masks in part (here a rule on the
// term "clause") is hashed as that handler writes it. Before, the
// untouched log verified as modified.
func TestViolationsMaskedByWrappedRedaction(t *testing.T) {
	maskedByWrappedRedaction(t, "clause", slogaudit.WithPolicy(slogaudit.Basic))
}

// maskedByWrappedRedaction logs one record through the wrapper over a
// slogcore handler whose redaction has a rule on term, with opt, and
// checks that the member named term is written masked and that the
// untouched log verifies intact.
func maskedByWrappedRedaction(t *testing.T, term string, opt slogaudit.Option) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.log")
	af, _ := slogaudit.OpenFile(path)
	core := slogcore.New(af, &slogcore.Options{Redact: redact.Must(redact.Credentials, redact.Rule{Name: "t", Terms: []string{term}})})
	h, err := slogaudit.New(core, slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"), opt)
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("e", "k", "v")
	h.Close(context.Background())
	core.Close(context.Background())
	af.Close()
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"`+term+`":"[REDACTED]"`) {
		t.Fatalf("the rule did not mask %q: %s", term, data)
	}
	rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(data), slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
	if err != nil || !rep.Intact() {
		t.Errorf("untouched log: %v %v", err, rep.Findings)
	}
}

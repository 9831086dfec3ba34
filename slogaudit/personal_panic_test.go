package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

// boomJSON is a personal value whose encoding panics.
type boomJSON struct{}

func (boomJSON) MarshalJSON() ([]byte, error) { panic("secret-4111 exploded") }

// nilField dereferences a nil field when encoded.
type nilField struct{ p *string }

func (n *nilField) MarshalJSON() ([]byte, error) { return []byte(`"` + *n.p + `"`), nil }

// panickingStore is a key store (a KMS client) that panics.
type panickingStore struct{}

func (panickingStore) Key(string, bool) ([]byte, error) { panic("kms exploded") }
func (panickingStore) Delete(string) error              { panic("kms exploded") }

// TestPersonalValueOrKeyStorePanics: a personal value whose JSON encoding
// panics, or a key store that panics, never panics the caller (before,
// the panic reached the log call, Reveal or Erase): the value is written
// masked, OnError says why (without the panic's text for a value, which
// may hold it), the log verifies, and Reveal and Erase return errors.
func TestPersonalValueOrKeyStorePanics(t *testing.T) {
	ks, err := OpenKeyStore(t.TempDir() + "/keys")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		ks    KeyStore
		value any
	}{
		{"MarshalJSON panics", ks, boomJSON{}},
		{"nil field", ks, &nilField{}},
		{"key store panics", panickingStore{}, "a@example.com"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			var reported []string
			h, err := New(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithKeyStore(c.ks), WithChainID("c"),
				OnError(func(err error) { reported = append(reported, err.Error()) }))
			if err != nil {
				t.Fatal(err)
			}
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("panic reached the caller: %v", p)
					}
				}()
				slog.New(h).Info("m", Personal("u1", "email", c.value))
				if _, ok := c.ks.(panickingStore); ok {
					if err := h.Erase(context.Background(), "u1", "admin"); err == nil || !strings.Contains(err.Error(), "panicked") {
						t.Errorf("Erase: %v", err)
					}
					line := `{"email":{"subject":"u1","aes_gcm":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}`
					if out, err := Reveal([]byte(line), c.ks); err != nil || !strings.Contains(string(out), "UNREADABLE") {
						t.Errorf("Reveal: %s, %v", out, err)
					}
				}
			}()
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), `"email":"[REDACTED]"`) {
				t.Errorf("the value is not written masked:\n%s", buf.String())
			}
			all := strings.Join(reported, "\n")
			if !strings.Contains(all, "written masked") || strings.Contains(all, "secret-4111") {
				t.Errorf("OnError: %q", reported)
			}
			if rep, err := Verify(context.Background(), strings.NewReader(buf.String()), VerifyOptions{Key: testKey}); err != nil || !rep.Intact() {
				t.Errorf("untouched log: %v %v", err, rep.Findings)
			}
		})
	}
}

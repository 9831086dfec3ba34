package slogaudit_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// TestAuditSinkUnknownKey: a misspelt configuration key of the audit sink
// (keyfile instead of key_file, as SLOGGUARD_AUDIT_KEYFILE) must not be
// accepted silently, leaving the log without MACs: an error names the
// unknown key, as bad values get.
func TestAuditSinkUnknownKey(t *testing.T) {
	dir := t.TempDir()
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	keyPath := filepath.Join(dir, "audit.hmac")
	if err := os.WriteFile(keyPath, []byte(hex.EncodeToString(key)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, typo := range []string{"keyfile", "key", "hmac", "key_path"} {
		path := filepath.Join(dir, typo+".log")
		s, err := slogcore.OpenSink("audit", map[string]string{"path": path, typo: keyPath})
		if err != nil {
			continue // refused: fine
		}
		slog.New(s).Info("login", "action", "login", "actor", "u1")
		_ = s.Close(context.Background())
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), `"mac"`) {
			t.Errorf("audit sink accepted unknown key %q silently and wrote records without MACs:\n%s", typo, data)
		}
	}
}

// TestAuditSinkLevel: FromEnv's doc says SLOGGUARD_LEVEL and a sink's own
// SLOGGUARD_<NAME>_LEVEL apply to every sink: the audit sink honours the
// level, and refuses invalid level, overflow and queue values.
func TestAuditSinkLevel(t *testing.T) {
	dir := t.TempDir()
	s, err := slogcore.OpenSink("audit", map[string]string{"path": filepath.Join(dir, "a.log"), "level": "error"})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer s.Close(context.Background())
	if s.Enabled(context.Background(), slog.LevelInfo) {
		t.Errorf("audit sink opened with level=error is enabled for INFO: the level setting is ignored")
	}
	s2, err := slogcore.OpenSink("audit", map[string]string{"path": filepath.Join(dir, "b.log"), "level": "loud", "overflow": "sideways", "queue": "-3"})
	if err == nil {
		_ = s2.Close(context.Background())
		t.Errorf("audit sink accepted level=loud, overflow=sideways, queue=-3 without an error (the stdout sink refuses them)")
	}
	s3, err := slogcore.OpenSink("stdout", map[string]string{"level": "loud"})
	if err == nil {
		_ = s3.Close(context.Background())
		t.Errorf("stdout sink accepted level=loud")
	}
}

// TestAuditSinkSettingInUpperCase: a setting spelt with capitals, as its
// environment variable is, is refused with the lower-case name to use.
func TestAuditSinkSettingInUpperCase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.log")
	s, err := slogcore.OpenSink("audit", map[string]string{"path": path, "Key_File": "/nonexistent", "Zzz": "1"})
	if err == nil {
		_ = s.Close(context.Background())
		t.Fatal("accepted a setting in upper case")
	}
	if want := `unknown setting "Key_File": setting names are lower case, use "key_file" (its variable is SLOGGUARD_AUDIT_KEY_FILE)`; !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q does not say %q", err, want)
	}
}

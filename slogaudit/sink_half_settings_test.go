package slogaudit_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// TestAuditSinkKeyIDWithoutKey: a key id given without a key (key_file or
// key_env forgotten, or misspelt and so refused) says the operator meant
// the log to be MACed: opening the sink must not silently write records
// without MACs.
func TestAuditSinkKeyIDWithoutKey(t *testing.T) {
	dir := t.TempDir()
	for _, id := range []string{"billing-2027", "k7", "audit.primary"} {
		path := filepath.Join(dir, id+".log")
		s, err := slogcore.OpenSink("audit", map[string]string{"path": path, "key_id": id})
		if err != nil {
			if !strings.Contains(err.Error(), "key_file") || !strings.Contains(err.Error(), id) {
				t.Errorf("key_id %q without a key: the error should name the key id and key_file: %v", id, err)
			}
			if _, serr := os.Stat(path); serr == nil {
				t.Errorf("key_id %q without a key: refused, yet the log %s was created", id, path)
			}
			continue
		}
		slog.New(s).Info("export", "action", "data.export", "actor", "u-9")
		_ = s.Close(context.Background())
		data, _ := os.ReadFile(path)
		t.Errorf("audit sink with key_id %q and no key wrote records without MACs:\n%s", id, data)
	}
}

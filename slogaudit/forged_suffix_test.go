package slogaudit_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// An attacker who can write the log but holds no key continues the chain
// after a genuine head (or rewrites it from its start) with records of
// his own, hashed as the writer hashes them: without a MAC, with a MAC
// under a key of his own named as the writer's, or under a key id the
// verifier does not know. A verifier given the key finds every forgery.
func TestForgedRecordsWithoutTheKey(t *testing.T) {
	genuine := func(t *testing.T) (string, slogaudit.Head) {
		path := filepath.Join(t.TempDir(), "audit.log")
		af, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("vault"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 6 {
			slog.New(h).Info("withdrawal", "amount", 100+i)
		}
		head := h.Head()
		h.Close(context.Background())
		af.Close()
		return path, head
	}
	forge := func(t *testing.T, opts ...slogaudit.Option) []byte {
		var buf bytes.Buffer
		h, err := slogaudit.New(slog.NewJSONHandler(&buf, nil), opts...)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			slog.New(h).Info("withdrawal", "amount", 900000+i)
		}
		h.Close(context.Background())
		return buf.Bytes()
	}
	otherKey := bytes.Repeat([]byte{9}, 32)
	cases := []struct {
		name  string
		opts  func(head slogaudit.Head) []slogaudit.Option
		whole bool // the forgery replaces the log rather than follow it
	}{
		{name: "appended without a MAC", opts: func(h slogaudit.Head) []slogaudit.Option { return []slogaudit.Option{slogaudit.WithResume(h)} }},
		{name: "appended with another key named k1", opts: func(h slogaudit.Head) []slogaudit.Option {
			return []slogaudit.Option{slogaudit.WithResume(h), slogaudit.WithKey("k1", otherKey)}
		}},
		{name: "appended under an unknown key id", opts: func(h slogaudit.Head) []slogaudit.Option {
			return []slogaudit.Option{slogaudit.WithResume(h), slogaudit.WithKey("k7", otherKey)}
		}},
		{name: "whole log under another key named k1", whole: true, opts: func(slogaudit.Head) []slogaudit.Option {
			return []slogaudit.Option{slogaudit.WithChainID("vault"), slogaudit.WithKey("k1", otherKey)}
		}},
		{name: "whole log under an unknown key id", whole: true, opts: func(slogaudit.Head) []slogaudit.Option {
			return []slogaudit.Option{slogaudit.WithChainID("vault"), slogaudit.WithKey("k7", otherKey)}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path, head := genuine(t)
			forged := forge(t, tc.opts(head)...)
			data, _ := os.ReadFile(path)
			if tc.whole {
				data = nil
			}
			if err := os.WriteFile(path, append(data, forged...), 0o600); err != nil {
				t.Fatal(err)
			}
			rep, err := rtVerify(t, path)
			if err == nil || rep.Intact() {
				t.Fatalf("forged records verify as intact: %v", rep.Findings)
			}
		})
	}
	// A log with no MAC at all, verified with a key: its MACs were removed,
	// or it was never written with the key.
	t.Run("whole log without a MAC", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "audit.log")
		os.WriteFile(path, forge(t, slogaudit.WithChainID("vault")), 0o600)
		rep, err := slogaudit.VerifyFiles(context.Background(), []string{path}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
		if err == nil || rep.Intact() {
			t.Fatalf("a log without MACs verifies with a key: %v", rep.Findings)
		}
		rep, err = slogaudit.VerifyFiles(context.Background(), []string{path}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}, RequireMAC: true})
		if err == nil || rep.Intact() {
			t.Fatalf("RequireMAC: a log without MACs verifies: %v", rep.Findings)
		}
	})
}

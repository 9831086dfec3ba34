package slogaudit_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// A caller's With attrs and record attrs named msg, time, level, audit or
// source, over File.Handler, Wrap(slog.JSONHandler) and Wrap(slogcore.New),
// never produce a second top-level "msg" member (which a reader might take
// for the record's message: "audit.gap").
func TestReservedKeysEverywhere(t *testing.T) {
	dir := t.TempDir()
	for _, kind := range []string{"file", "json", "slogcore"} {
		path := filepath.Join(dir, kind+".log")
		af, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var h *slogaudit.Handler
		var core *slogcore.Handler
		opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey)}
		switch kind {
		case "file":
			h, err = af.Handler(opts...)
		case "json":
			h, err = slogaudit.New(slog.NewJSONHandler(af, nil), opts...)
		case "slogcore":
			core = slogcore.New(af, nil)
			h, err = slogaudit.New(core, opts...)
		}
		if err != nil {
			t.Fatal(err)
		}
		l := slog.New(h).With("msg", "audit.gap", "level", "ERROR", "audit", "x")
		l.Info("hello", "msg", "audit.start", "time", "t", "source", "s")
		l.WithGroup("g").Info("hello2", "msg", "audit.gap")
		h.Close(context.Background())
		if core != nil {
			core.Close(context.Background())
		}
		af.Close()
		b, _ := os.ReadFile(path)
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if dupTopKey(t, line) {
				t.Errorf("%s: duplicated reserved key: %s", kind, line)
			}
		}
		rtIntact(t, path)
	}
}

// dupTopKey reports whether the JSON object line has a top-level key twice.
func dupTopKey(t *testing.T, line string) bool {
	dec := json.NewDecoder(strings.NewReader(line))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		if seen[k.(string)] {
			return true
		}
		seen[k.(string)] = true
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
	}
	return false
}

package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// reencodings are edits that keep a line's JSON meaning: the verifier's
// canonical form of the record does not change, its bytes do.
var reencodings = []struct {
	name string
	edit func(string) string
}{
	{"leading space", func(s string) string { return " " + s }},
	{"trailing space", func(s string) string { return s + " " }},
	{"trailing tab", func(s string) string { return s + "\t" }},
	{"carriage return", func(s string) string { return s + "\r" }},
	{"space after a colon", func(s string) string { return strings.Replace(s, `"level":`, `"level": `, 1) }},
	{"escaped letter", func(s string) string { return strings.Replace(s, `"INFO"`, `"\u0049NFO"`, 1) }},
	{"escaped non-ASCII", func(s string) string { return strings.Replace(s, "é", `\u00e9`, 1) }},
	{"number with a fraction", func(s string) string { return strings.Replace(s, `"n":7`, `"n":7.0`, 1) }},
	{"number with an exponent", func(s string) string { return strings.Replace(s, `"n":7`, `"n":7e0`, 1) }},
	{"members swapped", func(s string) string {
		return swapLevelMsg(s)
	}},
}

// swapLevelMsg moves the "level" member after "msg": the same object in
// another member order.
func swapLevelMsg(s string) string {
	i := strings.Index(s, `"level":"INFO",`)
	if i < 0 {
		return s
	}
	rest := s[:i] + s[i+len(`"level":"INFO",`):]
	j := strings.Index(rest, `"msg":"`)
	k := j + len(`"msg":"`) + strings.Index(rest[j+len(`"msg":"`):], `"`) + 1
	return rest[:k] + `,"level":"INFO"` + rest[k:]
}

// A File writes each record as its exact RFC 8785 form, so an edit that
// keeps the JSON's meaning (spacing, escapes, number forms, member order,
// a carriage return before the newline) still changes the record: it is
// reported modified at its line and seq, and nothing else is reported.
// Records of the handler's own (audit.start, audit.checkpoint) and lines
// with escapes take the verifier's slower path, and are covered too.
// Before, every such edit of a File line verified as intact. Lines that
// another handler wrote (hex hashes) are canonicalised by the verifier, as
// documented: the same edits there stay intact.
func TestReencodedFileLineIsModified(t *testing.T) {
	for _, kind := range []string{"file", "json"} {
		path := filepath.Join(t.TempDir(), "audit.log")
		af, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, priv, _ := ed25519.GenerateKey(nil)
		opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"),
			slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(nil, 3, 0)}
		var h *slogaudit.Handler
		if kind == "file" {
			h, err = af.Handler(opts...)
		} else {
			h, err = slogaudit.New(slog.NewJSONHandler(af, nil), opts...)
		}
		if err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			slog.New(h).Info("e", "n", 7, "name", "é", "i", i)
		}
		h.Close(context.Background())
		af.Close()
		data, _ := os.ReadFile(path)
		ls := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		o := slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}}
		if rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(data), o); err != nil || !rep.Intact() {
			t.Fatalf("%s: untouched log: %v %v", kind, err, rep.Findings)
		}
		for _, e := range reencodings {
			for i, l := range ls {
				edited := e.edit(l)
				if edited == l {
					continue // the edit does not apply to this line
				}
				c := append([]string{}, ls...)
				c[i] = edited
				in := strings.Join(c, "\n") + "\n"
				rep, _ := slogaudit.Verify(context.Background(), strings.NewReader(in), o)
				if kind == "json" {
					if !rep.Intact() {
						t.Errorf("json %s, line %d: want intact (the verifier canonicalises another handler's lines), got %v", e.name, i+1, rep.Findings)
					}
					continue
				}
				var bad []slogaudit.Finding
				for _, f := range rep.Findings {
					if !f.Kind.Info() {
						bad = append(bad, f)
					}
				}
				if len(bad) != 1 || bad[0].Kind != slogaudit.Modified || bad[0].Line != int64(i+1) || bad[0].Seq != uint64(i+1) {
					t.Errorf("file %s, line %d: want one modified finding at line %d seq %d, got %v", e.name, i+1, i+1, i+1, rep.Findings)
				}
			}
		}
	}
}

// A changed value in any record, the chain's first included, is one
// modified finding at its line and seq and nothing else. Before, a change
// to seq 1 also reported seq 1 missing ("chain starts at seq 2"): the first
// record of a chain held its place only when its hash was right.
func TestModifiedRecordIsTheOnlyFinding(t *testing.T) {
	for _, kind := range []string{"file", "json"} {
		path := filepath.Join(t.TempDir(), "audit.log")
		af, _ := slogaudit.OpenFile(path)
		opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c")}
		var h *slogaudit.Handler
		if kind == "file" {
			h, _ = af.Handler(opts...)
		} else {
			h, _ = slogaudit.New(slog.NewJSONHandler(af, nil), opts...)
		}
		for i := range 4 {
			slog.New(h).Info("e", "i", i)
		}
		h.Close(context.Background())
		af.Close()
		data, _ := os.ReadFile(path)
		ls := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		for i := range ls {
			for _, key := range []bool{true, false} {
				c := append([]string{}, ls...)
				c[i] = strings.Replace(c[i], `"INFO"`, `"WARN"`, 1)
				o := slogaudit.VerifyOptions{}
				if key {
					o.Keys = map[string][]byte{"k1": rtKey}
				}
				rep, _ := slogaudit.Verify(context.Background(), strings.NewReader(strings.Join(c, "\n")+"\n"), o)
				var bad []slogaudit.Finding
				for _, f := range rep.Findings {
					if !f.Kind.Info() {
						bad = append(bad, f)
					}
				}
				if len(bad) != 1 || bad[0].Kind != slogaudit.Modified || bad[0].Line != int64(i+1) || bad[0].Seq != uint64(i+1) {
					t.Errorf("%s, key %v, line %d changed: want one modified finding at seq %d, got %v", kind, key, i+1, i+1, rep.Findings)
				}
			}
		}
	}
}

package slogaudit_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/slogaudit"
)

// memberEditLog writes a File log of chain "till": a start, nine records,
// a stop; and returns its lines.
func memberEditLog(t *testing.T) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("till"))
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	for i := range 9 {
		l.Info("sale", "till", 3, "cents", 250*i+99, "clerk", fmt.Sprintf("c-%02d", i))
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	af.Close()
	return readLines(t, path)
}

// setMember rewrites the value of an audit member of line ("seq", or a
// hash member with one character changed).
func setMember(t *testing.T, line, name string, f func(string) string) string {
	t.Helper()
	re := regexp.MustCompile(`"` + name + `":("[^"]*"|[0-9]+)`)
	m := re.FindStringSubmatchIndex(line)
	if m == nil {
		t.Fatalf("no %s in %s", name, line)
	}
	return line[:m[2]] + f(line[m[2]:m[3]]) + line[m[3]:]
}

func flipHashChar(s string) string {
	i := len(s) / 2
	c := byte('Q')
	if s[i] == 'Q' {
		c = 'R'
	}
	return s[:i] + string(c) + s[i+1:]
}

// A record whose seq, prev or hash member was changed is reported as that
// record modified, at its line and with its own seq, naming the member:
// not as a record missing after the one before it, nor as the record
// after it inserted.
func TestAuditMemberEditNamesTheRecord(t *testing.T) {
	lines := memberEditLog(t)
	if len(lines) != 11 {
		t.Fatalf("got %d lines, want 11", len(lines))
	}
	cases := []struct {
		name   string
		line   int // 1-based
		member string
		f      func(string) string
		kinds  []slogaudit.FindingKind
		detail string
	}{
		{"seq raised by one", 6, "seq", func(string) string { return "7" }, []slogaudit.FindingKind{slogaudit.Modified}, "seq was changed from 6 to 7"},
		{"seq raised far", 3, "seq", func(string) string { return "40" }, []slogaudit.FindingKind{slogaudit.Modified}, "seq was changed from 3 to 40"},
		{"seq lowered", 9, "seq", func(string) string { return "2" }, []slogaudit.FindingKind{slogaudit.Modified}, "seq was changed from 9 to 2"},
		{"seq of the last record", 11, "seq", func(string) string { return "12" }, []slogaudit.FindingKind{slogaudit.Modified}, "seq was changed from 11 to 12"},
		{"seq of the second record", 2, "seq", func(string) string { return "5" }, []slogaudit.FindingKind{slogaudit.Modified}, "seq was changed from 2 to 5"},
		{"prev", 7, "prev", flipHashChar, []slogaudit.FindingKind{slogaudit.Modified}, "prev member was changed"},
		{"prev of the last record", 11, "prev", flipHashChar, []slogaudit.FindingKind{slogaudit.Modified}, "prev member was changed"},
		{"hash", 4, "hash", flipHashChar, []slogaudit.FindingKind{slogaudit.Modified}, "hash member was changed"},
		{"hash of the second record", 2, "hash", flipHashChar, []slogaudit.FindingKind{slogaudit.Modified}, "hash member was changed"},
		{"chain", 8, "chain", func(string) string { return `"tilt"` }, []slogaudit.FindingKind{slogaudit.Modified}, `chain member was changed from "till" to "tilt"`},
		{"chain of the last record", 11, "chain", func(string) string { return `"till-2"` }, []slogaudit.FindingKind{slogaudit.Modified}, `chain member was changed from "till" to "till-2"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			edited := slices.Clone(lines)
			edited[c.line-1] = setMember(t, edited[c.line-1], c.member, c.f)
			if edited[c.line-1] == lines[c.line-1] {
				t.Fatal("the edit changed nothing")
			}
			rep, err := slogaudit.Verify(context.Background(), strings.NewReader(strings.Join(edited, "\n")+"\n"), slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
			if err == nil || rep.Intact() {
				t.Fatalf("an edited log verifies: %v", rep.Findings)
			}
			var kinds []slogaudit.FindingKind
			for _, f := range rep.Findings {
				kinds = append(kinds, f.Kind)
				if f.Line != int64(c.line) || f.Seq != uint64(c.line) || f.Chain != "till" {
					t.Errorf("finding %s: want line %d, chain till, seq %d", f, c.line, c.line)
				}
				if f.Kind == slogaudit.Modified && !strings.Contains(f.Detail, c.detail) {
					t.Errorf("finding %s: want a detail saying %q", f, c.detail)
				}
			}
			if !slices.Equal(kinds, c.kinds) {
				t.Errorf("got kinds %v, want %v: %v", kinds, c.kinds, rep.Findings)
			}
			if s := rep.Chains["till"]; s.First != 1 || s.Last != 11 || s.Records != 11 {
				t.Errorf("chain summary %+v: want seq 1 to 11, 11 records in place", s)
			}
			if s := rep.Chains["till"]; len(rep.Chains) != 1 || s.Checks.Hashes != (slogaudit.Check{Checked: 11, Failed: 1}) {
				t.Errorf("got chains %+v, want chain till alone, its 11 hashes recomputed, 1 failed", rep.Chains)
			}
		})
	}
}

// relinked rewrites the clerk of a File line and recomputes its link hash,
// as one who can write the log but lacks the key would: its MAC no longer
// verifies, and the record after it no longer links to it.
func relinked(t *testing.T, line string) string {
	t.Helper()
	out := regexp.MustCompile(`"clerk":"c-\d+"`).ReplaceAllString(line, `"clerk":"mallory"`)
	if out == line {
		t.Fatalf("no clerk in %s", line)
	}
	val, err := chain.Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := val.Get("audit")
	seq, _ := a.Get("seq")
	p, _ := a.Get("prev")
	raw, err := base64.RawURLEncoding.DecodeString(p.Str)
	if err != nil {
		t.Fatal(err)
	}
	var prev chain.Hash
	copy(prev[:], raw)
	h := chain.V2.Link("till", uint64(seq.Num), prev, chain.AppendCanonicalWithout(nil, val, "audit"))
	return setMember(t, out, "hash", func(string) string { return `"` + base64.RawURLEncoding.EncodeToString(h[:]) + `"` })
}

// A record rewritten with its hash recomputed fails its MAC, and that
// one finding names it: the record after it, which no longer links to
// it, is not reported inserted.
func TestRelinkedRecordBreakIsItsOwn(t *testing.T) {
	lines := memberEditLog(t)
	for _, at := range []int{2, 5, 10} {
		t.Run(fmt.Sprintf("line %d", at), func(t *testing.T) {
			edited := slices.Clone(lines)
			edited[at-1] = relinked(t, edited[at-1])
			rep, err := slogaudit.Verify(context.Background(), strings.NewReader(strings.Join(edited, "\n")+"\n"), slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
			if err == nil || rep.Intact() {
				t.Fatalf("a rewritten log verifies: %v", rep.Findings)
			}
			if len(rep.Findings) != 1 {
				t.Fatalf("got %d findings, want the bad MAC of line %d alone: %v", len(rep.Findings), at, rep.Findings)
			}
			if f := rep.Findings[0]; f.Kind != slogaudit.BadMAC || f.Line != int64(at) || f.Seq != uint64(at) {
				t.Errorf("got %s, want a bad MAC at line %d, seq %d", f, at, at)
			}
		})
	}
}

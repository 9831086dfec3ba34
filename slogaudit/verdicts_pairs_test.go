package slogaudit_test

// Two records next to each other, each tampered in one way, are two
// findings: one at each line, of the kind that says what was done to it.
// A record that failed its check does not make the record after it (nor
// the one before) look missing or inserted.

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/slogaudit"
)

// relinkAny rewrites a nested attribute of a record line and recomputes
// its link hash, as one who can write the log but lacks the key would.
func relinkAny(t *testing.T, line string) string {
	t.Helper()
	out := strings.Replace(line, `"name":"acme"`, `"name":"evil"`, 1)
	val, err := chain.Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := val.Get("audit")
	id, _ := a.Get("chain")
	seq, _ := a.Get("seq")
	p, _ := a.Get("prev")
	// A File line writes its hashes in base64url, Wrap in hex.
	decode, encode := base64.RawURLEncoding.DecodeString, base64.RawURLEncoding.EncodeToString
	if len(p.Str) == 64 {
		decode, encode = hex.DecodeString, hex.EncodeToString
	}
	raw, err := decode(p.Str)
	if err != nil {
		t.Fatal(err)
	}
	var prev chain.Hash
	copy(prev[:], raw)
	h := chain.V2.Link(id.Str, uint64(seq.Num), prev, chain.AppendCanonicalWithout(nil, val, "audit"))
	return setAudit(t, out, "hash", func(string) string { return `"` + encode(h[:]) + `"` })
}

// setAudit is setMember inside the line's audit member: an audit.start
// names a hash before it.
func setAudit(t *testing.T, line, name string, f func(string) string) string {
	t.Helper()
	i := strings.Index(line, `"audit":`)
	return line[:i] + setMember(t, line[i:], name, f)
}

// flipDigit changes the middle digit of a quoted hash to another digit of
// both hex and base64url.
func flipDigit(s string) string {
	i := len(s) / 2
	c := byte('0')
	if s[i] == '0' {
		c = '1'
	}
	return s[:i] + string(c) + s[i+1:]
}

// spoilDigit puts a byte that is a digit of no encoding in the middle of a
// quoted hash: the line no longer reads as a record.
func spoilDigit(s string) string {
	i := len(s) / 2
	return s[:i] + "!" + s[i+1:]
}

// pairEdit is one way to tamper with a record, and the finding it gets.
type pairEdit struct {
	name string
	kind slogaudit.FindingKind
	edit func(t *testing.T, line string) string
}

var pairEdits = []pairEdit{
	{"MAC digit", slogaudit.BadMAC, func(_ *testing.T, l string) string { return flipMAC(l) }},
	{"hash member", slogaudit.Modified, func(t *testing.T, l string) string { return setAudit(t, l, "hash", flipDigit) }},
	{"prev member", slogaudit.Modified, func(t *testing.T, l string) string { return setAudit(t, l, "prev", flipDigit) }},
	{"hash member unreadable", slogaudit.Modified, func(t *testing.T, l string) string { return setAudit(t, l, "hash", spoilDigit) }},
	{"nested value", slogaudit.Modified, func(_ *testing.T, l string) string {
		return strings.Replace(l, `"name":"acme"`, `"name":"acmf"`, 1)
	}},
	{"rewritten with its hash recomputed", slogaudit.BadMAC, relinkAny},
}

func TestExactAdjacentEditsAreEachNamedOnce(t *testing.T) {
	t.Parallel() // thousands of verifications; its logs and files are its own
	for w, l := range exactLogs(t) {
		for i := 0; i+1 < len(l.lines); i++ {
			a, b := l.lines[i].text, l.lines[i+1].text
			if i%3 != 0 || !strings.Contains(a, `"name":"acme"`) || !strings.Contains(b, `"name":"acme"`) {
				continue // every third pair; the edits of a nested value need records with one
			}
			for _, ea := range pairEdits {
				for _, eb := range pairEdits {
					c := slices.Clone(l.lines)
					c[i].text, c[i+1].text = ea.edit(t, a), eb.edit(t, b)
					cp := i%2 == 1
					rep := l.verify(t, c, cp)
					got := tampering(rep)
					ok := len(got) == 2 &&
						got[0].Kind == ea.kind && got[0].Seq == seqOf(t, a) && got[0].Line == lineInFile(c, i) &&
						got[1].Kind == eb.kind && got[1].Seq == seqOf(t, b) && got[1].Line == lineInFile(c, i+1)
					if !ok {
						var s strings.Builder
						for _, f := range rep.Findings {
							s.WriteString("\n\t" + f.String())
						}
						t.Errorf("%s: line %d's %s, line %d's %s (checkpoint file %v): want %s then %s, got:%s", w, i+1, ea.name, i+2, eb.name, cp, ea.kind, eb.kind, s.String())
					}
				}
			}
		}
	}
}

// A record's hash member changed is that record modified, once: its MAC,
// over the hash the key computed, verifies the hash of its content, so the
// MAC is not reported failed besides; on the chain's last record too,
// which no record after it links to.
func TestExactHashMemberEditIsOneFinding(t *testing.T) {
	t.Parallel() // thousands of verifications; its logs and files are its own
	for w, l := range exactLogs(t) {
		for i, x := range l.lines {
			for _, cp := range []bool{false, true} {
				c := slices.Clone(l.lines)
				c[i].text = setAudit(t, x.text, "hash", flipDigit)
				rep := l.verify(t, c, cp)
				name := fmt.Sprintf("%s: hash member of line %d edited (checkpoint file %v)", w, i+1, cp)
				requireOnly(t, name, rep, slogaudit.Modified, seqOf(t, x.text), lineInFile(c, i))
				if got := tampering(rep); len(got) == 1 && !strings.Contains(got[0].Detail, "hash member was changed") {
					t.Errorf("%s: detail does not name the hash member: %s", name, got[0])
				}
			}
		}
	}
}

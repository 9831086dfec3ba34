package slogaudit_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// A record whose audit member was broken so that the line no longer reads
// as a record is one finding at its line, in place of that record: an
// audit.start, a checkpoint or any record, in every file of a rotated log
// with restarts. When the broken member still names the record (its
// chain and seq read), the record is there, modified; when it names none,
// the line is malformed, standing where the record is missing. The record
// is not reported missing besides; the chain's last record is not reported
// truncated by a checkpoint that signed it.
func TestExactBrokenAuditMemberIsOneFinding(t *testing.T) {
	t.Parallel() // thousands of verifications; its logs and files are its own
	edits := []struct {
		name  string
		names bool // the edited audit member still names its record
		edit  func(t *testing.T, l string) string
	}{
		{"hash digit not of its encoding", true, func(t *testing.T, l string) string { return setAudit(t, l, "hash", spoilDigit) }},
		{"prev digit not of its encoding", true, func(t *testing.T, l string) string { return setAudit(t, l, "prev", spoilDigit) }},
		{"mac digit not of its encoding", true, func(t *testing.T, l string) string { return setAudit(t, l, "mac", spoilDigit) }},
		{"seq quoted", false, func(t *testing.T, l string) string {
			return setAudit(t, l, "seq", func(s string) string { return `"` + s + `"` })
		}},
		{"seq zero", false, func(t *testing.T, l string) string {
			return setAudit(t, l, "seq", func(string) string { return "0" })
		}},
		{"chain a number", false, func(t *testing.T, l string) string {
			return setAudit(t, l, "chain", func(string) string { return "41" })
		}},
		{"unknown version", false, func(_ *testing.T, l string) string { return strings.Replace(l, `"v":2`, `"v":7`, 1) }},
		{"unknown member", false, func(_ *testing.T, l string) string {
			i := strings.Index(l, `"audit":{`) + len(`"audit":{`)
			return l[:i] + `"note":"x",` + l[i:]
		}},
	}
	for w, l := range exactLogs(t) {
		for i, x := range l.lines {
			for _, e := range edits {
				c := slices.Clone(l.lines)
				c[i].text = e.edit(t, x.text)
				if c[i].text == x.text {
					t.Fatalf("test bug: %s changed nothing", e.name)
				}
				want := slogaudit.Malformed
				if e.names {
					want = slogaudit.Modified
				}
				for _, cp := range []bool{false, true} {
					seq := seqOf(t, x.text)
					if i == len(l.lines)-1 && !e.names && (!cp || !strings.Contains(string(l.cps), fmt.Sprintf("\n%d\n", seq))) {
						// The last line, naming no record, with no signed
						// size to say a record was there.
						seq = 0
					}
					rep := l.verify(t, c, cp)
					requireOnly(t, fmt.Sprintf("%s: line %d's audit member with its %s (checkpoint file %v)", w, i+1, e.name, cp), rep, want, seq, lineInFile(c, i))
				}
			}
		}
	}
}

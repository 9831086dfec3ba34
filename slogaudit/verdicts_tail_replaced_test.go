package slogaudit_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// A chain's newest records replaced by another run's of the same chain:
// with the key, the record before them verifies, so it was not rewritten,
// and each replaced record is reported inserted (as a replaced run in the
// middle of a log is). Without the key, the record before them may have
// been rewritten with its hash recomputed, which looks the same: the
// break, at the first replaced record, is the one finding about the
// records (a signed root over them differs besides).
func TestExactNewestRecordsReplacedWithoutKey(t *testing.T) {
	for _, w := range exactWriters {
		l := writeExactLog(t, w, "ledger", []int{7, 6}, 0)
		same := bySeq(t, writeExactLog(t, w, "ledger", []int{7, 6}, 0))
		for _, run := range []int{2, 4} {
			c := slices.Clone(l.lines)
			first := len(c) - run
			for j := first; j < len(c); j++ {
				c[j].text = same[seqOf(t, c[j].text)]
			}
			var b strings.Builder
			for _, x := range c {
				b.WriteString(x.text + "\n")
			}
			rep, _ := slogaudit.Verify(context.Background(), strings.NewReader(b.String()), slogaudit.VerifyOptions{})
			name := fmt.Sprintf("%s: newest %d records replaced, verified without the key", w, run)
			var records []slogaudit.Finding
			for _, f := range tampering(rep) {
				if f.Kind != slogaudit.BadCheckpoint {
					records = append(records, f)
				}
			}
			if len(records) != 1 || records[0].Kind != slogaudit.Inserted || records[0].Line != int64(first+1) ||
				records[0].Seq != seqOf(t, c[first].text) || !strings.Contains(records[0].Detail, "does not link to the record before it") {
				t.Errorf("%s: want the break at line %d the one finding about the records, got %v", name, first+1, rep.Findings)
			}
		}
	}
}

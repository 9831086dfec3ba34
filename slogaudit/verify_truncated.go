package slogaudit

import (
	"fmt"
	"sort"
)

// truncation is what the checkpoints beyond a chain's last record say:
// the newest of them, and how many there are.
type truncation struct {
	finding Finding
	count   int
}

// truncatedBeyond notes a checkpoint of chain id that signed size records
// while the input ends at seq last. The newest records removed are one
// tampering, however many checkpoints signed them: reportTruncated makes
// one finding of them per chain, at the last line of the input.
func (v *verifier) truncatedBeyond(id string, size, last uint64, signed string) {
	if v.truncs == nil {
		v.truncs = map[string]*truncation{}
	}
	t := v.truncs[id]
	if t == nil {
		t = &truncation{}
		v.truncs[id] = t
	}
	t.count++
	if size <= t.finding.Seq {
		return
	}
	t.finding = Finding{File: v.file, Line: v.line, Chain: id, Seq: size, Kind: Truncated,
		Detail: fmt.Sprintf("a checkpoint signed %s %d but the input ends at seq %d: the newest records were removed", signed, size, last)}
}

// reportTruncated adds the findings that truncatedBeyond noted, one per
// chain. Its line is the input's last, which exists (no line, for an
// input or last file without any).
func (v *verifier) reportTruncated() {
	ids := make([]string, 0, len(v.truncs))
	for id := range v.truncs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		t := v.truncs[id]
		if t.count > 1 {
			t.finding.Detail += fmt.Sprintf(" (%d checkpoints sign records past the end; this is the newest)", t.count)
		}
		v.rep.Findings = append(v.rep.Findings, t.finding)
	}
	v.truncs = nil
}

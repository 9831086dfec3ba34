package slogaudit

import "fmt"

// A rotated file whose end was cut off mid-record ends with the first
// bytes of a line and no newline, and the next file starts records later.
// That is one edit, reported once: a truncated finding at the cut line
// that names the records gone, not a malformed or modified finding for the
// line and a missing one for the records after it.

// noteCutEnd remembers the finding of p, an unnamed incomplete last line
// of a file, by its position: the next file may show the file cut there.
func (v *verifier) noteCutEnd(p *pendingTorn) {
	if !p.unterminated || !p.prefix {
		return
	}
	if v.cutEnds == nil {
		v.cutEnds = map[int64]int{}
	}
	v.cutEnds[p.pos] = len(v.rep.Findings)
}

// cutBefore returns the finding of the incomplete line that ends the file
// before position pos, when pos starts a file and that line is the start
// of record seq of chain id, or names no record at all.
func (v *verifier) cutBefore(id string, seq uint64, pos int64) (int, bool) {
	i, ok := v.cutEnds[pos-1]
	if !ok || !v.atFileStart(pos) {
		return 0, false
	}
	f := v.rep.Findings[i]
	if f.Kind != Malformed || f.Chain != "" {
		return 0, false // already taken for another record
	}
	for c, j := range v.unreadable {
		if j == i {
			if c.chain != id || c.seq != seq {
				return 0, false
			}
			delete(v.unreadable, c)
		}
	}
	return i, true
}

// cutGap reports the gap g of chain id as the end of a file cut off
// mid-record, and reports whether it did: when g is found where a file
// starts, right after an incomplete last line of the file before that no
// record names, and no audit.gap declares any of its records.
func (v *verifier) cutGap(id string, st *chainState, g seqRun) bool {
	if g.tracked != g.to-g.from+1 {
		return false
	}
	for s := g.from; s <= g.to; s++ {
		if line, ok := st.missing[s]; !ok || line != g.line {
			return false
		}
		if _, ok := st.declaredIn(s, g); ok {
			return false
		}
	}
	i, ok := v.cutBefore(id, g.from, g.line)
	if !ok {
		return false
	}
	f := &v.rep.Findings[i]
	f.Kind, f.Chain, f.Seq = Truncated, id, g.from
	gone := fmt.Sprintf("record %d is gone", g.from)
	if g.to > g.from {
		gone = fmt.Sprintf("records %d to %d are gone (%d records)", g.from, g.to, g.to-g.from+1)
	}
	f.Detail = fmt.Sprintf("the file was cut off mid-record (its last line is the start of a record, without a newline, and the next file starts after record %d): %s", g.to, gone)
	return true
}

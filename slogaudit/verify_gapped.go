package slogaudit

// A record that follows skipped seqs in its chain comes after records the
// verifier has not seen there: removed ones (reported missing) or moved
// ones (reported reordered where they are). Among them may be the seal
// that moved the chain to the record's epoch, or the audit.rotate that
// named its key id. Its epoch or key-change finding is then about those
// records, already reported, not about it: the finding is withdrawn
// at the end, unless an audit.gap declares one of the skipped seqs lost,
// which no seal or rotation ever is (the wrapper retries its own records
// and gives them no seq until written), so that declaration does not
// explain the change.

// afterGap is a finding of a record that follows the gap st.gaps[gap].
type afterGap struct {
	finding int // index in the report's findings
	gap     int
}

// excuseAfterGap notes the finding just added about rec, when rec follows
// a gap in its chain and the change it reports goes forward (a later
// epoch, another key id), which the skipped records could explain.
func (v *verifier) excuseAfterGap(st *chainState, rec auditFields, forward bool) {
	n := len(st.gaps)
	if !forward || n == 0 || st.gaps[n-1].to+1 != rec.seq || st.gaps[n-1].line != v.pos() {
		return
	}
	st.afterGap = append(st.afterGap, afterGap{len(v.rep.Findings) - 1, n - 1})
}

// settleAfterGaps withdraws the findings noted by excuseAfterGap whose
// gap no audit.gap record declares, in part or whole.
func (v *verifier) settleAfterGaps(st *chainState) {
	for _, a := range st.afterGap {
		g := st.gaps[a.gap]
		declared := false
		for _, d := range st.declared {
			declared = declared || d.From <= g.to && g.from <= d.To
		}
		if !declared {
			v.withdrawn = append(v.withdrawn, a.finding)
		}
	}
	st.afterGap = nil
}

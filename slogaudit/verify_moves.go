package slogaudit

import (
	"bytes"
	"fmt"
	"sort"
)

// A record moved earlier in the log makes the records it jumped over come
// after a higher seq. Reported as they come, each of them would be
// "reordered", and the one record that moved would not. So while a stretch
// of a chain is out of order, the verifier keeps its records (seq,
// position, and the finding each got), and when every seq it skipped has
// come (or the stretch grows too long, or the input ends) it keeps the
// longest run of them in increasing order in place and reports the others
// reordered: the fewest records that, moved back, restore the order. Of
// runs of one length it keeps the one that comes first, so that two
// records swapped report the second, as a record moved later does.

// maxMoves bounds the records kept for one stretch of a chain.
const maxMoves = 1024

// moves is a stretch of a chain read out of order.
type moves struct {
	base uint64 // the chain's head before it
	open uint64 // the seqs skipped in it that have not come yet
	recs []moved
}

// moved is one record of a stretch: its seq, its position, and the index
// of its reordered finding (-1 for a record placed at its arrival).
type moved struct {
	seq     uint64
	pos     int64
	finding int
}

// skipped starts or extends the stretch of st when a record skips n seqs
// that the verifier now waits for.
func (v *verifier) skipped(st *chainState, n uint64) {
	if st.gap != nil {
		st.startMixed = true
	}
	if st.moves == nil {
		st.moves = &moves{base: st.seq}
	}
	st.moves.open += n
}

// placedInStretch notes a record placed at its arrival (after the records
// before it in the chain) while a stretch is open.
func (v *verifier) placedInStretch(id string, st *chainState, seq uint64) {
	if st.moves == nil {
		return
	}
	st.moves.recs = append(st.moves.recs, moved{seq, v.pos(), -1})
	if len(st.moves.recs) >= maxMoves {
		v.settleMoves(id, st)
	}
}

// cameLate notes a record that came after a higher seq, whose reordered
// finding is the last one added.
func (v *verifier) cameLate(id string, st *chainState, seq uint64) {
	m := st.moves
	if m == nil || seq <= m.base {
		return
	}
	m.recs = append(m.recs, moved{seq, v.pos(), len(v.rep.Findings) - 1})
	m.open--
	if m.open == 0 || len(m.recs) >= maxMoves {
		v.settleMoves(id, st)
	}
}

// settleMoves decides the stretch of st: the records of the longest
// increasing run stay in place (their findings are withdrawn), the others
// are reported reordered.
func (v *verifier) settleMoves(id string, st *chainState) {
	m := st.moves
	st.moves = nil
	if m == nil || len(m.recs) == 0 {
		return
	}
	seqs := make([]uint64, len(m.recs))
	for i, r := range m.recs {
		seqs[i] = r.seq
	}
	keep := longestRun(seqs, m.base)
	for i, r := range m.recs {
		switch {
		case keep[i] && r.finding >= 0:
			v.withdrawn = append(v.withdrawn, r.finding)
		case !keep[i] && r.finding < 0:
			v.addAt(r.pos, id, r.seq, Reordered, "appears before seq %d, which it comes after", firstBelow(seqs[i+1:], r.seq))
		}
	}
}

// firstBelow returns the first of seqs below seq (0 if none).
func firstBelow(seqs []uint64, seq uint64) uint64 {
	for _, s := range seqs {
		if s < seq {
			return s
		}
	}
	return 0
}

// dropWithdrawn removes the findings that a later decision took back
// (v.withdrawn, their indices).
func (v *verifier) dropWithdrawn() {
	if len(v.withdrawn) == 0 {
		return
	}
	drop := make(map[int]bool, len(v.withdrawn))
	for _, i := range v.withdrawn {
		drop[i] = true
	}
	fs := v.rep.Findings[:0]
	for i, f := range v.rep.Findings {
		if !drop[i] {
			fs = append(fs, f)
		}
	}
	v.rep.Findings = fs
	v.withdrawn = nil
}

// longestRun reports which of seqs (distinct, in input order) form the
// longest strictly increasing run above base, choosing among runs of one
// length the one whose records come first.
func longestRun(seqs []uint64, base uint64) []bool {
	// from[i]: the length of the longest increasing run that starts at
	// i. best[k]: the largest seq, among those to the right, that starts
	// a run of k+1; it decreases with k.
	from := make([]int, len(seqs))
	var best []uint64
	for i := len(seqs) - 1; i >= 0; i-- {
		s := seqs[i]
		k := sort.Search(len(best), func(j int) bool { return best[j] <= s })
		from[i] = k + 1
		if k == len(best) {
			best = append(best, s)
		} else {
			best[k] = max(best[k], s)
		}
	}
	keep := make([]bool, len(seqs))
	want, last := len(best), base
	for i, s := range seqs {
		if want > 0 && from[i] == want && s > last {
			keep[i] = true
			want--
			last = s
		}
	}
	return keep
}

// settleStart decides the records placed before the chain's first record
// seen (first), placed[i] telling which of st.before link up to it: with
// the records placed after first, in input order, the longest increasing
// run stays in place and the others are reported reordered. When the
// chain also skipped seqs after first (its stretches decided apart), the
// records placed after first stay in place.
func (v *verifier) settleStart(id string, st *chainState, first startGap, placed []bool) {
	type arrival struct {
		seq  uint64
		pos  int64
		held int // index in st.before, or -1
	}
	list := []arrival{{first.seq, first.line, -1}}
	run := st.startRun
	if st.startMixed {
		run = nil
	}
	j := 0
	for i, b := range st.before {
		if !placed[i] {
			continue
		}
		for ; j < len(run) && run[j].pos < b.line; j++ {
			list = append(list, arrival{run[j].seq, run[j].pos, -1})
		}
		list = append(list, arrival{b.seq, b.line, i})
	}
	seqs := make([]uint64, len(list))
	for i, a := range list {
		seqs[i] = a.seq
	}
	keep := longestRun(seqs, 0)
	for i, a := range list {
		switch {
		case a.held >= 0 && (!keep[i] || st.startMixed):
			v.addAt(a.pos, id, a.seq, Reordered, "appears after seq %d, which it comes before", st.before[a.held].head)
		case a.held < 0 && !keep[i] && !st.startMixed:
			v.addAt(a.pos, id, a.seq, Reordered, "appears before seq %d, which it comes after", firstBelow(seqs[i+1:], a.seq))
		}
	}
	for i, b := range st.before {
		if !placed[i] {
			v.behindHead(b.line, id, b.seq, b.head)
		}
	}
}

// missingFragment is a fragment that the record at pos names and that was
// not in the input before it, reported missing at finding.
type missingFragment struct {
	name    tornName
	pos     int64
	finding int
	by      string
}

// swappedFragment reports whether the line being read, not a record, of
// hex SHA-256 sha and n bytes, is a fragment that the record on the line
// before it named and reported missing: the two lines were swapped, one
// edit, and that finding becomes it.
func (v *verifier) swappedFragment(sha string, n int) bool {
	for i, m := range v.justMissing {
		if m.pos+1 != v.pos() || m.name.sha != sha || m.name.bytes != int64(n) {
			continue
		}
		v.justMissing = append(v.justMissing[:i], v.justMissing[i+1:]...)
		f := &v.rep.Findings[m.finding]
		f.Kind = Reordered
		f.Detail = fmt.Sprintf("the incomplete line that this %s names is on the line after it (%s): a writer leaves such a line before the record that names it; the two lines were swapped", m.by, v.lineText(v.pos()))
		return true
	}
	return false
}

// namesFragment reports whether raw, a line that does not parse, still
// names the fragment p as an audit.start or audit.gap does: its hash, or
// its length just before a hash member (one of the two changed).
func namesFragment(raw []byte, p *pendingTorn) bool {
	return bytes.Contains(raw, []byte(p.sha)) ||
		bytes.Contains(raw, []byte(fmt.Sprintf(`"bytes":%d,"sha256":"`, p.bytes)))
}

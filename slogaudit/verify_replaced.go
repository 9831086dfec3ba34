package slogaudit

import (
	"fmt"
	"slices"
	"strings"
)

// chainBreak is a run of a chain's records, in order, whose first does not
// link to the record before it (the chain's head then), though its seq is
// the next: the run, or the records before it, came from another log of
// the same chain (another run, or a copy of the log), put in the place of
// this log's records. The record after the run decides which: when it
// does not link to the run's last record either, the run replaced the
// chain's records in its place, and the chain goes on after it (see
// replacedRun); when the input ends first, see settleBreak.
type chainBreak struct {
	finding int     // the index of the first record's finding
	from    uint64  // the seq of the run's first record
	pos     []int64 // the positions of the run's records, in order
	// roots: the indices of the findings of signed roots that differ
	// from the run's, which a replaced run explains.
	roots []int
	// keyed: the record before the run verified with its key: it was
	// not rewritten, so the run is what came from elsewhere.
	keyed bool
}

// differs notes the finding of a signed root that differs from the
// records, at index i, while the break b (if any) is open.
func (b *chainBreak) differs(i int) {
	if b != nil {
		b.roots = append(b.roots, i)
	}
}

// maxNamedRun bounds the records of a replaced run that are named one by
// one; a longer run is named by its first record's finding.
const maxNamedRun = 64

// openBreak starts a break at rec, whose finding was just added at the
// current position.
func (v *verifier) openBreak(st *chainState, rec auditFields) {
	st.brk = &chainBreak{finding: len(v.rep.Findings) - 1, from: rec.seq, pos: []int64{v.pos()}, keyed: st.headKeyed}
}

// grewBreak adds a record placed after the run of an open break.
func (v *verifier) grewBreak(st *chainState) {
	if b := st.brk; b != nil {
		if len(b.pos) >= maxMoves {
			st.brk = nil // too long to be named record by record
			return
		}
		b.pos = append(b.pos, v.pos())
	}
}

// replacedRun decides an open break when rec, the next seq, does not link
// to the run's last record: the run is in the place of the chain's records
// of its seqs, and rec goes on from those. The run's records are each
// reported inserted, and rec nothing. It reports whether it decided so.
func (v *verifier) replacedRun(st *chainState, rec auditFields) bool {
	b := st.brk
	st.brk = nil
	if b == nil || b.from+uint64(len(b.pos)) != rec.seq {
		return false
	}
	// The signed roots of sizes the run is in differ from the records'
	// for the run's records: its own findings say so.
	v.nameReplaced(rec.chain, b, "neither the record before it nor the one after it", "the records before and after them")
	return true
}

// settleBreak decides a break still open at the end of the input: the run
// after it goes on to the chain's last record, and the records before it
// to the chain's first. When the records before it are fewer (a chain's
// first record replaced by another run's, which starts from the same
// genesis), they are the ones reported, in place of the run's first;
// else the run's first record stays reported as not linking to the
// record before it.
func (v *verifier) settleBreak(id string, st *chainState) {
	b := st.brk
	st.brk = nil
	if b == nil {
		return
	}
	var before []int64
	if st.gap == nil && st.sum.First == 1 && b.from-1 < uint64(len(b.pos)) {
		for s := uint64(1); s < b.from; s++ {
			r, ok := st.recent.get(s)
			if !ok {
				before = nil
				break
			}
			before = append(before, r.line)
		}
	}
	if before == nil {
		// The run after the break goes on to the chain's newest record:
		// another log's newest records in place of this one's, or the
		// record before the break rewritten with its hash recomputed.
		// With the key, the record before the break verified, so each
		// record of the run is reported inserted (and the signed roots
		// over them differ for that reason); without it, the break is
		// what the finding names, and a signed root that differs says
		// more: that the records before it are not the ones signed.
		if b.keyed {
			v.tailReplaced(id, b)
		}
		return
	}
	v.withdrawn = append(v.withdrawn, b.roots...) // their leaves are in every root
	last := b.from - 1
	for i, p := range before {
		detail := replacedDetail(uint64(i)+1, 1, last, fmt.Sprintf("none of the chain's records after it, from seq %d on", b.from), fmt.Sprintf("the chain's records after them, from seq %d on", b.from))
		if i == 0 {
			f := &v.rep.Findings[b.finding]
			f.File, f.Line = v.where(p)
			f.Seq, f.Detail = 1, detail
			continue
		}
		v.addAt(p, id, uint64(i)+1, Inserted, "%s", detail)
	}
}

// tailReplaced reports each record of the run of b, which goes on to the
// chain's newest record after a record that verified with its key,
// inserted: the chain's newest records were replaced by another log's.
func (v *verifier) tailReplaced(id string, b *chainBreak) {
	v.nameReplaced(id, b, "the record before it, which verifies with its key", "the record before them, which verifies with its key")
}

// nameReplaced reports each record of the run of chain id in b as
// inserted in place of the chain's record of its seq (the run's first
// through the finding already made for it), and withdraws the signed
// roots the run is in; one and many name the records the run does not
// link to (replacedDetail).
func (v *verifier) nameReplaced(id string, b *chainBreak, one, many string) {
	v.withdrawn = append(v.withdrawn, b.roots...)
	last := b.from + uint64(len(b.pos)) - 1
	for i, p := range b.pos {
		detail := replacedDetail(b.from+uint64(i), b.from, last, one, many)
		if i == 0 {
			v.rep.Findings[b.finding].Detail = detail
			continue
		}
		if len(b.pos) > maxNamedRun {
			break // the first record's finding names the run
		}
		v.addAt(p, id, b.from+uint64(i), Inserted, "%s", detail)
	}
}

// replacedDetail is the detail of a record of seq in a run from to last
// that another log's records replaced; one and many name the records the
// run does not link to, for a run of one record and of more.
func replacedDetail(seq, from, last uint64, one, many string) string {
	if from == last {
		return fmt.Sprintf("in place of record %d: it links to %s (a record of another log of this chain, or a forged one)", seq, one)
	}
	return fmt.Sprintf("in place of record %d: records %d to %d link to one another but not to %s (records of another log of this chain, or forged ones)", seq, from, last, many)
}

// foreignRuns finds the records of a chain that starts mid-way, none of
// whose other records are in the input, that stand on the very lines
// where another chain misses as many records: pasted from another log in
// their place. Each is reported inserted, in place of the record it
// replaced, and neither chain's gap is reported missing.
func (v *verifier) foreignRuns(ids []string) {
	var at map[int64][]int // see foreignCandidates
	for _, id := range ids {
		x := v.chains[id]
		n := x.sum.Records
		if !x.started || len(x.before) > 0 || len(x.prunedTo) > 0 || len(x.declared) > 0 || len(x.gaps) > 0 ||
			n == 0 || n > maxMoves || uint64(n) != x.sum.Last-x.sum.First+1 || x.gap == nil && x.sum.First != 1 {
			continue
		}
		first, ok := x.recent.get(x.sum.First)
		if !ok || x.gap != nil && first.line != x.gap.line {
			continue
		}
		consecutive := true
		for i := int64(1); i < n && consecutive; i++ {
			r, ok := x.recent.get(x.sum.First + uint64(i))
			consecutive = ok && r.line == first.line+i
		}
		if !consecutive {
			continue
		}
		if at == nil {
			at = v.foreignCandidates(ids)
		}
		for _, j := range candidatesAt(at, first.line-1, first.line+n) {
			yid := ids[j]
			if yid == id {
				continue
			}
			y := v.chains[yid]
			if n > y.sum.Records {
				continue // the chain of the fewer records is the one pasted
			}
			if y.started && y.brk == nil && y.line == first.line-1 && x.sum.First == y.seq+1 {
				// After the chain's last record, with the seqs that come
				// next: its newest records replaced.
				x.gap = nil
				y.pastedTo = y.seq + uint64(n)
				for i := range n {
					v.addAt(first.line+i, id, x.sum.First+uint64(i), Inserted, "in place of chain %s's record %d: a record of chain %s, whose records before it are not in the input (pasted from another log)", showChain(yid), y.seq+1+uint64(i), showChain(id))
				}
				break
			}
			if g, ok := y.replacedAt(first.line, n); ok {
				for s := g.from; s <= g.to; s++ {
					delete(y.missing, s)
				}
				if g.line < 0 {
					y.gap = nil // the chain's first records were replaced
				}
				x.gap = nil
				for i := range n {
					v.addAt(first.line+i, id, x.sum.First+uint64(i), Inserted, "in place of chain %s's record %d: a record of chain %s, whose records before it are not in the input (pasted from another log)", showChain(yid), g.from+uint64(i), showChain(id))
				}
				break
			}
		}
	}
}

// foreignCandidates indexes the chains (by their place in ids) under the
// lines where foreignRuns may find them: the line of each one's last
// record, and the line after each gap, where replacedAt looks. Without
// it foreignRuns compared every chain with every other, quadratic in an
// input of many short chains. foreignRuns only ever clears a gap, so the
// index stays a superset of the chains that can match.
func (v *verifier) foreignCandidates(ids []string) map[int64][]int {
	at := make(map[int64][]int, len(ids))
	for j, id := range ids {
		st := v.chains[id]
		at[st.line] = append(at[st.line], j)
		if st.gap != nil {
			at[st.gap.line] = append(at[st.gap.line], j)
		}
		for _, g := range st.gaps {
			at[g.line] = append(at[g.line], j)
		}
	}
	return at
}

// candidatesAt returns the chains indexed under line a or b, in the order
// of ids, each once.
func candidatesAt(at map[int64][]int, a, b int64) []int {
	c := append(slices.Clone(at[a]), at[b]...)
	slices.Sort(c)
	return slices.Compact(c)
}

// replacedAt returns the gap of the chain, still missing, of n records
// that the records on the n lines from position pos would fill: the
// chain's record before the gap is on the line before them (or the gap
// is of its first records, line -1), and the one after it on the line
// after them.
func (st *chainState) replacedAt(pos, n int64) (seqRun, bool) {
	if g := st.gap; g != nil && g.line == pos+n && g.seq == uint64(n)+1 && len(st.before) == 0 && len(st.prunedTo) == 0 {
		// The chain's first n records, on the input's first lines of it.
		return seqRun{from: 1, to: uint64(n), line: -1}, true
	}
	for _, g := range st.gaps {
		if g.to-g.from+1 != uint64(n) || g.tracked != uint64(n) || g.line != pos+n {
			continue
		}
		before, ok := st.recent.get(g.from - 1)
		if !ok || before.line != pos-1 {
			continue
		}
		missing := true
		for s := g.from; s <= g.to && missing; s++ {
			_, missing = st.missing[s]
		}
		if missing {
			return g, true
		}
	}
	return seqRun{}, false
}

// unreadLine remembers the finding about to be added, of a line at
// position pos that is not a record and names none.
func (v *verifier) unreadLine(pos int64) {
	if len(v.unreadLines) >= window {
		return
	}
	if v.unreadLines == nil {
		v.unreadLines = map[int64]int{}
	}
	v.unreadLines[pos] = len(v.rep.Findings)
}

// maxUnreadableSpan bounds the lines between a gap's records around it
// that unreadableRun looks at.
const maxUnreadableSpan = 4096

// unreadableRun reports whether the lines from position start up to
// (not including) end, between the chain's records around the gap from
// seq from to to, none of which an audit.gap declares, hold as many lines
// that are not records (the other lines are other chains' records, of
// writers sharing the file): the lines of those records, changed so that
// they no longer read as records (cut short, overwritten), not removed. Each
// such line's finding says which record it stands in place of, and the
// records are not reported missing.
func (v *verifier) unreadableRun(id string, from, to uint64, start, end int64) bool {
	n := int64(to - from + 1)
	if end-start < n || end-start > maxUnreadableSpan {
		return false
	}
	st := v.chains[id]
	for s := from; s <= to; s++ {
		if _, declared := st.declaredAt(s); declared {
			return false
		}
	}
	// Other chains' records may stand between (writers that share the
	// file): the lines that are not records are counted, not all lines.
	var lines []int64
	for p := start; p < end; p++ {
		if _, ok := v.unreadLines[p]; ok {
			lines = append(lines, p)
		}
	}
	if int64(len(lines)) != n {
		return false
	}
	for k, p := range lines {
		i := v.unreadLines[p]
		delete(v.unreadLines, p)
		seq := from + uint64(k)
		f := &v.rep.Findings[i]
		f.Chain, f.Seq = id, seq
		f.Detail = fmt.Sprintf("in place of record %d, which is not in the input: %s", seq, strings.TrimSuffix(f.Detail, unnamedFragmentHint))
	}
	return true
}

// unreadableTail settles the lines after a chain's last record that no
// longer read as records. Those whose audit member still names the
// chain's next seqs are those records, changed (unreadableAt); and when a
// checkpoint signed the chain up to size, as many lines just after its
// last record that name no record stand in place of the records it
// signed (unreadableRun): the newest records are there, changed, not
// removed. It raises st.pastedTo over the records so found.
func (v *verifier) unreadableTail(id string, st *chainState, size uint64) {
	if !st.started || st.pastedTo > st.seq {
		return
	}
	to := st.seq
	for to-st.seq < maxUnreadableRun && v.unreadableAt(id, to+1) {
		to++
	}
	if to == st.seq && size > to && size-to <= maxUnreadableRun {
		n := int64(size - to)
		if v.unreadableRun(id, to+1, size, st.line+1, st.line+1+n) {
			to = size
		}
	}
	st.pastedTo = max(st.pastedTo, to)
}

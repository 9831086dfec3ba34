package slogaudit

import (
	"bytes"
	"fmt"

	"github.com/slogguard/slogguard/internal/chain"
)

// gluedRecord is a record read glued onto a fragment, whose copy is not
// read yet. A File whose record landed on another writer's fragment
// writes the same bytes again on a line of its own (see File.Write),
// before its chain's next record: that line is the record's copy, not a
// record of its own, and the fragment then waits for the File's audit.gap
// to name it. Other writers' lines may come between the glued record and
// its copy, their own glued records and copies among them: several
// Files' writes may each land on a fragment before any of them writes
// its copy. Without the copy, the fragment is reported malformed: a
// writer that did not close it, or a newline removed.
//
// A writer that does not own its output (a slog.JSONHandler that Wrap
// wraps) cannot close a fragment nor write a copy: when its writer fails
// part-way through a record, the next record it writes (the audit.gap
// that declares the loss) lands on the fragment. Such a fragment is
// reported torn, not malformed, when the seqs of its chain between the
// record before it and the record glued onto it were all declared lost
// (see lostBefore): the fragment is what is left of one of them. That
// is decided once every line is read, as a declaration may come later
// (an asynchronous handler reports a loss after writing later records).
type gluedRecord struct {
	frag *pendingTorn // the fragment; its closer is the glued record
	copy []byte       // the glued record as its line ends
	// linked: the glued record was placed in its chain, after the record
	// of seq after (0: it was the first read of its chain).
	linked bool
	after  uint64
}

// lostBefore reports whether seqs of g's chain were skipped right before
// its glued record: a write of one of them may have left the fragment.
func (g gluedRecord) lostBefore() bool {
	return g.linked && g.frag.closer.seq > g.after+1
}

// maxGlued bounds the glued records that wait for their copies: a File
// writes its copy right after its glued record, so that only as many
// wait as writers write at once; the oldest beyond it is reported
// malformed.
const maxGlued = 64

// addGlued makes g wait for its copy.
func (v *verifier) addGlued(g gluedRecord) {
	if len(v.glueds) == maxGlued {
		v.settleGlued(0, false)
	}
	v.glueds = append(v.glueds, g)
}

// takeCopy settles the oldest waiting glued record whose copy line is
// (whole) or ends (glued onto another fragment) and returns that copy.
func (v *verifier) takeCopy(line []byte) (copied []byte, whole bool) {
	for i, g := range v.glueds {
		if bytes.Equal(line, g.copy) {
			v.settleGlued(i, true)
			return g.copy, true
		}
	}
	for i, g := range v.glueds {
		if bytes.HasSuffix(line, g.copy) {
			v.settleGlued(i, true)
			return g.copy, false
		}
	}
	return nil, false
}

// gluedNamedByStart settles, as copied, the fragments that val, an
// audit.start, names in torn_closed and that a record of its chain was
// glued onto, the record it resumed from: that record's process was
// killed before it wrote the copy.
func (v *verifier) gluedNamedByStart(val chain.Value) {
	for i := 0; i < len(v.glueds); {
		if g := v.glueds[i].frag; closedNamed(val, g.sha) && resumesAt(val, g.closer) {
			v.settleGlued(i, true)
			continue
		}
		i++
	}
}

// gluedWithoutCopy reports malformed the fragments that a record of the
// chain id was glued onto when another record of that chain comes before
// the copy: the chain goes on without it. The record being read, when
// glued, is the newest waiting one.
func (v *verifier) gluedWithoutCopy(id string) {
	n := len(v.glueds)
	if v.glued {
		n-- // the record being read
		if g := &v.glueds[n]; g.frag.closer.chain == id && !g.linked {
			g.linked = true
			if st := v.chains[id]; st != nil && st.started {
				g.after = st.seq
			}
		}
	}
	for i := 0; i < n; {
		if g := v.glueds[i]; g.frag.closer.chain == id && !g.lostBefore() {
			v.settleGlued(i, false)
			n--
			continue
		}
		i++
	}
}

// settleGlued settles the fragment of the i-th waiting glued record:
// when its copy was read (copied), it waits for a record to name it, as a
// fragment on a line of its own does; otherwise it is reported malformed.
func (v *verifier) settleGlued(i int, copied bool) {
	g := v.glueds[i]
	p := g.frag
	v.glueds = append(v.glueds[:i], v.glueds[i+1:]...)
	if copied {
		if len(v.unnamed) == maxUnnamed {
			v.keepOlder(v.unnamed[0])
			v.unnamed = append(v.unnamed[:0], v.unnamed[1:]...)
		}
		v.unnamed = append(v.unnamed, p)
		return
	}
	if g.lostBefore() {
		if d, ok := v.declaredRun(p.closer.chain, g.after+1, p.closer.seq-1); ok {
			v.rep.Findings = append(v.rep.Findings, Finding{File: p.file, Line: p.line, Kind: Torn,
				Detail: fmt.Sprintf("an incomplete line of %s with record %d of chain %s glued onto it at byte %d: what a failed write left of a record the writer declared lost (%s), written on by a writer that could not close the line (a handler over an io.Writer, as slog.JSONHandler); its bytes are covered by no hash", plural(int64(p.bytes), "byte"), p.closer.seq, p.closer.chain, p.bytes+1, d)})
			return
		}
	}
	v.rep.Findings = append(v.rep.Findings, Finding{File: p.file, Line: p.line, Kind: Malformed, Detail: p.detail})
}

// declaredRun reports whether every seq from from to to of chain id is
// declared lost by the chain's audit.gap records, and says by which.
func (v *verifier) declaredRun(id string, from, to uint64) (string, bool) {
	st := v.chains[id]
	if st == nil || to < from {
		return "", false
	}
	for s := from; s <= to; {
		d, ok := st.declaredAt(s)
		if !ok {
			return "", false
		}
		s = d.To + 1
	}
	if from == to {
		return fmt.Sprintf("seq %d", from), true
	}
	return fmt.Sprintf("seqs %d to %d", from, to), true
}

// maxFragmentPasses bounds the bytes fragmentRun reads, in passes over
// the bytes it is given, and maxFragmentTries the fragments it tries: a
// long line with many objects in it costs a bounded number of passes over
// it, not one per object. Writes that fail part-way in a row leave a few
// fragments, found in far fewer tries.
const (
	maxFragmentPasses = 8
	maxFragmentTries  = 128
)

// fragmentRun reports whether b, what comes before a record glued onto a
// line, is one or more fragments one after another (see jsonPrefix), each
// starting at '{': writes that failed part-way in a row, each leaving its
// record's first bytes, before the record that landed on them.
//
// A fragment after the first starts where a record starts, at `{"`. A
// prefix of a fragment is a fragment, so the fragments starting at a
// given byte end at any of the candidate starts up to the last one that
// keeps them a fragment. The next fragment is looked for from that last
// one back (where the bytes of the next record stop reading as the
// fragment's), and each candidate start is tried once at most.
func fragmentRun(b []byte) bool {
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	if jsonPrefix(b) {
		return true
	}
	var ends []int // candidate starts of a later fragment, then len(b)
	for k := 1; k+1 < len(b); k++ {
		if b[k] == '{' && b[k+1] == '"' {
			ends = append(ends, k)
		}
	}
	ends = append(ends, len(b))
	last := len(ends) - 1
	budget := fragmentBudget{bytes: maxFragmentPasses * len(b), tries: maxFragmentTries}
	seen := make([]bool, last)
	starts := []int{-1} // indexes in ends of fragment starts to try; -1: byte 0
	for len(starts) > 0 {
		s := starts[len(starts)-1]
		starts = starts[:len(starts)-1]
		from := 0
		if s >= 0 {
			from = ends[s]
		}
		r := lastFragmentEnd(b, from, ends[s+1:], &budget)
		if budget.spent() {
			return false
		}
		if r < 0 {
			continue
		}
		m := s + 1 + r
		if m == last {
			return true
		}
		for c := s + 1; c <= m; c++ { // the last pushed, m, is tried first
			if !seen[c] {
				seen[c] = true
				starts = append(starts, c)
			}
		}
	}
	return false
}

// fragmentBudget is what fragmentRun may still read: bytes, in tries.
type fragmentBudget struct{ bytes, tries int }

// take takes a try of n bytes from the budget, and reports whether there
// was enough left for it.
func (b *fragmentBudget) take(n int) bool {
	b.bytes -= n
	b.tries--
	return !b.spent()
}

// spent reports whether the budget ran out.
func (b *fragmentBudget) spent() bool { return b.bytes < 0 || b.tries < 0 }

// lastFragmentEnd returns the last index of ends (ascending, all after
// start) at which a fragment starting at start can end, or -1. It takes
// what it reads from budget, and returns -1 when that runs out.
func lastFragmentEnd(b []byte, start int, ends []int, budget *fragmentBudget) int {
	// The ends nearest start are tried first, at distances that double,
	// so that a short fragment costs about its own length, not the rest
	// of the line's.
	lo, hi := 0, len(ends)-1 // the answer is in [lo-1, hi]
	for step := 1; lo <= hi; step *= 2 {
		probe := min(lo+step-1, hi)
		if !budget.take(ends[probe] - start) {
			return -1
		}
		if !jsonPrefix(b[start:ends[probe]]) {
			hi = probe - 1
			break
		}
		lo = probe + 1
	}
	for lo <= hi {
		mid := lo + (hi-lo)/2
		if !budget.take(ends[mid] - start) {
			return -1
		}
		if jsonPrefix(b[start:ends[mid]]) {
			lo = mid + 1
		} else {
			hi = mid - 1
		}
	}
	return lo - 1
}

// noteCloserAfter notes, for p, the fragment on the line before the
// record being read (its closer), the seq of the last record of the
// closer's chain read before it.
func (v *verifier) noteCloserAfter(p *pendingTorn) {
	p.closerAfter, p.closerLinked = 0, false
	if st := v.chains[p.closer.chain]; st != nil && st.started {
		p.closerAfter, p.closerLinked = st.seq, true
	}
}

// lostAround reports p, a fragment on a line of its own that no record
// named, as torn when it is what a failed write left of a record that
// its writer declared lost, and reports whether it did. A writer that
// does not know the bytes a failed write left (a slogcore handler that
// Wrap wraps, after its io.Writer panicked or returned a bad count)
// cannot name the fragment; its audit.gap declares the record lost. The
// fragment is taken for that record's when the seqs of its closer's chain
// between the record before it and its closer were all declared lost by
// verified audit.gap records, when the audit member it carries, if any,
// claims one of them, and when no record that nothing declares lost is
// missing around it (the fragment may be that record, changed). A fragment
// between two consecutive records of a chain, or after a loss nothing
// declares, stays malformed.
func (v *verifier) lostAround(p *pendingTorn) bool {
	c := p.closer
	if !p.prefix || p.unterminated || p.closerNames || c.chain == "" || !p.closerLinked || c.seq <= p.closerAfter+1 {
		return false
	}
	if cl := p.claim; cl != nil && (cl.chain != c.chain || cl.seq <= p.closerAfter || cl.seq >= c.seq) {
		return false
	}
	d, ok := v.declaredRun(c.chain, p.closerAfter+1, c.seq-1)
	if !ok || v.inRunOf(p.pos, true) {
		return false
	}
	v.rep.Findings = append(v.rep.Findings, Finding{File: p.file, Line: p.line, Kind: Torn,
		Detail: fmt.Sprintf("incomplete line (%s) before record %d of chain %s: what a failed write left of a record the writer declared lost (%s), which the writer could not name (a handler that does not know the bytes a failed write left); its bytes are covered by no hash", plural(int64(p.bytes), "byte"), c.seq, c.chain, d)})
	return true
}

// declaresAll reports whether the chain's audit.gap records declare every
// seq of gap g lost.
func (st *chainState) declaresAll(g seqRun) bool {
	for s := g.from; s <= g.to; {
		d, ok := st.declaredIn(s, g)
		if !ok {
			return false
		}
		s = d.To + 1
	}
	return true
}

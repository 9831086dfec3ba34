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

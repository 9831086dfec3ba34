package slogaudit

import (
	"bytes"

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
type gluedRecord struct {
	frag *pendingTorn // the fragment; its closer is the glued record
	copy []byte       // the glued record as its line ends
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
	}
	for i := 0; i < n; {
		if v.glueds[i].frag.closer.chain == id {
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
	p := v.glueds[i].frag
	v.glueds = append(v.glueds[:i], v.glueds[i+1:]...)
	if copied {
		if len(v.unnamed) == maxUnnamed {
			v.keepOlder(v.unnamed[0])
			v.unnamed = append(v.unnamed[:0], v.unnamed[1:]...)
		}
		v.unnamed = append(v.unnamed, p)
		return
	}
	v.rep.Findings = append(v.rep.Findings, Finding{File: p.file, Line: p.line, Kind: Malformed, Detail: p.detail})
}

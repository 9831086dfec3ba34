package slogaudit

import "fmt"

// behindHead adds the inserted finding of a record whose seq is behind its
// chain's head and that matches no record there: a record added, not one
// in place of another.
func (v *verifier) behindHead(pos int64, id string, seq, head uint64) {
	v.addAt(pos, id, seq, Inserted, "seq %d is behind the chain's head %d and matches no record", seq, head)
	if v.added == nil {
		v.added = map[Finding]bool{}
	}
	v.added[v.rep.Findings[len(v.rep.Findings)-1]] = true
}

// joinInsertedRuns makes the inserted findings of records on consecutive
// lines of one file, of one chain with consecutive seqs, that start with
// a record added behind the chain's head, one finding for the run: records
// added together (a second writer's fork of the chain, appended) are one
// edit. Records pasted in place of the chain's own are each named, as
// each line changed is. fs must be sorted by file and line; information
// between them does not break a run.
func (v *verifier) joinInsertedRuns(fs []Finding) []Finding {
	out := fs[:0]
	run := -1 // index in out of the finding of the open run
	var lastLine int64
	var lastSeq uint64
	count := 0
	closeRun := func() {
		if run >= 0 && count > 1 {
			f := &out[run]
			f.Detail = fmt.Sprintf("records %d to %d, on lines %d to %d, do not belong to the chain (one run): %s", f.Seq, lastSeq, f.Line, lastLine, f.Detail)
		}
		run, count = -1, 0
	}
	for _, f := range fs {
		switch {
		case f.Kind == Inserted && run >= 0 && f.Chain == out[run].Chain && f.File == out[run].File &&
			f.Line == lastLine+1 && f.Seq == lastSeq+1 && f.Seq > 0:
			lastLine, lastSeq = f.Line, f.Seq
			count++
			continue
		case f.Kind == Inserted && v.added[f]:
			closeRun()
			run, lastLine, lastSeq, count = len(out), f.Line, f.Seq, 1
		case f.Kind.Info():
		default:
			closeRun()
		}
		out = append(out, f)
	}
	closeRun()
	return out
}

package slogaudit

import (
	"fmt"
	"os"
)

// dupRun is a run of records, each a copy of a record read before, on
// consecutive lines, copying consecutive lines: records pasted again as
// a block, or a rotated file read twice. It is one finding.
type dupRun struct {
	finding  int // the index of its finding (when to > 0)
	chain    string
	from, to uint64 // seqs
	pos      int64  // the position of its last line
	origFrom int64  // the positions of the lines it copies
	origTo   int64
}

// duplicated reports rec, the copy of the record at position orig: one
// finding for a run of them (see dupRun).
func (v *verifier) duplicated(rec auditFields, orig int64) {
	d := &v.dups
	last := len(v.rep.Findings) - 1
	if last >= 0 && d.to > 0 && d.finding == last && d.chain == rec.chain && d.to+1 == rec.seq && d.pos+1 == v.pos() && d.origTo+1 == orig {
		d.to, d.pos, d.origTo = rec.seq, v.pos(), orig
		v.rep.Findings[last].Detail = fmt.Sprintf("records %d to %d are the same records as %s to %s (%d records)",
			d.from, d.to, v.lineText(d.origFrom), v.lineText(d.origTo), d.to-d.from+1)
		return
	}
	*d = dupRun{finding: len(v.rep.Findings), chain: rec.chain, from: rec.seq, to: rec.seq, pos: v.pos(), origFrom: orig, origTo: orig}
	v.add(v.line, rec.chain, rec.seq, Duplicated, "same record as %s", v.lineText(orig))
}

// distinctFiles refuses a file named twice among the rotated files to
// verify: read twice, each of its records would be a duplicate.
func distinctFiles(paths []string) error {
	infos := make([]os.FileInfo, len(paths))
	for i, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			continue // Open says what is wrong with it
		}
		for j := range i {
			if infos[j] != nil && os.SameFile(infos[j], fi) {
				return fmt.Errorf("slogaudit: verify: %s and %s are the same file, named twice (as file %d and %d): name each rotated file once", paths[j], p, j+1, i+1)
			}
		}
		infos[i] = fi
	}
	return nil
}

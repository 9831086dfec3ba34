package slogaudit

// missingRun is a run of consecutive seqs of a chain that are not in the
// input and that no audit.gap declares, found missing at one position.
type missingRun struct {
	from, to uint64
	line     int64 // the position where they were found missing
}

// addMissingRun reports a run of missing records: one finding, at the
// first of them, however many records the run holds.
func (v *verifier) addMissingRun(id string, r *missingRun) {
	if r.from == r.to {
		v.addAt(r.line, id, r.from, Missing, "record %d is not in the input", r.from)
		return
	}
	if v.atFileStart(r.line) {
		v.addAt(r.line, id, r.from, Missing, "records %d to %d are not in the input (%d records, before the first line of this file: a rotated file deleted, or the end of one cut off)", r.from, r.to, r.to-r.from+1)
		return
	}
	v.addAt(r.line, id, r.from, Missing, "records %d to %d are not in the input (%d records, adjacent lines removed before this one)", r.from, r.to, r.to-r.from+1)
}

// atFileStart reports whether position pos is the first line of a file
// after the first of [VerifyFiles]: records missing there were at the
// end of the file before it, or in a file between them, removed
// together.
func (v *verifier) atFileStart(pos int64) bool {
	for _, s := range v.starts[min(1, len(v.starts)):] {
		if pos == s.base+1 {
			return true
		}
	}
	return false
}

package slogaudit

import "sync"

// A head that a File recovered brings the fragments that File found.
//
// [File.Handler] names the fragments that crashes left at the end of the
// log in its audit.start record. A handler built with [New] over the same
// File (slogcore.New or slog.NewJSONHandler over it) continues the chain
// with [WithResume] and a head from the File ([File.Heads]); without
// [WithTorn] its audit.start would name nothing, and the verifier would
// report each fragment as a malformed line, tampering. So such a head
// brings the File's fragments with it, as the newest fragment from
// [File.Torn] brings the older ones: the first handler that resumes a
// head of the File without WithTorn names them, while the File is open.

// tornHeads maps each head that an open File with fragments recovered
// (Head → *File).
var tornHeads sync.Map

// offerTorns makes the heads recovered by af bring its fragments.
func (af *File) offerTorns(heads map[string]Head) {
	if len(af.torns) == 0 {
		return
	}
	for _, h := range heads {
		tornHeads.Store(h, af)
	}
}

// forgetTorns removes af's heads: a closed File writes nothing more.
func (af *File) forgetTorns() {
	if len(af.torns) == 0 {
		return
	}
	tornHeads.Range(func(k, v any) bool {
		if v == af {
			tornHeads.CompareAndDelete(k, v)
		}
		return true
	})
}

// takeTorns returns the fragments af found, the first time a handler asks
// to name them, and nil after: one audit.start names them.
func (af *File) takeTorns() []TornLine {
	af.mu.Lock()
	defer af.mu.Unlock()
	if af.tornsTaken || af.closed {
		return nil
	}
	af.tornsTaken = true
	return append([]TornLine(nil), af.torns...)
}

// tornsOfHead returns the fragments of the open File that recovered head,
// when no handler named them yet, and that File.
func tornsOfHead(head Head) ([]TornLine, *File) {
	v, ok := tornHeads.Load(head)
	if !ok {
		return nil, nil
	}
	af := v.(*File)
	return af.takeTorns(), af
}

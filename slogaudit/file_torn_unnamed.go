package slogaudit

import (
	"bytes"
	"errors"
	"fmt"
	"sync/atomic"
)

// A File opened over a torn tail (a crash mid-record) closes the fragment
// with the newline its first write starts with. A record that closes it
// must be followed by one that names it, or the verifier reports the
// untouched log's fragment malformed. [File.Handler] names it in its
// audit.start, and so does a handler built with [New] given [WithTorn] or
// resuming a head of the File; a handler built with New for a new chain
// over a JSON or slogcore handler over the File has no way of knowing
// the File under it. So the File refuses the first record written
// through Write that would close the fragments unnamed, with nothing
// written, and its error carries the fragments: the handler whose record
// it was names them in the audit.gap that declares that record lost.

// unnamedTorns is the error of a write refused because it would close
// the torn lines found at open without naming them.
type unnamedTorns struct {
	err   error
	torns []TornLine // oldest first
	taken atomic.Bool
}

func (e *unnamedTorns) Error() string { return e.err.Error() }

// tornsToNameIn returns the torn lines that the refused write of err
// would have closed unnamed, the first time it is asked for them; nil
// after, and for other errors.
func tornsToNameIn(err error) []TornLine {
	var u *unnamedTorns
	if errors.As(err, &u) && u.taken.CompareAndSwap(false, true) {
		return u.torns
	}
	return nil
}

// unnamedTornsLocked returns an error wrapping [unnamedTorns] when p, a
// write through Write that holds an audit record, is the first write
// after the torn lines found at open (closing the last of them, or
// after them when a newline closed them already) and p names none of
// them, while no handler was
// given them to name (takeTorns, File.Handler). The first such write is
// refused; later ones are not, their handler having been told.
func (af *File) unnamedTornsLocked(p []byte) error {
	if len(af.torns) == 0 || af.tornsTaken || af.tornClosed || af.tornGrowing || af.tornsNamed {
		return nil
	}
	if !holdsAuditRecord(p) {
		return nil // not an audit record: nothing could name the fragment
	}
	af.tornsTaken = true
	for _, t := range af.torns {
		if bytes.Contains(p, []byte(t.SHA256)) {
			return nil // named: WithTorn
		}
	}
	return &unnamedTorns{
		torns: append([]TornLine(nil), af.torns...),
		err:   fmt.Errorf("slogaudit: writing %s: the file ends with %d torn line(s) that a crash left, which this record would close without naming them, and the untouched log would verify as tampered: the record is not written, and its audit.gap names them; to keep the record, pass WithTorn(file.Torns()...) to New after OpenFile, or write through File.Handler", af.path, len(af.torns)),
	}
}

// holdsAuditRecord reports whether a line of p has an audit member with
// a chain id.
func holdsAuditRecord(p []byte) bool {
	for len(p) > 0 {
		line := p
		if i := bytes.IndexByte(p, '\n'); i >= 0 {
			line, p = p[:i], p[i+1:]
		} else {
			p = nil
		}
		if writtenChain(line) != nil {
			return true
		}
	}
	return false
}

// tornsAsOne returns the newest of ts, oldest first, carrying the older
// ones (as [File.Torn] does), so that one audit.gap names them all.
func tornsAsOne(ts []TornLine) TornLine {
	newest := ts[len(ts)-1]
	if len(ts) > 1 {
		earlier := append([]TornLine(nil), ts[:len(ts)-1]...)
		newest.earlier = &earlier
	}
	return newest
}

// withEarlier returns t's older fragments and t, oldest first.
func (t TornLine) withEarlier() []TornLine {
	if t.earlier == nil {
		return []TornLine{t}
	}
	out := append([]TornLine(nil), *t.earlier...)
	t.earlier = nil
	return append(out, t)
}

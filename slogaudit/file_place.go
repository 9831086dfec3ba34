package slogaudit

import (
	"bytes"
	"fmt"
	"os"
	"time"
)

// The File's place: its records go to the file at its path, and stay there.
//
// A file removed while it is open (rm, its directory removed, a cleanup
// job) takes the writes that follow to a file nobody can read: they would
// be lost with it when it is closed, while the handler counts them as
// written. A File therefore looks, at most every placeCheckEvery at a
// write, at every write when it syncs each record, and at Sync and Close,
// whether the file it writes still has a name. When it has none, the File
// reads back the lines written since its last look (they went to the
// removed file, and the handler counted them as written), creates the file
// at its path again, and writes them there first: nothing written after a
// removal is lost, and the records before it are gone with the removed
// file, which the verifier reports as records missing where the new file
// starts. When the file cannot be created again (its directory is gone),
// or when a rotation could open no file, writes fail with an error that
// says so, and each write tries again: the handler declares the records
// lost by an audit.gap once a write succeeds.

// placeCheckEvery is how often, at most, a write looks whether the file
// still has a name: a removed file's lines since the last look are written
// again, so the interval bounds what a crash right after a removal loses,
// not what a removal loses.
const placeCheckEvery = 100 * time.Millisecond

// placeLocked makes sure the File writes to a file at its path, or
// returns the error that says why it cannot; force looks now, whatever
// the interval.
func (af *File) placeLocked(force bool) error {
	if af.f != nil {
		now := time.Now()
		if !force && now.Sub(af.placeAt) < placeCheckEvery {
			return nil
		}
		af.placeAt = now
		st, err := af.f.Stat()
		if err != nil || !unlinked(st) {
			if err == nil {
				af.placedLocked(st.Size())
			}
			return nil
		}
		af.orphanLocked(st.Size())
		af.f.Close()
		af.f = nil
		af.unplaced = "it was removed while open"
	}
	return af.replaceLocked()
}

// placedLocked notes that the file af writes has a name and holds size
// bytes.
func (af *File) placedLocked(size int64) {
	af.placeF, af.placeSize = af.f, size
}

// orphanLocked keeps the whole lines written to the removed file since
// the File last saw it named (up to end), to write them again to the new
// one.
func (af *File) orphanLocked(end int64) {
	if af.placeF != af.f || end <= af.placeSize {
		return // nothing written since, or no look at this file yet
	}
	buf := make([]byte, end-af.placeSize)
	if n, _ := af.f.ReadAt(buf, af.placeSize); n < len(buf) {
		buf = buf[:n]
	}
	if af.placeSize > 0 {
		var b [1]byte
		if _, err := af.f.ReadAt(b[:], af.placeSize-1); err != nil || b[0] != '\n' {
			buf = buf[bytes.IndexByte(buf, '\n')+1:] // the end of a line begun before
		}
	}
	buf = buf[:bytes.LastIndexByte(buf, '\n')+1]
	af.orphan = append(af.orphan, buf...)
}

// replaceLocked opens (creating it) the file at the path after af lost
// its file, and writes there first the lines that went to a removed file.
func (af *File) replaceLocked() error {
	f, err := os.OpenFile(af.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("slogaudit: writing %s: no file is open (%s), and creating it again failed: %w; records cannot be written until it can be (restore its directory): each write tries again", af.path, af.unplaced, err)
	}
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	af.goOnInLocked(f, size)
	af.placeAt = time.Now()
	why := af.unplaced
	af.unplaced = ""
	if len(af.orphan) == 0 {
		af.reportLocked(fmt.Errorf("slogaudit: %s: no file was open (%s): records go on in the file at the path, created again", af.path, why))
		return nil
	}
	q := af.orphan
	af.orphan = nil
	if size > 0 && !af.endsLineLocked() {
		q = append([]byte{'\n'}, q...)
	}
	n, err := af.writeLocked(q)
	if err != nil || n != len(q) {
		af.fresh = true
		af.reportLocked(fmt.Errorf("slogaudit: %s: %s, and writing again to a new file the %d bytes of records written to it since it was last seen failed after %d bytes: %v; those records are lost", af.path, why, len(q), max(n, 0), err))
		return nil
	}
	af.size, af.fresh = size+int64(n), false
	af.placedLocked(af.size)
	af.reportLocked(fmt.Errorf("slogaudit: %s: %s; the %d bytes of records written to it since it was last seen were written again to a new file at the path, and the records go on there (the records before are gone with the removed file)", af.path, why, n))
	return nil
}

// shrankLocked reports, to WithFileErrors, a file that is smaller (end
// bytes) than what the File wrote to it: another program cut it, as
// logrotate's copytruncate does, or removed records from its end. The
// File goes on appending; what was cut off is gone from the file, and
// the verifier reports it missing unless it is verified with a copy that
// holds it. A cut is reported once, and cuts at most once per
// shrankReportEvery (a writer whose bytes never reach the file looks
// cut at every write).
func (af *File) shrankLocked(end int64) {
	if end >= af.size {
		af.shrunk = 0
		return
	}
	if af.size-end <= af.shrunk {
		return
	}
	now := time.Now()
	if now.Sub(af.shrankAt) < shrankReportEvery {
		return
	}
	af.shrunk, af.shrankAt = af.size-end, now
	af.reportLocked(fmt.Errorf("slogaudit: %s shrank to %d bytes while open, %d bytes fewer than were written to it: another program cut it (as logrotate's copytruncate does); the records cut off are gone from it, and the verifier reports them missing unless they are verified with a copy that holds them", af.path, end, af.size-end))
}

// shrankReportEvery bounds how often a File reports that its file was cut.
const shrankReportEvery = time.Second

package slogaudit

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
)

// SyncPolicy says when [File] calls fsync.
type SyncPolicy struct {
	every    int           // fsync after this many writes (1: every record)
	interval time.Duration // and at most this long after a write
	never    bool
}

// SyncEachRecord fsyncs after every record: the slowest and most durable.
func SyncEachRecord() SyncPolicy { return SyncPolicy{every: 1} }

// SyncGroup fsyncs after n records or interval after the first unsynced
// record, whichever comes first (group commit). The fsync runs in the
// background: writers do not wait for the disk, and records written while
// it runs are synced by the next one. A record is on disk at most interval
// (plus the time of one fsync) after it was written. A failed fsync is
// reported to WithFileErrors.
func SyncGroup(n int, interval time.Duration) SyncPolicy {
	return SyncPolicy{every: n, interval: interval}
}

// SyncNever leaves flushing to the operating system.
func SyncNever() SyncPolicy { return SyncPolicy{never: true} }

// FileOption configures [OpenFile].
type FileOption func(*fileConfig)

type fileConfig struct {
	sync       SyncPolicy
	rotateSize int64
	retention  time.Duration
	onError    func(error)
}

// WithRetention is how long rotated files are kept: [File.Prune] removes
// older ones. A policy's retention floor and ceiling are checked against it.
// Default: 0, kept forever.
func WithRetention(d time.Duration) FileOption { return func(c *fileConfig) { c.retention = d } }

// WithFileSync sets the fsync policy. Default: SyncGroup(1000, 10ms).
func WithFileSync(p SyncPolicy) FileOption { return func(c *fileConfig) { c.sync = p } }

// WithRotateSize starts a new file once the current one reaches n bytes.
// The rotated file is renamed path.000001, path.000002, … (oldest first;
// past path.999999 the numbers take more digits)
// and the chain continues in the new file. Default: 0, no rotation. While
// a witness's consistency proof is read from the files, a rotation waits
// for it (the current file grows past n meanwhile). Files of one log in
// several processes rotate it one at a time (on Linux, through a record
// lock in path + ".lock"), and a File whose file another one rotated
// goes on in the new current file.
func WithRotateSize(n int64) FileOption { return func(c *fileConfig) { c.rotateSize = n } }

// WithFileErrors receives errors that happen outside a Write (a failed
// background fsync, a failed rotation), from a background goroutine, one
// at a time and in order, never while the File holds its lock: f may log
// to a handler of the File. [File.Close] waits for the errors reported
// before it. A panic of f is dropped.
func WithFileErrors(f func(error)) FileOption { return func(c *fileConfig) { c.onError = f } }

// TornLine describes an incomplete last line found when a file was opened:
// the writer stopped in the middle of a record (a crash, a full disk).
type TornLine struct {
	Bytes  int
	SHA256 string // of the fragment
	// earlier are the fragments that [File.Torn] found before this one,
	// oldest first, which [WithTorn] names with it.
	earlier *[]TornLine
}

// File is an append-only audit log file: an io.Writer for a JSON handler
// that knows the chains' heads, so that a restarted process continues them.
type File struct {
	mu    sync.Mutex
	path  string
	f     *os.File
	size  int64
	cfg   fileConfig
	heads map[string]Head
	// headTimes are the times of the chains' last records that callers
	// logged (not the wrapper's own, such as audit.stop), by chain: a
	// handler resuming a chain checks a policy's Monotonic rule against
	// it, as the handler before it did.
	headTimes map[string]time.Time
	last      string     // chain of the last complete record
	torns     []TornLine // found at open, oldest first
	// tornsTaken: a handler was given torns to name (see takeTorns).
	tornsTaken bool
	unsynced   int
	timer      *time.Timer
	// syncing: a group commit's fsync runs in the background, outside mu,
	// so that writers go on while the disk works; again: another is due
	// when it ends; syncDone is closed when it ends.
	syncing  bool
	again    bool
	syncDone chan struct{}
	closed   bool
	handler  *Handler // the last one made by Handler, for Prune's record
	// handlerChain is the chain of handler.
	handlerChain string
	// writing: the chains that live handlers of this File write, each
	// by the state of its handler, until that handler's Close.
	writing map[string]*state
	// readers counts the readers of the log's files that pinned them
	// (pinFiles): a rotation waits until none is left, so that the file
	// list they read stays true, and Prune removes no file until none
	// is left (unpinned is signalled when one goes).
	readers  int
	unpinned *sync.Cond
	// syncFailed: an fsync of the file failed (see Sync).
	syncFailed bool
	// locks is the lock file beside the log (path + ".lock"), whose
	// byte-range locks say which chains a live File writes (lockChain);
	// nil until the first Handler, or the first record another handler
	// writes through Write.
	locks *os.File
	// written: the chains of the records written through Write, whose
	// locks this File took (see lockWrittenLocked), true for those that
	// no handler of this File wrote first; lastWritten is the newest.
	written     map[string]bool
	lastWritten string
	// writtenSeq is, by chain, the seq of the newest whole record that
	// reached the file through Write (see forkedLocked).
	writtenSeq map[string]uint64
	// filesSeq is, by chain, the seq of its newest record in the log's
	// files, read once, when a record of a chain that the tail read at
	// open does not name is first written through Write (see
	// filesSeqLocked); nil until then.
	filesSeq map[string]uint64
	// forkTips are, by chain, the hashes of the newest records refused
	// as a fork of the chain (see forkedLocked).
	forkTips map[string]*forkTips
	// fresh: the file ends with a line without its newline (a fragment
	// found at open, or one that a failed write left and could not cut
	// off), so the next write starts with a newline, in the same write.
	fresh bool
	// seenEnd is the size of the current file at the File's last look at
	// its end (closeForeignLocked), other writers' lines included; 0 when
	// it has not looked. Rotation goes by it too: a File sharing the file
	// rotates it, or finds it rotated and goes on in the new one, once
	// the file is full, not once its own lines would fill it, so that it
	// does not write on into a file that another File rotated away.
	seenEnd int64
	// shared: another writer appended to the log's current file since
	// this File opened it, or the file's tail held records of a chain
	// other than its handler's at open (tailChains); the File then looks,
	// after each write, where it landed (unglueLocked).
	shared     bool
	tailChains []string
	// tailsChecked: the ends of the log's newest rotated files were
	// looked at, at the File's first write (closeRotatedTailsLocked).
	tailsChecked bool
	// foreign are the fragments other writers of the path left at its end
	// (a process sharing the file crashed mid-record), which this File's
	// newline closed before its next write: the handler whose write
	// closed one names it (takeForeign).
	foreign    []TornLine
	anyForeign atomic.Bool // foreign is not empty
	// tornEnded is the newest torn line found at open, found since to be
	// no fragment: another writer ended it (see stillTorn).
	tornEnded *TornLine
	// closedBy are the fragments found at open that a record of a chain
	// closed and nothing named, by that chain (see closedUnnamed).
	closedBy map[string][]TornLine
	// tornsNamed: the audit.start of one of af's handlers names the torn
	// lines found at open (see stillTorn); no other handler's does.
	tornsNamed bool
	// tornGrowing: the newest torn line found at open was growing when
	// the first handler started, so it was not named; the write that
	// closes it names what it closed.
	tornGrowing bool
	// tornClosed: a write went to the file since it was opened, closing
	// the torn line found at open if there was one.
	tornClosed bool
	// inject, in tests, replaces the write to f (to inject faults);
	// injectSync replaces its fsync, injectTruncate its truncate.
	inject         func(f *os.File, p []byte) (int, error)
	injectTruncate func(f *os.File, size int64) error
	injectSync     func(f *os.File) error
	// injectRotate, in tests, fails a step of the rotation ("rename",
	// "create") when it returns an error.
	injectRotate func(step string) error
	// errq are the errors for WithFileErrors not yet passed on, by the
	// goroutine that errsDone says runs (see reportLocked).
	errq     []error
	errsDone chan struct{} // closed when the goroutine ends; nil: none runs
	errsG    atomic.Uint64 // the goroutine id of the last one
	// errsQueued and errsPassed count the errors reported and passed on;
	// errsTick is closed (and replaced) each time one is passed on.
	errsQueued, errsPassed uint64
	errsTick               chan struct{}
	// placeF is the file that the File last saw named at its look at the
	// file's place (see placeLocked), at placeAt, holding placeSize
	// bytes; orphan are the lines written to it since, when it was found
	// removed, until they are written to the file created again; unplaced
	// says why no file is open while f is nil.
	// shrunk is by how many bytes the file was smaller than the File
	// knew it at its last look (see shrankLocked).
	shrunk    int64
	shrankAt  time.Time
	placeF    *os.File
	placeAt   time.Time
	placeSize int64
	orphan    []byte
	unplaced  string
}

// ErrNotDurable is wrapped by the error [File.Write] returns when every
// byte of p reached the file, but the write call or the fsync after it
// reported an error: the records are in the log (the count returned
// says so), and may not survive a crash. A [Handler] over the File counts
// such a record as written, not lost (it is in the log, and an audit.gap
// declaring it lost would let its later deletion pass unseen), and
// reports the error to OnError.
var ErrNotDurable = errors.New("slogaudit: written, but the system reported an error: the record may not survive a crash")

// OpenFile opens (creating with mode 0600) the audit log at path for
// appending. It reads the file's tail to recover each chain's head; the
// incomplete lines crashes left after the last whole line (one per crash,
// when processes crashed again while starting) are reported by
// [File.Torns], and the next audit.start record names them all, so that
// they are visible in verification and not taken for tampering. Opening
// writes nothing: an incomplete last line is closed by the newline that
// starts the next write. On Linux the File
// keeps a lock file beside the log (path + ".lock") while it is open, so
// that two processes sharing the log never continue one chain.
func OpenFile(path string, opts ...FileOption) (*File, error) {
	cfg := fileConfig{sync: SyncGroup(1000, 10*time.Millisecond)}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.rotateSize < 0 || cfg.sync.every < 0 || cfg.sync.interval < 0 {
		return nil, fmt.Errorf("slogaudit: OpenFile %s: negative rotation size or sync policy", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("slogaudit: OpenFile: %w", err)
	}
	af := &File{path: path, f: f, cfg: cfg, heads: map[string]Head{}, headTimes: map[string]time.Time{}}
	af.unpinned = sync.NewCond(&af.mu)
	if err := af.recover(); err != nil {
		f.Close()
		return nil, err
	}
	af.placedLocked(af.size)
	af.placeAt = time.Now()
	return af, nil
}

// tailSize is how much of an existing file is read, at least, to find the
// heads: the window grows until it holds the last whole line and the
// fragment after it, however long they are.
const tailSize = 1 << 20

// recover reads the tail: the heads of the chains in it, and the torn
// lines (see tailFragments): the fragments crashes left after the last
// whole line, each the first bytes of a JSON object (see jsonPrefix). The
// next audit.start names them all. A last line whose record is whole, and
// which lacks only its newline, is no fragment: it is the chain's head.
//
// Nothing is written here: a last line without its newline gets it with
// the next write, in the same write (see fresh), so that a crash after
// the open leaves no fragment closed with nothing after it to name it.
func (af *File) recover() error {
	r, err := os.Open(af.path)
	if err != nil {
		return fmt.Errorf("slogaudit: OpenFile: %w", err)
	}
	defer r.Close()
	st, err := r.Stat()
	if err != nil {
		return fmt.Errorf("slogaudit: OpenFile: %w", err)
	}
	af.size = st.Size()
	var tail []byte
	var start int64
	var frags [][]byte
	for window := int64(tailSize); ; window *= 2 {
		start = max(0, af.size-window)
		tail = make([]byte, af.size-start)
		if _, err := r.ReadAt(tail, start); err != nil && err != io.EOF {
			return fmt.Errorf("slogaudit: OpenFile: reading the tail of %s: %w", af.path, err)
		}
		// Enough when it holds a whole line before the fragments: a
		// line that is no fragment after the window's first, or the
		// file's start.
		var enough bool
		frags, af.fresh, enough = tailFragments(tail, start == 0)
		if enough {
			break
		}
	}
	for _, f := range frags {
		af.torns = append(af.torns, *tornLine(f))
	}
	if n := len(af.torns); n > 1 {
		earlier := append([]TornLine(nil), af.torns[:n-1]...)
		af.torns[n-1].earlier = &earlier
	}
	if start > 0 { // the first line of the window may be partial
		if i := bytes.IndexByte(tail, '\n'); i >= 0 {
			tail = tail[i+1:]
		}
	}
	// The heads that only a retention record names stay out of af.heads:
	// the chain's later records may be in a rotated file, and Handler then
	// looks for them (findHead).
	af.last = scanHeadTimes(tail, af.heads, map[string]Head{}, af.headTimes)
	for c := range af.heads {
		af.tailChains = append(af.tailChains, c)
	}
	af.closedBy = closedUnnamed(tail)
	af.offerTorns(af.heads)
	return nil
}

// closedUnnamed returns, by chain, the fragments in data (whole lines of
// a log's tail) that a record of that chain closed, and that no record
// after it names: the line right after the fragment is that chain's
// record, whose write began with the newline that closed the fragment,
// and its process ended before the audit.gap naming it (a crash right
// after a write). So are the fragments that a record of the chain was
// glued onto (see unglueLocked), its copy written after or not (its
// process killed before the copy). The handler that resumes the chain
// names them.
func closedUnnamed(data []byte) map[string][]TornLine {
	if !bytes.Contains(data, []byte("\n{")) {
		return nil
	}
	lines := bytes.Split(data, []byte("\n"))
	var p chain.Parser
	type closed struct {
		chain string
		torn  TornLine
		named bool
	}
	var found []closed
	for i, line := range lines {
		if len(line) == 0 {
			continue
		}
		v, err := p.Parse(line)
		if err == nil {
			// A name is that of the newest fragment before it of its
			// hash not named yet: two fragments may have the same bytes
			// (writers killed at the same byte).
			for _, t := range tornNames(v) {
				for j := len(found) - 1; j >= 0; j-- {
					if !found[j].named && found[j].torn.SHA256 == t.sha {
						found[j].named = true
						break
					}
				}
			}
			continue
		}
		if i+1 >= len(lines) {
			continue // a torn line found at open
		}
		if at, rec := splitGlued(&p, line); at > 0 {
			// With its copy after it (or glued onto another fragment),
			// or without: its process was killed before the copy.
			found = append(found, closed{rec.chain, *tornLine(line[:at]), false})
			continue
		}
		if !jsonPrefix(line) || wholeRecord(line) {
			continue
		}
		next, err := p.Parse(lines[i+1])
		if err != nil {
			continue
		}
		a, ok := next.Get("audit")
		if !ok {
			continue
		}
		if rec, err := parseAudit(a); err == nil {
			found = append(found, closed{rec.chain, *tornLine(line), false})
		}
	}
	var out map[string][]TornLine
	for _, c := range found {
		if c.named {
			continue
		}
		if out == nil {
			out = map[string][]TornLine{}
		}
		out[c.chain] = append(out[c.chain], c.torn)
	}
	return out
}

// takeClosed returns the fragments that a record of chain id closed and
// that nothing names (see closedUnnamed), once: the handler resuming the
// chain names them.
func (af *File) takeClosed(id string) []TornLine {
	af.mu.Lock()
	defer af.mu.Unlock()
	t := af.closedBy[id]
	delete(af.closedBy, id)
	return t
}

// findHead returns the last record of the chain id (or, for id "", of the
// last chain) in the whole file, or else in the newest rotated file that
// holds one; or else the head a retention record names for the chain, whose
// files it removed (a quiet chain whose every record was pruned).
//
// The files are pinned while it reads them: a rotation by another handler
// of the File would otherwise rename the current file between the listing
// and the reading, and the newest records of a chain would be read from
// neither name (a head found older than the chain's is a fork).
func (af *File) findHead(id string) (Head, bool, error) {
	paths, unpin, err := af.pinFiles()
	if err != nil {
		return Head{}, false, err
	}
	defer unpin()
	var pruned Head // the newest head retention records name for id
	for i := len(paths) - 1; i >= 0; i-- {
		heads, prunedTo, closed, times := map[string]Head{}, map[string]Head{}, map[string][]byte{}, map[string]time.Time{}
		last, err := scanFileHeads(paths[i], id, heads, prunedTo, closed, times)
		if err != nil {
			return Head{}, false, fmt.Errorf("slogaudit: reading %s for the head of chain %q: %w", paths[i], id, err)
		}
		if id == "" {
			if last != "" {
				return heads[last], true, nil
			}
			continue
		}
		if h, ok := heads[id]; ok && h.Seq > pruned.Seq {
			af.mu.Lock()
			if h.Seq >= af.heads[id].Seq && !times[id].IsZero() {
				af.headTimes[id] = times[id]
			}
			af.mu.Unlock()
			if frag := closed[id]; frag != nil && !namedInFiles(paths[i:], tornLine(frag).SHA256) {
				// The chain's last record closed another writer's
				// fragment, and its process ended before naming it:
				// the handler resuming the chain names it, as for a
				// head found at open (closedUnnamed). A fragment that
				// a newline of another File closed (a rotation's, or
				// one closing the fragment for its next record) is
				// named by that File.
				af.mu.Lock()
				if _, ok := af.closedBy[id]; !ok {
					if af.closedBy == nil {
						af.closedBy = map[string][]TornLine{}
					}
					af.closedBy[id] = []TornLine{*tornLine(frag)}
				}
				af.mu.Unlock()
			}
			return h, true, nil
		}
		// A retention record written after the chain's last records,
		// naming where the chain ended in older files it removed: the
		// records after that head are in an older file still.
		if h, ok := prunedTo[id]; ok && h.Seq > pruned.Seq {
			pruned = h
		}
	}
	return pruned, pruned.Seq > 0, nil
}

// scanFileHeads is scanHeads over the file at path, read a line at a time
// (a log may be far larger than memory). When closed is not nil, it sets
// it, for each chain, to the fragment on the line just before the chain's
// last record (or the fragment that record was glued onto, the copy
// after it), unless that record names it: the record's write closed it,
// and its process ended before naming it (see closedUnnamed).
//
// With only not empty, it reads only the lines that hold that chain id
// as a JSON string (its records, and retention records that name it),
// and sets heads, pruned, closed and times for that chain alone: a line
// is searched for the id, not parsed.
func scanFileHeads(path, only string, heads, pruned map[string]Head, closed map[string][]byte, times map[string]time.Time) (last string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	var p chain.Parser
	want := plainQuoted(only)
	var prev []byte // the line before
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			l := bytes.TrimSuffix(line, []byte("\n"))
			if want == nil || bytes.Contains(l, want) {
				if c := scanHeadTimes(l, heads, pruned, times); c != "" {
					last = c
					if closed != nil {
						frag := fragmentOf(&p, prev)
						if at, _ := splitGlued(&p, l); at > 0 {
							frag = l[:at] // the record was glued onto it
						}
						closed[c] = nil
						if frag != nil && !namesTorn(&p, l, frag) {
							closed[c] = frag
						}
					}
				}
			}
			prev = l
		}
		if err == io.EOF {
			return last, nil
		}
		if err != nil {
			return last, err
		}
	}
}

// namedInFiles reports whether a record in one of the files at paths
// names the fragment of hex SHA-256 sha (see namesTorn). A file that
// cannot be read names nothing.
func namedInFiles(paths []string, sha string) bool {
	want := []byte(sha)
	var p chain.Parser
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		br := bufio.NewReaderSize(f, 64<<10)
		for {
			line, err := br.ReadBytes('\n')
			if bytes.Contains(line, want) {
				if v, perr := p.Parse(bytes.TrimSuffix(line, []byte("\n"))); perr == nil && namesSHA(v, sha) {
					f.Close()
					return true
				}
			}
			if err != nil {
				break
			}
		}
		f.Close()
	}
	return false
}

// plainQuoted returns id as a JSON string, quotes included, when every
// encoder writes it so (letters, digits and a few punctuation marks, no
// escapes); nil otherwise, or for "".
func plainQuoted(id string) []byte {
	if id == "" {
		return nil
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.:/@+=~", c) >= 0) {
			return nil
		}
	}
	return []byte(`"` + id + `"`)
}

// fragmentOf returns the fragment that line holds: the line itself when
// it is the start of a JSON object that stops part-way (see jsonPrefix),
// or the fragment a record was glued onto (see splitGlued); nil
// otherwise.
func fragmentOf(p *chain.Parser, line []byte) []byte {
	if len(line) == 0 || line[0] != '{' {
		return nil
	}
	if _, err := p.Parse(line); err == nil {
		return nil // a whole line
	}
	if at, _ := splitGlued(p, line); at > 0 {
		return line[:at]
	}
	if jsonPrefix(line) {
		return line
	}
	return nil
}

// recordTime returns the time of the record v, or the zero time.
func recordTime(v chain.Value) time.Time {
	tv, ok := v.Get("time")
	if !ok || tv.Kind != chain.String {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, tv.Str)
	if err != nil {
		return time.Time{}
	}
	return t
}

// namesTorn reports whether line, a record, names the fragment frag in
// one of its lists of torn lines.
func namesTorn(p *chain.Parser, line, frag []byte) bool {
	v, err := p.Parse(line)
	if err != nil {
		return false
	}
	return namesSHA(v, tornLine(frag).SHA256)
}

// namesSHA reports whether the record v names the fragment of hex SHA-256
// sha in one of its lists of torn lines.
func namesSHA(v chain.Value, sha string) bool {
	for _, t := range tornNames(v) {
		if t.sha == sha {
			return true
		}
	}
	return closedNamed(v, sha)
}

// tornLine describes the fragment frag.
func tornLine(frag []byte) *TornLine {
	sum := sha256.Sum256(frag)
	return &TornLine{Bytes: len(frag), SHA256: hex.EncodeToString(sum[:])}
}

// wholeRecord reports whether line is a whole audit record: valid JSON with
// an audit member that parses.
func wholeRecord(line []byte) bool {
	var p chain.Parser
	v, err := p.Parse(line)
	if err != nil {
		return false
	}
	a, ok := v.Get("audit")
	if !ok {
		return false
	}
	_, err = parseAudit(a)
	return err == nil
}

// scanHeads sets heads to the last record of every chain in data, a run of
// JSON lines, and returns the chain of the last record. It sets pruned to
// the heads that retention records in data name (see prunedHeads): pass
// heads again to merge them.
func scanHeads(data []byte, heads, pruned map[string]Head) (last string) {
	return scanHeadTimes(data, heads, pruned, nil)
}

// scanHeadTimes is scanHeads, and sets times (when not nil) to the time
// of each head's record.
func scanHeadTimes(data []byte, heads, pruned map[string]Head, times map[string]time.Time) (last string) {
	var p chain.Parser
	for _, line := range bytes.Split(data, []byte("\n")) {
		v, err := p.Parse(line)
		if err != nil {
			// A record glued onto a fragment is the chain's record all
			// the same: the verifier checks it there (its copy may not
			// have been written).
			at, _ := splitGlued(&p, line)
			if at <= 0 {
				continue
			}
			if v, err = p.Parse(line[at:]); err != nil {
				continue
			}
		}
		a, ok := v.Get("audit")
		if !ok {
			continue
		}
		rec, err := parseAudit(a)
		if err != nil {
			continue
		}
		heads[rec.chain] = Head{Chain: rec.chain, Seq: rec.seq, Hash: rec.hash}
		last = rec.chain
		if msg, _ := v.Get("msg"); times != nil && !strings.HasPrefix(msg.Str, "audit.") {
			times[rec.chain] = recordTime(v) // a caller's record: the wrapper's own are not checked
		}
		if msg, _ := v.Get("msg"); msg.Str == MsgRetention {
			prunedHeads(v, pruned)
		}
	}
	return last
}

// prunedHeads adds to heads the heads a retention record names for chains
// whose files it removed ("ends_at"), where heads knows no later record of
// the chain: a quiet chain that restarts after its files were pruned
// continues from there.
func prunedHeads(v chain.Value, heads map[string]Head) {
	ends, _ := v.Get("ends_at")
	for _, m := range ends.Members {
		seq, _ := m.Value.Get("seq")
		hs, _ := m.Value.Get("hash")
		h, err := chain.ParseHash(hs.Str)
		if err != nil || seq.Kind != chain.Number || seq.Num < 1 {
			continue
		}
		if old, ok := heads[m.Name]; !ok || old.Seq < uint64(seq.Num) {
			heads[m.Name] = Head{Chain: m.Name, Seq: uint64(seq.Num), Hash: h}
		}
	}
}

// Heads returns the head of every chain of the log: its last record in
// the file or, for a chain with no record there, in the newest rotated
// file that holds one, or else the head a retention record names for a
// chain whose files it removed; the heads that [File.Handler] continues.
// Pass Heads()[id] to [WithResume]: after a rotation the file may hold no
// record of a chain, or only the fragment a crash left, and a chain
// started again from its first record verifies as inserted. It reads the
// rotated files when the file's tail does not name every chain: call it
// once, at start.
func (af *File) Heads() map[string]Head {
	af.mu.Lock()
	out := make(map[string]Head, len(af.heads))
	for k, v := range af.heads {
		out[k] = v
	}
	af.mu.Unlock()
	paths, unpin, err := af.pinFiles()
	if err != nil {
		return out
	}
	defer unpin()
	// Newest first, as findHead looks for one chain. A head read at open
	// gives way to a newer one in the files: another File may have
	// written the chain since.
	pruned, inFiles := map[string]Head{}, map[string]bool{}
	for i := len(paths) - 1; i >= 0; i-- {
		heads, prunedTo := map[string]Head{}, map[string]Head{}
		if _, err := scanFileHeads(paths[i], "", heads, prunedTo, nil, nil); err != nil {
			continue
		}
		for id, h := range heads {
			if !inFiles[id] && h.Seq > pruned[id].Seq {
				inFiles[id] = true
				if h.Seq > out[id].Seq {
					out[id] = h
				}
			}
		}
		for id, h := range prunedTo {
			if _, ok := out[id]; !ok && h.Seq > pruned[id].Seq {
				pruned[id] = h
			}
		}
	}
	for id, h := range pruned {
		if _, ok := out[id]; !ok {
			out[id] = h
		}
	}
	af.offerTorns(out)
	return out
}

// Torn returns the newest of the torn lines found at open, if any (see
// [File.Torns]). Passed alone to [WithTorn], it names the older ones
// found with it too.
func (af *File) Torn() (TornLine, bool) {
	if len(af.torns) == 0 {
		return TornLine{}, false
	}
	return af.torns[len(af.torns)-1], true
}

// Torns returns the torn lines found at open, oldest first: the fragments
// that crashes left at the end of the file, after its last whole line
// (several when a process crashed again while it was starting after a
// crash). [File.Handler] names them in its audit.start record; pass them
// to [New] with [WithTorn].
func (af *File) Torns() []TornLine {
	return append([]TornLine(nil), af.torns...)
}

// Handler returns a [Handler] writing to af. It encodes each record once,
// in its canonical form (RFC 8785) with the audit member at its sorted
// place, and that is the line written and the bytes hashed. It continues
// the chain named by WithChainID, or the chain of the file's last record,
// from its recovered head; a new file starts a new chain, and so does a
// handler [WithSealing] without WithChainID (a sealed chain is never
// resumed). Without WithChainID, a chain that another File is writing (another process
// sharing the file, or another OpenFile of the path) is not continued a
// second time, which would fork it: the handler starts a new chain; named
// with WithChainID, such a chain is refused. On Linux the File knows this
// from record locks in a lock file beside the log (path + ".lock"), held
// until Close; elsewhere it does not know.
// Among the handlers of one File it always knows: a chain that a live
// handler of af writes is not taken by default, and a handler that names
// it is refused until that handler is closed; a handler made after it was
// closed continues the chain from where it stopped. A chain whose records
// another handler over af writes (Wrap over a JSON or slogcore handler)
// is not taken by default either, and is locked for other Files.
// A chain is continued only with a key that may write it: a key id that
// an audit.rotate record retired is refused, and so are key bytes that
// verify none of the chain's MACs made under the same key id (a key file
// regenerated or mixed up), whose records would all read as tampered.
// Its Close does not close af.
func (af *File) Handler(opts ...Option) (*Handler, error) {
	var probe config
	for _, o := range opts {
		o(&probe)
	}
	af.mu.Lock()
	last := af.last
	_, known := af.heads[probe.chainID]
	if probe.chainID == "" {
		_, known = af.heads[last]
	}
	size := af.size
	af.mu.Unlock()
	id := probe.chainID
	if id == "" && probe.resume == nil {
		id = last
	}
	if probe.resume == nil {
		if !known && (id != "" || size == 0 || last == "") {
			// Not in the tail: a chain that shares the file with a busier
			// one, or a file that a crash left empty (or holding only a
			// fragment) just after a rotation. Search the whole file, then
			// the rotated files, newest first.
			if head, ok, err := af.findHead(id); err != nil {
				return nil, err
			} else if ok {
				id = head.Chain
				af.mu.Lock()
				// A handler of the chain may have closed meanwhile,
				// leaving a newer head than the files held when read.
				if head.Seq > af.heads[id].Seq {
					af.heads[id] = head
				}
				af.mu.Unlock()
			}
		}
	}
	if probe.resume == nil && (id == "" || probe.chainID == "" && (probe.sealing || af.writtenByOther(id))) {
		// A new chain: its id is chosen here, so that it is locked
		// before another writer could take the file's last chain for it.
		// The last chain is not taken when another handler over this
		// File (Wrap over a JSON or slogcore handler) writes it: when it
		// stops is not known, and two writers would fork it. Nor under
		// WithSealing, whose chain starts at epoch 0.
		id = newChainID()
		opts = append(opts, WithChainID(id))
	}
	if probe.resume == nil && !af.claim(id) {
		// Another handler of this File writes the chain (or is being
		// made for it): a second writer would fork it. Taken by default,
		// this one starts a chain of its own; named, it is refused.
		if probe.chainID != "" {
			return nil, fmt.Errorf("slogaudit: File.Handler: chain %s is written by another handler of this File, and a second writer would fork it: log through that handler, close it first, or name another chain (WithChainID)", id)
		}
		id = newChainID()
		af.claim(id)
		opts = append(opts, WithChainID(id))
	}
	if probe.resume == nil {
		// A chain locked by another File may be another live writer's:
		// continuing it too would fork it. Taken by default, as the
		// file's last one, this one starts a chain of its own; named
		// with WithChainID, it is refused.
		if free, known := af.lockChain(id); known && !free {
			af.unclaim(id)
			if probe.chainID != "" {
				return nil, fmt.Errorf("slogaudit: File.Handler: chain %s is locked by another File of %s (another process, or another OpenFile of the path in this one), which may write it, and a second writer would fork it: close that File first, or name another chain (WithChainID)", id, af.path)
			}
			id = newChainID()
			af.claim(id)
			af.lockChain(id)
			opts = append(opts, WithChainID(id))
		}
	}
	if probe.resume == nil && af.appendedByOther() {
		// Another File wrote the log since this one read its heads (it
		// held the chain, and has closed): the head read at open may be
		// behind, and continuing from it would fork the chain.
		if head, ok, err := af.findHead(id); err != nil {
			af.unclaim(id)
			return nil, err
		} else if ok {
			af.mu.Lock()
			if head.Seq > af.heads[id].Seq {
				af.heads[id] = head
			}
			af.mu.Unlock()
		}
	}
	af.mu.Lock()
	head, ok := af.heads[id]
	for _, c := range af.tailChains {
		if c != id {
			af.shared = true // another chain's writer may be live
		}
	}
	af.mu.Unlock()
	if ok && probe.resume == nil {
		if probe.key != nil {
			if err := af.checkResumeKey(id, probe.keyID, probe.key); err != nil {
				af.unclaim(id)
				return nil, err
			}
		}
		opts = append(opts, WithResume(head))
	}
	if len(af.torns) > 0 {
		opts = append(opts, WithTorn(af.torns...))
		af.mu.Lock()
		af.tornsTaken = true
		af.mu.Unlock()
	}
	opts = append(opts, withFile(af))
	h, err := New(slog.NewJSONHandler(af, nil), opts...)
	if err == nil {
		h.st.closedTorns = af.takeClosed(h.st.head.Chain)
		if h.st.head.Seq > 0 {
			af.mu.Lock()
			if h.st.head.Seq == af.heads[h.st.head.Chain].Seq {
				h.st.lastTime = af.headTimes[h.st.head.Chain] // for a policy's Monotonic rule
			}
			af.mu.Unlock()
		}
	}
	if err == nil && h.st.head.Seq > 0 {
		paths, perr := RotatedFiles(af.path)
		if perr != nil {
			err = perr
		} else {
			h.st.rebuildTree(paths)
		}
	}
	if err != nil {
		af.unclaim(id)
		return nil, err
	}
	af.mu.Lock()
	af.handler, af.handlerChain = h, h.st.head.Chain
	if af.writing == nil {
		af.writing = map[string]*state{}
	}
	af.writing[h.st.head.Chain] = h.st
	af.mu.Unlock()
	return h, nil
}

// appendedByOther reports whether the log's current file holds more than
// this File wrote and read: another File appended to it, or rotated it.
func (af *File) appendedByOther() bool {
	af.mu.Lock()
	defer af.mu.Unlock()
	if af.f == nil {
		return false
	}
	mine, err := af.f.Stat()
	if err != nil {
		return true
	}
	current, err := os.Stat(af.path)
	if err != nil {
		return true
	}
	return !os.SameFile(mine, current) || current.Size() != af.size
}

// claim reserves chain id for a handler being made, and reports false
// when a live handler of this File writes it, or is being made for it.
// The check and the reservation are one step, so that two handlers made
// at once never both continue the chain.
func (af *File) claim(id string) bool {
	af.mu.Lock()
	defer af.mu.Unlock()
	if _, ok := af.writing[id]; ok {
		return false
	}
	if af.writing == nil {
		af.writing = map[string]*state{}
	}
	af.writing[id] = nil // the handler's state once it is made
	return true
}

// unclaim drops the reservation of claim, when no handler was made.
func (af *File) unclaim(id string) {
	af.mu.Lock()
	defer af.mu.Unlock()
	if st, ok := af.writing[id]; ok && st == nil {
		delete(af.writing, id)
	}
}

// handlerClosed forgets st's chain as written, once st's handler is
// closed at head, and keeps head as the chain's: a later handler of this
// File continues the chain from there, not from the head found at open.
// When the Close failed (clean false), head may be a record that was
// never written: the chain's head is then found again in the files, as a
// restart would find it.
func (af *File) handlerClosed(st *state, head Head, lastTime time.Time, clean bool) {
	af.mu.Lock()
	defer af.mu.Unlock()
	if af.writing[head.Chain] != st {
		return // closed before
	}
	delete(af.writing, head.Chain)
	af.last = head.Chain
	if !clean {
		delete(af.heads, head.Chain)
		return
	}
	if head.Seq > af.heads[head.Chain].Seq {
		af.heads[head.Chain] = head
		if !lastTime.IsZero() {
			af.headTimes[head.Chain] = lastTime
		}
	}
}

// Write appends p, which must be whole lines (a JSON handler writes one
// record per call), rotating first when the file is full.
//
// A write call that fails (an error, a short count, a panic of the
// writer) does not say what reached the file, so the File reads its end
// back. When every byte of p is there, the write is done: Write returns
// len(p) and an error wrapping [ErrNotDurable]; so does a failed fsync
// under SyncEachRecord. When only part of p is there, the fragment after
// its whole lines would be glued onto the next record: the File cuts it
// off the end of the file and returns the count of whole lines with the
// error, so that the file always ends with a whole record. When another
// process appended to the same file since (processes may share one, with
// different chain ids), it cuts off only its fragment, found at the
// file's true end; if another write already followed the fragment, it is
// left in place and the handler's audit.gap names it. If cutting fails,
// the next write starts with a newline. Either way no record is glued
// onto a fragment.
//
// A record of a chain that does not follow the newest record of that
// chain the File knows (the head recovered at open, a record written
// through Write since, or, for a chain the file's tail does not name, its
// newest record in the log's files, rotated ones included, read once at
// the first such record) forks the chain: a handler that names the chain
// without resuming it, or a second handler resuming the same head. Write
// refuses it, writing nothing, and so the fork's later records that link
// to it; the error says to resume with [WithResume] and [File.Heads].
func (af *File) Write(p []byte) (int, error) {
	return af.write(p, true)
}

// writeOwn is Write for the lines of this File's own handlers, which hold
// the locks of their chains already: it does not look for the chain in
// each line.
func (af *File) writeOwn(p []byte) (int, error) {
	return af.write(p, false)
}

// write is Write; others says that p may hold records of chains that
// another handler writes through Write, whose locks it takes first.
func (af *File) write(p []byte, others bool) (written int, _ error) {
	af.mu.Lock()
	defer af.mu.Unlock()
	if af.closed {
		return 0, errors.New("slogaudit: write to a closed audit file")
	}
	if err := af.placeLocked(af.cfg.sync.every == 1); err != nil {
		return 0, err
	}
	if !af.tailsChecked {
		// The first write: the file opened may have been rotated away
		// since (the first write goes on in the current one), and a
		// writer may have been killed at the end of a rotated file.
		af.tailsChecked = true
		if !af.fresh {
			af.goOnIfRotatedLocked()
		}
		af.closeRotatedTailsLocked()
	}
	seen := len(af.foreign)
	if size := max(af.size, af.seenEnd); af.cfg.rotateSize > 0 && size > 0 && size+int64(len(p)) > af.cfg.rotateSize && af.readers == 0 {
		before, _ := af.f.Stat()
		if err := af.rotateLocked(); err != nil {
			if af.f == nil {
				return 0, err
			}
			// The record goes to the file as it is, which grows past
			// the size: a rotation is no reason to lose a record. The
			// next write tries again.
			af.reportLocked(err)
		}
		if after, err := af.f.Stat(); err == nil && before != nil && !os.SameFile(before, after) {
			seen = len(af.foreign) // named as they are; the write goes to another file
		}
	}
	if others {
		if err := af.lockWrittenLocked(p); err != nil {
			return 0, err
		}
		if err := af.forkedLocked(p); err != nil {
			return 0, err
		}
		if err := af.unnamedTornsLocked(p); err != nil {
			return 0, err
		}
		defer func() { af.noteWrittenLocked(p[:max(min(written, len(p)), 0)]) }()
	}
	openTorn := af.fresh && (len(af.torns) > 0 || af.tornGrowing) && !af.tornClosed // this write closes the torn line found at open
	looked := af.closeForeignLocked()
	closing := af.fresh // the write starts with a newline: it cannot land glued
	n, err := af.writeClosingLocked(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err == nil && len(af.foreign) > seen {
		af.confirmForeignLocked(seen, int64(n)+1)
	}
	rewrote := 0
	if err == nil && !closing && looked >= 0 {
		rewrote = af.unglueLocked(p, n, looked)
	}
	switch {
	case err == nil && openTorn && af.tornGrowing:
		af.tornGrowing = false
		af.confirmForeignLocked(len(af.foreign), int64(n)+1)
	case err == nil && openTorn && len(af.foreign) == seen:
		af.confirmOpenTornLocked(int64(n) + 1)
	}
	if err == nil {
		af.tornClosed = true
	}
	if err != nil {
		closing := af.fresh
		n, err = af.cutBackLocked(p, n, err)
		if closing {
			af.fresh = !af.endsLineLocked()
		}
		if !errors.Is(err, ErrNotDurable) {
			return n, err
		}
	}
	af.fresh = false
	af.size += int64(n + rewrote)
	af.unsynced++
	switch {
	case af.cfg.sync.never:
	case af.cfg.sync.every == 1: // each record: on disk before Write returns
		if serr := af.syncLocked(); serr != nil {
			return n, errors.Join(err, fmt.Errorf("%w: %w", ErrNotDurable, serr))
		}
	case af.cfg.sync.every > 0 && af.unsynced >= af.cfg.sync.every:
		af.syncBackgroundLocked()
	case af.cfg.sync.interval > 0 && af.timer == nil:
		af.timer = time.AfterFunc(af.cfg.sync.interval, func() {
			af.mu.Lock()
			defer af.mu.Unlock()
			af.timer = nil
			af.syncBackgroundLocked()
		})
	}
	return n, err
}

// syncBackgroundLocked starts a group commit: an fsync of the file in the
// background, so that the records written meanwhile wait for the disk in
// the page cache, not in the caller. One runs at a time; one that is due
// while another runs follows it. Errors go to WithFileErrors.
func (af *File) syncBackgroundLocked() {
	if af.closed || af.unsynced == 0 {
		return
	}
	if af.syncing {
		af.again = true
		return
	}
	af.syncing, af.again, af.unsynced = true, false, 0
	af.syncDone = make(chan struct{})
	go af.syncLoop(af.f, af.syncDone)
}

func (af *File) syncLoop(f *os.File, done chan struct{}) {
	defer close(done)
	for {
		err := af.fsync(f)
		if errors.Is(err, os.ErrClosed) {
			err = nil // closed by a rotation, which synced it first
		}
		if err != nil && af.cfg.onError != nil {
			callback(func() { af.cfg.onError(fmt.Errorf("slogaudit: fsync %s: %w", af.path, err)) })
		}
		af.mu.Lock()
		if err != nil {
			af.syncFailed = true
		}
		if !af.again || af.closed || af.unsynced == 0 || af.f != f {
			af.syncing, af.again = false, false
			af.mu.Unlock()
			return
		}
		af.again, af.unsynced = false, 0
		af.mu.Unlock()
	}
}

// waitSyncLocked waits, releasing mu meanwhile, until no background fsync
// runs.
func (af *File) waitSyncLocked() {
	for af.syncing {
		done := af.syncDone
		af.mu.Unlock()
		<-done
		af.mu.Lock()
	}
}

// foreignWindow bounds how much of a fragment another writer left at the
// end of the file is read back to name it.
const foreignWindow = 1 << 20

// closeForeignLocked looks, when the file grew by other writers since
// this File last wrote, whether it ends inside a line: a process sharing
// the file crashed mid-record. The next write then starts with the
// newline that closes that fragment, rather than gluing a record onto
// it, and the fragment is kept for the writing handler to name.
//
// A line open at the end may also be another live writer's write seen
// part-way (the size of a file grows page by page during one write):
// that writer ends its line before the newline lands, which then makes
// a blank line and closes nothing. Which of the two it was is known only
// once the newline is written: confirmForeignLocked then looks.
//
// It returns the file's size it saw, when it is empty or ends with a
// whole line and the File shares the file (shared): the write that
// follows may then land after another append, and unglueLocked looks.
// It returns -1 otherwise.
func (af *File) closeForeignLocked() (looked int64) {
	if af.fresh || af.f == nil {
		return -1
	}
	end, err := af.f.Seek(0, io.SeekEnd)
	if err != nil {
		return -1
	}
	af.shrankLocked(end)
	if end == af.size || end == 0 {
		if af.shared {
			return end // the File's own last line, or an empty file
		}
		return -1
	}
	af.seenEnd, af.shared = end, true
	var last [1]byte
	if _, err := af.f.ReadAt(last[:], end-1); err != nil {
		return -1
	}
	if last[0] == '\n' {
		return end
	}
	frag, ok := lineBefore(af.f, end)
	if !ok {
		return -1
	}
	af.fresh = true
	if frag != nil { // else longer than the window: closed, but not named
		af.foreign = append(af.foreign, *tornLine(frag))
		af.anyForeign.Store(true)
	}
	return -1
}

// unglueLocked looks, after a write of n bytes of p that did not start
// with a newline, to a file that ended with a whole line at size looked
// when the File looked (closeForeignLocked), where the write landed: the
// offset an appending write leaves is its end. Another writer's append
// may have come between the look and the write; when it ended inside a
// line (a process killed part-way through a write), p's first line was
// glued onto that fragment. The File then writes that line again, after
// a newline, and keeps the fragment for the writing handler to name in
// its audit.gap (takeForeign): the verifier checks the record where it
// was glued, takes the next line of the same bytes for its copy, and the
// fragment for torn once the audit.gap names it. The newline closes
// whatever else landed meanwhile (named too, once read back), so the
// copy is never glued; when nothing did, it makes a blank line, which the
// verifier skips. It returns the count of bytes written again.
//
// It runs once another writer has appended to the file, or when the
// file's tail held another chain's records at open (shared): a File alone
// with its chain pays no look after its writes.
func (af *File) unglueLocked(p []byte, n int, looked int64) (rewrote int) {
	line := p[:bytes.IndexByte(p, '\n')+1]
	if len(line) == 0 || n < len(line) {
		return 0
	}
	pos, err := af.f.Seek(0, io.SeekCurrent)
	start := pos - int64(n)
	if err != nil || start == looked || start <= 0 {
		return 0
	}
	var b [1]byte
	if _, err := af.f.ReadAt(b[:], start-1); err != nil || b[0] == '\n' {
		return 0
	}
	if frag, _ := lineBefore(af.f, start); frag != nil {
		af.foreign = append(af.foreign, *tornLine(frag))
		af.anyForeign.Store(true)
	}
	copied := append(append(make([]byte, 0, len(line)+1), '\n'), line...)
	m, err := af.writeLocked(copied)
	if err != nil || m != len(copied) {
		// The record is in the log, where it was glued; a part of its
		// copy at the end is another fragment, which the next write
		// closes and names.
		af.reportLocked(fmt.Errorf("slogaudit: writing %s: a record landed on another writer's incomplete line, and writing it again on a line of its own failed (%d of %d bytes): %v; the record is in the log where it landed", af.path, max(m, 0), len(copied), err))
		return max(m, 0)
	}
	if frag, _, ok := af.closedLineLocked(int64(m)); ok && frag != nil {
		af.foreign = append(af.foreign, *tornLine(frag)) // landed between the two writes
		af.anyForeign.Store(true)
	}
	return m
}

// lineBefore reads back the fragment of a line of f that ends at offset
// at: the bytes after the newline before it (all of them from the file's
// start); nil when it is longer than foreignWindow, or a whole record
// that lacked only its newline (a writer stopped right before it), which
// the verifier reads as a record: there is no fragment to name. ok is
// false when the file cannot be read.
func lineBefore(f *os.File, at int64) (frag []byte, ok bool) {
	from := max(at-foreignWindow, 0)
	buf := make([]byte, at-from)
	if m, _ := f.ReadAt(buf, from); m != len(buf) {
		return nil, false
	}
	i := bytes.LastIndexByte(buf, '\n')
	if i < 0 && from > 0 || wholeRecord(buf[i+1:]) {
		return nil, true
	}
	return buf[i+1:], true
}

// closeForeign closes, with a newline of its own, a fragment that
// another writer left at the end of the file (see closeForeignLocked),
// so that a handler about to stop can name it first.
func (af *File) closeForeign() {
	af.mu.Lock()
	defer af.mu.Unlock()
	if af.closed || af.anyForeign.Load() {
		return
	}
	seen := len(af.foreign)
	af.closeForeignLocked()
	if !af.anyForeign.Load() {
		return
	}
	if n, err := af.writeLocked([]byte{'\n'}); err == nil && n == 1 {
		af.fresh = false
		af.size++
		af.confirmForeignLocked(seen, 1)
	}
}

// confirmForeignLocked looks, after a write of wrote bytes that began
// with the newline closing another writer's fragment (the foreign
// entries from seen on), at the line that newline really closed. The
// fragment seen may have been a live writer's line, read while it was
// being written: that writer's newline came first, and the line before
// this one is whole. Then nothing is named. Otherwise the fragment named
// is the one before the newline, read back now (a writer that crashed
// between the look and the write left another). When the file cannot be
// read back, the fragment seen stays named.
func (af *File) confirmForeignLocked(seen int, wrote int64) {
	frag, _, ok := af.closedLineLocked(wrote)
	if !ok {
		return
	}
	af.foreign = af.foreign[:seen]
	if frag != nil {
		af.foreign = append(af.foreign, *tornLine(frag))
	}
	af.anyForeign.Store(len(af.foreign) > 0)
}

// closedLineLocked reads back, after a write of wrote bytes that began
// with a newline, what that newline closed: whole when the line before it
// was whole already (another writer's newline came first), else frag, the
// fragment it closed (nil at the file's start, or when the fragment is
// longer than foreignWindow). ok is false when the file cannot be read
// back.
func (af *File) closedLineLocked(wrote int64) (frag []byte, whole, ok bool) {
	pos, err := af.f.Seek(0, io.SeekCurrent) // an appending write leaves the offset at its end
	if err != nil || pos-wrote < 0 {
		return nil, false, false
	}
	nl := pos - wrote // where the newline landed
	if nl == 0 {
		return nil, false, true
	}
	var last [1]byte
	if _, err := af.f.ReadAt(last[:], nl-1); err != nil {
		return nil, false, false
	}
	if last[0] == '\n' {
		return nil, true, true
	}
	frag, ok = lineBefore(af.f, nl)
	return frag, false, ok
}

// stillTorn returns torns, the torn lines found at open that an
// audit.start is about to name: none when another handler of af named
// them already (each is named once), and otherwise all but the newest
// when another writer has closed that line since: it was a live writer's
// line, read part-way at open, which its writer ended; or a crash's
// fragment that another File closed with a newline of its own, and names
// itself. Once found so, the line is left out for every handler of af
// (tornEnded).
func (af *File) stillTorn(torns []TornLine) []TornLine {
	af.mu.Lock()
	defer af.mu.Unlock()
	n := len(torns)
	if n == 0 {
		return torns
	}
	newest := torns[n-1]
	ended := af.tornEnded != nil && sameTorn(*af.tornEnded, newest)
	if !ended && (len(af.torns) == 0 || !sameTorn(af.torns[len(af.torns)-1], newest)) {
		return torns // not the File's
	}
	if af.tornsNamed {
		return nil // another handler's audit.start names them
	}
	af.tornsNamed = true
	if ended {
		return torns[:n-1]
	}
	if !af.fresh || af.f == nil {
		return torns
	}
	if af.goOnIfRotatedLocked() {
		// Another File rotated the file away since the open: it does so
		// only once the file ends with a whole line (see rotateLocked),
		// so another writer has closed the fragment, and named it.
		af.endedTornLocked()
		return torns[:n-1]
	}
	end, err := af.f.Seek(0, io.SeekEnd)
	if err != nil || end <= af.size {
		return torns
	}
	buf := make([]byte, min(end-af.size, foreignWindow))
	if m, _ := af.f.ReadAt(buf, af.size); m != len(buf) {
		return torns
	}
	if bytes.IndexByte(buf, '\n') < 0 {
		// The line grew since the open, and goes on: a live writer's,
		// which may end, or stop at another byte (a crash). The write
		// closes it, and what it closed is named once written
		// (confirmForeignLocked), not here.
		af.tornGrowing = true
		af.endedTornLocked()
		return torns[:n-1]
	}
	af.fresh = false // the write looks at the file's end again (closeForeignLocked)
	af.endedTornLocked()
	return torns[:n-1]
}

// sameTorn reports whether a and b name the same line.
func sameTorn(a, b TornLine) bool { return a.Bytes == b.Bytes && a.SHA256 == b.SHA256 }

// endedTornLocked records that the newest torn line found at open is no
// fragment (another writer ended it): later handlers do not name it.
func (af *File) endedTornLocked() {
	n := len(af.torns)
	if n == 0 {
		return
	}
	e := af.torns[n-1]
	e.earlier = nil
	af.tornEnded = &e
	af.torns = af.torns[: n-1 : n-1]
	if n > 2 {
		earlier := append([]TornLine(nil), af.torns[:n-2]...)
		af.torns[n-2].earlier = &earlier
	} else if n == 2 {
		af.torns[0].earlier = nil
	}
}

// confirmOpenTornLocked looks, after a write of wrote bytes that began
// with the newline closing the torn line found at open, at what that
// newline closed: when the line before it is whole, the torn line was a
// live writer's line read part-way, which its writer ended before the
// newline landed (the audit.start of this write names it, which the
// verifier allows beside the blank line it left); later handlers do not
// name it.
func (af *File) confirmOpenTornLocked(wrote int64) {
	if _, whole, ok := af.closedLineLocked(wrote); ok && whole {
		af.endedTornLocked()
	}
}

// takeForeign returns the fragments of other writers that this File's
// writes closed since the last call.
func (af *File) takeForeign() []TornLine {
	af.mu.Lock()
	defer af.mu.Unlock()
	t := af.foreign
	af.foreign = nil
	af.anyForeign.Store(false)
	return t
}

// foreignAny reports whether takeForeign has fragments to return, without
// taking the File's lock.
func (af *File) foreignAny() bool { return af.anyForeign.Load() }

// writeClosingLocked writes p, after the newline that closes the file's
// last line when it has none (fresh), in one write, so that no crash
// leaves that line closed without the line after it begun. It returns
// the count of p's bytes written.
func (af *File) writeClosingLocked(p []byte) (int, error) {
	if !af.fresh {
		return af.writeLocked(p)
	}
	q := make([]byte, 0, len(p)+1)
	q = append(append(q, '\n'), p...)
	n, err := af.writeLocked(q)
	if n > 0 {
		af.size++ // the newline: p starts after it
		n--
	}
	if err == nil {
		af.fresh = false
	}
	return n, err
}

// endsLineLocked reports whether the file ends with a newline (or is
// empty); when it cannot be read, that it does not.
func (af *File) endsLineLocked() bool {
	st, err := af.f.Stat()
	if err != nil {
		return false
	}
	if st.Size() == 0 {
		return true
	}
	var b [1]byte
	_, err = af.f.ReadAt(b[:], st.Size()-1)
	return err == nil && b[0] == '\n'
}

// writeLocked writes p to the file; a panic in an injected writer is an
// error with nothing known to be written.
func (af *File) writeLocked(p []byte) (n int, err error) {
	if af.inject == nil {
		return af.f.Write(p)
	}
	defer func() {
		if r := recover(); r != nil {
			n, err = -1, fmt.Errorf("write panicked: %v", r)
		}
	}()
	return af.inject(af.f, p)
}

// cutBackLocked handles a write of p that failed after n bytes (n < 0:
// unknown, the writer panicked). The count and the error do not say what
// reached the file, so it reads the file back (see locate):
//
//   - every byte of p is there: the write is done, and it returns len(p)
//     and the error wrapped with [ErrNotDurable];
//   - part of p, at the file's end: the whole lines of p stay, and the
//     fragment after them is cut off;
//   - part of p that another writer already wrote after: the fragment
//     stays, and the handler's audit.gap names it;
//   - none of p: nothing to undo.
//
// The count returned is that of the whole lines of p in the file.
func (af *File) cutBackLocked(p []byte, n int, err error) (int, error) {
	at, got, end, ok := af.locate(p)
	if !ok { // the file cannot be read back: trust n
		if n < 0 {
			got = 0
		} else {
			got = min(n, len(p))
		}
		at, end = af.size, af.size+int64(got)
	}
	if got == len(p) {
		af.size = at // Write adds len(p)
		return len(p), fmt.Errorf("slogaudit: writing %s: %w: %w", af.path, ErrNotDurable, err)
	}
	keep := bytes.LastIndexByte(p[:got], '\n') + 1
	if got == keep { // nothing of p, or whole lines only
		af.size = at + int64(keep)
		err = fmt.Errorf("slogaudit: writing %s: %w (the file ends with a whole record)", af.path, err)
		if got == 0 && n > 0 && n <= len(p) {
			// The writer says it wrote part of p, which is not at the
			// file's end: another writer appended after it. Name it, in
			// case.
			return keep, leaveFragment(err, p, bytes.LastIndexByte(p[:n], '\n')+1, n)
		}
		return keep, err
	}
	if at+int64(got) == end {
		if terr := af.truncate(at + int64(keep)); terr != nil {
			af.fresh = true
			af.size = end
			return keep, leaveFragment(fmt.Errorf("slogaudit: writing %s: %w (and cutting off the partial record failed: %v; the next record starts on a new line)", af.path, err, terr), p, keep, got)
		}
		af.size = at + int64(keep)
		return keep, fmt.Errorf("slogaudit: writing %s: %w (the partial record was cut off: the file ends with a whole record)", af.path, err)
	}
	// Another writer wrote after the fragment already: it stays, on the
	// line it shares with that writer's bytes, and is named.
	af.size = end
	return keep, leaveFragment(fmt.Errorf("slogaudit: writing %s: %w (another writer appended after the partial record, so it was left in place)", af.path, err), p, keep, got)
}

// truncate cuts the file to size (or runs the injected fault).
func (af *File) truncate(size int64) error {
	if af.injectTruncate != nil {
		return af.injectTruncate(af.f, size)
	}
	return af.f.Truncate(size)
}

// locateSlack is how far before the file's end, beyond len(p), locate
// looks for the bytes of a failed write: other processes sharing the file
// may have appended this much since.
const locateSlack = 1 << 20

// locate reads the end of the file back after a failed write of p, and
// reports where p's bytes are: at is the offset where they start, got how
// many of p's bytes are there, and end the file's size; ok is false when
// the file cannot be read. The bytes are found at the start of a line at
// or after the size the File knew before the write (or, when the file is
// smaller than that now, within its last len(p)+locateSlack bytes), as the
// whole of p (p
// holds its records' hashes: no other bytes match it), or as a prefix of
// p that reaches the file's end (a fragment). got is 0, with at = end,
// when neither is there: another writer's line that merely begins like p
// is never taken for p's.
func (af *File) locate(p []byte) (at int64, got int, end int64, ok bool) {
	st, err := af.f.Stat()
	if err != nil {
		return 0, 0, 0, false
	}
	end = st.Size()
	lo := max(af.size, end-int64(len(p))-locateSlack)
	if af.size > end {
		// The file shrank (another process cut it, as logrotate's
		// copytruncate does): the size known before the write says
		// nothing of where p went. Look at the file's end.
		lo = max(0, end-int64(len(p))-locateSlack)
	}
	from := max(lo-1, 0) // the byte before lo says whether a line starts at lo
	buf := make([]byte, end-from)
	// Read through the File's own descriptor (opened for reading too): the
	// path may name another file by now, renamed by a process sharing it.
	if m, _ := af.f.ReadAt(buf, from); m != len(buf) {
		return 0, 0, 0, false
	}
	first := int(lo - from)
	for i := first; i < len(buf); i++ {
		if i > 0 && buf[i-1] != '\n' {
			continue
		}
		m := commonPrefix(buf[i:], p)
		if m == len(p) || m > 0 && i+m == len(buf) {
			return from + int64(i), m, end, true
		}
	}
	return end, 0, end, true
}

// commonPrefix returns the length of the longest common prefix of a and b.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// leftFragment is the error of a write that left the fragment of a
// record in the file, which the File could not cut off (the file is
// append-only, or another writer appended after it): the fragment is a
// line of its own, and the chain's next audit.gap names it, so that the
// verifier reports it as torn, not as tampering. Whoever hears of the
// failed write first takes it (take): the handler writing through the
// File, or one that a slogcore handler over the File tells of its losses,
// which it tells once per record of the failed write.
type leftFragment struct {
	err   error
	torn  TornLine
	taken atomic.Bool
}

func (e *leftFragment) Error() string { return e.err.Error() }
func (e *leftFragment) Unwrap() error { return e.err }

// leaveFragment returns err, wrapped with the fragment p[keep:n] that the
// failed write left in the file, when there is one.
func leaveFragment(err error, p []byte, keep, n int) error {
	if n <= keep || n > len(p) {
		return err
	}
	return &leftFragment{err: err, torn: *tornLine(p[keep:n])}
}

// fragmentIn returns the fragment that the failed write of err left in a
// File, the first time it is asked for it; nil after, and for other
// errors.
func fragmentIn(err error) *TornLine {
	var lf *leftFragment
	if errors.As(err, &lf) && lf.taken.CompareAndSwap(false, true) {
		t := lf.torn
		return &t
	}
	return nil
}

// fsync syncs f (or runs the injected fault).
func (af *File) fsync(f *os.File) error {
	if af.injectSync != nil {
		return af.injectSync(f)
	}
	return f.Sync()
}

func (af *File) syncLocked() error {
	if af.closed || af.unsynced == 0 {
		return nil
	}
	af.unsynced = 0
	if err := af.fsync(af.f); err != nil {
		af.syncFailed = true
		return fmt.Errorf("slogaudit: fsync %s: %w", af.path, err)
	}
	return nil
}

// Sync writes everything to stable storage now: it waits for a group
// commit under way, and syncs what is left. Once an fsync of the file
// failed, Sync keeps failing: the system may have dropped the data that
// fsync was to save, and a later fsync that succeeds does not bring it
// back (so a checkpoint, which is kept apart from the log, is not
// written for records that may be lost: reopen the file to go on).
func (af *File) Sync() error {
	af.mu.Lock()
	defer af.mu.Unlock()
	af.waitSyncLocked()
	if err := af.placeLocked(true); err != nil {
		return err
	}
	if err := af.syncLocked(); err != nil {
		return err
	}
	if af.syncFailed {
		return fmt.Errorf("slogaudit: %s: an earlier fsync failed, so records written before it may not be on disk: reopen the file (OpenFile) to go on with what it holds", af.path)
	}
	return nil
}

// rotateLocked renames the current file to the next numbered name and opens
// a new one. When a step fails, the File goes on with the file it had
// (renamed back, or under its new name when that fails too), and returns
// the error; af.f is nil only when no file could be opened again.
func (af *File) rotateLocked() error {
	if af.syncing {
		af.unsynced++ // a group commit may not have reached the file yet: it is synced here, before it is closed
	}
	if err := af.syncLocked(); err != nil {
		return err
	}
	// Files of one log in other processes rotate it too: one at a time,
	// or two pick one name and the second rename replaces the first
	// one's file, or renames the path away while the first creates it.
	if unlock := af.rotationLockLocked(); unlock != nil {
		defer unlock()
	}
	if moved, err := af.rotatedByOtherLocked(); moved || err != nil {
		return err
	}
	// A file that ends inside a line is not rotated away yet: the line
	// may be a fragment that another writer left (crashing), or a line
	// that a live writer is writing. The write goes to the file as it is,
	// closes the line with its newline and names it if it was a fragment
	// (closeForeignLocked, confirmForeignLocked); the next write rotates.
	if !af.endsLineLocked() {
		return nil
	}
	rotated, err := RotatedFiles(af.path)
	if err != nil {
		return err
	}
	next := uint64(1)
	if n := len(rotated) - 1; n > 0 { // the last entry is the current file
		last := rotated[n-1]
		next, _ = rotationNumber(last[len(af.path)+1:])
		next++
	}
	name := fmt.Sprintf("%s.%06d", af.path, next)
	for {
		// Never over a rotated file: a rename replaces its target.
		if _, err := os.Lstat(name); err != nil {
			break
		}
		next++
		name = fmt.Sprintf("%s.%06d", af.path, next)
	}
	// Closed before the rename, which some systems refuse for an open file.
	if err := af.f.Close(); err != nil {
		return af.reopenLocked(af.path, fmt.Errorf("slogaudit: rotating %s: %w", af.path, err))
	}
	if err := af.rotateStep("rename", func() error { return os.Rename(af.path, name) }); err != nil {
		return af.reopenLocked(af.path, fmt.Errorf("slogaudit: rotating %s: %w (the records go on in it)", af.path, err))
	}
	var f *os.File
	if err := af.rotateStep("create", func() (err error) {
		f, err = os.OpenFile(af.path, os.O_RDWR|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o600)
		return err
	}); err != nil {
		if errors.Is(err, fs.ErrExist) {
			// Another File of the log (an OpenFile of the path) created
			// the current file since the rename, and may have written to
			// it: renaming the old file back would replace it. The
			// rotation is done; go on in that file.
			if f, oerr := os.OpenFile(af.path, os.O_RDWR|os.O_APPEND, 0); oerr == nil {
				var size int64
				if fi, serr := f.Stat(); serr == nil {
					size = fi.Size()
				}
				af.goOnInLocked(f, size)
				af.closeRotatedLocked(name)
				return nil
			}
		}
		err = fmt.Errorf("slogaudit: rotating %s: creating the new file: %w (the records go on in the old one)", af.path, err)
		if os.Rename(name, af.path) == nil {
			return af.reopenLocked(af.path, err)
		}
		return af.reopenLocked(name, err)
	}
	af.f, af.size, af.fresh, af.seenEnd = f, 0, false, 0
	af.placedLocked(0)
	af.closeRotatedLocked(name)
	return nil
}

// closeRotatedLocked closes, with a newline, a line that the file just
// rotated away to name ends inside: another writer's write that was in
// flight when the file was renamed (its descriptor still names the file),
// or that write's fragment if its process was killed part-way. Nobody
// writes there any more, so nobody else would close it (see
// closeTailLocked).
func (af *File) closeRotatedLocked(name string) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_APPEND, 0)
	if err != nil {
		return
	}
	defer f.Close()
	af.closeTailLocked(f)
}

// rotatedTails is how many of the log's newest rotated files a File looks
// at, at its first write, for a fragment at their end.
const rotatedTails = 2

// closeRotatedTailsLocked closes and names, at the File's first write, a
// fragment at the end of one of the log's newest rotated files: that of a
// writer whose descriptor still named the file after another File rotated
// it away, killed part-way through its write there after every File that
// would have closed it had looked (see closeTailLocked).
func (af *File) closeRotatedTailsLocked() {
	paths, err := RotatedFiles(af.path)
	if err != nil || len(paths) < 2 {
		return
	}
	for _, p := range paths[max(0, len(paths)-1-rotatedTails) : len(paths)-1] {
		f, err := os.OpenFile(p, os.O_RDWR|os.O_APPEND, 0)
		if err != nil {
			continue
		}
		af.closeTailLocked(f)
		f.Close()
	}
}

// closeTailLocked closes, with a newline, the line that f, a file of the
// log that no File writes any more (rotated away), ends inside: a write
// of another writer whose descriptor still names it, or its fragment. The
// newline waits for that write to end; what it closed is read back and
// kept, as another writer's fragment, for the writing handler to name.
// When the other writer ended its line first, the newline makes a blank
// line and closes nothing.
func (af *File) closeTailLocked(f *os.File) {
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return
	}
	var last [1]byte
	if _, err := f.ReadAt(last[:], st.Size()-1); err != nil || last[0] == '\n' {
		return
	}
	if n, err := f.Write([]byte{'\n'}); err != nil || n != 1 {
		return
	}
	nl, err := f.Seek(0, io.SeekCurrent) // an appending write leaves the offset at its end
	if err != nil || nl < 2 {
		return
	}
	nl-- // where the newline landed
	if _, err := f.ReadAt(last[:], nl-1); err != nil || last[0] == '\n' {
		return
	}
	if frag, _ := lineBefore(f, nl); frag != nil {
		af.foreign = append(af.foreign, *tornLine(frag))
		af.anyForeign.Store(true)
	}
}

// rotationLock is the byte of the lock file whose lock a File holds
// while it rotates the log: above the bytes of the chains' locks.
const rotationLock = 1 << 62

// rotationLockLocked waits for the rotation lock of the log and returns
// the function that releases it, or nil when the system has no such locks
// (rotations are then not kept apart from other processes').
func (af *File) rotationLockLocked() func() {
	if af.locks == nil {
		f, err := os.OpenFile(af.path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil
		}
		af.locks = f
	}
	unlock, err := waitLock(af.locks, rotationLock)
	if err != nil {
		return nil
	}
	return unlock
}

// rotatedByOtherLocked reports whether another File of the log rotated
// the file this one writes (the path names another file now), and then
// goes on in the file at the path, the log's current one, rather than
// rotate it too.
func (af *File) rotatedByOtherLocked() (bool, error) {
	// When the current file cannot be opened, the rotation goes on as
	// usual: the path is renamed if it can be.
	return af.goOnIfRotatedLocked(), nil
}

// goOnIfRotatedLocked goes on in the log's current file when the path
// names another file than the one af writes (another File of the log
// rotated it), and reports whether it did.
func (af *File) goOnIfRotatedLocked() bool {
	mine, err := af.f.Stat()
	if err != nil {
		return false
	}
	cur, err := os.Stat(af.path)
	if err != nil || os.SameFile(mine, cur) {
		return false
	}
	f, err := os.OpenFile(af.path, os.O_RDWR|os.O_APPEND, 0)
	if err != nil {
		return false
	}
	af.closeTailLocked(af.f) // a writer killed in its last write there
	af.f.Close()
	af.goOnInLocked(f, cur.Size())
	return true
}

// goOnInLocked makes f, of size bytes, the file af writes: the log's
// current file, which another File of the log made. When it ends inside
// a line (that File's process crashed mid-record), the size is taken for
// one byte less, so that the next write looks at the end, closes the
// fragment and names it (closeForeignLocked) rather than gluing its
// record onto it.
func (af *File) goOnInLocked(f *os.File, size int64) {
	af.f, af.size, af.fresh, af.seenEnd = f, size, false, 0
	af.placedLocked(size)
	var last [1]byte
	if size > 0 {
		if _, err := f.ReadAt(last[:], size-1); err != nil || last[0] != '\n' {
			af.size = size - 1
		}
	}
}

// rotateStep runs one step of a rotation, or the fault a test injects.
func (af *File) rotateStep(step string, do func() error) error {
	if af.injectRotate != nil {
		if err := af.injectRotate(step); err != nil {
			return err
		}
	}
	return do()
}

// reopenLocked opens path again for appending after a failed rotation, and
// returns err; af.f is nil when that fails too.
func (af *File) reopenLocked(path string, err error) error {
	f, oerr := os.OpenFile(path, os.O_RDWR|os.O_APPEND, 0)
	if oerr != nil {
		af.f = nil
		af.unplaced = fmt.Sprintf("a rotation failed: %v; reopening %s failed: %v", err, path, oerr)
		return fmt.Errorf("%w; reopening %s failed: %v: records cannot be written until a write can create %s again", err, path, oerr, af.path)
	}
	af.f = f
	if st, serr := f.Stat(); serr == nil {
		af.placedLocked(st.Size())
	}
	return err
}

// Close syncs and closes the file. Close the Handler first.
func (af *File) Close() error {
	defer af.waitErrors()
	af.mu.Lock()
	defer af.mu.Unlock()
	if af.closed {
		return nil
	}
	if af.timer != nil {
		af.timer.Stop()
		af.timer = nil
	}
	af.waitSyncLocked()
	if af.closed {
		return nil
	}
	if af.timer != nil { // armed by a write while Close waited
		af.timer.Stop()
		af.timer = nil
	}
	perr := af.placeLocked(true)
	err := af.syncLocked()
	af.closed = true
	af.forgetTorns()
	if af.f != nil {
		if cerr := af.f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("slogaudit: closing %s: %w", af.path, cerr)
		}
	}
	if perr != nil && len(af.orphan) > 0 {
		err = errors.Join(err, fmt.Errorf("slogaudit: closing %s: %d bytes of records written to the file after it was removed could not be written again: they are lost: %w", af.path, len(af.orphan), perr))
	}
	if af.locks != nil {
		af.locks.Close() // releases its chains
	}
	return err
}

// lockWrittenLocked takes the lock of the chain of each record in p (one
// line or several, as slogcore writes them) before the record is in the
// file: a record that another handler writes through Write (Wrap over
// slog.JSONHandler or slogcore over the File) belongs to a chain this
// File writes as much as one of [File.Handler]'s, and another File's
// handler that finds it the file's last chain must not continue it while
// this File is open, which would fork it.
//
// A chain whose lock another File holds (another process, or another
// OpenFile of the path) is that File's: a record of it is refused, with
// nothing written, as two writers would fork the chain.
func (af *File) lockWrittenLocked(p []byte) error {
	for len(p) > 0 {
		line := p
		if i := bytes.IndexByte(p, '\n'); i >= 0 {
			line, p = p[:i], p[i+1:]
		} else {
			p = nil
		}
		id := writtenChain(line)
		if id == nil || string(id) == af.lastWritten {
			continue
		}
		if _, seen := af.written[string(id)]; seen {
			continue
		}
		if free, known := af.lockChainLocked(string(id)); known && !free {
			return fmt.Errorf("slogaudit: writing %s: a record of chain %s, which another File of the log holds (another process, or another OpenFile of the path in this one): a second writer would fork the chain: write it through that File, or name another chain (WithChainID)", af.path, id)
		}
		af.lastWritten = string(id)
		if af.written == nil {
			af.written = map[string]bool{}
		}
		_, own := af.writing[af.lastWritten]
		af.written[af.lastWritten] = !own
	}
	return nil
}

// writtenByOther reports whether records of chain id were written
// through Write by a handler other than this File's own (Wrap over a JSON
// or slogcore handler over af).
func (af *File) writtenByOther(id string) bool {
	af.mu.Lock()
	defer af.mu.Unlock()
	return af.written[id]
}

// writtenChain returns the chain id in the audit member of a line (that
// the line's last "audit" object names), or nil. It reads the forms the
// writers give the member: {"chain":…} (canonical) and {"v":N,"chain":…}
// (slog.JSONHandler's order).
func writtenChain(line []byte) []byte {
	i := bytes.LastIndex(line, []byte(`"audit":{`))
	if i < 0 {
		return nil
	}
	rest := line[i+len(`"audit":{`):]
	j := bytes.Index(rest, []byte(`"chain":"`))
	if j < 0 || j > len(`"v":18446744073709551615,`) {
		return nil
	}
	rest = rest[j+len(`"chain":"`):]
	k := bytes.IndexByte(rest, '"')
	if k <= 0 || k > 0xFFFF || bytes.IndexByte(rest[:k], '\\') >= 0 {
		return nil
	}
	return rest[:k]
}

// lockChain takes the lock that says this File writes chain id, in the
// lock file beside the log. free reports whether it got it; known is
// false when the system has no such locks, or the lock file cannot be
// opened, and nothing is known. A File holds its locks until Close.
func (af *File) lockChain(id string) (free, known bool) {
	af.mu.Lock()
	defer af.mu.Unlock()
	return af.lockChainLocked(id)
}

func (af *File) lockChainLocked(id string) (free, known bool) {
	if af.locks == nil {
		f, err := os.OpenFile(af.path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return false, false
		}
		af.locks = f
	}
	ok, err := tryLock(af.locks, chainLockByte(id))
	return ok, err == nil
}

// chainLockByte is the byte of the lock file whose lock stands for chain id.
func chainLockByte(id string) int64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int64(h.Sum64() >> 2)
}

// pinFiles returns the log's files, as [RotatedFiles] does, and keeps
// them as they are (no rotation renames the current file, Prune removes
// none) until unpin is called: a reader that goes through them while the handler logs sees
// each record once, in order. The current file still grows; a rotation
// due meanwhile happens at the first write after unpin.
func (af *File) pinFiles() (paths []string, unpin func(), err error) {
	af.mu.Lock()
	defer af.mu.Unlock()
	paths, err = RotatedFiles(af.path)
	if err != nil {
		return nil, nil, err
	}
	af.readers++
	var once sync.Once
	return paths, func() {
		once.Do(func() {
			af.mu.Lock()
			af.readers--
			af.unpinned.Broadcast()
			af.mu.Unlock()
		})
	}, nil
}

// RotatedFiles returns the rotated files of the log at path, oldest first,
// followed by path itself: the order [VerifyFiles] needs. Rotated files
// are numbered from path.000001 on; past path.999999 the numbers take
// more digits, and the order is the numbers'.
func RotatedFiles(path string) ([]string, error) {
	matches, err := filepath.Glob(path + ".[0-9][0-9][0-9][0-9][0-9][0-9]*")
	if err != nil {
		return nil, fmt.Errorf("slogaudit: listing rotated files of %s: %w", path, err)
	}
	type numbered struct {
		path string
		n    uint64
	}
	var files []numbered
	for _, m := range matches {
		if n, ok := rotationNumber(m[len(path)+1:]); ok {
			files = append(files, numbered{m, n})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].n < files[j].n })
	out := make([]string, 0, len(files)+1)
	for _, f := range files {
		out = append(out, f.path)
	}
	return append(out, path), nil
}

// rotationNumber reads the number of a rotated file from its suffix:
// six digits or more, and nothing else.
func rotationNumber(suffix string) (uint64, bool) {
	if len(suffix) < 6 || strings.Trim(suffix, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseUint(suffix, 10, 64)
	return n, err == nil
}

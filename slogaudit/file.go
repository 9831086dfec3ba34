package slogaudit

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
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
// The rotated file is renamed path.000001, path.000002, … (oldest first)
// and the chain continues in the new file. Default: 0, no rotation.
func WithRotateSize(n int64) FileOption { return func(c *fileConfig) { c.rotateSize = n } }

// WithFileErrors receives errors that happen outside a Write (a failed
// background fsync).
func WithFileErrors(f func(error)) FileOption { return func(c *fileConfig) { c.onError = f } }

// TornLine describes an incomplete last line found when a file was opened:
// the writer stopped in the middle of a record (a crash, a full disk).
type TornLine struct {
	Bytes  int
	SHA256 string // of the fragment
}

// File is an append-only audit log file: an io.Writer for a JSON handler
// that knows the chains' heads, so that a restarted process continues them.
type File struct {
	mu       sync.Mutex
	path     string
	f        *os.File
	size     int64
	cfg      fileConfig
	heads    map[string]Head
	last     string // chain of the last complete record
	torn     *TornLine
	unsynced int
	timer    *time.Timer
	// syncing: a group commit's fsync runs in the background, outside mu,
	// so that writers go on while the disk works; again: another is due
	// when it ends; syncDone is closed when it ends.
	syncing  bool
	again    bool
	syncDone chan struct{}
	closed   bool
	handler  *Handler // the last one made by Handler, for Prune's record
	// fresh: a failed write left a fragment that could not be cut off, so
	// the next write starts with a newline.
	fresh bool
	// fragment is the partial record a failed write could not cut off,
	// until the handler's audit.gap names it.
	fragment *TornLine
	// inject, in tests, replaces the write to f (to inject faults).
	inject func(f *os.File, p []byte) (int, error)
}

// OpenFile opens (creating with mode 0600) the audit log at path for
// appending. It reads the file's tail to recover each chain's head; an
// incomplete last line is closed with a newline and reported by
// [File.Torn], and the next audit.start record names it, so that it is
// visible in verification and not taken for tampering.
func OpenFile(path string, opts ...FileOption) (*File, error) {
	cfg := fileConfig{sync: SyncGroup(1000, 10*time.Millisecond)}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.rotateSize < 0 || cfg.sync.every < 0 || cfg.sync.interval < 0 {
		return nil, fmt.Errorf("slogaudit: OpenFile %s: negative rotation size or sync policy", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("slogaudit: OpenFile: %w", err)
	}
	af := &File{path: path, f: f, cfg: cfg, heads: map[string]Head{}}
	if err := af.recover(); err != nil {
		f.Close()
		return nil, err
	}
	return af, nil
}

// tailSize is how much of an existing file is read, at least, to find the
// heads: the window grows until it holds the last whole line and the
// fragment after it, however long they are.
const tailSize = 1 << 20

// recover reads the tail: the heads of the chains in it, and a torn line.
//
// A torn line is the fragment a crash left after the last newline; or the
// last line itself when it is no JSON at all and nothing came after it
// (a process that opened the file, closed such a fragment with a newline,
// and stopped before it logged anything). The next audit.start names it.
// A last line whose record is whole, and which lacks only its newline, is
// no fragment: it gets its newline and is the chain's head.
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
	for window := int64(tailSize); ; window *= 2 {
		start = max(0, af.size-window)
		tail = make([]byte, af.size-start)
		if _, err := r.ReadAt(tail, start); err != nil && err != io.EOF {
			return fmt.Errorf("slogaudit: OpenFile: reading the tail of %s: %w", af.path, err)
		}
		// Enough when it holds a whole line before the fragment: two
		// newlines, or the file's start.
		if start == 0 || bytes.Count(tail, []byte("\n")) >= 2 {
			break
		}
	}
	if n := bytes.LastIndexByte(tail, '\n'); n < len(tail)-1 && (n >= 0 || start == 0) {
		frag := tail[n+1:]
		if _, err := af.f.Write([]byte("\n")); err != nil {
			return fmt.Errorf("slogaudit: OpenFile: closing the last line of %s: %w", af.path, err)
		}
		af.size++
		if wholeRecord(frag) {
			tail = append(tail, '\n') // only its newline was lost
		} else {
			af.torn = tornLine(frag)
			tail = tail[:n+1]
		}
	} else if line := lastLine(tail); len(line) > 0 && !json.Valid(line) && !afterStop(tail, line) {
		af.torn = tornLine(line) // closed by an earlier open that logged nothing
	}
	if start > 0 { // the first line of the window may be partial
		if i := bytes.IndexByte(tail, '\n'); i >= 0 {
			tail = tail[i+1:]
		}
	}
	af.last = scanHeads(tail, af.heads)
	return nil
}

// findHead returns the last record of the chain id (or, for id "", of the
// last chain) in the whole file, or else in the newest rotated file that
// holds one.
func (af *File) findHead(id string) (Head, bool, error) {
	paths, err := RotatedFiles(af.path)
	if err != nil {
		return Head{}, false, err
	}
	for i := len(paths) - 1; i >= 0; i-- {
		heads := map[string]Head{}
		last, err := scanFileHeads(paths[i], heads)
		if err != nil {
			return Head{}, false, fmt.Errorf("slogaudit: reading %s for the head of chain %q: %w", paths[i], id, err)
		}
		if id == "" {
			if last != "" {
				return heads[last], true, nil
			}
			continue
		}
		if h, ok := heads[id]; ok {
			return h, true, nil
		}
	}
	return Head{}, false, nil
}

// afterStop reports whether the line before line, the last of data, is an
// audit.stop record: a writer that stopped cleanly left no fragment after
// it, so a line there that is no JSON was not written by a crash.
func afterStop(data, line []byte) bool {
	data = bytes.TrimSuffix(data, []byte("\n"))
	data = data[:len(data)-len(line)]
	prev := lastLine(data)
	var p chain.Parser
	v, err := p.Parse(prev)
	if err != nil {
		return false
	}
	msg, _ := v.Get("msg")
	return msg.Str == MsgStop
}

// scanFileHeads is scanHeads over the file at path, read a line at a time
// (a log may be far larger than memory).
func scanFileHeads(path string, heads map[string]Head) (last string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			if l := scanHeads(bytes.TrimSuffix(line, []byte("\n")), heads); l != "" {
				last = l
			}
		}
		if err == io.EOF {
			return last, nil
		}
		if err != nil {
			return last, err
		}
	}
}

// tornLine describes the fragment frag.
func tornLine(frag []byte) *TornLine {
	sum := sha256.Sum256(frag)
	return &TornLine{Bytes: len(frag), SHA256: hex.EncodeToString(sum[:])}
}

// lastLine returns the last newline-terminated line of data, without its
// newline.
func lastLine(data []byte) []byte {
	data = bytes.TrimSuffix(data, []byte("\n"))
	return data[bytes.LastIndexByte(data, '\n')+1:]
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
// JSON lines, and returns the chain of the last record.
func scanHeads(data []byte, heads map[string]Head) (last string) {
	var p chain.Parser
	for _, line := range bytes.Split(data, []byte("\n")) {
		v, err := p.Parse(line)
		if err != nil {
			continue
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
		if msg, _ := v.Get("msg"); msg.Str == MsgRetention {
			prunedHeads(v, heads)
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

// Heads returns the head of every chain found at the end of the file.
func (af *File) Heads() map[string]Head {
	af.mu.Lock()
	defer af.mu.Unlock()
	out := make(map[string]Head, len(af.heads))
	for k, v := range af.heads {
		out[k] = v
	}
	return out
}

// Torn returns the incomplete last line found at open, if any: the
// fragment a crash left (or such a fragment that an earlier open closed
// with a newline, when nothing was written after it). [File.Handler]
// names it in its audit.start record; pass it to [New] with [WithTorn].
func (af *File) Torn() (TornLine, bool) {
	if af.torn == nil {
		return TornLine{}, false
	}
	return *af.torn, true
}

// Handler returns a [Handler] writing to af. It encodes each record once,
// in its canonical form (RFC 8785) with the audit member at its sorted
// place, and that is the line written and the bytes hashed. It continues
// the chain named by WithChainID, or the chain of the file's last record,
// from its recovered head; a new file starts a new chain. Its Close does
// not close af.
func (af *File) Handler(opts ...Option) (*Handler, error) {
	var probe config
	for _, o := range opts {
		o(&probe)
	}
	id := probe.chainID
	if id == "" && probe.resume == nil {
		id = af.last
	}
	if probe.resume == nil {
		if _, ok := af.heads[id]; !ok && (id != "" || af.size == 0 || af.last == "") {
			// Not in the tail: a chain that shares the file with a busier
			// one, or a file that a crash left empty (or holding only a
			// fragment) just after a rotation. Search the whole file, then
			// the rotated files, newest first.
			if head, ok, err := af.findHead(id); err != nil {
				return nil, err
			} else if ok {
				id = head.Chain
				af.heads[id] = head
			}
		}
	}
	if head, ok := af.heads[id]; ok && probe.resume == nil {
		opts = append(opts, WithResume(head))
	}
	if af.torn != nil {
		opts = append(opts, WithTorn(*af.torn))
	}
	opts = append(opts, withFile(af))
	h, err := New(slog.NewJSONHandler(af, nil), opts...)
	if err == nil && h.st.head.Seq > 0 {
		paths, perr := RotatedFiles(af.path)
		if perr != nil {
			return nil, perr
		}
		h.st.rebuildTree(paths)
	}
	if err == nil {
		af.mu.Lock()
		af.handler = h
		af.mu.Unlock()
	}
	return h, err
}

// Write appends p, which must be whole lines (a JSON handler writes one
// record per call), rotating first when the file is full.
//
// A write that fails part-way (a full disk, an I/O error) would leave the
// start of a record at the end of the file, and the next record would be
// glued onto it. The File cuts the file back to the end of the last whole
// line it wrote and returns that count with the error: the file always
// ends with a whole record. When another process appended to the same
// file since (processes may share one, with different chain ids), it cuts
// off only its fragment, once it reads it back at the file's end; if
// another write already followed the fragment, it ends the fragment's line
// at once instead. If cutting fails, the next write starts with a newline.
// Either way no record is glued onto a fragment, and the handler's
// audit.gap names a fragment left in place.
func (af *File) Write(p []byte) (int, error) {
	af.mu.Lock()
	defer af.mu.Unlock()
	if af.closed {
		return 0, errors.New("slogaudit: write to a closed audit file")
	}
	if af.cfg.rotateSize > 0 && af.size > 0 && af.size+int64(len(p)) > af.cfg.rotateSize {
		if err := af.rotateLocked(); err != nil {
			return 0, err
		}
	}
	if af.fresh {
		if _, err := af.writeLocked([]byte{'\n'}); err != nil {
			return 0, fmt.Errorf("slogaudit: writing %s: %w", af.path, err)
		}
		af.fresh = false
	}
	n, err := af.writeLocked(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		return af.cutBackLocked(p, n, err)
	}
	af.size += int64(n)
	af.unsynced++
	switch {
	case af.cfg.sync.never:
	case af.cfg.sync.every == 1: // each record: on disk before Write returns
		if err := af.syncLocked(); err != nil {
			return n, err
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
	return n, nil
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
		err := f.Sync()
		if err != nil && af.cfg.onError != nil {
			af.cfg.onError(fmt.Errorf("slogaudit: fsync %s: %w", af.path, err))
		}
		af.mu.Lock()
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
// unknown): it truncates the file to the end of the last whole line of p
// that was written.
func (af *File) cutBackLocked(p []byte, n int, err error) (int, error) {
	keep := 0
	if n > 0 {
		keep = bytes.LastIndexByte(p[:min(n, len(p))], '\n') + 1
	}
	if n < 0 || keep < n {
		if st, serr := af.f.Stat(); serr == nil && n >= 0 && st.Size() != af.size+int64(n) {
			// Another process appended to the file since this one last
			// wrote (processes may share one with different chain ids):
			// cutting back to this File's idea of the end would destroy
			// its records. The fragment is at the true end: cut off just
			// its bytes, once they are read back there.
			frag := p[keep:n]
			end := st.Size()
			if af.fragmentAt(end-int64(len(frag)), frag) && af.f.Truncate(end-int64(len(frag))) == nil {
				af.size = end - int64(len(frag))
				return keep, fmt.Errorf("slogaudit: writing %s: %w (the partial record was cut off: the file ends with a whole record)", af.path, err)
			}
			// Another writer wrote after it already: end the fragment's
			// line now, so that no record is glued onto it; the audit.gap
			// that declares the record lost names it.
			_, werr := af.f.Write([]byte("\n"))
			af.fresh = werr != nil
			if st, serr := af.f.Stat(); serr == nil {
				af.size = st.Size()
			}
			af.leaveFragment(p, keep, n)
			return keep, fmt.Errorf("slogaudit: writing %s: %w (another writer appended after the partial record, so it was left in place, on a line of its own)", af.path, err)
		}
		if terr := af.f.Truncate(af.size + int64(keep)); terr != nil {
			af.fresh = true
			af.leaveFragment(p, keep, n)
			if n > 0 {
				af.size += int64(n)
			}
			return keep, fmt.Errorf("slogaudit: writing %s: %w (and cutting off the partial record failed: %v; the next record starts on a new line)", af.path, err, terr)
		}
	}
	af.size += int64(keep)
	return keep, fmt.Errorf("slogaudit: writing %s: %w (the partial record was cut off: the file ends with a whole record)", af.path, err)
}

// fragmentAt reports whether the bytes of the file at off are frag.
func (af *File) fragmentAt(off int64, frag []byte) bool {
	if off < 0 {
		return false
	}
	r, err := os.Open(af.path)
	if err != nil {
		return false
	}
	defer r.Close()
	got := make([]byte, len(frag))
	n, _ := r.ReadAt(got, off)
	return n == len(frag) && bytes.Equal(got, frag)
}

// leaveFragment remembers the fragment p[keep:n] that a failed write left
// in the file (n < 0: unknown, nothing to name), for takeFragment.
func (af *File) leaveFragment(p []byte, keep, n int) {
	if n > keep && n <= len(p) {
		af.fragment = tornLine(p[keep:n])
	}
}

// takeFragment returns, once, the fragment a failed write left in place.
func (af *File) takeFragment() *TornLine {
	af.mu.Lock()
	defer af.mu.Unlock()
	t := af.fragment
	af.fragment = nil
	return t
}

func (af *File) syncLocked() error {
	if af.closed || af.unsynced == 0 {
		return nil
	}
	af.unsynced = 0
	if err := af.f.Sync(); err != nil {
		return fmt.Errorf("slogaudit: fsync %s: %w", af.path, err)
	}
	return nil
}

// Sync writes everything to stable storage now.
func (af *File) Sync() error {
	af.mu.Lock()
	defer af.mu.Unlock()
	return af.syncLocked()
}

// rotateLocked renames the current file to the next numbered name and opens
// a new one.
func (af *File) rotateLocked() error {
	if err := af.syncLocked(); err != nil {
		return err
	}
	rotated, err := RotatedFiles(af.path)
	if err != nil {
		return err
	}
	next := 1
	if n := len(rotated) - 1; n > 0 { // the last entry is the current file
		last := rotated[n-1]
		next, _ = strconv.Atoi(last[strings.LastIndexByte(last, '.')+1:])
		next++
	}
	if err := af.f.Close(); err != nil {
		return fmt.Errorf("slogaudit: rotating %s: %w", af.path, err)
	}
	if err := os.Rename(af.path, fmt.Sprintf("%s.%06d", af.path, next)); err != nil {
		return fmt.Errorf("slogaudit: rotating %s: %w", af.path, err)
	}
	f, err := os.OpenFile(af.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("slogaudit: rotating %s: %w", af.path, err)
	}
	af.f, af.size = f, 0
	return nil
}

// Close syncs and closes the file. Close the Handler first.
func (af *File) Close() error {
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
	err := af.syncLocked()
	af.closed = true
	if cerr := af.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("slogaudit: closing %s: %w", af.path, cerr)
	}
	return err
}

// RotatedFiles returns the rotated files of the log at path, oldest first,
// followed by path itself: the order [VerifyFiles] needs.
func RotatedFiles(path string) ([]string, error) {
	matches, err := filepath.Glob(path + ".[0-9][0-9][0-9][0-9][0-9][0-9]")
	if err != nil {
		return nil, fmt.Errorf("slogaudit: listing rotated files of %s: %w", path, err)
	}
	sort.Strings(matches)
	return append(matches, path), nil
}

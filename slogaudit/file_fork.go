package slogaudit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"

	"github.com/slogguard/slogguard/internal/chain"
)

// A record that another handler writes through [File.Write] (Wrap over
// slog.JSONHandler or slogcore over the File) carries its chain's
// sequence number. A chain only moves forward: a record whose seq is not
// past the newest record of its chain that the File knows (the head
// recovered at open, or a record written through Write since) starts the
// chain again, or writes it twice, and every record of the fork would
// verify as inserted in an untouched log. This happens when a restarted
// process names an existing chain (WithChainID) without resuming it
// (WithResume), or when two handlers over one File resume one head. The
// File refuses such a record, with nothing written, and says how to
// continue the chain; the handler counts it lost. The fork's later
// records, whose seqs pass the head in time (its audit.gap declaring the
// refused ones, say), link to the refused ones: a record whose prev is
// the hash of a refused record is refused too.

// The head recovered at open is that of the file's tail only. A chain
// whose records are all older (in a rotated file, another chain having
// filled the current one since, or in the current file before the tail
// read at open) is looked for in the log's files, read once, at the first
// record of a chain that neither the tail nor an earlier write names.

// forkedLocked returns an error for the first record in p that forks its
// chain: its seq does not follow the newest record of the chain that af
// knows, or it links to a record refused as a fork. It returns nil when
// none does.
func (af *File) forkedLocked(p []byte) error {
	var err error
	for len(p) > 0 {
		line := p
		if i := bytes.IndexByte(p, '\n'); i >= 0 {
			line, p = p[:i], p[i+1:]
		} else {
			p = nil
		}
		w, ok := writtenAudit(line)
		if !ok {
			continue
		}
		newest := af.writtenSeq[w.chain]
		h, inTail := af.heads[w.chain]
		if inTail && h.Seq > newest {
			newest = h.Seq
		}
		if !inTail && newest == 0 {
			newest = af.filesSeqLocked(w.chain)
		}
		onFork := w.prev != "" && af.forkTips[w.chain].has(w.prev)
		if w.seq > newest && !onFork {
			continue
		}
		// Refused, with the records after it in p: those of its fork
		// link to it.
		if af.forkTips == nil {
			af.forkTips = map[string]*forkTips{}
		}
		if af.forkTips[w.chain] == nil {
			af.forkTips[w.chain] = &forkTips{}
		}
		af.forkTips[w.chain].add(w.seq, w.hash)
		if err == nil {
			err = fmt.Errorf("slogaudit: writing %s: a record of chain %s at seq %d, where the log holds that chain up to seq %d, and the record does not link to it: the handler does not continue the chain (a second start, or a second writer of it), which would fork it: build it with WithResume(file.Heads()[%q]), write through File.Handler, or name another chain (WithChainID)", af.path, w.chain, w.seq, newest, w.chain)
		}
	}
	return err
}

// noteWrittenLocked records the seq of each whole record in p, the bytes
// of a write that reached the file.
func (af *File) noteWrittenLocked(p []byte) {
	for {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			return // a record without its newline is not known to be whole
		}
		if w, ok := writtenAudit(p[:i]); ok && w.seq > af.writtenSeq[w.chain] {
			if af.writtenSeq == nil {
				af.writtenSeq = map[string]uint64{}
			}
			af.writtenSeq[w.chain] = w.seq
		}
		p = p[i+1:]
	}
}

// writtenMember is what forkedLocked reads of a line's audit member: the
// hashes as written (base64url or hex, one form per writer).
type writtenMember struct {
	chain      string
	seq        uint64
	prev, hash string
}

// writtenAudit reads the chain id, seq, prev and hash of the audit member
// of a line (see writtenChain); ok is false when the line holds no such
// member with a seq. The member's values are numbers and strings without
// quotes, escapes or braces (ids, hashes, MACs).
func writtenAudit(line []byte) (w writtenMember, ok bool) {
	id := writtenChain(line)
	if id == nil {
		return w, false
	}
	member := line[bytes.LastIndex(line, []byte(`"audit":{`)):]
	if end := bytes.IndexByte(member, '}'); end >= 0 {
		member = member[:end]
	}
	i := bytes.Index(member, []byte(`"seq":`))
	if i < 0 {
		return w, false
	}
	digits := member[i+len(`"seq":`):]
	n := 0
	for n < len(digits) && digits[n] >= '0' && digits[n] <= '9' {
		n++
	}
	seq, err := strconv.ParseUint(string(digits[:n]), 10, 64)
	if err != nil {
		return w, false
	}
	return writtenMember{chain: string(id), seq: seq, prev: memberString(member, `"prev":"`), hash: memberString(member, `"hash":"`)}, true
}

// memberString returns the string value of key (given with its quotes,
// colon and opening quote) in an audit member, or "".
func memberString(member []byte, key string) string {
	i := bytes.Index(member, []byte(key))
	if i < 0 {
		return ""
	}
	rest := member[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

// forkTips are the hashes of the records of one chain refused as a fork
// at its two newest seqs: the next record of the fork links to one of
// them (several records may have been refused at one seq: an audit.gap
// whose write failed takes no seq, and is tried again).
type forkTips struct {
	newest uint64
	hashes map[string]uint64 // by hash, its record's seq
}

// has reports whether hash is the hash of a record refused as a fork.
func (t *forkTips) has(hash string) bool {
	if t == nil {
		return false
	}
	_, ok := t.hashes[hash]
	return ok
}

// add records a refused record's seq and hash, and forgets those that
// no later record can link to.
func (t *forkTips) add(seq uint64, hash string) {
	if hash == "" {
		return
	}
	if t.hashes == nil {
		t.hashes = map[string]uint64{}
	}
	t.hashes[hash] = seq
	if seq > t.newest {
		t.newest = seq
		for h, s := range t.hashes {
			if s+1 < seq {
				delete(t.hashes, h)
			}
		}
	}
}

// filesSeqLocked returns the seq of the newest record of chain id in the
// log's files (rotated ones and the current one), or the seq a retention
// record names for it, 0 when none does. The files are read at the first
// call, with af.mu held, so that no rotation of this File renames them
// meanwhile; the chains written since are in writtenSeq and heads.
func (af *File) filesSeqLocked(id string) uint64 {
	if af.filesSeq == nil {
		af.filesSeq = map[string]uint64{}
		paths, err := RotatedFiles(af.path)
		if err != nil {
			af.reportLocked(fmt.Errorf("slogaudit: looking for the chains of %s to refuse their forks: %w", af.path, err))
			return 0
		}
		for _, path := range paths {
			if err := newestSeqs(path, af.filesSeq); err != nil && !errors.Is(err, fs.ErrNotExist) {
				af.reportLocked(fmt.Errorf("slogaudit: reading %s for the chains it holds, to refuse their forks: %w", path, err))
			}
		}
	}
	return af.filesSeq[id]
}

// newestSeqs raises seqs, by chain, to the seq of each record in the file
// at path, and to each head a retention record there names. A line is
// read as forkedLocked reads a write (writtenAudit), not parsed, except a
// retention record's.
func newestSeqs(path string, seqs map[string]uint64) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	retention := []byte(`"` + MsgRetention + `"`)
	var p chain.Parser
	for {
		line, err := br.ReadBytes('\n')
		line = bytes.TrimSuffix(line, []byte("\n"))
		if w, ok := writtenAudit(line); ok && w.seq > seqs[w.chain] {
			seqs[w.chain] = w.seq
		}
		if bytes.Contains(line, retention) {
			if v, perr := p.Parse(line); perr == nil {
				pruned := map[string]Head{}
				prunedHeads(v, pruned)
				for id, h := range pruned {
					if h.Seq > seqs[id] {
						seqs[id] = h.Seq
					}
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

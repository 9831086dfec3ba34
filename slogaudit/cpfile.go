package slogaudit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/slogguard/slogguard/internal/chain"
)

// CheckpointFile is an append-only file of signed checkpoints, one JSON
// line each: {"chain":…,"note":…} where note is a C2SP tlog-checkpoint
// signed note (with the witnesses' cosignatures once they are in). Pass it
// to [WithCheckpoints]: it remembers the last checkpoint of every chain, so
// that a restarted handler refuses to sign a checkpoint that contradicts
// it. Keep it apart from the log.
type CheckpointFile struct {
	mu     sync.Mutex
	path   string
	f      *os.File
	last   map[string]chain.TreeHead // by origin
	closed bool
	// fresh: a failed write may have left a fragment that could not be
	// cut off, so the next write starts with a newline.
	fresh bool
	// inject and injectTruncate, in tests, replace the write to f and its
	// truncation (to inject faults).
	inject         func(f *os.File, p []byte) (int, error)
	injectTruncate func(f *os.File, size int64) error
}

// OpenCheckpointFile opens (creating with mode 0600) the checkpoint file
// at path for appending and reads the checkpoints already in it.
func OpenCheckpointFile(path string) (*CheckpointFile, error) {
	c := &CheckpointFile{path: path, last: map[string]chain.TreeHead{}}
	if data, err := os.ReadFile(path); err == nil {
		if n := bytes.LastIndexByte(data, '\n'); n < len(data)-1 {
			// A crash cut the last checkpoint: it never left the process
			// whole (its record is in the log), so cut it off, and the next
			// checkpoint starts a line of its own. A file that cannot be
			// cut (append-only) keeps it, on a line of its own: the
			// verifier reports it as torn.
			if err := truncateFile(path, int64(n+1)); err != nil {
				c.fresh = true
			}
			data = data[:n+1]
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			c.remember(line)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("slogaudit: OpenCheckpointFile: %w", err)
	}
	// Read too: a failed write is read back (see Write).
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("slogaudit: OpenCheckpointFile: %w", err)
	}
	c.f = f
	return c, nil
}

// truncateFile is os.Truncate; tests replace it to inject a failure.
var truncateFile = os.Truncate

// remember records the tree head of a checkpoint line.
func (c *CheckpointFile) remember(line []byte) {
	cp, err := parseNoteLine(line)
	if err != nil {
		return
	}
	if old, ok := c.last[cp.head.Origin]; !ok || cp.head.Size >= old.Size {
		c.last[cp.head.Origin] = cp.head
	}
}

// Write appends p, whole lines, and syncs the file: a checkpoint is rare
// and worth its fsync. A write that stops part-way (a full disk) leaves
// nothing for the next checkpoint to be glued onto: its fragment is cut
// off the end of the file or, where the file cannot be cut, the next write
// starts on a new line (the verifier skips blank lines). A failed write
// whose every byte reached the file is a written checkpoint: Write returns
// len(p) and the error.
func (c *CheckpointFile) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return 0, errors.New("slogaudit: write to a closed checkpoint file")
	}
	if c.fresh {
		if _, err := c.write([]byte{'\n'}); err != nil {
			return 0, fmt.Errorf("slogaudit: writing %s: %w", c.path, err)
		}
		c.fresh = false
	}
	before := int64(-1)
	if st, err := c.f.Stat(); err == nil {
		before = st.Size()
	}
	n, err := c.write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		if !c.failedWrite(p, before) {
			return 0, fmt.Errorf("slogaudit: writing %s: %w", c.path, err)
		}
		err = fmt.Errorf("slogaudit: writing %s: %w: %w", c.path, ErrNotDurable, err)
	}
	if serr := c.f.Sync(); serr != nil && err == nil {
		err = fmt.Errorf("slogaudit: fsync %s: %w", c.path, serr)
	}
	for _, line := range bytes.Split(p, []byte("\n")) {
		c.remember(line)
	}
	return len(p), err
}

// write writes p to the file (or runs the injected fault).
func (c *CheckpointFile) write(p []byte) (int, error) {
	if c.inject != nil {
		return c.inject(c.f, p)
	}
	return c.f.Write(p)
}

// failedWrite reads the file back after a write of p failed, when it held
// before bytes (-1: unknown), and reports whether all of p is there. A
// part of p at the end of the file is cut off; when that fails, or what
// the write left is not known, the next write starts on a new line.
func (c *CheckpointFile) failedWrite(p []byte, before int64) (whole bool) {
	st, err := c.f.Stat()
	if before < 0 || err != nil {
		c.fresh = true
		return false
	}
	end := st.Size()
	if end <= before {
		return false // nothing reached the file
	}
	got := make([]byte, min(end-before, int64(len(p))))
	if m, _ := c.f.ReadAt(got, before); m != len(got) {
		c.fresh = true
		return false
	}
	if bytes.Equal(got, p) {
		return true
	}
	if int64(len(got)) == end-before && bytes.HasPrefix(p, got) {
		trunc := c.f.Truncate
		if c.injectTruncate != nil {
			trunc = func(size int64) error { return c.injectTruncate(c.f, size) }
		}
		if trunc(before) == nil {
			return false
		}
	}
	c.fresh = true // a fragment that stays, or another writer's bytes
	return false
}

// Last returns the newest checkpoint of origin in the file.
func (c *CheckpointFile) Last(origin string) (chain.TreeHead, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	th, ok := c.last[origin]
	return th, ok
}

// Close closes the file. It is safe to call more than once.
func (c *CheckpointFile) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	return c.f.Close()
}

// noteLine is a checkpoint line of format v2: a chain id and a signed note.
type noteLine struct {
	chain string
	note  []byte
	head  chain.TreeHead // unverified: from the note's text
}

// parseNoteLine parses {"chain":…,"note":…} without verifying signatures.
func parseNoteLine(line []byte) (noteLine, error) {
	var nl noteLine
	v, err := chain.Parse(line)
	if err != nil {
		return nl, err
	}
	return noteFromValue(v, "")
}

// noteFromValue reads the note member of v (a checkpoint line, or the
// checkpoint group of an in-band record, whose chain is chainID).
func noteFromValue(v chain.Value, chainID string) (noteLine, error) {
	nl := noteLine{chain: chainID}
	if c, ok := v.Get("chain"); ok && c.Kind == chain.String {
		nl.chain = c.Str
	}
	n, ok := v.Get("note")
	if !ok || n.Kind != chain.String {
		return nl, errors.New("checkpoint: missing string member \"note\"")
	}
	nl.note = []byte(n.Str)
	text, sigs, err := chain.SplitNote(nl.note)
	if err == nil {
		err = chain.CanonicalSignatures(sigs)
	}
	if err != nil {
		return nl, fmt.Errorf("checkpoint: %w", err)
	}
	if nl.head, err = chain.ParseTreeHead(text); err != nil {
		return nl, err
	}
	if nl.chain == "" || !bytes.HasSuffix([]byte(nl.head.Origin), []byte("/"+nl.chain)) {
		return nl, fmt.Errorf("checkpoint: origin %q does not name chain %q", nl.head.Origin, nl.chain)
	}
	return nl, nil
}

// scanRecords calls fn for every audit record in the files, in order.
// Lines that are not audit records are skipped: the verifier reports them.
func scanRecords(paths []string, fn func(src treeSource, line []byte, val chain.Value, rec auditFields) error) error {
	var p chain.Parser
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("slogaudit: %w", err)
		}
		err = scanLines(f, path, func(src treeSource, line []byte) error {
			val, err := p.Parse(line)
			if err != nil {
				return nil
			}
			a, ok := val.Get("audit")
			if !ok {
				return nil
			}
			rec, err := parseAudit(a)
			if err != nil {
				return nil
			}
			return fn(src, line, val, rec)
		})
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// scanLines calls fn for each line of r, without its newline (and a
// carriage return before it). Lines may be of any length, as the verifier
// reads them: a record just under the size limit is longer than that
// limit once its audit member is added.
func scanLines(r io.Reader, name string, fn func(src treeSource, line []byte) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	src := treeSource{file: name}
	var long []byte
	for {
		part, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = append(long, part...)
			continue
		}
		line := part
		if len(long) > 0 {
			long = append(long, part...)
			line = long
		}
		if len(line) > 0 {
			src.line++
			line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
			if ferr := fn(src, line); ferr != nil {
				return ferr
			}
		}
		long = long[:0]
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("slogaudit: reading %s after line %d: %w", name, src.line, err)
		}
	}
}

// FindCheckpoint returns the signed note of chainID's checkpoint of the
// given size (0: the newest) from a checkpoint file. Of several lines with
// the same checkpoint, the last one wins: it carries the most
// cosignatures.
func FindCheckpoint(r io.Reader, chainID string, size uint64) ([]byte, error) {
	var found []byte
	var best uint64
	err := scanLines(r, "checkpoints", func(_ treeSource, line []byte) error {
		nl, err := parseNoteLine(line)
		if err != nil || nl.chain != chainID {
			return nil
		}
		if (size == 0 && nl.head.Size >= best) || nl.head.Size == size {
			found, best = nl.note, nl.head.Size
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if found == nil {
		return nil, fmt.Errorf("slogaudit: no checkpoint of chain %q of size %d in the checkpoint file (0 means any)", chainID, size)
	}
	return found, nil
}

package slogaudit

import (
	"crypto/ed25519"
	"errors"
	"fmt"

	"golang.org/x/mod/sumdb/note"

	"github.com/slogguard/slogguard/internal/chain"
)

// noteCheck is a checkpoint note of the checkpoint file, waiting for its
// chain to reach its size.
type noteCheck struct {
	line      int64
	head      chain.TreeHead
	witnessed bool // cosigned by a quorum of the given witnesses
	matched   bool // its root matched the records
}

// errNoLogSignature is openNote's error for a note whose log signature
// does not verify with the public key.
var errNoLogSignature = errors.New("no signature verifies with the public key")

// noteSignature counts the log signature of a note in the checks: err is
// openNote's. It reports whether the caller should go on with the note;
// a failed log signature is held back by the tally, so that a wrong public
// key yields one finding.
func (v *verifier) noteSignature(chainID string, logSigned bool, err error, where Finding) bool {
	if errors.Is(err, errNoLogSignature) {
		v.checks.chain(chainID).Signatures.count(true)
		where.Kind, where.Detail = BadCheckpoint, "signed note: signature does not verify with the public key"
		v.checks.sigs.fail(v, where)
		return false
	}
	if err == nil && logSigned {
		v.checks.chain(chainID).Signatures.count(false)
		v.checks.sigs.pass(v)
	}
	return true
}

// openNote verifies a checkpoint note with the options' keys. It returns
// the number of distinct witnesses that cosigned it, and an error when a
// signature does not verify or the log's signature is missing (with a
// public key given).
func (v *verifier) openNote(nl noteLine) (logSigned bool, cosigners int, err error) {
	var vs, logVs []note.Verifier
	for _, k := range v.opts.publicKeys() {
		if len(k) != ed25519.PublicKeySize {
			return false, 0, fmt.Errorf("public key has %d bytes, want %d", len(k), ed25519.PublicKeySize)
		}
		logV, err := chain.NoteVerifier(nl.head.Origin, k)
		if err != nil {
			return false, 0, err
		}
		logVs = append(logVs, logV)
	}
	vs = append(vs, logVs...)
	vs = append(vs, v.witnesses...)
	if len(vs) == 0 {
		return false, 0, nil
	}
	n, err := note.Open(nl.note, note.VerifierList(vs...))
	var unverified *note.UnverifiedNoteError
	var invalid *note.InvalidSignatureError
	isLog := func(name string, hash uint32) bool {
		for _, l := range logVs {
			if name == l.Name() && hash == l.KeyHash() {
				return true
			}
		}
		return false
	}
	switch {
	case errors.As(err, &invalid) && isLog(invalid.Name, invalid.Hash):
		return false, 0, errNoLogSignature
	case errors.As(err, &unverified) && len(logVs) == 0:
		return false, 0, nil // no witness signed it
	case errors.As(err, &unverified):
		return false, 0, errNoLogSignature
	case err != nil:
		return false, 0, err
	}
	seen := map[string]bool{}
	for _, s := range n.Sigs {
		if isLog(s.Name, s.Hash) {
			logSigned = true
			continue
		}
		seen[s.Name] = true
	}
	if len(logVs) > 0 && !logSigned {
		return false, 0, errNoLogSignature
	}
	return logSigned, len(seen), nil
}

// loadNote checks a checkpoint-file line of format v2.
func (v *verifier) loadNote(line int64, text []byte, val chain.Value) {
	if v.cpSizes == nil {
		v.cpSizes, v.cpBad, v.cpNewest = map[claimedRecord]bool{}, map[string]int{}, map[string]uint64{}
	}
	nl, err := noteFromValue(val, "")
	if err != nil {
		v.cpBad[nl.chain]++
		v.rep.Findings = append(v.rep.Findings, Finding{File: v.cpName, Line: line, Kind: BadCheckpoint, Detail: err.Error()})
		return
	}
	logSigned, cosigners, err := v.openNote(nl)
	if !v.noteSignature(nl.chain, logSigned, err, Finding{File: v.cpName, Line: line}) {
		v.cpBad[nl.chain]++
		v.cpRefused++
		return
	}
	v.cpSizes[claimedRecord{nl.chain, nl.head.Size}] = true
	v.cpNewest[nl.chain] = max(v.cpNewest[nl.chain], nl.head.Size)
	if err != nil {
		v.rep.Findings = append(v.rep.Findings, Finding{File: v.cpName, Line: line, Chain: nl.chain, Seq: nl.head.Size, Kind: BadCheckpoint, Detail: "signed note: " + err.Error()})
		return
	}
	quorum := v.opts.Quorum
	if quorum <= 0 {
		quorum = len(v.witnesses)
	}
	v.cpInOrder(line, text, nl.chain, nl.head.Size, nl.head.Root, true)
	v.notes[nl.chain] = append(v.notes[nl.chain], &noteCheck{line: line, head: nl.head,
		witnessed: len(v.witnesses) > 0 && cosigners >= quorum})
}

// inBandNote checks the note of an in-band checkpoint record, before the
// record itself joins the tree: it signs the tree up to the record before.
func (v *verifier) inBandNote(g chain.Value, rec auditFields) {
	nl, err := noteFromValue(g, rec.chain)
	if err != nil {
		v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "%v", err)
		return
	}
	logSigned, _, err := v.openNote(nl)
	if !v.noteSignature(rec.chain, logSigned, err, Finding{File: v.file, Line: v.line}) {
		return
	}
	if err != nil {
		v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "signed note: %v", err)
		return
	}
	st := v.chains[rec.chain]
	// A chain whose first records are gone (retention, or a later file
	// verified alone) gets its tree from the signed compact range.
	seed := rangeTree(g, nl.head)
	if st != nil && !st.treeOff && st.tree.Size() == nl.head.Size && st.tree.Root() != nl.head.Root && !failedExplain(st, nl.head.Root) {
		// A checkpoint record that does not link to the head signed
		// another log's tree: the link's finding says so.
		// (A head whose hash member was changed links by its content.)
		if !st.leafUnsure && (rec.prev == st.hash || st.contentSet && rec.prev == st.content) {
			v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "the Merkle root signed for size %d differs from the records': a record up to seq %d is not the one signed", nl.head.Size, nl.head.Size)
			st.brk.differs(len(v.rep.Findings) - 1)
		}
		st.treeOff = true // one finding, not one per later checkpoint
	}
	// Not from a record of a run that does not link to the chain before
	// it (see chainBreak): its signed tree may be another log's.
	if logSigned && seed != nil && st != nil && st.treeOff && st.brk == nil &&
		st.seq+1 == rec.seq && seed.Size() == st.seq && st.hash == rec.prev {
		// The signed compact range gives the tree back: the records
		// after this one are checked against what was signed.
		st.tree, st.treeOff, st.leafUnsure, st.failed = *seed, false, false, nil
	}
}

// growTree adds a record placed in its chain to the chain's Merkle tree and
// checks the checkpoint file's notes of the new size. A chain whose records
// are not all in order has no tree: its notes are not checked against it
// (the chain's own findings say why).
func (v *verifier) growTree(st *chainState, rec auditFields) {
	if st.treeOff {
		return
	}
	if rec.seq != st.tree.Size()+1 {
		st.treeOff = true
		return
	}
	var mac []byte
	if rec.hasMAC {
		mac = rec.mac[:]
	}
	leaf := chain.Leaf(rec.hash, mac)
	// A leaf holds the record's hash and MAC as written: after a record
	// whose MAC failed its check, a root that differs from the signed one
	// is that record's finding, already reported; after one whose hash
	// failed, it is if failedExplain says so.
	noteLeaf(st, rec, leaf, mac)
	st.tree.Append(leaf)
	differs := false
	for _, n := range v.notes[rec.chain] {
		if n.head.Size != st.tree.Size() {
			continue
		}
		if n.head.Root != st.tree.Root() {
			if failedExplain(st, n.head.Root) {
				continue // the tree is now the one signed
			}
			differs = true
			if !st.leafUnsure {
				v.checks.chain(rec.chain).Checkpoints.count(true)
				v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "the checkpoint file (line %d) signed another Merkle root for size %d: a record up to seq %d is not the one signed", n.line, n.head.Size, n.head.Size)
				st.brk.differs(len(v.rep.Findings) - 1)
				v.noteDiffers(rec.chain, len(v.rep.Findings)-1)
			}
			continue
		}
		v.checks.chain(rec.chain).Checkpoints.count(false)
		st.failed = nil // the leaves as written are the ones signed
		n.matched = true
		st.sum.Covered = max(st.sum.Covered, n.head.Size)
	}
	if differs {
		// The later roots differ too, for the same leaf: the tree stops
		// here, one finding, until a signed compact range gives it back.
		st.treeOff = true
	}
}

// finishNotes reports notes beyond the end of their chain and sets each
// chain's newest witnessed size.
func (v *verifier) finishNotes() {
	for id, notes := range v.notes {
		st := v.chains[id]
		for _, n := range notes {
			last := uint64(0)
			if st != nil {
				v.unreadableTail(id, st, n.head.Size)
				last = max(st.seq, st.pastedTo)
			}
			if n.head.Size > last && (st == nil || st.started || n.head.Size > st.prunedSeq()) {
				v.checks.chain(id).Checkpoints.count(true)
				v.truncatedBeyond(id, n.head.Size, last, "size")
			}
			if n.witnessed && n.matched {
				s := v.rep.Chains[id]
				s.Witnessed = max(s.Witnessed, n.head.Size)
				v.rep.Chains[id] = s
			}
		}
	}
}

// cpOrder follows the order of one chain's checkpoints in the checkpoint
// file, which is appended in order: each checkpoint is at least as large
// as the ones before it, except that a witnessed checkpoint is appended
// again, with its cosignatures, after later ones.
type cpOrder struct {
	max   uint64
	line  int64                 // of the largest so far
	heads map[cpHead]chain.Hash // root (or record hash), by size and form
	lines map[string]int64      // each line's text, and where it was first
}

type cpHead struct {
	size uint64
	note bool // a signed note (v2), not a v1 checkpoint
}

// cpInOrder reports a checkpoint of the checkpoint file that comes after a
// larger one of its chain and repeats no earlier checkpoint: its line was
// moved, or an old checkpoint was put back at the end; and a line that
// repeats an earlier one byte for byte, which no writer appends (a
// witnessed checkpoint comes back with cosignatures the first lacked).
func (v *verifier) cpInOrder(line int64, text []byte, id string, size uint64, h chain.Hash, note bool) {
	if v.cpOrders == nil {
		v.cpOrders = map[string]*cpOrder{}
	}
	o := v.cpOrders[id]
	if o == nil {
		o = &cpOrder{heads: map[cpHead]chain.Hash{}, lines: map[string]int64{}}
		v.cpOrders[id] = o
	}
	if first, ok := o.lines[string(text)]; ok {
		v.rep.Findings = append(v.rep.Findings, Finding{File: v.cpName, Line: line, Chain: id, Seq: size, Kind: Duplicated,
			Detail: fmt.Sprintf("the same checkpoint line as line %d: a checkpoint is appended once", first)})
		return
	}
	o.lines[string(text)] = line
	k := cpHead{size, note}
	if old, ok := o.heads[k]; ok && old == h {
		return // the same checkpoint again (with cosignatures)
	}
	if size < o.max {
		v.rep.Findings = append(v.rep.Findings, Finding{File: v.cpName, Line: line, Chain: id, Seq: size, Kind: Reordered,
			Detail: fmt.Sprintf("a checkpoint of size %d after one of size %d (line %d): the checkpoint file is appended in order, so its lines were moved or an older checkpoint was added", size, o.max, o.line)})
	}
	if size > o.max {
		o.max, o.line = size, line
	}
	if _, ok := o.heads[k]; !ok {
		o.heads[k] = h
	}
}

// publishedInFile checks the published member of an in-band checkpoint
// record whose checks passed: the checkpoint of that size was in the
// checkpoint writer when the record was written, so the checkpoint file
// given, when it holds a later checkpoint of the chain, must hold that
// one too.
// A checkpoint whose write failed or stopped part-way is never named so:
// its line missing is a line removed.
func (v *verifier) publishedInFile(val chain.Value, rec auditFields) {
	if v.opts.Checkpoints == nil {
		return
	}
	g, _ := val.Get("checkpoint")
	p, ok := g.Get(publishedKey)
	if !ok || p.Kind != chain.Number || p.Num < 1 || p.Num >= float64(rec.seq) || p.Num != float64(uint64(p.Num)) {
		return
	}
	size := uint64(p.Num)
	if v.cpNewest[rec.chain] <= size {
		// No later checkpoint of the chain verifies in the file: a copy
		// of the file taken before that checkpoint, a file that is not
		// the chain's (the findings on checkpoints say why), or the
		// newest lines gone, which the chain's uncovered records show.
		return
	}
	found := v.cpSizes[claimedRecord{rec.chain, size}]
	switch {
	case found:
	case v.cpBad[rec.chain] > 0:
		// A line of the chain that fails its signature, reported as
		// such, may be this checkpoint changed.
		v.cpBad[rec.chain]--
	case v.cpBad[""] > 0:
		v.cpBad[""]--
	default:
		v.rep.Findings = append(v.rep.Findings, Finding{File: v.cpName, Chain: rec.chain, Seq: size, Kind: Missing,
			Detail: fmt.Sprintf("the checkpoint of size %d is not in the checkpoint file, yet the checkpoint record at %s says it was written there before: its line was removed", size, v.lineText(v.pos()))})
	}
}

package slogaudit

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"

	"golang.org/x/mod/sumdb/note"

	"github.com/slogguard/slogguard/internal/chain"
)

// DefaultLogName is the log name in checkpoint origins when
// [WithLogName] is not set.
const DefaultLogName = "slogaudit"

// WithLogName names the log in its checkpoints: the checkpoint of chain C
// has the origin name + "/" + C (C2SP tlog-checkpoint), which is also the
// name of the signing key in the signed note. Use a schema-less URL that
// is yours, such as "audit.example.com/payments". Default: [DefaultLogName].
func WithLogName(name string) Option {
	return func(c *config) {
		if !chain.ValidName(name) {
			c.errs = append(c.errs, fmt.Errorf("WithLogName(%q): want a non-empty name without spaces or '+'", name))
		}
		c.logName = name
	}
}

func (c *config) origin(chainID string) string {
	name := c.logName
	if name == "" {
		name = DefaultLogName
	}
	return chain.Origin(name, chainID)
}

// ErrInconsistent is wrapped by the error that refuses a checkpoint that
// would contradict one signed before: the log's records were changed or
// removed since.
var ErrInconsistent = errors.New("slogaudit: checkpoint would be inconsistent with one signed before")

// merkle is the Merkle tree kept beside a chain: its leaves are the
// records (see chain.Leaf), leaf i-1 being record seq i.
type merkle struct {
	tree chain.Tree
	// broken says why the tree is unknown or must not be signed; while it
	// is set, checkpoints are refused.
	broken error
	signed chain.TreeHead // the last checkpoint signed
	hasSig bool
	signer note.Signer
	// witness submits checkpoints to the witnesses, created with the first
	// one; pending holds the leaves added since the last submission.
	witness *witnessClient
	pending []chain.Hash
	// published is the size of the newest checkpoint known to be in the
	// checkpoint writer: written by this handler (and synced, where the
	// writer syncs), or the last one a CheckpointFile held when the chain
	// resumed. The next in-band checkpoint record says so (its published
	// member), so that the removal of that line from the checkpoint file
	// is not taken for a write that failed.
	published uint64
}

// addLeafLocked appends a written record to the tree. Without a signer
// there are no checkpoints and no tree to keep.
func (st *state) addLeafLocked(hash chain.Hash, mac []byte) {
	if st.cfg.signer == nil {
		return
	}
	leaf := chain.Leaf(hash, mac)
	st.merkle.tree.Append(leaf)
	if st.merkle.witness != nil {
		st.merkle.pending = append(st.merkle.pending, leaf)
	}
}

// signLocked signs the tree's current head, refusing when it contradicts
// the last checkpoint signed.
func (st *state) signLocked() ([]byte, chain.TreeHead, error) {
	m := &st.merkle
	th := chain.TreeHead{Origin: st.cfg.origin(st.head.Chain), Size: m.tree.Size()}
	if m.broken != nil {
		return nil, th, m.broken
	}
	if m.tree.Size() != st.head.Seq {
		m.broken = fmt.Errorf("slogaudit: chain %s: the Merkle tree has %d leaves but the chain is at seq %d", st.head.Chain, m.tree.Size(), st.head.Seq)
		return nil, th, m.broken
	}
	th.Root = m.tree.Root()
	if m.hasSig && (th.Size < m.signed.Size || th.Size == m.signed.Size && th.Root != m.signed.Root) {
		m.broken = fmt.Errorf("%w: chain %s: size %d after size %d", ErrInconsistent, st.head.Chain, th.Size, m.signed.Size)
		return nil, th, m.broken
	}
	if m.signer == nil || m.signer.Name() != th.Origin {
		s, err := chain.NoteSigner(th.Origin, st.cfg.signer)
		if err != nil {
			return nil, th, fmt.Errorf("slogaudit: checkpoint signer: %w", err)
		}
		m.signer = s
	}
	msg, err := chain.SignTreeHead(th, m.signer)
	if err != nil {
		return nil, th, fmt.Errorf("slogaudit: signing the checkpoint of chain %s at size %d: %w", st.head.Chain, th.Size, err)
	}
	m.signed, m.hasSig = th, true
	return msg, th, nil
}

// checkpointLocked signs the tree head and chains the signed note in-band,
// then signs the new head (which includes that record) for the checkpoint
// writer and the witnesses, so that removing even the last record is
// detectable. A checkpoint that cannot be signed is refused, counted and
// reported; the records stay written.
func (st *state) checkpointLocked(ctx context.Context) error {
	if st.cfg.signer == nil || st.head.Seq == st.cpSeq {
		return nil
	}
	in, _, err := st.signLocked()
	if err != nil {
		st.stats.CheckpointsRefused++
		st.sinceCP, st.lastCP, st.cpSeq = 0, st.cfg.now(), st.head.Seq
		st.report(err)
		return nil
	}
	nodes := st.merkle.tree.Nodes()
	rng := make([]string, len(nodes))
	for i, h := range nodes {
		rng[i] = h.String()
	}
	cpAttrs := []any{slog.String("note", string(in)), slog.Any("range", rng)}
	if st.cfg.cpWriter != nil && st.merkle.published > 0 {
		cpAttrs = append(cpAttrs, slog.Uint64(publishedKey, st.merkle.published))
	}
	cp := slog.Group("checkpoint", cpAttrs...)
	if _, changed := st.nextRedactor.Attr(nil, cp); changed {
		// The wrapped slogcore handler's redaction would mask part of the
		// signed note (a signature that looks like a secret), which then
		// no longer verifies: this checkpoint goes to the checkpoint
		// writer and the witnesses only.
		st.report(fmt.Errorf("slogaudit: checkpoint at seq %d not written in-band: the wrapped handler's redaction would change its signed note; it goes to the checkpoint writer only", st.head.Seq))
	} else if err := st.ownLocked(ctx, MsgCheckpoint, false, cp); err != nil {
		return err
	}
	st.stats.Checkpoints++
	st.sinceCP, st.lastCP, st.cpSeq = 0, st.cfg.now(), st.head.Seq
	return st.publishLocked(ctx)
}

// publishLocked signs the chain's head as it is now and hands it to the
// checkpoint writer and the witnesses, without an in-band record: after
// an in-band checkpoint, whose record the head then includes, and after
// the seal that Close writes last, which no later checkpoint would cover.
func (st *state) publishLocked(ctx context.Context) error {
	if st.cfg.signer == nil || st.cfg.cpWriter == nil && len(st.cfg.witnesses) == 0 {
		return nil
	}
	out, th, err := st.signLocked()
	if err != nil {
		st.stats.CheckpointsRefused++
		st.report(err)
		return nil
	}
	if err := st.coveredWrittenLocked(ctx, th.Size); err != nil {
		st.report(err)
		return err
	}
	if st.cfg.cpWriter != nil {
		if err := writeCheckpoint(st.cfg.cpWriter, st.head.Chain, out); err != nil {
			err = fmt.Errorf("slogaudit: checkpoint at seq %d not written to the checkpoint writer: %w", th.Size, err)
			st.report(err)
			return err
		}
		if durable(st.cfg.cpWriter) {
			st.merkle.published = th.Size
		}
	}
	if len(st.cfg.witnesses) > 0 {
		m := &st.merkle
		if m.witness == nil {
			var paths func() ([]string, func(), error)
			if f := st.cfg.file; f != nil {
				paths = f.pinFiles
			}
			m.witness = newWitnessClient(&st.cfg, st.head.Chain, m.tree, st.report, paths)
		}
		m.witness.submit(th, out, m.pending)
		m.pending = nil
	}
	return nil
}

// coveredWrittenLocked makes the records a checkpoint of size covers reach
// the log's disk before the checkpoint leaves the process: a crash or a
// power loss must not leave a signed checkpoint, kept apart from the log,
// for records the log never got (the verifier would report them removed).
// A File is synced; an asynchronous wrapped handler (a slogcore handler)
// first writes what it holds, its own and the records queued before,
// then syncs its writer. When that fails the checkpoint is held back: a
// later one covers the records once their fate is declared.
func (st *state) coveredWrittenLocked(ctx context.Context, size uint64) error {
	switch {
	case st.async != nil:
		if err := st.worker.wait(ctx, checkpointWait, st.async.Sync); err != nil {
			return fmt.Errorf("slogaudit: checkpoint at seq %d held back: the wrapped handler did not write and sync the records it covers: %w", size, err)
		}
	case st.cfg.file != nil:
		if err := st.cfg.file.Sync(); err != nil {
			return fmt.Errorf("slogaudit: checkpoint at seq %d held back: syncing the log first: %w", size, err)
		}
	}
	return nil
}

// publishedKey is the member of an in-band checkpoint record's
// checkpoint group that gives the size of the newest checkpoint of the
// chain in the checkpoint writer when the record was written (see
// merkle.published): a verifier given the checkpoint file reports that
// checkpoint missing when its line is not there.
const publishedKey = "published"

// cpMu serialises writes to checkpoint writers: the handler and the
// witness client both append to them.
var cpMu sync.Mutex

// writeCheckpoint appends one line {"chain":…,"note":…} (canonical JSON).
// A writer that panics is an error: the witness client calls this from its
// own goroutine, and the handler in the middle of a checkpoint.
func writeCheckpoint(w interface{ Write([]byte) (int, error) }, chainID string, note []byte) (err error) {
	line := chain.AppendCanonical(nil, chain.Obj([]chain.Member{
		{Name: "chain", Value: chain.Str(chainID)},
		{Name: "note", Value: chain.Str(string(note))},
	}))
	line = append(line, '\n')
	cpMu.Lock()
	defer cpMu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the checkpoint writer %T panicked: %v", w, p)
		}
	}()
	_, err = w.Write(line)
	return err
}

// durable reports whether what w accepted will survive a power loss, as
// far as it can tell: a CheckpointFile syncs every write, a writer with a
// Sync method is synced now, and any other writer is taken at its word.
// The in-band record that says a checkpoint is in the writer must not
// outlive it.
func durable(w io.Writer) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if _, own := w.(*CheckpointFile); own {
		return true
	}
	if s, can := w.(interface{ Sync() error }); can {
		return s.Sync() == nil
	}
	return true
}

// lastSigned is implemented by checkpoint writers that know the last
// checkpoint they hold for an origin ([CheckpointFile]).
type lastSigned interface {
	Last(origin string) (chain.TreeHead, bool)
}

// rebuildTree recomputes the chain's Merkle tree from the files it was
// written to (paths: rotated files first, the current file last) when a
// handler resumes it, and checks it against the checkpoints signed before:
// those in-band in the files read and the last one in the checkpoint
// writer. Any disagreement refuses later checkpoints.
func (st *state) rebuildTree(paths []string) {
	if st.cfg.signer == nil {
		return
	}
	st.merkle.broken = nil
	head := st.head
	want := map[uint64]chain.Hash{}
	var last chain.TreeHead
	hasLast := false
	if ls, ok := st.cfg.cpWriter.(lastSigned); ok {
		last, hasLast = ls.Last(st.cfg.origin(head.Chain))
		if hasLast {
			want[last.Size] = last.Root
		}
	}
	pub := st.cfg.signer.Public().(ed25519.PublicKey)
	// The current file alone is enough when it holds a checkpoint record of
	// the chain; otherwise the rotated files are read too.
	tree, err := replayTree(paths[len(paths)-1:], head, st.cfg.origin(head.Chain), pub, want)
	if errors.Is(err, errNoStart) && len(paths) > 1 {
		tree, err = replayTree(paths, head, st.cfg.origin(head.Chain), pub, want)
	}
	if err == nil && hasLast && last.Size > tree.Size() {
		err = fmt.Errorf("%w: the checkpoint writer holds a checkpoint of size %d but chain %s has %d records: records were removed",
			ErrInconsistent, last.Size, head.Chain, tree.Size())
	}
	if err != nil {
		st.merkle.broken = err
		st.report(err)
		return
	}
	st.merkle.tree = tree
	if hasLast {
		st.merkle.signed, st.merkle.hasSig = last, true
		st.merkle.published = last.Size
	}
}

// treeSource is where an in-band checkpoint or a record came from, for
// error messages.
type treeSource struct {
	file string
	line int64
}

func (s treeSource) String() string { return fmt.Sprintf("%s:%d", s.file, s.line) }

// replayTree reads the records of head's chain from paths and returns its
// tree, checking the chain's order and links, every in-band checkpoint
// signed with pub, and the roots in want (size → root). When the chain's
// first records are gone (retention), the tree starts from the compact
// range of the first in-band checkpoint signed with pub.
func replayTree(paths []string, head Head, origin string, pub ed25519.PublicKey, want map[uint64]chain.Hash) (chain.Tree, error) {
	var tree chain.Tree
	started := false
	prev := chain.Genesis(head.Chain)
	verifier, err := chain.NoteVerifier(origin, pub)
	if err != nil {
		return tree, err
	}
	err = scanRecords(paths, func(src treeSource, _ []byte, val chain.Value, rec auditFields) error {
		if rec.chain != head.Chain {
			return nil
		}
		var inBand *chain.TreeHead
		var seed *chain.Tree
		if msg, _ := val.Get("msg"); msg.Str == MsgCheckpoint {
			if th, t, ok := inBandTreeHead(val, verifier); ok {
				inBand, seed = &th, t
			}
		}
		if !started {
			switch {
			case rec.seq == 1:
			case seed != nil && seed.Size() == rec.seq-1:
				tree, prev = *seed, rec.prev
			default:
				return nil // not yet: the chain's start or a checkpoint to start from
			}
			started = true
		}
		switch {
		case rec.seq > tree.Size()+1:
			// Records lost by the writer (declared by audit.gap) have no
			// line to take their leaves from: the tree resumes from the next
			// in-band checkpoint's compact range.
			if seed == nil || seed.Size() != rec.seq-1 {
				started = false
				return nil
			}
			tree, prev = *seed, rec.prev
		case rec.seq != tree.Size()+1 || rec.prev != prev:
			return fmt.Errorf("slogaudit: rebuilding the Merkle tree of chain %s: %s: seq %d after seq %d, or a broken link: verify the log (slogaudit verify)",
				head.Chain, src, rec.seq, tree.Size())
		}
		if inBand != nil && inBand.Size == tree.Size() && inBand.Root != tree.Root() {
			return fmt.Errorf("%w: %s: the checkpoint signed there for size %d does not match the records before it", ErrInconsistent, src, inBand.Size)
		}
		var mac []byte
		if rec.hasMAC {
			mac = rec.mac[:]
		}
		tree.Append(chain.Leaf(rec.hash, mac))
		prev = rec.hash
		if root, ok := want[tree.Size()]; ok && root != tree.Root() {
			return fmt.Errorf("%w: the checkpoint writer holds a checkpoint of size %d that does not match chain %s's records", ErrInconsistent, tree.Size(), head.Chain)
		}
		return nil
	})
	if err != nil {
		return tree, err
	}
	if !started {
		return tree, fmt.Errorf("%w: chain %s", errNoStart, head.Chain)
	}
	if tree.Size() != head.Seq || prev != head.Hash {
		return tree, fmt.Errorf("slogaudit: rebuilding the Merkle tree of chain %s: the files end at seq %d, the head is at %d", head.Chain, tree.Size(), head.Seq)
	}
	return tree, nil
}

// errNoStart says that the files hold neither a chain's first record nor
// an in-band checkpoint to rebuild its tree from.
var errNoStart = errors.New("slogaudit: rebuilding the Merkle tree: the files hold neither the chain's first record nor a checkpoint record to start from")

// inBandTreeHead returns the tree head of an in-band checkpoint record
// when its note verifies, and the tree of its compact range when that is
// present and matches the signed root.
func inBandTreeHead(val chain.Value, v note.Verifier) (chain.TreeHead, *chain.Tree, bool) {
	g, _ := val.Get("checkpoint")
	ns, ok := g.Get("note")
	if !ok || ns.Kind != chain.String {
		return chain.TreeHead{}, nil, false
	}
	n, err := note.Open([]byte(ns.Str), note.VerifierList(v))
	if err != nil {
		return chain.TreeHead{}, nil, false
	}
	th, err := chain.ParseTreeHead([]byte(n.Text))
	if err != nil || th.Origin != v.Name() {
		return th, nil, false
	}
	return th, rangeTree(g, th), true
}

// rangeTree reads the "range" member of an in-band checkpoint (the compact
// range of its tree, hex) and returns the tree when its root is th's.
func rangeTree(g chain.Value, th chain.TreeHead) *chain.Tree {
	r, ok := g.Get("range")
	if !ok || r.Kind != chain.Array {
		return nil
	}
	nodes := make([]chain.Hash, 0, len(r.Items))
	for _, e := range r.Items {
		h, err := chain.ParseHash(e.Str)
		if err != nil {
			return nil
		}
		nodes = append(nodes, h)
	}
	t, err := chain.NewTree(th.Size, nodes)
	if err != nil || t.Root() != th.Root {
		return nil
	}
	return &t
}

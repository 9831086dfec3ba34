package slogaudit

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/note"

	"github.com/slogguard/slogguard/internal/chain"
)

// FindingKind names what the verifier found.
type FindingKind string

// The kinds of finding. Restart is information, not tampering.
const (
	Modified      FindingKind = "modified"       // content does not match its hash
	Missing       FindingKind = "missing"        // a gap in the sequence
	Inserted      FindingKind = "inserted"       // a record that does not belong to the chain
	Duplicated    FindingKind = "duplicated"     // a record seen twice
	Reordered     FindingKind = "reordered"      // a record out of its place
	Truncated     FindingKind = "truncated"      // records cut off an end: a checkpoint beyond the last record, a rotated file cut mid-record
	BadMAC        FindingKind = "bad-mac"        // the MAC does not verify with the key
	BadCheckpoint FindingKind = "bad-checkpoint" // a checkpoint's signature or hash is wrong
	Malformed     FindingKind = "malformed"      // not a JSON audit record
	Restart       FindingKind = "restart"        // a process resumed the chain (information)
	Torn          FindingKind = "torn"           // a crash cut a line, acknowledged by the restart (information)
	Pruned        FindingKind = "pruned"         // older files removed by retention, as a retention record states (information)
	Gap           FindingKind = "gap"            // records lost by the writer, as an audit.gap record declares (information)
)

// Finding is one thing the verifier found.
type Finding struct {
	File   string      `json:"file,omitempty"`
	Line   int64       `json:"line"` // 1-based; 0 for findings about the whole input
	Chain  string      `json:"chain,omitempty"`
	Seq    uint64      `json:"seq,omitempty"`
	Kind   FindingKind `json:"kind"`
	Detail string      `json:"detail"`
}

// String formats the finding as "file:line: kind: chain C seq N: detail",
// leaving out what the finding does not have (a line, a chain, a seq). An
// empty or unusual chain id is quoted.
func (f Finding) String() string {
	var b strings.Builder
	switch {
	case f.File != "" && f.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", f.File, f.Line)
	case f.File != "":
		b.WriteString(f.File + ": ")
	case f.Line > 0:
		fmt.Fprintf(&b, "line %d: ", f.Line)
	}
	b.WriteString(string(f.Kind) + ": ")
	if f.Chain != "" {
		fmt.Fprintf(&b, "chain %s", showChain(f.Chain))
		if f.Seq > 0 {
			fmt.Fprintf(&b, " seq %d", f.Seq)
		}
		b.WriteString(": ")
	}
	b.WriteString(f.Detail)
	return b.String()
}

// ChainSummary describes one chain in the input.
type ChainSummary struct {
	First   uint64 `json:"first"`
	Last    uint64 `json:"last"`
	Records int64  `json:"records"` // records in their place in the chain
	// Checks counts the checks made on the chain's records.
	Checks Checks `json:"checks"`
	// Covered is the newest seq of the chain that a checkpoint kept apart
	// from the log vouches for (its signed hash matches that record); 0 when
	// none does. The removal of records after it would go unnoticed.
	Covered uint64 `json:"covered"`
	// Witnessed is the newest size (the records up to that seq) of a
	// checkpoint that a quorum of the given witnesses cosigned and that
	// matches the records: 0 when none.
	Witnessed uint64 `json:"witnessed,omitempty"`
	// Sealed is the seq of the chain's newest audit.seal record that
	// verified, and Epoch the epoch of its last record (under WithSealing).
	Sealed uint64 `json:"sealed,omitempty"`
	Epoch  uint64 `json:"epoch,omitempty"`
	// Keys says which key id's MACs cover which seqs of the chain, in
	// chain order: one range per key, a new one at each rotation.
	Keys []KeyRange `json:"keys,omitempty"`
}

// Report is the result of a verification. It says which checks ran
// (Checks, in total and per chain) and what they found (Findings).
type Report struct {
	Lines    int64                   `json:"lines"`
	Records  int64                   `json:"records"`
	Chains   map[string]ChainSummary `json:"chains"`
	Checks   Checks                  `json:"checks"`
	Findings []Finding               `json:"findings"`
}

// Info reports whether the kind is information, not a sign of tampering.
func (k FindingKind) Info() bool {
	return k == Restart || k == Torn || k == Pruned || k == Gap || k == TornTail || k == UnsealedTail || k == FilesOrdered || k == ByteOrderMark
}

// Intact reports whether the input holds audit records and the checks that
// ran found nothing but information. It says nothing of checks that did
// not run: see [Report].Checks.
func (r Report) Intact() bool {
	if r.Records == 0 {
		return false
	}
	for _, f := range r.Findings {
		if !f.Kind.Info() {
			return false
		}
	}
	return true
}

// TamperedError is returned by [Verify] when the input is not intact.
type TamperedError struct{ Report Report }

// Error summarises the findings: how many, and the first.
func (e *TamperedError) Error() string {
	n := 0
	first := ""
	for _, f := range e.Report.Findings {
		if !f.Kind.Info() {
			if n == 0 {
				first = f.String()
			}
			n++
		}
	}
	return fmt.Sprintf("slogaudit: verification failed: %s, first: %s", plural(int64(n), "finding"), first)
}

// VerifyOptions configures [Verify].
type VerifyOptions struct {
	// Keys maps key ids to HMAC keys, and Key is used for every key id not
	// in Keys. When either is set, every record must carry a MAC that
	// verifies; records whose key id has no key are an [UnknownKey]
	// finding. Without either, MACs are not checked and the report's
	// Checks say so. A key shorter than [MinKeySize] is an error.
	Keys map[string][]byte
	Key  []byte
	// PublicKey verifies checkpoint signatures. Without it signatures are
	// not checked, but checkpoints still bound the chains' length.
	PublicKey ed25519.PublicKey
	// PublicKeys are more public keys whose checkpoint signatures count,
	// besides PublicKey: those of the signers a handler moved to with
	// [Handler.RotateKey].
	PublicKeys []ed25519.PublicKey
	// Checkpoints reads a checkpoint file kept apart from the log. Findings
	// in it name the file by its Name method (an *os.File has one), or
	// "checkpoints".
	Checkpoints io.Reader
	// RequireMAC makes the absence of a key an error ([ErrRequiredCheck]):
	// without it MACs are not checked and the report says so.
	RequireMAC bool
	// Sealed says that the keys were used with [WithSealing]: every record
	// must carry an epoch and every chain at least one seal. Records that
	// carry an epoch are checked with their epoch's key whether or not
	// Sealed is set; Sealed is what catches a log whose epochs and seals
	// were stripped and whose MACs were made with the initial key
	// elsewhere, or an unsealed log offered as a sealed one. Requires a key.
	Sealed bool
	// RequireCheckpoints makes the absence of Checkpoints or PublicKey an
	// error ([ErrRequiredCheck]), and a chain that no checkpoint covers an
	// [Uncovered] finding.
	RequireCheckpoints bool
	// Witnesses are the verifier keys (signed-note "name+hash+key" form)
	// of the witnesses whose cosignatures count, and Quorum how many of
	// them must cosign a checkpoint (default: all). The report's
	// ChainSummary.Witnessed says up to which size they vouch for a chain.
	Witnesses []string
	Quorum    int
	// MaxLineBytes bounds the memory spent on one line: a longer line
	// stops verification with an error wrapping [ErrLineTooLong] (the
	// input cannot be judged within the limit; that is not a sign of
	// tampering). Default: 0, lines of any length are read, as long as
	// the writer's limit allows (see WithMaxRecordSize).
	MaxLineBytes int
	// Progress, when set, is called every 65536 lines with the lines read.
	Progress func(lines int64)
}

// ErrLineTooLong is wrapped by the error [Verify] returns when a line is
// longer than [VerifyOptions.MaxLineBytes].
var ErrLineTooLong = errors.New("slogaudit: line longer than VerifyOptions.MaxLineBytes (raise it, or set 0 for no limit)")

// window is how many recent records per chain the verifier remembers to
// classify duplicates, forks and reordering. Memory does not grow with the
// input.
const window = 4096

type seen struct {
	hash chain.Hash
	line int64
}

// recentRing remembers the last window records of a chain by seq. It
// starts small and grows with the chain, so that an input of many short
// chains (a process restarted without WithChainID starts one each time)
// costs memory by its records, not window slots per chain.
type recentRing struct {
	slots []recentSlot
	n     int // records put
}

type recentSlot struct {
	seq uint64
	seen
}

// firstRing is the size of a chain's ring before it grows.
const firstRing = 16

func (r *recentRing) get(seq uint64) (seen, bool) {
	if r.slots == nil || seq == 0 {
		return seen{}, false
	}
	s := &r.slots[seq%uint64(len(r.slots))]
	return s.seen, s.seq == seq
}

func (r *recentRing) put(seq uint64, v seen) {
	if r.slots == nil {
		r.slots = make([]recentSlot, firstRing)
	}
	r.n++
	s := &r.slots[seq%uint64(len(r.slots))]
	// A slot held by another seq: the ring doubles while it is smaller
	// than window and at least half as many records were put: it keeps
	// what a ring of window slots would (the sizes divide window), but for
	// a young chain whose few records have seqs far apart, which cannot
	// make it large.
	for s.seq != 0 && s.seq != seq && len(r.slots) < window && r.n >= len(r.slots)/2 {
		grown := make([]recentSlot, 2*len(r.slots))
		for _, o := range r.slots {
			if o.seq != 0 {
				grown[o.seq%uint64(len(grown))] = o
			}
		}
		r.slots = grown
		s = &r.slots[seq%uint64(len(r.slots))]
	}
	s.seq, s.seen = seq, v
}

type chainState struct {
	started bool
	seq     uint64
	hash    chain.Hash
	line    int64 // of the head, as a position (see verifier.pos)
	recent  recentRing
	missing map[uint64]int64 // seq -> position where the gap was noticed
	gaps    []seqRun         // every gap in the sequence, missing or not
	// declared: the losses audit.gap records declare.
	declared []declaredRun
	alt      *altRecord // a second record claiming the last seq
	// failedFirst: the last run of linked records before the chain
	// started that failed their checks, in order; the chain starts at the
	// first of them when the next record links to the last.
	// its checks; the chain starts there when the next record links to it.
	failedFirst []failedFirst
	sum         ChainSummary
	// gap: the chain started mid-way; a retention record may explain it.
	gap *startGap
	// before: records behind the head with a seq before the first record
	// seen (see placeBefore).
	before []heldBack
	// moves: a stretch of the chain read out of order, while open.
	moves *moves
	// startRun: the records placed after the first one seen, when that
	// one is not seq 1 (up to maxMoves), for settleStart; startMixed:
	// the chain skipped seqs after it, and settleStart keeps them in
	// place.
	startRun   []moved
	startMixed bool
	// prunedTo: the heads retention records say removed files ended at,
	// and prunedAt the position of the last such record.
	prunedTo []Head
	prunedAt int64
	// tree is the chain's Merkle tree, while its records come in order.
	tree    chain.Tree
	treeOff bool
	// leafUnsure: a record in the tree failed its MAC or hash check, so
	// its leaf may not be the one signed (see growTree).
	leafUnsure bool
	// failed: the tree since a record that failed its hash check, while
	// a signed root may still be explained by such records alone.
	failed *failedLeaves
	epochs epochState
	keys   keyState
	// afterGap: epoch and key-change findings of records that follow
	// skipped seqs (see excuseAfterGap); lateSeq: the seq of the last
	// record that came after a later one.
	afterGap []afterGap
	lateSeq  uint64
	// content: the hash of the head's content, when the head failed its
	// hash check (contentSet; see hashEdited).
	content    chain.Hash
	contentSet bool
	// headForged: the head's content matches its hash and its MAC fails.
	headForged bool
	// headKeyed: the head's hash and MAC verified with its key: it is as
	// its writer wrote it.
	headKeyed bool
	// brk: the run of records since the last record that did not link to
	// the head before it (see chainBreak).
	brk *chainBreak
	// pastedTo: the chain's records after its head up to this seq are
	// on lines that another chain's records replaced (see foreignRuns),
	// or on lines that no longer read as records (see unreadableTail).
	pastedTo uint64
}

// seqRun is a run of sequence numbers, From to To inclusive, noticed at
// line.
type seqRun struct {
	from, to uint64
	tracked  uint64 // how many of them, from the first, are in missing
	line     int64
	// epoch of the record before the gap, under sealing: only an audit.gap
	// record of that epoch declares the gap's losses.
	epoch    uint64
	hasEpoch bool
}

type declaredRun struct {
	GapRange
	line int64 // of the audit.gap record
	// epoch of the audit.gap record, under sealing
	epoch    uint64
	hasEpoch bool
}

type startGap struct {
	line int64
	seq  uint64
	prev chain.Hash
}

// heldBack is a record whose seq comes before the chain's first record
// seen, met after it: moved (reordered), or inserted.
type heldBack struct {
	seq        uint64
	prev, hash chain.Hash
	line       int64
	head       uint64 // the chain's head when it was met
}

// placeBefore decides the records held back before the chain's first
// record: walking back from that record, each one it links to (its
// predecessor's hash is its prev) was moved after it, and is reported
// reordered, and the chain then starts there; the others do not belong
// to the chain and are reported inserted.
func (v *verifier) placeBefore(id string, st *chainState) {
	if st.gap == nil || len(st.before) == 0 {
		return
	}
	first := *st.gap // the first record seen, before it moves back
	placed := make([]bool, len(st.before))
	for g := st.gap; g != nil; {
		found := -1
		for i, b := range st.before {
			if !placed[i] && b.seq+1 == g.seq && b.hash == g.prev {
				found = i
				break
			}
		}
		if found < 0 {
			break
		}
		placed[found] = true
		b := st.before[found]
		st.sum.Records++
		st.sum.First = b.seq
		g.seq, g.prev = b.seq, b.prev
		if b.seq == 1 {
			st.gap = nil
			if b.prev != chain.Genesis(id) {
				v.addAt(b.line, id, b.seq, Inserted, "first record does not start from the chain's genesis")
			}
		}
	}
	v.settleStart(id, st, first, placed)
	st.before = nil
}

// failedFirst is a record that failed its hash or MAC check before its
// chain started, at position pos.
type failedFirst struct {
	rec auditFields
	pos int64
}

type altRecord struct {
	seq  uint64
	prev chain.Hash
	hash chain.Hash
	line int64
}

type verifier struct {
	cpName string // the checkpoint file's name, for findings
	// cpRefused counts the checkpoints of the checkpoint file left out
	// because their signature did not verify.
	cpRefused int
	checks    checkState
	parser    chain.Parser
	buf       []byte        // canonical form of the current record
	canon     []byte        // canonical form of a whole File line, audit member included
	linker    chain.Linker  // link hashes of canonical lines
	recode    chain.Recoder // canonical forms of other handlers' lines
	torn      *pendingTorn  // a malformed line that the next record may acknowledge
	// nonBlank counts the lines read that are not blank, in every file.
	nonBlank int64
	// lastLines are the last lines read (see unnamedFragment).
	lastLines lineRing
	// glued: the record being read was glued onto a fragment.
	glued bool
	// glueds are the records read glued onto fragments whose copies are
	// not read yet, oldest first (see gluedRecord).
	glueds []gluedRecord
	// withdrawn: the indices of findings taken back (see settleMoves).
	withdrawn []int
	// unreadable: the malformed findings of lines whose audit member
	// names a record (see unreadableAt), by that record.
	unreadable map[claimedRecord]int
	// unreadLines: the findings of lines that are not records and name
	// none (malformed, or without an audit member), by position: a gap
	// of as many records just there is those lines, changed (see
	// unreadableRun).
	unreadLines map[int64]int
	// renamed: the last record whose content failed its hash while its
	// MAC verified, of a chain not started, which the next record may
	// show to be another chain's with its chain member changed
	// (renamedFirst).
	renamed *renamedRecord
	// unnamed are the fragments (see jsonPrefix) that records followed
	// without naming them, oldest first: a later audit.gap or
	// audit.start may still name one (a failed write's fragment that
	// other records were queued behind, or another handler wrote after).
	unnamed []*pendingTorn
	// justMissing: the fragments that the record just read names and
	// that were not before it (see swappedFragment).
	justMissing []missingFragment
	// older are the fragments that waited among the unnamed ones longest,
	// oldest first, past maxUnnamed: a torn_older member may still name
	// them (at most maxTornFragments of them).
	older []*pendingTorn
	// lastNamed: the fragments that the record being read named, newest
	// first, for fragmentsInOrder.
	lastNamed []namedFragment
	// namedFrags: the fragments named so far, by hex SHA-256, each with
	// its line's number in lastLines (at most maxNamedFrags).
	namedFrags map[string]int64
	// namedBy: the records that named a fragment found, with its
	// SHA-256, so that a copy of such a record is not taken for one that
	// names a fragment no longer there.
	namedBy map[namer]bool
	opts    VerifyOptions
	file    string
	line    int64
	rep     *Report
	chains  map[string]*chainState
	cps     map[string][]chain.Checkpoint
	// notes are the checkpoint file's signed notes, by chain; witnesses
	// verify cosignatures.
	notes map[string][]*noteCheck
	// cpSizes: the chains and sizes of the checkpoint file's notes whose
	// signatures verify (see publishedInFile); cpBad counts the others,
	// by chain ("": of no chain known).
	cpSizes   map[claimedRecord]bool
	cpBad     map[string]int
	cpNewest  map[string]uint64   // the largest size of those notes, by chain
	cpOrders  map[string]*cpOrder // the checkpoint file's order, by chain
	starts    []fileStart         // the files read, in order (VerifyFiles)
	witnesses []note.Verifier
	ratchets  map[ratchetKey]*chain.Ratchet // epoch keys, by chain and key id
	// lastChain and lastKey are the ids of the last canonical line, and
	// macs the HMAC states by key id, reused from line to line.
	lastChain, lastKey string
	macs               map[string]keyedMAC
	macScratch         []byte
	// ends follows the line ends of the file being read; fileLine is the
	// record of the line just read when it is a File's line that matched
	// its hash as written (see lineEnd).
	// cpDiffers: the findings of the checkpoint file's checkpoints that
	// differ from their chain, by chain (see foreignCheckpoints).
	cpDiffers map[string][]int
	// dups: the run of duplicated records that the last finding reports
	// (see duplicated).
	dups dupRun
	// truncs: the checkpoints beyond each chain's last record, by chain
	// (see truncatedBeyond).
	truncs map[string]*truncation
	// added: the inserted findings of records added behind their chain's
	// head (see joinInsertedRuns).
	added map[Finding]bool
	// cutEnds: the findings of unnamed incomplete last lines of files, by
	// position (see noteCutEnd).
	cutEnds    map[int64]int
	ends       lineEnds
	fileLine   claimedRecord
	isFileLine bool
}

// Verify reads audit records from r and checks every hash and link, and
// the MACs, checkpoints and signatures that o gives it the keys and files
// for; the report's Checks say which ran. It returns a [*TamperedError]
// (with the report) when the input is not intact, [ErrNoRecords] when no
// line is an audit record and no checkpoint says records are missing,
// [ErrRequiredCheck] when o requires a check it gives no key or file for,
// and another error when r cannot be read. It streams: memory does not
// grow with the input.
func Verify(ctx context.Context, r io.Reader, o VerifyOptions) (Report, error) {
	v, err := newVerifier(o)
	if err == nil {
		err = v.required()
	}
	if err == nil {
		err = o.checkKeys()
	}
	if err != nil {
		return *v.rep, err
	}
	if err := v.loadCheckpoints(); err != nil {
		return *v.rep, err
	}
	if err := v.read(ctx, r); err != nil {
		return *v.rep, err
	}
	return v.finish()
}

// VerifyFiles verifies rotated files as one input, in their chain's
// order: files given out of it are read in it, as their records show it,
// and a [FilesOrdered] finding (information) says so.
func VerifyFiles(ctx context.Context, paths []string, o VerifyOptions) (Report, error) {
	v, err := newVerifier(o)
	if err == nil {
		err = v.required()
	}
	if err == nil {
		err = o.checkKeys()
	}
	if err == nil {
		err = distinctFiles(paths)
	}
	if err != nil {
		return *v.rep, err
	}
	if err := v.loadCheckpoints(); err != nil {
		return *v.rep, err
	}
	if read, moved := chainOrder(paths); moved {
		v.noteOrder(paths, read)
		paths = read
	}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return *v.rep, fmt.Errorf("slogaudit: verify: %w", err)
		}
		v.endLineEnds()
		v.rep.Lines += v.line
		v.file, v.line = p, 0
		v.starts = append(v.starts, fileStart{base: v.rep.Lines, name: p})
		v.checks.order(p)
		err = v.read(ctx, f)
		f.Close()
		if err != nil {
			return *v.rep, err
		}
	}
	return v.finish()
}

// checkKeys refuses keys shorter than [MinKeySize], which [WithKey] never
// writes with: a MAC made with an empty key proves nothing.
func (o VerifyOptions) checkKeys() error {
	if o.Key != nil && len(o.Key) < MinKeySize {
		return fmt.Errorf("slogaudit: verify: VerifyOptions.Key has %d bytes: want at least %d (pass the key given to WithKey)", len(o.Key), MinKeySize)
	}
	for id, k := range o.Keys {
		if len(k) < MinKeySize {
			return fmt.Errorf("slogaudit: verify: VerifyOptions.Keys[%q] has %d bytes: want at least %d (pass the key given to WithKey)", id, len(k), MinKeySize)
		}
	}
	return nil
}

func newVerifier(o VerifyOptions) (*verifier, error) {
	v := &verifier{opts: o, rep: &Report{Chains: map[string]ChainSummary{}, Findings: []Finding{}},
		chains: map[string]*chainState{}, cps: map[string][]chain.Checkpoint{}, notes: map[string][]*noteCheck{}}
	for _, k := range o.Witnesses {
		w, err := chain.NewCosignatureVerifier(k)
		if err != nil {
			return v, fmt.Errorf("slogaudit: verify: %w", err)
		}
		for _, prev := range v.witnesses {
			if prev.Name() == w.Name() && prev.KeyHash() == w.KeyHash() {
				return v, fmt.Errorf("slogaudit: verify: the key of witness %q is given twice: give each witness key once", w.Name())
			}
		}
		v.witnesses = append(v.witnesses, w)
	}
	if o.Quorum > len(o.Witnesses) {
		return v, fmt.Errorf("slogaudit: verify: quorum %d of %d witnesses: give at least as many witness keys as the quorum", o.Quorum, len(o.Witnesses))
	}
	return v, nil
}

// pos is the current line as a position across every file read: the
// lines of the files before it, plus its line in its file. A finding made
// later (at the end, or while reading the next file) names the file and
// line of a position through addAt.
func (v *verifier) pos() int64 { return v.rep.Lines + v.line }

// fileStart is where a file starts among the positions: its first line is
// position base+1.
type fileStart struct {
	base int64
	name string
}

// where returns the file and line of a position.
func (v *verifier) where(pos int64) (string, int64) {
	for i := len(v.starts) - 1; i >= 0; i-- {
		if s := v.starts[i]; pos > s.base {
			return s.name, pos - s.base
		}
	}
	return v.file, pos
}

// lineText names a position for a finding's detail: "line N", and the
// file when it is not the one being read.
func (v *verifier) lineText(pos int64) string {
	file, line := v.where(pos)
	if file != v.file {
		return fmt.Sprintf("line %d of %s", line, file)
	}
	return fmt.Sprintf("line %d", line)
}

// addAt adds a finding about the record at position pos.
func (v *verifier) addAt(pos int64, chainID string, seq uint64, kind FindingKind, format string, args ...any) {
	file, line := v.where(pos)
	v.rep.Findings = append(v.rep.Findings, Finding{File: file, Line: line, Chain: chainID, Seq: seq, Kind: kind, Detail: fmt.Sprintf(format, args...)})
}

func (v *verifier) add(line int64, chainID string, seq uint64, kind FindingKind, format string, args ...any) {
	v.rep.Findings = append(v.rep.Findings, Finding{File: v.file, Line: line, Chain: chainID, Seq: seq, Kind: kind, Detail: fmt.Sprintf(format, args...)})
}

func (v *verifier) loadCheckpoints() error {
	if v.opts.Checkpoints == nil {
		return nil
	}
	name := "checkpoints"
	if f, ok := v.opts.Checkpoints.(interface{ Name() string }); ok {
		name = f.Name()
	}
	v.cpName = name
	data, err := io.ReadAll(io.LimitReader(v.opts.Checkpoints, 1<<30))
	if err != nil {
		return fmt.Errorf("slogaudit: verify: reading checkpoints: %w", err)
	}
	unterminated := len(data) > 0 && data[len(data)-1] != '\n'
	lines := int64(bytes.Count(data, []byte("\n")))
	if unterminated {
		lines++
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<16)
	n, parsed := int64(0), 0
	var bad []Finding // lines that are no checkpoint at all
	for sc.Scan() {
		n++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		val, err := chain.Parse(sc.Bytes())
		if _, ok := val.Get("note"); err == nil && ok {
			parsed++
			v.loadNote(n, bytes.TrimSpace(sc.Bytes()), val)
			continue
		}
		var cp chain.Checkpoint
		if err == nil {
			cp, err = chain.ParseCheckpoint(val)
		}
		if err != nil {
			if unterminated && n == lines {
				// The last line, cut by a crash while it was written: the
				// checkpoint never left the process whole.
				bad = append(bad, Finding{File: name, Line: n, Kind: TornTail, Detail: "torn last line of the checkpoint file (the writer stopped mid-checkpoint): " + err.Error()})
				continue
			}
			if jsonPrefix(bytes.TrimSpace(sc.Bytes())) {
				// The first part of a checkpoint, on a line of its own: a
				// write that stopped (a full disk) and could not be cut
				// off. The checkpoint never left the process whole; taking
				// it away, as cutting it would, is no more than removing
				// its line.
				bad = append(bad, Finding{File: name, Line: n, Kind: Torn, Detail: "incomplete line of the checkpoint file, left by a write that stopped mid-checkpoint (a full disk): " + err.Error()})
				continue
			}
			bad = append(bad, Finding{File: name, Line: n, Kind: BadCheckpoint, Detail: err.Error()})
			continue
		}
		parsed++
		if len(v.opts.publicKeys()) > 0 && !v.checkSignature(cp, Finding{File: name, Line: n, Chain: cp.Chain, Seq: cp.Seq}) {
			v.cpRefused++
			continue
		}
		v.cpInOrder(n, bytes.TrimSpace(sc.Bytes()), cp.Chain, cp.Seq, cp.Hash, false)
		v.cps[cp.Chain] = append(v.cps[cp.Chain], cp)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("slogaudit: verify: reading checkpoints: %w", err)
	}
	if parsed == 0 && len(bad) > 0 {
		return fmt.Errorf("%w: %s: %s, none of them a checkpoint (first: line %d: %s)", ErrNotCheckpoints, name, plural(int64(len(bad)), "line"), bad[0].Line, bad[0].Detail)
	}
	v.rep.Findings = append(v.rep.Findings, bad...)
	return nil
}

// ErrNotCheckpoints is returned by [Verify] when the checkpoint file holds
// lines and none of them is a checkpoint: the wrong file was given, so
// nothing can be said of the log.
var ErrNotCheckpoints = errors.New("slogaudit: verify: not a checkpoint file (pass the file that WithCheckpoints writes)")

func (v *verifier) read(ctx context.Context, r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var long []byte
	for {
		if v.line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("slogaudit: verify: %w", err)
			}
			if v.opts.Progress != nil && v.line%65536 == 0 && v.line > 0 {
				v.opts.Progress(v.rep.Lines + v.line)
			}
		}
		part, err := br.ReadSlice('\n')
		// A line longer than the buffer arrives in chunks; its last chunk ends
		// with a newline or, for a final line without one, with io.EOF.
		if err == bufio.ErrBufferFull || (long != nil && (err == nil || err == io.EOF)) {
			long = append(long, part...)
			if max := v.opts.MaxLineBytes; max > 0 && len(long) > max {
				return fmt.Errorf("slogaudit: verify: %s line %d: %w", v.file, v.line+1, ErrLineTooLong)
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			part, long = long, nil
		} else if max := v.opts.MaxLineBytes; max > 0 && len(bytes.TrimRight(part, "\r\n")) > max {
			return fmt.Errorf("slogaudit: verify: %s line %d: %w", v.file, v.line+1, ErrLineTooLong)
		}
		part = v.skipBOM(part)
		if len(part) > 0 {
			v.line++
			torn := err == io.EOF // no final newline
			n := len(v.rep.Findings)
			v.isFileLine = false
			v.record(part, torn)
			if !blank(part) {
				crlf := bytes.HasSuffix(part, []byte("\r\n"))
				clean := v.isFileLine && !tamperingSince(v.rep.Findings, n)
				v.lineEnd(crlf, !torn && !crlf, clean, v.fileLine.chain, v.fileLine.seq)
			}
		}
		if err == io.EOF {
			return nil // a malformed last line waits: the next file may name it
		}
		if err != nil {
			return fmt.Errorf("slogaudit: verify: reading line %d: %w", v.line+1, err)
		}
	}
}

type pendingTorn struct {
	file   string
	line   int64
	pos    int64 // the line's position (see verifier.pos)
	sha    string
	detail string
	// bytes is the line's length; unterminated: it had no final newline.
	bytes        int
	unterminated bool
	// prefix: the line is the start of a JSON object, as a writer that
	// stopped mid-record leaves it (see jsonPrefix).
	prefix bool
	// claim: the record its audit member names, when that parses.
	claim *claimedRecord
	// closer: the record on the line right after it, whose write began
	// with the newline that closed it.
	closer claimedRecord
	// closerNames: that record names fragments (an audit.start or
	// audit.gap): when not this one, this one was changed.
	closerNames bool
	// closerAfter: the seq of the last record of the closer's chain
	// before the closer was read, when closerLinked (see lostAround).
	closerAfter  uint64
	closerLinked bool
	// ringNum: the line's number in lastLines.
	ringNum int64
}

// jsonPrefix reports whether line is what a writer that stopped part-way
// through one JSON object leaves: the object's first bytes, possibly
// followed by NUL bytes (a file system that lost the data of an
// extended file after a power loss fills it with zeros). A line changed
// after it was written whole (a byte altered, a value removed) is not.
func jsonPrefix(line []byte) bool {
	line = bytes.TrimRight(line, "\x00")
	if len(line) == 0 {
		return true
	}
	if line[0] != '{' {
		return false
	}
	d := json.NewDecoder(bytes.NewReader(line))
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			// A complete value and nothing else would have parsed: it
			// ended inside a token, or between tokens inside the object.
			return err == io.ErrUnexpectedEOF || err == io.EOF && depth > 0
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
			if depth == 0 {
				return false // the object is whole: something else follows it
			}
		}
	}
}

// flushTorn reports a pending malformed line: as torn when ack, from the
// record of message by, names its hash. A fragment that ack does not name
// waits among the unnamed ones, which a later record may name; another
// malformed line is reported at once. ack may also name an earlier
// fragment that is still waiting (the newest of that hash). It reports
// whether ack named a fragment of the input.
func (v *verifier) flushTorn(ack, by string) bool {
	if p := v.torn; p != nil {
		v.torn = nil
		switch {
		case ack != "" && ack == p.sha:
			v.named(p, by, "that follows")
			return true
		case p.prefix:
			if len(v.unnamed) == maxUnnamed {
				v.keepOlder(v.unnamed[0])
				v.unnamed = append(v.unnamed[:0], v.unnamed[1:]...)
			}
			v.unnamed = append(v.unnamed, p)
		default:
			v.reportUnnamed(p)
		}
	}
	if ack == "" {
		return false
	}
	for i := len(v.unnamed) - 1; i >= 0; i-- {
		if p := v.unnamed[i]; p.sha == ack {
			v.unnamed = append(v.unnamed[:i], v.unnamed[i+1:]...)
			v.named(p, by, "at "+v.lineText(v.pos()))
			return true
		}
	}
	return false
}

// keepOlder keeps p, a fragment that waited longest among the unnamed
// ones, for a torn_older member to name; the oldest kept is reported
// malformed past maxTornFragments.
func (v *verifier) keepOlder(p *pendingTorn) {
	if len(v.older) == maxTornFragments {
		v.reportUnnamed(v.older[0])
		v.older = v.older[1:]
	}
	v.older = append(v.older, p)
}

// tornOlder is what a torn_older member says: the count of the oldest
// fragments a record names, and the hash over their hashes (see
// tornOlderKey).
type tornOlder struct {
	count int
	sha   string
}

// tornOlderOf returns the torn_older member of val, if it has one.
func tornOlderOf(val chain.Value) (tornOlder, bool) {
	g, ok := val.Get(tornOlderKey)
	if !ok {
		return tornOlder{}, false
	}
	c, _ := g.Get("count")
	s, _ := g.Get("sha256")
	if c.Kind != chain.Number || c.Num < 1 || c.Num > maxTornFragments || s.Kind != chain.String {
		return tornOlder{}, false
	}
	return tornOlder{count: int(c.Num), sha: s.Str}, true
}

// nameOlder names, as torn, the fragments that o (the torn_older member
// of the record being read, of message by) names: the newest o.count of
// those still waiting, oldest first, when their hashes give o's hash. It
// reports whether it named them.
func (v *verifier) nameOlder(o tornOlder, by string) bool {
	waiting := append(append([]*pendingTorn(nil), v.older...), v.unnamed...)
	if len(waiting) < o.count {
		return false
	}
	named := waiting[len(waiting)-o.count:]
	digests := make([][sha256.Size]byte, len(named))
	for i, p := range named {
		if _, err := hex.Decode(digests[i][:], []byte(p.sha)); err != nil {
			return false
		}
	}
	if olderDigest(digests) != o.sha {
		return false
	}
	gone := make(map[*pendingTorn]bool, len(named))
	for _, p := range named {
		gone[p] = true
	}
	keep := func(ps []*pendingTorn) []*pendingTorn {
		out := ps[:0]
		for _, p := range ps {
			if !gone[p] {
				out = append(out, p)
			}
		}
		return out
	}
	v.older, v.unnamed = keep(v.older), keep(v.unnamed)
	where := "at " + v.lineText(v.pos())
	for i := len(named) - 1; i >= 0; i-- { // newest first, as lastNamed
		v.named(named[i], by, where)
		v.lastNamed[len(v.lastNamed)-1].listed = i - len(named)
	}
	return true
}

// unnamedFragment reports a fragment that the record at the current line
// (of message by, whose checks passed) names (t) and that is not in the
// input before it: its torn member (or an entry of torn_earlier) says a
// line of that many bytes and hash was there. A record on the first line
// of the input is not judged: the fragment is then at the end of a file
// not given, which the chain's missing start already reports.
//
// Nor is a fragment that is the start of one of the last lines read,
// followed by a blank line: a File opened while another File of the same
// log was writing a line reads the line's first bytes at the end of the
// file, and closes them with a newline that lands after the whole line.
// A File looks again just before that write and then names nothing, but
// the line may end between its look and its write (and earlier versions
// did not look again).
func (v *verifier) unnamedFragment(rec auditFields, by string, t tornName) {
	if v.nonBlank <= 1 {
		return
	}
	if v.lastLines.closedStart(int(t.bytes), t.sha) {
		return
	}
	if n, ok := v.namedFrags[t.sha]; ok && n > 0 && n <= v.lastLines.blank {
		// A fragment named already, whose line a blank line followed:
		// two restarts found it at the end of the file, and the one whose
		// newline came second closed nothing (see File.Handler).
		return
	}
	short := t.sha
	if len(short) > 16 {
		short = short[:16] + "…"
	}
	if len(v.justMissing) > 0 && v.justMissing[0].pos != v.pos() {
		v.justMissing = v.justMissing[:0] // another record's
	}
	if len(v.justMissing) < maxUnnamed {
		v.justMissing = append(v.justMissing, missingFragment{name: t, pos: v.pos(), finding: len(v.rep.Findings), by: by})
	}
	v.add(v.line, rec.chain, 0, Missing, "the incomplete line that this %s names (%d bytes, sha256 %s) is not in the input before it: it was removed (the writer leaves a torn line in place, and the record after it names it)", by, t.bytes, short)
}

// resumesAt reports whether val, an audit.start, resumed its chain from
// the record c.
func resumesAt(val chain.Value, c claimedRecord) bool {
	a, _ := val.Get("audit")
	rec, err := parseAudit(a)
	if err != nil || rec.chain != c.chain {
		return false
	}
	r, _ := val.Get("resumed_from")
	seq, _ := r.Get("seq")
	return seq.Kind == chain.Number && seq.Num == float64(c.seq)
}

// closedNamed reports whether val's torn_closed member names the fragment
// of hex SHA-256 sha.
func closedNamed(val chain.Value, sha string) bool {
	e, ok := val.Get(tornClosedKey)
	if !ok || e.Kind != chain.Array {
		return false
	}
	for _, t := range e.Items {
		if s, _ := t.Get("sha256"); s.Kind == chain.String && s.Str == sha {
			return true
		}
	}
	return false
}

// tornName is a fragment that an audit.start or audit.gap names: its
// length and the hex SHA-256 of its bytes.
type tornName struct {
	bytes int64
	sha   string
}

// tornNames returns the fragments that val, an audit.start or audit.gap
// record, names, oldest first: those of its torn_earlier member, then
// the one of its torn member (the newest). Entries without a hash name
// nothing; past maxUnnamed, the older ones are left out.
func tornNames(val chain.Value) []tornName {
	var out []tornName
	add := func(t chain.Value) {
		s, _ := t.Get("sha256")
		n, _ := t.Get("bytes")
		if s.Kind == chain.String && s.Str != "" {
			out = append(out, tornName{bytes: int64(n.Num), sha: s.Str})
		}
	}
	if e, ok := val.Get(tornClosedKey); ok && e.Kind == chain.Array {
		for _, t := range e.Items {
			add(t)
		}
	}
	if e, ok := val.Get(tornEarlierKey); ok && e.Kind == chain.Array {
		for _, t := range e.Items {
			add(t)
		}
	}
	if t, ok := val.Get("torn"); ok {
		add(t)
	}
	if len(out) > maxUnnamed {
		out = out[len(out)-maxUnnamed:]
	}
	return out
}

// lineRing keeps the last lines read, each up to maxRingLine bytes, and
// which of them a blank line followed.
type lineRing struct {
	lines [ringLines][]byte
	nums  [ringLines]int64 // the number of each line, counted from 1
	count int64            // lines put
	blank int64            // the number of the line a blank line last followed
	next  int
}

// ringLines is how many lines a lineRing keeps: the other writers of a
// shared file may append many lines between a File's look at the file's
// end and its write.
const ringLines = 256

// maxRingLine bounds the lines a lineRing keeps: a longer one is kept
// empty.
const maxRingLine = 64 << 10

func (r *lineRing) put(line []byte) {
	slot := r.lines[r.next][:0]
	if len(line) <= maxRingLine {
		slot = append(slot, line...)
	}
	r.count++
	r.lines[r.next], r.nums[r.next] = slot, r.count
	r.next = (r.next + 1) % len(r.lines)
}

// blankLine notes a blank line after the lines put.
func (r *lineRing) blankLine() { r.blank = r.count }

// closedStart reports whether the first n bytes of one of the lines hash
// to sha (hex SHA-256), and a blank line followed that line: what a File
// leaves that, opened while another File of the log was writing that
// line, took the line's first bytes for a torn line, named them, and
// closed them with a newline that came after the whole line.
func (r *lineRing) closedStart(n int, sha string) bool {
	for i, l := range r.lines {
		if n > 0 && len(l) >= n && r.nums[i] <= r.blank {
			sum := sha256.Sum256(l[:n])
			if hex.EncodeToString(sum[:]) == sha {
				return true
			}
		}
	}
	return false
}

// maxNamedFrags bounds the named fragments a verifier remembers.
const maxNamedFrags = 4096

// maxUnnamed bounds the fragments that wait for a record naming them: past
// it, the oldest is reported malformed.
const maxUnnamed = 256

// namedFragment is a fragment that a record named, the index of its torn
// finding, and its place in the record's list of the fragments it names
// (oldest first).
type namedFragment struct {
	p       *pendingTorn
	finding int
	listed  int
}

// fragmentsInOrder turns the torn finding of a fragment that rec (an
// audit.start or audit.gap, of message by, whose checks passed) named
// into a reordered finding when it is not where the writer left it.
//
// A writer leaves a fragment at the end of the file, after every record
// it wrote: the record an audit.start resumed from (the head the File
// read at the end of the file, before the fragments) and, for an
// audit.gap, the record before the first one it declares lost. An
// audit.start may also name another writer's fragment just before the
// record it resumed from, in its torn_closed member: that record's
// newline closed it, and its process crashed before the audit.gap that
// names such a fragment. An
// audit.gap that declares no loss names the fragment of a record of the
// wrapper's own, which took no seq, and other records of its own (a
// seal, another audit.gap) may have been written after the fragment and
// before the gap: it bounds nothing. And the fragments that one record
// names come in the file in the order it lists them.
func (v *verifier) fragmentsInOrder(val chain.Value, rec auditFields, by string) {
	named := v.lastNamed
	// named is newest first in the list: each must come after the one
	// listed before it.
	for i := 1; i < len(named); i++ {
		if newer, older := named[i-1], named[i]; newer.listed > older.listed && newer.p.pos < older.p.pos {
			f := &v.rep.Findings[newer.finding]
			f.Kind, f.Chain = Reordered, rec.chain
			f.Detail = fmt.Sprintf("the incomplete line that the %s at %s names comes before %s, which it lists as older: a writer leaves such lines in the order they were cut; a line was moved", by, v.lineText(v.pos()), v.lineText(older.p.pos))
		}
	}
	st := v.chains[rec.chain]
	if st == nil || rec.seq == 0 {
		return
	}
	var before uint64 // the seq of the record written before the fragments
	if by == MsgStart {
		r, ok := val.Get("resumed_from")
		if !ok {
			return // a new chain: no record of it was written before
		}
		s, _ := r.Get("seq")
		if s.Kind != chain.Number || s.Num < 1 || s.Num >= float64(rec.seq) {
			return
		}
		before = uint64(s.Num)
	} else {
		lost, _ := val.Get("lost")
		first := uint64(0) // the first seq declared lost
		for _, r := range lost.Items {
			from, _ := r.Get("from")
			if from.Kind == chain.Number && from.Num >= 1 && from.Num < float64(rec.seq) && (first == 0 || uint64(from.Num) < first) {
				first = uint64(from.Num)
			}
		}
		if first == 0 {
			return
		}
		before = first - 1
	}
	if before == 0 {
		return
	}
	seen, ok := st.recent.get(before)
	if !ok {
		return
	}
	for _, n := range named {
		if seen.line < n.p.pos || seen.line == n.p.pos && n.p.closer == (claimedRecord{rec.chain, before}) {
			// Written before it, or glued onto it: the record on the
			// fragment's own line, which its writer wrote again after.
			continue
		}
		if by == MsgStart && n.p.closer == (claimedRecord{rec.chain, before}) && closedNamed(val, n.p.sha) {
			// Another writer's fragment, closed by the newline of the
			// record the chain resumed from: its writer crashed right
			// after that write, before naming it (torn_closed).
			continue
		}
		f := &v.rep.Findings[n.finding]
		f.Kind, f.Chain = Reordered, rec.chain
		f.Detail = fmt.Sprintf("the incomplete line that the %s at %s names comes before record %d of chain %s (%s), which was written before it: a writer leaves such a line at the end of the file, after the records it wrote; the line or the records were moved", by, v.lineText(v.pos()), before, rec.chain, v.lineText(seen.line))
	}
}

// namedNow reports whether the record being read named p.
func (v *verifier) namedNow(p *pendingTorn) bool {
	for _, n := range v.lastNamed {
		if n.p == p {
			return true
		}
	}
	return false
}

// named reports the fragment p as torn, named by the record of message by
// at where.
func (v *verifier) named(p *pendingTorn, by, where string) {
	v.lastNamed = append(v.lastNamed, namedFragment{p: p, finding: len(v.rep.Findings)})
	if len(v.namedFrags) < maxNamedFrags {
		if v.namedFrags == nil {
			v.namedFrags = map[string]int64{}
		}
		v.namedFrags[p.sha] = p.ringNum
	}
	f := Finding{File: p.file, Line: p.line, Kind: Torn, Detail: "incomplete line left by a crash, named by the audit.start " + where}
	if by == MsgGap {
		f.Detail = "incomplete line left by a failed write, named by the audit.gap " + where
	}
	v.rep.Findings = append(v.rep.Findings, f)
}

// reportUnnamed reports the malformed line p, which no record named.
func (v *verifier) reportUnnamed(p *pendingTorn) {
	v.unreadableLine(p)
	detail := p.detail
	if p.prefix {
		detail += unnamedFragmentHint
	}
	v.noteCutEnd(p)
	v.rep.Findings = append(v.rep.Findings, Finding{File: p.file, Line: p.line, Kind: Malformed, Detail: detail})
}

// unreadableLine notes that the finding about to be added is about p, a
// line that is not a record: by the record its audit member names, or
// else by its position, for a missing record to be found there changed.
func (v *verifier) unreadableLine(p *pendingTorn) {
	if c := p.claim; c != nil && len(v.unreadable) < window {
		if v.unreadable == nil {
			v.unreadable = map[claimedRecord]int{}
		}
		v.unreadable[*c] = len(v.rep.Findings)
	}
	if p.claim == nil {
		v.unreadLine(p.pos)
	}
}

// namerOf returns the message of val when it is a record that names torn
// lines (MsgStart or MsgGap), or "". A record whose message was changed
// still names them when it carries their names, by the members of the
// record it was (an audit.gap's lost, else an audit.start's): its own
// finding says it was changed, and the lines it names are not reported
// besides.
func namerOf(val chain.Value) string {
	msg, _ := val.Get("msg")
	switch {
	case msg.Str == MsgStart || msg.Str == MsgGap:
		return msg.Str
	case len(tornNames(val)) == 0:
		return ""
	}
	if _, ok := val.Get("lost"); ok {
		return MsgGap
	}
	return MsgStart
}

// changedHint ends the finding of a line that was changed after it was
// written.
const changedHint = ": it was changed after it was written"

// unnamedFragmentHint ends the finding of the first bytes of a record
// that no audit.start or audit.gap names.
const unnamedFragmentHint = "; no audit.start or audit.gap names this incomplete line: a line inserted, or a crash's fragment that the writer which resumed the log did not name (over a File, resume with File.Handler, or with New given WithResume(head) with a head from File.Heads, or WithTorn(af.Torns()...))"

// copyOfNamer reports whether val, a record that names the fragment of
// hash ack, is the record that named it before (a copy of it).
func (v *verifier) copyOfNamer(val chain.Value, ack string) bool {
	if len(v.namedBy) == 0 {
		return false
	}
	a, _ := val.Get("audit")
	rec, err := parseAudit(a)
	return err == nil && v.namedBy[namer{ack, claimedRecord{rec.chain, rec.seq}}]
}

// namer is a record that named a fragment, and the fragment's SHA-256.
type namer struct {
	sha string
	by  claimedRecord
}

// claimedRecord is the chain and seq that the audit member of a line that
// does not parse names.
type claimedRecord struct {
	chain string
	seq   uint64
}

// claimed returns the record that raw, a line that does not parse, names
// in an audit member that does, or nil.
func (v *verifier) claimed(raw []byte) *claimedRecord {
	i := bytes.LastIndex(raw, []byte(`"audit":{`))
	if i < 0 {
		return nil
	}
	member := raw[i+len(`"audit":`):]
	j := bytes.IndexByte(member, '}')
	if j < 0 {
		return nil
	}
	val, err := v.parser.Parse(member[:j+1])
	if err != nil {
		return nil
	}
	rec, err := parseAudit(val)
	if err != nil {
		return nil
	}
	return &claimedRecord{rec.chain, rec.seq}
}

// unreadableAt turns the malformed finding of the line that names the
// missing record seq of chain id into a modified finding of that record,
// and reports whether there was one: the record is there, changed so that
// it no longer parses, not removed.
func (v *verifier) unreadableAt(id string, seq uint64) bool {
	i, ok := v.unreadable[claimedRecord{id, seq}]
	if !ok {
		return false
	}
	delete(v.unreadable, claimedRecord{id, seq})
	f := &v.rep.Findings[i]
	f.Kind, f.Chain, f.Seq = Modified, id, seq
	detail := strings.TrimSuffix(strings.TrimSuffix(f.Detail, unnamedFragmentHint), changedHint)
	f.Detail = fmt.Sprintf("the line of record %d no longer reads as a record (%s)%s", seq, detail, changedHint)
	return true
}

// maxUnreadableRun bounds the unreadable lines a failed record may follow
// and still hold its place (link).
const maxUnreadableRun = 16

// unreadableSeqs reports whether each of the records from to to of chain
// id is named by a line that no longer reads as a record.
func (v *verifier) unreadableSeqs(id string, from, to uint64) bool {
	if to < from || to-from >= maxUnreadableRun {
		return false
	}
	for s := from; s <= to; s++ {
		if _, ok := v.unreadable[claimedRecord{id, s}]; !ok {
			return false
		}
	}
	return true
}

// record checks one line.
func (v *verifier) record(line []byte, torn bool) {
	raw := bytes.TrimRight(line, "\r\n")
	if len(bytes.TrimSpace(raw)) == 0 {
		v.lastLines.blankLine()
		return
	}
	// exact is the line as written, without only its line end: a File
	// line is these bytes. A carriage return before the newline is taken
	// as part of the line end here; lineEnd says whether it was one.
	exact := bytes.TrimSuffix(line, []byte("\n"))
	if len(exact) < len(line) {
		exact = bytes.TrimSuffix(exact, []byte("\r"))
	}
	v.nonBlank++
	v.lastLines.put(raw)
	var copied []byte // the copy of a glued record that this line ends with
	if !v.glued {
		var whole bool
		if copied, whole = v.takeCopy(line); whole {
			return // checked where it was glued
		}
	}
	// A File line starts with the members whose names sort before
	// "audit", never with "time": a line that does is another handler's.
	// After a record that the next may show renamed (renamedFirst), the
	// next line takes the full path.
	if v.renamed == nil && (canonicalLines && !bytes.HasPrefix(raw, []byte(`{"time":`)) && v.canonicalRecord(exact) || recodeLines && v.recodedRecord(raw)) {
		return
	}
	val, err := v.parser.Parse(raw)
	if err != nil || val.Kind != chain.Object {
		if i, rec := v.gluedAt(raw, err); i > 0 {
			// A record appended to a torn line that was not closed: the
			// record is checked, and the fragment is reported malformed,
			// unless a later line is the record's copy (see gluedRecord).
			v.flushTorn("", "")
			sum := sha256.Sum256(raw[:i])
			v.addGlued(gluedRecord{
				frag: &pendingTorn{file: v.file, line: v.line, pos: v.pos(), sha: hex.EncodeToString(sum[:]), bytes: i, prefix: true,
					detail: fmt.Sprintf("an incomplete line of %d bytes with a record glued onto it at byte %d: its writer appended to a torn line without closing it (a File closes it, and its audit.start names it)", i, i+1),
					closer: rec},
				copy: append([]byte(nil), line[i:]...),
			})
			if copied != nil && bytes.Equal(line[i:], copied) {
				return // the copy of a record glued onto a fragment, glued onto another
			}
			v.glued = true
			v.record(line[i:], torn)
			v.glued = false
			return
		}
		detail := "not a JSON object"
		if err != nil {
			detail = err.Error()
		}
		if torn {
			detail = "torn last line (the writer stopped mid-record): " + detail
		}
		if p := v.torn; p != nil && p.prefix && namesFragment(raw, p) {
			// The record that named the fragment before it, changed so
			// that it no longer parses: its own finding says so.
			v.torn = nil
			v.named(p, MsgStart, "that follows (changed)")
		}
		v.flushTorn("", "")
		sum := sha256.Sum256(raw)
		if v.swappedFragment(hex.EncodeToString(sum[:]), len(raw)) {
			return
		}
		v.torn = &pendingTorn{file: v.file, line: v.line, pos: v.pos(), sha: hex.EncodeToString(sum[:]), detail: detail, bytes: len(raw), unterminated: torn, prefix: jsonPrefix(raw), claim: v.claimed(raw), ringNum: v.lastLines.count}
		return
	}
	var acks []tornName
	by := ""
	if by = namerOf(val); by != "" {
		acks = tornNames(val)
		if len(acks) > 0 && v.copyOfNamer(val, acks[len(acks)-1].sha) {
			// A copy of the record that named these fragments: it names
			// no other fragments of the same bytes, and the ones it
			// names are there.
			acks = nil
		}
	}
	if by == MsgStart {
		v.gluedNamedByStart(val)
	}
	// A malformed line waiting for a record to name it (or the fragment
	// this record is glued onto) is reported as such when this one names
	// another hash: a fragment that was changed. A named fragment that is
	// not in the input, beyond those that may have been changed into the
	// ones still waiting, was removed (unnamedFragment).
	v.lastNamed = v.lastNamed[:0]
	var missing []tornName
	pending := v.torn // the line just before, which may be a changed fragment
	if pending != nil {
		if a, ok := val.Get("audit"); ok {
			if r, err := parseAudit(a); err == nil {
				pending.closer = claimedRecord{r.chain, r.seq}
				pending.closerNames = len(acks) > 0
				v.noteCloserAfter(pending)
			}
		}
	}
	if len(acks) == 0 {
		v.flushTorn("", "")
	}
	for i := len(acks) - 1; i >= 0; i-- { // newest first: the line just before
		if v.flushTorn(acks[i].sha, by) {
			v.lastNamed[len(v.lastNamed)-1].listed = i
		} else {
			missing = append(missing, acks[i])
		}
	}
	var olderMissing, olderNamed int
	if o, ok := tornOlderOf(val); ok && len(acks) > 0 && !v.nameOlder(o, by) {
		if n := len(v.older) + len(v.unnamed); n < o.count {
			// Fewer fragments wait than it names: some were removed (the
			// others changed, reported malformed).
			olderMissing, olderNamed = o.count-n, o.count
		}
	}
	waiting := len(v.unnamed) // changed fragments, if not named later
	if v.glued || pending != nil && !pending.prefix && !v.namedNow(pending) {
		waiting++ // reported malformed already
	}
	missing = missing[:max(0, len(missing)-waiting)]
	a, ok := val.Get("audit")
	if !ok || a.Kind != chain.Object {
		if group, rec, ok := nestedAudit(val, 0); ok {
			v.add(v.line, rec.chain, rec.seq, Malformed, "the audit member is inside group %q, not at the top level: the handler that Wrap wrapped had that group open (slog.NewJSONHandler(…).WithGroup before Wrap, or a ReplaceAttr that moves it), so every record it wrote is out of its form; wrap the handler itself and call WithGroup on the Handler that Wrap returns", group)
			return
		}
		v.unreadLine(v.pos())
		v.add(v.line, "", 0, Inserted, "no audit member: this line was not written by slogaudit")
		return
	}
	rec, err := parseAudit(a)
	if err != nil {
		if rec.chain != "" && rec.seq > 0 && len(v.unreadable) < window {
			// It still names its record: if that record is missing,
			// this is its line, changed (a hash's digit, say), not a
			// removal.
			if v.unreadable == nil {
				v.unreadable = map[claimedRecord]int{}
			}
			v.unreadable[claimedRecord{rec.chain, rec.seq}] = len(v.rep.Findings)
		} else {
			// It names no record: where a record is missing between the
			// records around it, it is that record's line, changed
			// (unreadableRun).
			v.unreadLine(v.pos())
		}
		v.add(v.line, rec.chain, rec.seq, Malformed, "audit member: %v", err)
		return
	}
	v.rep.Records++
	v.buf = chain.AppendCanonicalWithout(v.buf[:0], val, "audit")
	content := v.buf
	contentHash := rec.version.Link(rec.chain, rec.seq, rec.prev, content)
	rec.hashOK = contentHash == rec.hash
	bad := -1 // the first byte of invalid UTF-8, from v2 on
	if rec.version >= chain.V2 && !utf8.Valid(raw) {
		bad = firstInvalidUTF8(raw)
		rec.hashOK = false
	}
	// recoded: the first byte where a File line differs from its canonical
	// form. Its hash still says where it belongs in the chain.
	recoded := -1
	if rec.hashOK && fileForm(a) {
		v.canon = chain.AppendCanonical(v.canon[:0], val)
		if !bytes.Equal(v.canon, exact) {
			recoded = firstDiff(v.canon, exact)
		} else if bad < 0 {
			v.fileLine, v.isFileLine = claimedRecord{rec.chain, rec.seq}, true
		}
	}
	// A record whose one audit member was changed is counted and
	// reported where it belongs: under its own chain and seq.
	var edit string
	if !rec.hashOK && bad < 0 {
		if detail, edited := v.memberEdit(&rec, content); edited {
			edit, contentHash = detail, rec.hash // the hash was never the member changed
		} else if detail, edited := versionEdit(&rec, content); edited {
			edit, contentHash = detail, rec.hash
		} else if detail, edited := v.hashMemberEdit(&rec, contentHash); edited {
			edit = detail
		}
	}
	v.checks.chain(rec.chain).Hashes.count(!rec.hashOK || recoded >= 0)
	modified := -1 // the index of a plain content-mismatch finding
	badUTF8 := -1  // the index of an invalid UTF-8 finding
	switch {
	case bad >= 0:
		badUTF8 = len(v.rep.Findings)
		v.add(v.line, rec.chain, rec.seq, Modified, "invalid UTF-8 at byte %d: a %s line is written as valid UTF-8", bad+1, rec.version)
	case recoded >= 0:
		v.add(v.line, rec.chain, rec.seq, Modified, "the line was re-encoded (byte %d differs from its canonical form): a File writes each record as its exact RFC 8785 form, so a change of spacing, escapes, number form, member order or line ending is a change of the record", recoded+1)
	case edit != "":
		v.add(v.line, rec.chain, rec.seq, Modified, "%s", edit)
	case !rec.hashOK:
		modified = len(v.rep.Findings)
		v.add(v.line, rec.chain, rec.seq, Modified, "content does not match its hash")
	}
	rec.content = contentHash
	macOK := v.checkMAC(rec)
	rec.macFailed = !macOK
	v.renamedFirst(&rec, content, modified, macOK)
	ok = macOK && rec.hashOK && recoded < 0
	if len(v.lastNamed) > 0 {
		if ok {
			v.fragmentsInOrder(val, rec, by)
		}
		if v.namedBy == nil {
			v.namedBy = map[namer]bool{}
		}
		if len(v.namedBy) < window {
			v.namedBy[namer{acks[len(acks)-1].sha, claimedRecord{rec.chain, rec.seq}}] = true
		}
	}
	if ok {
		for _, m := range missing {
			v.unnamedFragment(rec, by, m)
		}
		if olderMissing > 0 && v.nonBlank > 1 {
			v.add(v.line, rec.chain, 0, Missing, "%d of the %d oldest incomplete lines that this %s names by count and hash (%s) are not in the input before it: removed (the writer leaves torn lines in place, and the record after them names them)", olderMissing, olderNamed, by, tornOlderKey)
		}
	}
	if msg, _ := val.Get("msg"); msg.Str == MsgCheckpoint {
		n := len(v.rep.Findings)
		v.inBand(val, rec) // before the record joins the tree that its note signs
		if len(v.rep.Findings) > n && modified >= 0 {
			// Its checkpoint is what was changed, and its finding says
			// so: the record is not reported modified besides.
			v.withdrawn = append(v.withdrawn, modified)
		}
		if len(v.rep.Findings) > n && badUTF8 >= 0 {
			// Its note no longer reads because a byte of it was changed
			// into invalid UTF-8, which the record's finding names: the
			// checkpoint is not reported besides.
			for i := n; i < len(v.rep.Findings); i++ {
				v.withdrawn = append(v.withdrawn, i)
			}
		}
		if ok {
			v.publishedInFile(val, rec)
		}
	}
	if st, placed := v.link(rec, ok); placed {
		v.followEpoch(st, rec, val, ok)
		v.followKey(st, rec, val, ok)
	} else if st != nil && st.lateSeq == rec.seq {
		v.lateSeal(st, rec, val, ok)
	}
	if msg, _ := val.Get("msg"); msg.Str == MsgStart && rec.seq > 1 {
		v.add(v.line, rec.chain, rec.seq, Restart, "a process resumed the chain after seq %d", rec.seq-1)
	}
	if msg, _ := val.Get("msg"); msg.Str == MsgRetention && ok {
		v.retention(val)
	}
	if msg, _ := val.Get("msg"); msg.Str == MsgGap && ok {
		v.declare(val, rec)
	}
}

// nestedAudit finds an audit member a few groups down in val, a record
// without one at the top level, and returns the names of the groups
// (joined with ".") and what it says. The work is bounded by the size of
// the record.
func nestedAudit(val chain.Value, depth int) (string, auditFields, bool) {
	if depth >= 4 {
		return "", auditFields{}, false
	}
	for _, m := range val.Members {
		if m.Value.Kind != chain.Object {
			continue
		}
		if a, ok := m.Value.Get("audit"); ok && a.Kind == chain.Object {
			if rec, err := parseAudit(a); err == nil {
				return m.Name, rec, true
			}
		}
		if g, rec, ok := nestedAudit(m.Value, depth+1); ok {
			return m.Name + "." + g, rec, true
		}
	}
	return "", auditFields{}, false
}

// gluedAt returns where a whole audit record starts in raw, a line that
// did not parse (err), after the first bytes of another JSON object (see
// jsonPrefix): what a writer leaves that appends a record to a torn line
// without closing it, and the record's chain and seq. It returns -1 for
// any other line.
func (v *verifier) gluedAt(raw []byte, err error) (int, claimedRecord) {
	if !errors.Is(err, chain.ErrSyntax) {
		return -1, claimedRecord{}
	}
	return splitGlued(&v.parser, raw)
}

// splitGlued returns where a whole audit record starts in raw, a line
// that does not parse, after the first bytes of other JSON objects (see
// fragmentRun), and the record's chain and seq; -1 when raw is no such
// line.
func splitGlued(p *chain.Parser, raw []byte) (int, claimedRecord) {
	if len(raw) == 0 || raw[0] != '{' {
		return -1, claimedRecord{}
	}
	i := lastObjectStart(raw)
	if i <= 0 {
		return -1, claimedRecord{}
	}
	val, err := p.Parse(raw[i:])
	if err != nil {
		return -1, claimedRecord{}
	}
	a, ok := val.Get("audit")
	if !ok || a.Kind != chain.Object || !fragmentRun(raw[:i]) {
		return -1, claimedRecord{}
	}
	rec, _ := parseAudit(a)
	return i, claimedRecord{rec.chain, rec.seq}
}

// lastObjectStart returns where the JSON object that ends raw starts, or
// -1. It reads raw backwards once: in valid JSON a quote that follows an
// even number of backslashes opens or closes a string, and the brackets
// outside strings nest.
func lastObjectStart(raw []byte) int {
	if raw[len(raw)-1] != '}' {
		return -1
	}
	depth, inString := 0, false
	for j := len(raw) - 1; j >= 0; j-- {
		switch c := raw[j]; {
		case c == '"':
			n := 0
			for k := j - 1; k >= 0 && raw[k] == '\\'; k-- {
				n++
			}
			if n%2 == 0 {
				inString = !inString
			}
		case inString:
		case c == '}' || c == ']':
			depth++
		case c == '{' || c == '[':
			depth--
			if depth == 0 {
				return j
			}
			if depth < 0 {
				return -1
			}
		}
	}
	return -1
}

type auditFields struct {
	hashOK     bool // the content matches the hash (set by the verifier)
	version    chain.Version
	chain      string
	seq        uint64
	prev, hash chain.Hash
	mac        chain.Hash
	hasMAC     bool
	keyID      string
	epoch      uint64
	hasEpoch   bool // the audit member names an epoch (WithSealing)
	// content is the link hash of the record's content (set by the
	// verifier when its hash check fails), and macFailed says that its
	// MAC did not verify.
	content   chain.Hash
	macFailed bool
}

func parseAudit(a chain.Value) (auditFields, error) {
	var f auditFields
	str := func(name string) (string, bool) {
		m, ok := a.Get(name)
		return m.Str, ok && m.Kind == chain.String
	}
	var err error
	if f.version, err = chain.ParseVersion(a); err != nil {
		return f, err
	}
	for _, m := range a.Members {
		if !f.version.AuditMember(m.Name) {
			return f, fmt.Errorf("unknown member %q: the audit member of a %s record holds only what the writer puts there", m.Name, f.version)
		}
	}
	var ok bool
	if f.chain, ok = str("chain"); !ok || f.chain == "" {
		return f, errors.New("missing chain")
	}
	seq, ok := a.Get("seq")
	if !ok || seq.Kind != chain.Number || seq.Num < 1 || seq.Num != float64(uint64(seq.Num)) {
		return f, errors.New("missing or invalid seq")
	}
	f.seq = uint64(seq.Num)
	for _, h := range []struct {
		name string
		dst  *chain.Hash
	}{{"prev", &f.prev}, {"hash", &f.hash}} {
		s, ok := str(h.name)
		if !ok {
			return f, fmt.Errorf("missing %s", h.name)
		}
		if *h.dst, err = f.version.ParseHash(s); err != nil {
			return f, fmt.Errorf("%s: %w", h.name, err)
		}
	}
	if s, ok := str("mac"); ok {
		if f.mac, err = f.version.ParseHash(s); err != nil {
			return f, fmt.Errorf("mac: %w", err)
		}
		f.hasMAC = true
		f.keyID, _ = str("key")
		if err := chain.ValidKeyID(f.keyID); err != nil {
			return f, err
		}
	}
	if e, ok := a.Get("epoch"); ok {
		if e.Kind != chain.Number || e.Num < 0 || e.Num != float64(uint64(e.Num)) || e.Num > chain.MaxEpoch {
			return f, fmt.Errorf("invalid epoch: want an integer from 0 to %d", chain.MaxEpoch)
		}
		f.epoch, f.hasEpoch = uint64(e.Num), true
	}
	return f, nil
}

// link places a record in its chain. Records that failed an integrity
// check (ok false) are reported already and do not move the chain. It
// reports whether the record became the chain's head.
func (v *verifier) link(rec auditFields, ok bool) (*chainState, bool) {
	v.gluedWithoutCopy(rec.chain)
	st := v.chains[rec.chain]
	if st == nil {
		st = &chainState{missing: map[uint64]int64{}}
		v.chains[rec.chain] = st
	}
	// A record that failed its hash or MAC check (already reported) still
	// holds its place when its seq and prev fit, so that the records after
	// it are not reported missing.
	// So does a first record whose hash is right: with a wrong key every
	// MAC fails, and the chain must still be followed to say so once; and
	// a chain's first record, seq 1 from the genesis, whatever failed: its
	// place is certain, and the chain does not then start at seq 2 with
	// seq 1 missing. (A record that only claims that place is put aside
	// by the one the chain continues from, as for any second record of one
	// seq.)
	// Any other first record that failed holds its place once the next
	// record links to it: the chain starts there, and a chain whose
	// first records were pruned, or are in a file not given, is not
	// reported missing one record more (nor the retention record's
	// explanation lost).
	first := !st.started && rec.seq == 1 && rec.prev == chain.Genesis(rec.chain)
	// The next seq after a head whose hash member was changed (it links to
	// the head's content), or after a head rewritten with its hash
	// recomputed (nothing links to it), fits as well as after an intact
	// head: the head's finding names that break.
	next := st.started && rec.seq == st.seq+1 && (rec.prev == st.hash || st.contentSet && rec.prev == st.content || st.headForged)
	// So does a seq after lines that name the seqs between as theirs but
	// no longer read as records: those are the records in between,
	// changed (unreadableAt), not missing.
	next = next || st.started && rec.seq > st.seq+1 && v.unreadableSeqs(rec.chain, st.seq+1, rec.seq-1)
	if !ok && !next && !(!st.started && rec.hashOK) && !first {
		if !st.started {
			if n := len(st.failedFirst); n > 0 && n < window && rec.seq == st.failedFirst[n-1].rec.seq+1 && rec.prev == st.failedFirst[n-1].rec.hash {
				st.failedFirst = append(st.failedFirst, failedFirst{rec, v.pos()})
			} else {
				st.failedFirst = append(st.failedFirst[:0], failedFirst{rec, v.pos()})
			}
		}
		return st, false
	}
	if fs := st.failedFirst; len(fs) > 0 {
		st.failedFirst = nil
		if last := fs[len(fs)-1]; !st.started && rec.seq == last.rec.seq+1 && rec.prev == last.rec.hash {
			v.startChain(st, fs[0].rec, fs[0].pos)
			for _, f := range fs {
				st.seq, st.hash, st.line = f.rec.seq, f.rec.hash, f.pos
				v.growTree(st, f.rec)
				st.recent.put(f.rec.seq, seen{f.rec.hash, f.pos})
				st.sum.Records++
				st.sum.Last = f.rec.seq
			}
		}
	}
	// A pending fork: the record after it decides which of the two belongs.
	if alt := st.alt; alt != nil {
		st.alt = nil
		if rec.seq == alt.seq+1 && rec.prev == alt.hash && rec.prev != st.hash {
			v.addAt(st.line, rec.chain, alt.seq, Inserted, "does not link to the records after it")
			st.hash, st.line = alt.hash, alt.line
			st.contentSet, st.headForged, st.headKeyed = false, false, false
			st.recent.put(alt.seq, seen{alt.hash, alt.line})
		} else {
			v.addAt(alt.line, rec.chain, alt.seq, Inserted, "a second record with seq %d that the chain does not continue from", alt.seq)
		}
	}
	switch {
	case !st.started:
		v.startChain(st, rec, v.pos())
	case rec.seq == st.seq+1 && rec.prev == st.hash:
		// The expected next record.
		v.grewBreak(st)
	case rec.seq == st.seq+1 && v.hashEdited(st, rec):
		// The head's hash member was changed, not its content.
		st.brk = nil
	case rec.seq == st.seq+1 && st.headForged:
		// The head's content matches its hash but its MAC fails: it was
		// rewritten with its hash recomputed, so the record after it no
		// longer links to it. That break is the head's, reported there.
		st.brk = nil
	case rec.seq == st.seq+1 && v.replacedRun(st, rec):
		// The records since the last break replaced the chain's own, which
		// this one goes on from.
		st.leafUnsure, st.failed = true, nil
	case rec.seq == st.seq+1:
		if _, ok := st.recent.get(rec.seq - 1); ok {
			v.add(v.line, rec.chain, rec.seq, Inserted, "does not link to the record before it")
			v.openBreak(st, rec)
		}
	case rec.seq > st.seq+1:
		st.brk = nil
		// The records missing after a seal were of the epoch it names.
		epoch := st.epochs.epoch
		if st.epochs.sealed {
			epoch = st.epochs.next
		}
		run := seqRun{from: st.seq + 1, to: rec.seq - 1, line: v.pos(), epoch: epoch, hasEpoch: st.epochs.seen}
		for s := st.seq + 1; s < rec.seq && len(st.missing) < window; s++ {
			st.missing[s] = v.pos()
			run.tracked++
		}
		st.gaps = append(st.gaps, run)
		v.skipped(st, run.tracked)
	case rec.seq <= st.seq:
		if prev, ok := st.recent.get(rec.seq); ok && prev.hash == rec.hash {
			v.duplicated(rec, prev.line)
			return st, false
		}
		if _, ok := st.missing[rec.seq]; ok {
			st.lateSeq = rec.seq
			delete(st.missing, rec.seq)
			v.add(v.line, rec.chain, rec.seq, Reordered, "appears after seq %d", st.seq)
			v.cameLate(rec.chain, st, rec.seq)
			st.recent.put(rec.seq, seen{rec.hash, v.pos()})
			st.sum.Records++
			return st, false
		}
		if g := st.gap; g != nil && rec.seq < g.seq && len(st.before) < window {
			// Before the first record seen: decided at the end, when the
			// records held back that link up to it are known to have
			// been moved after it.
			st.before = append(st.before, heldBack{seq: rec.seq, prev: rec.prev, hash: rec.hash, line: v.pos(), head: st.seq})
			return st, false
		}
		if rec.seq == st.seq {
			if p, ok := st.recent.get(rec.seq - 1); (ok && p.hash == rec.prev) || (rec.seq == 1 && rec.prev == chain.Genesis(rec.chain)) {
				st.alt = &altRecord{rec.seq, rec.prev, rec.hash, v.pos()}
				return st, false
			}
		}
		v.behindHead(v.pos(), rec.chain, rec.seq, st.seq)
		return st, false
	}
	st.seq, st.hash, st.line = rec.seq, rec.hash, v.pos()
	st.content, st.contentSet = rec.content, !rec.hashOK && rec.content != rec.hash
	st.headForged = rec.hashOK && rec.macFailed
	st.headKeyed = ok && (v.opts.Keys != nil || v.opts.Key != nil)
	v.growTree(st, rec)
	st.recent.put(rec.seq, seen{rec.hash, v.pos()})
	st.sum.Records++
	st.sum.Last = rec.seq
	v.placedInStretch(rec.chain, st, rec.seq)
	if g := st.gap; g != nil && v.pos() != g.line && len(st.startRun) < maxMoves {
		st.startRun = append(st.startRun, moved{rec.seq, v.pos(), -1})
	}
	for _, cp := range v.cps[rec.chain] {
		if cp.Seq != rec.seq {
			continue
		}
		if cp.Hash != rec.hash && !ok {
			continue // this record's own finding says why
		}
		v.checks.chain(rec.chain).Checkpoints.count(cp.Hash != rec.hash)
		if cp.Hash != rec.hash {
			v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "the checkpoint file signed another hash for seq %d: this record, or one before it, is not the one signed", rec.seq)
		} else if cp.Seq > st.sum.Covered {
			st.sum.Covered = cp.Seq
		}
	}
	return st, true
}

// startChain starts the chain at rec, the first record of it placed, at
// position pos.
func (v *verifier) startChain(st *chainState, rec auditFields, pos int64) {
	st.started = true
	st.sum.First = rec.seq
	if rec.seq == 1 && rec.prev != chain.Genesis(rec.chain) {
		v.addAt(pos, rec.chain, rec.seq, Inserted, "first record does not start from the chain's genesis")
	}
	if rec.seq > 1 {
		st.gap = &startGap{line: pos, seq: rec.seq, prev: rec.prev}
	}
}

// declare remembers the losses that an audit.gap record (whose hash and
// MAC verified) declares. A record declares only seqs before its own.
func (v *verifier) declare(val chain.Value, rec auditFields) {
	st := v.chains[rec.chain]
	if st == nil {
		return
	}
	lost, _ := val.Get("lost")
	for _, r := range lost.Items {
		from, _ := r.Get("from")
		to, _ := r.Get("to")
		reason, _ := r.Get("reason")
		if from.Kind != chain.Number || to.Kind != chain.Number || from.Num < 1 || to.Num < from.Num || to.Num >= float64(rec.seq) {
			v.add(v.line, rec.chain, rec.seq, Malformed, "%s record with an invalid range", MsgGap)
			continue
		}
		st.declared = append(st.declared, declaredRun{GapRange{uint64(from.Num), uint64(to.Num), reason.Str}, v.pos(), rec.epoch, rec.hasEpoch})
	}
}

// declaredAt returns the declaration that covers seq, if any.
func (st *chainState) declaredAt(seq uint64) (declaredRun, bool) {
	for _, d := range st.declared {
		if d.From <= seq && seq <= d.To {
			return d, true
		}
	}
	return declaredRun{}, false
}

// declaredIn is declaredAt for a seq of gap g: under sealing, only a
// declaration made in the epoch before the gap counts, since the writer
// declares every loss before it seals; a later epoch's key holder (an
// intruder) cannot explain away records it removed from a sealed epoch.
func (st *chainState) declaredIn(seq uint64, g seqRun) (declaredRun, bool) {
	d, ok := st.declaredAt(seq)
	if ok && g.hasEpoch && (!d.hasEpoch || d.epoch != g.epoch) {
		return declaredRun{}, false
	}
	return d, ok
}

// reportGaps reports every gap in the chain: runs that audit.gap records
// declare as information, the rest as missing.
func (v *verifier) reportGaps(id string, st *chainState) {
	var run *declaredRun // consecutive declared seqs with one reason
	var runLine int64
	// gone: consecutive seqs missing, undeclared, found at one line:
	// adjacent lines removed, or a rotated file (or the end of one), one
	// finding.
	var gone *missingRun
	emitGone := func() {
		if gone != nil {
			v.addMissingRun(id, gone)
			gone = nil
		}
	}
	emit := func() {
		emitGone()
		if run != nil {
			v.addAt(runLine, id, run.From, Gap, "records %d to %d lost by the writer: %s (declared by the %s record at %s)", run.From, run.To, run.Reason, MsgGap, v.lineText(run.line))
			run = nil
		}
	}
	for _, g := range st.gaps {
		if v.cutGap(id, st, g) {
			continue
		}
		if before, ok := st.recent.get(g.from - 1); ok && g.tracked == g.to-g.from+1 && v.unreadableRun(id, g.from, g.to, before.line+1, g.line) {
			continue
		}
		for s := g.from; s <= g.to; s++ {
			if s >= g.from+g.tracked {
				// Beyond what the verifier tracks one by one: one finding
				// for the rest of the gap, or the run before it goes on.
				d, declared := st.declaredIn(s, g)
				if !declared && run == nil && gone != nil && gone.to+1 == s && gone.line == g.line {
					gone.to = g.to
					emitGone()
					break
				}
				emit()
				if ok := declared; ok && d.To >= g.to {
					v.addAt(g.line, id, s, Gap, "records %d to %d lost by the writer: %s (declared by the %s record at %s)", s, g.to, d.Reason, MsgGap, v.lineText(d.line))
				} else {
					v.addAt(g.line, id, s, Missing, "records %d to %d are not in the input", s, g.to)
				}
				break
			}
			line, stillMissing := st.missing[s]
			if !stillMissing {
				emit() // found later (reordered), reported then
				continue
			}
			d, ok := st.declaredIn(s, g)
			if !ok {
				if run != nil {
					emit()
				}
				switch {
				case v.unreadableAt(id, s):
					emitGone()
				case gone != nil && gone.to+1 == s && gone.line == line:
					gone.to = s
				default:
					emitGone()
					gone = &missingRun{from: s, to: s, line: line}
				}
				continue
			}
			if run != nil && run.Reason == d.Reason && run.line == d.line && run.To+1 == s {
				run.To = s
				continue
			}
			emit()
			run, runLine = &declaredRun{GapRange: GapRange{From: s, To: s, Reason: d.Reason}, line: d.line}, line
		}
		emit()
	}
}

// retention remembers where a retention record says pruned files ended.
func (v *verifier) retention(val chain.Value) {
	ends, _ := val.Get("ends_at")
	for _, m := range ends.Members {
		seq, _ := m.Value.Get("seq")
		hs, _ := m.Value.Get("hash")
		h, err := chain.ParseHash(hs.Str)
		if err != nil || seq.Kind != chain.Number {
			continue
		}
		st := v.chains[m.Name]
		if st == nil {
			st = &chainState{missing: map[uint64]int64{}}
			v.chains[m.Name] = st
		}
		st.prunedTo = append(st.prunedTo, Head{Chain: m.Name, Seq: uint64(seq.Num), Hash: h})
		st.prunedAt = v.pos()
	}
}

// prunedSeq returns the newest seq of the chain that a retention record
// says was in a removed file: 0 when none.
func (st *chainState) prunedSeq() uint64 {
	var seq uint64
	if st != nil {
		for _, p := range st.prunedTo {
			seq = max(seq, p.Seq)
		}
	}
	return seq
}

// inBand checks a checkpoint record's signature and the head it names.
func (v *verifier) inBand(val chain.Value, rec auditFields) {
	g, ok := val.Get("checkpoint")
	if !ok {
		v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "checkpoint record without a checkpoint group")
		return
	}
	if _, ok := g.Get("note"); ok {
		v.inBandNote(g, rec)
		return
	}
	cp, err := chain.ParseCheckpoint(g)
	if err != nil {
		v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "%v", err)
		return
	}
	if len(v.opts.publicKeys()) > 0 && !v.checkSignature(cp, Finding{File: v.file, Line: v.line, Chain: rec.chain, Seq: rec.seq}) {
		return
	}
	if st := v.chains[rec.chain]; st != nil {
		if s, ok := st.recent.get(cp.Seq); ok && s.hash != cp.Hash {
			v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "signed hash for seq %d differs from the record's", cp.Seq)
		}
	}
}

func (v *verifier) finish() (Report, error) {
	v.endLineEnds()
	v.flushTornTail()
	ids := make([]string, 0, len(v.chains))
	for id := range v.chains {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	v.foreignRuns(ids)
	for _, id := range ids {
		st := v.chains[id]
		v.settleMoves(id, st)
		v.settleBreak(id, st)
		v.placeBefore(id, st)
		if g := st.gap; g != nil {
			explained := false
			for _, p := range st.prunedTo {
				if p.Seq == g.seq-1 && p.Hash == g.prev {
					explained = true
				}
			}
			declaredFrom := func(from uint64) bool {
				declared := true
				for s := from; s < g.seq && declared; {
					d, ok := st.declaredAt(s)
					declared = ok
					s = d.To + 1
				}
				return declared
			}
			declared := declaredFrom(1)
			p := st.prunedSeq()
			switch {
			case explained:
				v.addAt(g.line, id, g.seq, Pruned, "records 1 to %d were removed by retention, as the retention.applied record states", g.seq-1)
			case declared:
				v.addAt(g.line, id, 1, Gap, "records 1 to %d lost by the writer, as %s records declare", g.seq-1, MsgGap)
			case p > 0 && p < g.seq-1:
				// Retention removed the oldest files, and the records
				// after those are not all there.
				v.addAt(g.line, id, 1, Pruned, "records 1 to %d were removed by retention, as the retention.applied record states", p)
				if declaredFrom(p + 1) {
					v.addAt(g.line, id, p+1, Gap, "records %d to %d lost by the writer, as %s records declare", p+1, g.seq-1, MsgGap)
				} else {
					v.addAt(g.line, id, p+1, Missing, "chain starts at seq %d: records %d to %d are not in the input, and retention removed only those up to %d (verify rotated files together)", g.seq, p+1, g.seq-1, p)
				}
			default:
				// The first records' lines may be there, changed so
				// that they no longer read as records.
				first := uint64(1)
				for first < g.seq && v.unreadableAt(id, first) {
					first++
				}
				if first < g.seq && g.line-int64(g.seq-first) >= 1 && v.unreadableRun(id, first, g.seq-1, g.line-int64(g.seq-first), g.line) {
					first = g.seq
				}
				if first < g.seq {
					v.addAt(g.line, id, first, Missing, "chain starts at seq %d: records %d to %d are not in the input (verify rotated files together)", g.seq, first, g.seq-1)
				}
			}
		}
		if n := st.prunedSeq(); !st.started && n > 0 {
			// A chain that ended in the removed files: retention took all
			// of it, as the record states.
			v.addAt(st.prunedAt, id, 1, Pruned, "records 1 to %d were removed by retention, as the retention.applied record states: none of the chain is left", n)
		}
		if st.alt != nil {
			v.addAt(st.alt.line, id, st.alt.seq, Inserted, "a second record with seq %d at the end of the input", st.alt.seq)
		}
		v.reportGaps(id, st)
		v.unreadableTail(id, st, 0)
		v.settleAfterGaps(st)
		v.finishEpochs(id, st)
		v.rep.Chains[id] = st.sum
	}
	for id, cps := range v.cps {
		st := v.chains[id]
		for _, cp := range cps {
			if st != nil {
				v.unreadableTail(id, st, cp.Seq)
			}
			if st == nil || cp.Seq > max(st.seq, st.pastedTo) {
				last := uint64(0)
				if st != nil {
					last = st.seq
				}
				if st != nil && !st.started && cp.Seq <= st.prunedSeq() {
					continue // of records retention removed, with the whole chain
				}
				v.truncatedBeyond(id, cp.Seq, last, "seq")
				v.checks.chain(id).Checkpoints.count(true)
			}
		}
	}
	v.foreignCheckpoints()
	v.dropWithdrawn()
	v.finishNotes()
	v.reportTruncated()
	v.rep.Lines += v.line
	v.finishChecks()
	v.checks.sort(v.rep.Findings)
	v.rep.Findings = v.joinInsertedRuns(v.rep.Findings)
	if v.rep.Records == 0 && !v.rep.truncated() {
		return *v.rep, v.noRecords()
	}
	if !v.rep.Intact() {
		return *v.rep, &TamperedError{Report: *v.rep}
	}
	return *v.rep, nil
}

// firstInvalidUTF8 returns the offset of the first byte of b that is not
// part of valid UTF-8, or -1.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// fileForm reports whether an audit member is in the form [File.Handler]
// writes: format v2 or later with hashes in unpadded base64url (other
// writers' v2 hashes are hex). Such a line is written as the record's
// exact canonical form, audit member included.
func fileForm(audit chain.Value) bool {
	v, err := chain.ParseVersion(audit)
	if err != nil || v < chain.V2 {
		return false
	}
	h, _ := audit.Get("hash")
	return h.Kind == chain.String && len(h.Str) == 43
}

// firstDiff returns the offset of the first byte where a and b differ
// (the shorter one's length when one is a prefix of the other).
func firstDiff(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

package slogaudit

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

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
	Truncated     FindingKind = "truncated"      // a checkpoint beyond the last record
	BadMAC        FindingKind = "bad-mac"        // the MAC does not verify with the key
	BadCheckpoint FindingKind = "bad-checkpoint" // a checkpoint's signature or hash is wrong
	Malformed     FindingKind = "malformed"      // not a JSON audit record
	Restart       FindingKind = "restart"        // a process resumed the chain (information)
	Torn          FindingKind = "torn"           // a crash cut a line, acknowledged by the restart (information)
	Pruned        FindingKind = "pruned"         // older files removed by retention, as a retention record states (information)
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

// String formats the finding as "file:line: kind: chain C seq N: detail".
func (f Finding) String() string {
	where := fmt.Sprintf("line %d", f.Line)
	if f.File != "" {
		where = f.File + ":" + where[5:]
	}
	return fmt.Sprintf("%s: %s: chain %s seq %d: %s", where, f.Kind, f.Chain, f.Seq, f.Detail)
}

// ChainSummary describes one chain in the input.
type ChainSummary struct {
	First   uint64 `json:"first"`
	Last    uint64 `json:"last"`
	Records int64  `json:"records"`
}

// Report is the result of a verification.
type Report struct {
	Lines       int64                   `json:"lines"`
	Records     int64                   `json:"records"`
	Chains      map[string]ChainSummary `json:"chains"`
	Checkpoints int64                   `json:"checkpoints"` // verified signatures
	Findings    []Finding               `json:"findings"`
}

// Info reports whether the kind is information, not a sign of tampering.
func (k FindingKind) Info() bool { return k == Restart || k == Torn || k == Pruned }

// Intact reports whether nothing but information was found.
func (r Report) Intact() bool {
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
	return fmt.Sprintf("slogaudit: verification failed: %d findings, first: %s", n, first)
}

// VerifyOptions configures [Verify].
type VerifyOptions struct {
	// Keys maps key ids to HMAC keys, and Key is used for every key id not
	// in Keys. When either is set, every record must carry a MAC that
	// verifies. A key shorter than [MinKeySize] is an error.
	Keys map[string][]byte
	Key  []byte
	// PublicKey verifies checkpoint signatures. Without it signatures are
	// not checked, but checkpoints still bound the chains' length.
	PublicKey ed25519.PublicKey
	// Checkpoints reads a checkpoint file kept apart from the log.
	Checkpoints io.Reader
	// MaxLineBytes bounds one line. Default 1 MiB.
	MaxLineBytes int
	// Progress, when set, is called every 65536 lines with the lines read.
	Progress func(lines int64)
}

// window is how many recent records per chain the verifier remembers to
// classify duplicates, forks and reordering. Memory does not grow with the
// input.
const window = 4096

type seen struct {
	hash chain.Hash
	line int64
}

// recentRing remembers the last window records of a chain by seq.
type recentRing struct {
	slots []struct {
		seq uint64
		seen
	}
}

func (r *recentRing) get(seq uint64) (seen, bool) {
	if r.slots == nil || seq == 0 {
		return seen{}, false
	}
	s := &r.slots[seq%window]
	return s.seen, s.seq == seq
}

func (r *recentRing) put(seq uint64, v seen) {
	if r.slots == nil {
		r.slots = make([]struct {
			seq uint64
			seen
		}, window)
	}
	s := &r.slots[seq%window]
	s.seq, s.seen = seq, v
}

type chainState struct {
	started bool
	seq     uint64
	hash    chain.Hash
	line    int64
	recent  recentRing
	missing map[uint64]int64 // seq -> line where the gap was noticed
	alt     *altRecord       // a second record claiming the last seq
	sum     ChainSummary
	// gap: the chain started mid-way; a retention record may explain it.
	gap *startGap
	// prunedTo: the heads retention records say removed files ended at.
	prunedTo []Head
}

type startGap struct {
	line int64
	seq  uint64
	prev chain.Hash
}

type altRecord struct {
	seq  uint64
	prev chain.Hash
	hash chain.Hash
	line int64
}

type verifier struct {
	parser chain.Parser
	buf    []byte       // canonical form of the current record
	torn   *pendingTorn // a malformed line that the next record may acknowledge
	opts   VerifyOptions
	file   string
	line   int64
	rep    *Report
	chains map[string]*chainState
	cps    map[string][]chain.Checkpoint
}

// Verify reads audit records from r and checks every hash, MAC, link and
// checkpoint. It returns a [*TamperedError] (with the report) when the
// input is not intact, and another error when r cannot be read. It streams:
// memory does not grow with the input.
func Verify(ctx context.Context, r io.Reader, o VerifyOptions) (Report, error) {
	v := newVerifier(o)
	if err := o.checkKeys(); err != nil {
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

// VerifyFiles verifies rotated files in order, as one input.
func VerifyFiles(ctx context.Context, paths []string, o VerifyOptions) (Report, error) {
	v := newVerifier(o)
	if err := o.checkKeys(); err != nil {
		return *v.rep, err
	}
	if err := v.loadCheckpoints(); err != nil {
		return *v.rep, err
	}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return *v.rep, fmt.Errorf("slogaudit: verify: %w", err)
		}
		v.rep.Lines += v.line
		v.file, v.line = p, 0
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

func newVerifier(o VerifyOptions) *verifier {
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = 1 << 20
	}
	return &verifier{opts: o, rep: &Report{Chains: map[string]ChainSummary{}, Findings: []Finding{}},
		chains: map[string]*chainState{}, cps: map[string][]chain.Checkpoint{}}
}

func (v *verifier) add(line int64, chainID string, seq uint64, kind FindingKind, format string, args ...any) {
	v.rep.Findings = append(v.rep.Findings, Finding{File: v.file, Line: line, Chain: chainID, Seq: seq, Kind: kind, Detail: fmt.Sprintf(format, args...)})
}

func (v *verifier) loadCheckpoints() error {
	if v.opts.Checkpoints == nil {
		return nil
	}
	sc := bufio.NewScanner(v.opts.Checkpoints)
	sc.Buffer(nil, 1<<16)
	n := int64(0)
	for sc.Scan() {
		n++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		val, err := chain.Parse(sc.Bytes())
		var cp chain.Checkpoint
		if err == nil {
			cp, err = chain.ParseCheckpoint(val)
		}
		if err != nil {
			v.rep.Findings = append(v.rep.Findings, Finding{File: "checkpoints", Line: n, Kind: BadCheckpoint, Detail: err.Error()})
			continue
		}
		if v.opts.PublicKey != nil {
			if !cp.Verify(v.opts.PublicKey) {
				v.rep.Findings = append(v.rep.Findings, Finding{File: "checkpoints", Line: n, Chain: cp.Chain, Seq: cp.Seq, Kind: BadCheckpoint, Detail: "signature does not verify with the public key"})
				continue
			}
			v.rep.Checkpoints++
		}
		v.cps[cp.Chain] = append(v.cps[cp.Chain], cp)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("slogaudit: verify: reading checkpoints: %w", err)
	}
	return nil
}

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
			if len(long)+len(part) <= v.opts.MaxLineBytes {
				long = append(long, part...)
			} else if long == nil || len(long) <= v.opts.MaxLineBytes {
				long = append(long[:0], "\x00too long"...)
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			part, long = long, nil
		}
		if len(part) > 0 {
			v.line++
			torn := err == io.EOF // no final newline
			v.record(part, torn)
		}
		if err == io.EOF {
			v.flushTorn("")
			return nil
		}
		if err != nil {
			return fmt.Errorf("slogaudit: verify: reading line %d: %w", v.line+1, err)
		}
	}
}

type pendingTorn struct {
	line   int64
	sha    string
	detail string
}

// flushTorn reports a pending malformed line: as torn when ack names its
// hash, as malformed otherwise.
func (v *verifier) flushTorn(ack string) {
	if p := v.torn; p != nil {
		v.torn = nil
		if ack == p.sha {
			v.add(p.line, "", 0, Torn, "incomplete line left by a crash, named by the audit.start that follows")
			return
		}
		v.add(p.line, "", 0, Malformed, "%s", p.detail)
	}
}

// record checks one line.
func (v *verifier) record(line []byte, torn bool) {
	raw := bytes.TrimRight(line, "\r\n")
	if len(bytes.TrimSpace(raw)) == 0 {
		return
	}
	if bytes.HasPrefix(raw, []byte("\x00too long")) {
		v.add(v.line, "", 0, Malformed, "line longer than %d bytes", v.opts.MaxLineBytes)
		return
	}
	val, err := v.parser.Parse(raw)
	if err != nil || val.Kind != chain.Object {
		detail := "not a JSON object"
		if err != nil {
			detail = err.Error()
		}
		if torn {
			detail = "torn last line (the writer stopped mid-record): " + detail
		}
		v.flushTorn("")
		sum := sha256.Sum256(raw)
		v.torn = &pendingTorn{line: v.line, sha: hex.EncodeToString(sum[:]), detail: detail}
		return
	}
	ack := ""
	if msg, _ := val.Get("msg"); msg.Str == MsgStart {
		if t, ok := val.Get("torn"); ok {
			s, _ := t.Get("sha256")
			ack = s.Str
		}
	}
	v.flushTorn(ack)
	a, ok := val.Get("audit")
	if !ok || a.Kind != chain.Object {
		v.add(v.line, "", 0, Inserted, "no audit member: this line was not written by slogaudit")
		return
	}
	rec, err := parseAudit(a)
	if err != nil {
		v.add(v.line, rec.chain, rec.seq, Malformed, "audit member: %v", err)
		return
	}
	v.rep.Records++
	v.buf = chain.AppendCanonicalWithout(v.buf[:0], val, "audit")
	content := v.buf
	ok = true
	if chain.Link(rec.chain, rec.seq, rec.prev, content) != rec.hash {
		v.add(v.line, rec.chain, rec.seq, Modified, "content does not match its hash")
		ok = false
	}
	if v.opts.Keys != nil || v.opts.Key != nil {
		key, known := v.opts.Keys[rec.keyID]
		if !known && v.opts.Key != nil {
			key, known = v.opts.Key, true
		}
		switch {
		case !rec.hasMAC:
			v.add(v.line, rec.chain, rec.seq, BadMAC, "record has no MAC")
			ok = false
		case !known:
			v.add(v.line, rec.chain, rec.seq, BadMAC, "MAC by unknown key id %q", rec.keyID)
			ok = false
		case !chain.CheckMAC(key, rec.hash, rec.mac):
			v.add(v.line, rec.chain, rec.seq, BadMAC, "MAC does not verify: the record was forged or its hash rewritten")
			ok = false
		}
	}
	v.link(rec, ok)
	if msg, _ := val.Get("msg"); msg.Str == MsgStart && rec.seq > 1 {
		v.add(v.line, rec.chain, rec.seq, Restart, "a process resumed the chain after seq %d", rec.seq-1)
	}
	if msg, _ := val.Get("msg"); msg.Str == MsgCheckpoint {
		v.inBand(val, rec)
	}
	if msg, _ := val.Get("msg"); msg.Str == MsgRetention && ok {
		v.retention(val)
	}
}

type auditFields struct {
	chain      string
	seq        uint64
	prev, hash chain.Hash
	mac        chain.Hash
	hasMAC     bool
	keyID      string
}

func parseAudit(a chain.Value) (auditFields, error) {
	var f auditFields
	str := func(name string) (string, bool) {
		m, ok := a.Get(name)
		return m.Str, ok && m.Kind == chain.String
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
	var err error
	for _, h := range []struct {
		name string
		dst  *chain.Hash
	}{{"prev", &f.prev}, {"hash", &f.hash}} {
		s, ok := str(h.name)
		if !ok {
			return f, fmt.Errorf("missing %s", h.name)
		}
		if *h.dst, err = chain.ParseHash(s); err != nil {
			return f, err
		}
	}
	if s, ok := str("mac"); ok {
		if f.mac, err = chain.ParseHash(s); err != nil {
			return f, err
		}
		f.hasMAC = true
		f.keyID, _ = str("key")
	}
	return f, nil
}

// link places a record in its chain. Records that failed an integrity
// check (ok false) are reported already and do not move the chain.
func (v *verifier) link(rec auditFields, ok bool) {
	st := v.chains[rec.chain]
	if st == nil {
		st = &chainState{missing: map[uint64]int64{}}
		v.chains[rec.chain] = st
	}
	// A record that failed its hash or MAC check (already reported) still
	// holds its place when its seq and prev fit, so that the records after
	// it are not reported missing.
	if !ok && !(st.started && rec.seq == st.seq+1 && rec.prev == st.hash) {
		return
	}
	// A pending fork: the record after it decides which of the two belongs.
	if alt := st.alt; alt != nil {
		st.alt = nil
		if rec.seq == alt.seq+1 && rec.prev == alt.hash && rec.prev != st.hash {
			v.add(st.line, rec.chain, alt.seq, Inserted, "does not link to the records after it")
			st.hash, st.line = alt.hash, alt.line
			st.recent.put(alt.seq, seen{alt.hash, alt.line})
		} else {
			v.add(alt.line, rec.chain, alt.seq, Inserted, "a second record with seq %d that the chain does not continue from", alt.seq)
		}
	}
	switch {
	case !st.started:
		st.started = true
		st.sum.First = rec.seq
		if rec.seq == 1 && rec.prev != chain.Genesis(rec.chain) {
			v.add(v.line, rec.chain, rec.seq, Inserted, "first record does not start from the chain's genesis")
		}
		if rec.seq > 1 {
			st.gap = &startGap{line: v.line, seq: rec.seq, prev: rec.prev}
		}
	case rec.seq == st.seq+1 && rec.prev == st.hash:
		// The expected next record.
	case rec.seq == st.seq+1:
		if _, ok := st.recent.get(rec.seq - 1); ok {
			v.add(v.line, rec.chain, rec.seq, Inserted, "does not link to the record before it")
		}
	case rec.seq > st.seq+1:
		for s := st.seq + 1; s < rec.seq && len(st.missing) < window; s++ {
			st.missing[s] = v.line
		}
	case rec.seq <= st.seq:
		if prev, ok := st.recent.get(rec.seq); ok && prev.hash == rec.hash {
			v.add(v.line, rec.chain, rec.seq, Duplicated, "same record as line %d", prev.line)
			return
		}
		if _, ok := st.missing[rec.seq]; ok {
			delete(st.missing, rec.seq)
			v.add(v.line, rec.chain, rec.seq, Reordered, "appears after seq %d", st.seq)
			st.recent.put(rec.seq, seen{rec.hash, v.line})
			st.sum.Records++
			return
		}
		if rec.seq == st.seq {
			if p, ok := st.recent.get(rec.seq - 1); (ok && p.hash == rec.prev) || (rec.seq == 1 && rec.prev == chain.Genesis(rec.chain)) {
				st.alt = &altRecord{rec.seq, rec.prev, rec.hash, v.line}
				return
			}
		}
		v.add(v.line, rec.chain, rec.seq, Inserted, "seq %d is behind the chain's head %d and matches no record", rec.seq, st.seq)
		return
	}
	st.seq, st.hash, st.line = rec.seq, rec.hash, v.line
	st.recent.put(rec.seq, seen{rec.hash, v.line})
	st.sum.Records++
	st.sum.Last = rec.seq
	for _, cp := range v.cps[rec.chain] {
		if cp.Seq == rec.seq && cp.Hash != rec.hash {
			v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "the checkpoint file signed another hash for this seq: the chain was rebuilt")
		}
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
	}
}

// inBand checks a checkpoint record's signature and the head it names.
func (v *verifier) inBand(val chain.Value, rec auditFields) {
	g, ok := val.Get("checkpoint")
	if !ok {
		v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "checkpoint record without a checkpoint group")
		return
	}
	cp, err := chain.ParseCheckpoint(g)
	if err != nil {
		v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "%v", err)
		return
	}
	if v.opts.PublicKey != nil {
		if !cp.Verify(v.opts.PublicKey) {
			v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "signature does not verify with the public key")
			return
		}
		v.rep.Checkpoints++
	}
	if st := v.chains[rec.chain]; st != nil {
		if s, ok := st.recent.get(cp.Seq); ok && s.hash != cp.Hash {
			v.add(v.line, rec.chain, rec.seq, BadCheckpoint, "signed hash for seq %d differs from the record's", cp.Seq)
		}
	}
}

func (v *verifier) finish() (Report, error) {
	ids := make([]string, 0, len(v.chains))
	for id := range v.chains {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		st := v.chains[id]
		if g := st.gap; g != nil {
			explained := false
			for _, p := range st.prunedTo {
				if p.Seq == g.seq-1 && p.Hash == g.prev {
					explained = true
				}
			}
			if explained {
				v.add(g.line, id, g.seq, Pruned, "records 1 to %d were removed by retention, as the retention.applied record states", g.seq-1)
			} else {
				v.add(g.line, id, 1, Missing, "chain starts at seq %d: records 1 to %d are not in the input (verify rotated files together)", g.seq, g.seq-1)
			}
		}
		if st.alt != nil {
			v.add(st.alt.line, id, st.alt.seq, Inserted, "a second record with seq %d at the end of the input", st.alt.seq)
		}
		seqs := make([]uint64, 0, len(st.missing))
		for s := range st.missing {
			seqs = append(seqs, s)
		}
		sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
		for _, s := range seqs {
			v.add(st.missing[s], id, s, Missing, "record %d is not in the input", s)
		}
		v.rep.Chains[id] = st.sum
	}
	for id, cps := range v.cps {
		st := v.chains[id]
		for _, cp := range cps {
			if st == nil || cp.Seq > st.seq {
				last := uint64(0)
				if st != nil {
					last = st.seq
				}
				v.rep.Findings = append(v.rep.Findings, Finding{File: v.file, Line: v.line + 1, Chain: id, Seq: cp.Seq, Kind: Truncated,
					Detail: fmt.Sprintf("a checkpoint signed seq %d but the input ends at seq %d: the newest records were removed", cp.Seq, last)})
			}
		}
	}
	v.rep.Lines += v.line
	sort.SliceStable(v.rep.Findings, func(i, j int) bool { return v.rep.Findings[i].Line < v.rep.Findings[j].Line })
	if !v.rep.Intact() {
		return *v.rep, &TamperedError{Report: *v.rep}
	}
	return *v.rep, nil
}

package slogaudit

import (
	"crypto/hmac"
	"fmt"
	"sort"
	"strings"

	"github.com/slogguard/slogguard/internal/chain"
)

// checkState is what the verifier counts about its checks: per chain, per
// key id, and the order of the files for sorting findings.
type checkState struct {
	perChain map[string]*Checks
	files    map[string]int
	macs     map[string]*tally // MACs checked, by key id
	unknown  map[string]*tally // MACs by key ids with no key
	noMAC    tally             // records without a MAC while a key was given
	noEpoch  tally             // records without an epoch under VerifyOptions.Sealed
	sigs     tally             // checkpoint signatures
}

// maxHeld bounds the failures a tally holds back, so that memory stays
// bounded when every MAC fails.
const maxHeld = window

// tally collects the failures of one key. Until one item verifies, its
// failures are held back: if none ever verifies, the key is probably wrong
// and one finding says so instead of one per record.
type tally struct {
	failed      int64
	passed      bool
	held        []Finding
	first, last Finding
}

func (t *tally) fail(v *verifier, f Finding) {
	t.failed++
	if t.failed == 1 {
		t.first = f
	}
	t.last = f
	switch {
	case t.passed:
		v.rep.Findings = append(v.rep.Findings, f)
	case len(t.held) < maxHeld:
		t.held = append(t.held, f)
	}
}

// pass records a verified item: from now on failures are reported one by
// one, the held ones first.
func (t *tally) pass(v *verifier) {
	if t.passed {
		return
	}
	t.passed = true
	v.rep.Findings = append(v.rep.Findings, t.held...)
	if more := t.failed - int64(len(t.held)); more > 0 {
		f := t.last
		f.Detail = fmt.Sprintf("%s like the ones before, up to this line, not listed one by one", plural(more, "more failure"))
		v.rep.Findings = append(v.rep.Findings, f)
	}
	t.held = nil
}

func (c *checkState) chain(id string) *Checks {
	if c.perChain == nil {
		c.perChain = map[string]*Checks{}
	}
	ch := c.perChain[id]
	if ch == nil {
		ch = &Checks{}
		c.perChain[id] = ch
	}
	return ch
}

func tallyOf(m *map[string]*tally, id string) *tally {
	if *m == nil {
		*m = map[string]*tally{}
	}
	t := (*m)[id]
	if t == nil {
		t = &tally{}
		(*m)[id] = t
	}
	return t
}

// order remembers the position of a file in the input.
func (c *checkState) order(file string) {
	if c.files == nil {
		c.files = map[string]int{}
	}
	if _, ok := c.files[file]; !ok {
		c.files[file] = len(c.files) + 1
	}
}

// sort orders findings by file, in input order, then by line.
func (c *checkState) sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		fi, fj := c.files[fs[i].File], c.files[fs[j].File]
		if fi != fj {
			return fi < fj
		}
		return fs[i].Line < fs[j].Line
	})
}

// required returns [ErrRequiredCheck] when the options lack what a
// required check needs.
func (v *verifier) required() error {
	var missing []string
	o := v.opts
	if o.RequireMAC && o.Keys == nil && o.Key == nil {
		missing = append(missing, "MACs need a key (VerifyOptions.Keys or Key)")
	}
	if o.Sealed && o.Keys == nil && o.Key == nil {
		missing = append(missing, "sealed epochs need the initial key (VerifyOptions.Keys or Key)")
	}
	if o.RequireCheckpoints && o.Checkpoints == nil {
		missing = append(missing, "checkpoints need a checkpoint file (VerifyOptions.Checkpoints)")
	}
	if o.RequireCheckpoints && len(o.publicKeys()) == 0 {
		missing = append(missing, "checkpoint signatures need a public key (VerifyOptions.PublicKey)")
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrRequiredCheck, strings.Join(missing, "; "))
}

// checkMAC checks rec's MAC when a key was given, and reports whether it
// verified (true when no key was given).
func (v *verifier) checkMAC(rec auditFields) bool {
	if v.opts.Keys == nil && v.opts.Key == nil {
		return true
	}
	c := &v.checks
	macs := &c.chain(rec.chain).MACs
	f := Finding{File: v.file, Line: v.line, Chain: rec.chain, Seq: rec.seq, Kind: BadMAC}
	if !rec.hasMAC {
		macs.count(true)
		f.Detail = "record has no MAC"
		c.noMAC.fail(v, f)
		return false
	}
	c.noMAC.pass(v) // records with a MAC exist: a record without one stands out
	if v.opts.Sealed {
		if !rec.hasEpoch {
			macs.count(true)
			f.Kind, f.Detail = Unsealed, "record without an epoch, although its key was used with sealing (VerifyOptions.Sealed): it was not written under sealing, or its epoch was removed"
			c.noEpoch.fail(v, f)
			return false
		}
		c.noEpoch.pass(v) // records with an epoch exist: one without stands out
	}
	key, known := v.opts.Keys[rec.keyID]
	if !known && v.opts.Key != nil {
		key, known = v.opts.Key, true
	}
	if !known {
		macs.Unchecked++
		t := tallyOf(&c.unknown, rec.keyID)
		t.failed++ // reported once per key id at the end
		if t.failed == 1 {
			f.Kind = UnknownKey
			t.first = f
		}
		return false
	}
	t := tallyOf(&c.macs, rec.keyID)
	ok, detail := true, ""
	if rec.hasEpoch {
		ok, detail = v.checkEpochMAC(key, rec)
	} else if want := rec.version.MACScratch(v.macState(rec.keyID, key), &v.macScratch, rec.keyID, rec.hash); !hmac.Equal(want[:], rec.mac[:]) {
		ok = false
		detail = "its MAC does not verify with the key"
		if rec.keyID != "" {
			detail = fmt.Sprintf("its MAC does not verify with the key of key id %q", rec.keyID)
		}
	}
	macs.count(!ok)
	if ok {
		t.pass(v)
		return true
	}
	f.Detail = detail
	t.fail(v, f)
	return false
}

// checkSignature verifies a checkpoint's signature with the public key and
// reports whether it verified. where locates the checkpoint.
func (v *verifier) checkSignature(cp chain.Checkpoint, where Finding) bool {
	ok := false
	for _, k := range v.opts.publicKeys() {
		ok = ok || cp.Verify(k)
	}
	v.checks.chain(cp.Chain).Signatures.count(!ok)
	if ok {
		v.checks.sigs.pass(v)
		return true
	}
	where.Kind, where.Detail = BadCheckpoint, "signature does not verify with the public key"
	v.checks.sigs.fail(v, where)
	return false
}

// flushTornTail reports a malformed last line that no record followed,
// and the fragments that no record named.
func (v *verifier) flushTornTail() {
	for len(v.glueds) > 0 {
		v.settleGlued(0, false)
	}
	for _, p := range v.older {
		v.reportUnnamedAtEnd(p)
	}
	for _, p := range v.unnamed {
		v.reportUnnamedAtEnd(p)
	}
	v.older, v.unnamed = nil, nil
	p := v.torn
	if p == nil {
		return
	}
	v.torn = nil
	f := Finding{File: p.file, Line: p.line, Kind: TornTail}
	switch {
	case !p.prefix:
		// Not a crash's: the line of a record, changed. When a
		// checkpoint signed that record, the line stands in its place
		// (unreadableTail), and the chain is not reported truncated too.
		v.unreadableLine(p)
		f.Kind = Malformed
		f.Detail = fmt.Sprintf("the last line is not a record, nor the start of one that a writer stopped in (%s)%s", p.detail, changedHint)
	case p.unterminated:
		f.Detail = fmt.Sprintf("the last line is incomplete (%s, no newline) and no record follows: the writer stopped mid-record (a crash, a full disk); its next start names the line", plural(int64(p.bytes), "byte"))
	default:
		f.Detail = fmt.Sprintf("the last line is not a record (%s) and no record follows: a writer that stopped mid-record, reopened and wrote nothing after it", plural(int64(p.bytes), "byte"))
	}
	v.rep.Findings = append(v.rep.Findings, f)
}

// reportUnnamedAtEnd reports p, a fragment that no record named, once
// every line is read: torn when the record right after it, whose write
// began with the newline that closed it, is the last record of its chain
// (that writer's process ended between that record and the audit.gap that
// names such a fragment, and nothing resumed its chain since); malformed
// otherwise. A fragment without a newline ends a file that is not the
// last: no write closed it, the record after it is in the next file.
func (v *verifier) reportUnnamedAtEnd(p *pendingTorn) {
	c := p.closer
	if st := v.chains[c.chain]; !p.prefix || p.unterminated || p.closerNames || c.chain == "" || st == nil || st.seq != c.seq || v.inMissingRun(p.pos) {
		if !v.lostAround(p) {
			v.reportUnnamed(p)
		}
		return
	}
	v.rep.Findings = append(v.rep.Findings, Finding{File: p.file, Line: p.line, Kind: Torn,
		Detail: fmt.Sprintf("incomplete line (%s) closed by record %d of chain %s, the chain's last: its writer stopped before the audit.gap that names such a line, and nothing resumed the chain since (a handler resuming it names the line)", plural(int64(p.bytes), "byte"), c.seq, c.chain)})
}

// maxMissingLook bounds the chains and gaps inMissingRun looks at.
const maxMissingLook = 4096

// inMissingRun reports whether position pos lies between the records
// around a run of records still missing from a chain: a line there that is
// not a record may be one of them, changed, rather than a crash's
// fragment, and is left to stand in its place (unreadableRun).
func (v *verifier) inMissingRun(pos int64) bool {
	return v.inRunOf(pos, false)
}

// inRunOf is inMissingRun; undeclared: only runs some of whose records no
// audit.gap declares lost count.
func (v *verifier) inRunOf(pos int64, undeclared bool) bool {
	looked := 0
	for _, st := range v.chains {
		for _, g := range st.gaps {
			if looked++; looked > maxMissingLook {
				return false
			}
			if g.line <= pos || g.tracked == 0 {
				continue
			}
			if _, still := st.missing[g.from]; !still {
				continue
			}
			if undeclared && st.declaresAll(g) {
				continue
			}
			if before, ok := st.recent.get(g.from - 1); ok && before.line < pos {
				return true
			}
		}
	}
	return false
}

// finishChecks reports what the tallies held back, adds up the checks and
// applies the requirements.
func (v *verifier) finishChecks() {
	c := &v.checks
	for _, id := range sortedKeys(c.macs) {
		t := c.macs[id]
		if t.passed || t.failed == 0 {
			continue
		}
		f := t.first
		f.Chain, f.Seq = "", 0
		if t.failed == 1 {
			f.Detail = fmt.Sprintf("the only MAC by key id %q does not verify: the key is probably wrong, or the record was forged", id)
		} else {
			f.Detail = fmt.Sprintf("none of the %d MACs by key id %q verifies: the key is probably wrong (or every record was forged)", t.failed, id)
		}
		v.rep.Findings = append(v.rep.Findings, f)
	}
	if t := &c.noMAC; !t.passed && t.failed > 0 {
		f := t.first
		f.Chain, f.Seq = "", 0
		f.Detail = fmt.Sprintf("none of the %s carries a MAC, although a key was given: the log was written without a key (WithKey), or its MACs were removed", plural(t.failed, "record"))
		v.rep.Findings = append(v.rep.Findings, f)
	}
	if t := &c.noEpoch; !t.passed && t.failed > 0 {
		f := t.first
		f.Chain, f.Seq = "", 0
		f.Detail = fmt.Sprintf("none of the %s carries an epoch, although the key was used with sealing (VerifyOptions.Sealed): the log was written without WithSealing, or its epochs were removed", plural(t.failed, "record"))
		v.rep.Findings = append(v.rep.Findings, f)
	}
	for _, id := range sortedKeys(c.unknown) {
		t := c.unknown[id]
		f := t.first
		f.Chain, f.Seq = "", 0
		f.Detail = fmt.Sprintf("%s carry MACs by key id %q, for which no key was given: their MACs were not checked", plural(t.failed, "record"), id)
		if t.failed == 1 {
			f.Detail = fmt.Sprintf("a record carries a MAC by key id %q, for which no key was given: its MAC was not checked", id)
		}
		v.rep.Findings = append(v.rep.Findings, f)
	}
	if t := &c.sigs; !t.passed && t.failed > 0 {
		f := t.first
		f.Chain, f.Seq = "", 0
		if t.failed == 1 {
			f.Detail = "the only checkpoint signature does not verify with the public key: the public key is probably wrong, or the checkpoint was forged"
		} else {
			f.Detail = fmt.Sprintf("none of the %d checkpoint signatures verifies with the public key: the public key is probably wrong", t.failed)
		}
		v.rep.Findings = append(v.rep.Findings, f)
	}

	var total Checks
	for _, id := range sortedKeys(c.perChain) {
		ch := *c.perChain[id]
		ch.skip(v.opts)
		total.add(ch)
		sum := v.rep.Chains[id]
		sum.Checks = ch
		v.rep.Chains[id] = sum
		// A chain whose checkpoints all lie beyond its last record is
		// covered: they said so, as truncated.
		if v.opts.RequireCheckpoints && sum.Records > 0 && sum.Covered == 0 && !v.rep.truncatedChain(id) {
			v.rep.Findings = append(v.rep.Findings, Finding{Chain: id, Kind: Uncovered,
				Detail: "no checkpoint of the checkpoint file covers this chain: the removal of its records would go unnoticed"})
		}
	}
	total.skip(v.opts)
	if len(v.rep.Chains) > 0 && total.Checkpoints.Ran() && total.Checkpoints.Checked == 0 {
		// A checkpoint file given, but no checkpoint of these chains in
		// it, or none whose signature verifies.
		why := SkippedEmptyCheckpoints
		if v.cpRefused > 0 {
			why = SkippedUnsignedCheckpoints
		}
		total.Checkpoints.Skipped = why
		for id, sum := range v.rep.Chains {
			sum.Checks.Checkpoints.Skipped = why
			v.rep.Chains[id] = sum
		}
	}
	v.rep.Checks = total
}

// noRecords explains why an input without records is unusable.
func (v *verifier) noRecords() error {
	if len(v.rep.Findings) == 0 {
		return fmt.Errorf("%w: the input is empty", ErrNoRecords)
	}
	return fmt.Errorf("%w: no line of the input is an audit record (not an audit log?); %s",
		ErrNoRecords, v.rep.Findings[0].String())
}

// truncatedChain reports whether a checkpoint says records of chain id
// are missing.
func (r Report) truncatedChain(id string) bool {
	for _, f := range r.Findings {
		if f.Kind == Truncated && f.Chain == id {
			return true
		}
	}
	return false
}

// truncated reports whether a checkpoint says records are missing.
func (r Report) truncated() bool {
	for _, f := range r.Findings {
		if f.Kind == Truncated {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

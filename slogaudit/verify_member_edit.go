package slogaudit

import (
	"crypto/hmac"
	"fmt"

	"github.com/slogguard/slogguard/internal/chain"
)

// memberEdit explains a record whose content does not match its hash by a
// change of one member of its audit member, when the record follows its
// chain's head: with the seq the head calls for (seq edited), or the
// head's hash as prev (prev edited), its content matches its hash again.
// Such a record is in its place, changed; it is not a record missing
// after the head with another one inserted, so memberEdit puts the
// member back in rec (for placing the record, never for the hash check,
// which failed) and returns the finding's detail.
func (v *verifier) memberEdit(rec *auditFields, content []byte) (string, bool) {
	st := v.chains[rec.chain]
	if st == nil || !st.started {
		if detail, edited := v.chainEdit(rec, content); edited {
			return detail, true
		}
		return firstEdit(rec, content)
	}
	if st.alt != nil || st.seq == 0 {
		return "", false
	}
	next := st.seq + 1
	switch {
	case rec.seq != next && rec.prev == st.hash && rec.version.Link(rec.chain, next, rec.prev, content) == rec.hash:
		was := rec.seq
		rec.seq = next
		return fmt.Sprintf("its seq was changed from %d to %d: with seq %d its content matches its hash, and it links to the record before it", next, was, next), true
	case rec.seq == next && rec.prev != st.hash && rec.version.Link(rec.chain, next, st.hash, content) == rec.hash:
		rec.prev = st.hash
		return "its prev member was changed: with the hash of the record before it as prev, its content matches its hash", true
	}
	return "", false
}

// hashEdited reports whether rec, the record after a head that failed its
// hash check, links to the hash of that head's content rather than the
// hash the head states: the head's hash member was changed, not its
// content. It amends the head's finding to say so.
func (v *verifier) hashEdited(st *chainState, rec auditFields) bool {
	if !st.contentSet || rec.prev != st.content || rec.seq != st.seq+1 {
		return false
	}
	file, line := v.where(st.line)
	// The head's finding is among the last few: those of its own line,
	// and of the lines that are not records between it and rec.
	for i := len(v.rep.Findings) - 1; i >= 0 && i >= len(v.rep.Findings)-16; i-- {
		f := &v.rep.Findings[i]
		if f.Kind == Modified && f.Chain == rec.chain && f.Seq == st.seq && f.File == file && f.Line == line {
			f.Detail = "its hash member was changed: the record after it links to the hash of its content"
			break
		}
	}
	st.hash, st.contentSet = st.content, false
	return true
}

// maxChainEdit bounds the chains whose heads a record of an unknown chain
// is compared with (chainEdit).
const maxChainEdit = 4096

// chainEdit explains a record of a chain not seen before, whose content
// does not match its hash, by a change of its chain member: it follows
// another chain's head, and with that chain's id its content matches its
// hash. It puts the chain id back in rec.
func (v *verifier) chainEdit(rec *auditFields, content []byte) (string, bool) {
	if len(v.chains) > maxChainEdit {
		return "", false
	}
	for id, st := range v.chains {
		if id == rec.chain || !st.started || st.alt != nil || st.seq+1 != rec.seq || st.hash != rec.prev {
			continue
		}
		if rec.version.Link(id, rec.seq, rec.prev, content) == rec.hash {
			was := rec.chain
			rec.chain = id
			return fmt.Sprintf("its chain member was changed from %q to %q: with chain %q its content matches its hash, and it links to record %d of that chain", id, was, id, rec.seq-1), true
		}
	}
	return "", false
}

// firstEdit is memberEdit for the first record of a chain, whose place
// the genesis hash fixes: with seq 1 (seq edited), or the chain's genesis
// as prev (prev edited), its content matches its hash again. It is that
// record, changed, not a later one that a process resumed the chain with
// after records that are missing.
func firstEdit(rec *auditFields, content []byte) (string, bool) {
	genesis := chain.Genesis(rec.chain)
	switch {
	case rec.seq != 1 && rec.prev == genesis && rec.version.Link(rec.chain, 1, genesis, content) == rec.hash:
		was := rec.seq
		rec.seq = 1
		return fmt.Sprintf("its seq was changed from 1 to %d: with seq 1 its content matches its hash, and it starts from the chain's genesis", was), true
	case rec.seq == 1 && rec.prev != genesis && rec.version.Link(rec.chain, 1, genesis, content) == rec.hash:
		rec.prev = genesis
		return "its prev member was changed: with the chain's genesis as prev, as the first record has, its content matches its hash", true
	}
	return "", false
}

// versionEdit explains a record whose content does not match its hash by
// a change of its v member: under another version the writer knows, its
// content matches its hash. Without it, the record would be reported
// twice for one change: its hash, and its MAC, which covers the version.
// It puts the version back in rec, so that its MAC is checked as written.
func versionEdit(rec *auditFields, content []byte) (string, bool) {
	for w := chain.V1; w <= chain.Current; w++ {
		if w == rec.version || w.Link(rec.chain, rec.seq, rec.prev, content) != rec.hash {
			continue
		}
		was := rec.version
		rec.version = w
		return fmt.Sprintf("its v member was changed from %d to %d: with v %d its content matches its hash", int(w), int(was), int(w)), true
	}
	return "", false
}

// hashMemberEdit explains a record whose content does not match its hash
// by a change of its hash member alone: its MAC, which the key computed
// over the hash, verifies over the hash of its content. The content is as
// written, and the record is in its place, changed; hashMemberEdit puts
// the hash back in rec, so that the MAC check passes, the record holds its
// place and the record after it links to it, and returns the finding's
// detail. Without the record's key there is nothing to tell by, and the
// record after it decides (hashEdited).
func (v *verifier) hashMemberEdit(rec *auditFields, content chain.Hash) (string, bool) {
	if !rec.hasMAC || content == rec.hash {
		return "", false
	}
	key, known := v.opts.Keys[rec.keyID]
	if !known && v.opts.Key != nil {
		key, known = v.opts.Key, true
	}
	if !known {
		return "", false
	}
	was := *rec
	was.hash = content
	if rec.hasEpoch {
		if ok, _ := v.checkEpochMAC(key, was); !ok {
			return "", false
		}
	} else if want := rec.version.MACScratch(v.macState(rec.keyID, key), &v.macScratch, rec.keyID, content); !hmac.Equal(want[:], rec.mac[:]) {
		return "", false
	}
	rec.hash = content
	return "its hash member was changed: its MAC verifies the hash of its content, which is as written", true
}

// maxRenamedContent bounds the content kept for renamedFirst.
const maxRenamedContent = 1 << 16

// renamedRecord is a record of a chain not started whose content failed
// its hash while its MAC verified, and its finding.
type renamedRecord struct {
	rec     auditFields
	content []byte
	pos     int64
	finding int
}

// renamedFirst explains the first record of a chain whose chain member
// was changed, which chainEdit cannot (no chain's head is before it): the
// record on the line before rec, whose content failed its hash though its
// MAC verified, is of rec's chain when rec links to it as the next seq
// and, with rec's chain id, its content matches its hash. Its finding is
// amended to say so, and it is put first in rec's chain, so that the
// chain starts there and that record is not reported missing besides.
// Otherwise rec itself, when it is such a record, is kept for the next.
func (v *verifier) renamedFirst(rec *auditFields, content []byte, finding int, macOK bool) {
	r := v.renamed
	v.renamed = nil
	st := v.chains[rec.chain]
	if st != nil && st.started {
		return
	}
	if r != nil && r.pos == v.pos()-1 && r.rec.chain != rec.chain && rec.seq == r.rec.seq+1 && rec.prev == r.rec.hash &&
		r.rec.version.Link(rec.chain, r.rec.seq, r.rec.prev, r.content) == r.rec.hash {
		if was := v.chains[r.rec.chain]; was != nil && !was.started {
			was.failedFirst = nil
		}
		f := &v.rep.Findings[r.finding]
		f.Chain = rec.chain
		f.Detail = fmt.Sprintf("its chain member was changed from %q to %q: with chain %q its content matches its hash, and record %d of that chain links to it", rec.chain, r.rec.chain, rec.chain, rec.seq)
		if st == nil {
			st = &chainState{missing: map[uint64]int64{}}
			v.chains[rec.chain] = st
		}
		first := r.rec
		first.chain = rec.chain
		st.failedFirst = []failedFirst{{first, r.pos}}
		return
	}
	if finding >= 0 && macOK && (v.opts.Keys != nil || v.opts.Key != nil) && len(content) <= maxRenamedContent {
		v.renamed = &renamedRecord{rec: *rec, content: append([]byte(nil), content...), pos: v.pos(), finding: finding}
	}
}

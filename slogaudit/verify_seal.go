package slogaudit

import (
	"fmt"

	"github.com/slogguard/slogguard/internal/chain"
)

// Kinds of finding about forward-secure sealing ([WithSealing]).
const (
	// Epoch: a record's epoch does not continue the chain's: a record of
	// another epoch follows without the seal that names it, or an epoch
	// goes back. Records were removed, or re-MACed with another epoch's
	// key (what an intruder holding a later key would do).
	Epoch FindingKind = "epoch"
	// Unsealed: [VerifyOptions].Sealed says the key was used with sealing,
	// and a record carries no epoch or a chain carries no seal at all.
	Unsealed FindingKind = "unsealed"
	// UnsealedTail is information: the newest records of a sealed chain
	// come after its last seal. Their MACs are by the key of an epoch that
	// the writer may still hold, so an intruder on the writing host could
	// have forged them; records before the last seal are safe from that.
	UnsealedTail FindingKind = "unsealed-tail"
)

// epochState follows the epochs of one chain, in chain order.
type epochState struct {
	seen     bool   // a record with an epoch was placed
	epoch    uint64 // of the last record placed
	sealed   bool   // the last record placed is a seal
	next     uint64 // the epoch its seal names
	seals    int64
	sealedTo uint64 // seq of the newest seal
	records  int64  // records placed in the chain, with or without epoch
	// failed: the last record placed failed its MAC or hash check. It is
	// reported already, and its epoch and what it said cannot be
	// trusted: it may have been the seal that named the next epoch.
	failed bool
}

// ratchetKey names the ratchet of one key id in one chain.
type ratchetKey struct{ chain, keyID string }

// epochKey returns the key of epoch e of rec's chain under initial,
// following a cached ratchet forward; an earlier epoch (only in a tampered
// input) is derived afresh.
func (v *verifier) epochKey(initial []byte, rec auditFields) ([]byte, error) {
	if v.ratchets == nil {
		v.ratchets = map[ratchetKey]*chain.Ratchet{}
	}
	rk := ratchetKey{rec.chain, rec.keyID}
	r := v.ratchets[rk]
	if r == nil || rec.epoch < r.Epoch() {
		if rec.epoch > chain.MaxEpoch {
			return nil, chain.ErrEpoch
		}
		if r != nil {
			return chain.EpochKey(initial, rec.chain, rec.epoch)
		}
		r = chain.NewRatchet(initial, rec.chain)
		v.ratchets[rk] = r
	}
	if err := r.Forward(rec.epoch); err != nil {
		return nil, err
	}
	return r.Key(), nil
}

// checkEpochMAC checks the MAC of a record that names its epoch.
func (v *verifier) checkEpochMAC(initial []byte, rec auditFields) (bool, string) {
	if rec.version < chain.V2 {
		return false, fmt.Sprintf("format %s has no epochs: the epoch member was added", rec.version)
	}
	k, err := v.epochKey(initial, rec)
	if err != nil {
		return false, fmt.Sprintf("epoch %d: %v", rec.epoch, err)
	}
	ok := rec.version.CheckSealedMAC(k, rec.keyID, rec.epoch, rec.hash, rec.mac)
	clear(k)
	if !ok {
		return false, fmt.Sprintf("its MAC does not verify with the key of epoch %d", rec.epoch)
	}
	return true, ""
}

// followEpoch checks that a record placed next in its chain continues the
// chain's epochs, and remembers seals whose MAC verified (ok).
func (v *verifier) followEpoch(st *chainState, rec auditFields, val chain.Value, ok bool) {
	ep := &st.epochs
	ep.records++
	if !ok {
		ep.failed = true
		return
	}
	failedBefore := ep.failed
	ep.failed = false
	if !rec.hasEpoch {
		if ep.seen {
			v.add(v.line, rec.chain, rec.seq, Epoch, "record without an epoch in a sealed chain")
		}
		return
	}
	switch {
	case failedBefore && ep.seen && rec.epoch >= ep.epoch:
		// The failed record before may have been the seal of ep.epoch.
	case !ep.seen:
		if rec.seq == 1 && rec.epoch != 0 {
			v.add(v.line, rec.chain, rec.seq, Epoch, "the chain starts at epoch %d, want 0", rec.epoch)
		}
	case ep.sealed && rec.epoch != ep.next:
		v.add(v.line, rec.chain, rec.seq, Epoch, "record of epoch %d after the seal of epoch %d, which names epoch %d as the next: records were removed or re-MACed with another epoch's key", rec.epoch, ep.epoch, ep.next)
		v.excuseAfterGap(st, rec, rec.epoch > ep.next)
	case !ep.sealed && rec.epoch != ep.epoch:
		v.add(v.line, rec.chain, rec.seq, Epoch, "record of epoch %d after a record of epoch %d with no seal between: records were removed or re-MACed with another epoch's key", rec.epoch, ep.epoch)
		v.excuseAfterGap(st, rec, rec.epoch > ep.epoch)
	}
	ep.seen, ep.epoch, ep.sealed = true, rec.epoch, false
	if msg, _ := val.Get("msg"); msg.Str != MsgSeal {
		return
	}
	e, _ := val.Get("epoch")
	next, _ := val.Get("next")
	if e.Kind != chain.Number || e.Num != float64(rec.epoch) || next.Kind != chain.Number || next.Num <= e.Num || next.Num != float64(uint64(next.Num)) {
		v.add(v.line, rec.chain, rec.seq, Malformed, "%s record whose epoch and next do not match its audit member's epoch %d", MsgSeal, rec.epoch)
		return
	}
	ep.sealed, ep.next = true, uint64(next.Num)
	ep.seals++
	ep.sealedTo = rec.seq
}

// lateSeal counts a seal whose MAC verified (ok) that came after a later
// record of its chain (reported reordered): the chain is sealed up to it
// all the same.
func (v *verifier) lateSeal(st *chainState, rec auditFields, val chain.Value, ok bool) {
	if msg, _ := val.Get("msg"); msg.Str != MsgSeal || !ok || !rec.hasEpoch {
		return
	}
	st.epochs.seals++
	st.epochs.sealedTo = max(st.epochs.sealedTo, rec.seq)
}

// finishEpochs reports, for one chain, a missing seal and an unsealed tail.
func (v *verifier) finishEpochs(id string, st *chainState) {
	ep := &st.epochs
	if ep.records == 0 {
		return
	}
	sealing := v.opts.Sealed && (v.opts.Key != nil || v.opts.Keys != nil)
	if !ep.seen && !sealing {
		return
	}
	st.sum.Sealed, st.sum.Epoch = ep.sealedTo, ep.epoch
	if ep.seals == 0 {
		if sealing {
			v.add(0, id, 0, Unsealed, "no %s record: the key was used with sealing (VerifyOptions.Sealed), yet the chain carries no seal, so any epoch's key could have written it (a closed log always ends with a seal)", MsgSeal)
		} else {
			v.add(0, id, st.sum.First, UnsealedTail, "no record of the chain is sealed yet (records %d to %d, epoch %d)", st.sum.First, st.sum.Last, ep.epoch)
		}
		return
	}
	if st.sum.Last > ep.sealedTo {
		v.add(0, id, ep.sealedTo+1, UnsealedTail, "records %d to %d (epoch %d) come after the last seal: an intruder on the writing host could have forged them", ep.sealedTo+1, st.sum.Last, ep.epoch)
	}
}

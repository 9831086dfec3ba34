package slogaudit

import (
	"crypto/ed25519"

	"github.com/slogguard/slogguard/internal/chain"
)

// KeyChange is a kind of finding: the key id of a chain's records changes
// with neither an audit.rotate record naming the new key id (MACed with the
// old key) nor a restart (audit.start) at the change. Records were written
// by someone holding another key, outside the handler's rotation.
const KeyChange FindingKind = "key-change"

// KeyRange says that the records of a chain from seq From to To carry MACs
// by key id Key.
type KeyRange struct {
	Key  string `json:"key"`
	From uint64 `json:"from"`
	To   uint64 `json:"to"`
}

// keyState follows the key ids of one chain, in chain order.
type keyState struct {
	announced    string // the key id a verified audit.rotate record names
	hasAnnounced bool
	lastOK       string // the key id of the last record whose MAC verified
	hasLastOK    bool
	retired      map[string]uint64 // key ids an audit.rotate moved the chain away from, and its seq
	// failed: the last record placed failed its MAC or hash check. It is
	// reported already, and what it said cannot be trusted: it may have
	// been the audit.rotate that named the next record's key id.
	failed bool
}

// followKey checks that a record placed next in its chain keeps the key id
// of the one before, or changes it at a rotation or a restart, and extends
// the chain's key ranges.
func (v *verifier) followKey(st *chainState, rec auditFields, val chain.Value, ok bool) {
	if !rec.hasMAC {
		return
	}
	ks := &st.keys
	msg, _ := val.Get("msg")
	ranges := st.sum.Keys
	if n := len(ranges); n > 0 && ranges[n-1].Key == rec.keyID {
		st.sum.Keys[n-1].To = rec.seq
	} else {
		st.sum.Keys = append(st.sum.Keys, KeyRange{Key: rec.keyID, From: rec.seq, To: rec.seq})
	}
	// Only records whose MAC verified say who held the chain; the others
	// are reported already (bad-mac, unknown-key).
	checked := v.opts.Key != nil || v.opts.Keys != nil
	if !checked {
		return
	}
	if !ok {
		ks.failed = true
		return
	}
	failedBefore := ks.failed
	ks.failed = false
	if at, retired := ks.retired[rec.keyID]; retired && ks.hasAnnounced && ks.announced != rec.keyID && rec.keyID == ks.lastOK && msg.Str != MsgSeal {
		// Right after the audit.rotate record that retired it (MACed
		// with it, the last key the chain held), the retired key goes
		// on: cut after the rotation, a holder of the old key could
		// append as it pleases. Under sealing, the old key's epoch is
		// sealed by it after the rotation: that seal is the writer's.
		v.add(v.line, rec.chain, rec.seq, KeyChange, "key id %q was retired by the %s record at seq %d, which named key id %q next: a record after it, restart or not, may not go on with the retired key", rec.keyID, MsgRotate, at, ks.announced)
		ks.hasAnnounced = false
	} else if ks.hasLastOK && rec.keyID != ks.lastOK {
		// After a record that failed its check, a new key id is what
		// that record (an audit.rotate, changed) announced: the change is
		// the failed record's finding, not this one's.
		announced := ks.hasAnnounced && ks.announced == rec.keyID || failedBefore
		if at, ok := ks.retired[rec.keyID]; ok && !announced {
			// A restart may change the key id, but not back to one the
			// chain was rotated away from: that key may have leaked.
			v.add(v.line, rec.chain, rec.seq, KeyChange, "key id %q was retired by the %s record at seq %d: a restart may not bring it back", rec.keyID, MsgRotate, at)
			v.excuseAfterGap(st, rec, true)
		} else if msg.Str != MsgStart && !announced {
			v.add(v.line, rec.chain, rec.seq, KeyChange, "key id %q after records by key id %q, with no %s record naming it and no restart", rec.keyID, ks.lastOK, MsgRotate)
			v.excuseAfterGap(st, rec, true)
		}
		if announced {
			delete(ks.retired, rec.keyID)
		}
		ks.hasAnnounced = false
	}
	ks.lastOK, ks.hasLastOK = rec.keyID, true
	if msg.Str == MsgRotate {
		to, _ := val.Get("to")
		if to.Kind == chain.String {
			ks.announced, ks.hasAnnounced = to.Str, true
			if to.Str != rec.keyID {
				if ks.retired == nil {
					ks.retired = map[string]uint64{}
				}
				ks.retired[rec.keyID] = rec.seq
			}
		}
	}
}

// publicKeys returns the keys that verify the writer's checkpoint
// signatures: PublicKey and PublicKeys.
func (o VerifyOptions) publicKeys() []ed25519.PublicKey {
	var keys []ed25519.PublicKey
	if o.PublicKey != nil {
		keys = append(keys, o.PublicKey)
	}
	return append(keys, o.PublicKeys...)
}

package slogaudit

import (
	"fmt"

	"github.com/slogguard/slogguard/internal/chain"
)

// checkResumeKey refuses to continue chain id with key id keyID when an
// audit.rotate record of the chain retired that key id (rotated away
// from it, and no later rotation named it again). The verifier reports
// such records, restart or not, as a key change: the rotation said the
// old key is no longer to be trusted, so records MACed with it after the
// rotation are what a holder of a leaked key would write.
func (af *File) checkResumeKey(id, keyID string) error {
	paths, unpin, err := af.pinFiles()
	if err != nil {
		return err
	}
	defer unpin()
	retired := map[string]uint64{} // key id → seq of the rotation that retired it
	announced, hasAnnounced := "", false
	lastKey := "" // of the chain's last record
	err = scanRecords(paths, func(_ treeSource, _ []byte, val chain.Value, rec auditFields) error {
		if rec.chain != id || !rec.hasMAC {
			return nil
		}
		lastKey = rec.keyID
		if hasAnnounced && rec.keyID == announced {
			delete(retired, rec.keyID)
		}
		if msg, _ := val.Get("msg"); msg.Str == MsgRotate {
			if to, _ := val.Get("to"); to.Kind == chain.String {
				announced, hasAnnounced = to.Str, true
				if to.Str != rec.keyID {
					retired[rec.keyID] = rec.seq
				}
				return nil
			}
		}
		hasAnnounced = false
		return nil
	})
	if err != nil {
		return fmt.Errorf("slogaudit: File.Handler: reading the key ids of chain %s: %w", id, err)
	}
	if at, ok := retired[keyID]; ok && !(hasAnnounced && announced == keyID) {
		next := lastKey
		if hasAnnounced {
			next = announced
		}
		return fmt.Errorf("slogaudit: File.Handler: chain %s retired key id %q at seq %d (an audit.rotate record): continue it with the key it holds now (WithKey(%q, …)), or name another chain (WithChainID)", id, keyID, at, next)
	}
	return nil
}

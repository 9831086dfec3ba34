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
//
// It also refuses key bytes that verify none of the chain's MACs made
// under keyID (a key file regenerated or mixed up): every record written
// with them would verify as bad-mac under the key that made the rest of
// the chain, so an untouched log would read as tampered. One MAC that
// verifies is enough; records under WithSealing (an epoch key) are not
// checked here.
func (af *File) checkResumeKey(id, keyID string, key []byte) error {
	paths, unpin, err := af.pinFiles()
	if err != nil {
		return err
	}
	defer unpin()
	retired := map[string]uint64{} // key id → seq of the rotation that retired it
	announced, hasAnnounced := "", false
	lastKey := ""           // of the chain's last record
	macs, macOK := 0, false // MACs under keyID without an epoch, and whether one verifies
	err = scanRecords(paths, func(_ treeSource, _ []byte, val chain.Value, rec auditFields) error {
		if rec.chain != id || !rec.hasMAC {
			return nil
		}
		lastKey = rec.keyID
		if rec.keyID == keyID && !rec.hasEpoch && !macOK {
			macs++
			macOK = rec.version.CheckMAC(key, keyID, rec.hash, rec.mac)
		}
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
	if macs > 0 && !macOK {
		return fmt.Errorf("slogaudit: File.Handler: the key given for key id %q verifies none of the %d MACs chain %s holds under that id: it is not the key that wrote the chain (a regenerated or mixed-up key file?); pass that key, give the new key another key id (WithKey), or name another chain (WithChainID)", keyID, macs, id)
	}
	return nil
}

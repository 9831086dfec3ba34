package slogaudit

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/slogcore"
)

// MsgRotate is the message of the record that announces a new key.
const MsgRotate = "audit.rotate"

// RotateKey moves a running handler to a new HMAC key named id and, when
// signer is not nil, to a new checkpoint signer. It first writes a
// checkpoint with the old signer (when checkpoints are on), then an
// audit.rotate record ({from, to, and the new signer's public key}) MACed
// with the old key, so that the key that held the chain until then vouches
// for the change; under [WithSealing] it then seals the epoch with the old
// key and continues the epoch numbers under the new key's ratchet. Every
// record after that carries the new key id; the verifier takes keys by id
// and reports which key id covered which seq range
// (ChainSummary.Keys).
//
// The handler must have a key ([WithKey]). The new key must be at least
// [MinKeySize] bytes and its id differ from the current one. When a write
// fails the handler keeps its old key and signer and RotateKey returns the
// error: call it again. It clears nothing of key: the caller owns it.
func (h *Handler) RotateKey(ctx context.Context, id string, key []byte, signer ed25519.PrivateKey) error {
	st := h.st
	st.mu.Lock()
	defer st.unlock()
	var errs []error
	if st.mac == nil {
		errs = append(errs, errors.New("the handler has no key to rotate from: start it with WithKey"))
	}
	if len(key) < MinKeySize {
		errs = append(errs, fmt.Errorf("key %q has %d bytes: want at least %d (generate one with `slogaudit keygen`)", id, len(key), MinKeySize))
	}
	if err := chain.ValidKeyID(id); err != nil {
		errs = append(errs, err)
	}
	if id == st.cfg.keyID {
		errs = append(errs, fmt.Errorf("key id %q is the current one: name the new key with a new id", id))
	}
	if signer != nil && len(signer) != ed25519.PrivateKeySize {
		errs = append(errs, fmt.Errorf("signer has %d bytes: want an ed25519.PrivateKey of %d", len(signer), ed25519.PrivateKeySize))
	}
	if signer != nil && st.cfg.signer == nil {
		errs = append(errs, errors.New("a new signer without checkpoints: the handler signs nothing (WithSigner, WithCheckpoints)"))
	}
	if signer != nil && len(st.cfg.witnesses) > 0 {
		errs = append(errs, errors.New("a new signer with witnesses: they cosign only the old signer's checkpoints; give them the new key and start a new handler"))
	}
	if sc, ok := st.next.(*slogcore.Handler); ok && len(errs) == 0 {
		if err := auditMemberSurvives(sc.Redactor(), st.head.Chain, id); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("slogaudit: RotateKey: %w", errors.Join(errs...))
	}
	if st.closed {
		return ErrClosed
	}
	st.startLocked(ctx)
	if signer != nil {
		if err := st.checkpointLocked(ctx); err != nil {
			return fmt.Errorf("slogaudit: RotateKey: the last checkpoint of the old signer: %w", err)
		}
	}
	attrs := []slog.Attr{slog.String("from", st.cfg.keyID), slog.String("to", id)}
	if signer != nil {
		attrs = append(attrs, slog.String("signer", hex.EncodeToString(signer.Public().(ed25519.PublicKey))))
	}
	if err := st.ownLocked(ctx, MsgRotate, false, attrs...); err != nil {
		return fmt.Errorf("slogaudit: RotateKey: the old key is kept: %w", err)
	}
	if st.seal != nil {
		if err := st.sealLocked(ctx, 1); err != nil {
			return fmt.Errorf("slogaudit: RotateKey: the old key is kept: sealing its epoch: %w", err)
		}
		e := st.seal.ratchet.Epoch()
		r := chain.NewRatchet(key, st.head.Chain)
		_ = r.Forward(e) // e was reached by the old ratchet, so it is within MaxEpoch
		st.seal.ratchet = r
		st.cfg.keyID = id
		st.useEpochKeyLocked()
	} else {
		clear(st.cfg.key)
		st.cfg.keyID, st.cfg.key = id, append([]byte(nil), key...)
		st.mac = hmac.New(sha256.New, st.cfg.key)
	}
	if signer != nil {
		st.cfg.signer = append(ed25519.PrivateKey(nil), signer...)
		st.merkle.signer = nil // built again from the new key at the next checkpoint
	}
	st.stats.Rotations++
	return nil
}

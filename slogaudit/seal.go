package slogaudit

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
)

// MsgSeal is the message of the record that ends an epoch under
// [WithSealing].
const MsgSeal = "audit.seal"

// WithSealing turns on forward-secure sealing: the key of [WithKey] is the
// initial key, from which the MAC key evolves by an HKDF ratchet, one key
// per epoch. An epoch ends when every has passed since it began (checked
// when a record is logged; 0 turns it off) or after records records (0
// turns it off), and at [Handler.Seal] and Close. Each epoch ends with a
// chained audit.seal record MACed with the epoch's key and naming the next
// epoch; then the handler derives the next key and overwrites the old one.
// An intruder who takes the running process later holds only the current
// key, and cannot forge a record of a sealed epoch: the verifier, given
// the initial key, derives every epoch's key and checks each record with
// its own.
//
// Epochs in which nothing was logged are skipped by one seal, so that the
// key follows the clock, up to 4096 epochs at a time: after a
// longer idle time, or a step of the clock far forward, the seal names
// the epoch that many after its own, and the epochs are timed from then.
// After a step of the clock backwards, the epoch is timed from the first
// record logged after it.
//
// Keep the initial key away from the host that writes the log (give it to
// WithKey and clear your copy): whoever holds it can forge every epoch.
// See [chain.Ratchet] for how far Go lets a program forget a key.
//
// Sealing starts a new chain at epoch 0: New refuses it together with
// WithResume of a chain that has records (start a new chain id after a
// restart). Requires WithKey. New refuses it over an asynchronous slogcore
// handler, which could lose a seal after accepting it: wrap a synchronous
// handler (OpenFile, slog.NewJSONHandler).
func WithSealing(every time.Duration, records int) Option {
	return func(c *config) {
		if every < 0 || records < 0 || every == 0 && records == 0 {
			c.errs = append(c.errs, fmt.Errorf("WithSealing(%v, %d): want a positive duration, a positive record count, or both", every, records))
		}
		c.sealing, c.sealEvery, c.sealRecords = true, every, records
	}
}

// sealing is the ratchet state of a handler under WithSealing.
type sealing struct {
	ratchet *chain.Ratchet
	began   time.Time // when the current epoch began
	records int       // records written in the current epoch
}

// validateSealing returns the problems of WithSealing's configuration.
func (c *config) validateSealing() []error {
	if !c.sealing {
		return nil
	}
	var errs []error
	if c.key == nil {
		errs = append(errs, errors.New("WithSealing: sealing evolves the HMAC key: add WithKey"))
	}
	if c.resume != nil && c.resume.Seq > 0 {
		errs = append(errs, fmt.Errorf("WithSealing: chain %s resumed at seq %d: a sealed chain starts at epoch 0 and its epoch key is not kept across restarts: start a new chain (WithChainID)", c.resume.Chain, c.resume.Seq))
	}
	return errs
}

// startSealing derives epoch 0 of the chain and overwrites the initial
// key the handler held.
func (st *state) startSealing() {
	st.seal = &sealing{ratchet: chain.NewRatchet(st.cfg.key, st.head.Chain), began: st.cfg.now()}
	clear(st.cfg.key)
	st.useEpochKeyLocked()
}

// useEpochKeyLocked builds the MAC state from the current epoch's key.
func (st *state) useEpochKeyLocked() {
	k := st.seal.ratchet.Key()
	st.mac = hmac.New(sha256.New, k)
	clear(k)
}

// macLocked returns the MAC of the record whose link hash is h and, under
// sealing, the epoch it was made in.
func (st *state) macLocked(h chain.Hash) (mac chain.Hash, epoch uint64, sealed bool) {
	if st.seal == nil {
		return chain.Current.MACScratch(st.mac, &st.macScratch, st.cfg.keyID, h), 0, false
	}
	e := st.seal.ratchet.Epoch()
	m, _ := chain.Current.SealedMACScratch(st.mac, &st.macScratch, st.cfg.keyID, e, h) // Current is V2 or later
	return m, e, true
}

// Seal ends the current epoch now: it writes the audit.seal record and
// moves to the next epoch's key, forgetting the current one. It does
// nothing without [WithSealing].
func (h *Handler) Seal(ctx context.Context) error {
	st := h.st
	st.mu.Lock()
	defer st.unlock()
	if st.seal == nil {
		return nil
	}
	if st.closed {
		return ErrClosed
	}
	st.startLocked(ctx)
	return st.sealLocked(ctx, 1)
}

// maxSealSkip bounds the epochs one seal skips. Each skipped epoch costs
// the writer (under its lock) and the verifier one HKDF step, and the
// epoch numbers end at chain.MaxEpoch: a clock stepped a year forward
// under one-second epochs would otherwise stall logging for minutes, then
// stop sealing for good.
const maxSealSkip = 1 << 12

// sealDueLocked ends the epoch when its time has passed. Epochs in which
// nothing was logged are skipped by one seal that names the epoch after
// them, so that the key follows the clock, up to maxSealSkip of them;
// beyond, the next epoch is timed from now.
func (st *state) sealDueLocked(ctx context.Context) {
	s := st.seal
	if s == nil || st.cfg.sealEvery <= 0 {
		return
	}
	now := st.cfg.now()
	elapsed := now.Sub(s.began)
	if elapsed < 0 {
		// The clock stepped back: the epoch is timed from now, rather
		// than lasting as long again as the step.
		s.began = now
		return
	}
	if elapsed < st.cfg.sealEvery {
		return
	}
	skip := uint64(elapsed / st.cfg.sealEvery)
	if skip <= maxSealSkip {
		_ = st.sealLocked(ctx, skip) // a failure is reported and retried
		return
	}
	if st.sealLocked(ctx, maxSealSkip) == nil {
		s.began = now
	}
}

// sealFullLocked ends the epoch when it holds its number of records.
func (st *state) sealFullLocked(ctx context.Context) {
	if s := st.seal; s != nil && st.cfg.sealRecords > 0 && s.records >= st.cfg.sealRecords {
		_ = st.sealLocked(ctx, 1)
	}
}

// sealLocked writes the audit.seal record of the current epoch e, naming
// epoch e+skip as the next, and ratchets to it. When the seal is not
// written, the epoch goes on and the seal is tried again later.
func (st *state) sealLocked(ctx context.Context, skip uint64) error {
	s := st.seal
	if skip == 0 {
		skip = 1
	}
	// Losses are declared in the epoch they happened in: the verifier does
	// not accept a later epoch's declaration of them.
	if err := st.declareLocked(ctx); err != nil {
		return err
	}
	e := s.ratchet.Epoch()
	next := e + skip
	if next > chain.MaxEpoch {
		err := fmt.Errorf("slogaudit: chain %s: epoch %d would pass the last epoch %d: start a new chain", st.head.Chain, next, chain.MaxEpoch)
		st.report(err)
		return err
	}
	if err := st.ownLocked(ctx, MsgSeal, false, slog.Uint64("epoch", e), slog.Uint64("next", next), slog.Int("records", s.records)); err != nil {
		return err
	}
	_ = s.ratchet.Forward(next) // next is checked above
	st.useEpochKeyLocked()
	s.began = s.began.Add(time.Duration(skip) * st.cfg.sealEvery)
	if st.cfg.sealEvery <= 0 {
		s.began = st.cfg.now()
	}
	s.records = 0
	st.stats.Seals++
	return nil
}

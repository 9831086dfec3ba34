package slogaudit

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
)

// MsgErasure is the message of the record that [Handler.Erase] writes.
const MsgErasure = "audit.erasure"

// Members of an encrypted personal value: the value of its attribute
// becomes {"subject": S, "aes_gcm": base64(nonce ‖ ciphertext)}.
const (
	KeySubject = "subject"
	KeyAESGCM  = "aes_gcm"
)

// ErasedMark replaces a personal value whose subject's key is gone, in
// [Reveal]'s output.
const ErasedMark = "[ERASED]"

// personalMask is what handlers other than slogaudit write for a
// [Personal] value: its plaintext never reaches them.
const personalMask = "[PERSONAL]"

// personalValue is a value marked as personal data of a subject.
type personalValue struct {
	subject string
	value   slog.Value
}

// LogValue keeps the plaintext from every handler but slogaudit's, which
// encrypts it before it resolves anything.
func (p personalValue) LogValue() slog.Value { return slog.StringValue(personalMask) }

// Personal returns an attribute whose value is personal data of subject.
// A slogaudit handler with a key store ([WithKeyStore]) writes it encrypted
// for the subject, so that [Handler.Erase] can make it unreadable while the
// chain, which covers the ciphertext, still verifies. Other handlers (a
// console handler beside the audit log) write "[PERSONAL]" instead.
//
// Use a pseudonymous subject id (a user number, not an e-mail address): it
// is written in clear, as the associated data of the encryption.
func Personal(subject, key string, value any) slog.Attr {
	return slog.Any(key, personalValue{subject: subject, value: slog.AnyValue(value)})
}

// WithKeyStore sets the key store of per-subject keys for personal data
// ([Personal], [WithPersonalKeys]); [OpenKeyStore] gives the default,
// file-based one. Without it, personal values are written masked.
func WithKeyStore(ks KeyStore) Option {
	return func(c *config) { c.keyStore = ks }
}

// WithPersonalKeys is a redaction rule that encrypts instead of masking:
// the top-level attributes named keys are written encrypted for the
// subject whose id is the string attribute subjectKey of the same record
// (or of With). A record without that attribute has them masked. Requires
// [WithKeyStore].
func WithPersonalKeys(subjectKey string, keys ...string) Option {
	return func(c *config) {
		if subjectKey == "" || len(keys) == 0 {
			c.errs = append(c.errs, fmt.Errorf("WithPersonalKeys(%q, %q): want a subject attribute and at least one key", subjectKey, keys))
		}
		c.subjectKey = subjectKey
		if c.personalKeys == nil {
			c.personalKeys = map[string]bool{}
		}
		for _, k := range keys {
			c.personalKeys[k] = true
		}
	}
}

// personalAAD is the associated data of a subject's values.
func personalAAD(subject string) []byte {
	return append([]byte("slogaudit/personal\x00"), subject...)
}

// sealPersonal encrypts a value's JSON for subject with AES-256-GCM under
// a fresh random nonce. On any failure the value is masked (fail closed)
// and the error reported.
func (st *state) sealPersonal(subject string, v slog.Value) slog.Value {
	ct, err := st.encrypt(subject, v)
	if err != nil {
		st.report(fmt.Errorf("slogaudit: personal value of subject %q written masked: %w", subject, err))
		return slog.StringValue(redactMask)
	}
	return slog.GroupValue(slog.String(KeySubject, subject), slog.String(KeyAESGCM, base64.StdEncoding.EncodeToString(ct)))
}

const redactMask = "[REDACTED]"

func (st *state) encrypt(subject string, v slog.Value) ([]byte, error) {
	if st.cfg.keyStore == nil {
		return nil, errors.New("no key store (WithKeyStore)")
	}
	plain, err := personalJSON(v)
	if err != nil {
		return nil, err
	}
	key, err := storeKey(st.cfg.keyStore, subject, true)
	if err != nil {
		return nil, err
	}
	aead, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return aead.Seal(nonce, nonce, plain, personalAAD(subject)), nil
}

// personalJSON returns the JSON of a personal value. A value whose
// encoding panics (a MarshalJSON that panics, on a nil field for instance)
// is an error, not a panic of the caller; what it panicked with is not
// said, as it may hold the value.
func personalJSON(v slog.Value) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("encoding the value to JSON panicked (a %T)", p)
		}
	}()
	return json.Marshal(jsonOf(v.Resolve()))
}

// storeKey returns ks.Key(subject, create); a key store that panics (a
// KMS client) is an error, not a panic of the caller.
func storeKey(ks KeyStore, subject string, create bool) (key []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			key, err = nil, fmt.Errorf("the key store %T panicked: %v", ks, p)
		}
	}()
	return ks.Key(subject, create)
}

// storeDelete returns ks.Delete(subject); a key store that panics is an
// error.
func storeDelete(ks KeyStore, subject string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the key store %T panicked (whether it destroyed the key is not known; erase again): %v", ks, p)
		}
	}()
	return ks.Delete(subject)
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// jsonOf returns what encoding/json writes for a resolved slog value.
func jsonOf(v slog.Value) any {
	if v.Kind() != slog.KindGroup {
		return v.Any()
	}
	m := map[string]any{}
	for _, a := range v.Group() {
		m[a.Key] = jsonOf(a.Value.Resolve())
	}
	return m
}

// isSealed reports whether a's value is an encrypted personal value, which
// redaction leaves alone: it holds no plaintext, and a key rule that masks
// it (an "email" under the GDPR preset) would make it unreadable for good.
func isSealed(a slog.Attr) bool {
	g := a.Value
	if g.Kind() != slog.KindGroup || len(g.Group()) != 2 {
		return false
	}
	m := g.Group()
	return m[0].Key == KeySubject && m[1].Key == KeyAESGCM
}

// personal encrypts the values of a that are marked [Personal], at any
// depth, and, when rules is set, for a top-level attribute named by
// [WithPersonalKeys], the whole value for subject ("" masks it).
func (st *state) personal(groups []string, a slog.Attr, subject string, rules bool) slog.Attr {
	a, _ = st.personalChanged(groups, a, subject, rules)
	return a
}

// personalChanged is personal, and reports whether it changed a.
func (st *state) personalChanged(groups []string, a slog.Attr, subject string, rules bool) (slog.Attr, bool) {
	if a.Value.Kind() == slog.KindLogValuer {
		if p, ok := a.Value.Any().(personalValue); ok {
			a.Value = st.sealPersonal(p.subject, p.value)
			return a, true
		}
	}
	if rules && len(groups) == 0 && st.cfg.personalKeys[a.Key] {
		if subject == "" {
			st.report(fmt.Errorf("slogaudit: %q written masked: the record has no %q attribute naming its subject", a.Key, st.cfg.subjectKey))
			a.Value = slog.StringValue(redactMask)
			return a, true
		}
		a.Value = st.sealPersonal(subject, a.Value)
		return a, true
	}
	if a.Value.Kind() == slog.KindGroup {
		inner := a.Value.Group()
		sub := groups
		if a.Key != "" { // an inline group's members are at its own level
			sub = append(groups, a.Key)
		}
		var out []slog.Attr // allocated at the first change only
		for i, ga := range inner {
			ga2, c := st.personalChanged(sub, ga, subject, rules)
			if c && out == nil {
				out = append(make([]slog.Attr, 0, len(inner)), inner[:i]...)
			}
			if out != nil {
				out = append(out, ga2)
			}
		}
		if out != nil {
			a.Value = slog.GroupValue(out...)
			return a, true
		}
	}
	return a, false
}

// subjectOf returns the record's subject for WithPersonalKeys: the string
// attribute subjectKey at the top level, of the record or of With.
func (h *Handler) subjectOf(r slog.Record) string {
	key := h.st.cfg.subjectKey
	if key == "" || len(h.groups) > 0 {
		return ""
	}
	subject := ""
	for _, w := range h.with {
		if len(w.groups) == 0 && w.attr.Key == key && w.attr.Value.Kind() == slog.KindString {
			subject = w.attr.Value.String()
		}
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == key && a.Value.Kind() == slog.KindString {
			subject = a.Value.String()
		}
		return true
	})
	return subject
}

// Erase destroys the key of subject in the key store, durably, so that
// every personal value of the subject written so far can no longer be
// read, and writes a chained audit.erasure record naming the subject and
// actor (who asked). The log still verifies: the chain covers the
// ciphertext, which stays. A record written for the subject later gets a
// new key.
func (h *Handler) Erase(ctx context.Context, subject, actor string) error {
	st := h.st
	if st.cfg.keyStore == nil {
		return errors.New("slogaudit: Erase: no key store (WithKeyStore)")
	}
	st.mu.Lock()
	defer st.unlock()
	if st.closed {
		return ErrClosed
	}
	if err := storeDelete(st.cfg.keyStore, subject); err != nil {
		return fmt.Errorf("slogaudit: Erase: the subject's data is not erased: %w", err)
	}
	st.startLocked(ctx)
	if err := st.ownLocked(ctx, MsgErasure, true, Actor(actor), Action(DataDeletion), Outcome(Success),
		slog.String(KeySubject, subject)); err != nil {
		return fmt.Errorf("slogaudit: Erase: the key is destroyed, but the %s record was not written: %w", MsgErasure, err)
	}
	return nil
}

// Reveal returns a log line with each personal value decrypted where ks
// holds its subject's key, and [ErasedMark] where it does not. The line is
// re-encoded (members sorted); it is for reading, not for verification.
func Reveal(line []byte, ks KeyStore) ([]byte, error) {
	var v any
	d := json.NewDecoder(bytes.NewReader(line))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return nil, fmt.Errorf("slogaudit: reveal: %w", err)
	}
	out, err := json.Marshal(reveal(v, ks))
	if err != nil {
		return nil, fmt.Errorf("slogaudit: reveal: %w", err)
	}
	return out, nil
}

func reveal(v any, ks KeyStore) any {
	switch x := v.(type) {
	case map[string]any:
		subject, ok1 := x[KeySubject].(string)
		ct, ok2 := x[KeyAESGCM].(string)
		if ok1 && ok2 && len(x) == 2 {
			return open(subject, ct, ks)
		}
		for k, e := range x {
			if k != "audit" {
				x[k] = reveal(e, ks)
			}
		}
	case []any:
		for i, e := range x {
			x[i] = reveal(e, ks)
		}
	}
	return v
}

// open decrypts one personal value, or says why not.
func open(subject, b64 string, ks KeyStore) any {
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return "[UNREADABLE: not base64]"
	}
	key, err := storeKey(ks, subject, false)
	if errors.Is(err, ErrNoSubjectKey) {
		return ErasedMark
	}
	if err != nil {
		return "[UNREADABLE: " + err.Error() + "]"
	}
	aead, err := newGCM(key)
	if err != nil || len(raw) < aead.NonceSize() {
		return "[UNREADABLE]"
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], personalAAD(subject))
	if err != nil {
		// The subject has a key, but not this one: it was erased and
		// created again for later records.
		return ErasedMark
	}
	var v any
	if json.Unmarshal(plain, &v) != nil {
		return "[UNREADABLE]"
	}
	return v
}

package slogaudit

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"unicode/utf8"

	"github.com/slogguard/slogguard/internal/chain"
)

// canonicalRecord checks a line that is exactly what a File handler
// writes: a canonical record of format v2 or later whose link hash is
// over its own bytes without the audit member. It reads only the audit
// member and hashes the line as it is, and reports whether the line was
// such a record; any other line (v1, another handler's JSON, the
// wrapper's own records, anything that does not match its hash) is read
// in full by record, which canonicalises it and reports what is wrong.
//
// A match means that the line without its audit member is the very bytes
// the writer hashed (SHA-256 is collision resistant), which the writer
// made canonical: reading them in full would find the same record.
func (v *verifier) canonicalRecord(raw []byte) bool {
	if !bytes.Contains(raw, canonicalAuditStart) {
		return false // not a File line: no need to scan it twice
	}
	var l chain.Line
	if !chain.ScanLine(raw, &l) || !l.HasAudit || l.Escaped || !l.HasMsg {
		return false
	}
	msg := raw[l.Msg[0]:l.Msg[1]]
	if bytes.HasPrefix(msg, []byte("audit.")) || bytes.HasPrefix(msg, []byte("retention.")) {
		return false // the wrapper's own records say more than their place
	}
	member := raw[l.AuditValue[0]:l.AuditValue[1]]
	// An audit member in any other form (another handler's, or ids that
	// need escapes) is read in full.
	rec, ok := v.parseCanonicalAudit(member)
	if !ok {
		return false
	}
	v.linker.Start(rec.chain)
	v.linker.Write(raw[:l.Cut[0]])
	v.linker.Write(raw[l.Cut[1]:])
	if v.linker.Finish(rec.seq, rec.prev) != rec.hash {
		return false
	}
	v.flushTorn("", "")
	v.rep.Records++
	rec.hashOK = true
	v.checks.chain(rec.chain).Hashes.count(false)
	ok = v.checkMAC(rec)
	if st, placed := v.link(rec, ok); placed {
		// followEpoch and followKey read the record only when its message
		// is one of the wrapper's own, which this one's is not.
		var ordinary chain.Value
		v.followEpoch(st, rec, ordinary, ok)
		v.followKey(st, rec, ordinary, ok)
	}
	return true
}

// canonicalAuditStart begins the audit member of every canonical line.
var canonicalAuditStart = []byte(`"audit":{"chain":"`)

// parseCanonicalAudit reads an audit member in the one form a File
// handler writes it:
//
//	{"chain":S[,"epoch":N],"hash":B[,"key":S,"mac":B],"prev":B,"seq":N,"v":2}
//
// with strings free of escapes and hashes in base64url. It reports false
// for anything else, which parseAudit then reads; what it accepts,
// parseAudit accepts with the same fields.
func (v *verifier) parseCanonicalAudit(b []byte) (f auditFields, ok bool) {
	lit := func(s string) bool {
		if len(b) < len(s) || string(b[:len(s)]) != s {
			return false
		}
		b = b[len(s):]
		return true
	}
	str := func() ([]byte, bool) { // after the opening quote
		i := bytes.IndexByte(b, '"')
		if i < 0 || bytes.IndexByte(b[:i], '\\') >= 0 {
			return nil, false
		}
		s := b[:i]
		b = b[i+1:]
		return s, true
	}
	num := func(max uint64) (uint64, bool) {
		n, i := uint64(0), 0
		for ; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
			if i == 1 && b[0] == '0' || i >= 16 {
				return 0, false
			}
			n = n*10 + uint64(b[i]-'0')
		}
		if i == 0 || n > max {
			return 0, false
		}
		b = b[i:]
		return n, true
	}
	hash := func(dst *chain.Hash) bool {
		s, ok := str()
		if !ok || len(s) != 43 {
			return false
		}
		n, err := base64.RawURLEncoding.Strict().Decode(dst[:], s)
		return err == nil && n == len(dst)
	}
	if !lit(`{"chain":"`) {
		return f, false
	}
	id, ok := str()
	if !ok || len(id) == 0 || len(id) > 0xFFFF {
		return f, false
	}
	f.chain = v.intern(&v.lastChain, id)
	if lit(`,"epoch":`) {
		if f.epoch, ok = num(chain.MaxEpoch); !ok {
			return f, false
		}
		f.hasEpoch = true
	}
	if !lit(`,"hash":"`) || !hash(&f.hash) {
		return f, false
	}
	if lit(`,"key":"`) {
		key, ok := str()
		if !ok || len(key) > 0xFFFF || !lit(`,"mac":"`) || !hash(&f.mac) {
			return f, false
		}
		f.keyID, f.hasMAC = v.intern(&v.lastKey, key), true
	}
	if !lit(`,"prev":"`) || !hash(&f.prev) || !lit(`,"seq":`) {
		return f, false
	}
	if f.seq, ok = num(1 << 53); !ok || f.seq == 0 {
		return f, false
	}
	if !lit(`,"v":2}`) || len(b) != 0 {
		return f, false
	}
	f.version = chain.V2
	return f, true
}

// intern returns b as a string, reusing *last when it holds the same
// bytes: the chain and key ids of consecutive lines repeat.
func (v *verifier) intern(last *string, b []byte) string {
	if *last != string(b) {
		*last = string(b)
	}
	return *last
}

// macState returns a reusable HMAC-SHA256 state for key, kept per key id.
func (v *verifier) macState(keyID string, key []byte) hash.Hash {
	m, ok := v.macs[keyID]
	if !ok || !bytes.Equal(m.key, key) {
		m = keyedMAC{key: key, h: hmac.New(sha256.New, key)}
		if v.macs == nil {
			v.macs = map[string]keyedMAC{}
		}
		v.macs[keyID] = m
	}
	return m.h
}

type keyedMAC struct {
	key []byte
	h   hash.Hash
}

// recodeLines turns recodedRecord on; tests turn it off to compare its
// verdicts with record's.
var recodeLines = true

// recodedRecord checks an ordinary record that another handler wrote
// (Wrap's lines): it re-encodes the line in its canonical form straight
// from its bytes and checks the link hash. It reports false, having
// changed nothing, for any line that it does not check exactly as record
// would: invalid UTF-8, a line the Recoder refuses, an audit member in any
// form but the one Wrap writes, a record of the wrapper's own (its members
// declare things), or a line whose hash does not match (record says what
// is wrong).
func (v *verifier) recodedRecord(raw []byte) bool {
	if !utf8.Valid(raw) {
		return false
	}
	content, member, msg, ok := v.recode.AppendWithout(v.buf[:0], raw, "audit", "msg")
	if !ok || member == nil {
		return false
	}
	v.buf = content
	if bytes.HasPrefix(msg, []byte(`"audit.`)) || bytes.HasPrefix(msg, []byte(`"retention.`)) {
		return false // one of the wrapper's own records
	}
	if i := bytes.IndexByte(msg, '\\'); i >= 0 && i < len(`"retention.`) {
		return false // an escape where it could spell one of their messages
	}
	rec, ok := v.parseWrappedAudit(member)
	if !ok || rec.version.Link(rec.chain, rec.seq, rec.prev, content) != rec.hash {
		return false
	}
	v.flushTorn("", "")
	v.rep.Records++
	rec.hashOK = true
	v.checks.chain(rec.chain).Hashes.count(false)
	ok = v.checkMAC(rec)
	if st, placed := v.link(rec, ok); placed {
		// followEpoch and followKey read the record only when its message
		// is one of the wrapper's own, which this one's is not.
		var ordinary chain.Value
		v.followEpoch(st, rec, ordinary, ok)
		v.followKey(st, rec, ordinary, ok)
	}
	return true
}

// parseWrappedAudit reads an audit member in the one form that Wrap hands
// it to a JSON handler:
//
//	{"v":N,"chain":S,"seq":N,"prev":H,"hash":H[,"epoch":N][,"mac":H,"key":S]}
//
// with strings free of escapes and hashes in 64 hex digits. It reports
// false for anything else, which parseAudit then reads; what it accepts,
// parseAudit accepts with the same fields.
func (v *verifier) parseWrappedAudit(b []byte) (f auditFields, ok bool) {
	lit := func(s string) bool {
		if len(b) < len(s) || string(b[:len(s)]) != s {
			return false
		}
		b = b[len(s):]
		return true
	}
	str := func() ([]byte, bool) { // after the opening quote
		i := bytes.IndexByte(b, '"')
		if i < 0 {
			return nil, false
		}
		s := b[:i]
		for _, c := range s {
			if c < 0x20 || c == '\\' {
				return nil, false
			}
		}
		b = b[i+1:]
		return s, true
	}
	hash := func(dst *chain.Hash) bool {
		s, ok := str()
		if !ok || len(s) != 2*len(dst) {
			return false
		}
		_, err := hex.Decode(dst[:], s)
		return err == nil
	}
	switch {
	case lit(`{"v":1,"chain":"`):
		f.version = chain.V1
	case lit(`{"v":2,"chain":"`):
		f.version = chain.V2
	default:
		return f, false
	}
	id, ok := str()
	if !ok || len(id) == 0 || !lit(`,"seq":`) {
		return f, false
	}
	f.chain = v.intern(&v.lastChain, id)
	if f.seq, ok = decimal(&b, 1<<53); !ok || f.seq == 0 {
		return f, false
	}
	if !lit(`,"prev":"`) || !hash(&f.prev) || !lit(`,"hash":"`) || !hash(&f.hash) {
		return f, false
	}
	if f.version >= chain.V2 && lit(`,"epoch":`) {
		if f.epoch, ok = decimal(&b, chain.MaxEpoch); !ok {
			return f, false
		}
		f.hasEpoch = true
	}
	if lit(`,"mac":"`) {
		if !hash(&f.mac) || !lit(`,"key":"`) {
			return f, false
		}
		key, ok := str()
		if !ok || len(key) > 0xFFFF {
			return f, false
		}
		f.keyID, f.hasMAC = v.intern(&v.lastKey, key), true
	}
	if !lit(`}`) || len(b) != 0 {
		return f, false
	}
	return f, true
}

// decimal reads an integer of at most 16 digits and no leading zero, at
// most max, from the start of *b, and advances *b past it.
func decimal(b *[]byte, max uint64) (uint64, bool) {
	d := *b
	n, i := uint64(0), 0
	for ; i < len(d) && '0' <= d[i] && d[i] <= '9'; i++ {
		if i == 1 && d[0] == '0' || i >= 16 {
			return 0, false
		}
		n = n*10 + uint64(d[i]-'0')
	}
	if i == 0 || n > max {
		return 0, false
	}
	*b = d[i:]
	return n, true
}

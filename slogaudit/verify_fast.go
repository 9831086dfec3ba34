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
	if !auditInPlace(raw, &l) {
		return false // a member moved or spaced: the line is not canonical
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
	v.matched(rec)
	v.fileLine, v.isFileLine = claimedRecord{rec.chain, rec.seq}, true
	return true
}

// matched takes an ordinary record (not one of the wrapper's own) whose
// content matched its link hash, as record would: its MAC is checked and
// it joins its chain.
func (v *verifier) matched(rec auditFields) {
	if v.torn != nil {
		v.torn.closer = claimedRecord{rec.chain, rec.seq}
		v.noteCloserAfter(v.torn)
	}
	v.flushTorn("", "")
	v.rep.Records++
	rec.hashOK = true
	v.checks.chain(rec.chain).Hashes.count(false)
	ok := v.checkMAC(rec)
	rec.macFailed = !ok
	if st, placed := v.link(rec, ok); placed {
		// followEpoch and followKey read the record only when its message
		// is one of the wrapper's own, which this one's is not.
		var ordinary chain.Value
		v.followEpoch(st, rec, ordinary, ok)
		v.followKey(st, rec, ordinary, ok)
	}
}

// auditInPlace reports whether the audit member of raw stands where the
// canonical form puts it: between the members whose names sort before
// "audit" and those that sort after it, with no white space around its
// name or the commas next to it. The link hash covers the line without
// the bytes l.Cut removes, so these are the bytes it does not cover.
// Names hold no escape (the caller checks l.Escaped), and a name compares
// with "audit" by its bytes as by its UTF-16 code units.
func auditInPlace(raw []byte, l *chain.Line) bool {
	head := string(raw[l.Cut[0]:l.AuditValue[0]])
	switch {
	case l.HasBefore:
		if head != `,"audit":` || string(raw[l.Before[0]:l.Before[1]]) >= "audit" {
			return false
		}
	case head != `"audit":`:
		return false
	case l.HasAfter && string(raw[l.AuditValue[1]:l.Cut[1]]) != ",":
		return false
	}
	return !l.HasAfter || string(raw[l.After[0]:l.After[1]]) > "audit"
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
	r := memberReader(b)
	hash := func(dst *chain.Hash) bool {
		s, ok := r.str()
		if !ok || len(s) != 43 {
			return false
		}
		n, err := base64.RawURLEncoding.Strict().Decode(dst[:], s)
		return err == nil && n == len(dst)
	}
	if !r.lit(`{"chain":"`) {
		return f, false
	}
	id, ok := r.str()
	if !ok || len(id) == 0 || len(id) > 0xFFFF {
		return f, false
	}
	f.chain = v.intern(&v.lastChain, id)
	if r.lit(`,"epoch":`) {
		if f.epoch, ok = r.num(chain.MaxEpoch); !ok {
			return f, false
		}
		f.hasEpoch = true
	}
	if !r.lit(`,"hash":"`) || !hash(&f.hash) {
		return f, false
	}
	if r.lit(`,"key":"`) {
		key, ok := r.str()
		if !ok || len(key) > 0xFFFF || !r.lit(`,"mac":"`) || !hash(&f.mac) {
			return f, false
		}
		f.keyID, f.hasMAC = v.intern(&v.lastKey, key), true
	}
	if !r.lit(`,"prev":"`) || !hash(&f.prev) || !r.lit(`,"seq":`) {
		return f, false
	}
	if f.seq, ok = r.num(1 << 53); !ok || f.seq == 0 {
		return f, false
	}
	if !r.lit(`,"v":2}`) || len(r) != 0 {
		return f, false
	}
	f.version = chain.V2
	return f, true
}

// memberReader reads an audit member written in one fixed form.
type memberReader []byte

// lit reads s.
func (r *memberReader) lit(s string) bool {
	if len(*r) < len(s) || string((*r)[:len(s)]) != s {
		return false
	}
	*r = (*r)[len(s):]
	return true
}

// str reads the rest of a string after its opening quote, and its closing
// quote: one without escapes or control characters.
func (r *memberReader) str() ([]byte, bool) {
	b := *r
	i := bytes.IndexByte(b, '"')
	if i < 0 {
		return nil, false
	}
	for _, c := range b[:i] {
		if c < 0x20 || c == '\\' {
			return nil, false
		}
	}
	*r = b[i+1:]
	return b[:i], true
}

// num reads an integer of at most 16 digits and no leading zero, at most
// max.
func (r *memberReader) num(max uint64) (uint64, bool) {
	b := *r
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
	*r = b[i:]
	return n, true
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

// canonicalLines turns canonicalRecord on; tests turn it off to compare
// its verdicts with record's.
var canonicalLines = true

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
	v.matched(rec)
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
	r := memberReader(b)
	hash := func(dst *chain.Hash) bool {
		s, ok := r.str()
		if !ok || len(s) != 2*len(dst) || bytes.ContainsAny(s, "ABCDEF") {
			return false // uppercase: parseAudit says whether the version allows it
		}
		_, err := hex.Decode(dst[:], s)
		return err == nil
	}
	switch {
	case r.lit(`{"v":1,"chain":"`):
		f.version = chain.V1
	case r.lit(`{"v":2,"chain":"`):
		f.version = chain.V2
	default:
		return f, false
	}
	id, ok := r.str()
	if !ok || len(id) == 0 || !r.lit(`,"seq":`) {
		return f, false
	}
	f.chain = v.intern(&v.lastChain, id)
	if f.seq, ok = r.num(1 << 53); !ok || f.seq == 0 {
		return f, false
	}
	if !r.lit(`,"prev":"`) || !hash(&f.prev) || !r.lit(`,"hash":"`) || !hash(&f.hash) {
		return f, false
	}
	if f.version >= chain.V2 && r.lit(`,"epoch":`) {
		if f.epoch, ok = r.num(chain.MaxEpoch); !ok {
			return f, false
		}
		f.hasEpoch = true
	}
	if r.lit(`,"mac":"`) {
		if !hash(&f.mac) || !r.lit(`,"key":"`) {
			return f, false
		}
		key, ok := r.str()
		if !ok || len(key) > 0xFFFF {
			return f, false
		}
		f.keyID, f.hasMAC = v.intern(&v.lastKey, key), true
	}
	if !r.lit(`}`) || len(r) != 0 {
		return f, false
	}
	return f, true
}

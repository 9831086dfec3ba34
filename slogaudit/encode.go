package slogaudit

import (
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/slogguard/slogguard/internal/chain"
)

// prepared is a record encoded before it takes its place in the chain:
// its canonical bytes (RFC 8785, without the audit member), hashed into
// its link hash as far as they go. Everything here is computed on the
// caller's goroutine, outside the lock; only the end of the link hash
// (the seq and the previous hash), the MAC and the write need the
// chain's head.
type prepared struct {
	root    *node
	sc      *scratch // the canonical bytes and the record's nodes, pooled
	auditAt int      // where the audit member goes in the canonical bytes
	chain   string
	// tmpl is the With template root started from, and next the wrapped
	// handler that holds its members already (see Handler.next).
	tmpl *node
	next slog.Handler
}

// scratch is the memory of one record being handled: its nodes, its
// canonical bytes and its link hash.
type scratch struct {
	ar   arena
	buf  []byte
	link chain.Linker
}

// scratchPool holds the scratch of records handled. Buffers that grew
// past maxPooled are left to the garbage collector, so that one huge
// record does not pin its memory.
var scratchPool = sync.Pool{New: func() any { return &scratch{buf: make([]byte, 0, 1024)} }}

const maxPooled = 64 << 10

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// prepare encodes root, built in sc, canonically and starts its link hash
// as a record of chainID.
// tmpl is the With template root was built from, or nil.
func prepare(root *node, sc *scratch, chainID string, tmpl *node) prepared {
	p := prepared{root: root, sc: sc, chain: chainID, tmpl: tmpl}
	p.reencode()
	return p
}

// reencode encodes the record again, after a change to its members.
func (p *prepared) reencode() {
	if t := p.tmpl; t != nil && t.sorted != nil && t.copiedIn(p.root) {
		p.sc.buf, p.auditAt = t.sorted.appendMerged(p.sc.buf[:0], p.root.kids[len(t.kids):], &p.sc.ar.order)
	} else {
		p.sc.buf, p.auditAt = p.root.appendCanonicalTop(p.sc.buf[:0])
	}
	p.sc.link.Start(p.chain)
	p.sc.link.Write(p.sc.buf)
}

// link returns the record's link hash as seq after prev (once).
func (p *prepared) link(seq uint64, prev chain.Hash) chain.Hash {
	return p.sc.link.Finish(seq, prev)
}

func (p *prepared) canon() []byte { return p.sc.buf }

// release returns the scratch to the pool: the record's nodes and bytes
// are not used after it.
func (p *prepared) release() {
	if p.sc == nil {
		return
	}
	p.sc.ar.reset()
	if cap(p.sc.buf) <= maxPooled && cap(p.sc.ar.nodes) <= 4096 && cap(p.sc.ar.kids) <= 8192 {
		scratchPool.Put(p.sc)
	}
	p.sc, p.root, p.tmpl, p.next = nil, nil, nil, nil
}

// appendCanonicalTop appends the RFC 8785 form of the top-level group n and
// returns the offset in dst at which the member "audit" sorts: the start of
// the first member whose name sorts after it, or the closing brace.
func (n *node) appendCanonicalTop(dst []byte) ([]byte, int) {
	at := -1
	dst = n.appendCanonicalAt(dst, &at)
	if at < 0 {
		at = len(dst) - 1
	}
	return dst, at
}

// appendCanonical appends the RFC 8785 form of group n. The members are
// sorted in a copy: the wrapped handler writes them in the caller's order.
func (n *node) appendCanonical(dst []byte) []byte {
	return n.appendCanonicalAt(dst, nil)
}

// appendMember appends n as a member of its parent: its encoded member
// when it has one, else its key and canonical value.
func (n *node) appendMember(dst []byte) []byte {
	if n.member != nil {
		return append(dst, n.member...)
	}
	dst = chain.AppendString(dst, n.key)
	dst = append(dst, ':')
	if n.group {
		return n.appendCanonical(dst)
	}
	return chain.AppendCanonical(dst, n.canon)
}

func (n *node) appendCanonicalAt(dst []byte, auditAt *int) []byte {
	var stack [24]*node
	var memo *[]uint8
	if n.ar != nil {
		memo = &n.ar.order // a record's top level
	}
	kids := sortedKids(append(stack[:0], n.kids...), memo)
	dst = append(dst, '{')
	for i, k := range kids {
		if i > 0 {
			dst = append(dst, ',')
		}
		if auditAt != nil && *auditAt < 0 && chain.CompareKeys(k.key, auditKey) > 0 {
			*auditAt = len(dst)
		}
		dst = k.appendMember(dst)
	}
	return append(dst, '}')
}

// sortedMembers is the top level of a With template in canonical form:
// its members in canonical order, each followed by a comma, so that a
// record copies the runs of them that sort between its own members.
type sortedMembers struct {
	keys  []string
	body  []byte
	ends  []int // where each member's comma ends in body
	audit int   // the first member whose name sorts after "audit"
}

// encodeSorted encodes the members of the template t, sorted, once.
func encodeSorted(t *node) *sortedMembers {
	s := &sortedMembers{audit: len(t.kids)}
	for i, k := range t.kids {
		if s.audit == len(t.kids) && chain.CompareKeys(k.key, auditKey) > 0 {
			s.audit = i
		}
		s.keys = append(s.keys, k.key)
		if k.member != nil {
			s.body = append(s.body, k.member...)
		} else {
			s.body = chain.AppendString(s.body, k.key)
			s.body = append(s.body, ':')
			s.body = k.appendCanonical(s.body)
		}
		s.body = append(s.body, ',')
		s.ends = append(s.ends, len(s.body))
	}
	return s
}

// appendMerged appends the canonical form of a record made of the
// template's members and own, the record's other members (none of them
// named as a template member), and returns it with the offset of the
// audit member, as appendCanonicalTop does.
func (s *sortedMembers) appendMerged(dst []byte, own []*node, memo *[]uint8) ([]byte, int) {
	var stack [24]*node
	own = sortedKids(append(stack[:0], own...), memo)
	at := -1
	dst = append(dst, '{')
	start := len(dst)
	i := 0                // the next template member
	run := func(to int) { // template members i to to-1
		if i == to {
			return
		}
		if at < 0 && s.audit < to {
			run2 := s.audit
			if i < run2 {
				dst = s.appendRun(dst, start, i, run2)
			}
			if len(dst) > start {
				dst = append(dst, ',')
			}
			at = len(dst)
			dst = s.appendRun(dst, len(dst), run2, to)
		} else {
			dst = s.appendRun(dst, start, i, to)
		}
		i = to
	}
	for _, k := range own {
		to := i
		for to < len(s.keys) && chain.CompareKeys(s.keys[to], k.key) < 0 {
			to++
		}
		run(to)
		if len(dst) > start {
			dst = append(dst, ',')
		}
		if at < 0 && chain.CompareKeys(k.key, auditKey) > 0 {
			at = len(dst)
		}
		dst = k.appendMember(dst)
	}
	run(len(s.keys))
	dst = append(dst, '}')
	if at < 0 {
		at = len(dst) - 1
	}
	return dst, at
}

// appendRun appends template members from to to-1, after a comma unless
// dst ends at start (the first member of the object).
func (s *sortedMembers) appendRun(dst []byte, start, from, to int) []byte {
	if len(dst) > start {
		dst = append(dst, ',')
	}
	lo := 0
	if from > 0 {
		lo = s.ends[from-1]
	}
	return append(dst, s.body[lo:s.ends[to-1]-1]...)
}

// sortedKids sorts kids by their keys in RFC 8785 order and returns them.
// Records are small and often nearly sorted (a With template is kept
// sorted, the built-ins come after it), where insertion sort does a few
// comparisons per member; most comparisons are of the keys' first eight
// bytes as one integer. memo, when not nil, holds the order of the last
// members sorted with it: records from one call site have their members
// in one order, and checking that order costs a comparison per member.
func sortedKids(kids []*node, memo *[]uint8) []*node {
	if len(kids) > 32 {
		slices.SortFunc(kids, func(a, b *node) int { return chain.CompareKeys(a.key, b.key) })
		return kids
	}
	var room [32]keyed
	ks := room[:len(kids)]
	for i, k := range kids {
		ks[i] = keyed{prefix: keyPrefix(k.key), n: k, at: uint8(i)}
	}
	if memo != nil && len(*memo) == len(ks) && memoSorts(ks, *memo) {
		for i, at := range *memo {
			kids[i] = ks[at].n
		}
		return kids
	}
	for i := 1; i < len(ks); i++ {
		k := ks[i]
		j := i
		for ; j > 0 && ks[j-1].after(k); j-- {
			ks[j] = ks[j-1]
		}
		ks[j] = k
	}
	for i, k := range ks {
		kids[i] = k.n
	}
	if memo != nil {
		*memo = (*memo)[:0]
		for _, k := range ks {
			*memo = append(*memo, k.at)
		}
	}
	return kids
}

// memoSorts reports whether order (indexes into ks, each once) lists ks
// by their keys, each before the next.
func memoSorts(ks []keyed, order []uint8) bool {
	var seen uint32
	for i, at := range order {
		if int(at) >= len(ks) || seen&(1<<at) != 0 {
			return false
		}
		seen |= 1 << at
		if i > 0 && !ks[order[i-1]].before(ks[at]) {
			return false
		}
	}
	return true
}

// keyed is a member with the first bytes of its key (see keyPrefix) and
// its place among the members given to sortedKids.
type keyed struct {
	prefix uint64
	n      *node
	at     uint8
}

// after reports whether a's key sorts after b's.
func (a keyed) after(b keyed) bool {
	if a.prefix != b.prefix && a.prefix != 0 && b.prefix != 0 {
		return a.prefix > b.prefix
	}
	return chain.CompareKeys(a.n.key, b.n.key) > 0
}

// before reports whether a's key sorts before b's.
func (a keyed) before(b keyed) bool {
	if a.prefix != b.prefix && a.prefix != 0 && b.prefix != 0 {
		return a.prefix < b.prefix
	}
	return chain.CompareKeys(a.n.key, b.n.key) < 0
}

// keyPrefix returns the first eight bytes of key as a big-endian integer,
// padded with zeros, when they are ASCII other than NUL: then two keys
// whose prefixes differ sort as their prefixes do (ASCII sorts the same
// in UTF-8 and UTF-16, and a shorter key before its extensions). It
// returns 0 for other keys, which are compared whole.
func keyPrefix(key string) uint64 {
	var p uint64
	for i := range 8 {
		p <<= 8
		if i < len(key) {
			c := key[i]
			if c == 0 || c >= utf8.RuneSelf {
				return 0
			}
			p |= uint64(c)
		}
	}
	return p
}

// sortKids sorts the members of the template n, and of its groups, once,
// so that the records copying it are nearly sorted.
func (n *node) sortKids() {
	slices.SortStableFunc(n.kids, func(a, b *node) int { return chain.CompareKeys(a.key, b.key) })
	n.forgetIndex()
	for _, k := range n.kids {
		if k.group {
			k.sortKids()
		}
	}
}

// auditKey is the top-level member that holds a record's place in its
// chain. A user attribute of that name is written as "_audit".
const auditKey = "audit"

// auditMember is the audit member of one record, as it is written.
type auditMember struct {
	chain    string
	seq      uint64
	prev     chain.Hash
	hash     chain.Hash
	mac      chain.Hash
	hasMAC   bool
	keyID    string
	epoch    uint64
	hasEpoch bool
	// hashText and prevText are hash and prev already in the form
	// [chain.Current] writes, or nil to encode them here.
	hashText, prevText []byte
	// texts is the encoding of chain and keyID, made once per chain and
	// key; nil: encoded here.
	texts *memberTexts
}

// memberTexts are the parts of the audit member that stay the same from
// one record to the next, encoded once: `{"chain":"…"` and
// `,"key":"…","mac":"`.
type memberTexts struct {
	chain, keyID string
	open, keyMAC []byte
}

// textsFor returns the member texts of chainID and keyID, reusing t when
// they are its own.
func textsFor(t *memberTexts, chainID, keyID string) *memberTexts {
	if t != nil && t.chain == chainID && t.keyID == keyID {
		return t
	}
	t = &memberTexts{chain: chainID, keyID: keyID}
	t.open = chain.AppendString(append([]byte(nil), `{"chain":`...), chainID)
	t.keyMAC = append(chain.AppendString(append([]byte(nil), `,"key":`...), keyID), `,"mac":"`...)
	return t
}

// appendCanonical appends the member's value in RFC 8785 form: its names
// in sorted order (chain, epoch, hash, key, mac, prev, seq, v), hashes in
// the form [chain.Current] writes.
func (a *auditMember) appendCanonical(b []byte) []byte {
	v := chain.Current
	if a.texts != nil {
		b = append(b, a.texts.open...)
	} else {
		b = append(b, `{"chain":`...)
		b = chain.AppendString(b, a.chain)
	}
	if a.hasEpoch {
		b = append(b, `,"epoch":`...)
		b = strconv.AppendUint(b, a.epoch, 10)
	}
	b = append(b, `,"hash":"`...)
	b = appendHashText(b, a.hashText, a.hash)
	b = append(b, '"')
	if a.hasMAC {
		if a.texts != nil {
			b = append(b, a.texts.keyMAC...)
		} else {
			b = append(b, `,"key":`...)
			b = chain.AppendString(b, a.keyID)
			b = append(b, `,"mac":"`...)
		}
		b = v.AppendHash(b, a.mac)
		b = append(b, '"')
	}
	b = append(b, `,"prev":"`...)
	b = appendHashText(b, a.prevText, a.prev)
	b = append(b, `","seq":`...)
	b = strconv.AppendUint(b, a.seq, 10)
	b = append(b, `,"v":`...)
	b = strconv.AppendInt(b, int64(v), 10)
	return append(b, '}')
}

// appendHashText appends text, the form of h that [chain.Current] writes,
// or encodes h when text is nil.
func appendHashText(b, text []byte, h chain.Hash) []byte {
	if text != nil {
		return append(b, text...)
	}
	return chain.Current.AppendHash(b, h)
}

// appendLine appends the whole line of a record: its canonical bytes with
// the audit member spliced in at its sorted place, so that the line is
// itself canonical, and a newline.
func appendLine(b []byte, p *prepared, a *auditMember) []byte {
	c := p.canon()
	at := p.auditAt
	b = append(b, c[:at]...)
	switch {
	case c[at] == '}' && at == 1: // {}: the only member
		b = append(b, `"audit":`...)
		b = a.appendCanonical(b)
	case c[at] == '}': // after the last member
		b = append(b, `,"audit":`...)
		b = a.appendCanonical(b)
	default: // before the member at
		b = append(b, `"audit":`...)
		b = a.appendCanonical(b)
		b = append(b, ',')
	}
	b = append(b, c[at:]...)
	return append(b, '\n')
}

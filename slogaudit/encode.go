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
	p.sc.buf, p.auditAt = p.root.appendCanonicalTop(p.sc.buf[:0])
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
	var memo *[]uint8
	if n.ar != nil {
		memo = &n.ar.order // a record's top level
	}
	if t := n.tmpl; t != nil && t.sorted != nil {
		if out, ok := t.sorted.appendMerged(dst, n, t, memo, auditAt); ok {
			return out
		}
	}
	var stack [24]*node
	kids := sortedKids(append(stack[:0], n.kids...), memo)
	if len(kids) > len(stack) {
		// Room for the keys at least, once: a wide group's keys can be
		// most of it (a key repeated n times is written under n names of
		// up to n+len(key) bytes).
		need := 0
		for _, k := range kids {
			need += len(k.key) + 4
			switch {
			case k.member != nil:
				need += len(k.member)
			case !k.group && k.canon.Kind == chain.String:
				need += len(k.canon.Str) + 2
			default:
				need += 8
			}
		}
		dst = slices.Grow(dst, need)
	}
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

// sortedMembers is a group of a With template in canonical order, found
// once at With: a record that copies the group merges its own members
// into that order (a binary search per member of its own) instead of
// sorting the template's members again, so that its cost grows with its
// own members, not the template's.
type sortedMembers struct {
	keys  []string // the members' keys in canonical order
	order []int32  // where each is among the template group's members
	audit int      // the first in keys that sorts after "audit"
	// body holds, at the top level only, the members in that order,
	// encoded and each followed by a comma, so that a record copies the
	// runs of them it holds as they are; ends says where each member's
	// comma ends. Groups below keep no body: their members are encoded
	// per record in the template's order, so that nested groups do not
	// each hold a copy of what they contain.
	body []byte
	ends []int
}

// sortTemplate finds the canonical order of the members of the template
// group t, and of its groups, once. With body, the members of t are also
// encoded in that order.
func sortTemplate(t *node, body bool) *sortedMembers {
	order := make([]int32, len(t.kids))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return compareKeys(t.kids[a].key, t.kids[b].key) })
	s := &sortedMembers{keys: make([]string, len(order)), order: order, audit: len(order)}
	for j, i := range order {
		k := t.kids[i]
		s.keys[j] = k.key
		if s.audit == len(order) && chain.CompareKeys(k.key, auditKey) > 0 {
			s.audit = j
		}
		if k.group {
			k.sorted = sortTemplate(k, false)
		}
	}
	if body {
		s.ends = make([]int, len(order))
		for j, i := range order {
			s.body = append(t.kids[i].appendMember(s.body), ',')
			s.ends[j] = len(s.body)
		}
	}
	return s
}

// fromTemplate reports whether the group n of a record starts with the
// members of its template t at their places under their names: t's own
// leaves, or copies of t's groups (grown or not) under their names. A
// member renamed or rebuilt since (claim, a wrapped handler's redaction)
// makes n sort whole.
func (n *node) fromTemplate(t *node) bool {
	if len(n.kids) < len(t.kids) {
		return false
	}
	for i, k := range t.kids {
		if r := n.kids[i]; r != k && (!r.group || r.tmpl != k || r.key != k.key) {
			return false
		}
	}
	return true
}

// unchanged reports whether r, the member of a record at the place of
// the template's member k, is encoded as k is.
func unchanged(r, k *node) bool {
	return r == k || r.group && r.tmpl == k && r.key == k.key && len(r.kids) == len(k.kids) && k.copiedIn(r)
}

// appendMerged appends the canonical form of n, a record's group that
// starts with the members of its template t (see fromTemplate), and
// returns false, having appended nothing, when it does not. Its other
// members (none of them named as a template member) are sorted and merged
// into the template's order. memo is as for sortedKids; with auditAt,
// *auditAt is set as appendCanonicalTop returns it.
func (s *sortedMembers) appendMerged(dst []byte, n, t *node, memo *[]uint8, auditAt *int) ([]byte, bool) {
	if !n.fromTemplate(t) {
		return dst, false
	}
	var stack [24]*node
	own := sortedKids(append(stack[:0], n.kids[len(t.kids):]...), memo)
	dst = append(dst, '{')
	start := len(dst)
	member := func(afterAudit bool) {
		if len(dst) > start {
			dst = append(dst, ',')
		}
		if auditAt != nil && *auditAt < 0 && afterAudit {
			*auditAt = len(dst)
		}
	}
	j := 0                 // the next template member, in canonical order
	upTo := func(to int) { // template members j to to-1
		for j < to {
			i := s.order[j]
			r := n.kids[i]
			if s.body == nil || !unchanged(r, t.kids[i]) {
				member(j >= s.audit)
				dst = r.appendMember(dst)
				j++
				continue
			}
			// A run of members as the template encoded them, stopping
			// where the audit member goes.
			end := j + 1
			limit := to
			if auditAt != nil && *auditAt < 0 && j < s.audit && s.audit < limit {
				limit = s.audit
			}
			for end < limit && unchanged(n.kids[s.order[end]], t.kids[s.order[end]]) {
				end++
			}
			member(j >= s.audit)
			lo := 0
			if j > 0 {
				lo = s.ends[j-1]
			}
			dst = append(dst, s.body[lo:s.ends[end-1]-1]...)
			j = end
		}
	}
	for _, k := range own {
		// The template members before k: keys are distinct in a group.
		to, _ := slices.BinarySearchFunc(s.keys[j:], k.key, compareKeys)
		upTo(j + to)
		member(chain.CompareKeys(k.key, auditKey) > 0)
		dst = k.appendMember(dst)
	}
	upTo(len(s.keys))
	return append(dst, '}'), true
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
		slices.SortFunc(kids, func(a, b *node) int { return compareKeys(a.key, b.key) })
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
	return compareKeys(a.n.key, b.n.key) > 0
}

// before reports whether a's key sorts before b's.
func (a keyed) before(b keyed) bool {
	if a.prefix != b.prefix && a.prefix != 0 && b.prefix != 0 {
		return a.prefix < b.prefix
	}
	return compareKeys(a.n.key, b.n.key) < 0
}

// compareKeys orders keys as [chain.CompareKeys] does, finding where they
// first differ 32 bytes at a time: keys that share a long prefix (a key
// repeated n times is written as "_"+key, "__"+key, …) then cost a
// sort far less than a byte per shared byte per comparison.
func compareKeys(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i+32 <= n && a[i:i+32] == b[i:i+32] {
		i += 32
	}
	for i < n && a[i] == b[i] {
		i++
	}
	switch {
	case i < n && a[i] < utf8.RuneSelf && b[i] < utf8.RuneSelf:
		return int(a[i]) - int(b[i])
	case i < n:
		// Inside a character, where UTF-16 may order otherwise.
		return chain.CompareKeys(a, b)
	case i < len(a) && a[i]&0xC0 == 0x80, i < len(b) && b[i]&0xC0 == 0x80:
		// The shorter may end inside a character the longer completes.
		return chain.CompareKeys(a, b)
	}
	return len(a) - len(b)
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

// makeTemplate readies t, built from With attrs, for the records that
// copy it: its leaves encoded, its order found, no index kept (records
// copy it, and every goroutine logging through it shares it) and no link
// to a template it was itself copied from. sortMembers sorts its members
// too, for a handler that writes only the canonical form.
func (t *node) makeTemplate(sortMembers bool) {
	t.forgetIndexes()
	t.encodeLeaves()
	if sortMembers {
		t.sortKids()
	}
	t.detach()
	t.sorted = sortTemplate(t, true)
}

// detach drops the links of n and its groups to the template they were
// copied from.
func (n *node) detach() {
	n.tmpl = nil
	for _, k := range n.kids {
		if k.group {
			k.detach()
		}
	}
}

// sortKids sorts the members of the template n, and of its groups, once,
// so that the records copying it are nearly sorted.
func (n *node) sortKids() {
	slices.SortStableFunc(n.kids, func(a, b *node) int { return compareKeys(a.key, b.key) })
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

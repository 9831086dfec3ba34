package slogcore

import (
	"log/slog"
	"unsafe"

	"github.com/slogguard/slogguard/redact"
)

// workerCache holds what the worker goroutine remembers between records so
// that steady-state encoding does not allocate and repeats no work: keys,
// messages and many string values are the same constants record after
// record. Only the worker uses it; callers that encode their own records
// pass a nil *workerCache, whose methods do the work without remembering.
//
// Both caches are indexed by the address and length of a string's bytes
// and hold the string itself, so its bytes cannot be freed and reused for
// other text while it is there. A key hit is the same address and length;
// a string hit is equal text (immediate for equal addresses), which also
// answers for text built per record that repeats.
type workerCache struct {
	times     timeCache // the records' own times
	attrTimes timeCache // times in attrs

	// keys holds, per key and group path, the key's JSON and the
	// redactor's verdict that the key is plain.
	keys  [keySlots]keySlot
	evict uint64 // which slot of a full pair the next key replaces

	// strs holds strings that the redactor found nothing in and that need
	// no escaping: they are written as they are.
	strs [strSlots]string

	sources map[uintptr]*slog.Source
}

const (
	keySlots   = 256 // a power of two
	strSlots   = 1024
	strMaxSize = 256 // longer strings are not remembered
)

// A keySlot is a key that the redactor leaves alone at a group path (the
// handler's groups, held so that the array cannot be reused), with its
// JSON: `,"key":`.
type keySlot struct {
	key    string
	groups []string
	json   []byte
	ints   bool // numbers under the key still need the card check
}

// append appends the key's JSON, with its comma when one is due.
func (k *keySlot) append(buf []byte, comma bool) []byte {
	if comma {
		return append(buf, k.json...)
	}
	return append(buf, k.json[1:]...)
}

// same reports whether a and b are the same string: the same bytes at the
// same address, which is what a hit in these caches is (the cache holds
// its string, so its bytes are not reused). Equal text at another address
// is a miss.
func same(a, b string) bool {
	return unsafe.StringData(a) == unsafe.StringData(b) && len(a) == len(b)
}

// slot returns the index of s in a cache of 2^bits slots.
func slot(s string, bits uint) uint64 {
	id := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s)))) ^ uint64(len(s))<<48
	return (id * 0x9E3779B97F4A7C15) >> (64 - bits) // Fibonacci hashing
}

// key returns the remembered slot of a plain key at groups, remembering it
// now if red finds it plain, or nil when red has something to say about
// it (Scalar decides per value) or w is nil. The cache is two-way: a key
// may sit in either slot of its pair, so that two keys a record uses
// together do not keep evicting each other.
func (w *workerCache) key(red *redact.Redactor, groups []string, key string) *keySlot {
	if w == nil || key == "" {
		return nil
	}
	pair := slot(key, 8) &^ 1 // 2^8 == keySlots
	for i := pair; i <= pair+1; i++ {
		k := &w.keys[i]
		if same(k.key, key) && unsafe.SliceData(k.groups) == unsafe.SliceData(groups) && len(k.groups) == len(groups) && k.json != nil {
			return k
		}
	}
	plain, ints := red.PlainKey(groups, key)
	if !plain {
		return nil
	}
	k := &w.keys[pair]
	if k.json != nil {
		k = &w.keys[pair+1]
		if k.json != nil { // both taken: replace one, in turn
			w.evict ^= 1
			k = &w.keys[pair+w.evict]
		}
	}
	k.key, k.groups, k.ints = key, groups, ints
	k.json = appendKey(k.json[:0], key, true)
	return k
}

// appendString appends s, redacted by red (which may be nil), as a JSON
// string, answering from w's cache when it can. w may be nil.
func (w *workerCache) appendString(buf []byte, red *redact.Redactor, s string) []byte {
	if w == nil || len(s) == 0 || len(s) > strMaxSize {
		out, _ := red.String(s)
		return appendString(buf, out)
	}
	cached := &w.strs[slot(s, 10)] // 2^10 == strSlots
	if *cached == s {              // equal addresses make this compare immediate; equal text elsewhere is a hit too
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"')
	}
	out, changed := red.String(s)
	if changed {
		return appendString(buf, out)
	}
	i := safePrefix(s)
	if i == len(s) {
		*cached = s
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"')
	}
	buf = append(buf, '"')
	buf = appendEscapedFrom(buf, s, i)
	return append(buf, '"')
}

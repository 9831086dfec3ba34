package slogaudit

import (
	"slices"
	"strings"
)

// indexFrom is how many members a group holds before its members are
// found through a keyIndex: below it a scan of the keys costs less than a
// map, and records of ordinary size allocate nothing for it.
const indexFrom = 128

// scansPerIndex is how many times over a wide group's keys are scanned
// before find builds its index (see find).
const scansPerIndex = 4

// keyIndex finds the members of a wide group by key, so that building a
// group of n members costs O(n) lookups instead of O(n²) comparisons.
// It covers kids[:len] of its group, first member of each key; the
// members appended since are added at the next lookup. Anything that
// changes kids other than by appending (a rename, a sort, a prune, a
// copy) drops the index with forgetIndex.
type keyIndex struct {
	at  map[string]*node
	len int
	// free holds, per key given to uniqueKey, the fewest leading "_" that
	// may still make a name the group does not hold: members are only
	// added while a group is built, so a name held stays held.
	free map[string]int
	// groups holds, per name given to groupNode, the group that attrs
	// under that name go to: found once, it stays that group, however
	// many leaves named "_"+name, "__"+name, … it had to pass.
	groups map[string]*node
}

// find returns the first member of n named key, or nil.
func (n *node) find(key string) *node {
	if t := n.tmpl; n.index == nil && t != nil && t.sorted != nil && len(t.kids) >= indexFrom && len(n.kids) >= len(t.kids) {
		if m, ok := n.findOwn(t, key); ok {
			return m
		}
	}
	if n.index == nil && (len(n.kids) < indexFrom || n.scanned < scansPerIndex*len(n.kids)) {
		// A few look-ups in a wide group (a record's attrs after a wide
		// With template) cost less as scans than as an index: build it
		// once the scans have compared more keys than it would hold
		// scansPerIndex times over, which keeps the whole O(n).
		if len(n.kids) >= indexFrom {
			n.scanned += len(n.kids)
		}
		for _, m := range n.kids {
			if m.key == key {
				return m
			}
		}
		return nil
	}
	x := n.index
	if x == nil {
		x = &keyIndex{at: make(map[string]*node, 2*len(n.kids))}
		n.index = x
	}
	for _, m := range n.kids[x.len:] {
		if _, held := x.at[m.key]; !held {
			x.at[m.key] = m
		}
	}
	x.len = len(n.kids)
	return x.at[key]
}

// findOwn finds key in n, a record's group copied from the wide template
// group t, without scanning t's members: they are found in t's canonical
// order (a binary search), the record's own scanned after them, while
// they are few. It reports false when an index would cost less: the
// record's own members are many and were scanned scansPerIndex times
// over. Keys are unique in a group, and the template's members keep
// their places in n (a member renamed there no longer holds its key).
func (n *node) findOwn(t *node, key string) (*node, bool) {
	own := n.kids[len(t.kids):]
	if len(own) >= indexFrom && n.scanned >= scansPerIndex*len(own) {
		return nil, false
	}
	s := t.sorted
	if j, found := slices.BinarySearchFunc(s.keys, key, compareKeys); found {
		if m := n.kids[s.order[j]]; m.key == key {
			return m, true
		}
	}
	if len(own) >= indexFrom {
		n.scanned += len(own)
	}
	for _, m := range own {
		if m.key == key {
			return m, true
		}
	}
	return nil, true
}

// forgetIndex drops the index of n, after a change to its members other
// than an append.
func (n *node) forgetIndex() { n.index, n.scanned = nil, 0 }

// forgetIndexes drops the indexes of n and of its groups: a With template
// keeps none once built, as records copy it and it is shared by every
// goroutine that logs through it.
func (n *node) forgetIndexes() {
	n.forgetIndex()
	for _, k := range n.kids {
		if k.group {
			k.forgetIndexes()
		}
	}
}

// uniqueKey returns key with as few leading "_" added as make it a name
// that parent does not hold. The caller adds a member of that name.
func uniqueKey(parent *node, key string) string {
	if parent.find(key); parent.index == nil { // brings the index up to date
		for {
			key = "_" + key
			if !has(parent, key) {
				return key
			}
		}
	}
	x := parent.index
	if x.free == nil {
		x.free = make(map[string]int)
	}
	for n := max(1, x.free[key]); ; n++ {
		k := underscored(n, key)
		if parent.find(k) == nil {
			x.free[key] = n + 1
			return k
		}
	}
}

// groupFor returns the group of the wide group n that groupNode chose for
// name before, or nil.
func (n *node) groupFor(name string) *node {
	if n.index == nil {
		return nil
	}
	return n.index.groups[name]
}

// rememberGroup records g as the group of n that attrs under name go to.
func (n *node) rememberGroup(name string, g *node) {
	x := n.index
	if x == nil {
		return
	}
	if x.groups == nil {
		x.groups = make(map[string]*node)
	}
	x.groups[name] = g
}

// underscores is the run of "_" that underscored copies from.
const underscores = "________________________________________________________________"

// underscored returns key after n "_", in one allocation: a key repeated
// n times takes names of up to n+len(key) bytes.
func underscored(n int, key string) string {
	var b strings.Builder
	b.Grow(n + len(key))
	for ; n > len(underscores); n -= len(underscores) {
		b.WriteString(underscores)
	}
	b.WriteString(underscores[:n])
	b.WriteString(key)
	return b.String()
}

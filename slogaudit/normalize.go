package slogaudit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slogguard/slogguard/internal/chain"
)

// node is one member of the record being built: a scalar (value and its
// canonical form) or a group of members.
type node struct {
	key   string
	value slog.Value  // what is forwarded to the wrapped handler
	canon chain.Value // what is hashed
	kids  []*node     // groups
	group bool
	ar    *arena // where a root's nodes come from; nil: the heap
	// member is the canonical member `"key":value` of a leaf, encoded once
	// for the leaves of a With template; nil: encoded per record.
	member []byte
	// sorted is the canonical order of the members of a group of a With
	// template, found once (see sortTemplate); nil elsewhere. tmpl is the
	// template group that a record's group was copied from, whose order
	// it merges its own members into; nil elsewhere.
	sorted *sortedMembers
	tmpl   *node
	// index finds the members of a wide group by key; nil below
	// indexFrom members. scanned counts the keys compared by look-ups
	// without it (see find).
	index   *keyIndex
	scanned int
}

// arena hands out the nodes of one record from chunks, so that building a
// record costs a few allocations instead of one per attribute. A record's
// nodes live as long as the record is being handled; the arena is reused
// by the next record after reset.
type arena struct {
	nodes []node
	kids  []*node
	bytes []byte  // small encodings, such as the time member
	clock clock   // the last second formatted, kept across records
	order []uint8 // the order of the last record's top level, kept across records (see sortedKids)
}

// The Unix seconds of 0000-01-01 and 10000-01-01 UTC: RFC 3339 writes
// four-digit years.
const (
	year0     = -62167219200
	year10000 = 253402300800
)

// clock formats times to the second, remembering the last second it
// formatted: most records of a process fall in the second of the one
// before.
type clock struct {
	sec  int64 // Unix seconds of text; text is empty before the first
	text []byte
}

// appendRFC3339Nano appends t, in UTC and with a year in [0, 9999], as
// t.Format(time.RFC3339Nano) does.
func (c *clock) appendRFC3339Nano(b []byte, t time.Time) []byte {
	if sec := t.Unix(); len(c.text) == 0 || sec != c.sec {
		c.text = t.AppendFormat(c.text[:0], "2006-01-02T15:04:05")
		c.sec = sec
	}
	b = append(b, c.text...)
	if ns := t.Nanosecond(); ns != 0 {
		var digits [10]byte
		digits[0] = '.'
		for i := 9; i > 0; i-- {
			digits[i] = byte('0' + ns%10)
			ns /= 10
		}
		n := 10
		for digits[n-1] == '0' {
			n--
		}
		b = append(b, digits[:n]...)
	}
	return append(b, 'Z')
}

// new returns a node holding n.
func (ar *arena) new(n node) *node {
	if ar == nil {
		p := new(node) // not &n, which would put every n on the heap
		*p = n
		return p
	}
	if len(ar.nodes) == cap(ar.nodes) {
		ar.nodes = make([]node, 0, max(32, 2*cap(ar.nodes)))
	}
	ar.nodes = append(ar.nodes, n)
	return &ar.nodes[len(ar.nodes)-1]
}

// kidsFor returns an empty slice with room for n members, carved from the
// arena: appending past n moves it to the heap, never over a neighbour.
func (ar *arena) kidsFor(n int) []*node {
	if ar == nil {
		return nil
	}
	if cap(ar.kids)-len(ar.kids) < n {
		ar.kids = make([]*node, 0, max(64, 2*cap(ar.kids), n))
	}
	k := ar.kids[len(ar.kids) : len(ar.kids) : len(ar.kids)+n]
	ar.kids = ar.kids[:len(ar.kids)+n]
	return k
}

// reset forgets the nodes handed out, keeping the newest chunks.
func (ar *arena) reset() {
	clear(ar.nodes)
	clear(ar.kids)
	ar.nodes, ar.kids, ar.bytes = ar.nodes[:0], ar.kids[:0], ar.bytes[:0]
}

// timeNode returns the "time" member of a record at t, in UTC. Without a
// policy, whose detectors read every string, its canonical member is
// appended to the arena's bytes instead of being formatted to a string:
// RFC 3339 text is ASCII that JSON never escapes, so the member is the
// text between quotes.
func (ar *arena) timeNode(t time.Time, withString bool) *node {
	t = t.UTC()
	if withString || ar == nil {
		return ar.new(node{key: slog.TimeKey, value: slog.TimeValue(t), canon: chain.Str(t.Format(time.RFC3339Nano))})
	}
	start := len(ar.bytes)
	if cap(ar.bytes)-start < 64 {
		// A new chunk: members already handed out keep the old one.
		ar.bytes = make([]byte, 0, max(512, 2*cap(ar.bytes)))
		start = 0
	}
	ar.bytes = append(ar.bytes, `"time":"`...)
	if sec := t.Unix(); sec >= year0 && sec < year10000 {
		ar.bytes = ar.clock.appendRFC3339Nano(ar.bytes, t)
	} else {
		ar.bytes = t.AppendFormat(ar.bytes, time.RFC3339Nano)
	}
	ar.bytes = append(ar.bytes, '"')
	return ar.new(node{key: slog.TimeKey, value: slog.TimeValue(t), member: ar.bytes[start:len(ar.bytes):len(ar.bytes)]})
}

// newRoot returns an empty top-level group whose nodes come from ar.
func newRoot(ar *arena) *node {
	root := ar.new(node{group: true, ar: ar})
	root.kids = ar.kidsFor(24)
	return root
}

// encodeLeaves encodes once the canonical member of every leaf of the
// template n, which records copy.
func (n *node) encodeLeaves() {
	for _, k := range n.kids {
		if k.group {
			k.encodeLeaves()
		} else if k.member == nil {
			b := chain.AppendString(nil, k.key)
			b = append(b, ':')
			k.member = chain.AppendCanonical(b, k.canon)
		}
	}
}

// clone returns a copy of the tree n for a record being built in ar: the
// groups are copied, the leaves (never changed once made) are shared.
func (n *node) clone(ar *arena) *node {
	c := ar.new(*n)
	c.ar = ar
	c.tmpl, c.sorted = n, nil
	c.forgetIndex() // the copy's members grow apart from n's
	c.kids = ar.kidsFor(len(n.kids) + 16)
	for _, k := range n.kids {
		if k.group {
			k = k.clone(ar)
			k.ar = nil
		}
		c.kids = append(c.kids, k)
	}
	return c
}

// add puts attribute a at path, creating groups as needed. Empty groups and
// empty attrs are dropped; inline groups (empty key) are flattened.
func add(root *node, path []string, a slog.Attr) {
	// The first group name appended copies path, so the caller's array is
	// never written; the groups inside it append to that copy in place, as
	// each group's members are added before its next sibling's: a group
	// nested n deep costs O(n), not O(n²), to walk.
	addAt(root, path[:len(path):len(path)], a)
}

func addAt(root *node, path []string, a slog.Attr) {
	a.Value = a.Value.Resolve()
	if a.Key == "" && a.Value.Kind() == slog.KindAny && a.Value.Any() == nil {
		return
	}
	if a.Value.Kind() == slog.KindGroup {
		attrs := a.Value.Group()
		if a.Key != "" {
			path = append(path, a.Key)
		}
		for _, ga := range attrs {
			addAt(root, path, ga)
		}
		return
	}
	if a.Value.Kind() == slog.KindAny {
		if src, ok := a.Value.Any().(*slog.Source); ok {
			if src == nil || *src == (slog.Source{}) {
				return
			}
			g := []slog.Attr{}
			if src.Function != "" {
				g = append(g, slog.String("function", src.Function))
			}
			if src.File != "" {
				g = append(g, slog.String("file", src.File))
			}
			if src.Line != 0 {
				g = append(g, slog.Int("line", src.Line))
			}
			addAt(root, path, slog.Attr{Key: a.Key, Value: slog.GroupValue(g...)})
			return
		}
	}
	path = foldPath(path)
	parent := root
	for _, name := range path {
		parent = groupNode(root.ar, parent, name)
	}
	v, c := normalize(a.Value)
	if (c.Kind == chain.Object || c.Kind == chain.Array) && len(path)+1+chain.Depth(c) > chain.MaxDepth {
		// Deeper than a verifier parses: written as its JSON text, as
		// a value that does not parse is.
		s := string(chain.AppendCanonical(nil, c))
		v, c = slog.StringValue(s), chain.Str(s)
	}
	set(parent, root.ar.new(node{key: validUTF8(a.Key), value: v, canon: c}))
}

// maxGroups is how many groups a record nests: the members of the
// innermost are at the deepest level a verifier parses
// ([chain.MaxDepth]), the record itself being the top one.
const maxGroups = chain.MaxDepth - 1

// foldPath returns path, with the names of groups nested deeper than
// maxGroups joined with "." into the name of the innermost group kept, so
// that the record parses and no value or name is dropped.
func foldPath(path []string) []string {
	if len(path) <= maxGroups {
		return path
	}
	return append(path[:maxGroups-1:maxGroups-1], strings.Join(path[maxGroups-1:], "."))
}

// set adds n to parent. A key that parent already holds is never
// replaced (that would lose a value without a word): n takes the first of
// "_"+key, "__"+key, … that parent does not hold, as a reserved top-level
// key is written with a leading "_".
func set(parent *node, n *node) {
	if has(parent, n.key) {
		n.key = uniqueKey(parent, n.key)
	}
	parent.kids = append(parent.kids, n)
}

// claim adds n, one of the wrapper's own members, to parent under its own
// key: a caller's member of that name is renamed as set would rename it.
func claim(ar *arena, parent *node, n *node) {
	for i, m := range parent.kids {
		if m.key == n.key {
			c := ar.new(*m) // a template's leaf is shared: rename a copy
			c.key, c.member = uniqueKey(parent, m.key), nil
			parent.kids[i] = c
			parent.forgetIndex()
			if t := parent.tmpl; t != nil && i < len(t.kids) {
				parent.tmpl = nil // a template's member renamed: found by scans again
			}
			break
		}
	}
	parent.kids = append(parent.kids, n)
}

// has reports whether parent holds a member named key.
func has(parent *node, key string) bool {
	return parent.find(key) != nil
}

// groupNode returns the group of parent that attrs under name go to: the
// first of name, "_"+name, … that is a group (groups of one name merge,
// member by member) or that parent does not hold (a new group). A leaf of
// that name keeps it, and the group is renamed as set renames.
func groupNode(ar *arena, parent *node, name string) *node {
	name = validUTF8(name)
	if g := parent.groupFor(name); g != nil {
		return g
	}
	for key := name; ; key = "_" + key {
		m := parent.find(key)
		if m != nil && m.group {
			parent.rememberGroup(name, m)
			return m
		}
		if m == nil {
			g := ar.new(node{key: key, group: true})
			g.kids = ar.kidsFor(4)
			parent.kids = append(parent.kids, g)
			parent.rememberGroup(name, g)
			return g
		}
	}
}

// prune removes groups that ended up empty, as slog does.
func prune(n *node) bool {
	if !n.group {
		return true
	}
	if !slices.ContainsFunc(n.kids, func(k *node) bool { return k.group }) {
		return len(n.kids) > 0 // only leaves: nothing to prune
	}
	kids := n.kids[:0]
	for _, k := range n.kids {
		if prune(k) {
			kids = append(kids, k)
		}
	}
	if len(kids) < len(n.kids) {
		n.tmpl = nil // its members moved from their template's places
	}
	n.kids = kids
	n.forgetIndex()
	return len(kids) > 0
}

// attrs returns the members of n as slog attrs, for the wrapped handler.
func (n *node) attrs() []slog.Attr {
	out := make([]slog.Attr, 0, len(n.kids))
	for _, k := range n.kids {
		if k.group {
			out = append(out, slog.Attr{Key: k.key, Value: slog.GroupValue(k.attrs()...)})
		} else {
			out = append(out, slog.Attr{Key: k.key, Value: k.value})
		}
	}
	return out
}

const maxExact = 1 << 53

// normalize returns the value to forward and its canonical JSON, such that
// a JSON handler writing the first produces text that parses to the second.
func normalize(v slog.Value) (slog.Value, chain.Value) {
	switch v.Kind() {
	case slog.KindString:
		s := validUTF8(v.String())
		return slog.StringValue(s), chain.Str(s)
	case slog.KindInt64:
		return intValue(v.Int64())
	case slog.KindUint64:
		u := v.Uint64()
		if u > maxExact {
			s := strconv.FormatUint(u, 10)
			return slog.StringValue(s), chain.Str(s)
		}
		return slog.Uint64Value(u), chain.Num(float64(u))
	case slog.KindFloat64:
		f := v.Float64()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			s := strconv.FormatFloat(f, 'g', -1, 64)
			return slog.StringValue(s), chain.Str(s)
		}
		return slog.Float64Value(f), chain.Num(f)
	case slog.KindBool:
		return v, chain.Value{Kind: chain.Bool, Bool: v.Bool()}
	case slog.KindDuration:
		return intValue(int64(v.Duration()))
	case slog.KindTime:
		t := v.Time().UTC()
		s := t.Format(time.RFC3339Nano)
		if y := t.Year(); y < 0 || y >= 10000 {
			return slog.StringValue(s), chain.Str(s)
		}
		return slog.TimeValue(t), chain.Str(s)
	case slog.KindAny:
		return anyValue(v.Any())
	}
	s := validUTF8(v.String())
	return slog.StringValue(s), chain.Str(s)
}

func intValue(n int64) (slog.Value, chain.Value) {
	if n > maxExact || n < -maxExact {
		s := strconv.FormatInt(n, 10)
		return slog.StringValue(s), chain.Str(s)
	}
	return slog.Int64Value(n), chain.Num(float64(n))
}

// anyValue turns an arbitrary value into its JSON: errors as their text,
// everything else through encoding/json, numbers kept exact.
func anyValue(x any) (v slog.Value, c chain.Value) {
	defer func() {
		if r := recover(); r != nil {
			s := fmt.Sprintf("!PANIC: %v", r)
			if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
				s = "<nil>"
			}
			v, c = slog.StringValue(s), chain.Str(s)
		}
	}()
	if _, isJSON := x.(json.Marshaler); !isJSON {
		if err, ok := x.(error); ok {
			s := validUTF8(err.Error())
			return slog.StringValue(s), chain.Str(s)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		s := "!ERROR:" + err.Error()
		return slog.StringValue(s), chain.Str(s)
	}
	parsed, err := chain.Parse(buf.Bytes())
	if err != nil { // a MarshalJSON that wrote duplicate keys, for instance
		s := validUTF8(string(bytes.TrimSpace(buf.Bytes())))
		return slog.StringValue(s), chain.Str(s)
	}
	parsed = chain.Exact(parsed)
	if parsed.Kind == chain.String {
		return slog.StringValue(parsed.Str), parsed
	}
	return slog.AnyValue(json.RawMessage(chain.AppendCanonical(nil, parsed))), parsed
}

// validUTF8 replaces each byte of invalid UTF-8 with U+FFFD, as JSON
// handlers do when they write it.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b []byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

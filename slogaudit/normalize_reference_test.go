package slogaudit

import (
	"bytes"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
)

// The reference: how records were built before groups found their
// members through a keyIndex, by scanning the members so far for each new
// key. The tests below build the same records both ways and require the
// same members, names and order.

func refAdd(root *node, path []string, a slog.Attr) {
	a.Value = a.Value.Resolve()
	if a.Key == "" && a.Value.Kind() == slog.KindAny && a.Value.Any() == nil {
		return
	}
	if a.Value.Kind() == slog.KindGroup {
		attrs := a.Value.Group()
		if a.Key != "" {
			path = append(path[:len(path):len(path)], a.Key)
		}
		for _, ga := range attrs {
			refAdd(root, path, ga)
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
			refAdd(root, path, slog.Attr{Key: a.Key, Value: slog.GroupValue(g...)})
			return
		}
	}
	path = foldPath(path)
	parent := root
	for _, name := range path {
		parent = refGroupNode(root.ar, parent, name)
	}
	v, c := normalize(a.Value)
	if (c.Kind == chain.Object || c.Kind == chain.Array) && len(path)+1+chain.Depth(c) > chain.MaxDepth {
		s := string(chain.AppendCanonical(nil, c))
		v, c = slog.StringValue(s), chain.Str(s)
	}
	refSet(parent, root.ar.new(node{key: validUTF8(a.Key), value: v, canon: c}))
}

func refSet(parent *node, n *node) {
	if refHas(parent, n.key) {
		n.key = refUniqueKey(parent, n.key)
	}
	parent.kids = append(parent.kids, n)
}

func refClaim(ar *arena, parent *node, n *node) {
	for i, m := range parent.kids {
		if m.key == n.key {
			c := ar.new(*m)
			c.key, c.member = refUniqueKey(parent, m.key), nil
			parent.kids[i] = c
			break
		}
	}
	parent.kids = append(parent.kids, n)
}

func refHas(parent *node, key string) bool {
	for _, m := range parent.kids {
		if m.key == key {
			return true
		}
	}
	return false
}

func refUniqueKey(parent *node, key string) string {
	for {
		key = "_" + key
		if !refHas(parent, key) {
			return key
		}
	}
}

func refGroupNode(ar *arena, parent *node, name string) *node {
	name = validUTF8(name)
	for key := name; ; key = "_" + key {
		i := slices.IndexFunc(parent.kids, func(m *node) bool { return m.key == key })
		if i >= 0 && parent.kids[i].group {
			return parent.kids[i]
		}
		if i < 0 {
			g := ar.new(node{key: key, group: true})
			g.kids = ar.kidsFor(4)
			parent.kids = append(parent.kids, g)
			return g
		}
	}
}

// buildOps is a source of choices for randomRecord: a random generator,
// or the bytes of a fuzz input (zero once they run out).
type buildOps struct {
	r *rand.Rand
	b []byte
}

func (o *buildOps) n(n int) int {
	if o.r != nil {
		return o.r.IntN(n)
	}
	if len(o.b) == 0 {
		return 0
	}
	c := int(o.b[0])
	o.b = o.b[1:]
	return c % n
}

// Names that collide: a key, the names set gives it when it is taken, and
// names shared by leaves and groups.
var refKeys = []string{"k", "_k", "__k", "g", "_g", "time", "msg", "level", "", "é", "\xff", "wide"}

func (o *buildOps) key(width int) string {
	if o.n(3) == 0 {
		return "n" + strconv.Itoa(o.n(width+1)) // many distinct names
	}
	return refKeys[o.n(len(refKeys))]
}

func (o *buildOps) attr(width, depth int) slog.Attr {
	key := o.key(width)
	switch o.n(8) {
	case 0:
		if depth > 0 {
			kids := make([]slog.Attr, o.n(6))
			for i := range kids {
				kids[i] = o.attr(width, depth-1)
			}
			return slog.Attr{Key: key, Value: slog.GroupValue(kids...)}
		}
	case 1:
		return slog.Any(key, nil)
	case 2:
		return slog.Group(key) // empty: dropped
	case 3:
		return slog.Int(key, o.n(1000))
	}
	return slog.String(key, "v"+strconv.Itoa(o.n(50)))
}

// buildBoth builds one record from the choices of o with the package's
// functions and with the reference ones, as Handle does: an optional With
// template (sorted for a File handler) that the record copies, members
// claimed by the wrapper, the caller's attrs under open groups, a prune.
func buildBoth(o *buildOps, width int) (got, want *node) {
	var gotAr, wantAr arena
	got, want = newRoot(nil), newRoot(nil)
	groups := [][]string{nil, nil, {"g"}, {"wide"}, {"g", "_g"}, {"k"}}
	step := func(count int) {
		for range count {
			path := groups[o.n(len(groups))]
			a := o.attr(width, 2)
			if o.n(40) == 0 {
				n := o.n(80) // a long run of one name
				for range n {
					add(got, path, a)
					refAdd(want, path, a)
				}
				continue
			}
			add(got, path, a)
			refAdd(want, path, a)
		}
	}
	step(o.n(width + 1))
	if o.n(2) == 0 {
		got.forgetIndexes()
		if o.n(2) == 0 {
			got.sortKids()
			want.sortKids()
		}
		// Its canonical order found once, as With does: the record
		// finds the template's members in it.
		got.sorted = sortTemplate(got, true)
	}
	got, want = got.clone(&gotAr), want.clone(&wantAr)
	for _, key := range []string{slog.TimeKey, slog.LevelKey, slog.MessageKey} {
		if o.n(2) == 0 {
			step(o.n(width + 1))
		}
		claim(&gotAr, got, gotAr.new(node{key: key, value: slog.StringValue("own"), canon: chain.Str("own")}))
		refClaim(&wantAr, want, wantAr.new(node{key: key, value: slog.StringValue("own"), canon: chain.Str("own")}))
	}
	step(o.n(width + 1))
	prune(got)
	prune(want)
	return got, want
}

// dumpTree writes the members of n in order, with their names, kinds and
// canonical values.
func dumpTree(b *strings.Builder, n *node, indent string) {
	for _, k := range n.kids {
		if k.group {
			fmt.Fprintf(b, "%s%q {\n", indent, k.key)
			dumpTree(b, k, indent+"  ")
			fmt.Fprintf(b, "%s}\n", indent)
			continue
		}
		fmt.Fprintf(b, "%s%q = %s (%s)\n", indent, k.key, chain.AppendCanonical(nil, k.canon), k.value)
	}
}

func requireSameTree(t *testing.T, got, want *node) {
	t.Helper()
	var g, w strings.Builder
	dumpTree(&g, got, "")
	dumpTree(&w, want, "")
	if g.String() != w.String() {
		t.Fatalf("members differ from the reference:\n got: %.2000s\nwant: %.2000s", g.String(), w.String())
	}
	gc, _ := got.appendCanonicalTop(nil)
	wc, _ := want.appendCanonicalTop(nil)
	if !bytes.Equal(gc, wc) {
		t.Fatalf("canonical form differs from the reference:\n got: %.2000s\nwant: %.2000s", gc, wc)
	}
}

// TestWideRecordsMatchReference builds random records, small and wide
// (past indexFrom members in one group, long runs of one name), with the
// package's functions and with the reference, and requires the same
// members in the same order under the same names.
func TestWideRecordsMatchReference(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	for i := range 45 {
		width := []int{8, 150, 300}[i%3]
		r := rand.New(rand.NewPCG(seed, uint64(i)))
		t.Run(fmt.Sprintf("width=%d/seed=%d,%d", width, seed, i), func(t *testing.T) {
			got, want := buildBoth(&buildOps{r: r}, width)
			requireSameTree(t, got, want)
		})
	}
}

// TestWideGroupNamesMatchReference is the case random inputs seldom make:
// one group of many members where the names a duplicate takes ("_k",
// "__k", …) are themselves taken, by leaves and by groups.
func TestWideGroupNamesMatchReference(t *testing.T) {
	for _, tc := range []struct {
		name  string
		attrs func() []slog.Attr
	}{
		{"one name many times", func() []slog.Attr {
			as := make([]slog.Attr, 300)
			for i := range as {
				as[i] = slog.Int("id", i)
			}
			return as
		}},
		{"renamed names taken before", func() []slog.Attr {
			var as []slog.Attr
			for i := range 60 {
				as = append(as, slog.Int(strings.Repeat("_", i%7)+"id", i))
			}
			return as
		}},
		{"leaves named as a group", func() []slog.Attr {
			var as []slog.Attr
			for i := range 50 {
				as = append(as, slog.Int(strings.Repeat("_", i%5)+"req", i), slog.Group("req", slog.Int("n", i)))
			}
			return as
		}},
		{"groups nested past the depth limit", func() []slog.Attr {
			a := slog.Int("leaf", 1)
			for i := range 600 {
				a = slog.Group("d"+strconv.Itoa(i%3), a, slog.Int("at", i))
			}
			return []slog.Attr{a, a}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range [][]string{nil, {"outer"}} {
				got, want := newRoot(nil), newRoot(nil)
				for _, a := range tc.attrs() {
					add(got, path, a)
					refAdd(want, path, a)
				}
				requireSameTree(t, got, want)
			}
		})
	}
}

// FuzzWideRecordsMatchReference is TestWideRecordsMatchReference on the
// choices of a fuzz input.
func FuzzWideRecordsMatchReference(f *testing.F) {
	f.Add([]byte{})
	f.Add(bytes.Repeat([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 40))
	f.Add(bytes.Repeat([]byte{0, 5, 0, 7, 3, 1}, 200))
	f.Add([]byte(strings.Repeat("\x27\x00\x00\x01\x03", 100)))
	f.Fuzz(func(t *testing.T, in []byte) {
		got, want := buildBoth(&buildOps{b: in}, 64)
		requireSameTree(t, got, want)
	})
}

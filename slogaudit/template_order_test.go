package slogaudit

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/internal/chain"
)

// refCanonical appends the RFC 8785 form of the group n as the encoder
// did before With templates kept their order: every member sorted, at
// every level, each record, and encoded from its key and canonical value
// (a leaf that has only its encoded member, the time, is copied). With
// auditAt, it sets where the audit member goes, as appendCanonicalTop.
func refCanonical(dst []byte, n *node, auditAt *int) []byte {
	kids := slices.Clone(n.kids)
	slices.SortStableFunc(kids, func(a, b *node) int { return chain.CompareKeys(a.key, b.key) })
	dst = append(dst, '{')
	for i, k := range kids {
		if i > 0 {
			dst = append(dst, ',')
		}
		if auditAt != nil && *auditAt < 0 && chain.CompareKeys(k.key, auditKey) > 0 {
			*auditAt = len(dst)
		}
		switch {
		case k.group:
			dst = chain.AppendString(dst, k.key)
			dst = refCanonical(append(dst, ':'), k, nil)
		case k.member != nil && k.key == slog.TimeKey && k.canon.Kind == chain.Value{}.Kind:
			dst = append(dst, k.member...)
		default:
			dst = chain.AppendString(dst, k.key)
			dst = chain.AppendCanonical(append(dst, ':'), k.canon)
		}
	}
	return append(dst, '}')
}

func refCanonicalTop(n *node) ([]byte, int) {
	at := -1
	b := refCanonical(nil, n, &at)
	if at < 0 {
		at = len(b) - 1
	}
	return b, at
}

// templateShapes are the keys random With attrs and records draw from:
// few, so that they repeat (renamed "_k", "__k", …), meet the template's
// groups and reserved names, and fall on both sides of "audit".
var templateKeys = []string{"a", "b", "g", "req", "_a", "audit", "_audit", "audita", "auditZ", "msg", "time", "level", "zz", "\u00e9", "", "audit_violations"}

// randomAttr returns an attr for the template tests: a scalar, a group of
// a few members (nested once), an inline group, a value that resolves.
func randomAttr(rng *rand.Rand, depth int) slog.Attr {
	k := templateKeys[rng.IntN(len(templateKeys))]
	switch rng.IntN(8) {
	case 0, 1:
		if depth < 2 {
			var kids []slog.Attr
			for range 1 + rng.IntN(4) {
				kids = append(kids, randomAttr(rng, depth+1))
			}
			return slog.Attr{Key: k, Value: slog.GroupValue(kids...)}
		}
	case 2:
		return slog.Time(k, time.Unix(rng.Int64N(2e9), rng.Int64N(1e9)).In(time.FixedZone("z", 3600)))
	case 3:
		return slog.String(k, "v"+strconv.Itoa(rng.IntN(100)))
	}
	return slog.Int(k, rng.IntN(100))
}

// wideWith returns n attrs with distinct keys that sort among the keys of
// templateKeys, and a group now and then, for a template wider than the
// encoder's stack and its insertion sort.
func wideWith(rng *rand.Rand, n int) []slog.Attr {
	var as []slog.Attr
	for i := range n {
		k := templateKeys[rng.IntN(len(templateKeys))] + strconv.Itoa(i)
		if rng.IntN(10) == 0 {
			as = append(as, slog.Group(k, slog.Int("x", i), slog.Int(templateKeys[rng.IntN(3)], i)))
			continue
		}
		as = append(as, slog.Int(k, i))
	}
	return as
}

// TestTemplateOrderMatchesReference pins the canonical bytes of records
// logged through With templates: the template's canonical order found
// once at With and merged with each record's own members must give the
// record sorted whole, byte for byte, with the audit member's place, for
// File's handler (template kept sorted) and Wrap (template in the
// caller's order), With at several levels, open groups that the record's
// attrs join, repeated keys, reserved names, wide templates, and a
// policy's annotation that renames a template member of its name. It also
// counts the records encoded by merging, so that it cannot pass by never
// merging.
func TestTemplateOrderMatchesReference(t *testing.T) {
	pol := Policy{Name: "t", Required: []Required{{Attrs: []string{"actor"}}}}
	for _, kind := range []string{"file", "wrap", "wrap+policy"} {
		t.Run(kind, func(t *testing.T) {
			var base slog.Handler
			switch kind {
			case "file":
				fh, closeFn := fileHandler(t, discardFile(t), WithChainID("c"))
				defer closeFn()
				base = fh
			case "wrap":
				base = Wrap(slog.NewJSONHandler(io.Discard, nil), WithChainID("c"))
			case "wrap+policy":
				base = Wrap(slog.NewJSONHandler(io.Discard, nil), WithChainID("c"), WithPolicy(pol))
			}
			rng := rand.New(rand.NewPCG(21, uint64(len(kind))))
			mergedTop, mergedGroup := 0, 0
			for i := range 1500 {
				hh := base
				for range 1 + rng.IntN(4) {
					switch rng.IntN(5) {
					case 0:
						hh = hh.WithGroup(templateKeys[rng.IntN(4)])
					case 1:
						hh = hh.WithAttrs(wideWith(rng, 20+rng.IntN(150)))
					default:
						var with []slog.Attr
						for range rng.IntN(6) {
							with = append(with, randomAttr(rng, 0))
						}
						hh = hh.WithAttrs(with)
					}
				}
				h := hh.(*Handler)
				r := slog.NewRecord(benchTime, slog.LevelInfo, "m", 0)
				if rng.IntN(5) == 0 {
					r = slog.NewRecord(time.Time{}, slog.Level(rng.IntN(20)-10), "audit.gap", 0)
				}
				for range rng.IntN(6) {
					r.AddAttrs(randomAttr(rng, 0))
				}
				if rng.IntN(8) == 0 {
					r.AddAttrs(wideWith(rng, 40)...)
				}
				sc := getScratch()
				p := prepare(h.build(r, &sc.ar), sc, "c", h.tmpl)
				if rng.IntN(3) == 0 {
					// A policy's annotation, as Handle adds it: a
					// template member of its name, leaf or group, is
					// renamed in the record.
					claim(&sc.ar, p.root, sc.ar.new(node{key: "audit_violations", value: slog.IntValue(1), canon: chain.Num(1)}))
					p.reencode()
				}
				want, wantAt := refCanonicalTop(p.root)
				require.Equal(t, string(want), string(p.canon()), "record %d", i)
				require.Equal(t, wantAt, p.auditAt, "record %d: %s", i, want)
				if tm := p.root.tmpl; tm != nil && tm.sorted != nil && p.root.fromTemplate(tm) {
					mergedTop++
				}
				for _, k := range p.root.kids {
					if k.group && k.tmpl != nil && k.tmpl.sorted != nil && k.fromTemplate(k.tmpl) && len(k.kids) > len(k.tmpl.kids) {
						mergedGroup++
					}
				}
				p.release()
			}
			require.Greater(t, mergedTop, 500, "records merged into their template's order")
			require.Greater(t, mergedGroup, 100, "records whose attrs were merged into a template's group")
		})
	}
}

// TestTemplateLinesCanonical logs records through With templates to a
// File and requires each line to be its own RFC 8785 form (parsed and
// encoded again, the same bytes) and the log to verify: the lines a File
// writes are canonical whatever the template's order, a policy's
// annotation (which renames a template member of its name) included.
func TestTemplateLinesCanonical(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	require.NoError(t, err)
	pol := Policy{Name: "t", Required: []Required{{Attrs: []string{"actor"}}}}
	fh, err := af.Handler(WithKey("k1", testKey), WithChainID("c"), WithPolicy(pol))
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		var hh slog.Handler = fh
		for range 1 + rng.IntN(3) {
			if rng.IntN(3) == 0 {
				hh = hh.WithGroup(templateKeys[rng.IntN(4)])
			}
			hh = hh.WithAttrs(append(wideWith(rng, rng.IntN(60)), randomAttr(rng, 0)))
		}
		var own []slog.Attr
		for range rng.IntN(5) {
			own = append(own, randomAttr(rng, 0))
		}
		slog.New(hh).LogAttrs(context.Background(), slog.LevelWarn, "m", own...)
	}
	require.NoError(t, fh.Close(context.Background()))
	require.NoError(t, af.Close())
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		v, err := chain.Parse([]byte(line))
		require.NoError(t, err, "line %d", i+1)
		require.Equal(t, line, string(chain.AppendCanonical(nil, v)), "line %d is not canonical", i+1)
	}
	rep, err := Verify(context.Background(), bytes.NewReader(b), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	require.NoError(t, err)
	require.True(t, rep.Intact(), fmt.Sprint(rep.Findings))
}

// TestWideTemplateRenamedMember: a record's member found among a wide
// template's members in their canonical order is found under the name it
// has now: a template member that the wrapper's own member renamed (the
// policy's annotation) holds its new name, and a record's attr of that
// name is renamed past it, never written twice.
func TestWideTemplateRenamedMember(t *testing.T) {
	tmpl := newRoot(nil)
	for _, a := range append(wideAttrs(indexFrom+10), slog.Int("audit_violations", 1), slog.Int("_audit_violations", 2)) {
		add(tmpl, nil, a)
	}
	tmpl.makeTemplate(false)
	var ar arena
	root := tmpl.clone(&ar)
	claim(&ar, root, ar.new(node{key: "audit_violations", value: slog.IntValue(3), canon: chain.Num(3)}))
	add(root, nil, slog.Int("__audit_violations", 4))
	add(root, nil, slog.Int("audit_violations", 5))
	seen := map[string]bool{}
	for _, k := range root.kids {
		require.False(t, seen[k.key], "%q written twice", k.key)
		seen[k.key] = true
	}
	for _, k := range []string{"audit_violations", "_audit_violations", "__audit_violations", "___audit_violations", "____audit_violations"} {
		require.True(t, seen[k], "%q missing", k)
	}
}

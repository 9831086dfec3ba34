package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/slogtest"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/slogcore"
)

// TestSlogtestFile: the handler of an audit file, which encodes its lines
// itself, is a correct slog.Handler, and what it writes verifies.
func TestSlogtestFile(t *testing.T) {
	var path string
	var af *File
	var h *Handler
	closeAll := func() {
		if h != nil {
			require.NoError(t, h.Close(context.Background()))
			require.NoError(t, af.Close())
			h = nil
		}
	}
	t.Cleanup(closeAll)
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		closeAll()
		path = filepath.Join(t.TempDir(), "audit.log")
		var err error
		af, err = OpenFile(path, WithFileSync(SyncNever()))
		require.NoError(t, err)
		h, err = af.Handler(WithChainID("t"), WithKey("k1", testKey))
		require.NoError(t, err)
		return h
	}, func(t *testing.T) map[string]any {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		var records []map[string]any
		for _, l := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			var m map[string]any
			require.NoError(t, json.Unmarshal(l, &m))
			if m["msg"] == MsgStart {
				continue
			}
			delete(m, "audit")
			records = append(records, m)
		}
		require.Len(t, records, 1)
		closeAll()
		after, err := os.ReadFile(path)
		require.NoError(t, err)
		rep, err := Verify(context.Background(), bytes.NewReader(after), VerifyOptions{Key: testKey})
		require.NoError(t, err, "%v", rep.Findings)
		return records[0]
	})
}

// canonicalLine encodes r as the File handler does, with a fixed audit
// member.
func canonicalLine(t testing.TB, h *Handler, r slog.Record) ([]byte, prepared) {
	sc := getScratch()
	p := prepare(h.build(r, &sc.ar), sc, "c\"h", h.tmpl)
	am := auditMember{chain: "c\"h", seq: 7, hasMAC: true, keyID: "k\u00e9", hasEpoch: true, epoch: 3}
	for i := range am.hash {
		am.hash[i], am.prev[i], am.mac[i] = byte(i), byte(2*i), byte(3*i)
	}
	line := appendLine(nil, &p, &am)
	// The chain and key texts encoded once give the same line.
	am.texts = textsFor(textsFor(nil, "other", am.keyID), am.chain, am.keyID)
	require.Equal(t, string(line), string(appendLine(nil, &p, &am)))
	return line, p
}

// checkCanonicalLine checks what the verifier relies on: the line is valid
// UTF-8 and JSON, its own RFC 8785 form, and without its audit member it
// is the bytes that were hashed.
func checkCanonicalLine(t testing.TB, line []byte, p prepared) {
	require.True(t, bytes.HasSuffix(line, []byte("\n")))
	line = line[:len(line)-1]
	require.True(t, utf8.Valid(line), "%q", line)
	require.True(t, json.Valid(line), "%q", line)
	v, err := chain.Parse(line)
	require.NoError(t, err, "%q", line)
	require.Equal(t, string(line), string(chain.AppendCanonical(nil, v)), "the line is canonical")
	var l chain.Line
	require.True(t, chain.ScanLine(line, &l), "%q", line)
	require.True(t, l.HasAudit)
	without := append(line[:l.Cut[0]:l.Cut[0]], line[l.Cut[1]:]...)
	prev := chain.Hash{1, 2, 3}
	require.Equal(t, chain.V2.Link(p.chain, 9, prev, without), p.link(9, prev), "the line without its audit member is what was hashed: %q", line)
	require.Equal(t, string(chain.AppendCanonicalWithout(nil, v, "audit")), string(p.canon()))
}

func FuzzCanonicalLine(f *testing.F) {
	f.Add("request handled", "path", "/api/v1", "g", 1.5, int64(42), false)
	f.Add("", "", "", "", 0.0, int64(0), true)
	f.Add("bad \xff utf8", "k\xfe", "v\x00\x1f\u2028", "audit", math.Inf(1), int64(math.MaxInt64), false)
	f.Add("é日本語🙂 \"q\"\n", "zzz", "\\", "_", math.NaN(), int64(-1<<60), true)
	f.Add("m", "audit", "x", "time", math.Copysign(0, -1), int64(1<<53+1), false)
	f.Add("m", "aaa", "x", "b", 1e21, int64(-(1 << 53)), true)
	h := Wrap(slog.NewJSONHandler(io.Discard, nil), WithRedactor(slogcore.NoRedaction), WithChainID("f"))
	f.Fuzz(func(t *testing.T, msg, key, val, group string, fl float64, n int64, flag bool) {
		r := slog.NewRecord(time.Unix(0, n).UTC(), slog.Level(n%16), msg, 0)
		r.AddAttrs(slog.String(key, val), slog.Float64("f", fl), slog.Int64(val, n), slog.Bool(group, flag),
			slog.Group(group, slog.String(key, msg), slog.Group(val, slog.Any("a", []any{val, fl, nil}))))
		var hh slog.Handler = h
		if flag {
			hh = h.WithAttrs([]slog.Attr{slog.String(group, key)}).WithGroup(key)
		}
		line, p := canonicalLine(t, hh.(*Handler), r)
		defer p.release()
		checkCanonicalLine(t, line, p)
	})
}

// TestCanonicalLineEdges: the audit member is spliced in at its sorted
// place whether it comes first, last or between members.
func TestCanonicalLineEdges(t *testing.T) {
	h := Wrap(slog.NewJSONHandler(io.Discard, nil), WithRedactor(slogcore.NoRedaction), WithChainID("f"))
	for _, keys := range [][]string{{"a"}, {"zz"}, {"a", "zz"}, {"_audit", "audita", "auditZ", "audi", "Audit", "\u00e9"}} {
		r := slog.NewRecord(time.Time{}, slog.LevelInfo, "m", 0)
		for _, k := range keys {
			r.AddAttrs(slog.String(k, k))
		}
		line, p := canonicalLine(t, h, r)
		checkCanonicalLine(t, line, p)
		p.release()
	}
	// A record with only members that sort after "audit".
	root := &node{group: true}
	set(root, &node{key: "b", canon: chain.Str("x")})
	p := prepare(root, getScratch(), "c", nil)
	line := appendLine(nil, &p, &auditMember{chain: "c"})
	require.True(t, strings.HasPrefix(string(line), `{"audit":{`), "%s", line)
	checkCanonicalLine(t, line, p)
	// And an empty one.
	p = prepare(&node{group: true}, getScratch(), "c", nil)
	line = appendLine(nil, &p, &auditMember{chain: "c"})
	checkCanonicalLine(t, line, p)
}

// TestFileHammer: many goroutines log through one audit file's handler and
// its derived handlers at once; the file verifies, with every record.
func TestFileHammer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncGroup(256, 10*time.Millisecond)), WithRotateSize(64<<10))
	require.NoError(t, err)
	h, err := af.Handler(WithChainID("hammer"), WithKey("k1", testKey))
	require.NoError(t, err)
	const goroutines, perG = 16, 200
	hammer(goroutines, perG, func(g, i int) {
		l := slog.New(h)
		if g%2 == 0 {
			l = l.With("g", g, "secret_token", "hunter2").WithGroup("req")
		}
		l.Info("hammer", "i", i, "s", fmt.Sprintf("é%d\xff", i), "m", map[string]any{"k": i})
	})
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	paths, err := RotatedFiles(path)
	require.NoError(t, err)
	require.Greater(t, len(paths), 1, "the hammer rotates")
	rep, err := VerifyFiles(context.Background(), paths, VerifyOptions{Key: testKey})
	require.NoError(t, err, "%v", rep.Findings)
	require.EqualValues(t, goroutines*perG+2, rep.Records, "every record, audit.start and audit.stop")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		require.NotContains(t, string(data), "hunter2")
		require.True(t, utf8.Valid(data))
	}
}

// TestInvalidUTF8InV2Line: a byte of invalid UTF-8 put into a v2 line is
// reported, at its line, wherever it is; the same edit in the v1 fixture
// (read leniently, as v1 always was) is still caught by its hash when it
// changes the content.
func TestInvalidUTF8InV2Line(t *testing.T) {
	for _, via := range []string{"file", "wrap"} {
		t.Run(via, func(t *testing.T) {
			var log []byte
			if via == "file" {
				path := filepath.Join(t.TempDir(), "audit.log")
				af, err := OpenFile(path, WithFileSync(SyncNever()))
				require.NoError(t, err)
				h, err := af.Handler(WithChainID("u"), WithKey("k1", testKey))
				require.NoError(t, err)
				for i := range 3 {
					slog.New(h).Info("payment", "note", "café", "i", i)
				}
				require.NoError(t, h.Close(context.Background()))
				require.NoError(t, af.Close())
				log, err = os.ReadFile(path)
				require.NoError(t, err)
			} else {
				var buf bytes.Buffer
				h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("u"), WithKey("k1", testKey))
				for i := range 3 {
					slog.New(h).Info("payment", "note", "café", "i", i)
				}
				require.NoError(t, h.Close(context.Background()))
				log = buf.Bytes()
			}
			rep, err := Verify(context.Background(), bytes.NewReader(log), VerifyOptions{Key: testKey})
			require.NoError(t, err, "%v", rep.Findings)
			ls := lines(log)
			require.Len(t, ls, 5)
			for _, edit := range []struct {
				name string
				do   func(string) string
			}{
				// "é" is c3 a9: a lone continuation byte, or a cut sequence.
				{"lone continuation byte", func(l string) string { return strings.Replace(l, "caf\u00e9", "caf\xa9", 1) }},
				{"truncated sequence", func(l string) string { return strings.Replace(l, "caf\u00e9", "caf\xc3", 1) }},
				{"byte added in the message", func(l string) string { return strings.Replace(l, "payment", "pay\xffment", 1) }},
				{"overlong encoding of a character", func(l string) string { return strings.Replace(l, "caf\u00e9", "caf\xc0\xa9", 1) }},
			} {
				c := append([]string(nil), ls...)
				c[2] = edit.do(c[2])
				require.NotEqual(t, ls[2], c[2])
				rep, err := Verify(context.Background(), bytes.NewReader(join(c)), VerifyOptions{Key: testKey})
				var te *TamperedError
				require.ErrorAs(t, err, &te, edit.name)
				require.True(t, hasFinding(rep, Modified, 3), "%s: %v", edit.name, rep.Findings)
				for _, f := range rep.Findings {
					if f.Kind != Modified {
						continue
					}
					require.Equal(t, int64(3), f.Line, "%s: %v", edit.name, f)
					require.Contains(t, f.Detail, "invalid UTF-8", edit.name)
				}
			}
		})
	}
}

// TestWrapAndFileInOneLog: records written through Wrap (hex hashes, the
// other handler's bytes) and through File (canonical lines) verify in one
// input, and an edit to either is found.
func TestWrapAndFileInOneLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	require.NoError(t, err)
	h, err := af.Handler(WithChainID("file"), WithKey("k1", testKey))
	require.NoError(t, err)
	w := Wrap(slog.NewJSONHandler(af, nil), WithChainID("wrap"), WithKey("k1", testKey))
	for i := range 4 {
		slog.New(h).Info("a", "i", i)
		slog.New(w).Info("b", "i", i)
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, w.Close(context.Background()))
	require.NoError(t, af.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	rep, err := Verify(context.Background(), bytes.NewReader(data), VerifyOptions{Key: testKey})
	require.NoError(t, err, "%v", rep.Findings)
	require.Len(t, rep.Chains, 2)
	for _, edit := range []string{`"msg":"a","time"`, `"msg":"b","i":2`} {
		require.Contains(t, string(data), edit)
	}
	for _, from := range []string{`"i":2,"level":"INFO","msg":"a"`, `"msg":"b","i":2`} {
		require.Contains(t, string(data), from)
		changed := strings.Replace(string(data), from, strings.Replace(from, "2", "3", 1), 1)
		rep, err := Verify(context.Background(), strings.NewReader(changed), VerifyOptions{Key: testKey})
		require.Error(t, err, from)
		require.NotEmpty(t, rep.Findings)
		found := false
		for _, f := range rep.Findings {
			found = found || f.Kind == Modified
		}
		require.True(t, found, "%s: %v", from, rep.Findings)
	}
}

// TestFixtureV2EveryByteCounts: in the canonical lines of the v2 fixture,
// changing a digit anywhere (in the audit member or in the record) is
// found, whether the verifier hashes the line as it stands or reads it in
// full.
func TestFixtureV2EveryByteCounts(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	ls := lines(f.log)
	edits := 0
	for i, l := range ls {
		if i == 8 { // the torn fragment
			continue
		}
		for j := 0; j < len(l); j++ {
			if l[j] < '0' || l[j] > '9' {
				continue
			}
			c := append([]string(nil), ls...)
			c[i] = l[:j] + string('0'+(l[j]-'0'+1)%10) + l[j+1:]
			rep, err := f.verify(join(c), f.checkpoints)
			var te *TamperedError
			require.True(t, errors.As(err, &te), "line %d byte %d edited: want a TamperedError, got %v (%v)", i+1, j, err, rep.Findings)
			edits++
		}
	}
	require.Greater(t, edits, 500)
}

// TestTimeMember checks that the time member appended to the arena is the
// canonical member of the formatted time, for times whose text is unusual
// (years past 9999 and before year 0, zones, nanoseconds), and that it
// survives the arena growing.
func TestTimeMember(t *testing.T) {
	var ar arena
	times := []time.Time{
		time.Date(2026, 11, 26, 6, 45, 2, 0, time.UTC),
		time.Date(2026, 11, 26, 6, 45, 2, 123456789, time.FixedZone("x", -7*3600)),
		time.Date(10000, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(-1, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Unix(0, 0),
		time.Unix(0, 100),
		time.Unix(0, 120000000),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(0, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(2026, 11, 26, 6, 45, 2, 1, time.UTC), // the second formatted first
		time.Date(2026, 11, 26, 6, 45, 3, 1, time.UTC),
		time.Date(2026, 11, 26, 6, 45, 3, 1, time.FixedZone("y", 3600)),
	}
	var nodes []*node
	for range 40 { // more than one chunk of the arena's bytes
		for _, tm := range times {
			nodes = append(nodes, ar.timeNode(tm, false))
		}
	}
	for i, n := range nodes {
		tm := times[i%len(times)]
		want := chain.AppendCanonical([]byte(`"time":`), chain.Str(tm.UTC().Format(time.RFC3339Nano)))
		if string(n.member) != string(want) {
			t.Fatalf("time %v: got member %s, want %s", tm, n.member, want)
		}
		if s := ar.timeNode(tm, true); s.canon.Str != tm.UTC().Format(time.RFC3339Nano) || s.member != nil {
			t.Fatalf("time %v with its string: got canon %q, member %q", tm, s.canon.Str, s.member)
		}
	}
}

// TestSortedTemplate checks that a File handler's record is the same
// canonical line whatever the order of its With attrs and whether they
// come from the template or the record.
func TestSortedTemplate(t *testing.T) {
	line := func(with bool, attrs []slog.Attr) string {
		var buf bytes.Buffer
		fh, closeFn := fileHandler(t, discardFile(t), WithChainID("c"))
		defer closeFn()
		h := fh.(*Handler)
		var hh slog.Handler = h
		r := slog.NewRecord(benchTime, slog.LevelInfo, "m", 0)
		if with {
			hh = h.WithAttrs(attrs).WithGroup("g").WithAttrs([]slog.Attr{slog.Int("z", 1), slog.Int("a", 2)})
		} else {
			r.AddAttrs(attrs...)
			r.AddAttrs(slog.Group("g", slog.Int("z", 1), slog.Int("a", 2)))
		}
		sc := getScratch()
		p := prepare(hh.(*Handler).build(r, &sc.ar), sc, "c", hh.(*Handler).tmpl)
		defer p.release()
		buf.Write(p.canon())
		return buf.String()
	}
	attrs := benchAttrs()
	want := line(false, attrs)
	for _, with := range []bool{false, true} {
		for i := range 4 {
			rev := slices.Clone(attrs)
			if i%2 == 1 {
				slices.Reverse(rev)
			}
			if got := line(with, rev); got != want {
				t.Errorf("with=%v order %d: got\n%s\nwant\n%s", with, i, got, want)
			}
		}
	}
}

// TestMergedTemplate: a File record whose With attrs are copied from the
// template's canonical members in runs is the record encoded member by
// member, wherever its own members and the audit member fall.
func TestMergedTemplate(t *testing.T) {
	keys := []string{"a", "_audit", "audit", "audita", "auditZ", "b", "g", "level", "msg", "time", "zz", "\u00e9", ""}
	rng := rand.New(rand.NewPCG(9, 10))
	attr := func() slog.Attr {
		k := keys[rng.IntN(len(keys))]
		if rng.IntN(4) == 0 {
			return slog.Group(k, slog.Int(keys[rng.IntN(3)], rng.IntN(9)))
		}
		return slog.Int(k, rng.IntN(9))
	}
	fh, closeFn := fileHandler(t, discardFile(t), WithChainID("c"))
	defer closeFn()
	merged := 0
	for range 2000 {
		var hh slog.Handler = fh
		for range 1 + rng.IntN(3) {
			var with []slog.Attr
			for range rng.IntN(4) {
				with = append(with, attr())
			}
			hh = hh.WithAttrs(with)
		}
		h := hh.(*Handler)
		r := slog.NewRecord(benchTime, slog.LevelInfo, "m", 0)
		if rng.IntN(5) == 0 {
			r = slog.NewRecord(time.Time{}, slog.LevelInfo, "m", 0)
		}
		for range rng.IntN(4) {
			r.AddAttrs(attr())
		}
		sc := getScratch()
		p := prepare(h.build(r, &sc.ar), sc, "c", h.tmpl)
		want, wantAt := refCanonicalTop(p.root)
		require.Equal(t, string(want), string(p.canon()))
		require.Equal(t, wantAt, p.auditAt, "%s", want)
		if h.tmpl != nil && h.tmpl.sorted != nil && h.tmpl.copiedIn(p.root) {
			merged++
		}
		p.release()
	}
	require.Greater(t, merged, 500, "records encoded from the template's runs")
}

// TestSortedKids: members sort as chain.CompareKeys orders their keys,
// whether their first eight bytes decide or the whole keys do (NUL,
// non-ASCII, long shared prefixes, keys that extend one another).
func TestSortedKids(t *testing.T) {
	parts := []string{"", "a", "b", "Z", "_", "\x00", "\x7f", "é", "\U0001F642", "\uFFFD", "\uE000", "abcdefgh", "abcdefg", "\xff"}
	rng := rand.New(rand.NewPCG(11, 12))
	var memo []uint8
	for range 3000 {
		n := 1 + rng.IntN(33)
		kids := make([]*node, n)
		for i := range kids {
			var key string
			for range rng.IntN(4) {
				key += parts[rng.IntN(len(parts))]
			}
			kids[i] = &node{key: key}
		}
		want := slices.Clone(kids)
		slices.SortStableFunc(want, func(a, b *node) int { return chain.CompareKeys(a.key, b.key) })
		got := sortedKids(slices.Clone(kids), nil)
		for i := range got {
			require.Equal(t, want[i].key, got[i].key, "member %d of %q", i, keys(kids))
		}
		// With a memo: the order sorted once, then the same members
		// again (the memo answers), then in another order (it does not).
		shuffled := slices.Clone(kids)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		for _, in := range [][]*node{kids, kids, shuffled, shuffled} {
			got := sortedKids(slices.Clone(in), &memo)
			for i := range got {
				require.Equal(t, want[i].key, got[i].key, "member %d of %q, memo %v", i, keys(in), memo)
			}
		}
	}
}

// TestSortedKidsMemo: a memo of the right length that does not sort the
// members (a stale order, an index twice, an index out of range) is not
// used.
func TestSortedKidsMemo(t *testing.T) {
	mk := func(ks ...string) []*node {
		var ns []*node
		for _, k := range ks {
			ns = append(ns, &node{key: k})
		}
		return ns
	}
	for _, memo := range [][]uint8{{0, 1, 2}, {2, 1, 0}, {1, 1, 0}, {0, 0, 0}, {1, 2, 3}, {2, 0, 1}} {
		m := slices.Clone(memo)
		got := keys(sortedKids(mk("c", "b", "a"), &m))
		require.Equal(t, []string{"a", "b", "c"}, got, "memo %v", memo)
		require.Equal(t, []uint8{2, 1, 0}, m, "the memo after sorting c, b, a")
	}
}

func keys(ns []*node) []string {
	var ks []string
	for _, n := range ns {
		ks = append(ks, n.key)
	}
	return ks
}

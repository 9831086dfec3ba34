package slogaudit

import (
	"bytes"
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/stretchr/testify/require"
)

// kindCase is a minimal input for one verifier check: Verify must report
// exactly one finding, of kind at line (in file, "" for the log).
type kindCase struct {
	name  string
	log   []byte
	opts  VerifyOptions
	cps   string // checkpoint file, if any
	kind  FindingKind
	line  int64
	file  string
	chain string // the finding's chain, when it names one
	seq   uint64
	// detail, when set, is a substring of the finding's detail.
	detail string
	// summary, when set, is the report's summary of chain "c".
	summary *ChainSummary
	// files, when set, are the contents of rotated files that
	// VerifyFiles reads instead of log, named in this order.
	files []string
}

func runKindCase(t *testing.T, tc kindCase) {
	t.Helper()
	o := tc.opts
	if tc.cps != "" {
		o.Checkpoints = strings.NewReader(tc.cps)
	}
	var rep Report
	var err error
	if tc.files != nil {
		dir := t.TempDir()
		var paths []string
		for i, b := range tc.files {
			p := filepath.Join(dir, "audit-"+strconv.Itoa(i)+".log")
			require.NoError(t, os.WriteFile(p, []byte(b), 0o600))
			paths = append(paths, p)
		}
		rep, err = VerifyFiles(context.Background(), paths, o)
	} else {
		rep, err = Verify(context.Background(), bytes.NewReader(tc.log), o)
	}
	require.Len(t, rep.Findings, 1, "want only %s at line %d, got %v", tc.kind, tc.line, rep.Findings)
	f := rep.Findings[0]
	require.Equal(t, tc.kind, f.Kind, "%v", f)
	require.Equal(t, tc.line, f.Line, "%v", f)
	require.Equal(t, tc.file, f.File, "%v", f)
	if tc.chain != "" {
		require.Equal(t, tc.chain, f.Chain, "%v", f)
		require.Equal(t, tc.seq, f.Seq, "%v", f)
	}
	require.Contains(t, f.Detail, tc.detail)
	if tc.summary != nil {
		require.Equal(t, *tc.summary, positions(rep.Chains["c"]))
	}
	if tc.kind.Info() {
		require.NoError(t, err, "information is not tampering")
		require.True(t, rep.Intact())
		return
	}
	var te *TamperedError
	require.True(t, errors.As(err, &te), "want a *TamperedError, got %v", err)
	require.False(t, rep.Intact())
	require.Equal(t, rep.Findings, te.Report.Findings)
}

// TestVerifyBaseInputsAreIntact: the inputs that the kind tests edit verify
// clean before the edit, so that each finding comes from the edit alone.
func TestVerifyBaseInputsAreIntact(t *testing.T) {
	pub, priv := fixedSigner()
	f := newForger(t, "c", testKey)
	rs := f.records(3)
	cp := f.checkpoint(priv, 3, f.head)
	in := f.next(inBand(cp, nil))
	rep, err := Verify(context.Background(), bytes.NewReader(cat(rs[0], rs[1], rs[2], in)), VerifyOptions{
		Keys: map[string][]byte{"k1": testKey}, PublicKey: pub,
		Checkpoints: bytes.NewReader(f.checkpoint(priv, 4, f.head).MarshalLine()),
	})
	require.NoError(t, err, "%v", rep.Findings)
	require.Empty(t, rep.Findings)
	require.EqualValues(t, 2, rep.Checks.Signatures.Checked)
	require.EqualValues(t, 4, rep.Records)
	require.Equal(t, ChainSummary{First: 1, Last: 4, Records: 4}, positions(rep.Chains["c"]))
}

// TestVerifyFindingKinds has, for every check the verifier makes, the
// smallest input that fails that check and no other. A check that stopped
// working, or one that started to report more than it should, fails here.
func TestVerifyFindingKinds(t *testing.T) {
	pub, priv := fixedSigner()
	keyed := VerifyOptions{Keys: map[string][]byte{"k1": testKey}}
	otherKey := []byte("another key of 32 bytes, not k1!")

	var cases []kindCase
	add := func(c kindCase) { cases = append(cases, c) }

	// modified: the content no longer hashes to the record's hash.
	{
		f := newForger(t, "c", nil)
		r := f.records(3)
		add(kindCase{name: "modified/content edited", log: cat(r[0], strings.Replace(r[1], `"i":2`, `"i":9`, 1), r[2]),
			kind: Modified, line: 2, chain: "c", seq: 2})
	}
	// missing: a gap in the middle, and a chain that starts after seq 1.
	{
		f := newForger(t, "c", nil)
		r := f.records(3)
		add(kindCase{name: "missing/middle record removed", log: cat(r[0], r[2]), kind: Missing, line: 2, chain: "c", seq: 2})
	}
	{
		f := newForger(t, "c", nil)
		r := f.records(3)
		add(kindCase{name: "missing/first records removed", log: cat(r[1], r[2]), kind: Missing, line: 1, chain: "c", seq: 1,
			detail: "chain starts at seq 2: records 1 to 1 are not in the input", summary: &ChainSummary{First: 2, Last: 3, Records: 2}})
	}

	// inserted: lines that do not belong to the chain.
	{
		f := newForger(t, "c", nil)
		r := f.records(2)
		add(kindCase{name: "inserted/no audit member", log: cat(r[0], `{"msg":"hello"}`+"\n", r[1]), kind: Inserted, line: 2})
	}
	{
		f := newForger(t, "c", nil)
		f.head = chain.Link("c", 0, chain.Hash{}, []byte("{}")) // not the genesis hash
		r := f.records(2)
		add(kindCase{name: "inserted/first record not from genesis", log: cat(r[0], r[1]), kind: Inserted, line: 1, chain: "c", seq: 1})
	}
	{
		f := newForger(t, "c", nil)
		r := f.records(2)
		stray, _ := f.make(`{"msg":"stray"}`, 3, chain.Genesis("c"))
		add(kindCase{name: "inserted/does not link to the record before", log: cat(r[0], r[1], stray), kind: Inserted, line: 3, chain: "c", seq: 3})
	}
	{
		f := newForger(t, "c", nil)
		r := f.records(3)
		alt, _ := f.make(`{"msg":"alt"}`, 2, f.hashes[0])
		add(kindCase{name: "inserted/second record for a seq, chain goes on from the first", log: cat(r[0], r[1], alt, r[2]),
			kind: Inserted, line: 3, chain: "c", seq: 2})
	}
	{
		f := newForger(t, "c", nil)
		r := f.records(2)
		alt, altHash := f.make(`{"msg":"alt"}`, 2, f.hashes[0])
		after, _ := f.make(`{"msg":"after alt"}`, 3, altHash)
		add(kindCase{name: "inserted/second record for a seq, chain goes on from the second", log: cat(r[0], r[1], alt, after),
			kind: Inserted, line: 2, chain: "c", seq: 2})
	}
	{
		f := newForger(t, "c", nil)
		r := f.records(2)
		alt, _ := f.make(`{"msg":"alt"}`, 2, f.hashes[0])
		add(kindCase{name: "inserted/second record for a seq at the end", log: cat(r[0], r[1], alt), kind: Inserted, line: 3, chain: "c", seq: 2})
	}
	{
		f := newForger(t, "c", nil)
		r := f.records(1)
		alt, altHash := f.make(`{"msg":"alt"}`, 1, chain.Genesis("c"))
		after, _ := f.make(`{"msg":"after alt"}`, 2, altHash)
		add(kindCase{name: "inserted/second first record, chain goes on from it", log: cat(r[0], alt, after),
			kind: Inserted, line: 1, chain: "c", seq: 1, detail: "does not link to the records after it"})
	}
	{
		f := newForger(t, "c", nil)
		r := f.records(3)
		old, _ := f.make(`{"msg":"rewritten"}`, 1, chain.Genesis("c"))
		add(kindCase{name: "inserted/behind the head, matching no record", log: cat(r[0], r[1], r[2], old), kind: Inserted, line: 4, chain: "c", seq: 1})
	}

	// duplicated and reordered.
	{
		f := newForger(t, "c", nil)
		r := f.records(3)
		add(kindCase{name: "duplicated", log: cat(r[0], r[1], r[1], r[2]), kind: Duplicated, line: 3, chain: "c", seq: 2})
	}
	{
		// A record repeated long after it: the chain's memory of recent
		// records has grown past its first size (16) by then.
		f := newForger(t, "c", nil)
		r := f.records(100)
		log := cat(append(append([]string{}, r...), r[4])...)
		add(kindCase{name: "duplicated/96 records later", log: log, kind: Duplicated, line: 101, chain: "c", seq: 5})
	}
	{
		f := newForger(t, "c", nil)
		r := f.records(3)
		add(kindCase{name: "reordered", log: cat(r[0], r[2], r[1]), kind: Reordered, line: 3, chain: "c", seq: 2,
			detail: "appears after seq 3", summary: &ChainSummary{First: 1, Last: 3, Records: 3}})
	}

	// truncated: a checkpoint kept apart names a record the log lacks.
	{
		f := newForger(t, "c", nil)
		r := f.records(3)
		cp := string(f.checkpoint(priv, 3, f.head).MarshalLine())
		add(kindCase{name: "truncated/newest records removed", log: cat(r[0], r[1]), cps: cp, opts: VerifyOptions{PublicKey: pub},
			kind: Truncated, line: 2, chain: "c", seq: 3})
		add(kindCase{name: "truncated/without the public key", log: cat(r[0], r[1]), cps: cp, kind: Truncated, line: 2, chain: "c", seq: 3})
		g := newForger(t, "other", nil)
		add(kindCase{name: "truncated/chain absent from the log", log: cat(g.records(1)...), cps: cp, kind: Truncated, line: 1, chain: "c", seq: 3})
	}

	// bad-mac: with a key, every record needs a MAC by a known key id.
	{
		f := newForger(t, "c", testKey)
		r := f.records(3)
		v, err := chain.Parse([]byte(strings.TrimSpace(r[1])))
		require.NoError(t, err)
		noMAC := f.line(v.Without("audit"), auditFor{chain: "c", seq: 2, prev: f.hashes[0], hash: f.hashes[1]})
		add(kindCase{name: "bad-mac/no MAC", log: cat(r[0], noMAC, r[2]), opts: keyed, kind: BadMAC, line: 2, chain: "c", seq: 2})

		forged := f.line(v.Without("audit"), auditFor{chain: "c", seq: 2, prev: f.hashes[0], hash: f.hashes[1], keyID: "k1", key: otherKey})
		add(kindCase{name: "bad-mac/MAC by another key", log: cat(r[0], forged, r[2]), opts: keyed, kind: BadMAC, line: 2, chain: "c", seq: 2})

		wrongHash := f.hashes[0]
		overOther := f.line(v.Without("audit"), auditFor{chain: "c", seq: 2, prev: f.hashes[0], hash: f.hashes[1], keyID: "k1", key: testKey, macOf: &wrongHash})
		add(kindCase{name: "bad-mac/MAC of another hash", log: cat(r[0], overOther, r[2]), opts: keyed, kind: BadMAC, line: 2, chain: "c", seq: 2})

		unknown := f.line(v.Without("audit"), auditFor{chain: "c", seq: 2, prev: f.hashes[0], hash: f.hashes[1], keyID: "k2", key: testKey})
		add(kindCase{name: "unknown-key/key id without a key", log: cat(r[0], unknown, r[2]), opts: keyed, kind: UnknownKey, line: 2})
	}

	// bad-checkpoint: in the checkpoint file and in-band.
	{
		f := newForger(t, "c", nil)
		r := f.records(3)
		cp := f.checkpoint(priv, 3, f.head)
		good := string(cp.MarshalLine()) // a bad line among good ones: a checkpoint file of nothing but bad lines is the wrong file
		add(kindCase{name: "bad-checkpoint/file line not a checkpoint", log: cat(r...), cps: `{"chain":"c"}` + "\n" + good,
			opts: VerifyOptions{PublicKey: pub}, kind: BadCheckpoint, line: 1, file: "checkpoints"})
		add(kindCase{name: "bad-checkpoint/file line not JSON", log: cat(r...), cps: "}\n" + good,
			kind: BadCheckpoint, line: 1, file: "checkpoints"})
		// The first part of a checkpoint, on a line of its own: a write
		// that stopped (a full disk) and could not be cut off.
		add(kindCase{name: "torn/file line the start of a checkpoint", log: cat(r...), cps: good[:len(good)/2] + "\n" + good,
			kind: Torn, line: 1, file: "checkpoints"})
		forged := cp
		forged.Seq = 2
		add(kindCase{name: "bad-checkpoint/file signature", log: cat(r...), cps: string(forged.MarshalLine()),
			opts: VerifyOptions{PublicKey: pub}, kind: BadCheckpoint, line: 1, file: "checkpoints"})
		rebuilt := f.checkpoint(priv, 2, f.hashes[0])
		add(kindCase{name: "bad-checkpoint/file signed another hash", log: cat(r...), cps: string(rebuilt.MarshalLine()),
			opts: VerifyOptions{PublicKey: pub}, kind: BadCheckpoint, line: 2, chain: "c", seq: 2})
	}
	inBandCase := func(name string, content func(f *forger, priv []byte) string) {
		f := newForger(t, "c", nil)
		r := f.records(2)
		rec := f.next(content(f, priv))
		tc := kindCase{name: "bad-checkpoint/in-band " + name, log: cat(r[0], r[1], rec), opts: VerifyOptions{PublicKey: pub},
			kind: BadCheckpoint, line: 3, chain: "c", seq: 3}
		if name == "signature" {
			// The only signature in the input fails: the finding says the
			// public key is probably wrong, naming no chain.
			tc.chain, tc.seq = "", 0
		}
		add(tc)
	}
	inBandCase("without a checkpoint group", func(*forger, []byte) string { return `{"level":"INFO","msg":"audit.checkpoint"}` })
	inBandCase("group without a seq", func(f *forger, p []byte) string {
		return inBand(f.checkpoint(p, 2, f.head), func(m map[string]chain.Value) { delete(m, "seq") })
	})
	inBandCase("signature", func(f *forger, p []byte) string {
		return inBand(f.checkpoint(p, 2, f.head), func(m map[string]chain.Value) { m["seq"] = chain.Num(1) })
	})
	inBandCase("signed another hash", func(f *forger, p []byte) string {
		return inBand(f.checkpoint(p, 2, f.hashes[0]), nil)
	})

	// malformed: lines that are not audit records.
	{
		f := newForger(t, "c", nil)
		r := f.records(2)
		for _, bad := range []struct{ name, line string }{
			{"not JSON", "not json"},
			{"JSON but not an object", "[1,2]"},
			{"duplicate member", `{"msg":"a","msg":"b"}`},
		} {
			add(kindCase{name: "malformed/" + bad.name, log: cat(r[0], bad.line+"\n", r[1]), kind: Malformed, line: 2})
		}
		add(kindCase{name: "torn-tail/torn last line", log: cat(r[0], r[1], r[1][:30]), kind: TornTail, line: 3})
	}
	{
		f := newForger(t, "c", nil)
		r := f.records(2)
		v, err := chain.Parse([]byte(strings.TrimSpace(r[1])))
		require.NoError(t, err)
		a, _ := v.Get("audit")
		for _, bad := range []struct {
			name string
			edit func(a chain.Value) chain.Value
		}{
			{"no chain", func(a chain.Value) chain.Value { return a.Without("chain") }},
			{"empty chain", func(a chain.Value) chain.Value { return with(a, "chain", chain.Str("")) }},
			{"no seq", func(a chain.Value) chain.Value { return a.Without("seq") }},
			{"seq 0", func(a chain.Value) chain.Value { return with(a, "seq", chain.Num(0)) }},
			{"seq negative", func(a chain.Value) chain.Value { return with(a, "seq", chain.Num(-2)) }},
			{"seq fraction", func(a chain.Value) chain.Value { return with(a, "seq", chain.Num(1.5)) }},
			{"seq a string", func(a chain.Value) chain.Value { return with(a, "seq", chain.Str("2")) }},
			{"no prev", func(a chain.Value) chain.Value { return a.Without("prev") }},
			{"no hash", func(a chain.Value) chain.Value { return a.Without("hash") }},
			{"hash not hex", func(a chain.Value) chain.Value { return with(a, "hash", chain.Str(strings.Repeat("zz", 32))) }},
			{"prev too short", func(a chain.Value) chain.Value { return with(a, "prev", chain.Str("abcd")) }},
			{"mac not hex", func(a chain.Value) chain.Value { return with(a, "mac", chain.Str("xyz")) }},
			{"unknown member", func(a chain.Value) chain.Value { return with(a, "approved_by", chain.Str("cfo")) }},
			{"audit not an object", func(chain.Value) chain.Value { return chain.Str("x") }},
		} {
			line := string(chain.AppendCanonical(nil, with(v, "audit", bad.edit(a)))) + "\n"
			kind := Malformed
			if bad.name == "audit not an object" {
				kind = Inserted // no audit member that could be slogaudit's
			}
			add(kindCase{name: "malformed/audit member: " + bad.name, log: cat(r[0], line, r[1]), kind: kind, line: 2})
		}
	}
	{
		// The start record names a fragment, but not this one.
		f := newForger(t, "c", nil)
		fragment := `{"level":"INFO","msg":"cut`
		start := f.next(`{"level":"INFO","msg":"audit.start","torn":{"bytes":26,"sha256":"` + sha256Hex(fragment+"x") + `"}}`)
		add(kindCase{name: "malformed/torn line named with another hash", log: cat(fragment+"\n", start), kind: Malformed, line: 1})
	}

	// restart, torn and pruned are information: intact, but reported.
	{
		f := newForger(t, "c", nil)
		r := f.records(2)
		start := f.next(`{"level":"INFO","msg":"audit.start","chain":"c"}`)
		add(kindCase{name: "restart", log: cat(r[0], r[1], start), kind: Restart, line: 3, chain: "c", seq: 3})
	}
	{
		f := newForger(t, "c", nil)
		fragment := `{"level":"INFO","msg":"cut`
		start := f.next(`{"level":"INFO","msg":"audit.start","torn":{"bytes":26,"sha256":"` + sha256Hex(fragment) + `"}}`)
		add(kindCase{name: "torn", log: cat(fragment+"\n", start), kind: Torn, line: 1})
	}
	{
		f := newForger(t, "c", nil)
		r := f.records(4)
		ret := f.next(`{"level":"INFO","msg":"retention.applied","ends_at":{"c":{"seq":2,"hash":"` + f.hashes[1].String() + `"}}}`)
		add(kindCase{name: "pruned", log: cat(r[2], r[3], ret), kind: Pruned, line: 1, chain: "c", seq: 3,
			detail: "records 1 to 2 were removed by retention"})
		// The retention record of one chain names where another chain's
		// removed files ended, before that chain appears.
		d := newForger(t, "d", nil)
		dr := d.records(4)
		g := newForger(t, "c", nil)
		ret2 := g.next(`{"level":"INFO","msg":"retention.applied","ends_at":{"d":{"seq":2,"hash":"` + d.hashes[1].String() + `"}}}`)
		add(kindCase{name: "pruned/another chain", log: cat(ret2, dr[2], dr[3]), kind: Pruned, line: 2, chain: "d", seq: 3})
	}

	{
		f := newForger(t, "c", nil)
		r := f.records(3)
		gap := f.next(`{"level":"WARN","msg":"audit.gap","records":1,"lost":[{"from":2,"to":2,"reason":"write: no space left on device"}]}`)
		add(kindCase{name: "gap", log: cat(r[0], r[2], gap), kind: Gap, line: 2, chain: "c", seq: 2})
	}
	{
		fc := newForger(t, "c", nil)
		rc := fc.records(2)
		cp := fc.checkpoint(priv, 2, fc.head)
		fd := newForger(t, "d", nil)
		rd := fd.records(1)
		add(kindCase{name: "uncovered", log: cat(rc[0], rc[1], rd[0]), cps: string(cp.MarshalLine()),
			opts: VerifyOptions{PublicKey: pub, RequireCheckpoints: true}, kind: Uncovered, chain: "d"})
	}

	// key-change: the last record's MAC is redone by another key id that
	// the verifier knows, with no rotation record and no restart before it.
	{
		var buf bytes.Buffer
		h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k1", testKey))
		slog.New(h).Info("a")
		slog.New(h).Info("b")
		ls := lines(buf.Bytes())
		last := len(ls)
		ls[last-1] = remac(t, ls[last-1], "k2", testKey2, false)
		add(kindCase{name: "key-change", log: join(ls), opts: VerifyOptions{Keys: map[string][]byte{"k1": testKey, "k2": testKey2}},
			kind: KeyChange, line: int64(last), chain: "c", seq: uint64(last)})
	}

	// Sealing. A closed sealed log ends with a seal and verifies intact;
	// sealedCase strips the epoch from its record at index i, MACed again
	// by the same key without an epoch.
	sealedKeyed := VerifyOptions{Keys: map[string][]byte{"k1": testKey}}
	sealedCase := func(name string, i int, sealed bool, kind FindingKind) {
		h, buf := sealedLog(t, 4, 3)
		require.NoError(t, h.Close(context.Background()))
		ls := lines(buf.Bytes())
		require.False(t, strings.Contains(ls[i], MsgSeal) || strings.Contains(ls[i+1], MsgSeal), "want a record inside an epoch: %s", ls[i])
		ls[i] = remac(t, ls[i], "k1", testKey, true)
		o := sealedKeyed
		o.Sealed = sealed
		add(kindCase{name: name, log: join(ls), opts: o, kind: kind, line: int64(i + 1), chain: "c", seq: uint64(i + 1)})
	}
	// epoch: a record without an epoch after records with one.
	sealedCase("epoch/record without an epoch in a sealed chain", 1, false, Epoch)
	// unsealed: the chain's first record without an epoch, when the key is
	// known to have been used with sealing (a later record without one is
	// also an epoch finding); and a sealed chain with no seal at all.
	sealedCase("unsealed/record without an epoch", 0, true, Unsealed)
	{
		_, buf := sealedLog(t, 2, 100)
		o := sealedKeyed
		o.Sealed = true
		add(kindCase{name: "unsealed/no seal in the chain", log: buf.Bytes(), opts: o, kind: Unsealed, chain: "c", detail: "no " + MsgSeal + " record"})
	}
	// unsealed-tail (information): records after the last seal.
	{
		_, buf := sealedLog(t, 4, 3) // a seal after 3 records, then the rest
		ls := lines(buf.Bytes())
		seal := -1
		for i, l := range ls {
			if strings.Contains(l, MsgSeal) {
				seal = i
			}
		}
		require.True(t, seal >= 0 && seal < len(ls)-1, "want records after a seal")
		add(kindCase{name: "unsealed-tail", log: buf.Bytes(), opts: sealedKeyed, kind: UnsealedTail, chain: "c", seq: uint64(seal + 2),
			detail: "come after the last seal"})
	}

	// files-ordered (information): rotated files given newest first.
	{
		f := newForger(t, "c", nil)
		r := f.records(4)
		add(kindCase{name: "files-ordered/rotated files given newest first", files: []string{r[2] + r[3], r[0] + r[1]},
			kind: FilesOrdered, detail: "out of their chain's order"})
	}

	// byte-order-mark (information): the input starts with a UTF-8 BOM.
	{
		f := newForger(t, "c", nil)
		r := f.records(2)
		add(kindCase{name: "byte-order-mark/at the start of the input", log: cat("\xef\xbb\xbf"+r[0], r[1]),
			kind: ByteOrderMark, line: 1, detail: "byte order mark"})
	}

	seen := map[FindingKind]bool{}
	for _, tc := range cases {
		seen[tc.kind] = true
		t.Run(tc.name, func(t *testing.T) { runKindCase(t, tc) })
	}
	kinds := declaredKinds(t)
	require.Subset(t, kinds, []FindingKind{Modified, Epoch, KeyChange, UnsealedTail}, "the kinds are read from the package's source")
	for _, k := range kinds {
		require.True(t, seen[k], "no case for finding kind %s", k)
	}
}

// declaredKinds returns every FindingKind constant declared in the
// package's source, so that a kind added later without a case here fails
// TestVerifyFindingKinds.
func declaredKinds(t *testing.T) []FindingKind {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var kinds []FindingKind
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "FindingKind" {
					continue
				}
				for _, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					require.True(t, ok && lit.Kind == token.STRING, "%s: a FindingKind that is not a string literal", fset.Position(v.Pos()))
					s, err := strconv.Unquote(lit.Value)
					require.NoError(t, err)
					kinds = append(kinds, FindingKind(s))
				}
			}
		}
	}
	return kinds
}

// with returns object v with member name set to x.
func with(v chain.Value, name string, x chain.Value) chain.Value {
	return chain.Obj(append(append([]chain.Member(nil), v.Without(name).Members...), chain.Member{Name: name, Value: x}))
}

// remac returns line with its audit member MACed again by key under keyID,
// without its epoch member when dropEpoch is set, as someone holding key
// would write it. The line's own format version makes the MAC; the rest of
// the line is kept.
func remac(t *testing.T, line, keyID string, key []byte, dropEpoch bool) string {
	t.Helper()
	v, err := chain.Parse([]byte(strings.TrimSpace(line)))
	require.NoError(t, err)
	a, ok := v.Get("audit")
	require.True(t, ok, line)
	ver, err := chain.ParseVersion(a)
	require.NoError(t, err)
	hv, _ := a.Get("hash")
	h, err := chain.ParseHash(hv.Str)
	require.NoError(t, err)
	if dropEpoch {
		_, had := a.Get("epoch")
		require.True(t, had, "no epoch to drop: %s", line)
		a = a.Without("epoch")
	}
	a = with(with(a, "key", chain.Str(keyID)), "mac", chain.Str(ver.MAC(key, keyID, h).String()))
	return string(chain.AppendCanonical(nil, with(v, "audit", a))) + "\n"
}

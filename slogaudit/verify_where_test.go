package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"

	"github.com/stretchr/testify/require"
)

// TestFindingOnAFileLastLine: a finding about a file's last line (a torn
// fragment there, read at once; a record missing before it, found when
// the input ends) names that file and line, not the next file at line 0.
func TestFindingOnAFileLastLine(t *testing.T) {
	f := newForger(t, "c", testKey)
	rs := f.records(5)
	dir := t.TempDir()
	p1, p2 := filepath.Join(dir, "audit.log.1"), filepath.Join(dir, "audit.log")
	keys := VerifyOptions{Keys: map[string][]byte{"k1": testKey}}
	for _, tc := range []struct {
		name   string
		p1, p2 []byte
		kind   FindingKind
	}{
		{"fragment", cat(rs[0], rs[1], rs[2][:25]+"\n"), cat(rs[2], rs[3], rs[4]), Malformed},
		{"record missing before it", cat(rs[0], rs[1], rs[3]), cat(rs[4]), Missing},
	} {
		require.NoError(t, os.WriteFile(p1, tc.p1, 0o600))
		require.NoError(t, os.WriteFile(p2, tc.p2, 0o600))
		rep, _ := VerifyFiles(context.Background(), []string{p1, p2}, keys)
		require.Len(t, rep.Findings, 1, "%s: %v", tc.name, rep.Findings)
		got := rep.Findings[0]
		require.Equal(t, tc.kind, got.Kind, "%s: %v", tc.name, got)
		require.Equal(t, p1, got.File, "%s: %v", tc.name, got)
		require.Equal(t, int64(3), got.Line, "%s: %v", tc.name, got)
	}
}

// TestReencodedGapRecordIsNotTrusted: an audit.gap record whose File line
// was re-encoded, here from its very first byte (a space before it), is
// modified, and what it declares is not trusted: no gap is declared (the
// record does not link to the chain, which ends before it).
func TestReencodedGapRecordIsNotTrusted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	require.NoError(t, err)
	h, err := af.Handler(WithChainID("c"))
	require.NoError(t, err)
	for i := range 4 {
		slog.New(h).Info("e", "i", i)
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	ls := lines(data) // audit.start, records i=0..3 (seqs 2 to 5), ...
	require.Contains(t, ls[4], `"i":3`)
	gap := forge(t, ls[4], func(m map[string]any) { // seq 5 declares seqs 3 and 4 lost
		m["msg"] = MsgGap
		delete(m, "i")
		m["lost"] = []any{map[string]any{"from": 3.0, "to": 4.0, "reason": "queue full"}}
	}, true)
	gap = forge(t, gap, func(m map[string]any) { // its hash as a File writes it
		a := m["audit"].(map[string]any)
		h, err := chain.ParseHash(a["hash"].(string))
		require.NoError(t, err)
		a["hash"] = string(chain.V2.AppendHash(nil, h))
	}, false)
	kinds := func(in string) map[FindingKind]int {
		rep, _ := Verify(context.Background(), strings.NewReader(in), VerifyOptions{})
		n := map[FindingKind]int{}
		for _, f := range rep.Findings {
			n[f.Kind]++
		}
		return n
	}
	require.Equal(t, map[FindingKind]int{Gap: 1}, kinds(ls[0]+ls[1]+gap), "the untouched gap record declares the gap")
	require.Equal(t, map[FindingKind]int{Modified: 1}, kinds(ls[0]+ls[1]+" "+gap), "a modified record's declaration was trusted")
	// The line differs from its canonical form at its first byte: the
	// finding says byte 1, and the hash check counts it failed.
	rep, _ := Verify(context.Background(), strings.NewReader(ls[0]+" "+ls[1]), VerifyOptions{})
	require.Len(t, rep.Findings, 1, "%v", rep.Findings)
	require.Contains(t, rep.Findings[0].Detail, "(byte 1 differs")
	require.Equal(t, int64(1), rep.Checks.Hashes.Failed, "%+v", rep.Checks.Hashes)
}

// TestModifiedFirstRecordHoldsItsPlace: a chain's first record (seq 1,
// linked to the genesis hash) whose content was changed is reported
// modified and still starts the chain, alone or followed by records: the
// summary counts it, and its key covers it.
func TestModifiedFirstRecordHoldsItsPlace(t *testing.T) {
	f := newForger(t, "c", testKey)
	rs := f.records(2)
	mod := strings.Replace(rs[0], `"i":1`, `"i":9`, 1)
	for _, tc := range []struct {
		in          []string
		last, count uint64
	}{{[]string{mod}, 1, 1}, {[]string{mod, rs[1]}, 2, 2}} {
		rep, _ := Verify(context.Background(), strings.NewReader(strings.Join(tc.in, "")), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
		require.Len(t, rep.Findings, 1, "%v", rep.Findings)
		require.Equal(t, Modified, rep.Findings[0].Kind)
		c := rep.Chains["c"]
		require.Equal(t, uint64(1), c.First, "%+v", c)
		require.Equal(t, tc.last, c.Last, "%+v", c)
		require.EqualValues(t, tc.count, c.Records, "%+v", c)
		require.Len(t, c.Keys, 1, "%+v", c)
		require.EqualValues(t, 1, c.Keys[0].From, "%+v", c)
	}
}

// TestModifiedRecordStartsALaterChain: the first record read of a chain
// that starts later than seq 1 (its earlier records in files not given),
// modified, holds its place once the next record links to it: the summary
// counts both records from its seq on.
func TestModifiedRecordStartsALaterChain(t *testing.T) {
	f := newForger(t, "c", testKey)
	rs := f.records(4)
	mod := strings.Replace(rs[2], `"i":3`, `"i":9`, 1)
	rep, _ := Verify(context.Background(), strings.NewReader(mod+rs[3]), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	kinds := map[FindingKind]int{}
	for _, f := range rep.Findings {
		kinds[f.Kind]++
	}
	require.Equal(t, map[FindingKind]int{Modified: 1, Missing: 1}, kinds, "%v", rep.Findings)
	c := rep.Chains["c"]
	require.Equal(t, uint64(3), c.First, "%+v", c)
	require.Equal(t, uint64(4), c.Last, "%+v", c)
	require.EqualValues(t, 2, c.Records, "%+v", c)

	// Alone, it starts nothing: it is the one finding (no retention is
	// said to have taken the chain).
	rep, _ = Verify(context.Background(), strings.NewReader(mod), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	require.Len(t, rep.Findings, 1, "%v", rep.Findings)
	require.Equal(t, Modified, rep.Findings[0].Kind)
}

// TestCheckpointOfAChainRetentionRemoved: a checkpoint of a chain that
// retention removed whole (a retention record says where its removed files
// ended, and none of its records is left) is not a truncation up to that
// seq, the last record removed included; one past it is.
func TestCheckpointOfAChainRetentionRemoved(t *testing.T) {
	pub, priv := fixedSigner()
	c := newForger(t, "c", testKey)
	c.records(4)
	r := newForger(t, "r", testKey)
	ret := r.next(`{"level":"INFO","msg":"` + MsgRetention + `","ends_at":{"c":{"seq":3,"hash":"` + c.hashes[2].String() + `"}}}`)
	for _, tc := range []struct {
		seq       uint64
		truncated bool
	}{{2, false}, {3, false}, {4, true}} {
		cp := c.checkpoint(priv, tc.seq, c.hashes[tc.seq-1])
		rep, _ := Verify(context.Background(), strings.NewReader(ret), VerifyOptions{Keys: map[string][]byte{"k1": testKey},
			PublicKey: pub, Checkpoints: strings.NewReader(string(cp.MarshalLine()))})
		truncated := false
		for _, f := range rep.Findings {
			truncated = truncated || f.Kind == Truncated && f.Chain == "c"
		}
		require.Equal(t, tc.truncated, truncated, "checkpoint at seq %d: %v", tc.seq, rep.Findings)
	}
}

// TestWitnessQuorumDefault: with no Quorum, every witness key given must
// have cosigned a note for it to count as witnessed; with no witness key,
// nothing is witnessed, whatever the checkpoint file holds; with witness
// keys and no log key, the cosigned notes are witnessed.
func TestWitnessQuorumDefault(t *testing.T) {
	c := newCPLog(t)
	w1, w2 := newTestWitness(t, "w1.example"), newTestWitness(t, "w2.example")
	origin := "audit.example.com/app/payments"
	w1.addLog(t, origin, c.pub)
	w2.addLog(t, origin, c.pub)
	_, errs := c.write(t, 20, 10, WithWitnesses(2, w1.witness(), w2.witness()))
	require.Empty(t, errs)
	other := newTestWitness(t, "w3.example")
	for _, tc := range []struct {
		name      string
		keys      []string
		witnessed bool
	}{
		{"both keys", []string{w1.vkey, w2.vkey}, true},
		{"one key of two cosigned", []string{w1.vkey, other.vkey}, false},
		{"no witness key", nil, false},
	} {
		rep, err := c.verify(t, VerifyOptions{Witnesses: tc.keys})
		require.NoError(t, err, "%s: %v", tc.name, rep.Findings)
		require.Equal(t, tc.witnessed, rep.Chains["payments"].Witnessed > 0, "%s: %+v", tc.name, rep.Chains["payments"])
	}
	// The witnesses' keys alone, without the log's public key: the notes
	// they cosigned are witnessed, and nothing is reported.
	cps, err := os.ReadFile(c.cps)
	require.NoError(t, err)
	rep, err := VerifyFiles(context.Background(), []string{c.log}, VerifyOptions{Key: testKey,
		Checkpoints: strings.NewReader(string(cps)), Witnesses: []string{w1.vkey, w2.vkey}})
	require.NoError(t, err, "%v", rep.Findings)
	require.Equal(t, rep.Chains["payments"].Last, rep.Chains["payments"].Witnessed, "%+v", rep.Chains["payments"])
}

// TestSealingChecksWithOneKey: VerifyOptions.Sealed with the key given as
// Key (not Keys) still requires a seal; and the unsealed tail names its
// records.
func TestSealingChecksWithOneKey(t *testing.T) {
	_, buf := sealedLog(t, 2, 100) // no seal: fewer records than an epoch
	rep, _ := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Key: testKey, Sealed: true})
	require.Len(t, rep.Findings, 1, "%v", rep.Findings)
	require.Equal(t, Unsealed, rep.Findings[0].Kind)

	_, buf = sealedLog(t, 4, 3) // a seal after 3 records, then the rest
	ls := lines(buf.Bytes())
	last := -1
	for i, l := range ls {
		if strings.Contains(l, MsgSeal) {
			last = i
		}
	}
	require.True(t, last >= 0 && last < len(ls)-1, "want records after a seal")
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Key: testKey})
	require.NoError(t, err)
	require.Len(t, rep.Findings, 1, "%v", rep.Findings)
	want := fmt.Sprintf("records %d to %d (epoch", last+2, len(ls))
	require.Contains(t, rep.Findings[0].Detail, want)
	require.Equal(t, uint64(last+2), rep.Findings[0].Seq)
}

// TestSealNamingItsOwnEpochNext: a seal record whose next epoch is its own
// epoch (a seal must move the chain forward), MACed correctly, is
// malformed.
func TestSealNamingItsOwnEpochNext(t *testing.T) {
	h, buf := sealedLog(t, 4, 3)
	require.NoError(t, h.Close(context.Background()))
	ls := lines(buf.Bytes())
	s := slices.IndexFunc(ls, func(l string) bool { return strings.Contains(l, MsgSeal) })
	require.GreaterOrEqual(t, s, 0)
	v, err := chain.Parse([]byte(strings.TrimSpace(ls[s])))
	require.NoError(t, err)
	a, _ := v.Get("audit")
	e, _ := a.Get("epoch")
	seq, _ := a.Get("seq")
	prev, _ := a.Get("prev")
	ver, err := chain.ParseVersion(a)
	require.NoError(t, err)
	content := with(v.Without("audit"), "next", chain.Num(e.Num)) // next = its own epoch
	ph, err := ver.ParseHash(prev.Str)
	require.NoError(t, err)
	hash := ver.Link("c", uint64(seq.Num), ph, chain.AppendCanonical(nil, content))
	ek, err := chain.EpochKey(testKey, "c", uint64(e.Num))
	require.NoError(t, err)
	mac, err := ver.SealedMAC(ek, "k1", uint64(e.Num), hash)
	require.NoError(t, err)
	a = with(with(a, "hash", chain.Str(hash.String())), "mac", chain.Str(mac.String()))
	ls[s] = string(chain.AppendCanonical(nil, with(content, "audit", a))) + "\n"
	rep, _ := Verify(context.Background(), strings.NewReader(strings.Join(ls[:s+1], "")), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	var malformed []Finding
	for _, f := range rep.Findings {
		if f.Kind == Malformed {
			malformed = append(malformed, f)
		}
	}
	require.Len(t, malformed, 1, "%v", rep.Findings)
	require.Contains(t, malformed[0].Detail, "epoch and next do not match")
	require.Equal(t, int64(s+1), malformed[0].Line)
}

// TestRebuiltChainUnderInBandCheckpoints: a log without a MAC key whose
// record was changed and whose chain was rebuilt after it (every hash and
// prev recomputed, so that the links all hold) is caught by the in-band
// checkpoints signed before the change: their Merkle roots no longer match
// the records'.
func TestRebuiltChainUnderInBandCheckpoints(t *testing.T) {
	pub, priv := fixedSigner()
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithSigner(priv), WithCheckpoints(nil, 3, 0))
	for i := range 5 {
		slog.New(h).Info("e", "i", i)
	}
	ls := lines(buf.Bytes())
	var prev string
	for i := range ls {
		if i >= 1 {
			ls[i] = forge(t, ls[i], func(m map[string]any) {
				if i == 1 {
					m["i"] = 99.0
				}
				m["audit"].(map[string]any)["prev"] = prev
			}, true)
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(ls[i]), &m))
		prev = m["audit"].(map[string]any)["hash"].(string)
	}
	rep, err := Verify(context.Background(), strings.NewReader(strings.Join(ls, "")), VerifyOptions{PublicKey: pub})
	require.Error(t, err)
	var bad []int64
	for _, f := range rep.Findings {
		require.Equal(t, BadCheckpoint, f.Kind, "%v", f)
		require.Contains(t, f.Detail, "Merkle root signed")
		bad = append(bad, f.Line)
	}
	require.NotEmpty(t, bad, "a rebuilt chain verified: %v", rep.Findings)
	for _, l := range bad {
		require.Contains(t, ls[l-1], MsgCheckpoint, "line %d", l)
	}
}

// TestCheckpointFileOrder: a checkpoint of the checkpoint file that comes
// after a larger one of its chain is reordered, and the finding names the
// line of the largest before it (the first of that size); a second
// checkpoint of the same size that signed another hash is a bad
// checkpoint, not a reordering.
func TestCheckpointFileOrder(t *testing.T) {
	pub, priv := fixedSigner()
	f := newForger(t, "c", testKey)
	rs := f.records(4)
	cp := func(seq uint64) string { return string(f.checkpoint(priv, seq, f.hashes[seq-1]).MarshalLine()) }
	other := string(f.checkpoint(priv, 3, f.hashes[1]).MarshalLine()) // seq 3, another hash
	o := VerifyOptions{Keys: map[string][]byte{"k1": testKey}, PublicKey: pub}
	kinds := func(cps string) ([]Finding, map[FindingKind]int) {
		o.Checkpoints = strings.NewReader(cps)
		rep, _ := Verify(context.Background(), strings.NewReader(strings.Join(rs, "")), o)
		n := map[FindingKind]int{}
		for _, f := range rep.Findings {
			n[f.Kind]++
		}
		return rep.Findings, n
	}
	fs, _ := kinds(cp(2) + cp(3) + cp(4))
	require.Empty(t, fs, "in order")
	fs, n := kinds(cp(3) + cp(4) + other + cp(2))
	require.Equal(t, map[FindingKind]int{Reordered: 2, BadCheckpoint: 1}, n, "%v", fs)
	for _, f := range fs {
		if f.Kind == Reordered {
			require.Contains(t, f.Detail, "after one of size 4 (line 2)", "%v", f)
		}
	}
	fs, n = kinds(cp(2) + cp(3) + other + cp(4))
	require.Equal(t, map[FindingKind]int{BadCheckpoint: 1}, n, "%v", fs)
	require.Equal(t, int64(3), fs[0].Line)
	fs, n = kinds(cp(3) + other + cp(2))
	require.Equal(t, map[FindingKind]int{Reordered: 1, BadCheckpoint: 1}, n, "%v", fs)
	for _, f := range fs {
		if f.Kind == Reordered {
			require.Contains(t, f.Detail, "after one of size 3 (line 1)", "%v", f)
		}
	}
}

// TestKeyChangeWithOneKey: with the key given as VerifyOptions.Key (which
// checks every key id), records whose key id changes with no rotation
// record and no restart are a key change; verified without a key, whose
// MACs prove nothing, they are not.
func TestKeyChangeWithOneKey(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k1", testKey))
	slog.New(h).Info("a")
	slog.New(h).Info("b")
	ls := lines(buf.Bytes())
	last := len(ls)
	ls[last-1] = remac(t, ls[last-1], "k2", testKey, false)
	rep, _ := Verify(context.Background(), strings.NewReader(strings.Join(ls, "")), VerifyOptions{Key: testKey})
	require.Len(t, rep.Findings, 1, "%v", rep.Findings)
	require.Equal(t, KeyChange, rep.Findings[0].Kind)
	require.Equal(t, int64(last), rep.Findings[0].Line)
	rep, err := Verify(context.Background(), strings.NewReader(strings.Join(ls, "")), VerifyOptions{})
	require.NoError(t, err, "%v", rep.Findings)
}

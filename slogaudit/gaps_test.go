package slogaudit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/stretchr/testify/require"
)

// TestVerifyKeyIDs guards the choice of the MAC key by the record's key id:
// a record whose key id is not among VerifyOptions.Keys (and no fallback
// Key is set) is reported as unknown-key (and fails verification), even when its MAC would verify with a key the
// verifier holds under another id or with an empty key. A verifier that
// ignored the id, tried every key, or looked the id up without checking it
// was found (a nil key) would accept it.
func TestVerifyKeyIDs(t *testing.T) {
	k1, k2 := testKey, []byte("fedcba9876543210fedcba9876543210")
	var buf lockedWriter
	a := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("a"), WithKey("k1", k1))
	b := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("b"), WithKey("k2", k2))
	slog.New(a).Info("by a")
	slog.New(b).Info("by b")
	require.NoError(t, a.Close(context.Background()))
	require.NoError(t, b.Close(context.Background()))
	log := buf.Bytes() // a start, a, b start, b, a stop, b stop (in some order per chain)

	both := map[string][]byte{"k1": k1, "k2": k2}
	rep := verifyBuf(t, log, VerifyOptions{Keys: both})
	require.EqualValues(t, 6, rep.Records)

	// Only k1: every record of chain b is by an unknown key id.
	rep, err := Verify(context.Background(), bytes.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": k1}})
	require.Error(t, err)
	require.Len(t, rep.Findings, 1, "one finding for the key id, not one per record: %v", rep.Findings)
	require.Equal(t, UnknownKey, rep.Findings[0].Kind, "%v", rep.Findings)
	require.Contains(t, rep.Findings[0].Detail, `3 records carry MACs by key id "k2"`)

	// The fallback Key serves every id not in Keys.
	verifyBuf(t, log, VerifyOptions{Keys: map[string][]byte{"k1": k1}, Key: k2})
	// A key under the wrong id does not verify.
	_, err = Verify(context.Background(), bytes.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": k2, "k2": k1}})
	require.Error(t, err)

	// Records relabelled or forged by someone without the keys: the MAC of
	// k1 under the unknown id "k9", and a MAC made with an empty key.
	f := newForger(t, "c", k1)
	r := f.records(2)
	v, err := chain.Parse([]byte(strings.TrimSpace(r[1])))
	require.NoError(t, err)
	for name, forged := range map[string]auditFor{
		"relabelled":    {chain: "c", seq: 2, prev: f.hashes[0], hash: f.hashes[1], keyID: "k9", key: k1},
		"empty key":     {chain: "c", seq: 2, prev: f.hashes[0], hash: f.hashes[1], keyID: "k9", key: []byte{}},
		"empty key, k2": {chain: "c", seq: 2, prev: f.hashes[0], hash: f.hashes[1], keyID: "k2", key: []byte{}},
	} {
		t.Run(name, func(t *testing.T) {
			log := cat(r[0], f.line(v.Without("audit"), forged))
			rep, err := Verify(context.Background(), bytes.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": k1}})
			require.Error(t, err)
			require.True(t, hasFinding(rep, UnknownKey, 2), "%v", rep.Findings)
		})
	}
}

// TestTornLineAcknowledgedByItsHash guards the torn-line exception: a
// malformed line is excused only by an audit.start whose torn.sha256 is the
// SHA-256 of that very line. If the fragment is edited after the restart
// named it, or another start record names another fragment, the line is
// malformed. A verifier that excused any line before any start record
// carrying a torn member would let an attacker hide a line.
func TestTornLineAcknowledgedByItsHash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	require.NoError(t, err)
	writeSome(t, af, 1, WithChainID("svc"))
	require.NoError(t, af.Close())
	const fragment = `{"time":"2026-01-01T00:00:00Z","level":"INFO","msg":"half a rec`
	appendFile(t, path, fragment)
	af, err = OpenFile(path)
	require.NoError(t, err)
	writeSome(t, af, 1)
	require.NoError(t, af.Close())
	pristine, err := os.ReadFile(path)
	require.NoError(t, err)

	rep := verifyBuf(t, pristine, VerifyOptions{Key: testKey})
	require.True(t, hasFinding(rep, Torn, 4), "%v", rep.Findings)

	edited := bytes.Replace(pristine, []byte("half a rec"), []byte("half a REC"), 1)
	require.NotEqual(t, pristine, edited)
	rep, err = Verify(context.Background(), bytes.NewReader(edited), VerifyOptions{Key: testKey})
	require.Error(t, err, "an edited fragment must not be excused")
	require.True(t, hasFinding(rep, Malformed, 4), "%v", rep.Findings)
	require.False(t, hasFinding(rep, Torn, 4), "%v", rep.Findings)
}

func appendFile(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.WriteString(s)
	require.NoError(t, err)
	require.NoError(t, f.Close())
}

// TestPruneKeepsCurrentFile guards Prune's one exception: the file being
// written is never removed, even when every file, the current one
// included, is past the retention. Removing it would lose records that no
// retention record declares and leave the handler writing to an unlinked
// file.
func TestPruneKeepsCurrentFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithRotateSize(2048), WithRetention(time.Hour), WithFileSync(SyncNever()))
	require.NoError(t, err)
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("p"))
	require.NoError(t, err)
	l := slog.New(h)
	for i := range 30 {
		l.Info("event", "i", i, "pad", strings.Repeat("z", 100))
	}
	files, err := RotatedFiles(path)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 3)
	old := time.Now().Add(-24 * time.Hour)
	for _, f := range files { // every file, the current one too
		require.NoError(t, os.Chtimes(f, old, old))
	}
	removed, err := af.Prune(context.Background(), time.Now())
	require.NoError(t, err)
	require.Equal(t, files[:len(files)-1], removed)
	_, err = os.Stat(path)
	require.NoError(t, err, "Prune removed the file being written")

	l.Info("after prune")
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	remaining, err := RotatedFiles(path) // the retention record may have rotated the file
	require.NoError(t, err)
	rep, err := VerifyFiles(context.Background(), remaining, VerifyOptions{Key: testKey})
	require.NoError(t, err, "%v", rep.Findings)
	require.True(t, hasFinding(rep, Pruned, 1), "%v", rep.Findings)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(data), `"msg":"after prune"`)
}

// TestFirstRecordStartsFromGenesis guards the check on a chain's first
// record: seq 1 must link to the chain's genesis hash. A producer resumed
// from a wrong head (here, seq 0 with another hash, which WithResume
// refuses, so the head is set directly) writes a chain that links
// perfectly from there on; only this check notices.
func TestFirstRecordStartsFromGenesis(t *testing.T) {
	var buf bytes.Buffer
	wrong := chain.Genesis("another chain")
	wrongHead := func(c *config) { c.resume = &Head{Chain: "g", Seq: 0, Hash: wrong} }
	h := Wrap(slog.NewJSONHandler(&buf, nil), wrongHead, WithKey("k1", testKey))
	slog.New(h).Info("one")
	require.NoError(t, h.Close(context.Background()))
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Key: testKey})
	require.Error(t, err)
	require.Equal(t, []Finding{{Line: 1, Chain: "g", Seq: 1, Kind: Inserted,
		Detail: "first record does not start from the chain's genesis"}}, rep.Findings)

	var good bytes.Buffer
	h = Wrap(slog.NewJSONHandler(&good, nil), WithResume(Head{Chain: "g", Seq: 0, Hash: chain.Genesis("g")}), WithKey("k1", testKey))
	slog.New(h).Info("one")
	require.NoError(t, h.Close(context.Background()))
	verifyBuf(t, good.Bytes(), VerifyOptions{Key: testKey})
}

// TestVerifyRefusesShortKeys: a verification key shorter than MinKeySize
// (an empty key file, a truncated variable) is an error, not a key: with
// an empty key the verifier would accept MACs that anyone can compute. The
// producer never writes with such a key (WithKey refuses it).
func TestVerifyRefusesShortKeys(t *testing.T) {
	f := newForger(t, "c", []byte{})
	log := cat(f.records(2)...) // MACed with the empty key
	for name, o := range map[string]VerifyOptions{
		"empty Key":         {Key: []byte{}},
		"short Key":         {Key: testKey[:MinKeySize-1]},
		"empty key in Keys": {Keys: map[string][]byte{"k1": {}}},
		"short key in Keys": {Keys: map[string][]byte{"k1": testKey, "k2": testKey[:3]}},
	} {
		t.Run(name, func(t *testing.T) {
			rep, err := Verify(context.Background(), bytes.NewReader(log), o)
			require.ErrorContains(t, err, "slogaudit: verify:")
			require.ErrorContains(t, err, "want at least 16")
			var te *TamperedError
			require.False(t, errors.As(err, &te), "a bad key is not tampering")
			require.Empty(t, rep.Findings)
			_, err = VerifyFiles(context.Background(), []string{writeTemp(t, "a.log", log)}, o)
			require.ErrorContains(t, err, "want at least 16")
		})
	}
	short := cat(newForger(t, "c", testKey[:MinKeySize]).records(2)...)
	verifyBuf(t, short, VerifyOptions{Key: testKey[:MinKeySize]})
	verifyBuf(t, short, VerifyOptions{Keys: map[string][]byte{"k1": testKey[:MinKeySize]}})
}

// TestKeysDifferingInsideACharacterVerify: a record whose keys differ
// first inside a character ("00é", "00ê", "00ë") verifies, in any order
// and with enough keys that the producer's sort is not an insertion sort.
// The producer and the verifier sort members apart (on the record, and on
// the parsed line); an order that ties such names let them disagree, and
// an untouched record verified as modified.
func TestKeysDifferingInsideACharacterVerify(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 2; n < 60; n += 3 {
		var buf bytes.Buffer
		h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("k"))
		var attrs []slog.Attr
		for i := range n {
			attrs = append(attrs, slog.Int(fmt.Sprintf("%02d%c", i/3, []rune("éêë")[i%3]), i))
		}
		rng.Shuffle(len(attrs), func(i, j int) { attrs[i], attrs[j] = attrs[j], attrs[i] })
		slog.New(h).LogAttrs(context.Background(), slog.LevelInfo, "m", slog.Attr{Key: "g", Value: slog.GroupValue(attrs...)})
		slog.New(h).LogAttrs(context.Background(), slog.LevelInfo, "m", attrs...)
		require.NoError(t, h.Close(context.Background()))
		rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{})
		require.NoError(t, err, "%d keys: %v", n, rep.Findings)
	}
}

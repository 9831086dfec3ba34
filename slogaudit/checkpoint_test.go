package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/mod/sumdb/note"

	"github.com/slogguard/slogguard/internal/chain"
)

type cpLog struct {
	dir, log, cps string
	pub           ed25519.PublicKey
	priv          ed25519.PrivateKey
}

func newCPLog(t *testing.T) cpLog {
	dir := t.TempDir()
	pub, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	return cpLog{dir: dir, log: filepath.Join(dir, "audit.log"), cps: filepath.Join(dir, "audit.checkpoints"), pub: pub, priv: priv}
}

// write opens the log and checkpoint file, logs n records with a
// checkpoint every `every`, and closes everything. It returns the
// handler's stats and the errors it reported.
func (c cpLog) write(t *testing.T, n, every int, opts ...Option) (Stats, []error) {
	t.Helper()
	af, err := OpenFile(c.log)
	require.NoError(t, err)
	cf, err := OpenCheckpointFile(c.cps)
	require.NoError(t, err)
	var errs []error
	opts = append([]Option{WithKey("k1", testKey), WithSigner(c.priv), WithCheckpoints(cf, every, 0), WithChainID("payments"),
		WithLogName("audit.example.com/app"), OnError(func(err error) { errs = append(errs, err) })}, opts...)
	h, err := af.Handler(opts...)
	require.NoError(t, err)
	logger := slog.New(h)
	for i := range n {
		logger.Info("payment", "i", i, "card", fmt.Sprintf("secret-%d", i))
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	require.NoError(t, cf.Close())
	return h.Stats(), errs
}

func (c cpLog) verify(t *testing.T, o VerifyOptions) (Report, error) {
	t.Helper()
	cps, err := os.ReadFile(c.cps)
	require.NoError(t, err)
	o.Key, o.PublicKey, o.Checkpoints = testKey, c.pub, bytes.NewReader(cps)
	return VerifyFiles(context.Background(), []string{c.log}, o)
}

// notes returns the signed notes of the checkpoint file.
func (c cpLog) notes(t *testing.T) [][]byte {
	data, err := os.ReadFile(c.cps)
	require.NoError(t, err)
	var out [][]byte
	for _, l := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var m struct{ Chain, Note string }
		require.NoError(t, json.Unmarshal(l, &m))
		require.Equal(t, "payments", m.Chain)
		out = append(out, []byte(m.Note))
	}
	return out
}

// TestCheckpointIsC2SPNote opens the checkpoint file's notes with nothing
// but golang.org/x/mod/sumdb/note and the tlog-checkpoint format.
func TestCheckpointIsC2SPNote(t *testing.T) {
	c := newCPLog(t)
	stats, errs := c.write(t, 25, 10)
	require.Empty(t, errs)
	require.EqualValues(t, 3, stats.Checkpoints) // at 10, 20 and Close
	vkey, err := note.NewEd25519VerifierKey("audit.example.com/app/payments", c.pub)
	require.NoError(t, err)
	v, err := note.NewVerifier(vkey)
	require.NoError(t, err)
	notes := c.notes(t)
	require.Len(t, notes, 3)
	var sizes []string
	for _, msg := range notes {
		n, err := note.Open(msg, note.VerifierList(v))
		require.NoError(t, err)
		ls := strings.Split(n.Text, "\n")
		require.Len(t, ls, 4) // origin, size, root, ""
		require.Equal(t, "audit.example.com/app/payments", ls[0])
		sizes = append(sizes, ls[1])
	}
	// Each checkpoint of the file includes the in-band record of its own.
	require.Equal(t, []string{"11", "22", "30"}, sizes)
	rep, err := c.verify(t, VerifyOptions{})
	require.NoError(t, err, "%v", rep.Findings)
	require.EqualValues(t, 6, rep.Checks.Signatures.Checked) // 3 in-band, 3 in the file
}

// TestRestartRebuildsTree: a restarted process rebuilds the Merkle tree
// from the file and signs checkpoints consistent with those before.
func TestRestartRebuildsTree(t *testing.T) {
	c := newCPLog(t)
	_, errs := c.write(t, 15, 10)
	require.Empty(t, errs)
	stats, errs := c.write(t, 15, 10)
	require.Empty(t, errs)
	require.Zero(t, stats.CheckpointsRefused)
	rep, err := c.verify(t, VerifyOptions{})
	require.NoError(t, err, "%v", rep.Findings)
	notes := c.notes(t)
	require.Len(t, notes, 4)
	// The tree after the restart extends the tree before it.
	first, _ := treeHead(t, notes[1]) // the first run's last checkpoint
	last, _ := treeHead(t, notes[3])
	p, err := ProveConsistency(context.Background(), []string{c.log}, notes[1], notes[3])
	require.NoError(t, err)
	require.NoError(t, chain.CheckConsistency(p.hashes(t), last.Size, last.Root, first.Size, first.Root))
}

func treeHead(t *testing.T, msg []byte) (chain.TreeHead, []byte) {
	t.Helper()
	text, sigs, err := chain.SplitNote(msg)
	require.NoError(t, err)
	th, err := chain.ParseTreeHead(text)
	require.NoError(t, err)
	return th, sigs
}

// TestRefusesInconsistentCheckpoint: after the log's history is rewritten
// (by someone without the HMAC key's help: the chain is rebuilt), a
// restarted writer refuses to sign a checkpoint that contradicts one it
// signed before, whether the rewrite kept the in-band checkpoints or not.
func TestRefusesInconsistentCheckpoint(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, ls []string) []string
	}{
		{"edit a record and rebuild the chain", func(t *testing.T, ls []string) []string {
			return lines(rebuild(t, ls))
		}},
		{"drop the newest records", func(t *testing.T, ls []string) []string {
			return ls[:len(ls)-5]
		}},
		{"drop every checkpoint record and rebuild the chain", func(t *testing.T, ls []string) []string {
			var kept []string
			for _, l := range ls {
				if !strings.Contains(l, MsgCheckpoint) {
					kept = append(kept, l)
				}
			}
			return relink(t, kept)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCPLog(t)
			_, errs := c.write(t, 25, 10)
			require.Empty(t, errs)
			data, err := os.ReadFile(c.log)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(c.log, join(tc.tamper(t, lines(data))), 0o600))
			before := len(c.notes(t))

			stats, errs := c.write(t, 25, 10)
			require.NotZero(t, stats.CheckpointsRefused)
			require.Zero(t, stats.Checkpoints)
			require.NotEmpty(t, errs)
			require.Len(t, c.notes(t), before, "no checkpoint was added")
		})
	}
}

// relink recomputes seq, prev and hash of every line (without the key).
func relink(t *testing.T, ls []string) []string {
	prev := ""
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = forge(t, l, func(m map[string]any) {
			a := m["audit"].(map[string]any)
			a["seq"] = float64(i + 1)
			if prev == "" {
				prev = chain.Genesis(a["chain"].(string)).String()
			}
			a["prev"] = prev
		}, true)
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(out[i]), &m))
		prev = m["audit"].(map[string]any)["hash"].(string)
	}
	return out
}

// TestResumeWithoutTreeRefusesCheckpoints: a chain resumed from a bare
// head has no Merkle tree to sign.
func TestResumeWithoutTreeRefusesCheckpoints(t *testing.T) {
	_, priv, _ := ed25519.GenerateKey(nil)
	var errs []error
	h := Wrap(slog.NewJSONHandler(&bytes.Buffer{}, nil), WithSigner(priv), WithCheckpoints(&bytes.Buffer{}, 2, 0),
		WithResume(Head{Chain: "c", Seq: 7, Hash: chain.Genesis("c")}), OnError(func(err error) { errs = append(errs, err) }))
	slog.New(h).Info("a")
	slog.New(h).Info("b")
	require.EqualValues(t, 1, h.Stats().CheckpointsRefused)
	require.Len(t, errs, 1)
	require.Contains(t, errs[0].Error(), "File.Handler")
	require.False(t, errors.Is(errs[0], ErrInconsistent))
}

func (p Proof) hashes(t *testing.T) []chain.Hash {
	t.Helper()
	out := make([]chain.Hash, len(p.Hashes))
	for i, s := range p.Hashes {
		b, err := base64.StdEncoding.DecodeString(s)
		require.NoError(t, err)
		copy(out[i][:], b)
	}
	return out
}

// TestCheckpointsAfterRetention: when the chain's first files are gone, a
// restarted writer starts its tree from the newest checkpoint record's
// compact range, and the verifier checks the later checkpoints the same way.
func TestCheckpointsAfterRetention(t *testing.T) {
	c := newCPLog(t)
	write := func(n int) (Stats, []error) {
		af, err := OpenFile(c.log, WithRotateSize(4000))
		require.NoError(t, err)
		cf, err := OpenCheckpointFile(c.cps)
		require.NoError(t, err)
		var errs []error
		h, err := af.Handler(WithKey("k1", testKey), WithSigner(c.priv), WithCheckpoints(cf, 5, 0), WithChainID("payments"),
			OnError(func(err error) { errs = append(errs, err) }))
		require.NoError(t, err)
		for i := range n {
			slog.New(h).Info("payment", "i", i)
		}
		require.NoError(t, h.Close(context.Background()))
		require.NoError(t, af.Close())
		require.NoError(t, cf.Close())
		return h.Stats(), errs
	}
	_, errs := write(60)
	require.Empty(t, errs)
	paths, err := RotatedFiles(c.log)
	require.NoError(t, err)
	require.Greater(t, len(paths), 3)
	for _, p := range paths[:len(paths)-1] {
		require.NoError(t, os.Remove(p))
	}
	stats, errs := write(20)
	require.Empty(t, errs)
	require.Zero(t, stats.CheckpointsRefused)
	require.NotZero(t, stats.Checkpoints)

	paths, err = RotatedFiles(c.log)
	require.NoError(t, err)
	cps := must(os.ReadFile(c.cps))
	rep, _ := VerifyFiles(context.Background(), paths, VerifyOptions{Key: testKey, PublicKey: c.pub, Checkpoints: bytes.NewReader(cps)})
	for _, f := range rep.Findings {
		require.NotEqual(t, BadCheckpoint, f.Kind, "%v", f)
	}
	// Records after the first checkpoint record left are proved; earlier
	// ones are gone.
	cp, err := FindCheckpoint(bytes.NewReader(cps), "payments", 0)
	require.NoError(t, err)
	th, _ := treeHead(t, cp)
	proof, err := ProveInclusion(context.Background(), paths, "payments", th.Size-3, cp)
	require.NoError(t, err)
	res, err := CheckProof(proof, CheckOptions{PublicKey: c.pub})
	require.NoError(t, err)
	require.Equal(t, th.Size-3, res.Seq)
	_, err = ProveInclusion(context.Background(), paths, "payments", 2, cp)
	require.ErrorContains(t, err, "retention")
	notes := c.notes(t)
	older, _ := treeHead(t, notes[len(notes)-3])
	proof, err = ProveConsistency(context.Background(), paths, notes[len(notes)-3], cp)
	require.NoError(t, err, "from %d to %d", older.Size, th.Size)
	_, err = CheckProof(proof, CheckOptions{PublicKey: c.pub})
	require.NoError(t, err)

	// The seeded tree is checked: a record rewritten after the seed, with
	// its hash recomputed, contradicts the checkpoints signed after it.
	// The newest file may hold only the last few records: take the
	// newest file with a record four lines before its end.
	last := paths[len(paths)-1]
	ls := lines(must(os.ReadFile(last)))
	for j := len(paths) - 2; len(ls) < 5 && j >= 0; j-- {
		last = paths[j]
		ls = lines(must(os.ReadFile(last)))
	}
	i := len(ls) - 4
	require.Contains(t, ls[i], `"msg":"payment"`)
	ls[i] = forge(t, ls[i], func(m map[string]any) { m["i"] = 999.0 }, true)
	require.NoError(t, os.WriteFile(last, join(ls), 0o600))
	rep, _ = VerifyFiles(context.Background(), paths, VerifyOptions{PublicKey: c.pub, Checkpoints: bytes.NewReader(cps)})
	found := false
	for _, f := range rep.Findings {
		found = found || f.Kind == BadCheckpoint
	}
	require.True(t, found, "%v", rep.Findings)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// FuzzCheckProof: CheckProof never panics, whatever the proof holds.
func FuzzCheckProof(f *testing.F) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	signer, _ := chain.NoteSigner("l/c", priv)
	msg, _ := chain.SignTreeHead(chain.TreeHead{Origin: "l/c", Size: 3, Root: chain.Genesis("c")}, signer)
	f.Add(InclusionProof, `{"audit":{"chain":"c","seq":2,"prev":"`+chain.Genesis("c").String()+`","hash":"`+chain.Genesis("c").String()+`"}}`, "", string(msg), "AAAA")
	f.Add(ConsistencyProof, "", string(msg), string(msg), base64.StdEncoding.EncodeToString(make([]byte, 32)))
	f.Fuzz(func(t *testing.T, kind, record, old, checkpoint, hash string) {
		p := Proof{Kind: kind, Record: record, Old: old, Checkpoint: checkpoint, Hashes: []string{hash, hash}}
		_, _ = CheckProof(p, CheckOptions{PublicKey: pub})
	})
}

// FuzzVerifyCheckpoints: the verifier never panics on any log and
// checkpoint file, with note checkpoints, ranges and cosignatures in the
// seeds.
func FuzzVerifyCheckpoints(f *testing.F) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	var log, cps bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&log, nil), WithChainID("f"), WithSigner(priv), WithCheckpoints(&cps, 3, 0))
	for i := range 7 {
		slog.New(h).Info("m", "i", i)
	}
	_ = h.Close(context.Background())
	f.Add(log.Bytes(), cps.Bytes())
	f.Add(log.Bytes(), []byte(`{"chain":"f","note":"slogaudit/f\n3\nAAAA\n\n— x y\n"}`+"\n"))
	f.Add([]byte(`{"msg":"audit.checkpoint","checkpoint":{"note":"a/b\n1\n\n","range":["zz"]},"audit":{"chain":"b","seq":2,"prev":"`+
		chain.Genesis("b").String()+`","hash":"`+chain.Genesis("b").String()+`"}}`), []byte{})
	f.Fuzz(func(t *testing.T, data, cpData []byte) {
		_, _ = Verify(context.Background(), bytes.NewReader(data), VerifyOptions{PublicKey: pub, Checkpoints: bytes.NewReader(cpData)})
		_, _ = Verify(context.Background(), bytes.NewReader(data), VerifyOptions{Checkpoints: bytes.NewReader(cpData)})
	})
}

package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/slogguard/slogguard/internal/chain"
)

// testWitness is a small C2SP tlog-witness (add-checkpoint only) for unit
// tests; the witness test module runs a real one.
type testWitness struct {
	name string
	priv ed25519.PrivateKey
	vkey string
	logs map[string]note.Verifier // origin → the log's key
	srv  *httptest.Server

	mu    sync.Mutex
	size  map[string]uint64
	root  map[string]tlog.Hash
	fail  int           // answer this many requests with 503
	block chan struct{} // when set, requests wait for it to close
	calls int
}

func newTestWitness(t testing.TB, name string) *testWitness {
	pub, priv, _ := ed25519.GenerateKey(nil)
	key := append([]byte{0x04}, pub...)
	h := sha256Sum(append([]byte(name+"\n"), key...))
	w := &testWitness{name: name, priv: priv, logs: map[string]note.Verifier{}, size: map[string]uint64{}, root: map[string]tlog.Hash{},
		vkey: fmt.Sprintf("%s+%08x+%s", name, binary.BigEndian.Uint32(h[:]), base64.StdEncoding.EncodeToString(key))}
	w.srv = httptest.NewServer(http.HandlerFunc(w.serve))
	t.Cleanup(w.srv.Close)
	return w
}

func (w *testWitness) addLog(t testing.TB, origin string, pub ed25519.PublicKey) {
	v, err := chain.NoteVerifier(origin, pub)
	require.NoError(t, err)
	w.mu.Lock()
	w.logs[origin] = v
	w.mu.Unlock()
}

func (w *testWitness) witness() Witness { return Witness{URL: w.srv.URL, Key: w.vkey} }

func (w *testWitness) serve(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	w.calls++
	block := w.block
	if w.fail > 0 {
		w.fail--
		w.mu.Unlock()
		http.Error(rw, "down", http.StatusServiceUnavailable)
		return
	}
	w.mu.Unlock()
	if block != nil {
		<-block
	}
	body, _ := io.ReadAll(r.Body)
	head, msg, ok := bytes.Cut(body, []byte("\n\n"))
	lines := strings.Split(string(head), "\n")
	old, err := strconv.ParseUint(strings.TrimPrefix(lines[0], "old "), 10, 64)
	if !ok || err != nil {
		http.Error(rw, "bad request", http.StatusBadRequest)
		return
	}
	var proof tlog.TreeProof
	for _, l := range lines[1:] {
		h, err := tlog.ParseHash(l)
		if err != nil {
			http.Error(rw, "bad request", http.StatusBadRequest)
			return
		}
		proof = append(proof, h)
	}
	origin, _, _ := strings.Cut(string(msg), "\n")
	w.mu.Lock()
	defer w.mu.Unlock()
	v, known := w.logs[origin]
	if !known {
		http.Error(rw, "unknown log", http.StatusForbidden)
		return
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		http.Error(rw, "invalid signature", http.StatusForbidden)
		return
	}
	th, err := chain.ParseTreeHead([]byte(n.Text))
	if err != nil {
		http.Error(rw, "bad request", http.StatusBadRequest)
		return
	}
	if old != w.size[origin] {
		rw.WriteHeader(http.StatusConflict)
		fmt.Fprintf(rw, "%d\n", w.size[origin])
		return
	}
	if old > 0 && tlog.CheckTree(proof, int64(th.Size), tlog.Hash(th.Root), int64(old), w.root[origin]) != nil {
		http.Error(rw, "bad consistency proof", http.StatusUnprocessableEntity)
		return
	}
	w.size[origin], w.root[origin] = th.Size, tlog.Hash(th.Root)
	ts := uint64(time.Now().Unix())
	sig := binary.BigEndian.AppendUint64(nil, ts)
	sig = append(sig, ed25519.Sign(w.priv, fmt.Appendf(nil, "cosignature/v1\ntime %d\n%s", ts, n.Text))...)
	h := sha256Sum(append([]byte(w.name+"\n\x04"), w.priv.Public().(ed25519.PublicKey)...))
	fmt.Fprintf(rw, "— %s %s\n", w.name, base64.StdEncoding.EncodeToString(append(h[:4], sig...)))
}

func sha256Sum(b []byte) [32]byte { return sha256.Sum256(b) }

func TestWitnessCosignsCheckpoints(t *testing.T) {
	c := newCPLog(t)
	w1, w2 := newTestWitness(t, "w1.example"), newTestWitness(t, "w2.example")
	origin := "audit.example.com/app/payments"
	w1.addLog(t, origin, c.pub)
	w2.addLog(t, origin, c.pub)
	stats, errs := c.write(t, 45, 10, WithWitnesses(2, w1.witness(), w2.witness()))
	require.Empty(t, errs)
	require.Zero(t, stats.WitnessFailures)
	require.EqualValues(t, 52, stats.Witnessed) // start, 45, 4 in-band, stop, in-band at Close: 52

	rep, err := c.verify(t, VerifyOptions{Witnesses: []string{w1.vkey, w2.vkey}, Quorum: 2})
	require.NoError(t, err, "%v", rep.Findings)
	require.EqualValues(t, 52, rep.Chains["payments"].Witnessed)

	// One witness's key is not enough for a quorum of two; a wrong key counts for nothing.
	rep, err = c.verify(t, VerifyOptions{Witnesses: []string{w1.vkey, newTestWitness(t, "w2.example").vkey}, Quorum: 2})
	require.NoError(t, err)
	require.Zero(t, rep.Chains["payments"].Witnessed)
	rep, err = c.verify(t, VerifyOptions{Witnesses: []string{w1.vkey}, Quorum: 1})
	require.NoError(t, err)
	require.EqualValues(t, 52, rep.Chains["payments"].Witnessed)

	// The cosigned notes open with note alone, with both witnesses' keys.
	notes := c.notes(t)
	last := notes[len(notes)-1]
	v1, _ := chain.NewCosignatureVerifier(w1.vkey)
	v2, _ := chain.NewCosignatureVerifier(w2.vkey)
	n, err := note.Open(last, note.VerifierList(v1, v2))
	require.NoError(t, err)
	require.Len(t, n.Sigs, 2)

	// A restart continues with the witnesses: they know the log's size.
	stats, errs = c.write(t, 12, 10, WithWitnesses(2, w1.witness(), w2.witness()))
	require.Empty(t, errs)
	require.Greater(t, stats.Witnessed, uint64(52))
}

// TestWitnessOffTheLoggingPath: a witness that hangs or fails never holds
// up Handle (the records are all logged while it hangs); failures are
// counted and retried with backoff.
func TestWitnessOffTheLoggingPath(t *testing.T) {
	c := newCPLog(t)
	w := newTestWitness(t, "w.example")
	w.addLog(t, "audit.example.com/app/payments", c.pub)
	w.fail = 3
	w.block = make(chan struct{})
	af, err := OpenFile(c.log)
	require.NoError(t, err)
	cf, err := OpenCheckpointFile(c.cps)
	require.NoError(t, err)
	var mu sync.Mutex
	var errs []error
	h, err := af.Handler(WithKey("k1", testKey), WithSigner(c.priv), WithCheckpoints(cf, 10, 0), WithChainID("payments"),
		WithLogName("audit.example.com/app"), WithWitnesses(1, w.witness()), withWitnessBackoff(time.Millisecond),
		OnError(func(err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() }))
	require.NoError(t, err)
	for i := range 200 { // would hang here if Handle waited for the witness
		slog.New(h).Info("payment", "i", i)
	}
	require.Eventually(t, func() bool { w.mu.Lock(); defer w.mu.Unlock(); return w.calls >= 4 }, 10*time.Second, time.Millisecond)
	require.Zero(t, h.Stats().Witnessed)
	close(w.block)
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	require.NoError(t, cf.Close())
	stats := h.Stats()
	require.EqualValues(t, 3, stats.WitnessFailures)
	require.Len(t, errs, 3)
	require.Contains(t, errs[0].Error(), "503")
	require.Equal(t, h.Head().Seq, stats.Witnessed)
	rep, err := c.verify(t, VerifyOptions{Witnesses: []string{w.vkey}})
	require.NoError(t, err, "%v", rep.Findings)
	require.Equal(t, stats.Witnessed, rep.Chains["payments"].Witnessed)
}

// TestWitnessRefusesFork: a second log under the same origin and key, with
// other records, is refused by the witness that saw the first, and the
// client reports it.
func TestWitnessRefusesFork(t *testing.T) {
	w := newTestWitness(t, "w.example")
	a := newCPLog(t)
	w.addLog(t, "audit.example.com/app/payments", a.pub)
	_, errs := a.write(t, 30, 10, WithWitnesses(1, w.witness()))
	require.Empty(t, errs)
	for _, n := range []int{40, 10} { // a longer fork, and a shorter one (a rollback)
		b := newCPLog(t)
		b.pub, b.priv = a.pub, a.priv
		stats, errs := b.write(t, n, 100, WithWitnesses(1, w.witness()))
		require.NotEmpty(t, errs)
		require.True(t, errors.Is(errs[0], ErrWitnessRefused), "%v", errs[0])
		require.NotZero(t, stats.WitnessFailures)
		require.Zero(t, stats.Witnessed)
	}
}

func TestWitnessOptions(t *testing.T) {
	w := Witness{URL: "http://127.0.0.1:1", Key: "w+00000000+AA=="}
	_, priv, _ := ed25519.GenerateKey(nil)
	_, err := New(slog.NewJSONHandler(io.Discard, nil), WithWitnesses(2, w))
	require.ErrorContains(t, err, "quorum 2 of 1")
	require.ErrorContains(t, err, "not a cosignature/v1")
	require.ErrorContains(t, err, "add WithSigner and WithCheckpoints")
	require.ErrorContains(t, err, "add WithChainID")
	tw := newTestWitness(t, "w.example")
	_, err = New(slog.NewJSONHandler(io.Discard, nil), WithWitnesses(1, tw.witness()), WithSigner(priv), WithCheckpoints(io.Discard, 10, 0), WithChainID("c"))
	require.NoError(t, err)
	_, err = New(slog.NewJSONHandler(io.Discard, nil), WithWitnesses(1, Witness{URL: "ftp://x", Key: tw.vkey}))
	require.ErrorContains(t, err, "want http://")
}

// TestWitnessHammer: many goroutines log while checkpoints are signed and
// witnessed; the log verifies and the witness vouches for all of it.
func TestWitnessHammer(t *testing.T) {
	c := newCPLog(t)
	w := newTestWitness(t, "w.example")
	w.addLog(t, "slogaudit/hammer", c.pub)
	af, err := OpenFile(c.log)
	require.NoError(t, err)
	cf, err := OpenCheckpointFile(c.cps)
	require.NoError(t, err)
	var errMu sync.Mutex
	var errs []error
	h, err := af.Handler(WithKey("k1", testKey), WithSigner(c.priv), WithCheckpoints(cf, 50, 0), WithChainID("hammer"),
		WithWitnesses(1, w.witness()), OnError(func(err error) { errMu.Lock(); errs = append(errs, err); errMu.Unlock() }))
	require.NoError(t, err)
	hammer(8, 300, func(g, i int) {
		slog.New(h).With("g", g).Info("event", "i", i)
		if i%100 == 0 {
			_ = h.Stats()
		}
	})
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	require.NoError(t, cf.Close())
	require.Empty(t, errs)
	stats := h.Stats()
	require.Equal(t, h.Head().Seq, stats.Witnessed)
	cps := must(os.ReadFile(c.cps))
	rep, err := VerifyFiles(context.Background(), []string{c.log}, VerifyOptions{Key: testKey, PublicKey: c.pub,
		Checkpoints: bytes.NewReader(cps), Witnesses: []string{w.vkey}})
	require.NoError(t, err, "%v", rep.Findings)
	require.Equal(t, stats.Witnessed, rep.Chains["hammer"].Witnessed)
	require.EqualValues(t, 8*300, rep.Records-int64(stats.Checkpoints)-2) // start and stop
}

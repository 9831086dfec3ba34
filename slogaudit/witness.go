package slogaudit

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/slogguard/slogguard/internal/chain"
)

// Witness names a C2SP tlog-witness: the base URL of its HTTP API (the
// checkpoints go to URL + "/add-checkpoint") and its verifier key,
// "name+hash+base64 key" of a cosignature/v1 Ed25519 key.
type Witness struct {
	URL string
	Key string
}

// WithWitnesses submits every checkpoint written to the checkpoint writer
// to the witnesses (C2SP tlog-witness add-checkpoint: the size the witness
// knows and a consistency proof from it), off the logging path: a
// goroutine submits the newest checkpoint, retrying with exponential
// backoff, and never blocks Handle. Cosignatures that verify are stored
// with the checkpoint: once quorum witnesses have cosigned it, the note
// with their cosignatures is appended to the checkpoint writer as another
// line. Failures are counted in [Stats] and reported to [OnError]; a
// witness that refuses a checkpoint as inconsistent with one it has seen
// (a fork or rollback) is reported as such. Requires [WithSigner],
// [WithCheckpoints] and a fixed chain id ([WithChainID], or a chain
// continued by [File.Handler]): witnesses know a log by its origin. Each
// witness (by the name in its key) is given once.
func WithWitnesses(quorum int, ws ...Witness) Option {
	return func(c *config) {
		if len(ws) == 0 || quorum < 1 || quorum > len(ws) {
			c.errs = append(c.errs, fmt.Errorf("WithWitnesses: quorum %d of %d witnesses: want 1 to %d", quorum, len(ws), len(ws)))
		}
		names := map[string]bool{}
		for _, w := range ws {
			v, err := chain.NewCosignatureVerifier(w.Key)
			if err != nil {
				c.errs = append(c.errs, fmt.Errorf("WithWitnesses: %w", err))
			} else if names[v.Name()] {
				// Its cosignature would be stored twice, or one witness
				// counted as two towards the quorum.
				c.errs = append(c.errs, fmt.Errorf("WithWitnesses: witness %q given twice: give each witness once", v.Name()))
			} else {
				names[v.Name()] = true
			}
			if !strings.HasPrefix(w.URL, "http://") && !strings.HasPrefix(w.URL, "https://") {
				c.errs = append(c.errs, fmt.Errorf("WithWitnesses: witness URL %q: want http:// or https://", w.URL))
			}
		}
		c.witnesses, c.quorum = ws, quorum
	}
}

// WithWitnessHTTPClient sets the HTTP client for witnesses. Default: one
// with a 10-second timeout.
func WithWitnessHTTPClient(hc *http.Client) Option {
	return func(c *config) { c.witnessHTTP = hc }
}

// witnessBackoff bounds the delay between retries of one checkpoint.
const (
	witnessBackoffMin = 100 * time.Millisecond
	witnessBackoffMax = time.Minute
	// witnessMaxLeaves bounds the leaves kept for consistency proofs of
	// witnesses that lag behind (32 bytes each); older ones are proved
	// from the log's files.
	witnessMaxLeaves = 1 << 20
)

// ErrWitnessRefused is wrapped by errors that say a witness refused a
// checkpoint as inconsistent with one it has seen: a fork or a rollback.
var ErrWitnessRefused = errors.New("slogaudit: a witness refused the checkpoint as inconsistent with what it has seen")

// witnessClient submits checkpoints of one chain to its witnesses. Its
// goroutine is started by newWitnessClient and stopped by close.
type witnessClient struct {
	origin, chainID string
	ws              []*witnessPeer
	quorum          int
	hc              *http.Client
	out             io.Writer   // the checkpoint writer
	report          func(error) // OnError
	// paths pins the log's files, for old sizes (File.pinFiles); nil when
	// unknown.
	paths      func() ([]string, func(), error)
	backoffMin time.Duration

	mu      sync.Mutex
	from    chain.Tree   // the tree at the first leaf kept
	leaves  []chain.Hash // leaves from from.Size() on
	pending *signedHead  // the newest checkpoint, not yet witnessed by a quorum

	wake  chan struct{} // buffered 1: a new checkpoint or close
	stop  chan struct{} // closed by close: try once more, then exit
	done  chan struct{} // closed when the goroutine has returned
	once  sync.Once
	fails atomic.Uint64
	// witnessed is the newest size cosigned by a quorum.
	witnessed atomic.Uint64
}

type signedHead struct {
	head  chain.TreeHead
	note  []byte
	cosig map[string][]byte // witness name → its signature line
}

type witnessPeer struct {
	Witness
	v    *chain.CosignatureVerifier
	size uint64 // the size the witness is known to hold
	// doneSize is the size of the last checkpoint it cosigned or refused:
	// it is not tried again until a newer one.
	doneSize uint64
}

func newWitnessClient(cfg *config, chainID string, tree chain.Tree, report func(error), paths func() ([]string, func(), error)) *witnessClient {
	w := &witnessClient{origin: cfg.origin(chainID), chainID: chainID, quorum: cfg.quorum, hc: cfg.witnessHTTP,
		out: cfg.cpWriter, report: report, paths: paths, from: tree.Clone(), backoffMin: witnessBackoffMin,
		wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	if cfg.witnessBackoff > 0 {
		w.backoffMin = cfg.witnessBackoff
	}
	if w.hc == nil {
		w.hc = &http.Client{Timeout: 10 * time.Second}
	}
	for _, k := range cfg.witnesses {
		v, _ := chain.NewCosignatureVerifier(k.Key) // checked by WithWitnesses
		w.ws = append(w.ws, &witnessPeer{Witness: k, v: v})
	}
	go w.run()
	return w
}

// submit hands over a new checkpoint and the leaves added since the last
// one. It never blocks on the network.
func (w *witnessClient) submit(th chain.TreeHead, msg []byte, leaves []chain.Hash) {
	w.mu.Lock()
	w.leaves = append(w.leaves, leaves...)
	if over := len(w.leaves) - witnessMaxLeaves; over > 0 {
		for _, l := range w.leaves[:over] {
			w.from.Append(l)
		}
		w.leaves = slices.Clone(w.leaves[over:]) // a new array: consistency may be reading the old one
	}
	w.pending = &signedHead{head: th, note: msg, cosig: map[string][]byte{}}
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *witnessClient) run() {
	defer close(w.done)
	backoff := w.backoffMin
	for {
		retry := w.round()
		if !retry {
			backoff = w.backoffMin
		}
		var timer <-chan time.Time
		if retry {
			timer = time.After(backoff)
			backoff = min(2*backoff, witnessBackoffMax)
		}
		select {
		case <-w.stop:
			w.round() // one last try for the newest checkpoint, if it is not witnessed yet
			return
		case <-w.wake:
		case <-timer:
		}
	}
}

// round submits the pending checkpoint to every witness that has not
// answered it yet. It reports whether a retry is due.
func (w *witnessClient) round() (retry bool) {
	w.mu.Lock()
	cp := w.pending
	w.mu.Unlock()
	if cp == nil {
		return false
	}
	for _, p := range w.ws {
		if p.doneSize >= cp.head.Size {
			continue
		}
		sig, err := w.safeAdd(p, cp)
		switch {
		case err == nil:
			p.doneSize = cp.head.Size
			w.mu.Lock()
			cp.cosig[p.v.Name()] = sig
			w.mu.Unlock()
		case errors.Is(err, ErrWitnessRefused):
			p.doneSize = cp.head.Size
			w.fail(err)
		default:
			w.fail(err)
			retry = true
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(cp.cosig) >= w.quorum && w.pending == cp {
		w.pending = nil
		w.witnessed.Store(cp.head.Size)
		if err := w.store(cp); err != nil {
			w.fail(err)
		}
	}
	w.trimLocked()
	return retry
}

func (w *witnessClient) fail(err error) {
	w.fails.Add(1)
	if w.report != nil {
		w.report(err)
	}
}

// store appends the checkpoint with the cosignatures to the checkpoint
// writer.
func (w *witnessClient) store(cp *signedHead) error {
	msg := bytes.Clone(cp.note)
	for _, p := range w.ws { // in the order of the option, for stable output
		msg = append(msg, cp.cosig[p.v.Name()]...)
	}
	if err := writeCheckpoint(w.out, w.chainID, msg); err != nil {
		return fmt.Errorf("slogaudit: storing the cosigned checkpoint of size %d: %w", cp.head.Size, err)
	}
	return nil
}

// trimLocked drops the leaves that every witness has acknowledged.
func (w *witnessClient) trimLocked() {
	low := ^uint64(0)
	for _, p := range w.ws {
		low = min(low, p.size)
	}
	for w.from.Size() < low && len(w.leaves) > 0 {
		w.from.Append(w.leaves[0])
		w.leaves = w.leaves[1:]
	}
}

// safeAdd is add, with a panic (of a transport given with
// WithWitnessHTTPClient) turned into an error: it runs on the client's
// goroutine, where a panic would end the process.
func (w *witnessClient) safeAdd(p *witnessPeer, cp *signedHead) (sig []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			sig, err = nil, fmt.Errorf("slogaudit: witness %s: the request panicked: %v", p.URL, r)
		}
	}()
	return w.add(p, cp)
}

// add runs the add-checkpoint protocol with one witness and returns its
// cosignature line.
func (w *witnessClient) add(p *witnessPeer, cp *signedHead) ([]byte, error) {
	for attempt := 0; attempt < 2; attempt++ { // a second time after learning the witness's size
		body, err := w.request(p.size, cp)
		if err != nil {
			return nil, err
		}
		resp, err := w.hc.Post(strings.TrimSuffix(p.URL, "/")+"/add-checkpoint", "text/plain", bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("slogaudit: witness %s: %w", p.v.Name(), err)
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("slogaudit: witness %s: %w", p.v.Name(), err)
		}
		switch resp.StatusCode {
		case http.StatusOK:
			sig, err := w.cosignature(p, cp, data)
			if err != nil {
				return nil, err
			}
			p.size = cp.head.Size
			return sig, nil
		case http.StatusConflict:
			known, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("slogaudit: witness %s: conflict without a size: %q", p.v.Name(), data)
			}
			if known > cp.head.Size {
				return nil, fmt.Errorf("%w: witness %s has seen size %d of %s, the log is at %d: the log was rolled back or forked",
					ErrWitnessRefused, p.v.Name(), known, w.origin, cp.head.Size)
			}
			p.size = known
			continue
		case http.StatusUnprocessableEntity:
			return nil, fmt.Errorf("%w: witness %s: the checkpoint of size %d of %s does not extend the size %d it has seen: the log forked (%s)",
				ErrWitnessRefused, p.v.Name(), cp.head.Size, w.origin, p.size, strings.TrimSpace(string(data)))
		case http.StatusForbidden, http.StatusNotFound:
			return nil, fmt.Errorf("slogaudit: witness %s refused %s: %s: configure the log's origin and key on the witness", p.v.Name(), w.origin, strings.TrimSpace(string(data)))
		default:
			return nil, fmt.Errorf("slogaudit: witness %s: %s: %s", p.v.Name(), resp.Status, strings.TrimSpace(string(data)))
		}
	}
	return nil, fmt.Errorf("slogaudit: witness %s: its size keeps changing", p.v.Name())
}

// request builds the add-checkpoint body: "old N", the consistency proof
// from N, a blank line and the signed checkpoint.
func (w *witnessClient) request(old uint64, cp *signedHead) ([]byte, error) {
	var proof []chain.Hash
	if old > 0 && old < cp.head.Size {
		var err error
		if proof, err = w.consistency(old, cp.head); err != nil {
			return nil, err
		}
	}
	b := fmt.Appendf(nil, "old %d\n", old)
	for _, h := range proof {
		b = append(b, base64.StdEncoding.EncodeToString(h[:])...)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	return append(b, cp.note...), nil
}

// consistency proves head from size old: from the leaves kept, or else
// from the log's files.
func (w *witnessClient) consistency(old uint64, head chain.TreeHead) ([]chain.Hash, error) {
	w.mu.Lock()
	from := w.from.Clone()
	leaves := w.leaves
	w.mu.Unlock()
	var p *chain.Prover
	var err error
	if old >= from.Size() && old-from.Size() <= uint64(len(leaves)) {
		base := from
		for _, l := range leaves[:old-from.Size()] {
			base.Append(l)
		}
		if p, err = chain.NewConsistencyProverFrom(base, head.Size); err == nil {
			for _, l := range leaves[old-from.Size():] {
				p.Add(l)
			}
		}
	} else if w.paths != nil {
		if p, err = chain.NewConsistencyProver(old, head.Size); err == nil {
			var paths []string
			var unpin func()
			if paths, unpin, err = w.paths(); err == nil {
				err = feedProver(context.Background(), paths, w.chainID, p, nil)
				unpin()
			}
		}
	} else {
		err = fmt.Errorf("size %d is older than the leaves kept (from %d)", old, from.Size())
	}
	if err != nil {
		return nil, fmt.Errorf("slogaudit: consistency proof from size %d for the witnesses: %w", old, err)
	}
	proof, root, _, err := p.Proof()
	if err != nil {
		return nil, fmt.Errorf("slogaudit: consistency proof from size %d for the witnesses: %w", old, err)
	}
	if root != head.Root {
		return nil, fmt.Errorf("slogaudit: consistency proof from size %d for the witnesses: the tree does not match the checkpoint", old)
	}
	return proof, nil
}

// cosignature checks the witness's response, signature lines, and returns
// the one by the witness's key.
func (w *witnessClient) cosignature(p *witnessPeer, cp *signedHead, resp []byte) ([]byte, error) {
	text, _, err := chain.SplitNote(cp.note)
	if err != nil {
		return nil, err
	}
	n, err := note.Open(append(append(bytes.Clone(text), '\n'), resp...), note.VerifierList(p.v))
	if err != nil {
		return nil, fmt.Errorf("slogaudit: witness %s: its cosignature does not verify with its key: %w", p.v.Name(), err)
	}
	for _, line := range bytes.SplitAfter(resp, []byte("\n")) {
		for _, s := range n.Sigs {
			if bytes.HasPrefix(line, []byte("— "+s.Name+" ")) && bytes.Contains(line, []byte(s.Base64)) {
				return line, nil
			}
		}
	}
	return nil, fmt.Errorf("slogaudit: witness %s: no cosignature line in the response", p.v.Name())
}

// close lets the goroutine try the newest checkpoint once more and waits
// for it, or for ctx.
func (w *witnessClient) close(ctx context.Context) error {
	w.once.Do(func() { close(w.stop) })
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("slogaudit: witnesses: %w", ctx.Err())
	}
}

func (c *config) checkWitnessing() []error {
	if len(c.witnesses) == 0 {
		return nil
	}
	var errs []error
	if c.signer == nil || c.cpWriter == nil {
		errs = append(errs, errors.New("WithWitnesses: witnesses cosign checkpoints: add WithSigner and WithCheckpoints"))
	}
	if c.chainID == "" && c.resume == nil && c.file == nil {
		errs = append(errs, errors.New("WithWitnesses: witnesses know a log by its origin, which names the chain: add WithChainID"))
	}
	return errs
}

// withWitnessBackoff sets the first retry delay, for tests.
func withWitnessBackoff(d time.Duration) Option { return func(c *config) { c.witnessBackoff = d } }

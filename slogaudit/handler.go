package slogaudit

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/slogcore"
)

// Messages of the records the wrapper writes itself.
const (
	MsgStart      = "audit.start"
	MsgStop       = "audit.stop"
	MsgCheckpoint = "audit.checkpoint"
	MsgViolation  = "audit.violation" // a record refused by a Strict policy
	MsgRetention  = "retention.applied"
)

// Reserved top-level keys: a user attribute with one of these names is
// written with a leading "_".
var reserved = map[string]bool{"time": true, "level": true, "msg": true, "source": true, "audit": true}

// Head is the position of a chain: the sequence number and hash of its last
// record. A new chain's head is {Seq: 0, Hash: genesis}.
type Head struct {
	Chain string
	Seq   uint64
	Hash  chain.Hash
}

// Stats counts what a [Handler] did.
type Stats struct {
	Written     uint64 // records accepted by the wrapped handler, lifecycle records included
	Failed      uint64 // records the wrapped handler refused or panicked on: not in the chain
	Checkpoints uint64 // checkpoints written
	// CheckpointsRefused counts checkpoints not signed because they would
	// contradict one signed before, or the Merkle tree is unknown (OnError
	// says why).
	CheckpointsRefused uint64
	// WitnessFailures counts failed submissions to witnesses (each retry
	// counts), refusals included; Witnessed is the newest checkpoint size
	// that a quorum of witnesses cosigned.
	WitnessFailures uint64
	Witnessed       uint64
	Refused         uint64 // records logged after Close, or refused by a Strict policy
	// Violations counts policy violations by rule ("required:actor",
	// "unmasked:card-number", "clock-backwards", ...).
	Violations map[string]uint64
}

// ErrClosed is returned by Handle after Close.
var ErrClosed = errors.New("slogaudit: handler is closed: record not written")

// state is shared by a Handler and every handler derived from it.
type state struct {
	mu       sync.Mutex
	next     slog.Handler
	cfg      config
	head     Head
	started  bool
	closed   bool
	stats    Stats
	sinceCP  int
	lastCP   time.Time
	cpSeq    uint64 // head.Seq at the last checkpoint
	scratch  []byte
	lastTime time.Time // of the last record, for the monotonic check
	redactor *slogcore.Redactor
	mac      hash.Hash // HMAC-SHA256 with the key, reused under mu
	headHex  string    // st.head.Hash.String(), kept to save an encoding
	merkle   merkle    // the tree beside the chain, for checkpoints
}

// Handler is a slog.Handler that chains every record it passes on.
type Handler struct {
	st     *state
	groups []string
	with   []scoped // WithAttrs, with the groups they were added under
}

type scoped struct {
	groups []string
	attr   slog.Attr
}

var _ slog.Handler = (*Handler)(nil)

// New returns a handler that writes every record to h with an "audit"
// member that chains it to the one before. It validates the options and
// returns every problem at once.
func New(h slog.Handler, opts ...Option) (*Handler, error) {
	if h == nil {
		return nil, errors.New("slogaudit: New: nil slog.Handler")
	}
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	st := &state{next: h, cfg: cfg}
	if cfg.now == nil {
		st.cfg.now = time.Now
	}
	switch {
	case cfg.redactor == nil:
		st.redactor = slogcore.MustRedactor(slogcore.Credentials)
	case !cfg.redactor.Off():
		st.redactor = cfg.redactor
	}
	if cfg.key != nil {
		st.mac = hmac.New(sha256.New, cfg.key)
	}
	if cfg.resume != nil {
		st.head = *cfg.resume
		if st.head.Seq > 0 {
			st.merkle.broken = fmt.Errorf("slogaudit: chain %s resumed at seq %d without its Merkle tree: checkpoints need the chain's files (use OpenFile and File.Handler)", st.head.Chain, st.head.Seq)
		}
	} else {
		id := cfg.chainID
		if id == "" {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		st.head = Head{Chain: id, Hash: chain.Genesis(id)}
	}
	st.lastCP = st.cfg.now()
	st.headHex = st.head.Hash.String()
	return &Handler{st: st}, nil
}

// Wrap is like [New] but panics if the options are invalid, as
// regexp.MustCompile does. With no options it cannot fail.
func Wrap(h slog.Handler, opts ...Option) *Handler {
	a, err := New(h, opts...)
	if err != nil {
		panic(err)
	}
	return a
}

// Enabled reports whether the wrapped handler is enabled for level.
func (h *Handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.st.next.Enabled(ctx, level)
}

// WithAttrs returns a handler that adds attrs to every record. The wrapper
// keeps them itself, so that they are hashed with each record.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	h2 := *h
	h2.with = slices.Clip(h.with)
	for _, a := range attrs {
		if r := h.st.redactor; r != nil {
			a, _ = r.Attr(h.groups, a)
		}
		a.Value = a.Value.Resolve()
		h2.with = append(h2.with, scoped{groups: h.groups, attr: a})
	}
	return &h2
}

// WithGroup returns a handler that nests later attrs in group name.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	h2.groups = append(slices.Clip(h.groups), name)
	return &h2
}

// Head returns the chain's current head.
func (h *Handler) Head() Head {
	h.st.mu.Lock()
	defer h.st.mu.Unlock()
	return h.st.head
}

// Stats returns the counters.
func (h *Handler) Stats() Stats {
	h.st.mu.Lock()
	defer h.st.mu.Unlock()
	s := h.st.stats
	if w := h.st.merkle.witness; w != nil {
		s.WitnessFailures, s.Witnessed = w.fails.Load(), w.witnessed.Load()
	}
	if s.Violations != nil {
		s.Violations = make(map[string]uint64, len(h.st.stats.Violations))
		for k, v := range h.st.stats.Violations {
			s.Violations[k] = v
		}
	}
	return s
}

// build returns the record's members: built-ins, With attrs, the record's
// attrs, redacted and normalised.
func (h *Handler) build(r slog.Record) *node {
	st := h.st
	root := &node{group: true}
	msg := r.Message
	if st.redactor != nil {
		msg = st.redactor.Message(msg)
	}
	if !r.Time.IsZero() {
		t := r.Time.UTC()
		set(root, &node{key: slog.TimeKey, value: slog.TimeValue(t), canon: chain.Str(t.Format(time.RFC3339Nano))})
	}
	set(root, &node{key: slog.LevelKey, value: slog.StringValue(r.Level.String()), canon: chain.Str(r.Level.String())})
	if st.cfg.source && r.PC != 0 {
		f, _ := runtime.CallersFrames([]uintptr{r.PC}).Next()
		add(root, nil, slog.Any(slog.SourceKey, &slog.Source{Function: f.Function, File: f.File, Line: f.Line}))
	}
	m := validUTF8(msg)
	set(root, &node{key: slog.MessageKey, value: slog.StringValue(m), canon: chain.Str(m)})
	user := func(groups []string, a slog.Attr) {
		if len(groups) == 0 && reserved[a.Key] {
			a.Key = "_" + a.Key
		}
		add(root, groups, a)
	}
	for _, w := range h.with {
		user(w.groups, w.attr)
	}
	r.Attrs(func(a slog.Attr) bool {
		if st.redactor != nil {
			a, _ = st.redactor.Attr(h.groups, a)
		}
		if a.Key == "" && a.Value.Kind() == slog.KindGroup && len(h.groups) == 0 {
			// An inline group at the top: its members are top-level keys.
			for _, ga := range a.Value.Resolve().Group() {
				user(nil, ga)
			}
			return true
		}
		user(h.groups, a)
		return true
	})
	prune(root)
	return root
}

// Handle builds, links and writes r. It returns the wrapped handler's error
// (the record is then not in the chain), or [ErrClosed].
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	root := h.build(r) // outside the lock: resolution and redaction are the caller's
	st := h.st
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		st.stats.Refused++
		return ErrClosed
	}
	if err := st.startLocked(ctx); err != nil {
		st.stats.Failed++ // the caller's record, on top of the start record
		err = fmt.Errorf("slogaudit: record %q not written: the audit.start record before it failed: %w", r.Message, err)
		st.report(err)
		return err
	}
	if p := st.cfg.policy; p != nil {
		violations := p.check(root, r.Time, st.lastTime)
		if len(violations) > 0 {
			if err := st.violatedLocked(ctx, r, root, violations); err != nil {
				return err
			}
		}
	}
	if err := st.appendLocked(ctx, r.Time, r.Level, root); err != nil {
		return err
	}
	if !r.Time.IsZero() && r.Time.After(st.lastTime) {
		st.lastTime = r.Time
	}
	return st.maybeCheckpointLocked(ctx)
}

// violatedLocked counts and reports violations. In Annotate mode it adds
// them to the record (hashed with it); in Strict mode it writes an
// audit.violation record instead and returns a *ViolationError.
func (st *state) violatedLocked(ctx context.Context, r slog.Record, root *node, vs []Violation) error {
	if st.stats.Violations == nil {
		st.stats.Violations = map[string]uint64{}
	}
	for _, v := range vs {
		st.stats.Violations[v.Rule]++
		if st.cfg.onViolation != nil {
			st.cfg.onViolation(v)
		}
	}
	if st.cfg.mode == Annotate {
		add(root, nil, slog.Any("audit_violations", vs))
		return nil
	}
	st.stats.Refused++
	msg := validUTF8(r.Message)
	if st.redactor != nil {
		msg = st.redactor.Message(msg)
	}
	if err := st.ownLocked(ctx, MsgViolation, Action(SecurityViolation), Outcome(Denied),
		slog.Group("refused", slog.String("msg", msg), slog.String("level", r.Level.String())),
		slog.Any("audit_violations", vs)); err != nil {
		return err
	}
	return &ViolationError{Message: msg, Violations: vs}
}

// startLocked writes the audit.start record once.
func (st *state) startLocked(ctx context.Context) error {
	if st.started {
		return nil
	}
	attrs := []slog.Attr{slog.String("chain", st.head.Chain)}
	if st.head.Seq > 0 {
		attrs = append(attrs, slog.Group("resumed_from", slog.Uint64("seq", st.head.Seq), slog.String("hash", st.head.Hash.String())))
	}
	if t := st.cfg.torn; t != nil {
		attrs = append(attrs, slog.Group("torn", slog.Int("bytes", t.Bytes), slog.String("sha256", t.SHA256)))
	}
	if err := st.ownLocked(ctx, MsgStart, attrs...); err != nil {
		return err // not started: the next record tries again, so the log never lacks its start
	}
	st.started = true
	return nil
}

// ownLocked writes a record of the wrapper's own.
func (st *state) ownLocked(ctx context.Context, msg string, attrs ...slog.Attr) error {
	root := &node{group: true}
	t := st.cfg.now().UTC()
	set(root, &node{key: slog.TimeKey, value: slog.TimeValue(t), canon: chain.Str(t.Format(time.RFC3339Nano))})
	set(root, &node{key: slog.LevelKey, value: slog.StringValue("INFO"), canon: chain.Str("INFO")})
	set(root, &node{key: slog.MessageKey, value: slog.StringValue(msg), canon: chain.Str(msg)})
	for _, a := range attrs {
		add(root, nil, a)
	}
	return st.appendLocked(ctx, t, slog.LevelInfo, root)
}

// appendLocked links root as the next record and writes it. The head
// advances only if the wrapped handler accepted the record.
func (st *state) appendLocked(ctx context.Context, t time.Time, level slog.Level, root *node) error {
	seq := st.head.Seq + 1
	st.scratch = root.appendCanonical(st.scratch[:0])
	hash := chain.Link(st.head.Chain, seq, st.head.Hash, st.scratch)
	hashHex := hash.String()
	audit := []slog.Attr{
		slog.Int("v", 1),
		slog.String("chain", st.head.Chain),
		slog.Uint64("seq", seq),
		slog.String("prev", st.headHex),
		slog.String("hash", hashHex),
	}
	var mac []byte
	if st.mac != nil {
		m := chain.MACWith(st.mac, hash)
		mac = m[:]
		audit = append(audit, slog.String("mac", m.String()), slog.String("key", st.cfg.keyID))
	}
	var msg string
	attrs := root.attrs()
	out := attrs[:0]
	for _, a := range attrs { // time, level and msg are the record's own fields
		switch a.Key {
		case slog.TimeKey, slog.LevelKey:
			continue
		case slog.MessageKey:
			msg = a.Value.String()
			continue
		}
		out = append(out, a)
	}
	var rt time.Time
	if !t.IsZero() {
		rt = t.UTC()
	}
	rec := slog.NewRecord(rt, level, msg, 0)
	rec.AddAttrs(out...)
	rec.AddAttrs(slog.Attr{Key: "audit", Value: slog.GroupValue(audit...)})
	if err := safeHandle(ctx, st.next, rec); err != nil {
		st.stats.Failed++
		err = fmt.Errorf("slogaudit: record %d of chain %s not written, the chain stays at %d: %w", seq, st.head.Chain, st.head.Seq, err)
		st.report(err)
		return err
	}
	st.head.Seq, st.head.Hash, st.headHex = seq, hash, hashHex
	st.addLeafLocked(hash, mac)
	st.stats.Written++
	st.sinceCP++
	if st.cfg.sync != nil {
		if err := st.cfg.sync(); err != nil {
			st.report(fmt.Errorf("slogaudit: sync after record %d: %w", seq, err))
		}
	}
	return nil
}

func safeHandle(ctx context.Context, h slog.Handler, r slog.Record) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("wrapped handler panicked: %v", p)
		}
	}()
	return h.Handle(ctx, r)
}

func (st *state) report(err error) {
	if st.cfg.onError != nil {
		st.cfg.onError(err)
	}
}

// maybeCheckpointLocked writes a checkpoint when one is due.
func (st *state) maybeCheckpointLocked(ctx context.Context) error {
	if st.cfg.signer == nil {
		return nil
	}
	due := st.cfg.cpEvery > 0 && st.sinceCP >= st.cfg.cpEvery ||
		st.cfg.cpInterval > 0 && st.cfg.now().Sub(st.lastCP) >= st.cfg.cpInterval
	if !due {
		return nil
	}
	return st.checkpointLocked(ctx)
}

// Close writes audit.stop and a final checkpoint; later records are refused
// with [ErrClosed]. With witnesses, it lets them try the final checkpoint
// once more and waits for that or for ctx. It is safe to call more than
// once.
func (h *Handler) Close(ctx context.Context) error {
	err := h.closeLocked(ctx)
	h.st.mu.Lock()
	w := h.st.merkle.witness
	h.st.mu.Unlock()
	if w != nil {
		err = errors.Join(err, w.close(ctx))
	}
	return err
}

func (h *Handler) closeLocked(ctx context.Context) error {
	st := h.st
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return nil
	}
	if err := st.startLocked(ctx); err != nil {
		return err
	}
	if err := st.ownLocked(ctx, MsgStop, slog.String("chain", st.head.Chain)); err != nil {
		return err
	}
	st.closed = true
	return st.checkpointLocked(ctx)
}

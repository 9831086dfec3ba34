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
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/redact"
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

// isWrapperMessage reports whether msg is the message of a record the
// wrapper writes itself, which the verifier reads as a declaration (a
// restart, a gap, a retention, a rotation, a seal): a caller's record
// with such a message is written with a leading "_", so that no code that
// can log, but holds no key, can make a declaration.
func isWrapperMessage(msg string) bool {
	switch msg {
	case MsgStart, MsgStop, MsgCheckpoint, MsgViolation, MsgRetention, MsgGap, MsgRotate, MsgSeal, MsgErasure:
		return true
	}
	return false
}

// isReserved reports whether key is a reserved top-level key: a user
// attribute with one of these names is written with a leading "_".
func isReserved(key string) bool {
	switch key {
	case "time", "level", "msg", "source", "audit":
		return true
	}
	return false
}

// Head is the position of a chain: the sequence number and hash of its last
// record. A new chain's head is {Seq: 0, Hash: genesis}.
type Head struct {
	Chain string
	Seq   uint64
	Hash  chain.Hash
}

// Stats counts what a [Handler] did. Every record that received a
// sequence number is counted once as Written or Failed; once Close has
// returned nil, Declared equals Failed (every lost record is named by an
// audit.gap record in the chain).
type Stats struct {
	// Written counts records the wrapped handler wrote, lifecycle records
	// included. For an asynchronous wrapped handler (a slogcore handler),
	// a record counts as written when it was accepted, and moves to Failed
	// if the handler reports its loss later.
	Written uint64
	// Failed counts records that took a sequence number and did not reach
	// the output: the wrapped handler returned an error, panicked, or
	// reported the loss later; TooLarge of them were over the size limit
	// and never passed on.
	Failed   uint64
	TooLarge uint64
	// Retried counts failed writes of the wrapper's own records (audit.gap,
	// audit.stop, checkpoints, retention), which are retried. Over a File
	// or a slogcore handler they take no sequence number when their write
	// fails; over any other handler the failed write may have left part
	// or all of the record in the output, so it keeps its sequence number
	// and counts in Failed too (the next audit.gap declares it).
	Retried uint64
	// Declared counts the lost sequence numbers named by audit.gap records
	// written so far.
	Declared    uint64
	Checkpoints uint64 // checkpoints written
	Seals       uint64 // audit.seal records written (WithSealing)
	Rotations   uint64 // keys changed by RotateKey
	// CheckpointsRefused counts checkpoints not signed because they would
	// contradict one signed before, or the Merkle tree is unknown (OnError
	// says why).
	CheckpointsRefused uint64
	// WitnessFailures counts failed submissions to witnesses (each retry
	// counts), refusals included; Witnessed is the newest checkpoint size
	// that a quorum of witnesses cosigned.
	WitnessFailures uint64
	Witnessed       uint64
	// Refused counts records logged after Close, refused by a Strict
	// policy, or given up on by Handle because their context ended while
	// another record's write blocked (they take no seq).
	Refused uint64
	// Violations counts policy violations by rule ("required:actor",
	// "unmasked:card-number", "clock-backwards", ...).
	Violations map[string]uint64
}

// ErrClosed is returned by Handle after Close.
var ErrClosed = errors.New("slogaudit: handler is closed: record not written")

// ErrRecordTooLarge is wrapped by the error Handle returns for a record
// whose canonical form is over the limit of [WithMaxRecordSize]. The
// record's sequence number is declared lost in the chain.
var ErrRecordTooLarge = errors.New("slogaudit: record too large")

// ErrRecordsLost is wrapped by the error Close returns when any record
// failed; the error names the counts, and says whether every loss is
// declared in the chain.
var ErrRecordsLost = errors.New("slogaudit: records lost")

// state is shared by a Handler and every handler derived from it.
type state struct {
	mu sync.Mutex
	// calls are the calls of OnError and OnViolation due while mu was
	// held: they run once it is let go (see later), so that a callback
	// that logs to this handler does not wait for a lock its own
	// goroutine holds.
	callsMu  sync.Mutex
	calls    []func()
	next     slog.Handler
	cfg      config
	head     Head
	started  bool
	closed   bool
	stats    Stats
	sinceCP  int
	lastCP   time.Time
	cpSeq    uint64    // head.Seq at the last checkpoint
	lastTime time.Time // of the last record, for the monotonic check
	redactor *redact.Redactor
	// nextRedactor is the redaction of a wrapped slogcore handler, applied
	// before hashing so that what is hashed is what the handler writes.
	nextRedactor *redact.Redactor
	mac          hash.Hash // HMAC-SHA256 with the key, reused under mu
	macScratch   []byte    // the MAC's input and sum, reused under mu
	headStr      string    // st.head.Hash in hex, for forwardLocked
	// forwarded is the hash of the record last passed to the wrapped
	// handler, in hex, kept for headStr when it becomes the head.
	forwarded    chain.Hash
	forwardedHex string
	// direct is the File that the handler writes its canonical lines to
	// itself (File.Handler); nil when it forwards records to next.
	direct *File
	// tornsOf is the File whose torn lines found at open the handler
	// names, when it was given them through a head of that File
	// (WithResume): its audit.start asks the File which still are.
	tornsOf *File
	// closedTorns are fragments that a record of the chain closed before
	// a crash, and that nothing names: the audit.start names them.
	closedTorns []TornLine
	line        []byte // the line being written to direct, under mu
	// headText is the hash headTextOf as the lines to direct write it:
	// the prev of the next line when headTextOf is still the head.
	headText   []byte
	headTextOf chain.Hash
	nextText   []byte // the room of the next headText
	texts      *memberTexts
	// auditAttrs holds the audit member's attrs passed to a wrapped
	// handler that keeps nothing of a record (keepsNoRecord), under mu.
	auditAttrs [8]slog.Attr

	losses   losses            // lost seqs not yet declared (own lock)
	async    *slogcore.Handler // the wrapped handler, when it reports losses later
	unwatch  func()            // stops hearing of its losses
	worker   workerWait        // waits for it under mu, and who may not
	lostTorn []TornLine        // the torn lines a lost audit.start named
	// declaring is what the audit.gap record being passed on declares.
	declaring []GapRange
	naming    []TornLine // and the fragments it names
	closeErr  error
	closing   chan struct{} // made by the first Close, closed when it returns
	// blockedRefused counts records Handle gave up on (see lockRecord),
	// without st.mu, which a blocked write holds.
	blockedRefused atomic.Uint64
	merkle         merkle   // the tree beside the chain, for checkpoints
	seal           *sealing // the epoch ratchet, under WithSealing
}

// Handler is a slog.Handler that chains every record it passes on.
type Handler struct {
	st     *state
	groups []string
	with   []scoped // WithAttrs, with the groups they were added under
	// tmpl is the with attrs built once, normalised and redacted, when no
	// personal keys make them depend on the record; each record starts
	// from a copy. nil: no with attrs, or built per record.
	tmpl *node
	// next is the wrapped handler with the members of tmpl already added
	// by its WithAttrs, so that it formats them once, as it does for
	// handlers it wraps directly; nil: the wrapped handler gets every
	// member with each record (no template, groups open, or With attrs
	// that a JSON handler would write twice where the record has one).
	next slog.Handler
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
	st := &state{next: h, cfg: cfg, direct: cfg.file}
	if cfg.now == nil {
		st.cfg.now = time.Now
	}
	switch {
	case cfg.redactor == nil:
		st.redactor = redact.Must(redact.Credentials)
	case !cfg.redactor.Off():
		st.redactor = cfg.redactor
	}
	if cfg.key != nil {
		st.mac = hmac.New(sha256.New, cfg.key)
	}
	if sc, ok := h.(*slogcore.Handler); ok {
		if sc.Rewrites() {
			return nil, errors.New("slogaudit: New: the wrapped slogcore handler rewrites records (Options.ReplaceAttr or AddSource), so no record would verify: remove them (WithSource adds a hashed source)")
		}
		if r := sc.Redactor(); r != nil && r != st.redactor {
			st.nextRedactor = r
		}
		if cfg.sealing {
			return nil, errors.New("slogaudit: New: WithSealing over an asynchronous slogcore handler: a seal it lost after accepting it would break the epochs: wrap a synchronous handler (OpenFile, slog.NewJSONHandler)")
		}
		st.async = sc
		st.unwatch = sc.WatchLosses(st.onLoss)
	}
	if cfg.resume != nil {
		st.head = *cfg.resume
		if cfg.torns == nil && cfg.file == nil {
			// A head from a File that found fragments: name them, as
			// File.Handler would.
			st.cfg.torns, st.tornsOf = tornsOfHead(*cfg.resume)
			if st.tornsOf != nil {
				st.closedTorns = st.tornsOf.takeClosed(st.head.Chain)
			}
		}
		if st.head.Seq > 0 {
			st.merkle.broken = fmt.Errorf("slogaudit: chain %s resumed at seq %d without its Merkle tree: checkpoints need the chain's files (use OpenFile and File.Handler)", st.head.Chain, st.head.Seq)
		}
	} else {
		id := cfg.chainID
		if id == "" {
			id = newChainID()
		}
		st.head = Head{Chain: id, Hash: chain.Genesis(id)}
		if ls, ok := cfg.cpWriter.(lastSigned); ok && cfg.signer != nil {
			if last, has := ls.Last(cfg.origin(id)); has && last.Size > 0 {
				// A new chain under an id whose checkpoints were signed
				// before would sign different trees of the same sizes.
				st.merkle.broken = fmt.Errorf("%w: chain %s starts at seq 1, but the checkpoint writer holds its checkpoint of size %d: resume the chain (File.Handler, WithResume) or start a new chain id", ErrInconsistent, id, last.Size)
			}
		}
	}
	if sc, ok := h.(*slogcore.Handler); ok {
		if err := auditMemberSurvives(sc.Redactor(), st.head.Chain, cfg.keyID); err != nil {
			st.unwatch()
			return nil, err
		}
	}
	if cfg.sealing {
		st.startSealing()
	}
	st.lastCP = st.cfg.now()
	st.headStr = st.head.Hash.String()
	return &Handler{st: st}, nil
}

// auditMemberSurvives returns an error when r, the redaction of a wrapped
// slogcore handler, would change the audit member of a record: the member
// is written after hashing, so a masked chain id, key id or hash would
// make every record fail verification. Hashes are hex digests that no
// detector takes for a secret; the ids are the user's, and a rule that
// masks them (a key rule on "key", a detector that matches the chain id)
// is refused here rather than found by the verifier.
func auditMemberSurvives(r *redact.Redactor, chainID, keyID string) error {
	if r == nil {
		return nil
	}
	digest := strings.Repeat("0123456789abcdef", 4)
	member := slog.Group("audit", slog.Int("v", int(chain.Current)), slog.String("chain", chainID),
		slog.Uint64("seq", 1), slog.String("prev", digest), slog.String("hash", digest),
		slog.String("mac", digest), slog.String("key", keyID))
	if out, _ := r.Attr(nil, member); out.String() != member.String() {
		return fmt.Errorf("slogaudit: New: the wrapped slogcore handler's redaction changes the audit member (%s becomes %s), so no record would verify: choose a chain id (WithChainID) and key id (WithKey) that it leaves alone, or a redaction rule that does not match them", member, out)
	}
	return nil
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

// Enabled reports whether the wrapped handler is enabled for level. A
// wrapped handler whose Enabled panics is taken as enabled (the record is
// then written, or declared lost), and the panic goes to OnError.
func (h *Handler) Enabled(ctx context.Context, level slog.Level) (on bool) {
	if l := h.st.cfg.level; l != nil && level < l.Level() {
		return false
	}
	defer func() {
		if p := recover(); p != nil {
			h.st.report(fmt.Errorf("slogaudit: wrapped handler %T: Enabled panicked (taken as enabled): %v", h.st.next, p))
			on = true
		}
	}()
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
	h2.next = nil
	for _, a := range attrs {
		a, sealed := h.st.personalChanged(h.groups, a, "", false) // WithPersonalKeys applies at Handle, when the subject is known
		if !sealed || !isSealed(a) {
			a = h.st.redact(h.groups, a)
		} else {
			a = h.st.redactSealed(h.groups, a)
		}
		a.Value = a.Value.Resolve()
		h2.with = append(h2.with, scoped{groups: h.groups, attr: a})
	}
	if h.st.cfg.personalKeys == nil {
		if h.tmpl != nil {
			h2.tmpl = h.tmpl.clone(nil)
		} else {
			h2.tmpl = newRoot(nil)
		}
		for _, w := range h2.with[len(h.with):] {
			addUser(h2.tmpl, w.groups, w.attr)
		}
		// A File handler writes the members' order only in canonical
		// form: its template is kept sorted.
		h2.tmpl.makeTemplate(h.st.direct != nil)
		h2.next = h.nextWith(h2.with[len(h.with):])
	}
	return &h2
}

// nextWith returns the wrapped handler that h's records go to, with the
// new With attrs added by its WithAttrs, or nil when it cannot carry
// them: records through File's handler, open groups, or new top-level
// members that merge with earlier ones (a JSON handler would write the
// key twice, where the record holds it once).
func (h *Handler) nextWith(added []scoped) slog.Handler {
	st := h.st
	if st.direct != nil || len(h.groups) > 0 {
		return nil
	}
	next := st.next
	if h.tmpl != nil {
		if h.next == nil {
			return nil
		}
		next = h.next
	}
	fresh := newRoot(nil)
	for _, w := range added {
		addUser(fresh, w.groups, w.attr)
	}
	if !prune(fresh) {
		return next
	}
	if h.tmpl != nil {
		for _, k := range h.tmpl.kids {
			if fresh.find(k.key) != nil { // fresh is this goroutine's: its index may be built
				return nil
			}
		}
	}
	return withAttrs(st, next, fresh.attrs())
}

// withAttrs returns next.WithAttrs(attrs), or nil, so that records carry
// the attrs themselves, when it panics (the panic goes to OnError).
func withAttrs(st *state, next slog.Handler, attrs []slog.Attr) (h slog.Handler) {
	defer func() {
		if p := recover(); p != nil {
			st.report(fmt.Errorf("slogaudit: wrapped handler %T: WithAttrs panicked: %v; the records carry these attrs themselves", next, p))
			h = nil
		}
	}()
	return next.WithAttrs(attrs)
}

// levelMember returns the canonical member of the levels slog names, or
// nil to encode it per record.
func levelMember(l slog.Level) []byte {
	switch l {
	case slog.LevelDebug:
		return levelMembers[0]
	case slog.LevelInfo:
		return levelMembers[1]
	case slog.LevelWarn:
		return levelMembers[2]
	case slog.LevelError:
		return levelMembers[3]
	}
	return nil
}

var levelMembers = [...][]byte{[]byte(`"level":"DEBUG"`), []byte(`"level":"INFO"`), []byte(`"level":"WARN"`), []byte(`"level":"ERROR"`)}

// addUser adds a user's attribute a under groups to root, renaming
// reserved top-level keys.
func addUser(root *node, groups []string, a slog.Attr) {
	a.Value = a.Value.Resolve()
	if len(groups) == 0 && a.Key == "" && a.Value.Kind() == slog.KindGroup {
		// An inline group: its members are top-level keys.
		for _, ga := range a.Value.Group() {
			addUser(root, nil, ga)
		}
		return
	}
	switch {
	case len(groups) == 0 && isReserved(a.Key):
		a.Key = "_" + a.Key
	case len(groups) > 0 && isReserved(groups[0]):
		// A WithGroup named like a reserved key is renamed as an attr
		// would be: merged into "time" or "audit" it would change the
		// record or the audit member.
		groups = append([]string{"_" + groups[0]}, groups[1:]...)
	}
	add(root, groups, a)
}

// WithGroup returns a handler that nests later attrs in group name.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	name = h.st.redactor.GroupName(name) // a group named with an e-mail address, a card number
	// A wrapped slogcore handler masks group names by its own rules too:
	// hash the name it will write.
	name = h.st.nextRedactor.GroupName(name)
	h2 := *h
	h2.groups = append(slices.Clip(h.groups), name)
	h2.next = nil // the audit member must stay at the top
	return &h2
}

// Head returns the chain's current head.
func (h *Handler) Head() Head {
	h.st.mu.Lock()
	defer h.st.unlock()
	return h.st.head
}

// Stats returns the counters.
func (h *Handler) Stats() Stats {
	h.st.mu.Lock()
	defer h.st.unlock()
	s := h.st.stats
	s.Refused += h.st.blockedRefused.Load()
	h.st.losses.mu.Lock()
	s.Written -= h.st.losses.async
	s.Failed += h.st.losses.async
	s.Declared -= h.st.losses.redeclared
	h.st.losses.mu.Unlock()
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
func (h *Handler) build(r slog.Record, ar *arena) *node {
	st := h.st
	var root *node
	if h.tmpl != nil {
		root = h.tmpl.clone(ar)
	} else {
		root = newRoot(ar)
	}
	msg := st.redactMessage(r.Message)
	if isWrapperMessage(msg) {
		msg = "_" + msg // only the wrapper writes its own records: "audit.gap" from a caller is "_audit.gap"
	}
	if !r.Time.IsZero() {
		claim(ar, root, ar.timeNode(r.Time, st.cfg.policy != nil))
	}
	lv := r.Level.String()
	claim(ar, root, ar.new(node{key: slog.LevelKey, value: slog.StringValue(lv), canon: chain.Str(lv), member: levelMember(r.Level)}))
	if st.cfg.source && r.PC != 0 {
		f, _ := runtime.CallersFrames([]uintptr{r.PC}).Next()
		src := slog.Any(slog.SourceKey, &slog.Source{Function: f.Function, File: f.File, Line: f.Line})
		if st.nextRedactor != nil {
			// A wrapped slogcore handler redacts the source as any attr.
			src, _ = st.nextRedactor.Attr(nil, src)
		}
		add(root, nil, src)
	}
	m := validUTF8(msg)
	claim(ar, root, ar.new(node{key: slog.MessageKey, value: slog.StringValue(m), canon: chain.Str(m)}))
	user := func(groups []string, a slog.Attr) { addUser(root, groups, a) }
	subject := h.subjectOf(r)
	with := h.with
	if h.tmpl != nil {
		with = nil // in the copy of the template already
	}
	for _, w := range with {
		inline := w.attr.Key == "" && w.attr.Value.Kind() == slog.KindGroup
		if len(w.groups) == 0 && (st.cfg.personalKeys[w.attr.Key] || inline && st.cfg.personalKeys != nil) {
			w.attr = st.personal(nil, w.attr, subject, true)
			if isSealed(w.attr) {
				w.attr = st.redactSealed(nil, w.attr)
			}
		}
		user(w.groups, w.attr)
	}
	r.Attrs(func(a slog.Attr) bool {
		a, sealed := st.personalChanged(h.groups, a, subject, true)
		if !sealed || !isSealed(a) {
			a = st.redact(h.groups, a)
		} else {
			a = st.redactSealed(h.groups, a)
		}
		user(h.groups, a)
		return true
	})
	prune(root)
	if st.nextRedactor != nil {
		st.redactGroups(root)
	}
	return root
}

// redactGroups applies a wrapped slogcore handler's redaction to each
// group of the record as that handler meets it: the wrapper passes open
// groups on as group attrs, so one attr holds every member of a group,
// With attrs and the record's together, nested in the groups inside it.
// The redaction's limits count them together: its depth limit
// (redact.DefaultMaxDepth) counts the groups and masks one nested too deep
// whole, and its size limit (redact.DefaultMaxNodes) masks the values of
// the group after the first so many. A group it changes is built again
// from what it returns.
func (st *state) redactGroups(root *node) {
	for i, k := range root.kids {
		if !k.group {
			continue
		}
		a, changed := st.nextRedactor.Attr(nil, slog.Attr{Key: k.key, Value: slog.GroupValue(k.attrs()...)})
		if !changed {
			continue
		}
		tmp := newRoot(root.ar)
		add(tmp, nil, a)
		if len(tmp.kids) == 1 {
			root.kids[i] = tmp.kids[0]
			root.forgetIndex()
		}
	}
}

// redact applies the wrapper's redaction and the wrapped handler's.
func (st *state) redact(groups []string, a slog.Attr) slog.Attr {
	if st.redactor != nil {
		a, _ = st.redactor.Attr(groups, a)
	}
	if st.nextRedactor != nil {
		a, _ = st.nextRedactor.Attr(groups, a)
	}
	return a
}

// redactSealed applies the wrapped slogcore handler's redaction to an
// encrypted personal value, which the wrapper's own redaction leaves
// alone. That handler masks what its rules match whatever the wrapper
// does, so the record is hashed as it will be written; a masked
// ciphertext cannot be revealed any more, which OnError is told.
func (st *state) redactSealed(groups []string, a slog.Attr) slog.Attr {
	ra, changed := st.nextRedactor.Attr(groups, a)
	if !changed {
		return a
	}
	st.report(fmt.Errorf("slogaudit: the encrypted personal value %q is written masked: the wrapped handler's redaction matches it, so it can never be revealed (change the slogcore redaction rule that matches it)", a.Key))
	return ra
}

// redactMessage redacts a record's message as redact does its attrs.
func (st *state) redactMessage(msg string) string {
	if st.redactor != nil {
		msg = st.redactor.Message(msg)
	}
	if st.nextRedactor != nil {
		msg = st.nextRedactor.Message(msg)
	}
	return msg
}

// Handle builds, links and writes r. Losses not yet declared are declared
// first, in an audit.gap record. It returns the wrapped handler's error
// or an error wrapping [ErrRecordTooLarge]: the record's seq is then
// declared lost by an audit.gap record written at once, and the error
// says whether that record was written (if not, the next record written
// declares the loss); or [ErrClosed]. While another record's write holds
// the chain step (a writer that blocks: a hung disk, a full pipe nobody
// reads), Handle waits for it; once ctx has ended and the write has gone
// on half a second more, it gives up and returns an error that says so:
// the record took no seq, so the chain does not miss it, and it counts in
// Stats.Refused.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	// Outside the lock, on the caller's goroutine: resolution, redaction,
	// the canonical encoding and its hash. Only the chain step is serial.
	sc := getScratch()
	p := prepare(h.build(r, &sc.ar), sc, h.st.head.Chain, h.tmpl)
	p.next = h.next
	defer p.release()
	st := h.st
	if err := st.lockRecord(ctx, p.root); err != nil {
		return err
	}
	defer st.unlock()
	if st.closed {
		st.stats.Refused++
		return ErrClosed
	}
	st.startLocked(ctx)
	st.sealDueLocked(ctx)
	_ = st.declareLocked(ctx) // a failure is reported and retried before the next record
	if pol := st.cfg.policy; pol != nil {
		violations := pol.check(p.root, r.Time, st.lastTime)
		if len(violations) > 0 {
			if err := st.violatedLocked(ctx, r, p.root, violations); err != nil {
				return err
			}
			// The violations joined the record: encode it again.
			p.reencode()
		}
	}
	if err := st.appendLocked(ctx, r.Time, r.Level, &p, true); err != nil {
		return err
	}
	if st.losses.anyTorn.Load() {
		// The record's newline closed another writer's fragment, which
		// is no longer at the file's end, where a restart would find it:
		// it is named now, not with the next record, which a crash of
		// this process may never let come.
		_ = st.declareLocked(ctx)
	}
	if !r.Time.IsZero() && r.Time.After(st.lastTime) {
		st.lastTime = r.Time
	}
	// The record is written: a checkpoint that fails now is reported
	// (OnError, Stats) and tried again after the next record. It is not
	// this record's error, which would tell the caller that a record now
	// in the log was refused.
	_ = st.maybeCheckpointLocked(ctx)
	st.sealFullLocked(ctx)
	return nil
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
			st.later(func() { st.cfg.onViolation(v) })
		}
	}
	if st.cfg.mode == Annotate {
		// The wrapper's member keeps its name; a caller's attr of that
		// name is renamed.
		a := slog.Any("audit_violations", vs)
		if st.nextRedactor != nil {
			// A wrapped slogcore handler redacts the annotation as any
			// attr.
			a, _ = st.nextRedactor.Attr(nil, a)
		}
		v, c := normalize(a.Value)
		claim(root.ar, root, root.ar.new(node{key: "audit_violations", value: v, canon: c}))
		return nil
	}
	st.stats.Refused++
	msg := st.redactMessage(validUTF8(r.Message))
	if err := st.ownLocked(ctx, MsgViolation, true, Action(SecurityViolation), Outcome(Denied),
		slog.Group("refused", slog.String("msg", msg), slog.String("level", r.Level.String())),
		slog.Any("audit_violations", vs)); err != nil {
		return err
	}
	return &ViolationError{Message: msg, Violations: vs}
}

// startLocked writes the audit.start record once. Like a caller's record,
// it keeps its seq when its write fails, and the next audit.gap record
// declares it lost (naming the torn lines it would have named).
func (st *state) startLocked(ctx context.Context) {
	if st.started {
		return
	}
	st.started = true
	attrs := []slog.Attr{slog.String("chain", st.head.Chain)}
	if st.head.Seq > 0 {
		attrs = append(attrs, slog.Group("resumed_from", slog.Uint64("seq", st.head.Seq), slog.String("hash", st.head.Hash.String())))
	}
	if af := st.direct; af != nil {
		st.cfg.torns = af.stillTorn(st.cfg.torns)
	} else if af := st.tornsOf; af != nil {
		st.cfg.torns = af.stillTorn(st.cfg.torns)
	}
	attrs = appendClosedAttr(attrs, st.closedTorns)
	st.closedTorns = nil
	attrs = appendTornAttrs(attrs, st.cfg.torns)
	// A start that is not written is declared lost at once, by an
	// audit.gap record that names the torn lines in its place.
	st.lostTorn = st.cfg.torns
	if err := st.ownLocked(ctx, MsgStart, true, attrs...); err == nil {
		st.lostTorn = nil
		if st.losses.anyTorn.Load() {
			// The start's newline closed another writer's fragment: it is
			// named now, before anything else is written.
			_ = st.declareLocked(ctx)
		}
	}
}

// ownLocked writes a record of the wrapper's own. keep says whether a
// failed write keeps the record's seq (declared lost later) or takes none.
func (st *state) ownLocked(ctx context.Context, msg string, keep bool, attrs ...slog.Attr) error {
	sc := getScratch()
	root := newRoot(&sc.ar)
	t := st.cfg.now().UTC()
	set(root, sc.ar.new(node{key: slog.TimeKey, value: slog.TimeValue(t), canon: chain.Str(t.Format(time.RFC3339Nano))}))
	set(root, sc.ar.new(node{key: slog.LevelKey, value: slog.StringValue("INFO"), canon: chain.Str("INFO")}))
	set(root, sc.ar.new(node{key: slog.MessageKey, value: slog.StringValue(msg), canon: chain.Str(msg)}))
	for _, a := range attrs {
		if st.nextRedactor != nil {
			// The wrapped slogcore handler redacts the wrapper's own
			// records too: hash what it will write.
			a, _ = st.nextRedactor.Attr(nil, a)
		}
		add(root, nil, a)
	}
	p := prepare(root, sc, st.head.Chain, nil)
	defer p.release()
	return st.appendLocked(ctx, t, slog.LevelInfo, &p, keep)
}

// appendLocked links root as the next record and writes it.
//
// When keep is set (a caller's record, audit.start, audit.violation), the
// record keeps its seq whatever happens: if it is too large or its write
// fails, the head still advances and the seq is declared lost by the next
// audit.gap record, so that the chain says that a record was lost. When
// keep is not set (the wrapper's audit.gap, audit.stop and checkpoint
// records, which are retried), a failed write leaves the head where it was.
func (st *state) appendLocked(ctx context.Context, t time.Time, level slog.Level, p *prepared, keep bool) error {
	seq := st.head.Seq + 1
	hash := p.link(seq, st.head.Hash)
	am := auditMember{chain: st.head.Chain, seq: seq, prev: st.head.Hash, hash: hash}
	if st.mac != nil {
		am.mac, am.epoch, am.hasEpoch = st.macLocked(hash)
		am.hasMAC, am.keyID = true, st.cfg.keyID
	}
	var mac []byte
	if am.hasMAC {
		mac = am.mac[:]
	}
	if limit := st.cfg.maxRecord(); keep && len(p.canon()) > limit {
		err := errTooLarge(len(p.canon()), limit)
		st.stats.TooLarge++
		st.lostLocked(seq, hash, mac, err.Error())
		err = st.lostErrorLocked(ctx, seq, err, "log less in one record (shorter values, fewer attrs), or raise WithMaxRecordSize")
		st.report(err)
		return err
	}
	var err error
	if st.direct != nil {
		st.texts = textsFor(st.texts, am.chain, am.keyID)
		am.texts = st.texts
		// The hash's text is the next line's prev: encoded once.
		am.hashText = chain.Current.AppendHash(st.nextText[:0], hash)
		if st.headText != nil && st.headTextOf == st.head.Hash {
			am.prevText = st.headText
		}
		st.line = appendLine(st.line[:0], p, &am)
		st.headText, st.nextText, st.headTextOf = am.hashText, st.headText[:0], hash
		_, err = st.direct.writeOwn(st.line)
		if err == nil && st.direct.foreignAny() {
			for _, t := range st.direct.takeForeign() {
				st.losses.addTorn(t) // another writer's fragment, closed by this write: an audit.gap names it
			}
		}
		if cap(st.line) > maxPooled {
			st.line = nil
		}
	} else {
		err = st.forwardLocked(ctx, t, level, p, &am)
	}
	if err != nil && errors.Is(err, ErrNotDurable) {
		// The record is in the file whole (the File read it back): it is
		// written, and only its durability is in doubt.
		st.report(fmt.Errorf("slogaudit: record %d of chain %s is written: %w", seq, st.head.Chain, err))
		err = nil
	}
	if err != nil {
		if t := fragmentIn(err); t != nil {
			st.losses.addTorn(*t) // a fragment the File could not cut off: an audit.gap names it
		}
		if ts := tornsToNameIn(err); ts != nil {
			st.losses.addTorn(tornsAsOne(ts)) // the File's torn tail, which the record would have closed unnamed
		}
		switch {
		case keep:
			st.lostLocked(seq, hash, mac, "the wrapped handler failed to write it: "+shorten(err.Error()))
			err = st.lostErrorLocked(ctx, seq, err, "mend what the error names (a full disk, a closed File, a failing writer): the records after it are written once it is mended, and the first of them declares the losses not yet declared")
		case st.direct == nil && st.async == nil:
			// A handler writing to an io.Writer (slog.JSONHandler) may
			// have written part or all of the record before its writer
			// failed: its seq is spent, as a caller's record's is, so
			// that the retry takes the next one (two records of one seq
			// would be a fork) and a fragment it left is that of a record
			// the next audit.gap declares lost. (A File cuts a partial
			// write off, and a slogcore handler completes it.)
			st.stats.Retried++
			st.lostLocked(seq, hash, mac, "the wrapped handler failed to write this "+p.root.message()+" record: "+shorten(err.Error()))
			err = fmt.Errorf("slogaudit: record %d of chain %s (%s) not written, declared lost by the next %s record and written again: %w", seq, st.head.Chain, p.root.message(), MsgGap, err)
		default:
			st.stats.Retried++
			err = fmt.Errorf("slogaudit: record %d of chain %s (%s) not written, the chain stays at %d: %w", seq, st.head.Chain, p.root.message(), st.head.Seq, err)
		}
		st.report(err)
		return err
	}
	st.setHeadLocked(seq, hash)
	st.addLeafLocked(hash, mac)
	st.stats.Written++
	st.sinceCP++
	if st.seal != nil {
		st.seal.records++
	}
	if st.cfg.sync != nil {
		if err := syncFunc(st.cfg.sync); err != nil {
			st.report(fmt.Errorf("slogaudit: sync after record %d: %w", seq, err))
		}
	}
	return nil
}

// forwardLocked passes the record p, with its audit member am, to the
// wrapped handler.
func (st *state) forwardLocked(ctx context.Context, t time.Time, level slog.Level, p *prepared, am *auditMember) error {
	root, next, skip := p.root, st.next, 0
	if p.next != nil && p.tmpl.copiedIn(root) {
		// The With attrs are in p.next already, unchanged by the record.
		next, skip = p.next, len(p.tmpl.kids)
	}
	// Hashes in hex: the wrapped handler's redaction (a slogcore
	// handler's) may take base64url digests for tokens and mask them.
	// The hash and the MAC share one string, and the hash is the next
	// record's prev.
	var digits [4 * len(chain.Hash{})]byte
	n := hex.Encode(digits[:], am.hash[:])
	if am.hasMAC {
		n += hex.Encode(digits[n:], am.mac[:])
	}
	hexes := string(digits[:n])
	hashHex := hexes[:2*len(am.hash)]
	st.forwarded, st.forwardedHex = am.hash, hashHex
	var audit []slog.Attr
	if keepsNoRecord(next) {
		// It has written the record when Handle returns: the attrs can
		// be reused by the next record, under st.mu.
		audit = st.auditAttrs[:0]
	} else {
		audit = make([]slog.Attr, 0, 8)
	}
	audit = append(audit,
		slog.Int("v", int(chain.Current)),
		slog.String("chain", am.chain),
		slog.Uint64("seq", am.seq),
		slog.String("prev", st.headStr),
		slog.String("hash", hashHex),
	)
	if am.hasEpoch {
		audit = append(audit, slog.Uint64("epoch", am.epoch))
	}
	if am.hasMAC {
		audit = append(audit, slog.String("mac", hexes[len(hashHex):]), slog.String("key", am.keyID))
	}
	var msg string
	var room [24]slog.Attr // the record copies them: no allocation for most records
	out := room[:0]
	for _, k := range root.kids[skip:] { // time, level and msg are the record's own fields
		switch {
		case k.group:
			out = append(out, slog.Attr{Key: k.key, Value: slog.GroupValue(k.attrs()...)})
		case k.key == slog.TimeKey, k.key == slog.LevelKey:
		case k.key == slog.MessageKey:
			msg = k.value.String()
		default:
			out = append(out, slog.Attr{Key: k.key, Value: k.value})
		}
	}
	out = append(out, slog.Attr{Key: auditKey, Value: slog.GroupValue(audit...)})
	var rt time.Time
	if !t.IsZero() {
		rt = t.UTC()
	}
	if y := rt.Year(); !rt.IsZero() && (y < 0 || y >= 10000) {
		// A JSON handler writes no such time (slog.JSONHandler writes
		// "!ERROR:…" and the time glued after it): the record goes
		// without one, and its time, as hashed, is an attribute.
		out = append(out[:len(out):len(out)], slog.String(slog.TimeKey, rt.Format(time.RFC3339Nano)))
		rt = time.Time{}
	}
	rec := slog.NewRecord(rt, level, msg, 0)
	rec.AddAttrs(out...)
	hctx := ctx
	if st.async != nil {
		hctx = context.WithValue(ctx, lossTag{}, tagged{st: st, seq: am.seq, declares: st.declaring, names: st.naming})
	}
	return safeHandle(hctx, next, rec)
}

// keepsNoRecord reports whether h is one of log/slog's own handlers, which
// keep nothing of a record once Handle has returned.
func keepsNoRecord(h slog.Handler) bool {
	switch h.(type) {
	case *slog.JSONHandler, *slog.TextHandler:
		return true
	}
	return false
}

// copiedIn reports whether the record root starts with the members of the
// template t as they are: no record attr replaced one of them or joined
// one of its groups.
func (t *node) copiedIn(root *node) bool {
	if len(root.kids) < len(t.kids) {
		return false
	}
	for i, k := range t.kids {
		r := root.kids[i]
		if r == k {
			continue
		}
		if !k.group || !r.group || r.key != k.key || len(r.kids) != len(k.kids) || !k.copiedIn(r) {
			return false
		}
	}
	return true
}

// message returns the record's message.
func (n *node) message() string {
	for _, k := range n.kids {
		if k.key == slog.MessageKey && !k.group {
			return k.value.String()
		}
	}
	return ""
}

// lostErrorLocked declares the loss of record seq at once, in an
// audit.gap record, and returns the error that says what became of the
// record: cause, whether its loss is now declared in the chain, and what
// to do (hint). A loss the audit.gap record could not declare (its write
// failed too) waits for the next record, and Close counts it if it never
// is.
func (st *state) lostErrorLocked(ctx context.Context, seq uint64, cause error, hint string) error {
	id := st.head.Chain
	if err := st.declareLocked(ctx); err != nil || st.losses.has(seq) {
		return fmt.Errorf("slogaudit: record %d of chain %s not written: %w; its loss is not declared in the chain yet (the %s record that would declare it failed too): the next record written declares it, and Close's error counts the losses never declared; %s", seq, id, cause, MsgGap, hint)
	}
	return fmt.Errorf("slogaudit: record %d of chain %s not written, declared lost in the chain by the %s record %d: %w; %s", seq, id, MsgGap, st.head.Seq, cause, hint)
}

// setHeadLocked moves the chain's head to seq and hash.
func (st *state) setHeadLocked(seq uint64, hash chain.Hash) {
	st.head.Seq, st.head.Hash = seq, hash
	st.headStr = ""
	if st.direct == nil {
		if st.forwardedHex != "" && st.forwarded == hash {
			st.headStr = st.forwardedHex
		} else {
			st.headStr = hash.String()
		}
	}
	st.forwardedHex = ""
}

// lostLocked advances the head past a record that was not written and
// marks its seq for the next audit.gap record.
func (st *state) lostLocked(seq uint64, hash chain.Hash, mac []byte, reason string) {
	st.setHeadLocked(seq, hash)
	// The lost record keeps its leaf too, so that the tree stays the
	// size of the chain and later checkpoints (which bound the chain's
	// length) can still be signed.
	st.addLeafLocked(hash, mac)
	st.stats.Failed++
	st.losses.add(seq, reason)
}

func safeHandle(ctx context.Context, h slog.Handler, r slog.Record) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("wrapped handler panicked: %v", p)
		}
	}()
	return h.Handle(ctx, r)
}

// report passes err to OnError. A callback that panics (a send on a
// channel closed at shutdown) must not leave the chain half stepped (a
// record written and its seq taken again), nor stop a background
// goroutine: its panic is dropped.
func (st *state) report(err error) {
	if st.cfg.onError != nil {
		st.later(func() { st.cfg.onError(err) })
	}
}

// later runs f, a call of a caller's callback, with st.mu free, as
// callers log from their callbacks (to this handler too): f waits in
// calls while st.mu is held, and whoever lets go of it (unlock) runs it
// before returning. Calls run in the order they were due; a panic of one
// is dropped.
func (st *state) later(f func()) {
	st.callsMu.Lock()
	st.calls = append(st.calls, f)
	st.callsMu.Unlock()
	if st.mu.TryLock() { // nobody holds it: run f now
		st.unlock()
	}
}

// unlock lets go of st.mu and runs the callbacks due meanwhile.
func (st *state) unlock() {
	st.mu.Unlock()
	for {
		st.callsMu.Lock()
		calls := st.calls
		st.calls = nil
		st.callsMu.Unlock()
		if len(calls) == 0 {
			return
		}
		for _, f := range calls {
			callback(f)
		}
	}
}

// syncFunc runs the WithSyncFunc function, turning its panic into an
// error: the record is written, and its head must advance.
func syncFunc(sync func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("sync function panicked: %v", p)
		}
	}()
	return sync()
}

// callback runs a caller's callback, dropping its panic.
func callback(f func()) {
	defer func() { _ = recover() }()
	f()
}

// maybeCheckpointLocked writes a checkpoint when one is due.
func (st *state) maybeCheckpointLocked(ctx context.Context) error {
	if st.cfg.signer == nil {
		return nil
	}
	due := st.cfg.cpEvery > 0 && st.sinceCP >= st.cfg.cpEvery
	if !due && st.cfg.cpInterval > 0 {
		now := st.cfg.now()
		if now.Before(st.lastCP) {
			st.lastCP = now // the clock stepped back: the interval runs from now
		}
		due = now.Sub(st.lastCP) >= st.cfg.cpInterval
	}
	if !due {
		return nil
	}
	return st.checkpointLocked(ctx)
}

// Close declares every loss it knows of, writes audit.stop and a final
// checkpoint; later records are refused with [ErrClosed]. When the wrapped
// handler is asynchronous (a slogcore handler), Close first waits, within
// ctx, until it has written everything, so that records it lost are
// declared before audit.stop; it does not close that handler, and does
// not hold the handler while it waits, so that records the handler's
// worker logs to it meanwhile are written (until audit.stop; later ones
// are refused with [ErrClosed]). With
// witnesses, it lets them try the final checkpoint once more and waits for
// that or for ctx.
//
// Close returns an error wrapping [ErrRecordsLost] naming the counts when
// any record failed, saying whether each loss is declared in the chain.
// It is safe to call more than once: later calls return the first result.
// A handler made by [File.Handler] first waits, within ctx, for the
// File's [WithFileErrors] callbacks already due, so that what they log to
// it is written before audit.stop.
// A record whose write has not returned (a writer that blocks: a hung
// disk, a full pipe nobody reads) holds the chain: when it has not
// returned half a second after ctx ended, Close returns an error that
// says so, having stopped nothing, and may be called again.
func (h *Handler) Close(ctx context.Context) error {
	if f := h.st.cfg.file; f != nil {
		// A WithFileErrors callback still to run may log to this handler
		// (a failed rotation): let it, before audit.stop ends the chain.
		if err := f.waitErrorsCtx(ctx); errors.Is(err, errWriteBlocked) {
			return err
		} else if err != nil {
			return fmt.Errorf("slogaudit: close: waiting for the File's WithFileErrors callback: %w (it may be blocked; Close again with a later deadline)", err)
		}
	}
	err := h.closeLocked(ctx)
	if errors.Is(err, errWriteBlocked) {
		return err // nothing was stopped, and the lock is held still
	}
	if f := h.st.cfg.file; f != nil {
		h.st.mu.Lock()
		last := h.st.lastTime
		h.st.unlock()
		f.handlerClosed(h.st, h.Head(), last, err == nil) // another handler may continue the chain
	}
	h.st.mu.Lock()
	w := h.st.merkle.witness
	h.st.unlock()
	if w != nil {
		err = errors.Join(err, w.close(ctx))
	}
	return err
}

func (h *Handler) closeLocked(ctx context.Context) error {
	st := h.st
	if err := st.lockCtx(ctx); err != nil {
		return err
	}
	if st.closing != nil {
		// Another Close runs, or ran: its result is this one's.
		done := st.closing
		st.unlock()
		select {
		case <-done:
		case <-ctx.Done():
			return fmt.Errorf("slogaudit: close: waiting for another Close of chain %s: %w", h.Head().Chain, ctx.Err())
		}
		st.mu.Lock()
		defer st.unlock()
		return st.closeErr
	}
	st.closing = make(chan struct{})
	defer func() {
		close(st.closing)
		st.unlock()
	}()
	st.startLocked(ctx)
	if st.direct != nil {
		// A fragment that another writer of the path left at its end is
		// closed and named before the stop.
		st.direct.closeForeign()
		for _, t := range st.direct.takeForeign() {
			st.losses.addTorn(t)
		}
	}
	var errs []error
	stopped := false
	for attempt := 0; attempt < 3; attempt++ {
		// Learn the fate of every record passed on, then declare what was
		// lost and stop. If ctx ends first, declare what is known anyway:
		// the wrapped handler may write it when its writer recovers (it
		// does not wait for room past ctx).
		flushErr := st.flushNext(ctx)
		if err := st.declareLocked(ctx); err == nil && !stopped {
			if err := st.ownLocked(ctx, MsgStop, false, slog.String("chain", st.head.Chain)); err == nil {
				stopped = true
				// From audit.stop on, records are refused: what the
				// wrapped handler's worker logs while Close waits for it
				// is refused, not left behind the stop.
				st.closed = true
				_ = st.checkpointLocked(ctx)
				if st.seal != nil && st.sealLocked(ctx, 1) == nil { // the last epoch too is sealed and its key forgotten
					// The seal is the chain's last record: a checkpoint
					// kept apart from the log covers it, or its removal
					// would go unnoticed.
					_ = st.publishLocked(ctx)
				}
			}
		}
		if flushErr == nil {
			flushErr = st.flushNext(ctx)
		}
		if flushErr != nil {
			errs = append(errs, flushErr)
			break
		}
		if st.losses.count() == 0 && stopped {
			if st.unwatch != nil {
				st.unwatch() // every record passed on has been written
			}
			break
		}
		stopped = false // a record lost after it: declare, then stop again
	}
	st.closed = true
	if !stopped {
		errs = append(errs, fmt.Errorf("slogaudit: close: audit.stop of chain %s not written", st.head.Chain))
	}
	if err := st.lossError(); err != nil {
		errs = append(errs, err)
	}
	st.closeErr = errors.Join(errs...)
	return st.closeErr
}

// flushNext waits until an asynchronous wrapped handler has written, or
// reported the loss of, every record passed to it. It lets go of st.mu
// meanwhile: the handler's worker may log to this handler (from its
// writer, its wrapped handler or OnError), and that record, before
// audit.stop, is written and waited for like any other.
func (st *state) flushNext(ctx context.Context) error {
	if st.async == nil {
		return nil
	}
	st.unlock()
	err := st.async.Flush(ctx)
	st.mu.Lock()
	if err != nil {
		return fmt.Errorf("slogaudit: close: waiting for the wrapped handler: %w: records it loses later are not declared in the chain", err)
	}
	return nil
}

// lossError names the losses, or returns nil when there were none.
func (st *state) lossError() error {
	st.losses.mu.Lock()
	async, redeclared := st.losses.async, st.losses.redeclared
	st.losses.mu.Unlock()
	failed := st.stats.Failed + async
	declared := st.stats.Declared - redeclared
	if failed == 0 {
		return nil
	}
	undeclared := st.losses.count()
	return fmt.Errorf("slogaudit: close: %d records of chain %s lost (%d too large, the rest not written), %d declared in the chain by %s records, %d not declared: %w (see OnError)",
		failed, st.head.Chain, st.stats.TooLarge, declared, MsgGap, undeclared, ErrRecordsLost)
}

// newChainID returns a random chain id: 16 hex digits.
func newChainID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

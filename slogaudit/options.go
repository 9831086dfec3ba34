package slogaudit

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/redact"
)

// Option configures a [Handler].
type Option func(*config)

type config struct {
	level       slog.Leveler
	keyID       string
	key         []byte
	signer      ed25519.PrivateKey
	cpWriter    io.Writer
	cpEvery     int
	cpInterval  time.Duration
	chainID     string
	redactor    *redact.Redactor
	resume      *Head
	sync        func() error
	onError     func(error)
	source      bool
	now         func() time.Time
	torns       []TornLine
	file        *File
	policy      *Policy
	mode        Mode
	onViolation func(Violation)
	maxSize     int
	logName     string
	// witnessing: see WithWitnesses
	witnesses      []Witness
	quorum         int
	witnessHTTP    *http.Client
	witnessBackoff time.Duration
	errs           []error
	// sealing: see WithSealing
	sealing     bool
	sealEvery   time.Duration
	sealRecords int
	// personal data: see WithKeyStore, WithPersonalKeys
	keyStore     KeyStore
	subjectKey   string
	personalKeys map[string]bool
}

// DefaultMaxRecordSize is the default limit of [WithMaxRecordSize].
const DefaultMaxRecordSize = 1 << 20

// WithMaxRecordSize refuses records whose canonical form (RFC 8785 JSON,
// without the audit member) is longer than n bytes: Handle returns an
// error wrapping [ErrRecordTooLarge], the record is counted in
// Stats.TooLarge and Failed, and its seq is declared lost in the chain by
// an audit.gap record. The line a JSON handler writes is a few hundred
// bytes longer (the audit member), more where it escapes characters that
// RFC 8785 does not. Default: [DefaultMaxRecordSize]. The verifier reads
// lines of any length unless told otherwise (VerifyOptions.MaxLineBytes).
func WithMaxRecordSize(n int) Option {
	return func(c *config) {
		if n <= 0 {
			c.errs = append(c.errs, fmt.Errorf("WithMaxRecordSize(%d): want a positive number of bytes", n))
		}
		c.maxSize = n
	}
}

// maxRecord returns the record size limit in bytes.
func (c *config) maxRecord() int {
	if c.maxSize <= 0 {
		return DefaultMaxRecordSize
	}
	return c.maxSize
}

// MinKeySize is the shortest HMAC key [WithKey] accepts.
const MinKeySize = 16

// WithKey sets the HMAC-SHA256 key and the id written with every record
// ("key" in the audit member), so that verifiers pick the right key after
// rotation. Keys shorter than [MinKeySize] bytes are refused.
func WithKey(id string, key []byte) Option {
	return func(c *config) {
		if len(key) < MinKeySize {
			c.errs = append(c.errs, fmt.Errorf("WithKey: key %q has %d bytes: want at least %d (generate one with `slogaudit keygen`)", id, len(key), MinKeySize))
		}
		if err := chain.ValidKeyID(id); err != nil {
			c.errs = append(c.errs, fmt.Errorf("WithKey: %w", err))
		}
		c.keyID, c.key = id, append([]byte(nil), key...)
	}
}

// WithSigner sets the Ed25519 key that signs checkpoints.
func WithSigner(key ed25519.PrivateKey) Option {
	return func(c *config) {
		if len(key) != ed25519.PrivateKeySize {
			c.errs = append(c.errs, fmt.Errorf("WithSigner: key has %d bytes: want an ed25519.PrivateKey of %d", len(key), ed25519.PrivateKeySize))
		}
		c.signer = key
	}
}

// WithCheckpoints writes a signed checkpoint every n records and whenever
// interval has passed since the last one when a record is logged (0 turns
// either off), and at Close: to w, one JSON line each, and in-band as a
// chained record. Each is a C2SP tlog-checkpoint signed note over the
// chain's Merkle tree; pass a [CheckpointFile] as w so that a restarted
// handler checks its tree against the last checkpoint it signed. Keep w apart from the log (another file, another host):
// it is what detects the removal of the newest records. Under
// [WithSealing], Close writes one more checkpoint to w (not in-band)
// after the last seal, which is the chain's last record. A checkpoint
// goes to w only once the records it covers are in the log: over a
// [File] it syncs the file first, and over a slogcore handler it waits
// (at most 5s, else the checkpoint is held back and reported) until that
// handler has written and synced them. Over any other handler, pass
// [WithSyncFunc] so that a power loss cannot leave w ahead of the log.
// Requires [WithSigner].
func WithCheckpoints(w io.Writer, every int, interval time.Duration) Option {
	return func(c *config) {
		if every < 0 || interval < 0 {
			c.errs = append(c.errs, fmt.Errorf("WithCheckpoints: every %d and interval %v: want 0 (off) or more", every, interval))
		}
		c.cpWriter, c.cpEvery, c.cpInterval = w, every, interval
	}
}

// WithChainID names the chain. Default: a random id per handler
// ([File.Handler]: the file's last chain, unless another File writes it).
// Processes that share one file need different ids.
func WithChainID(id string) Option {
	return func(c *config) {
		if err := chain.ValidChainID(id); err != nil {
			c.errs = append(c.errs, fmt.Errorf("WithChainID: %w", err))
		}
		c.chainID = id
	}
}

// WithRedactor redacts records before they are hashed. Default: the
// redact.Credentials preset; redact.Disabled turns it off.
func WithRedactor(r *redact.Redactor) Option {
	return func(c *config) { c.redactor = r }
}

// WithResume continues the chain from head (as returned by [Handler.Head]
// or recovered by [OpenFile]) instead of starting a new one. A head at seq
// 0 is the chain's start: its hash must be zero or the chain's genesis,
// and the chain starts at seq 1 as under [WithChainID].
func WithResume(head Head) Option {
	return func(c *config) {
		if err := chain.ValidChainID(head.Chain); err != nil {
			c.errs = append(c.errs, fmt.Errorf("WithResume: %w", err))
		}
		switch {
		case head.Seq == 0 && head.Hash != (chain.Hash{}) && head.Hash != chain.Genesis(head.Chain):
			c.errs = append(c.errs, fmt.Errorf("WithResume: head of chain %q at seq 0 has hash %s, not the chain's genesis: pass the head of its last record", head.Chain, head.Hash))
		case head.Seq > 0 && head.Hash == (chain.Hash{}):
			c.errs = append(c.errs, fmt.Errorf("WithResume: head of chain %q at seq %d has no hash: pass the head of its last record (File.Heads, Handler.Head)", head.Chain, head.Seq))
		}
		h := head
		if h.Seq == 0 {
			h.Hash = chain.Genesis(h.Chain)
		}
		c.resume = &h
	}
}

// WithSyncFunc calls sync after every record the wrapped handler accepted (for
// a file, pass its Sync method). A sync error (or panic) is reported to
// OnError; the record stays in the chain.
func WithSyncFunc(sync func() error) Option {
	return func(c *config) { c.sync = sync }
}

// OnError is called with every error: a failed write, a panic in the
// wrapped handler, a failed checkpoint or sync. It may be called from a
// background goroutine (witnesses); a panic of f is dropped. It is never
// called while the handler holds its lock, so f may log to the handler
// (the error of a failed record, say): an error that arises in Handle
// or Close is passed to f before that call returns, once the record's
// chain step is done.
func OnError(f func(error)) Option {
	return func(c *config) { c.onError = f }
}

// WithSource adds the caller's source location as an ordinary, hashed
// "source" attribute (do not set AddSource on the wrapped handler).
func WithSource() Option {
	return func(c *config) { c.source = true }
}

// WithLevel sets the minimum level of the records the handler writes
// (below it, Enabled reports false); without it the wrapped handler's own
// level decides. A *slog.LevelVar changes it live.
func WithLevel(l slog.Leveler) Option { return func(c *config) { c.level = l } }

// WithTorn makes the audit.start record name the torn lines that
// [OpenFile] found ([File.Torns], oldest first), so that the verifier
// reports them as a crash's fragments, not as tampering. [File.Handler]
// passes them on by itself; a handler built with [New] over a File
// (through slogcore.New, for instance) needs them after a crash, with
// [WithResume]:
//
//	opts := []slogaudit.Option{slogaudit.WithKey(id, key), slogaudit.WithResume(af.Heads()[chain])}
//	opts = append(opts, slogaudit.WithTorn(af.Torns()...))
//
// A head that an open File recovered ([File.Heads]) brings that File's
// fragments with it: the first handler built with [New] that resumes
// such a head without WithTorn names them, once. A handler that starts a
// new chain over the File without WithTorn names them in an audit.gap:
// the File refuses its first record (the audit.start, or the first batch
// of a slogcore handler), which would close them unnamed, and the
// audit.gap declaring it lost names them.
//
// Several crashes in a row (one while the restart after another was
// writing its audit.start, say) leave several fragments: pass them all,
// or the newest alone as [File.Torn] returns it, which brings the older
// ones with it.
func WithTorn(t ...TornLine) Option {
	var torns []TornLine
	if len(t) == 1 && t[0].earlier != nil {
		// The newest of the fragments a File found ([File.Torn]): the
		// older ones are named with it.
		torns = append(torns, *t[0].earlier...)
	}
	for _, x := range t {
		x.earlier = nil
		torns = append(torns, x)
	}
	return func(c *config) { c.torns = torns }
}

// withFile lets the handler check the file's settings against its policy.
func withFile(f *File) Option { return func(c *config) { c.file = f } }

// WithPolicy checks the configuration against p in [New] (every problem at
// once, each naming the option to set and the clause that requires it) and
// every record at runtime.
func WithPolicy(p Policy) Option {
	return func(c *config) { c.policy = &p }
}

// WithMode sets what happens to a record that violates the policy: [Annotate]
// (the default) or [Strict].
func WithMode(m Mode) Option {
	return func(c *config) {
		if m != Annotate && m != Strict {
			c.errs = append(c.errs, fmt.Errorf("WithMode(%d): want Annotate or Strict", m))
		}
		c.mode = m
	}
}

// OnViolation is called for every violation, in order, before the call
// that found it (Handle) returns, once the handler has let go of its
// lock, so that f may log to the handler; a panic of f is dropped.
func OnViolation(f func(Violation)) Option { return func(c *config) { c.onViolation = f } }

// withClock replaces time.Now, for tests.
func withClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

func (c *config) validate() error {
	errs := c.errs
	if c.cpWriter != nil && c.signer == nil {
		errs = append(errs, errors.New("WithCheckpoints: checkpoints are signed: add WithSigner"))
	}
	errs = append(errs, c.checkWitnessing()...)
	errs = append(errs, c.validateSealing()...)
	if c.personalKeys != nil && c.keyStore == nil {
		errs = append(errs, errors.New("WithPersonalKeys: personal values are encrypted with per-subject keys: add WithKeyStore"))
	}
	if c.policy != nil {
		errs = append(errs, c.policy.checkConfig(c)...)
	}
	if id := c.chainID; c.signer != nil {
		if c.resume != nil {
			id = c.resume.Chain
		}
		if id != "" && chain.ValidChainID(id) == nil && !chain.ValidName(c.origin(id)) {
			errs = append(errs, fmt.Errorf("chain id %q: a checkpoint names its chain in its origin %q, which holds no spaces or '+': choose an id without them", id, c.origin(id)))
		}
	}
	if c.resume != nil && c.chainID != "" && c.chainID != c.resume.Chain {
		errs = append(errs, fmt.Errorf("WithChainID %q conflicts with WithResume of chain %q", c.chainID, c.resume.Chain))
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("slogaudit: invalid configuration: %w", errors.Join(errs...))
}

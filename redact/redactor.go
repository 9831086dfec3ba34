package redact

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
)

// DefaultMask replaces every redacted value unless a [Rule] sets another.
const DefaultMask = "[REDACTED]"

// Default guardrails of a [Redactor].
const (
	DefaultMaxDepth = 16
	DefaultMaxNodes = 10000
)

// Rule is one part of a [Redactor]'s configuration. The presets
// ([Credentials], [PCIDSS], [HIPAA], [GDPR], [CCPA], [ContactInfo]) are Rules;
// combine them and your own in [New].
type Rule struct {
	// Name identifies the rule in [Redactor.Counters]. Required when the rule
	// has Terms or Paths.
	Name string

	// Terms are key words that mark a key as sensitive. A key is split into
	// words on '_', '-', '.', spaces and camelCase ("clientSecret",
	// "client_secret" and "CLIENT-SECRET" are all [client secret]); it is
	// sensitive when consecutive words, joined, equal a term joined the same
	// way ("api key", "api_key" and "apikey" are one term). Matching is by
	// whole words, so "author" does not match "auth". A match followed by a
	// word that describes metadata rather than the value ("count", "length",
	// "type", "id", "expiry", ... see [MetadataWords]) is not sensitive:
	// token_count and password_length are logged, user_password is not.
	Terms []string

	// Paths are dotted paths of groups and keys, matched case-insensitively;
	// "*" stands for exactly one segment ("http.headers.*", "*.card.number").
	Paths []string

	// Detectors find secrets inside string values: every string is scanned,
	// including error text, the message (unless SkipMessage) and the
	// serialised form of values that marshal themselves.
	Detectors []Detector

	// Allow lists keys (case-insensitive) that are never masked by key or
	// path, even when a term matches. Values under them are still scanned.
	Allow []string

	// Mask replaces masked values; "" keeps [DefaultMask]. All rules that set
	// a mask must agree.
	Mask string

	// SkipMessage turns off the scanning of the record's message.
	SkipMessage bool

	// MaxDepth and MaxNodes bound the work on one attribute: deeper levels,
	// and every value after the first MaxNodes, are masked, never passed
	// through. 0 keeps [DefaultMaxDepth] and [DefaultMaxNodes]; when rules
	// disagree the smallest wins.
	MaxDepth int
	MaxNodes int
}

// MetadataWords are key words that, right after a term, make a key describe
// the secret rather than hold it (token_count, password_length).
var MetadataWords = []string{
	"count", "counts", "length", "len", "size", "type", "kind", "id", "ids",
	"ttl", "expiry", "expires", "expiration", "exp", "age", "version", "policy",
	"strength", "required", "enabled", "present", "valid", "set", "name",
	"field", "fields", "hint", "rotated", "rotation", "updated", "created",
	"changed", "at", "url", "uri", "endpoint", "status", "limit", "format",
	"brand", "last4", "bin", "network", "issuer", "funding", "country", "used",
	"remaining", "total", "consumed", "rate", "ratio", "percent", "pct", "fail",
	"failed", "failure", "failures", "error", "errors", "through", "service", "server",
	"domain", "realm", "flow", "strategy", "backend", "store", "plugin", "middleware", "attempt",
	"attempts", "retries", "latency", "duration", "timeout", "algorithm", "alg", "success",
	"method", "scheme", "mode", "prefix", "provider", "source", "arn", "audience", "aud",
	"reset", "path", "file", "fd", "dir", "check", "checks", "result", "results", "sent", "lang",
	"language", "level", "ref", "refs", "reference", "ms", "millis", "sec", "secs", "seconds",
	"minutes", "hours", "days", "samesite", "httponly", "secure", "stdin", "model", "driver", "template",
	"verified", "pattern", "regex", "placeholder", "label", "prompt", "digits", "period", "header", "supported",
	"question", "sock", "socket", "interval", "family", "min", "max", "jar",
	"usage", "budget", "quota", "protocol", "proto",
}

// A Redactor masks secrets and personal data in slog attributes: by key,
// by path, and by value detectors inside strings. It is safe for concurrent
// use, and its counters are shared by every handler that uses it.
type Redactor struct {
	mask         string
	emails       bool // the e-mail detector is on: quoted-printable text with =40 is decoded (findLevels)
	maskValue    any  // mask, boxed once: the walker returns it as an any without allocating
	scanMessage  bool
	terms        map[string]string             // joined term -> rule name
	maxTerm      int                           // most words in a term
	nonASCII     bool                          // some term has a letter outside ASCII: keys in text may too
	sqlRule      string                        // the rule of the term "password": SQL's IDENTIFIED BY '…' in text
	nameRule     string                        // the rule of the term "full name": the name after "Dear" in text
	compounds    []string                      // the compoundTerms among the terms
	termSig      [1 << termSigBits / 64]uint64 // the words a term can end with, by wordSigAt: for mayBeKey and prescan
	termStarts   [11]uint64                    // the first two letters of those words (26*26 bits)
	compoundTail [11]uint64                    // the last two letters of the compound terms (26*26 bits)
	compoundEnds [1 << 16 / 64]uint64          // the same two bytes, in any case, for prescan
	cards        bool                          // the card-number detector is on: integers are checked too
	jwk          bool                          // the private-key detector is on: JWKs' private members are masked
	tokens       bool                          // the token detector is on: a vendor's secret under its name as a key is masked (vendorKey)
	paths        []pathRule
	allow        map[string]bool
	detectors    []Detector
	gate         *detectorGate // which detectors a string's flags and marks admit; nil with more than 64
	maxDepth     int
	maxNodes     int
	metadata     map[string]bool
	off          bool
	rules        []string // names of the rules, in order

	keys      keyCache
	clean     [cleanSlots]atomic.Pointer[string]
	cleanSeen [cleanSlots]atomic.Uint64
	counts    map[string]*atomic.Uint64
	total     atomic.Uint64
	panics    atomic.Uint64
	names     []string // counter names in order
	minScan   int      // shortest string any detector can match
}

// Disabled is a Redactor that masks nothing: it turns redaction off
// wherever a *Redactor is taken (slogcore.Options.Redact, [NewHandler]).
var Disabled = &Redactor{off: true}

// Counter names for guardrails.
const (
	counterDepth = "depth-limit"
	counterSize  = "size-limit"
	counterPanic = "panic"
	// counterLogTag counts struct fields tagged `log:"redact"`.
	counterLogTag = "log-tag"
)

// New builds a Redactor from rules. With no rules it uses
// [Credentials]. Every problem in the rules is reported at once.
func New(rules ...Rule) (*Redactor, error) {
	if len(rules) == 0 {
		rules = []Rule{Credentials}
	}
	r := &Redactor{
		mask:        DefaultMask,
		scanMessage: true,
		terms:       map[string]string{},
		allow:       map[string]bool{},
		maxDepth:    DefaultMaxDepth,
		maxNodes:    DefaultMaxNodes,
		metadata:    map[string]bool{},
		counts:      map[string]*atomic.Uint64{},
		minScan:     1 << 30,
	}
	for _, w := range MetadataWords {
		r.metadata[w] = true
	}
	var errs []error
	mask := ""
	seenDetector := map[string]bool{}
	for i, rule := range rules {
		where := fmt.Sprintf("rule %d (%q)", i, rule.Name)
		if rule.Name == "" && (len(rule.Terms) > 0 || len(rule.Paths) > 0) {
			errs = append(errs, fmt.Errorf("%s: Name is empty: name the rule, it is reported by Redactor.Counters", where))
		}
		for _, t := range rule.Terms {
			words := splitKey(t)
			if len(words) == 0 {
				errs = append(errs, fmt.Errorf("%s: term %q has no letters or digits", where, t))
				continue
			}
			r.terms[strings.Join(words, "")] = rule.Name
			r.nonASCII = r.nonASCII || !isASCII(t)
			if j := strings.Join(words, ""); slices.Contains(compoundTerms, j) && !slices.Contains(r.compounds, j) {
				r.compounds = append(r.compounds, j)
				n, _ := letterPair(j[len(j)-2], j[len(j)-1]) // compound terms are lower-case letters
				r.compoundTail[n>>6] |= 1 << (n & 63)
				for _, p := range caseSpellings(j[len(j)-2:]) {
					n := uint16(p[0])<<8 | uint16(p[1])
					r.compoundEnds[n>>6] |= 1 << (n & 63)
				}
			}
			if isASCII(t) { // words with letters outside ASCII pass the prefilter whole (see mayBeKey)
				r.addTermEnds(words)
			}
			if oidTermWords[strings.Join(words, "")] {
				r.bloomAdd("oid") // a FHIR identifier's urn:oid: system (findPairs: systemTerm)
			}
			if strings.Join(words, "") == "familyname" {
				r.bloomAdd("family") // a FHIR HumanName's members (findPairs: humanNamePart)
				r.bloomAdd("given")
			}
			if n := len(words); n >= 2 && words[n-1] == "number" {
				// A number's abbreviations: account no, policy num, member nbr, NHS nr.
				for _, abbr := range [...]string{"no", "num", "nbr", "nr"} {
					alias := append(slices.Clone(words[:n-1]), abbr)
					if j := strings.Join(alias, ""); r.terms[j] == "" {
						r.terms[j] = rule.Name
						r.addTermEnds(alias)
					}
				}
			}
			r.maxTerm = max(r.maxTerm, len(words))
		}
		for _, p := range rule.Paths {
			segs := strings.Split(strings.ToLower(p), ".")
			if slices.Contains(segs, "") {
				errs = append(errs, fmt.Errorf("%s: path %q has an empty segment: want dotted names such as \"http.headers.*\"", where, p))
				continue
			}
			r.paths = append(r.paths, pathRule{segs, rule.Name})
		}
		for _, d := range rule.Detectors {
			if d.find == nil || d.Name == "" {
				errs = append(errs, fmt.Errorf("%s: detector %q is not usable: build detectors with DetectorFunc or DetectRegexp, or use the Detect... values", where, d.Name))
				continue
			}
			if !seenDetector[d.Name] {
				seenDetector[d.Name] = true
				d.catalog = isCatalog(d)
				r.detectors = append(r.detectors, d)
				r.cards = r.cards || d.Name == DetectCardNumber.Name
				r.jwk = r.jwk || d.Name == DetectPrivateKey.Name
				r.tokens = r.tokens || d.Name == DetectTokens.Name
				r.emails = r.emails || d.Name == DetectEmail.Name
				r.minScan = min(r.minScan, d.min)
				r.addCounter(d.Name)
			}
		}
		for _, k := range rule.Allow {
			r.allow[strings.ToLower(k)] = true
		}
		if rule.Mask != "" {
			if mask != "" && mask != rule.Mask {
				errs = append(errs, fmt.Errorf("%s: Mask %q conflicts with %q set by an earlier rule", where, rule.Mask, mask))
			}
			if strings.ContainsAny(rule.Mask, "\"\\\x00\n\r\t") {
				errs = append(errs, fmt.Errorf("%s: Mask %q contains a quote, backslash or control character: want plain text", where, rule.Mask))
			}
			mask = rule.Mask
		}
		if rule.SkipMessage {
			r.scanMessage = false
		}
		if rule.MaxDepth < 0 || rule.MaxNodes < 0 {
			errs = append(errs, fmt.Errorf("%s: MaxDepth %d and MaxNodes %d: want 0 (default) or more", where, rule.MaxDepth, rule.MaxNodes))
		}
		if rule.MaxDepth > 0 {
			r.maxDepth = min(r.maxDepth, rule.MaxDepth)
		}
		if rule.MaxNodes > 0 {
			r.maxNodes = min(r.maxNodes, rule.MaxNodes)
		}
		if rule.Name != "" {
			r.addCounter(rule.Name)
			r.rules = append(r.rules, rule.Name)
		}
	}
	if mask != "" {
		r.mask = mask
	}
	r.maskValue = r.mask
	if len(r.terms) > 0 {
		r.minScan = min(r.minScan, 3) // "k=v"
	}
	if r.sqlRule = r.terms["password"]; r.sqlRule != "" {
		r.bloomAdd("identified") // the word findPairs reads an SQL IDENTIFIED BY clause after
		r.bloomAdd("login")      // and an IMAP LOGIN command's password, and "login with bob / S3cret!9" (loginPairs)
		r.bloomAdd("logon")      // loginPairs' other phrases
		r.bloomAdd("signin")
		r.bloomAdd("net")          // and the commands positionalPasswords reads: net user,
		r.bloomAdd("rabbitmqctl")  // rabbitmqctl add_user
		r.bloomAdd("authenticate") // the IMAP command before a SASL response
		r.bloomAdd("bindpw")       // and OpenLDAP's and nslcd's "bindpw S3cret", shorter than prescan's compound words
		r.bloomAdd("setuser")      // and Redis' ACL SETUSER rules (>S3cret); vault login TOKEN passes with login
		for _, w := range commandWords {
			r.bloomAdd(w) // and the commands commandPasswords reads
		}
	}
	if r.nameRule = r.terms["fullname"]; r.nameRule != "" {
		r.bloomAdd("dear") // the salutation findPairs reads a name after: Dear Jane Roe,
	}
	r.gate = newDetectorGate(r.detectors)
	r.addCounter(counterDepth)
	r.addCounter(counterSize)
	r.addCounter(counterPanic)
	r.addCounter(counterLogTag)
	if len(errs) > 0 {
		return nil, fmt.Errorf("redact: invalid redaction rules: %w", errors.Join(errs...))
	}
	return r, nil
}

// Must is like [New] but panics on invalid rules.
func Must(rules ...Rule) *Redactor {
	r, err := New(rules...)
	if err != nil {
		panic(err)
	}
	return r
}

func (r *Redactor) addCounter(name string) {
	if _, ok := r.counts[name]; !ok {
		r.counts[name] = new(atomic.Uint64)
		r.names = append(r.names, name)
	}
}

func (r *Redactor) count(name string) {
	r.total.Add(1)
	if c := r.counts[name]; c != nil {
		c.Add(1)
	}
}

// uncount takes back a count of name.
func (r *Redactor) uncount(name string) {
	r.total.Add(^uint64(0))
	if c := r.counts[name]; c != nil {
		c.Add(^uint64(0))
	}
}

// Mask returns the text that replaces masked values.
func (r *Redactor) Mask() string { return r.mask }

// Scalar reports how to write a scalar attr (any kind but Group, Any and
// LogValuer) under key, inside groups: the key to write (a placeholder
// when the key itself holds personal data or a secret) and whether its
// value is replaced by [Redactor.Mask]. It counts what it masks. A string
// value that is not masked still needs [Redactor.String]. It is the hot
// path of an encoder: nothing is copied, and a key seen before costs one
// cache lookup.
func (r *Redactor) Scalar(groups []string, key string, v slog.Value) (outKey string, mask bool) {
	if r == nil || r.off {
		return key, false
	}
	kv, rule := r.judgeScalar(groups, key)
	outKey = key
	if kv.key != "" {
		outKey = kv.key
		r.count(kv.keyBy)
	}
	if masksValue(kv, rule, v) {
		r.count(rule)
		return outKey, true
	}
	if rule == "" && vendorMasks(kv, v) {
		r.count(DetectTokens.Name)
		return outKey, true
	}
	if r.cards && !kv.noCards && intIsCard(v) {
		r.count(DetectCardNumber.Name)
		return outKey, true
	}
	return outKey, false
}

// PlainKey reports whether [Redactor.Scalar] leaves key at groups alone
// whatever the value: no rule masks values under it, by term or by path,
// and the key itself is written as it is. ints reports that numbers
// (integers, and floats that hold whole numbers) under it must still go
// through Scalar, for the card-number check. The
// answer depends on groups and key alone, so an encoder may remember it
// for a key and a group path that do not change.
func (r *Redactor) PlainKey(groups []string, key string) (plain, ints bool) {
	if r == nil || r.off {
		return true, false
	}
	kv, rule := r.judgeScalar(groups, key)
	return kv.key == "" && rule == "" && kv.vendor == nil, r.cards && !kv.noCards
}

// judgeScalar is judge for an attr that is no group, written at groups. A
// value under the empty key is written too (slog writes "": …), inside
// every group it is in: under a group that names a secret, or at a path
// whose last segment is "*", its value is masked as any other there.
func (r *Redactor) judgeScalar(groups []string, key string) (*keyVerdict, string) {
	kv, rule := r.judge(groups, key)
	if key == "" && rule == "" {
		if len(r.paths) > 0 {
			rule = r.pathRule(groups, key)
		}
		if rule == "" {
			rule = r.groupsRule(groups)
		}
	}
	return kv, rule
}

// ScansMessage reports whether r scans a record's message (no rule set
// SkipMessage).
func (r *Redactor) ScansMessage() bool { return r != nil && !r.off && r.scanMessage }

// ErrorText returns the text to write for err: err.Error(), or the mask
// when Error panics (fail closed, counted as a panic). scan reports whether
// the text still needs [Redactor.String].
func (r *Redactor) ErrorText(err error) (text string, scan bool) {
	text, panicked := errorTextChecked(err)
	if !panicked {
		return text, true
	}
	r.panics.Add(1)
	r.count(counterPanic)
	return r.mask, false
}

// Message returns msg redacted as a record's message: scanned by the
// detectors unless a rule set SkipMessage.
func (r *Redactor) Message(msg string) string {
	if r == nil || r.off || !r.scanMessage {
		return msg
	}
	s, _ := r.String(msg)
	return s
}

// Off reports whether r is [Disabled].
func (r *Redactor) Off() bool { return r != nil && r.off }

// Counters returns how many values r masked, by rule or detector name, and
// how many panics inside redaction it turned into masks. Only names with a
// count above zero are present.
func (r *Redactor) Counters() (byRule map[string]uint64, panics uint64) {
	if r == nil || r.off {
		return nil, 0
	}
	byRule = make(map[string]uint64, len(r.names))
	for _, n := range r.names {
		if v := r.counts[n].Load(); v > 0 {
			byRule[n] = v
		}
	}
	return byRule, r.panics.Load()
}

// Total returns how many values r masked, all rules together.
func (r *Redactor) Total() uint64 {
	if r == nil || r.off {
		return 0
	}
	return r.total.Load()
}

// Rules returns the names of the rules r was built from ("credentials",
// "pcidss", ...), so that a policy can check which presets are in force.
func (r *Redactor) Rules() []string {
	if r == nil || r.off {
		return nil
	}
	return append([]string(nil), r.rules...)
}

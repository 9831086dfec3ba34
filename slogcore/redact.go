package slogcore

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// DefaultMask replaces every redacted value unless a [Rule] sets another.
const DefaultMask = "[REDACTED]"

// Default guardrails of a [Redactor].
const (
	DefaultMaxDepth = 16
	DefaultMaxNodes = 10000
)

// Rule is one part of a [Redactor]'s configuration. The presets
// ([Credentials], [PCI], [HIPAA], [GDPR], [CCPA], [ContactInfo]) are Rules;
// combine them and your own in [NewRedactor].
type Rule struct {
	// Name identifies the rule in [Stats.RedactedBy]. Required when the rule
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
}

// A Redactor masks secrets and personal data in slog attributes: by key,
// by path, and by value detectors inside strings. It is safe for concurrent
// use, and its counters are shared by every handler that uses it.
type Redactor struct {
	mask        string
	scanMessage bool
	terms       map[string]string // joined term -> rule name
	maxTerm     int               // most words in a term
	paths       []pathRule
	allow       map[string]bool
	detectors   []Detector
	maxDepth    int
	maxNodes    int
	metadata    map[string]bool
	off         bool
	rules       []string // names of the rules, in order

	keys    atomic.Pointer[map[string]keyVerdict]
	fast    [512]atomic.Pointer[keySlot]
	keysMu  sync.Mutex
	counts  map[string]*atomic.Uint64
	total   atomic.Uint64
	panics  atomic.Uint64
	names   []string // counter names in order
	minScan int      // shortest string any detector can match
}

type pathRule struct {
	segs []string
	rule string
}

type keyVerdict struct {
	rule    string // "" when not sensitive
	allowed bool
}

// NoRedaction turns redaction off in [Options.Redact].
var NoRedaction = &Redactor{off: true}

// Counter names for guardrails.
const (
	counterDepth = "depth-limit"
	counterSize  = "size-limit"
	counterPanic = "panic"
	// counterLogTag counts struct fields tagged `log:"redact"`.
	counterLogTag = "log-tag"
)

// NewRedactor builds a Redactor from rules. With no rules it uses
// [Credentials]. Every problem in the rules is reported at once.
func NewRedactor(rules ...Rule) (*Redactor, error) {
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
			errs = append(errs, fmt.Errorf("%s: Name is empty: name the rule, it is reported in Stats.RedactedBy", where))
		}
		for _, t := range rule.Terms {
			words := splitKey(t)
			if len(words) == 0 {
				errs = append(errs, fmt.Errorf("%s: term %q has no letters or digits", where, t))
				continue
			}
			r.terms[strings.Join(words, "")] = rule.Name
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
				r.detectors = append(r.detectors, d)
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
	if len(r.terms) > 0 {
		r.minScan = min(r.minScan, 3) // "k=v"
	}
	r.addCounter(counterDepth)
	r.addCounter(counterSize)
	r.addCounter(counterPanic)
	r.addCounter(counterLogTag)
	empty := map[string]keyVerdict{}
	r.keys.Store(&empty)
	if len(errs) > 0 {
		return nil, fmt.Errorf("slogcore: invalid redaction rules: %w", errors.Join(errs...))
	}
	return r, nil
}

// MustRedactor is like [NewRedactor] but panics on invalid rules.
func MustRedactor(rules ...Rule) *Redactor {
	r, err := NewRedactor(rules...)
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

// Mask returns the text that replaces masked values.
func (r *Redactor) Mask() string { return r.mask }

// counters fills the redaction fields of s.
func (r *Redactor) counters(s *Stats) {
	if r == nil || r.off {
		return
	}
	s.Redacted = r.total.Load()
	s.RedactPanics = r.panics.Load()
	s.RedactedBy = make(map[string]uint64, len(r.names))
	for _, n := range r.names {
		if v := r.counts[n].Load(); v > 0 {
			s.RedactedBy[n] = v
		}
	}
}

// splitKey splits a key into lower-case words on '_', '-', '.', spaces,
// other punctuation and camelCase boundaries ("APIKey" is [api key]).
func splitKey(key string) []string {
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, strings.ToLower(key[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !isAlnum(c) && c < 0x80 {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := key[i-1]
		upper := c >= 'A' && c <= 'Z'
		switch {
		case upper && prev >= 'a' && prev <= 'z': // fooBar
			flush(i)
			start = i
		case upper && prev >= 'A' && prev <= 'Z' && i+1 < len(key) && key[i+1] >= 'a' && key[i+1] <= 'z': // APIKey
			flush(i)
			start = i
		}
	}
	flush(len(key))
	return words
}

// keyRule returns the name of the rule that makes key sensitive, or "".
// Verdicts are cached; the cache is copied on write and bounded.
func (r *Redactor) keyRule(key string) string {
	if v, ok := (*r.keys.Load())[key]; ok {
		return v.rule
	}
	v := r.judgeKey(key)
	r.keysMu.Lock()
	old := *r.keys.Load()
	if len(old) < 4096 {
		m := make(map[string]keyVerdict, len(old)+1)
		for k, x := range old {
			m[k] = x
		}
		m[key] = v
		r.keys.Store(&m)
	}
	r.keysMu.Unlock()
	return v.rule
}

func (r *Redactor) judgeKey(key string) keyVerdict {
	if r.allow[strings.ToLower(key)] {
		return keyVerdict{allowed: true}
	}
	if len(r.terms) == 0 {
		return keyVerdict{}
	}
	words := splitKey(key)
	var joined [128]byte
	for i := range words {
		n := 0
		for j := i; j < len(words) && j-i < max(r.maxTerm, 3); j++ {
			n += copy(joined[n:], words[j])
			rule, ok := r.terms[string(joined[:n])]
			if !ok {
				continue
			}
			if j+1 < len(words) && r.metadata[words[j+1]] {
				continue // token_count describes the token
			}
			return keyVerdict{rule: rule}
		}
	}
	return keyVerdict{}
}

// pathRule returns the name of the path rule matching groups+key, or "".
func (r *Redactor) pathRule(groups []string, key string) string {
	for _, p := range r.paths {
		if len(p.segs) != len(groups)+1 {
			continue
		}
		ok := true
		for i, seg := range p.segs {
			name := key
			if i < len(groups) {
				name = groups[i]
			}
			if seg != "*" && !strings.EqualFold(seg, name) {
				ok = false
				break
			}
		}
		if ok {
			return p.rule
		}
	}
	return ""
}

// sensitive returns the rule that masks the value under key at groups, or "".
func (r *Redactor) sensitive(groups []string, key string) string {
	if key == "" {
		return ""
	}
	rule := r.keyRule(key)
	if rule == "" && len(r.paths) > 0 && !r.allow[strings.ToLower(key)] {
		rule = r.pathRule(groups, key)
	}
	return rule
}

// String returns s with every detected secret masked, and whether anything
// was masked.
func (r *Redactor) String(s string) (string, bool) {
	if r == nil || r.off || len(s) < r.minScan {
		return s, false
	}
	f := scan(s)
	var spans []span // stays nil, unallocated, until something matches
	for _, d := range r.detectors {
		if f&d.need != d.need || len(s) < d.min {
			continue
		}
		n := len(spans)
		spans = d.find(s, spans)
		for range len(spans) - n {
			r.count(d.Name)
		}
	}
	if len(r.terms) > 0 && f&(hasEq|hasColon) != 0 {
		spans = r.findPairs(s, spans)
	}
	if len(spans) == 0 {
		return s, false
	}
	return r.apply(s, spans), true
}

// apply replaces the spans of s with the mask, merging overlaps.
func (r *Redactor) apply(s string, spans []span) string {
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	b.Grow(len(s))
	pos := 0
	for i := 0; i < len(spans); i++ {
		sp := spans[i]
		for i+1 < len(spans) && spans[i+1].start <= sp.end {
			sp.end = max(sp.end, spans[i+1].end)
			i++
		}
		if sp.start < pos {
			sp.start = pos
		}
		if sp.end <= sp.start {
			continue
		}
		b.WriteString(s[pos:sp.start])
		b.WriteString(r.mask)
		pos = sp.end
	}
	b.WriteString(s[pos:])
	return b.String()
}

// findPairs masks the values of key=value and key: value pairs whose key is
// sensitive ("password=hunter2", `"token": "abc"`, "Authorization: ...").
func (r *Redactor) findPairs(s string, spans []span) []span {
	for p := 0; p < len(s); p++ {
		c := s[p]
		if c != '=' && c != ':' {
			continue
		}
		if c == ':' && strings.HasPrefix(s[p:], "://") {
			continue
		}
		// The key: identifier characters before p, past a closing quote.
		k := p
		for k > 0 && (s[k-1] == ' ' || s[k-1] == '"' || s[k-1] == '\'') {
			k--
		}
		end := k
		for k > 0 && (isAlnum(s[k-1]) || s[k-1] == '_' || s[k-1] == '-' || s[k-1] == '.') {
			k--
		}
		if k == end {
			continue
		}
		rule := r.keyRule(s[k:end])
		if rule == "" {
			continue
		}
		// The value: quoted, or up to a delimiter.
		v := p + 1
		for v < len(s) && s[v] == ' ' {
			v++
		}
		if m := v + len(r.mask); strings.HasPrefix(s[v:], r.mask) && (m == len(s) || strings.IndexByte(" \t\n\r&,;)}]\"'", s[m]) >= 0) {
			p = m - 1 // masked already: masking again must change nothing
			continue
		}
		var ve int
		if v < len(s) && (s[v] == '"' || s[v] == '\'') {
			q := s[v]
			v++
			ve = v
			for ve < len(s) && s[ve] != q {
				if s[ve] == '\\' {
					ve++
				}
				ve++
			}
			ve = min(ve, len(s))
		} else {
			ve = v
			for ve < len(s) && strings.IndexByte(" \t\n\r&,;)}]\"'", s[ve]) < 0 {
				ve++
			}
		}
		if ve > v {
			spans = append(spans, span{v, ve})
			r.count(rule)
			p = ve
		}
	}
	return spans
}

// keySlot is one entry of a Redactor's address-indexed key cache. It holds
// the key itself: an address alone could be reused by another key after the
// first is freed, and a stale verdict would leak.
type keySlot struct {
	key  string
	rule string
}

// fastKeyRule returns keyRule(key) from a direct-mapped cache indexed by the
// address of the key's bytes: keys are mostly string constants, so most
// lookups are one atomic load and one string compare that stops at equal
// addresses, from any goroutine.
func (r *Redactor) fastKeyRule(key string) string {
	p := unsafe.StringData(key)
	if p == nil {
		return r.keyRule(key)
	}
	h := (uint64(uintptr(unsafe.Pointer(p))) ^ uint64(len(key))<<48) * 0x9E3779B97F4A7C15 // Fibonacci hashing
	slot := &r.fast[h>>(64-9)]                                                            // 2^9 == len(r.fast)
	s := slot.Load()
	if s != nil && s.key == key { // equal addresses make this compare immediate
		return s.rule
	}
	rule := r.keyRule(key)
	if s == nil { // first come, first served: a colliding key uses the map, without allocating again
		slot.CompareAndSwap(nil, &keySlot{key: key, rule: rule})
	}
	return rule
}

// keyMasks reports whether a scalar value v under key (in groups) is to be
// masked, counting the rule that says so. Empty strings stay empty. It is
// the encoding hot path of [New]: nothing is copied.
func (r *Redactor) keyMasks(groups []string, key string, v slog.Value) bool {
	var rule string
	if len(r.paths) == 0 {
		rule = r.fastKeyRule(key)
	} else {
		rule = r.sensitive(groups, key)
	}
	if rule == "" || isEmptyString(v) {
		return false
	}
	r.count(rule)
	return true
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

// Off reports whether r is [NoRedaction].
func (r *Redactor) Off() bool { return r != nil && r.off }

// Counters returns how many values r masked, by rule or detector name, and
// how many panics inside redaction it turned into masks.
func (r *Redactor) Counters() (byRule map[string]uint64, panics uint64) {
	var s Stats
	r.counters(&s)
	return s.RedactedBy, s.RedactPanics
}

// Rules returns the names of the rules r was built from ("credentials",
// "pci", ...), so that a policy can check which presets are in force.
func (r *Redactor) Rules() []string {
	if r == nil || r.off {
		return nil
	}
	return append([]string(nil), r.rules...)
}

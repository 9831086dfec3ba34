package slogaudit

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/redact"
)

// Policy is a compliance policy as data: what every record must carry, what
// must never appear unmasked, how long logs are kept, and what the
// configuration must have. Every rule names the clause that asks for it, so
// that a violation says why. Copy a preset to adjust it, or [Combine] several.
type Policy struct {
	Name      string
	Required  []Required  // attributes a record must carry
	Forbidden []Forbidden // values that must not appear unmasked (checked after redaction)
	Retention Retention
	Config    []ConfigRule
	// Monotonic makes a record whose time is before the previous record's a
	// violation (a clock that goes backwards); MonotonicClause names why.
	Monotonic       bool
	MonotonicClause string
	// UTC makes a record whose time has a non-zero offset from UTC a
	// violation: the wrapper writes every time in UTC, but a source clock
	// in another zone is a sign of unsynchronised systems. UTCClause names
	// why.
	UTC       bool
	UTCClause string
}

// Required lists attributes that records must carry. With Events empty it
// applies to every record the application logs; otherwise to records whose
// "action" is one of Events.
type Required struct {
	Events []EventType
	Attrs  []string
	Clause string
}

// Forbidden is a detector whose matches must not appear in a record.
type Forbidden struct {
	Detector redact.Detector
	Clause   string
}

// Retention is how long audit logs must be kept (Floor) and may be kept
// (Ceiling); zero means no bound.
type Retention struct {
	Floor, Ceiling time.Duration
	Clause         string
}

// Need is something a configuration must have.
type Need int

// The needs a policy can state.
const (
	NeedHMACKey           Need = iota // WithKey
	NeedSignedCheckpoints             // WithSigner and WithCheckpoints
	NeedDurableSync                   // an OpenFile sync policy other than SyncNever, or WithSyncFunc
	NeedRedaction                     // WithRedactor with the rule named in ConfigRule.Rule
)

// ConfigRule is one configuration requirement.
type ConfigRule struct {
	Need   Need
	Rule   string // for NeedRedaction: the redaction rule (preset) name
	Clause string
}

const year = 365 * 24 * time.Hour

// Presets. The clauses are those the rules encode; what remains the
// operator's job is in the README's compliance table.
var (
	// Basic asks every record for an actor, an action and an outcome, and
	// for an HMAC key.
	Basic = Policy{
		Name:     "basic",
		Required: []Required{{Attrs: []string{KeyActor, KeyAction, KeyOutcome}, Clause: "slogaudit basic"}},
		Config:   []ConfigRule{{Need: NeedHMACKey, Clause: "slogaudit basic"}},
	}

	// PCIDSS encodes PCI DSS v4.0: 10.2.2 (user, event type, date and time,
	// success or failure, origination, affected resource), 10.2.1.6 (audit
	// log start and stop: written by the wrapper), 10.3.2 (protection from
	// modification: HMAC), 10.3.3 (copies kept apart: signed checkpoints),
	// 10.5.1 (12 months' retention), 10.6 (time: UTC, monotonic), 3.3/3.4
	// (no unmasked PAN), and the pci redaction preset.
	PCIDSS = Policy{
		Name: "pcidss",
		Required: []Required{{Attrs: []string{KeyActor, KeyAction, KeyOutcome, KeyOrigin, KeyResource},
			Clause: "PCI DSS 10.2.2"}},
		Forbidden: []Forbidden{{Detector: redact.DetectCardNumber, Clause: "PCI DSS 3.4"}},
		Retention: Retention{Floor: year, Clause: "PCI DSS 10.5.1"},
		Config: []ConfigRule{
			{Need: NeedHMACKey, Clause: "PCI DSS 10.3.2"},
			{Need: NeedSignedCheckpoints, Clause: "PCI DSS 10.3.3"},
			{Need: NeedDurableSync, Clause: "PCI DSS 10.3.2"},
			{Need: NeedRedaction, Rule: "pcidss", Clause: "PCI DSS 3.3"},
		},
		Monotonic: true, MonotonicClause: "PCI DSS 10.6",
		UTC: true, UTCClause: "PCI DSS 10.6.1",
	}

	// HIPAA encodes the Security Rule: 164.312(b) (audit controls: who did
	// what to which record, with what outcome), 164.312(c)(1) (integrity:
	// HMAC), 164.316(b)(2)(i) (six years' retention), 164.514 (no unmasked
	// SSNs), and the hipaa redaction preset. It recommends, without
	// requiring, [WithSealing] (integrity against an intruder on the host)
	// and PHI written with [Personal] under a [KeyStore], erased with
	// [Handler.Erase] when retention allows.
	HIPAA = Policy{
		Name:      "hipaa",
		Required:  []Required{{Attrs: []string{KeyActor, KeyAction, KeyResource, KeyOutcome}, Clause: "HIPAA 164.312(b)"}},
		Forbidden: []Forbidden{{Detector: redact.DetectSSN, Clause: "HIPAA 164.514(b)"}},
		Retention: Retention{Floor: 6 * year, Clause: "HIPAA 164.316(b)(2)(i)"},
		Config: []ConfigRule{
			{Need: NeedHMACKey, Clause: "HIPAA 164.312(c)(1)"},
			{Need: NeedRedaction, Rule: "hipaa", Clause: "HIPAA 164.514(b)"},
		},
	}

	// SOX encodes common Sarbanes-Oxley practice for sections 302, 404 and
	// 802: who changed what with what outcome, protected (HMAC, signed
	// checkpoints) and kept seven years.
	SOX = Policy{
		Name:      "sox",
		Required:  []Required{{Attrs: []string{KeyActor, KeyAction, KeyOutcome, KeyResource}, Clause: "SOX 404"}},
		Retention: Retention{Floor: 7 * year, Clause: "SOX 802"},
		Config: []ConfigRule{
			{Need: NeedHMACKey, Clause: "SOX 404"},
			{Need: NeedSignedCheckpoints, Clause: "SOX 404"},
		},
	}

	// GDPR encodes Article 5(1)(c) (data minimisation: the gdpr redaction
	// preset, no unmasked e-mail addresses), 5(1)(e) (storage limitation: a
	// ceiling, two years by default; set yours) and 32 (integrity: HMAC).
	// It recommends, without requiring, personal data written with
	// [Personal] or [WithPersonalKeys] under a [KeyStore], so that an
	// Article 17 erasure ([Handler.Erase]) leaves the chain verifiable.
	GDPR = Policy{
		Name:      "gdpr",
		Required:  []Required{{Attrs: []string{KeyActor, KeyAction}, Clause: "GDPR Art. 30"}},
		Forbidden: []Forbidden{{Detector: redact.DetectEmail, Clause: "GDPR Art. 5(1)(c)"}},
		Retention: Retention{Ceiling: 2 * year, Clause: "GDPR Art. 5(1)(e)"},
		Config: []ConfigRule{
			{Need: NeedHMACKey, Clause: "GDPR Art. 32"},
			{Need: NeedRedaction, Rule: "gdpr", Clause: "GDPR Art. 5(1)(c)"},
		},
	}

	// SOC2 encodes the Trust Services Criteria CC7.2 (monitoring: who did
	// what, with what outcome) and CC6.1 (logical protection: HMAC, signed
	// checkpoints), with one year's retention as audit practice.
	SOC2 = Policy{
		Name:      "soc2",
		Required:  []Required{{Attrs: []string{KeyActor, KeyAction, KeyOutcome, KeyResource}, Clause: "SOC 2 CC7.2"}},
		Retention: Retention{Floor: year, Clause: "SOC 2 CC7.2"},
		Config: []ConfigRule{
			{Need: NeedHMACKey, Clause: "SOC 2 CC6.1"},
			{Need: NeedSignedCheckpoints, Clause: "SOC 2 CC6.1"},
		},
	}

	// ISO27001 encodes ISO/IEC 27001:2022 Annex A 8.15 (logging: events
	// with user, action, outcome; protected: HMAC, signed checkpoints) and
	// 8.17 (clock synchronisation: monotonic UTC).
	ISO27001 = Policy{
		Name:     "iso27001",
		Required: []Required{{Attrs: []string{KeyActor, KeyAction, KeyOutcome}, Clause: "ISO 27001 A.8.15"}},
		Config: []ConfigRule{
			{Need: NeedHMACKey, Clause: "ISO 27001 A.8.15"},
			{Need: NeedSignedCheckpoints, Clause: "ISO 27001 A.8.15"},
		},
		Monotonic: true, MonotonicClause: "ISO 27001 A.8.17",
		UTC: true, UTCClause: "ISO 27001 A.8.17",
	}
)

// Policies maps preset names, as used in configuration, to presets.
var Policies = map[string]Policy{
	"basic": Basic, "pcidss": PCIDSS, "hipaa": HIPAA, "sox": SOX, "gdpr": GDPR, "soc2": SOC2, "iso27001": ISO27001,
}

// Combine returns a policy with the stricter of each rule of ps: every
// required attribute and forbidden value, every configuration need, the
// highest retention floor and the lowest ceiling. A rule that several of
// ps state names all their clauses ("PCI DSS 10.3.2; SOX 404"), and a
// record that breaks it is one violation. A floor above a ceiling is an
// error that names both.
func Combine(ps ...Policy) (Policy, error) {
	var out Policy
	var names []string
	var floorBy, ceilBy string
	for _, p := range ps {
		names = append(names, p.Name)
		out.Required = append(out.Required, p.Required...)
		for _, f := range p.Forbidden {
			i := slices.IndexFunc(out.Forbidden, func(g Forbidden) bool { return g.Detector.Name == f.Detector.Name })
			if i < 0 {
				out.Forbidden = append(out.Forbidden, f)
			} else {
				out.Forbidden[i].Clause = joinClause(out.Forbidden[i].Clause, f.Clause)
			}
		}
		for _, c := range p.Config {
			i := slices.IndexFunc(out.Config, func(d ConfigRule) bool { return d.Need == c.Need && d.Rule == c.Rule })
			if i < 0 {
				out.Config = append(out.Config, c)
			} else {
				out.Config[i].Clause = joinClause(out.Config[i].Clause, c.Clause)
			}
		}
		by := p.Name + " (" + p.Retention.Clause + ")"
		switch f := p.Retention.Floor; {
		case f > out.Retention.Floor:
			out.Retention.Floor, floorBy = f, by
		case f > 0 && f == out.Retention.Floor:
			floorBy = joinClause(floorBy, by)
		}
		switch c := p.Retention.Ceiling; {
		case c > 0 && (out.Retention.Ceiling == 0 || c < out.Retention.Ceiling):
			out.Retention.Ceiling, ceilBy = c, by
		case c > 0 && c == out.Retention.Ceiling:
			ceilBy = joinClause(ceilBy, by)
		}
		if p.Monotonic {
			out.Monotonic, out.MonotonicClause = true, joinClause(out.MonotonicClause, p.MonotonicClause)
		}
		if p.UTC {
			out.UTC, out.UTCClause = true, joinClause(out.UTCClause, p.UTCClause)
		}
	}
	out.Name = strings.Join(names, "+")
	out.Retention.Clause = joinClause(floorBy, ceilBy)
	if out.Retention.Ceiling > 0 && out.Retention.Floor > out.Retention.Ceiling {
		return out, fmt.Errorf("slogaudit: Combine %s: retention floor %s set by %s is above the ceiling %s set by %s: no retention satisfies both; leave one of them out, or lower the floor or raise the ceiling of a copy",
			out.Name, days(out.Retention.Floor), floorBy, days(out.Retention.Ceiling), ceilBy)
	}
	return out, nil
}

// joinClause adds clause c to the clauses list ("a; b"), unless it is
// empty or there already.
func joinClause(list, c string) string {
	switch {
	case c == "":
		return list
	case list == "":
		return c
	case slices.Contains(strings.Split(list, "; "), c):
		return list
	}
	return list + "; " + c
}

// days writes a retention as people state it: in years or days, the exact
// duration after it when it is not a whole number of days.
func days(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d <= 0:
		return "0 (forever)"
	case d%year == 0:
		if d == year {
			return "1 year"
		}
		return fmt.Sprintf("%d years", d/year)
	case d%day == 0:
		if d == day {
			return "1 day"
		}
		return fmt.Sprintf("%d days", d/day)
	}
	return d.String()
}

// Mode is what a [Handler] does with a record that violates its policy.
type Mode int

const (
	// Annotate writes the record with an "audit_violations" member (hashed
	// with the record, so it cannot be stripped unnoticed) and calls
	// OnViolation. The default: no audit record is ever lost.
	Annotate Mode = iota
	// Strict refuses the record, returns a [*ViolationError], and writes an
	// audit.violation record in its place, so that the attempt is audited.
	Strict
)

// Violation is one rule a record broke.
type Violation struct {
	Rule   string `json:"rule"`
	Clause string `json:"clause"`
	Detail string `json:"detail"`
}

// ViolationError is returned by Handle in [Strict] mode.
type ViolationError struct {
	Message    string
	Violations []Violation
}

// Error names the refused record and each rule it broke, with its clause.
func (e *ViolationError) Error() string {
	var parts []string
	for _, v := range e.Violations {
		parts = append(parts, v.Rule+" ("+v.Clause+")")
	}
	return fmt.Sprintf("slogaudit: record %q refused by policy: %s", e.Message, strings.Join(parts, ", "))
}

// ErrPolicy marks configuration problems found against a policy.
var ErrPolicy = errors.New("slogaudit: policy requirement not met")

// checkConfig returns every configuration problem of cfg against p.
func (p *Policy) checkConfig(cfg *config) []error {
	var errs []error
	for _, c := range p.Config {
		var problem string
		switch c.Need {
		case NeedHMACKey:
			if cfg.key == nil {
				problem = "set WithKey (an HMAC key)"
			}
		case NeedSignedCheckpoints:
			if cfg.signer == nil || cfg.cpWriter == nil {
				problem = "set WithSigner and WithCheckpoints (signed checkpoints kept apart from the log)"
			}
		case NeedDurableSync:
			if cfg.sync == nil && (cfg.file == nil || cfg.file.cfg.sync.never) {
				problem = "write through OpenFile with SyncEachRecord or SyncGroup (or set WithSyncFunc)"
			}
		case NeedRedaction:
			var rules []string
			if cfg.redactor == nil {
				rules = []string{"credentials"}
			} else {
				rules = cfg.redactor.Rules()
			}
			if !slices.Contains(rules, c.Rule) {
				problem = fmt.Sprintf("set WithRedactor with the redact %q preset in force (now: %v)", c.Rule, rules)
			}
		}
		if problem != "" {
			errs = append(errs, fmt.Errorf("%w: %s: %s requires it", ErrPolicy, problem, c.Clause))
		}
	}
	r := p.Retention
	if r.Ceiling > 0 && r.Floor > r.Ceiling {
		// No file setting satisfies both: say so once, not as two
		// settings to change.
		errs = append(errs, fmt.Errorf("%w: policy %s keeps logs at least %s but at most %s: no retention satisfies both; fix the policy's Retention: %s", ErrPolicy, p.Name, days(r.Floor), days(r.Ceiling), r.Clause))
	} else if f := cfg.file; f != nil {
		keep := f.cfg.retention
		if r.Floor > 0 && keep > 0 && keep < r.Floor {
			errs = append(errs, fmt.Errorf("%w: OpenFile WithRetention(%s) keeps logs less than %s: set it to at least %s (or 0, forever): %s requires it", ErrPolicy, days(keep), days(r.Floor), days(r.Floor), r.Clause))
		}
		if r.Ceiling > 0 && (keep == 0 || keep > r.Ceiling) {
			errs = append(errs, fmt.Errorf("%w: set OpenFile WithRetention to at most %s (now %s) and call Prune: %s requires it", ErrPolicy, days(r.Ceiling), days(keep), r.Clause))
		}
	}
	return errs
}

// check returns the record's violations. root is the built record (after
// redaction); prev is the previous record's time.
func (p *Policy) check(root *node, t, prev time.Time) []Violation {
	var out []Violation
	top := map[string]*node{}
	action := ""
	for _, k := range root.kids {
		top[k.key] = k
		if k.key == KeyAction && !k.group {
			action = k.value.String()
		}
	}
	for _, req := range p.Required {
		if len(req.Events) > 0 && !slices.Contains(req.Events, EventType(action)) {
			continue
		}
		for _, a := range req.Attrs {
			if detail := p.missing(root, top[a], a); detail != "" {
				out = append(out, Violation{Rule: "required:" + a, Clause: req.Clause, Detail: detail})
			}
		}
	}
	if len(p.Forbidden) > 0 {
		walkStrings(root, nil, func(path []string, s string, name bool) {
			for _, f := range p.Forbidden {
				if !f.Detector.Matches(s) {
					continue
				}
				where := fmt.Sprintf("in %q", p.pathText(path))
				if name {
					where = fmt.Sprintf("as the name of %q", p.pathText(path))
				}
				out = append(out, Violation{Rule: "unmasked:" + f.Detector.Name, Clause: f.Clause,
					Detail: fmt.Sprintf("%s appears unmasked %s: mask it before it is logged (a redact rule, or a detector in WithRedactor)", f.Detector.Name, where)})
			}
		})
	}
	if t.IsZero() {
		out = append(out, Violation{Rule: "time", Clause: p.timeClause(), Detail: "the record has no time: log it with a time (slog sets one; a handler or record built by hand must too)"})
	} else if _, off := t.Zone(); p.UTC && off != 0 {
		out = append(out, Violation{Rule: "utc", Clause: p.UTCClause,
			Detail: fmt.Sprintf("time %s is not in UTC (written in UTC; synchronise the source clock's zone)", t.Format(time.RFC3339))})
	}
	if !t.IsZero() && p.Monotonic && !prev.IsZero() && t.Before(prev) {
		out = append(out, Violation{Rule: "clock-backwards", Clause: p.MonotonicClause,
			Detail: fmt.Sprintf("time %s is before the previous record's %s", t.UTC().Format(time.RFC3339Nano), prev.UTC().Format(time.RFC3339Nano))})
	}
	return mergeViolations(out)
}

// mergeViolations makes the violations of one rule with the same detail
// one, naming every clause that states the rule (a required attribute
// that several combined policies ask for is missing once).
func mergeViolations(vs []Violation) []Violation {
	out := vs[:0]
	for _, v := range vs {
		i := slices.IndexFunc(out, func(w Violation) bool { return w.Rule == v.Rule && w.Detail == v.Detail })
		if i < 0 {
			out = append(out, v)
			continue
		}
		out[i].Clause = joinClause(out[i].Clause, v.Clause)
	}
	return out
}

// timeClause names the clause that a record without a time breaks: the
// policy's time rule, else what it requires every record to carry, which
// an audit trail's "when" is part of, else the policy itself.
func (p *Policy) timeClause() string {
	switch {
	case p.Monotonic && p.MonotonicClause != "":
		return p.MonotonicClause
	case p.UTC && p.UTCClause != "":
		return p.UTCClause
	}
	for _, r := range p.Required {
		if len(r.Events) == 0 && r.Clause != "" {
			return r.Clause
		}
	}
	return "policy " + p.Name
}

// missing says why the record's top-level attribute a (k, nil when
// absent) does not satisfy a required attribute, or "" when it does. A
// value that says nothing (empty or blank text, null, an empty object or
// list) is missing too, and an attribute found only inside a group is
// named where it is, since records carry the audit vocabulary at the top.
func (p *Policy) missing(root, k *node, a string) string {
	if k == nil {
		if path := findKey(root, nil, a); path != nil {
			return fmt.Sprintf("the record has no top-level %q attribute, only %q inside a group: log it outside groups (not under Logger.WithGroup or slog.Group)", a, p.pathText(path))
		}
		return fmt.Sprintf("the record has no %q attribute: log it with the record or Logger.With", a)
	}
	if emptyNode(k) {
		return fmt.Sprintf("the record's %q attribute is empty: log a value that identifies it", a)
	}
	return ""
}

// emptyNode reports whether an attribute carries no information: an empty
// value, or a group whose every member is empty (Origin("", "")).
func emptyNode(k *node) bool {
	if !k.group {
		return emptyValue(k.canon)
	}
	for _, kk := range k.kids {
		if !emptyNode(kk) {
			return false
		}
	}
	return true
}

// emptyValue reports whether a canonical value carries no information.
func emptyValue(v chain.Value) bool {
	switch v.Kind {
	case chain.Null:
		return true
	case chain.String:
		return strings.TrimSpace(v.Str) == ""
	case chain.Object:
		return len(v.Members) == 0
	case chain.Array:
		return len(v.Items) == 0
	}
	return false
}

// findKey returns the path of the first attribute named key nested in a
// group of n, or nil.
func findKey(n *node, path []string, key string) []string {
	for _, k := range n.kids {
		if !k.group {
			continue
		}
		p := append(path[:len(path):len(path)], k.key)
		for _, kk := range k.kids {
			if kk.key == key {
				return append(p, key)
			}
		}
		if found := findKey(k, p, key); found != nil {
			return found
		}
	}
	return nil
}

// pathText joins an attribute's path with ".", each name that a forbidden
// detector matches replaced by that detector's name in angle brackets, so
// that a violation never repeats the value it reports.
func (p *Policy) pathText(path []string) string {
	out := make([]string, len(path))
	for i, s := range path {
		out[i] = s
		for _, f := range p.Forbidden {
			if f.Detector.Matches(s) {
				out[i] = "<" + f.Detector.Name + ">"
				break
			}
		}
	}
	return strings.Join(out, ".")
}

// walkStrings calls f for every name and every value in the record that
// is written as text, and for the message: string values, numbers as
// their canonical decimal text (a card number logged as an integer is
// written as digits), an Any value's JSON, and the names of attributes
// and groups (name is then true).
func walkStrings(n *node, path []string, f func(path []string, s string, name bool)) {
	for _, k := range n.kids {
		p := append(path[:len(path):len(path)], k.key)
		f(p, k.key, true)
		if k.group {
			walkStrings(k, p, f)
			continue
		}
		if k.canon.Str != "" {
			f(p, k.canon.Str, false)
		}
		if k.canon.Kind == chain.Number {
			f(p, numberText(k.canon.Num), false)
		}
		if raw, ok := k.value.Any().(json.RawMessage); ok { // an Any value's JSON
			f(p, string(raw), false)
		}
	}
}

// numberText writes a number as the canonical form writes it: integers
// below 1e21 as their digits.
func numberText(f float64) string {
	if math.Abs(f) < 1e21 && f == math.Trunc(f) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

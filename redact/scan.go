package redact

import (
	"slices"
	"strings"
)

// String returns s with every detected secret masked, and whether anything
// was masked.
func (r *Redactor) String(s string) (string, bool) {
	if r == nil || r.off || len(s) < r.minScan {
		return s, false
	}
	spans := r.find(s, nil, r.count) // stays nil, unallocated, until something matches
	if len(spans) == 0 {
		return s, false
	}
	return r.apply(s, spans), true
}

// find appends to spans what the detectors and the key-value pairs and
// prose of s reveal, calling note with the name of the detector or rule
// for each span it adds.
func (r *Redactor) find(s string, spans []span, note func(string)) []span {
	if len(s) < r.minScan {
		return spans
	}
	f := scan(s)
	for _, d := range r.detectors {
		if f&d.need != d.need || len(s) < d.min {
			continue
		}
		n := len(spans)
		spans = d.find(s, spans)
		for range len(spans) - n {
			note(d.Name)
		}
	}
	if len(r.terms) > 0 {
		spans = r.findPairs(s, spans, note)
	}
	return spans
}

// apply replaces the spans of s with the mask, merging overlaps. A span
// that cuts into a mask already in s is widened to the whole mask, so that
// redacting redacted text changes nothing.
func (r *Redactor) apply(s string, spans []span) string {
	if strings.Contains(s, r.mask) {
		for i, sp := range spans {
			spans[i] = r.snapToMasks(s, sp)
		}
	}
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

// snapToMasks widens sp to cover every mask in s that it overlaps.
func (r *Redactor) snapToMasks(s string, sp span) span {
	m := len(r.mask)
	from := max(0, sp.start-m+1)
	for {
		k := strings.Index(s[from:min(len(s), sp.end+m-1)], r.mask)
		if k < 0 {
			return sp
		}
		a := from + k
		if a < sp.end && a+m > sp.start {
			sp.start, sp.end = min(sp.start, a), max(sp.end, a+m)
		}
		from = a + 1
	}
}

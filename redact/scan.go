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

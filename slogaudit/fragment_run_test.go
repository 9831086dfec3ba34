package slogaudit

import (
	"fmt"
	"strings"
	"testing"
)

// TestFragmentRun: what comes before a record glued onto a line is taken
// for fragments when it is one or more first parts of JSON objects one
// after another, each starting at '{', and for a changed line otherwise.
func TestFragmentRun(t *testing.T) {
	rec := `{"time":"2026-01-02T03:04:05Z","level":"INFO","msg":"payment","n":1,"audit":{"v":2,"chain":"pay","seq":3,"prev":"ab12","hash":"cd34"}}`
	frag := func(n int) string { return rec[:n] }
	tests := []struct {
		name string
		b    string
		want bool
	}{
		{"one fragment", frag(60), true},
		{"one fragment cut inside the audit member", frag(len(rec) - 20), true},
		{"two fragments", frag(60) + frag(100), true},
		{"two fragments, the first cut inside a string", frag(40) + frag(len(rec)-3), true},
		{"three fragments", frag(len(rec)-10) + frag(10) + frag(90), true},
		{"a fragment cut right after a nested object opens", frag(strings.Index(rec, `{"v"`)+1) + frag(50), true},
		{"a whole record", rec, false},
		{"a whole record before a fragment", rec + frag(50), false},
		{"a fragment before a whole record", frag(50) + rec, false},
		{"a fragment, then bytes that start no object", frag(50) + `"x":1,` + frag(50), false},
		{"not an object", `"time":"x",` + frag(50), false},
		{"a fragment with a value changed into invalid JSON", strings.Replace(frag(80), `"INFO"`, `INFO`, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fragmentRun([]byte(tt.b)); got != tt.want {
				t.Errorf("fragmentRun(%q) = %v, want %v", tt.b, got, tt.want)
			}
		})
	}
}

// TestFragmentRunLongLines: lines with many objects in them are read a
// bounded number of times over: many fragments in a row are found, and
// a line of many objects that are no fragments is refused, within the
// budget.
func TestFragmentRunLongLines(t *testing.T) {
	var rec strings.Builder
	rec.WriteString(`{"time":"2026-01-02T03:04:05Z","msg":"m"`)
	for i := range 40 {
		fmt.Fprintf(&rec, `,"g%d":{"a":{"b":%d}}`, i, i)
	}
	rec.WriteString(`,"audit":{"v":2,"seq":3,"prev":"ab12"}}`)
	r := rec.String()
	var many strings.Builder
	for i := range 4 {
		many.WriteString(r[:len(r)/(i+2)])
	}
	if !fragmentRun([]byte(many.String())) {
		t.Errorf("4 fragments of a record with 40 groups: not taken for fragments")
	}
	nested := strings.Repeat(`{"a":`, 100000) + `1` + strings.Repeat(`}`, 100000) + `}`
	if fragmentRun([]byte(nested)) {
		t.Errorf("a whole nested object and a '}': taken for fragments")
	}
	objects := strings.Repeat(`{"a":{"b":1}}`, 50000)
	if fragmentRun([]byte(objects)) {
		t.Errorf("whole objects in a row: taken for fragments")
	}
}

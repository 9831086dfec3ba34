package chain

import "testing"

// TestScanLineNeighbours: ScanLine names the members next to the audit
// member, so that the verifier can tell whether it stands in its place.
func TestScanLineNeighbours(t *testing.T) {
	for _, c := range []struct {
		line          string
		before, after string // "-" for none
	}{
		{`{"audit":{}}`, "-", "-"},
		{`{"audit":{},"msg":"m"}`, "-", "msg"},
		{`{"a":1,"audit":{}}`, "a", "-"},
		{`{"":1,"audit":{},"":2}`, "", ""},
		{`{"x":[1,{"audit":2}],"b":{"c":3},"audit":{"v":2} , "zz" : 4}`, "b", "zz"},
		{` { "m" : 1 , "audit" : { } , "n" : 2 } `, "m", "n"},
		{`{"msg":"m","level":"INFO","audit":{"a":1},"time":"t"}`, "level", "time"},
		{`{"msg":"m"}`, "-", "-"},
	} {
		var l Line
		if !ScanLine([]byte(c.line), &l) {
			t.Fatalf("%s: not scanned", c.line)
		}
		name := func(has bool, r [2]int) string {
			if !has {
				return "-"
			}
			return c.line[r[0]:r[1]]
		}
		if got := name(l.HasBefore, l.Before); got != c.before {
			t.Errorf("%s: before %q, want %q", c.line, got, c.before)
		}
		if got := name(l.HasAfter, l.After); got != c.after {
			t.Errorf("%s: after %q, want %q", c.line, got, c.after)
		}
	}
}

//go:build !race

package errdata

import "testing"

// TestHoldsAllocatesNothing: searching the values logging uses most costs
// no allocation, so that New's record path stays allocation-free.
func TestHoldsAllocatesNothing(t *testing.T) {
	values := []any{
		map[string]any{"id": 7, "name": "n", "tags": []any{"a", 2.5}, "sub": map[string]any{"ok": true}},
		[]any{"x", 3, map[string]any{"k": "v"}},
		struct{ A, B string }{"a", "b"},
		[]int{1, 2, 3},
	}
	for _, v := range values {
		if n := testing.AllocsPerRun(100, func() { _ = Holds(v, Errors|SelfRendering) }); n != 0 {
			t.Errorf("Holds(%T) allocates %.1f times, want 0", v, n)
		}
	}
}

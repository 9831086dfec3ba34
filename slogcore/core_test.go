package slogcore

import (
	"slices"
	"testing"
)

// TestNudge: the worker is woken once per drain, when the queue reaches
// wakeAt; the caller that wakes it yields, and while the worker has not
// drained, one caller yields again every wakeAt more records, except when
// the queue is full (callers wait for room then).
func TestNudge(t *testing.T) {
	c := &core{ring: make([]*entry, 1024), wakeAt: 256}
	var wakes, yields []int
	fill := func(from, to int) {
		for c.n = from; c.n <= to; c.n++ {
			wake, yield := c.nudge()
			if wake {
				wakes = append(wakes, c.n)
			}
			if yield {
				yields = append(yields, c.n)
			}
		}
	}
	fill(1, 1024)
	want := []int{256}
	if !slices.Equal(wakes, want) {
		t.Fatalf("woken at depths %v, want %v", wakes, want)
	}
	if want := []int{256, 512, 768}; !slices.Equal(yields, want) {
		t.Fatalf("yielded at depths %v, want %v", yields, want)
	}

	// A drain empties the queue and clears woken; the cycle starts again.
	c.woken = false
	wakes, yields = nil, nil
	fill(1, 300)
	if want := []int{256}; !slices.Equal(wakes, want) || !slices.Equal(yields, want) {
		t.Fatalf("after a drain: woken at %v, yielded at %v, want %v for both", wakes, yields, want)
	}
}

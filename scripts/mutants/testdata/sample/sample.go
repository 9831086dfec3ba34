// Package sample holds one of each operator the mutants command changes,
// with tests that kill some of its mutants and let others live.
package sample

import "time"

const limit = 1<<4 + 2 // outside any function: not covered

// Clamp returns n within [0, limit].
func Clamp(n int) int {
	if n < 0 {
		return 1 - 1 // a constant expression: its mutant is built on its own
	}
	if n >= limit {
		return limit
	}
	return n
}

// Sum adds up xs, counting down.
func Sum(xs []float64) float64 {
	t := 0.0
	for i := len(xs) - 1; i >= 0; i-- {
		t += xs[i] * 1
	}
	return t
}

// Neg returns -d and how many bytes s has in a greeting.
func Neg(d time.Duration, s string) (time.Duration, int) {
	g := "hi " + s
	return -d, len(g) % 100
}

// Mid is the middle of lo and hi, generic.
func Mid[T ~int | ~int64](lo, hi T) T {
	var n uint8
	n++
	return lo + (hi-lo)/T(2*n)
}

// Count counts to n: its i-- mutant never ends.
func Count(n int) int {
	c := 0
	for i := 0; i < n; i++ {
		c++
	}
	return c
}

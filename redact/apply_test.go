package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestMaskSpans: how the ranges a detector finds become masks: overlapping
// and touching ranges give one mask, ranges in any order are applied left
// to right, and a range that cuts into a mask already in the text is
// widened to the whole mask, so that redacting redacted text changes
// nothing (and String reports no change).
func TestMaskSpans(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     string
		ranges [][2]int
		want   string
	}{
		{"overlapping", "abcdefghij", [][2]int{{0, 5}, {3, 8}}, "[REDACTED]ij"},
		{"touching", "abcdefghij", [][2]int{{0, 3}, {3, 6}}, "[REDACTED]ghij"},
		{"nested", "abcdefghij", [][2]int{{0, 10}, {2, 4}}, "[REDACTED]"},
		{"out of order", "abcdefghij", [][2]int{{6, 8}, {0, 2}}, "[REDACTED]cdef[REDACTED]ij"},
		{"apart", "abcdefghij", [][2]int{{0, 2}, {4, 6}}, "[REDACTED]cd[REDACTED]ghij"},
		{"three merged", "abcdefghij", [][2]int{{0, 2}, {1, 4}, {4, 6}, {8, 9}}, "[REDACTED]gh[REDACTED]j"},
		{"inside a mask", "x[REDACTED]y", [][2]int{{3, 5}}, "x[REDACTED]y"},
		{"over a mask's end", "x[REDACTED]yz", [][2]int{{9, 13}}, "x[REDACTED]"},
		{"over a mask's start", "ab[REDACTED]", [][2]int{{0, 3}}, "[REDACTED]"},
		{"over two masks", "[REDACTED][REDACTED]", [][2]int{{5, 15}}, "[REDACTED]"},
		{"up to a mask", "ab[REDACTED]", [][2]int{{0, 2}}, "[REDACTED][REDACTED]"},
		{"from a mask's end", "[REDACTED]ab", [][2]int{{10, 12}}, "[REDACTED][REDACTED]"},
		{"a mask and its neighbour", "ab[REDACTED]cd", [][2]int{{1, 3}, {12, 13}}, "a[REDACTED]d"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := redact.DetectorFunc("fixed", func(string) [][2]int { return tc.ranges })
			got, masked := only(d).String(tc.in)
			require.Equal(t, tc.want, got)
			require.Equal(t, tc.want != tc.in, masked, "changed reports whether the text changed")
		})
	}
}

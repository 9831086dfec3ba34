package otel

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestExportIntervalHasAFloor: the SDK's export goroutine wakes up every
// ExportInterval whether or not anything is queued, so an interval below
// MinExportInterval is raised to it (before: a microsecond kept a CPU
// busy while nothing was logged); longer ones are kept.
func TestExportIntervalHasAFloor(t *testing.T) {
	for _, tc := range []struct {
		name string
		give time.Duration
		want time.Duration
	}{
		{"default", 0, DefaultExportInterval},
		{"one nanosecond", time.Nanosecond, MinExportInterval},
		{"three microseconds", 3 * time.Microsecond, MinExportInterval},
		{"just below the floor", MinExportInterval - 1, MinExportInterval},
		{"the floor", MinExportInterval, MinExportInterval},
		{"above the floor", 25 * time.Millisecond, 25 * time.Millisecond},
		{"an hour", time.Hour, time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := (&BatchOptions{ExportInterval: tc.give}).withDefaults()
			require.NoError(t, err)
			require.Equal(t, tc.want, o.ExportInterval)
		})
	}
}

package slogcore

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestOptionsValidateListsEveryProblem checks that options wrong in several
// fields name each of them in one error, and that New panics with it.
func TestOptionsValidateListsEveryProblem(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		want []string
	}{
		{"queue and overflow", Options{QueueSize: -3, Overflow: 5}, []string{"Options.QueueSize is -3", "Options.Overflow is Overflow(5)"}},
		{"timeouts and buffer", Options{BlockTimeout: -2 * time.Millisecond, FlushInterval: -time.Minute, BufferSize: -9},
			[]string{"Options.BlockTimeout is -2ms", "Options.FlushInterval is -1m0s", "Options.BufferSize is -9"}},
		{"huge queue and nil level", Options{QueueSize: MaxQueueSize + 7, Level: (*slog.LevelVar)(nil)},
			[]string{"at most MaxQueueSize", "Options.Level is a nil *slog.LevelVar"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.opts.Validate()
			require.Error(t, err)
			for _, w := range tc.want {
				require.ErrorContains(t, err, w)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				require.True(t, strings.HasPrefix(line, "slogcore: "), "line %q", line)
			}
			require.PanicsWithError(t, err.Error(), func() { New(io.Discard, &tc.opts) })
		})
	}
}

// TestNilDestinationsSayWhatToPass checks that New and Async refuse a nil
// destination with a message that names what to pass instead.
func TestNilDestinationsSayWhatToPass(t *testing.T) {
	require.PanicsWithValue(t, "slogcore: New: nil io.Writer (use io.Discard to write nothing)", func() { New(nil, nil) })
	require.PanicsWithValue(t, "slogcore: Async: nil slog.Handler (pass the handler to queue records for, or slog.DiscardHandler to write nothing)", func() { Async(nil, nil) })
}

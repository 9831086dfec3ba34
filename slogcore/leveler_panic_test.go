package slogcore

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

// flakyLeveler answers min, except on the calls where fail says to panic.
type flakyLeveler struct {
	min   slog.Level
	calls atomic.Int64
	fail  func(call int64) bool
}

func (l *flakyLeveler) Level() slog.Level {
	if l.fail(l.calls.Add(1)) {
		panic("leveler out of order")
	}
	return l.min
}

// errorList collects what OnError receives.
type errorList struct {
	mu   sync.Mutex
	errs []error
}

func (l *errorList) add(err error) { l.mu.Lock(); l.errs = append(l.errs, err); l.mu.Unlock() }

func (l *errorList) texts() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, e := range l.errs {
		out = append(out, e.Error())
	}
	return out
}

// TestLevelerThatPanics: an Options.Level whose Level method panics never
// crashes the logging call, for New and for Async. The record is taken as
// enabled (written, not lost) and OnError names the Leveler; when the
// Leveler answers again, its level filters as usual.
func TestLevelerThatPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		fail func(int64) bool
		// levels logged, in order, and which of them must be written
		levels []slog.Level
		want   []string
	}{
		{"always", func(int64) bool { return true },
			[]slog.Level{slog.LevelDebug - 3, slog.LevelInfo + 1, slog.LevelError + 2},
			[]string{"DEBUG-3", "INFO+1", "ERROR+2"}},
		{"every second call", func(n int64) bool { return n%2 == 0 },
			[]slog.Level{slog.LevelDebug, slog.LevelDebug + 1, slog.LevelWarn + 3, slog.LevelDebug - 2},
			[]string{"DEBUG+1", "WARN+3", "DEBUG-2"}},
	} {
		for _, mode := range []string{"New", "Async"} {
			t.Run(tc.name+"/"+mode, func(t *testing.T) {
				var out bytes.Buffer
				var errs errorList
				lv := &flakyLeveler{min: slog.LevelWarn, fail: tc.fail}
				opts := &Options{Level: lv, OnError: errs.add}
				var h *Handler
				if mode == "New" {
					h = New(&out, opts)
				} else {
					h = Async(slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.Level(-100)}), opts)
				}
				logger := slog.New(h)
				require.NotPanics(t, func() {
					for _, l := range tc.levels {
						logger.Log(context.Background(), l, "check", "at", l.String())
					}
				})
				require.NoError(t, h.Close(context.Background()))

				var got []string
				for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
					var m map[string]any
					require.NoError(t, json.Unmarshal([]byte(line), &m), line)
					got = append(got, m["level"].(string))
				}
				require.Equal(t, tc.want, got)
				s := h.Stats()
				require.Equal(t, uint64(len(tc.want)), s.Written)
				require.Equal(t, s.Submitted, s.Written)

				texts := errs.texts()
				require.NotEmpty(t, texts)
				for _, text := range texts {
					require.True(t, strings.HasPrefix(text, "slogcore: Options.Level (*slogcore.flakyLeveler): Level panicked"), text)
					require.Contains(t, text, "leveler out of order")
				}
			})
		}
	}
}

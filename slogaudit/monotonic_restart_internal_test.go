package slogaudit

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A handler that resumes a chain checks a policy's Monotonic rule against
// the chain's last record: a clock stepped back across a restart (a host
// rebooted with a wrong clock, a container moved to a host whose clock
// lags) is a violation, whether the chain is resumed by a new OpenFile or
// by another handler of the same File. A clock that went forward is not.
func TestMonotonicAcrossRestart(t *testing.T) {
	t0 := time.Date(2026, 7, 9, 3, 4, 5, 0, time.UTC)
	p := Policy{Name: "clock", Monotonic: true, MonotonicClause: "Clock 1"}
	for _, reopen := range []bool{true, false} {
		for _, step := range []time.Duration{-time.Second, -90 * time.Minute, -48 * time.Hour, time.Second} {
			t.Run(map[bool]string{true: "OpenFile", false: "same File"}[reopen]+"/"+step.String(), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "audit.log")
				var seen []Violation
				var af *File
				for _, ts := range []time.Time{t0, t0.Add(step)} {
					if af == nil || reopen {
						var err error
						af, err = OpenFile(path)
						require.NoError(t, err)
					}
					h, err := af.Handler(WithChainID("till"), WithPolicy(p),
						OnViolation(func(v Violation) { seen = append(seen, v) }), withClock(func() time.Time { return ts }))
					require.NoError(t, err)
					require.NoError(t, h.Handle(context.Background(), slog.NewRecord(ts, slog.LevelInfo, "sale", 0)))
					require.NoError(t, h.Close(context.Background()))
					if reopen {
						require.NoError(t, af.Close())
					}
				}
				if !reopen {
					require.NoError(t, af.Close())
				}
				if step > 0 {
					require.Empty(t, seen)
					return
				}
				require.Len(t, seen, 1, "the first record after the restart is before the chain's last record")
				require.Equal(t, "clock-backwards", seen[0].Rule)
			})
		}
	}
}

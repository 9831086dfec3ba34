package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestTimeCacheZones guards the per-second time cache's key: the cached
// date, clock and zone belong to one second in one location. Two times in
// the same second but in different zones (the same instant seen from UTC
// and from +05:30, or one record's time in UTC and another's in local time)
// must each be written in their own zone. A cache keyed on the second alone
// would write the second time with the first one's zone and clock.
func TestTimeCacheZones(t *testing.T) {
	base := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	east := time.FixedZone("IST", 5*3600+30*60)
	west := time.FixedZone("W", -7*3600)
	times := []time.Time{
		base,
		base.In(east),                    // same second, another zone
		base.Add(123 * time.Millisecond), // same second, back to UTC
		base.Add(456).In(west),           // same second, a third zone
		base.Add(456).In(time.FixedZone("W", -7*3600)), // same zone, another *Location
		base.Add(time.Second).In(west),                 // next second
		base.Add(time.Second),                          // next second, UTC
	}
	var c timeCache
	for i, tm := range times {
		want := strconv.Quote(tm.Format(time.RFC3339Nano))
		require.Equal(t, want, string(c.append(nil, tm)), "time %d", i)
		require.Equal(t, want, string(appendTime(nil, tm)), "time %d, uncached", i)
	}
}

// TestHandlerTimeZonesWithinASecond is TestTimeCacheZones through a
// Handler: records and attrs with times in two zones within one second.
func TestHandlerTimeZonesWithinASecond(t *testing.T) {
	var buf bytes.Buffer
	h := New(&buf, nil)
	base := time.Date(2026, 3, 4, 5, 6, 7, 8, time.UTC)
	east := time.FixedZone("E", 2*3600)
	var want []string
	for i, tm := range []time.Time{base, base.In(east), base.Add(time.Millisecond), base.Add(2 * time.Millisecond).In(east)} {
		r := slog.NewRecord(tm, slog.LevelInfo, "m", 0)
		r.AddAttrs(slog.Time("at", tm), slog.Int("i", i))
		require.NoError(t, h.Handle(context.Background(), r))
		want = append(want, tm.Format(time.RFC3339Nano))
	}
	require.NoError(t, h.Close(context.Background()))
	lines := parseLines(t, buf.Bytes())
	require.Len(t, lines, len(want))
	for i, m := range lines {
		require.Equal(t, want[i], m["time"], "record %d's own time", i)
		require.Equal(t, want[i], m["at"], "record %d's time attr", i)
	}
}

// appendFraction writes what time.RFC3339Nano writes for the nanoseconds.
func TestAppendFraction(t *testing.T) {
	for _, ns := range []int{1, 9, 10, 99, 100, 120, 123456789, 500000000, 999999999, 100000000, 10000001, 7} {
		want := time.Unix(0, int64(ns)).UTC().Format(".999999999")
		require.Equal(t, want, string(appendFraction(nil, ns)), "ns %d", ns)
	}
}

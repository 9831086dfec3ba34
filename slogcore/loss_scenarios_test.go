package slogcore_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

// flaky is a wrapped handler that is slow, fails some records and panics
// on others; it counts the records it accepted.
type flaky struct {
	ok atomic.Int64
	n  atomic.Int64
}

func (f *flaky) Enabled(context.Context, slog.Level) bool { return true }
func (f *flaky) WithAttrs([]slog.Attr) slog.Handler       { return f }
func (f *flaky) WithGroup(string) slog.Handler            { return f }
func (f *flaky) Handle(_ context.Context, r slog.Record) error {
	i := f.n.Add(1)
	if i%97 == 0 {
		time.Sleep(200 * time.Microsecond)
	}
	switch i % 13 {
	case 3:
		return errors.New("flaky: disk full")
	case 7:
		panic("flaky: boom")
	}
	f.ok.Add(1)
	return nil
}

// Every record is counted once: Submitted == Written + Dropped + Failed
// once the worker is done; Written equals what the wrapped handler
// accepted; OnDrop sees every drop; WatchLosses sees every accepted record
// that was lost (failed, evicted, cut by Close's deadline). Under
// DropOldest with a tiny queue, a flaky wrapped handler, and a Close with
// a short deadline racing with many loggers.
func TestAsyncAccountingUnderCloseRace(t *testing.T) {
	for _, ov := range []slogcore.Overflow{slogcore.DropOldest, slogcore.DropNewest, slogcore.Block} {
		inner := &flaky{}
		var drops [8]atomic.Int64
		var lossDrop [8]atomic.Int64
		var lossFail atomic.Int64
		h := slogcore.Async(inner, &slogcore.Options{QueueSize: 8, Overflow: ov, BlockTimeout: time.Millisecond,
			OnError: func(error) {}, OnDrop: func(d slogcore.Drop) { drops[d.Reason].Add(1) }})
		h.WatchLosses(func(l slogcore.Loss) {
			if l.Dropped {
				lossDrop[l.Reason].Add(1)
			} else {
				lossFail.Add(1)
			}
		})
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l := slog.New(h)
				for i := range 400 {
					lvl := slog.LevelInfo
					if i%50 == 0 {
						lvl = slog.LevelError
					}
					l.Log(context.Background(), lvl, "m", "g", g, "i", i)
				}
			}()
		}
		time.Sleep(2 * time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		h.Close(ctx)
		cancel()
		wg.Wait()
		var s slogcore.Stats
		for range 2000 {
			s = h.Stats()
			if s.QueueDepth == 0 && s.Writing == 0 {
				break
			}
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
		s = h.Stats()
		var dropSum int64
		for i := range drops {
			dropSum += drops[i].Load()
		}
		t.Logf("%v: stats %+v; inner ok %d; OnDrop %d; loss drops %v fails %d", ov, s, inner.ok.Load(), dropSum, &lossDrop, lossFail.Load())
		if s.Submitted != s.Written+s.Dropped+s.Failed {
			t.Errorf("%v: Submitted %d != Written %d + Dropped %d + Failed %d", ov, s.Submitted, s.Written, s.Dropped, s.Failed)
		}
		if s.Written != uint64(inner.ok.Load()) {
			t.Errorf("%v: Written %d but the wrapped handler accepted %d", ov, s.Written, inner.ok.Load())
		}
		// OnDrop's misses of ReasonCloseDeadline are shown, deterministically,
		// by TestOnDropMissesCloseDeadlineInWorker.
		for r := range drops[:6] {
			if slogcore.DropReason(r) != slogcore.ReasonCloseDeadline && uint64(drops[r].Load()) != s.DroppedBy[r] {
				t.Errorf("%v: OnDrop saw %d drops of reason %v, Stats.DroppedBy %d", ov, drops[r].Load(), slogcore.DropReason(r), s.DroppedBy[r])
			}
		}
		if uint64(lossFail.Load()) != s.Failed {
			t.Errorf("%v: WatchLosses saw %d failures, Stats.Failed %d", ov, lossFail.Load(), s.Failed)
		}
		for _, r := range []slogcore.DropReason{slogcore.ReasonEvicted, slogcore.ReasonCloseDeadline} {
			if uint64(lossDrop[r].Load()) != s.DroppedBy[r] {
				t.Errorf("%v: WatchLosses saw %d drops of reason %v, Stats %d", ov, lossDrop[r].Load(), r, s.DroppedBy[r])
			}
		}
	}
}

// gated blocks Handle of the records whose message is in gates until the
// gate is closed, and signals entered.
type gated struct {
	gates   map[string]chan struct{}
	entered chan string
}

func (g *gated) Enabled(context.Context, slog.Level) bool { return true }
func (g *gated) WithAttrs([]slog.Attr) slog.Handler       { return g }
func (g *gated) WithGroup(string) slog.Handler            { return g }
func (g *gated) Handle(_ context.Context, r slog.Record) error {
	if c, ok := g.gates[r.Message]; ok {
		g.entered <- r.Message
		<-c
	}
	return nil
}

// Options.OnDrop "is called for every record that is not written because
// of the overflow policy, a block timeout, or Close": also for a record
// the worker had already taken from the queue when Close's deadline
// passed (counted in Stats.DroppedBy[ReasonCloseDeadline] and reported to
// WatchLosses too).
func TestOnDropMissesCloseDeadlineInWorker(t *testing.T) {
	g := &gated{gates: map[string]chan struct{}{"r0": make(chan struct{}), "r1": make(chan struct{})}, entered: make(chan string, 4)}
	var onDrop, watched atomic.Int64
	h := slogcore.Async(g, &slogcore.Options{OnDrop: func(slogcore.Drop) { onDrop.Add(1) }})
	h.WatchLosses(func(l slogcore.Loss) {
		if l.Dropped {
			watched.Add(1)
		}
	})
	l := slog.New(h)
	l.Info("r0")
	<-g.entered // the worker is stuck in r0
	l.Info("r1")
	l.Info("r2")
	l.Info("r3")
	close(g.gates["r0"])
	<-g.entered // the worker took r1..r3 from the queue and is stuck in r1
	if d := h.Stats().QueueDepth; d != 0 {
		t.Fatalf("queue depth %d: the worker did not take r1..r3 together", d)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	err := h.Close(ctx)
	cancel()
	t.Logf("close: %v (wraps ErrRecordsLost: %v)", err, errors.Is(err, slogcore.ErrRecordsLost))
	close(g.gates["r1"])
	var s slogcore.Stats
	for range 1000 {
		if s = h.Stats(); s.Writing == 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	t.Logf("stats: written %d dropped %d (close-deadline %d); OnDrop calls %d; watcher drops %d", s.Written, s.Dropped, s.DroppedBy[slogcore.ReasonCloseDeadline], onDrop.Load(), watched.Load())
	if uint64(onDrop.Load()) != s.Dropped {
		t.Fatalf("Stats.Dropped = %d but OnDrop was called %d times", s.Dropped, onDrop.Load())
	}
}

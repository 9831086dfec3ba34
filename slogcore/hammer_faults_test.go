package slogcore

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slogguard/slogguard/internal/faultio"
	"github.com/stretchr/testify/require"
)

// panickyValuer is a LogValuer whose LogValue panics.
type panickyValuer struct{}

func (panickyValuer) LogValue() slog.Value { panic("valuer exploded") }

// panickyError is an error whose Error panics.
type panickyError struct{}

func (panickyError) Error() string { panic("error text exploded") }

// reenteringValuer logs to the handler from LogValue, on the caller's
// goroutine, while the outer record is being handled.
type reenteringValuer struct{ log func() }

func (v reenteringValuer) LogValue() slog.Value {
	v.log()
	return slog.StringValue("outer-value")
}

// TestConcurrentFaultsAccountedExactly logs from 32 goroutines into a
// handler whose writer fails in every way (short writes, errors inside a
// record, panics, stalls), with hostile values (a LogValuer or an error
// that panics, a LogValuer that logs to the same logger), while other
// goroutines Flush and Sync, and Close runs while records are still being
// logged and logged after it. For each queue policy and a queue of one
// record: every record is written whole exactly once or reported lost
// exactly once (or refused by Handle), and the counters agree with the
// output line for line. [Async] runs the same with a wrapped handler that
// returns errors, panics and stalls.
func TestConcurrentFaultsAccountedExactly(t *testing.T) {
	const goroutines, perG = 32, 80
	for _, tc := range []struct {
		name     string
		opts     Options
		faults   faultio.Faults
		deadline time.Duration // Close's; 0: wait
	}{
		{"block/queue1/short+eio", Options{QueueSize: 1, Overflow: Block, BufferSize: 1},
			faultio.Faults{Short: 0.2, ShortError: 0.1, EIO: 0.15}, 0},
		{"drop-oldest/queue1/panics", Options{QueueSize: 1, Overflow: DropOldest, BufferSize: 64},
			faultio.Faults{Panic: 0.1, Short: 0.1}, 0},
		{"drop-newest/queue2/stalls", Options{QueueSize: 2, Overflow: DropNewest},
			faultio.Faults{Delay: 0.3, MaxDelay: 200 * time.Microsecond, EIO: 0.1}, 0},
		{"block/queue1/timeout", Options{QueueSize: 1, Overflow: Block, BlockTimeout: 50 * time.Microsecond},
			faultio.Faults{Delay: 0.5, MaxDelay: 300 * time.Microsecond, ShortError: 0.1}, 0},
		{"block/queue3/close-deadline", Options{QueueSize: 3, Overflow: Block, FlushInterval: time.Microsecond},
			faultio.Faults{Delay: 0.5, MaxDelay: time.Millisecond, EIO: 0.05}, 2 * time.Millisecond},
	} {
		for _, mode := range []string{"New", "Async"} {
			t.Run(mode+"/"+tc.name, func(t *testing.T) {
				concurrentFaults(t, mode, tc.opts, tc.faults, tc.deadline, goroutines, perG)
			})
		}
	}
}

// concurrentFaults runs one case of TestConcurrentFaultsAccountedExactly
// with New or Async (mode).
func concurrentFaults(t *testing.T, mode string, opts Options, faults faultio.Faults, deadline time.Duration, goroutines, perG int) {
	var out faultio.Buffer
	fw := faultio.New(&out, 17, faults)
	opts.OnError = func(error) {}
	var onDrop atomic.Uint64
	opts.OnDrop = func(Drop) { onDrop.Add(1) }
	var h *Handler
	if mode == "New" {
		h = New(fw, &opts)
	} else { // the wrapped handler fails, panics and stalls; its writer only stalls
		faults.Short, faults.ShortError, faults.EIO, faults.Panic = 0, 0, 0, 0
		h = Async(newFaultHandler(faultio.New(&out, 17, faults), 5), &opts)
	}
	lost := &lossLog{ids: map[int]int{}}
	h.WatchLosses(lost.watch)

	var (
		mu      sync.Mutex
		refused = map[int]bool{}
		nextID  atomic.Int64
		handled atomic.Int64 // records passed to Handle
	)
	logOne := func(ctx context.Context, id int, args ...any) {
		rec := slog.NewRecord(time.Now(), slog.LevelInfo, "hammer", 0)
		rec.Add("id", id)
		rec.Add(args...)
		handled.Add(1)
		if err := h.Handle(context.WithValue(ctx, idKey{}, id), rec); err != nil {
			mu.Lock()
			refused[id] = true
			mu.Unlock()
		}
	}
	newID := func() int { return int(nextID.Add(1)) }

	stop := make(chan struct{})
	var side sync.WaitGroup
	for _, call := range []func(context.Context) error{h.Flush, h.Sync} {
		side.Add(1)
		go func() {
			defer side.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
				_ = call(ctx)
				cancel()
			}
		}()
	}

	var closeErr error
	closed := make(chan struct{})
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perG {
				if g == 0 && i == perG/2 { // Close while the others still log
					ctx, cancel := context.Background(), context.CancelFunc(func() {})
					if deadline > 0 {
						ctx, cancel = context.WithTimeout(ctx, deadline)
					}
					closeErr = h.Close(ctx)
					cancel()
					close(closed)
				}
				id := newID()
				switch i % 5 {
				case 0:
					logOne(context.Background(), id, "v", panickyValuer{})
				case 1:
					logOne(context.Background(), id, "err", panickyError{})
				case 2:
					inner := newID()
					logOne(context.Background(), id, "v", reenteringValuer{func() {
						logOne(context.Background(), inner, "nested", true)
					}})
				case 3:
					ctx, cancel := context.WithCancel(context.Background())
					if i%2 == 1 {
						cancel() // a caller whose context already ended
					}
					logOne(ctx, id, "payload", fmt.Sprintf("%0*d", (id%7)*300, id))
					cancel()
				default:
					logOne(context.Background(), id, "n", id)
				}
			}
		}()
	}
	wg.Wait()
	<-closed
	close(stop)
	side.Wait()
	<-h.core.done
	require.Equal(t, closeErr, h.Close(context.Background()), "a second Close returns the first one's result")

	s := h.Stats()
	checkInvariant(t, s)
	require.Zero(t, s.Writing)
	require.Zero(t, s.QueueDepth)
	require.EqualValues(t, handled.Load(), s.Submitted, "records passed to Handle != Submitted: %+v", s)
	require.Equal(t, s.Dropped, onDrop.Load(), "OnDrop calls != Dropped")
	require.NotZero(t, s.DroppedBy[ReasonClosed], "records logged after Close")
	if o := out.Bytes(); len(o) > 0 && o[len(o)-1] != '\n' {
		_, _ = out.Write([]byte("\n")) // a cut record at Close: its fragment is a line of its own
	}
	ids, fragments := outputIDs(t, out.Bytes())
	for _, id := range fragments {
		if id != 0 {
			require.Equal(t, 1, lost.ids[id], "the fragment of record %d must count as lost", id)
		}
	}
	var lines uint64
	for id := 1; id <= int(nextID.Load()); id++ {
		inOut, isLost := ids[id], lost.ids[id]
		lines += uint64(inOut)
		require.LessOrEqual(t, inOut, 1, "record %d written twice", id)
		require.LessOrEqual(t, isLost, 1, "record %d reported lost twice", id)
		if refused[id] {
			require.Zero(t, inOut+isLost, "record %d was refused by Handle", id)
			continue
		}
		require.Equal(t, 1, inOut+isLost, "record %d is neither in the output nor reported lost", id)
	}
	require.Equal(t, s.Written, lines, "Stats.Written does not match the output")
	require.EqualValues(t, s.Failed+s.Dropped-uint64(len(refused)), len(lost.ids), "losses reported != Failed+Dropped-refused")
}

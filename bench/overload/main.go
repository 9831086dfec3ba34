// Command overload produces log records at ten times the speed of a slow
// sink, for each overflow policy of slogcore, and reports what happened:
// records produced, written and dropped, the peak heap, and whether memory
// stayed flat.
//
//	go run ./overload -d 5s
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

// slowSink accepts at most rate lines per second.
type slowSink struct {
	rate  float64
	lines atomic.Int64
}

func (s *slowSink) Write(p []byte) (int, error) {
	n := 0
	for _, c := range p {
		if c == '\n' {
			n++
		}
	}
	time.Sleep(time.Duration(float64(n) / s.rate * float64(time.Second)))
	s.lines.Add(int64(n))
	return len(p), nil
}

type result struct {
	policy                   slogcore.Overflow
	produced, written        int64
	dropped                  uint64
	heapAfterWarmup, heapMax uint64
	heapEnd                  uint64
	stats                    slogcore.Stats
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func run(policy slogcore.Overflow, d time.Duration, sinkRate float64) result {
	runtime.GC()
	sink := &slowSink{rate: sinkRate}
	h := slogcore.New(sink, &slogcore.Options{Overflow: policy, QueueSize: 8192, Redact: slogcore.NoRedaction})
	l := slog.New(h)
	res := result{policy: policy}

	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() { // sample the heap every 20 ms
		defer close(sampled)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		start := time.Now()
		for {
			select {
			case <-stop:
				return
			case now := <-t.C:
				v := heapBytes()
				if now.Sub(start) < time.Second {
					res.heapAfterWarmup = max(res.heapAfterWarmup, v)
				}
				res.heapMax = max(res.heapMax, v)
			}
		}
	}()

	// Produce at 10 x the sink's rate, in bursts every millisecond.
	target := 10 * sinkRate
	perTick := int(target / 1000)
	deadline := time.Now().Add(d)
	tick := time.NewTicker(time.Millisecond)
	for time.Now().Before(deadline) {
		<-tick.C
		for range perTick {
			l.Info("overload", "i", res.produced, "payload", "0123456789abcdef0123456789abcdef")
			res.produced++
		}
	}
	tick.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	_ = h.Close(ctx)
	cancel()
	close(stop)
	<-sampled
	res.heapEnd = heapBytes()
	res.stats = h.Stats()
	res.written = sink.lines.Load()
	res.dropped = res.stats.Dropped
	return res
}

func main() {
	d := flag.Duration("d", 5*time.Second, "how long to produce, per policy")
	rate := flag.Float64("sink", 20000, "records per second the sink accepts")
	flag.Parse()
	fmt.Printf("sink: %.0f records/s; producer target: %.0f records/s (10x); %v per policy; GOMAXPROCS=%d\n\n",
		*rate, 10**rate, *d, runtime.GOMAXPROCS(0))
	fmt.Printf("%-12s %12s %12s %12s %10s %12s %12s %6s\n", "policy", "produced/s", "written", "dropped", "invariant", "heap@1s", "heap peak", "flat")
	ok := true
	for _, p := range []slogcore.Overflow{slogcore.Block, slogcore.DropNewest, slogcore.DropOldest} {
		r := run(p, *d, *rate)
		inv := r.stats.Submitted == r.stats.Written+r.stats.Dropped+r.stats.Failed && uint64(r.written) == r.stats.Written
		// Flat: the peak after the first second is within 2x of the first
		// second's (the queue is bounded, so memory must not keep growing).
		flat := r.heapMax <= 2*max(r.heapAfterWarmup, 4<<20)
		ok = ok && inv && flat
		fmt.Printf("%-12s %12.0f %12d %12d %10v %10.1fMB %10.1fMB %6v\n", p, float64(r.produced)/d.Seconds(), r.written, r.dropped, inv,
			float64(r.heapAfterWarmup)/(1<<20), float64(r.heapMax)/(1<<20), flat)
	}
	if !ok {
		fmt.Fprintln(os.Stderr, "overload: an invariant failed or memory grew")
		os.Exit(1)
	}
}

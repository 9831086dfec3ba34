// Command cpu measures the total process CPU time (user + system, from
// getrusage) that logging costs per record: the caller's time and the time
// of every goroutine the handler runs (slogcore's worker), garbage
// collection included, for the same records through each contender, in
// one process run. Contenders alternate round by round, so that a change
// in the machine's load reaches all of them alike.
//
//	go run ./cpu                       # 400,000 TenFields records, 7 rounds
//	go run ./cpu -n 400000 -rounds 9
//
// Each round logs n records of the scenario (TenFields: a message and 10
// attrs; AccumulatedContext: a message on a logger that carries those 10
// attrs; StaticMessage: a message alone) through each contender to
// io.Discard from one goroutine and closes it (slogcore's
// Close drains its queue, inside the measurement). It prints CPU ns per
// record for each contender and round, then the median of each and its
// ratio to slog.JSONHandler's median.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"syscall"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

var (
	errExample = errors.New("connection reset by peer")
	started    = time.Date(2026, 11, 26, 6, 45, 2, 0, time.UTC)
)

// tenAttrs are the attrs of the TenFields record.
func tenAttrs() []slog.Attr {
	return []slog.Attr{
		slog.Int("status", 200), slog.String("method", "GET"), slog.Time("started", started),
		slog.Duration("elapsed", 1234*time.Microsecond), slog.Bool("cached", false), slog.Float64("ratio", 0.75),
		slog.String("path", "/api/v1/orders/12345"), slog.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
		slog.Int("bytes", 5120), slog.Any("err", errExample),
	}
}

// scenarios log one record of each kind the bench module's benchmarks name.
var scenarios = map[string]func(l *slog.Logger) func(ctx context.Context){
	"TenFields": func(l *slog.Logger) func(ctx context.Context) {
		return func(ctx context.Context) {
			l.LogAttrs(ctx, slog.LevelInfo, "request handled",
				slog.Int("status", 200), slog.String("method", "GET"), slog.Time("started", started),
				slog.Duration("elapsed", 1234*time.Microsecond), slog.Bool("cached", false), slog.Float64("ratio", 0.75),
				slog.String("path", "/api/v1/orders/12345"), slog.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
				slog.Int("bytes", 5120), slog.Any("err", errExample),
			)
		}
	},
	"AccumulatedContext": func(l *slog.Logger) func(ctx context.Context) {
		as := tenAttrs()
		args := make([]any, len(as))
		for i, a := range as {
			args[i] = a
		}
		lc := l.With(args...)
		return func(ctx context.Context) { lc.LogAttrs(ctx, slog.LevelInfo, "request handled") }
	},
	"StaticMessage": func(l *slog.Logger) func(ctx context.Context) {
		return func(ctx context.Context) { l.LogAttrs(ctx, slog.LevelInfo, "request handled") }
	},
}

type contender struct {
	name string
	make func() (slog.Handler, func() error)
}

var contenders = []contender{
	{"slog.JSONHandler", func() (slog.Handler, func() error) {
		return slog.NewJSONHandler(io.Discard, nil), func() error { return nil }
	}},
	{"slogcore", func() (slog.Handler, func() error) {
		h := slogcore.New(io.Discard, &slogcore.Options{Redact: slogcore.NoRedaction})
		return h, func() error { return h.Close(context.Background()) }
	}},
	{"slogcore+redact", func() (slog.Handler, func() error) {
		h := slogcore.New(io.Discard, nil)
		return h, func() error { return h.Close(context.Background()) }
	}},
}

// cpuTime returns the CPU time the process has used, user plus system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		fmt.Fprintln(os.Stderr, "cpu: getrusage:", err)
		os.Exit(2)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure returns the CPU time per record of logging n records through c,
// Close included.
func measure(c contender, scenario string, n int) (time.Duration, error) {
	runtime.GC() // start every contender with no garbage of another's
	before := cpuTime()
	h, closeFn := c.make()
	log := scenarios[scenario](slog.New(h))
	ctx := context.Background()
	for range n {
		log(ctx)
	}
	err := closeFn()
	return (cpuTime() - before) / time.Duration(n), err
}

func main() {
	n := flag.Int("n", 400000, "records per contender and round")
	rounds := flag.Int("rounds", 7, "rounds; each runs every contender once")
	warm := flag.Int("warmup", 50000, "records per contender before the first round, not counted")
	scenario := flag.String("scenario", "TenFields", "TenFields, AccumulatedContext or StaticMessage")
	only := flag.String("only", "", "measure only the contender of this name (for a profiler or valgrind)")
	flag.Parse()
	if scenarios[*scenario] == nil {
		fmt.Fprintf(os.Stderr, "cpu: no scenario named %q: want TenFields, AccumulatedContext or StaticMessage\n", *scenario)
		os.Exit(2)
	}
	if *only != "" {
		contenders = slices.DeleteFunc(contenders, func(c contender) bool { return c.name != *only })
		if len(contenders) == 0 {
			fmt.Fprintf(os.Stderr, "cpu: no contender named %q\n", *only)
			os.Exit(2)
		}
	}

	for _, c := range contenders {
		if _, err := measure(c, *scenario, *warm); err != nil {
			fmt.Fprintf(os.Stderr, "cpu: %s: %v\n", c.name, err)
			os.Exit(1)
		}
	}
	fmt.Printf("CPU (user+system) ns per %s record, %d records per round, GOMAXPROCS=%d\n", *scenario, *n, runtime.GOMAXPROCS(0))
	results := make([][]time.Duration, len(contenders))
	for r := range *rounds {
		fmt.Printf("round %2d:", r+1)
		for i, c := range contenders {
			d, err := measure(c, *scenario, *n)
			if err != nil {
				fmt.Fprintf(os.Stderr, "cpu: %s: %v\n", c.name, err)
				os.Exit(1)
			}
			results[i] = append(results[i], d)
			fmt.Printf("  %s %d", c.name, d.Nanoseconds())
		}
		fmt.Println()
	}
	base := median(results[0])
	fmt.Printf("\n%-18s %8s %8s %8s %7s\n", "contender", "q1", "median", "q3", "ratio")
	for i, c := range contenders {
		q1, med, q3 := quartiles(results[i])
		fmt.Printf("%-18s %8d %8d %8d %6.2fx\n", c.name, q1.Nanoseconds(), med.Nanoseconds(), q3.Nanoseconds(), float64(med)/float64(base))
	}
}

func median(ds []time.Duration) time.Duration {
	_, m, _ := quartiles(ds)
	return m
}

// quartiles returns the lower quartile, the median and the upper quartile
// of ds (nearest rank).
func quartiles(ds []time.Duration) (q1, med, q3 time.Duration) {
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) time.Duration { return s[int(p*float64(len(s)-1)+0.5)] }
	return at(0.25), at(0.5), at(0.75)
}

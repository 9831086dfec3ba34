package slogcore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/slogguard/slogguard/internal/faultio"
	"github.com/stretchr/testify/require"
)

type idKey struct{}

// lossLog collects the ids of the records a watcher reported lost.
type lossLog struct {
	mu         sync.Mutex
	ids        map[int]int
	losses     map[int]Loss
	cutAtClose int
}

func (l *lossLog) watch(loss Loss) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if loss.Err != nil && strings.Contains(loss.Err.Error(), "before the handler closed") {
		l.cutAtClose++ // its first part stays in the output
	}
	if id, ok := loss.Context.Value(idKey{}).(int); ok {
		l.ids[id]++
		if l.losses == nil {
			l.losses = map[int]Loss{}
		}
		l.losses[id] = loss
	}
}

// outputIDs parses out and returns how often each id appears in a whole
// record, and the ids of fragments: lines that are the first part of a
// record (never two records glued together).
func outputIDs(t *testing.T, out []byte) (ids map[int]int, fragments []int) {
	t.Helper()
	ids = map[int]int{}
	for i, line := range bytes.Split(out, []byte("\n")) {
		if len(line) == 0 {
			continue // after a writer panic, a newline starts a fresh line
		}
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			require.LessOrEqual(t, bytes.Count(line, []byte(`{"time"`)), 1, "line %d is glued: %q", i+1, line)
			id := 0 // cut before its id
			if m := fragmentID.FindSubmatch(line); m != nil {
				id, _ = strconv.Atoi(string(m[1]))
			}
			fragments = append(fragments, id)
			continue
		}
		id, ok := m["id"].(float64)
		require.True(t, ok, "line %d has no id: %q", i+1, line)
		ids[int(id)]++
	}
	return ids, fragments
}

var fragmentID = regexp.MustCompile(`"id":(\d+),`)

func randomRecord(rng *rand.Rand, id int) []any {
	args := []any{"id", id}
	for j := range rng.IntN(6) {
		switch rng.IntN(4) {
		case 0:
			args = append(args, fmt.Sprintf("s%d", j), strings.Repeat("x", rng.IntN(300)))
		case 1:
			args = append(args, fmt.Sprintf("n%d", j), rng.Int64())
		case 2:
			args = append(args, slog.Group(fmt.Sprintf("g%d", j), "password", "hunter2", "a", rng.IntN(9)))
		default:
			args = append(args, fmt.Sprintf("m%d", j), map[string]any{"k": j, "u": "https://u:p@h/x"})
		}
	}
	return args
}

// TestWriteFaultsProperty logs random records through New and Async while
// the writer (or wrapped handler) fails in every way, with restarts and
// Close deadlines, and checks: every line is one whole record, each record
// is written at most once, every record is either in the output, reported
// lost to the watcher, or refused by Handle, and Stats match the output.
func TestWriteFaultsProperty(t *testing.T) {
	for seed := range uint64(24) {
		for _, mode := range []string{"New", "Async"} {
			t.Run(fmt.Sprintf("%s/seed%d", mode, seed), func(t *testing.T) {
				t.Parallel()
				faultProperty(t, mode, seed)
			})
		}
	}
}

func faultProperty(t *testing.T, mode string, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	var out faultio.Buffer
	fw := faultio.New(&out, seed, faultio.Faults{
		Short: rng.Float64() * 0.2, ShortError: rng.Float64() * 0.1, EIO: rng.Float64() * 0.1,
		Panic: rng.Float64() * 0.05, Delay: 0.1, MaxDelay: time.Millisecond,
	})
	gate := faultio.New(&out, seed, faultio.Faults{}) // Async's handler writes here: it only blocks
	lost := &lossLog{ids: map[int]int{}}
	refused := map[int]bool{}
	var written, failed, dropped uint64
	tornTails := 0
	id := 0
	for restart := range 1 + rng.IntN(3) {
		opts := &Options{QueueSize: 1 + rng.IntN(64), BufferSize: 1 + rng.IntN(4096),
			FlushInterval: time.Millisecond, Overflow: Overflow(rng.IntN(3)), OnError: func(error) {}}
		var h *Handler
		if mode == "New" {
			h = New(fw, opts)
		} else {
			h = Async(newFaultHandler(gate, seed+uint64(restart)), opts)
		}
		unwatch := h.WatchLosses(lost.watch)
		if restart == 1 {
			fw.SetCapacity(rng.IntN(2000)) // the disk fills up
		}
		l := slog.New(h)
		n := rng.IntN(300)
		for range n {
			id++
			ctx := context.WithValue(context.Background(), idKey{}, id)
			rec := slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0)
			rec.Add(randomRecord(rng, id)...)
			if err := l.Handler().Handle(ctx, rec); err != nil {
				refused[id] = true
			}
			if rng.IntN(100) == 0 {
				fw.SetCapacity(-1) // space freed
			}
		}
		var release func()
		ctx, cancel := context.Background(), func() {}
		if rng.IntN(3) == 0 { // a Close deadline, the writer blocked
			release = fw.Block()
			if mode == "Async" {
				release = gate.Block()
			}
			ctx, cancel = context.WithTimeout(ctx, time.Duration(rng.IntN(3))*time.Millisecond)
		}
		if rng.IntN(2) == 0 {
			fw.SetCapacity(-1) // space freed before Close
		}
		err := h.Close(ctx)
		cancel()
		if release != nil {
			release()
		}
		<-h.core.done
		if o := out.Bytes(); len(o) > 0 && o[len(o)-1] != '\n' {
			// The writer still failed at Close: the output ends with part of
			// a record, as after a crash. The next process starts a fresh
			// line, as slogaudit.OpenFile does.
			tornTails++
			_, _ = out.Write([]byte("\n"))
		}
		unwatch()
		s := h.Stats()
		checkInvariant(t, s)
		require.Zero(t, s.Writing)
		require.EqualValues(t, n, s.Submitted)
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			// Close gave up before it knew what the writer would do.
		case s.Failed+s.Dropped > 0:
			require.ErrorIs(t, err, ErrRecordsLost)
		default:
			require.NoError(t, err)
		}
		written += s.Written
		failed += s.Failed
		dropped += s.Dropped
		fw.SetCapacity(-1)
	}
	ids, fragments := outputIDs(t, out.Bytes())
	require.LessOrEqual(t, len(fragments), max(tornTails, lost.cutAtClose)+fw.Panics(), "a fragment that no panic or failing Close explains")
	for _, id := range fragments {
		if id == 0 {
			continue
		}
		require.Equal(t, 1, lost.ids[id], "the fragment of record %d must count as lost", id)
	}
	var lines uint64
	for i := 1; i <= id; i++ {
		inOut, isLost := ids[i], lost.ids[i]
		lines += uint64(inOut)
		require.LessOrEqual(t, inOut, 1, "record %d written twice", i)
		require.LessOrEqual(t, isLost, 1, "record %d reported lost twice", i)
		switch {
		case refused[i]:
			require.Zero(t, inOut+isLost, "record %d was refused by Handle", i)
		default:
			require.Equal(t, 1, inOut+isLost, "record %d is neither in the output nor reported lost (in output %d, lost %d: %+v)", i, inOut, isLost, lost.losses[i])
		}
	}
	require.Equal(t, written, lines, "Stats.Written does not match the output")
	require.EqualValues(t, failed+dropped-uint64(len(refused)), len(lost.ids), "losses reported != Failed+Dropped-refused")
}

// faultHandler is a wrapped handler that fails as network sinks do: it
// returns errors, panics and stalls, and writes each record it accepts
// whole (the wrapped handler's framing is its own business).
type faultHandler struct {
	mu   *sync.Mutex
	rng  *rand.Rand
	out  io.Writer
	json slog.Handler
	buf  *bytes.Buffer
}

func newFaultHandler(out io.Writer, seed uint64) *faultHandler {
	buf := new(bytes.Buffer)
	return &faultHandler{mu: new(sync.Mutex), rng: rand.New(rand.NewPCG(seed, 3)), out: out, buf: buf, json: slog.NewJSONHandler(buf, nil)}
}

func (f *faultHandler) Enabled(context.Context, slog.Level) bool { return true }
func (f *faultHandler) WithAttrs([]slog.Attr) slog.Handler       { panic("not used") }
func (f *faultHandler) WithGroup(string) slog.Handler            { panic("not used") }

func (f *faultHandler) Handle(ctx context.Context, r slog.Record) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch x := f.rng.IntN(20); {
	case x == 0:
		return syscall.EIO
	case x == 1:
		panic("wrapped handler exploded")
	case x == 2:
		time.Sleep(time.Duration(f.rng.IntN(1000)) * time.Microsecond)
	}
	f.buf.Reset()
	if err := f.json.Handle(ctx, r); err != nil {
		return err
	}
	_, err := f.out.Write(f.buf.Bytes())
	return err
}

// TestCutRecordCompletedFirst: a write that stops inside a record (a full
// disk) keeps the record's rest, which is written before anything else
// once space is freed: the record is whole and nothing is glued to it.
func TestCutRecordCompletedFirst(t *testing.T) {
	var out faultio.Buffer
	fw := faultio.New(&out, 1, faultio.Faults{})
	var reported []error
	var mu sync.Mutex
	h := New(fw, &Options{FlushInterval: time.Hour, OnError: func(err error) { mu.Lock(); reported = append(reported, err); mu.Unlock() }})
	l := slog.New(h)
	l.Info("first")
	require.NoError(t, h.Flush(context.Background()))
	fw.SetCapacity(10) // the next record is cut after 10 bytes
	l.Info("cut", "pad", strings.Repeat("p", 100))
	l.Info("after")
	require.ErrorContains(t, h.Flush(context.Background()), "waits for the writer to recover")
	s := h.Stats()
	require.EqualValues(t, 1, s.Written)
	require.EqualValues(t, 1, s.Failed, "the record after the cut one never reached the writer")
	require.Equal(t, 1, s.Writing, "the cut record waits for its rest")
	mu.Lock()
	require.ErrorIs(t, reported[0], syscall.ENOSPC)
	mu.Unlock()

	fw.SetCapacity(-1)
	l.Info("later")
	require.NoError(t, h.Flush(context.Background()))
	lines := parseLines(t, out.Bytes())
	require.Len(t, lines, 3)
	require.Equal(t, []any{"first", "cut", "later"}, []any{lines[0]["msg"], lines[1]["msg"], lines[2]["msg"]})
	closeAndCheck(t, h)
	s = h.Stats()
	checkInvariant(t, s)
	require.EqualValues(t, 3, s.Written)
}

// TestShortWritesWithoutError: a writer that takes a few bytes per call and
// returns no error gets the rest until the batch is written whole.
func TestShortWritesWithoutError(t *testing.T) {
	var out bytes.Buffer
	w := writerFunc(func(p []byte) (int, error) {
		n := min(len(p), 7)
		out.Write(p[:n])
		return n, nil
	})
	h := New(w, &Options{BufferSize: 16})
	for i := range 3 {
		slog.New(h).Info("m", "i", i)
	}
	closeAndCheck(t, h)
	require.Len(t, parseLines(t, out.Bytes()), 3)
	require.EqualValues(t, 3, h.Stats().Written)
}

// TestPanickingWriterStartsFreshLine: after a panic the next write starts
// with a newline, so a fragment the writer may have left is never glued.
func TestPanickingWriterStartsFreshLine(t *testing.T) {
	var out bytes.Buffer
	calls := 0
	w := writerFunc(func(p []byte) (int, error) {
		calls++
		if calls == 1 {
			out.Write(p[:5]) // part of the batch, then a panic
			panic("boom")
		}
		return out.Write(p)
	})
	h := New(w, &Options{FlushInterval: time.Hour, OnError: func(error) {}})
	l := slog.New(h)
	l.Info("lost")
	require.NoError(t, h.Flush(context.Background()))
	l.Info("kept")
	closeAndCheck(t, h)
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Equal(t, byte('{'), out.Bytes()[0])
	require.Len(t, got, 2)
	require.Len(t, got[0], 5, "the fragment stays on a line of its own")
	require.Contains(t, got[1], `"msg":"kept"`)
	s := h.Stats()
	require.EqualValues(t, 1, s.FailedPanic)
	require.EqualValues(t, 1, s.Written)
}

// TestWatchLossesReportsDrops: records dropped after Handle accepted them
// are reported; records Handle refused are not.
func TestWatchLossesReportsDrops(t *testing.T) {
	release := make(chan struct{})
	w := writerFunc(func(p []byte) (int, error) { <-release; return len(p), nil })
	h := New(w, &Options{QueueSize: 1, Overflow: DropNewest, BufferSize: 1})
	lost := &lossLog{ids: map[int]int{}}
	h.WatchLosses(lost.watch)
	log := func(id int) error {
		ctx := context.WithValue(context.Background(), idKey{}, id)
		return h.Handle(ctx, slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0))
	}
	require.NoError(t, log(1))
	go func() { _ = h.Flush(context.Background()) }()
	require.Eventually(t, func() bool { return h.Stats().QueueDepth == 0 }, 5*time.Second, time.Millisecond)
	require.NoError(t, log(2)) // queued
	require.NoError(t, log(3)) // dropped: the queue is full
	close(release)
	err := h.Close(context.Background())
	require.ErrorIs(t, err, ErrRecordsLost)
	require.ErrorIs(t, log(4), ErrClosed)
	require.Equal(t, map[int]int{3: 1}, lost.ids)
}

// TestOneByteWriter: a writer that takes one byte per call, with no error,
// still gets every record whole.
func TestOneByteWriter(t *testing.T) {
	var out bytes.Buffer
	w := writerFunc(func(p []byte) (int, error) {
		out.WriteByte(p[0])
		return 1, nil
	})
	h := New(w, nil)
	for i := range 20 {
		slog.New(h).Info("m", "i", i, "pad", strings.Repeat("x", 50))
	}
	closeAndCheck(t, h)
	require.Len(t, parseLines(t, out.Bytes()), 20)
	require.EqualValues(t, 20, h.Stats().Written)
}

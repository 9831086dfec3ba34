// Package faultio provides an io.Writer that fails the way disks, pipes and
// buggy writers fail, for tests: short writes with and without an error,
// errors after part of the data was written (EIO), a device that fills up
// (ENOSPC) until space is freed, panics, and delays. It is deterministic
// for a given seed.
package faultio

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"sync"
	"syscall"
	"time"
)

// Faults sets how often each fault happens, as probabilities per Write
// call. The probabilities are tried in the order of the fields; a call that
// draws none of them writes everything.
type Faults struct {
	Short      float64 // write part of p, return a nil error
	ShortError float64 // write part of p, return io.ErrShortWrite
	EIO        float64 // write part of p, return syscall.EIO
	Panic      float64 // panic before writing anything
	Delay      float64 // sleep MaxDelay at most, then write everything
	MaxDelay   time.Duration
	// The write call fails after the data reached the output.
	WrittenEIO float64 // write everything, return syscall.EIO
	PanicAfter float64 // write part of p, or all of it, then panic
}

// Writer is the fault-injecting writer. Out receives what was written.
type Writer struct {
	mu       sync.Mutex
	out      io.Writer
	rng      *rand.Rand
	faults   Faults
	capacity int // bytes the device can still take; -1: unlimited
	calls    int
	panics   int
	block    chan struct{} // while non-nil, Write waits for it to close
}

// New returns a writer to out that injects faults, drawn from seed.
func New(out io.Writer, seed uint64, f Faults) *Writer {
	return &Writer{out: out, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), faults: f, capacity: -1}
}

// SetCapacity makes the device hold n more bytes (a full disk at 0); a
// write beyond it writes what fits and fails with ENOSPC. -1 is unlimited.
func (w *Writer) SetCapacity(n int) {
	w.mu.Lock()
	w.capacity = n
	w.mu.Unlock()
}

// SetFaults replaces the fault probabilities.
func (w *Writer) SetFaults(f Faults) {
	w.mu.Lock()
	w.faults = f
	w.mu.Unlock()
}

// Block makes every Write wait until the returned function is called.
func (w *Writer) Block() (release func()) {
	ch := make(chan struct{})
	w.mu.Lock()
	w.block = ch
	w.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			w.mu.Lock()
			if w.block == ch {
				w.block = nil
			}
			w.mu.Unlock()
			close(ch)
		})
	}
}

// Panics returns how many panics were injected.
func (w *Writer) Panics() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.panics
}

// ErrNoSpace is the error of a write to a full device.
var ErrNoSpace = syscall.ENOSPC

// Write writes p to the output, or part of it, as the faults decide.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	block := w.block
	w.mu.Unlock()
	if block != nil {
		<-block
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls++
	f := w.faults
	part := func() int {
		if len(p) <= 1 {
			return 0
		}
		return w.rng.IntN(len(p))
	}
	n, err := len(p), error(nil)
	x := w.rng.Float64()
	switch {
	case x < f.Short:
		n = part()
	case x < f.Short+f.ShortError:
		n, err = part(), io.ErrShortWrite
	case x < f.Short+f.ShortError+f.EIO:
		n, err = part(), syscall.EIO
	case x < f.Short+f.ShortError+f.EIO+f.Panic:
		w.panics++
		panic("faultio: injected panic")
	case x < f.Short+f.ShortError+f.EIO+f.Panic+f.Delay:
		if f.MaxDelay > 0 {
			d := time.Duration(w.rng.Int64N(int64(f.MaxDelay)))
			w.mu.Unlock()
			time.Sleep(d)
			w.mu.Lock()
		}
	case x < f.Short+f.ShortError+f.EIO+f.Panic+f.Delay+f.WrittenEIO:
		err = syscall.EIO
	case x < f.Short+f.ShortError+f.EIO+f.Panic+f.Delay+f.WrittenEIO+f.PanicAfter:
		if w.rng.IntN(2) == 0 {
			n = part()
		}
		if w.capacity >= 0 {
			n = min(n, w.capacity)
			w.capacity -= n
		}
		w.out.Write(p[:n])
		w.panics++
		panic("faultio: injected panic after writing")
	}
	if w.capacity >= 0 && n > w.capacity {
		n, err = w.capacity, ErrNoSpace
	}
	if w.capacity >= 0 {
		w.capacity -= n
	}
	m, werr := w.out.Write(p[:n])
	if werr != nil {
		return m, werr
	}
	return n, err
}

// Buffer is a bytes.Buffer safe for concurrent use, for Writer's output.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Bytes returns a copy of the contents.
func (b *Buffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

// IsInjected reports whether err is one of the errors Writer injects.
func IsInjected(err error) bool {
	return errors.Is(err, io.ErrShortWrite) || errors.Is(err, syscall.EIO) || errors.Is(err, syscall.ENOSPC)
}

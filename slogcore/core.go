package slogcore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slogguard/slogguard/internal/goroutine"
	"github.com/slogguard/slogguard/redact"
)

// core is the state shared by a handler and every handler derived from it:
// one queue, one worker goroutine, one ordering, one set of counters.
type core struct {
	opts   Options
	w      io.Writer        // New writes JSON here; nil for Async
	redact *redact.Redactor // nil when redaction is off

	mu       sync.Mutex
	space    sync.Cond // signalled when the queue has room or closes
	ring     []*entry
	head, n  int
	wakeAt   int   // queue depth at which the worker is woken early
	helpAt   int32 // queue depth from which callers encode their own records
	woken    bool  // a wake-up is pending
	parked   bool  // the worker sleeps without its ticker: the next record wakes it
	yieldAt  int   // while woken, the depth at which a caller yields again
	waiters  int   // producers waiting in space.Wait
	closed   bool  // Close has begun; Handle refuses records
	inflight int   // records taken by the worker, not yet counted
	closeErr error // Close's result, once settled
	settled  bool  // closeErr is final
	stats    Stats
	synced   uint64       // stats.Failed when the last Sync returned
	depth    atomic.Int32 // c.n, readable without the lock
	gaveUp   atomic.Bool  // Close's context ended: the worker writes nothing more
	// writing is the count of records in the write call in progress (0
	// when none is): of the records the worker holds when Close gives up,
	// those are the ones that may still reach the writer.
	writing    atomic.Int64
	cutPending atomic.Bool // the worker holds the rest of a cut record
	watch      watchers    // WatchLosses

	wake     chan struct{}     // worker: the queue is worth draining now
	flushReq chan flushRequest // worker: drain and write, then close the reply
	stop     chan struct{}     // closed when Close begins
	done     chan struct{}     // closed when the worker has exited
	stopOnce sync.Once

	// Recycled entries travel in batches of refillBatch. The worker fills
	// batches with the entries it is done with and hands the full ones
	// over at its next drain, under the lock it takes anyway; a caller
	// whose processor has no entries left in free (a sync.Pool, whose
	// per-processor cache it reads without contention) swaps its empty
	// batch for a full one. Under the lock, only batch pointers move.
	// spares survives garbage collection, so steady-state logging
	// allocates nothing.
	free    sync.Pool
	spares  []*entryBatch // full batches for callers (c.mu)
	empties []*entryBatch // batches callers emptied, for the worker (c.mu)
	filling *entryBatch   // owned by the worker: being filled
	filled  []*entryBatch // owned by the worker: full, not handed over yet
	emptied []*entryBatch // owned by the worker: empty, to fill

	// Owned by the worker goroutine. work is a second ring, empty between
	// drains: a drain swaps it with ring, so that the lock is held for a
	// moment rather than for a copy of the queue.
	work    []*entry
	batch   []byte
	batchN  int // records in batch
	ends    []int
	infos   []lossInfo // per record in batch, while someone watches losses
	scratch []byte     // batch with a prefix, after a cut or a panic
	cut     []byte     // the unwritten rest of a cut record, or nil
	cutBuf  []byte
	cutInfo lossInfo
	fresh   bool // the next write starts with a newline (after a panic)
	stalled bool // the last write call took no byte
	cache   workerCache
	errs    errorReporter

	// Owned by the worker, for restart: what it was doing when a callback
	// ended its goroutine.
	replying chan struct{} // a Flush waiting for this reply
	handling *entry        // the record passed to the wrapped handler
	exitIn   string        // who called runtime.Goexit, when known

	// Re-entrant calls (reentry.go), last: they are rarely touched, and
	// the fields above keep the layout the record path was measured with.
	worker   atomic.Uint64 // goroutine id of the worker
	inOnDrop goroutine.Set // the goroutines inside OnDrop

	// wakeups counts the worker's wake-ups by the queue and its ticker,
	// so that a test can tell an idle worker from a spinning one.
	wakeups atomic.Uint64
}

// Queue depths at which the worker is woken early, and from which callers
// encode their own records.
const (
	wakeDepth = 256
	helpDepth = 512
)

func newCore(w io.Writer, opts *Options) *core {
	o, err := opts.withDefaults()
	if err != nil {
		panic(err)
	}
	c := &core{
		opts:     o,
		w:        w,
		ring:     make([]*entry, o.QueueSize),
		work:     make([]*entry, o.QueueSize),
		wakeAt:   max(1, min(o.QueueSize/2, wakeDepth)),
		helpAt:   int32(max(2, min(o.QueueSize/2, helpDepth))),
		wake:     make(chan struct{}, 1),
		flushReq: make(chan flushRequest),
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
		cache:    workerCache{sources: make(map[uintptr]*slog.Source)},
	}
	switch {
	case o.Redact == nil:
		c.redact = redact.Must(redact.Credentials)
	case !o.Redact.Off():
		c.redact = o.Redact
	}
	c.space.L = &c.mu
	c.errs.onError = o.OnError
	go c.run()
	return c
}

// refillBatch is how many spare entries a caller takes at once.
const refillBatch = 32

// An entryBatch is a handful of spare entries held by one processor's
// cache in core.free, or waiting in core.spares. Pooling the batch rather
// than each entry keeps a Get and a Put on sync.Pool's per-processor fast
// path, and a processor that runs out takes a batch at once instead of
// taking entries from another processor's cache one by one.
type entryBatch struct {
	es [refillBatch]*entry
	n  int
}

// push adds e to b, which must not be full.
func (b *entryBatch) push(e *entry) {
	b.es[b.n] = e
	b.n++
}

// pop removes and returns the last entry of b, which must not be empty.
func (b *entryBatch) pop() *entry {
	b.n--
	e := b.es[b.n]
	b.es[b.n] = nil
	return e
}

// popBatch removes and returns the last batch of *list, or nil.
func popBatch(list *[]*entryBatch) *entryBatch {
	k := len(*list)
	if k == 0 {
		return nil
	}
	b := (*list)[k-1]
	(*list)[k-1] = nil
	*list = (*list)[:k-1]
	return b
}

// moveBatches moves the batches of *from to *to while *to holds fewer than
// limit, and empties *from: batches beyond the limit are left to the
// garbage collector.
func moveBatches(to, from *[]*entryBatch, limit int) {
	if room := limit - len(*to); room > 0 {
		*to = append(*to, (*from)[:min(room, len(*from))]...)
	}
	clear(*from)
	*from = (*from)[:0]
}

func (c *core) getEntry() *entry {
	b, _ := c.free.Get().(*entryBatch)
	if b == nil || b.n == 0 {
		c.mu.Lock()
		full := popBatch(&c.spares)
		if full != nil && b != nil && len(c.empties) < c.maxBatches() {
			c.empties = append(c.empties, b)
		}
		c.mu.Unlock()
		if full == nil {
			if b != nil {
				c.free.Put(b)
			}
			return new(entry)
		}
		b = full
	}
	e := b.pop()
	c.free.Put(b)
	return e
}

// maxBatches is how many spare batches are kept: enough for a full queue.
func (c *core) maxBatches() int {
	return len(c.ring)/refillBatch + 1
}

// recycle keeps e for reuse, from the worker goroutine.
func (c *core) recycle(e *entry) {
	if !reusable(e) {
		return
	}
	b := c.filling
	if b == nil {
		if b = popBatch(&c.emptied); b == nil {
			b = new(entryBatch)
		}
		c.filling = b
	}
	if b.push(e); b.n == len(b.es) {
		c.filled = append(c.filled, b)
		c.filling = nil
	}
}

// reusable resets e and reports whether it is worth keeping.
func reusable(e *entry) bool {
	if cap(e.raw) > 64<<10 || cap(e.items) > 1024 || cap(e.line) > 64<<10 {
		return false // let the garbage collector take outsized buffers
	}
	e.reset()
	return true
}

// putEntry recycles e from a caller's goroutine.
func (c *core) putEntry(e *entry) {
	if !reusable(e) {
		return
	}
	b, _ := c.free.Get().(*entryBatch)
	if b == nil {
		b = new(entryBatch)
	}
	if b.n < len(b.es) {
		b.push(e)
	} // else: left to the garbage collector
	c.free.Put(b)
}

// enqueue hands e to the worker according to the overflow policy. A
// caller that waits for room stops waiting when ctx ends.
func (c *core) enqueue(ctx context.Context, e *entry) error {
	var (
		evicted  *entry
		timer    *time.Timer
		deadline time.Time
		stopCtx  func() bool
	)
	defer func() {
		if timer != nil {
			timer.Stop()
		}
		if stopCtx != nil {
			stopCtx()
		}
	}()
	c.mu.Lock()
	c.stats.Submitted++
	checked := false
	for c.n == len(c.ring) && !c.closed {
		if e.level < slog.LevelError && c.opts.Overflow != Block {
			if c.opts.Overflow == DropOldest {
				if evicted = c.evictOldest(); evicted != nil {
					c.countDrop(ReasonEvicted)
					break
				}
				// Every queued record is an error, which is never
				// dropped: e is the oldest record below Error. Waiting
				// for room would make a drop policy block its caller.
			}
			c.countDrop(ReasonQueueFull)
			c.mu.Unlock()
			c.dropped(e, ReasonQueueFull, true)
			return nil
		}
		if !checked { // about to wait: the worker must not wait for itself
			checked = true
			if c.onWorker() {
				c.countDrop(ReasonReentrant)
				c.mu.Unlock()
				c.dropped(e, ReasonReentrant, false)
				return ErrReentrant
			}
		}
		if c.opts.BlockTimeout > 0 {
			if timer == nil {
				deadline = time.Now().Add(c.opts.BlockTimeout)
				timer = time.AfterFunc(c.opts.BlockTimeout, func() {
					c.mu.Lock()
					c.space.Broadcast()
					c.mu.Unlock()
				})
			} else if !time.Now().Before(deadline) {
				c.countDrop(ReasonTimeout)
				c.mu.Unlock()
				c.dropped(e, ReasonTimeout, false)
				return ErrQueueFull
			}
		}
		if err := ctx.Err(); err != nil {
			c.countDrop(ReasonContextDone)
			c.mu.Unlock()
			c.dropped(e, ReasonContextDone, false)
			return fmt.Errorf("slogcore: queue full and %w: record dropped", err)
		}
		if stopCtx == nil && ctx.Done() != nil {
			stopCtx = context.AfterFunc(ctx, func() {
				c.mu.Lock()
				c.space.Broadcast()
				c.mu.Unlock()
			})
		}
		c.waiters++
		c.space.Wait()
		c.waiters--
	}
	if c.closed {
		c.countDrop(ReasonClosed)
		c.mu.Unlock()
		c.dropped(e, ReasonClosed, false)
		return ErrClosed
	}
	c.ring[(c.head+c.n)%len(c.ring)] = e
	c.n++
	c.depth.Store(int32(c.n))
	c.stats.QueueHighWater = max(c.stats.QueueHighWater, c.n)
	signal, yield := c.nudge()
	c.mu.Unlock()
	if signal {
		select {
		case c.wake <- struct{}{}:
		default:
		}
	}
	if yield {
		runtime.Gosched()
	}
	if evicted != nil {
		c.dropped(evicted, ReasonEvicted, true)
	}
	return nil
}

// nudge decides, once a record is queued, whether to wake the worker and
// whether the caller should yield its processor. c.mu is held.
//
// A parked worker (see run) is woken by the first record, without a yield:
// it only starts its ticker.
//
// The wake-up makes the worker runnable on the caller's processor, behind
// the caller: the caller yields so that it runs now rather than when the
// scheduler next preempts the caller (with every processor busy, that could
// be ten milliseconds and a full queue later). Once woken, a queue that
// keeps growing usually means the worker is waiting for a processor (the
// scheduler preempted it to let callers run): every wakeAt more records, a
// caller yields once more. A full queue makes callers wait instead.
func (c *core) nudge() (wake, yield bool) {
	switch {
	case c.parked: // the worker waits for this record to start its ticker
		c.parked = false
		return true, false
	case c.n >= c.wakeAt && !c.woken:
		c.woken = true
		c.yieldAt = c.n + c.wakeAt
		return true, true
	case c.woken && c.n >= c.yieldAt && c.n < len(c.ring):
		c.yieldAt = c.n + c.wakeAt
		return false, true
	}
	return false, false
}

// evictOldest removes and returns the oldest queued record below
// slog.LevelError, or nil when every queued record is an error. c.mu is held.
func (c *core) evictOldest() *entry {
	size := len(c.ring)
	for i := 0; i < c.n; i++ {
		idx := (c.head + i) % size
		if e := c.ring[idx]; e.level < slog.LevelError {
			for j := i; j > 0; j-- { // close the gap, keeping order
				c.ring[(c.head+j)%size] = c.ring[(c.head+j-1)%size]
			}
			c.ring[c.head] = nil
			c.head = (c.head + 1) % size
			c.n--
			c.depth.Store(int32(c.n))
			return e
		}
	}
	return nil
}

// countDrop counts one dropped record. c.mu is held.
func (c *core) countDrop(r DropReason) { c.countDropN(r, 1) }

// countDropN counts n dropped records. c.mu is held.
func (c *core) countDropN(r DropReason, n int) {
	c.stats.Dropped += uint64(n)
	c.stats.DroppedBy[r] += uint64(n)
}

// dropped reports a dropped record to OnDrop and recycles it. accepted
// says whether Handle returned nil for it, which makes it a [Loss] for the
// watchers too.
func (c *core) dropped(e *entry, r DropReason, accepted bool) {
	if f := c.opts.OnDrop; f != nil {
		c.onDrop(f, Drop{Reason: r, Time: e.time, Level: e.level, Message: c.redact.Message(e.msg)})
	}
	if accepted {
		c.lostDrop(lossOf(e), r)
	}
	c.putEntry(e)
}

// onDrop calls the OnDrop callback f. Its panic is dropped: it must not
// reach the caller or kill the worker, nor keep the drop from the loss
// watchers (an audit wrapper declares the record lost from them). A
// record that f itself logged, and that was dropped in turn, is not
// passed to f again: f would log again, without end.
func (c *core) onDrop(f func(Drop), d Drop) {
	id := goroutine.ID()
	if !c.inOnDrop.Enter(id) {
		return
	}
	defer c.inOnDrop.Leave(id)
	defer func() { _ = recover() }()
	f(d)
}

// run is the worker goroutine: it drains the queue, writes batches, and
// exits once Close has begun and everything is written (or abandoned).
//
// Its ticker runs only while there is something to write: a tick that
// finds the queue and the batch empty (and no cut record to finish) parks
// the worker, which stops the ticker and waits for the next record, Flush
// or Close. An idle handler thus costs nothing, whatever FlushInterval is.
func (c *core) run() {
	c.worker.Store(goroutine.ID())
	finished := false
	defer func() {
		if finished {
			close(c.done)
		} else {
			c.restart() // runtime.Goexit in a writer, wrapped handler or callback
		}
	}()
	// A new worker (after restart) may find records queued that woke
	// nobody: it starts ticking, and parks at its first idle tick.
	ticker := time.NewTicker(c.opts.FlushInterval)
	defer ticker.Stop()
	ticking := true
	every := c.opts.FlushInterval // the ticker's period
	for {
		select {
		case <-c.wake:
			c.wakeups.Add(1)
			if !ticking {
				ticker.Reset(every)
				ticking = true
			}
			c.drain()
		case <-ticker.C:
			c.wakeups.Add(1)
			c.drain()
			c.writeBatch()
			switch next := c.retryEvery(every); {
			case c.park():
				ticker.Stop()
				ticking = false
				every = c.opts.FlushInterval
			case next != every:
				every = next
				ticker.Reset(every)
			}
		case req := <-c.flushReq:
			c.replying = req.reply
			c.drain()
			c.writeBatch()
			if req.syncErr != nil {
				*req.syncErr = c.syncWriter()
			}
			c.replying = nil
			close(req.reply)
			if !ticking && !c.park() { // a cut record waits for a retry
				ticker.Reset(c.opts.FlushInterval)
				ticking = true
			}
		case <-c.stop:
			for c.drain() > 0 {
			}
			c.finishWrites()
			finished = true
			return
		}
	}
}

// Retries of a cut record whose writer takes nothing back off from
// FlushInterval to stalledRetryMax (or FlushInterval, if longer): a full
// disk is not asked again every microsecond.
const stalledRetryMax = time.Second

// retryEvery returns the ticker's next period after a tick's write, whose
// period was every: twice as long while a cut record waits for a writer
// that took nothing, FlushInterval otherwise. From the worker.
func (c *core) retryEvery(every time.Duration) time.Duration {
	if c.cut == nil || !c.stalled {
		return c.opts.FlushInterval
	}
	limit := max(stalledRetryMax, c.opts.FlushInterval)
	if every >= limit/2 {
		return limit
	}
	return 2 * every
}

// park reports whether the worker has nothing to write, and marks it
// parked if so, so that the next record queued wakes it (nudge). From the
// worker.
func (c *core) park() bool {
	idle := c.batchN == 0 && c.cut == nil
	c.mu.Lock()
	c.parked = idle && c.n == 0
	idle = c.parked
	c.mu.Unlock()
	return idle
}

// drain takes every queued record and processes it. It returns how many it
// took.
func (c *core) drain() int {
	c.mu.Lock()
	if c.gaveUp.Load() {
		c.mu.Unlock()
		return 0
	}
	work, head, taken := c.ring, c.head, c.n
	c.ring, c.work = c.work, work
	c.head, c.n = 0, 0
	c.depth.Store(0)
	c.woken = false
	c.inflight += taken
	if c.waiters > 0 {
		c.space.Broadcast()
	}
	moveBatches(&c.spares, &c.filled, c.maxBatches())
	moveBatches(&c.emptied, &c.empties, c.maxBatches())
	c.mu.Unlock()

	for i := 0; i < taken; i++ {
		idx := (head + i) % len(work)
		e := work[idx]
		work[idx] = nil
		if c.gaveUp.Load() { // Close stopped waiting: count the rest as dropped
			if c.w != nil {
				c.encode(e)
				c.abandonBatch()
			} else {
				c.handleNext(e)
			}
		} else if c.w != nil {
			c.encode(e)
			if len(c.batch) >= c.opts.BufferSize {
				c.writeBatch()
			}
		} else {
			c.handleNext(e)
		}
		c.recycle(e)
	}
	return taken
}

// A flushRequest asks the worker to write everything queued, and, with
// syncErr, to sync the writer and store the result there; the worker then
// closes reply.
type flushRequest struct {
	reply   chan struct{}
	syncErr *error
}

// flush asks the worker to write everything queued before the call.
func (c *core) flush(ctx context.Context) error {
	if c.onWorker() {
		return fmt.Errorf("slogcore: flush %w: call Flush from another goroutine", errWorkerWaits)
	}
	reply := make(chan struct{})
	select {
	case c.flushReq <- flushRequest{reply: reply}:
	case <-c.done:
		return nil // the worker wrote everything when it stopped
	case <-ctx.Done():
		return fmt.Errorf("slogcore: flush: %w", ctx.Err())
	}
	select {
	case <-reply:
		if c.cutPending.Load() {
			return errors.New("slogcore: flush: a write stopped inside a record, which waits for the writer to recover (see Options.OnError)")
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("slogcore: flush: %w (the writer is still busy; records stay queued)", ctx.Err())
	}
}

// close stops accepting records, drains and writes the queue, and waits for
// the worker. When ctx ends first, the records still queued are counted as
// dropped, the worker writes nothing more after the call it may be blocked
// in, and the error says how many records that call still holds: the
// worker counts them (written or failed) when the writer returns. When the
// worker finished and any record failed or was dropped, the error names the
// counts.
func (c *core) close(ctx context.Context) error {
	c.stopOnce.Do(func() {
		c.mu.Lock()
		c.closed = true
		c.space.Broadcast()
		c.mu.Unlock()
		close(c.stop)
	})
	if c.onWorker() {
		// The worker finishes once the callback returns; a Close from
		// another goroutine waits for it and settles the result.
		return fmt.Errorf("slogcore: close %w: the handler refuses records from now on, and its worker stops once it has written what is queued (call Close from another goroutine to wait for that and learn whether records were lost)", errWorkerWaits)
	}
	c.mu.Lock()
	if c.settled {
		err := c.closeErr
		c.mu.Unlock()
		return err
	}
	c.mu.Unlock()
	select {
	case <-c.done:
	case <-ctx.Done():
	}
	c.mu.Lock()
	if c.settled {
		err := c.closeErr
		c.mu.Unlock()
		return err
	}
	c.settled = true
	select {
	case <-c.done:
		c.closeErr = c.lossError()
		err := c.closeErr
		c.mu.Unlock()
		return err
	default:
	}
	c.gaveUp.Store(true)
	queued := make([]*entry, 0, c.n)
	for i := 0; i < c.n; i++ {
		idx := (c.head + i) % len(c.ring)
		queued = append(queued, c.ring[idx])
		c.ring[idx] = nil
	}
	c.head, c.n = 0, 0
	c.depth.Store(0)
	c.countDropN(ReasonCloseDeadline, len(queued))
	// The worker drops what it holds beyond the write in progress (it
	// sees gaveUp before its next write): the write in progress may still
	// succeed.
	//
	// The write in progress includes the rest of a record the writer cut
	// earlier. A cut record held between writes is never written now: it
	// counts as failed.
	writing := min(int(c.writing.Load()), c.inflight)
	doomed := c.inflight - writing
	cutHeld := ""
	if writing == 0 && c.cutPending.Load() {
		cutHeld = ", one of them a record the writer cut, counted as failed"
	}
	c.closeErr = fmt.Errorf("slogcore: close: %w before the writer finished: %d queued records dropped, %d records not written (%d in the write in progress, counted in Stats when it returns; %d more the worker held, dropped%s) (give Close a longer deadline, or find what blocks the writer)",
		ctx.Err(), len(queued), len(queued)+c.inflight, writing, doomed, cutHeld)
	if len(queued)+doomed > 0 {
		c.closeErr = fmt.Errorf("%w: %w", c.closeErr, ErrRecordsLost)
	}
	err := c.closeErr
	c.mu.Unlock()
	for _, e := range queued {
		c.dropped(e, ReasonCloseDeadline, true)
	}
	return err
}

// lossError returns nil when every record was written, and otherwise an
// error naming the counts. c.mu is held.
func (c *core) lossError() error {
	s := c.stats
	if s.Failed == 0 && s.Dropped == 0 {
		return nil
	}
	var reasons []byte
	for r, n := range s.DroppedBy {
		if n > 0 {
			reasons = fmt.Appendf(reasons, ", %d %v", n, DropReason(r))
		}
	}
	return fmt.Errorf("slogcore: close: %d of %d records not written: %d failed (%d write errors, %d panics), %d dropped%s: %w (see Options.OnError and OnDrop)",
		s.Failed+s.Dropped, s.Submitted, s.Failed, s.FailedWrite, s.FailedPanic, s.Dropped, reasons, ErrRecordsLost)
}

func (c *core) snapshotStats() Stats {
	c.mu.Lock()
	s := c.stats
	s.QueueDepth = c.n
	s.Writing = c.inflight
	c.mu.Unlock()
	redactCounters(c.redact, &s)
	return s
}

// errorReporter sends errors to OnError, or prints them to stderr at most
// once per second, saying how many it held back.
//
// An error that arises while OnError runs on the same goroutine (OnError
// logged a record whose ReplaceAttr panicked again) is printed instead:
// passing it to OnError would recurse without end.
type errorReporter struct {
	onError    func(error)
	inside     goroutine.Set // in onError
	mu         sync.Mutex
	last       time.Time
	suppressed int
}

func (r *errorReporter) report(err error) {
	if r.onError != nil {
		id := goroutine.ID()
		if r.inside.Enter(id) {
			defer r.inside.Leave(id)
			func() {
				defer func() { _ = recover() }() // a panicking OnError must not kill the worker
				r.onError(err)
			}()
			return
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	if now.Sub(r.last) < time.Second {
		r.suppressed++
		return
	}
	if r.suppressed > 0 {
		fmt.Fprintf(os.Stderr, "%v (and %d more errors in the last second)\n", err, r.suppressed)
	} else {
		fmt.Fprintln(os.Stderr, err)
	}
	r.last, r.suppressed = now, 0
}

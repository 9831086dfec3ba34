package slogcore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"syscall"
	"time"
)

// The write path of [New]. The worker collects encoded records in
// c.batch (their ends in c.ends) and writes the batch in one call. Whatever
// the writer does, every line it receives is one whole record:
//
//   - A short write (n < len(p), with a nil error or io.ErrShortWrite) is
//     retried with the rest while the writer makes progress.
//   - A write that fails with a "try again" error (EAGAIN, EWOULDBLOCK,
//     EINTR) is retried after a pause, tryAgainRetries times at most.
//   - When a write stops in the middle of a record (an error such as ENOSPC
//     or EIO after n bytes), the rest of that record is kept (c.cut), and
//     every later write starts with it: the cut record is completed before
//     any other byte reaches the writer, so nothing is glued onto its
//     fragment. Until its rest is written, the cut record is counted as
//     neither written nor failed (it is in Stats.Writing); if the worker
//     exits first, it counts as failed and the output ends with the
//     fragment, which the worker closes with a newline if it can.
//   - When the writer panics, or returns a count outside 0 to len(p) (an
//     io.Writer that breaks its contract), how much that call wrote is unknown:
//     the records that earlier calls wrote whole count as written, the
//     others as failed, and the next write starts with a newline, so that a
//     fragment the writer may have left is a line of its own, never glued
//     to a record. A record the writer took all of but its newline counts
//     as written: that newline is the next write's first byte.
//
// A writer that still fails when the handler closes leaves the output
// ending with the first part of a record, as a crash would; a program that
// appends to that output later must start on a fresh line (slogaudit's
// OpenFile does).
//
// Records that did not reach the writer whole are counted as failed, never
// as written.

// encode appends e's JSON line to the batch.
func (c *core) encode(e *entry) {
	if len(e.line) > 0 {
		c.batch = append(c.batch, e.line...)
	} else {
		c.batch = c.appendRecord(c.batch, e, &c.cache)
	}
	c.batchN++
	c.ends = append(c.ends, len(c.batch))
	if c.watch.active() || c.opts.OnDrop != nil {
		c.infos = append(c.infos, lossOf(e))
	}
}

func lossOf(e *entry) lossInfo {
	return lossInfo{ctx: e.ctx, time: e.time, level: e.level, msg: e.msg}
}

// writeBatch writes the cut record's rest and the batch, and counts each
// record as written or failed (a record cut again stays pending).
func (c *core) writeBatch() {
	if c.batchN == 0 && c.cut == nil {
		return
	}
	// Stored before gaveUp is read, and read by Close after it stored
	// gaveUp: Close counts these records (and the cut record, whose rest
	// this write starts with) as maybe written, or this write does not
	// happen.
	held := c.batchN
	if c.cut != nil {
		held++
	}
	c.writing.Store(int64(held))
	defer c.writing.Store(0)
	if c.gaveUp.Load() {
		c.abandonBatch()
		return
	}
	// p is what goes to the writer: [newline][rest of the cut record][batch].
	p, prefix := c.batch, 0
	if c.fresh || c.cut != nil {
		c.scratch = c.scratch[:0]
		if c.fresh {
			c.scratch = append(c.scratch, '\n')
		}
		c.scratch = append(c.scratch, c.cut...)
		prefix = len(c.scratch)
		c.scratch = append(c.scratch, c.batch...)
		p = c.scratch
	}
	n, err, panicked := c.writeAll(p)
	c.stalled = n == 0

	// Bytes up to n reached the writer. After a panic, the panicking call
	// may have written more: the record it cut is failed, not kept.
	cutDone, cutFailed := false, false
	var newCut []byte
	newCutAt := -1
	complete := 0
	if c.fresh && n > 0 {
		c.fresh = false
	}
	if c.cut != nil {
		switch {
		case n >= prefix, panicked && n == prefix-1:
			// Whole, or whole but for its newline, which the next write
			// starts with after a panic.
			cutDone = true
		case panicked:
			cutFailed = true
		default:
			c.cut = c.cut[:copy(c.cut, p[max(n, prefix-len(c.cut)):prefix])]
		}
	}
	if n > prefix {
		m := n - prefix
		for complete < len(c.ends) && c.ends[complete] <= m {
			complete++
		}
		if panicked && complete < len(c.ends) && c.ends[complete] == m+1 {
			complete++ // all but its newline, which the next write starts with
		}
		start := 0
		if complete > 0 {
			start = c.ends[complete-1]
		}
		if complete < len(c.ends) && m > start && !panicked {
			// The write stopped inside record number complete.
			newCut, newCutAt = c.batch[m:c.ends[complete]], complete
		}
	}
	if panicked {
		c.fresh = true
	}
	if err == nil && (n < len(p)) && !panicked {
		err = io.ErrShortWrite
	}

	written := complete
	failed := c.batchN - complete
	if newCutAt >= 0 {
		failed-- // pending until its rest is written
	}
	cutAfter := newCutAt >= 0 || c.cut != nil && !cutDone && !cutFailed
	c.mu.Lock()
	// The write's outcome is counted: Close, which reads these under
	// c.mu, no longer counts its records as in a write (the callbacks
	// below may take long), and knows whether a cut record is held.
	c.writing.Store(0)
	c.cutPending.Store(cutAfter)
	c.stats.Written += uint64(written)
	c.inflight -= written + failed
	if cutDone {
		c.stats.Written++
		c.inflight--
	}
	nfailed := uint64(failed)
	if cutFailed {
		nfailed++
		c.inflight--
	}
	if panicked && !errors.Is(err, errInvalidCount) {
		c.stats.FailedPanic += nfailed
	} else {
		c.stats.FailedWrite += nfailed
	}
	c.stats.Failed += nfailed
	c.mu.Unlock()

	if cutDone || cutFailed {
		if cutFailed {
			c.lost(c.cutInfo, err)
		}
		c.cut = c.cut[:0]
		c.cut = nil
	}
	if c.watch.active() && len(c.infos) == c.batchN {
		for i := complete; i < c.batchN; i++ {
			if i == newCutAt {
				continue
			}
			c.lost(c.infos[i], err)
		}
	}
	if newCutAt >= 0 {
		c.cut = append(c.cutBuf[:0], newCut...)
		c.cutBuf = c.cut
		if len(c.infos) > newCutAt {
			c.cutInfo = c.infos[newCutAt]
		} else {
			c.cutInfo = lossInfo{}
		}
	}
	c.cutPending.Store(c.cut != nil)
	if err != nil {
		pending := ""
		if c.cut != nil {
			pending = fmt.Sprintf(" (a record was cut after part of it was written: its other %d bytes are written first when the writer recovers)", len(c.cut))
		}
		c.errs.report(fmt.Errorf("slogcore: write of %d records (%d bytes) stopped after %d bytes, %d records lost%s: %w",
			c.batchN, len(p), n, int(nfailed), pending, err))
	}
	c.resetBatch()
}

// writeAll writes p, retrying the rest after a short write that made
// progress. panicked reports that the writer panicked, or returned a count
// outside 0 to len(p) (the error wraps errInvalidCount): n counts only the
// bytes of the calls before, and that call may have written more.
// A writer that says "try again" (see tryAgain) is asked again after a
// pause, tryAgainRetries times at most per batch.
func (c *core) writeAll(p []byte) (n int, err error, panicked bool) {
	retries := 0
	// At most len(p) calls that make progress, and tryAgainRetries that
	// make none.
	for n < len(p) {
		m, werr, pan := c.safeWrite(p[n:])
		if pan {
			return n, werr, true
		}
		if m < 0 || m > len(p)-n {
			// How much this call wrote is unknown, as after a panic.
			return n, invalidCount(c.w, m, len(p)-n, werr), true
		}
		n += m
		err = werr
		if err != nil && tryAgain(err) && retries < tryAgainRetries && n < len(p) && !c.gaveUp.Load() {
			time.Sleep(tryAgainPause << retries)
			retries++
			continue
		}
		if err != nil && !errors.Is(err, io.ErrShortWrite) || m == 0 {
			break
		}
	}
	return n, err, false
}

// errInvalidCount is wrapped by the error of a write whose writer
// returned a count outside 0 to len(p), which breaks the io.Writer
// contract.
var errInvalidCount = errors.New("invalid count")

// invalidCount returns the error of a write of size bytes that w says
// wrote n of them, an impossible count (werr: the error it returned too).
func invalidCount(w io.Writer, n, size int, werr error) error {
	err := fmt.Errorf("the writer (%T) returned n = %d for a write of %d bytes (an io.Writer returns 0 <= n <= len(p)): %w: how much it wrote is unknown, so the records of that write count as failed and the next write starts on a new line; fix the writer's Write", w, n, size, errInvalidCount)
	if werr != nil {
		err = fmt.Errorf("%w (its error: %w)", err, werr)
	}
	return err
}

// A write that fails with a "try again" error is retried after
// tryAgainPause, doubled at each retry: tryAgainRetries retries wait
// 127 ms in all, long enough for a full pipe's reader to catch up, short
// enough not to hold Close.
const (
	tryAgainPause   = time.Millisecond
	tryAgainRetries = 7
)

// tryAgain reports whether err says that the writer cannot take bytes now
// and may later: EAGAIN (EWOULDBLOCK), a non-blocking pipe, socket or
// terminal that is full (another process may have made a shared standard
// output non-blocking), or EINTR, a write interrupted by a signal. The
// batch is written again rather than its records counted as failed.
func tryAgain(err error) bool {
	return errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EINTR)
}

// finishWrites runs when the worker exits: it makes a few last attempts to
// complete a cut record, and otherwise counts it as failed and closes its
// fragment with a newline if the writer takes one.
func (c *core) finishWrites() {
	c.writeBatch()
	for try := 0; c.cut != nil && try < 3 && !c.gaveUp.Load(); try++ {
		c.writeBatch() // the writer may have recovered
	}
	if c.cut == nil {
		return
	}
	if string(c.cut) == "\n" && !c.gaveUp.Load() {
		// Only the newline is missing: the record itself is in the output,
		// whole, and whoever appends next must start a fresh line. (When
		// Close gave up, it counted the record as lost: it is.)
		c.mu.Lock()
		c.stats.Written++
		c.inflight--
		c.mu.Unlock()
		c.cut = nil
		c.cutPending.Store(false)
		return
	}
	if !c.gaveUp.Load() {
		_, _, _ = c.writeAll([]byte{'\n'})
	}
	c.mu.Lock()
	c.stats.Failed++
	c.stats.FailedWrite++
	c.inflight--
	c.mu.Unlock()
	c.lost(c.cutInfo, errors.New("slogcore: the rest of a cut record could not be written before the handler closed"))
	c.cut = nil
	c.cutPending.Store(false)
}

// abandonBatch counts the batch, which Close gave up waiting for, as
// dropped with ReasonCloseDeadline, and a cut record as failed.
func (c *core) abandonBatch() {
	c.mu.Lock()
	c.countDropN(ReasonCloseDeadline, c.batchN)
	c.inflight -= c.batchN
	c.mu.Unlock()
	if len(c.infos) == c.batchN {
		for _, info := range c.infos {
			c.dropInfo(info, ReasonCloseDeadline)
		}
	}
	c.resetBatch()
}

func (c *core) resetBatch() {
	if cap(c.batch) > 4*c.opts.BufferSize {
		c.batch = nil
	}
	if cap(c.scratch) > 4*c.opts.BufferSize {
		c.scratch = nil
	}
	c.batch = c.batch[:0]
	c.ends = c.ends[:0]
	clear(c.infos)
	c.infos = c.infos[:0]
	c.batchN = 0
}

// safeWrite calls c.w.Write, turning a panic into an error.
func (c *core) safeWrite(p []byte) (n int, err error, panicked bool) {
	returned := false
	defer func() {
		if r := recover(); r != nil {
			n, err, panicked = 0, fmt.Errorf("writer panicked: %v", r), true
		} else if !returned {
			c.exitIn = fmt.Sprintf("the writer (%T)", c.w)
		}
	}()
	n, err = c.w.Write(p)
	returned = true
	return n, err, false
}

// lost reports a failed record to the watchers.
func (c *core) lost(info lossInfo, err error) {
	if !c.watch.active() {
		return
	}
	c.watch.notify(Loss{Context: info.ctx, Time: info.time, Level: info.level, Message: c.redact.Message(info.msg), Err: err})
}

// dropInfo reports a record that Handle accepted and that was dropped
// later (Close gave up on it), to OnDrop and to the watchers.
func (c *core) dropInfo(info lossInfo, r DropReason) {
	if f := c.opts.OnDrop; f != nil {
		c.onDrop(f, Drop{Reason: r, Time: info.time, Level: info.level, Message: c.redact.Message(info.msg)})
	}
	c.lostDrop(info, r)
}

// lostDrop reports a record dropped after Handle accepted it.
func (c *core) lostDrop(info lossInfo, r DropReason) {
	if !c.watch.active() {
		return
	}
	c.watch.notify(Loss{Context: info.ctx, Time: info.time, Level: info.level, Message: c.redact.Message(info.msg), Dropped: true, Reason: r})
}

// handleNext passes e to the wrapped handler and counts the outcome.
func (c *core) handleNext(e *entry) {
	if c.gaveUp.Load() {
		c.mu.Lock()
		c.countDropN(ReasonCloseDeadline, 1)
		c.inflight--
		c.mu.Unlock()
		c.dropInfo(lossOf(e), ReasonCloseDeadline)
		return
	}
	r := slog.NewRecord(e.time, e.level, e.msg, e.pc)
	r.AddAttrs(e.attrs...)
	c.handling = e
	err, panicked := safeHandle(e.h.next, e.ctx, r)
	c.handling = nil
	c.mu.Lock()
	c.inflight--
	switch {
	case panicked:
		c.stats.Failed++
		c.stats.FailedPanic++
	case err != nil:
		c.stats.Failed++
		c.stats.FailedWrite++
	default:
		c.stats.Written++
	}
	c.mu.Unlock()
	if err != nil {
		c.lost(lossOf(e), err)
		c.errs.report(fmt.Errorf("slogcore: wrapped handler %T: record %q lost: %w", e.h.next, c.redact.Message(e.msg), err))
	}
}

// safeHandle calls h.Handle, recovering a panic as an error.
func safeHandle(h slog.Handler, ctx context.Context, r slog.Record) (err error, panicked bool) {
	defer func() {
		if p := recover(); p != nil {
			buf := make([]byte, 2048)
			buf = buf[:runtime.Stack(buf, false)]
			err, panicked = fmt.Errorf("panic: %v\n%s", p, buf), true
		}
	}()
	return h.Handle(ctx, r), false
}

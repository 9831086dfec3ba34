package slogcore

import (
	"errors"
	"fmt"
)

// errWorkerExited is wrapped by the error reported when a writer, a
// wrapped handler or a callback ended the worker goroutine.
var errWorkerExited = errors.New("runtime.Goexit ended the worker goroutine")

// restart runs, on the way out of the worker goroutine, when something the
// worker called (the writer, the wrapped handler, OnError, OnDrop or a loss
// watcher) called runtime.Goexit, as t.FailNow and t.Fatal do outside the
// test's goroutine. Goexit cannot be stopped, so the goroutine ends; what it
// held is accounted for and a new worker takes over, so that nothing
// queued is left uncounted, no caller waits for room forever, and a Flush
// in progress returns.
//
// Every record the worker had taken from the queue and not yet counted
// (c.inflight: the batch, a cut record, the records of the drain in
// progress, the record being handled) is counted as failed, as after a
// writer panic; counting happens under c.mu together with the records it
// counts, so inflight is exact wherever the goroutine stopped. The worker's
// own state is reset, and when the output may end with a fragment, the
// next write starts on a fresh line.
func (c *core) restart() {
	where := c.exitIn
	switch {
	case where != "":
	case c.handling != nil:
		where = fmt.Sprintf("the wrapped handler (%T)", c.handling.h.next)
	default:
		where = "a callback (OnError, OnDrop or a loss watcher)"
	}

	// Losses to report, as far as the worker knows them.
	watching := c.watch.active()
	var losses []lossInfo
	if watching && c.exitIn != "" && len(c.infos) == c.batchN {
		losses = append(losses, c.infos...) // the batch the writer took
	}
	if watching && c.cut != nil && c.exitIn != "" {
		losses = append(losses, c.cutInfo)
	}
	if c.handling != nil {
		if watching {
			losses = append(losses, lossOf(c.handling))
		}
		c.handling = nil
	}
	for i, e := range c.work { // the rest of the drain in progress
		if e == nil {
			continue
		}
		if watching {
			losses = append(losses, lossOf(e))
		}
		c.work[i] = nil
	}
	// A fragment may end the output: of the write the writer left, or of
	// a cut record whose rest is given up. The next write starts a line.
	c.fresh = c.fresh || c.exitIn != "" || c.cut != nil
	c.resetBatch()
	c.cut = nil
	c.cutPending.Store(false)
	c.exitIn = ""
	reply := c.replying
	c.replying = nil

	c.mu.Lock()
	n := c.inflight
	c.inflight = 0
	c.parked = false // the new worker starts ticking
	c.stats.Failed += uint64(n)
	c.stats.FailedPanic += uint64(n)
	c.mu.Unlock()

	// The new worker starts, and a waiting Flush returns, once the losses
	// are reported, also when a callback below calls Goexit again.
	defer func() {
		go c.run()
		if reply != nil {
			close(reply)
		}
	}()
	err := fmt.Errorf("slogcore: %s called runtime.Goexit (t.FailNow and t.Fatal do, outside the test goroutine): %w; the %d records it held are counted as failed and a new worker continues (return an error instead)", where, errWorkerExited, n)
	c.errs.report(err)
	for _, l := range losses {
		c.lost(l, err)
	}
}

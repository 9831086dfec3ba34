package slogcore

import "errors"

// ErrClosed is returned by Handle for a record logged after Close began. The
// record is counted in [Stats] as dropped with [ReasonClosed].
var ErrClosed = errors.New("slogcore: handler is closed: record dropped (log before Close, or open a new handler)")

// ErrQueueFull is returned by Handle when [Options.BlockTimeout] passed
// before the queue had room. The record is counted as dropped with
// [ReasonTimeout].
var ErrQueueFull = errors.New("slogcore: queue full: record dropped after BlockTimeout (raise Options.QueueSize or BlockTimeout, or speed up the writer)")

// ErrRecordsLost is wrapped by the error [Handler.Close] returns when any
// record failed or was dropped; the error's text names the counts, and
// [Handler.Stats] has them by reason.
var ErrRecordsLost = errors.New("records lost")

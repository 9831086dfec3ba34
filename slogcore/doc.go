// Package slogcore provides fast, asynchronous log/slog handlers.
//
// [New] returns a handler that writes JSON lines in exactly the format of
// slog.JSONHandler (same keys, same value encoding, same escaping), so that
// switching handlers changes no downstream parser. The one difference is a
// time outside years 0-9999, for which slog writes invalid JSON: New writes
// one string holding the error and the time. [Async] puts the same queue
// in front of any other slog.Handler. In both, Handle captures the record on
// the caller's goroutine and returns; one worker goroutine encodes and writes
// records in order, batching many records into one Write.
//
// # Contract
//
// Nothing is lost silently. Every record passed to Handle is counted in
// [Stats] as submitted and, once [Handler.Close] returns, as exactly one of
// written, dropped (by [DropReason]) or failed:
//
//	Submitted == Written + Dropped + Failed
//
// The default overflow policy, [Block], drops nothing; [DropNewest] and
// [DropOldest] trade completeness for latency but never drop a record at
// slog.LevelError or above. Write errors and panics in a wrapped handler go
// to [Options.OnError]; dropped records go to [Options.OnDrop]; and
// [Handler.WatchLosses] reports, record by record and with the context it
// was logged with, every record that Handle accepted and that was then
// lost. [Handler.Close] returns an error wrapping [ErrRecordsLost] that
// names the counts when any record failed or was dropped. A writer,
// wrapped handler or callback that calls runtime.Goexit (t.FailNow does)
// ends the worker goroutine: the records it held count as failed, OnError
// is told, and a new worker continues.
//
// # Lifecycle
//
// A handler starts its worker when it is made. The worker sleeps while
// nothing is queued: its FlushInterval ticker runs only while records wait
// to be written, so an idle handler costs nothing. [Handler.Flush] writes what is
// queued; [Handler.Sync] also syncs the writer (fsync for a file) and says
// whether any record failed since the previous Sync; [Handler.Close]
// drains, writes and stops, and must be called before the program exits. Handlers derived with WithAttrs and WithGroup share one
// queue, one worker, one ordering and one set of counters with their parent.
//
// # Redaction
//
// Every handler redacts by default with the redact.Credentials preset,
// using package [github.com/slogguard/slogguard/redact]: by key, by dotted
// path, and by detectors inside every string, reaching With attrs, groups,
// LogValuers, maps, structs and errors. [Options.Redact] chooses the rules
// and [NoRedaction] turns it off. Values are rebuilt, never modified: the
// caller and other handlers keep the originals. [New] redacts values that
// could change after Handle returns (maps, structs, groups, LogValuers) on
// the caller's goroutine, and scans strings (the message, string attrs,
// error texts) on its worker, which remembers the constant strings it found
// clean.
//
// # Sinks
//
// [RegisterSink] and [OpenSink] name sinks the way database/sql names
// drivers; stdout, stderr, file and discard are built in, and importing
// slogaudit registers audit. A sink that another package registered is
// opened guarded: its panics become errors that name it (returned, and
// printed to stderr), never a crash of the program that logs. [FromEnv] builds a logger from SLOGGUARD_*
// variables for twelve-factor deployments.
//
// # Whole lines
//
// Every line that [New] writes is one whole record, whatever the writer
// does. A short write is retried with the rest while the writer makes
// progress. A writer that says "try again" (EAGAIN or EWOULDBLOCK, a full
// non-blocking pipe; EINTR) is asked again after a pause, seven times at
// most (127 ms in all) per batch, before its records count as failed. When a write stops inside a record (ENOSPC, EIO), the rest of
// that record is written before anything else once the writer recovers, so
// nothing is ever glued onto a fragment (retries back off to one second
// while the writer takes nothing); until then the record is counted
// in Stats.Writing, and if the handler closes first it counts as failed
// and the output ends with its first part, as after a crash. After a
// writer panic, or a Write that returns a count outside 0 to len(p) (a
// writer that breaks the io.Writer contract; the error names the count),
// the next write starts with a newline: a fragment that call may have left
// stays on a line of its own, and the records of that call count as
// failed. Records that
// did not reach the writer whole count as failed, never as written. For
// [Async], framing is the wrapped handler's: slogcore counts what its
// Handle returns.
//
// # Handoff
//
// Everything a record refers to is fixed when Handle returns. LogValuers are
// resolved on the caller's goroutine. For [New], maps, slices, structs,
// []byte and other non-scalar values are encoded to JSON before Handle
// returns; for [Async], they are deep-copied (unexported fields by value).
// For [New], an attr's error is written as its text, and an error inside
// a map, slice or struct as encoding/json writes it (its fields), as
// slog.JSONHandler does; both are redacted as written. For [Async] with
// redaction on, an attr's error is passed on with the text it had at the
// call, as an error that unwraps to the caller's (errors.Is and errors.As
// work), so that the wrapped handler writes the text redaction judged;
// a value that holds an error inside a map, slice or struct is passed on
// as its JSON and its text (fmt's %+v), each redacted, which a JSON or a
// text handler writes as it would the value; with [NoRedaction] errors
// keep their identity. Values that render themselves
// (Error, MarshalJSON, MarshalText) may answer differently when asked
// again: [New] scans what it writes, also where such a value sits inside
// a map, slice or struct; [Async] with redaction on asks each once, when
// Handle runs, and passes on its renderings redacted (its JSON, its
// MarshalText text, fmt's %+v text), which a JSON or a text handler
// writes as it would the value (an error that marshals itself stays an
// error that unwraps to the caller's). The caller may change any of them
// right after the call.
//
// # Concurrency
//
// All methods are safe for concurrent use. Under load, when 512 records (or
// half of a smaller queue) are waiting, callers encode their own records so
// that encoding uses every core; the order of records is unchanged. The
// caller that wakes the worker, and while the worker falls behind one caller
// in every 256 records, calls runtime.Gosched so that the worker gets a
// processor when all are busy.
//
// The writer, a wrapped handler and the callbacks may log to the handler
// they serve. The worker never waits for itself: a record it logs into a
// full queue is dropped with [ReasonReentrant] ([ErrReentrant]), and
// Flush, Sync and Close called from it return an error at once (Close
// still stops the handler). A record that OnDrop logs and that is dropped
// in turn is counted but not passed to OnDrop again; an error that arises
// while OnError runs on the same goroutine is printed to stderr rather
// than passed to OnError again.
package slogcore

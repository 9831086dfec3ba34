package slogcore

// Stats is a snapshot of a [Handler]'s counters, shared by all handlers
// derived from it. At any moment,
//
//	Submitted == Written + Dropped + Failed + QueueDepth + Writing
//
// except for records whose Handle call is still waiting for room in the
// queue; once Close has returned nil, or the worker has finished after an
// early Close, QueueDepth and Writing are 0 and
//
//	Submitted == Written + Dropped + Failed
//
// holds exactly.
type Stats struct {
	// Submitted counts every record passed to Handle, accepted or not.
	Submitted uint64
	// Written counts records the writer (or wrapped handler) accepted.
	Written uint64
	// Dropped counts records not written by policy, by timeout or Close;
	// DroppedBy breaks it down by [DropReason].
	Dropped   uint64
	DroppedBy [numDropReasons]uint64
	// Failed counts records whose write returned an error (FailedWrite) or
	// whose wrapped handler panicked (FailedPanic).
	Failed      uint64
	FailedWrite uint64
	FailedPanic uint64
	// QueueDepth is the number of records waiting now; QueueHighWater is the
	// largest depth seen.
	QueueDepth int
	// Writing is the number of records the worker has taken from the queue
	// and not yet counted: being encoded or written, or cut by a failed
	// write and waiting for the rest to be written. After a Close whose
	// context ended, they are counted when the writer returns.
	Writing        int
	QueueHighWater int
	// Redacted counts values masked by redaction; RedactedBy breaks it down
	// by rule name. RedactPanics counts values masked because redaction
	// itself panicked (fail closed).
	Redacted     uint64
	RedactedBy   map[string]uint64
	RedactPanics uint64
}

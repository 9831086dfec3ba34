package slogcore

// Stats is a snapshot of a [Handler]'s counters, shared by all handlers
// derived from it. Once Close has returned,
//
//	Submitted == Written + Dropped + Failed
//
// holds exactly; before that, the difference is what is still queued or
// being written.
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
	QueueDepth     int
	QueueHighWater int
	// Redacted counts values masked by redaction; RedactedBy breaks it down
	// by rule name. RedactPanics counts values masked because redaction
	// itself panicked (fail closed).
	Redacted     uint64
	RedactedBy   map[string]uint64
	RedactPanics uint64
}

// Package slogaudit makes the output of any JSON slog handler
// tamper-evident.
//
//	h := slogaudit.Wrap(slog.NewJSONHandler(f, nil), slogaudit.WithKey("k1", key))
//	logger := slog.New(h)
//	defer h.Close(ctx)
//
// Every record is written with a top-level "audit" member
// {v, chain, seq, prev, hash, mac, key}: hash links the record's canonical
// form (RFC 8785, see internal/chain) to the previous record's hash, and mac
// is an HMAC of that hash when a key is set. [Verify] recomputes every hash
// and MAC and names each record that was modified, removed, inserted,
// duplicated or reordered. Signed checkpoints ([WithSigner],
// [WithCheckpoints]) kept apart from the log detect the removal of the
// newest records, which no chain alone can.
//
// # Contract
//
// Handle builds the whole record (With attrs, groups, resolved LogValuers,
// redaction), normalises it so that what the wrapped handler writes parses
// back to the same JSON (time in UTC; errors, NaN, ±Inf and integers beyond
// ±2^53 as strings; Any values as their JSON), links it and passes it to the
// wrapped handler, all under one lock. The chain advances only when the
// wrapped handler returned nil: a failed write leaves no gap. The wrapped
// handler must write JSON without rewriting attributes (no ReplaceAttr that
// changes values, no AddSource: use [WithSource]).
//
// The top-level keys time, level, msg, source and audit are reserved: a
// user attribute with one of those names is written with a leading "_".
//
// # Files
//
// [OpenFile] is the durable sink: append-only, mode 0600, an fsync policy,
// size rotation whose next file continues the chain, and recovery of each
// chain's head from the file's tail, so that [File.Handler] continues the
// chain after a restart. An incomplete last line (a crash mid-write) is
// reported, never hidden. [VerifyFiles] and the slogaudit command check
// rotated files in order.
//
// # Checkpoints, proofs and witnesses
//
// With [WithSigner] each chain also keeps an RFC 6962 Merkle tree of its
// records, and its checkpoints ([WithCheckpoints], best written to a
// [CheckpointFile]) are C2SP tlog-checkpoint signed notes with the origin
// "<log name>/<chain id>" ([WithLogName]). A handler that resumes a chain
// rebuilds the tree from the files and refuses to sign a checkpoint that
// contradicts one signed before. [ProveInclusion] shows that one record is
// in a checkpoint's tree, [ProveConsistency] that a checkpoint extends an
// older one, and [CheckProof] verifies either offline with the public key;
// a proof holds the one record, the checkpoints and O(log n) hashes.
// [WithWitnesses] submits checkpoints to C2SP tlog-witnesses off the
// logging path and stores their cosignatures with the checkpoint; [Verify]
// reports up to which record a quorum of witnesses vouches for each chain.
//
// # Policies
//
// [WithPolicy] checks the configuration against a [Policy] (PCIDSS, HIPAA,
// SOX, GDPR, SOC2, ISO27001, Basic, or [Combine] of several) and every
// record at runtime; violations are annotated and hashed with the record, or,
// in [Strict] mode, refused and audited. [Trail] and the helpers [Actor],
// [Action], [Outcome], [Resource], [Origin] and [Reason] produce records
// that carry what the policies require.
//
// Importing this package registers the "audit" sink with slogcore, so that
// slogcore.OpenSink and slogcore.FromEnv can open it by name.
//
// # Threat model
//
// Without a key the chain detects accidental corruption and careless edits;
// anyone who can write the file can rebuild a chain, which signed
// checkpoints kept elsewhere still reveal. With an HMAC key, an attacker who
// can write the log but lacks the key cannot forge records. Witnessed
// checkpoints protect the records up to the newest witnessed one even from
// the log's own host and keys: rewriting them means a fork that the
// witnesses refuse. Out of scope: encryption at rest, and an attacker who
// holds the keys and changes the records after the newest witnessed
// checkpoint.
package slogaudit

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
// is an HMAC of that hash, the format version and the key id when a key is
// set. [Verify] recomputes every hash
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
// # Verification
//
// [Verify] and [VerifyFiles] return a [Report] that says which checks ran
// and what each found, per chain and in total ([Checks]): hashes recomputed,
// MACs checked (only with a key), checkpoints kept apart from the log
// compared with the chain (only with [VerifyOptions].Checkpoints), their
// signatures (only with a public key), and the newest record a checkpoint
// covers. [Report.Intact] speaks only for the checks that ran;
// RequireMAC and RequireCheckpoints make the missing ones errors. An input
// without audit records returns [ErrNoRecords]. A key that fails every
// MAC, or a public key that fails every signature, is one finding that
// says the key is probably wrong. [LoadKeyFile], [LoadSignerFile] and
// [LoadPublicKeyFile] read the files that `slogaudit keygen` writes.
//
// # Format versions
//
// Records carry the audit format version in "v". Writers emit v2, whose
// MAC covers the version and the key id; the verifier reads v1 and v2.
//
// # Threat model
//
// Without a key the chain detects accidental corruption and careless edits;
// anyone who can write the file can rebuild a chain, which signed
// checkpoints kept elsewhere still reveal. With an HMAC key, an attacker who
// can write the log but lacks the key cannot forge records. Encryption at
// rest and an attacker who holds the key are out of scope.
package slogaudit

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
// ±2^53 as strings; Any values as their JSON), encodes it canonically and
// hashes it, all on the caller's goroutine. Only the chain step is serial:
// under one lock it takes the next sequence number, links the record
// (hashing its last 40 bytes: the record itself is hashed before),
// computes the MAC and passes the record to the wrapped handler, or, for
// [File.Handler], writes the line. With attrs are built once, at
// WithAttrs; Wrap hands them to the wrapped handler's WithAttrs then, so
// that it formats them once too, unless a group is open or they overlap
// (a record that replaces or joins one of them is passed on whole).
//
// # Files
//
// [OpenFile] is the durable sink: append-only, mode 0600, an fsync policy,
// size rotation whose next file continues the chain, and recovery of each
// chain's head from the file's tail, so that [File.Handler] continues the
// chain after a restart. An incomplete last line (a crash mid-write) is
// reported by [File.Torn], closed with a newline and named by the next
// audit.start record, never hidden (a handler built with [New] for a new
// chain over a JSON or slogcore handler over the File, without
// [WithTorn], cannot know the File: the File refuses its first record,
// which would close the fragment unnamed, and the audit.gap declaring
// that record lost names the fragment); a write that fails part-way while the
// process runs leaves no fragment at all, or, where the file cannot be cut
// back (an append-only file, another process appended after it), leaves
// the fragment on a line of its own, which an audit.gap of the chain
// names, even after other records (over [File.Handler], or a JSON or
// slogcore handler over the File). A file removed while a File writes
// it (or its directory) is created again at its path, on Unix systems:
// the File looks whether its file still has a name at each record with
// [SyncEachRecord], every 100 ms otherwise, and at Sync and Close, and
// writes first the lines the removed file took since it last looked; the
// records before are gone with it, and the verifier reports them missing
// where the new file starts. While no file can be opened (the directory
// gone, or a rotation that could open none), writes fail, each write
// tries again, and the records are declared lost once one succeeds. A
// file that another program cuts while it is open (logrotate's
// copytruncate) is reported to [WithFileErrors], once per cut.
// Processes that share one file write chains of their own: without [WithChainID], a handler does not
// continue the file's last chain while another File writes it, through
// [File.Handler] or a handler over that File (on Linux, where record
// locks say so). When a process sharing the file crashes mid-record, a
// [File.Handler] of another process closes its fragment with the newline
// of its next record and names it in an audit.gap written right after;
// a File looks at the file's end before each write for this, whether the
// writer that left the fragment was a File or not. Once another writer has
// appended to its file (or when the file's tail holds another chain's
// records at open), a File also looks, after each write, at where the
// write landed: when another writer's write was cut off between the look
// and the write, the record landed on that fragment, so the File writes
// the record again on a line of its own and names the fragment in the same
// audit.gap. The verifier checks such a record where it landed and takes
// the first later line of the same bytes, before the chain's next record,
// for its copy (other writers' lines may come between); without the copy,
// or without the audit.gap, the fragment is reported malformed. A File
// that rotates the log closes the last line of the file it rotated away
// with a newline and names what it closed (another writer's write in
// flight at the rename goes on there); so does a File that finds its file
// rotated away, and a File's first write, for the log's two newest rotated
// files, and that first write goes on in the current file when the one it
// opened was rotated away. Only [File.Handler] names such fragments: in
// every process that shares a log, write through it, not through [Wrap]
// over a JSON or slogcore handler over the File. A handler over a File
// (through a JSON or slogcore handler) that writes a chain the file holds
// without continuing it (WithChainID without [WithResume] after a
// restart, or two handlers resuming one head) would fork the chain, and
// the untouched log would verify as tampered: the File refuses its
// records, with an error that says to resume, and the log stays intact;
// so for a chain whose records are all in rotated files (the File reads
// the log's files once, at the first record of a chain that the file's
// tail does not name).
// [VerifyFiles] and the slogaudit command check rotated files in their
// chain's order, whatever order they are given in (see Verification).
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
// without audit records returns [ErrNoRecords]. [VerifyFiles] reads
// files given out of their chain's order (newest first, renamed, their
// contents swapped) in that order, which the records prove, and says so in
// one [FilesOrdered] finding, which is information: the files of a chain
// are ordered by their first record's seq, only when each file's records
// of it then follow the file before's without overlap; otherwise (a first
// record's seq changed, a file copied over another, files of several
// chains interleaved) they are read as given. A chain's newest records
// removed, which only checkpoints kept apart can tell, are one truncated
// finding for the chain however many checkpoints signed them, at the
// last line of the input (the last file at no line, when it is empty).
// Records missing in a run, found at one line (adjacent lines removed
// from a file, a rotated file of [VerifyFiles] deleted from the set, or
// the end of one cut off), are one missing finding for the run, at the
// line where the next record stands, naming its first and last seq;
// records removed apart are a finding each. A file (not the last) cut off
// mid-record, ending with the start of a line and no newline, is one
// truncated finding at that line, naming the records gone with its end;
// an incomplete last line of the last file is a crash's torn tail, until
// a checkpoint says more. Records repeated as a block right after the lines they copy
// (a rotated file read twice) are one duplicated finding; VerifyFiles
// refuses a file named twice. A checkpoint file none of whose
// checkpoints (two or more) matches its chain is another log's: one
// bad-checkpoint finding, each checkpoint still counted failed. A key that fails every
// MAC, or a public key that fails every signature, is one finding that
// says the key is probably wrong. Of a chain's records out of order, the
// fewest that, put back in their places, restore the order are reported
// reordered: a record moved earlier, not the records it jumped over
// (within 1024 records). A crash's incomplete line swapped with the
// audit.start or audit.gap that names it is reported reordered, once; the
// record that names it, changed so that its line no longer parses, or its
// message changed, is reported modified and the line it still names torn. A
// removed or moved audit.seal or audit.rotate
// is reported as that record, and the record after its old place, whose
// epoch or key id it explained, is not reported too; so is one that fails
// its own check (its MAC, its hash, its key id, its chain member): the
// record after it, at the key id or epoch it named, is not reported
// besides. Records added behind
// a chain's head on consecutive lines (a second writer holding the key
// that resumed a head the chain had moved past: a fork) are one inserted
// finding for the run, at its first line, naming its seqs. Records pasted in
// place of a chain's records, from another log of that chain (another
// run, a copy) or of another chain, are each reported inserted, in place
// of the record they replaced, and the untouched records around them are
// not reported; a chain's newest records that do not link to the record
// before them are each reported inserted too when that record verifies
// with its key; verified without the key, only the first of them is
// reported, since a rewritten record before them would look the same. A record's MAC or
// hash that fails is that record's finding only: the signed Merkle roots
// over it, whose leaves it is in, are not reported too; but a signed root
// is still checked for the other records under it: when it is not the root
// of the records as written, nor with a hash-failed record's leaf taken
// from the hash of its content, another record's leaf is not the one
// signed (a MAC member changed, verified without the key) and the
// checkpoint is reported bad-checkpoint; an in-band checkpoint record whose
// note a byte of invalid UTF-8 breaks is reported modified, naming the
// byte, not bad-checkpoint besides. A record whose seq, prev, chain or v
// member was changed is reported modified, naming the member, when with
// the member put back its content matches its hash and it links to the
// records around it (a chain's first record too, which the record after
// it names). A record whose hash member alone
// was changed is reported modified once, not bad-mac besides: its MAC,
// computed over its hash, verifies over the hash of its content. A record
// that failed its hash or MAC check holds its place in its chain when its
// seq is the next, so the record after it is not reported missing or
// inserted. A record changed so
// that its line no longer
// parses is reported modified, not missing, when its audit member still
// names it; when its audit member no longer names it (its seq, chain or
// version broken), the line is reported malformed in place of that
// record, like a line that is not a record (below); the chain's last
// record so changed is not reported truncated by a checkpoint that
// signed it. A line that is not a record (malformed, or without an audit
// member) standing where as many records of a chain are missing, between
// the records around them (other chains' records, of writers sharing the
// file, may stand between them too), is reported as it is, in place of the record
// whose line it took, and that record is not reported missing too
// (records that an audit.gap declares lost are not such lines' records).
// A torn line that an audit.start or audit.gap
// names by its length and hash (its torn member, or for the older of
// several fragments that crashes in a row left, its torn_earlier list,
// and past 256 of them the oldest by their count and a hash over their
// hashes, its torn_older member) is
// reported torn where it is, missing
// when it is not in the input before that record, and reordered when a
// record of that chain written before it (the record the audit.start
// resumed from, or the one before the first the audit.gap declares lost)
// comes after it, or when the fragments one record names are not in the
// order it lists them. An audit.start's torn_closed list names another
// writer's fragments that the record it resumed from closed (its process
// crashed before naming them): each must be the line just before that
// record, or the one that record landed on, followed by its copy. A
// fragment that no record names, on the line just before the last record
// of a chain (whose write closed it: its process ended before the
// audit.gap naming it, and nothing resumed the chain since), is reported
// torn, not malformed; such a line changed or inserted there cannot be
// told from a crash's, and carries no record; but one that stands where
// records of a chain are missing, between the records around them, is
// reported in place of such a record, as above. The checkpoint file is
// appended in order, each line once: a checkpoint after a larger one of
// its chain is reported reordered (a witnessed checkpoint appended again
// with its cosignatures excepted), and a line repeated byte for byte
// duplicated,
// both at their line of the checkpoint file; a line that is only the start
// of a checkpoint (a write that stopped, a full disk) is reported torn.
// Each in-band checkpoint record names, in its published member, the
// newest checkpoint that was then in the checkpoint writer (written
// whole, and synced where the writer syncs); a checkpoint file that
// holds a later checkpoint of the chain but not that one is reported
// missing it: an older line removed, which a failed write never looks
// like (a copy of the file taken earlier holds no later one). A
// chain that retention
// ([File.Prune]) removed whole is reported pruned, as its retention record
// states, and its checkpoints up to that record's head are not reported
// truncated. [LoadKeyFile], [LoadSignerFile] and
// [LoadPublicKeyFile] read the files that `slogaudit keygen` writes.
//
// # Losses are declared
//
// Every record gets the next sequence number, and keeps it whatever
// happens to it. A record that does not reach the output (the wrapped
// handler returned an error or panicked, the disk was full, the record
// was over [WithMaxRecordSize], or an asynchronous handler lost it later)
// is declared lost by an audit.gap record ([MsgGap]) naming the lost
// sequence numbers and why, chained and MACed like any other: at once
// when Handle learns of the loss (its error says whether that audit.gap
// was written), else by the next record the wrapper writes. [Verify] reports a declared gap as information
// ([Gap], with the reason); a gap that no audit.gap record declares is
// [Missing], a sign of tampering. The wrapper's own audit.gap, audit.stop
// and checkpoint records are retried when their write fails. Over a
// [File] or a slogcore handler they take no sequence number then; over
// any other handler (slog.JSONHandler) the failed write may have left
// part or all of the record in the output, so it keeps its sequence
// number, counts as failed, and the next audit.gap declares it lost, as
// for a caller's record: the retry never writes a second record of one
// sequence number. Close returns an error wrapping [ErrRecordsLost]
// naming the losses and whether each is declared. A record whose write
// blocks (a hung disk, a full pipe nobody reads) holds the chain: Handle
// and Close wait for it while their context lasts, and half a second
// more; then they return an error that says so. Such a record Handle gave
// up on took no sequence number, so the chain does not miss it; it counts
// in Stats.Refused.
//
// What each wrapped handler guarantees:
//
//   - A synchronous handler (slog.JSONHandler, [File.Handler]): its error
//     is known when Handle returns; the loss is declared before the next
//     record. Over a [File], a partly written record is cut off the end of
//     the file, so the file always ends with a whole record; and a record
//     that the File reads back whole after its write call or fsync
//     failed is written, not lost: the error wraps [ErrNotDurable] and
//     goes to OnError, and no audit.gap declares it (its later deletion
//     is then missing, as any other).
//   - A slogcore handler ([slogcore.New], [slogcore.Async]): it writes
//     later, on its own goroutine. The wrapper registers a watcher
//     ([slogcore.Handler.WatchLosses]) and declares every record that the
//     handler reports lost (failed or dropped), before the next record and
//     at Close, which first waits (within its context) for the handler to
//     write everything. Records the handler loses after Close gave up
//     waiting cannot be declared; Close's error says so.
//   - Framing is the wrapped handler's. slog.JSONHandler over a plain
//     io.Writer ignores a short write that returns no error, and leaves
//     the fragment of a failed write in place, so the next record (the
//     audit.gap declaring the loss) is glued onto it. The verifier checks
//     the record glued onto it, and reports the fragment torn when the
//     records of its chain between the one before it and the glued
//     record are all declared lost (it is what is left of one of them),
//     malformed otherwise; a fragment's bytes are covered by no hash.
//     Two failed writes in a row that each leave a fragment put both on
//     one line before the record, and are judged together by the same
//     rule. A handler that closes the line after a failed write but
//     cannot know what it left ([slogcore.New] after its io.Writer
//     panicked or returned a count it was not given) leaves the fragment
//     on a line of its own that no record names: it is reported torn by
//     the same rule, taking the record after it for the glued one, and
//     malformed otherwise. Write audit logs through a
//     [File] (or slogcore.New over one, with [WithResume] and, after a
//     crash, [WithTorn]), which never leaves a fragment.
//   - Any other asynchronous handler (a slog-multi fanout around an async
//     sink, a network handler that buffers): the wrapper only knows what
//     Handle returns. A record it loses later leaves an undeclared gap,
//     which verifies as missing.
//
// # What the wrapped handler must not change
//
// The chain hashes the record the wrapper passes on. Over a slogcore
// handler, the wrapper applies that handler's redaction before hashing
// (redaction is idempotent: the handler's second pass changes nothing),
// to every record, its own included, to each group as the one attr the
// handler gets (its depth and size limits count the whole group), to
// WithGroup names, the source
// ([WithSource]), the audit_violations annotation and encrypted personal
// values (one that it masks can never be revealed: OnError says
// so; a checkpoint whose signed note it would mask is written to the
// checkpoint writer only),
// and [New] refuses a slogcore handler with ReplaceAttr or AddSource. For
// any other handler, these break the chain (every affected record
// verifies as modified): a ReplaceAttr that changes, adds or removes
// attributes; AddSource (use [WithSource]); redaction or any other
// rewriting of values; a different time format or time zone; a text
// rather than JSON format; more than one line per record; a group open
// on it (WithGroup before Wrap: the verifier reports each record
// malformed, naming the group).
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
// # Sealing, key rotation and erasure
//
// [WithSealing] makes the MAC key forward-secure: it evolves per epoch by
// an HKDF ratchet from the [WithKey] key, each epoch ends with a chained
// audit.seal record, and the writer keeps only the current epoch's key, so
// that a break-in cannot forge records of a sealed epoch. [Verify] checks
// each record with its own epoch's key and reports an unsealed tail;
// [VerifyOptions].Sealed fails a log offered as sealed that has no seal.
// [Handler.RotateKey] moves a running handler to a new key id (and
// signer) through a chained audit.rotate record; the report says which key
// id covered which records. [Personal] and [WithPersonalKeys] write
// personal data encrypted per subject (AES-GCM, the subject as associated
// data) under a [KeyStore] ([OpenKeyStore] is file-based);
// [Handler.Erase] destroys a subject's key and writes audit.erasure, and
// the log still verifies. [Reveal] and `slogaudit show` decrypt what is
// not erased.
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
// # Sizes
//
// [WithMaxRecordSize] (default [DefaultMaxRecordSize], 1 MiB of canonical
// JSON) refuses larger records with an error wrapping [ErrRecordTooLarge],
// counts them and declares them in the chain. [Verify] and the slogaudit
// command read lines of any length; [VerifyOptions.MaxLineBytes] (the
// command's -max-line-bytes) bounds the memory spent on one line, and a
// longer line stops verification with [ErrLineTooLong], never a finding.
//
// A record nests at most as deep as the verifier parses (512 levels,
// the record itself being the top one): the names of groups nested deeper
// are joined with "." into the name of the innermost group kept, and a
// value that would still nest too deep is written as its JSON text.
//
// The top-level keys time, level, msg, source and audit are reserved: a
// user attribute with one of those names is written with a leading "_".
//
// # Repeated keys
//
// A record is one JSON object, which cannot hold a name twice, yet slog
// lets a record repeat a key (logger.Info("m", "user", "a", "user", "b")),
// and With attrs or a renamed reserved key can meet a record's key of the
// same name. No value is dropped: the first keeps the name, and each later
// one gets as many leading "_" as make it unique in its group, so that
// this record is written {"user":"a","_user":"b"} (and "msg", "_msg" as
// attributes become "_msg", "__msg"). Groups of one name merge, member by
// member; a group that meets a value of its name is renamed the same way.
// The wrapper's own "audit_violations" annotation keeps its name, and a
// caller's attribute of that name is renamed. Every value written is
// hashed and MACed with the record.
//
// # Format versions
//
// Records carry the audit format version in "v". Writers emit v2, whose
// MAC covers the version and the key id; the verifier reads v1 and v2.
//
// [File.Handler] writes each v2 record once, as its own RFC 8785 form:
// the canonical record with the audit member spliced in at its sorted
// place, hashes in unpadded base64url. The link hash is over those bytes
// without the audit member, so the verifier hashes such a line as it
// stands, without parsing or encoding it again. Such a line is the record
// byte for byte: one that differs from its canonical form (spacing,
// escapes, number forms, member order, a carriage return before the
// newline) is reported modified, even where its JSON means the same. [Wrap] over another
// handler writes v2 too, with hashes in lowercase hex (which that handler's
// redaction leaves alone; a digit in uppercase is reported as an edit of
// its line); the verifier canonicalises those lines, as it does v1's.
// A UTF-8 byte order mark at the start of a file, which text editors and
// some transfers add, is not part of a record: the lines are checked
// without it, and a [ByteOrderMark] finding (information) says so; one
// anywhere else is a change of its line.
// Line ends are the other exception, for both forms: a file whose every
// line ends in a carriage return and a newline (CR LF, as a copy or
// transfer that converts line ends leaves it) verifies as it did, each
// record checked without its carriage return. In a file whose other
// lines end in a newline alone, a File line's carriage return is a change
// of that line, reported modified (another handler's line is
// canonicalised, so there it changes nothing).
// Both forms have one definition of the hashed record: the JCS form of the
// record without its audit member, hashed once with its seq and the
// previous hash after it (v1 hashed it apart first). A v2 line must be valid
// UTF-8 as written: the verifier reports a line with an invalid byte as
// modified, where v1 lines are still read leniently.
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

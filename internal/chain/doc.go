// Package chain holds the exact bytes that slogaudit hashes, MACs and signs.
//
// # Canonical form
//
// A record's canonical bytes are the RFC 8785 (JSON Canonicalization Scheme)
// serialisation of the JSON object that a JSON handler writes for it, without
// the top-level "audit" member: no whitespace, object members sorted by the
// UTF-16 code units of their names, strings with only '"', '\\' and control
// characters escaped, numbers as ECMAScript's Number.prototype.toString
// writes them. [Parse] reads a line and [AppendCanonical] writes a [Value];
// the producer builds the same Value from slog attributes.
//
// # Links
//
//	h_0 = SHA-256("slogaudit/v1 genesis" ‖ u16be(len(chain)) ‖ chain)
//	v1:  h_i = SHA-256("slogaudit/v1" ‖ u16be(len(chain)) ‖ chain ‖ u64be(i) ‖ h_{i-1} ‖ SHA-256(c_i))
//	v2:  h_i = SHA-256("slogaudit/v2 link" ‖ u16be(len(chain)) ‖ chain ‖ c_i ‖ u64be(i) ‖ h_{i-1})
//
// The chain id is length-prefixed and what follows c_i has a fixed length,
// so that the concatenation is unambiguous. A v2 record is hashed once:
// a writer hashes the start of the input, its record included, before it
// knows the chain's head, and only the last 40 bytes once it does
// ([Linker]).
//
// # Versions and MACs
//
// Every record's audit member carries the format [Version] it was written
// under ("v"). The MAC over a record's link hash depends on it:
//
//	v1:  mac_i = HMAC-SHA256(key, h_i)
//	v2:  mac_i = HMAC-SHA256(key, "slogaudit/mac" ‖ u16be(2) ‖ u16be(len(keyID)) ‖ keyID ‖ h_i)
//
// so that from v2 on neither the version nor the key id ("key") can be
// changed without the key. v1 writes the audit member's hashes in hex; v2
// in unpadded base64url when the writer encodes the line itself
// ([Version.AppendHash]), and in hex through other handlers; a v2 reader
// takes both ([Version.ParseHash]).
//
// # Canonical lines
//
// A line that is its own canonical form carries the audit member at its
// sorted place; [ScanLine] finds that member without building the record,
// and the line without it is c_i, as the link hash takes it. Writers emit
// [Current]; readers accept every
// [Version.Known] version. v2 is the version under development: further
// format changes join it, and [Version] is the one place that knows what
// each version means.
//
// # Merkle tree
//
// Beside the hash chain, each chain is an RFC 6962 Merkle tree whose leaf
// i-1 is record seq i:
//
//	leaf_i = SHA-256(0x00 ‖ h_i ‖ mac_i)        (mac_i empty without a key)
//	node   = SHA-256(0x01 ‖ left ‖ right)
//
// [Tree] keeps it in O(log n) memory (a compact range); [Prover] computes
// inclusion and consistency proofs from the leaves streamed in order, in
// golang.org/x/mod/sumdb/tlog's proof layout, which [CheckInclusion] and
// [CheckConsistency] verify.
//
// # Checkpoints
//
// A checkpoint is a C2SP tlog-checkpoint signed note ([TreeHead],
// [SignTreeHead]): the body
//
//	<origin>\n<tree size>\n<base64 root>\n
//
// signed with Ed25519 by a key named after the origin, which is
// "<log name>/<chain id>" ([Origin]). Witnesses add cosignature/v1
// signature lines ([CosignatureVerifier]).
//
// The first format's checkpoints, still read, signed with Ed25519 the bytes
//
//	"slogaudit/v1 checkpoint" ‖ JCS({"chain":…,"hash":hex,"seq":n,"time":RFC 3339})
//
// Nothing in this package panics on any input.
package chain

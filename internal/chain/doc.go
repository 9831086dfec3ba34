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
//	h_i = SHA-256("slogaudit/v1" ‖ u16be(len(chain)) ‖ chain ‖ u64be(i) ‖ h_{i-1} ‖ SHA-256(c_i))
//	mac_i = HMAC-SHA256(key, h_i)
//
// The chain id is length-prefixed so that the concatenation is unambiguous.
//
// # Checkpoints
//
// A checkpoint signs, with Ed25519, the bytes
//
//	"slogaudit/v1 checkpoint" ‖ JCS({"chain":…,"hash":hex,"seq":n,"time":RFC 3339})
//
// Nothing in this package panics on any input.
package chain

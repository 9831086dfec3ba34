package slogaudit

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// More kinds of finding: what the checks could not do, and a crash's
// unfinished last line.
const (
	// UnknownKey: records carry MACs by a key id for which no key was
	// given; one finding per key id. Their MACs are not checked.
	UnknownKey FindingKind = "unknown-key"
	// Uncovered: [VerifyOptions].RequireCheckpoints is set and no
	// checkpoint of the checkpoint file covers the chain.
	Uncovered FindingKind = "uncovered"
	// TornTail is information with a warning: the last line of the input
	// is incomplete and no record follows it. The writer stopped in the
	// middle of a record (a crash, a full disk); its next start names the
	// line. Whether records are missing after it only a checkpoint kept
	// apart from the log can tell, which is then a [Truncated] finding.
	TornTail FindingKind = "torn-tail"
)

// Reasons a check was skipped, in [Check].Skipped.
const (
	SkippedNoKey         = "no key"
	SkippedNoCheckpoints = "none given"
	// SkippedEmptyCheckpoints: a checkpoint file was given, but it held no
	// checkpoint of the chains read.
	SkippedEmptyCheckpoints = "no checkpoint in the checkpoint file"
	// SkippedUnsignedCheckpoints: the checkpoint file holds checkpoints
	// of the chains read, but none whose signature verifies with the
	// public keys given, and only those are compared with the chains.
	SkippedUnsignedCheckpoints = "no checkpoint of the checkpoint file has a valid signature"
	SkippedNoPublicKey         = "no public key"
)

// ErrNoRecords is returned by [Verify] when no line of the input is an
// audit record: the input is empty or is not an audit log. Such an input is
// never intact.
var ErrNoRecords = errors.New("slogaudit: no audit records")

// ErrRequiredCheck is returned by [Verify] when a check that
// [VerifyOptions] requires cannot run: a key or a checkpoint file is
// missing from the options.
var ErrRequiredCheck = errors.New("slogaudit: a required check cannot run")

// Check counts what one kind of check did.
type Check struct {
	Checked int64 `json:"checked"` // items checked
	Failed  int64 `json:"failed"`  // of those, items that failed
	// Unchecked counts items that could not be checked although the check
	// ran: MACs by a key id for which no key was given.
	Unchecked int64 `json:"unchecked,omitempty"`
	// Skipped says why the check did not run ([SkippedNoKey], …); empty
	// when it ran.
	Skipped string `json:"skipped,omitempty"`
}

// Ran reports whether the check ran (it may still have had nothing to check).
func (c Check) Ran() bool { return c.Skipped == "" }

func (c *Check) count(failed bool) {
	c.Checked++
	if failed {
		c.Failed++
	}
}

func (c *Check) add(o Check) {
	c.Checked += o.Checked
	c.Failed += o.Failed
	c.Unchecked += o.Unchecked
}

// Checks says which checks ran and what they found.
type Checks struct {
	// Hashes: records whose link hash was recomputed from their content.
	Hashes Check `json:"hashes"`
	// MACs: records whose MAC was verified with the key of their key id.
	MACs Check `json:"macs"`
	// Checkpoints: checkpoints of [VerifyOptions].Checkpoints (kept apart
	// from the log) compared with the chain: a signed hash that matches its
	// record, or one beyond the end of the input.
	Checkpoints Check `json:"checkpoints"`
	// Signatures: checkpoint signatures (in-band and kept apart) verified
	// with [VerifyOptions].PublicKey.
	Signatures Check `json:"signatures"`
}

func (c *Checks) add(o Checks) {
	c.Hashes.add(o.Hashes)
	c.MACs.add(o.MACs)
	c.Checkpoints.add(o.Checkpoints)
	c.Signatures.add(o.Signatures)
}

// skip sets why checks did not run, from the options.
func (c *Checks) skip(o VerifyOptions) {
	if o.Keys == nil && o.Key == nil {
		c.MACs.Skipped = SkippedNoKey
	}
	if o.Checkpoints == nil {
		c.Checkpoints.Skipped = SkippedNoCheckpoints
	}
	if len(o.publicKeys()) == 0 {
		c.Signatures.Skipped = SkippedNoPublicKey
	}
}

// showChain writes a chain id so that an empty or odd one stays visible.
func showChain(id string) string {
	if id == "" {
		return `""`
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._:/@+-", r)) {
			return strconv.Quote(id)
		}
	}
	return id
}

// plural writes n and the noun, with an "s" unless n is 1.
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

package slogaudit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
)

// The fragments that crashes leave at the end of a File: found when it is
// opened, and named by the next audit.start (or the audit.gap that takes
// its place).
//
// A crash leaves the first bytes of the line being written. The next
// process writes the newline that closes it together with its first line,
// which a crash may cut too, and so on: after several crashes in a row
// the file ends with several fragments, each on a line of its own (a
// writer of an earlier version closed a fragment with a separate write,
// so one may also end the file closed and alone). Every one of them is
// named: the newest by the record's torn member, the others by its
// torn_earlier member, oldest first. Past maxNamedFragments, the oldest
// ones are named together by the torn_older member: their count, and a
// hash over their hashes.

// tornEarlierKey is the member of an audit.start or audit.gap record that
// names the fragments before the newest one, oldest first, each as the
// torn member names one: {"bytes":N,"sha256":"<hex>"}.
const tornEarlierKey = "torn_earlier"

// tornClosedKey is the member of an audit.start record that names, as
// torn_earlier does, other writers' fragments that the record it resumed
// from closed: each is the line just before that record, whose write
// began with the newline closing it, and the process writing the chain
// ended before the audit.gap naming it.
const tornClosedKey = "torn_closed"

// appendClosedAttr appends the torn_closed member naming ts, if any.
func appendClosedAttr(attrs []slog.Attr, ts []TornLine) []slog.Attr {
	if len(ts) == 0 {
		return attrs
	}
	items := make([]any, len(ts))
	for i, t := range ts {
		items[i] = map[string]any{"bytes": t.Bytes, "sha256": t.SHA256}
	}
	return append(attrs, slog.Any(tornClosedKey, items))
}

// maxNamedFragments bounds the fragments one record names one by one
// (torn and torn_earlier): as many as the verifier keeps waiting for a
// record that names them.
const maxNamedFragments = maxUnnamed

// tornOlderKey is the member of an audit.start or audit.gap record that
// names the fragments older than the maxNamedFragments newest ones:
// {"count":K,"sha256":"<hex>"}, the hash being
// SHA-256(d_1 ‖ … ‖ d_K) over the 32-byte SHA-256 d_i of each of those
// fragments, oldest first.
const tornOlderKey = "torn_older"

// maxTornFragments bounds the fragments a File looks for at the end of
// the log, and those the verifier keeps waiting for a torn_older member:
// past it, the oldest are left unnamed, and reported malformed.
const maxTornFragments = 1 << 16

// olderDigest returns the hash that a torn_older member gives for the
// fragments whose hashes are digests, oldest first.
func olderDigest(digests [][sha256.Size]byte) string {
	h := sha256.New()
	for _, d := range digests {
		h.Write(d[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// appendTornAttrs appends the members that name the fragments ts (oldest
// first) to attrs: torn for the newest, torn_earlier for the others, and
// torn_older for those past maxNamedFragments.
func appendTornAttrs(attrs []slog.Attr, ts []TornLine) []slog.Attr {
	if len(ts) == 0 {
		return attrs
	}
	if len(ts) > maxNamedFragments {
		older := ts[:len(ts)-maxNamedFragments]
		ts = ts[len(older):]
		digests := make([][sha256.Size]byte, len(older))
		for i, t := range older {
			hex.Decode(digests[i][:], []byte(t.SHA256))
		}
		attrs = append(attrs, slog.Group(tornOlderKey, slog.Int("count", len(older)), slog.String("sha256", olderDigest(digests))))
	}
	newest := ts[len(ts)-1]
	attrs = append(attrs, slog.Group("torn", slog.Int("bytes", newest.Bytes), slog.String("sha256", newest.SHA256)))
	if len(ts) > 1 {
		earlier := make([]any, len(ts)-1)
		for i, t := range ts[:len(ts)-1] {
			earlier[i] = map[string]any{"bytes": t.Bytes, "sha256": t.SHA256}
		}
		attrs = append(attrs, slog.Any(tornEarlierKey, earlier))
	}
	return attrs
}

// tailFragments reads the end of data, the last bytes of a log (all of it
// when whole), and returns the fragments at its end, oldest first: the
// lines after the last line that is not one (a whole JSON value, or a line
// that no writer leaves, which the verifier reports), blank lines left
// out, the unterminated last line included. closeTail says whether data
// ends with a line without its newline, which the next write must close.
// enough is false when data, not whole, may hold more fragments before
// its first line: read more of the file.
func tailFragments(data []byte, whole bool) (frags [][]byte, closeTail, enough bool) {
	end := bytes.LastIndexByte(data, '\n')
	if last := data[end+1:]; len(last) > 0 {
		closeTail = true
		if end < 0 && !whole {
			return nil, true, false
		}
		if wholeRecord(last) || !jsonPrefix(last) {
			// A record that lacks only its newline is the chain's head;
			// a line that no writer leaves is reported, not named.
			return nil, true, true
		}
		frags = append(frags, last)
	}
	for end >= 0 && len(frags) < maxTornFragments {
		start := bytes.LastIndexByte(data[:end], '\n')
		if start < 0 && !whole {
			break // the window's first line may be cut
		}
		line := data[start+1 : end]
		end = start
		switch {
		case len(bytes.TrimSpace(line)) == 0:
		case json.Valid(line) || !jsonPrefix(line):
			enough = true
			end = -1
		default:
			frags = append(frags, line)
		}
	}
	if end < 0 && whole || len(frags) == maxTornFragments {
		enough = true
	}
	for i, j := 0, len(frags)-1; i < j; i, j = i+1, j-1 {
		frags[i], frags[j] = frags[j], frags[i]
	}
	return frags, closeTail, enough
}

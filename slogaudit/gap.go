package slogaudit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/slogguard/slogguard/slogcore"
)

// MsgGap is the message of the record that declares records lost: their
// sequence numbers entered the chain, and the records did not reach the
// output.
const MsgGap = "audit.gap"

// GapRange is a run of lost sequence numbers, From to To inclusive, and why
// they were lost, as written in an [MsgGap] record's "lost" list.
type GapRange struct {
	From   uint64 `json:"from"`
	To     uint64 `json:"to"`
	Reason string `json:"reason"`
}

// Limits of one gap record, so that it stays small: further ranges go into
// the next one.
const (
	maxGapRanges    = 256
	maxReasonLength = 200
)

// losses collects the sequence numbers lost and not yet declared. It has
// its own lock because the asynchronous handler it hears from reports
// losses from its worker goroutine, or from a goroutine that holds
// state.mu and waits for that worker: taking state.mu there would
// deadlock.
type losses struct {
	mu      sync.Mutex
	pending []GapRange
	// any is set while pending is not empty, so that the chain step
	// learns that there is nothing to declare without taking mu.
	any atomic.Bool
	// async counts records that an asynchronous handler accepted and then
	// lost: Stats moves them from Written to Failed. redeclared counts the
	// seqs that lost gap records declared: they are declared again, and
	// Stats takes them off Declared.
	async      uint64
	redeclared uint64
	// torns are the fragments that failed writes left in a File and no
	// audit.gap has named yet, oldest first: each gap record names one.
	// anyTorn is set while torns is not empty.
	torns   []TornLine
	anyTorn atomic.Bool
}

// addTorn adds the fragment t, for the next audit.gap to name.
func (l *losses) addTorn(t TornLine) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.addTornLocked(t)
}

func (l *losses) addTornLocked(t TornLine) {
	l.torns = append(l.torns, t)
	l.anyTorn.Store(true)
}

// takeTorn removes and returns the oldest fragment to name, or nil.
func (l *losses) takeTorn() *TornLine {
	if !l.anyTorn.Load() {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.torns) == 0 {
		return nil
	}
	t := l.torns[0]
	l.torns = append(l.torns[:0], l.torns[1:]...)
	l.anyTorn.Store(len(l.torns) > 0)
	return &t
}

// add records seq as lost for reason.
func (l *losses) add(seq uint64, reason string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.addLocked([]GapRange{{From: seq, To: seq, Reason: reason}})
}

func (l *losses) addLocked(rs []GapRange) {
	l.pending = append(l.pending, rs...)
	sort.Slice(l.pending, func(i, j int) bool { return l.pending[i].From < l.pending[j].From })
	out := l.pending[:0]
	for _, r := range l.pending {
		if k := len(out) - 1; k >= 0 && out[k].To+1 >= r.From && out[k].Reason == r.Reason {
			out[k].To = max(out[k].To, r.To)
			continue
		}
		out = append(out, r)
	}
	l.pending = out
	l.any.Store(len(out) > 0)
}

// take removes and returns up to maxGapRanges pending ranges.
func (l *losses) take() []GapRange {
	if !l.any.Load() {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	n := min(len(l.pending), maxGapRanges)
	if n == 0 {
		return nil
	}
	rs := append([]GapRange(nil), l.pending[:n]...)
	l.pending = append(l.pending[:0], l.pending[n:]...)
	l.any.Store(len(l.pending) > 0)
	return rs
}

// putBack returns ranges that a gap record failed to declare.
func (l *losses) putBack(rs []GapRange) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.addLocked(rs)
}

// has reports whether seq is pending.
func (l *losses) has(seq uint64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range l.pending {
		if r.From <= seq && seq <= r.To {
			return true
		}
	}
	return false
}

// count returns the number of pending sequence numbers.
func (l *losses) count() (n uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range l.pending {
		n += r.To - r.From + 1
	}
	return n
}

// lossTag marks the context of a record passed to an asynchronous handler,
// so that its loss can be traced back to its seq.
type lossTag struct{}

// tagged is the value under lossTag. declares is what the record declares
// lost when it is an audit.gap record: it travels with the record, so that
// however long the handler holds the record, its loss declares them again.
type tagged struct {
	st       *state
	seq      uint64
	declares []GapRange
	names    []TornLine // the fragments an audit.gap record names
}

// onLoss hears from a slogcore handler that a record it accepted was lost.
func (st *state) onLoss(l slogcore.Loss) {
	t, ok := l.Context.Value(lossTag{}).(tagged)
	if !ok || t.st != st {
		return // not one of ours
	}
	if !l.Dropped {
		st.worker.seen() // a failed write is reported on the worker's goroutine
	}
	if !l.Dropped && errors.Is(l.Err, ErrNotDurable) {
		// The wrapped handler's writer (a File) read the record back
		// whole in the file: written, only its durability is in doubt.
		st.report(fmt.Errorf("slogaudit: record %d of chain %s is written: %w", t.seq, st.head.Chain, l.Err))
		return
	}
	reason := ""
	if l.Dropped {
		reason = "dropped by the wrapped handler: " + l.Reason.String()
	} else {
		reason = "the wrapped handler failed to write it: " + shorten(l.Err.Error())
	}
	st.losses.mu.Lock()
	defer st.losses.mu.Unlock()
	if l.Dropped {
	} else if t := fragmentIn(l.Err); t != nil {
		// The File under the wrapped handler could not cut off the
		// record's fragment: the next audit.gap names it.
		st.losses.addTornLocked(*t)
	} else if ts := tornsToNameIn(l.Err); ts != nil {
		// The File refused the batch, which would have closed its torn
		// tail unnamed: the next audit.gap names it.
		st.losses.addTornLocked(tornsAsOne(ts))
	}
	st.losses.async++
	rs := []GapRange{{From: t.seq, To: t.seq, Reason: reason}}
	rs = append(rs, t.declares...) // a lost gap record: declare its losses again
	for _, n := range t.names {
		st.losses.addTornLocked(n) // and name its fragments again
	}
	for _, r := range t.declares {
		st.losses.redeclared += r.To - r.From + 1
	}
	st.losses.addLocked(rs)
}

func shorten(s string) string {
	if len(s) <= maxReasonLength {
		return s
	}
	return validUTF8(s[:maxReasonLength]) + "…"
}

// declareLocked writes the pending losses as audit.gap records. A gap
// record that cannot be written takes no seq, and its ranges stay pending.
// A gap record that the wrapped handler accepted and lost at once (a full
// queue under DropNewest) ends the round: its ranges, and its own seq, wait
// for the next record or Close, rather than taking new seqs for as long as
// the queue stays full.
//
// A gap record also names a fragment that a failed write left in a File
// (see leftFragment), one per record: a fragment left by a record that
// is retried rather than lost (the wrapper's own) gets a gap record that
// declares no seq.
func (st *state) declareLocked(ctx context.Context) error {
	for {
		rs := st.losses.take()
		if st.lostTorn == nil {
			if t := st.losses.takeTorn(); t != nil {
				st.lostTorn = t.withEarlier()
			}
		}
		if rs == nil && st.lostTorn == nil {
			return nil
		}
		if rs == nil {
			rs = []GapRange{}
		}
		n := uint64(0)
		for _, r := range rs {
			n += r.To - r.From + 1
		}
		attrs := []slog.Attr{slog.Uint64("records", n), slog.Any("lost", rs)}
		attrs = appendTornAttrs(attrs, st.lostTorn)
		st.declaring, st.naming = rs, st.lostTorn // in the record's loss tag
		err := st.ownLocked(ctx, MsgGap, false, attrs...)
		st.declaring, st.naming = nil, nil
		if err != nil {
			st.losses.putBack(rs)
			return err
		}
		st.lostTorn = nil
		st.stats.Declared += n
		if st.async != nil && st.losses.has(st.head.Seq) {
			return nil
		}
	}
}

// errTooLarge is the reason written for a record over the size limit.
func errTooLarge(size, limit int) error {
	return fmt.Errorf("record of %d bytes exceeds the limit of %d (WithMaxRecordSize): %w", size, limit, ErrRecordTooLarge)
}

package slogaudit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"slices"
	"time"
)

// Prune removes the rotated files whose last write is older than the
// retention set with [WithRetention], oldest first, never the current file.
// Through a handler made by [File.Handler] (the last one made while it is
// open, else another open one, else the last one made, closed) it first
// writes a retention.applied record naming the files and, per chain, the
// head they end at, so that the remaining files still verify, and then
// removes them. When the record cannot be written (a full disk), it removes
// nothing and returns the error. It returns the removed paths.
func (af *File) Prune(ctx context.Context, now time.Time) ([]string, error) {
	af.mu.Lock()
	h, keep := af.handler, af.cfg.retention
	af.mu.Unlock()
	if keep <= 0 {
		return nil, errors.New("slogaudit: Prune: no retention set: open the file WithRetention")
	}
	if h == nil {
		return nil, errors.New("slogaudit: Prune: the retention record needs a handler: call File.Handler first")
	}
	files, err := RotatedFiles(af.path)
	if err != nil {
		return nil, err
	}
	// The files past the retention, and, after each, the heads the
	// chains ended at in it.
	var doomed []string
	var headsAt []map[string]Head
	heads := map[string]Head{}
	for _, f := range files[:len(files)-1] { // never the current file
		fi, err := os.Stat(f)
		if err != nil {
			return nil, fmt.Errorf("slogaudit: Prune: %w", err)
		}
		if now.Sub(fi.ModTime()) <= keep {
			break // files are in order: the rest are newer
		}
		if err := lastHeads(f, heads); err != nil {
			return nil, err
		}
		doomed = append(doomed, f)
		headsAt = append(headsAt, maps.Clone(heads))
	}
	if len(doomed) == 0 {
		return nil, nil
	}
	// The record first: files removed without it would verify as
	// missing. A crash between the two leaves files that the record
	// names, which still verify.
	if err := af.recordRetention(ctx, doomed, headsAt[len(doomed)-1], keep); err != nil {
		return nil, fmt.Errorf("slogaudit: Prune: no file removed, as the removal could not be recorded: %w", err)
	}
	// A reader that pinned the files (a witness's consistency proof)
	// reads them to the end first.
	af.mu.Lock()
	for af.readers > 0 {
		af.unpinned.Wait()
	}
	var removed []string
	var rmErr error
	for _, f := range doomed {
		if rmErr = os.Remove(f); rmErr != nil {
			break
		}
		removed = append(removed, f)
	}
	af.mu.Unlock()
	if rmErr != nil {
		err := fmt.Errorf("slogaudit: Prune: %w", rmErr)
		if i := len(removed); i > 0 {
			// The record named more than was removed: name what was.
			if rerr := af.recordRetention(ctx, removed, headsAt[i-1], keep); rerr != nil {
				err = fmt.Errorf("%w; recording the files removed before it failed too: %v", err, rerr)
			}
		}
		return removed, err
	}
	return removed, nil
}

// recordRetention writes the retention.applied record naming the removed
// files and the heads the chains ended at in them, through a handler of
// the File that no other handler forks (see retentionWriter).
func (af *File) recordRetention(ctx context.Context, removed []string, heads map[string]Head, keep time.Duration) error {
	var ends []slog.Attr
	for _, id := range slices.Sorted(maps.Keys(heads)) {
		head := heads[id]
		ends = append(ends, slog.Group(id, slog.Uint64("seq", head.Seq), slog.String("hash", head.Hash.String())))
	}
	for range 3 {
		st, release, err := af.retentionWriter()
		if err != nil {
			return err
		}
		st.mu.Lock()
		if st.closed && release == nil {
			st.unlock()
			continue // closed since it was chosen: its chain may go on elsewhere
		}
		err = st.ownLocked(ctx, MsgRetention, false, Action(RetentionApplied), Outcome(Success),
			slog.Any("removed", removed), slog.Duration("retention", keep), slog.Attr{Key: "ends_at", Value: slog.GroupValue(ends...)})
		head := st.head
		st.unlock()
		if release != nil {
			release(head)
		}
		return err
	}
	return errors.New("slogaudit: Prune: the File's handlers closed while the retention record was being written: call Prune again")
}

// retentionWriter returns the handler state that writes the retention
// record: the last handler made, while it is live; else another live
// handler of the File; else the last one made, closed, with its chain
// claimed (as File.Handler claims it) until release is called with the
// head it left, so that no handler continues the chain meanwhile.
func (af *File) retentionWriter() (st *state, release func(Head), err error) {
	af.mu.Lock()
	defer af.mu.Unlock()
	if af.handler == nil {
		return nil, nil, errors.New("slogaudit: Prune: the retention record needs a handler: call File.Handler first")
	}
	last := af.handler.st
	var live []string
	for id, w := range af.writing {
		if w == last {
			return last, nil, nil
		}
		if w != nil {
			live = append(live, id)
		}
	}
	if len(live) > 0 {
		slices.Sort(live)
		return af.writing[live[0]], nil, nil
	}
	id := af.handlerChain
	if _, ok := af.writing[id]; ok {
		return nil, nil, fmt.Errorf("slogaudit: Prune: a handler for chain %s is being made: call Prune again", id)
	}
	if af.writing == nil {
		af.writing = map[string]*state{}
	}
	af.writing[id] = nil
	return last, func(head Head) {
		af.mu.Lock()
		defer af.mu.Unlock()
		delete(af.writing, id)
		if head.Seq > af.heads[id].Seq {
			af.heads[id] = head
			af.last = id
		}
	}, nil
}

// lastHeads updates heads with the last record of every chain in file.
func lastHeads(file string, heads map[string]Head) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("slogaudit: Prune: %w", err)
	}
	scanHeads(data, heads, heads)
	return nil
}

package slogaudit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"
)

// Prune removes the rotated files whose last write is older than the
// retention set with [WithRetention], oldest first, never the current file.
// Through the handler made by [File.Handler] it then writes a
// retention.applied record naming the files it removed and, per chain, the
// head they ended at, so that the remaining files still verify. It returns
// the removed paths.
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
	var removed []string
	heads := map[string]Head{}
	for _, f := range files[:len(files)-1] { // never the current file
		fi, err := os.Stat(f)
		if err != nil {
			return removed, fmt.Errorf("slogaudit: Prune: %w", err)
		}
		if now.Sub(fi.ModTime()) <= keep {
			break // files are in order: the rest are newer
		}
		if err := lastHeads(f, heads); err != nil {
			return removed, err
		}
		if err := os.Remove(f); err != nil {
			return removed, fmt.Errorf("slogaudit: Prune: %w", err)
		}
		removed = append(removed, f)
	}
	if len(removed) == 0 {
		return nil, nil
	}
	var ends []slog.Attr
	for id, head := range heads {
		ends = append(ends, slog.Group(id, slog.Uint64("seq", head.Seq), slog.String("hash", head.Hash.String())))
	}
	h.st.mu.Lock()
	defer h.st.mu.Unlock()
	err = h.st.ownLocked(ctx, MsgRetention, false, Action(RetentionApplied), Outcome(Success),
		slog.Any("removed", removed), slog.Duration("retention", keep), slog.Attr{Key: "ends_at", Value: slog.GroupValue(ends...)})
	if err != nil {
		return removed, fmt.Errorf("slogaudit: Prune removed %v but could not record it: %w", removed, err)
	}
	return removed, nil
}

// lastHeads updates heads with the last record of every chain in file.
func lastHeads(file string, heads map[string]Head) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("slogaudit: Prune: %w", err)
	}
	scanHeads(data, heads)
	return nil
}

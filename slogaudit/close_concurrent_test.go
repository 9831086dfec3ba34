package slogaudit_test

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// Close called from several goroutines at once, while a slogcore worker
// is still writing and callers still log: every Close returns the one
// result, audit.stop is written once and last, and records logged after
// it are refused with ErrClosed, never lost silently.
func TestCloseFromSeveralGoroutines(t *testing.T) {
	for _, failAt := range []map[int]bool{nil, {4: true, 11: true}} {
		path := filepath.Join(t.TempDir(), "audit.log")
		af, err := slogaudit.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		w := &backLogger{w: lagging{af, 300 * time.Microsecond}, failAt: failAt}
		next := slogcore.New(w, nil)
		h, err := slogaudit.New(next, slogaudit.WithKey("k1", rtKey), slogaudit.OnError(func(error) {}))
		if err != nil {
			t.Fatal(err)
		}
		l := slog.New(h)
		for i := range 30 {
			l.Info("shipment", "n", i)
		}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		refused := make([]int, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range 5 {
					if err := h.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, "late", 0)); errors.Is(err, slogaudit.ErrClosed) {
						refused[i]++
					}
					if j == 2 {
						errs[i] = h.Close(context.Background())
					}
				}
			}()
		}
		wg.Wait()
		for i := range errs {
			if errs[i] == nil && errs[0] != nil || errs[i] != nil && (errs[0] == nil || errs[i].Error() != errs[0].Error()) {
				t.Fatalf("Close results differ: %v / %v", errs[0], errs[i])
			}
			if refused[i] < 2 {
				t.Fatalf("goroutine %d: %d records after its Close refused, want at least 2", i, refused[i])
			}
		}
		if err := h.Close(context.Background()); err != errs[0] && err.Error() != errs[0].Error() {
			t.Fatalf("Close again: %v, want %v", err, errs[0])
		}
		next.Close(context.Background())
		af.Close()
		lines := readLines(t, path)
		stops := 0
		for _, line := range lines {
			if containsMsg(line, slogaudit.MsgStop) {
				stops++
			}
		}
		if !stopped(t, path) || stops != 1 {
			t.Fatalf("%d audit.stop records, want one, last", stops)
		}
		rep, err := rtVerify(t, path)
		if err != nil || !rep.Intact() {
			t.Fatalf("verify: %v %v (Close: %v)", err, rep.Findings, errs[0])
		}
	}
}

func containsMsg(line, msg string) bool {
	return len(line) > 0 && (strings.Contains(line, `"msg":"`+msg+`"`))
}

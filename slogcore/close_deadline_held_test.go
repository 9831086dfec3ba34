package slogcore_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

// gatedWriter blocks its first write until first is closed, and its
// second until second is closed.
type gatedWriter struct {
	n                      atomic.Int32
	started, first, second chan struct{}
	secondStarted          chan struct{}
}

func (w *gatedWriter) Write(p []byte) (int, error) {
	switch w.n.Add(1) {
	case 1:
		close(w.started)
		<-w.first
	case 2:
		close(w.secondStarted)
		<-w.second
	}
	return len(p), nil
}

// When Close gives up waiting while the worker writes one record of
// several it took from the queue, the others are dropped: Close's error
// wraps ErrRecordsLost and counts them, as Stats does.
func TestCloseDeadlineCountsRecordsTheWorkerHeld(t *testing.T) {
	w := &gatedWriter{started: make(chan struct{}), first: make(chan struct{}), second: make(chan struct{}), secondStarted: make(chan struct{})}
	h := slogcore.New(w, &slogcore.Options{BufferSize: 1, Redact: slogcore.NoRedaction})
	l := slog.New(h)
	l.Info("a")
	<-w.started
	for _, m := range []string{"b", "c", "d", "e"} {
		l.Info(m)
	}
	close(w.first)
	<-w.secondStarted // the worker took b to e, and writes b, one record per write
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	err := h.Close(ctx)
	cancel()
	close(w.second)
	if !errors.Is(err, slogcore.ErrRecordsLost) {
		t.Fatalf("Close's error does not wrap ErrRecordsLost: %v", err)
	}
	if !strings.Contains(err.Error(), "(1 in the write in progress") || !strings.Contains(err.Error(), "3 more the worker held, dropped") {
		t.Fatalf("Close's error miscounts the records the worker held: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for h.Stats().Writing > 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	s := h.Stats()
	if s.Written != 2 || s.DroppedBy[slogcore.ReasonCloseDeadline] != 3 {
		t.Fatalf("written %d, dropped at the deadline %d: want 2 and 3", s.Written, s.DroppedBy[slogcore.ReasonCloseDeadline])
	}
}

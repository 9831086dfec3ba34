package slogcore_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

// New is a drop-in for slog.NewJSONHandler that writes off the caller's
// goroutine. Close it before the program exits.
func ExampleNew() {
	h := slogcore.New(os.Stdout, &slogcore.Options{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{} // drop the time so the output is reproducible
			}
			return a
		},
	})
	logger := slog.New(h)
	logger.Info("order placed", "order", 1042, slog.Group("customer", "tier", "gold"))
	logger.With("component", "billing").Warn("retrying", "attempt", 2, "err", errors.New("timeout"))

	if err := h.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	s := h.Stats()
	fmt.Println("submitted", s.Submitted, "written", s.Written, "dropped", s.Dropped, "failed", s.Failed)
	// Output:
	// {"level":"INFO","msg":"order placed","order":1042,"customer":{"tier":"gold"}}
	// {"level":"WARN","msg":"retrying","component":"billing","attempt":2,"err":"timeout"}
	// submitted 2 written 2 dropped 0 failed 0
}

// Async puts the queue in front of any handler, here a TextHandler.
func ExampleAsync() {
	text := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	})
	h := slogcore.Async(text, &slogcore.Options{Overflow: slogcore.DropOldest, QueueSize: 1024})
	slog.New(h).Info("cache warmed", "entries", 512, "took", 3*time.Second)
	_ = h.Close(context.Background())
	// Output:
	// level=INFO msg="cache warmed" entries=512 took=3s
}

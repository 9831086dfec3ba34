// Command basic is the README quickstart: slogcore as a drop-in for
// slog.NewJSONHandler.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/slogguard/slogguard/slogcore"
)

func main() {
	h := slogcore.New(os.Stdout, nil)   // JSON lines, written off the caller's goroutine
	defer h.Close(context.Background()) // drains the queue (its error names what was lost, if any)

	logger := slog.New(h)
	logger.Info("server started", "port", 8080)
	logger.With("request_id", "r-42").Warn("slow request", "ms", 1250)
}

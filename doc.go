// Package slogguard is a family of log/slog handlers for Go services.
//
//   - [github.com/slogguard/slogguard/slogcore]: an asynchronous JSON handler
//     that writes what slog.JSONHandler writes, off the caller's goroutine,
//     with exact accounting of every record.
//
// Existing slog code uses these handlers as a drop-in: pass one to slog.New.
// See the README for the quickstart and the measured performance.
package slogguard

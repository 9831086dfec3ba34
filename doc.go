// Package slogguard is a family of log/slog handlers for Go services.
//
//   - [github.com/slogguard/slogguard/slogcore]: an asynchronous JSON handler
//     that writes what slog.JSONHandler writes, off the caller's goroutine,
//     with exact accounting of every record, and redaction of secrets and
//     personal data wherever they hide.
//   - [github.com/slogguard/slogguard/redact]: the redaction itself (rules,
//     presets, detectors) and synchronous middleware for any slog.Handler.
//   - [github.com/slogguard/slogguard/slogaudit]: wraps any JSON handler so
//     that its output is tamper-evident (hash chain, HMAC, signed
//     checkpoints), with a durable file sink and a verifier; the command
//     cmd/slogaudit verifies files and generates keys.
//   - github.com/slogguard/slogguard/otel (a module of its own, so that
//     users who do not ship to OpenTelemetry never download its SDK):
//     redacts once, then fans records out to slogcore and to an
//     OpenTelemetry Collector, counting every record on both sides.
//
// A program that imports only slogcore links no audit code; redact links
// neither slogcore nor audit code.
//
// Existing slog code uses these handlers as a drop-in: pass one to slog.New.
// See the README for the quickstart and the measured performance.
package slogguard

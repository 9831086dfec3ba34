// Package bench compares slogguard's handlers with log/slog's
// JSONHandler, zap and zerolog in one `go test -bench` run. It is a separate
// module so that users of slogguard never download zap or zerolog.
//
// See README.md for how to run it and the measured numbers.
package bench

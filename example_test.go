package slogguard_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	slogmulti "github.com/samber/slog-multi"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

var key = []byte("use 32 random bytes from slogaudit keygen")

// noTime drops the time so that the examples' output is reproducible.
func noTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 {
		return slog.Attr{}
	}
	return a
}

// The composition from the design: fast, redacted JSON to stdout and a
// tamper-evident copy of every record, fanned out with slog-multi.
func Example_quickstart() {
	var auditLog bytes.Buffer
	core := slogcore.New(os.Stdout, &slogcore.Options{ReplaceAttr: noTime})
	audit := slogaudit.Wrap(slog.NewJSONHandler(&auditLog, nil), slogaudit.WithKey("k1", key))
	logger := slog.New(slogmulti.Fanout(core, audit))

	logger.Info("user signed in", "user", "u-7", "password", "hunter2")

	ctx := context.Background()
	_ = core.Close(ctx)
	_ = audit.Close(ctx)
	rep, err := slogaudit.Verify(ctx, &auditLog, slogaudit.VerifyOptions{Key: key})
	fmt.Println("audit records:", rep.Records, "intact:", rep.Intact(), err)
	// Output:
	// {"level":"INFO","msg":"user signed in","user":"u-7","password":"[REDACTED]"}
	// audit records: 3 intact: true <nil>
}

// Route only audit events (records with an "action") to the audit handler.
func Example_router() {
	var all, auditLog bytes.Buffer
	core := slogcore.New(&all, nil)
	audit := slogaudit.Wrap(slog.NewJSONHandler(&auditLog, nil))
	logger := slog.New(slogmulti.Router().
		Add(core).
		Add(audit, slogaudit.IsAuditEvent).
		Handler())

	logger.Info("cache warmed", "entries", 512)
	slogaudit.NewTrail(logger).ConfigChange(context.Background(), "admin", "tls.min_version", slogaudit.Success)

	_ = core.Close(context.Background())
	_ = audit.Close(context.Background())
	fmt.Println("all:", strings.Count(all.String(), "\n"), "audit (with start and stop):", strings.Count(auditLog.String(), "\n"))
	// Output:
	// all: 2 audit (with start and stop): 3
}

// Redact is middleware: put it in a slogmulti.Pipe in front of any handler.
func Example_redactPipe() {
	r := redact.Must(redact.Credentials, redact.PCIDSS)
	text := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime})
	logger := slog.New(slogmulti.
		Pipe(func(next slog.Handler) slog.Handler { return redact.NewHandler(next, r) }).
		Handler(text))
	logger.With("client_secret", "abc").Info("charge", "card", "4111 1111 1111 1111", "db", "postgres://app:pw@db/x")
	// Output:
	// level=INFO msg=charge client_secret=[REDACTED] card=[REDACTED] db=postgres://[REDACTED]@db/x
}

// FromEnv builds the logger from SLOGGUARD_* variables.
func Example_fromEnv() {
	dir, _ := os.MkdirTemp("", "fromenv")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "app.log")
	os.Setenv("SLOGGUARD_SINKS", "file")
	os.Setenv("SLOGGUARD_FILE_PATH", path)
	os.Setenv("SLOGGUARD_LEVEL", "warn")
	defer func() {
		for _, k := range []string{"SLOGGUARD_SINKS", "SLOGGUARD_FILE_PATH", "SLOGGUARD_LEVEL"} {
			os.Unsetenv(k)
		}
	}()

	logger, closeLogs, err := slogcore.FromEnv()
	if err != nil {
		fmt.Println(err)
		return
	}
	logger.Info("not written: below warn")
	logger.Warn("disk almost full", "free_mb", 120)
	_ = closeLogs(context.Background())

	data, _ := os.ReadFile(path)
	var rec map[string]any
	_ = json.Unmarshal(data, &rec)
	fmt.Println(rec["level"], rec["msg"], rec["free_mb"])
	// Output:
	// WARN disk almost full 120
}

// Verify a file, and read what the verifier found.
func Example_verify() {
	dir, _ := os.MkdirTemp("", "verify")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "audit.log")
	f, _ := slogaudit.OpenFile(path)
	h, _ := f.Handler(slogaudit.WithKey("k1", key), slogaudit.WithChainID("payments"))
	for i := range 3 {
		slog.New(h).Info("payment", "i", i)
	}
	_ = h.Close(context.Background())
	_ = f.Close()

	data, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(data), "\n")
	_ = os.WriteFile(path, []byte(lines[0]+lines[1]+lines[3]+lines[4]), 0o600) // remove record 3

	rep, err := slogaudit.VerifyFiles(context.Background(), []string{path}, slogaudit.VerifyOptions{Key: key})
	for _, f := range rep.Findings {
		fmt.Printf("line %d: %s (seq %d)\n", f.Line, f.Kind, f.Seq)
	}
	fmt.Println(err != nil)
	// Output:
	// line 3: missing (seq 3)
	// true
}

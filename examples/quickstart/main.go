// Command quickstart shows slogguard end to end. It runs a small simulated
// service for a few seconds: several goroutines handle requests, some of
// which carry secrets, and a few produce audit events. Everything is logged
// through slogcore to stdout (redacted, asynchronous); audit events also go
// through slogaudit to a hash-chained, MACed file with signed checkpoints.
// Then it closes cleanly, verifies the audit file, alters a copy (one field
// of one record, and the last record removed), and shows what the verifier
// finds. Without -dir, the files (keys included) go to a temporary directory
// that is removed at the end; with -dir they are kept, to verify them with
// the slogaudit command.
//
//	go run ./examples/quickstart [-dir DIR] [-d 3s]
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	slogmulti "github.com/samber/slog-multi"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

func main() {
	dir := flag.String("dir", "", "directory for the audit files, kept afterwards (default: a temporary directory, removed at the end)")
	d := flag.Duration("d", 3*time.Second, "how long the simulated service runs")
	flag.Parse()
	if err := run(os.Stdout, *dir, *d); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart: error:", err)
		os.Exit(1)
	}
}

// run writes everything to out. It keeps dir when one is given; otherwise it
// works in a new temporary directory and removes it before returning.
func run(out io.Writer, dir string, d time.Duration) (err error) {
	keep := dir != ""
	if keep {
		// The directory will hold keys: created if missing, for its owner only.
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("quickstart: -dir: %w", err)
		}
	} else {
		if dir, err = os.MkdirTemp("", "slogguard-quickstart"); err != nil {
			return err
		}
		defer func() {
			if rmErr := os.RemoveAll(dir); rmErr != nil {
				err = errors.Join(err, rmErr)
				return
			}
			fmt.Fprintf(out, "== removed %s (it held the keys); run with -dir DIR to keep the files\n", dir)
		}()
	}
	fmt.Fprintf(out, "== slogguard quickstart: a simulated service logs for %v: every record as redacted JSON\n"+
		"   on stdout (slogcore), audit events also to a hash-chained, MACed file in %s (slogaudit);\n"+
		"   then the file is verified, a copy is altered, and the copy is verified\n\n", d, dir)

	// Keys: in production, `slogaudit keygen` writes them to files.
	hmacKey := make([]byte, 32)
	if _, err := rand.Read(hmacKey); err != nil {
		return err
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	keyPath, pubPath := filepath.Join(dir, "audit.hmac"), filepath.Join(dir, "audit.ed25519.pub")
	if err := errors.Join(os.WriteFile(keyPath, []byte(hex.EncodeToString(hmacKey)), 0o600),
		os.WriteFile(pubPath, []byte(hex.EncodeToString(pub)), 0o600)); err != nil {
		return err
	}

	// slogcore: asynchronous JSON to out, with the Credentials redaction.
	core := slogcore.New(out, nil)

	// slogaudit: a durable, chained file, and checkpoints kept apart.
	auditPath := filepath.Join(dir, "audit.log")
	cpPath := filepath.Join(dir, "audit.checkpoints")
	cpFile, err := slogaudit.OpenCheckpointFile(cpPath)
	if err != nil {
		return err
	}
	defer cpFile.Close()
	file, err := slogaudit.OpenFile(auditPath)
	if err != nil {
		return err
	}
	audit, err := file.Handler(slogaudit.WithKey("k1", hmacKey), slogaudit.WithSigner(priv),
		slogaudit.WithCheckpoints(cpFile, 50, time.Second), slogaudit.WithPolicy(slogaudit.Basic))
	if err != nil {
		return errors.Join(err, file.Close())
	}

	// Everything goes to out; audit events also go to the audit file.
	logger := slog.New(slogmulti.Router().
		Add(core).
		Add(audit, slogaudit.IsAuditEvent).
		Handler())
	trail := slogaudit.NewTrail(logger)

	simulate(logger, trail, d)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := errors.Join(core.Close(ctx), audit.Close(ctx), file.Close(), cpFile.Close()); err != nil {
		return err
	}
	s := core.Stats()
	fmt.Fprintf(out, "\n== slogcore: %d records logged, %d written, %d dropped, %d failed; %d values redacted%s\n",
		s.Submitted, s.Written, s.Dropped, s.Failed, s.Redacted, byRule(s.RedactedBy))

	// Verify the audit file with the key, the public key and the checkpoints.
	verify := func(path string) (slogaudit.Report, error) {
		cps, err := os.Open(cpPath)
		if err != nil {
			return slogaudit.Report{}, err
		}
		defer cps.Close()
		return slogaudit.VerifyFiles(context.Background(), []string{path},
			slogaudit.VerifyOptions{Key: hmacKey, PublicKey: pub, Checkpoints: cps})
	}
	rep, err := verify(auditPath)
	if err != nil {
		return fmt.Errorf("the untouched audit file does not verify: %w", err)
	}
	fmt.Fprintf(out, "== audit file %s: %d records, %d checkpoint signatures valid: intact\n",
		auditPath, rep.Records, rep.Checks.Signatures.Checked)

	// Alter a copy: change one field of one record and drop the last record.
	data, err := os.ReadFile(auditPath)
	if err != nil {
		return err
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	line, field, was, now, err := alter(lines)
	if err != nil {
		return err
	}
	last := len(lines)
	tampered := filepath.Join(dir, "audit.tampered.log")
	if err := os.WriteFile(tampered, []byte(strings.Join(lines[:last-1], "")), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(out, "== altered copy %s:\n   line %d: %q changed from %q to %q\n   line %d (the last, %s) removed\n",
		tampered, line, field, was, now, last, message(lines[last-1]))
	rep, err = verify(tampered)
	var te *slogaudit.TamperedError
	if !errors.As(err, &te) {
		return fmt.Errorf("the altered copy was not reported as tampered: %v", err)
	}
	fmt.Fprintf(out, "== the verifier on the altered copy: TAMPERED, %d findings:\n", len(rep.Findings))
	for _, f := range rep.Findings {
		fmt.Fprintln(out, "  ", f)
	}
	if keep {
		fmt.Fprintf(out, "== the files are in %s; verify them yourself:\n   go run ./cmd/slogaudit verify -key %s -pub %s -checkpoints %s %s\n",
			dir, keyPath, pubPath, cpPath, auditPath)
	}
	return nil
}

// alter changes the outcome of the first record that has one (a line after
// audit.start) and reports which line (from 1), field and values.
func alter(lines []string) (line int, field, was, now string, err error) {
	const key = `"outcome":"`
	for i, l := range lines[1:] {
		start := strings.Index(l, key)
		if start < 0 {
			continue
		}
		start += len(key)
		end := strings.IndexByte(l[start:], '"')
		if end < 0 {
			continue
		}
		was = l[start : start+end]
		now = "success"
		if was == now {
			now = "failure"
		}
		lines[i+1] = l[:start] + now + l[start+end:]
		return i + 2, "outcome", was, now, nil
	}
	return 0, "", "", "", errors.New("no record with an outcome to alter: run the service longer (-d)")
}

// message returns the msg of a JSON line, or a note that it has none.
func message(line string) string {
	var r struct {
		Msg string `json:"msg"`
	}
	if json.Unmarshal([]byte(line), &r) != nil || r.Msg == "" {
		return "a line without a message"
	}
	return r.Msg
}

// byRule formats redaction counts as " (credentials: 32, url-userinfo: 4)".
func byRule(counts map[string]uint64) string {
	if len(counts) == 0 {
		return ""
	}
	var parts []string
	for _, rule := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%s: %d", rule, counts[rule]))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// simulate runs four request-handling goroutines for d.
func simulate(logger *slog.Logger, trail *slogaudit.Trail, d time.Duration) {
	ctx := context.Background()
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for worker := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := logger.With("worker", worker, "api_key", "sk_live_51Habc") // redacted, With attrs too
			for i := 0; time.Now().Before(deadline); i++ {
				user := fmt.Sprintf("u-%d", (worker*7+i)%5)
				req := l.With("request_id", fmt.Sprintf("r-%d-%d", worker, i))
				switch i % 10 {
				case 1:
					trail.DataAccess(ctx, user, fmt.Sprintf("order/%d", 1000+i), slogaudit.Success,
						slogaudit.Origin("203.0.113.7", "curl/8.5"))
				case 2:
					trail.AuthorizationFailure(ctx, user, "admin/users", slogaudit.Reason("missing role"))
				case 3:
					req.Error("query failed", "err", errors.New("dial postgres://app:s3cret@db:5432/orders: timeout"))
				default:
					req.Info("request handled", "method", "GET", "path", "/orders", "status", 200,
						"headers", map[string]any{"Authorization": "Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl"})
				}
				time.Sleep(100 * time.Millisecond)
			}
		}()
	}
	wg.Wait()
}

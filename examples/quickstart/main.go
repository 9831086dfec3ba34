// Command quickstart shows slogguard end to end. It runs a small simulated
// service for a few seconds: several goroutines handle requests, some of
// which carry secrets, and a few produce audit events. Everything is logged
// through slogcore to stdout (redacted, asynchronous); audit events also go
// through slogaudit to a hash-chained, MACed file with signed checkpoints.
// Then it closes cleanly, verifies the audit file, tampers with a copy and
// shows what the verifier finds.
//
//	go run ./examples/quickstart [-dir DIR] [-d 3s]
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	slogmulti "github.com/samber/slog-multi"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

func main() {
	dir := flag.String("dir", "", "directory for the audit files (default: a new temporary directory)")
	d := flag.Duration("d", 3*time.Second, "how long the simulated service runs")
	flag.Parse()
	if err := run(*dir, *d); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart: error:", err)
		os.Exit(1)
	}
}

func run(dir string, d time.Duration) error {
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "slogguard-quickstart"); err != nil {
			return err
		}
	}
	// Keys: in production, `slogaudit keygen` writes them to files.
	hmacKey := make([]byte, 32)
	_, _ = rand.Read(hmacKey)
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	keyPath, pubPath := filepath.Join(dir, "audit.hmac"), filepath.Join(dir, "audit.ed25519.pub")
	if err := errors.Join(os.WriteFile(keyPath, []byte(hex.EncodeToString(hmacKey)), 0o600),
		os.WriteFile(pubPath, []byte(hex.EncodeToString(pub)), 0o600)); err != nil {
		return err
	}

	// slogcore: asynchronous JSON to stdout, with the Credentials redaction.
	core := slogcore.New(os.Stdout, nil)

	// slogaudit: a durable, chained file, and checkpoints kept apart.
	auditPath := filepath.Join(dir, "audit.log")
	cpFile, err := os.Create(filepath.Join(dir, "audit.checkpoints"))
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
		return err
	}

	// Everything goes to stdout; audit events also go to the audit file.
	logger := slog.New(slogmulti.Router().
		Add(core).
		Add(audit, slogaudit.IsAuditEvent).
		Handler())
	trail := slogaudit.NewTrail(logger)

	simulate(logger, trail, d)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := errors.Join(core.Close(ctx), audit.Close(ctx), file.Close()); err != nil {
		return err
	}
	s := core.Stats()
	fmt.Printf("\n== slogcore: submitted %d, written %d, dropped %d, failed %d, redacted %d %v\n",
		s.Submitted, s.Written, s.Dropped, s.Failed, s.Redacted, s.RedactedBy)

	// Verify the audit file with the key, the public key and the checkpoints.
	verify := func(path string) (slogaudit.Report, error) {
		cps, err := os.Open(cpFile.Name())
		if err != nil {
			return slogaudit.Report{}, err
		}
		defer cps.Close()
		return slogaudit.VerifyFiles(context.Background(), []string{path},
			slogaudit.VerifyOptions{Key: hmacKey, PublicKey: pub, Checkpoints: cps})
	}
	rep, err := verify(auditPath)
	fmt.Printf("== slogaudit: %s: %d records, %d checkpoints verified, intact: %v (error: %v)\n",
		auditPath, rep.Records, rep.Checkpoints, rep.Intact(), err)

	// Tamper with a copy: change a value in one record and drop the last one.
	data, err := os.ReadFile(auditPath)
	if err != nil {
		return err
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	lines[2] = strings.Replace(lines[2], `"outcome":"success"`, `"outcome":"failure"`, 1)
	lines[2] = strings.Replace(lines[2], `"outcome":"denied"`, `"outcome":"success"`, 1)
	tampered := filepath.Join(dir, "audit.tampered.log")
	if err := os.WriteFile(tampered, []byte(strings.Join(lines[:len(lines)-1], "")), 0o600); err != nil {
		return err
	}
	rep, err = verify(tampered)
	fmt.Printf("== slogaudit: %s: intact: %v\n", tampered, rep.Intact())
	for _, f := range rep.Findings {
		fmt.Println("   ", f)
	}
	fmt.Println("   ", err)
	fmt.Printf("== files are in %s; verify them yourself:\n   go run ./cmd/slogaudit verify -key %s -pub %s -checkpoints %s %s\n",
		dir, keyPath, pubPath, cpFile.Name(), auditPath)
	return nil
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
				case 3:
					req.Error("query failed", "err", errors.New("dial postgres://app:s3cret@db:5432/orders: timeout"))
				case 5:
					trail.DataAccess(ctx, user, fmt.Sprintf("order/%d", 1000+i), slogaudit.Success,
						slogaudit.Origin("203.0.113.7", "curl/8.5"))
				case 8:
					trail.AuthorizationFailure(ctx, user, "admin/users", slogaudit.Reason("missing role"))
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

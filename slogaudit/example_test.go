package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/slogguard/slogguard/slogaudit"
)

// Wrap any JSON handler; every record gets an "audit" member that chains it
// to the one before. Verify names what was changed.
func ExampleWrap() {
	key := []byte("use 32 random bytes from slogaudit keygen")
	var log bytes.Buffer
	h := slogaudit.Wrap(slog.NewJSONHandler(&log, nil), slogaudit.WithKey("k1", key), slogaudit.WithChainID("orders"))
	logger := slog.New(h)
	logger.Info("order placed", "order", 1042, "user", "u-7")
	logger.Info("order paid", "order", 1042, "amount", 99.5)
	_ = h.Close(context.Background())

	rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(log.Bytes()), slogaudit.VerifyOptions{Key: key})
	fmt.Println("records:", rep.Records, "intact:", rep.Intact(), "error:", err)

	tampered := strings.Replace(log.String(), `"amount":99.5`, `"amount":9.5`, 1)
	rep, _ = slogaudit.Verify(context.Background(), strings.NewReader(tampered), slogaudit.VerifyOptions{Key: key})
	for _, f := range rep.Findings {
		fmt.Println(f.Line, f.Kind, f.Seq)
	}
	// Output:
	// records: 4 intact: true error: <nil>
	// 3 modified 3
}

// OpenFile is the durable sink: a restarted process continues the chain,
// and signed checkpoints kept apart from the log catch truncation.
func ExampleOpenFile() {
	dir, _ := os.MkdirTemp("", "audit")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "audit.log")
	key := []byte("use 32 random bytes from slogaudit keygen")
	pub, priv, _ := ed25519.GenerateKey(nil)
	var checkpoints bytes.Buffer // in production: a file on another host

	for run := range 2 { // two runs of the same program
		f, err := slogaudit.OpenFile(path)
		if err != nil {
			panic(err)
		}
		h, err := f.Handler(slogaudit.WithKey("k1", key), slogaudit.WithChainID("svc"),
			slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(&checkpoints, 1000, 0))
		if err != nil {
			panic(err)
		}
		slog.New(h).Info("job done", "run", run)
		_ = h.Close(context.Background()) // audit.stop and a signed checkpoint
		_ = f.Close()
	}

	files, _ := slogaudit.RotatedFiles(path)
	rep, err := slogaudit.VerifyFiles(context.Background(), files, slogaudit.VerifyOptions{
		Key: key, PublicKey: pub, Checkpoints: &checkpoints})
	fmt.Println("records:", rep.Records, "checkpoints:", rep.Checks.Signatures.Checked, "error:", err)
	for _, f := range rep.Findings {
		fmt.Println(f.Kind, f.Seq)
	}
	// Output:
	// records: 8 checkpoints: 4 error: <nil>
	// restart 5
}

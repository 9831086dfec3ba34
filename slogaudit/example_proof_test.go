package slogaudit_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/slogguard/slogguard/slogaudit"
)

// ExampleProveInclusion logs with Merkle checkpoints, proves that one
// record is in the newest checkpoint's tree, and checks the proof with
// nothing but the public key.
func ExampleProveInclusion() {
	dir, _ := os.MkdirTemp("", "audit")
	defer os.RemoveAll(dir)
	pub, priv, _ := ed25519.GenerateKey(nil)

	cps, _ := slogaudit.OpenCheckpointFile(filepath.Join(dir, "audit.checkpoints"))
	f, _ := slogaudit.OpenFile(filepath.Join(dir, "audit.log"))
	h, _ := f.Handler(slogaudit.WithChainID("payments"), slogaudit.WithLogName("audit.example.com/shop"),
		slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cps, 100, 0))
	for i := range 10 {
		slog.New(h).Info("payment", "order", i)
	}
	_ = h.Close(context.Background())
	_ = f.Close()
	_ = cps.Close()

	r, _ := os.Open(filepath.Join(dir, "audit.checkpoints"))
	checkpoint, _ := slogaudit.FindCheckpoint(r, "payments", 0) // the newest
	r.Close()
	proof, err := slogaudit.ProveInclusion(context.Background(), []string{filepath.Join(dir, "audit.log")}, "payments", 4, checkpoint)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := slogaudit.CheckProof(proof, slogaudit.CheckOptions{PublicKey: pub})
	fmt.Printf("record %d of %s is in its tree of %d records (%d hashes): %v\n", res.Seq, res.Origin, res.Size, len(proof.Hashes), err)
	// Output: record 4 of audit.example.com/shop/payments is in its tree of 13 records (4 hashes): <nil>
}

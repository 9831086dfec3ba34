package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Guards the restart's Merkle tree against a long line: a record just
// under the default size limit is accepted, and its line (with the audit
// member) is longer than 1 MiB. The files were read with a 1 MiB line
// limit when the tree was rebuilt, so the restarted handler reported
// "token too long" and refused every checkpoint. It must rebuild the tree
// and sign, and the log must verify with its checkpoints.
func TestRebuildTreeReadsLongLines(t *testing.T) {
	dir := t.TempDir()
	path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
	pub, priv, _ := ed25519.GenerateKey(nil)
	for run := range 2 {
		af, err := OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cf, err := OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		var errs []error
		h, err := af.Handler(WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(cf, 3, 0), WithChainID("c"),
			OnError(func(e error) { errs = append(errs, e) }))
		if err != nil {
			t.Fatal(err)
		}
		l := slog.New(h)
		if err := h.Handle(context.Background(), recordWith("big", slog.String("blob", strings.Repeat("y", DefaultMaxRecordSize-90)))); err != nil {
			t.Fatal(err)
		}
		for range 4 {
			l.Info("small")
		}
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		af.Close()
		cf.Close()
		if s := h.Stats(); s.CheckpointsRefused > 0 || len(errs) > 0 {
			t.Fatalf("run %d: %d checkpoints refused: %v", run, s.CheckpointsRefused, errs)
		}
	}
	data, _ := os.ReadFile(path)
	if longest := maxLineLen(data); longest <= 1<<20 {
		t.Fatalf("test bug: the longest line has %d bytes", longest)
	}
	cps, _ := os.ReadFile(cpPath)
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey, PublicKey: pub, Checkpoints: bytes.NewReader(cps), RequireCheckpoints: true})
	if err != nil {
		t.Fatalf("%v %v", err, rep.Findings)
	}
}

func maxLineLen(b []byte) int {
	n := 0
	for _, l := range bytes.Split(b, []byte("\n")) {
		n = max(n, len(l))
	}
	return n
}

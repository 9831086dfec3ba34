package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// The wrapper's own records (audit.start, audit.stop, audit.checkpoint)
// pass through a wrapped slogcore handler's redaction like any other: the
// wrapper hashes them as that handler writes them. A checkpoint whose
// signed note the redaction would mask (a signature that looks like a
// secret) is not written in-band, where it would no longer verify; it
// still goes to the checkpoint file. Before, the untouched log verified
// as modified: the Credentials preset masked part of a checkpoint's
// signature about once in a few hundred checkpoints, and a rule that
// matched a field of audit.start did so every time.
func TestOwnRecordsThroughSlogcoreRedaction(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := slogaudit.OpenCheckpointFile(filepath.Join(dir, "audit.checkpoints"))
	if err != nil {
		t.Fatal(err)
	}
	pub, priv, _ := ed25519.GenerateKey(nil)
	// "chain" masks the chain id that audit.start and audit.stop carry
	// at the top level; "checkpoint.note" masks every in-band note.
	r := redact.Must(redact.Credentials, redact.Rule{Name: "own", Paths: []string{"chain", "checkpoint.note"}})
	core := slogcore.New(af, &slogcore.Options{Redact: r})
	var errs []error
	h, err := slogaudit.New(core, slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"),
		slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cf, 3, 0),
		slogaudit.OnError(func(err error) { errs = append(errs, err) }))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		slog.New(h).Info("e", "i", i)
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	core.Close(context.Background())
	af.Close()
	cf.Close()
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"chain":"[REDACTED]"`) {
		t.Fatalf("the rule did not apply to audit.start: %s", data)
	}
	if strings.Contains(string(data), slogaudit.MsgCheckpoint) {
		t.Errorf("an in-band checkpoint with a masked note was written")
	}
	cps, _ := os.ReadFile(filepath.Join(dir, "audit.checkpoints"))
	rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(data), slogaudit.VerifyOptions{
		Keys: map[string][]byte{"k1": rtKey}, PublicKey: pub, Checkpoints: bytes.NewReader(cps)})
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log: %v %v", err, rep.Findings)
	}
	if rep.Chains["c"].Covered == 0 {
		t.Errorf("no checkpoint of the checkpoint file covers the chain: %+v", rep.Chains["c"])
	}
	if len(errs) == 0 {
		t.Errorf("the checkpoints kept out of the log were not reported")
	}
}

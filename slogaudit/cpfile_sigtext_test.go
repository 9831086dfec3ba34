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

	"github.com/slogguard/slogguard/slogaudit"
)

// A checkpoint line of the checkpoint file whose signature's last base64
// character differs only in its unused bits still decodes to the signed
// bytes: it is not the line written, and the verifier reports it
// bad-checkpoint at its line, as any other edit of the line.
func TestCheckpointSignaturePaddingBits(t *testing.T) {
	dir := t.TempDir()
	logPath, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.cp")
	af, err := slogaudit.OpenFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cpf, err := slogaudit.OpenCheckpointFile(cpPath)
	if err != nil {
		t.Fatal(err)
	}
	signer := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x61}, 32))
	h, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("vault"),
		slogaudit.WithSigner(signer), slogaudit.WithCheckpoints(cpf, 3, 0))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		slog.New(h).Info("safe opened", "door", i%3, "by", "night-shift")
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	af.Close()
	cpf.Close()
	logData, _ := os.ReadFile(logPath)
	cps, _ := os.ReadFile(cpPath)
	verify := func(cps []byte) (slogaudit.Report, error) {
		return slogaudit.Verify(context.Background(), bytes.NewReader(logData), slogaudit.VerifyOptions{
			Keys: map[string][]byte{"k1": rtKey}, PublicKey: signer.Public().(ed25519.PublicKey),
			Checkpoints: bytes.NewReader(cps), RequireCheckpoints: true,
		})
	}
	if rep, err := verify(cps); err != nil || !rep.Intact() {
		t.Fatalf("untouched: %v %v", err, rep.Findings)
	}
	lines := strings.SplitAfter(string(cps), "\n")
	if len(lines) < 3 {
		t.Fatalf("test bug: %d checkpoint lines", len(lines))
	}
	for i, line := range lines[:len(lines)-1] {
		// The signature ends "X=\n" in the note's JSON string ("=\\n"): X
		// holds two unused bits.
		at := strings.LastIndex(line, `=\n`) - 1
		for _, add := range []byte{1, 2, 3} {
			edited := []byte(strings.Join(lines, ""))
			off := len(strings.Join(lines[:i], "")) + at
			edited[off] += add
			rep, err := verify(edited)
			if err == nil || rep.Intact() {
				t.Fatalf("checkpoint line %d with %q for %q verifies as intact", i+1, edited[off], line[at])
			}
			var at1 []slogaudit.Finding
			for _, f := range rep.Findings {
				if f.Line == int64(i+1) && f.Kind == slogaudit.BadCheckpoint {
					at1 = append(at1, f)
				}
			}
			if len(at1) != 1 {
				t.Fatalf("checkpoint line %d: got %v, want one bad-checkpoint finding at it", i+1, rep.Findings)
			}
		}
	}
}

package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/stretchr/testify/require"
)

// TestProveAndCheckProof: prove a record and the consistency of two
// checkpoints with the CLI, check both offline, and see tampered proofs
// fail.
func TestProveAndCheckProof(t *testing.T) {
	dir, logPath, cpPath := writeProveLog(t, func(l *slog.Logger) {
		for i := range 1000 {
			l.Info("event", "i", i, "note", fmt.Sprintf("private-%04d", i))
		}
	})
	pub := filepath.Join(dir, "audit.ed25519.pub")

	// The record at line 500 of the log.
	proofPath := filepath.Join(dir, "record.proof")
	code, _, errOut := runCLI(nil, "prove", "-checkpoints", cpPath, "-at", logPath+":500", "-o", proofPath, logPath)
	require.Equal(t, exitIntact, code, errOut)
	var p slogaudit.Proof
	require.NoError(t, json.Unmarshal(must(os.ReadFile(proofPath)), &p))
	require.LessOrEqual(t, len(p.Hashes), 11) // log2(1000+) rounded up
	want := strings.Split(string(must(os.ReadFile(logPath))), "\n")[499]
	require.Equal(t, want, p.Record)
	// Nothing of any other record is in the proof.
	proofText := string(must(os.ReadFile(proofPath)))
	require.Equal(t, 1, strings.Count(proofText, "private-"), "only the proved record's content")

	code, out, errOut := runCLI(nil, "check-proof", "-pub", pub, proofPath)
	require.Equal(t, exitIntact, code, out+errOut)
	require.Contains(t, out, msgProofHolds)

	tamper := func(edit func(p *slogaudit.Proof)) int {
		q := p
		q.Hashes = append([]string(nil), p.Hashes...)
		edit(&q)
		path := filepath.Join(dir, "tampered.proof")
		require.NoError(t, os.WriteFile(path, must(json.Marshal(q)), 0o644))
		code, out, _ := runCLI(nil, "check-proof", "-pub", pub, path)
		if code == exitTampered {
			require.Contains(t, out, msgProofFails)
		}
		return code
	}
	require.Equal(t, exitTampered, tamper(func(q *slogaudit.Proof) { q.Record = strings.Replace(q.Record, "private-", "public-", 1) }))
	require.Equal(t, exitTampered, tamper(func(q *slogaudit.Proof) { q.Hashes[0], q.Hashes[1] = q.Hashes[1], q.Hashes[0] }))
	require.Equal(t, exitTampered, tamper(func(q *slogaudit.Proof) { q.Hashes = q.Hashes[1:] }))
	require.Equal(t, exitTampered, tamper(func(q *slogaudit.Proof) {
		q.Record = strings.Split(string(must(os.ReadFile(logPath))), "\n")[500] // another record
	}))
	require.Equal(t, exitTampered, tamper(func(q *slogaudit.Proof) { q.Checkpoint = strings.Replace(q.Checkpoint, "\n1", "\n2", 1) }))
	require.Equal(t, exitUsage, tamper(func(q *slogaudit.Proof) { q.Hashes[0] = "not base64" }))

	// By chain and seq, against an older checkpoint, and the consistency
	// of that checkpoint with the newest.
	code, out, errOut = runCLI(nil, "prove", "-checkpoints", cpPath, "-chain", "app", "-seq", "7", "-size", "101", logPath)
	require.Equal(t, exitIntact, code, errOut)
	require.NoError(t, os.WriteFile(proofPath, []byte(out), 0o644))
	code, out, _ = runCLI(nil, "check-proof", "-pub", pub, "-json", proofPath)
	require.Equal(t, exitIntact, code, out)
	require.Contains(t, out, `"size": 101`)

	code, out, errOut = runCLI(nil, "prove", "-consistency", "-checkpoints", cpPath, "-chain", "app", "-old", "101", logPath)
	require.Equal(t, exitIntact, code, errOut)
	require.NoError(t, os.WriteFile(proofPath, []byte(out), 0o644))
	code, out, _ = runCLI(nil, "check-proof", "-pub", pub, proofPath)
	require.Equal(t, exitIntact, code, out)
	require.Contains(t, out, "extends the one of size 101")
	require.NoError(t, json.Unmarshal([]byte(must(os.ReadFile(proofPath))), &p))
	p.Hashes[0] = p.Hashes[len(p.Hashes)-1]
	require.NoError(t, os.WriteFile(proofPath, must(json.Marshal(p)), 0o644))
	code, _, _ = runCLI(nil, "check-proof", "-pub", pub, proofPath)
	require.Equal(t, exitTampered, code)

	for _, args := range [][]string{
		{"prove", logPath},
		{"prove", "-checkpoints", cpPath, logPath},
		{"prove", "-checkpoints", cpPath, "-at", logPath + ":0", logPath},
		{"prove", "-checkpoints", cpPath, "-chain", "nope", "-seq", "1", logPath},
		{"prove", "-checkpoints", cpPath, "-chain", "app", "-seq", "5000", logPath},
		{"check-proof", proofPath},
		{"check-proof", "-pub", pub},
		{"check-proof", "-pub", pub, "-witness", "bogus", proofPath},
	} {
		code, _, errOut := runCLI(nil, args...)
		require.Equal(t, exitUsage, code, "%v", args)
		require.Contains(t, errOut, "slogaudit: error: ", "%v", args)
	}
}

// readKey reads a hex key file written by keygen.
func readKey(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	b, err := hex.DecodeString(strings.TrimSpace(string(data)))
	require.NoError(t, err)
	return b
}

// Guards `prove -at FILE:LINE` against a long line before LINE: a record
// just under the default size limit has a line over 1 MiB, which the
// command read with a 1 MiB line limit ("token too long"), so no record
// after it could be named by its line. The big record itself, and the
// one after it, are proved and checked.
func TestProveAtAfterLongLine(t *testing.T) {
	dir, logPath, cpPath := writeProveLog(t, func(l *slog.Logger) {
		l.Info("big", "blob", strings.Repeat("y", slogaudit.DefaultMaxRecordSize-90))
		l.Info("after")
	})
	lines := strings.Split(string(must(os.ReadFile(logPath))), "\n")
	require.Greater(t, len(lines[1]), 1<<20, "test bug: the big record's line")
	for _, at := range []int{2, 3} {
		proofPath := filepath.Join(dir, fmt.Sprintf("%d.proof", at))
		code, _, errOut := runCLI(nil, "prove", "-checkpoints", cpPath, "-at", fmt.Sprintf("%s:%d", logPath, at), "-o", proofPath, logPath)
		require.Equal(t, exitIntact, code, errOut)
		code, out, errOut := runCLI(nil, "check-proof", "-pub", filepath.Join(dir, "audit.ed25519.pub"), proofPath)
		require.Equal(t, exitIntact, code, out+errOut)
	}
}

// writeProveLog makes keys with the CLI in a new directory, logs through
// a File handler of chain "app" with a checkpoint every 100 records into
// audit.checkpoints, closes everything, and returns the directory and the
// paths of the log and of the checkpoint file.
func writeProveLog(t *testing.T, log func(*slog.Logger)) (dir, logPath, cpPath string) {
	t.Helper()
	dir = t.TempDir()
	code, _, _ := runCLI(nil, "keygen", "-dir", dir)
	require.Equal(t, exitIntact, code)
	logPath, cpPath = filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
	cf, err := slogaudit.OpenCheckpointFile(cpPath)
	require.NoError(t, err)
	af, err := slogaudit.OpenFile(logPath)
	require.NoError(t, err)
	h, err := af.Handler(slogaudit.WithKey("k1", readKey(t, filepath.Join(dir, "audit.hmac"))), slogaudit.WithChainID("app"),
		slogaudit.WithSigner(readKey(t, filepath.Join(dir, "audit.ed25519"))), slogaudit.WithCheckpoints(cf, 100, 0))
	require.NoError(t, err)
	log(slog.New(h))
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	require.NoError(t, cf.Close())
	return dir, logPath, cpPath
}

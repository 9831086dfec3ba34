package main

import (
	"context"
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

// TestProofsAcrossRotationAndRestart: a chain that rotates and is
// restarted twice; every record of every file is provable against the
// newest checkpoint, and every older checkpoint is consistent with it,
// both from the CLI and checked offline.
func TestProofsAcrossRotationAndRestart(t *testing.T) { cliProofs(t, false) }

// TestProofsAfterRetention: the same after the three oldest files are
// removed (retention): records in the remaining files are still provable
// (the package doc: proofs start from the first in-band checkpoint).
func TestProofsAfterRetention(t *testing.T) { cliProofs(t, true) }

func cliProofs(t *testing.T, pruneFirst bool) {
	dir := t.TempDir()
	code, _, _ := runCLI(nil, "keygen", "-dir", dir)
	require.Equal(t, exitIntact, code)
	logPath, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
	pub := filepath.Join(dir, "audit.ed25519.pub")
	key := readKey(t, filepath.Join(dir, "audit.hmac"))
	signer := readKey(t, filepath.Join(dir, "audit.ed25519"))
	n := 0
	for run := range 3 {
		cf, err := slogaudit.OpenCheckpointFile(cpPath)
		require.NoError(t, err)
		af, err := slogaudit.OpenFile(logPath, slogaudit.WithRotateSize(4000))
		require.NoError(t, err)
		opts := []slogaudit.Option{slogaudit.WithKey("k1", key), slogaudit.WithSigner(signer), slogaudit.WithCheckpoints(cf, 7, 0)}
		if run == 0 {
			opts = append(opts, slogaudit.WithChainID("app"))
		}
		h, err := af.Handler(opts...)
		require.NoError(t, err)
		for range 40 {
			slog.New(h).Info("event", "i", n)
			n++
		}
		require.NoError(t, h.Close(context.Background()))
		require.NoError(t, af.Close())
		require.NoError(t, cf.Close())
	}
	files, err := slogaudit.RotatedFiles(logPath)
	require.NoError(t, err)
	require.Greater(t, len(files), 3, "rotation happened")
	code, out, errOut := runCLI(nil, append([]string{"verify", "-key", filepath.Join(dir, "audit.hmac"), "-pub", pub, "-checkpoints", cpPath}, files...)...)
	require.Equal(t, exitIntact, code, out+errOut)

	// Sizes of the checkpoints in the file.
	var sizes []uint64
	for _, line := range strings.Split(string(must(os.ReadFile(cpPath))), "\n") {
		var cl struct{ Note string }
		if json.Unmarshal([]byte(line), &cl) != nil {
			continue
		}
		var s uint64
		if parts := strings.Split(cl.Note, "\n"); len(parts) > 1 {
			if _, err := fmt.Sscanf(parts[1], "%d", &s); err == nil && s > 0 {
				sizes = append(sizes, s)
			}
		}
	}
	require.NotEmpty(t, sizes)
	newest := sizes[len(sizes)-1]
	t.Logf("%d files, checkpoint sizes %v", len(files), sizes)

	if pruneFirst {
		for _, f := range files[:3] {
			require.NoError(t, os.Remove(f))
		}
		files = files[3:]
	}
	// Every record of every file: prove with -at and check.
	proof := filepath.Join(dir, "p.json")
	proved, gone := 0, 0
	for _, f := range files {
		lines := strings.Count(string(must(os.ReadFile(f))), "\n")
		for ln := 1; ln <= lines; ln++ {
			code, _, errOut := runCLI(nil, append([]string{"prove", "-checkpoints", cpPath, "-at", fmt.Sprintf("%s:%d", f, ln), "-o", proof}, files...)...)
			if code != exitIntact {
				if pruneFirst && strings.Contains(errOut, "are gone (retention)") {
					gone++ // records before the first in-band checkpoint left: not provable
					continue
				}
				t.Errorf("prove %s:%d: exit %d: %s", filepath.Base(f), ln, code, errOut)
				continue
			}
			proved++
			code, out, errOut := runCLI(nil, "check-proof", "-pub", pub, proof)
			if code != exitIntact {
				t.Errorf("check-proof %s:%d: exit %d: %s%s", filepath.Base(f), ln, code, out, errOut)
			}
		}
	}
	if pruneFirst {
		code, out, errOut := runCLI(nil, append([]string{"verify", "-key", filepath.Join(dir, "audit.hmac"), "-pub", pub, "-checkpoints", cpPath}, files...)...)
		t.Logf("verify after retention: exit %d\n%s%s", code, out, errOut)
	}
	t.Logf("%d records proved, %d not provable after retention", proved, gone)
	require.Less(t, gone, 8)
	// Every older checkpoint is consistent with the newest.
	for _, old := range sizes {
		if old >= newest {
			continue
		}
		code, out, errOut := runCLI(nil, append([]string{"prove", "-consistency", "-checkpoints", cpPath, "-chain", "app", "-old", fmt.Sprint(old), "-o", proof}, files...)...)
		if code != exitIntact && pruneFirst && strings.Contains(errOut, "are gone (retention)") {
			continue
		}
		if code != exitIntact {
			t.Errorf("prove -consistency -old %d: exit %d: %s%s", old, code, out, errOut)
			continue
		}
		var p slogaudit.Proof
		require.NoError(t, json.Unmarshal(must(os.ReadFile(proof)), &p))
		code, out, errOut = runCLI(nil, "check-proof", "-pub", pub, proof)
		if code != exitIntact {
			t.Errorf("check-proof consistency %d: exit %d: %s%s", old, code, out, errOut)
		}
	}
}

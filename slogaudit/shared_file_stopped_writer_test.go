package slogaudit

import (
	"bufio"
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// stoppedWriterEnv names the log a stopped writer child appends to.
const stoppedWriterEnv = "SLOGAUDIT_STOPPED_WRITER"

// TestSharedFileWriterStoppedMidRecord: a process writing a record of
// several MiB to a shared log is stopped (SIGSTOP) once the file starts to
// grow, which another File of the log sees as a line open at the end; that
// File writes records meanwhile, then the stopped one goes on. Neither
// live line is taken for a crash's fragment: the log verifies intact with
// no torn line, and every record of both is in it.
func TestSharedFileWriterStoppedMidRecord(t *testing.T) {
	if path := os.Getenv(stoppedWriterEnv); path != "" {
		af, err := OpenFile(path, WithFileSync(SyncNever()))
		if err != nil {
			os.Exit(3)
		}
		h, err := af.Handler(WithKey("k1", testKey), WithChainID("stopped"), WithMaxRecordSize(16<<20))
		if err != nil {
			os.Exit(4)
		}
		os.Stdout.WriteString("ready\n")
		for i := range 3 {
			slog.New(h).Info("big", "action", "write", "i", i, "pad", strings.Repeat("s", 3<<20))
		}
		if h.Close(context.Background()) != nil || af.Close() != nil {
			os.Exit(5)
		}
		os.Exit(0)
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	require.NoError(t, err)
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("running"))
	require.NoError(t, err)
	slog.New(h).Info("before")

	cmd := exec.Command(os.Args[0], "-test.run=^TestSharedFileWriterStoppedMidRecord$")
	cmd.Env = append(os.Environ(), stoppedWriterEnv+"="+path)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	sc := bufio.NewScanner(out)
	require.True(t, sc.Scan())
	require.Equal(t, "ready", sc.Text())
	fi, err := os.Stat(path)
	require.NoError(t, err)
	// Its audit.start lands first; stop it once a big record is under
	// way (or written: either way the verdict must be the same).
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		if cur, err := os.Stat(path); err == nil && cur.Size() > fi.Size()+4096 {
			break
		}
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGSTOP))
	for i := range 5 {
		slog.New(h).Info("while stopped", "i", i)
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGCONT))
	for i := range 5 {
		slog.New(h).Info("after", "i", i)
	}
	go func() {
		for sc.Scan() {
		}
	}()
	require.NoError(t, cmd.Wait())
	require.NoError(t, h.Close(ctx))
	require.NoError(t, af.Close())

	rep, err := VerifyFiles(ctx, []string{path}, VerifyOptions{Key: testKey})
	require.NoError(t, err, "%v", rep.Findings)
	require.True(t, rep.Intact(), "%v", rep.Findings)
	require.Empty(t, findingsOf(rep, Torn), "%v", rep.Findings)
	require.Equal(t, uint64(5), rep.Chains["stopped"].Last)  // start, 3 records, stop
	require.Equal(t, uint64(13), rep.Chains["running"].Last) // start, 11 records, stop
}

package slogaudit

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func verifyPaths(t *testing.T, paths []string) Report {
	t.Helper()
	rep, err := VerifyFiles(context.Background(), paths, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	require.NoError(t, err, "%v", rep.Findings)
	return rep
}

func writeSome(t *testing.T, af *File, n int, opts ...Option) Head {
	t.Helper()
	h, err := af.Handler(append([]Option{WithKey("k1", testKey)}, opts...)...)
	require.NoError(t, err)
	l := slog.New(h)
	for i := range n {
		l.Info("event", "i", i, "pad", strings.Repeat("x", 100))
	}
	require.NoError(t, h.Close(context.Background()))
	return h.Head()
}

func TestOpenFileRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	require.NoError(t, err)
	head1 := writeSome(t, af, 3, WithChainID("svc"))
	require.NoError(t, af.Close())
	fi, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), fi.Mode().Perm())

	af, err = OpenFile(path)
	require.NoError(t, err)
	require.Equal(t, head1, af.Heads()["svc"])
	_, torn := af.Torn()
	require.False(t, torn)
	head2 := writeSome(t, af, 2) // the chain of the last record: svc
	require.NoError(t, af.Close())
	require.Equal(t, "svc", head2.Chain)
	require.Equal(t, head1.Seq+4, head2.Seq) // start, 2 records, stop

	rep := verifyPaths(t, []string{path})
	require.Equal(t, ChainSummary{First: 1, Last: head2.Seq, Records: int64(head2.Seq)}, positions(rep.Chains["svc"]))
	require.True(t, hasFinding(rep, Restart, 6), "%v", rep.Findings)
}

func TestOpenFileTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	require.NoError(t, err)
	writeSome(t, af, 2, WithChainID("svc"))
	require.NoError(t, af.Close())
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"time":"2026-01-01T00:00:00Z","level":"INFO","msg":"half a rec`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	// Before the restart the torn line is the writer's unfinished last
	// record: intact, with a warning.
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{})
	require.NoError(t, err)
	require.True(t, hasFinding(rep, TornTail, 5), "%v", rep.Findings)

	af, err = OpenFile(path)
	require.NoError(t, err)
	tl, ok := af.Torn()
	require.True(t, ok)
	require.Equal(t, 63, tl.Bytes)
	writeSome(t, af, 1)
	require.NoError(t, af.Close())
	rep = verifyPaths(t, []string{path})
	require.True(t, hasFinding(rep, Torn, 5), "%v", rep.Findings)
	require.True(t, rep.Intact())
}

func TestRotationContinuesChain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithRotateSize(4096), WithFileSync(SyncNever()))
	require.NoError(t, err)
	head := writeSome(t, af, 40, WithChainID("rot"))
	require.NoError(t, af.Close())
	files, err := RotatedFiles(path)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 3, "want rotation across at least three files")
	rep := verifyPaths(t, files)
	require.Equal(t, ChainSummary{First: 1, Last: head.Seq, Records: int64(head.Seq)}, positions(rep.Chains["rot"]))
	// A rotated file alone starts mid-chain: the verifier says so.
	rep, err = VerifyFiles(context.Background(), files[1:2], VerifyOptions{})
	require.Error(t, err)
	require.True(t, hasFinding(rep, Missing, 1), "%v", rep.Findings)
	for _, f := range files {
		fi, err := os.Stat(f)
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	}
}

func TestSyncPolicies(t *testing.T) {
	for name, p := range map[string]SyncPolicy{"each": SyncEachRecord(), "group": SyncGroup(3, 5*time.Millisecond), "never": SyncNever()} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := OpenFile(path, WithFileSync(p))
			require.NoError(t, err)
			writeSome(t, af, 5, WithChainID("s"))
			if name == "group" {
				require.Eventually(t, func() bool { af.mu.Lock(); defer af.mu.Unlock(); return af.unsynced == 0 }, time.Second, time.Millisecond,
					"group commit never synced the tail")
			}
			require.NoError(t, af.Close())
			verifyPaths(t, []string{path})
		})
	}
	_, err := OpenFile(filepath.Join(t.TempDir(), "x"), WithRotateSize(-1))
	require.ErrorContains(t, err, "slogaudit: OpenFile")
	_, err = OpenFile(filepath.Join(t.TempDir(), "missing-dir", "x"))
	require.ErrorContains(t, err, "slogaudit: OpenFile")
}

// TestCrashContinues kills a child process that is writing records with
// SIGKILL, reopens the file, and checks that the chain continues and
// verifies.
func TestCrashContinues(t *testing.T) {
	if path := os.Getenv("SLOGAUDIT_CRASH_CHILD"); path != "" {
		af, err := OpenFile(path, WithFileSync(SyncNever()))
		if err != nil {
			os.Exit(3)
		}
		h, err := af.Handler(WithKey("k1", testKey), WithChainID("crash"))
		if err != nil {
			os.Exit(4)
		}
		l := slog.New(h)
		for i := 0; ; i++ {
			l.Info("working", "i", i, "pad", strings.Repeat("y", 200))
		}
	}
	path := filepath.Join(t.TempDir(), "audit.log")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashContinues$")
	cmd.Env = append(os.Environ(), "SLOGAUDIT_CRASH_CHILD="+path)
	require.NoError(t, cmd.Start())
	require.Eventually(t, func() bool {
		fi, err := os.Stat(path)
		return err == nil && fi.Size() > 200_000
	}, 20*time.Second, 5*time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()

	af, err := OpenFile(path)
	require.NoError(t, err)
	before := af.Heads()["crash"]
	require.NotZero(t, before.Seq)
	after := writeSome(t, af, 3)
	require.NoError(t, af.Close())
	require.Equal(t, before.Seq+5, after.Seq)
	rep := verifyPaths(t, []string{path})
	require.Equal(t, int64(after.Seq), rep.Chains["crash"].Records)
	t.Logf("killed after seq %d; torn line: %v; findings: %v", before.Seq, func() string { tl, ok := af.Torn(); return fmt.Sprint(ok, tl) }(), rep.Findings)
}

// Two handlers of one File never write one chain: the second, when it
// would take the chain by default (the file's last one), starts a chain of
// its own, and one that names the chain is refused until the first is
// closed. Before, both continued the chain from the same head (the File's
// record lock does not tell its own handlers apart), and the untouched
// log verified as inserted; and a handler made after the first was closed
// continued the chain from the head found at open, forking it too.
func TestTwoHandlersOfOneFileDoNotFork(t *testing.T) {
	for _, tc := range []struct {
		name          string
		first, second string // chain ids, "" for the default
		existing      bool   // the file holds chain x already
		// secondRefused: the second names the first's chain; once the
		// first is closed, it continues the chain from the first's head.
		secondRefused bool
	}{
		{name: "default then default", existing: true},
		{name: "named then default", first: "x", existing: true},
		{name: "default then named", second: "x", existing: true, secondRefused: true},
		{name: "named then named", first: "x", second: "x", existing: true, secondRefused: true},
		{name: "new file, default then default"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			if tc.existing {
				af, err := OpenFile(path)
				require.NoError(t, err)
				writeSome(t, af, 1, WithChainID("x"))
				require.NoError(t, af.Close())
			}
			af, err := OpenFile(path)
			require.NoError(t, err)
			defer af.Close()
			opts := func(id string) []Option {
				if id == "" {
					return []Option{WithKey("k1", testKey)}
				}
				return []Option{WithKey("k1", testKey), WithChainID(id)}
			}
			h1, err := af.Handler(opts(tc.first)...)
			require.NoError(t, err)
			slog.New(h1).Info("one")
			h2, err := af.Handler(opts(tc.second)...)
			if tc.secondRefused {
				require.ErrorContains(t, err, "written by another handler of this File")
				for i := range 3 {
					slog.New(h1).Info("a", "i", i)
				}
				require.NoError(t, h1.Close(context.Background()))
				h2, err = af.Handler(opts(tc.second)...)
				require.NoError(t, err, "the chain is free once its handler is closed")
				require.Equal(t, "x", h2.Head().Chain)
				slog.New(h2).Info("b")
				require.NoError(t, h2.Close(context.Background()))
			} else {
				require.NoError(t, err)
				require.NotEqual(t, h1.Head().Chain, h2.Head().Chain)
				for i := range 3 {
					slog.New(h1).Info("a", "i", i)
					slog.New(h2).Info("b", "i", i)
				}
				require.NoError(t, h1.Close(context.Background()))
				require.NoError(t, h2.Close(context.Background()))
			}
			rep := verifyPaths(t, []string{path})
			for _, f := range rep.Findings {
				require.True(t, f.Kind.Info(), "%v", rep.Findings)
			}
		})
	}
}

// A handler whose Close could not write (a full disk) leaves a head that
// may name a record never written; the next handler of the same File finds
// the chain's head in the file, as a restart would, so that the chain has
// no gap that nothing declares.
func TestHandlerAfterFailedCloseOfOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	require.NoError(t, err)
	defer af.Close()
	failing := false
	af.inject = func(f *os.File, p []byte) (int, error) {
		if failing {
			return 0, syscall.ENOSPC
		}
		return f.Write(p)
	}
	h1, err := af.Handler(WithKey("k1", testKey), WithChainID("x"))
	require.NoError(t, err)
	for i := range 3 {
		slog.New(h1).Info("a", "i", i)
	}
	failing = true
	slog.New(h1).Info("lost")
	require.ErrorIs(t, h1.Close(context.Background()), ErrRecordsLost)
	failing = false
	h2, err := af.Handler(WithKey("k1", testKey), WithChainID("x"))
	require.NoError(t, err)
	slog.New(h2).Info("b")
	require.NoError(t, h2.Close(context.Background()))
	rep := verifyPaths(t, []string{path})
	for _, f := range rep.Findings {
		require.True(t, f.Kind.Info(), "%v", rep.Findings)
	}
}

// TestHandlersOfOneFileHammer: goroutines make, use and close handlers of
// one File at once, on a few chains named or taken by default, while
// Prune removes rotated files. No chain is forked: two handlers made at
// once for one chain (before, both passed the check before either was
// recorded), or the retention record written through a handler that had
// closed since Prune chose it (before, it continued the chain from that
// handler's old head while another handler went on with it).
func TestHandlersOfOneFileHammer(t *testing.T) {
	for range 4 {
		path := filepath.Join(t.TempDir(), "audit.log")
		af, err := OpenFile(path, WithRotateSize(4000), WithRetention(time.Hour))
		require.NoError(t, err)
		var wg sync.WaitGroup
		for g := range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for round := range 15 {
					opts := []Option{WithKey("k1", testKey)}
					if round%3 != 0 {
						opts = append(opts, WithChainID(fmt.Sprintf("c%d", (g+round)%4)))
					}
					h, err := af.Handler(opts...)
					if err != nil {
						continue // the chain is written by another handler
					}
					for i := range 10 {
						slog.New(h).Info("e", "g", g, "i", i)
					}
					if g == 0 && round%5 == 4 {
						_, _ = af.Prune(context.Background(), time.Now().Add(2*time.Hour))
					}
					assert.NoError(t, h.Close(context.Background()))
				}
			}()
		}
		wg.Wait()
		require.NoError(t, af.Close())
		paths, err := RotatedFiles(path)
		require.NoError(t, err)
		rep, err := VerifyFiles(context.Background(), paths, VerifyOptions{Key: testKey})
		require.NoError(t, err, "%v", rep.Findings)
	}
}

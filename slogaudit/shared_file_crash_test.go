package slogaudit

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// crashFile ends af as a crash would: its descriptors closed (its chain
// locks released), no audit.stop written.
func crashFile(t *testing.T, af *File) {
	t.Helper()
	require.NoError(t, af.f.Close())
	if af.locks != nil {
		require.NoError(t, af.locks.Close())
	}
}

// TestSharedFileWriterCrashesMidRecord: two Files of one path (two
// processes sharing a log) each write a chain; one crashes in the middle
// of a record. The other, writing on, starts its next record on a new
// line instead of gluing it onto the fragment, and names the fragment in
// an audit.gap (at Close too, before its audit.stop); whether the crashed one restarts or not, the log verifies
// intact with the fragment reported torn, once.
func TestSharedFileWriterCrashesMidRecord(t *testing.T) {
	for _, frag := range []struct{ name, text string }{
		{"a record's first bytes", `{"audit":{"chain":"`},
		{"a record cut in a value", `{"audit":{"chain":"x","hash":"q7`},
		{"one byte", `{`},
	} {
		for _, then := range []string{"the other writes on", "the other writes on, the crashed one restarts", "the other only closes"} {
			t.Run(frag.name+"/"+then, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "audit.log")
				a, err := OpenFile(path)
				require.NoError(t, err)
				ha, err := a.Handler(WithKey("k1", testKey))
				require.NoError(t, err)
				b, err := OpenFile(path)
				require.NoError(t, err)
				hb, err := b.Handler(WithKey("k1", testKey))
				require.NoError(t, err)
				require.NotEqual(t, ha.Head().Chain, hb.Head().Chain)
				for i := range 3 {
					slog.New(ha).Info("gate", "n", i)
					slog.New(hb).Info("till", "n", i)
				}
				f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
				require.NoError(t, err)
				_, err = f.WriteString(frag.text)
				require.NoError(t, err)
				require.NoError(t, f.Close())
				crashFile(t, a)

				if strings.HasPrefix(then, "the other writes on") {
					for i := range 3 {
						require.NoError(t, hb.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, "till", 0)), i)
					}
				}
				if strings.HasSuffix(then, "restarts") {
					a2, err := OpenFile(path)
					require.NoError(t, err)
					ha2, err := a2.Handler(WithKey("k1", testKey))
					require.NoError(t, err)
					slog.New(ha2).Info("gate restarted")
					slog.New(hb).Info("till", "n", 9)
					require.NoError(t, ha2.Close(context.Background()))
					require.NoError(t, a2.Close())
				}
				require.NoError(t, hb.Close(context.Background()))
				require.NoError(t, b.Close())

				rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey})
				require.NoError(t, err, "%v", rep.Findings)
				require.True(t, rep.Intact())
				require.Len(t, findingsOf(rep, Torn), 1, "%v", rep.Findings)
			})
		}
	}
}

// TestSharedFileOtherProcessCrashes: another process writes its chain to
// the log and dies without Close, its last record cut after its first
// bytes (what a crash mid-write leaves); this process, writing its own
// chain to the same path before and after, keeps the log intact, the
// fragment torn and named.
func TestSharedFileOtherProcessCrashes(t *testing.T) {
	if path := os.Getenv("SLOGAUDIT_SHARED_CHILD"); path != "" {
		af, err := OpenFile(path)
		if err != nil {
			os.Exit(3)
		}
		h, err := af.Handler(WithKey("k1", testKey), WithChainID("child"))
		if err != nil {
			os.Exit(4)
		}
		for i := range 4 {
			slog.New(h).Info("child", "i", i)
		}
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			os.Exit(5)
		}
		if _, err := f.WriteString(`{"audit":{"chain":"child","hash":"Zm9v`); err != nil {
			os.Exit(6)
		}
		os.Exit(0) // no Close: its locks go with the process
	}
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	require.NoError(t, err)
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("parent"))
	require.NoError(t, err)
	slog.New(h).Info("parent", "i", 0)

	cmd := exec.Command(os.Args[0], "-test.run=^TestSharedFileOtherProcessCrashes$")
	cmd.Env = append(os.Environ(), "SLOGAUDIT_SHARED_CHILD="+path)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)

	for i := 1; i < 4; i++ {
		slog.New(h).Info("parent", "i", i)
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey})
	require.NoError(t, err, "%v", rep.Findings)
	require.Len(t, findingsOf(rep, Torn), 1, "%v", rep.Findings)
	require.Equal(t, uint64(5), rep.Chains["child"].Last) // its start and 4 records, no stop
}

// TestFragmentOfAWriterThatIsNoFile: a program that is no File (a JSON
// handler over its own descriptor of the path, a script) appends to the
// log a File is writing alone, and stops mid-line. The File's next record
// starts on a new line and the fragment is named, whether the File writes
// on or only closes.
func TestFragmentOfAWriterThatIsNoFile(t *testing.T) {
	for _, then := range []string{"writes on", "only closes"} {
		t.Run(then, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := OpenFile(path, WithFileSync(SyncNever()))
			require.NoError(t, err)
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("ledger"))
			require.NoError(t, err)
			slog.New(h).Info("posted", "entry", 1)
			f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			require.NoError(t, err)
			_, err = f.WriteString(`{"time":"2026-12-03T08:00:00Z","level":"INFO","msg":"export sta`)
			require.NoError(t, err)
			require.NoError(t, f.Close())
			if then == "writes on" {
				for i := 2; i < 5; i++ {
					slog.New(h).Info("posted", "entry", i)
				}
			}
			require.NoError(t, h.Close(context.Background()))
			require.NoError(t, af.Close())
			rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey})
			require.NoError(t, err, "%v", rep.Findings)
			require.True(t, rep.Intact(), "%v", rep.Findings)
			require.Len(t, findingsOf(rep, Torn), 1, "%v", rep.Findings)
		})
	}
}

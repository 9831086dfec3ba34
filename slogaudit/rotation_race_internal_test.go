package slogaudit

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Two Files of one log (two processes) that both rotate it. While the
// first rotated (its name for the old file chosen, the rename not yet
// done), the second rotated too: it renamed the same file to the same
// name, and the first one's rename then replaced that file with the
// second one's new file, and every record in it was lost, undeclared (5
// of 40 runs of three such writers lost records). Rotations of one log
// take turns, and a File whose file another one rotated goes on in the
// log's current file rather than rotate it again.
func TestRotationsOfTwoFilesLoseNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Files keep their rotations apart through Linux record locks only")
	}
	path := filepath.Join(t.TempDir(), "audit.log")
	a, err := OpenFile(path, WithRotateSize(3000))
	require.NoError(t, err)
	ha, err := a.Handler(WithKey("k1", testKey), WithChainID("first"))
	require.NoError(t, err)
	pad := strings.Repeat("r", 400)
	for i := range 4 {
		slog.New(ha).Info("first", "i", i, "pad", pad)
	}
	b, err := OpenFile(path, WithRotateSize(3000))
	require.NoError(t, err)
	hb, err := b.Handler(WithKey("k1", testKey), WithChainID("second"))
	require.NoError(t, err)
	slog.New(hb).Info("second", "i", 0)

	// The first File's next rotation lets the second one write a record
	// that makes it rotate, at the worst moment: before the rename.
	var wg sync.WaitGroup
	a.mu.Lock()
	once := sync.Once{}
	a.injectRotate = func(step string) error {
		if step == "rename" {
			once.Do(func() {
				wg.Add(1)
				go func() {
					defer wg.Done()
					slog.New(hb).Info("second", "i", 1, "pad", strings.Repeat("s", 3000))
				}()
				time.Sleep(100 * time.Millisecond)
			})
		}
		return nil
	}
	a.mu.Unlock()
	for i := 4; i < 12; i++ {
		slog.New(ha).Info("first", "i", i, "pad", pad)
	}
	wg.Wait()
	slog.New(hb).Info("second", "i", 2)
	files, rep := closeAndVerifyRotated(t, path, []*Handler{ha, hb}, []*File{a, b})
	for _, f := range rep.Findings {
		require.True(t, f.Kind.Info(), "%v", f)
	}
	require.Equal(t, 3, countMsg(t, files, "second"))
	require.Equal(t, 12, countMsg(t, files, "first"))
}

// closeAndVerifyRotated closes the handlers, then the Files, and verifies
// the rotated log at path with testKey; any error fails the test. It
// returns the log's files and the report.
func closeAndVerifyRotated(t *testing.T, path string, hs []*Handler, fs []*File) ([]string, Report) {
	t.Helper()
	ctx := context.Background()
	for _, h := range hs {
		require.NoError(t, h.Close(ctx))
	}
	for _, f := range fs {
		require.NoError(t, f.Close())
	}
	files, err := RotatedFiles(path)
	require.NoError(t, err)
	rep, err := VerifyFiles(ctx, files, VerifyOptions{Key: testKey})
	require.NoError(t, err, "%v", rep.Findings)
	return files, rep
}

// countMsg counts the lines of files whose message is msg.
func countMsg(t *testing.T, files []string, msg string) int {
	t.Helper()
	n := 0
	for _, p := range files {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		n += strings.Count(string(b), `"msg":"`+msg+`"`)
	}
	return n
}

// A File opened on the log while another rotated it, between the
// rotation's rename and its creation of the new file, created the current
// file itself (OpenFile creates a missing log) and wrote to it. The
// rotation's create then failed, and it renamed the old file back over
// the path, replacing that file: its records were lost. The rotation is
// done by then; it goes on in the file the other File created.
func TestRotationKeepsFileCreatedMeanwhile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	a, err := OpenFile(path, WithRotateSize(2000))
	require.NoError(t, err)
	ha, err := a.Handler(WithKey("k1", testKey), WithChainID("rotating"))
	require.NoError(t, err)
	var b *File
	var hb *Handler
	a.mu.Lock()
	a.injectRotate = func(step string) error {
		if step == "create" && b == nil {
			var err error
			b, err = OpenFile(path)
			require.NoError(t, err)
			hb, err = b.Handler(WithKey("k1", testKey), WithChainID("meanwhile"))
			require.NoError(t, err)
			for i := range 3 {
				slog.New(hb).Info("meanwhile", "i", i)
			}
		}
		return nil
	}
	a.mu.Unlock()
	for i := range 10 {
		slog.New(ha).Info("rotating", "i", i, "pad", strings.Repeat("x", 300))
	}
	require.NotNil(t, b, "the log rotated")
	slog.New(hb).Info("meanwhile", "i", 3)
	files, _ := closeAndVerifyRotated(t, path, []*Handler{ha, hb}, []*File{a, b})
	require.Equal(t, 4, countMsg(t, files, "meanwhile"))
	require.Equal(t, 10, countMsg(t, files, "rotating"))
}

package slogcore

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSinkCloseIsIdempotent: a sink's Close, like Handler.Close, may be
// called again, from many goroutines at once, and returns the first
// call's result; before, the file sink's second Close returned the
// os.File's "file already closed". The function FromEnv returns behaves
// the same.
func TestSinkCloseIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "svc.log")
	s, err := OpenSink("file", map[string]string{"path": path})
	require.NoError(t, err)
	errs := make([]error, 6)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.Close(context.Background())
		}()
	}
	wg.Wait()
	require.Equal(t, make([]error, 6), errs)
	require.NoError(t, s.Close(context.Background()))

	env := map[string]string{EnvSinks: "file,stderr", "SLOGGUARD_FILE_PATH": path}
	logger, closeFn, err := fromEnvList(env)
	require.NoError(t, err)
	logger.Warn("shutting down", "attempt", 2)
	require.NoError(t, closeFn(context.Background()))
	require.NoError(t, closeFn(context.Background()), "closing the logger twice")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(data), `"msg":"shutting down"`))
}

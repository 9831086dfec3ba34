package slogaudit

import (
	"context"
	"log/slog"
	"os"
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

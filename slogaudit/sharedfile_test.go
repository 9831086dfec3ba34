package slogaudit_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// Two Files of one log (two processes): the first writes through a JSON
// or slogcore handler wrapped by Wrap (its records reach the File through
// Write), the second through File.Handler without WithChainID. The
// second found the first one's chain the file's last and continued it
// while the first still wrote it: a fork, and the untouched log verified
// as inserted and modified. A chain whose records a File writes through
// Write is that File's as much as a handler's: the second starts its own.
// Once the first File is closed, a later handler continues its chain.
func TestWrappedWriterChainIsNotContinuedByAnotherFile(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the File knows of other writers through Linux record locks only")
	}
	for _, kind := range []string{"json", "slogcore"} {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "audit.log")
			first, err := slogaudit.OpenFile(path)
			require.NoError(t, err)
			var next slog.Handler
			var core *slogcore.Handler
			if kind == "json" {
				next = slog.NewJSONHandler(first, nil)
			} else {
				core = slogcore.New(first, nil)
				next = core
			}
			wrapped := slogaudit.Wrap(next, slogaudit.WithKey("k12", vdKey))
			slog.New(wrapped).Info("from the wrapped writer", "ratio", 2.5e-8)
			if core != nil {
				require.NoError(t, core.Flush(ctx))
			}

			second, err := slogaudit.OpenFile(path)
			require.NoError(t, err)
			own, err := second.Handler(slogaudit.WithKey("k12", vdKey))
			require.NoError(t, err)
			require.NotEqual(t, wrapped.Head().Chain, own.Head().Chain, "the second File took the live chain of the first")
			for i := range 8 {
				if i%2 == 0 {
					slog.New(wrapped).Info("wrapped", "i", i)
				} else {
					slog.New(own).Info("own", "i", i)
				}
				if core != nil {
					require.NoError(t, core.Flush(ctx))
				}
			}
			require.NoError(t, own.Close(ctx))
			require.NoError(t, second.Close())
			require.NoError(t, wrapped.Close(ctx))
			if core != nil {
				require.NoError(t, core.Close(ctx))
			}
			live := wrapped.Head()
			require.NoError(t, first.Close())

			// The first File closed: its chain is free to continue.
			third, err := slogaudit.OpenFile(path)
			require.NoError(t, err)
			later, err := third.Handler(slogaudit.WithKey("k12", vdKey), slogaudit.WithChainID(live.Chain))
			require.NoError(t, err)
			require.Equal(t, live.Seq, later.Head().Seq, "resumed from the last record")
			require.NoError(t, later.Close(ctx))
			require.NoError(t, third.Close())

			log, err := os.ReadFile(path)
			require.NoError(t, err)
			rep, err := slogaudit.Verify(ctx, bytes.NewReader(log), slogaudit.VerifyOptions{Key: vdKey})
			require.NoError(t, err, "%v", rep.Findings)
			require.Empty(t, mvSigns(rep.Findings), "%v", rep.Findings)
		})
	}
}

// Within one File: a handler made by File.Handler without WithChainID,
// while a Wrap over a JSON handler over the same File writes, took that
// writer's chain as the file's last and forked it. It starts its own.
func TestWrappedWriterChainIsNotContinuedByHandlerOfSameFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path)
	require.NoError(t, err)
	wrapped := slogaudit.Wrap(slog.NewJSONHandler(af, nil), slogaudit.WithKey("k12", vdKey))
	slog.New(wrapped).Info("wrapped", "i", -1)
	own, err := af.Handler(slogaudit.WithKey("k12", vdKey))
	require.NoError(t, err)
	require.NotEqual(t, wrapped.Head().Chain, own.Head().Chain)
	for i := range 6 {
		slog.New([]*slogaudit.Handler{wrapped, own}[i%2]).Info("turn", "i", i, "tiny", 5e-324)
	}
	require.NoError(t, own.Close(ctx))
	require.NoError(t, wrapped.Close(ctx))
	require.NoError(t, af.Close())
	log, err := os.ReadFile(path)
	require.NoError(t, err)
	rep, err := slogaudit.Verify(ctx, bytes.NewReader(log), slogaudit.VerifyOptions{Key: vdKey})
	require.NoError(t, err, "%v", rep.Findings)
	require.Empty(t, mvSigns(rep.Findings), "%v", rep.Findings)
}

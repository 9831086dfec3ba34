package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLongLines: lines longer than the read buffer are read whole, with or
// without a final newline, and a line longer than MaxLineBytes stops
// verification with ErrLineTooLong.
func TestLongLines(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("l"))
	slog.New(h).Info("big", "blob", strings.Repeat("x", 200_000)) // > 64 KiB buffer
	require.NoError(t, h.Close(context.Background()))
	rep := verifyBuf(t, buf.Bytes(), VerifyOptions{})
	require.EqualValues(t, 3, rep.Records)

	// The same log without its final newline: the long record is last.
	var b2 bytes.Buffer
	h2 := Wrap(slog.NewJSONHandler(&b2, nil), WithChainID("l"))
	slog.New(h2).Info("small")
	require.NoError(t, h2.Close(context.Background()))
	var b3 bytes.Buffer
	h3 := Wrap(slog.NewJSONHandler(&b3, nil), WithChainID("m"))
	slog.New(h3).Info("big", "blob", strings.Repeat("y", 200_000))
	withoutNewline := append(b2.Bytes(), bytes.TrimSuffix(b3.Bytes()[:bytes.IndexByte(b3.Bytes(), '\n')+1+bytes.IndexByte(b3.Bytes()[bytes.IndexByte(b3.Bytes(), '\n')+1:], '\n')+1], []byte("\n"))...)
	rep, err := Verify(context.Background(), bytes.NewReader(withoutNewline), VerifyOptions{})
	require.NoError(t, err, "%v", rep.Findings)
	require.EqualValues(t, 5, rep.Records, "the long last line must be read whole")

	// A limit on memory stops verification with an error that is not a
	// finding of tampering, for a long line in the middle or at the end.
	_, err = Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{MaxLineBytes: 100_000})
	require.ErrorIs(t, err, ErrLineTooLong)
	require.NotErrorAs(t, err, new(*TamperedError))
	require.ErrorContains(t, err, "line 2")
	_, err = Verify(context.Background(), bytes.NewReader(withoutNewline), VerifyOptions{MaxLineBytes: 100_000})
	require.ErrorIs(t, err, ErrLineTooLong)
	require.ErrorContains(t, err, "line 5")
	_, err = Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{MaxLineBytes: 300_000})
	require.NoError(t, err)
}

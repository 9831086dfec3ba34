package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLongLines: lines longer than the read buffer are read whole, lines
// longer than MaxLineBytes are reported, with or without a final newline,
// and memory stays bounded.
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

	rep, _ = Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{MaxLineBytes: 100_000})
	require.True(t, hasFinding(rep, Malformed, 2), "%v", rep.Findings)
	rep, _ = Verify(context.Background(), bytes.NewReader(withoutNewline), VerifyOptions{MaxLineBytes: 100_000})
	require.True(t, hasFinding(rep, Malformed, 5), "%v", rep.Findings)
}

package main

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func gzipped(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, err := w.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.String()
}

// TestVerifyCompressedInput: a compressed log (a rotated file that an
// archive job compressed) or checkpoint file is unusable input, exit 2,
// with a hint to decompress it, never a verdict of tampering on a log
// nobody touched. A JSON log that merely holds such bytes is read as a log.
func TestVerifyCompressedInput(t *testing.T) {
	d := newLogDir(t)
	log := strings.Join(d.lines, "")
	var zl bytes.Buffer
	zw := zlib.NewWriter(&zl)
	_, _ = zw.Write([]byte(log))
	_ = zw.Close()
	for _, tc := range []struct {
		name     string
		content  string // of the log file, or of stdin
		stdin    bool
		asCP     bool
		code     int
		contains string
	}{
		{name: "gzip rotated file", content: gzipped(t, log), code: exitUsage, contains: "is gzip-compressed"},
		{name: "zstd frame", content: "\x28\xb5\x2f\xfd\x04\x58" + log, code: exitUsage, contains: "is zstd-compressed"},
		{name: "xz stream", content: "\xfd7zXZ\x00\x00\x04" + log, code: exitUsage, contains: "is xz-compressed"},
		{name: "bzip2 stream", content: "BZh91AY&SY" + log, code: exitUsage, contains: "is bzip2-compressed"},
		{name: "gzip on standard input", content: gzipped(t, log), stdin: true, code: exitUsage, contains: "standard input is gzip-compressed"},
		{name: "gzip checkpoint file", content: gzipped(t, "x"), asCP: true, code: exitUsage, contains: "checkpoint file"},
		{name: "plain log", content: log, code: exitIntact, contains: "intact"},
		{name: "plain log on standard input", content: log, stdin: true, code: exitIntact, contains: "intact"},
		{name: "zlib is not a log either", content: zl.String(), code: exitUsage, contains: "not an audit log"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"verify", "-key", d.hmac}
			stdin := ""
			switch {
			case tc.stdin:
				args, stdin = append(args, "-"), tc.content
			case tc.asCP:
				args = append(args, "-pub", d.pub, "-checkpoints", d.write(t, "cp.gz", tc.content), d.log)
			default:
				args = append(args, d.write(t, "audit.log.000001", tc.content))
			}
			var out, errb bytes.Buffer
			code := run(args, strings.NewReader(stdin), &out, &errb, func(string) string { return "" })
			require.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
			require.Contains(t, out.String()+errb.String(), tc.contains)
			require.NotContains(t, out.String(), "TAMPERED")
			if tc.code == exitUsage && tc.contains != "not an audit log" {
				require.Contains(t, errb.String(), "slogaudit: hint: decompress")
			}
		})
	}

	t.Run("json", func(t *testing.T) {
		p := d.write(t, "audit.log.000002", gzipped(t, log))
		code, out, _ := runCLI(nil, "verify", "-json", p)
		require.Equal(t, exitUsage, code)
		require.Contains(t, out, `"error": "verify: `)
		require.Contains(t, out, `"exit": 2`)
	})
}

// TestShowAndProveCompressedInput: show and prove refuse a compressed log
// or checkpoint file the same way, rather than printing each line as "not
// a record" with exit 0, or looking for a checkpoint that a compressed
// file cannot show.
func TestShowAndProveCompressedInput(t *testing.T) {
	d := newLogDir(t)
	log := strings.Join(d.lines, "")
	gzLog := d.write(t, "audit.log.000003.gz", gzipped(t, log))
	zstCP := d.write(t, "audit.checkpoints.zst", "\x28\xb5\x2f\xfd\x00"+log)
	keys := d.path("subjects")
	require.NoError(t, os.Mkdir(keys, 0o700))
	for _, tc := range []struct {
		name     string
		args     []string
		contains string
	}{
		{"show a gzip log", []string{"show", "-keys", keys, d.log, gzLog}, "show: " + gzLog + " is gzip-compressed"},
		{"prove from a gzip log", []string{"prove", "-checkpoints", d.cps, "-chain", "orders", "-seq", "3", gzLog}, "prove: " + gzLog + " is gzip-compressed"},
		{"prove with a zstd checkpoint file", []string{"prove", "-checkpoints", zstCP, "-chain", "orders", "-seq", "3", d.log}, "the checkpoint file " + zstCP + " is zstd-compressed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(nil, tc.args...)
			require.Equal(t, exitUsage, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
			require.Contains(t, errOut, tc.contains)
			require.Contains(t, errOut, "slogaudit: hint: decompress")
		})
	}
	code, out, errOut := runCLI(nil, "show", "-keys", keys, d.log)
	require.Equal(t, exitIntact, code, errOut)
	require.Equal(t, len(d.lines), strings.Count(out, "\n"))
}

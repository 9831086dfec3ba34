package main

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
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

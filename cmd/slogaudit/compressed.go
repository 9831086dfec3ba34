package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
)

// compression names the format of a compressed file by its first bytes
// (its magic number), or returns "". Audit logs are JSON lines; a rotated
// file that logrotate or an archive job compressed holds none, and read as
// it is would verify as every line malformed: a verdict of tampering on a
// log nobody touched.
func compression(head []byte) string {
	for _, m := range []struct {
		name  string
		magic []byte
	}{
		{"gzip", []byte{0x1f, 0x8b}},
		{"zstd", []byte{0x28, 0xb5, 0x2f, 0xfd}},
		{"xz", []byte{0xfd, '7', 'z', 'X', 'Z', 0}},
		{"bzip2", []byte("BZh")},
		{"lz4", []byte{0x04, 0x22, 0x4d, 0x18}},
		{"zip", []byte("PK\x03\x04")},
		{"compress (.Z)", []byte{0x1f, 0x9d}},
	} {
		if bytes.HasPrefix(head, m.magic) {
			return m.name
		}
	}
	return ""
}

// fileCompression returns the compression of the file at path, or "".
func fileCompression(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return "" // said by the read that follows
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	return compression(head[:n])
}

// peekCompression returns r, buffered so that nothing is lost, and the
// compression of what it holds, or "".
func peekCompression(r io.Reader) (io.Reader, string) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(8)
	return br, compression(head)
}

// refuseCompressed fails, as unusable input, with the first of paths that
// is compressed; what names the file ("" for a log file, else e.g. "the
// checkpoint file").
func (c *cli) refuseCompressed(cmd, what string, paths ...string) int {
	for _, p := range paths {
		z := fileCompression(p)
		if z == "" {
			continue
		}
		if what == "" {
			return c.fail(exitUsage, hintCompressed, "%s: %s is %s-compressed, not an audit log: nothing was read", cmd, p, z)
		}
		return c.fail(exitUsage, hintCompressed, "%s: %s %s is %s-compressed: nothing was read", cmd, what, p, z)
	}
	return exitIntact
}

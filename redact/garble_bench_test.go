package redact

import (
	"strings"
	"testing"
)

// BenchmarkGarbledText measures the scan of text with characters that
// unmangle reads, clean and at two sizes: the cost per byte must not grow
// with the size (no look-back over the text), and clean ASCII text pays
// nothing for it (compare BenchmarkFind).
func BenchmarkGarbledText(b *testing.B) {
	r := Must(Credentials)
	line := "\x1b[32mINFO\x1b[0m Zürich café\u00a0order n°\u200b4821 \x1b[36mstatus\x1b[0m=ok "
	for _, c := range []struct {
		name string
		s    string
	}{
		{"ascii", strings.Repeat("GET /api/v1/orders/12345 handled in 12ms ", 25)},
		{"garbled-1KB", strings.Repeat(line, 1<<10/len(line))},
		{"garbled-64KB", strings.Repeat(line, 64<<10/len(line))},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.s)))
			for i := 0; i < b.N; i++ {
				if len(r.find(c.s, nil, r.count)) != 0 {
					b.Fatalf("%q: found something", c.s)
				}
			}
		})
	}
}

package redact

import (
	"strconv"
	"strings"
	"testing"
)

// BenchmarkLispForms measures forms nested and repeated at two sizes: the
// cost per byte must not grow with the size (each '(' reads at most
// lispReach bytes).
func BenchmarkLispForms(b *testing.B) {
	r := Must(Credentials)
	for _, c := range []struct {
		name, unit string
	}{
		{"nested-setf", "(setf (gethash :k h) "},
		{"keywords", "(f :a (g :b "},
	} {
		for _, n := range []int{1 << 10, 64 << 10} {
			s := strings.Repeat(c.unit, n/len(c.unit))
			b.Run(c.name+"-"+strconv.Itoa(n>>10)+"KB", func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				for i := 0; i < b.N; i++ {
					r.lispForms(s, nil, ignoreName)
				}
			})
		}
	}
}

package redact_test

import (
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// BenchmarkLongText redacts long one-line texts at three sizes: with a
// search that grows linearly, MB/s is about the same at each, and a search
// that goes back to the start of the line, or reads the whole line, for
// each key shows as a drop at the larger sizes.
func BenchmarkLongText(b *testing.B) {
	r, err := redact.New(redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR)
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct{ name, unit string }{
		{"json", `{"id":1234,"email":"jane.doe@example.com","password":"Xk9$mQ2#","token":"abc","note":"token refreshed for user 42"},`},
		{"prose", "the request failed because the token was expired and the password did not match; "},
		{"terms", "password secret --password token is "},
		{"at", "a@b."},
		{"tags", "<password>"},
		{"naming", "KEY="},
		{"card", "card="},
		{"userinfo", "u:p@h."},
		{"pairs", "password=abc "},
		{"colon", "token: x "},
	} {
		for _, size := range []int{8 << 10, 64 << 10, 512 << 10} {
			s := strings.Repeat(tc.unit, size/len(tc.unit)+1)[:size]
			b.Run("text="+tc.name+"/size="+strconv.Itoa(size>>10)+"K", func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					r.String(s)
				}
			})
		}
	}
}

// BenchmarkLongSlice redacts a slice of identifiers (read as key/value
// pairs) at two sizes: ns/op grows with the slice's length when every
// element's check is done once per slice.
func BenchmarkLongSlice(b *testing.B) {
	h := redact.NewHandler(slog.NewJSONHandler(io.Discard, nil), nil)
	l := slog.New(h)
	for _, n := range []int{1000, 8000} {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = "k" + strconv.Itoa(i)
		}
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				l.Info("ids", "ids", ids)
			}
		})
	}
}

package redact

import "testing"

// cleanSamples are strings with nothing to mask, of the kinds records
// carry: messages, paths, ids, user agents, error texts.
var cleanSamples = []string{
	"request 48213 handled for tenant eu-3",
	"/api/v1/orders/48213/items?page=2",
	"4bf92f3577b34da6a3ce929d0e0e47365",
	"Mozilla/5.0 (X11; Linux x86_64) build 7",
	"connection reset by peer",
	"GET",
	"GET /api/v1/orders/12345?page=2 handled in 12ms for tenant eu-3 (cache miss, retry 1/3)",
	"2026-11-26T06:45:02.123Z",
	"user 1234 logged in from the web console after 3 attempts",
	"db.query.duration",
}

// BenchmarkFind measures the scan of strings the clean-string cache has
// not seen: every call scans, as for text built per record.
func BenchmarkFind(b *testing.B) {
	for _, preset := range []struct {
		name  string
		rules []Rule
	}{
		{"credentials", []Rule{Credentials}},
		{"all", []Rule{Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo}},
	} {
		r := Must(preset.rules...)
		n := 0
		for _, s := range cleanSamples {
			n += len(s)
		}
		b.Run("preset="+preset.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(n))
			for i := 0; i < b.N; i++ {
				for _, s := range cleanSamples {
					if len(r.find(s, nil, r.count)) != 0 {
						b.Fatalf("%q: found something", s)
					}
				}
			}
		})
	}
}

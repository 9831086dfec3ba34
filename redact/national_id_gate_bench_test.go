package redact

import "testing"

// fewDigitSamples are the strings of a clean record with fewer digits
// than any national identifier holds: a message, a method, a route, a
// status, a host, a user agent's product, an error text.
var fewDigitSamples = []string{
	"order shipped to the warehouse",
	"GET",
	"/api/v1/orders/{id}/items",
	"ok",
	"checkout-svc.eu-west-1.internal",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X)",
	"context deadline exceeded while reading the body",
	"retry 2 of 5",
}

// BenchmarkFindFewDigits measures the scan of a clean record's strings
// under GDPR, whose national-id detector the prefilter skips when a
// string holds too few digits (cold: every call scans).
func BenchmarkFindFewDigits(b *testing.B) {
	r := Must(Credentials, GDPR)
	n := 0
	for _, s := range fewDigitSamples {
		n += len(s)
	}
	b.ReportAllocs()
	b.SetBytes(int64(n))
	for i := 0; i < b.N; i++ {
		for _, s := range fewDigitSamples {
			if len(r.find(s, nil, r.count)) != 0 {
				b.Fatalf("%q: found something", s)
			}
		}
	}
}

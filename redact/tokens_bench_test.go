package redact

import "testing"

// BenchmarkFindTokens: the token catalog on clean text whose words open
// like some prefixes do (test, live, path, account, eye, sk, pk, t1).
func BenchmarkFindTokens(b *testing.B) {
	for name, s := range map[string]string{
		"prose": "test run 42 passed: live account path /eye/sk checked, pk index t1.micro, access log shows 3 retries",
		"ids":   "req_01HZX3K9Q2M4N8P7R6S5T4V3W2 trace=4bf92f3577b34da6a3ce929d0e0e4736 pod/checkout-7d9f8b6c5-x2x9z",
		"json":  `{"level":"info","path":"/api/v2/orders/8812","status":200,"latency_ms":12,"tenant":"eu-3","cache":"miss"}`,
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			var spans []span
			for i := 0; i < b.N; i++ {
				spans = findTokens(s, spans[:0])
			}
			if len(spans) != 0 {
				b.Fatalf("clean text masked: %v", spans)
			}
		})
	}
}

package redact

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestConnectionStringKeysEndAtTheirPadding: the token of AccountKey= and
// SharedAccessKey= ends after the key's base64 padding, wherever the key
// is written: after a '/', in a query, in a connection string, with '/'
// among its last bytes, percent-encoded.
func TestConnectionStringKeysEndAtTheirPadding(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 8))
	const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	g := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = std[rng.IntN(len(std))]
		}
		return string(b)
	}
	account := "AccountKey=" + g(86) + "=="
	shared := "SharedAccessKey=" + g(38) + "/" + g(4) + "="
	lateSlash := "AccountKey=" + g(80) + "/Ab3x9=="
	encoded := "AccountKey=" + strings.NewReplacer("/", "%2F", "+", "%2B").Replace(g(86)) + "%3D%3D"
	for _, tc := range []struct{ name, before, tok, after string }{
		{"account key as a path segment", "GET https://cfg.example.net/v1/", account, "/containers/logs 200"},
		{"account key in a query", "GET https://cfg.example.net/v1/x?", account, "/containers/logs 200"},
		{"account key in prose", "conn ", account, "/containers/logs 200"},
		{"shared key as a path segment", "GET /cfg/", shared, "/queues/orders 200"},
		{"shared key in a connection string", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;", shared, ";EntityPath=q"},
		{"account key with a slash among its last bytes", "GET /cfg/", lateSlash, "/blobs 200"},
		{"account key percent-encoded", "q ?conn=DefaultEndpointsProtocol%3Dhttps%3B", encoded, "&x=1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.before + tc.tok + tc.after
			sp := findTokens(s, nil)
			if len(sp) != 1 || s[sp[0].start:sp[0].end] != tc.tok {
				var got []string
				for _, p := range sp {
					got = append(got, s[p.start:p.end])
				}
				t.Errorf("%q: tokens %q, want [%q]", s, got, tc.tok)
			}
		})
	}
}

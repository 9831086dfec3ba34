package redact_test

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// generatedKeptTexts returns texts that hold no personal data though they
// are made of digits, dots, dashes and '@' as personal data is: versions,
// builds, dates, durations, ports, prices, ids, private addresses, ssh and
// git remotes, image names and package specs.
func generatedKeptTexts(r *rand.Rand) []string {
	n := func(k int) int { return r.IntN(k) }
	var out []string
	for range 6 {
		out = append(out,
			fmt.Sprintf("version %d.%d.%d", 1+n(30), n(60), n(200)),
			fmt.Sprintf("Chrome/%d.0.%d.%d", 100+n(30), 4000+n(2000), n(200)),
			fmt.Sprintf("build %d.%02d.%04d", 100+n(800), 10+n(89), 1000+n(8999)),
			fmt.Sprintf("release=%d.%02d.%04d", 100+n(800), 10+n(89), 1000+n(8999)),
			fmt.Sprintf("oid 1.3.6.1.%d.%02d.%04d.1", 100+n(800), 10+n(89), 1000+n(8999)),
			fmt.Sprintf("build number %d", 100000000+n(899999999)),
			fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+n(12), 1+n(28), n(24), n(60), n(60), n(1000)),
			fmt.Sprintf("took %dms (p99 %d.%dms) on %d.%d.%d", n(900), n(90), n(9), 2026, 1+n(12), 1+n(28)),
			fmt.Sprintf("listening on :%d and 10.%d.%d.%d:%d", 1024+n(60000), n(256), n(256), 1+n(254), 1024+n(60000)),
			fmt.Sprintf("upstream 192.168.%d.%d:%d, 172.%d.%d.%d", n(256), 1+n(254), 1024+n(60000), 16+n(16), n(256), 1+n(254)),
			fmt.Sprintf("peer [fd%02x:%x::%x]:%d", n(256), 1+n(65534), 1+n(65534), 1024+n(60000)),
			fmt.Sprintf("price %d.%02d EUR, total 1,%03d.%02d", n(1000), n(100), n(1000), n(100)),
			fmt.Sprintf("order #%d-%04d-%04d shipped", 100+n(900), n(10000), n(10000)),
			fmt.Sprintf("trace %016x span %08x", r.Uint64(), r.Uint32()),
			fmt.Sprintf("request_id=%08x-%04x-4%03x-a%03x-%012x", r.Uint32(), n(65536), n(4096), n(4096), r.Uint64()&0xffffffffffff),
			fmt.Sprintf("git clone git@github.com:acme/svc-%d.git", n(1000)),
			fmt.Sprintf("ssh deploy@build-%d.internal -p %d", n(100), 1024+n(60000)),
			fmt.Sprintf("ssh://git@git.example.com:%d/acme/app.git", 1024+n(60000)),
			fmt.Sprintf("icon-%d@2x.png and logo@3x.webp", n(100)),
			fmt.Sprintf("npm i @acme/ui-kit@%d.%d.%d lodash@4.17.%d", n(10), n(40), n(20), n(30)),
			fmt.Sprintf("image golang:1.%d@sha256:%016x%016x", 20+n(6), r.Uint64(), r.Uint64()),
			fmt.Sprintf("retry %d of %d in %ds", 1+n(5), 5+n(5), 1+n(30)),
		)
	}
	return out
}

// TestGeneratedLookalikesKept: under every preset that masks personal
// data, values with the digits and punctuation of phone numbers, SSNs,
// IBANs, e-mail addresses and IP addresses that are none of them reach
// the output unchanged, as attr, message and error text.
func TestGeneratedLookalikesKept(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 141))
	texts := generatedKeptTexts(r)
	for _, rules := range [][]redact.Rule{{redact.GDPR}, {redact.HIPAA}, {redact.CCPA}, {redact.ContactInfo}} {
		t.Run(rules[0].Name, func(t *testing.T) {
			requireKeptIn(t, rules, texts, map[string]func(*slog.Logger, string){
				"value":   func(l *slog.Logger, s string) { l.Info("m", "detail", s) },
				"message": func(l *slog.Logger, s string) { l.Info(s) },
				"error":   func(l *slog.Logger, s string) { l.Error("failed", "err", fmt.Errorf("op: %s", s)) },
			})
		})
	}
}

package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestCardNumberEncodedSpacesMasked: a card number whose groups are parted
// by a space written as a URL or a form writes it (%20, '+') is a card
// number like the same number with spaces.
func TestCardNumberEncodedSpacesMasked(t *testing.T) {
	r := only(redact.DetectCardNumber)
	for _, tc := range []struct{ in, want string }{
		{"GET /pay?num=4556%207390%201234%205677&cvv=", "GET /pay?num=[REDACTED]&cvv="},
		{"num=5228+1946+0038+2713", "num=[REDACTED]"},
		{"cc=6011+0077+4512+3009&exp=09", "cc=[REDACTED]&exp=09"},
		{"amex=3782%20910457%2062134", "amex=[REDACTED]"},
		{"amex=3782+910457+62134;", "amex=[REDACTED];"},
		{"diners 3622+720559+0133 x", "diners [REDACTED] x"},
		{"jcb=3530%201113%203330%200000", "jcb=[REDACTED]"},
		{"q=5105%201051%200510%205100&x=1", "q=[REDACTED]&x=1"},
		{"pan=4012+8888+8888+1881&ok=1", "pan=[REDACTED]&ok=1"},
		{"body card=3714%20496353%2098431", "body card=[REDACTED]"},
		{"ids 1000+2000+3000+4000 sum", "ids 1000+2000+3000+4000 sum"}, // not Luhn-valid: kept
	} {
		if got := r.Message(tc.in); got != tc.want {
			t.Errorf("Message(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	requireSpelled(t, []redact.Rule{redact.PCIDSS}, []spelledCase{
		{"checkout body=pan%3D5228%201946%200038%202713%26ok%3D1", "1946%200038", []string{"checkout", "body="}},
		{"form pan=4556+7390+1234+5677&name=x", "7390+1234", []string{"form", "name=x"}},
		// Sums, counters and encoded numbers that fail Luhn are no card.
		{"total 2000+4000+6000+8000 units", "", nil},
		{"q=1234%205678%209012%203456", "", nil},
		{"v=1+2+3+4+5+6+7+8+9+1+2+3+4", "", nil},
		{"path=%2012345678%2090", "", nil},
	})
}

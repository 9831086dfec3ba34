package redact_test

import "testing"

// TestSplitJWTsMasked: a JWT wrapped over lines, or split by a backslash
// (a shell's line continuation, an escaped line break in JSON text), is
// masked across the break while it is unfinished there.
func TestSplitJWTsMasked(t *testing.T) {
	const (
		head = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
		body = "eyJzdWIiOiJvcHMtNDIiLCJyb2xlIjoiYWRtaW4ifQ"
		sig  = "Xk3vQ9pLm2NwR7sT4yUa8bCd1eFg6hJi0kLn5oPq2rS"
	)
	requireWholeCases(t, nil, []textCase{
		{"newline in payload", head + "." + body[:20] + "\n" + body[20:] + "." + sig, []string{body[20:], sig}, nil},
		{"newline after dot", head + "." + body + ".\n" + sig, []string{sig}, nil},
		{"newline in signature", head + "." + body + "." + sig[:20] + "\n" + sig[20:], []string{sig[:20], sig[20:]}, nil},
		{"crlf in signature", head + "." + body + "." + sig[:16] + "\r\n" + sig[16:], []string{sig[16:]}, nil},
		{"shell continuation", "curl -H 'Authorization: Bearer " + head + "." + body + "." + sig[:25] + "\\\n" + sig[25:] + "' https://api", []string{sig[25:]}, []string{"https://api"}},
		{"escaped newline", `{"jwt":"` + head + "." + body + "." + sig[:30] + `\n` + sig[30:] + `"}`, []string{sig[30:]}, nil},
		{"backslash", head + "." + body + "." + sig[:10] + `\` + sig[10:], []string{sig[10:]}, nil},
	})
	requireWholeKept(t, nil, []string{
		"header " + head + "\nnext line",
		"see " + head + "\\\nfor details",
	})
}

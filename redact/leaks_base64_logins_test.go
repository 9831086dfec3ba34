package redact_test

import "testing"

// TestBareBase64LoginsMasked: base64 of user:password, as Basic
// credentials carry it, met in prose without any word of authentication.
func TestBareBase64LoginsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"padded in prose", "replaying request with ZGVwbG95LWJvdDpWcThMdzJSbjVUeg== against staging", []string{"ZGVwbG95LWJvdDpWcThMdzJSbjVUeg"}, []string{"replaying request with ", " against staging"}},
		{"unpadded", "cached ai5kb2VAY29ycC5leGFtcGxlOk1hcGxlIVNreTc for later", []string{"ai5kb2VAY29ycC5leGFtcGxlOk1hcGxlIVNreTc"}, []string{" for later"}},
		{"with a slash", "value c3ZjX2NpOnJLOT5kUDI/bVg0fg== rejected", []string{"c3ZjX2NpOnJLOT5kUDI/bVg0fg", "bVg0fg"}, []string{"value ", " rejected"}},
		{"quoted", `got "b3BzOmNvcnJlY3Rob3JzZTQy" from upstream`, []string{"b3BzOmNvcnJlY3Rob3JzZTQy"}, []string{"from upstream"}},
		{"alone", "dXNlcjpTM2NyZXRQYXNz", []string{"dXNlcjpTM2NyZXRQYXNz"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"target bG9jYWxob3N0OjgwODA= resolved",
		"link aHR0cHM6Ly9leGFtcGxlLmNvbS9hMWIyQw== expired",
		"tag aW1hZ2U6bGF0ZXN0LXN0YWJsZQ== pushed",
		"header Q29udGVudC1UeXBlOmFwcGxpY2F0aW9uL2pzb24= set",
		"at MTI6MzA6NDUuMTIzWg== done",
		"pair a2V5OnZhbHVl ok",
		"nonce q3Vx8TmZ0aLr7pWkNc2bYf5dHs9gJe4u next",
		"etag W/\"YWJjZGVmZ2hpamtsbW5vcA==\" stale",
		"handled by requestHandlerFactory in AuthMiddleware",
	})
}

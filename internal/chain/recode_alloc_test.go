//go:build !race

package chain

import "testing"

// TestRecoderAllocatesNothing: a line re-encoded into a buffer with room
// allocates nothing (the race detector's instrumentation allocates, hence
// the build tag).
func TestRecoderAllocatesNothing(t *testing.T) {
	var r Recoder
	line := []byte(`{"time":"2026-12-02T10:00:00.123Z","level":"INFO","msg":"a \u003cb\u003e","ratio":0.75,"n":1234567890123456,"user_agent":"Mozilla/5.0 (X11; Linux x86_64) build 7","audit":{"v":2,"seq":3}}`)
	dst := make([]byte, 0, 512)
	r.AppendWithout(dst, line, "audit", "msg")
	if n := testing.AllocsPerRun(100, func() { r.AppendWithout(dst[:0], line, "audit", "msg") }); n != 0 {
		t.Errorf("%v allocations per line, want 0", n)
	}
}

package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestIPDestinationNamesAMachine: a flow's destination (dst_ip, destIP,
// destination_ip) is the address of the machine a client reached, which
// the ip-address detector judges: a private address is kept under every
// preset, a public one masked; the client's source address after it is
// masked as before, and a comma list of pairs ends at each pair.
func TestIPDestinationNamesAMachine(t *testing.T) {
	for _, preset := range []redact.Rule{redact.GDPR, redact.CCPA, redact.HIPAA} {
		t.Run(preset.Name, func(t *testing.T) {
			r := redact.Must(preset)
			for _, tc := range []struct{ in, want string }{
				{"src_ip=198.51.100.44,dst_ip=10.20.0.9,proto=udp", "src_ip=[REDACTED],dst_ip=10.20.0.9,proto=udp"},
				{"src_ip=198.51.100.44,dst_ip=203.0.113.71,proto=udp", "src_ip=[REDACTED],dst_ip=[REDACTED],proto=udp"},
				{"flow destIP=172.16.4.4 srcIP=198.51.100.45", "flow destIP=172.16.4.4 srcIP=[REDACTED]"},
				{"destination_ip=192.168.7.1, bytes=912", "destination_ip=192.168.7.1, bytes=912"},
				{"dest_ip=203.0.113.72", "dest_ip=[REDACTED]"},
			} {
				if got := r.Message(tc.in); got != tc.want {
					t.Errorf("Message(%q) = %q, want %q", tc.in, got, tc.want)
				}
			}
			kept := func(l *slog.Logger) {
				l.Info("flow", "dst_ip", "10.20.0.9", slog.Group("net", "destination_ip", "192.168.7.1"))
			}
			if got, want := handlerOutput(t, []redact.Rule{preset}, kept), plainOutput(kept); got != want {
				t.Errorf("private destination changed:\n got %s\nwant %s", got, want)
			}
			requirePlacementsMasked(t, []redact.Rule{preset}, []placementLeak{
				{"public destination attr", func(l *slog.Logger) { l.Info("flow", "dst_ip", "203.0.113.73") }, "203.0.113.73"},
				{"source attr", func(l *slog.Logger) { l.Info("flow", "src_ip", "198.51.100.46", "dst_ip", "10.0.0.4") }, "198.51.100.46"},
			})
		})
	}
}

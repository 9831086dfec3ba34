package redact_test

import (
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSessionHeadersMasked: custom headers named for the session or the
// refresh or access token they carry bare, as text and as attr keys.
func TestSessionHeadersMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"x-session", "proxy forwarded X-Session: Tz8vQm3Lk6Wb1Rn4 upstream=api-2",
			[]string{"Tz8vQm3Lk6Wb1Rn4"}, []string{"X-Session: ", "upstream=api-2"}},
		{"x-refresh", "retrying with X-Refresh: Gp2Xc7Vn5Hq9Jd0Ks3 after 401",
			[]string{"Gp2Xc7Vn5Hq9Jd0Ks3"}, []string{"X-Refresh: ", "after 401"}},
		{"x-access", "X-Access: mB6tR1wQ8zL4kP0vY7 rejected",
			[]string{"mB6tR1wQ8zL4kP0vY7"}, []string{"X-Access: ", " rejected"}},
		{"x-session-id numeric", "request headers X-Session-Id: 883104755219 path=/cart",
			[]string{"883104755219"}, []string{"X-Session-Id: ", "path=/cart"}},
		{"x-upstream-session", "X-Upstream-Session: Fw4Hn9Kc2Lx7Qv5Tb0 sent to billing",
			[]string{"Fw4Hn9Kc2Lx7Qv5Tb0"}, []string{"X-Upstream-Session: ", "sent to billing"}},
		{"x-client-refresh lower case", "x-client-refresh=Dq3Wk8Mz1Ny6Rp4Vs9 ok",
			[]string{"Dq3Wk8Mz1Ny6Rp4Vs9"}, []string{"x-client-refresh=", " ok"}},
		{"x-sid", "X-Sid: Jc5Bt0Lp7Xm2Wq9Hs4 dropped",
			[]string{"Jc5Bt0Lp7Xm2Wq9Hs4"}, []string{"X-Sid: ", " dropped"}},
	})
	for _, key := range []string{"X-Session", "x-refresh", "X-Access", "X_SESSION", "X-Edge-Session", "X-Sid", "x-session-id"} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("proxy", key, "Vr7Nk2Qw9Lb4Xt6Zm1") })
			require.NotContains(t, out, "Vr7Nk2Qw9Lb4Xt6Zm1")
			require.Contains(t, out, key)
		})
	}
}

// TestSessionHeaderLookalikesKept: the same words where they name no
// credential.
func TestSessionHeaderLookalikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"X-Session-Replay: enabled",
		"X-Access-Log: /var/log/edge/access.log",
		"X-Refresh-Interval: 30s",
		"X-Session-Count: 4",
		"session: 42 ended",
		"refresh=true access=granted",
		"X-Access-Control-Allow-Origin: https://shop.example.com",
		"Access-Control-Allow-Credentials: true",
		"the access was granted after a session refresh",
	})
	for _, key := range []string{"session", "refresh", "access", "X-Session-Replay", "x_access_log", "access_level"} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("proxy", key, "Vr7Nk2Qw9Lb4Xt6Zm1") })
			require.Contains(t, out, "Vr7Nk2Qw9Lb4Xt6Zm1")
		})
	}
}

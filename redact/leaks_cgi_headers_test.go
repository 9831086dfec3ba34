package redact_test

import (
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCGIHeaderNamesMasked: request headers as CGI, PHP's $_SERVER and
// WSGI's environ name them (HTTP_X_…), and X-Sess, the short name of a
// session header, as text and as attr keys.
func TestCGIHeaderNamesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"http x session", "env HTTP_X_SESSION=Wd3Kp8Zq1Lm6Tr4Vb9 REMOTE_ADDR=10.4.5.6",
			[]string{"Wd3Kp8Zq1Lm6Tr4Vb9"}, []string{"HTTP_X_SESSION=", "REMOTE_ADDR=10.4.5.6"}},
		{"http x upstream refresh", "HTTP_X_UPSTREAM_REFRESH=Hn2Cx7Rk5Jw0Pd3Qs8 forwarded",
			[]string{"Hn2Cx7Rk5Jw0Pd3Qs8"}, []string{"HTTP_X_UPSTREAM_REFRESH=", " forwarded"}},
		{"http x sid", "$_SERVER[HTTP_X_SID] = Yt6Lm1Vq9Bz4Kc7Nx2",
			[]string{"Yt6Lm1Vq9Bz4Kc7Nx2"}, []string{"HTTP_X_SID"}},
		{"wsgi environ dict", "environ={'HTTP_X_ACCESS': 'Rb8Wn3Fk6Ys1Ld9Mq4', 'HTTP_HOST': 'shop.example.com'}",
			[]string{"Rb8Wn3Fk6Ys1Ld9Mq4"}, []string{"HTTP_HOST", "shop.example.com"}},
		{"http authorization bearer", "HTTP_AUTHORIZATION=Bearer Kq4Zt7Wm2Xr9Lp5Vc1Nd\nPATH_INFO=/v1/orders",
			[]string{"Kq4Zt7Wm2Xr9Lp5Vc1Nd"}, []string{"HTTP_AUTHORIZATION=", "PATH_INFO=/v1/orders"}},
		{"http x api key", "HTTP_X_API_KEY=Ls0Pw5Hj8Tb3Ng6Qz1 HTTP_ACCEPT=*/*",
			[]string{"Ls0Pw5Hj8Tb3Ng6Qz1"}, []string{"HTTP_X_API_KEY=", "HTTP_ACCEPT=*/*"}},
		{"http cookie", "HTTP_COOKIE=sessionid=Mv7Xq2Rk9Zd4Wb1Lt6; lang=de",
			[]string{"Mv7Xq2Rk9Zd4Wb1Lt6"}, []string{"HTTP_COOKIE="}},
		{"x sess", "upstream sent X-Sess: Cz5Nh0Bt8Qw3Ky6Pj1 with the 302",
			[]string{"Cz5Nh0Bt8Qw3Ky6Pj1"}, []string{"X-Sess: ", "with the 302"}},
		{"x amz security token", "X-Amz-Security-Token: IQoJb3JpZ2luX2VjEN7Gx4Vm9Kp2Lq6Wz3 X-Amz-Date: 20250101T101010Z",
			[]string{"IQoJb3JpZ2luX2VjEN7Gx4Vm9Kp2Lq6Wz3"}, []string{"X-Amz-Date: 20250101T101010Z"}},
	})
	for _, key := range []string{"HTTP_X_SESSION", "HTTP_X_EDGE_REFRESH", "X-Sess", "http_x_sid"} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("request", key, "Gv3Ns8Xk1Wq6Zr4Lm9") })
			require.NotContains(t, out, "Gv3Ns8Xk1Wq6Zr4Lm9")
			require.Contains(t, out, key)
		})
	}
}

// TestCGIHeaderNameLookalikesKept: CGI names of headers that carry no
// credential, and the same words inside other names.
func TestCGIHeaderNameLookalikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"HTTP_X_SESSION_REPLAY=enabled",
		"HTTP_X_ACCESS_LOG=/var/log/edge/access.log",
		"HTTP_X_REFRESH_INTERVAL=45s",
		"HTTP_X_FORWARDED_FOR=10.9.8.7",
		"HTTP_X_REQUEST_ID=5f0c2a7e9b14d386",
		"HTTP_USER_AGENT=Mozilla/5.0",
		"APP_X_SESSION=Wd3Kp8Zq1Lm6Tr4Vb9",
		"X-Sess-Count: 4",
		"sess: 12 open",
	})
	for _, key := range []string{"HTTP_X_SESSION_REPLAY", "HTTP_REFERER", "APP_X_SESSION", "sess"} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("request", key, "Gv3Ns8Xk1Wq6Zr4Lm9") })
			require.Contains(t, out, "Gv3Ns8Xk1Wq6Zr4Lm9")
		})
	}
}

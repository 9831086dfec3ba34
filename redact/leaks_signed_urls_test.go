package redact_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// requireEveryMode checks each case through every deployment of
// redaction (slogcore.New, slogcore.Async, NewHandler over JSON and text,
// and a slog-multi Fanout whose other handler must see the original),
// with the text as an attr's value, as the message and as an error's
// text.
func requireEveryMode(t *testing.T, cases []textCase) {
	t.Helper()
	requireModesMasked(t, nil, cases)
}

// TestSignedURLQueriesMasked: the signatures and tokens that CDNs and
// CloudFront put in a URL's query under names no key rule knows.
func TestSignedURLQueriesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"cloudfront custom policy",
			"GET https://d3kx9v2mq7tz1p.cloudfront.net/trailers/ep4.mp4?Policy=eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9kM2t4OXYybXE3dHoxcC5jbG91ZGZyb250Lm5ldC90cmFpbGVycy8qIn1dfQ__&Signature=Wq8Lz3Xk7Rv1Tn5Bm9Hc2Ys6Jd0Pf4Ga~Ue8Io2Tk7Wm1Xn5Bv9Ct2Ld3Hh8Jj-Ab4Cd6Ef&Key-Pair-Id=K1WZP7XQ4MRT9N 403",
			[]string{"eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNl", "Wq8Lz3Xk7Rv1Tn5Bm9Hc", "K1WZP7XQ4MRT9N"}, []string{"GET https://d3kx9v2mq7tz1p.cloudfront.net/trailers/ep4.mp4?Policy=", "Key-Pair-Id=", " 403"}},
		{"cdn sign",
			`Get "https://vod.example.cn/2026/lesson-7.m3u8?sign=0f9e8d7c6b5a49382716a5b4c3d2e1f0": dial tcp 10.2.3.4:443: connect: connection refused`,
			[]string{"0f9e8d7c6b5a49382716a5b4c3d2e1f0"}, []string{"lesson-7.m3u8?sign=", "connection refused"}},
		{"cloudflare hmac verify",
			"upstream fetch https://media.example.net/clips/77.webm?verify=1798761600-Xq4Nz8Lk2Wv6Rb0Tm3Hp7Yd1 took 812ms",
			[]string{"Xq4Nz8Lk2Wv6Rb0Tm3Hp7Yd1", "1798761600-Xq4"}, []string{"clips/77.webm?verify=", " took 812ms"}},
		{"nginx secure link md5",
			"GET /dl/release-3.2.tar.gz?md5=Tq5Wm9Xz3Lk7Rn1Vb4Hy8C&expires=1798761600 200 1048576",
			[]string{"Tq5Wm9Xz3Lk7Rn1Vb4Hy8C"}, []string{"release-3.2.tar.gz?md5=", "expires=1798761600 200"}},
		{"nginx secure link st and e",
			"GET /vod/ep9.mp4?e=1798761600&st=Lm2Qx6Vz0Kt4Wr8Nb3Hp 206",
			[]string{"Lm2Qx6Vz0Kt4Wr8Nb3Hp"}, []string{"/vod/ep9.mp4?e=1798761600", " 206"}},
		{"nginx secure link beside Expires",
			"GET /pkg/tool-1.4.deb?md5=Hw3Xq7Lz1Vk5Rn9Tb2Mp4C&Expires=1798761600 200",
			[]string{"Hw3Xq7Lz1Vk5Rn9Tb2Mp4C"}, []string{"tool-1.4.deb?md5=", "Expires=1798761600 200"}},
		{"imgix signature",
			"GET https://acme.imgix.net/products/mug.png?w=640&fit=crop&s=7c1e9a3f5b2d4c6e8a0f1b3d5c7e9a2b 200",
			[]string{"7c1e9a3f5b2d4c6e8a0f1b3d5c7e9a2b"}, []string{"mug.png?w=640", "s=", " 200"}},
		{"cdn digest beside its expiry",
			"GET https://vod.example.net/ep2.mp4?e=1798761600&h=4e6a8c0b2d1f3a5c7e9b0d2f4a6c8e1b 206",
			[]string{"4e6a8c0b2d1f3a5c7e9b0d2f4a6c8e1b"}, []string{"ep2.mp4?e=1798761600", " 206"}},
		{"wowza",
			"play rtmp://live.example.org:1935/app/cam2?wowzatokenstarttime=1798758000&wowzatokenhash=Zn7Kq3Wx9Lm1Tv5Rb8Hc2Yp6Jd4 failed",
			[]string{"Zn7Kq3Wx9Lm1Tv5Rb8Hc2Yp6Jd4"}, []string{"wowzatokenstarttime=1798758000", " failed"}},
		{"firebase email action",
			"Location: https://acme-prod.firebaseapp.com/__/auth/action?mode=verifyEmail&oobCode=Rt6Yp2Wk8Xq4Lz0Nv7Bm3Hc9Jd5",
			[]string{"Rt6Yp2Wk8Xq4Lz0Nv7Bm3Hc9Jd5"}, []string{"Location: https://acme-prod.firebaseapp.com/__/auth/action?mode=verifyEmail"}},
		{"invite code",
			"GET /signup?invite_code=Vh3Kp8Wz2Lq6 302",
			[]string{"Vh3Kp8Wz2Lq6"}, []string{"/signup?invite_code=", " 302"}},
		{"encoded in a redirect",
			"302 to https://sso.example.com/login?next=https%3A%2F%2Fcdn.example.com%2Fa.mp4%3Fsign%3D5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d",
			[]string{"5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d"}, []string{"302 to https://sso.example.com/login?next="}},
	})
}

// TestCapabilityPathsMasked: tokens in a URL's path that grant what the
// URL does: a Cloudinary signature, an Oracle pre-authenticated request,
// a Telegram bot's token of any length, and the token of a reset,
// verification, invitation or unsubscribe link.
func TestCapabilityPathsMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"cloudinary signature",
			"GET https://res.cloudinary.com/acme/image/upload/s--Xz7Kq2Lw--/c_fill,w_640/v1723456789/avatars/u42.png 200",
			[]string{"Xz7Kq2Lw"}, []string{"/image/upload/s--", "--/c_fill,w_640/v1723456789/avatars/u42.png 200"}},
		{"oracle pre-authenticated request",
			`Put "https://objectstorage.eu-frankfurt-1.oraclecloud.com/p/Vb4Nm8Qx2Lz6Wk0Tr3Hy7Pd1Js5Gf9Ca-Ue_Io4Tk8Wm2Xn6/n/acmecorp/b/exports/o/2026-11.csv": EOF`,
			[]string{"Vb4Nm8Qx2Lz6Wk0Tr3Hy7Pd1Js5Gf9Ca"}, []string{"oraclecloud.com/p/", "/n/acmecorp/b/exports/o/2026-11.csv"}},
		{"telegram token of 36 bytes",
			`Post "https://api.telegram.org/bot7311223344:AAGz5Kq9Wx3Lm7Vn1Rt8Bp4Hy6Jc2Dd0EeQw/sendPhoto": net/http: TLS handshake timeout`,
			[]string{"AAGz5Kq9Wx3Lm7Vn1Rt8Bp4Hy6Jc2Dd0EeQw", "7311223344"}, []string{"/sendPhoto", "TLS handshake timeout"}},
		{"reset route",
			"GET /reset/Pz3Wq7Xk1Lm5Vn9Rt2Bh 200",
			[]string{"Pz3Wq7Xk1Lm5Vn9Rt2Bh"}, []string{"GET /reset/", " 200"}},
		{"reset route with a user id",
			"GET https://shop.example.com/accounts/reset/Nzc/c8k2vq-4be17a9d03c5f8e26b1a/ 302",
			[]string{"c8k2vq-4be17a9d03c5f8e26b1a"}, []string{"/accounts/reset/Nzc/", "/ 302"}},
		{"verify email route",
			"mail sent with link https://app.example.org/verify-email/9c7e2d4a-1b3f-4e6a-8d5c-0f2b7a9e3c61 to user 77",
			[]string{"9c7e2d4a-1b3f-4e6a-8d5c-0f2b7a9e3c61"}, []string{"/verify-email/", " to user 77"}},
		{"confirm account route",
			"GET /confirm_account/Kd8Xw2Mq6Lz0Vr4Tn9Bh?lang=de 200",
			[]string{"Kd8Xw2Mq6Lz0Vr4Tn9Bh"}, []string{"/confirm_account/", "?lang=de 200"}},
		{"invite route",
			"Location: https://team.example.io/invite/Hy5Qm1Xv9Lk3Wz7Rb2Tp/accept",
			[]string{"Hy5Qm1Xv9Lk3Wz7Rb2Tp"}, []string{"Location: https://team.example.io/invite/", "/accept"}},
		{"activation route",
			"GET /users/activate/4f1c9a7e2b8d6035c4a1f9e7b2d8c603 200",
			[]string{"4f1c9a7e2b8d6035c4a1f9e7b2d8c603"}, []string{"/users/activate/", " 200"}},
		{"unsubscribe route",
			"GET https://news.example.com/unsubscribe/Wt6Lq0Xn4Kz8Vm2Rb7Hd HTTP/1.1",
			[]string{"Wt6Lq0Xn4Kz8Vm2Rb7Hd"}, []string{"/unsubscribe/", " HTTP/1.1"}},
		{"magic route",
			"GET /login/magic/Qj2Wv6Xp0Lk4Rz8Tn3Bm 302",
			[]string{"Qj2Wv6Xp0Lk4Rz8Tn3Bm"}, []string{"/login/magic/", " 302"}},
	})
}

// TestOrdinaryURLsKept: URLs that hold no secret pass unchanged: paging,
// a status page's ?code=200, key listings, hashed assets, commits, a
// checksum in a download URL, routes without a token, a file's signature
// segment that is a name.
func TestOrdinaryURLsKept(t *testing.T) {
	urls := []string{
		"GET https://catalog.example.com/items?page=3&sort=asc&per_page=25 200",
		"GET https://status.example.com/incidents?code=503&region=us",
		"GET /v2/keys?limit=50 200",
		"GET /api/v2/keys/3c9e1f7a-2b4d-4e6f-8a1c-5d7e9f0b2c4a 200",
		"GET https://cdn.example.com/assets/main.8c41d2.css 200",
		"GET https://github.com/acme/api/commit/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d 200",
		"GET https://gitlab.example.com/acme/api/-/blob/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d/go.mod",
		"GET https://mirror.example.org/iso/debian-13.iso?md5=5f4dcc3b5aa765d61d8327deb882cf99",
		"sha256 verified md5=5f4dcc3b5aa765d61d8327deb882cf99",
		"GET https://api.example.com/v1/policies?Policy=readonly&Version=3",
		"GET /orders/confirm 200",
		"GET /users/verify?email=sent 200",
		"POST /password/reset 204",
		"GET /api/v2/invites/998877 200",
		"GET https://news.example.com/settings/unsubscribe/weekly 200",
		"GET https://example.com/search?q=sign+up&sign=in",
		"GET https://docs.example.com/sign-in/overview",
		"GET /img/s--default--/banner.png",
		"GET https://example.com/p/12345678/n/ 404",
		"GET https://objectstorage.us-phoenix-1.oraclecloud.com/n/acmecorp/b/public/o/logo.svg 200",
		"GET https://acct.blob.core.windows.net/c/b.txt?st=2026-01-01T00:00:00Z&se=2026-01-02T00:00:00Z&sp=r 403",
		"connection reset by peer",
		"please verify your email and confirm the invite",
		"GET /oauth/authorize?response_type=code&code_challenge_method=S256 200",
		"GET https://www.example.com/?s=password+reset&lang=en 200",
		"GET https://cdn.example.com/a.iso?h=9b8a7c6d5e4f30211a2b3c4d5e6f7081 200",
		"GET /blog?h=480&s=small 200",
	}
	requireWholeKept(t, nil, urls)
	for _, u := range urls {
		out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("request", "url", u) })
		require.False(t, strings.Contains(out, redact.DefaultMask), "masked in %q: %s", u, out)
	}
}

// TestSignedLinkValuesMasked: links whose token is a signed value with
// dots or colons, a slug before the route, a plural route before its
// verb, more routes that carry a token, and Rails' signed messages.
func TestSignedLinkValuesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"itsdangerous token",
			"GET https://notes.example.com/reset/WzQ3LCJrYXRlIl0.Z3Lq8w.Hn5Vx1Kq7Wz3Lm9Rb2Tp6Yd4 200",
			[]string{"Hn5Vx1Kq7Wz3Lm9Rb2Tp6Yd4", "WzQ3LCJrYXRlIl0"}, []string{"notes.example.com/reset/", " 200"}},
		{"django signing colons",
			"GET /accounts/confirm-email/Nzc:1tQ4xz:Vp8Kw2Xn6Lq0Zr4Tm9Bh3Yc7Jd/ 302",
			[]string{"Vp8Kw2Xn6Lq0Zr4Tm9Bh3Yc7Jd", "1tQ4xz"}, []string{"/accounts/confirm-email/", "/ 302"}},
		{"slug before the route",
			"GET https://app.example.org/account-activation/Bq7Lx3Wz9Kn1Vr5Tm2Hp 200",
			[]string{"Bq7Lx3Wz9Kn1Vr5Tm2Hp"}, []string{"/account-activation/", " 200"}},
		{"plural route and verb",
			"Location: https://team.example.io/invitations/accept/Ys4Kq8Xw2Lz6Vn0Rt3Bm",
			[]string{"Ys4Kq8Xw2Lz6Vn0Rt3Bm"}, []string{"/invitations/accept/"}},
		{"share link",
			"GET https://files.example.com/share/Mx5Qz9Wk3Lv7Rn1Tb4Hy 200",
			[]string{"Mx5Qz9Wk3Lv7Rn1Tb4Hy"}, []string{"/share/", " 200"}},
		{"dashboard snapshot",
			"GET https://grafana.example.com/dashboard/snapshot/Lp6Wx0Kq4Zr8Vm2Tn5Bh 200",
			[]string{"Lp6Wx0Kq4Zr8Vm2Tn5Bh"}, []string{"/dashboard/snapshot/", " 200"}},
		{"sign-in link",
			"sent https://app.example.com/signin/Rw2Xq6Lk0Zn4Vt8Bm3Hp to the user",
			[]string{"Rw2Xq6Lk0Zn4Vt8Bm3Hp"}, []string{"/signin/", " to the user"}},
		{"rails signed blob id",
			"GET /rails/active_storage/blobs/redirect/eyJfcmFpbHMiOnsiZGF0YSI6NDIsInB1ciI6ImJsb2JfaWQifX0=--1f2e3d4c5b6a79880f1e2d3c4b5a69788f7e6d5c/report.pdf 302",
			[]string{"eyJfcmFpbHMiOnsiZGF0YSI6NDIsInB1ciI6ImJsb2JfaWQifX0", "1f2e3d4c5b6a79880f1e2d3c4b5a69788f7e6d5c"}, []string{"/blobs/redirect/", "/report.pdf 302"}},
		{"rails marshal cookie",
			"restored remember_user=BAhbB1sGaQdJIiIkMmEkMTEkUXc4ZUw3BjoGRVQ%3D--9a8b7c6d5e4f30211a2b3c4d5e6f708192a3b4c5 for user 42",
			[]string{"BAhbB1sGaQdJIiIkMmEkMTEkUXc4ZUw3BjoGRVQ", "9a8b7c6d5e4f30211a2b3c4d5e6f708192a3b4c5"}, []string{"restored remember_user=", " for user 42"}},
	})
	requireWholeKept(t, nil, []string{
		"GET /api/v2/invitations/6a0c8e2f-4b1d-4f3a-9c7e-2d5b8f1a3c6e 200",
		"GET /invites/9f3b7d1e-5a2c-4e8f-b6d0-1c4a7e9b2f5d/status 200",
		"GET /static/login/app.4be17a.min.js 200",
		"GET /share/readme 200",
		"GET https://example.com/account-activation/pending 200",
		"GET /docs/login/oauth2-setup 200",
		"GET /reset/styles.7c9a1e3f5b2d4a6c8e0f.css 200",
	})
}

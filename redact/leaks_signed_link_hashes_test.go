package redact_test

import "testing"

// TestSignedLinkHashesMasked: the signature of a signed link under the
// name hash= beside its expiry or signing time (Symfony's login links,
// Laravel-style routes, Telegram's login payload), and Symfony's
// UriSigner's _hash= with or without its _expiration=, in standard
// base64 percent-encoded too.
func TestSignedLinkHashesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"login link hash after expires",
			"GET /login_check?user=dana%40shop.test&expires=1801353600&hash=Rb7Lq2Wx9Kz4Tm1Vn6Hc3Ys8Jd5Pf0Ga 302",
			[]string{"Rb7Lq2Wx9Kz4Tm1Vn6Hc3Ys8Jd5Pf0Ga"}, []string{"user=dana%40shop.test&expires=1801353600&hash=", " 302"}},
		{"hex hash before expires",
			"redirect to https://shop.test/unsubscribe/311?hash=0d9f7b5a3c1e2f4a6b8c0d2e4f6a8b1c3d5e7f90&expires=1801353600 done",
			[]string{"0d9f7b5a3c1e2f4a6b8c0d2e4f6a8b1c3d5e7f90"}, []string{"unsubscribe/311?hash=", "&expires=1801353600 done"}},
		{"hash beside expires_at",
			"GET /exports/q3.csv?expires_at=1801353600&Hash=Xe4Mn8Qv2Lk6Wr0Tb3Hz7Yp1Cd 200",
			[]string{"Xe4Mn8Qv2Lk6Wr0Tb3Hz7Yp1Cd"}, []string{"q3.csv?expires_at=1801353600&Hash=", " 200"}},
		{"telegram login payload",
			"GET /auth/telegram?id=55120931&first_name=Ann&auth_date=1764720000&hash=7e2c4a6f8b0d1e3a5c7f9b2d4e6a8c0f1b3d5e7a9c2e4f6b8d0a1c3e5f7b9d2a 200",
			[]string{"7e2c4a6f8b0d1e3a5c7f9b2d4e6a8c0f1b3d5e7a9c2e4f6b8d0a1c3e5f7b9d2a"}, []string{"first_name=Ann&auth_date=", "&hash=", " 200"}},
		{"symfony uri signer",
			"GET https://shop.test/_fragment?_path=_format%3Dhtml%26_locale%3Den&_hash=Jq3Wz8Lx1Vk5Rn9Tb2Hm6Yc4Pd7Gs0Fa%2BE%2FQ%3D 200",
			[]string{"Jq3Wz8Lx1Vk5Rn9Tb2Hm6Yc4Pd7Gs0Fa", "E%2FQ%3D"}, []string{"_fragment?_path=_format%3Dhtml%26_locale%3Den&_hash=", " 200"}},
		{"symfony uri signer with expiration",
			"link https://shop.test/orders/88/invoice?_expiration=1801353600&_hash=Wm5Xc9Bq2Kv7Lz4Nd8Tr1Hs6Gf3Jp0Ey ready",
			[]string{"Wm5Xc9Bq2Kv7Lz4Nd8Tr1Hs6Gf3Jp0Ey"}, []string{"invoice?_expiration=1801353600&_hash=", " ready"}},
	})
	requireWholeKept(t, nil, []string{
		"GET https://git.example.org/acme/api/commit?hash=4b8d2f6a0c1e3a5b7d9f1c3e5a7b9d0f2e4a6c8b 200",
		"GET /search?q=tea&hash=Rb7Lq2Wx9Kz4Tm1Vn6Hc3Ys8Jd5 200",
		"GET /page?hash=section-2&expires=never 200",
		"GET /assets/app.js?_hash=v31 200",
		"build hash=4b8d2f6a0c1e3a5b7d9f1c3e5a7b9d0f2e4a6c8b expires=1801353600",
		"GET /docs?timestamp=1801353600&hash=intro 200",
	})
}

// TestCalendarSecretAddressesMasked: a calendar's secret address in iCal
// format grants read access to every event; its key after "private-" is
// masked, the calendar's path and feed kept.
func TestCalendarSecretAddressesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"google basic feed",
			"sync https://calendar.google.com/calendar/ical/ops%40acme.example/private-7d1e5a9c3b0f4e6a8d2c1b5f9e3a7c0d/basic.ics failed: 404",
			[]string{"7d1e5a9c3b0f4e6a8d2c1b5f9e3a7c0d"}, []string{"/calendar/ical/ops%40acme.example/private-", "/basic.ics failed: 404"}},
		{"full feed in a request line",
			"GET /calendar/ical/c_9a8b%40group.calendar.google.com/private-4c2e0a8f6d4b2e0c8a6f4d2b/full.ics 200",
			[]string{"4c2e0a8f6d4b2e0c8a6f4d2b"}, []string{"/private-", "/full.ics 200"}},
	})
	requireWholeKept(t, nil, []string{
		"GET https://files.example.net/private-docs/holidays.ics 200",
		"GET https://files.example.net/share/private-7d1e5a9c3b0f4e6a/notes.txt 200",
		"GET /calendar/ical/ops%40acme.example/public/basic.ics 200",
	})
}

package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestBareKeyRandomValuesMasked: under a key that is only "key", a value
// that looks generated (letters of both cases and digits, 16 bytes or
// more, no separator) is masked, as an attr's value, in a map, and in
// text as logfmt, JSON and an assignment.
func TestBareKeyRandomValuesMasked(t *testing.T) {
	for _, key := range []string{"key", "KEY", "Key"} {
		for _, val := range []string{"Tn4wQ8zLc2XpR7vB", "h9GkW2mQx5TzL8rNc3VbY6sD", "Zq3Lw8Rm5Tx2Vn7K=="} {
			t.Run("attr "+key+" "+val, func(t *testing.T) {
				for mode, out := range runModes(t, nil, func(l *slog.Logger) {
					l.Info("cache put", key, val, "tenant", "acme")
					l.Info("nested", "req", map[string]any{key: val, "id": 7})
				}) {
					for _, b := range out.redacted {
						require.NotContains(t, b.String(), val, "%s leaked", mode)
						require.Contains(t, b.String(), "acme", "%s", mode)
					}
				}
			})
		}
	}
	requireEveryMode(t, []textCase{
		{"assignment upper case", "KEY=Rb7nX2qLm9WcT4vZ", []string{"Rb7nX2qLm9WcT4vZ"}, []string{"KEY="}},
		{"logfmt between pairs", "level=info key=Hp3sK9wQz6LtV1nM user=ops", []string{"Hp3sK9wQz6LtV1nM"}, []string{"level=info key=", " user=ops"}},
		{"json text", `{"key":"Mc8vT3qWz5Lx2NpR","region":"eu-west-1"}`, []string{"Mc8vT3qWz5Lx2NpR"}, []string{"key", "eu-west-1"}},
		{"colon and a blank", "Key: Yd2fR8mKq4WzN6tB", []string{"Yd2fR8mKq4WzN6tB"}, []string{"Key: "}},
	})
}

// TestBareKeyOrdinaryValuesKept: what is logged under a bare key every
// day, which no secret is.
func TestBareKeyOrdinaryValuesKept(t *testing.T) {
	vals := []string{
		"user:42:profile",
		"orders/2024/01.csv",
		"sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
		"7d444840-9dc0-11d1-b245-5ffdce74fad2",
		"4e6a8c0b2d1f3a5c7e9b0d2f4a6c8e1b",
		"5D41402ABC4B2A76B9719D911017C592",
		"UHJvZmlsZVNldHRpbmdz",
		"ProfileSettings2024",
		"userCacheV2Primary",
		"HTTPServerConfig2026",
		"tenant-42.settings",
		"Qx7vR2mZ",
		"inv_2026_11_30_00042",
		"ABCDEFGH12345678",
		"abcdefgh12345678",
	}
	for _, val := range vals {
		t.Run("attr "+val, func(t *testing.T) {
			log := func(l *slog.Logger) { l.Info("cache put", "key", val) }
			for mode, out := range runModes(t, nil, log) {
				for _, b := range out.redacted {
					require.Contains(t, b.String(), val, "%s", mode)
					require.NotContains(t, b.String(), redact.DefaultMask, "%s", mode)
				}
			}
		})
	}
	var texts []string
	for _, val := range vals {
		texts = append(texts, "key="+val, "bucket=assets key="+val+" size=20480", `{"key":"`+val+`"}`)
	}
	requireWholeKept(t, nil, texts)
}

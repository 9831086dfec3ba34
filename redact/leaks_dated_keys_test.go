package redact_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestDatedKeysKeepTimes: a key that names when something happened to a
// secret (auth_date, token_ts) keeps a number or a timestamp under it,
// and still masks anything else.
func TestDatedKeysKeepTimes(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"telegram login auth_date=1781234567 hash ok",
		"token_ts=1781234567.125 refreshed",
		"secret_date: 2027-03-14 08:15:00",
		"password_date=2027-03-14T08:15:00Z",
		"api_key_epoch=1781234567",
	})
	requireEveryMode(t, []textCase{
		{"auth_date with a token", "callback auth_date=Rk5Wq8Nz2Lx7Tb4Hm9 done",
			[]string{"Rk5Wq8Nz2Lx7Tb4Hm9"}, []string{"auth_date=", " done"}},
		{"token_ts with a token", "token_ts: Vq3Lm8Xz1Kw6Rn4Tb done",
			[]string{"Vq3Lm8Xz1Kw6Rn4Tb"}, []string{"token_ts: ", " done"}},
	})
	for _, key := range []string{"auth_date", "token_ts", "secret_timestamp", "password_epoch"} {
		t.Run("attr "+key, func(t *testing.T) {
			when := time.Date(2027, 3, 14, 8, 15, 0, 0, time.UTC)
			out := handlerOutput(t, nil, func(l *slog.Logger) {
				l.Info("login", key, 1781234567, "at", slog.GroupValue(slog.Time(key, when), slog.String(key, "2027-03-14T08:15:00Z")))
			})
			require.Contains(t, out, "1781234567")
			require.Contains(t, out, "2027-03-14T08:15:00")
			require.NotContains(t, out, "[REDACTED]")
			out = handlerOutput(t, nil, func(l *slog.Logger) { l.Info("login", key, "Gz4Kw9Lq2Xv7Nb1Rt5") })
			require.NotContains(t, out, "Gz4Kw9Lq2Xv7Nb1Rt5")
		})
	}
}

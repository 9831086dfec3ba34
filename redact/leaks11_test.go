package redact_test

import (
	"errors"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// wholePlacements log a string whole: as an attr's value, as the message
// and as an error's text (a value that ends its line stays at the end).
var wholePlacements = map[string]func(*slog.Logger, string){
	"attr":    func(l *slog.Logger, s string) { l.Info("loaded", "detail", s) },
	"message": func(l *slog.Logger, s string) { l.Info(s) },
	"error":   func(l *slog.Logger, s string) { l.Error("failed", "err", errors.New(s)) },
}

// requireWholeCases is requireTextCases with wholePlacements.
func requireWholeCases(t *testing.T, rules []redact.Rule, cases []textCase) {
	t.Helper()
	for _, tc := range cases {
		for where, place := range wholePlacements {
			t.Run(tc.name+"/"+where, func(t *testing.T) {
				out := handlerOutput(t, rules, func(l *slog.Logger) { place(l, tc.text) })
				for _, s := range tc.secrets {
					require.NotContains(t, out, s)
				}
				require.Contains(t, out, redact.DefaultMask)
				for _, k := range tc.keep {
					require.Contains(t, out, k)
				}
			})
		}
	}
}

// requireWholeKept checks that each string reaches the output unchanged
// in every one of wholePlacements.
func requireWholeKept(t *testing.T, rules []redact.Rule, texts []string) {
	t.Helper()
	for _, s := range texts {
		for where, place := range wholePlacements {
			t.Run(s+"/"+where, func(t *testing.T) {
				log := func(l *slog.Logger) { place(l, s) }
				require.Equal(t, plainOutput(log), handlerOutput(t, rules, log))
			})
		}
	}
}

// TestVaultUnsealKeysMasked: what vault operator init prints, as text and
// as JSON, and its keys as attrs.
func TestVaultUnsealKeysMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"init text", "Unseal Key 1: q3Vx8TmZ0aLr7pWkNc2bYf5dHs9gJe4uKi6oPl1nMwA=\nUnseal Key 2: Rz5Kt7WvXb0cNd2Fh4Jm6Lp8Qs1Tu3Yw5Ae7Gi9Ko0=\nInitial Root Token: hvs.T4eQm9Zk2LrWx7",
			[]string{"q3Vx8TmZ0aLr7pWk", "Rz5Kt7WvXb0cNd2F", "T4eQm9Zk2LrWx7"}, []string{"Unseal Key 1: ", "Unseal Key 2: ", "Initial Root Token: "}},
		{"recovery key", "Recovery Key 3: Pw2Ls9Dk4Hq7Vn1Zc6Xb8Mf3Jt5Gr0Ye",
			[]string{"Pw2Ls9Dk4Hq7Vn1Zc6Xb8Mf3Jt5Gr0Ye"}, []string{"Recovery Key 3: "}},
		{"numbered password", "password 2 = Hq4Ws8Ze1Rx6", []string{"Hq4Ws8Ze1Rx6"}, []string{"password 2 = "}},
		{"init json", `{"unseal_keys_b64":["Fd8Ql2Xs5Vc9Bn3Mk7Jh1Gt4Ry6Ue0Ia=","Lo3Kj8Hg2Fd6Sa9Qw1Er5Ty7Ui4Op0Zx="],"unseal_keys_hex":["9c1e77ab03f45e6d"],"unseal_shares":5,"unseal_threshold":3,"recovery_keys_b64":["Nb5Vc8Xz2Lk6Jh9Gf3Ds7Ap1Qw4Er0Ty="]}`,
			[]string{"Fd8Ql2Xs5Vc9Bn3M", "Lo3Kj8Hg2Fd6Sa9Q", "9c1e77ab03f45e6d", "Nb5Vc8Xz2Lk6Jh9G"}, []string{`unseal_shares\":5`, `unseal_threshold\":3`}},
	})
	for _, key := range []string{"unseal_keys_b64", "unseal_keys_hex", "recovery_keys_b64", "UnsealKey", "recovery-key"} {
		t.Run("attr "+key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("init", key, "Wm4Xn7Bq2Kv9Lc5Z") })
			require.NotContains(t, out, "Wm4Xn7Bq2Kv9Lc5Z")
		})
	}
	requireWholeKept(t, nil, []string{
		"Unseal Progress: 2/3",
		"Key Shares: 5",
		"Step 1: unseal the vault",
		"unseal_shares=5 unseal_threshold=3",
		"Key 1: a1b2c3",
		"build 2: Hq4Ws8Ze1Rx6",
	})
}

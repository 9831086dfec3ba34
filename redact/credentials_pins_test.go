package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestCredentialsSignInPINs: the PIN a user signs in or unlocks a device
// with, and the French abbreviation of a password, are credentials under
// their keys and as pairs in text; a GPIO pin, a pinned version and the
// count of PIN attempts are kept.
func TestCredentialsSignInPINs(t *testing.T) {
	creds := []redact.Rule{redact.Credentials}
	requireKeyed(t, creds, []keyedCase{
		{"unlock_pin", "483920", true},
		{"userPIN", "483921", true},
		{"loginPin", "4839", true},
		{"device_pin", "748201", true},
		{"atm_pin", "7391", true},
		{"mdp", "Kt6Hq2Lw8Zr1", true},
		{"MDP_ADMIN", "Kt6Hq2Lw8Zr2", true},
		{"user_pin_attempts", "3", false},
		{"gpio_pin", "17", false},
		{"pinned_version", "1.2.3", false},
	})
	requireModesMasked(t, creds, []textCase{
		{"unlock pin pair", "unlock_pin=483922 accepted", []string{"483922"}, []string{"unlock_pin=", " accepted"}},
		{"mdp pair", "connexion: mdp: Kt6Hq2Lw8Zr5 refusé", []string{"Kt6Hq2Lw8Zr5"}, []string{"connexion: mdp: "}},
		{"json", `{"user":"bob","userPin":"483923"}`, []string{"483923"}, []string{"user", "bob", "userPin"}},
	})
}

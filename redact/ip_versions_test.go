package redact_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// ipPresets are the presets with the IP-address detector.
var ipPresets = [][]redact.Rule{{redact.HIPAA}, {redact.GDPR}, {redact.CCPA}}

// TestFourPartVersionsKept: a version of four numbers written like an
// address after a word that names a version, a build or a release (also
// abbreviated with a full stop, or ending in "version"), or after the name
// of the application, kit, runtime, browser, database or system it
// versions, is no IP address under any preset.
func TestFourPartVersionsKept(t *testing.T) {
	requireOrdinaryKept(t, []string{
		"deployed app 4.2.0.17 to prod",
		"app 4.2.0.17",
		"mobile build: app 6.14.2.201",
		"Firefox 115.0.2.1 ESR",
		"dotnet runtime 8.0.1.23",
		"AssemblyVersion 1.0.0.0",
		"FileVersion=10.0.19041.1 ProductVersion=10.0.19041.1",
		"SDK 34.0.0.1",
		"postgres 16.1.0.1 accepting connections",
		"mysql 8.0.35.0 started",
		"ver. 2.0.0.5",
		"Rev. 3.4.5.6 approved",
		"released 2.3.4.5 yesterday",
		"firmware: 3.1.0.22 installed",
		"fw=4.4.1.9",
		"upgraded 7.49.1.2 in place",
		`{"appVersion":"4.2.0.17","os":"android"}`,
		"kernel 5.15.0.91 loaded",
		"windows 10.0.22631.2861",
		"java 21.0.1.12 LTS",
		"v4.2.0.17 and V4.2.0.18",
		"agent/4.2.0.17 (linux)",
		"datadog agent 7.49.1.2 started",
	})
}

// TestFourPartVersionsUnderVersionKeys: a dotted quad alone under a key
// whose last word names a version (or its number: build_number) is
// written as it is under every preset with the IP-address detector; an
// address under a key whose last word names anything else, a client's
// above all, is still masked, and so is one that a version key holds
// beside other text.
func TestFourPartVersionsUnderVersionKeys(t *testing.T) {
	for _, rules := range ipPresets {
		requireKeyed(t, rules, []keyedCase{
			{"version", "4.2.0.17", false},
			{"app_version", "4.2.0.17", false},
			{"appVersion", "203.0.113.17", false},
			{"APP_VERSION", "198.51.100.4", false},
			{"build", "1.22.3.4", false},
			{"buildNumber", "2024.1.15.3", false},
			{"build_no", "52.1.0.4", false},
			{"release", "3.2.1.0", false},
			{"fileVersion", "10.0.19041.1", false},
			{"firmware_rev", "3.1.0.22", false},
			{"agent.version", "7.49.1.2", false},
			{"client_ip", "203.0.113.9", true},
			{"build_host_ip", "203.0.113.10", true},
			{"version_check_peer", "198.51.100.11", true},
			{"remote", "198.51.100.12", true},
			{"version", "from 203.0.113.13", true},
			{"build", "203.0.113.14:443", true},
		})
	}
}

// TestAddressesAfterOtherWordsMasked: an address after a word that names
// no version, or after a version word that is part of another word, is
// still masked in every deployment.
func TestAddressesAfterOtherWordsMasked(t *testing.T) {
	for _, rules := range ipPresets {
		requireModesMasked(t, rules, []textCase{
			{"client", "client 203.0.113.77 blocked", []string{"203.0.113.77"}, []string{"client ", " blocked"}},
			{"peer", "peer=198.51.100.23 reset", []string{"198.51.100.23"}, []string{"peer=", " reset"}},
			{"after a version's number", "v2 from 203.0.113.78 denied", []string{"203.0.113.78"}, []string{"v2 from ", " denied"}},
			{"word ending in app", "whatsapp 203.0.113.79 login", []string{"203.0.113.79"}, []string{"whatsapp ", " login"}},
			{"rebuild host", "rebuilding 203.0.113.80 now", []string{"203.0.113.80"}, []string{"rebuilding ", " now"}},
			{"release note about a user", "release blocked for 203.0.113.81", []string{"203.0.113.81"}, []string{"release blocked for "}},
			{"quoted client", `"client":"203.0.113.82"`, []string{"203.0.113.82"}, []string{"client"}},
		})
	}
}

// TestFourPartVersionsInMapsAndStructs: a version under a map's key or a
// struct's field that names a version is kept under every preset with
// the IP-address detector, also without the card-number detector
// (HIPAA); an address under a sibling key is still masked.
func TestFourPartVersionsInMapsAndStructs(t *testing.T) {
	type build struct {
		Version  string
		ClientIP string `json:"client_ip"`
	}
	for _, rules := range ipPresets {
		t.Run(rules[0].Name, func(t *testing.T) {
			var mw bytes.Buffer
			l := slog.New(redact.NewHandler(slog.NewJSONHandler(&mw, &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}), redact.Must(rules...)))
			l.Info("m", "app", map[string]any{"version": "4.2.0.17", "client_ip": "203.0.113.21"})
			l.Info("m", "release", map[string]string{"build_number": "1.22.3.4", "peer": "203.0.113.22"})
			l.Info("m", "deploy", build{Version: "7.49.1.2", ClientIP: "203.0.113.23"})
			l.Info("m", slog.Group("agent", "fw_version", "3.1.0.22", "remote", "203.0.113.24"))
			out := mw.String()
			for _, v := range []string{`"version":"4.2.0.17"`, `"build_number":"1.22.3.4"`, `"Version":"7.49.1.2"`, `"fw_version":"3.1.0.22"`} {
				require.Contains(t, out, v)
			}
			for _, ip := range []string{"203.0.113.21", "203.0.113.22", "203.0.113.23", "203.0.113.24"} {
				require.NotContains(t, out, ip)
			}
		})
	}
}

// TestAddressesAfterMachineWordsMasked: words that name a machine or a
// network as often as software (node, edge, net) do not make the address
// after them a version.
func TestAddressesAfterMachineWordsMasked(t *testing.T) {
	for _, rules := range ipPresets {
		requireModesMasked(t, rules, []textCase{
			{"node", "node 203.0.113.31 joined", []string{"203.0.113.31"}, []string{"node ", " joined"}},
			{"edge", "edge 203.0.113.32 served", []string{"203.0.113.32"}, []string{"edge ", " served"}},
			{"net", "net 203.0.113.33 blocked", []string{"203.0.113.33"}, []string{"net ", " blocked"}},
		})
	}
}

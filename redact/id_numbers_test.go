package redact_test

import (
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

// TestIDNumbersUnderIDKeys: an id that happens to pass the Luhn check is
// written as it is under a key that names an id, a count or a time, as a
// string as well as an integer, in every way redaction runs; the same
// number under a key of a card, or a key that says nothing, is masked.
func TestIDNumbersUnderIDKeys(t *testing.T) {
	ids := []string{"4812736509182738", "52039184762019386", "621048392017465822", "4917302846195730280", "6011938472610380"}
	keptKeys := []string{"order_id", "trace_id", "snowflake", "event_id", "invoiceId", "txn-id", "created_ts", "cursor"}
	maskedKeys := []string{"card", "pan", "card_number", "card_id", "cc_ref", "creditRef", "detail", "value"}
	for _, rules := range [][]redact.Rule{{redact.PCIDSS}, {redact.Credentials, redact.GDPR}, {redact.CCPA}} {
		for _, id := range ids {
			for _, key := range keptKeys {
				logs := map[string]func(*slog.Logger){
					"attr":  func(l *slog.Logger) { l.Info("paid", key, id) },
					"group": func(l *slog.Logger) { l.Info("paid", slog.Group("order", key, id)) },
					"map":   func(l *slog.Logger) { l.Info("paid", "order", map[string]any{key: id}) },
					"with":  func(l *slog.Logger) { l.With(key, id).Info("paid") },
				}
				for where, log := range logs {
					t.Run(rules[len(rules)-1].Name+"/kept/"+key+"/"+where+"/"+id, func(t *testing.T) {
						for mode, out := range runModes(t, rules, log) {
							for _, b := range out.redacted {
								require.Contains(t, b.String(), id, "%s masked an id", mode)
								require.NotContains(t, b.String(), redact.DefaultMask, "%s", mode)
							}
						}
					})
				}
			}
			for _, key := range maskedKeys {
				logs := map[string]func(*slog.Logger){
					"attr":  func(l *slog.Logger) { l.Info("paid", key, id) },
					"group": func(l *slog.Logger) { l.Info("paid", slog.Group("payment", key, id)) },
					"map":   func(l *slog.Logger) { l.Info("paid", "payment", map[string]any{key: id}) },
				}
				for where, log := range logs {
					t.Run(rules[len(rules)-1].Name+"/masked/"+key+"/"+where+"/"+id, func(t *testing.T) {
						for mode, out := range runModes(t, rules, log) {
							for _, b := range out.redacted {
								require.NotContains(t, b.String(), id, "%s leaked a card number", mode)
							}
						}
					})
				}
			}
		}
	}
}

// TestIDNumbersOtherDetectorsStillRead: a key that names an id keeps a
// number only from the card-number detector: a detector of the caller's
// own that finds it still masks it, and a card number written with
// separators or next to other text under the key is still masked.
func TestIDNumbersOtherDetectorsStillRead(t *testing.T) {
	own := redact.Rule{Name: "ledger", Detectors: []redact.Detector{redact.DetectorFunc("ledger", func(s string) [][2]int {
		if len(s) >= 4 && s[:4] == "4812" {
			return [][2]int{{0, len(s)}}
		}
		return nil
	})}}
	for mode, out := range runModes(t, []redact.Rule{redact.PCIDSS, own}, func(l *slog.Logger) { l.Info("paid", "order_id", "4812736509182738") }) {
		for _, b := range out.redacted {
			require.NotContains(t, b.String(), "4812736509182738", "%s", mode)
		}
	}
	for _, v := range []string{"4812 7365 0918 2738", "4812-7365-0918-2738", "id 4812736509182738", "4812736509182738 "} {
		for mode, out := range runModes(t, []redact.Rule{redact.PCIDSS}, func(l *slog.Logger) { l.Info("paid", "order_id", v) }) {
			for _, b := range out.redacted {
				require.NotContains(t, b.String(), "0918", "%s: %q", mode, v)
			}
		}
	}
}

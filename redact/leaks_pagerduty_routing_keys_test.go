package redact_test

import (
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestPagerDutyRoutingKeysMasked: PagerDuty's Events API takes its
// integration key as routing_key (32 letters and digits), in a JSON body,
// a query string, logfmt and as an attr; a message queue's routing key
// under the same name is kept.
func TestPagerDutyRoutingKeysMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"json body",
			`POST https://events.pagerduty.com/v2/enqueue body={"routing_key":"c41e8a7f02b94d6e9a3f57b1d08e2c6a","event_action":"trigger","payload":{"summary":"disk full"}}`,
			[]string{"c41e8a7f02b94d6e9a3f57b1d08e2c6a"}, []string{"event_action", "disk full"}},
		{"query string",
			"GET https://events.pagerduty.com/v2/enqueue?routing_key=R02KX8M4QW7TN1B5Z9C3V6H0J2L8P4D7&dedup_key=db-7 202",
			[]string{"R02KX8M4QW7TN1B5Z9C3V6H0J2L8P4D7"}, []string{"dedup_key=db-7 202"}},
		{"logfmt",
			"level=warn pagerduty routing_key=5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a action=resolve",
			[]string{"5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a"}, []string{"action=resolve"}},
		{"yaml",
			"receivers:\n- name: oncall\n  pagerduty_configs:\n  - routing_key: 0f2e4d6c8b0a1f3e5d7c9b1a3f5e7d9c\n    severity: critical",
			[]string{"0f2e4d6c8b0a1f3e5d7c9b1a3f5e7d9c"}, []string{"severity: critical"}},
	})
	for _, key := range []string{"routing_key", "routingKey", "RoutingKey", "pagerduty.routing-key"} {
		t.Run("attr "+key, func(t *testing.T) {
			for name, out := range placementOutputs(nil, func(l *slog.Logger) { l.Info("alert", key, "a8c6e4f20b1d3f5a7c9e1b3d5f7a9c2e") }) {
				require.NotContains(t, out, "a8c6e4f20b1d3f5a7c9e1b3d5f7a9c2e", name)
				require.Contains(t, out, redact.DefaultMask, name)
			}
		})
	}
	t.Run("struct", func(t *testing.T) {
		type event struct {
			RoutingKey  string `json:"routing_key"`
			EventAction string `json:"event_action"`
		}
		for name, out := range placementOutputs([]redact.Rule{redact.Credentials, redact.PCIDSS}, func(l *slog.Logger) {
			l.Info("send", "event", event{"e5f7a9c1b3d5f7a9c1e3b5d7f9a1c3e5", "trigger"})
		}) {
			require.NotContains(t, out, "e5f7a9c1b3d5f7a9c1e3b5d7f9a1c3e5", name)
			require.Contains(t, out, "trigger", name)
		}
	})
}

// TestMessageQueueRoutingKeysKept: AMQP's and Celery's routing keys name
// queues and topics, no secret.
func TestMessageQueueRoutingKeysKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		`{"exchange":"orders","routing_key":"order.created","delivery_mode":2}`,
		"publish exchange=events routing_key=billing.invoice.paid size=412",
		"task_default_routing_key = 'tasks.default'",
		"bind queue=audit routing_key=audit.# ok",
		"routingKey: user.signup.v2",
		"routing_key=5b7d9f1a3c5e",
	})
	for _, v := range []string{"order.created", "#", "eu.orders.*", "9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9"} {
		t.Run("attr "+v, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("publish", "routing_key", v) })
			b, err := json.Marshal(v)
			require.NoError(t, err)
			require.Contains(t, out, string(b))
		})
	}
}

package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// conforming returns options that satisfy every preset's configuration
// needs, through an OpenFile with group commit and the given retention.
func conforming(t *testing.T, retention time.Duration) (*File, []Option) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	af, err := OpenFile(filepath.Join(t.TempDir(), "audit.log"), WithRetention(retention))
	require.NoError(t, err)
	t.Cleanup(func() { af.Close() })
	red := redact.Must(redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR)
	return af, []Option{WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(io.Discard, 100, 0), WithRedactor(red)}
}

func TestPresetsCheckConfiguration(t *testing.T) {
	for name, p := range Policies {
		t.Run(name, func(t *testing.T) {
			retention := 7 * year
			if p.Retention.Ceiling > 0 {
				retention = p.Retention.Ceiling
			}
			af, opts := conforming(t, retention)
			_, err := af.Handler(append(opts, WithPolicy(p))...)
			require.NoError(t, err, "a conforming configuration must pass %s", name)

			// Nothing configured: every configuration rule is reported, each
			// naming the option and the clause.
			bare, err := OpenFile(filepath.Join(t.TempDir(), "audit.log"), WithFileSync(SyncNever()))
			require.NoError(t, err)
			defer bare.Close()
			_, err = bare.Handler(WithPolicy(p), WithRedactor(slogcore.NoRedaction))
			if len(p.Config) == 0 && p.Retention.Ceiling == 0 {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			require.True(t, errors.Is(err, ErrPolicy))
			for _, c := range p.Config {
				require.Contains(t, err.Error(), c.Clause)
			}
			wantOptions := map[Need]string{NeedHMACKey: "WithKey", NeedSignedCheckpoints: "WithSigner and WithCheckpoints",
				NeedDurableSync: "SyncEachRecord or SyncGroup", NeedRedaction: "WithRedactor"}
			for _, c := range p.Config {
				require.Contains(t, err.Error(), wantOptions[c.Need])
			}
			if p.Retention.Ceiling > 0 {
				require.Contains(t, err.Error(), "WithRetention to at most")
			}
			require.Equal(t, len(p.Config)+btoi(p.Retention.Ceiling > 0), strings.Count(err.Error(), ErrPolicy.Error()),
				"one message per problem: %v", err)
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestRetentionFloorChecked(t *testing.T) {
	af, opts := conforming(t, 30*24*time.Hour)
	_, err := af.Handler(append(opts, WithPolicy(PCIDSS))...)
	require.ErrorContains(t, err, "PCI DSS 10.5.1")
}

func TestCombine(t *testing.T) {
	p, err := Combine(PCIDSS, HIPAA)
	require.NoError(t, err)
	require.Equal(t, 6*year, p.Retention.Floor)
	require.Len(t, p.Forbidden, 2)
	require.True(t, p.Monotonic)
	_, err = Combine(SOX, GDPR)
	require.ErrorContains(t, err, "retention floor")
	require.ErrorContains(t, err, "sox")
	require.ErrorContains(t, err, "gdpr")
}

func auditLines(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var m map[string]any
		require.NoError(t, json.Unmarshal(l, &m))
		out = append(out, m)
	}
	return out
}

func TestRuntimeAnnotate(t *testing.T) {
	var buf bytes.Buffer
	var seen []Violation
	red := redact.Must(redact.Credentials) // no PCI preset: the PAN stays
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithPolicy(Policy{Name: "t", Required: PCIDSS.Required, Forbidden: PCIDSS.Forbidden}),
		WithRedactor(red), OnViolation(func(v Violation) { seen = append(seen, v) }))
	slog.New(h).Info("charge", Actor("u1"), Action(DataAccess), Outcome(Success), Resource("order/1"),
		slog.String("note", "card 4111 1111 1111 1111"))
	require.NoError(t, h.Close(context.Background()))
	lines := auditLines(t, buf.Bytes())
	rec := lines[1]
	vs := rec["audit_violations"].([]any)
	require.Len(t, vs, 2)
	require.Equal(t, "required:origin", vs[0].(map[string]any)["rule"])
	require.Equal(t, "unmasked:card-number", vs[1].(map[string]any)["rule"])
	require.NotContains(t, vs[1].(map[string]any)["detail"], "4111", "a violation must not repeat the value")
	require.Len(t, seen, 2)
	require.EqualValues(t, 1, h.Stats().Violations["unmasked:card-number"])
	verifyBuf(t, buf.Bytes(), VerifyOptions{}) // the annotation is hashed with the record
}

func TestRuntimeRedactedCardPasses(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithPolicy(Policy{Name: "t", Forbidden: PCIDSS.Forbidden}),
		WithRedactor(redact.Must(redact.Credentials, redact.PCIDSS)))
	slog.New(h).Info("charge", slog.String("note", "card 4111 1111 1111 1111"))
	require.NoError(t, h.Close(context.Background()))
	require.NotContains(t, buf.String(), "audit_violations")
	require.NotContains(t, buf.String(), "4111 1111")
}

func TestRuntimeStrict(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithPolicy(Basic), WithMode(Strict))
	err := h.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, "no actor", 0))
	var ve *ViolationError
	require.True(t, errors.As(err, &ve), "%v", err)
	require.Len(t, ve.Violations, 3)
	slog.New(h).Info("fine", Actor("u"), Action(ConfigChange), Outcome(Success))
	require.NoError(t, h.Close(context.Background()))
	lines := auditLines(t, buf.Bytes())
	require.Equal(t, MsgViolation, lines[1]["msg"])
	require.Equal(t, "no actor", lines[1]["refused"].(map[string]any)["msg"])
	require.Equal(t, "fine", lines[2]["msg"])
	for _, l := range lines {
		require.NotEqual(t, "no actor", l["msg"], "the refused record must not be written")
	}
	rep := verifyBuf(t, buf.Bytes(), VerifyOptions{Key: testKey})
	require.EqualValues(t, 4, rep.Records) // start, violation, fine, stop: the chain is intact
	require.EqualValues(t, 1, h.Stats().Refused)
}

func TestRuntimeClockBackwards(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithPolicy(Policy{Name: "t", Monotonic: true, MonotonicClause: "PCI DSS 10.6"}))
	now := time.Now()
	for _, ts := range []time.Time{now, now.Add(-time.Minute), now.Add(time.Second)} {
		require.NoError(t, h.Handle(context.Background(), slog.NewRecord(ts, slog.LevelInfo, "tick", 0)))
	}
	require.NoError(t, h.Close(context.Background()))
	require.EqualValues(t, 1, h.Stats().Violations["clock-backwards"])
	lines := auditLines(t, buf.Bytes())
	require.Nil(t, lines[1]["audit_violations"])
	require.NotNil(t, lines[2]["audit_violations"])
	require.Nil(t, lines[3]["audit_violations"])
}

// TestTrailSatisfiesPCIDSS: every Trail method, with an Origin, produces a
// record with no PCI DSS violation.
func TestTrailSatisfiesPCIDSS(t *testing.T) {
	// slog stamps records with time.Now() in the local zone; the UTC rule is
	// about the host's clock, not about Trail, so the records reach the
	// handler in UTC. (Setting time.Local instead races with every
	// goroutine of other tests that reads the clock.)
	af, opts := conforming(t, 2*year)
	h, err := af.Handler(append(opts, WithPolicy(PCIDSS), WithMode(Strict))...)
	require.NoError(t, err)
	tr := NewTrail(slog.New(inUTC{h}))
	ctx := context.Background()
	o := Origin("203.0.113.9", "curl/8")
	tr.Authentication(ctx, "u1", Success, o)
	tr.Authentication(ctx, "u1", Failure, o)
	tr.AuthorizationFailure(ctx, "u1", "admin/users", o)
	tr.DataAccess(ctx, "u1", "card/42", Success, o)
	tr.DataModification(ctx, "u1", "card/42", Success, o)
	tr.DataDeletion(ctx, "u1", "card/42", Success, o)
	tr.DataExport(ctx, "u1", "report/7", Success, o)
	tr.ConfigChange(ctx, "admin", "tls.min_version", Success, o)
	tr.CredentialChange(ctx, "u1", "u1", Success, o)
	tr.PrivilegeUse(ctx, "admin", "sudo", Success, o)
	tr.SecurityViolation(ctx, "unknown", "login", o)
	tr.AuditLogAccess(ctx, "auditor", "audit.log", Success, o)
	require.NoError(t, h.Close(ctx))
	require.Empty(t, h.Stats().Violations)
	require.Zero(t, h.Stats().Refused)
}

func TestRuntimeUTC(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithPolicy(Policy{Name: "t", UTC: true, UTCClause: "PCI DSS 10.6.1"}))
	berlin := time.Date(2026, 1, 1, 12, 0, 0, 0, time.FixedZone("CET", 3600))
	require.NoError(t, h.Handle(context.Background(), slog.NewRecord(berlin, slog.LevelInfo, "zoned", 0)))
	require.NoError(t, h.Handle(context.Background(), slog.NewRecord(berlin.UTC(), slog.LevelInfo, "utc", 0)))
	require.NoError(t, h.Close(context.Background()))
	require.EqualValues(t, 1, h.Stats().Violations["utc"])
	lines := auditLines(t, buf.Bytes())
	require.Equal(t, "2026-01-01T11:00:00Z", lines[1]["time"], "times are written in UTC")
}

// inUTC passes records on with their time in UTC.
type inUTC struct{ slog.Handler }

func (h inUTC) Handle(ctx context.Context, r slog.Record) error {
	r.Time = r.Time.UTC()
	return h.Handler.Handle(ctx, r)
}

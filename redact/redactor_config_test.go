package redact_test

import (
	"errors"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestRulesCombine: the smallest MaxDepth and MaxNodes of the rules win,
// in any order; a detector given by two rules runs once; masks must agree.
func TestRulesCombine(t *testing.T) {
	deep := slog.Group("a", slog.Group("b", slog.Group("c", slog.String("x", "1"))))
	wide := slog.Group("a", slog.String("1", "1"), slog.String("2", "2"), slog.String("3", "3"), slog.String("4", "4"))
	for _, rules := range [][]redact.Rule{
		{{Name: "a", Terms: []string{"pw"}, MaxDepth: 3, MaxNodes: 4}, {Name: "b", MaxDepth: 2, MaxNodes: 5}},
		{{Name: "b", MaxDepth: 2, MaxNodes: 5}, {Name: "a", Terms: []string{"pw"}, MaxDepth: 3, MaxNodes: 4}},
	} {
		r := redact.Must(rules...)
		out, _ := r.Attr(nil, deep)
		require.Equal(t, "a=[b=[c=[REDACTED]]]", out.String())
		out, _ = r.Attr(nil, wide)
		require.Equal(t, "a=[1=1 2=2 3=3 4=[REDACTED]]", out.String())
	}
	// Without limits of their own, rules keep the defaults.
	out, changed := redact.Must(redact.Rule{Name: "a", Terms: []string{"pw"}}).Attr(nil, deep)
	require.False(t, changed)
	require.Equal(t, "a=[b=[c=[x=1]]]", out.String())

	r := redact.Must(redact.ContactInfo, redact.GDPR) // both have the e-mail detector
	got, _ := r.String("mail a@example.com")
	require.Equal(t, "mail [REDACTED]", got)
	counts, _ := r.Counters()
	require.Equal(t, map[string]uint64{"email": 1}, counts)
	require.Equal(t, uint64(1), r.Total())

	r, err := redact.New(redact.Rule{Mask: "***"}, redact.Rule{Name: "a", Terms: []string{"pw"}, Mask: "***"})
	require.NoError(t, err, "two rules may set the same mask")
	require.Equal(t, "***", r.Mask())
	got, _ = r.String("pw=x")
	require.Equal(t, "pw=***", got)
}

// TestRedactorReports: Rules lists the named rules in order (a copy),
// Counters holds only names that masked something, and the counts add up.
func TestRedactorReports(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "a", Terms: []string{"pw"}}, redact.Rule{Name: "b", Terms: []string{"pin"}}, redact.Rule{Detectors: []redact.Detector{redact.DetectEmail}})
	names := r.Rules()
	require.Equal(t, []string{"a", "b"}, names)
	names[0] = "changed"
	require.Equal(t, []string{"a", "b"}, r.Rules())

	counts, panics := r.Counters()
	require.Empty(t, counts)
	require.Zero(t, panics)
	got, _ := r.String("pw=1 pw=2 mail x@example.com")
	require.Equal(t, "pw=[REDACTED] pw=[REDACTED] mail [REDACTED]", got)
	counts, _ = r.Counters()
	require.Equal(t, map[string]uint64{"a": 2, "email": 1}, counts)
	require.Equal(t, uint64(3), r.Total())
}

type panicError struct{}

func (panicError) Error() string { panic("broken Error") }

// TestOffAndNil: a nil Redactor and Disabled mask nothing and report
// nothing; SkipMessage leaves messages alone but not values; an error
// whose Error panics is written as the mask and counted.
func TestOffAndNil(t *testing.T) {
	for name, r := range map[string]*redact.Redactor{"nil": nil, "Disabled": redact.Disabled} {
		got, masked := r.String("password=hunter2")
		require.Equal(t, "password=hunter2", got, name)
		require.False(t, masked, name)
		require.Equal(t, "password=hunter2", r.Message("password=hunter2"), name)
		a, changed := r.Attr(nil, slog.String("password", "x"))
		require.Equal(t, "password=x", a.String(), name)
		require.False(t, changed, name)
		key, mask := r.Scalar(nil, "password", slog.StringValue("x"))
		require.Equal(t, "password", key, name)
		require.False(t, mask, name)
		require.False(t, r.ScansMessage(), name)
		counts, panics := r.Counters()
		require.Nil(t, counts, name)
		require.Zero(t, panics, name)
		require.Zero(t, r.Total(), name)
		require.Nil(t, r.Rules(), name)
	}
	require.True(t, redact.Disabled.Off())
	require.False(t, (*redact.Redactor)(nil).Off())
	require.False(t, redact.Must().Off())

	skip := redact.Must(redact.Credentials, redact.Rule{SkipMessage: true})
	require.False(t, skip.ScansMessage())
	require.Equal(t, "password=hunter2", skip.Message("password=hunter2"))
	got, _ := skip.String("password=hunter2")
	require.Equal(t, "password=[REDACTED]", got)
	scans := redact.Must(redact.Credentials)
	require.True(t, scans.ScansMessage())
	require.Equal(t, "password=[REDACTED]", scans.Message("password=hunter2"))

	text, scan := scans.ErrorText(panicError{})
	require.Equal(t, "[REDACTED]", text)
	require.False(t, scan)
	_, panics := scans.Counters()
	require.Equal(t, uint64(1), panics)
	text, scan = scans.ErrorText(errors.ErrUnsupported)
	require.Equal(t, errors.ErrUnsupported.Error(), text)
	require.True(t, scan)
}

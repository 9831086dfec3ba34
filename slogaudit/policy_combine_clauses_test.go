package slogaudit

import (
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestCombineKeepsEveryClause: a rule that several combined policies state
// names each of their clauses, in configuration errors and in violations,
func TestCombineKeepsEveryClause(t *testing.T) {
	bank := Policy{Name: "bank",
		Required:  []Required{{Attrs: []string{KeyActor, "branch"}, Clause: "Bank 4.1"}},
		Forbidden: []Forbidden{{Detector: redact.DetectSSN, Clause: "Bank 9"}},
		Config:    []ConfigRule{{Need: NeedHMACKey, Clause: "Bank 2.2"}},
		Monotonic: true, MonotonicClause: "Bank 6",
		UTC: true, UTCClause: "Bank 6.1"}
	clinic := Policy{Name: "clinic",
		Required:  []Required{{Attrs: []string{"branch", KeyResource}, Clause: "Clinic 11(a)"}},
		Forbidden: []Forbidden{{Detector: redact.DetectSSN, Clause: "Clinic 14"}},
		Config:    []ConfigRule{{Need: NeedHMACKey, Clause: "Clinic 3"}},
		Monotonic: true, MonotonicClause: "Clinic 8"}
	p, err := Combine(bank, clinic, bank)
	require.NoError(t, err)
	require.Equal(t, "Bank 9; Clinic 14", p.Forbidden[0].Clause)
	require.Equal(t, "Bank 2.2; Clinic 3", p.Config[0].Clause)
	require.Equal(t, "Bank 6; Clinic 8", p.MonotonicClause)
	require.Equal(t, "Bank 6.1", p.UTCClause)

	_, err = New(slog.DiscardHandler, WithPolicy(p))
	require.ErrorIs(t, err, ErrPolicy)
	require.Contains(t, err.Error(), "Bank 2.2; Clinic 3 requires it")
	require.Equal(t, 1, strings.Count(err.Error(), "set WithKey"), "one need, said once: %v", err)

	cfg := Policy{Name: p.Name, Required: p.Required, Forbidden: p.Forbidden, Monotonic: p.Monotonic, MonotonicClause: p.MonotonicClause}
	vs, _ := violationsOf(t, cfg, []Option{WithRedactor(redact.Must(redact.Credentials))}, func(l *slog.Logger) {
		l.Info("visit", slog.String("note", "ssn 078-05-1120"))
	})
	byRule := map[string]string{}
	for _, v := range vs {
		_, dup := byRule[v.Rule]
		require.False(t, dup, "rule %s reported twice: %+v", v.Rule, vs)
		byRule[v.Rule] = v.Clause
	}
	require.Equal(t, map[string]string{
		"required:actor":    "Bank 4.1",
		"required:branch":   "Bank 4.1; Clinic 11(a)",
		"required:resource": "Clinic 11(a)",
		"unmasked:ssn":      "Bank 9; Clinic 14",
	}, byRule)
}

// TestRetentionThatNothingSatisfies: a floor above the ceiling, whether
// from Combine or written in one policy, is one clear error that names
// both bounds in days or years, not two settings to change.
func TestRetentionThatNothingSatisfies(t *testing.T) {
	keep := Policy{Name: "archive", Retention: Retention{Floor: 3 * year, Clause: "Archive 1"}}
	limit := Policy{Name: "privacy", Retention: Retention{Ceiling: 400 * 24 * time.Hour, Clause: "Privacy 2"}}
	_, err := Combine(limit, keep)
	require.Error(t, err)
	for _, s := range []string{"3 years", "400 days", "archive (Archive 1)", "privacy (Privacy 2)"} {
		require.Contains(t, err.Error(), s)
	}

	both := Policy{Name: "muddled", Retention: Retention{Floor: 90 * 24 * time.Hour, Ceiling: 30 * 24 * time.Hour, Clause: "Muddled 5"}}
	af, err := OpenFile(filepath.Join(t.TempDir(), "audit.log"), WithRetention(60*24*time.Hour))
	require.NoError(t, err)
	defer af.Close()
	_, err = af.Handler(WithPolicy(both))
	require.True(t, errors.Is(err, ErrPolicy), "%v", err)
	require.Contains(t, err.Error(), "at least 90 days but at most 30 days")
	require.Contains(t, err.Error(), "Muddled 5")
	require.NotContains(t, err.Error(), "WithRetention", "no file setting can satisfy it: %v", err)

	// A floor the file does not keep names the bounds readably.
	af2, err := OpenFile(filepath.Join(t.TempDir(), "audit.log"), WithRetention(45*24*time.Hour))
	require.NoError(t, err)
	defer af2.Close()
	_, err = af2.Handler(WithPolicy(keep))
	require.ErrorContains(t, err, "WithRetention(45 days) keeps logs less than 3 years")
}

package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// violationsOf logs through a handler with policy p and returns the
// violations reported, and what was written.
func violationsOf(t *testing.T, p Policy, opts []Option, log func(l *slog.Logger)) ([]Violation, string) {
	t.Helper()
	var buf bytes.Buffer
	var seen []Violation
	h := Wrap(slog.NewJSONHandler(&buf, nil), append([]Option{WithPolicy(p), OnViolation(func(v Violation) { seen = append(seen, v) })}, opts...)...)
	log(slog.New(h))
	require.NoError(t, h.Close(context.Background()))
	return seen, buf.String()
}

func rulesOf(vs []Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Rule)
	}
	return out
}

// TestRequiredAttrShapes: a required attribute satisfies the policy only
// at the top level and with a value that says something; each violation
// names the clause and says where the attribute was found, if anywhere.
func TestRequiredAttrShapes(t *testing.T) {
	p := Policy{Name: "ledger", Required: []Required{{Attrs: []string{KeyActor, KeyOrigin}, Clause: "Ledger rule 7"}}}
	ok := Origin("198.51.100.23", "wget/1.21")
	cases := []struct {
		name   string
		log    func(l *slog.Logger)
		want   []string // rules violated
		detail string   // in the first violation's detail
	}{
		{"top level", func(l *slog.Logger) { l.Info("m", Actor("carol"), ok) }, nil, ""},
		{"from Logger.With", func(l *slog.Logger) { l.With(Actor("dave")).Info("m", ok) }, nil, ""},
		{"With, then a group", func(l *slog.Logger) { l.With(Actor("erin")).WithGroup("txn").Info("m", ok) },
			[]string{"required:origin"}, `"txn.origin" inside a group`},
		{"only in slog.Group", func(l *slog.Logger) { l.Info("m", slog.Group("who", Actor("frank")), ok) },
			[]string{"required:actor"}, `"who.actor" inside a group`},
		{"only under WithGroup", func(l *slog.Logger) { l.WithGroup("req").WithGroup("inner").Info("m", Actor("gina"), ok) },
			[]string{"required:actor", "required:origin"}, `"req.inner.actor" inside a group`},
		{"empty text", func(l *slog.Logger) { l.Info("m", Actor(""), ok) }, []string{"required:actor"}, "is empty"},
		{"blank text", func(l *slog.Logger) { l.Info("m", Actor(" \t "), ok) }, []string{"required:actor"}, "is empty"},
		{"null", func(l *slog.Logger) { l.Info("m", slog.Any(KeyActor, nil), ok) }, []string{"required:actor"}, "is empty"},
		{"empty list", func(l *slog.Logger) { l.Info("m", slog.Any(KeyActor, []string{}), ok) }, []string{"required:actor"}, "is empty"},
		{"empty map", func(l *slog.Logger) { l.Info("m", slog.Any(KeyActor, map[string]int{}), ok) }, []string{"required:actor"}, "is empty"},
		{"group of empty values", func(l *slog.Logger) { l.Info("m", Actor("hank"), Origin("", " ")) }, []string{"required:origin"}, "is empty"},
		{"zero is a value", func(l *slog.Logger) { l.Info("m", slog.Int(KeyActor, 0), ok) }, nil, ""},
		{"absent", func(l *slog.Logger) { l.Info("m", ok) }, []string{"required:actor"}, `no "actor" attribute`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs, _ := violationsOf(t, p, nil, c.log)
			require.Equal(t, c.want, rulesOf(vs))
			for _, v := range vs {
				require.Equal(t, "Ledger rule 7", v.Clause)
			}
			if c.detail != "" {
				require.Contains(t, vs[0].Detail, c.detail)
			}
		})
	}
}

// TestForbiddenSurvivesInAnyShape: forbidden data that reaches the record
// unmasked is a violation whether it is text, a number written as its
// digits, or the name of an attribute or group; the violation names
// where without repeating it. Masked data is not a violation.
func TestForbiddenSurvivesInAnyShape(t *testing.T) {
	const pan = 5500005555555559 // a test Mastercard number, Luhn-valid
	p := Policy{Name: "cards", Forbidden: []Forbidden{{Detector: redact.DetectCardNumber, Clause: "Cards 3.4"}}}
	weak := []Option{WithRedactor(redact.Must(redact.Credentials))}
	cases := []struct {
		name string
		log  func(l *slog.Logger)
		want int
	}{
		{"int64", func(l *slog.Logger) { l.Info("m", slog.Int64("ref", pan)) }, 1},
		{"uint64", func(l *slog.Logger) { l.Info("m", slog.Uint64("ref", pan)) }, 1},
		{"float64", func(l *slog.Logger) { l.Info("m", slog.Float64("ref", pan)) }, 1},
		{"int in a group", func(l *slog.Logger) { l.Info("m", slog.Group("pay", slog.Int64("n", pan))) }, 1},
		{"attribute name", func(l *slog.Logger) { l.Info("m", slog.Bool("5500005555555559", true)) }, 1},
		{"group name", func(l *slog.Logger) { l.WithGroup("5500 0055 5555 5559").Info("m", slog.Int("n", 3)) }, 1},
		{"a short number", func(l *slog.Logger) { l.Info("m", slog.Int64("ref", 550000)) }, 0},
		{"a fraction", func(l *slog.Logger) { l.Info("m", slog.Float64("ref", 0.5500005555555559)) }, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs, out := violationsOf(t, p, weak, c.log)
			require.Len(t, vs, c.want, "%s", out)
			for _, v := range vs {
				require.Equal(t, "unmasked:card-number", v.Rule)
				require.Equal(t, "Cards 3.4", v.Clause)
				require.NotContains(t, v.Detail, "5559", "a violation must not repeat the value")
			}
			if c.want > 0 {
				require.Contains(t, out, "audit_violations")
			}
		})
	}

	t.Run("masked", func(t *testing.T) {
		vs, out := violationsOf(t, p, []Option{WithRedactor(redact.Must(redact.Credentials, redact.PCIDSS))}, func(l *slog.Logger) {
			l.Info("m", slog.String("note", "paid with 5500 0055 5555 5559"), slog.Int64("pan", pan))
		})
		require.Empty(t, vs, "%s", out)
		require.False(t, strings.Contains(out, "5559"), "%s", out)
	})
}

// TestTimeViolationNamesAClause: a record without a time breaks a clause
// that the violation names, whatever rules the policy has.
func TestTimeViolationNamesAClause(t *testing.T) {
	for _, p := range []Policy{
		{Name: "hospital", Required: []Required{{Attrs: []string{KeyActor}, Clause: "Ward 12(b)"}}},
		{Name: "clocks", Monotonic: true, MonotonicClause: "Clock 4"},
		{Name: "bare"},
	} {
		t.Run(p.Name, func(t *testing.T) {
			var seen []Violation
			h := Wrap(slog.NewJSONHandler(&bytes.Buffer{}, nil), WithPolicy(p), OnViolation(func(v Violation) { seen = append(seen, v) }))
			require.NoError(t, h.Handle(context.Background(), slog.NewRecord(time.Time{}, slog.LevelInfo, "m", 0)))
			var got *Violation
			for i := range seen {
				if seen[i].Rule == "time" {
					got = &seen[i]
				}
			}
			require.NotNil(t, got, "%+v", seen)
			require.NotEmpty(t, got.Clause)
		})
	}
}

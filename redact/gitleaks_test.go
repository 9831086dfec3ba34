package redact_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// gitleaksExample is one self-identifying true positive of the gitleaks
// rule set (see testdata/gitleaks/README.md for how they were chosen).
type gitleaksExample struct {
	Rule    string `json:"rule"`
	Secret  string `json:"secret"`
	Example string `json:"example"`
}

func loadGitleaks(t *testing.T) []gitleaksExample {
	t.Helper()
	f, err := os.Open("testdata/gitleaks/examples.jsonl")
	require.NoError(t, err)
	defer f.Close()
	var out []gitleaksExample
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e gitleaksExample
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e))
		out = append(out, e)
	}
	require.NoError(t, sc.Err())
	return out
}

// gitleaksFamily is the vendor of a rule: its id up to the first dash.
func gitleaksFamily(rule string) string {
	if i := strings.IndexByte(rule, '-'); i > 0 {
		return rule[:i]
	}
	return rule
}

// secretWindows are the pieces of a secret that must not appear in the
// output: every 10-byte window of its secret part. The parts that name the
// format (a PEM block's armour, a webhook's host) may stay visible.
func secretWindows(e gitleaksExample) []string {
	s := e.Secret
	switch {
	case strings.HasPrefix(s, "-----BEGIN"):
		lines := strings.Split(s, "\n")
		s = strings.Join(lines[1:len(lines)-1], "\n")
	case strings.Contains(s, "://") || strings.HasPrefix(s, "hooks.slack.com/"):
		if i := strings.Index(s, ".com/"); i >= 0 {
			s = s[i+5:]
		}
	}
	if strings.Contains(e.Secret, ".webhook.office.com/") {
		// A Teams webhook keeps its route (webhookb2, IncomingWebhook):
		// every other segment is secret.
		var out []string
		for _, seg := range strings.Split(s, "/") {
			if seg != "webhookb2" && seg != "IncomingWebhook" {
				out = append(out, windowsOf(seg)...)
			}
		}
		return out
	}
	return windowsOf(s)
}

// windowsOf returns every 10-byte window of s without a line break, or s
// itself when it is shorter.
func windowsOf(s string) []string {
	const w = 10
	if len(s) <= w {
		return []string{s}
	}
	var out []string
	for i := 0; i+w <= len(s); i++ {
		if c := s[i : i+w]; !strings.Contains(c, "\n") {
			out = append(out, c)
		}
	}
	return out
}

func leaks(out string, windows []string) bool {
	if !strings.Contains(out, redact.DefaultMask) {
		return true
	}
	for _, w := range windows {
		if strings.Contains(out, w) {
			return true
		}
	}
	return false
}

// gitleaksPlacements log a secret as a value, inside a message and inside an
// error; field names the JSON member that carries it.
var gitleaksPlacements = []struct {
	name, field string
	log         func(*slog.Logger, string)
}{
	{"value", "v", func(l *slog.Logger, s string) { l.Info("m", "v", s) }},
	{"message", "msg", func(l *slog.Logger, s string) { l.Info("nightly sync saw " + s + " in row 7") }},
	{"error", "err", func(l *slog.Logger, s string) {
		l.Error("m", "err", fmt.Errorf("sync: %w", errors.New("remote refused "+s+": 401")))
	}},
}

// TestGitleaksExampleLines: the text each secret came from in gitleaks'
// tests (assignments in many languages, config files, URLs, PEM blocks),
// redacted as one string, keeps no piece of the secret.
func TestGitleaksExampleLines(t *testing.T) {
	examples := loadGitleaks(t)
	r := redact.Must(redact.Credentials)
	masked := 0
	for _, e := range examples {
		got, _ := r.String(e.Example)
		if !leaks(got, secretWindows(e)) {
			masked++
		} else {
			t.Logf("missed %s: %.120q", e.Rule, got)
		}
	}
	rate := 100 * float64(masked) / float64(len(examples))
	t.Logf("example lines: %d of %d masked (%.1f%%)", masked, len(examples), rate)
	if rate < 98 {
		t.Errorf("example lines: %.1f%% masked, want at least 98%%", rate)
	}
}

// TestGitleaksExamples logs every self-identifying gitleaks example in each
// placement through redact.NewHandler and slogcore.New, and requires at
// least 98% of them masked per placement and deployment.
func TestGitleaksExamples(t *testing.T) {
	examples := loadGitleaks(t)
	require.GreaterOrEqual(t, len(examples), 370)
	type tally struct{ masked, total int }
	deployments := []struct {
		name string
		run  func(log func(*slog.Logger)) []string
	}{
		{"NewHandler", func(log func(*slog.Logger)) []string {
			var b bytes.Buffer
			log(slog.New(redact.NewHandler(slog.NewJSONHandler(&b, nil), redact.Must(redact.Credentials))))
			return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		}},
		{"slogcore.New", func(log func(*slog.Logger)) []string {
			var b bytes.Buffer
			h := slogcore.New(&b, nil)
			log(slog.New(h))
			require.NoError(t, h.Close(context.Background()))
			return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		}},
	}
	for _, d := range deployments {
		families := map[string]map[string]*tally{}
		for _, p := range gitleaksPlacements {
			lines := d.run(func(l *slog.Logger) {
				for _, e := range examples {
					p.log(l, e.Secret)
				}
			})
			require.Len(t, lines, len(examples), "%s %s: one line per record", d.name, p.name)
			var missed []string
			for i, e := range examples {
				var rec map[string]any
				require.NoError(t, json.Unmarshal([]byte(lines[i]), &rec), "%s: %s", d.name, lines[i])
				got, _ := rec[p.field].(string)
				fam := gitleaksFamily(e.Rule)
				if families[fam] == nil {
					families[fam] = map[string]*tally{}
				}
				if families[fam][p.name] == nil {
					families[fam][p.name] = &tally{}
				}
				tl := families[fam][p.name]
				tl.total++
				if leaks(got, secretWindows(e)) {
					missed = append(missed, e.Rule+": "+got)
				} else {
					tl.masked++
				}
			}
			rate := 100 * float64(len(examples)-len(missed)) / float64(len(examples))
			t.Logf("%s %s: %d of %d masked (%.1f%%)", d.name, p.name, len(examples)-len(missed), len(examples), rate)
			for _, m := range missed {
				if len(m) > 120 {
					m = m[:120] + "…"
				}
				t.Logf("  missed %s", m)
			}
			if rate < 98 {
				t.Errorf("%s %s: %.1f%% masked, want at least 98%%", d.name, p.name, rate)
			}
		}
		if d.name != "NewHandler" {
			continue
		}
		names := make([]string, 0, len(families))
		for f := range families {
			names = append(names, f)
		}
		sort.Strings(names)
		var sb strings.Builder
		for _, f := range names {
			fmt.Fprintf(&sb, "\n  %-14s", f)
			for _, p := range gitleaksPlacements {
				tl := families[f][p.name]
				fmt.Fprintf(&sb, " %s %d/%d", p.name, tl.masked, tl.total)
			}
		}
		t.Logf("per family (%s):%s", d.name, sb.String())
	}
}

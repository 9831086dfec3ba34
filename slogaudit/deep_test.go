package slogaudit_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// deepAny is a value nested n arrays deep around the string "leaf".
func deepAny(n int) any {
	var v any = "leaf"
	for range n {
		v = []any{v}
	}
	return v
}

// deepGroup is an attribute nested n groups deep around leaf=v.
func deepGroup(n int) slog.Attr {
	a := slog.String("leaf", "v")
	for range n {
		a = slog.Group("g", a)
	}
	return a
}

// A record nested deeper than the verifier parses (chain.MaxDepth levels)
// must still verify: every producer keeps it within the limit, without
// dropping a value. Before, a record under 512 open groups (WithGroup, or
// slog.Group attrs without redaction) or holding a value nested 511
// levels deep was written as it stood, and the untouched log verified as
// malformed and missing.
func TestDeepRecordsVerify(t *testing.T) {
	for _, kind := range []string{"file", "json", "core"} {
		for _, what := range []string{"any", "group", "withgroup", "withgroup+group"} {
			for _, n := range []int{300, 510, 511, 512, 513, 700} {
				t.Run(fmt.Sprintf("%s/%s/%d", kind, what, n), func(t *testing.T) {
					path := filepath.Join(t.TempDir(), "audit.log")
					af, err := slogaudit.OpenFile(path)
					if err != nil {
						t.Fatal(err)
					}
					defer af.Close()
					// Redaction off: the default redaction masks values
					// nested deeper than it looks.
					opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"), slogaudit.WithRedactor(redact.Disabled)}
					var h *slogaudit.Handler
					switch kind {
					case "file":
						h, err = af.Handler(opts...)
					case "json":
						h, err = slogaudit.New(slog.NewJSONHandler(af, nil), opts...)
					case "core":
						core := slogcore.New(af, &slogcore.Options{Redact: redact.Disabled})
						defer closeCore(t, core) // before af.Close
						h, err = slogaudit.New(core, opts...)
					}
					if err != nil {
						t.Fatal(err)
					}
					var hh slog.Handler = h
					if strings.HasPrefix(what, "withgroup") {
						for range n {
							hh = hh.WithGroup("g")
						}
					}
					l := slog.New(hh)
					slog.New(h).Info("before")
					switch what {
					case "any":
						l.Info("deep", "v", deepAny(n))
					case "group":
						l.Info("deep", deepGroup(n))
					case "withgroup":
						l.Info("deep", "leaf", "v", "other", 1)
					case "withgroup+group":
						l.Info("deep", deepGroup(3), "other", 1)
					}
					slog.New(h).Info("after")
					if err := h.Close(context.Background()); err != nil {
						t.Fatal(err)
					}
					data, err := os.ReadFile(path)
					if err != nil {
						t.Fatal(err)
					}
					o := slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}}
					rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(data), o)
					if err != nil {
						t.Fatalf("untouched log: %v %v", err, rep.Findings)
					}
					ls := strings.SplitAfter(string(data), "\n")
					i := slices.IndexFunc(ls, func(l string) bool { return strings.Contains(l, `"msg":"deep"`) })
					if i < 0 {
						t.Fatalf("no deep record in %.300s", data)
					}
					line := ls[i]
					if !strings.Contains(line, "leaf") || what != "any" && !strings.Contains(line, `"v"`) {
						t.Fatalf("a value was dropped: %.300s", line)
					}
					// The deep record is still covered by its hash.
					ls[i] = strings.Replace(line, "leaf", "lEaf", 1)
					rep, _ = slogaudit.Verify(context.Background(), strings.NewReader(strings.Join(ls, "")), o)
					if len(rep.Findings) != 1 || rep.Findings[0].Kind != slogaudit.Modified || rep.Findings[0].Line != int64(i+1) {
						t.Fatalf("edited deep record: %v", rep.Findings)
					}
				})
			}
		}
	}
}

// Over a slogcore handler, the wrapper passes open groups on as group
// attrs, so that handler's redaction counts them toward its depth limit
// (redact.DefaultMaxDepth) and masks a group or value nested too deep
// whole. The wrapper hashes the record as that redaction leaves it. Before,
// it redacted each attr apart from its groups, and a record under 16 or
// more groups (WithGroup, With attrs in them, a slog.Group or a map in
// them) verified as modified.
func TestDeepGroupsThroughSlogcoreRedaction(t *testing.T) {
	for _, what := range []string{"withgroup", "withgroup+group", "withgroup+map", "with", "several"} {
		for _, n := range []int{1, 14, 15, 16, 17, 40} {
			t.Run(fmt.Sprintf("%s/%d", what, n), func(t *testing.T) {
				data := slogcoreAuditLog(t, n, func(l *slog.Logger, _ slog.Handler) {
					switch what {
					case "withgroup":
						l.Info("deep", "leaf", "v")
					case "withgroup+group":
						l.Info("deep", deepGroup(3))
					case "withgroup+map":
						l.Info("deep", "m", map[string]any{"a": map[string]any{"leaf": 1}})
					case "with":
						l.With("w", 1, "w2", deepGroup(2)).Info("deep", "leaf", "v")
					case "several":
						l.Info("deep", "leaf", "v", "k2", "v2", deepGroup(1))
					}
				})
				if n >= 17 && !strings.Contains(string(data), redact.DefaultMask) {
					t.Fatalf("nothing masked under %d groups: %.400s", n, data)
				}
			})
		}
	}
}

// Over a slogcore handler, the values of one group (its With attrs and
// the record's) reach that handler as one attr, and its redaction masks
// every value after the first redact.DefaultMaxNodes of an attr: the
// wrapper hashes the group as that redaction leaves it. Before, it
// counted each attr apart, and a record with more than 10000 values in
// one group verified as modified.
func TestManyValuesInOneGroupThroughSlogcore(t *testing.T) {
	for _, groups := range []int{1, 3} {
		t.Run(fmt.Sprint(groups), func(t *testing.T) {
			var with, attrs []any
			for i := range 6000 {
				with = append(with, fmt.Sprintf("w%d", i), i)
				attrs = append(attrs, fmt.Sprintf("k%d", i), i)
			}
			data := slogcoreAuditLog(t, groups, func(l *slog.Logger, h slog.Handler) {
				l.With(with...).Info("many", attrs...)
				slog.New(h).Info("after")
			})
			if !strings.Contains(string(data), redact.DefaultMask) {
				t.Fatal("no value masked past the node limit")
			}
		})
	}
}

// slogcoreAuditLog writes an audit log through slogaudit over slogcore over
// a File, with log called on a logger under groups WithGroup("g") (and the
// handler without them), and returns the log after checking that it
// verifies untouched.
func slogcoreAuditLog(t *testing.T, groups int, log func(l *slog.Logger, h slog.Handler)) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	core := slogcore.New(af, nil)
	defer closeCore(t, core)
	h, err := slogaudit.New(core, slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("c"))
	if err != nil {
		t.Fatal(err)
	}
	var hh slog.Handler = h
	for range groups {
		hh = hh.WithGroup("g")
	}
	log(slog.New(hh), h)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(data), slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
	if err != nil {
		t.Fatalf("untouched log: %v %v", err, rep.Findings)
	}
	return data
}

// closeCore closes a slogcore handler a test made, stopping its worker:
// the wrapper's Close flushes it but does not close it.
func closeCore(t *testing.T, core *slogcore.Handler) {
	t.Helper()
	if err := core.Close(context.Background()); err != nil {
		t.Errorf("closing the slogcore handler: %v", err)
	}
}

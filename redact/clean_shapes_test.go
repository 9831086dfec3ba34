package redact_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
)

var timeField = regexp.MustCompile(`time=\S+ |"time":"[^"]+",`)

// requireWrittenAsPlain logs through redact.NewHandler in front of a
// slog.JSONHandler and a slog.TextHandler, and through slogcore.New, and
// requires each to write what the plain handler writes.
func requireWrittenAsPlain(t *testing.T, log func(*slog.Logger)) {
	t.Helper()
	r := redact.Must(redact.Credentials, redact.GDPR)
	var pj, pt, rj, rt, cj bytes.Buffer
	log(slog.New(slog.NewJSONHandler(&pj, nil)))
	log(slog.New(slog.NewTextHandler(&pt, nil)))
	log(slog.New(redact.NewHandler(slog.NewJSONHandler(&rj, nil), r)))
	log(slog.New(redact.NewHandler(slog.NewTextHandler(&rt, nil), r)))
	h := slogcore.New(&cj, &slogcore.Options{Redact: r})
	log(slog.New(h))
	_ = h.Close(context.Background())
	plain := func(b *bytes.Buffer) string { return timeField.ReplaceAllString(b.String(), "") }
	if got, want := plain(&rj), plain(&pj); got != want {
		t.Errorf("NewHandler/JSON:\n got %s\nwant %s", got, want)
	}
	if got, want := plain(&rt), plain(&pt); got != want {
		t.Errorf("NewHandler/Text:\n got %s\nwant %s", got, want)
	}
	if got, want := plain(&cj), plain(&pj); got != want {
		t.Errorf("slogcore:\n got %s\nwant %s", got, want)
	}
}

type orderID struct{ n int64 }

func (o orderID) String() string { return "ord-" + string(rune('0'+o.n%10)) }

type shard struct {
	Region string
	id     int
}

func (s *shard) String() string { return s.Region + "/shard" }

type phase struct{ step int }

func (p phase) Format(st fmt.State, verb rune) { _, _ = st.Write([]byte("phase-two")) }

// TestStringersWithHiddenFieldsKept: a text handler prints a Stringer or a
// Formatter by its text, not by its fields, so one with unexported fields
// and a clean text is written as it is, by every handler.
func TestStringersWithHiddenFieldsKept(t *testing.T) {
	requireWrittenAsPlain(t, func(l *slog.Logger) {
		l.Info("m", "order", orderID{7}, "shard", &shard{"eu", 3}, "phase", phase{2})
		l.Info("m", "orders", []any{orderID{4}}, "by", map[string]any{"s": &shard{"us", 1}})
		l.With("order", orderID{5}).WithGroup("g").Info("m", slog.Group("h", "phase", phase{1}))
	})
}

type pinnedUser struct {
	Name string
	PIN  string `log:"redact"`
	seen int
}

func (u pinnedUser) String() string { return u.Name + "/" + u.PIN }

// TestStringerWithRedactTagWritesFields: a Stringer whose fields are
// masked by a log:"redact" tag is still written by its fields, masked, by
// a text handler too: its own text would show the field.
func TestStringerWithRedactTagWritesFields(t *testing.T) {
	for name, out := range placementOutputs(nil, func(l *slog.Logger) {
		l.Info("m", "user", pinnedUser{"bob", "4821", 1})
	}) {
		if strings.Contains(out, "4821") {
			t.Errorf("%s: tagged field in output: %s", name, out)
		}
		if !strings.Contains(out, "bob") {
			t.Errorf("%s: name lost: %s", name, out)
		}
	}
}

type quotedCounters struct {
	Hits    int     `json:"hits,string"`
	Ratio   float64 `json:"ratio,string"`
	Enabled bool    `json:",string"`
	Label   string  `json:"label,string"`
	Limit   *int    `json:"limit,string"`
	Unset   *int    `json:"unset,string"`
	//lint:ignore SA5008 the option on a kind it does not apply to is what is tested
	Tags   []int `json:"tags,string"` // not a kind the option applies to
	cached int
}

// TestQuotedFieldsKeepTheirForm: a struct that is rebuilt (it has a hidden
// field, or a field is masked) writes its json:",string" fields as
// encoding/json does, their JSON inside a string.
func TestQuotedFieldsKeepTheirForm(t *testing.T) {
	limit := 30
	v := quotedCounters{Hits: 12, Ratio: 0.5, Enabled: true, Label: `a "b"`, Limit: &limit, Tags: []int{1}, cached: 3}
	r := redact.Must(redact.Credentials)
	var pj, rj, cj bytes.Buffer
	log := func(l *slog.Logger) { l.Info("m", "counters", v, "list", []any{v}) }
	log(slog.New(slog.NewJSONHandler(&pj, nil)))
	log(slog.New(redact.NewHandler(slog.NewJSONHandler(&rj, nil), r)))
	h := slogcore.New(&cj, &slogcore.Options{Redact: r})
	log(slog.New(h))
	_ = h.Close(context.Background())
	want := timeField.ReplaceAllString(pj.String(), "")
	if got := timeField.ReplaceAllString(rj.String(), ""); got != want {
		t.Errorf("NewHandler/JSON:\n got %s\nwant %s", got, want)
	}
	if got := timeField.ReplaceAllString(cj.String(), ""); got != want {
		t.Errorf("slogcore:\n got %s\nwant %s", got, want)
	}
}

type window struct{ From, To int }

// IsZero reports whether the window is unset: To alone decides.
func (w window) IsZero() bool { return w.To == 0 }

type emptyRules struct {
	Span   struct{ A int }   `json:"span,omitempty"` // a struct is never empty
	Pair   [2]int            `json:"pair,omitempty"` // nor an array with elements
	None   [0]int            `json:"none,omitempty"`
	Labels map[string]string `json:"labels,omitempty"`
	Note   string            `json:"note,omitzero"`
	When   window            `json:"when,omitzero"` // zero by its IsZero
	Then   window            `json:"then,omitzero"`
	Bad    int               `json:"a€b"` // not a name encoding/json takes
	Wide   int               `json:"wide name"`
	cache  int
}

// TestRebuiltStructsOmitAsEncodingJSON: a struct with a hidden field is
// rebuilt as the object encoding/json writes; it leaves out and names its
// fields as encoding/json does (omitempty keeps structs and non-empty
// arrays, omitzero asks IsZero, a tag name encoding/json refuses (a symbol in it) gives
// way to the field's name).
func TestRebuiltStructsOmitAsEncodingJSON(t *testing.T) {
	v := emptyRules{When: window{From: 5}, Then: window{To: 9}, Bad: 1, Wide: 2, cache: 1}
	r := redact.Must(redact.Credentials)
	var pj, rj, cj bytes.Buffer
	log := func(l *slog.Logger) { l.Info("m", "rules", v, "ptr", &v, "list", []emptyRules{v}) }
	log(slog.New(slog.NewJSONHandler(&pj, nil)))
	log(slog.New(redact.NewHandler(slog.NewJSONHandler(&rj, nil), r)))
	h := slogcore.New(&cj, &slogcore.Options{Redact: r})
	log(slog.New(h))
	_ = h.Close(context.Background())
	want := timeField.ReplaceAllString(pj.String(), "")
	if got := timeField.ReplaceAllString(rj.String(), ""); got != want {
		t.Errorf("NewHandler/JSON:\n got %s\nwant %s", got, want)
	}
	if got := timeField.ReplaceAllString(cj.String(), ""); got != want {
		t.Errorf("slogcore:\n got %s\nwant %s", got, want)
	}
}

// sessionView marshals a credential into its JSON that its fields, which
// a text handler prints, do not hold.
type sessionView struct{ ID int }

func (s sessionView) MarshalJSON() ([]byte, error) {
	return []byte(`{"id":7,"refresh_token":"Yb4nR8wQ2mTz"}`), nil
}

// TestMarshalerTextKeptWhenOnlyJSONMasked: a value whose JSON is masked
// is still printed by a text handler as it prints the value, not as the
// bytes of the redacted JSON.
func TestMarshalerTextKeptWhenOnlyJSONMasked(t *testing.T) {
	log := func(l *slog.Logger) {
		l.Info("m", "s", sessionView{4}, "list", []any{sessionView{5}}, "by", map[string]any{"a": sessionView{6}})
	}
	var pt, rt, rj bytes.Buffer
	log(slog.New(slog.NewTextHandler(&pt, nil)))
	log(slog.New(redact.NewHandler(slog.NewTextHandler(&rt, nil), nil)))
	log(slog.New(redact.NewHandler(slog.NewJSONHandler(&rj, nil), nil)))
	if got, want := timeField.ReplaceAllString(rt.String(), ""), timeField.ReplaceAllString(pt.String(), ""); got != want {
		t.Errorf("NewHandler/Text:\n got %s\nwant %s", got, want)
	}
	if strings.Contains(rj.String(), "Yb4nR8wQ2mTz") || !strings.Contains(rj.String(), `"id":7`) {
		t.Errorf("NewHandler/JSON: %s", rj.String())
	}
}

package redact_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
)

// placementOutputs logs through redact.NewHandler in front of a
// slog.JSONHandler and a slog.TextHandler, and through slogcore.New, all
// with a redactor of rules, and returns what each wrote by name.
func placementOutputs(rules []redact.Rule, log func(*slog.Logger)) map[string]string {
	out := map[string]string{}
	var j, x, c bytes.Buffer
	log(slog.New(redact.NewHandler(slog.NewJSONHandler(&j, nil), redact.Must(rules...))))
	log(slog.New(redact.NewHandler(slog.NewTextHandler(&x, nil), redact.Must(rules...))))
	h := slogcore.New(&c, &slogcore.Options{Redact: redact.Must(rules...)})
	log(slog.New(h))
	_ = h.Close(context.Background())
	out["NewHandler/JSON"], out["NewHandler/Text"], out["slogcore"] = j.String(), x.String(), c.String()
	return out
}

// placementLeak is a record that holds secret somewhere.
type placementLeak struct {
	name   string
	log    func(*slog.Logger)
	secret string
}

func requirePlacementsMasked(t *testing.T, rules []redact.Rule, cases []placementLeak) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for name, out := range placementOutputs(rules, tc.log) {
				if strings.Contains(out, tc.secret) {
					t.Errorf("%s: secret in output: %s", name, out)
				}
				if !strings.Contains(out, redact.DefaultMask) {
					t.Errorf("%s: no mask in output: %s", name, out)
				}
			}
		})
	}
}

type resolvesTo struct{ v slog.Value }

func (r resolvesTo) LogValue() slog.Value { return r.v }

// TestEmptyKeyUnderSecretGroupMasked: slog writes an attr with an empty
// key inside the groups it is in (an inline group's members, a LogValuer
// that resolves to one, a scalar as "": …), so under a group that names a
// secret its values are masked as any other there.
func TestEmptyKeyUnderSecretGroupMasked(t *testing.T) {
	const secret = "Vr7kQ2mX9wLp"
	requirePlacementsMasked(t, nil, []placementLeak{
		{"inline group", func(l *slog.Logger) {
			l.WithGroup("client_secret").Info("m", slog.Group("", "current", secret))
		}, secret},
		{"inline group under a nested group", func(l *slog.Logger) {
			l.WithGroup("api_token").WithGroup("prod").Info("m", slog.Group("", "v", secret))
		}, secret},
		{"inline group given to With", func(l *slog.Logger) {
			l.WithGroup("passwords").With(slog.Group("", "db", secret)).Info("m")
		}, secret},
		{"LogValuer resolving to a group", func(l *slog.Logger) {
			l.WithGroup("secrets").Info("m", "", resolvesTo{slog.GroupValue(slog.String("db", secret))})
		}, secret},
		{"scalar", func(l *slog.Logger) { l.WithGroup("password").Info("m", "", secret) }, secret},
		{"scalar given to With", func(l *slog.Logger) { l.WithGroup("token").With("", secret).Info("m") }, secret},
		{"scalar under a nested group", func(l *slog.Logger) {
			l.WithGroup("auth_token").WithGroup("v2").Info("m", slog.String("", secret))
		}, secret},
	})
	// The zero Attr is written nowhere, and a clean group stays as it is.
	for name, out := range placementOutputs(nil, func(l *slog.Logger) {
		l.WithGroup("password").Info("m", slog.Attr{})
		l.WithGroup("session").Info("m", slog.Group("", "user", "bob"), "", "x")
	}) {
		if strings.Contains(out, redact.DefaultMask) {
			t.Errorf("%s: masked what holds nothing: %s", name, out)
		}
		if !strings.Contains(out, "bob") {
			t.Errorf("%s: clean value lost: %s", name, out)
		}
	}
}

type contactCounts struct {
	Mail   int `json:"ana.silva@example.org"`
	Public int `json:"visits"`
}

type namedCredentials struct {
	User, Code string
}

// refusedTag's tag name has a symbol, which encoding/json refuses: it
// writes the field under its Go name.
type refusedTag struct {
	Password string `json:"v€1"`
}

type withTaggedEmbedded struct {
	namedCredentials `json:"credentials"`
	Region           string
}

type withPersonalEmbedded struct {
	namedCredentials `json:"ana.silva@example.org"`
}

// TestStructFieldNamesJudgedAsKeys: encoding/json writes a struct field
// under its json name, so that name is judged as a map's key is: a name
// that is personal data is written as its placeholder, and a struct
// embedded unexported under a tag that names a secret is masked whole.
func TestStructFieldNamesJudgedAsKeys(t *testing.T) {
	requirePlacementsMasked(t, []redact.Rule{redact.Credentials, redact.GDPR}, []placementLeak{
		{"field named by an e-mail address", func(l *slog.Logger) {
			l.Info("m", "counts", contactCounts{3, 4})
		}, "ana.silva@"},
		{"field named by an e-mail address in a slice", func(l *slog.Logger) {
			l.Info("m", "counts", []contactCounts{{3, 4}})
		}, "ana.silva@"},
		{"embedded unexported struct tagged with a secret's name", func(l *slog.Logger) {
			l.Info("m", "login", withTaggedEmbedded{namedCredentials{"bob", "Zt4pW8nQ2xRk"}, "eu"})
		}, "Zt4pW8nQ2xRk"},
		{"field whose tag name encoding/json refuses", func(l *slog.Logger) {
			l.Info("m", "login", refusedTag{"Qd7vN2kX5pLs"})
		}, "Qd7vN2kX5pLs"},
		{"embedded unexported struct tagged with an e-mail address", func(l *slog.Logger) {
			l.Info("m", "login", withPersonalEmbedded{namedCredentials{"bob", "1"}})
		}, "ana.silva@"},
	})
	out := placementOutputs([]redact.Rule{redact.Credentials, redact.GDPR}, func(l *slog.Logger) {
		l.Info("m", "counts", contactCounts{3, 4}, "login", withTaggedEmbedded{namedCredentials{"bob", "x"}, "eu-west"})
	})
	for name, s := range out {
		for _, keep := range []string{"visits", "4", "eu-west"} {
			if !strings.Contains(s, keep) {
				t.Errorf("%s: %q lost: %s", name, keep, s)
			}
		}
	}
}

// TestEmptyKeyAtWildcardPathMasked: a value under the empty key is written
// as a segment of its own (resp.items."" in JSON, resp.items.= in text),
// which a path's "*" stands for, whether it is an attr, a member of an
// inline group or a map's member.
func TestEmptyKeyAtWildcardPathMasked(t *testing.T) {
	const secret = "Hn3vB8cL5qZs"
	rules := []redact.Rule{redact.Credentials, {Name: "opaque", Paths: []string{"resp.items.*"}}}
	requirePlacementsMasked(t, rules, []placementLeak{
		{"attr", func(l *slog.Logger) { l.WithGroup("resp").WithGroup("items").Info("m", "", secret) }, secret},
		{"attr given to With", func(l *slog.Logger) { l.WithGroup("resp").WithGroup("items").With("", secret).Info("m") }, secret},
		{"member of a group", func(l *slog.Logger) { l.WithGroup("resp").Info("m", slog.Group("items", "", secret)) }, secret},
		{"map under the empty key", func(l *slog.Logger) {
			l.WithGroup("resp").Info("m", slog.Group("items", "", map[string]string{"v": secret}))
		}, secret},
		{"map member", func(l *slog.Logger) { l.Info("m", "resp", map[string]any{"items": map[string]any{"": secret}}) }, secret},
	})
	for name, out := range placementOutputs(rules, func(l *slog.Logger) {
		l.WithGroup("resp").Info("m", "", "kept-1", slog.Group("", "count", "kept-2"), "items_total", "kept-3")
	}) {
		for _, keep := range []string{"kept-1", "kept-2", "kept-3"} {
			if !strings.Contains(out, keep) {
				t.Errorf("%s: %q lost: %s", name, keep, out)
			}
		}
	}
}

// vaultRef marshals itself by its pointer, as a credential under a key
// that names one; its own field's name tells nothing.
type vaultRef struct{ Ref string }

func (v *vaultRef) MarshalJSON() ([]byte, error) {
	return []byte(`{"client_secret":"` + v.Ref + `","kind":"vault"}`), nil
}

// seedText marshals itself as text by its pointer.
type seedText struct{ Seed string }

func (s *seedText) MarshalText() ([]byte, error) { return []byte("api_key=" + s.Seed), nil }

type vaultHolder struct {
	Primary vaultRef
	Backup  [1]seedText
}

// TestPointerMarshalersOfAddressableValues: encoding/json writes an
// addressable value (a slice's element, a field or element of what a
// pointer points to) by the MarshalJSON or MarshalText of its pointer, so
// that is what is judged for a JSON handler; a clean one is written as
// it is.
func TestPointerMarshalersOfAddressableValues(t *testing.T) {
	const secret = "Wm6yT1pK8dQv"
	cases := []placementLeak{
		{"slice element", func(l *slog.Logger) { l.Info("m", "refs", []vaultRef{{secret}}) }, secret},
		{"field behind a pointer", func(l *slog.Logger) { l.Info("m", "h", &vaultHolder{Primary: vaultRef{secret}}) }, secret},
		{"array element behind a pointer", func(l *slog.Logger) { l.Info("m", "h", &vaultHolder{Backup: [1]seedText{{secret}}}) }, secret},
		{"array behind a pointer", func(l *slog.Logger) { l.Info("m", "seeds", &[2]seedText{{"a"}, {secret}}) }, secret},
		{"slice in a map", func(l *slog.Logger) { l.Info("m", "by", map[string]any{"x": []seedText{{secret}}}) }, secret},
		{"slice in a group", func(l *slog.Logger) { l.Info("m", slog.Group("g", "refs", []vaultRef{{secret}})) }, secret},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := placementOutputs(nil, tc.log)
			for _, name := range []string{"NewHandler/JSON", "slogcore"} {
				if strings.Contains(out[name], tc.secret) {
					t.Errorf("%s: secret in output: %s", name, out[name])
				}
				if !strings.Contains(out[name], redact.DefaultMask) {
					t.Errorf("%s: no mask in output: %s", name, out[name])
				}
			}
		})
	}
	for name, out := range placementOutputs(nil, func(l *slog.Logger) {
		l.Info("m", "h", &vaultHolder{Backup: [1]seedText{{"Kp2sW9xZ4vBn"}}}, "refs", []vaultRef{{}, {"Jq5rT8mN3cHz"}})
	}) {
		if name != "NewHandler/Text" && strings.Count(out, `"kind":"vault"`) != 3 {
			t.Errorf("%s: not written by its MarshalJSON: %s", name, out)
		}
	}
	requireWrittenAsPlain(t, func(l *slog.Logger) {
		l.Info("m", "spans", []spanID{{7}, {9}}, "trace", &traced{ID: spanID{3}, Parent: [1]spanID{{4}}})
	})
}

// spanID marshals itself by its pointer, with nothing to hide.
type spanID struct{ N int }

func (s *spanID) MarshalJSON() ([]byte, error) {
	return []byte(`"span-` + string(rune('0'+s.N)) + `"`), nil
}

type traced struct {
	ID     spanID
	Parent [1]spanID
	Inner  struct{ Child spanID }
}

// refreshGrant marshals a hidden credential into its JSON.
type refreshGrant struct {
	Client string
	ref    string
}

func (g refreshGrant) MarshalJSON() ([]byte, error) {
	return []byte(`{"client":"` + g.Client + `","client_secret":"` + g.ref + `"}`), nil
}

// TestMarshalerHiddenFieldsNotPrinted: a value whose JSON held a secret
// from a hidden field is printed by a text handler without its hidden
// fields, which fmt would show and no key names.
func TestMarshalerHiddenFieldsNotPrinted(t *testing.T) {
	const secret = "Fz3kP9wM6tRb"
	for _, tc := range []placementLeak{
		{"attr", func(l *slog.Logger) { l.Info("m", "grant", refreshGrant{"cli", secret}) }, secret},
		{"in a slice", func(l *slog.Logger) { l.Info("m", "grants", []any{refreshGrant{"cli", secret}}) }, secret},
		{"in a map", func(l *slog.Logger) { l.Info("m", "by", map[string]refreshGrant{"a": {"cli", secret}}) }, secret},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for name, out := range placementOutputs(nil, tc.log) {
				if strings.Contains(out, tc.secret) || !strings.Contains(out, "cli") {
					t.Errorf("%s: %s", name, out)
				}
			}
		})
	}
}

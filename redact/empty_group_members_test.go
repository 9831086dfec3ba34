package redact_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// emptyValuer is a LogValuer whose value is an empty group.
type emptyValuer struct{}

func (emptyValuer) LogValue() slog.Value { return slog.GroupValue() }

// A group member whose LogValuer resolves to an empty group is written
// as slog.JSONHandler writes the record as logged: the group stays, as
// {} ("outer":{}), with redaction as without.
func TestEmptyGroupMemberKeepsItsGroup(t *testing.T) {
	for name, log := range map[string]func(*slog.Logger){
		"group":           func(l *slog.Logger) { l.Info("m", slog.Group("outer", slog.Any("e", emptyValuer{}))) },
		"nested":          func(l *slog.Logger) { l.Info("m", slog.Group("a", slog.Group("b", slog.Any("e", emptyValuer{})))) },
		"with a sibling":  func(l *slog.Logger) { l.Info("m", slog.Group("outer", slog.Any("e", emptyValuer{}), slog.Int("n", 1))) },
		"under WithGroup": func(l *slog.Logger) { l.WithGroup("w").Info("m", slog.Group("outer", slog.Any("e", emptyValuer{}))) },
		"in With":         func(l *slog.Logger) { l.With(slog.Group("o", slog.Any("e", emptyValuer{}))).Info("m") },
		"secret sibling": func(l *slog.Logger) {
			l.Info("m", slog.Group("outer", slog.Any("e", emptyValuer{}), slog.String("password", "x")))
		},
	} {
		t.Run(name, func(t *testing.T) {
			var want, got bytes.Buffer
			noTime := func(groups []string, a slog.Attr) slog.Attr {
				if len(groups) == 0 && a.Key == slog.TimeKey {
					return slog.Attr{}
				}
				return a
			}
			log(slog.New(slog.NewJSONHandler(&want, &slog.HandlerOptions{ReplaceAttr: noTime})))
			log(slog.New(redact.NewHandler(slog.NewJSONHandler(&got, &slog.HandlerOptions{ReplaceAttr: noTime}), nil)))
			w := bytes.Replace(want.Bytes(), []byte(`"password":"x"`), []byte(`"password":"[REDACTED]"`), 1)
			if !bytes.Equal(got.Bytes(), w) {
				t.Fatalf("got  %s\nwant %s", got.Bytes(), w)
			}
		})
	}
}

package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/slogguard/slogguard/slogcore"
)

// derivePanicky is a handler whose Enabled or WithAttrs (where) panics.
type derivePanicky struct {
	slog.Handler
	where string
}

func (p derivePanicky) Enabled(ctx context.Context, l slog.Level) bool {
	if p.where == "Enabled" {
		panic("Enabled exploded")
	}
	return p.Handler.Enabled(ctx, l)
}

func (p derivePanicky) WithAttrs(as []slog.Attr) slog.Handler {
	if p.where == "WithAttrs" {
		panic("WithAttrs exploded")
	}
	return derivePanicky{p.Handler.WithAttrs(as), p.where}
}

func (p derivePanicky) WithGroup(name string) slog.Handler {
	return derivePanicky{p.Handler.WithGroup(name), p.where}
}

// TestWrapOverHandlerPanickingInEnabledOrWithAttrs: a wrapped handler
// whose Enabled or WithAttrs panics never panics the caller (before, the
// panic reached the log call or logger.With). Enabled's panic counts as
// enabled; after WithAttrs's, the records carry their With attrs
// themselves. Over slogcore.Async, whose derived handler then fails its
// records, the losses are declared. Either way OnError hears of it and
// the untouched log verifies.
func TestWrapOverHandlerPanickingInEnabledOrWithAttrs(t *testing.T) {
	for _, where := range []string{"Enabled", "WithAttrs"} {
		for _, over := range []string{"json", "async"} {
			t.Run(over+"/"+where, func(t *testing.T) {
				var out bytes.Buffer
				var next slog.Handler = derivePanicky{slog.NewJSONHandler(&out, nil), where}
				var mu sync.Mutex
				var reported []string // by the wrapper, or by slogcore under it
				onError := func(err error) {
					mu.Lock()
					reported = append(reported, err.Error())
					mu.Unlock()
				}
				var core *slogcore.Handler
				if over == "async" {
					core = slogcore.Async(next, &slogcore.Options{OnError: onError})
					next = core
				}
				h, err := New(next, WithKey("k1", testKey), WithChainID("c"), OnError(onError))
				if err != nil {
					t.Fatal(err)
				}
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.Fatalf("the wrapped handler's panic reached the caller: %v", p)
						}
					}()
					l := slog.New(h)
					l.Info("first")
					d := l.With("user", "u1")
					d.Info("second")
					if core != nil {
						_ = core.Flush(context.Background())
					}
					d.Info("third")
				}()
				_ = h.Close(context.Background())
				if core != nil {
					_ = core.Close(context.Background())
				}
				rep, err := Verify(context.Background(), strings.NewReader(out.String()), VerifyOptions{Key: testKey})
				if err != nil || !rep.Intact() {
					t.Errorf("untouched log: %v %v\n%s", err, rep.Findings, out.String())
				}
				mu.Lock()
				defer mu.Unlock()
				if !strings.Contains(strings.Join(reported, "\n"), where+" panicked") {
					t.Errorf("OnError did not hear of the panic: %q", reported)
				}
				if over == "json" || where == "Enabled" {
					for _, msg := range []string{`"msg":"second","user":"u1"`, `"msg":"third","user":"u1"`} {
						if !strings.Contains(out.String(), msg) {
							t.Errorf("no %s in\n%s", msg, out.String())
						}
					}
				} else if !strings.Contains(out.String(), `"msg":"audit.gap"`) {
					t.Errorf("the records the derived handler failed are not declared:\n%s", out.String())
				}
			})
		}
	}
}

package otel

import (
	"context"
	"encoding/json"
	"log/slog"

	"github.com/slogguard/slogguard/internal/errdata"
)

// An error inside a map, slice or struct is written by the local JSON
// output as its data (encoding/json writes its fields), while redaction
// judged its text, which is what OpenTelemetry gets (otelslog writes a
// nested error as its text). A value that renders itself (MarshalJSON,
// MarshalText), as an attr or inside one, is asked again by the local
// output, and may answer otherwise than redaction saw: the local handler
// does not redact again, since redaction ran in front of the fan-out.
// sealHandler, on the local side only, behind redaction, passes such
// values on as their JSON and text, each redacted: the local output
// writes the same bytes as for a value that answers the same every time.

// sealedKinds are the nested values sealHandler looks for.
const sealedKinds = errdata.Errors | errdata.SelfRendering

// sealHandler passes records and With attrs on to next with every value
// that holds a nested error replaced by its redacted renderings.
type sealHandler struct {
	next slog.Handler
	r    *Redactor
}

func (h sealHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h sealHandler) Handle(ctx context.Context, r slog.Record) error {
	needs := false
	r.Attrs(func(a slog.Attr) bool {
		needs = needsSeal(a, 0)
		return !needs
	})
	if !needs {
		return h.next.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		sealed, _ := h.seal(a, 0)
		out.AddAttrs(sealed)
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h sealHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	sealed := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		sealed[i], _ = h.seal(a, 0)
	}
	return sealHandler{h.next.WithAttrs(sealed), h.r}
}

func (h sealHandler) WithGroup(name string) slog.Handler {
	return sealHandler{h.next.WithGroup(name), h.r}
}

// rendersAgain reports whether the local output would ask x for its JSON
// again and might get another answer: x renders itself (an error only
// when it marshals itself as JSON, since slog writes any other error attr
// as its text, which pinHandler read once; not the standard library's
// steady types), or holds a nested error or a value that renders itself.
func rendersAgain(x any) bool {
	if _, isErr := x.(error); isErr {
		_, marshals := x.(json.Marshaler)
		return marshals
	}
	return errdata.RendersUnsteadily(x) || errdata.Holds(x, sealedKinds)
}

// needsSeal reports whether seal would change a, found depth groups down.
func needsSeal(a slog.Attr, depth int) bool {
	switch a.Value.Kind() {
	case slog.KindGroup:
		if depth >= maxShapeGroupDepth {
			return false
		}
		for _, ga := range a.Value.Group() {
			if needsSeal(ga, depth+1) {
				return true
			}
		}
	case slog.KindAny:
		return rendersAgain(a.Value.Any())
	}
	return false
}

// seal returns a, found depth groups down, with every value that the
// local output would ask again replaced by its redacted renderings, and
// whether it changed anything.
func (h sealHandler) seal(a slog.Attr, depth int) (slog.Attr, bool) {
	switch a.Value.Kind() {
	case slog.KindGroup:
		if depth >= maxShapeGroupDepth {
			return a, false
		}
		return errdata.MapGroup(a, func(ga slog.Attr) (slog.Attr, bool) { return h.seal(ga, depth+1) })
	case slog.KindAny:
		if x := a.Value.Any(); rendersAgain(x) {
			a.Value = slog.AnyValue(errdata.Render(h.r, x))
			return a, true
		}
	}
	return a, false
}

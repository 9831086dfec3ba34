package otel

import (
	"context"
	"log/slog"

	"github.com/slogguard/slogguard/internal/errdata"
)

// An error inside a map, slice or struct is written by the local JSON
// output as its data (encoding/json writes its fields), while redaction
// judged its text, which is what OpenTelemetry gets (otelslog writes a
// nested error as its text). A value inside one that renders itself
// (MarshalJSON, MarshalText) is asked again by the local output, and may
// answer otherwise than redaction saw. sealHandler, on the local side
// only, behind redaction, passes values that hold either on as their JSON
// and text, each redacted: the local output writes the same bytes.

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
		needs = errdata.Needs(a, sealedKinds)
		return !needs
	})
	if !needs {
		return h.next.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(errdata.Seal(h.r, a, sealedKinds))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h sealHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	sealed := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		sealed[i] = errdata.Seal(h.r, a, sealedKinds)
	}
	return sealHandler{h.next.WithAttrs(sealed), h.r}
}

func (h sealHandler) WithGroup(name string) slog.Handler {
	return sealHandler{h.next.WithGroup(name), h.r}
}

package slogcore

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReplaceAttrPanicStaysInTheRecord: a ReplaceAttr that panics on one
// attr (of the record, of With, in a group, or a built-in one) neither
// reaches the caller nor loses the record; that attr's value is written as
// !PANIC (redacted), never as it was, and OnError hears of it.
func TestReplaceAttrPanicStaysInTheRecord(t *testing.T) {
	var out bytes.Buffer
	var reported errorLog
	h := New(&out, &Options{OnError: reported.add, ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		switch a.Key {
		case "card_hint", slog.MessageKey:
			panic(fmt.Sprintf("cannot mask %s, token=Zx9wQ4rT7yUi2oPa", a.Value))
		}
		return a
	}})
	l := slog.New(h)
	require.NotPanics(t, func() {
		l.Info("checkout", "card_hint", "4111", "ok", 1)
		l.With("card_hint", "5500").Info("with")
		l.Info("grouped", slog.Group("pay", "card_hint", "3782"))
	})
	require.NoError(t, h.Close(context.Background()))
	s := h.Stats()
	require.EqualValues(t, 3, s.Written)
	lines := parseLines(t, out.Bytes())
	require.Len(t, lines, 3)
	for _, line := range lines {
		require.True(t, strings.HasPrefix(line["msg"].(string), "!PANIC: cannot mask "), "msg %v", line["msg"])
	}
	require.True(t, strings.HasPrefix(lines[0]["card_hint"].(string), "!PANIC: cannot mask 4111"))
	require.EqualValues(t, 1, lines[0]["ok"])
	require.True(t, strings.HasPrefix(lines[1]["card_hint"].(string), "!PANIC: cannot mask 5500"))
	require.True(t, strings.HasPrefix(lines[2]["pay"].(map[string]any)["card_hint"].(string), "!PANIC: cannot mask 3782"))
	require.NotContains(t, out.String(), "Zx9wQ4rT7yUi2oPa", "the panic's text is redacted")
	reported.mu.Lock()
	defer reported.mu.Unlock()
	require.Len(t, reported.errs, 6, "each panic is reported: 3 messages, 3 attrs")
	for _, err := range reported.errs {
		require.ErrorContains(t, err, "slogcore: Options.ReplaceAttr panicked on attr")
		require.NotContains(t, err.Error(), "Zx9wQ4rT7yUi2oPa")
	}
}

// TestReplaceAttrPanicHammered: many goroutines whose ReplaceAttr panics
// now and then: no panic escapes, every record is written.
func TestReplaceAttrPanicHammered(t *testing.T) {
	var out lockedBuffer
	h := New(&out, &Options{OnError: func(error) {}, ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == "i" && a.Value.Int64()%7 == 0 {
			panic("seven")
		}
		return a
	}})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := slog.New(h).With("g", g)
			for i := range 500 {
				l.Info("m", "i", i)
			}
		}()
	}
	wg.Wait()
	require.NoError(t, h.Close(context.Background()))
	s := h.Stats()
	checkInvariant(t, s)
	require.EqualValues(t, 8*500, s.Written)
	require.Len(t, parseLines(t, out.buf.Bytes()), 8*500)
}

package slogaudit_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// panicAfter writes through to w, and panics once, after writing, on the
// write that contains marker.
type panicAfter struct {
	mu     sync.Mutex
	w      io.Writer
	marker []byte
	done   bool
}

func (p *panicAfter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n, err := p.w.Write(b)
	if !p.done && bytes.Contains(b, p.marker) {
		p.done = true
		panic("writer panicked after writing")
	}
	return n, err
}

// A record that reached the file whole but whose writer panicked is
// declared lost by an audit.gap (slogcore cannot know it was written).
// The untouched log must verify; and deleting that record, which the
// chain declares lost, must still be reported: otherwise a record that
// was written can be removed as "declared lost".
func TestWrittenButDeclaredLost(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	core := slogcore.New(&panicAfter{w: af, marker: []byte("secret-transfer")}, &slogcore.Options{OnError: func(error) {}})
	h, err := slogaudit.New(core, slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("svc"))
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	l.Info("a")
	core.Flush(context.Background())
	l.Info("secret-transfer", "amount", 5)
	core.Flush(context.Background())
	l.Info("b")
	h.Close(context.Background())
	core.Close(context.Background())
	af.Close()
	b, _ := os.ReadFile(path)
	t.Logf("file:\n%s", b)
	rep, err := rtVerify(t, path)
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log not intact: %v", err)
	}
	var kept []string
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if !strings.Contains(line, "secret-transfer") {
			kept = append(kept, line)
		}
	}
	os.WriteFile(path, []byte(strings.Join(kept, "")), 0o600)
	rep, _ = rtVerify(t, path)
	t.Logf("after deleting the written record: intact=%v", rep.Intact())
}

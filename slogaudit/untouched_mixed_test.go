package slogaudit_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// oddValues are record contents a verifier must take as they are.
var oddValues = []any{
	"",
	"\x00\x01\x1f\x7f",
	"\u2028\u2029 \ufeff",
	`{"audit":{"seq":1},"msg":"x"}`,
	`"\"\\`,
	"𝄞 emoji 🧾 and 中文",
	strings.Repeat("Ω", 9000),
	1e21, math.Copysign(0, -1), 1<<53 + 1, uint64(1<<64 - 1),
	[]string{"a", "", "}"},
	map[string]any{"z": 1, "a": []any{nil, true}},
	time.Date(2031, 2, 3, 4, 5, 6, 7, time.FixedZone("x", 3600)),
	errors.New("boom\nsecond line"),
}

// Several writers of one log at once, in one process: two Files of the
// path, each with a File.Handler, a JSON handler wrapped over the File and
// a slogcore handler wrapped over it, logging odd values under many
// groups, while the Files rotate. The log as written verifies intact,
// every record counted.
func TestUntouchedLogOfMixedWriters(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	var files []*slogaudit.File
	var hs []*slogaudit.Handler
	var cores []*slogcore.Handler
	for i := range 2 {
		af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(64<<10))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, af)
		fh, err := af.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(fmt.Sprintf("file-%d", i)))
		if err != nil {
			t.Fatal(err)
		}
		jh, err := slogaudit.New(slog.NewJSONHandler(af, nil), slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(fmt.Sprintf("json-%d", i)))
		if err != nil {
			t.Fatal(err)
		}
		core := slogcore.New(af, nil)
		cores = append(cores, core)
		ch, err := slogaudit.New(core, slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(fmt.Sprintf("core-%d", i)))
		if err != nil {
			t.Fatal(err)
		}
		hs = append(hs, fh, jh, ch)
	}
	const each = 40
	var wg sync.WaitGroup
	for i, h := range hs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := slog.New(h).With("writer", i)
			for j := range each {
				v := oddValues[(i+j)%len(oddValues)]
				g := l
				for k := range j % 7 {
					g = g.WithGroup(fmt.Sprintf("g%d", k))
				}
				msg := ""
				if j%3 > 0 {
					msg = fmt.Sprintf("m%d\t\"%d\"", j, i)
				}
				g.Info(msg, "v", v, "v", j, slog.Group("", "inline", v), slog.Group("empty"))
			}
		}()
	}
	wg.Wait()
	for _, h := range hs {
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cores {
		if err := c.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	for _, af := range files {
		if err := af.Close(); err != nil {
			t.Fatal(err)
		}
	}
	paths, err := slogaudit.RotatedFiles(path)
	if err != nil || len(paths) < 3 {
		t.Fatalf("test bug: no rotation: %v %v", paths, err)
	}
	rep, err := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}, RequireMAC: true})
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched: %v %v", err, rep.Findings)
	}
	for _, h := range hs {
		c := rep.Chains[h.Head().Chain]
		if c.Records != int64(each+2) { // audit.start, the records, audit.stop
			t.Errorf("chain %s: %d records verified, want %d", h.Head().Chain, c.Records, each+2)
		}
	}
}

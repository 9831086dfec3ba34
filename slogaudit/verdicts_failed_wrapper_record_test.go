package slogaudit_test

// A record of the wrapper's own that explains what the record after it
// does (an audit.rotate its new key id, an audit.seal its next epoch) and
// that fails its own check (its MAC, its hash, its key id, its chain
// member) is that record's finding only: the record after it, written by
// the writer with the key or epoch it announced, is not reported too.

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

var rtKeyNext = bytes.Repeat([]byte{8}, 32)

// wrapperRecordLog writes a log through File.Handler or Wrap over
// slog.JSONHandler in which the handler rotates its key (rotate) or seals
// every 3 records, and returns its lines.
func wrapperRecordLog(t *testing.T, writer string, rotate bool) []string {
	t.Helper()
	var buf bytes.Buffer
	opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("door")}
	if !rotate {
		opts = append(opts, slogaudit.WithSealing(0, 3))
	}
	var h *slogaudit.Handler
	var af *slogaudit.File
	path := filepath.Join(t.TempDir(), "audit.log")
	var err error
	if writer == "file" {
		if af, err = slogaudit.OpenFile(path); err != nil {
			t.Fatal(err)
		}
		h, err = af.Handler(opts...)
	} else {
		h, err = slogaudit.New(slog.NewJSONHandler(&buf, nil), opts...)
	}
	if err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		slog.New(h).Info("badge", "door", i)
		if rotate && i == 3 {
			if err := h.RotateKey(context.Background(), "k2", rtKeyNext, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if af != nil {
		if err := af.Close(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(b)
	}
	return strings.SplitAfter(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

var (
	macValue  = regexp.MustCompile(`"mac":"([^"]*)"`)
	keyIDName = regexp.MustCompile(`"key":"k`)
	timeValue = regexp.MustCompile(`"time":"[0-9]`)
)

// flipAt changes the byte at i of s to another of its kind.
func flipAt(s string, i int) string {
	c := byte('x')
	if s[i] == 'x' {
		c = 'y'
	}
	if s[i] >= '0' && s[i] <= '9' {
		c = '0' + (s[i]-'0'+1)%10
	}
	return s[:i] + string(c) + s[i+1:]
}

func TestFailedRotateOrSealIsItsOwnFinding(t *testing.T) {
	for _, writer := range []string{"file", "json"} {
		for _, rotate := range []bool{true, false} {
			lines := wrapperRecordLog(t, writer, rotate)
			msg, keys := slogaudit.MsgSeal, map[string][]byte{"k1": rtKey}
			if rotate {
				msg, keys["k2"] = slogaudit.MsgRotate, rtKeyNext
			}
			verify := func(ls []string) slogaudit.Report {
				rep, _ := slogaudit.Verify(context.Background(), strings.NewReader(strings.Join(ls, "")), slogaudit.VerifyOptions{Keys: keys, Sealed: !rotate})
				return rep
			}
			if rep := verify(lines); !rep.Intact() {
				t.Fatalf("%s: untouched: %v", writer, rep.Findings)
			}
			at := -1
			for i, l := range lines {
				if strings.Contains(l, `"msg":"`+msg+`"`) {
					at = i
					break
				}
			}
			if at < 0 || at+1 >= len(lines) {
				t.Fatalf("test bug: no %s with a record after it", msg)
			}
			l := lines[at]
			edits := map[string]string{
				"its MAC changed":     flipAt(l, firstDigit(l, macValue.FindStringSubmatchIndex(l)[2])),
				"its key id changed":  flipAt(l, keyIDName.FindStringIndex(l)[1]-1),
				"its time changed":    flipAt(l, timeValue.FindStringIndex(l)[1]-1),
				"its chain renamed":   strings.Replace(l, `"chain":"door"`, `"chain":"doos"`, 1),
				"its message changed": strings.Replace(l, `"msg":"audit.`, `"msg":"audit-`, 1),
			}
			if rotate {
				edits["the key id it names changed"] = strings.Replace(l, `"to":"k2"`, `"to":"k3"`, 1)
			} else {
				edits["the epoch it names changed"] = regexp.MustCompile(`"next":\d+`).ReplaceAllStringFunc(l, func(m string) string { return m + "0" })
			}
			for name, e := range edits {
				if e == l {
					t.Fatalf("test bug: %s: %s changes nothing", writer, name)
				}
				c := append([]string(nil), lines...)
				c[at] = e
				requireOnly(t, fmt.Sprintf("%s, %s: %s", writer, msg, name), verify(c), tamperKindFor(name), 0, int64(at+1))
			}
		}
	}
}

// firstDigit returns the index of the first decimal digit of s at or
// after from (a MAC, base64 or hex, stays well-formed when it changes).
func firstDigit(s string, from int) int {
	return from + strings.IndexAny(s[from:], "0123456789")
}

// tamperKindFor returns the kind of finding an edit of a record is.
func tamperKindFor(edit string) slogaudit.FindingKind {
	switch edit {
	case "its MAC changed":
		return slogaudit.BadMAC
	case "its key id changed":
		return slogaudit.UnknownKey
	}
	return slogaudit.Modified
}

package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// panicWriter is a checkpoint writer that panics.
type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("checkpoint writer exploded") }

// panicTransport is an HTTP transport that panics.
type panicTransport struct{}

func (panicTransport) RoundTrip(*http.Request) (*http.Response, error) {
	panic("transport exploded")
}

// TestPanickingCheckpointWriterOrWitnessTransport: a checkpoint writer
// that panics, or an HTTP transport for the witnesses
// (WithWitnessHTTPClient) that panics, never panics the log call nor the
// witness client's goroutine (where it ended the process): each is an
// error for OnError, and the log verifies.
func TestPanickingCheckpointWriterOrWitnessTransport(t *testing.T) {
	for _, c := range []string{"checkpoint writer", "witness transport", "checkpoint writer after cosigning"} {
		t.Run(c, func(t *testing.T) {
			pub, priv, _ := ed25519.GenerateKey(nil)
			w := newTestWitness(t, "w1.example")
			w.addLog(t, "slogaudit/c", pub)
			var cps interface{ Write([]byte) (int, error) } = &bytes.Buffer{}
			opts := []Option{WithKey("k1", testKey), WithSigner(priv), WithChainID("c")}
			switch c {
			case "checkpoint writer":
				cps = panicWriter{}
			case "witness transport":
				opts = append(opts, WithWitnesses(1, w.witness()), WithWitnessHTTPClient(&http.Client{Transport: panicTransport{}}))
			case "checkpoint writer after cosigning":
				cps = &cosignedPanics{}
				opts = append(opts, WithWitnesses(1, w.witness()))
			}
			var mu sync.Mutex
			var reported []string
			opts = append(opts, WithCheckpoints(cps, 3, 0), OnError(func(err error) {
				mu.Lock()
				reported = append(reported, err.Error())
				mu.Unlock()
			}))
			var out bytes.Buffer
			h, err := New(slog.NewJSONHandler(&out, nil), opts...)
			if err != nil {
				t.Fatal(err)
			}
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("panic reached the caller: %v", p)
					}
				}()
				l := slog.New(h)
				for i := range 10 {
					l.Info("event", "i", i)
					time.Sleep(time.Millisecond) // the witness client runs meanwhile
				}
			}()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = h.Close(ctx)
			mu.Lock()
			all := strings.Join(reported, "\n")
			mu.Unlock()
			if !strings.Contains(all, "panicked") {
				t.Errorf("OnError did not hear of the panic: %q", all)
			}
			if rep, err := Verify(context.Background(), strings.NewReader(out.String()), VerifyOptions{Key: testKey, PublicKey: pub}); err != nil || !rep.Intact() {
				t.Errorf("untouched log: %v %v", err, rep.Findings)
			}
		})
	}
}

// cosignedPanics takes checkpoints and panics on the first cosigned one,
// which the witness client appends from its goroutine.
type cosignedPanics struct{ bytes.Buffer }

func (c *cosignedPanics) Write(p []byte) (int, error) {
	if bytes.Count(p, []byte("— ")) > 1 {
		panic("checkpoint writer exploded")
	}
	return c.Buffer.Write(p)
}

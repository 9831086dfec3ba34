package slogaudit

import (
	"context"
	"crypto/ed25519"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkFileCheckpoints writes through OpenFile with a checkpoint every
// 1,000 records to a CheckpointFile, with witnessing off and on (a witness
// on 127.0.0.1 cosigning every checkpoint), next to slog.JSONHandler
// writing to a file. Witnessing must cost the logging path next to
// nothing: it runs on its own goroutine.
func BenchmarkFileCheckpoints(b *testing.B) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	for _, bc := range []struct {
		name    string
		witness bool
	}{{"witnessing=off", false}, {"witnessing=on", true}} {
		b.Run(bc.name, func(b *testing.B) {
			dir := b.TempDir()
			af, err := OpenFile(filepath.Join(dir, "audit.log"), WithFileSync(SyncGroup(0, 10*time.Millisecond)))
			if err != nil {
				b.Fatal(err)
			}
			cf, err := OpenCheckpointFile(filepath.Join(dir, "audit.checkpoints"))
			if err != nil {
				b.Fatal(err)
			}
			opts := []Option{WithKey("k1", testKey), WithSigner(priv), WithCheckpoints(cf, 1000, 0), WithChainID("bench"),
				OnError(func(err error) { b.Error(err) })}
			if bc.witness { // a new witness each time: each run is a new log
				w := newTestWitness(b, "w.example")
				w.addLog(b, "slogaudit/bench", pub)
				opts = append(opts, WithWitnesses(1, w.witness()))
			}
			h, err := af.Handler(opts...)
			if err != nil {
				b.Fatal(err)
			}
			l := slog.New(h)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				logTen(l)
			}
			b.StopTimer()
			if err := h.Close(context.Background()); err != nil {
				b.Fatal(err)
			}
			if bc.witness && b.N > 1000 && h.Stats().Witnessed == 0 {
				b.Fatal("no checkpoint was witnessed")
			}
			_ = af.Close()
			_ = cf.Close()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
	b.Run("handler=slog.JSONHandler", func(b *testing.B) {
		af, err := OpenFile(filepath.Join(b.TempDir(), "plain.log"), WithFileSync(SyncNever()))
		if err != nil {
			b.Fatal(err)
		}
		l := slog.New(slog.NewJSONHandler(io.Writer(af), nil))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			logTen(l)
		}
		b.StopTimer()
		_ = af.Close()
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
	})
}

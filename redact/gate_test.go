package redact

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// The gate admits exactly the detectors whose need and mark a string's
// flags and marks hold, for every detector of every preset, on random
// flags and marks and on those of each detector's own need and mark (with
// one bit taken away, which must shut that detector out).
func TestDetectorGateAdmitsExactlyWhatDetectorsNeed(t *testing.T) {
	r := Must(Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo)
	if r.gate == nil {
		t.Fatalf("no gate for %d detectors", len(r.detectors))
	}
	check := func(f scanFlags, marks uint32) {
		t.Helper()
		got := r.gate.admit(f, marks)
		for i, d := range r.detectors {
			want := f&d.need == d.need && marks&d.mark == d.mark
			if got>>i&1 == 1 != want {
				t.Fatalf("flags %#x marks %#x: detector %s (need %#x, mark %#x) admitted %v, want %v", f, marks, d.Name, d.need, d.mark, !want, want)
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 5000 {
		check(scanFlags(rng.Uint32()), rng.Uint32()&rng.Uint32())
	}
	for _, d := range r.detectors {
		check(d.need, d.mark)
		for b := 0; b < 32; b++ {
			if b < 16 && d.need&(1<<b) != 0 {
				check(d.need&^(1<<b), d.mark)
			}
			if d.mark&(1<<b) != 0 {
				check(d.need, d.mark&^(1<<b))
			}
		}
	}
}

// With more detectors than the gate has bits, each is tested in turn: the
// last ones still find what they look for.
func TestManyDetectorsAllRun(t *testing.T) {
	var ds []Detector
	for i := range 70 {
		word := fmt.Sprintf("qx%02dzv", i)
		ds = append(ds, DetectorFunc("word "+word, func(s string) [][2]int {
			if k := strings.Index(s, word); k >= 0 {
				return [][2]int{{k, k + len(word)}}
			}
			return nil
		}))
	}
	r := Must(Rule{Name: "words", Detectors: ds})
	if r.gate != nil {
		t.Fatal("a gate for 70 detectors")
	}
	for _, i := range []int{0, 63, 64, 69} {
		in := fmt.Sprintf("before qx%02dzv after", i)
		if got, ch := r.String(in); !ch || got != "before "+DefaultMask+" after" {
			t.Errorf("String(%q) = %q, %v: the detector at %d did not run", in, got, ch, i)
		}
	}
	if got, ch := r.String("before qx70zv after"); ch {
		t.Errorf("String masked %q, which no detector looks for", got)
	}
}

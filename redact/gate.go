package redact

import "math/bits"

// detectorGate answers findPrescanned's question "which detectors can
// match a string with these flags and marks?" with one lookup per byte of
// them instead of a test per detector: bit i of each entry stands for
// detectors[i], set when the detector's need (or mark) restricted to that
// byte is a subset of the entry's index. The AND of the entries of a
// string's bytes is the set of detectors whose need and mark it holds.
type detectorGate struct {
	flags   [2][256]uint64
	marks   [4][256]uint64
	catalog uint64 // DetectTokens' bit: it finds nothing without a prefix or a marker (prescanned.tokens, tokenMarks)
}

// newDetectorGate returns the gate of ds, or nil when there are more
// detectors than bits in a word (then each is tested in turn).
func newDetectorGate(ds []Detector) *detectorGate {
	if len(ds) > 64 {
		return nil
	}
	g := new(detectorGate)
	for i, d := range ds {
		if d.catalog {
			g.catalog |= 1 << i
		}
		for v := range 256 {
			for k := range g.flags {
				if need := uint64(d.need) >> (8 * k) & 0xff; need&^uint64(v) == 0 {
					g.flags[k][v] |= 1 << i
				}
			}
			for k := range g.marks {
				if mark := uint64(d.mark) >> (8 * k) & 0xff; mark&^uint64(v) == 0 {
					g.marks[k][v] |= 1 << i
				}
			}
		}
	}
	return g
}

// admit returns the set of detectors (bit i for detectors[i]) whose need
// and mark f and marks hold.
func (g *detectorGate) admit(f scanFlags, marks uint32) uint64 {
	return g.flags[0][uint8(f)] & g.flags[1][uint8(f>>8)] &
		g.marks[0][uint8(marks)] & g.marks[1][uint8(marks>>8)] & g.marks[2][uint8(marks>>16)] & g.marks[3][uint8(marks>>24)]
}

// nextDetector returns the index of the lowest detector in set and set
// without it.
func nextDetector(set uint64) (int, uint64) {
	return bits.TrailingZeros64(set), set & (set - 1)
}

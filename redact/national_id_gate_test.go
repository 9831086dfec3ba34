package redact

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNationalIDPrefilter: the prefilter admits the national-id detector
// for each identifier it finds, down to the one with the fewest digits (a
// National Insurance number's six; a codice fiscale whose omocodia letters
// leave one), and skips it for strings with fewer digits, so that a clean
// record under GDPR does not pay for it.
func TestNationalIDPrefilter(t *testing.T) {
	r := Must(GDPR)
	bit := uint64(1) << slicesIndexName(r.detectors, DetectNationalID.Name)
	for _, s := range []string{
		"payroll row WK 73 50 18 C imported",
		"payroll row WK735018C imported",
		"codice BNCLCU9NHQPLRMPC ok",
		"nie Y4082917F ok",
	} {
		p := r.prescan(s)
		require.NotZero(t, r.gate.admit(p.flags, p.marks)&bit, "%q: national-id skipped", s)
		got, masked := r.String(s)
		require.True(t, masked, "%q", s)
		require.Contains(t, got, DefaultMask, "%q", s)
	}
	for _, s := range []string{
		"order shipped to the warehouse",
		"retry 2 of 5 in 123 ms",
		"payroll row WK 73 50 1 imported",
		"build abcdefghijklmn1",
	} {
		p := r.prescan(s)
		require.Zero(t, r.gate.admit(p.flags, p.marks)&bit, "%q: national-id admitted", s)
	}
}

// slicesIndexName returns the index of the detector named name in ds.
func slicesIndexName(ds []Detector, name string) int {
	for i, d := range ds {
		if d.Name == name {
			return i
		}
	}
	panic("no detector " + name)
}

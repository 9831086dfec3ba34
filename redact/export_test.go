package redact

// PrefilterCheckOff turns the test-only check of the prefilter off, for
// tests that count allocations (the check repeats every search, on the
// worker's goroutine too, which changes how deep slogcore's queue gets),
// and returns the function that turns it back on.
func PrefilterCheckOff() (restore func()) {
	old := verifyPrefilter
	verifyPrefilter = false
	return func() { verifyPrefilter = old }
}

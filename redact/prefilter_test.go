package redact

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

// TestMain runs every test of the package with the prefilter checked: each
// string redacted is also searched without it, and a difference fails the
// run, naming the string. The tables, classes and fuzz seeds of the package
// thus all check that the prefilter skips only searches that find nothing.
// Runs with -bench leave the check off, so that benchmarks measure the
// redactor alone.
func TestMain(m *testing.M) {
	flag.Parse()
	verifyPrefilter = flag.Lookup("test.bench").Value.String() == ""
	code := m.Run()
	close(prefilterMisses)
	for s := range prefilterMisses {
		fmt.Fprintf(os.Stderr, "redact: the prefilter skipped a search that finds something in %q\n", s)
		code = 1
	}
	os.Exit(code)
}

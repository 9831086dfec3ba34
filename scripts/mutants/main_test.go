package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestSchemaAgreesWithSeparateBuilds runs every mutant of a sample package
// twice, once through the schema (one build) and once built on its own as
// gremlins does, and wants the same verdict from both. The sample holds
// each operator kind, a constant expression, a string concatenation, a
// for loop's decrement and a generic function.
func TestSchemaAgreesWithSeparateBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the sample package once per mutant")
	}
	root := t.TempDir()
	for _, f := range []string{"go.mod", "sample.go", "sample_test.go"} {
		data, err := os.ReadFile(filepath.Join("testdata", "sample", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chdir(wd) })
	o := options{root: root, pkg: ".", workers: 2, coef: 20, out: io.Discard}
	schema, err := run(o)
	if err != nil {
		t.Fatal(err)
	}
	o.separate = true
	separate, err := run(o)
	if err != nil {
		t.Fatal(err)
	}
	if len(schema) != len(separate) {
		t.Fatalf("%d mutants through the schema, %d built one by one", len(schema), len(separate))
	}
	count := map[string]int{}
	for i, m := range schema {
		s := separate[i]
		if got, want := m.label(), s.label(); got != want {
			t.Errorf("mutant %d (%s at %s:%d:%d): schema %s, separate build %s", m.id, m.kind, m.file, m.pos.Line, m.pos.Column, got, want)
		}
		count[m.state]++
		count[m.verdict]++
	}
	// The sample's tests kill some mutants and let others live, one
	// mutant loops without end, its constant needs a build of its own and
	// its string concatenation is not viable.
	for _, k := range []string{"KILLED", "LIVED", "TIMED OUT", "BUILD", "NOT VIABLE"} {
		if count[k] == 0 {
			t.Errorf("no mutant %s in the sample: %v", k, count)
		}
	}
	t.Logf("%d mutants: %v", len(schema), count)
}

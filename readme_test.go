package slogguard_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeQuickstartCompiles keeps the README's quickstart identical to
// examples/basic/main.go, which `go vet ./...` and `go test ./...` compile.
func TestReadmeQuickstartCompiles(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("examples/basic/main.go")
	if err != nil {
		t.Fatal(err)
	}
	// The README shows the file from its package clause on.
	code := string(src[strings.Index(string(src), "package main"):])
	if !strings.Contains(string(readme), "```go\n"+code+"```") {
		t.Fatalf("README.md's quickstart differs from examples/basic/main.go; paste the file into the README:\n%s", code)
	}
}

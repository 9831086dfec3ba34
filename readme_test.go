package slogguard_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// snippet is one ```go block of a Markdown file.
type snippet struct {
	file  string   // the Markdown file
	line  int      // line of the first line of code, from 1
	lines []string // the code
}

// goSnippets returns every ```go block of the Markdown file at path.
func goSnippets(t *testing.T, path string) []snippet {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		out []snippet
		cur *snippet
		n   int
	)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
		text := sc.Text()
		switch {
		case cur == nil && strings.TrimSpace(text) == "```go":
			cur = &snippet{file: path, line: n + 1}
		case cur != nil && strings.TrimSpace(text) == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, text)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != nil {
		t.Fatalf("%s:%d: a ```go block is never closed", path, cur.line-1)
	}
	return out
}

// program returns s as a Go source file of package main. A snippet that
// starts with a package clause is a whole file and is used as it is. Any
// other snippet is a fragment: its import declaration (if any) goes to the
// top of the file, and the rest becomes the body of
// `func snippet() error`, so a fragment may `return err`. Each fragment must
// import what it uses and declare every variable it uses: nothing else is
// in scope. Line directives point compiler messages at the Markdown file.
func (s snippet) program() string {
	for _, l := range s.lines {
		if strings.HasPrefix(l, "package ") {
			return fmt.Sprintf("//line %s:%d\n%s\n", s.file, s.line, strings.Join(s.lines, "\n"))
		}
		if l != "" && !strings.HasPrefix(l, "//") {
			break
		}
	}
	var imports, body strings.Builder
	body.WriteString("func snippet() error {\n")
	directive := true
	for i := 0; i < len(s.lines); i++ {
		l := s.lines[i]
		if strings.HasPrefix(l, "import ") {
			fmt.Fprintf(&imports, "//line %s:%d\n%s\n", s.file, s.line+i, l)
			if strings.HasPrefix(l, "import (") {
				for i++; i < len(s.lines); i++ {
					imports.WriteString(s.lines[i] + "\n")
					if s.lines[i] == ")" {
						break
					}
				}
			}
			directive = true
			continue
		}
		if directive {
			fmt.Fprintf(&body, "//line %s:%d\n", s.file, s.line+i)
			directive = false
		}
		body.WriteString(l + "\n")
	}
	body.WriteString("\treturn nil\n}\n")
	return "package main\n\n" + imports.String() +
		"\nfunc main() {\n\tif err := snippet(); err != nil {\n\t\tpanic(err)\n\t}\n}\n\n" + body.String()
}

// TestDocSnippetsCompile compiles and vets every Go snippet of README.md and
// MIGRATION.md as a program of its own inside this module, so that the
// snippets' imports of github.com/slogguard/slogguard resolve to this tree.
func TestDocSnippetsCompile(t *testing.T) {
	var all []snippet
	for _, doc := range []string{"README.md", "MIGRATION.md"} {
		s := goSnippets(t, doc)
		if len(s) == 0 {
			t.Fatalf("%s has no ```go block: the test would check nothing", doc)
		}
		all = append(all, s...)
	}

	// A directory inside the module (its name has no leading dot or
	// underscore, which the go command would refuse to build).
	dir, err := os.MkdirTemp(".", "snippets")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var pkgs []string
	for i, s := range all {
		pkg := filepath.Join(dir, fmt.Sprintf("s%02d", i))
		if err := os.Mkdir(pkg, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pkg, "main.go"), []byte(s.program()), 0o644); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, "./"+filepath.ToSlash(pkg))
	}

	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command on PATH to compile the snippets with: %v", err)
	}
	// go vet type-checks each package fully (every compile error is reported)
	// and then runs the vet checks over it.
	out, err := exec.Command(goCmd, append([]string{"vet"}, pkgs...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("the Go snippets of README.md and MIGRATION.md do not compile or vet cleanly (%v):\n%s", err, out)
	}
	t.Logf("%d snippets compiled and vetted", len(all))
}

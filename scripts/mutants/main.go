// Command mutants runs gremlins' default mutants of one package of this
// module, compiled into one test binary instead of one build per mutant.
//
// gremlins (github.com/go-gremlins/gremlins) changes one operator at a time
// and runs `go test` on each mutant: a build of the package and its test
// binary every time, about ten seconds here before a test runs. mutants makes
// the same mutants (the same operators at the same positions, with gremlins'
// default mutator types: ARITHMETIC_BASE, CONDITIONALS_BOUNDARY,
// CONDITIONALS_NEGATION, INCREMENT_DECREMENT, INVERT_NEGATIVES) and the same
// verdicts (the tests run with -failfast under a time limit; a failure
// kills, a pass lives; the limit is on CPU time, so that a loaded machine
// does not turn slow passes into time-outs), but writes every mutant into the package at once,
// each behind a test of a mutant number read from the environment
// (mutant schemata), builds the test binary once and runs it once per mutant,
// with only the tests that run the mutant's line (each test's coverage of the
// unmutated package is read first; a test that never reaches the changed
// operator cannot fail because of it).
// A mutant of a constant expression cannot be switched at run time; it gets
// a build of its own, as in gremlins.
//
//	cd scripts/mutants && go run . -pkg redact [-files 'pairs|keys'] [-since 4259a04] [-skip 'TestX|TestY'] [-workers 2]
//
// It prints one line per mutant that lived, timed out or is not viable,
// in gremlins' form (`LIVED CONDITIONALS_BOUNDARY at pairs.go:120:14`), and
// gremlins' totals. -list prints the mutants without running them.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// mutation types, gremlins' names.
const (
	arithmeticBase       = "ARITHMETIC_BASE"
	conditionalsBoundary = "CONDITIONALS_BOUNDARY"
	conditionalsNegation = "CONDITIONALS_NEGATION"
	incrementDecrement   = "INCREMENT_DECREMENT"
	invertNegatives      = "INVERT_NEGATIVES"
)

// typesOf lists, per token, the default mutator types gremlins applies to it,
// in gremlins' order; mutated gives the token each type turns it into.
var typesOf = map[token.Token][]string{
	token.ADD: {arithmeticBase},
	token.DEC: {incrementDecrement},
	token.EQL: {conditionalsNegation},
	token.GEQ: {conditionalsBoundary, conditionalsNegation},
	token.GTR: {conditionalsBoundary, conditionalsNegation},
	token.INC: {incrementDecrement},
	token.LEQ: {conditionalsBoundary, conditionalsNegation},
	token.LSS: {conditionalsBoundary, conditionalsNegation},
	token.MUL: {arithmeticBase},
	token.NEQ: {conditionalsNegation},
	token.QUO: {arithmeticBase},
	token.REM: {arithmeticBase},
	token.SUB: {invertNegatives, arithmeticBase},
}

var mutated = map[string]map[token.Token]token.Token{
	arithmeticBase:       {token.ADD: token.SUB, token.MUL: token.QUO, token.QUO: token.MUL, token.REM: token.MUL, token.SUB: token.ADD},
	conditionalsBoundary: {token.GEQ: token.GTR, token.GTR: token.GEQ, token.LEQ: token.LSS, token.LSS: token.LEQ},
	conditionalsNegation: {token.EQL: token.NEQ, token.GEQ: token.LSS, token.GTR: token.LEQ, token.LEQ: token.GTR, token.LSS: token.GEQ, token.NEQ: token.EQL},
	incrementDecrement:   {token.DEC: token.INC, token.INC: token.DEC},
	invertNegatives:      {token.SUB: token.ADD},
}

// A mutant is one operator of one node changed.
type mutant struct {
	id      int
	kind    string
	file    string // base name
	pos     token.Position
	node    ast.Node
	to      token.Token
	state   string // RUNNABLE (schema), BUILD (a build of its own), NOT COVERED, NOT VIABLE
	verdict string
	stages  []stage // the tests that run m's line, quick ones first
}

// options are the command's flags.
type options struct {
	root, pkg, files, since, skip, only string
	workers                             int
	coef                                float64
	list, keep, separate, allTests      bool
	out                                 io.Writer // the report
}

// label is m's verdict, or its state when it was not run.
func (m *mutant) label() string {
	if m.verdict != "" {
		return m.verdict
	}
	return m.state
}

func main() {
	var o options
	flag.StringVar(&o.pkg, "pkg", "", "the package's directory, relative to the module root (redact, slogaudit, internal/chain)")
	flag.StringVar(&o.files, "files", "", "mutate only the files whose base name without .go matches this regexp")
	flag.StringVar(&o.since, "since", "", "mutate only the lines changed since this commit (new files whole)")
	flag.StringVar(&o.skip, "skip", "", "a -test.skip regexp: tests not to run")
	flag.IntVar(&o.workers, "workers", 1, "mutants run at once")
	flag.Float64Var(&o.coef, "timeout-coefficient", 3, "a mutant may use this many times the CPU time of the unmutated run, plus 2 s (and ten times its wall time)")
	flag.BoolVar(&o.list, "list", false, "list the mutants, run nothing")
	flag.StringVar(&o.only, "only", "", "run only these mutant numbers (comma-separated)")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary copy of the module")
	flag.BoolVar(&o.separate, "separate", false, "build every mutant on its own, as gremlins does (slow: to check the schema's verdicts)")
	flag.BoolVar(&o.allTests, "all-tests", false, "run every test on each mutant, not only the tests that run its line (slow: to check the selection)")
	flag.Parse()
	if o.pkg == "" {
		fail(errors.New("mutants: -pkg is required (the package's directory: redact)"))
	}
	root, err := moduleRoot()
	if err != nil {
		fail(err)
	}
	o.root, o.out = root, os.Stdout
	if _, err := run(o); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}

// run makes and runs the mutants o asks for and returns them with their
// verdicts.
func run(o options) ([]*mutant, error) {
	root, pkg, filesRe, since, skip, only := o.root, o.pkg, o.files, o.since, o.skip, o.only
	workers, coef, list, keep, separate := o.workers, o.coef, o.list, o.keep, o.separate
	dir := filepath.Join(root, pkg)
	if err := os.Chdir(root); err != nil { // imports resolve in the module's go.mod
		return nil, fmt.Errorf("mutants: %w", err)
	}
	fset := token.NewFileSet()
	keepFile := func(fi os.FileInfo) bool {
		ok, err := build.Default.MatchFile(dir, fi.Name()) // build constraints
		return err == nil && ok && !strings.HasSuffix(fi.Name(), "_test.go")
	}
	pkgs, err := parser.ParseDir(fset, dir, keepFile, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("mutants: parse %s: %w", dir, err)
	}
	if len(pkgs) != 1 {
		return nil, fmt.Errorf("mutants: %s holds %d packages, want one", dir, len(pkgs))
	}
	var astFiles []*ast.File
	var names []string
	for _, p := range pkgs {
		for name, f := range p.Files {
			names = append(names, name)
			_ = f
		}
		sort.Strings(names)
		for _, name := range names {
			astFiles = append(astFiles, p.Files[name])
		}
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	tpkg, err := conf.Check(pkg, fset, astFiles, info)
	if err != nil {
		return nil, fmt.Errorf("mutants: type-check %s: %w", pkg, err)
	}

	var fileRe *regexp.Regexp
	if filesRe != "" {
		if fileRe, err = regexp.Compile("^(" + filesRe + ")$"); err != nil {
			return nil, fmt.Errorf("mutants: -files: %w", err)
		}
	}
	changed := map[string]map[int]bool{}
	if since != "" {
		for _, name := range names {
			lines, err := changedLines(root, since, filepath.Join(pkg, filepath.Base(name)))
			if err != nil {
				return nil, err
			}
			changed[filepath.Base(name)] = lines
		}
	}

	// The copy of the module the schema is written into.
	tmp, err := os.MkdirTemp("", "mutants-")
	if err != nil {
		return nil, fmt.Errorf("mutants: %w", err)
	}
	if !keep {
		defer os.RemoveAll(tmp)
	} else {
		fmt.Fprintln(os.Stderr, "mutants: copy kept in", tmp)
	}
	if err := copyModule(root, tmp); err != nil {
		return nil, err
	}
	tdir := filepath.Join(tmp, pkg)

	tests, err := coverage(tdir, skip, workers)
	if err != nil {
		return nil, err
	}

	var all []*mutant
	byFile := map[string][]*mutant{}
	for i, f := range astFiles {
		base := filepath.Base(names[i])
		if fileRe != nil && !fileRe.MatchString(strings.TrimSuffix(base, ".go")) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var tok token.Token
			var at token.Pos
			switch n := n.(type) {
			case *ast.BinaryExpr:
				tok, at = n.Op, n.OpPos
			case *ast.UnaryExpr:
				tok, at = n.Op, n.OpPos
			case *ast.IncDecStmt:
				tok, at = n.Tok, n.TokPos
			default:
				return true
			}
			pos := fset.Position(at)
			if since != "" && !changed[base][pos.Line] {
				return true
			}
			for _, kind := range typesOf[tok] {
				to, ok := mutated[kind][tok]
				if !ok {
					continue
				}
				m := &mutant{kind: kind, file: base, pos: pos, node: n, to: to, state: "RUNNABLE"}
				m.stages = tests.stagesFor(base, pos)
				if o.allTests && m.stages != nil {
					m.stages = []stage{{skip: skip}}
				}
				switch {
				case m.stages == nil:
					m.state = "NOT COVERED"
				case !viable(info, n, to):
					m.state = "NOT VIABLE"
				case isConstant(info, n):
					m.state = "BUILD"
				}
				all = append(all, m)
				byFile[base] = append(byFile[base], m)
			}
			return true
		})
	}
	for i, m := range all {
		m.id = i + 1
	}
	if list {
		for _, m := range all {
			fmt.Fprintf(o.out, "%d %s %s at %s:%d:%d\n", m.id, m.state, m.kind, m.file, m.pos.Line, m.pos.Column)
		}
		return all, nil
	}
	want := map[int]bool{}
	if only != "" {
		for _, s := range strings.Split(only, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return nil, fmt.Errorf("mutants: -only: %w", err)
			}
			want[n] = true
		}
	}
	selected := func(m *mutant) bool { return len(want) == 0 || want[m.id] }

	// The schema: every runnable mutant of each file at once.
	for i, f := range astFiles {
		base := filepath.Base(names[i])
		ms := byFile[base]
		if len(ms) == 0 {
			continue
		}
		src, err := os.ReadFile(names[i])
		if err != nil {
			return nil, fmt.Errorf("mutants: %w", err)
		}
		w := &schema{fset: fset, src: src, base: fset.File(f.Pos()).Base(), info: info, pkg: tpkg, file: f, sites: map[ast.Node][]*mutant{}}
		for _, m := range ms {
			if m.state == "RUNNABLE" {
				w.sites[m.node] = append(w.sites[m.node], m)
			}
		}
		out, err := w.render()
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(tdir, base), out, 0o644); err != nil {
			return nil, fmt.Errorf("mutants: %w", err)
		}
	}
	sw := fmt.Sprintf("package %s\n\nimport (\n\t\"os\"\n\t\"strconv\"\n)\n\nvar zzMutantID = func() int { n, _ := strconv.Atoi(os.Getenv(\"MUTANT\")); return n }()\n\nfunc zzMutStep(k int) int {\n\tif zzMutantID == k {\n\t\treturn -1\n\t}\n\treturn 1\n}\n", tpkg.Name())
	if err := os.WriteFile(filepath.Join(tdir, "zz_mutant_schema.go"), []byte(sw), 0o644); err != nil {
		return nil, fmt.Errorf("mutants: %w", err)
	}
	bin := filepath.Join(tmp, "schema.test")
	if err := buildTest(tdir, bin); err != nil {
		return nil, err
	}
	start := time.Now()
	var verbose bytes.Buffer
	st, cpu := runTests(context.Background(), tdir, bin, 0, []stage{{skip: skip}}, budget{}, &verbose)
	if st != "LIVED" {
		return nil, fmt.Errorf("mutants: the unmutated tests do not pass through the schema (%s); add the failing test to -skip:\n%s", st, tail(verbose.Bytes(), 3000))
	}
	base := time.Since(start)
	limit := budget{cpu: time.Duration(coef*float64(cpu)) + 2*time.Second, wall: time.Duration(10*coef*float64(base)) + 10*time.Second}
	fmt.Fprintf(os.Stderr, "mutants: %d mutants, unmutated run %v (CPU %v), limits: CPU %v, wall %v\n", len(all),
		base.Round(time.Millisecond), cpu.Round(time.Millisecond), limit.cpu.Round(time.Millisecond), limit.wall.Round(time.Millisecond))

	jobs := make(chan *mutant)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range jobs {
				var v string
				if m.state == "BUILD" || separate {
					v = runBuilt(tmp, tdir, names, m, m.stages, limit)
				} else {
					v, _ = runTests(context.Background(), tdir, bin, m.id, m.stages, limit, io.Discard)
				}
				mu.Lock()
				m.verdict = v
				done++
				if v != "KILLED" {
					fmt.Fprintf(o.out, "%s %s at %s:%d:%d (mutant %d)\n", v, m.kind, m.file, m.pos.Line, m.pos.Column, m.id)
				}
				if done%100 == 0 {
					fmt.Fprintf(os.Stderr, "mutants: %d run\n", done)
				}
				mu.Unlock()
			}
		}()
	}
	for _, m := range all {
		if (m.state == "RUNNABLE" || m.state == "BUILD") && selected(m) {
			jobs <- m
		}
	}
	close(jobs)
	wg.Wait()

	count := map[string]int{}
	for _, m := range all {
		switch {
		case m.verdict != "":
			count[m.verdict]++
		case m.state == "NOT COVERED" || m.state == "NOT VIABLE":
			count[m.state]++
			fmt.Fprintf(o.out, "%s %s at %s:%d:%d (mutant %d)\n", m.state, m.kind, m.file, m.pos.Line, m.pos.Column, m.id)
		}
	}
	k, l := count["KILLED"], count["LIVED"]
	fmt.Fprintf(o.out, "Killed: %d, Lived: %d, Not covered: %d\nTimed out: %d, Not viable: %d\n", k, l, count["NOT COVERED"], count["TIMED OUT"], count["NOT VIABLE"])
	if k+l > 0 {
		fmt.Fprintf(o.out, "Test efficacy: %.2f%%\n", 100*float64(k)/float64(k+l))
	}
	return all, nil
}

// isConstant reports whether n is a constant expression, whose mutant must
// be compiled on its own (a constant context cannot test a variable).
func isConstant(info *types.Info, n ast.Node) bool {
	e, ok := n.(ast.Expr)
	if !ok {
		return false
	}
	tv, ok := info.Types[e]
	return ok && tv.Value != nil
}

// viable reports whether changing n's operator to to still compiles:
// strings only add.
func viable(info *types.Info, n ast.Node, to token.Token) bool {
	b, ok := n.(*ast.BinaryExpr)
	if !ok || b.Op != token.ADD {
		return true
	}
	t := info.Types[b.X].Type
	if t == nil {
		return true
	}
	basic, ok := t.Underlying().(*types.Basic)
	return !ok || basic.Info()&types.IsString == 0
}

// A schema renders one file with its mutants switched by zzMutantID.
type schema struct {
	fset  *token.FileSet
	src   []byte
	base  int
	info  *types.Info
	pkg   *types.Package
	file  *ast.File
	sites map[ast.Node][]*mutant
	order []ast.Node
}

func (w *schema) off(p token.Pos) int { return int(p) - w.base }

func (w *schema) render() ([]byte, error) {
	for n := range w.sites {
		w.order = append(w.order, n)
	}
	sort.Slice(w.order, func(i, j int) bool {
		a, b := w.order[i], w.order[j]
		if a.Pos() != b.Pos() {
			return a.Pos() < b.Pos()
		}
		return a.End() > b.End()
	})
	var b bytes.Buffer
	if err := w.span(&b, w.file.FileStart, w.file.FileEnd); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// span writes the source from lo to hi with the sites inside it rendered.
func (w *schema) span(b *bytes.Buffer, lo, hi token.Pos) error {
	cur := lo
	for _, n := range w.order {
		if n.Pos() < cur || n.End() > hi {
			continue
		}
		b.Write(w.src[w.off(cur):w.off(n.Pos())])
		if err := w.site(b, n); err != nil {
			return err
		}
		cur = n.End()
	}
	b.Write(w.src[w.off(cur):w.off(hi)])
	return nil
}

func (w *schema) text(e ast.Node) (string, error) {
	var b bytes.Buffer
	err := w.span(&b, e.Pos(), e.End())
	return b.String(), err
}

func (w *schema) typeOf(e ast.Expr) string {
	return types.TypeString(w.info.Types[e].Type, func(p *types.Package) string {
		if p == w.pkg {
			return ""
		}
		return p.Name()
	})
}

func (w *schema) site(b *bytes.Buffer, n ast.Node) error {
	ms := w.sites[n]
	switch n := n.(type) {
	case *ast.BinaryExpr:
		x, err := w.text(n.X)
		if err != nil {
			return err
		}
		y, err := w.text(n.Y)
		if err != nil {
			return err
		}
		if _, cmp := typesOf[n.Op]; cmp && (n.Op == token.EQL || n.Op == token.NEQ || n.Op == token.LSS || n.Op == token.LEQ || n.Op == token.GTR || n.Op == token.GEQ) {
			// A comparison: an untyped bool, kept untyped.
			b.WriteString("(")
			var none []string
			for _, m := range ms {
				fmt.Fprintf(b, "zzMutantID == %d && ((%s) %s (%s)) || ", m.id, x, m.to, y)
				none = append(none, fmt.Sprintf("zzMutantID != %d", m.id))
			}
			fmt.Fprintf(b, "%s && ((%s) %s (%s)))", strings.Join(none, " && "), x, n.Op, y)
			return nil
		}
		fmt.Fprintf(b, "(func() %s { switch zzMutantID {", w.typeOf(n))
		for _, m := range ms {
			fmt.Fprintf(b, " case %d: return (%s) %s (%s);", m.id, x, m.to, y)
		}
		fmt.Fprintf(b, " }; return (%s) %s (%s) }())", x, n.Op, y)
	case *ast.UnaryExpr:
		x, err := w.text(n.X)
		if err != nil {
			return err
		}
		fmt.Fprintf(b, "(func() %s { switch zzMutantID {", w.typeOf(n))
		for _, m := range ms {
			fmt.Fprintf(b, " case %d: return %s(%s);", m.id, m.to, x)
		}
		fmt.Fprintf(b, " }; return %s(%s) }())", n.Op, x)
	case *ast.IncDecStmt:
		x, err := w.text(n.X)
		if err != nil {
			return err
		}
		if len(ms) != 1 {
			return fmt.Errorf("mutants: %v: %d mutants of one statement", w.fset.Position(n.Pos()), len(ms))
		}
		op := "+="
		if n.Tok == token.DEC {
			op = "-="
		}
		fmt.Fprintf(b, "%s %s %s(zzMutStep(%d))", x, op, w.typeOf(n.X), ms[0].id)
	default:
		return fmt.Errorf("mutants: %v: unexpected node %T", w.fset.Position(n.Pos()), n)
	}
	return nil
}

// runBuilt applies m alone to its file in a copy of the package, builds it
// and runs its tests (mutants of constant expressions).
func runBuilt(tmp, tdir string, names []string, m *mutant, stages []stage, limit budget) string {
	dir, err := os.MkdirTemp(tmp, "build-")
	if err != nil {
		return "ERROR"
	}
	defer os.RemoveAll(dir)
	if err := copyModule(tmp, dir); err != nil {
		return "ERROR"
	}
	pdir := filepath.Join(dir, strings.TrimPrefix(tdir, tmp))
	_ = os.Remove(filepath.Join(pdir, "zz_mutant_schema.go"))
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			return "ERROR"
		}
		if filepath.Base(name) == m.file {
			off := m.pos.Offset
			old := tokenAt(src, off)
			src = append(append(append([]byte{}, src[:off]...), m.to.String()...), src[off+len(old):]...)
		}
		if err := os.WriteFile(filepath.Join(pdir, filepath.Base(name)), src, 0o644); err != nil {
			return "ERROR"
		}
	}
	bin := filepath.Join(dir, "m.test")
	if err := buildTest(pdir, bin); err != nil {
		return "NOT VIABLE"
	}
	v, _ := runTests(context.Background(), pdir, bin, -1, stages, limit, io.Discard)
	return v
}

// tail returns the last n bytes of b.
func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

func tokenAt(src []byte, off int) string {
	for _, t := range []string{"==", "!=", "<=", ">=", "++", "--", "<", ">", "+", "-", "*", "/", "%"} {
		if bytes.HasPrefix(src[off:], []byte(t)) {
			return t
		}
	}
	return ""
}

func buildTest(dir, bin string) error {
	cmd := exec.Command("go", "test", "-c", "-vet=off", "-o", bin, ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("mutants: build in %s: %w\n%s", dir, err, out)
	}
	return nil
}

// A stage is one run of the test binary: the tests matching run (all when
// empty) except those matching skip.
type stage struct{ run, skip string }

// A budget bounds one mutant's run: the CPU time its test process may use
// (an endless loop keeps using CPU, and CPU time, unlike wall time, hardly
// grows when other work shares the machine) and, against a mutant that
// blocks forever, a generous wall time. Zero values: no bound.
type budget struct{ cpu, wall time.Duration }

// runTests runs bin in dir with mutant id, stage by stage: LIVED when the
// tests pass, KILLED when one fails, TIMED OUT past the budget. Its output
// goes to w. It also returns the CPU time the stages used.
func runTests(ctx context.Context, dir, bin string, id int, stages []stage, b budget, w io.Writer) (string, time.Duration) {
	if b.wall > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, b.wall)
		defer cancel()
	}
	var used time.Duration
	for _, st := range stages {
		args := []string{"-test.failfast", "-test.count=1"}
		if w != io.Discard {
			args = append(args, "-test.v")
		}
		if st.run != "" {
			args = append(args, "-test.run", st.run)
		}
		if st.skip != "" {
			args = append(args, "-test.skip", st.skip)
		}
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "MUTANT="+strconv.Itoa(max(id, 0)))
		cmd.Stdout, cmd.Stderr = w, w
		if err := cmd.Start(); err != nil {
			return "KILLED", used
		}
		over := make(chan bool, 1)
		stop := make(chan struct{})
		if b.cpu > 0 {
			go watchCPU(cmd.Process.Pid, b.cpu-used, over, stop, cmd.Process)
		}
		err := cmd.Wait()
		close(stop)
		if cmd.ProcessState != nil {
			used += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		}
		switch {
		case len(over) > 0 || ctx.Err() != nil:
			return "TIMED OUT", used
		case err != nil:
			return "KILLED", used
		}
	}
	return "LIVED", used
}

// watchCPU kills p once the process pid has used more than limit of CPU
// time (read from /proc; without /proc only the wall time bounds a run).
func watchCPU(pid int, limit time.Duration, over chan<- bool, stop <-chan struct{}, p *os.Process) {
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return
		}
		// The fields after the command's closing parenthesis: utime and
		// stime are the 12th and 13th, in clock ticks (100 per second).
		f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
		if len(f) < 13 {
			return
		}
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		if time.Duration(ut+st)*10*time.Millisecond > limit {
			over <- true
			_ = p.Kill()
			return
		}
	}
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("mutants: go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("mutants: not in a module: run it from scripts/mutants")
	}
	dir := filepath.Dir(gomod)
	if filepath.Base(dir) == "mutants" { // scripts/mutants has a go.mod of its own
		dir = filepath.Dir(filepath.Dir(dir))
	}
	return dir, nil
}

// copyModule copies the files git knows in root (tracked or not ignored)
// to dst; a plain copy when root is not a git work tree.
func copyModule(root, dst string) error {
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "-co", "--exclude-standard").Output()
	var files []string
	if err == nil {
		for _, f := range strings.Split(string(out), "\x00") {
			if f != "" {
				files = append(files, f)
			}
		}
	} else {
		err = filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			if fi.IsDir() && strings.HasPrefix(fi.Name(), "build-") {
				return filepath.SkipDir
			}
			if !fi.IsDir() && fi.Mode().IsRegular() && !strings.HasSuffix(p, ".test") {
				rel, _ := filepath.Rel(root, p)
				files = append(files, rel)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("mutants: copy: %w", err)
		}
	}
	for _, f := range files {
		src := filepath.Join(root, f)
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return fmt.Errorf("mutants: copy: %w", err)
		}
		p := filepath.Join(dst, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("mutants: copy: %w", err)
		}
		if err := os.WriteFile(p, data, fi.Mode().Perm()); err != nil {
			return fmt.Errorf("mutants: copy: %w", err)
		}
	}
	return nil
}

// changedLines returns the lines of file (relative to root) that differ
// from commit since to HEAD.
func changedLines(root, since, file string) (map[int]bool, error) {
	lines := map[int]bool{}
	if err := exec.Command("git", "-C", root, "cat-file", "-e", since+":"+file).Run(); err != nil {
		for i := 1; i < 1<<20; i++ { // a new file: every line
			lines[i] = true
		}
		return lines, nil
	}
	out, err := exec.Command("git", "-C", root, "diff", "-U0", since, "HEAD", "--", file).Output()
	if err != nil {
		return nil, fmt.Errorf("mutants: git diff %s: %w", since, err)
	}
	hunk := regexp.MustCompile(`^@@ -\S+ \+(\d+)(?:,(\d+))? @@`)
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		m := hunk.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		start, _ := strconv.Atoi(m[1])
		n := 1
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
		}
		for i := start; i < start+n; i++ {
			lines[i] = true
		}
	}
	return lines, nil
}

// A profile is a coverage profile's covered blocks by file base name.
type profile map[string][][4]int

// A testCover is one top-level test (or example, or fuzz target's seed
// corpus) of the unmutated package, what it runs and whether it is quick.
type testCover struct {
	name  string
	quick bool
	prof  profile
}

// testsCover is every test of the package with its coverage.
type testsCover []testCover

// coverage builds the unmutated package's tests with coverage and runs each
// top-level test on its own (workers at once), except those matching skip.
// A mutant can only be killed by a test that runs its line, so each mutant
// runs only those tests: the verdict is the suite's, and a mutant that lives
// does not pay for the whole suite.
func coverage(dir, skip string, workers int) (testsCover, error) {
	bin := filepath.Join(dir, "zz_cover.test")
	cmd := exec.Command("go", "test", "-c", "-cover", "-covermode=set", "-vet=off", "-o", bin, ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("mutants: build with coverage: %w\n%s", err, out)
	}
	defer os.Remove(bin)
	cmd = exec.Command(bin, "-test.list", ".*")
	cmd.Dir = dir
	list, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("mutants: list the tests: %w", err)
	}
	var skipRe *regexp.Regexp
	if skip != "" {
		if skipRe, err = regexp.Compile(skip); err != nil {
			return nil, fmt.Errorf("mutants: -skip: %w", err)
		}
	}
	var names []string
	for _, n := range strings.Fields(string(list)) {
		if strings.HasPrefix(n, "Benchmark") || (skipRe != nil && skipRe.MatchString(n)) {
			continue
		}
		names = append(names, n)
	}
	tests := make(testsCover, len(names))
	errs := make([]error, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				tests[i], errs[i] = coverOne(dir, bin, names[i], i)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return tests, nil
}

// coverOne runs the test name alone and reads what it covered.
func coverOne(dir, bin, name string, i int) (testCover, error) {
	out := filepath.Join(dir, fmt.Sprintf("zz_cover_%d.out", i))
	defer os.Remove(out)
	cmd := exec.Command(bin, "-test.run", "^"+regexp.QuoteMeta(name)+"$", "-test.count=1", "-test.v", "-test.coverprofile", out)
	cmd.Dir = dir
	verbose, err := cmd.CombinedOutput()
	if err != nil {
		return testCover{}, fmt.Errorf("mutants: the unmutated test %s fails: %w\n%s", name, err, tail(verbose, 3000))
	}
	tc := testCover{name: name, prof: profile{}}
	top := regexp.MustCompile(`(?m)^--- PASS: ` + regexp.QuoteMeta(name) + ` \(([0-9.]+)s\)$`)
	if m := top.FindSubmatch(verbose); m != nil {
		d, err := strconv.ParseFloat(string(m[1]), 64)
		tc.quick = err == nil && d < 0.05
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return testCover{}, fmt.Errorf("mutants: coverage of %s: %w", name, err)
	}
	line := regexp.MustCompile(`^(.+):(\d+)\.(\d+),(\d+)\.(\d+) \d+ (\d+)$`)
	for _, l := range strings.Split(string(data), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil || m[6] == "0" {
			continue
		}
		var b [4]int
		for i := range b {
			b[i], _ = strconv.Atoi(m[2+i])
		}
		tc.prof[filepath.Base(m[1])] = append(tc.prof[filepath.Base(m[1])], b)
	}
	return tc, nil
}

// stagesFor returns the runs of the test binary for a mutant at pos: the
// quick tests that run its line, then the others that do (most mutants are
// killed by a quick test); nil when no test runs it.
func (ts testsCover) stagesFor(file string, pos token.Position) []stage {
	var quick, slow []string
	for _, t := range ts {
		if !t.prof.covers(file, pos) {
			continue
		}
		if t.quick {
			quick = append(quick, regexp.QuoteMeta(t.name))
		} else {
			slow = append(slow, regexp.QuoteMeta(t.name))
		}
	}
	var st []stage
	for _, set := range [][]string{quick, slow} {
		if len(set) > 0 {
			st = append(st, stage{run: "^(" + strings.Join(set, "|") + ")$"})
		}
	}
	return st
}

// covers is gremlins' test of a position against the covered blocks.
func (p profile) covers(file string, pos token.Position) bool {
	for _, b := range p[file] {
		sl, sc, el, ec := b[0], b[1], b[2], b[3]
		switch {
		case pos.Line > sl && pos.Line < el:
			return true
		case sl == el && pos.Line == sl && pos.Column >= sc && pos.Column <= ec:
			return true
		case sl < el && pos.Line == sl && pos.Column >= sc:
			return true
		case sl < el && pos.Line == el && pos.Column <= ec:
			return true
		}
	}
	return false
}

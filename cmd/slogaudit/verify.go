package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/slogguard/slogguard/slogaudit"
)

// keySpecs collects repeated [ID=]VALUE flags.
type keySpecs []keySpec

type keySpec struct {
	id, value string
	hasID     bool
}

func (k *keySpecs) String() string { return "" }

// Set splits "ID=VALUE". An ID holds no "/" (so that a path with "=" in it
// is still a path); an empty ID before "=" is the key id "".
func (k *keySpecs) Set(s string) error {
	if s == "" {
		return errors.New("empty value")
	}
	spec := keySpec{value: s}
	if i := strings.IndexByte(s, '='); i >= 0 && !strings.ContainsRune(s[:i], '/') {
		spec = keySpec{id: s[:i], value: s[i+1:], hasID: true}
		if spec.value == "" {
			return fmt.Errorf("%q: nothing after =", s)
		}
	}
	*k = append(*k, spec)
	return nil
}

func (c *cli) verify(args []string) int {
	fs := flagSet("verify")
	var keys, keyEnvs keySpecs
	fs.Var(&keys, "key", flagKey)
	fs.Var(&keyEnvs, "key-env", flagKeyEnv)
	var pubs listFlag
	fs.Var(&pubs, "pub", flagPub)
	cpFile := fs.String("checkpoints", "", flagCheckpoints)
	requireMAC := fs.Bool("require-mac", false, flagRequireMAC)
	sealed := fs.Bool("sealed", false, flagSealed)
	requireCP := fs.Bool("require-checkpoints", false, flagRequireCP)
	strict := fs.Bool("strict", false, flagStrict)
	maxFindings := fs.Int("max-findings", 20, flagMax)
	maxLine := fs.Int("max-line-bytes", 0, flagMaxLine)
	var witnesses listFlag
	fs.Var(&witnesses, "witness", flagWitness)
	quorum := fs.Int("quorum", 0, flagQuorum)
	asJSON := fs.Bool("json", false, flagJSON)
	files, err := parseFlags(fs, args)
	if err != nil {
		return c.flagError(err, verifyUsage, fs, hintVerifyFlags)
	}
	c.json = *asJSON
	if len(files) == 0 {
		return c.fail(exitUsage, hintFiles, "verify: no log files named")
	}
	if *maxFindings < 0 {
		return c.fail(exitUsage, hintVerifyFlags, "verify: -max-findings %d: want 0 (all) or more", *maxFindings)
	}
	if *quorum < 0 {
		return c.fail(exitUsage, hintVerifyFlags, "verify: -quorum %d: want 1 or more (0, the default: every -witness)", *quorum)
	}
	if *maxLine < 0 {
		return c.fail(exitUsage, hintVerifyFlags, "verify: -max-line-bytes %d: want 0 (no limit) or more", *maxLine)
	}
	o := slogaudit.VerifyOptions{RequireMAC: *requireMAC || *strict, RequireCheckpoints: *requireCP || *strict, MaxLineBytes: *maxLine,
		Witnesses: witnesses, Quorum: *quorum, Sealed: *sealed}
	if code := c.loadKeys(&o, keys, keyEnvs); code != exitIntact {
		return code
	}
	pubFile := ""
	for i, p := range pubs {
		pub, err := slogaudit.LoadPublicKeyFile(p)
		if err != nil {
			return c.fail(exitUsage, hintPub, "verify: %s", plain(err))
		}
		if i == 0 {
			pubFile, o.PublicKey = p, pub
		} else {
			o.PublicKeys = append(o.PublicKeys, pub)
		}
	}
	if o.RequireMAC && o.Key == nil && o.Keys == nil {
		return c.fail(exitUsage, hintRequireMAC, "verify: MACs are required but no key was given")
	}
	if o.Sealed && o.Key == nil && o.Keys == nil {
		return c.fail(exitUsage, hintSealed, "verify: -sealed needs the initial key, which derives every epoch's key")
	}
	if o.RequireCheckpoints && (*cpFile == "" || pubFile == "") {
		return c.fail(exitUsage, hintRequireCP, "verify: checkpoints are required but %s", missingCP(*cpFile, pubFile))
	}
	fromStdin := slices.Contains(files, "-")
	if fromStdin && len(files) > 1 {
		return c.fail(exitUsage, hintStdin, "verify: - (standard input) must be the only log named, got %d names", len(files))
	}
	for _, p := range files {
		if p == "-" {
			continue
		}
		if code := c.checkInput(p, hintFiles); code != exitIntact {
			return code
		}
		if code := c.refuseCompressed("verify", "", p); code != exitIntact {
			return code
		}
	}
	if code := c.checkDistinct(files); code != exitIntact {
		return code
	}
	if *cpFile != "" {
		if code := c.checkInput(*cpFile, hintCheckpoints); code != exitIntact {
			return code
		}
		if code := c.refuseCompressed("verify", "the checkpoint file", *cpFile); code != exitIntact {
			return code
		}
		f, err := os.Open(*cpFile)
		if err != nil {
			return c.fail(exitUsage, hintCheckpoints, "verify: checkpoint file: %v", err)
		}
		defer f.Close()
		o.Checkpoints = f
	}
	if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 && c.stderr == io.Writer(os.Stderr) {
		o.Progress = func(lines int64) { fmt.Fprintf(c.stderr, "\rslogaudit: verifying: %d lines", lines) }
		defer fmt.Fprint(c.stderr, "\r\033[K")
	}

	var rep slogaudit.Report
	if fromStdin {
		files = []string{"(stdin)"}
		in, z := peekCompression(c.stdin)
		if z != "" {
			return c.fail(exitUsage, hintCompressedStdin, "verify: standard input is %s-compressed, not an audit log: nothing was read", z)
		}
		rep, err = slogaudit.Verify(context.Background(), in, o)
	} else {
		files = rotationOrder(files)
		rep, err = slogaudit.VerifyFiles(context.Background(), files, o)
	}
	var tampered *slogaudit.TamperedError
	switch {
	case errors.Is(err, slogaudit.ErrNoRecords):
		return c.fail(exitUsage, "", "verify: %s: %s", strings.Join(files, ", "), noRecords(rep))
	case errors.Is(err, slogaudit.ErrLineTooLong):
		// "slogaudit: verify: FILE line N: slogaudit: line longer than …":
		// said once, with the flag's name.
		where := strings.TrimSuffix(strings.TrimPrefix(err.Error(), "slogaudit: verify: "), ": "+slogaudit.ErrLineTooLong.Error())
		return c.fail(exitUsage, hintMaxLine, "verify: %s: line longer than -max-line-bytes %d", where, *maxLine)
	case errors.Is(err, slogaudit.ErrRequiredCheck):
		return c.fail(exitUsage, "", "verify: %s", plain(err))
	case errors.Is(err, slogaudit.ErrNotCheckpoints):
		return c.fail(exitUsage, hintCheckpoints, "verify: not a checkpoint file: %s", strings.TrimPrefix(plain(err), strings.TrimPrefix(slogaudit.ErrNotCheckpoints.Error(), "slogaudit: ")+": "))
	case err != nil && !errors.As(err, &tampered):
		// "slogaudit: verify: …" is said once.
		hint := ""
		if len(witnesses) > 0 || *quorum > 0 {
			hint = hintWitness
		}
		return c.fail(exitUsage, hint, "verify: %s", strings.TrimPrefix(plain(err), "verify: "))
	}
	if *cpFile != "" && !fromStdin {
		// After the checks above, which say "not a checkpoint file" of a
		// log named as one.
		if code := c.checkNotLog(*cpFile, files); code != exitIntact {
			return code
		}
	}
	r := newReport(rep, files, *maxFindings)
	if c.json {
		r.writeJSON(c.stdout)
	} else {
		r.writeText(c.stdout)
	}
	if !rep.Intact() {
		return exitTampered
	}
	return exitIntact
}

func missingCP(cpFile, pubFile string) string {
	switch {
	case cpFile == "" && pubFile == "":
		return "neither -checkpoints nor -pub was given"
	case cpFile == "":
		return "no -checkpoints file was given"
	}
	return "no -pub key was given"
}

// noRecords says, in one line, why an input holds no audit records.
func noRecords(rep slogaudit.Report) string {
	if len(rep.Findings) == 0 {
		return "empty: no audit records"
	}
	s := fmt.Sprintf("not an audit log: none of its %s is an audit record", plural(rep.Lines, "line"))
	if f := rep.Findings[0]; f.Chain != "" {
		// An audit member was found, out of its place: say where.
		s += fmt.Sprintf(" (line %d: %s)", f.Line, f.Detail)
	}
	return s
}

// checkInput refuses a path that is missing or a directory, with a hint
// that fits.
func (c *cli) checkInput(path, hint string) int {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return c.fail(exitUsage, hint, "verify: %s: no such file", path)
	case err != nil:
		return c.fail(exitUsage, hint, "verify: %v", err)
	case fi.IsDir():
		if hint == hintFiles {
			hint = fmt.Sprintf(hintDir, strings.TrimRight(path, "/"))
		}
		return c.fail(exitUsage, hint, "verify: %s is a directory, not a file", path)
	}
	return exitIntact
}

// checkDistinct refuses a log file named twice (by the same path, another
// path or a link): its records would be read twice and reported
// duplicated, a verdict of tampering on a log nobody touched.
func (c *cli) checkDistinct(files []string) int {
	seen := make([]os.FileInfo, 0, len(files))
	names := make([]string, 0, len(files))
	for _, p := range files {
		if p == "-" {
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			return c.fail(exitUsage, hintFiles, "verify: %v", err)
		}
		for i, prev := range seen {
			if os.SameFile(prev, fi) {
				return c.fail(exitUsage, hintTwice, "verify: %s and %s are the same file: each file is read once", names[i], p)
			}
		}
		seen, names = append(seen, fi), append(names, p)
	}
	return exitIntact
}

// checkNotLog refuses a checkpoint file that is also named as a log file:
// its lines would be reported inserted.
func (c *cli) checkNotLog(cpFile string, files []string) int {
	cfi, err := os.Stat(cpFile)
	if err != nil {
		return c.fail(exitUsage, hintCheckpoints, "verify: %v", err)
	}
	for _, p := range files {
		if fi, err := os.Stat(p); err == nil && os.SameFile(cfi, fi) {
			return c.fail(exitUsage, hintCheckpoints, "verify: %s is named both as a log file and as the -checkpoints file", p)
		}
	}
	return exitIntact
}

// loadKeys reads the -key and -key-env flags into o: one key per key id,
// and at most one key for every other id.
func (c *cli) loadKeys(o *slogaudit.VerifyOptions, files, envs keySpecs) int {
	from := map[string]string{} // key id (or "*" for the default) -> flag that set it
	set := func(spec keySpec, flagName string, key []byte) int {
		slot := "*"
		if spec.hasID {
			slot = "=" + spec.id
		}
		what := fmt.Sprintf("-%s %s", flagName, spec.value)
		if prev, dup := from[slot]; dup {
			if spec.hasID {
				return c.fail(exitUsage, hintKey, "verify: two keys for key id %q: %s and %s", spec.id, prev, what)
			}
			return c.fail(exitUsage, hintKey, "verify: two keys without a key id: %s and %s (name the key id: -key ID=FILE)", prev, what)
		}
		from[slot] = what
		if !spec.hasID {
			o.Key = key
			return exitIntact
		}
		if o.Keys == nil {
			o.Keys = map[string][]byte{}
		}
		o.Keys[spec.id] = key
		return exitIntact
	}
	for _, spec := range files {
		key, err := slogaudit.LoadKeyFile(spec.value)
		if err != nil {
			return c.fail(exitUsage, hintKey, "verify: %s", plain(err))
		}
		if code := set(spec, "key", key); code != exitIntact {
			return code
		}
	}
	for _, spec := range envs {
		text := c.getenv(spec.value)
		if strings.TrimSpace(text) == "" {
			return c.fail(exitUsage, hintKeyEnv, "verify: -key-env: $%s is not set or empty", spec.value)
		}
		key, err := slogaudit.ParseKey(text)
		if err != nil {
			return c.fail(exitUsage, hintKeyEnv, "verify: $%s: %s", spec.value, strings.TrimPrefix(plain(err), "HMAC key: "))
		}
		if code := set(spec, "key-env", key); code != exitIntact {
			return code
		}
	}
	return exitIntact
}

// rotationOrder puts each log's rotated files (NAME.000001, NAME.000002,
// …) before NAME itself, oldest first, as the writer wrote them, whatever
// order the shell's glob gave: "audit.log*" lists audit.log first, which
// would read the newest records before the oldest. Logs with different
// names keep their order relative to each other.
func rotationOrder(files []string) []string {
	base := func(f string) (string, int) {
		if i := strings.LastIndexByte(f, '.'); i >= 0 && len(f)-i-1 >= 6 && strings.Trim(f[i+1:], "0123456789") == "" {
			// Six digits, or more past .999999.
			if n, err := strconv.Atoi(f[i+1:]); err == nil && n >= 0 {
				return f[:i], n
			}
		}
		return f, math.MaxInt
	}
	first := map[string]int{} // a log's position: where any of its files first appears
	for i, f := range files {
		b, _ := base(f)
		if _, ok := first[b]; !ok {
			first[b] = i
		}
	}
	out := slices.Clone(files)
	slices.SortStableFunc(out, func(x, y string) int {
		bx, nx := base(x)
		by, ny := base(y)
		if c := cmp.Compare(first[bx], first[by]); c != 0 {
			return c
		}
		return cmp.Compare(nx, ny)
	})
	return out
}

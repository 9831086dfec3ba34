package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/slogguard/slogguard/internal/chain"
)

// Exit codes.
const (
	exitIntact   = 0
	exitTampered = 1
	exitUsage    = 2
)

type cli struct {
	stdin          io.Reader // read by verify for the file name "-"
	stdout, stderr io.Writer
	getenv         func(string) string
	json           bool // errors as JSON on stdout
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "verify":
		c.json = wantsJSON(args[1:])
		return c.verify(args[1:])
	case "keygen":
		return c.keygen(args[1:])
	case "prove":
		return c.prove(args[1:])
	case "check-proof":
		return c.checkProof(args[1:])
	case "show":
		return c.show(args[1:])
	case "version", "-version", "--version":
		if len(args) > 1 && isHelp(args[1]) {
			return c.help([]string{"version"})
		}
		return c.version()
	case "help", "-h", "-help", "--help":
		return c.help(args[1:])
	}
	return c.fail(exitUsage, hintHelp, "unknown command %q", args[0])
}

func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

// fail prints an error and a hint and returns code.
func (c *cli) fail(code int, hint, format string, args ...any) int {
	msg := fmt.Sprintf(format, args...)
	if c.json {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(struct {
			Error string `json:"error"`
			Hint  string `json:"hint,omitempty"`
			Exit  int    `json:"exit"`
		}{msg, hint, code})
		return code
	}
	fmt.Fprintf(c.stderr, "slogaudit: error: %s\n", msg)
	if hint != "" {
		fmt.Fprintf(c.stderr, "slogaudit: hint: %s\n", hint)
	}
	return code
}

// plain strips the package prefix of a library error, which the command's
// own "slogaudit: error:" already says.
func plain(err error) string { return strings.TrimPrefix(err.Error(), "slogaudit: ") }

// wantsJSON reports whether -json is among args, wherever it is, so that
// even an error in the other flags is written as JSON.
func wantsJSON(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		switch strings.TrimLeft(a, "-") {
		case "json", "json=true", "json=1":
			return strings.HasPrefix(a, "-")
		}
	}
	return false
}

// parseFlags parses flags that may come before, between or after the
// positional arguments; everything after "--" is positional.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(pos, tail...), nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// flagSet returns a flag set that prints nothing itself: parse errors and
// -h are handled by the command.
func flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// printHelp writes a command's usage text and its flags with their
// defaults to stdout.
func (c *cli) printHelp(text string, fs *flag.FlagSet) int {
	fmt.Fprint(c.stdout, text)
	fs.SetOutput(c.stdout)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	return exitIntact
}

// flagError reports a flag parse error, or prints the help for -h.
func (c *cli) flagError(err error, text string, fs *flag.FlagSet, hint string) int {
	if errors.Is(err, flag.ErrHelp) {
		c.json = false
		return c.printHelp(text, fs)
	}
	return c.fail(exitUsage, hint, "%s: %v", fs.Name(), err)
}

func (c *cli) help(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.stdout, usage)
		return exitIntact
	}
	switch args[0] {
	case "verify", "keygen", "show", "prove", "check-proof":
		return run([]string{args[0], "-h"}, c.stdin, c.stdout, c.stderr, c.getenv)
	case "version":
		fmt.Fprint(c.stdout, versionUsage)
		return exitIntact
	case "help":
		fmt.Fprint(c.stdout, usage)
		return exitIntact
	}
	return c.fail(exitUsage, hintHelp, "help: unknown command %q", args[0])
}

func (c *cli) version() int {
	v, rev := "(devel)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && len(s.Value) >= 12:
				rev = " " + s.Value[:12]
			case s.Key == "vcs.modified" && s.Value == "true":
				rev += "+dirty"
			}
		}
	}
	fmt.Fprintf(c.stdout, "slogaudit %s%s (%s %s/%s)\naudit format %s (reads %s to %s)\n",
		v, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH, chain.Current, chain.V1, chain.Current)
	return exitIntact
}

package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/slogguard/slogguard/slogaudit"
)

// Exit codes.
const (
	exitIntact   = 0
	exitTampered = 1
	exitUsage    = 2
)

type cli struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func (c cli) errorf(hint, format string, args ...any) int {
	fmt.Fprintf(c.stderr, "slogaudit: error: "+format+"\n", args...)
	if hint != "" {
		fmt.Fprintf(c.stderr, "slogaudit: hint: %s\n", hint)
	}
	return exitUsage
}

func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	c := cli{stdout, stderr, getenv}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "verify":
		return c.verify(args[1:])
	case "keygen":
		return c.keygen(args[1:])
	case "prove":
		return c.prove(args[1:])
	case "check-proof":
		return c.checkProof(args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitIntact
	}
	fmt.Fprint(stderr, usage)
	return c.errorf("", "unknown command %q", args[0])
}

func readHexFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b, err := hex.DecodeString(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: not hex: %w", path, err)
	}
	return b, nil
}

func (c cli) verify(args []string) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() { fmt.Fprint(c.stderr, usage) }
	keyFile := fs.String("key-file", "", "file holding the HMAC key, hex")
	keyEnv := fs.String("key-env", "", "environment variable holding the HMAC key, hex")
	pubFile := fs.String("pub", "", "file holding the Ed25519 public key, hex")
	cpFile := fs.String("checkpoints", "", "checkpoint file kept apart from the log")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	var witnesses listFlag
	fs.Var(&witnesses, "witness", "a witness's verifier key (name+hash+key); repeat for each")
	quorum := fs.Int("quorum", 0, "how many witnesses must cosign a checkpoint (default: all given)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		return c.errorf(hintFiles, "verify: no files")
	}
	if *keyFile != "" && *keyEnv != "" {
		return c.errorf("", "verify: -key-file and -key-env are exclusive")
	}
	o := slogaudit.VerifyOptions{Witnesses: witnesses, Quorum: *quorum}
	switch {
	case *keyFile != "":
		key, err := readHexFile(*keyFile)
		if err != nil {
			return c.errorf(hintKey, "verify: key: %v", err)
		}
		o.Key = key
	case *keyEnv != "":
		key, err := hex.DecodeString(strings.TrimSpace(c.getenv(*keyEnv)))
		if err != nil || len(key) == 0 {
			return c.errorf(hintKey, "verify: $%s does not hold a hex key", *keyEnv)
		}
		o.Key = key
	}
	if *pubFile != "" {
		pub, err := readHexFile(*pubFile)
		if err != nil || len(pub) != ed25519.PublicKeySize {
			return c.errorf("pass the NAME.ed25519.pub file written by slogaudit keygen", "verify: public key %s: want %d hex-encoded bytes (%v)", *pubFile, ed25519.PublicKeySize, err)
		}
		o.PublicKey = pub
	}
	if *cpFile != "" {
		f, err := os.Open(*cpFile)
		if err != nil {
			return c.errorf("", "verify: %v", err)
		}
		defer f.Close()
		o.Checkpoints = f
	}
	for _, p := range fs.Args() {
		if _, err := os.Stat(p); err != nil {
			return c.errorf(hintFiles, "verify: %v", err)
		}
	}
	if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 && c.stderr == io.Writer(os.Stderr) {
		o.Progress = func(lines int64) { fmt.Fprintf(c.stderr, "\rslogaudit: verifying: %d lines", lines) }
		defer fmt.Fprint(c.stderr, "\r\033[K")
	}
	rep, err := slogaudit.VerifyFiles(context.Background(), fs.Args(), o)
	var tampered *slogaudit.TamperedError
	if err != nil && !errors.As(err, &tampered) {
		return c.errorf("", "%v", err)
	}
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(struct {
			Intact bool `json:"intact"`
			slogaudit.Report
		}{rep.Intact(), rep})
	} else {
		c.summary(rep)
	}
	if !rep.Intact() {
		return exitTampered
	}
	return exitIntact
}

func (c cli) summary(rep slogaudit.Report) {
	ids := make([]string, 0, len(rep.Chains))
	for id := range rep.Chains {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var chains []string
	for _, id := range ids {
		s := rep.Chains[id]
		chains = append(chains, fmt.Sprintf("%s: seq %d-%d", id, s.First, s.Last))
		if s.Witnessed > 0 {
			chains[len(chains)-1] += fmt.Sprintf(", witnessed to %d", s.Witnessed)
		}
	}
	fmt.Fprintf(c.stdout, "%d lines, %d records, %d chains (%s), %d checkpoints verified\n",
		rep.Lines, rep.Records, len(rep.Chains), strings.Join(chains, ", "), rep.Checkpoints)
	problems := 0
	for _, f := range rep.Findings {
		fmt.Fprintln(c.stdout, f.String())
		if !f.Kind.Info() {
			problems++
		}
	}
	if problems == 0 {
		fmt.Fprintln(c.stdout, msgIntact)
		return
	}
	fmt.Fprintf(c.stdout, "%s: %d findings\n", msgTampered, problems)
}

func (c cli) keygen(args []string) int {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() { fmt.Fprint(c.stderr, usage) }
	dir := fs.String("dir", ".", "directory for the key files")
	name := fs.String("name", "audit", "base name of the key files")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	hmacKey := make([]byte, 32)
	if _, err := rand.Read(hmacKey); err != nil {
		return c.errorf("", "keygen: %v", err)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return c.errorf("", "keygen: %v", err)
	}
	files := []struct {
		suffix string
		data   []byte
	}{{".hmac", hmacKey}, {".ed25519", priv}, {".ed25519.pub", pub}}
	for _, f := range files {
		path := filepath.Join(*dir, *name+f.suffix)
		out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return c.errorf(hintExists, "keygen: %v", err)
		}
		_, err = out.WriteString(hex.EncodeToString(f.data) + "\n")
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return c.errorf("", "keygen: %v", err)
		}
		fmt.Fprintln(c.stdout, path)
	}
	return exitIntact
}

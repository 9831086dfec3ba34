package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/slogguard/slogguard/slogaudit"
)

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func (c *cli) prove(args []string) int {
	fs := flagSet("prove")
	cpFile := fs.String("checkpoints", "", "checkpoint file")
	size := fs.Uint64("size", 0, "the checkpoint's size (default: the newest)")
	chainID := fs.String("chain", "", "chain id")
	seq := fs.Uint64("seq", 0, "the record's seq")
	at := fs.String("at", "", "the record as FILE:LINE")
	consistency := fs.Bool("consistency", false, "prove that the checkpoint extends the one of size -old")
	old := fs.Uint64("old", 0, "size of the older checkpoint (with -consistency)")
	out := fs.String("o", "", "write the proof to this file (default: standard output)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return c.flagError(err, proveUsage, fs, hintProve)
	}
	if len(pos) == 0 {
		return c.fail(exitUsage, hintFiles, "prove: no files")
	}
	if *cpFile == "" {
		return c.fail(exitUsage, hintProve, "prove: -checkpoints is required")
	}
	if code := c.refuseCompressed("prove", "the checkpoint file", *cpFile); code != exitIntact {
		return code
	}
	if code := c.refuseCompressed("prove", "", pos...); code != exitIntact {
		return code
	}
	findCP := func(id string, n uint64) ([]byte, error) {
		f, err := os.Open(*cpFile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return slogaudit.FindCheckpoint(f, id, n)
	}
	ctx := context.Background()
	var proof slogaudit.Proof
	switch {
	case *consistency:
		if *chainID == "" || *old == 0 || *at != "" || *seq != 0 {
			return c.fail(exitUsage, hintProve, "prove: -consistency needs -chain and -old, and no record")
		}
		oldCP, err := findCP(*chainID, *old)
		if err != nil {
			return c.fail(exitUsage, hintProve, "prove: %v", err)
		}
		newCP, err := findCP(*chainID, *size)
		if err != nil {
			return c.fail(exitUsage, hintProve, "prove: %v", err)
		}
		if proof, err = slogaudit.ProveConsistency(ctx, pos, oldCP, newCP); err != nil {
			return c.fail(exitUsage, "", "%v", err)
		}
	default:
		if (*at == "") == (*chainID == "" || *seq == 0) {
			return c.fail(exitUsage, hintProve, "prove: name the record with -at FILE:LINE or with -chain and -seq")
		}
		if *at != "" {
			id, s, err := recordAt(*at)
			if err != nil {
				return c.fail(exitUsage, hintProve, "prove: -at %s: %v", *at, err)
			}
			*chainID, *seq = id, s
		}
		cp, err := findCP(*chainID, *size)
		if err != nil {
			return c.fail(exitUsage, hintProve, "prove: %v", err)
		}
		if proof, err = slogaudit.ProveInclusion(ctx, pos, *chainID, *seq, cp); err != nil {
			return c.fail(exitUsage, "", "%v", err)
		}
	}
	data, err := json.MarshalIndent(proof, "", "  ")
	if err != nil {
		return c.fail(exitUsage, "", "prove: %v", err)
	}
	data = append(data, '\n')
	if *out == "" {
		_, _ = c.stdout.Write(data)
		return exitIntact
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return c.fail(exitUsage, "", "prove: %v", err)
	}
	return exitIntact
}

// recordAt reads the chain and seq of the record at FILE:LINE.
func recordAt(spec string) (string, uint64, error) {
	i := strings.LastIndexByte(spec, ':')
	line, err := strconv.Atoi(spec[i+1:])
	if i < 0 || err != nil || line < 1 {
		return "", 0, errors.New("want FILE:LINE with LINE from 1")
	}
	f, err := os.Open(spec[:i])
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	// Lines of any length: a record near the size limit is over 1 MiB.
	br := bufio.NewReaderSize(f, 64<<10)
	for n := 1; ; n++ {
		if n < line {
			if _, err := br.ReadSlice('\n'); err == bufio.ErrBufferFull {
				n-- // the same line goes on
			} else if err == io.EOF {
				break
			} else if err != nil {
				return "", 0, err
			}
			continue
		}
		text, err := br.ReadBytes('\n')
		if len(text) == 0 && err == io.EOF {
			break
		}
		if err != nil && err != io.EOF {
			return "", 0, err
		}
		var rec struct {
			Audit struct {
				Chain string
				Seq   uint64
			}
		}
		if err := json.Unmarshal(text, &rec); err != nil || rec.Audit.Chain == "" {
			return "", 0, errors.New("not an audit record")
		}
		return rec.Audit.Chain, rec.Audit.Seq, nil
	}
	return "", 0, fmt.Errorf("the file has fewer than %d lines", line)
}

func (c *cli) checkProof(args []string) int {
	fs := flagSet("check-proof")
	pubFile := fs.String("pub", "", "file holding the log's Ed25519 public key, hex")
	var witnesses listFlag
	fs.Var(&witnesses, "witness", "a witness's verifier key (name+hash+key); repeat for each")
	quorum := fs.Int("quorum", 0, "how many witnesses must have cosigned (default: all given)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return c.flagError(err, proveUsage, fs, hintProve)
	}
	if len(pos) != 1 || *pubFile == "" {
		return c.fail(exitUsage, hintProve, "check-proof: want -pub and one proof file")
	}
	pub, err := slogaudit.LoadPublicKeyFile(*pubFile)
	if err != nil {
		return c.fail(exitUsage, hintPub, "check-proof: %v", err)
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return c.fail(exitUsage, "", "check-proof: %v", err)
	}
	var p slogaudit.Proof
	if err := json.Unmarshal(data, &p); err != nil {
		return c.fail(exitUsage, "pass a file written by slogaudit prove", "check-proof: %s: %v", pos[0], err)
	}
	res, err := slogaudit.CheckProof(p, slogaudit.CheckOptions{PublicKey: pub, Witnesses: witnesses, Quorum: *quorum})
	if err != nil && !errors.Is(err, slogaudit.ErrProof) {
		return c.fail(exitUsage, "", "%v", err)
	}
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(struct {
			Valid bool   `json:"valid"`
			Error string `json:"error,omitempty"`
			slogaudit.ProofResult
		}{err == nil, errString(err), res})
	} else if err != nil {
		fmt.Fprintf(c.stdout, "%s: %v\n", msgProofFails, err)
	} else {
		c.proofSummary(res, len(witnesses))
	}
	if err != nil {
		return exitTampered
	}
	return exitIntact
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func (c *cli) proofSummary(res slogaudit.ProofResult, witnesses int) {
	switch res.Kind {
	case slogaudit.InclusionProof:
		fmt.Fprintf(c.stdout, "record %d of chain %s is in the checkpoint %s of size %d\n", res.Seq, res.Chain, res.Origin, res.Size)
	default:
		fmt.Fprintf(c.stdout, "the checkpoint %s of size %d extends the one of size %d\n", res.Origin, res.Size, res.OldSize)
	}
	if witnesses > 0 {
		fmt.Fprintf(c.stdout, "cosigned by %d of %d witnesses: witnessed %v\n", res.Cosigners, witnesses, res.Witnessed)
	}
	fmt.Fprintln(c.stdout, msgProofHolds)
}

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/slogguard/slogguard/slogaudit"
)

// report is what verify prints: the library's report, the files it came
// from, and how many findings to list.
type report struct {
	slogaudit.Report
	files []string
	max   int // findings listed; 0 lists all
}

func newReport(rep slogaudit.Report, files []string, max int) report {
	return report{Report: rep, files: files, max: max}
}

// listed returns the findings to list and how many are left out.
func (r report) listed() ([]slogaudit.Finding, int) {
	if r.max == 0 || len(r.Findings) <= r.max {
		return r.Findings, 0
	}
	return r.Findings[:r.max], len(r.Findings) - r.max
}

// check is one row of a check table.
type check struct {
	name, verb, ok string // "MACs", "checked", "all match"
	c              slogaudit.Check
	flag           string // the flag that would have run a skipped check
}

func (r report) checks(c slogaudit.Checks) []check {
	cpFlag := "-checkpoints"
	if c.Checkpoints.Skipped == slogaudit.SkippedUnsignedCheckpoints {
		cpFlag = "-pub"
	}
	return []check{
		{"hashes", "recomputed", "all match", c.Hashes, ""},
		{"MACs", "checked", "all match", c.MACs, "-key"},
		{"checkpoints", "compared with the chain", "all match", c.Checkpoints, cpFlag},
		{"signatures", "checked", "all valid", c.Signatures, "-pub"},
	}
}

func (k check) String() string {
	c := k.c
	var parts []string
	switch {
	case !c.Ran():
		return fmt.Sprintf("not checked: %s (%s)", c.Skipped, k.flag)
	case c.Checked == 0 && c.Unchecked == 0:
		return "none in the input"
	case c.Checked == 0:
	case c.Failed == 0:
		parts = append(parts, fmt.Sprintf("%d %s, %s", c.Checked, k.verb, k.ok))
	default:
		parts = append(parts, fmt.Sprintf("%d %s, %d failed", c.Checked, k.verb, c.Failed))
	}
	if c.Unchecked > 0 {
		parts = append(parts, fmt.Sprintf("%d not checked (no key for their key id)", c.Unchecked))
	}
	return strings.Join(parts, "; ")
}

func (r report) writeChecks(w io.Writer, c slogaudit.Checks, coverage string) {
	for _, k := range r.checks(c) {
		line := k.String()
		if k.name == "checkpoints" && k.c.Ran() {
			line += coverage
		}
		fmt.Fprintf(w, "  %-12s %s\n", k.name, line)
	}
}

// coverage says which record the newest checkpoint vouches for.
func coverage(s slogaudit.ChainSummary) string {
	switch {
	case s.Records == 0:
		return ""
	case s.Covered == 0:
		return "; none covers this chain"
	case s.Covered >= s.Last:
		return fmt.Sprintf("; the newest covers seq %d, the last record", s.Covered)
	}
	return fmt.Sprintf("; the newest covers seq %d: the %s after it %s not covered", s.Covered,
		plural(int64(s.Last-s.Covered), "record"), map[bool]string{true: "is", false: "are"}[s.Last-s.Covered == 1])
}

func (r report) writeText(w io.Writer) {
	what := strings.Join(r.files, ", ")
	if len(r.files) > 3 {
		what = fmt.Sprintf("%d files (%s … %s)", len(r.files), r.files[0], r.files[len(r.files)-1])
	}
	fmt.Fprintf(w, "%s: %s, %s, %s\n", what, plural(r.Lines, "line"), plural(r.Records, "record"), plural(int64(len(r.Chains)), "chain"))
	ids := make([]string, 0, len(r.Chains))
	for id := range r.Chains {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s := r.Chains[id]
		fmt.Fprintf(w, "chain %s: ", showChain(id))
		if s.Records == 0 {
			fmt.Fprintln(w, "no record in its place")
		} else {
			fmt.Fprintf(w, "seq %d to %d, %s", s.First, s.Last, plural(s.Records, "record"))
			if s.Witnessed > 0 {
				fmt.Fprintf(w, ", witnessed up to seq %d", s.Witnessed)
			}
			fmt.Fprintln(w)
		}
		r.writeChecks(w, s.Checks, coverage(s))
		if len(s.Keys) > 1 {
			ranges := make([]string, len(s.Keys))
			for i, k := range s.Keys {
				ranges[i] = fmt.Sprintf("%q seq %d to %d", k.Key, k.From, k.To)
			}
			fmt.Fprintf(w, "  keys         %s\n", strings.Join(ranges, ", "))
		}
		if s.Sealed > 0 {
			fmt.Fprintf(w, "  sealed       up to seq %d; epoch %d at the end\n", s.Sealed, s.Epoch)
		}
	}
	if len(ids) > 1 {
		fmt.Fprintf(w, "all %d chains:\n", len(ids))
		r.writeChecks(w, r.Checks, "")
	}
	list, more := r.listed()
	if len(list) > 0 {
		header := plural(int64(len(r.Findings)), "finding")
		if r.Intact() {
			header += ", none a sign of tampering"
		}
		fmt.Fprintf(w, "%s:\n", header)
		for _, f := range list {
			fmt.Fprintf(w, "  %s\n", f)
		}
		if more > 0 {
			fmt.Fprintf(w, msgMore+"\n", more)
		}
	}
	for _, warn := range r.warnings() {
		fmt.Fprintln(w, warn)
	}
	fmt.Fprintln(w, r.verdict())
}

// notChecked lists the checks that did not run, with the reason.
func (r report) notChecked() (checked, not []string) {
	for _, k := range r.checks(r.Checks) {
		if k.c.Ran() {
			checked = append(checked, k.name)
		} else {
			not = append(not, fmt.Sprintf("%s (%s)", k.name, k.c.Skipped))
		}
	}
	return checked, not
}

func (r report) warnings() []string {
	var out []string
	for _, f := range r.Findings {
		if f.Kind == slogaudit.TornTail {
			out = append(out, warnTornTail)
			break
		}
	}
	if !r.Checks.MACs.Ran() {
		out = append(out, warnNoKey)
	}
	switch r.Checks.Checkpoints.Skipped {
	case "":
	case slogaudit.SkippedEmptyCheckpoints:
		out = append(out, warnEmptyCheckpoints)
	case slogaudit.SkippedUnsignedCheckpoints:
		out = append(out, warnUnsignedCheckpoints)
	default:
		out = append(out, warnNoCheckpoint)
	}
	if !r.Checks.Signatures.Ran() {
		out = append(out, warnNoPub)
	}
	return out
}

func (r report) verdict() string {
	if r.Intact() {
		checked, not := r.notChecked()
		if len(not) == 0 {
			return msgAllChecked
		}
		return fmt.Sprintf(msgPartlyChecked, strings.Join(checked, ", "), strings.Join(not, ", "))
	}
	var kinds []string
	count := map[slogaudit.FindingKind]int64{}
	var n int64
	for _, f := range r.Findings {
		if f.Kind.Info() {
			continue
		}
		if count[f.Kind] == 0 {
			kinds = append(kinds, string(f.Kind))
		}
		count[f.Kind]++
		n++
	}
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", count[slogaudit.FindingKind(k)], k)
	}
	return fmt.Sprintf("%s: %s (%s)", msgTampered, plural(n, "finding"), strings.Join(parts, ", "))
}

func (r report) writeJSON(w io.Writer) {
	list, more := r.listed()
	_, not := r.notChecked()
	verdict := msgIntact
	if !r.Intact() {
		verdict = strings.ToLower(msgTampered)
	}
	rep := r.Report
	rep.Findings = list
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(struct {
		Verdict    string   `json:"verdict"` // "intact" or "tampered"
		Intact     bool     `json:"intact"`
		Files      []string `json:"files"`
		NotChecked []string `json:"not_checked"`
		Warnings   []string `json:"warnings"`
		slogaudit.Report
		FindingsTotal   int `json:"findings_total"`
		FindingsOmitted int `json:"findings_omitted"`
	}{verdict, r.Intact(), r.files, nonNil(not), nonNil(r.warnings()), rep, len(r.Findings), more})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// plural writes n and the noun, with an "s" unless n is 1.
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// showChain writes a chain id so that an empty or odd one stays visible.
func showChain(id string) string {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._:/@+-", r)) {
			return strconv.Quote(id)
		}
	}
	if id == "" {
		return `""`
	}
	return id
}

package slogaudit_test

// Verdicts must be exactly true: every tamper of a log written by
// File.Handler, Wrap over slog.JSONHandler or over slogcore, across
// restarts, rotation and checkpoints, is named once, at its line, by the
// one kind that says what was done; the untouched log verifies intact.

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// exactLine is a line of a log and the rotated file it is in.
type exactLine struct {
	file int
	text string
}

// exactLog is a log as written: its lines, oldest file first, and the
// checkpoint file kept apart.
type exactLog struct {
	lines []exactLine
	files int
	cps   []byte
	pub   ed25519.PublicKey
}

// exactWriters are the ways a log is written.
var exactWriters = []string{"file", "json", "core"}

// writeExactLog writes chain id through writer in runs of the given
// numbers of records (a restart between runs), with checkpoints every 5
// records in-band and in a checkpoint file, nested groups, and rotation
// every rotate bytes (0: none).
func writeExactLog(t *testing.T, writer, id string, runs []int, rotate int64) exactLog {
	t.Helper()
	dir := t.TempDir()
	path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.cp")
	// One signer for every log: a line pasted from one into another
	// carries a signature that verifies.
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	pub := priv.Public().(ed25519.PublicKey)
	for r, n := range runs {
		var fopts []slogaudit.FileOption
		if rotate > 0 {
			fopts = append(fopts, slogaudit.WithRotateSize(rotate))
		}
		af, err := slogaudit.OpenFile(path, fopts...)
		if err != nil {
			t.Fatal(err)
		}
		cp, err := slogaudit.OpenCheckpointFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(id), slogaudit.WithSigner(priv), slogaudit.WithCheckpoints(cp, 5, 0)}
		var h *slogaudit.Handler
		var core *slogcore.Handler
		switch writer {
		case "file":
			h, err = af.Handler(opts...)
		case "json", "core":
			if head, ok := af.Heads()[id]; ok {
				opts = append(opts, slogaudit.WithResume(head))
			}
			var next slog.Handler = slog.NewJSONHandler(af, nil)
			if writer == "core" {
				core = slogcore.New(af, nil)
				next = core
			}
			h, err = slogaudit.New(next, opts...)
		}
		if err != nil {
			t.Fatal(err)
		}
		l := slog.New(h).With("svc", "ledger")
		for i := range n {
			l.WithGroup("req").With("run", r).Info(fmt.Sprintf("entry %d", i), slog.Group("user", "id", 100+i, slog.Group("org", "name", "acme", "tier", i%3)), "amount", float64(i)/4)
		}
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		if core != nil {
			if err := core.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if err := af.Close(); err != nil {
			t.Fatal(err)
		}
		if err := cp.Close(); err != nil {
			t.Fatal(err)
		}
	}
	paths, err := slogaudit.RotatedFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	if rotate > 0 && len(paths) < 2 {
		t.Fatalf("test bug: no rotation: %v", paths)
	}
	log := exactLog{files: len(paths), pub: pub}
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range strings.SplitAfter(string(b), "\n") {
			if text != "" {
				log.lines = append(log.lines, exactLine{i, strings.TrimSuffix(text, "\n")})
			}
		}
	}
	if log.cps, err = os.ReadFile(cpPath); err != nil {
		t.Fatal(err)
	}
	return log
}

// verify writes lines to files of their file numbers (each line ended by
// a newline, unless raw) and verifies them together, with the checkpoint
// file when withCP.
func (l exactLog) verify(t *testing.T, lines []exactLine, withCP bool) slogaudit.Report {
	t.Helper()
	bufs := make([]bytes.Buffer, l.files)
	for _, x := range lines {
		bufs[x.file].WriteString(x.text + "\n")
	}
	files := make([][]byte, len(bufs))
	for i := range bufs {
		files[i] = bufs[i].Bytes()
	}
	return l.verifyFiles(t, files, withCP)
}

var seqMember = regexp.MustCompile(`"seq":(\d+)`)

// seqOf returns the seq in a record line's audit member.
func seqOf(t *testing.T, line string) uint64 {
	t.Helper()
	m := seqMember.FindStringSubmatch(line[strings.Index(line, `"audit":`):])
	if m == nil {
		t.Fatalf("test bug: no seq in %s", line)
	}
	n, _ := strconv.ParseUint(m[1], 10, 64)
	return n
}

// tampering returns the findings of rep that are not information.
func tampering(rep slogaudit.Report) []slogaudit.Finding {
	var out []slogaudit.Finding
	for _, f := range rep.Findings {
		if !f.Kind.Info() {
			out = append(out, f)
		}
	}
	return out
}

// requireOnly fails unless rep holds exactly one finding that is not
// information, of kind want, for seq (0: any) at 1-based line of its
// file (0: any).
func requireOnly(t *testing.T, name string, rep slogaudit.Report, want slogaudit.FindingKind, seq uint64, line int64) {
	t.Helper()
	got := tampering(rep)
	if len(got) == 1 && got[0].Kind == want && (seq == 0 || got[0].Seq == seq) && (line == 0 || got[0].Line == line) {
		return
	}
	var b strings.Builder
	for _, f := range rep.Findings {
		b.WriteString("\n\t" + f.String())
	}
	t.Errorf("%s: want only %s of seq %d at line %d, got:%s", name, want, seq, line, b.String())
}

// lineInFile returns the 1-based line of lines[i] in its file.
func lineInFile(lines []exactLine, i int) int64 {
	n := int64(0)
	for j := 0; j <= i; j++ {
		if lines[j].file == lines[i].file {
			n++
		}
	}
	return n
}

// exactLogs returns a log of each writer: two restarts, checkpoints and
// rotation. They are written once per test binary, by the first test that
// asks, and shared: tests edit copies of their lines (slices.Clone), never
// the lines themselves.
func exactLogs(t *testing.T) map[string]exactLog {
	t.Helper()
	sharedExactLogs.mu.Lock()
	defer sharedExactLogs.mu.Unlock()
	if sharedExactLogs.logs == nil {
		logs := map[string]exactLog{}
		for _, w := range exactWriters {
			logs[w] = writeExactLog(t, w, "ledger", []int{12, 9, 11}, 3<<10)
		}
		sharedExactLogs.logs = logs
	}
	return maps.Clone(sharedExactLogs.logs)
}

var sharedExactLogs struct {
	mu   sync.Mutex
	logs map[string]exactLog
}

func TestExactUntouchedLogsAreIntact(t *testing.T) {
	for w, l := range exactLogs(t) {
		for _, cp := range []bool{false, true} {
			rep := l.verify(t, l.lines, cp)
			if !rep.Intact() || rep.Records != int64(len(l.lines)) {
				t.Errorf("%s (checkpoint file %v): untouched log: %d of %d records, %v", w, cp, rep.Records, len(l.lines), rep.Findings)
			}
			if cp && rep.Chains["ledger"].Covered == 0 {
				t.Errorf("%s: no checkpoint covers the untouched log", w)
			}
		}
	}
}

// flipMAC changes one base64url or hex digit of a line's MAC.
func flipMAC(line string) string {
	i := strings.Index(line, `"mac":"`) + len(`"mac":"`) + 7
	c := byte('a')
	if line[i] == 'a' {
		c = 'b'
	}
	return line[:i] + string(c) + line[i+1:]
}

// A MAC edited on any line of a log with checkpoints is that record's
// bad-mac finding and nothing else: the Merkle roots signed after it,
// whose leaves hold the MAC, are not reported as a rebuilt chain.
func TestExactMACEditIsOneFinding(t *testing.T) {
	t.Parallel() // thousands of verifications; its logs and files are its own
	for w, l := range exactLogs(t) {
		for i, x := range l.lines {
			for _, cp := range []bool{false, true} {
				c := slices.Clone(l.lines)
				c[i].text = flipMAC(x.text)
				rep := l.verify(t, c, cp)
				name := fmt.Sprintf("%s: MAC of line %d edited (checkpoint file %v)", w, i+1, cp)
				requireOnly(t, name, rep, slogaudit.BadMAC, seqOf(t, x.text), lineInFile(c, i))
				for _, f := range rep.Findings {
					if strings.Contains(f.Detail, "rebuilt") || !strings.Contains(f.Detail, "MAC does not verify") && f.Kind == slogaudit.BadMAC {
						t.Errorf("%s: detail says more than that the MAC does not verify: %s", name, f)
					}
				}
			}
		}
	}
}

// The first record's seq or prev edited is that record modified: not a
// restart after records missing before it.
func TestExactFirstRecordMemberEdit(t *testing.T) {
	for w, l := range exactLogs(t) {
		first := l.lines[0].text
		edits := map[string]string{}
		for _, seq := range []int{2, 5, 13, 21, 900} {
			edits[fmt.Sprintf("seq 1 to %d", seq)] = strings.Replace(first, `"seq":1,`, fmt.Sprintf(`"seq":%d,`, seq), 1)
		}
		prev := regexp.MustCompile(`"prev":"(.)`).FindStringSubmatchIndex(first)
		c := byte('A')
		if first[prev[2]] == 'A' {
			c = 'B'
		}
		edits["prev"] = first[:prev[2]] + string(c) + first[prev[2]+1:]
		for name, e := range edits {
			if e == first {
				t.Fatalf("test bug: %s: no edit", name)
			}
			for _, cp := range []bool{false, true} {
				lines := slices.Clone(l.lines)
				lines[0].text = e
				rep := l.verify(t, lines, cp)
				requireOnly(t, fmt.Sprintf("%s: first record's %s (checkpoint file %v)", w, name, cp), rep, slogaudit.Modified, 1, 1)
			}
		}
	}
}

// bySeq maps the seqs of a log's records to their lines.
func bySeq(t *testing.T, l exactLog) map[uint64]string {
	m := map[uint64]string{}
	for _, x := range l.lines {
		m[seqOf(t, x.text)] = x.text
	}
	return m
}

// Records pasted over the records of the same seqs, from another log of
// the same chain and key (another run, another host), or from a log of
// another chain: each pasted line is reported inserted, once, and nothing
// else is reported: not the untouched record after them, nor a gap.
func TestExactReplacedByAnotherLogsRecords(t *testing.T) {
	t.Parallel() // thousands of verifications; its logs and files are its own
	for w, l := range exactLogs(t) {
		same := bySeq(t, writeExactLog(t, w, "ledger", []int{12, 9, 11}, 3<<10))
		other := writeExactLog(t, w, "payroll", []int{12, 9, 11}, 3<<10)
		for _, run := range []int{1, 2, 3} {
			for i := 0; i+run <= len(l.lines); i++ {
				for _, from := range []string{"same chain", "other chain"} {
					c := slices.Clone(l.lines)
					for j := i; j < i+run; j++ {
						if from == "same chain" {
							c[j].text = same[seqOf(t, l.lines[j].text)]
						} else {
							c[j].text = other.lines[j].text
						}
					}
					for _, cp := range []bool{false, true} {
						rep := l.verify(t, c, cp)
						name := fmt.Sprintf("%s: lines %d to %d replaced by records of the %s (checkpoint file %v)", w, i+1, i+run, from, cp)
						got := tampering(rep)
						// The chain's newest records too: the record before
						// them verifies with its key, so it was not
						// rewritten, and each of them is named.
						named := run
						ok := len(got) == named
						for k := 0; ok && k < named; k++ {
							ok = got[k].Kind == slogaudit.Inserted && got[k].Line == lineInFile(c, i+k) && got[k].Seq == seqOf(t, c[i+k].text)
						}
						if !ok {
							var b strings.Builder
							for _, f := range rep.Findings {
								b.WriteString("\n\t" + f.String())
							}
							t.Errorf("%s: want each replaced line inserted, and nothing else; got:%s", name, b.String())
						}
					}
				}
			}
		}
	}
}

// A record's line cut short mid-log (not a crash: records follow it, and
// no audit.start names it), or overwritten with text that is not a record,
// is reported once, as what the line now is, in place of that record: the
// record is not reported missing besides.
func TestExactUnreadableLineIsItsRecord(t *testing.T) {
	t.Parallel() // thousands of verifications; its logs and files are its own
	for w, l := range exactLogs(t) {
		for i, x := range l.lines[:len(l.lines)-1] {
			edits := map[string]struct {
				text string
				want slogaudit.FindingKind
			}{
				"cut short":             {x.text[:len(x.text)*2/5], slogaudit.Malformed},
				"cut after its audit":   {x.text[:strings.Index(x.text, `"v":2}`)+len(`"v":2}`)+3], slogaudit.Malformed},
				"overwritten":           {"[redacted by ops]", slogaudit.Malformed},
				"JSON without an audit": {`{"level":"INFO","msg":"nothing to see"}`, slogaudit.Inserted},
			}
			for name, e := range edits {
				if i == len(l.lines)-2 && strings.HasPrefix(name, "cut") {
					// The start of a record just before the chain's
					// last record is what a crash leaves there (its
					// writer stopped before naming it): torn, and the
					// record it started missing.
					continue
				}
				for _, cp := range []bool{false, true} {
					c := slices.Clone(l.lines)
					c[i].text = e.text
					want := e.want
					if strings.Contains(e.text, `"v":2}`) {
						want = slogaudit.Modified // its audit member still names it
					}
					rep := l.verify(t, c, cp)
					requireOnly(t, fmt.Sprintf("%s: line %d %s (checkpoint file %v)", w, i+1, name, cp), rep, want, seqOf(t, x.text), lineInFile(c, i))
				}
			}
		}
	}
}

// Every line of a log with restarts, rotation and checkpoints, deleted,
// doubled, swapped with the next, moved later (across restarts and
// rotated files), or edited inside a nested group, is named once by the
// kind that says what was done; the checkpoint file is given for every
// other line.
func TestExactEveryLineEdit(t *testing.T) {
	t.Parallel() // thousands of verifications; its logs and files are its own
	for w, l := range exactLogs(t) {
		n := len(l.lines)
		for i, x := range l.lines {
			cp := i%2 == 0
			at := func(what string) string {
				return fmt.Sprintf("%s: line %d %s (checkpoint file %v)", w, i+1, what, cp)
			}
			seq := seqOf(t, x.text)
			if i < n-1 {
				// The last record's removal is for a checkpoint to see
				// (TestTamperMatrix).
				requireOnly(t, at("deleted"), l.verify(t, slices.Delete(slices.Clone(l.lines), i, i+1), cp), slogaudit.Missing, seq, 0)
				c := slices.Clone(l.lines)
				c[i].text, c[i+1].text = c[i+1].text, c[i].text
				requireOnly(t, at("swapped with the next"), l.verify(t, c, cp), slogaudit.Reordered, 0, 0)
			}
			requireOnly(t, at("doubled"), l.verify(t, slices.Insert(slices.Clone(l.lines), i+1, x), cp), slogaudit.Duplicated, seq, lineInFile(slices.Insert(slices.Clone(l.lines), i+1, x), i+1))
			for _, k := range []int{i + 3, i + 14} {
				if k >= n {
					continue
				}
				c := slices.Delete(slices.Clone(l.lines), i, i+1)
				moved := exactLine{c[k-1].file, x.text}
				c = slices.Insert(c, k, moved)
				requireOnly(t, at(fmt.Sprintf("moved after line %d", k+1)), l.verify(t, c, cp), slogaudit.Reordered, 0, 0)
			}
			if strings.Contains(x.text, `"name":"acme"`) {
				c := slices.Clone(l.lines)
				c[i].text = strings.Replace(x.text, `"name":"acme"`, `"name":"acne"`, 1)
				requireOnly(t, at("edited in a nested group"), l.verify(t, c, cp), slogaudit.Modified, seq, lineInFile(c, i))
			}
		}
	}
}

// Member order: a File line is its exact canonical form, so a line whose
// members were reordered is modified; a line that Wrap wrote over another
// handler is canonicalised, so the same reordering changes nothing.
func TestExactMemberOrder(t *testing.T) {
	for w, l := range exactLogs(t) {
		for i, x := range l.lines {
			if !strings.Contains(x.text, `"level":"INFO",`) || !strings.Contains(x.text, `"svc":"ledger"`) {
				continue
			}
			c := slices.Clone(l.lines)
			c[i].text = strings.Replace(strings.Replace(x.text, `"level":"INFO",`, "", 1), `"svc":"ledger"`, `"level":"INFO","svc":"ledger"`, 1)
			rep := l.verify(t, c, false)
			name := fmt.Sprintf("%s: line %d with its members reordered", w, i+1)
			if w == "file" {
				requireOnly(t, name, rep, slogaudit.Modified, seqOf(t, x.text), lineInFile(c, i))
			} else if !rep.Intact() {
				t.Errorf("%s: want intact, got %v", name, rep.Findings)
			}
		}
	}
}

// A long stretch pasted from another log of the chain is named by its
// first record's finding, which gives the stretch's seqs, not record by
// record.
func TestExactLongReplacedRunIsOneFinding(t *testing.T) {
	l := writeExactLog(t, "file", "ledger", []int{120}, 0)
	same := bySeq(t, writeExactLog(t, "file", "ledger", []int{120}, 0))
	for _, run := range []int{64, 65, 100} {
		c := slices.Clone(l.lines)
		for j := 10; j < 10+run; j++ {
			c[j].text = same[seqOf(t, c[j].text)]
		}
		got := tampering(l.verify(t, c, true))
		want := run
		if run > 64 {
			want = 1
		}
		if len(got) != want || got[0].Line != 11 || got[0].Kind != slogaudit.Inserted ||
			!strings.Contains(got[0].Detail, fmt.Sprintf("records 11 to %d link to one another", 10+run)) {
			t.Errorf("%d records replaced: want %d findings from line 11 naming the run, got %d: %v", run, want, len(got), got)
		}
	}
}

// An in-band checkpoint record whose note was edited is one finding at
// its line: its checkpoint's, when the edit breaks the note's signature or
// root, else the record modified; not both.
func TestExactCheckpointRecordEditIsOneFinding(t *testing.T) {
	for w, l := range exactLogs(t) {
		edited := 0
		for i, x := range l.lines {
			j := strings.Index(x.text, `"note":"`)
			if j < 0 {
				continue
			}
			edited++
			for _, off := range []int{len(`"note":"`) + 20, len(`"note":"`) + 60} {
				c := slices.Clone(l.lines)
				k := j + off
				ch := byte('A')
				if x.text[k] == 'A' {
					ch = 'B'
				}
				c[i].text = x.text[:k] + string(ch) + x.text[k+1:]
				for _, cp := range []bool{false, true} {
					rep := l.verify(t, c, cp)
					want, seq := slogaudit.Modified, seqOf(t, x.text)
					if got := tampering(rep); len(got) > 0 && got[0].Kind == slogaudit.BadCheckpoint {
						want, seq = slogaudit.BadCheckpoint, 0 // a signature's finding names no seq
					}
					requireOnly(t, fmt.Sprintf("%s: note of line %d edited at byte %d (checkpoint file %v)", w, i+1, off, cp), rep, want, seq, lineInFile(c, i))
				}
			}
		}
		if edited == 0 {
			t.Fatalf("test bug: %s: no in-band checkpoint", w)
		}
	}
}

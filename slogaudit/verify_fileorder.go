package slogaudit

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/slogguard/slogguard/internal/chain"
)

// FilesOrdered is information: [VerifyFiles] was given rotated files out
// of their chain's order and read them in that order, which their records
// prove (each file's records continue the file before). Nothing in the
// files is changed by it: a file name, not a record, was out of place.
const FilesOrdered FindingKind = "files-ordered"

// headLines is how many lines of a file chainOrder reads for its first
// record: a file starts with a record, or with a crash's fragment or a
// few lines that are not records before one.
const headLines = 64

// fileSpan is where a file sits in a chain: the chain of its first record,
// that record's seq, and the last seq of that chain in the file.
type fileSpan struct {
	chain       string
	first, last uint64
	known       bool // the file holds a record in its first headLines lines
}

// chainOrder returns paths in their chains' order, and whether it moved
// any. Files whose first records are of one chain are ordered among
// themselves by that record's seq, in the places those files hold among
// paths; the others stay where they are. It orders them only when the
// files' records say so without doubt: each file's records of the chain
// come in the order of their seqs, and the files' runs, so ordered,
// follow one another without overlap. Otherwise (a first record whose seq
// was changed, a file copied, files of several chains interleaved) the
// files are read as given and the verifier reports what it finds. A file
// that cannot be read stays in place: VerifyFiles reports its error.
func chainOrder(paths []string) ([]string, bool) {
	spans := make([]fileSpan, len(paths))
	var p chain.Parser
	for i, path := range paths {
		spans[i] = firstRecordOf(&p, path)
	}
	groups := map[string][]int{} // by chain: the indices of its files, in order given
	var ids []string
	for i, s := range spans {
		if !s.known {
			continue
		}
		if _, ok := groups[s.chain]; !ok {
			ids = append(ids, s.chain)
		}
		groups[s.chain] = append(groups[s.chain], i)
	}
	out := slices.Clone(paths)
	moved := false
	for _, id := range ids {
		slots := groups[id]
		if slices.IsSortedFunc(slots, func(a, b int) int { return cmpSeq(spans[a].first, spans[b].first) }) {
			continue
		}
		for _, i := range slots {
			spans[i].last = lastSeqOf(paths[i], id)
		}
		byFirst := slices.Clone(slots)
		slices.SortStableFunc(byFirst, func(a, b int) int { return cmpSeq(spans[a].first, spans[b].first) })
		if !runsFollow(spans, byFirst) {
			continue
		}
		for k, slot := range slots {
			out[slot] = paths[byFirst[k]]
		}
		moved = true
	}
	return out, moved
}

func cmpSeq(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// runsFollow reports whether the files at idx, in that order, hold runs
// of their chain that follow one another: each from its first seq to its
// last, each starting after the one before ends.
func runsFollow(spans []fileSpan, idx []int) bool {
	for k, i := range idx {
		s := spans[i]
		if s.last < s.first {
			return false
		}
		if k > 0 && spans[idx[k-1]].last >= s.first {
			return false
		}
	}
	return true
}

// firstRecordOf returns the span of the file's first record, of which only
// the chain and first seq are known yet.
func firstRecordOf(p *chain.Parser, path string) fileSpan {
	f, err := os.Open(path)
	if err != nil {
		return fileSpan{}
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	for range headLines {
		line, err := readWholeLine(br)
		if id, seq, ok := recordOf(p, line); ok {
			return fileSpan{chain: id, first: seq, known: true}
		}
		if err != nil {
			break
		}
	}
	return fileSpan{}
}

// lastSeqOf returns the last seq of chain id among the file's records,
// or 0 when the file's records of the chain do not each come after the one
// before (a record moved or changed: the file's first seq is then no sure
// sign of its place).
func lastSeqOf(path, id string) uint64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	var last uint64
	for {
		line, err := readWholeLine(br)
		// Only the audit member is parsed: this reads every line.
		if c, seq, ok := auditMemberOf(line); ok && c == id {
			if seq <= last {
				return 0
			}
			last = seq
		}
		if err != nil {
			return last
		}
	}
}

// readWholeLine reads one line, however long, with its line end.
func readWholeLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return line, err
	}
	long := append([]byte(nil), line...)
	for err == bufio.ErrBufferFull {
		line, err = br.ReadSlice('\n')
		long = append(long, line...)
	}
	return long, err
}

// auditMemberOf returns the chain and seq that the line's last audit
// member names, read from their bytes: this runs over every line of a
// file, and a chain id with escapes in its JSON only makes the line seem
// another chain's (the files are then read as given).
func auditMemberOf(line []byte) (string, uint64, bool) {
	i := bytes.LastIndex(line, []byte(`"audit":{`))
	if i < 0 {
		return "", 0, false
	}
	member := line[i+len(`"audit":`):]
	if j := bytes.IndexByte(member, '}'); j >= 0 {
		member = member[:j]
	} else {
		return "", 0, false
	}
	c := bytes.Index(member, []byte(`"chain":"`))
	q := bytes.Index(member, []byte(`"seq":`))
	if c < 0 || q < 0 {
		return "", 0, false
	}
	id := member[c+len(`"chain":"`):]
	end := bytes.IndexByte(id, '"')
	if end < 0 {
		return "", 0, false
	}
	var seq uint64
	digits := 0
	for _, b := range member[q+len(`"seq":`):] {
		if b < '0' || b > '9' || digits == 19 {
			break
		}
		seq = seq*10 + uint64(b-'0')
		digits++
	}
	if digits == 0 || seq == 0 {
		return "", 0, false
	}
	return string(id[:end]), seq, true
}

// recordOf returns the chain and seq of the line's audit member, when the
// line is a JSON object with a valid one.
func recordOf(p *chain.Parser, line []byte) (string, uint64, bool) {
	line = bytes.TrimPrefix(bytes.TrimRight(line, "\r\n"), utf8BOM)
	if len(line) == 0 || line[0] != '{' {
		return "", 0, false
	}
	val, err := p.Parse(line)
	if err != nil || val.Kind != chain.Object {
		return "", 0, false
	}
	a, ok := val.Get("audit")
	if !ok || a.Kind != chain.Object {
		return "", 0, false
	}
	rec, err := parseAudit(a)
	if err != nil {
		return "", 0, false
	}
	return rec.chain, rec.seq, true
}

// noteOrder adds the FilesOrdered finding for files read in the order
// read, given in the order given.
func (v *verifier) noteOrder(given, read []string) {
	var moved []string
	for i, p := range read {
		if given[i] != p {
			moved = append(moved, p)
		}
	}
	v.rep.Findings = append(v.rep.Findings, Finding{Kind: FilesOrdered,
		Detail: fmt.Sprintf("the files were given out of their chain's order and were read in it, each file's first record after the last record of the file before: %s (%s moved)",
			strings.Join(read, ", "), plural(int64(len(moved)), "file"))})
}

package slogaudit

import "bytes"

// maxHeldLineEnds bounds the findings held back for a file whose lines
// so far all end in CR LF. Past it, the file is taken as converted
// whatever follows: a carriage return carries nothing of a record.
const maxHeldLineEnds = 4096

// lineEnds follows the line ends of the file being read. A File line is
// its record byte for byte, so a carriage return before its newline is a
// change of that line, unless every line of the file ends so: then the
// file's line ends were converted (a copy through a tool that writes
// CR LF), which changed no record, as for the lines of any other
// handler, which the verifier canonicalises. The findings of a File
// line's carriage return wait until a line of the file ends in a newline
// alone, or are dropped at the file's end.
type lineEnds struct {
	lf int64 // lines that end in a newline alone
	// held: the findings of File lines that end in CR LF, while no line
	// of the file ends in a newline alone.
	held []Finding
	// converted: more lines ended in CR LF than are held; the file is
	// taken as converted.
	converted bool
}

// lineEnd counts the line end of a line just checked that is not blank:
// crlf when it ended in CR LF, lf when in a newline alone (neither: the
// input's last line, without a newline). fileLine says that the line was
// a File's record that verified but for its carriage return; its
// finding is held back (see lineEnds).
func (v *verifier) lineEnd(crlf, lf, fileLine bool, chainID string, seq uint64) {
	e := &v.ends
	switch {
	case lf:
		e.lf++
		if !e.converted {
			v.releaseLineEnds()
		}
	case crlf && fileLine:
		f := Finding{File: v.file, Line: v.line, Chain: chainID, Seq: seq, Kind: Modified,
			Detail: "the line ends in a carriage return and a newline (CR LF), while other lines of its file end in a newline alone: a File writes each record as its exact bytes and a newline, so the carriage return is a change of the line"}
		switch {
		case e.converted:
		case e.lf > 0:
			v.rep.Findings = append(v.rep.Findings, f)
			v.checks.chain(chainID).Hashes.Failed++
		case len(e.held) < maxHeldLineEnds:
			e.held = append(e.held, f)
		default:
			e.converted, e.held = true, nil
		}
	}
}

// releaseLineEnds reports the held findings: a line of the file ended in
// a newline alone, so the carriage returns are edits of their lines.
func (v *verifier) releaseLineEnds() {
	for _, f := range v.ends.held {
		v.rep.Findings = append(v.rep.Findings, f)
		v.checks.chain(f.Chain).Hashes.Failed++
	}
	v.ends.held = nil
}

// endLineEnds closes the file read: the carriage returns still held are
// those of a file whose every line ends in CR LF, a conversion. It
// readies lineEnds for the next file.
func (v *verifier) endLineEnds() { v.ends = lineEnds{} }

// blank reports whether a line holds nothing but white space.
func blank(line []byte) bool {
	return len(bytes.TrimSpace(line)) == 0
}

// tamperingSince reports whether a finding from index n on is a sign of
// tampering, not information.
func tamperingSince(fs []Finding, n int) bool {
	for _, f := range fs[n:] {
		if !f.Kind.Info() {
			return true
		}
	}
	return false
}

package redact

import "strings"

// DetectHL7 masks the fields of the HL7 version 2 segments that identify a
// patient, as interface engines log the messages they pass on: PID
// (identifiers, name, mother's maiden name, birth date, address, phone
// numbers, account number, SSN, driver's license, death date), PD1, NK1
// (next of kin), GT1 (guarantor), IN1 and IN2 (insurance) and MRG (prior
// identifiers). A segment starts a line (after a CR, a line feed, their
// escapes \r, \u000d and \x0d, a tab, a space, a quote, a bracket, a '>'
// or a key's '=' or ':'); everything after its set ID is
// masked up to the end of the segment, and the segment's name and set ID
// are kept (PID|1|[REDACTED]). Like the other detectors of the prefilter,
// it searches only strings with a digit right before a '|' (a set ID, a
// birth date) or a segment's name that ends with a letter there (PID|,
// MRG|).
var DetectHL7 = Detector{Name: "hl7", find: findHL7, mark: markBar, min: 6}

// hl7Segments are the names of the segments findHL7 masks, and whether
// their first field is a set ID.
var hl7Segments = map[string]bool{"PID": true, "PD1": false, "NK1": true, "GT1": true, "IN1": true, "IN2": false, "MRG": false}

func findHL7(s string, spans []span) []span {
	if !barAfterMark(s) {
		return spans // the prefilter's gate, markBar
	}
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '|')
		if j < 0 {
			return spans
		}
		k := i + j
		i = k + 1
		setID, ok := hl7Segments[s[max(0, k-3):k]]
		if k < 3 || !ok || !segmentStart(s, k-3) {
			continue
		}
		v := k + 1
		if setID {
			f := v
			for f < len(s) && isDigit(s[f]) {
				f++
			}
			if f < len(s) && s[f] == '|' {
				v = f + 1
			}
		}
		e := v
		for e < len(s) && s[e] != '\r' && s[e] != '\n' && escapedLineBreakAt(s, e) == 0 {
			e++
		}
		if strings.Trim(s[v:e], "|^~ ") != "" {
			spans = append(spans, span{v, e})
		}
		i = max(i, e)
	}
}

// segmentStart reports whether an HL7 segment may start at s[p]: at the
// start of s or of a line (a CR or line feed, or their escapes \r, \n,
// \u000d, \x0d and their kin), or after a space, a tab or another control
// byte (an MLLP frame's), a quote, an opening bracket, a '>' (<hl7>PID|…),
// or the punctuation that ends a key (=, :, ',' and ';'). After a letter, a
// digit or a separator of HL7's own it is part of something else (RAPID|,
// |PID|).
func segmentStart(s string, p int) bool {
	if p == 0 {
		return true
	}
	switch c := s[p-1]; {
	case c < ' ', c == ' ', c == '"', c == '\'', c == '>', c == '[', c == '(', c == '{', c == '=', c == ':', c == ',', c == ';':
		return true
	case isAlnum(c):
		for k := max(0, p-6); k < p; k++ {
			if escapedLineBreakAt(s, k) == p-k {
				return true
			}
		}
	}
	return false
}

// escapedLineBreakAt returns the length of the escaped CR or line feed at
// s[p] (\r, \n, \u000d, \u000a, \x0d, \x0a, any case), or 0.
func escapedLineBreakAt(s string, p int) int {
	if p+1 >= len(s) || s[p] != '\\' {
		return 0
	}
	switch s[p+1] {
	case 'r', 'n':
		return 2
	case 'u':
		if p+6 <= len(s) && s[p+2:p+5] == "000" && (s[p+5]|0x20 == 'd' || s[p+5]|0x20 == 'a') {
			return 6
		}
	case 'x':
		if p+4 <= len(s) && s[p+2] == '0' && (s[p+3]|0x20 == 'd' || s[p+3]|0x20 == 'a') {
			return 4
		}
	}
	return 0
}

// barAfterMark reports whether s holds a digit, or the last letter of PID
// or MRG, right before a '|', as the prefilter's markBar does.
func barAfterMark(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] == '|' && (isDigit(s[i-1]) || s[i-1] == 'D' || s[i-1] == 'G') {
			return true
		}
	}
	return false
}

package redact

import "strings"

// maxQuotedLocal bounds the look-back for the opening quote of a quoted
// local part: RFC 5321 allows 64 bytes, and an escaped quote one more.
const maxQuotedLocal = 66

// quotedLocalPart returns the start and the text of the quoted local part
// that ends, with its closing quote, right before the '@' at s[at]
// ("jane roe"@example.com, "jane@home"@example.net, and as JSON escapes
// it, \"jane roe\"@…), or at and "" when there is none: a quote opened no
// further back than maxQuotedLocal, after no letter or digit, with no line
// break or angle bracket inside.
func quotedLocalPart(s string, at int) (int, string) {
	closing := at - 1
	if closing > 0 && s[closing-1] == '\\' {
		closing-- // \"…\"@: the local part as JSON text escapes it
	}
	floor := max(0, closing-maxQuotedLocal)
	q := strings.LastIndexByte(s[floor:closing], '"')
	if q < 0 {
		return at, ""
	}
	q += floor
	open, inner := q, s[q+1:closing]
	if q > 0 && s[q-1] == '\\' {
		open--
	}
	if inner == "" || strings.ContainsAny(inner, "\n\r<>\"") || open > 0 && isAlnum(s[open-1]) {
		return at, ""
	}
	return open, strings.TrimSuffix(inner, "\\")
}

// domainLiteralEnd returns the end of the domain literal in brackets that
// starts at s[i] (an address's host written as its IP address:
// jane@[203.0.113.7], jane@[IPv6:2001:db8::1]), or 0 when none starts
// there.
func domainLiteralEnd(s string, i int) int {
	if i >= len(s) || s[i] != '[' {
		return 0
	}
	j := i + 1
	if strings.HasPrefix(s[j:], "IPv6:") {
		j += len("IPv6:")
	}
	k := j
	for k < len(s) && k-j <= 45 && (isHexByte(s[k]) || s[k] == '.' || s[k] == ':') {
		k++
	}
	if k == j || k >= len(s) || s[k] != ']' || !strings.ContainsAny(s[j:k], ".:") {
		return 0
	}
	return k + 1
}

// sshDestination reports whether the user@host at s[start:] is the
// destination of a remote shell or copy command (ssh deploy@build-4.internal,
// scp -P 2222 app.tar ops@10.0.0.7:/srv, sftp -i key backup@vault.lan): a
// login on a host, not a mailbox. The command word must start the words
// before the address on its line, no more than 96 bytes back, with only
// its flags, their arguments and file paths between: in "ssh key added by
// jane@example.com" the address is kept masked.
func sshDestination(s string, start int) bool {
	floor := max(0, start-96)
	if k := strings.LastIndexAny(s[floor:start], "\n\r"); k >= 0 {
		floor += k + 1
	}
	line := s[floor:start]
	// The words of line from the last, without allocating: word returns
	// the one that ends at e and where it starts.
	word := func(e int) (string, int) {
		b := e
		for b > 0 && line[b-1] != ' ' && line[b-1] != '\t' {
			b--
		}
		return line[b:e], b
	}
	for e := len(line); e > 0; {
		for e > 0 && (line[e-1] == ' ' || line[e-1] == '\t') {
			e--
		}
		w, b := word(e)
		switch w {
		case "ssh", "scp", "sftp", "mosh", "autossh", "rsync":
			return commandArgs(line[e:])
		}
		e = b
	}
	return false
}

// commandArgs reports whether args, the text between a command word and
// an address, holds only flags, their arguments and file paths.
func commandArgs(args string) bool {
	flag := false // the word before was a flag, whose argument this may be
	for f := range strings.FieldsSeq(args) {
		switch {
		case f[0] == '-':
			flag = true
		case flag || strings.ContainsAny(f, "/.") && !strings.ContainsAny(f, "@\"'`"):
			flag = false
		default:
			return false
		}
	}
	return true
}

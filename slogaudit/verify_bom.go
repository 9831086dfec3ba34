package slogaudit

import "bytes"

// ByteOrderMark is information: a file (or the input) starts with a UTF-8
// byte order mark, which text editors and some transfers add to a text
// file. It is not part of any record, so the records after it are checked
// as written, File lines byte for byte; a byte order mark anywhere else is
// a change of its line.
const ByteOrderMark FindingKind = "byte-order-mark"

// utf8BOM is the UTF-8 encoding of U+FEFF.
var utf8BOM = []byte("\xef\xbb\xbf")

// skipBOM returns the first line of a file without the byte order mark it
// starts with, noting the mark; other lines are returned as they are.
func (v *verifier) skipBOM(part []byte) []byte {
	if v.line != 0 || !bytes.HasPrefix(part, utf8BOM) {
		return part
	}
	v.add(1, "", 0, ByteOrderMark, "the file starts with a UTF-8 byte order mark (3 bytes that a text editor or a transfer adds), not part of any record: the lines were checked without it")
	return part[len(utf8BOM):]
}

package redact_test

import (
	"strings"
	"testing"
)

// bold writes s as nroff's bold does: each character, a backspace, the
// character again.
func bold(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(c)
		b.WriteByte('\b')
		b.WriteRune(c)
	}
	return b.String()
}

// underline writes s as nroff's underline does: '_', a backspace, the
// character.
func underline(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteString("_\b")
		b.WriteRune(c)
	}
	return b.String()
}

// TestOverstrikeMasked: text drawn with backspaces (nroff's bold and
// underline, a typo taken back), read as a terminal shows it.
func TestOverstrikeMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"bold key", bold("db_password") + "=Wy5Rc8Tn3Mq6", []string{"Wy5Rc8Tn3Mq6"}, nil},
		{"bold key and value", bold("api_token") + ": " + bold("Fz2Kx9Hd4Bw7"), []string{"Fz2Kx9Hd4Bw7", "F\bFz\bz2\b2K\bKx\bx9\b9"}, nil},
		{"underlined key", underline("secret") + " = Lv1Pg6Sj3Xe8", []string{"Lv1Pg6Sj3Xe8"}, nil},
		{"bold value after a key", "password: " + bold("Qt7Mh2Wr5Dk9"), []string{"Q\bQt\bt7\b7M\bMh\bh2\b2W\bWr\br5\b5D\bDk\bk9\b9"}, []string{"password: "}},
		{"typo taken back", "pwd\b\b\bpassword=Nc4Ya9Ug2Ze5", []string{"Nc4Ya9Ug2Ze5"}, nil},
		{"backspace inside the key", "passw\bword=Jb8Oe3Is6Ar1", []string{"Jb8Oe3Is6Ar1"}, nil},
		{"escaped bold key", strings.ReplaceAll(bold("client_secret"), "\b", `\b`) + "=Xo2Vi7Ul4Tk9", []string{"Xo2Vi7Ul4Tk9"}, nil},
		{"escaped underline in json", `{"man":"` + strings.ReplaceAll(underline("apikey"), "\b", `\b`) + `: Cq6Ew1Rd8Fs3"}`, []string{"Cq6Ew1Rd8Fs3"}, nil},
	})
	requireWholeKept(t, nil, []string{
		bold("NAME") + "\n       ls - list directory contents",
		"secret\b\b\b\b\b\bstatus=Lv1Pg6Sj3Xe8",
		underline("usage") + ": tool [-v] FILE",
		`C:\bin\tools\build.exe --verbose`,
		`match \bword\b in text`,
	})
}

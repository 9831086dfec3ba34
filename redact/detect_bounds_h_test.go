package redact_test

import (
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestDetectBoundsCardTabCells pins the tab between the groups of a card
// number written as TSV cells: the tab, as it is or escaped (\t), joins the
// next cell to the number only when that cell starts with four digits; a
// shorter cell of digits after the card is a field of its own and stays.
func TestDetectBoundsCardTabCells(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// A cell of two digits after a tab: 4111…111126 would be a
		// Luhn-valid 18-digit number, but the cell is not part of the card.
		{"4111\t1111\t1111\t1111\t26 x", "[REDACTED]\t26 x"},
		// The same with the tab escaped, as JSON text writes it.
		{`4111\t1111\t1111\t1111\t26 x`, `[REDACTED]\t26 x`},
	})
}

// TestDetectBoundsEmailAt pins the e-mail addresses the detector alone
// finds around a JSON escape of the '@' (\u0040) and bytes at the edges: a
// backslash as the first byte of the text, an escape right after another,
// both forms of the '@' in one text, and a letter outside ASCII whose last
// byte is the lowest continuation byte (0x80) right before the '@'.
func TestDetectBoundsEmailAt(t *testing.T) {
	requirePairs(t, only(redact.DetectEmail), []pairCase{
		// A backslash as the first byte of the text: the escaped '@' after
		// it is still looked for.
		{`\"jane\u0040example.com\"`, `\"[REDACTED]\"`},
		// 'р' (U+0440, bytes d1 80) ends the local part right before the
		// '@': a letter, not a stray byte.
		{"петр@example.com", "[REDACTED]"},
		// An escape right after another: the second has no local part of
		// its own, and the digits of the first are not one.
		{`ab\u0040\u0040cd.com`, `ab\u0040\u0040cd.com`},
		// An escaped '@' before a plain one: both addresses are found.
		{`jane\u0040example.com, bob@example.org`, `[REDACTED], [REDACTED]`},
		// A plain '@' before an escaped one.
		{`bob@example.org, jane\u0040example.com`, `[REDACTED], [REDACTED]`},
		// A plain '@' as the first byte of the text, then a plain and an
		// escaped '@': the address between them is still found.
		{`@ bob@example.org, jane\u0040example.com`, `@ [REDACTED], [REDACTED]`},
	})
}

// TestDetectBoundsEmailEscapeFirst pins texts that start with an escaped
// '@': each is read to its end, in bounded time (the search for the next
// escape moves past the first one), and the local part of the address
// after it starts after the escape, not inside it.
func TestDetectBoundsEmailEscapeFirst(t *testing.T) {
	r := only(redact.DetectEmail)
	for _, c := range []pairCase{
		// The escape glued to the next address's local part.
		{`\u0040jane@example.com`, `\u0040[REDACTED]`},
		// The escape, a space, then an address with an escaped '@'.
		{`\u0040 jane\u0040example.com`, `\u0040 [REDACTED]`},
	} {
		done := make(chan string, 1)
		go func() {
			got, _ := r.String(c.in)
			done <- got
		}()
		select {
		case got := <-done:
			require.Equal(t, c.want, got, "%q", c.in)
		case <-time.After(10 * time.Second):
			t.Fatalf("%q: no result after 10s", c.in)
		}
	}
}

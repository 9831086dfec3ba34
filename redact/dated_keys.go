package redact

// dateWords are words that, right after a term, make a key name when
// something happened to the secret (auth_date, secret_rotated_on,
// password_changed_date): a number or a timestamp under such a key is
// kept, any other value is masked as the term's.
var dateWords = map[string]bool{
	"date": true, "dates": true, "day": true, "timestamp": true, "ts": true, "epoch": true,
	"on": true, "since": true, "until": true, "when": true,
}

// isTimeValue reports whether s is a number (1764720000, 1764720000.25)
// or a timestamp of digits and the separators of a date and a time
// (2026-12-03, 2026-12-03T10:00:00Z, 2026-12-03 10:00:00+01:00), with at
// most one letter T and a final Z.
func isTimeValue(s string) bool {
	if s == "" || !isDigit(s[0]) {
		return false
	}
	letters := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c), c == '.', c == '-', c == ':', c == '+', c == '/':
		case c == ' ' && i > 0 && isDigit(s[i-1]):
		case (c == 'T' || c == 't') && i > 0 && isDigit(s[i-1]) && letters == 0:
			letters++
		case (c == 'Z' || c == 'z') && i == len(s)-1:
		default:
			return false
		}
	}
	return true
}

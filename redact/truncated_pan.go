package redact

import "strings"

// truncatedPAN reports whether s is a card number already truncated as
// PCI DSS allows one to be shown (requirement 3.4.1: at most the first six
// and the last four digits): digits at its start (six at most) and at its
// end (four at most) around four or more mask characters ('*', 'X', 'x',
// '#', '•'), grouped by spaces or dashes or not: 4111 **** **** 1111,
// 411111******1111, XXXX-XXXX-XXXX-4242, ****4242. It holds no card
// number, under a card's key or anywhere else.
func truncatedPAN(s string) bool {
	if len(s) < 5 || len(s) > 64 {
		return false
	}
	lead, masks, tail := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			if masks == 0 {
				lead++
			} else {
				tail++
			}
		case c == '*' || c == 'X' || c == 'x' || c == '#':
			if tail > 0 {
				return false
			}
			masks++
		case strings.HasPrefix(s[i:], "•"):
			if tail > 0 {
				return false
			}
			masks++
			i += len("•") - 1
		case c == ' ' || c == '-':
			if i == 0 || i == len(s)-1 {
				return false
			}
		default:
			return false
		}
	}
	return masks >= 4 && lead <= 6 && tail <= 4 && lead+tail > 0
}

// truncatedPANEnd returns the end of the truncated card number written in
// groups that starts at s[v] (card=4111 **** **** 1111), where a bare
// value would end at the first space, or v when none starts there. It
// reads at most 64 bytes.
func truncatedPANEnd(s string, v int) int {
	e, best := v, v
	for e < len(s) && e-v < 64 {
		c := s[e]
		if !(isDigit(c) || c == '*' || c == 'X' || c == 'x' || c == '#' || c == ' ' || c == '-' || strings.HasPrefix(s[e:], "•")) {
			break
		}
		if strings.HasPrefix(s[e:], "•") {
			e += len("•")
		} else {
			e++
		}
		if e < len(s) && s[e] != ' ' && s[e] != '-' {
			continue
		}
		if truncatedPAN(s[v:e]) {
			best = e
		}
	}
	return best
}

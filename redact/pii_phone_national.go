package redact

// groupSeparators reports whether the bytes between the digit groups of
// n, a number as phoneRun read it, are single spaces or dashes only, and
// returns the last of them. Dots and parentheses are other shapes: a
// dotted run is a version or an address, parentheses an area code.
func groupSeparators(n string) (last byte, ok bool) {
	for i := 0; i < len(n); i++ {
		switch c := n[i]; {
		case isDigit(c):
		case c == ' ' || c == '-':
			last = c
		default:
			return 0, false
		}
	}
	return last, true
}

// nationalWithoutTrunk reports whether n, digits in groups written with
// single spaces or dashes and no trunk prefix, has the shape of a national
// number of a country that dials none: nine digits as 2-3-2-2 (Poland's
// and Spain's landlines, 22 541 37 90, 93 412 58 06) or as 3-2-2-2 from
// 6 to 9 (Spain, 655 81 27 44); eleven as 2-5-4 whose subscriber number
// starts with 9 (a Brazilian mobile, 21 99734-2610); ten as 2-4-4, a
// space and then a dash before a landline's number from 2 to 5 (Brazil,
// 21 3524-7781) or, spaced or dashed alike, after one of Mexico's
// two-digit area codes (55 4127 8830); ten as 3-7 from 32 to
// 39 (an Italian mobile, 338 4172096); ten as 5-5 from 6 to 9 (an Indian
// mobile, 98204 71365); eleven as 3-4-4 from 13 to 19 (a Chinese mobile,
// 139 0172 4486); and nine as 3-3-3 from 6 or 7 (a Spanish mobile, 634
// 218 905). Groups of these sizes in other
// order, or with other separators, are counts and sizes and are kept.
func nationalWithoutTrunk(n string, groups []int, digits int) bool {
	last, ok := groupSeparators(n)
	if !ok || n[0] == '0' {
		return false
	}
	switch {
	case digits == 9 && len(groups) == 4 && groups[2] == 2 && groups[3] == 2:
		return groups[0] == 2 && groups[1] == 3 || groups[0] == 3 && groups[1] == 2 && n[0] >= '6'
	case digits == 11 && len(groups) == 3 && groups[0] == 2 && groups[1] == 5 && groups[2] == 4:
		return n[3] == '9'
	case digits == 10 && len(groups) == 3 && groups[0] == 2 && groups[1] == 4 && groups[2] == 4:
		brazil := n[2] == ' ' && last == '-' && n[3] >= '2' && n[3] <= '5' // a landline: 2 to 5
		return brazil || mexicoArea(n[:2]) && n[2] == last
	case digits == 10 && len(groups) == 2 && groups[0] == 3:
		return n[0] == '3' && n[1] >= '2'
	case digits == 10 && len(groups) == 2 && groups[0] == 5:
		return n[0] >= '6' // an Indian mobile, 6 to 9
	case digits == 11 && len(groups) == 3 && groups[0] == 3 && groups[1] == 4:
		return n[0] == '1' && n[1] >= '3' // a Chinese mobile, 13 to 19
	case digits == 9 && len(groups) == 3 && groups[0] == 3 && groups[1] == 3:
		return n[0] == '6' || n[0] == '7' // a Spanish mobile
	}
	return false
}

// mexicoArea reports whether a is one of the area codes of two digits of
// Mexico: Mexico City, Guadalajara and Monterrey.
func mexicoArea(a string) bool {
	return a == "55" || a == "56" || a == "33" || a == "81"
}

// budapestNumber reports whether n, after the Hungarian trunk 06, is a
// number of Budapest, whose area code is the one digit 1: 06 1 234 5678,
// 06-1-234-5678 (ten digits; the other areas have two digits and are
// trunkNationalNumber's).
func budapestNumber(n string, groups []int, digits int) bool {
	return digits == 10 && len(groups) >= 3 && groups[0] == 2 && groups[1] == 1 && n[1] == '6' && n[3] == '1' &&
		minInts(groups[2:]) >= 2
}

package redact

// An id that happens to pass the Luhn check (order_id, trace_id, a
// snowflake) is no card number when its key says what it is: a string of
// digits alone under such a key is judged as an integer under it is (see
// keyVerdict.noCards), while card, pan and card_number keep masking.

// IDNumber reports whether s, a string value under key at groups, is a
// number alone that the key names as an id, a count or a time (order_id,
// trace_id, event_id, snowflake, timestamp_ns) and that only the
// card-number detector would mask, or a dotted quad alone under a key that
// names a version (app_version, build: "4.2.0.17") that only the
// IP-address detector would mask. Such a value is written as it is, as an
// integer under the same key is; every other detector still reads it, and
// a key with a word of a card (card_id, pan_ref) or a rule that masks
// values under it never keeps one. An encoder calls it before
// [Redactor.String] for a string under a plain key; it costs a few byte
// comparisons for any other value.
func (r *Redactor) IDNumber(groups []string, key, s string) bool {
	if r == nil || r.off || !(r.cards && cardDigits(s) || versionQuad(s)) {
		return false
	}
	kv, rule := r.judgeScalar(groups, key)
	return rule == "" && r.idNumber(kv, key, s)
}

// idNumber is IDNumber for a key already judged, kv, with no rule.
func (r *Redactor) idNumber(kv *keyVerdict, key, s string) bool {
	if kv.version && versionQuad(s) {
		var found idFinds
		r.find(s, nil, found.note)
		return found.ip && !found.card && !found.other
	}
	if !r.cards || !kv.noCards || !cardDigits(s) || cardKey(key) {
		return false
	}
	var found idFinds
	r.find(s, nil, found.note)
	return found.card && !found.ip && !found.other
}

// versionQuad reports whether s is a dotted quad alone (4.2.0.17), as
// a four-part version is written.
func versionQuad(s string) bool {
	return len(s) >= 7 && len(s) <= 15 && isDigit(s[0]) && quadAt(s, 0, '.') == len(s)
}

// idFinds records which detectors found something in a number.
type idFinds struct{ card, ip, other bool }

func (f *idFinds) note(name string) {
	switch name {
	case DetectCardNumber.Name:
		f.card = true
	case DetectIPAddress.Name:
		f.ip = true
	default:
		f.other = true
	}
}

// cardDigits reports whether s is digits alone that the card-number
// detector would mask whole: 13 to 19 of them, a card's prefix, Luhn-valid.
func cardDigits(s string) bool {
	if len(s) < 13 || len(s) > 19 {
		return false
	}
	var d [19]byte
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
		d[i] = s[i] - '0'
	}
	return cardPrefix(d[:len(s)]) && luhn(d[:len(s)])
}

// cardKey reports whether a word of key names a payment card (card_id,
// pan_ref, ccRef): a number under it may be the card's, whatever else the
// key says.
func cardKey(key string) bool {
	var buf [maxWords][2]int
	for _, b := range wordBounds(key, buf[:0]) {
		w := key[b[0]:b[1]]
		for _, c := range cardWords {
			if foldedEqual(w, c) {
				return true
			}
		}
	}
	return false
}

// cardWords are the words of a key that name a payment card.
var cardWords = [...]string{"card", "pan", "cc", "credit", "debit", "creditcard", "cardnumber", "ccnum"}

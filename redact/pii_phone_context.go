package redact

import "strings"

// phoneWindow is how far before a number, in bytes on the same line,
// phoneWordBefore looks for a word that names a telephone.
const phoneWindow = 40

// phoneWords name a telephone, its number or calling it, in English and
// in the languages of the countries whose national numbers dial no trunk
// prefix (Spanish, Portuguese, Polish, Italian) and their neighbours, and
// the words for a mobile of German (Handy, Natel, Festnetz for a
// landline), French (portable), Dutch (mobiel) and of the countries that
// say GSM. A
// word ending in '*' is a stem: any word that starts with it matches
// (telefone, teléfono, telefonu); the others match whole, so "cells" or
// "calls", counts in a metric line, do not.
var phoneWords = [...]string{
	"tel", "tlf", "tfno", "tfn", "tno", "ph", "fone", "fono",
	"phone*", "telef*", "teléf*", "teleph*", "telf*", "tél*", "handy*",
	"mobil*", "móvil*", "movil*", "mob", "cel", "cell", "cellphone*", "cellular*", "celular*", "cellulare*",
	"portable", "gsm", "natel", "festnetz*",
	"komórk*", "komork*", "fixo", "fijo", "fisso", "landline*",
	"fax*", "sms", "whatsapp*", "viber", "msisdn",
	"call", "called", "caller", "calling", "callback*", "dial", "dialed", "dialled", "dialing", "dialling", "llam*", "ligar", "ligue", "chiam*", "zadzwo*", "dzwo*",
	"numer", "numeru", "numerem", "numero", "número", "numéro", "nº", "contact*", "contato*", "kontakt*", "recado*",
}

// phoneWordBefore reports whether one of phoneWords stands within
// phoneWindow bytes before s[start], on the same line: the context that
// makes digits in the groups of a national number without a trunk (as
// 2-3-2-2 or 2-4-4) a phone number rather than sizes, counts or ranges.
// It runs only after such a shape matched, so clean text never pays it.
func phoneWordBefore(s string, start int) bool {
	b := max(0, start-phoneWindow)
	if i := strings.LastIndexByte(s[b:start], '\n'); i >= 0 {
		b += i + 1
	}
	w := s[b:start]
	for i := 0; i < len(w); {
		if !isWordByte(w[i]) {
			i++
			continue
		}
		j := i
		for j < len(w) && isWordByte(w[j]) {
			j++
		}
		if i > 0 || b == 0 || !isWordByte(s[b-1]) { // a word cut by the window is no word
			if isPhoneWord(w[i:j]) {
				return true
			}
		}
		i = j
	}
	return false
}

// isWordByte reports whether c belongs to a word: a letter, a digit or
// any byte of a multi-byte UTF-8 letter (móvil, komórka).
func isWordByte(c byte) bool {
	return isAlnum(c) || c >= 0x80
}

// isPhoneWord reports whether word is one of phoneWords, ignoring case.
func isPhoneWord(word string) bool {
	for _, p := range phoneWords {
		if stem, ok := strings.CutSuffix(p, "*"); ok {
			if len(word) >= len(stem) && strings.EqualFold(word[:len(stem)], stem) {
				return true
			}
		} else if strings.EqualFold(word, p) {
			return true
		}
	}
	return false
}

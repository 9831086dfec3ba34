package redact

import "testing"

// TestTermStartsExact: the two-letter table that lets mayBeKey skip most
// words of text holds exactly the first two letters of the words a term
// can end with (addTermEnds), in any case, at both ends of the alphabet: a
// pair it holds by mistake costs a hash per word of text, one it lacks
// lets a key's value leak. Words that do not start with two letters always
// pass.
func TestTermStartsExact(t *testing.T) {
	r := Must(Rule{Name: "t", Terms: []string{"password", "api key", "zip", "azure"}})
	// The last words (password, key, zip, azure) and every suffix of three
	// bytes or more of each term's joined spelling: assword, ssword, sword,
	// word, ord; apikey, pikey, ikey; zure, ure; and, as the term password
	// is there, the word before an SQL password, identified, the IMAP
	// command before one, login, and the commands that take one as an
	// argument, net (user) and rabbitmqctl, and the commands that take one
	// in a form of their own: sqlplus, expdp, impdp, rman, sqlldr, dgmgrl,
	// schtasks, (ConvertTo-)SecureString and ssh-keygen; IMAP's
	// AUTHENTICATE; OpenLDAP's bindpw; an Oracle JDBC URL's jdbc; Redis'
	// SETUSER; Net-SNMP's commands, snmpd.conf's rocommunity, rwcommunity and
	// com2sec, and MinIO's mc.
	want := map[string]bool{"pa": true, "as": true, "ss": true, "sw": true, "wo": true, "or": true,
		"ke": true, "ap": true, "pi": true, "ik": true, "zi": true, "az": true, "zu": true, "ur": true, "id": true, "lo": true, "ne": true, "ra": true,
		"sq": true, "ex": true, "im": true, "rm": true, "dg": true, "sc": true, "se": true, "au": true, "bi": true, "jd": true,
		"ey": true, // the plural of a term of several words: api keys, eys
		"sn": true, "mc": true, "ro": true, "rw": true, "co": true,
		"si": true} // signin: a sign-in's user and password (loginPairs)
	for a := byte('a'); a <= 'z'; a++ {
		for b := byte('a'); b <= 'z'; b++ {
			w := want[string([]byte{a, b})]
			for _, p := range [][2]byte{{a, b}, {a - 0x20, b}, {a, b - 0x20}, {a - 0x20, b - 0x20}} {
				if got := r.termStartHas(p[0], p[1]); got != w {
					t.Errorf("termStartHas(%q, %q) = %v, want %v", p[0], p[1], got, w)
				}
			}
		}
	}
	for _, p := range [][2]byte{{'1', 'a'}, {'a', '1'}, {'1', '2'}, {'_', 'x'}} {
		if !r.termStartHas(p[0], p[1]) {
			t.Errorf("termStartHas(%q, %q) = false, want true: not two letters", p[0], p[1])
		}
	}
}

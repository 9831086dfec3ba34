package redact

import "testing"

// TestNewPrefixesLeaveProseUnadmitted: the prefixes of the formats added
// from detectors' rules and vendors' documents do not make ordinary words
// that share their first bytes (sign…, figure…, AA…, ed25519, 3030) a
// candidate of the token search: clean strings that hold them stay on
// the cheap path.
func TestNewPrefixesLeaveProseUnadmitted(t *testing.T) {
	r := Must(Credentials)
	for _, s := range []string{
		"the request was signed by the client; signature verified",
		"note signing ok",
		"file figure_3_caption.png saved, figured out",
		"flight AAL_FLIGHT_7 rated AAA+ outlook stable",
		"host key type ssh-ed25519 accepted",
		"SCHEDULED SAMPLE SDKVERSION",
	} {
		if p := r.prescan(s); p.tokens {
			t.Errorf("%q: the token gate admits it", s)
		}
	}
}

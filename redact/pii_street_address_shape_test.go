package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// addressPresets are the presets whose data holds a postal address.
var addressPresets = [][]redact.Rule{{redact.HIPAA}, {redact.GDPR}, {redact.CCPA}, {redact.ContactInfo}}

// TestStreetAddressesWithoutTheirWord: a street address in prose that no
// word names (after a verb of shipping, delivering, living or moving, or
// alone) is masked by its shape under every preset that holds addresses,
// in every deployment, up to the town after it; the prose around it is
// kept.
func TestStreetAddressesWithoutTheirWord(t *testing.T) {
	for _, rules := range addressPresets {
		requireModesMasked(t, rules, []textCase{
			{"house number with a letter", "shipped to 221B Baker Street, London for pickup", []string{"221B Baker Street", "London"}, []string{"shipped to ", " for pickup"}},
			{"terrace", "delivered to 742 Evergreen Terrace at 10:42", []string{"742 Evergreen Terrace"}, []string{"delivered to ", " at 10:42"}},
			{"lower-case letter", "customer lives at 12a Elm Road since March", []string{"12a Elm Road"}, []string{"customer lives at "}},
			{"ordinal street", "ship to 350 Fifth Avenue, New York queued", []string{"350 Fifth Avenue", "New York"}, []string{"ship to ", " queued"}},
			{"abbreviation and quadrant", "pickup 1600 Pennsylvania Ave NW failed", []string{"1600 Pennsylvania Ave NW"}, []string{"pickup ", " failed"}},
			{"abbreviation with a full stop", "moved to 10 Downing St. last week", []string{"10 Downing St"}, []string{"moved to "}},
			{"drive", "label printed for 4 Privet Drive", []string{"4 Privet Drive"}, []string{"label printed for "}},
			{"two words of a name", "courier at 77 Mill Hill Lane, Leeds LS1 4AB", []string{"77 Mill Hill Lane", "LS1 4AB"}, []string{"courier at "}},
			{"french street", "livraison au 12 Rue de Rivoli, Paris confirmée", []string{"12 Rue de Rivoli", "Paris"}, []string{"livraison au "}},
			{"french avenue", "colis: 8 Avenue Foch prêt", []string{"8 Avenue Foch"}, []string{"colis: "}},
			{"in a JSON message", `{"event":"order.shipped","to":"55 Crescent Road, Bath"}`, []string{"55 Crescent Road", "Bath"}, []string{"order.shipped"}},
			{"range of numbers", "units at 12-14 Harbour Boulevard rented", []string{"12-14 Harbour Boulevard"}, []string{"units at ", " rented"}},
		})
	}
}

// TestStreetAddressLookAlikesKept: counts, statuses, versions, ports and
// paths before capitalised words, street words alone and words that name
// a kind of street only sometimes are kept under every preset.
func TestStreetAddressLookAlikesKept(t *testing.T) {
	requireOrdinaryKept(t, []string{
		"0/9 nodes are available: 3 Insufficient memory, 6 Too many pods",
		"HTTP/1.1 200 Connection Close",
		"2 Road Runner episodes queued",
		"watched 3 Token Ring frames",
		"4 Way Handshake completed",
		"listening on :8080 Main Street handler",
		"GET /v1/streets/12 Elm Street 404",
		"release 4.2 Parkway Edition",
		"moved 12 items to Cold Storage",
		"3 Lane Changes detected by ADAS",
		"step 2 Drive Mount failed",
		"12 Street Fighter matches",
		"Chapter 7 Avenue Q",
		"table row 7 Street",
		"build_no=12 Crescent Build",
		"2 Main Street-facing services",
		"v2 Park Avenue",
		"shard 3 EU Street",
	})
}

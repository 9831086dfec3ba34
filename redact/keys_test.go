package redact_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestRegionNamesUnderLocationKeys: under a key that names a location, a
// cloud region or zone name is kept and anything else is masked, in attr
// values and in key=value text alike.
func TestRegionNamesUnderLocationKeys(t *testing.T) {
	r := redact.Must(redact.GDPR)
	for v, kept := range map[string]bool{
		"us-east-1": true, "europe-west4": true, "ap-southeast-2a": true, "us-central1-a": true,
		"us-east-1z": true, "ab-1c": true, // the shortest
		"abcdefghij-abcdefghij-abcdefgh-1":  true, // 32 bytes, the longest
		"abcdefghij-abcdefghij-abcdefghi-1": false,
		"a-1b":                              false,
		"-us-east-1":                        false,
		"us--east-1":                        false,
		"US-east-1":                         false,
		"us_east-1":                         false,
		"useast1":                           false,
		"us-east":                           false,
		"1us-east":                          false,
		"us-east-1-":                        false,
		"52.5200 13.4050":                   false,
	} {
		for _, key := range []string{"location", "user_location", "LOCATION"} {
			_, mask := r.Scalar(nil, key, slog.StringValue(v))
			require.Equal(t, !kept, mask, "%s=%q", key, v)
		}
		got, _ := r.String("location=" + v + " ok")
		require.Equal(t, kept, strings.Contains(got, v), "%q", got)
	}
	// Elsewhere a region name is personal data like any other value.
	_, mask := r.Scalar(nil, "ip_address", slog.StringValue("us-east-1"))
	require.True(t, mask)
}

// TestScalarMasksByKey: the value under a sensitive key is masked whatever
// the key's case and spelling, except booleans and empty strings, which
// hide nothing; an allow-listed key is never masked.
func TestScalarMasksByKey(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.ContactInfo, redact.Rule{Name: "allow", Allow: []string{"Password_Hint"}})
	for _, tc := range []struct {
		key  string
		v    slog.Value
		mask bool
	}{
		{"PASSWORD", slog.StringValue("x"), true},
		{"ZIP", slog.StringValue("12345"), true},
		{"Zip", slog.StringValue("12345"), true},
		{"AUTH", slog.StringValue("x"), true},
		{"userAuth", slog.StringValue("x"), true}, // camelCase splits before 'A'
		{"homeZip", slog.StringValue("x"), true},  // and before 'Z'
		{"password", slog.IntValue(1234), true},
		{"password", slog.BoolValue(true), false},
		{"password", slog.StringValue(""), false},
		{"password_hint", slog.StringValue("x"), false},
		{"PASSWORD_HINT", slog.StringValue("x"), false},
		{"zipper", slog.StringValue("x"), false},
		{"", slog.StringValue("x"), false},
	} {
		key, mask := r.Scalar(nil, tc.key, tc.v)
		require.Equal(t, tc.key, key)
		require.Equal(t, tc.mask, mask, "%s=%v", tc.key, tc.v)
	}
}

// TestPathRules: a path masks the value at exactly that place, "*"
// standing for one segment, case-insensitively; a shorter or longer path,
// or another name, does not.
func TestPathRules(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "p", Paths: []string{"http.headers.*", "*.card.number", "Top"}})
	for _, tc := range []struct {
		groups []string
		key    string
		mask   bool
	}{
		{[]string{"http", "headers"}, "x-trace", true},
		{[]string{"HTTP", "Headers"}, "x-trace", true},
		{[]string{"http"}, "headers", false},
		{[]string{"http", "headers", "more"}, "x", false},
		{[]string{"http", "body"}, "x", false},
		{[]string{"order", "card"}, "number", true},
		{[]string{"order", "card"}, "expiry", false},
		{[]string{"card"}, "number", false},
		{nil, "top", true},
		{nil, "topic", false},
		{[]string{"a"}, "top", false},
	} {
		_, mask := r.Scalar(tc.groups, tc.key, slog.StringValue("v"))
		require.Equal(t, tc.mask, mask, "%v %s", tc.groups, tc.key)
	}
}

// TestAllowListFoldsNonASCII: an allow-listed key matches in any case,
// also when it has capitals outside ASCII: before, "Password_Öl" on the
// allow-list did not match the key "Password_Öl" itself.
func TestAllowListFoldsNonASCII(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.Rule{Name: "allow", Allow: []string{"Password_Öl"}})
	for _, key := range []string{"Password_Öl", "PASSWORD_ÖL", "password_öl"} {
		_, mask := r.Scalar(nil, key, slog.StringValue("v"))
		require.False(t, mask, key)
	}
	_, mask := r.Scalar(nil, "PASSWORD_XL", slog.StringValue("v"))
	require.True(t, mask, "the term still masks other keys")
}

// TestTermWordWindow: a one-word term is found in a key spelled across up
// to three words ("api_token" and "a_pi_token" spell "apitoken"), not
// across four.
func TestTermWordWindow(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"apitoken"}})
	for key, mask := range map[string]bool{
		"apitoken": true, "api_token": true, "apiToken": true, "a_pi_token": true, "x_api_token": true,
		"a_p_i_token": false, "api_to_ken": true, "a_p_i_to_ken": false,
	} {
		_, got := r.Scalar(nil, key, slog.StringValue("v"))
		require.Equal(t, mask, got, key)
	}
}

// TestMetadataWordAsTerm: a term that is also a metadata word ("expiry"
// in PCIDSS) masks a key that starts with it or is it, and not a key where
// it follows another noun it describes (cache_expiry).
func TestMetadataWordAsTerm(t *testing.T) {
	r := redact.Must(redact.PCIDSS)
	for key, mask := range map[string]bool{
		"expiry": true, "Expiry": true, "expiry_month": true, "card_expiry": true, "exp_date": true,
		"cache_expiry": false, "session_expiry": false,
	} {
		_, got := r.Scalar(nil, key, slog.StringValue("12/29"))
		require.Equal(t, mask, got, key)
	}
}

// TestKeyThatIsASecret: a key that a detector finds (a map keyed by card
// numbers or SSNs), as short as the detector's shortest match, is written
// as a placeholder, the same one each time, and its value is kept.
func TestKeyThatIsASecret(t *testing.T) {
	for _, tc := range []struct {
		d   redact.Detector
		key string
	}{
		{redact.DetectCardNumber, "4222222222222"},
		{redact.DetectSSN, "123-45-6789"},
		{redact.DetectEmail, "a@b.co"},
	} {
		r := only(tc.d)
		key, mask := r.Scalar(nil, tc.key, slog.StringValue("v"))
		require.False(t, mask, tc.key)
		require.True(t, strings.HasPrefix(key, "[REDACTED]#"), "%s -> %s", tc.key, key)
		again, _ := r.Scalar(nil, tc.key, slog.StringValue("w"))
		require.Equal(t, key, again)
		counts, _ := r.Counters()
		require.Equal(t, uint64(2), counts[tc.d.Name], "%v", counts)
	}
}

// TestKeyHoldingAPair: a key that holds a pair naming a secret
// ("password=hunter2" used as a key) is replaced by a placeholder also
// when the rules have terms and no detectors; before, such a redactor
// masked the value and wrote the secret in the key.
func TestKeyHoldingAPair(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password"}})
	var buf bytes.Buffer
	l := slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), r))
	l.Info("m", "password=hunter2", "v", "m", map[string]any{"password=hunter3": 1})
	require.NotContains(t, buf.String(), "hunter2")
	require.NotContains(t, buf.String(), "hunter3")
	require.Contains(t, buf.String(), `"[REDACTED]#`)
	key, _ := r.Scalar(nil, "password=hunter2", slog.StringValue("v"))
	require.True(t, strings.HasPrefix(key, "[REDACTED]#"), key)
	plain, _ := r.Scalar(nil, "user", slog.StringValue("v"))
	require.Equal(t, "user", plain)
}

// TestNonASCIILettersArePartOfWords: a key is matched by whole words, and
// letters outside ASCII belong to the word they are in: "Àpassword" is
// one word, not "password"; "password_À" has the word "password".
func TestNonASCIILettersArePartOfWords(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for key, mask := range map[string]bool{"Àpassword": false, "passwordÀ": false, "password_À": true, "À_password": true} {
		_, got := r.Scalar(nil, key, slog.StringValue("v"))
		require.Equal(t, mask, got, key)
	}
}

// TestLongKeyJudgedWhole guards the word buffer of judgeKey: a key of more
// words than it holds without allocating is judged whole, so a term after
// them still masks the value (it used to be judged on its first 32 words
// only, and "a_a_…_password" was written in clear).
func TestLongKeyJudgedWhole(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, n := range []int{31, 32, 33, 40, 200} {
		key := strings.Repeat("field_", n) + "password"
		a, _ := r.Attr(nil, slog.String(key, "Vq7-zeta-Plum"))
		if strings.Contains(a.String(), "Vq7-zeta-Plum") {
			t.Errorf("%d words and a term: the value is in clear: %s", n, a)
		}
	}
	long := strings.Repeat("field_", 40) + "count"
	if a, _ := r.Attr(nil, slog.Int(long, 7)); a.Value.Int64() != 7 {
		t.Errorf("a long key without a term was masked: %s", a)
	}
}

package redact_test

import "testing"

// TestAzureDevOpsPATVersionDigitsMasked: Azure DevOps personal access
// tokens (84 bytes, "JQQJ" at byte 52, "AZDO" at byte 76) are masked
// whatever version digits follow "JQQJ", not only "JQQJ9…".
func TestAzureDevOpsPATVersionDigitsMasked(t *testing.T) {
	const (
		v73 = "U8JZpDE0iGXlD6gNCFbaEPFjbD0kH8Oool8DklZDOCj2ISaJiHkTJQQJ73CAj0rLGlkoMXGjtEkDAZDOnNfr"
		v08 = "ibxUdl7dXTPyLsxPFkThf4VucSmEHgaKwVJ7faC9qEwjky40UVsWJQQJ08BLmflzdE1F8ResqEDuAZDOsTpk"
		v4D = "r0cStY4qWB8dWKnHfDNxSIvPZZ63fFKcZjR4I0b3jRtaWr4Y9OJFJQQJ4DAFLJOqOAf1lLQSAJaiAZDOXnkU"
		v61 = "8Is2g8nprvDd53x83rzjZZZZGeoZDMENcKHVmDGAkJiG8XnBE3NnJQQJ61AKYJoQ9WmXeHH2fdeeAZDOTFJG"
	)
	requireEveryMode(t, []textCase{
		{"version 73 in prose", "agent pool sync using " + v73 + " for org fabrikam",
			[]string{v73[:24], v73[52:]}, []string{"agent pool sync using ", " for org fabrikam"}},
		{"version 08 in json", `{"org":"contoso","value":"` + v08 + `","scope":"code"}`,
			[]string{v08[:24], v08[52:]}, []string{`"scope`, `code`}},
		{"kind D after a digit", "az devops login failed with " + v4D + ": TF400813",
			[]string{v4D[:24], v4D[52:]}, []string{"az devops login failed with ", ": TF400813"}},
		{"version 61 in a path", "POST https://hooks.example.org/in/" + v61 + "/ack 202",
			[]string{v61[:24], v61[52:]}, []string{"https://hooks.example.org/in/", "/ack 202"}},
	})
}

// TestAzureDevOpsPATLookAlikesKept: 84 letters and digits with "JQQJ" at
// byte 52 but a letter for a version digit, or no "AZDO" signature, are
// no Azure DevOps token.
func TestAzureDevOpsPATLookAlikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"build vVvQe1sKhBN88hXJsi6BwhTp3Fs2QhX6KWxOiixgVoOnzyw2MzP0JQQJ7XBAZvzOMhfWuBByReQMAZDOsm9W done",
		"build cz7uW9XFOGOeMVNen5n1Ae6pWzpF1qH6YytwMe4LbyoVFz8uZdZvJQQJX7BA8FuKKIBJl5dzpJn0AZDOmeq7 done",
		"build WJjjIBAzupGhv7Ib3M03NBQNSgPwlUQia1ID6vW5dql05ha064gIJQQJ73CAiJhgB3cxLmAxzJLJAZDXenuH done",
	})
}

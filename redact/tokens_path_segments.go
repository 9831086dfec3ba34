package redact

import "strings"

// startsPathSegment reports whether the token whose prefix starts at
// s[i] opens a segment of a URL's path (/v1/<token>/repos): there a '/'
// ends the segment, though the format's base64 may hold one. A prefix
// that is itself a URL's (hooks.slack.com/…) and a '/' inside standard
// base64 are not such a start.
func startsPathSegment(s string, i int, prefix string) bool {
	return i > 0 && s[i-1] == '/' && strings.IndexByte(prefix, '/') < 0 && !inBase64Run(s, i-1)
}

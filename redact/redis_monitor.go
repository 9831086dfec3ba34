package redact

import "strings"

// redisConfigSet is how Redis's MONITOR writes the command before a
// parameter's name: each argument quoted ("CONFIG" "SET" "requirepass"
// "…"), in the case the client sent.
const redisConfigSet = `"CONFIG" "SET" "`

// redisConfigSetAt reports whether the quoted key whose name starts at
// s[a] is the parameter of a CONFIG SET that MONITOR wrote, so that the
// quoted argument after it is its value: "CONFIG" "SET" "masterauth" "…".
func redisConfigSetAt(s string, a int) bool {
	n := len(redisConfigSet)
	return a >= n && strings.EqualFold(s[a-n:a], redisConfigSet)
}

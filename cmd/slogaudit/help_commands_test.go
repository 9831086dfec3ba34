package main

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHelpForEveryListedCommand: every command that the usage text lists
// has help, and "help COMMAND" says what "COMMAND -h" says.
func TestHelpForEveryListedCommand(t *testing.T) {
	cmds := regexp.MustCompile(`(?m)^  slogaudit ([a-z-]+)`).FindAllStringSubmatch(usage, -1)
	require.GreaterOrEqual(t, len(cmds), 6, "the usage text lists the commands")
	seen := map[string]bool{}
	for _, m := range cmds {
		name := m[1]
		if seen[name] {
			continue
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			code, out, errOut := runCLI(nil, "help", name)
			require.Equal(t, exitIntact, code, "%s%s", out, errOut)
			require.Empty(t, errOut)
			require.Contains(t, out, "usage:")
			if name == "help" || name == "version" {
				return
			}
			code, direct, _ := runCLI(nil, name, "-h")
			require.Equal(t, exitIntact, code)
			require.Equal(t, direct, out)
		})
	}
}

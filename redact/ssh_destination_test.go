package redact

import (
	"strings"
	"testing"
)

// TestSSHDestination: the user@host of a remote shell or copy command is
// a login on a host; an address after the word ssh in prose is a mailbox.
func TestSSHDestination(t *testing.T) {
	for s, want := range map[string]bool{
		"ssh deploy@build-4.internal -p 2222":               true,
		"$ ssh -i ~/.ssh/id_ed25519 -p 22 ops@10.0.0.7":     true,
		"scp app.tar.gz release@bastion.corp.example:/srv":  true,
		"rsync -az ./dist/ web@edge-3.example.net:/var/www": true,
		"ssh key added by jane.roe@example.com":             false,
		"ssh access granted to jane.roe@example.com":        false,
		"ssh\nmail jane.roe@example.com":                    false,
		"contact jane.roe@example.com":                      false,
		"scp -P 22 'x' ops@h.example.com":                   false,
	} {
		at := strings.LastIndexByte(s, '@')
		for at > 0 && s[at-1] != ' ' && s[at-1] != '\n' {
			at--
		}
		if got := sshDestination(s, at); got != want {
			t.Errorf("sshDestination(%q) = %v, want %v", s, got, want)
		}
	}
}

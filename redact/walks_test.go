package redact

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// findDSNWalk is findDSN as the driver's grammar reads it, with every '@'
// walking back over the whole token before it: the reference that the
// remembered walks of findDSN must agree with.
func findDSNWalk(s string, spans []span) []span {
	for i := 0; ; {
		k := strings.IndexByte(s[i:], '@')
		if k < 0 {
			return spans
		}
		at := i + k
		i = at + 1
		c := at
		for c > 0 && s[c-1] != ':' && s[c-1] != ' ' && s[c-1] != '/' && s[c-1] != '"' && s[c-1] != '\'' && s[c-1] > 0x20 {
			c--
		}
		if c == 0 || s[c-1] != ':' || c == at {
			if u, ok := oracleConnect(s, at); ok {
				spans = append(spans, span{u, at})
			}
			continue
		}
		for k := c - 1; k > 0 && s[k-1] != ' ' && s[k-1] != '/' && s[k-1] != '"' && s[k-1] != '\'' && s[k-1] > 0x20; k-- {
			if s[k-1] == ':' {
				c = k
			}
		}
		u := c - 1
		for u > 0 && (isAlnum(s[u-1]) || s[u-1] == '_' || s[u-1] == '.' || s[u-1] == '-') {
			u--
		}
		if u == c-1 || u >= 3 && s[u-3:u] == "://" {
			continue
		}
		rest := s[at+1:]
		ok := strings.HasPrefix(rest, "tcp(") || strings.HasPrefix(rest, "unix(") || strings.HasPrefix(rest, "udp(") ||
			strings.HasPrefix(rest, "/")
		if !ok {
			h := 0
			for h < len(rest) && (isAlnum(rest[h]) || rest[h] == '.' || rest[h] == '-') {
				h++
			}
			ok = h > 0 && h < len(rest) && (rest[h] == '/' || rest[h] == ':' && h+1 < len(rest) && isDigit(rest[h+1])) &&
				!isDigestAlgorithm(rest[:h])
		}
		if ok {
			spans = append(spans, span{u, at})
		}
	}
}

// dsnPieces are the bytes and words the DSN search reads.
var dsnPieces = []string{"@", "@", ":", ":", "/", " ", "\"", "'", "a", "bob", "p4ss", ".", "-", "_",
	"tcp(", "db:3306", "://", "host/", "sha256", "\n", "x@y.", "u:p@", "9"}

// TestFindDSNRemembersWalks checks that findDSN, which lets a walk back from
// one '@' reuse what the walk from an earlier '@' found, finds the same
// spans as walking back the whole way from every '@'.
func TestFindDSNRemembersWalks(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for j := rng.Intn(24); j >= 0; j-- {
			b.WriteString(dsnPieces[rng.Intn(len(dsnPieces))])
		}
		s := b.String()
		if got, want := findDSN(s, nil), findDSNWalk(s, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDSN(%q) = %v, walking back from every '@' finds %v", s, got, want)
		}
	}
}

// FuzzFindDSNWalks is TestFindDSNRemembersWalks on fuzzed text.
func FuzzFindDSNWalks(f *testing.F) {
	for _, s := range []string{"a@b.a@b.a@b.", "u:p:q@tcp(h)/", "x:y@z:w@db:5432/app", "a:b@c:d@/e", "us:er:pw@@host/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := findDSN(s, nil), findDSNWalk(s, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDSN(%q) = %v, walking back from every '@' finds %v", s, got, want)
		}
	})
}

package redact_test

import (
	"encoding/json"
	"log/slog"
	"net/netip"
	"strconv"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

type argvNamed []string

type walkInner struct {
	Password string
	N        int
}

type walkOuter struct {
	In   *walkInner
	Name string
}

type walkPtrPtr struct{ P **walkInner }

// TestReflectedValues: slices, arrays and pointers that only reflection
// reaches (named slice types, arrays, pointers to structs) get the same
// rules as []string and []any: the value after a secret flag is masked,
// the node limit masks what is past it, and every pointer followed is a
// level of depth.
func TestReflectedValues(t *testing.T) {
	creds := redact.Must(redact.Credentials)
	lim := redact.Must(redact.Rule{Name: "lim", Terms: []string{"password"}, MaxDepth: 2, MaxNodes: 5})
	in := &walkInner{"x", 2}
	for _, tc := range []struct {
		name    string
		r       *redact.Redactor
		v       any
		want    string // slog's text of the attr
		changed bool
	}{
		// argv in a named slice type and in an array
		{"named argv", creds, argvNamed{"app", "--password", "s3cret"}, "k=[app --password [REDACTED]]", true},
		{"argv array", creds, [3]string{"app", "--password", "s3cret"}, "k=[app --password [REDACTED]]", true},
		{"flag first", creds, argvNamed{"--password", "s3cret", "-v"}, "k=[--password [REDACTED] -v]", true},
		{"flag last", creds, argvNamed{"s3cret", "--password"}, "k=[s3cret --password]", false},
		{"empty value", creds, argvNamed{"--password", ""}, "k=[--password ]", false},
		{"lone dash", creds, argvNamed{"-", "s3cret"}, "k=[- s3cret]", false},
		{"not a flag", creds, argvNamed{"--verbose", "s3cret"}, "k=[--verbose s3cret]", false},
		{"flag after a non-string", creds, [3]any{1, "--password", "s3cret"}, "k=[1 --password [REDACTED]]", true},
		{"flag first in []any", creds, []any{"--password", "s3cret"}, "k=[--password [REDACTED]]", true},
		{"flag first in []string", creds, []string{"--password", "s3cret"}, "k=[--password [REDACTED]]", true},
		// every []any is a level of depth (MaxDepth 2)
		{"[]any within the depth limit", lim, []any{"x"}, "k=[x]", false},
		{"[]any past the depth limit", lim, []any{[]any{"x"}}, "k=[[[REDACTED]]]", true},
		// the node limit in reflected slices and arrays (the attr is a node)
		{"ints at the node limit", lim, []int{1, 2, 3, 4}, "k=[1 2 3 4]", false},
		{"ints past the node limit", lim, []int{1, 2, 3, 4, 5}, "k=[1 2 3 4 [REDACTED]]", true},
		{"array past the node limit", lim, [6]int{1, 2, 3, 4, 5, 6}, "k=[1 2 3 4 [REDACTED] [REDACTED]]", true},
		{"changed, then past the node limit", lim, []any{"1", "password=x", "3", "4", "5", "6"}, "k=[1 password=[REDACTED] 3 4 [REDACTED] [REDACTED]]", true},
		// pointers and depth (MaxDepth 2)
		{"struct behind a pointer", lim, &walkInner{"pw", 1}, "k={Password:[REDACTED] N:[REDACTED]}", true},
		{"pointer field", lim, walkOuter{&walkInner{"pw", 1}, "n"}, "k={In:[REDACTED] Name:n}", true},
		{"pointer to pointer", lim, walkPtrPtr{&in}, "k={P:[REDACTED]}", true},
		{"pointers in a slice", lim, []*walkInner{in}, "k=[[REDACTED]]", true},
		{"pointer field within the limit", creds, walkOuter{&walkInner{"pw", 1}, "n"}, "k={In:{Password:[REDACTED] N:1} Name:n}", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, changed := tc.r.Attr(nil, slog.Any("k", tc.v))
			require.Equal(t, tc.want, out.String())
			require.Equal(t, tc.changed, changed)
		})
	}
}

// TestOneLetterFlag: a flag of one letter is a flag ("-p secret") when a
// rule has that letter as a term.
func TestOneLetterFlag(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "p", Terms: []string{"p"}})
	for _, v := range []any{[]string{"-p", "x", "--p", "y", "p", "z"}, []any{"-p", "x", "--p", "y", "p", "z"}, argvNamed{"-p", "x", "--p", "y", "p", "z"}} {
		out, changed := r.Attr(nil, slog.Any("k", v))
		require.True(t, changed)
		require.Equal(t, "k=[-p [REDACTED] --p [REDACTED] p z]", out.String())
	}
}

type walkEmbedded struct {
	Password string
	N        int
}

type walkNamedEmbedded struct {
	walkEmbedded `json:"in"` // unexported, named by its tag: rebuilt by reflection
	Name         string
}

// TestDepthOfNamedEmbedded: a struct embedded unexported and named by a
// json tag is one level deeper than its parent, like any other member.
func TestDepthOfNamedEmbedded(t *testing.T) {
	for _, tc := range []struct {
		depth int
		want  string
	}{
		{1, "k={in:[REDACTED] Name:[REDACTED]}"},
		{2, "k={in:{Password:[REDACTED] N:[REDACTED]} Name:n}"},
		{3, "k={in:{Password:[REDACTED] N:1} Name:n}"},
	} {
		r := redact.Must(redact.Rule{Name: "lim", Terms: []string{"password"}, MaxDepth: tc.depth})
		out, changed := r.Attr(nil, slog.Any("k", walkNamedEmbedded{walkEmbedded{"pw", 1}, "n"}))
		require.True(t, changed)
		require.Equal(t, tc.want, out.String(), "MaxDepth %d", tc.depth)
	}
}

type walkReq struct {
	Hdr   map[string]string
	Token string
	Other string
}

// TestPathsAfterNestedValues: after a nested group, map or struct, the
// path of the next member is its parent's again, so a path rule matches a
// member that follows a nested one.
func TestPathsAfterNestedValues(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "p", Paths: []string{"req.token", "req.hdr.x"}})
	for _, tc := range []struct {
		name string
		a    slog.Attr
		want string
	}{
		{"groups", slog.Group("req", slog.Group("hdr", slog.String("h", "1"), slog.String("x", "2")), slog.String("token", "abc"), slog.String("other", "o")),
			"req=[hdr=[h=1 x=[REDACTED]] token=[REDACTED] other=o]"},
		{"two levels", slog.Group("req", slog.Group("hdr", slog.Group("deep", slog.String("d", "1")), slog.String("x", "2")), slog.String("token", "abc")),
			"req=[hdr=[deep=[d=1] x=[REDACTED]] token=[REDACTED]]"},
		{"a map, then a key", slog.Group("req", slog.Any("hdr", map[string]string{"h": "1"}), slog.String("token", "abc")),
			"req=[hdr=map[h:1] token=[REDACTED]]"},
		{"a struct", slog.Any("req", walkReq{Hdr: map[string]string{"x": "2"}, Token: "abc", Other: "o"}),
			"req={Hdr:map[x:[REDACTED]] Token:[REDACTED] Other:o}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, changed := r.Attr(nil, tc.a)
			require.True(t, changed)
			require.Equal(t, tc.want, out.String())
			_, panics := r.Counters()
			require.Zero(t, panics)
		})
	}
}

// TestMaskedGroupKeepsItsShape: a group under a secret key is masked leaf
// by leaf, keeping its keys; a scalar under it becomes the mask. Either is
// counted once for its rule and is no panic.
func TestMaskedGroupKeepsItsShape(t *testing.T) {
	for _, tc := range []struct {
		a    slog.Attr
		want string
	}{
		{slog.String("password", "hunter2"), "password=[REDACTED]"},
		{slog.Int("password", 1234), "password=[REDACTED]"},
		{slog.Group("password", slog.String("a", "1"), slog.Group("b", slog.Int("c", 2))), "password=[a=[REDACTED] b=[c=[REDACTED]]]"},
	} {
		r := redact.Must(redact.Credentials)
		out, changed := r.Attr(nil, tc.a)
		require.True(t, changed)
		require.Equal(t, tc.want, out.String())
		counts, panics := r.Counters()
		require.Equal(t, map[string]uint64{"credentials": 1}, counts)
		require.Zero(t, panics)
	}
}

// textKey is a map key that writes itself as text other than its fmt form.
type textKey struct{ id int }

func (k textKey) MarshalText() ([]byte, error) { return []byte("key-" + strconv.Itoa(k.id)), nil }

// TestMapKeysAsJSONWritesThem: a map whose value changes is rebuilt with
// its keys as encoding/json writes them: integers in decimal, text
// marshalers as their text.
func TestMapKeysAsJSONWritesThem(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, tc := range []struct {
		v    any
		want map[string]any
	}{
		{map[int]string{7: "password=hunter2"}, map[string]any{"7": "password=[REDACTED]"}},
		{map[textKey]string{{1}: "password=hunter2"}, map[string]any{"key-1": "password=[REDACTED]"}},
		{map[netip.Addr]string{netip.MustParseAddr("10.0.0.1"): "password=hunter2"}, map[string]any{"10.0.0.1": "password=[REDACTED]"}},
	} {
		out, changed := r.Attr(nil, slog.Any("m", tc.v))
		require.True(t, changed)
		require.Equal(t, tc.want, out.Value.Any())
	}
}

// TestNamedValueInGroup: a group that names its value's key in a "name" or
// "key" member has its "value" member masked when that key names a secret,
// wherever the members are. Catches a value member first in the group
// left in clear, the naming member's test inverted (which read a missing
// member), and the masked copy of the group made afresh, which dropped the
// masks of its other members.
func TestNamedValueInGroup(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, tc := range []struct {
		in, want slog.Attr
		changed  bool
	}{
		{slog.Group("var", "name", "GITHUB_TOKEN", "value", "nv-1"), slog.Group("var", "name", "GITHUB_TOKEN", "value", "[REDACTED]"), true},
		{slog.Group("var", "value", "nv-2", "name", "GITHUB_TOKEN"), slog.Group("var", "value", "[REDACTED]", "name", "GITHUB_TOKEN"), true},
		{slog.Group("setting", "Key", "ClientSecret", "Value", "nv-3"), slog.Group("setting", "Key", "ClientSecret", "Value", "[REDACTED]"), true},
		{slog.Group("var", "name", "HOST", "value", "db"), slog.Group("var", "name", "HOST", "value", "db"), false},
		// Another member masked too: both masks are kept.
		{slog.Group("var", "password", "pw-4", "name", "API_TOKEN", "value", "nv-4"), slog.Group("var", "password", "[REDACTED]", "name", "API_TOKEN", "value", "[REDACTED]"), true},
		{slog.Group("var", "value", "db"), slog.Group("var", "value", "db"), false},
	} {
		got, changed := r.Attr(nil, tc.in)
		require.True(t, tc.want.Equal(got), "%v: got %v", tc.in, got)
		require.Equal(t, tc.changed, changed, "%v", tc.in)
	}
}

// TestNamedValueInMap: the same for a map: its "value" entry is masked
// when its "name" entry names a secret, in a new map (the caller's is left
// as it was), with the masks of its other entries kept. Catches the
// masked copy made only when one was already made (a write to a nil map)
// and made afresh over one (dropping the other masks).
func TestNamedValueInMap(t *testing.T) {
	r := redact.Must(redact.Credentials)
	in := map[string]string{"name": "DB_PASSWORD", "value": "nv-5"}
	got, changed := r.Attr(nil, slog.Any("env", in))
	require.True(t, changed)
	require.Equal(t, map[string]string{"name": "DB_PASSWORD", "value": "[REDACTED]"}, got.Value.Any())
	require.Equal(t, "nv-5", in["value"])

	in = map[string]string{"name": "DB_PASSWORD", "value": "nv-6", "password": "pw-6"}
	got, changed = r.Attr(nil, slog.Any("env", in))
	require.True(t, changed)
	require.Equal(t, map[string]string{"name": "DB_PASSWORD", "value": "[REDACTED]", "password": "[REDACTED]"}, got.Value.Any())

	in = map[string]string{"name": "HOST", "value": "db"}
	got, changed = r.Attr(nil, slog.Any("env", in))
	require.False(t, changed)
	require.Equal(t, in, got.Value.Any())
}

type walkVars map[string]any

// TestNamedValueInReflectedMap: the same for a map of a named type, which
// the walker reaches by reflection: the result is a map[string]any with
// the value masked and the other masks kept. Catches the same two
// mistakes in the reflected map's copy.
func TestNamedValueInReflectedMap(t *testing.T) {
	r := redact.Must(redact.Credentials)
	got, changed := r.Attr(nil, slog.Any("var", walkVars{"name": "SLACK_TOKEN", "value": "nv-7"}))
	require.True(t, changed)
	require.Equal(t, map[string]any{"name": "SLACK_TOKEN", "value": "[REDACTED]"}, got.Value.Any())

	got, changed = r.Attr(nil, slog.Any("var", walkVars{"name": "SLACK_TOKEN", "value": "nv-8", "password": "pw-8"}))
	require.True(t, changed)
	require.Equal(t, map[string]any{"name": "SLACK_TOKEN", "value": "[REDACTED]", "password": "[REDACTED]"}, got.Value.Any())
}

type valueFirst struct {
	Value string `json:"value"`
	Name  string `json:"name"`
}

// TestNamedValueFirstInStruct: a struct whose value field comes before
// its name field has the value masked as well. Catches the value field
// taken only when it is not the first.
func TestNamedValueFirstInStruct(t *testing.T) {
	r := redact.Must(redact.Credentials)
	got, changed := r.Attr(nil, slog.Any("var", valueFirst{Value: "nv-9", Name: "DB_PASSWORD"}))
	require.True(t, changed)
	b, err := json.Marshal(got.Value.Any())
	require.NoError(t, err)
	require.JSONEq(t, `{"value":"[REDACTED]","name":"DB_PASSWORD"}`, string(b))

	got, changed = r.Attr(nil, slog.Any("var", valueFirst{Value: "db", Name: "HOST"}))
	require.False(t, changed)
	require.Equal(t, valueFirst{Value: "db", Name: "HOST"}, got.Value.Any())
}

// TestShortPairLists guards the bounds of key-value pair lists: a list of
// one pair is one (its value is masked), and a field name with a 'z' is
// still a field name (a list of field names stays).
func TestShortPairLists(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, tc := range []struct {
		v    any
		want string
	}{
		{[]any{"passwd", "Zq4-Wx81"}, `["passwd","[REDACTED]"]`},
		{[]string{"passwd", "Zq4-Wx81"}, `["passwd","[REDACTED]"]`},
		{[]string{"token", "zone"}, `["token","zone"]`},
		{[]any{"user", "ann", "secret", "zip_code"}, `["user","ann","secret","zip_code"]`},
	} {
		a, _ := r.Attr(nil, slog.Any("args", tc.v))
		got, err := json.Marshal(a.Value.Any())
		require.NoError(t, err)
		require.JSONEq(t, tc.want, string(got), "%#v", tc.v)
	}
}

package chain

import (
	"crypto/ed25519"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/require"
)

// TestObj: members come out sorted, and of duplicate names the last wins
// (as slog's JSON readers resolve them), wherever the duplicates stand.
func TestObj(t *testing.T) {
	v := Obj([]Member{{"b", Num(1)}, {"a", Num(2)}, {"b", Num(3)}, {"c", Num(4)}, {"a", Num(5)}})
	require.Equal(t, `{"a":5,"b":3,"c":4}`, string(AppendCanonical(nil, v)))
	require.Equal(t, `{}`, string(AppendCanonical(nil, Obj(nil))))
	got, ok := v.Get("b")
	require.True(t, ok)
	require.Equal(t, 3.0, got.Num)
	_, ok = v.Get("d")
	require.False(t, ok)
	_, ok = Value{Kind: Object}.Get("a")
	require.False(t, ok)
}

// TestWithout: the member is gone from the copy and still in the original;
// AppendCanonicalWithout writes what AppendCanonical of the copy writes.
func TestWithout(t *testing.T) {
	v, err := Parse([]byte(`{"z":1,"audit":{"seq":1},"a":[true,null,"s"],"m":{"audit":2}}`))
	require.NoError(t, err)
	w := v.Without("audit")
	require.Equal(t, `{"a":[true,null,"s"],"m":{"audit":2},"z":1}`, string(AppendCanonical(nil, w)))
	require.Len(t, v.Members, 4, "Without changed the original")
	require.Equal(t, string(AppendCanonical(nil, w)), string(AppendCanonicalWithout(nil, v, "audit")))
	require.Equal(t, string(AppendCanonical(nil, v)), string(AppendCanonicalWithout(nil, v, "absent")))
	// Only the first member skipped, or only the last: no stray comma.
	for _, in := range []string{`{"audit":1,"b":2}`, `{"a":1,"audit":2}`, `{"audit":1}`} {
		v, err := Parse([]byte(in))
		require.NoError(t, err)
		require.Equal(t, string(AppendCanonical(nil, v.Without("audit"))), string(AppendCanonicalWithout(nil, v, "audit")), in)
	}
	// Not an object: written whole.
	require.Equal(t, `[1]`, string(AppendCanonicalWithout([]byte{}, Value{Kind: Array, Items: []Value{Num(1)}}, "audit")))
	require.Equal(t, `"x"`, string(AppendCanonicalWithout(nil, Str("x"), "x")))
}

// TestCompareKeys: UTF-16 order, including names that are prefixes of one
// another past a non-ASCII byte.
func TestCompareKeys(t *testing.T) {
	for _, c := range []struct {
		a, b string
		sign int
	}{
		{"a", "b", -1},
		{"b", "a", 1},
		{"a", "a", 0},
		{"a", "ab", -1},
		{"ab", "a", 1},
		{"é", "éa", -1},
		{"éa", "é", 1},
		{"xé", "xe", 1},
		{"😀", "\ufb33", -1}, // surrogates D83D… sort before FB33
		{"\ufb33", "😀", 1},
		{"😀a", "😀", 1},
		{"", "", 0},
	} {
		got := CompareKeys(c.a, c.b)
		require.Equal(t, c.sign, sign(got), "CompareKeys(%q, %q) = %d", c.a, c.b, got)
	}
}

func sign(i int) int {
	switch {
	case i < 0:
		return -1
	case i > 0:
		return 1
	}
	return 0
}

// TestAppendString: every escape RFC 8785 writes, and invalid UTF-8.
func TestAppendString(t *testing.T) {
	for in, want := range map[string]string{
		"":                     `""`,
		"plain":                `"plain"`,
		"q\"b\\s/":             `"q\"b\\s/"`,
		"\b\t\n\f\r":           `"\b\t\n\f\r"`,
		"\x00\x01\x1f\x7f":     `"\u0000\u0001\u001f` + "\x7f" + `"`,
		"é日本🙂":                 `"é日本🙂"`,
		"a\xffb\xc3":           `"a` + "\uFFFD" + `b` + "\uFFFD" + `"`,
		"\x80":                 `"` + "\uFFFD" + `"`,
		"\uFFFD":               `"` + "\uFFFD" + `"`,
		"\u2028<&>":            `"` + "\u2028" + `<&>"`,
		"mixed \x01 and \"q\"": `"mixed \u0001 and \"q\""`,
	} {
		require.Equal(t, want, string(AppendString(nil, in)), "%q", in)
	}
}

// TestParseStrings: escapes, surrogate pairs, and lone surrogates (which
// become U+FFFD, as encoding/json does).
func TestParseStrings(t *testing.T) {
	for in, want := range map[string]string{
		`"\"\\\/\b\f\n\r\t"`: "\"\\/\b\f\n\r\t",
		`"\u00e9\u65e5"`:     "é日",
		`"\ud83d\ude00"`:     "😀",
		`"\ud83d"`:           "\uFFFD",
		`"\ud83dx"`:          "\uFFFDx",
		`"\ud83d\u0041"`:     "\uFFFDA",
		`"\ude00"`:           "\uFFFD",
		`"a\u0000b"`:         "a\x00b",
	} {
		v, err := Parse([]byte(in))
		require.NoError(t, err, in)
		require.Equal(t, String, v.Kind)
		require.Equal(t, want, v.Str, in)
	}
	for _, in := range []string{`"\u12"`, `"\u12g4"`, `"\`, `"abc`, "\"a\x1fb\"", `"\ud83d\u12"`} {
		_, err := Parse([]byte(in))
		require.ErrorIs(t, err, ErrSyntax, in)
	}
}

// TestParseValues: every kind, whitespace, and the errors Parse returns.
func TestParseValues(t *testing.T) {
	v, err := Parse([]byte(" \t\r\n{ \"a\" : [ 1 , -2.5e+3 , 0 , -0.0 , 1E2 , true , false , null , { } , [ ] ] } \n"))
	require.NoError(t, err)
	require.Equal(t, `{"a":[1,-2500,0,0,100,true,false,null,{},[]]}`, string(AppendCanonical(nil, v)))
	a, _ := v.Get("a")
	require.Equal(t, "-2.5e+3", a.Items[1].Lit)

	for _, in := range []string{`-`, `-a`, `1e`, `1e+`, `.5`, `+1`, `nul`, `fals`, `[1 2]`, `{"a":1 "b":2}`, `{"a":1,}`, `{1:2}`, `[`, `{"a":`, `1e999`} {
		_, err := Parse([]byte(in))
		require.ErrorIs(t, err, ErrSyntax, in)
	}
	_, err = Parse([]byte(`{"a":1,"b":2,"a":3}`))
	require.ErrorIs(t, err, ErrDuplicate)
	_, err = Parse([]byte(strings.Repeat("[", maxDepth+2) + strings.Repeat("]", maxDepth+2)))
	require.ErrorIs(t, err, ErrDepth)
	_, err = Parse([]byte(strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)))
	require.NoError(t, err, "nesting up to maxDepth parses")
	_, err = Parse([]byte(strings.Repeat(`{"a":`, maxDepth+1) + "1" + strings.Repeat("}", maxDepth+1)))
	require.ErrorIs(t, err, ErrDepth, "objects count towards the depth")
	_, err = Parse([]byte(strings.Repeat(`{"a":`, maxDepth) + "1" + strings.Repeat("}", maxDepth)))
	require.NoError(t, err)

	// A Parser reused across lines gives the same values.
	var p Parser
	for range 3 {
		v, err := p.Parse([]byte(`{"k":"v","n":1}`))
		require.NoError(t, err)
		require.Equal(t, `{"k":"v","n":1}`, string(AppendCanonical(nil, v)))
	}
}

// TestAppendCanonicalKinds: every kind, including NaN/Inf written as null
// and an unknown kind.
func TestAppendCanonicalKinds(t *testing.T) {
	v := Value{Kind: Array, Items: []Value{
		{Kind: Null}, {Kind: Bool, Bool: true}, {Kind: Bool}, Num(-1.5), Str("s"),
		Obj([]Member{{"k", Value{Kind: Array}}}), {Kind: Kind(99)},
	}}
	require.Equal(t, `[null,true,false,-1.5,"s",{"k":[]},null]`, string(AppendCanonical(nil, v)))
}

// TestAppendNumberIntegers: integers that float64 holds exactly are
// written as their shortest digits are, around 2^53 too.
func TestAppendNumberIntegers(t *testing.T) {
	fs := []float64{1, -1, 9, 10, 200, 5120, 1234000000, 1e15, 1e16, 123456789012345, 1 << 52, 1<<53 - 1, 1 << 53, 1<<53 + 2, 1 << 60, 1e21, 1e22}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		fs = append(fs, float64(rng.Int64N(1<<54)-1<<53), math.Trunc(rng.Float64()*math.Pow(10, float64(rng.IntN(23)))))
	}
	for _, f := range fs {
		for _, x := range []float64{f, -f} {
			if x == 0 {
				continue
			}
			require.Equal(t, string(appendShortest(nil, x)), string(AppendNumber(nil, x)), "%g", x)
		}
	}
}

// TestAppendNumberRanges: the boundaries between ECMAScript's fixed and
// exponent notations.
func TestAppendNumberRanges(t *testing.T) {
	for f, want := range map[float64]string{
		1:        "1",
		-1:       "-1",
		10:       "10",
		1e20:     "100000000000000000000",
		1e21:     "1e+21",
		1.5e21:   "1.5e+21",
		123.456:  "123.456",
		-0.5:     "-0.5",
		1e-6:     "0.000001",
		1.5e-6:   "0.0000015",
		1e-7:     "1e-7",
		-1.25e-7: "-1.25e-7",
		12e-7:    "0.0000012",
		5e-324:   "5e-324",
		2e300:    "2e+300",
	} {
		require.Equal(t, want, string(AppendNumber(nil, f)), "%g", f)
	}
}

// TestExact: a number whose literal is not its canonical form is kept as
// its literal text, at any depth; others stay numbers.
func TestExact(t *testing.T) {
	v, err := Parse([]byte(`{"big":9007199254740993,"ok":1.5,"long":0.1000000000000000000001,"e":1E2,"l":[123456789012345678901,2],"o":{"x":-0}}`))
	require.NoError(t, err)
	got := string(AppendCanonical(nil, Exact(v)))
	require.Equal(t, `{"big":"9007199254740993","e":"1E2","l":["123456789012345678901",2],"long":"0.1000000000000000000001","o":{"x":"-0"},"ok":1.5}`, got)
	// Values built in Go (no literal) are left alone.
	require.Equal(t, Num(1e300), Exact(Num(1e300)))
	require.Equal(t, Str("s"), Exact(Str("s")))
	// The input is not changed.
	require.Equal(t, `{"big":9007199254740992,"e":100,"l":[123456789012345680000,2],"long":0.1,"o":{"x":0},"ok":1.5}`, string(AppendCanonical(nil, v)))
}

func TestValidChainID(t *testing.T) {
	require.NoError(t, ValidChainID("a"))
	require.NoError(t, ValidChainID(strings.Repeat("x", 0xFFFF)))
	require.Error(t, ValidChainID(""))
	require.ErrorIs(t, ValidChainID(strings.Repeat("x", 0x10000)), ErrChainID)
}

func TestParseHash(t *testing.T) {
	h := Genesis("c")
	back, err := ParseHash(h.String())
	require.NoError(t, err)
	require.Equal(t, h, back)
	for _, in := range []string{"", "ab", h.String()[:63], h.String() + "0", strings.Repeat("g", 64)} {
		_, err := ParseHash(in)
		require.Error(t, err, in)
	}
}

// TestParseCheckpointRejects: every member is required and checked.
func TestParseCheckpointRejects(t *testing.T) {
	_, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	c := Checkpoint{Chain: "c", Seq: 7, Hash: Genesis("c"), Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	c.Sign(priv)
	good, err := Parse(c.MarshalLine())
	require.NoError(t, err)
	_, err = ParseCheckpoint(good)
	require.NoError(t, err)
	set := func(name string, x Value) Value {
		ms := append([]Member(nil), good.Without(name).Members...)
		return Obj(append(ms, Member{name, x}))
	}
	for name, v := range map[string]Value{
		"not an object":  Str("x"),
		"no chain":       good.Without("chain"),
		"chain a number": set("chain", Num(1)),
		"no hash":        good.Without("hash"),
		"bad hash":       set("hash", Str("abc")),
		"no seq":         good.Without("seq"),
		"seq a string":   set("seq", Str("7")),
		"seq negative":   set("seq", Num(-1)),
		"seq fraction":   set("seq", Num(1.5)),
		"no time":        good.Without("time"),
		"bad time":       set("time", Str("yesterday")),
		"no sig":         good.Without("sig"),
		"sig not base64": set("sig", Str("!!")),
	} {
		_, err := ParseCheckpoint(v)
		require.Error(t, err, name)
		require.Contains(t, err.Error(), "checkpoint", name)
	}
	// Seq 0 is a valid checkpoint (of an empty chain).
	_, err = ParseCheckpoint(set("seq", Num(0)))
	require.NoError(t, err)
}

// TestCheckpointVerifyRejects: a signature by another key, over other
// bytes, or a public key of the wrong size does not verify.
func TestCheckpointVerifyRejects(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	other, _, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	c := Checkpoint{Chain: "c", Seq: 1, Hash: Genesis("c"), Time: time.Unix(0, 0)}
	c.Sign(priv)
	require.True(t, c.Verify(pub))
	require.False(t, c.Verify(other))
	require.False(t, c.Verify(pub[:31]))
	require.False(t, c.Verify(nil))
	for _, edit := range []func(*Checkpoint){
		func(c *Checkpoint) { c.Chain = "d" },
		func(c *Checkpoint) { c.Seq = 2 },
		func(c *Checkpoint) { c.Hash[0] ^= 1 },
		func(c *Checkpoint) { c.Time = c.Time.Add(time.Nanosecond) },
		func(c *Checkpoint) { c.Sig = c.Sig[:63] },
	} {
		d := c
		d.Sig = append([]byte(nil), c.Sig...)
		edit(&d)
		require.False(t, d.Verify(pub))
	}
}

// TestCompareKeysInsideACharacter guards names whose first differing byte
// is inside a character: "é" (C3 A9) and "ê" (C3 AA) differ in their
// second byte. Comparing only from that byte on (a lone continuation byte,
// decoded as U+FFFD) made them equal, so that the order of such members
// depended on the order they came in: the producer and the verifier sorted
// them differently and an untouched record verified as modified. The order
// must be the UTF-16 order of the whole names, a total order.
func TestCompareKeysInsideACharacter(t *testing.T) {
	for _, c := range []struct {
		a, b string
		sign int
	}{
		{"é", "ê", -1},
		{"ê", "é", 1},
		{"ê", "éa", 1},
		{"é", "êa", -1},
		{"xéy", "xêy", -1},
		{"日", "旦", sign(int('日') - int('旦'))},
		{"😀", "😁", -1},
		{"\xff", "\xfe", 1}, // not UTF-8: both U+FFFD, ordered by bytes
		{"\xfe", "\xff", -1},
		{"\xff", "\xfea", -1}, // U+FFFD is a prefix of U+FFFD a
		{"\xfea", "\xff", 1},
	} {
		require.Equal(t, c.sign, sign(CompareKeys(c.a, c.b)), "CompareKeys(%q, %q)", c.a, c.b)
	}

	// Against the definition, on names from a small alphabet that shares
	// lead bytes: UTF-16 order of the whole names.
	alphabet := []string{"a", "é", "ê", "ë", "日", "旦", "😀", "😁", "\ufb33"}
	var names []string
	for _, x := range alphabet {
		for _, y := range alphabet {
			names = append(names, x, x+y)
		}
	}
	for _, a := range names {
		for _, b := range names {
			want := slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
			require.Equal(t, want, sign(CompareKeys(a, b)), "CompareKeys(%q, %q)", a, b)
		}
	}

	// The canonical form does not depend on the members' input order, and
	// a duplicate name is found however the names around it sort.
	x, err := Parse([]byte(`{"ê":1,"é":2,"ë":3}`))
	require.NoError(t, err)
	y, err := Parse([]byte(`{"ë":3,"é":2,"ê":1}`))
	require.NoError(t, err)
	require.Equal(t, `{"é":2,"ê":1,"ë":3}`, string(AppendCanonical(nil, x)))
	require.Equal(t, string(AppendCanonical(nil, x)), string(AppendCanonical(nil, y)))
	got, ok := x.Get("ê")
	require.True(t, ok)
	require.Equal(t, 1.0, got.Num)
	_, err = Parse([]byte(`{"é":1,"ê":2,"é":3}`))
	require.ErrorIs(t, err, ErrDuplicate)
}

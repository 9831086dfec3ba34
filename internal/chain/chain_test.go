package chain

import (
	"crypto/ed25519"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestRFC8785Example is the example of RFC 8785 section 3.2.2 (also in
// cyberphone/json-canonicalization's README).
func TestRFC8785Example(t *testing.T) {
	in := `{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`
	want := `{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`
	v, err := Parse([]byte(in))
	require.NoError(t, err)
	require.Equal(t, want, string(AppendCanonical(nil, v)))
}

// TestES6Numbers uses the IEEE 754 test values of RFC 8785 appendix B.
func TestES6Numbers(t *testing.T) {
	for bits, want := range map[uint64]string{
		0x0000000000000000: "0",
		0x8000000000000000: "0",
		0x0000000000000001: "5e-324",
		0x8000000000000001: "-5e-324",
		0x7fefffffffffffff: "1.7976931348623157e+308",
		0xffefffffffffffff: "-1.7976931348623157e+308",
		0x4340000000000000: "9007199254740992",
		0xc340000000000000: "-9007199254740992",
		0x4430000000000000: "295147905179352830000",
		0x44b52d02c7e14af5: "9.999999999999997e+22",
		0x44b52d02c7e14af6: "1e+23",
		0x44b52d02c7e14af7: "1.0000000000000001e+23",
		0x444b1ae4d6e2ef4e: "999999999999999700000",
		0x444b1ae4d6e2ef4f: "999999999999999900000",
		0x444b1ae4d6e2ef50: "1e+21",
		0x3eb0c6f7a0b5ed8c: "9.999999999999997e-7",
		0x3eb0c6f7a0b5ed8d: "0.000001",
		0x41b3de4355555553: "333333333.3333332",
		0x41b3de4355555554: "333333333.33333325",
		0x41b3de4355555555: "333333333.3333333",
		0x41b3de4355555556: "333333333.3333334",
		0x41b3de4355555557: "333333333.33333343",
		0xbecbf647612f3696: "-0.0000033333333333333333",
		0x43143ff3c1cb0959: "1424953923781206.2",
	} {
		require.Equal(t, want, string(AppendNumber(nil, math.Float64frombits(bits))), "%#x", bits)
	}
}

func TestKeyOrderUTF16(t *testing.T) {
	// RFC 8785 section 3.2.3: sorting by UTF-16 code units puts U+1F600
	// (surrogates D83D DE00) before U+FB33 although its code point is larger.
	v, err := Parse([]byte(`{"\ufb33":1,"😀":2,"\r":3,"1":4,"\u0080":5,"ö":6,"€":7}`))
	require.NoError(t, err)
	var names []string
	for _, m := range v.Members {
		names = append(names, m.Name)
	}
	require.Equal(t, []string{"\r", "1", "\u0080", "ö", "€", "😀", "\ufb33"}, names)
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{``, `{`, `{"a":1,"a":2}`, `{"a" 1}`, `[1,]`, `01`, `1.`, `"\x01"`, `"\q"`, `tru`, `{} {}`,
		strings.Repeat("[", 600) + strings.Repeat("]", 600)} {
		_, err := Parse([]byte(in))
		require.Error(t, err, in)
	}
}

func TestLinkAndMAC(t *testing.T) {
	g := Genesis("c1")
	require.NotEqual(t, g, Genesis("c2"))
	h1 := Link("c1", 1, g, []byte(`{"msg":"a"}`))
	require.NotEqual(t, h1, Link("c1", 2, g, []byte(`{"msg":"a"}`)), "seq must matter")
	require.NotEqual(t, h1, Link("c1", 1, g, []byte(`{"msg":"b"}`)), "content must matter")
	require.NotEqual(t, h1, Link("c", 1, Genesis("c"), []byte(`{"msg":"a"}`)), "chain must matter")
	key := []byte("k")
	for _, v := range []Version{V1, V2} {
		require.True(t, v.CheckMAC(key, "k1", h1, v.MAC(key, "k1", h1)), v)
		require.False(t, v.CheckMAC([]byte("other"), "k1", h1, v.MAC(key, "k1", h1)), v)
	}
	back, err := ParseHash(h1.String())
	require.NoError(t, err)
	require.Equal(t, h1, back)
}

func TestCheckpointRoundTrip(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	c := Checkpoint{Chain: "c", Seq: 42, Hash: Genesis("c"), Time: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)}
	c.Sign(priv)
	require.True(t, c.Verify(pub))
	v, err := Parse(c.MarshalLine())
	require.NoError(t, err)
	back, err := ParseCheckpoint(v)
	require.NoError(t, err)
	require.True(t, back.Verify(pub))
	back.Seq = 43
	require.False(t, back.Verify(pub))
}

// FuzzParse: any input either fails or canonicalises to a fixed point.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,2,{"b":null}],"c":"\ud83d\ude00"}`, `1e400`, `"\ud800"`, `-0`, `{"a":"\u0000"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			return
		}
		c := AppendCanonical(nil, v)
		v2, err := Parse(c)
		if err != nil {
			t.Fatalf("canonical form does not parse: %q: %v", c, err)
		}
		if c2 := AppendCanonical(nil, v2); string(c2) != string(c) {
			t.Fatalf("not a fixed point: %q -> %q", c, c2)
		}
	})
}

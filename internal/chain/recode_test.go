package chain

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// recodeCases are JSON texts the Recoder must re-encode as Parse and
// AppendCanonicalWithout do, or refuse.
var recodeCases = []string{
	`{}`,
	` { } `,
	`{"a":1}`,
	`{"b":1,"a":2}`,
	`{"time":"2026-12-02T10:00:00.123Z","level":"INFO","msg":"request handled","status":200,"method":"GET","ratio":0.75,"audit":{"v":2,"chain":"c","seq":3}}`,
	`{"msg":"a \u003cb\u003e \u0026 c","path":"/x?a=1\u0026b=2","nl":"x\ny\t\u0001\u001f","q":"\"\\\/"}`,
	`{"s":"\ud83d\ude00 \ud83d x \ude00 \u00e9 é \u2028"}`,
	`{"n":[0,-0,1,-1,123456789012345,1234567890123456,9007199254740993,1e21,1E-7,0.1,-0.0,1.50,2e0,100e-2,5e-324,1.7976931348623157e308]}`,
	`{"deep":{"z":{"b":[1,{"y":null,"x":true}],"a":false}},"a":[]}`,
	`{"a b":1,"a":2,"a!":3,"A":4,"_":5,"~":6}`,
	`{"x":1,"x":2}`,
	`{"x":{"y":1,"y":2}}`,
	`{"audit":1,"audit":2}`,
	`{"é":1,"e":2,"z":3,"\u00ff":4,"\ud7ff":5}`,
	`{"\ue000":1,"\ud83d\ude00":2}`,
	`{"\uffff":1}`,
	"{\"\xc3\":1}",
	`{"a\"b":1}`,
	`{"a\u0062":1}`,
	`{"a":1}x`,
	`{"a":1,}`,
	`{"a" 1}`,
	`{"a":tru}`,
	`{"a":01}`,
	`{"a":1.}`,
	`{"a":1e400}`,
	`{"a":-}`,
	`{"a":"x`,
	`{"a":"\x"}`,
	`{"a":"\u12"}`,
	"{\"a\":\"\x01\"}",
	"{\"a\":\"\xff\xfe\"}",
	`[1,2]`,
	`"x"`,
	`{"a":[1,2,]}`,
	"{\r\n\t\"a\" : [ 1 , 2 ] }\r\n",
	" {\t\"a\"\n:\r1 ,\n\"b\" : [ 1 ,\t2 ] , \"c\" : { \"y\" : true , \"x\" : null } , \"d\" : [ ] , \"e\":{ } }\n",
	`{"n":[-12,1.5e+3,1E-3,0e0,-0.5,123456789012345678,-123456789012345,-1234567890123456,0.000001,1e-7,123e-2,4E+2]}`,
	`{"a":[true,false,null,"",{},[]],"b":"é😀","c":"\u00e9\ud83d\ude00"}`,
	`{"a":1e}`, `{"a":1e+}`, `{"a":--1}`, `{"a":-a}`, `{"a":.5}`, `{"a":1.e5}`,
	`{"a":tru`, `{"a":nul}`, `{"a":fals}`, `{"a":true`, `{"a"`, `{"a":`, `{`, `{"a":1`, `{"a":1 `, `{"a":[1`, `{"a":[1 `, `{"a":[`,
	``, `  `, `{"a":-`, `{"a":1e`, `{"a":1.`, `{"a":1E-`,
	`{"a":1}}`, `{"a":{"b":1}`, `{,}`, `{"a":1,"b"}`, `{"a":"b":1}`, `{1:2}`, `{"a":[1 2]}`, `{"a":[1:2]}`, `{"a":{"b" 1}}`,
}

// checkRecode fails when the Recoder accepts data but writes anything
// but what Parse and AppendCanonicalWithout write, or reports members
// that are not data's.
func checkRecode(t *testing.T, r *Recoder, data []byte, skip string) (ok bool) {
	t.Helper()
	got, skipped, peeked, ok := r.AppendWithout([]byte("prefix"), data, skip, "msg")
	v, err := Parse(data)
	if !ok {
		if !bytes.Equal(got, []byte("prefix")) {
			t.Errorf("%q: refused, but dst changed to %q", data, got)
		}
		if err == nil && v.Kind == Object && plainNames(v) {
			t.Fatalf("%q: refused, but Parse reads it and its names are plain", data)
		}
		return false
	}
	if err != nil {
		t.Fatalf("%q: recoded as %q, but Parse fails: %v", data, got, err)
	}
	if v.Kind != Object {
		t.Fatalf("%q: recoded, but not an object", data)
	}
	want := AppendCanonicalWithout([]byte("prefix"), v, skip)
	if !bytes.Equal(got, want) {
		t.Fatalf("%q without %q:\n got %s\nwant %s", data, skip, got, want)
	}
	for _, m := range []struct {
		name string
		raw  []byte
	}{{skip, skipped}, {"msg", peeked}} {
		mv, has := v.Get(m.name)
		if has != (m.raw != nil) {
			t.Fatalf("%q: member %q reported %v, Parse has it: %v", data, m.name, m.raw != nil, has)
		}
		if has {
			pv, err := Parse(m.raw)
			if err != nil || !bytes.Equal(AppendCanonical(nil, pv), AppendCanonical(nil, mv)) {
				t.Fatalf("%q: value %q reported for %q is not the member's (%v)", data, m.raw, m.name, err)
			}
		}
	}
	return true
}

// plainNames reports whether every member name in v passes plainName:
// the Recoder refuses no other valid object.
func plainNames(v Value) bool {
	for _, m := range v.Members {
		if !plainName([]byte(m.Name)) || !plainNames(m.Value) {
			return false
		}
	}
	for _, it := range v.Items {
		if !plainNames(it) {
			return false
		}
	}
	return true
}

func TestRecoderMatchesParse(t *testing.T) {
	var r Recoder
	accepted := 0
	// Nested as deep as Parse reads, and one level deeper.
	deep := []string{
		`{"a":` + strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth) + `}`,
		`{"a":` + strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1) + `}`,
	}
	if !checkRecode(t, &r, []byte(deep[0]), "audit") || checkRecode(t, &r, []byte(deep[1]), "audit") {
		t.Errorf("nesting: want %d levels below the top recoded, %d refused", MaxDepth, MaxDepth+1)
	}
	for _, c := range recodeCases {
		for _, skip := range []string{"audit", "a", ""} {
			if checkRecode(t, &r, []byte(c), skip) {
				accepted++
			}
		}
	}
	if accepted < 40 {
		t.Errorf("the Recoder accepted %d of the cases: it refuses what it should recode", accepted)
	}
}

func TestRecoderRefuses(t *testing.T) {
	var r Recoder
	for _, c := range []string{
		`{"x":1,"x":2}`, `{"x":{"y":1,"y":2}}`, `{"b":1,"a":2,"b":3}`, `{"audit":1,"audit":2}`,
		`{"\ue000":1}`, `{"😀":1}`, "{\"\xc3\":1}", `{"a\"b":1}`, `{"a\u0001":1}`,
		`{"a":1}x`, `{"a":1,}`, `{"a":01}`, `{"a":1e400}`, `{"a":"\x"}`, "{\"a\":\"\x01\"}", `[1]`, `{"a":[1,]}`,
		`{"a":` + strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2) + `}`,
	} {
		if out, _, _, ok := r.AppendWithout(nil, []byte(c), "audit", "msg"); ok {
			t.Errorf("%q: recoded as %q, want refused", c, out)
		}
	}
	// Names that need no escape sort by their code units.
	for in, want := range map[string]string{
		`{"b":1,"a!":2,"a":3}`:              `{"a":3,"a!":2,"b":1}`,
		`{"é":1,"z":2,"\u00e0":3}`:          `{"z":2,"à":3,"é":1}`,
		`{"a":{"c":1,"b":[{"e":1,"d":2}]}}`: `{"a":{"b":[{"d":2,"e":1}],"c":1}}`,
	} {
		if out, _, _, ok := r.AppendWithout(nil, []byte(in), "", ""); !ok || string(out) != want {
			t.Errorf("%s: got %s, %v; want %s", in, out, ok, want)
		}
	}
}

// TestRecoderBigObjects: objects past the insertion sort's size, in any
// order, recode as Parse reads them, and a hostile object of 100,000
// members out of order is sorted in O(n log n) (a quadratic sort takes
// minutes on it).
func TestRecoderBigObjects(t *testing.T) {
	var r Recoder
	for _, n := range []int{24, 25, 40, 100} {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"k%d":%d`, (i*7919)%n, i)
		}
		b.WriteString("}")
		if !checkRecode(t, &r, []byte(b.String()), "k3") {
			t.Errorf("%d members: refused", n)
		}
		dup := strings.Replace(b.String(), `"k1":`, `"k0":`, 1)
		if _, _, _, ok := r.AppendWithout(nil, []byte(dup), "", ""); ok {
			t.Errorf("%d members, a name twice: recoded", n)
		}
	}
	var b strings.Builder
	b.WriteString("{")
	for i := range 100000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%06d":1`, 100000-i)
	}
	b.WriteString("}")
	calls := 0
	defer func(f func([]byte, mspan, mspan) int) { compareMembers = f }(compareMembers)
	counted := compareMembers
	compareMembers = func(out []byte, a, b mspan) int { calls++; return counted(out, a, b) }
	if _, _, _, ok := r.AppendWithout(nil, []byte(b.String()), "", ""); !ok {
		t.Error("100,000 members: refused")
	}
	if limit := 100000 * 17 * 3; calls > limit { // n log2 n, thrice
		t.Errorf("100,000 members sorted with %d comparisons, want at most %d", calls, limit)
	}
}

func FuzzRecoder(f *testing.F) {
	for _, c := range recodeCases {
		f.Add([]byte(c), "audit")
	}
	f.Add([]byte(`{"a":{"b":1},"b":[{"c":"\u00e9"}]}`), "b")
	var r Recoder
	f.Fuzz(func(t *testing.T, data []byte, skip string) {
		checkRecode(t, &r, data, skip)
	})
}

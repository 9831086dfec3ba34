package chain

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestScanLine(t *testing.T) {
	for _, tc := range []struct {
		in        string
		ok, audit bool
		cut       string // the line without the audit member
		msg       string
	}{
		{in: `{}`, ok: true, cut: `{}`},
		{in: `{"audit":{"v":2}}`, ok: true, audit: true, cut: `{}`},
		{in: `{"a":1,"audit":{"v":2},"msg":"m"}`, ok: true, audit: true, cut: `{"a":1,"msg":"m"}`, msg: "m"},
		{in: `{"audit":[1,{"x":"}"}],"b":true}`, ok: true, audit: true, cut: `{"b":true}`},
		{in: `{"a":null,"audit":"x"}`, ok: true, audit: true, cut: `{"a":null}`},
		{in: ` { "msg" : "a\"b" , "audit" : 1 } `, ok: true, audit: true},
		{in: `{"\u0061udit":1}`, ok: true},
		{in: `{"audit":1,"audit":2}`},
		{in: `{"a":1,}`},
		{in: `{"a":01}`},
		{in: `{"a":1.}`},
		{in: `{"a":-}`},
		{in: `{"a":1e}`},
		{in: `{"a":"\x}`},
		{in: `{"a":"` + "\xff" + `"}`},
		{in: `{"a":"` + "\x01" + `"}`},
		{in: `{"a":"\u12"}`},
		{in: `[1]`},
		{in: `{"a":1} x`},
		{in: `{"a":tru}`},
		{in: strings.Repeat(`{"a":`, 600) + "1" + strings.Repeat("}", 600)},
	} {
		var l Line
		ok := ScanLine([]byte(tc.in), &l)
		require.Equal(t, tc.ok, ok, tc.in)
		if !ok {
			continue
		}
		require.Equal(t, tc.audit, l.HasAudit, tc.in)
		if tc.cut != "" {
			got := tc.in[:l.Cut[0]] + tc.in[l.Cut[1]:]
			require.Equal(t, tc.cut, got, tc.in)
		}
		if tc.msg != "" {
			require.True(t, l.HasMsg)
			require.Equal(t, tc.msg, tc.in[l.Msg[0]:l.Msg[1]])
		}
	}
	require.True(t, (&Line{}).HasAudit == false)
	var l Line
	require.True(t, ScanLine([]byte(`{"\u0061":1,"msg":"x\"y"}`), &l))
	require.True(t, l.Escaped)
	require.False(t, l.HasMsg, "a message with an escape is read by the parser")
}

// FuzzScanLine: ScanLine never panics; what it accepts is valid JSON and
// valid UTF-8; and where it finds the audit member, the parser finds the
// same one, and cutting it out leaves valid JSON.
func FuzzScanLine(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1,"audit":{"v":2},"msg":"m"}`, `{"audit":1,"b":[1,2,{"c":null}]}`,
		`{"msg":"é\n","audit":{"hash":"x"}}`, `{"a":"\ud800"}`, "{\"a\":\"\xed\xa0\x80\"}", ` {"audit" : 1 , "x":-0.5e+3 } `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var l Line
		if !ScanLine(data, &l) {
			if json.Valid(data) && utf8.Valid(data) && bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) && !bytes.Contains(data, []byte(`"audit"`)) && bytes.Count(data, []byte("{"))+bytes.Count(data, []byte("[")) < 500 {
				t.Fatalf("valid JSON object refused: %q", data)
			}
			return
		}
		require.True(t, json.Valid(data), "%q", data)
		require.True(t, utf8.Valid(data), "%q", data)
		if !l.HasAudit || l.Escaped {
			return
		}
		cut := append(append([]byte(nil), data[:l.Cut[0]]...), data[l.Cut[1]:]...)
		require.True(t, json.Valid(cut), "%q without audit: %q", data, cut)
		v, err := Parse(data)
		if err != nil {
			return // duplicate names, which the parser refuses
		}
		a, ok := v.Get("audit")
		require.True(t, ok)
		want, err := Parse(data[l.AuditValue[0]:l.AuditValue[1]])
		require.NoError(t, err)
		require.Equal(t, AppendCanonical(nil, want), AppendCanonical(nil, a))
		w, err := Parse(cut)
		require.NoError(t, err)
		require.Equal(t, string(AppendCanonicalWithout(nil, v, "audit")), string(AppendCanonical(nil, w)))
	})
}

// TestScanLineAgreesWithEncodingJSON guards each check of ScanLine's JSON
// grammar and UTF-8 validation: on objects without an "audit" member,
// nested shallowly, ScanLine accepts exactly what encoding/json.Valid and
// utf8.Valid accept, for inputs at the edge of each rule (numbers, escapes,
// literals, separators, whitespace, control bytes, every kind of invalid
// UTF-8).
func TestScanLineAgreesWithEncodingJSON(t *testing.T) {
	inputs := []string{
		`{}`, ` {} `, "\t{}\r\n", `{ }`, `{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{"a":}`, `{,"a":1}`, `{"a":1 "b":2}`,
		`{"a":1}{}`, `{"a":1}x`, `[]`, `1`, `"s"`, `{`, `}`, `{"a":[1,2]}`, `{"a":[1,]}`, `{"a":[,1]}`, `{"a":[1 2]}`,
		`{"a":[]}`, `{"a":[ ]}`, `{"a":{}}`, `{"a":{"b":{"c":[{}]}}}`, `{"a":[[[[]]]]}`,
		`{"a":0}`, `{"a":-0}`, `{"a":01}`, `{"a":-}`, `{"a":-01}`, `{"a":1.}`, `{"a":.5}`, `{"a":1.5}`, `{"a":1e}`,
		`{"a":1e5}`, `{"a":1E+5}`, `{"a":1e-5}`, `{"a":1e+}`, `{"a":1.5e-}`, `{"a":+1}`, `{"a":1.e5}`, `{"a":-1.25E-10}`,
		`{"a":123456789012345678901234567890}`, `{"a":9}`, `{"a":-9.9}`, `{"a":0.0}`, `{"a":00}`, `{"a":1x}`,
		`{"a":true}`, `{"a":false}`, `{"a":null}`, `{"a":tru}`, `{"a":nul}`, `{"a":falsee}`, `{"a":True}`, `{"a":nulll}`,
		`{"a":"x"}`, `{"a":"\""}`, `{"a":"\\"}`, `{"a":"\/"}`, `{"a":"\b\f\n\r\t"}`, `{"a":"\x"}`, `{"a":"\u0041"}`,
		`{"a":"\u00e9"}`, `{"a":"\uD83D\uDE00"}`, `{"a":"\u12"}`, `{"a":"\u12G4"}`, `{"a":"\uffff"}`, `{"a":"\u"}`,
		`{"a":"x}`, `{"a":"x\"}`, "{\"a\":\"x\ty\"}", "{\"a\":\"x\x00y\"}", "{\"a\":\"x\x1fy\"}", "{\"a\":\"x\x7fy\"}",
		"{\"a\":\"x\x20y\"}", `{"a\"b":1}`, `{"":1}`, `{a:1}`, `{'a':1}`, `{"a":'x'}`,
		"{\"a\":\"\xc3\xa9\"}", "{\"a\":\"\xc3\"}", "{\"a\":\"\xc3(\"}", "{\"a\":\"\xe2\x82\xac\"}", "{\"a\":\"\xe2\x82\"}",
		"{\"a\":\"\xf0\x9f\x98\x80\"}", "{\"a\":\"\xf0\x9f\x98\"}", "{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xe0\x80\xaf\"}",
		"{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf4\x90\x80\x80\"}", "{\"a\":\"\xff\"}", "{\"a\":\"\x80\"}", "{\"\xff\":1}",
		"{\"a\":\"\xf5\x80\x80\x80\"}", "{\"a\":\"\xef\xbf\xbf\"}", "{\"a\":\"\xf4\x8f\xbf\xbf\"}", "{\"a\":\"\xe0\xa0\x80\"}",
		"{\"a\":\"\xc2\x80\"}", "{\"a\":\"\xdf\xbf\"}", "{\"a\":\"\xc1\xbf\"}", "{\"a\":\"\xf0\x90\x80\x80\"}", "{\"a\":\"\xf0\x8f\xbf\xbf\"}",
		`{"msg":"m","b":[true,false,null,{"c":"d"}]}`, `{"a":1,"msg":2}`, `{"msg":"a\u0062"}`, ``, ` `,
	}
	// Every prefix of a line that uses each part of the grammar: a scanner
	// that reads past the end of its input panics or accepts a prefix.
	full := "{ \"a\" : [ -1.5e+3 , true , false , null , \"x\\u00e9\\n\xc3\xa9\" , { } , [ ] ] , \"msg\" : \"m\" , \"b\" : { \"c\" : 0 } }"
	compact := `{"a":[-1.5e+3,true,false,null,"x\u00e9\n",{},[],0,-0.1E-2],"msg":"m","b":{"c":0}}`
	for _, line := range []string{full, compact} {
		for i := range len(line) + 1 {
			inputs = append(inputs, line[:i])
		}
	}
	for _, s := range inputs {
		var l Line
		data := []byte(s)[:len(s):len(s)] // no capacity beyond the end: reading past it panics
		want := json.Valid(data) && utf8.Valid(data) && bytes.HasPrefix(bytes.TrimSpace(data), []byte("{"))
		require.Equal(t, want, ScanLine(data, &l), "%q", s)
	}
}

package redact

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The tests in this file call the Kubernetes Secret rules directly and
// compare the exact spans they find, so that no other rule of the
// redactor (which masks many of the same values for its own reasons)
// hides a span that is one byte too long, too short or missing. Each case
// sits at a boundary one comparison of kube.go decides: a flag, key,
// value or quote that ends the text, a "kind" or "data" that starts it, a
// one-byte key, an indentation equal to the map key's.

// kubeCase is one input and the input with every span found wrapped in
// ‹ and ›.
type kubeCase struct {
	in, want string
}

// markSpans wraps every span of s in ‹ and ›, an empty span too (‹›), and
// reports a span that does not fit in s.
func markSpans(s string, spans []span) string {
	spans = slices.Clone(spans)
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		if sp.start < at || sp.end < sp.start || sp.end > len(s) {
			return fmt.Sprintf("bad span %v of %d bytes in %q", sp, len(s), s)
		}
		b.WriteString(s[at:sp.start])
		b.WriteString("‹" + s[sp.start:sp.end] + "›")
		at = sp.end
	}
	b.WriteString(s[at:])
	return b.String()
}

// runKube runs one of the kube rules on every case and checks the marked
// output, and that the rule notes its name once per span it adds.
func runKube(t *testing.T, find func(*Redactor, string, []span, func(string)) []span, cases []kubeCase) {
	t.Helper()
	r := Must(Rule{Name: "k8s", Terms: []string{"secret"}})
	for _, c := range cases {
		notes := 0
		var spans []span
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%q: panic: %v", c.in, p)
				}
			}()
			spans = find(r, c.in, nil, func(rule string) {
				if rule != "k8s" {
					t.Errorf("%q: noted rule %q, want k8s", c.in, rule)
				}
				notes++
			})
		}()
		if got := markSpans(c.in, spans); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.in, got, c.want)
		}
		if notes != len(spans) {
			t.Errorf("%q: %d notes for %d spans", c.in, notes, len(spans))
		}
	}
}

func secretLiteralsOf(r *Redactor, s string, spans []span, note func(string)) []span {
	return r.secretLiterals(s, spans, note)
}

func kubeSecretDataOf(r *Redactor, s string, spans []span, note func(string)) []span {
	return r.kubeSecretData(s, spans, note)
}

// TestKubeSecretLiteralsBounds pins secretLiterals at the ends of the
// text and of each part of --from-literal=KEY=VALUE.
func TestKubeSecretLiteralsBounds(t *testing.T) {
	const p = "kubectl create secret generic x "
	runKube(t, secretLiteralsOf, []kubeCase{
		// A value that ends the text, after a key of one byte.
		{p + "--from-literal=k=v", p + "--from-literal=k=‹v›"},
		// The flag, or the flag and its "=", ends the text: nothing.
		{p + "--from-literal", p + "--from-literal"},
		{p + "--from-literal=", p + "--from-literal="},
		// A key with no "=" that ends the text, or "=" with no value
		// after it: nothing.
		{p + "--from-literal=abc", p + "--from-literal=abc"},
		{p + "--from-literal=k=", p + "--from-literal=k="},
		// An empty key: not a literal.
		{p + "--from-literal==v", p + "--from-literal==v"},
		// A flag glued to the previous one: the search for the next flag
		// starts right at it (found at offset 0 of the rest).
		{p + "--from-literal--from-literal=a=b", p + "--from-literal--from-literal=a=‹b›"},
		// The space form, and a second flag after a masked value.
		{p + "--from-literal k=v", p + "--from-literal k=‹v›"},
		{p + "--from-literal=a=b --from-literal=c=d", p + "--from-literal=a=‹b› --from-literal=c=‹d›"},
		// A quoted KEY=VALUE: the value runs to the closing quote, spaces
		// and all, or to the end of the text when the quote is unclosed.
		{p + `--from-literal="k=v w"`, p + `--from-literal="k=‹v w›"`},
		{p + `--from-literal="k=vw`, p + `--from-literal="k=‹vw›`},
		// A quoted value after an unquoted key: the quotes stay.
		{p + `--from-literal=k="v w"`, p + `--from-literal=k="‹v w›"`},
		// A value its writer masked already: kept (the test is on the
		// value alone, not on "k=" before it).
		{p + "--from-literal=k=*****", p + "--from-literal=k=*****"},
		// A command that creates no Secret.
		{"kubectl create configmap x --from-literal=k=v", "kubectl create configmap x --from-literal=k=v"},
		// A command continued over lines (sh's backslash, PowerShell's
		// backquote, cmd's caret, before LF or CRLF) is one command.
		{"kubectl create secret generic x \\\n  --from-literal=k=v \\\n  --from-literal=c=d",
			"kubectl create secret generic x \\\n  --from-literal=k=‹v› \\\n  --from-literal=c=‹d›"},
		{"kubectl create secret generic x \\\r\n  --from-literal=k=v", "kubectl create secret generic x \\\r\n  --from-literal=k=‹v›"},
		{"kubectl create secret generic x `\n  --from-literal=k=v", "kubectl create secret generic x `\n  --from-literal=k=‹v›"},
		{"kubectl create secret generic x ^\n  --from-literal=k=v", "kubectl create secret generic x ^\n  --from-literal=k=‹v›"},
		// The continued line starts the text.
		{"create secret \\\n--from-literal=k=v", "create secret \\\n--from-literal=k=‹v›"},
		// A backslash line that is the first line: not "create secret".
		{"\\\n--from-literal=k=v", "\\\n--from-literal=k=v"},
		{"\r\n--from-literal=k=v", "\r\n--from-literal=k=v"},
		{"\n--from-literal=k=v", "\n--from-literal=k=v"},
		// A line without a continuation ends the command: the next line
		// is another command, which creates no Secret.
		{"kubectl create secret generic x\nkubectl create configmap y --from-literal=k=v",
			"kubectl create secret generic x\nkubectl create configmap y --from-literal=k=v"},
		{"kubectl create secret generic x \\ \nkubectl create configmap y --from-literal=k=v",
			"kubectl create secret generic x \\ \nkubectl create configmap y --from-literal=k=v"},
	})
}

// TestKindSecretBounds pins the verdict of kindSecret where "Secret",
// its quote, the colon or "kind" sits at the start of the text.
func TestKindSecretBounds(t *testing.T) {
	for _, c := range []struct {
		d    string
		want bool
	}{
		{"kind: Secret", true},   // "kind" at offset 0
		{"xkind: Secret", false}, // a longer key
		{"Secret", false},        // "Secret" at offset 0: no key before it
		{"Secret\nkind: Secret", true},
		{`"Secret`, false},  // a quote at offset 0 before it
		{`\"Secret`, false}, // an escaped quote at offset 0
		{": Secret", false}, // the colon at offset 0
		{":Secret", false},
		{"kind:\tSecret", true}, // a tab after the colon
		{"kind\t: Secret", true},
		{"kind : Secret", true}, // a space before the colon
		{"kind: SecretStore", false},
		{"kind: SecretList", true},
		{`"kind": "Secret"`, true},
		{`\"kind\":\"Secret\"`, true},
	} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("kindSecret(%q): panic: %v", c.d, p)
				}
			}()
			if got := kindSecret(c.d); got != c.want {
				t.Errorf("kindSecret(%q) = %v, want %v", c.d, got, c.want)
			}
		}()
	}
}

// TestKubeSecretDataBounds pins kubeSecretData, secretMaps and the JSON
// and YAML readers of the maps at their boundaries.
func TestKubeSecretDataBounds(t *testing.T) {
	runKube(t, kubeSecretDataOf, []kubeCase{
		// Documents: a stream that starts with its separator is judged
		// document by document, and the spans of a later document are
		// offset by its start.
		{"\n---\nkind: ConfigMap\ndata:\n  a: b\n---\nkind: Secret\ndata:\n  c: d\n",
			"\n---\nkind: ConfigMap\ndata:\n  a: b\n---\nkind: Secret\ndata:\n  c: ‹d›\n"},
		// "kind" at offset 0, and a value that ends the text.
		{"kind: Secret\ndata:\n  a: b", "kind: Secret\ndata:\n  a: ‹b›"},
		// "Secret" at offset 0 (not a kind), then the kind.
		{"Secret data\nkind: Secret\ndata:\n  a: b\n", "Secret data\nkind: Secret\ndata:\n  a: ‹b›\n"},
		// "data" at offset 0.
		{"data:\n  a: b\nkind: Secret\n", "data:\n  a: ‹b›\nkind: Secret\n"},
		// "data" (or its colon, or an escaped quote) ends the text.
		{"kind: Secret\ndata", "kind: Secret\ndata"},
		{"kind: Secret\ndata\\", "kind: Secret\ndata\\"},
		{"kind: Secret\ndata ", "kind: Secret\ndata "},
		{"kind: Secret\ndata:", "kind: Secret\ndata:"},
		// Not a Secret: ": Secret" has no key.
		{": Secret\ndata:\n  a: b\n", ": Secret\ndata:\n  a: b\n"},
		// Tabs and spaces around the colon of kind.
		{"kind:\tSecret\ndata:\n  a: b\n", "kind:\tSecret\ndata:\n  a: ‹b›\n"},
		{"kind\t: Secret\ndata:\n  a: b\n", "kind\t: Secret\ndata:\n  a: ‹b›\n"},

		// JSON: the object or the text ends right after "{", after a
		// member's colon, after a backslash, inside a value.
		{"kind: Secret\ndata: {", "kind: Secret\ndata: {"},
		{`{"kind":"Secret","data":{"a":`, `{"kind":"Secret","data":{"a":`},
		{`{"kind":"Secret","data":{"a":\`, `{"kind":"Secret","data":{"a":‹\›`},
		{`{"kind":"Secret","data":{"a":"bc`, `{"kind":"Secret","data":{"a":"‹bc›`},
		// One value, then an empty one (no span).
		{`{"kind":"Secret","data":{"a":"bc","d":""}}`, `{"kind":"Secret","data":{"a":"‹bc›","d":""}}`},
		// An escaped quote inside a value, and a value of odd length.
		{`{"kind":"Secret","data":{"a":"b\"c","d":"efg"}}`, `{"kind":"Secret","data":{"a":"‹b\"c›","d":"‹efg›"}}`},
		// Values that end with ":" or "}": the reader goes on after the
		// closing quote, not from inside the value.
		{`{"kind":"Secret","data":{"a":"b:","c":"d}","e":"f"}}`, `{"kind":"Secret","data":{"a":"‹b:›","c":"‹d}›","e":"‹f›"}}`},
		// JSON escaped inside a string; a backslash that ends the text.
		{`{\"kind\":\"Secret\",\"data\":{\"a\":\"bc\"}}`, `{\"kind\":\"Secret\",\"data\":{\"a\":\"‹bc›\"}}`},
		{`{\"kind\":\"Secret\",\"data\":{\"a\":\"bc\`, `{\"kind\":\"Secret\",\"data\":{\"a\":\"‹bc\›`},

		// A YAML flow map: plain values end at a comma, a brace or the
		// line's end, without the spaces, tabs or CR before it; an empty
		// one is no value; an unclosed map ends with the text.
		{"kind: Secret\ndata: {a: b, c: d e ,f:\tg\t}\n", "kind: Secret\ndata: {a: ‹b›, c: ‹d e› ,f:\t‹g›\t}\n"},
		{"kind: Secret\ndata: {\r\n  a: b\r\n}", "kind: Secret\ndata: {\r\n  a: ‹b›\r\n}"},
		{"kind: Secret\ndata: {a: , b: c}", "kind: Secret\ndata: {a: , b: ‹c›}"},
		{"kind: Secret\ndata: {a: b", "kind: Secret\ndata: {a: ‹b›"},
		{`{"kind": "Secret", "data": {"a": "b", "c": 1}}`, `{"kind": "Secret", "data": {"a": "‹b›", "c": ‹1›}}`},

		// YAML: a map nested under another key ends at a line indented
		// no more than its key.
		{"kind: Secret\nspec:\n  data:\n    a: b\n  other: x\n", "kind: Secret\nspec:\n  data:\n    a: ‹b›\n  other: x\n"},
		// A top-level map ends at the next top-level key (same indent).
		{"kind: Secret\ndata:\n  a: b\n  c: d\ntype: Opaque\n", "kind: Secret\ndata:\n  a: ‹b›\n  c: ‹d›\ntype: Opaque\n"},
		// A line of spaces only, inside the map or ending the text.
		{"kind: Secret\ndata:\n  a: b\n   \n  c: d\n", "kind: Secret\ndata:\n  a: ‹b›\n   \n  c: ‹d›\n"},
		{"kind: Secret\ndata:\n  a: b\n   ", "kind: Secret\ndata:\n  a: ‹b›\n   "},
		{"kind: Secret\ndata:\n  a: b\n  \r\n  c: d\n", "kind: Secret\ndata:\n  a: ‹b›\n  \r\n  c: ‹d›\n"},
		// CRLF line ends: the CR is not part of the value.
		{"kind: Secret\r\ndata:\r\n  a: b\r\n  c: d\r\n", "kind: Secret\r\ndata:\r\n  a: ‹b›\r\n  c: ‹d›\r\n"},
		// A block scalar: every line under it, whole; then the next
		// member's value.
		{"kind: Secret\nstringData:\n  app.yaml: |\n    db: x\n    dsn: y\n  region: eu\n",
			"kind: Secret\nstringData:\n  app.yaml: |\n    ‹db: x›\n    ‹dsn: y›\n  region: ‹eu›\n"},
		// A member whose key is empty (its colon at the member column).
		{"kind: Secret\ndata:\n  : b\n", "kind: Secret\ndata:\n  : ‹b›\n"},
		// Quotes: stripped when they open and close the value; a lone
		// quote is the value; equal first and last bytes that are no
		// quote stay.
		{"kind: Secret\ndata:\n  a: \"b c\"\n  d: 'e'\n  f: xyx\n  g: \"\n",
			"kind: Secret\ndata:\n  a: \"‹b c›\"\n  d: '‹e›'\n  f: ‹xyx›\n  g: ‹\"›\n"},
		// A comment after the map's key: the map is on the lines under it.
		{"kind: Secret\ndata: # the data\n  a: b\n", "kind: Secret\ndata: # the data\n  a: ‹b›\n"},
		{"kind: Secret\ndata:# the data\n  a: b\n", "kind: Secret\ndata:# the data\n  a: ‹b›\n"},
		{"kind: Secret\ndata: # the data", "kind: Secret\ndata: # the data"},
		// An empty value, inside the map or ending the text.
		{"kind: Secret\ndata:\n  a:\n  b: c\n", "kind: Secret\ndata:\n  a:\n  b: ‹c›\n"},
		{"kind: Secret\ndata:\n  a:", "kind: Secret\ndata:\n  a:"},
	})
}

// TestKubeSecretDataNotes checks that kubeSecretData notes one finding per
// span it adds, not per span it was given.
func TestKubeSecretDataNotes(t *testing.T) {
	r := Must(Rule{Name: "k8s", Terms: []string{"secret"}})
	notes := 0
	spans := r.kubeSecretData("kind: Secret\ndata:\n  a: b\n", []span{{0, 4}, {5, 6}}, func(string) { notes++ })
	if len(spans) != 3 || notes != 1 {
		t.Fatalf("got %d spans and %d notes, want 3 spans (2 given) and 1 note", len(spans), notes)
	}
}

// TestKubeSecretLayouts checks, through the default rules, layouts whose
// values the other rules do not mask (their keys name nothing secret): a
// kubectl command continued over lines, a data map whose key line ends
// with a comment, and a data map in YAML's flow style.
func TestKubeSecretLayouts(t *testing.T) {
	r := Must(Credentials)
	for _, c := range []kubeCase{
		{"kubectl create secret generic db \\\n  --from-literal=endpoint=Lt7-Wq2Zm9xx \\\n  --dry-run=client",
			"kubectl create secret generic db \\\n  --from-literal=endpoint=[REDACTED] \\\n  --dry-run=client"},
		{"PS> kubectl create secret generic db `\r\n>>   --from-literal=endpoint=Lt7-Wq2Zm9xx",
			"PS> kubectl create secret generic db `\r\n>>   --from-literal=endpoint=[REDACTED]"},
		{"apiVersion: v1\nkind: Secret\ndata: # base64\n  endpoint: THQ3LVdxMlptOXh4\n",
			"apiVersion: v1\nkind: Secret\ndata: # base64\n  endpoint: [REDACTED]\n"},
		{"kind: Secret\ndata: {endpoint: THQ3LVdxMlptOXh4, region: ZXUtd2VzdC0x}",
			"kind: Secret\ndata: {endpoint: [REDACTED], region: [REDACTED]}"},
	} {
		if got, _ := r.String(c.in); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

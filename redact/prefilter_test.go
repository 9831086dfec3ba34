package redact

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestMain runs every test of the package with the prefilter checked: each
// string redacted is also searched without it, and a difference fails the
// run, naming the string. The tables, classes and fuzz seeds of the package
// thus all check that the prefilter skips only searches that find nothing.
// Runs with -bench leave the check off, so that benchmarks measure the
// redactor alone.
func TestMain(m *testing.M) {
	flag.Parse()
	verifyPrefilter = flag.Lookup("test.bench").Value.String() == ""
	code := m.Run()
	close(prefilterMisses)
	for s := range prefilterMisses {
		fmt.Fprintf(os.Stderr, "redact: the prefilter skipped a search that finds something in %q\n", s)
		code = 1
	}
	os.Exit(code)
}

// catalogSample returns a token of format f: its prefix and a body of
// f.min bytes of its class, digits and letters mixed where the class has
// both.
func catalogSample(f tokenFormat) string {
	var pool []byte
	for _, c := range []byte("a1B2c3D4e5F6g7H8") {
		if charClass[c]&f.body != 0 {
			pool = append(pool, c)
		}
	}
	if len(pool) == 0 {
		for c := range 256 {
			if charClass[c]&f.body != 0 {
				pool = append(pool, byte(c))
				break
			}
		}
	}
	body := make([]byte, f.min)
	for i := range body {
		body[i] = pool[i%len(pool)]
	}
	return f.prefix + string(body)
}

// Every format of the catalog, in text, passes the prefilter: a token the
// prefix search finds is never skipped. (New formats are checked as they
// are added; the test fails if too few samples are tokens at all, so that
// it cannot pass by testing nothing.)
func TestPrefilterAdmitsEveryCatalogToken(t *testing.T) {
	r := Must(Credentials)
	found := 0
	for _, f := range tokenFormats {
		for _, text := range []string{"%s", "token %s here", "x=%s;", "\"%s\"", "(%s)"} {
			s := fmt.Sprintf(text, catalogSample(f))
			if len(findTokens(s, nil)) == 0 {
				continue
			}
			found++
			if !r.prescan(s).tokens {
				t.Errorf("%s (%q): the prefilter skips %q", f.family, f.prefix, s)
			}
		}
	}
	if found < len(tokenFormats)*5*9/10 {
		t.Errorf("only %d of %d samples are tokens: the samples are wrong", found, len(tokenFormats)*5)
	}
}

// FuzzPrefilter: for any text, and for text with a catalog token or a
// secret assignment planted in it, the search with the prefilter finds
// exactly what the search without it finds.
func FuzzPrefilter(f *testing.F) {
	for _, s := range cleanSamples {
		f.Add(s, uint8(0))
	}
	for i, tf := range tokenFormats {
		f.Add("see "+catalogSample(tf)+" here", uint8(i))
	}
	f.Add("password=hunter2", uint8(1))
	f.Add("curl -u admin:s3cret https://x", uint8(2))
	f.Add("Authorization: Bearer abcdef123456", uint8(3))
	rules := [][]Rule{{Credentials}, {Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo}}
	f.Fuzz(func(t *testing.T, s string, which uint8) {
		r := Must(rules[int(which)%len(rules)]...)
		with := r.find(s, nil, ignoreName)
		var without []span
		for _, d := range r.detectors {
			if len(s) >= d.min && scan(s)&d.need == d.need {
				without = d.find(s, without)
			}
		}
		if len(s) >= r.minScan {
			without = r.findPairs(s, scan(s), without, ignoreName)
		} else {
			without = nil
		}
		if len(with) != len(without) {
			t.Fatalf("%q: with the prefilter %v, without %v", s, with, without)
		}
		for i := range with {
			if with[i] != without[i] {
				t.Fatalf("%q: with the prefilter %v, without %v", s, with, without)
			}
		}
	})
}

// A key in text may split a term's spelling anywhere: camelCase pieces of
// a one-word term ("magStripe" spells "magstripe"), or a separator before
// trailing digits ("track_1" spells "track1"). For every split whose last
// piece has at least three bytes or is digits only, a key that names a
// secret as an attr key names one in text too: the quick word tests
// (prefilter, pair search) must not skip it. (Pieces of one or two letters,
// "passwoRd", are not real spellings; the filter does not hold them.)
func TestSplitTermsInText(t *testing.T) {
	rules := []Rule{Credentials, PCIDSS, HIPAA, GDPR, CCPA, ContactInfo}
	r := Must(rules...)
	found := 0
	for _, rule := range rules {
		for _, term := range rule.Terms {
			joined := strings.Join(splitKey(term), "")
			for k := 1; k < len(joined); k++ {
				if len(joined)-k < 3 && strings.Trim(joined[k:], "0123456789") != "" {
					continue
				}
				var keys []string
				if c := joined[k]; c >= 'a' && c <= 'z' {
					keys = append(keys, joined[:k]+string(c-'a'+'A')+joined[k+1:]) // magStripe
				}
				keys = append(keys, joined[:k]+"_"+joined[k:]) // track_1
				for _, key := range keys {
					if r.keyRule(key) == "" {
						continue // cache_expiry: not every split names a secret
					}
					found++
					s := "sent " + key + "=Zq9xLmP2vW to host"
					// The value is masked and the key kept (an authorization
					// key masks the rest of the text, as a header would).
					if got, want := r.redactString(s), "sent "+key+"=[REDACTED]"; !strings.HasPrefix(got, want) || strings.Contains(got, "Zq9x") {
						t.Errorf("term %q: %q redacted to %q, want %q…", term, s, got, want)
					}
				}
			}
		}
	}
	if found < 100 {
		t.Errorf("only %d split keys name a secret: the cases are wrong", found)
	}
}

func (r *Redactor) redactString(s string) string {
	out, _ := r.String(s)
	return out
}

package redact_test

import (
	"bytes"
	"errors"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// requireGarbledMasked checks each case as requireTextCases does, and once
// more through slog.TextHandler, which quotes control characters its own way.
func requireGarbledMasked(t *testing.T, cases []textCase) {
	t.Helper()
	requireTextCases(t, nil, cases)
	for _, tc := range cases {
		t.Run(tc.name+"/text handler", func(t *testing.T) {
			var buf bytes.Buffer
			l := slog.New(redact.NewHandler(slog.NewTextHandler(&buf, nil), nil))
			l.Info("loaded "+tc.text, "detail", tc.text, "err", errors.New(tc.text))
			for _, s := range tc.secrets {
				require.NotContains(t, buf.String(), s)
			}
		})
	}
}

// TestControlAndInvisibleCharactersMasked: a key and its value with what
// terminals, editors and C strings leave between them (ANSI colours, NUL,
// zero-width characters, soft hyphens, byte order marks, no-break and other
// Unicode spaces, a lone carriage return) read as the reader sees them.
func TestControlAndInvisibleCharactersMasked(t *testing.T) {
	requireGarbledMasked(t, []textCase{
		{"nul before operator", "db_password\x00=Hs8Vd2Lq5Nw1", []string{"Hs8Vd2Lq5Nw1"}, nil},
		{"nul inside key", "pass\x00word: Hs8Vd2Lq5Nw1", []string{"Hs8Vd2Lq5Nw1"}, nil},
		{"coloured key", "\x1b[33mapi_key\x1b[0m=Rt4Yb9Kc2Mx7", []string{"Rt4Yb9Kc2Mx7"}, nil},
		{"coloured key and value", "\x1b[1;36msecret\x1b[0m: \x1b[31mWe6Pu3Zn8Ja1\x1b[0m port=5432", []string{"We6Pu3Zn8Ja1"}, []string{"port=5432"}},
		{"hyperlink around key", "\x1b]8;;https://docs.example/pw\x07password\x1b]8;;\x07=Gk3Tf8Wq1Ls6", []string{"Gk3Tf8Wq1Ls6"}, nil},
		{"zero-width space in key", "to\u200bken=Ux5Hn2Ke7Rd4", []string{"Ux5Hn2Ke7Rd4"}, nil},
		{"zero-width space before operator", "client_secret\u200b: Ux5Hn2Ke7Rd4", []string{"Ux5Hn2Ke7Rd4"}, nil},
		{"zero-width joiner in key", "pass\u200dphrase=Ux5Hn2Ke7Rd4", []string{"Ux5Hn2Ke7Rd4"}, nil},
		{"word joiner in key", "pass\u2060word=Ux5Hn2Ke7Rd4", []string{"Ux5Hn2Ke7Rd4"}, nil},
		{"soft hyphen in key", "pass\u00adword=Ux5Hn2Ke7Rd4", []string{"Ux5Hn2Ke7Rd4"}, nil},
		{"byte order mark before operator", "token\ufeff=Ux5Hn2Ke7Rd4", []string{"Ux5Hn2Ke7Rd4"}, nil},
		{"no-break spaces", "password\u00a0=\u00a0Bq2Xw7Jn4Fs9", []string{"Bq2Xw7Jn4Fs9"}, nil},
		{"no-break space after colon", "secret:\u00a0Bq2Xw7Jn4Fs9", []string{"Bq2Xw7Jn4Fs9"}, nil},
		{"narrow no-break space", "password:\u202fBq2Xw7Jn4Fs9", []string{"Bq2Xw7Jn4Fs9"}, nil},
		{"no-break space in scheme", "Authorization:\u00a0Bearer\u00a0Bq2Xw7Jn4Fs9Lk3Pd", []string{"Bq2Xw7Jn4Fs9Lk3Pd"}, nil},
		{"carriage return before operator", "password\r=Cz9Wv4Mb1Hx6", []string{"Cz9Wv4Mb1Hx6"}, nil},
		{"carriage return after operator", "password=\rCz9Wv4Mb1Hx6", []string{"Cz9Wv4Mb1Hx6"}, nil},
	})
	requireTextKept(t, nil, []string{
		"\x1b[32mINFO\x1b[0m request done status=200",
		"café\u00a0ouvert port=8080",
		"line one\r\nline two",
		"zero\u200bwidth host=db-1",
	})
}

// TestLookalikeLettersMasked: a key written with full-width forms,
// mathematical or circled letters, or Cyrillic and Greek letters drawn as
// Latin ones, and full-width operators and quotes.
func TestLookalikeLettersMasked(t *testing.T) {
	requireGarbledMasked(t, []textCase{
		{"cyrillic a", "p\u0430ssword=Nj6Re1Wt8Gk3", []string{"Nj6Re1Wt8Gk3"}, nil},
		{"cyrillic o and e", "s\u0435cr\u0435t_t\u043eken: Nj6Re1Wt8Gk3", []string{"Nj6Re1Wt8Gk3"}, nil},
		{"cyrillic capitals", "\u0422\u041e\u041a\u0415N=Nj6Re1Wt8Gk3", []string{"Nj6Re1Wt8Gk3"}, nil},
		{"greek omicron", "passw\u03bfrd: Nj6Re1Wt8Gk3", []string{"Nj6Re1Wt8Gk3"}, nil},
		{"json key with lookalikes", "{\"\u0430pi_k\u0435y\":\"Nj6Re1Wt8Gk3\"}", []string{"Nj6Re1Wt8Gk3"}, nil},
		{"full-width key", "ｐａｓｓｗｏｒｄ=Nj6Re1Wt8Gk3", []string{"Nj6Re1Wt8Gk3"}, nil},
		{"full-width equals", "password＝Nj6Re1Wt8Gk3", []string{"Nj6Re1Wt8Gk3"}, nil},
		{"full-width quotes and colon", "＂token＂：＂Nj6Re1Wt8Gk3＂", []string{"Nj6Re1Wt8Gk3"}, nil},
		{"mathematical bold", "𝐭𝐨𝐤𝐞𝐧=Nj6Re1Wt8Gk3", []string{"Nj6Re1Wt8Gk3"}, nil},
		{"circled letters", "ⓢⓔⓒⓡⓔⓣ: Nj6Re1Wt8Gk3", []string{"Nj6Re1Wt8Gk3"}, nil},
	})
	requireTextKept(t, nil, []string{
		"Москва: заказ принят",
		"Αθήνα: OK",
		"ｈｅｌｌｏ ｗｏｒｌｄ",
		"статус=ок",
	})
}

// TestHTMLEntitiesAndQuotedPrintableMasked: operators and brackets written
// as HTML's named references (escaped twice too), and text in
// quoted-printable, as mail bodies carry it.
func TestHTMLEntitiesAndQuotedPrintableMasked(t *testing.T) {
	requireGarbledMasked(t, []textCase{
		{"equals entity", "password&equals;Fv3Lp8Qs2Wd5", []string{"Fv3Lp8Qs2Wd5"}, nil},
		{"colon entity", "api_key&colon; Fv3Lp8Qs2Wd5", []string{"Fv3Lp8Qs2Wd5"}, nil},
		{"escaped element", "&lt;password&gt;Fv3Lp8Qs2Wd5&lt;/password&gt;", []string{"Fv3Lp8Qs2Wd5"}, nil},
		{"escaped twice", "&amp;quot;secret&amp;quot;:&amp;quot;Fv3Lp8Qs2Wd5&amp;quot;", []string{"Fv3Lp8Qs2Wd5"}, nil},
		{"quoted-printable quoted", `password=3D"Fv3Lp8Qs2Wd5"`, []string{"Fv3Lp8Qs2Wd5"}, nil},
		{"quoted-printable soft break in key", "pass=\nword=3DFv3Lp8Qs2Wd5", []string{"Fv3Lp8Qs2Wd5"}, nil},
		{"quoted-printable soft break after operator", "token=3D=\r\nFv3Lp8Qs2Wd5", []string{"Fv3Lp8Qs2Wd5"}, nil},
	})
	requireTextKept(t, nil, []string{
		"&lt;b&gt;bold&lt;/b&gt; rendered",
		"ratio=3D4 ok",
		"padding QUJD=\nnext line",
	})
}

// TestEscapedLookalikeLettersMasked: JSON that escapes a lookalike letter
// or an invisible character of a key as \uHHHH.
func TestEscapedLookalikeLettersMasked(t *testing.T) {
	requireGarbledMasked(t, []textCase{
		{"escaped cyrillic", `{"\u0430pi_k\u0435y":"Yh2Cs7Vb4Nm9"}`, []string{"Yh2Cs7Vb4Nm9"}, nil},
		{"escaped zero-width space", `{"pass\u200bword":"Yh2Cs7Vb4Nm9"}`, []string{"Yh2Cs7Vb4Nm9"}, nil},
	})
	requireTextKept(t, nil, []string{`{"city":"\u041c\u043e\u0441\u043a\u0432\u0430"}`})
}

// TestGarbledAttrKeysMasked: an attr's, a map's and a group's key written
// with lookalike letters, invisible characters or full-width forms names
// its secret as the key a reader sees does.
func TestGarbledAttrKeysMasked(t *testing.T) {
	for _, key := range []string{
		"p\u0430ssw\u043erd", "client\u200b_secret", "api\u00a0key", "ａｃｃｅｓｓ＿ｔｏｋｅｎ",
		"\u0422OKEN", "pass\u00adphrase", "secret\ufeff", "𝐩𝐰𝐝",
	} {
		t.Run(key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) {
				l.Info("login", key, "Vm3Qc8Tz1Kw6", "form", map[string]string{key: "Vm3Qc8Tz1Kw6"},
					slog.Group("auth", key, "Vm3Qc8Tz1Kw6"))
			})
			require.NotContains(t, out, "Vm3Qc8Tz1Kw6")
		})
	}
	for _, key := range []string{"ｍｅｓｓａｇｅ", "\u0441ity", "pass\u200bage"} {
		t.Run("kept "+key, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("x", key, "Vm3Qc8Tz1Kw6") })
			require.Contains(t, out, "Vm3Qc8Tz1Kw6")
		})
	}
}

// TestPercentAndEntityEncodedGarbleMasked: the invisible characters and
// lookalike letters of a key, percent-encoded in a query string or form
// body, or written as HTML's named references.
func TestPercentAndEntityEncodedGarbleMasked(t *testing.T) {
	requireGarbledMasked(t, []textCase{
		{"encoded nul", "user=ops&passwd%00=Rc5Tv8Wn3Jq6", []string{"Rc5Tv8Wn3Jq6"}, []string{"user=ops"}},
		{"encoded zero-width space", "api_key%E2%80%8B=Rc5Tv8Wn3Jq6", []string{"Rc5Tv8Wn3Jq6"}, nil},
		{"encoded soft hyphen", "to%C2%ADken=Rc5Tv8Wn3Jq6", []string{"Rc5Tv8Wn3Jq6"}, nil},
		{"encoded cyrillic", "s%D0%B5cret=Rc5Tv8Wn3Jq6", []string{"Rc5Tv8Wn3Jq6"}, nil},
		{"soft hyphen entity", "pass&shy;phrase=Rc5Tv8Wn3Jq6", []string{"Rc5Tv8Wn3Jq6"}, nil},
		{"zero-width space entity", "pass&ZeroWidthSpace;word: Rc5Tv8Wn3Jq6", []string{"Rc5Tv8Wn3Jq6"}, nil},
	})
	requireTextKept(t, nil, []string{
		"q=caf%C3%A9&page=2",
		"msg=line%0Anext",
	})
}

// TestCharsetDesignationsAndPunctuationLookalikesMasked: a terminal's
// designation of a character set before a key (ESC ( B, as tput sgr0
// writes it), and Unicode hyphens and dot leaders inside a key.
func TestCharsetDesignationsAndPunctuationLookalikesMasked(t *testing.T) {
	requireGarbledMasked(t, []textCase{
		{"charset designation", "\x1b(Bsecret_key=Tn2Wq7Lc4Vx9", []string{"Tn2Wq7Lc4Vx9"}, nil},
		{"sgr0 then designation", "\x1b[m\x1b(Bpassword: Tn2Wq7Lc4Vx9", []string{"Tn2Wq7Lc4Vx9"}, nil},
		{"one dot leader", "api\u2024key=Tn2Wq7Lc4Vx9", []string{"Tn2Wq7Lc4Vx9"}, nil},
		{"non-breaking hyphen", "client\u2011secret=Tn2Wq7Lc4Vx9", []string{"Tn2Wq7Lc4Vx9"}, nil},
	})
}

// TestGarbledRedactionIdempotent: redacting the redacted garbled text
// changes nothing.
func TestGarbledRedactionIdempotent(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, s := range []string{
		"\x1b[1;36msecret\x1b[0m: \x1b[31mWe6Pu3Zn8Ja1\x1b[0m port=5432",
		"p\u0430ssword=Nj6Re1Wt8Gk3 and to\u200bken=Ux5Hn2Ke7Rd4",
		"password\u00a0=\u00a0Bq2Xw7Jn4Fs9\x00",
		"＂token＂：＂Nj6Re1Wt8Gk3＂",
		"pass=\nword=3DFv3Lp8Qs2Wd5",
		"&lt;password&gt;Fv3Lp8Qs2Wd5&lt;/password&gt;",
		"s%D0%B5cret=Rc5Tv8Wn3Jq6&x=1",
		`(setf (gethash "api_key" cfg) "Hy4Nw9Pc2Zs7")`,
		"body=eyJ0b2tlbiI6IkxrNVJkOFhzMlBtNyJ9",
	} {
		once, changed := r.String(s)
		require.True(t, changed, s)
		twice, again := r.String(once)
		require.False(t, again, "%q -> %q -> %q", s, once, twice)
		require.Equal(t, once, twice)
	}
}

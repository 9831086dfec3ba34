package redact

import (
	"iter"
	"net/http"
	"slices"
	"strings"
)

// isKeyChar reports whether c can be part of a key written in text
// ("db_password", "x-api-key", "config.token", "--password").
func isKeyChar(c byte) bool { return keyChars[c] }

var keyChars = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isAlnum(byte(c)) || c == '_' || c == '-' || c == '.'
	}
	return t
}()

// findPairs masks the values that text assigns to, or says about, a key
// whose name is sensitive:
//
//   - assignments: key=value, key: value, key => value, key := value,
//     key == value, <key>value</key>, with the key bare or quoted; the
//     value masked whole when quoted ("…", '…', `…`), templated ({{ … }}
//     even with quotes inside, ${…}, #{…}, <%= … %>, %(…)s) or an
//     encrypted blob (ENC[…], ENC(…), !vault | $ANSIBLE_VAULT…), else up
//     to the next space or delimiter;
//   - prose: a quoted value right after the key word (token "…"), a word
//     after a linking word (password is …, reset password to …), or a
//     word right after the key word that looks like a credential, not like
//     a word (length, digits, case, symbols): "token refreshed" is kept;
//   - command lines: the word after a flag that names a secret
//     (--password …), and the credentials after -u / --user.
func (r *Redactor) findPairs(s string, f scanFlags, spans []span, note func(string)) []span {
	// runEnd is the end of the last unquoted value longer than longRun
	// read after a key. A key inside it has its own value read only
	// longRun bytes far (masked, it is masked to runEnd), so that text
	// that repeats a term in one run ("card=card=…") costs linear time,
	// not a read of the rest of the run per term.
	runEnd := 0
	var fb foldBuf
	multiline := strings.IndexByte(s, '\n') >= 0 // once, not once per pair
	for i := 0; i < len(s); {
		if !isKeyChar(s[i]) && (s[i] < 0x80 || !r.nonASCII) {
			i++
			continue
		}
		a := i
		for i < len(s) && (isKeyChar(s[i]) || s[i] >= 0x80 && r.nonASCII && !fullWidthOperator(s, i)) { // passwört=
			i++
		}
		b := i
		for b > a && (s[b-1] == '.' || s[b-1] == '-') { // a sentence's full stop
			b--
		}
		if b < i && s[b] == '.' && isInitialism(s[a:b+1]) {
			b++ // D.O.B.: the initialism's last dot is the key's
		}
		if b == i && b+4 <= len(s) && s[b] == ' ' && strings.EqualFold(s[b+1:b+4], "api") && (b+4 == len(s) || !isKeyChar(s[b+4])) && apiKeyWords[strings.ToLower(s[a:b])] {
			b += 4 // clé API: …, clave API: the key of an API in other languages (addTermEnds)
			i = b
		}
		if a > 0 && (s[a-1] == '\\' || s[a-1] == '%') {
			if e := escapeEnd(s, a-1); e > a && e < b {
				a = e // an escape's letter or digits before the key: "…\npassword=…", "%0Atoken=…"
			}
		}
		if b == a {
			if i == a { // a full-width operator with no key before it (x ＝ y): step over it
				i += len("＝")
			}
			continue
		}
		// An assignment: the key, maybe closed by a quote or a bracket, then an operator.
		p := b
		if p < len(s) && (s[p] == '"' || s[p] == '\'' || s[p] == '`') && a > 0 && s[a-1] == s[p] {
			p++
		} else if n := escapedQuoteRun(s, p); n > 0 && a > n && s[a-1] == '"' && escapedQuoteRun(s, a-1-n) == n {
			p += n + 1 // JSON inside a JSON string: {\"password\":\"…\"}, and inside that: {\\\"token\\\":…}
		} else if q := cutJSONKeyEnd(s, a, p); q > p {
			p = q // a JSON key cut off before its opening quote: password":"…"
		}
		if p < len(s) && s[p] == ']' {
			p++
		} else if p == b && p < len(s) && s[p] == '}' && a > 1 && s[a-1] == '{' && (isAlnum(s[a-2]) || s[a-2] == '_' || s[a-2] == '>') {
			p++ // a Perl hash's element: $h{password} = …, $cfg->{token} = …, $ENV{API_KEY} = …
		}
		xml := xmlOpen(s, a) && p < len(s) && s[p] == '>'
		attrs := false // <wsse:Password Type="…">…</wsse:Password>: the element's text after its attributes
		if !xml && p == b && p < len(s) && s[p] == ' ' && xmlOpen(s, a) {
			if e := attributesEnd(s, p); e > p {
				xml, attrs, p = true, true, e
			} else if attributeAt(s, p) {
				i = max(i, p)
				continue // <password required="true"/>: attributes, no text
			}
		}
		if xml && isNamingKey(s[a:b]) { // <name>token</name><value>…</value>
			if ks, ke := p+1, strings.IndexByte(s[p+1:], '<'); ke > 0 && r.mayBeKey(s[ks:ks+ke]) {
				if rule := r.keyRule(s[ks : ks+ke]); rule != "" {
					if ws, we := namedElement(s, ks+ke); we > ws && !r.keepValue("", s[ws:we]) {
						spans = append(spans, span{ws, we})
						note(rule)
						i = we
						continue
					}
				}
			}
		}
		quotedKey := p > b && !attrs
		if p == b && p < i && s[p] == '.' && abbreviatedKey(s[a:b]) {
			p++ // D.O.B.: …, S.S.N.=…: an abbreviation's dot before the operator
		}
		for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
			p++
		}
		if q := operatorOnNextLine(s, p); q > p {
			p = q // the operator wrapped onto the next line: password⏎= …, "token"\r\n: "…"
		}
		qualified := false
		if q := promptDefaultEnd(s, p); q > p && s[p:q] != r.mask { // not a mask of ours: pass [REDACTED]: …
			p = q // a prompt's default or current value: AWS Secret Access Key [****xY0]: …
		} else if q := qualifierEnd(s, p); q > p {
			p, qualified = q, true // API key (prod): …
		}
		if p+1 < len(s) && s[p] == '#' && (s[p+1] == ':' || s[p+1] == '=') {
			p++ // a number sign before the operator: SSN#: …, MRN #: …
		}
		op := operatorAt(s, p)
		if op == 0 {
			op = notEqualValue(s, p)
		}
		if op == 0 && dottedPair(s, a, b, p) {
			op = 1 // Lisp's dotted pair: (password . "…")
		}
		// A declared type between the key and the operator:
		// var apiToken string = "…", val apiToken: String = "…".
		if t := p; op == 0 || (op == 1 && s[p] == ':') {
			if op == 1 {
				t++
				for t < len(s) && s[t] == ' ' {
					t++
				}
			}
			if q := typedAssign(s, t); q > 0 {
				p, op = q, 1
			}
		}
		if op == 0 && quotedKey && p < len(s) && s[p] == ')' && callArgument(s, a-1) && r.mayBeKey(s[a:b]) { // getenv('DB_PASS') or '…'
			if ds, de := fallbackValue(s, p+1); de > ds {
				if rule := r.namingRule(s, a, b, ds, de); rule != "" {
					spans = append(spans, span{ds, de})
					note(rule)
					i = max(i, de)
				}
			}
			continue
		}
		if op == 0 && !quotedKey && p+1 < len(s) && (s[p] == '|' && s[p+1] == '|' || s[p] == '?' && s[p+1] == '?') && r.mayBeKey(s[a:b]) {
			// process.env.JWT_SECRET || '…'
			if ds, de := fallbackValue(s, b); de > ds {
				if rule := r.namingRule(s, a, b, ds, de); rule != "" {
					spans = append(spans, span{ds, de})
					note(rule)
					i = max(i, de)
					continue
				}
			}
		}
		if op == 0 && !quotedKey && p < len(s) && s[p] == ',' && tupleOpen(s, a) && r.mayBeKey(s[a:b]) {
			// An Erlang or Elixir tuple of a key and its value: {password, "…"},
			// {default_pass, <<"…">>}, {:secret_key_base, "…"}.
			if vs, ve := tupleValue(s, p+1); ve > vs {
				if rule := r.namingRule(s, a, b, vs, ve); rule != "" {
					spans = append(spans, span{vs, ve})
					note(rule)
					i = max(i, ve)
					continue
				}
			}
		}
		if c := quotedTupleComma(s, a, p); op == 0 && quotedKey && c > 0 && r.mayBeKey(s[a:b]) {
			// A tuple whose key is a string or a binary: {"password", "…"},
			// {<<"password">>, <<"…">>}.
			if vs, ve := tupleValue(s, c+1); ve > vs {
				if rule := r.namingRule(s, a, b, vs, ve); rule != "" {
					spans = append(spans, span{vs, ve})
					note(rule)
					i = max(i, ve)
					continue
				}
			}
		}
		if op == 0 && quotedKey && p < len(s) && s[p] == ',' && (callArgument(s, a-1) || s[a] == '-' || laterCallArgument(s, a-1) && lastStringArg(s, skipSpaces(s, p+1))) {
			// getenv("api_token", "…"), ["--password", "…"], and a key as a
			// later argument: setattr(cfg, "password", "…"), HSet(ctx, k, "token", "…").
			if q := p + 1; q+1 < len(s) && (isQuote(s[q]) || s[q] == ' ' && isQuote(s[q+1])) && !strings.HasPrefix(s[skipSpaces(s, q)+1:], "-") && (s[a] == '-' || !r.keyArgAt(s, skipSpaces(s, q))) {
				op = 1
			}
		} else if op == 0 && quotedKey && a > 0 && isQuote(s[a-1]) && s[a] == '-' && p+1 < len(s) && s[p-1] == ' ' && s[p] == s[a-1] && s[p+1] != '-' && s[p+1] != s[p] {
			p, op = p-1, 1 // Go's %q of a command line: ["pg_dump" "--password" "…"]
		} else if op == 0 && s[a] == '-' && yamlItemStart(s, a) {
			if v := nextYAMLItem(s, p); v > 0 {
				p, op = v-1, 1 // a YAML list of arguments: - --password⏎  - …
			}
		}
		if op == 1 && s[p] == ':' && humanNamePart(s, a, b) {
			// A FHIR HumanName: {"family": "…", "given": ["…", "…"]}.
			if rule := r.keyRule("family name"); rule != "" {
				q := skipSpaces(s, p+1)
				end := min(len(s), q+1) // one string, or a list of given names: each string up to its ']'
				if q < len(s) && s[q] == '[' {
					end = q + 1 + max(0, strings.IndexByte(s[q+1:min(len(s), q+1+maxTextKey)], ']'))
					q = skipSpaces(s, q+1)
				}
				for q < end && isQuote(s[q]) {
					vs, ve := valueAt(s, q)
					if ve <= vs || r.keepValue("", s[vs:ve]) {
						break
					}
					spans = append(spans, span{vs, ve})
					note(rule)
					i = max(i, ve)
					if q = skipSpaces(s, ve+1); q < end && s[q] == ',' {
						q = skipSpaces(s, q+1)
					}
				}
			}
		}
		if op == 1 && (s[p] == '=' || s[p] == ':') && (isNamingKey(s[a:b]) || jsonPatchPath(s, a, b) || isSystemKey(s[a:b])) {
			// The key names the value's key: <add key="ClearTextPassword" value="…"/>,
			// {"name": "DB_PASSWORD", "value": "…"}, "- name: API_TOKEN⏎  value: …",
			// <entry key="db.password">…</entry>, a JSON Patch's
			// {"op": "replace", "path": "/spec/password", "value": "…"}.
			// The named key is looked for in a window as long as a key can
			// be, so that text repeating a naming key costs linear time.
			lim := min(len(s), p+2+maxTextKey)
			vs, ve := valueAt(s[:lim], p+1)
			named := s[vs:ve]
			if isSystemKey(s[a:b]) {
				named = systemTerm(named) // a FHIR identifier: {"system": "…/mrn", "value": "…"}
			}
			if ve > vs && (ve < lim || lim == len(s)) && named != "" && r.mayBeKey(named) {
				if rule := r.keyRule(named); rule != "" {
					ws, we := namedValue(s, ve)
					if we <= ws {
						ws, we = elementText(s, ve)
					}
					if we > ws && !r.keepValue("", s[ws:we]) {
						spans = append(spans, span{ws, we})
						note(rule)
						i = we
						continue
					}
					if we > ws && strings.HasPrefix(s[ws:we], r.mask) {
						i = we // masked already: skip what the first redaction skipped
						continue
					}
				}
			}
		}
		if op == 1 && (s[p] == '=' || s[p] == ':') && isValueKey(s[a:b]) {
			// The naming member after the value: {"value": "…", "name":
			// "DB_PASSWORD"}, as a manifest or a dump may order them.
			if vs, ve := valueAt(s, p+1); ve > vs {
				if named := namingAfter(s, ve); named != "" && r.mayBeKey(named) {
					if rule := r.keyRule(named); rule != "" && !r.keepValue("", s[vs:ve]) {
						spans = append(spans, span{vs, ve})
						note(rule)
						i = ve
						continue
					}
				}
			}
		}
		if op == 0 && quotedKey && p < len(s) && s[p] == '{' && r.mayBeKey(s[a:b]) {
			// An HCL block labelled with the key: variable "db_password" {
			// default = "…" }, output "api_token" { value = "…" }.
			if rule, _ := r.phraseRule(s, a, b); rule != "" {
				for _, v := range blockValues(s, p) {
					if !r.keepValue(s[a:b], s[v[0]:v[1]]) && !isPlaceholder(s, v[0], v[1]) {
						spans = append(spans, span{v[0], v[1]})
						note(rule)
					}
				}
			}
			continue
		}
		if op == 0 && quotedKey && p < len(s) && isQuote(s[p]) && strings.EqualFold(s[a:b], "auth") && r.keyRule("auth") != "" {
			// Redis MONITOR: "AUTH" "S3cret", "auth" "user" "S3cret".
			vs, ve := valueAt(s, p)
			if q := skipSpaces(s, min(ve+1, len(s))); q < len(s) && isQuote(s[q]) {
				vs, ve = valueAt(s, q)
			}
			if ve > vs && !r.keepValue("", s[vs:ve]) {
				spans = append(spans, span{vs, ve})
				note(r.keyRule("auth"))
				i = max(i, ve)
			}
			continue
		}
		if op > 0 || xml {
			if xml {
				op = 1
			}
			if na := numberedKey(s, a, b); na < a && !xml {
				a, b = na, a-1 // Unseal Key 1: …, Recovery Key 2: …: the term, numbered after a space
				a = addressLineStart(s, a, b)
			}
			if k := propertyName(s, a, b); !r.mayBeKey(s[a:b]) && (k == a || !r.mayBeKey(s[k:b])) {
				continue
			}
			rule, ka := r.phraseRule(s, a, b) // api key: …, security code = …
			if rule == "" && r.sqlRule != "" && isBareKey(s[a:b]) && !xml {
				if vs, ve := valueAt(s, p+op); ve > vs && randomKeyValue(s[vs:ve]) { // KEY=Qx7vR2mZp9LwK4tB; not key=user:42:profile
					spans = append(spans, span{vs, ve})
					note(r.sqlRule)
					i = max(i, ve)
					continue
				}
			}
			queryParam := false
			if rule == "" && p == b && s[p] == '=' && a > 0 && (s[a-1] == '?' || s[a-1] == '&') && isQueryCredential(s[a:b]) {
				rule, queryParam = r.terms["apikey"], true // ?key=AIza…, &code=4/0Af… (an OAuth authorization code)
			}
			if rule == "" || inARN(s, a) || machineInText(s, a, b) {
				continue
			}
			if a >= 4 && s[a-4:a] == "--- " && s[a:b] == "PASS" {
				continue // go test's result line: --- PASS: TestTokenRefresh (0.02s)
			}
			var vs, ve int
			clipped := false // the value was read in a window of a long run: masked, it runs to runEnd
			if xml {
				vs = p + 1
				ve = vs
				for ve < len(s) && s[ve] != '<' {
					ve++
				}
				if cs, ce := cdataAt(s, vs); ce > cs {
					vs, ve = cs, ce // <password><![CDATA[…]]></password>
				} else if ve+1 < len(s) && s[ve+1] != '/' && s[ve+1] != '!' && strings.ContainsAny(s[vs:ve], " ]") || strings.Trim(s[vs:ve], "])},;. ") == "" {
					continue // no element's text: [--token <token>] token=<TOKEN>
				}
			} else {
				if a < runEnd {
					lim := min(len(s), p+op+longRun)
					vs, ve = valueAt(s[:lim], p+op)
					clipped = ve == lim && lim < runEnd
				} else {
					vs, ve = valueAt(s, p+op)
					if ve-vs > longRun && (vs == 0 || !isQuote(s[vs-1])) {
						runEnd = max(runEnd, ve)
					}
				}
				if ve == vs && (s[p] == ':' || s[p] == '=' && multiline) && op == 1 {
					vs, ve = indentedBlock(s, a, vs) // password:⏎    S3cret, secrets:⏎  - a⏎  - b; an INI file's password =⏎    S3cret
					if ve > vs && referenceList(s[vs:ve]) {
						continue // imagePullSecrets:⏎  - name: regcred: the names of secrets, not their values
					}
				}
				if ve > vs && (vs == 0 || !isQuote(s[vs-1])) && (isNameKey(s[min(a, ka):b]) || personalRules[rule] && isPatientWord(s[a:b])) {
					ve = surnameFirstEnd(s, nameEnd(s, vs, ve)) // patient_name=Jane Roe, Patient: Roe, Jane
				} else if ve > vs && (vs == 0 || !isQuote(s[vs-1])) && isFreeTextKey(s[a:b]) {
					ve = clauseEnd(s, ve) // address: 221B Baker Street, London; diagnosis: type 2 diabetes
				} else if ve > vs && (vs == 0 || !isQuote(s[vs-1])) && personalRules[rule] {
					ve = personalValueEnd(s, s[a:b], vs, ve) // dob: March 14, 1985; NINO: QQ 12 34 56 C
				}
			}
			if strings.HasPrefix(s[vs:], r.mask) { // masked already
				i = max(i, vs+len(r.mask))
				continue
			}
			if vs > 0 && strings.HasPrefix(s[vs-1:], r.mask) { // a mask that opens with the bracket valueAt skips
				i = max(i, vs-1+len(r.mask))
				continue
			}
			if r.isObjectStart(s, vs) { // "auth": {"u": "bob", "p": "…"}: the whole object
				vs, ve = vs+1, objectEnd(s, vs)
				if emptyMembers(s[vs:ve]) {
					continue // dup key: { email: null }: a field's name and no value
				}
			}
			if strings.EqualFold(s[a:b], "cookie") && (vs == 0 || !isQuote(s[vs-1])) {
				ve = cookiesEnd(s, ve) // Cookie: theme=dark; sessionid=…; a1=…: every cookie
			}
			if v := s[vs:ve]; op == 1 && s[p] == ':' && ve < len(s) && s[ve] == ' ' && strings.HasSuffix(v, ":") && (vs == 0 || !isQuote(s[vs-1])) && errorPrefixWords[v[strings.LastIndexByte(v, '/')+1:len(v)-1]] {
				continue // a wrapped error's next prefix: "decrypt secret: cipher: message authentication failed"
			}
			if op == 1 && s[p] == ':' && (ve == len(s) || s[ve] == ' ') && (vs == 0 || !isQuote(s[vs-1])) && isErrorWord(strings.TrimSuffix(s[vs:ve], ".")) {
				continue // an error's message: "jwt: invalid token signature", "api error ExpiredToken: The provided token…", "api key: missing"
			}
			if op == 1 && s[p] == ':' && ve+1 < len(s) && s[ve] == ' ' && (vs == 0 || !isQuote(s[vs-1])) && !personalRules[rule] &&
				(r.proseClause(s, vs, ve) || errorClauseAt(s, vs, ve)) && !isPasswordKey(s[a:b]) {
				continue // a wrapped error's message: "auth: user lookup took 41ms", "token: refreshed in 12ms"
			}
			if op == 1 && s[p] == ':' && ve+1 < len(s) && s[ve] == ' ' && (vs == 0 || !isQuote(s[vs-1])) && !personalRules[rule] && httpStatusAt(s, vs, ve) {
				continue // a failed request's status: "oauth2: cannot fetch token: 401 Unauthorized"
			}
			if op == 1 && s[p] == ':' && ve+1 < len(s) && s[ve] == ' ' && (vs == 0 || !isQuote(s[vs-1])) && isPairWord(s[vs:ve]) && !strings.ContainsAny(s[vs:ve], ",;") {
				if ws, we := wordAt(s, ve+1); isPairWord(s[ws:we]) {
					continue // a list of pairs, each judged by its own key: "auth: user=bob method=oidc result=ok"
				}
			}
			if op == 1 && (vs == 0 || !isQuote(s[vs-1])) && r.nextPairKey(s, vs, ve) {
				continue // credentials: SecretAccessKey: …, auth: token: …: the next pair's key and its value
			}
			if op == 1 && s[p] == ':' && ve+1 < len(s) && s[ve] == ' ' && r.verdict(s[vs:ve]).rule != "" {
				if ws, we := wordAt(s, ve+1); isErrorWord(s[ws:we]) {
					continue // the term again, as an error's subject: "jwt: token is malformed", "*v1.Secret: secrets is forbidden"
				}
			}
			ve = ipListEnd(s, vs, ve)    // X-Forwarded-For: 198.51.100.7, 203.0.113.9
			ve = pairedValueEnd(s, ve)   // credentials: bob / Hunter2
			ve = paramListEnd(s, vs, ve) // Stripe-Signature: t=1733011200,v1=5257a8…,v0=6ffbb5…
			if op == 1 && s[p] == '=' && a > 0 && s[a-1] == ';' && vs > 0 && !isQuote(s[vs-1]) {
				ve = connStringValueEnd(s, ve) // Server=db;Pwd=Ab3 cD4eF5;: a connection string's value runs to its ';'
			}
			if op == 1 && (s[p] == '=' || s[p] == ':') && blanksOnly(s, p+1, vs) && (vs == 0 || !isQuote(s[vs-1])) && ve < len(s) && (s[ve] == ' ' || s[ve] == '\t') && quotedArgAt(s, a) {
				ve = quotedArgEnd(s, a-1, ve) // '--password=Tulip Garden', 'pass: Tulip Garden': an argument or a segment with spaces quoted whole
			}
			if op == 1 && ve < len(s) && ansiCQuoteAt(s, a-1) && quotedArgAt(s, a) && vs > a && s[vs-1] != '\'' && s[vs] != '\\' {
				ve = max(ve, ansiCEnd(s, a-1, vs)) // $'--password=Tulip\tGarden', $'--token=a\nb': escapes inside bash's quoting
			}
			if queryParam && !looksLikeCredential(s[vs:ve]) {
				continue // ?key=users:42, &code=200
			}
			key := s[a:b]
			if ka < a {
				key = s[ka:b] // name on card: the phrase's verdict, not card's
			}
			if qualified && (vs == 0 || !isQuote(s[vs-1])) && !looksLikeCredential(s[vs:vs+max(0, strings.IndexByte(s[vs:ve]+" ", ' '))]) {
				continue // token (string): The API token, a usage line's type
			}
			if op == 1 && s[p] == '=' && (vs == 0 || !isQuote(s[vs-1])) && terraformReference(s[vs:ve]) {
				continue // password = var.db_password: a reference to a value that is kept elsewhere
			}
			if ve > vs && !r.keepValue(key, s[vs:ve]) && !isPlaceholder(s, vs, ve) {
				if !xml && op == 1 && (vs == 0 || !isQuote(s[vs-1])) && s[vs] != '{' && lineValueRuns(s, a, b, p, vs, ve, multiline, personalRules[rule]) {
					ve = plainLineEnd(s, ve) // password: p@ss w0rd and more, password = my secret phrase (YAML, INI), set PWD=two words
				}
				if clipped {
					ve = max(ve, runEnd)
				}
				spans = append(spans, span{vs, ve})
				note(rule)
				i = max(i, ve)
			}
			if ns, ne := changedValue(s, ve); ne > ns && !r.keepValue(s[a:b], s[ns:ne]) { // ~ password = "…" -> "…"
				spans = append(spans, span{ns, ne})
				note(rule)
				i = max(i, ne)
			}
			fe := ve
			if fe-vs > 2 && fe < len(s) && isQuote(s[fe]) && (strings.HasSuffix(s[vs:fe], "||") || strings.HasSuffix(s[vs:fe], "??")) {
				fe -= 2 // token = env.TOKEN??'…': the operator glued to the value
			}
			if ds, de := fallbackValue(s, fe); de > ds && !r.keepValue(s[a:b], s[ds:de]) { // token = process.env.TOKEN || "…"
				spans = append(spans, span{ds, de})
				note(rule)
				i = max(i, de)
			}
			continue
		}
		// Prose and command lines: the key word, a space, then what follows.
		if r.sqlRule != "" && b-a == 5 && b < len(s) && s[b] == ' ' && strings.EqualFold(s[a:b], "login") && imapTag(s, a) {
			// IMAP: a001 LOGIN alice "S3cret"
			if vs, ve := imapPassword(s, b); ve > vs && !r.keepValue("", s[vs:ve]) {
				spans = append(spans, span{vs, ve})
				note(r.sqlRule)
				i = ve
			}
			continue
		}
		if quotedKey && b+2 < len(s) && s[b+1] == ' ' && s[b+2] == '"' && redisConfigSetAt(s, a) && r.mayBeKey(s[a:b]) {
			// Redis MONITOR: "CONFIG" "SET" "requirepass" "…"
			if rule, _ := r.phraseRule(s, a, b); rule != "" {
				if vs, ve := valueAt(s, b+2); ve > vs && !r.keepValue(s[a:b], s[vs:ve]) {
					spans = append(spans, span{vs, ve})
					note(rule)
					i = max(i, ve)
				}
			}
			continue
		}
		if quotedKey && b+1 < len(s) && s[b+1] == ' ' && r.mayBeKey(s[a:b]) { // Setting output 'token' to '…'
			if rule, _ := r.phraseRule(s, a, b); rule != "" && namedByFlag(s, a) { // --name "/prod/api/token" --value "…"
				if fs, fe := valueFlagArg(s, b+1); fe > fs && !r.keepValue(s[a:b], s[fs:fe]) {
					spans = append(spans, span{fs, fe})
					note(rule)
					i = max(i, fe)
					continue
				}
			}
			if ws, we := wordAt(s, skipSpaces(s, b+1)); we > ws && isLinkingWord(s[ws:we]) {
				if rule, _ := r.phraseRule(s, a, b); rule != "" {
					if q := afterLinking(s, we); q < len(s) && isQuote(s[q]) {
						if vs, ve := valueAt(s, q); ve > vs && !r.keepValue(s[a:b], s[vs:ve]) {
							spans = append(spans, span{vs, ve})
							note(rule)
							i = max(i, ve)
						}
					}
				}
			}
			continue
		}
		if b+1 < len(s) && isQuote(s[b]) && s[b+1] == ' ' && r.mayBeKey(s[a:b]) && namedByFlag(s, a) { // --name "/prod/api/token" --value "…"
			if rule, _ := r.phraseRule(s, a, b); rule != "" {
				if fs, fe := valueFlagArg(s, b+1); fe > fs && !r.keepValue(s[a:b], s[fs:fe]) {
					spans = append(spans, span{fs, fe})
					note(rule)
					i = max(i, fe)
				}
			}
			continue
		}
		if a > 4 && s[a-1] == ' ' && r.mayBeKey(s[a:b]) { // use … as the password, with '…' as your api key
			// The term is the key word, or the word before it and the key
			// word: never the whole text, which a key's own judgement scans.
			ka := a
			vs, ve := secretAsTerm(s, a)
			if ve == vs {
				ka = a - 1
				for ka > 0 && ka > a-64 && isKeyChar(s[ka-1]) {
					ka--
				}
				vs, ve = secretAsTerm(s, ka)
			}
			if ve > vs {
				if rule := r.keyRule(s[ka:b]); rule != "" && !personalRules[rule] && !r.keepValue(s[a:b], s[vs:ve]) && !strings.Contains(s[vs:ve], r.mask) {
					spans = append(spans, span{vs, ve})
					note(rule)
				}
			}
		}
		if b+2 < len(s) && s[b] == ',' && s[b+1] == ' ' && strings.IndexAny(s[a:b], "_-") > 0 && r.mayBeKey(s[a:b]) {
			// A list of a key and its value: Sec-WebSocket-Protocol: access_token, …
			if ws, we := wordAt(s, b+2); we-ws >= 16 && looksLikeCredential(s[ws:we]) && (we == len(s) || s[we] != '=') {
				if rule := r.keyRule(s[a:b]); rule != "" && !personalRules[rule] && !r.keepValue(s[a:b], s[ws:we]) {
					spans = append(spans, span{ws, we})
					note(rule)
					i = we
					continue
				}
			}
		}
		sp := b              // the space after the key: after "no." too (account no. 12345678)
		abbreviated := false // d.o.b. 7 Mar 1984, dob. 1984-03-07: personal terms only
		if b+1 < len(s) && s[b] == '.' && s[b+1] == ' ' && isNumberAbbr(s[a:b]) {
			sp = b + 1
		} else if b+1 < len(s) && s[b] == '.' && s[b+1] == ' ' && abbreviatedKey(s[a:b]) {
			sp, abbreviated = b+1, true
		}
		numberSign := b+1 < len(s) && s[b] == '#' && isDigit(s[b+1]) // SSN#078051120: personal terms only
		if !numberSign && (sp >= len(s) || (s[sp] != ' ' && s[sp] != '\t')) || !r.mayBeKey(s[a:b]) {
			continue
		}
		if r.sqlRule != "" && b-a == 12 && strings.EqualFold(s[a:b], "authenticate") { // IMAP: a1 AUTHENTICATE PLAIN AGJvYgBz…
			for _, v := range saslResponse(s, b) {
				if !r.keepValue("", s[v[0]:v[1]]) {
					spans = append(spans, span{v[0], v[1]})
					note(r.sqlRule)
					i = max(i, v[1])
				}
			}
			continue
		}
		if r.nameRule != "" && s[a:b] == "Dear" { // a letter's salutation: Dear Jane Roe,
			if vs, ve := salutationName(s, b); ve > vs {
				spans = append(spans, span{vs, ve})
				note(r.nameRule)
				i = ve
			}
			continue
		}
		if r.sqlRule != "" && strings.EqualFold(s[a:b], "identified") { // SQL: IDENTIFIED BY '…'
			if vs, ve := identifiedBy(s, b); ve > vs && !r.keepValue("", s[vs:ve]) {
				spans = append(spans, span{vs, ve})
				note(r.sqlRule)
				i = ve
			}
			continue
		}
		props := false
		if d := strings.LastIndexByte(s[a:b], '.'); d >= 0 && !isInitialism(s[a:b]) {
			// A file name or a dotted path before a word (archive.zip
			// notes.txt), unless its last part is a key: a Java properties
			// file separates a key from its value with spaces
			// (mail.smtp.password S3cret).
			if last := s[a+d+1 : b]; len(last) < 5 && fb.lower(last) == last || isKeyFileName(s[a:b]) {
				continue // a file's extension: export.zip, notes.sig
			}
			a += d + 1
			props = lineStartAt(s, a-d-1)
		}
		rule, ka := r.phraseRule(s, a, b) // "api key", "card verification value"
		if rule == "" || machineInText(s, a, b) || abbreviated && !personalRules[rule] {
			continue
		}
		if numberSign {
			if ve := digitsEnd(s, b+1); personalRules[rule] && ve-b > 5 && (ve == len(s) || !isAlnum(s[ve])) && !r.keepValue(s[a:b], s[b+1:ve]) {
				spans = append(spans, span{b + 1, ve})
				note(rule)
				i = ve
			}
			continue
		}
		if ka > 0 && s[ka-1] == '$' || ka > 1 && s[ka-1] == '{' && s[ka-2] == '$' {
			continue // a shell variable's value, not the word after it: snmpwalk -c $SNMP_COMMUNITY 10.0.0.1
		}
		if shortFlagArgument(s, a, b) {
			continue // the value of a flag, written as a password is, names no word after it: unzip -P BluePass42 invoices.zip
		}
		if vs, ve := envDirectiveEnd(s, a, b); ve > vs && !isQuote(s[vs]) { // ENV DB_PASSWORD two words
			if !r.keepValue(s[a:b], s[vs:ve]) && !isPlaceholder(s, vs, ve) {
				spans = append(spans, span{vs, ve})
				note(rule)
			}
			i = max(i, ve)
			continue
		}
		if cmd := s[a:b]; cmd == "AUTH" || cmd == "PASS" { // a protocol's command: Redis, SMTP, FTP, POP3
			if a > 0 && strings.IndexByte("$:%{", s[a-1]) >= 0 {
				continue // a variable: echo $PASS > f, -passout env:PASS -out req.csr
			}
			for _, v := range protocolSecrets(s, b, cmd == "AUTH") {
				if w := s[v[0]:v[1]]; v[1] > v[0] && w[0] != '-' && w != ">" && w != ">>" && w != "|" && w != "<" && !r.keepValue("", w) {
					spans = append(spans, span{v[0], v[1]})
					note(rule)
					i = max(i, v[1])
				}
			}
			continue
		}
		q := skipSpaces(s, sp)
		if n := continuationLen(s, q); n > 0 && q+n < len(s) && s[q+n] != '\n' {
			q += n // --token \⏎  …: the value on the next line
		}
		if q >= len(s) {
			continue
		}
		if personalRules[rule] && isAddressWord(s[a:b]) && postalAddressWord(s, a, b) {
			if vs, ve := streetAddressAt(s, q); ve > vs { // shipping address 1600 Pennsylvania Ave NW
				if !r.keepValue(s[a:b], s[vs:ve]) {
					spans = append(spans, span{vs, ve})
					note(rule)
				}
				i = max(i, ve)
				continue
			}
		}
		if ws, we := wordAt(s, q); !personalRules[rule] && (!r.metadata[fb.lower(s[ws:we])] || strings.EqualFold(s[ws:we], "reset")) { // not: new password policy applied: …
			if vs, ve := announcedSecret(s, ka, b); ve > vs {
				if !r.keepValue(s[a:b], s[vs:ve]) {
					spans = append(spans, span{vs, ve}) // A temporary password is generated for root@localhost: …
					note(rule)
				}
				i = ve // the sentence is the value's, masked now or already
				continue
			}
		}
		// A string literal's prefix: PASSWORD E'…', N'…'.
		q += literalPrefix(s, q)
		if namedByFlag(s, a) { // aws ssm put-parameter --name /prod/db/password --value …
			if fs, fe := valueFlagArg(s, b); fe > fs && !r.keepValue(s[a:b], s[fs:fe]) {
				spans = append(spans, span{fs, fe})
				note(rule)
				i = fe
				continue
			}
		}
		if s[q] == '|' && tableCell(s, a) { // | password | S3cret |
			if vs, ve := cellAt(s, q+1); ve > vs && !r.keepValue(s[a:b], s[vs:ve]) && !isPlaceholder(s, vs, ve) {
				spans = append(spans, span{vs, ve})
				note(rule)
				i = ve
			}
			continue
		}
		if d := dashAt(s, q); d > 0 { // api key - 3c9d…, token — 3c9d…
			if ws, we := wordAt(s, skipSpaces(s, q+d)); we > ws && looksLikeCredential(s[ws:we]) && !r.keepValue(s[a:b], s[ws:we]) {
				spans = append(spans, span{ws, we})
				note(rule)
				i = we
			}
			continue
		}
		if c := s[q]; c == '"' || c == '\'' || c == '`' { // token "…"
			if vs, ve := valueAt(s, q); ve > vs && !r.keepValue(s[a:b], s[vs:ve]) && (!strings.ContainsAny(s[vs:ve], "\n ") || passphrase(s[a:b], s[vs:ve]) || quotedFlagArgument(s, a, b, vs, ve)) &&
				!apiStatusAfter(s, ve) && !(strings.EqualFold(strings.TrimSuffix(s[a:b], "s"), "secret") && kubectlStatusAfter(s, ve)) && !iniSubsection(s, a, ve) {
				spans = append(spans, span{vs, ve})
				note(rule)
				i = ve
			}
			continue
		}
		ws, we := wordAt(s, q)
		if w := s[ws:we]; w == "--plaintext" || len(w) == 1 && isDigit(w[0]) && !personalRules[rule] && we+1 < len(s) && s[we] == ' ' && s[we+1] != ' ' || personalRules[rule] && (isNumberWord(s, ws, we) || strings.EqualFold(w, "on") && isBirthKey(s[ka:b])) {
			if we < len(s) && (s[we] == '.' || s[we] == ':') {
				we++
			}
			ws, we = wordAt(s, skipSpaces(s, we)) // rootpw --plaintext …, passport no. …, born on …
		}
		if we == ws || scopeListWord(s, a, s[ws:we]) { // scope: openid email offline_access: names of scopes
			continue
		}
		flag := s[a] == '-'
		switch w := s[ws:we]; {

		case props && lineEndAt(s, we) && !isCommonWord(w) && w[0] != '-': // spring.datasource.password hunter2⏎
			if !r.keepValue(s[a:b], w) && !isPlaceholder(s, ws, we) {
				spans = append(spans, span{ws, we})
				note(rule)
				i = we
			}
		case s[a:b] == "password" && netrcPasswordAt(s, a) && !isCommonWord(w): // machine HOST login USER password …
			if !r.keepValue(s[a:b], w) {
				spans = append(spans, span{ws, we})
				note(rule)
				i = we
			}
		case flag && w[0] != '-': // --password hunter2
			if !r.keepValue(s[a:b], w) && !flagProse(w) {
				spans = append(spans, span{ws, we})
				note(rule)
				i = we
			}
		case strings.EqualFold(w, "for"): // password for user bob: …, PASSWORD FOR 'bob'@'%' = '…'
			if vs, ve := valueAfterWhom(s, we); ve > vs && !r.keepValue(s[a:b], s[vs:ve]) && !isAbsPath(s[vs:ve]) && // passphrase for key '/home/bob/.ssh/id_ed25519'
				(vs > 0 && isQuote(s[vs-1]) || len(s[vs:ve]) >= 4 && !isCommonWord(s[vs:ve])) {
				spans = append(spans, span{vs, ve})
				note(rule)
				i = ve
			} else if ve > vs && strings.Contains(s[max(0, vs-1):min(len(s), ve+1)], r.mask) {
				i = max(i, ve) // masked already: the name before it is whom it is for, no value (pass for bob: [REDACTED])
			} else {
				for _, v := range whomThenChange(s, we) { // password for bob changed from … to …
					if x := s[v[0]:v[1]]; v[1]-v[0] >= 4 && !isCommonWord(x) && !isErrorWord(x) && !r.keepValue(s[a:b], x) {
						spans = append(spans, span{v[0], v[1]})
						note(rule)
						i = max(i, v[1])
					}
				}
			}
		case changeTo(s, w, we): // password changed from … to …: the old value and the new
			fs, fe, ts, te := changeValues(s, w, we)
			if old := s[fs:fe]; isCommonWord(old) || isErrorWord(old) {
				break // changed from the admin panel to …: prose
			}
			for _, v := range [2][2]int{{fs, fe}, {ts, te}} {
				if x := s[v[0]:v[1]]; len(x) >= 4 && !isCommonWord(x) && !isErrorWord(x) && !r.keepValue(s[a:b], x) {
					spans = append(spans, span{v[0], v[1]})
					note(rule)
				}
			}
			i = max(i, te)
		case isLinkingWord(w): // password is …, reset password to …, password was changed to …
			q = afterLinking(s, we)
			if e := birthDateAfterLinking(s, s[ka:b], q); personalRules[rule] && e > q {
				spans = append(spans, span{q, e}) // date of birth is 4 May 1990
				note(rule)
				i = e
				continue
			}
			if q < len(s) && (s[q] == '"' || s[q] == '\'' || s[q] == '`') {
				if vs, ve := valueAt(s, q); ve > vs && ve+2 < len(s) && s[ve+1] == ' ' && isQuote(s[ve+2]) &&
					(r.namesSecretSetting(s[vs:ve]) || strings.EqualFold(w, "set") && strings.HasSuffix(strings.ToLower(strings.TrimSuffix(s[a:b], "s")), "secret")) {
					// secrets set "Db:Password" "…", user-secrets set "ConnectionStrings:Db" "…": a name, then its value
					if ns, ne := valueAt(s, ve+2); ne > ns && !r.keepValue(s[a:b], s[ns:ne]) {
						spans = append(spans, span{ns, ne})
						note(rule)
						i = ne
					}
					continue
				}
				if vs, ve := valueAt(s, q); ve > vs && !r.keepValue(s[a:b], s[vs:ve]) {
					spans = append(spans, span{vs, ve})
					note(rule)
					i = ve
				}
				continue
			}
			vs, ve := wordAt(s, q)
			if v := s[vs:ve]; ve > vs && v[0] == '-' { // secret set --vault-name kv … --value …: a command's flags
				if fs, fe := valueFlagArg(s, vs); fe > fs && !r.keepValue(s[a:b], s[fs:fe]) {
					spans = append(spans, span{fs, fe})
					note(rule)
					i = fe
				}
				continue
			}
			if r.nextPairKey(s, vs, ve) {
				continue // token -> SessionToken: …: the next pair's key
			}
			if ve < len(s) && s[ve] == ':' && namesWhom(s, ve) {
				continue // password as host: …, password for the account as user: …: a label, not the value
			}
			if v := s[vs:ve]; (len(v) >= 4 && !isCommonWord(v) && !isErrorWord(v) && !(lowerWord(v) && participle(v)) || shortCodeFits(s[ka:b], v)) && !r.keepValue(s[a:b], v) { // token is malformed; the cvv was 842; passwords are hashed with …
				spans = append(spans, span{vs, ve})
				note(rule)
				i = ve
			}
		case personalRules[rule] && isPatientWord(s[a:b]) && w[0] >= 'A' && w[0] <= 'Z' && !(r.mayBeKey(w) && r.keyRule(w) != ""): // patient Jane Roe; not patient DOB …, whose own value follows
			if e := nameEnd(s, ws, nameWordEnd(s, ws)); e > ws {
				spans = append(spans, span{ws, e})
				note(rule)
				i = e
			}
		case personalRules[rule] && isICDKey(s[ka:b]) && isICDCode(w): // ICD-10 code F32.1
			spans = append(spans, span{ws, we})
			note(rule)
			i = we
		case personalRules[rule] && macKeyAt(s, ka, b) && isMACAddress(w): // mac address 00:1A:2B:3C:4D:5E, 001a.2b3c.4d5e
			spans = append(spans, span{ws, we})
			note(rule)
			i = we
		case personalRules[rule] && isBirthKey(s[ka:b]) && (isDigit(w[0]) || monthWord(w)): // date of birth 12 March 1984
			if e := dateEnd(s, ws); e > ws {
				spans = append(spans, span{ws, e})
				note(rule)
				i = e
			}
		case personalRules[rule] && isCoordinate(w): // lat 51.5007, coordinates 40.7128,-74.0060
			e := personalValueEnd(s, s[ka:b], ws, we)
			spans = append(spans, span{ws, e})
			note(rule)
			i = e
		case shortCodeFits(s[ka:b], w): // CVC 431, PIN 4321
			if !r.keepValue(s[a:b], w) {
				spans = append(spans, span{ws, we})
				note(rule)
				i = we
			}
		case personalRules[rule] && isPostcodeKey(s[ka:b]) && postcodeEnd(s, ws, we) > we: // postcode SW1A 1AA
			e := postcodeEnd(s, ws, we)
			spans = append(spans, span{ws, e})
			note(rule)
			i = e
		case personalRules[rule] && groupedID(s, ws, we): // Aadhaar 2345 6789 0123, NINO QQ 12 34 56 C
			e, _ := idGroupsEnd(s, ws, we)
			spans = append(spans, span{ws, e})
			note(rule)
			i = e
		case personalRules[rule] && dashedNumber(w): // SSN 078051120, member id 88412, mrn 552-907
			if !r.keepValue(s[a:b], w) {
				spans = append(spans, span{ws, we})
				note(rule)
				i = we
			}
		case looksLikeCredential(w) && !strings.HasPrefix(w, "--") && !isLetterFlag(w) && !(isKebabName(w) && !isPasswordKey(s[ka:b])) || userAndPassword(w): // token 9f8e7d6c5b4a…, basic auth bob:Pa55w0rd; not get-login-password --region, $SVC_PW -AsPlainText
			if we < len(s) && s[we] == ':' && namesWhom(s, we) && hasMakingWord(s[max(0, ka-241):we]) {
				break // a temporary password for db7host: …: whom an announced secret is for, not the secret
			}
			if !r.keepValue(s[a:b], w) {
				spans = append(spans, span{ws, we})
				note(rule)
				i = we
			}
		}
	}
	if r.sqlRule != "" && (strings.IndexByte(s, '|') >= 0 || strings.Contains(s, "<<<")) {
		spans = r.stdinSecrets(s, spans, note)
	}
	if r.sqlRule != "" && (strings.Contains(s, "net user ") || strings.Contains(s, "rabbitmqctl ") || strings.Contains(s, "vault login ") ||
		strings.Contains(s, "wpa_passphrase ") || strings.Contains(s, "mc alias set ") || strings.Contains(s, "mc config host add ") ||
		strings.Contains(s, "community") || strings.Contains(s, "com2sec ")) {
		spans = r.positionalPasswords(s, spans, note)
	}
	if r.sqlRule != "" && strings.Contains(s, "passwd ") { // openssl passwd -6 …, mkpasswd -m sha-512 …
		spans = r.hashedPasswords(s, spans, note)
	}
	if r.sqlRule != "" && (strings.Contains(s, "SETUSER") || strings.Contains(s, "setuser")) {
		spans = r.redisACLPasswords(s, spans, note)
	}
	if r.sqlRule != "" {
		spans = r.commandPasswords(s, spans, note)
	}
	if strings.IndexByte(s, '(') >= 0 {
		spans = r.lispForms(s, spans, note)
	}
	if strings.IndexByte(s, '/') >= 0 {
		spans = r.pathTokens(s, spans, note)
	}
	if strings.Contains(s, "VALUES") || strings.Contains(s, "values") {
		spans = r.insertValues(s, spans, note)
	}
	if strings.Contains(s, "ecret") { // kind: Secret (or secret), data: {…}
		spans = r.kubeSecretData(s, spans, note)
	}
	if strings.Contains(s, "--from-literal") { // kubectl create secret generic db --from-literal=url=…
		spans = r.secretLiterals(s, spans, note)
	}
	if r.sqlRule != "" && f&hasColon != 0 && strings.Contains(s, "AuthInfo") { // sendmail: AuthInfo:host "U:user" "P:…"
		spans = r.sendmailAuthInfo(s, spans, note)
	}
	if r.sqlRule != "" && (strings.Contains(s, "composer config ") || strings.Contains(s, "composer.phar config ")) { // composer config -g github-oauth.github.com …
		spans = r.composerAuthSettings(s, spans, note)
	}
	if r.sqlRule != "" && strings.IndexByte(s, '/') >= 0 && (strings.Contains(s, "og") || strings.Contains(s, "OG") || strings.Contains(s, "gn") || strings.Contains(s, "GN")) { // login with admin / S3cret!9
		spans = r.loginPairs(s, spans, note)
	}
	if r.sqlRule != "" && strings.Contains(s, "user") { // .curlrc: user = "alice:…"
		spans = r.curlrcLogins(s, spans, note)
	}
	if multiline && strings.IndexByte(s, '[') >= 0 { // [credentials]⏎key = …
		spans = r.iniSections(s, spans, note)
	}
	if f&hasDash == 0 {
		return spans
	}
	return r.findUserFlag(s, spans, note)
}

// pathVerbs are the segments of a URL's path that act on the secret the
// segment before them names: /password/reset/<token>.
var pathVerbs = map[string]bool{
	"reset": true, "verify": true, "confirm": true, "activate": true, "redeem": true, "accept": true,
	"use": true, "login": true, "callback": true,
}

// pathTokens masks a capability token in a URL's path: a segment that
// looks like a random token (pathToken) right after a segment that names
// a secret (/reset-password/<token>, /auth/token/<token>,
// /magic-link/<token>), or after a verb that follows one
// (/password/reset/<token>, /password-reset/<token>). Names of secrets (/secrets/db-credentials-v2),
// ids and file names are kept.
func (r *Redactor) pathTokens(s string, spans []span, note func(string)) []span {
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '/')
		if k < 0 {
			break
		}
		q := i + k + 1
		i = q
		e := q
		for e < len(s) && pathSegmentByte(s[e]) {
			e++
		}
		if e-q < 16 || !pathToken(s[q:e]) {
			continue
		}
		prev := pathSegmentBefore(s, q-1)
		rule := ""
		if prev >= 0 && pathWord(s[prev:q-1]) {
			seg := s[prev : q-1]
			rule = r.keyRule(seg)
			if d := strings.LastIndexAny(seg, "-_"); rule == "" && d > 0 && pathVerbs[strings.ToLower(seg[d+1:])] {
				rule = r.keyRule(seg[:d]) // /password-reset/<token>
			}
			if rule == "" && pathVerbs[strings.ToLower(seg)] {
				if pp := pathSegmentBefore(s, prev-1); pp >= 0 && pathWord(s[pp:prev-1]) {
					rule = r.keyRule(s[pp : prev-1])
				}
			}
		}
		if rule == "" || r.keepValue("", s[q:e]) {
			continue
		}
		spans = append(spans, span{q, e})
		note(rule)
		i = e
	}
	return spans
}

// pathSegmentBefore returns the start of the segment of a path that ends
// at the '/' at s[slash], or -1 when there is none (no slash, an empty
// segment).
func pathSegmentBefore(s string, slash int) int {
	if slash <= 0 || slash >= len(s) || s[slash] != '/' {
		return -1
	}
	p := slash
	for p > 0 && pathSegmentByte(s[p-1]) {
		p--
	}
	if p == slash || p == 0 || s[p-1] != '/' {
		return -1
	}
	return p
}

// pathWord reports whether seg is a segment of a path that names
// something in words, as routes do: three or more lower-case letters,
// '-' and '_' (not a piece of base64 that holds a slash).
func pathWord(seg string) bool {
	if len(seg) < 3 {
		return false
	}
	for i := 0; i < len(seg); i++ {
		if c := seg[i]; !(c >= 'a' && c <= 'z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// pathSegmentByte reports whether c may be a byte of a token in a path.
func pathSegmentByte(c byte) bool {
	return isAlnum(c) || c == '-' || c == '_' || c == '.' || c == '~'
}

// pathToken reports whether seg looks like a random token rather than a
// name: a UUID, letters of both cases and digits (base64url), or 20 or
// more letters and digits with both and nothing between them (hex).
func pathToken(seg string) bool {
	if isUUID(seg) {
		return true
	}
	if strings.IndexByte(seg, '.') >= 0 || !hasDigit(seg) {
		return false // a file, a name
	}
	if mixedCase(seg) {
		return true
	}
	return len(seg) >= 20 && isAlnumOnly(seg)
}

// redisACLPasswords masks the passwords that Redis' ACL SETUSER rules add
// (>password) and their hashes (#<sha256>), on the line of each SETUSER.
func (r *Redactor) redisACLPasswords(s string, spans []span, note func(string)) []span {
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], "SETUSER")
		if l := strings.Index(s[i:], "setuser"); l >= 0 && (k < 0 || l < k) {
			k = l
		}
		if k < 0 {
			break
		}
		q := i + k + len("SETUSER")
		if i+k > 0 && isAlnum(s[i+k-1]) || q < len(s) && isAlnum(s[q]) { // a word of its own, as the prefilter reads words
			i = q
			continue
		}
		end := len(s)
		if n := strings.IndexByte(s[q:], '\n'); n >= 0 {
			end = q + n
		}
		for q < end {
			q = skipSpaces(s, q)
			if q < end && (s[q] == '"' || s[q] == '\'') {
				q++ // MONITOR quotes each argument: "setuser" "bob" ">S3cret"
			}
			w := q
			for w < end && s[w] != ' ' && s[w] != '"' && s[w] != '\'' {
				w++
			}
			if w-q > 1 && (s[q] == '>' || s[q] == '#' && w-q == 65) && !r.keepValue("", s[q+1:w]) {
				spans = append(spans, span{q + 1, w})
				note(r.sqlRule)
			}
			q = w + 1
		}
		i = end
	}
	return spans
}

// hashingCommands are the commands that print the hash of a password
// given as their first argument that is no flag, and the flags of theirs
// that take a value.
var hashingCommands = [...]struct {
	cmd   string
	flags []string
}{
	{"openssl passwd ", []string{"-salt"}},
	{"mkpasswd ", []string{"-m", "-S", "-R", "-P", "--method", "--salt", "--rounds", "--password-fd"}},
}

// hashedPasswords masks the password that a command of hashingCommands
// hashes (openssl passwd -6 S3cret, mkpasswd -m sha-512 S3cret); one read
// from standard input or a file (-stdin, -in, -s) is not in the text.
func (r *Redactor) hashedPasswords(s string, spans []span, note func(string)) []span {
	for _, c := range hashingCommands {
		for q := range commandsIn(s, c.cmd, "$(:") {
			for {
				q = skipSpaces(s, q)
				if q >= len(s) || strings.IndexByte("\n\r|;&)", s[q]) >= 0 {
					break
				}
				quoted := isQuote(s[q])
				vs, ve := commandArg(s, q)
				if !quoted && ve > vs && s[ve-1] == ')' {
					ve-- // the end of $(openssl passwd …)
				}
				q = ve
				if quoted {
					q = min(len(s), ve+1)
				}
				v := s[vs:ve]
				if v == "" {
					if !quoted {
						break // a control byte
					}
					continue
				}
				if v[0] == '-' && !quoted {
					if v == "-stdin" || v == "-s" || v == "--stdin" || v == "-in" {
						break
					}
					if slices.Contains(c.flags, v) { // the flag's value
						q = skipSpaces(s, q)
						_, q = commandArg(s, q)
						if q < len(s) && isQuote(s[q]) {
							q++
						}
					}
					continue
				}
				if v[0] != '$' && !strings.HasPrefix(v, r.mask) && !r.keepValue("", v) {
					spans = append(spans, span{vs, ve})
					note(r.sqlRule)
				}
				break
			}
		}
	}
	return spans
}

// positionalCommands are commands that take a password as a positional
// argument: the words that start them, and which argument after those is
// the password.
var positionalCommands = [...]struct {
	cmd  string
	arg  int
	upto int // the last argument that is a secret, when more than one is
}{
	{"net user ", 2, 2},                       // net user NAME PASSWORD [/add]
	{"rabbitmqctl add_user ", 2, 2},           // rabbitmqctl add_user NAME PASSWORD
	{"rabbitmqctl change_password ", 2, 2},    // rabbitmqctl change_password NAME PASSWORD
	{"rabbitmqctl authenticate_user ", 2, 2},  // rabbitmqctl authenticate_user NAME PASSWORD
	{"rabbitmqctl -q add_user ", 2, 2},        // with rabbitmqctl's quiet flag
	{"rabbitmqctl -q change_password ", 2, 2}, //
	{"vault login ", 1, 1},                    // vault login [-no-print] [-method github] TOKEN: flags count as no argument
	{"wpa_passphrase ", 2, 2},                 // wpa_passphrase SSID PASSPHRASE
	{"mc alias set ", 3, 4},                   // mc alias set NAME URL ACCESSKEY SECRETKEY (MinIO)
	{"mc config host add ", 3, 4},             // the same in MinIO's older client
	{"rocommunity ", 1, 1},                    // snmpd.conf: rocommunity COMMUNITY [SOURCE]
	{"rwcommunity ", 1, 1},
	{"rocommunity6 ", 1, 1},
	{"rwcommunity6 ", 1, 1},
	{"com2sec ", 3, 3},               // snmpd.conf: com2sec NAME SOURCE COMMUNITY
	{"snmp-server community ", 1, 1}, // Cisco IOS: snmp-server community COMMUNITY RO
}

// vaultValueFlags are the flags of vault login that take a value, which
// may follow them as the next word (-method github).
var vaultValueFlags = map[string]bool{
	"method": true, "address": true, "path": true, "namespace": true, "ns": true, "format": true,
	"field": true, "ca-cert": true, "ca-path": true, "client-cert": true, "client-key": true,
	"tls-server-name": true, "mfa": true, "wrap-ttl": true, "header": true, "policy-override": true,
	"agent-address": true, "log-level": true, "unlock-key": true,
}

// positionalPasswords masks the password that a command of
// positionalCommands takes as an argument (quoted or not; "*", which asks
// for it, and Windows switches such as /add are no password).
func (r *Redactor) positionalPasswords(s string, spans []span, note func(string)) []span {
	for _, c := range positionalCommands {
		flags := c.cmd == "vault login " // flags (-x, -x=v, -x v for one of vaultValueFlags) come first
		for q := range commandsIn(s, c.cmd, "$:") {
			flagged := false // a flag came first: the token must look like one (vault login -h for help)
			for n := 1; ; n++ {
				q = skipSpaces(s, q)
				if q >= len(s) || s[q] == '\n' || s[q] == '\r' || s[q] == '|' || s[q] == ';' || s[q] == '&' {
					break
				}
				quoted := isQuote(s[q])
				vs, ve := commandArg(s, q)
				q = ve
				if quoted {
					q = min(len(s), ve+1) // past the closing quote
				}
				if flags && !quoted && ve-vs > 1 && s[vs] == '-' {
					n-- // vault login -no-print TOKEN: a flag is no argument
					flagged = true
					if f := strings.TrimLeft(s[vs:ve], "-"); strings.IndexByte(f, '=') < 0 && vaultValueFlags[f] {
						if w := skipSpaces(s, q); w < len(s) && s[w] != '\n' && s[w] != '-' {
							_, q = commandArg(s, w) // -method github: the flag's value
							if isQuote(s[w]) {
								q = min(len(s), q+1)
							}
						}
					}
					continue
				}
				if n < c.arg {
					continue
				}
				if v := s[vs:ve]; ve > vs && v != "*" && v != "-" && v[0] != '/' && v[0] != '$' && !(v[0] == '-' && !quoted) &&
					!strings.Contains(v, "=") && !r.keepValue("", v) && (!flagged || looksLikeCredential(v)) {
					spans = append(spans, span{vs, ve})
					note(r.sqlRule)
				}
				if n >= c.upto {
					break
				}
			}
		}
	}
	return spans
}

// insertValues masks the values that an SQL INSERT gives to the columns
// its column list names sensitive: INSERT INTO users (email, api_key)
// VALUES ('…', '…'), (…) masks the second value of every row.
// Placeholders (?, $1, :name, %s, @p1), NULL and DEFAULT are kept.
func (r *Redactor) insertValues(s string, spans []span, note func(string)) []span {
	for i := 0; ; {
		j := strings.Index(s[i:], "VALUES")
		if k := strings.Index(s[i:], "values"); j < 0 || k >= 0 && k < j {
			j = k
		}
		if j < 0 {
			return spans
		}
		v := i + j
		i = v + len("VALUES")
		c := v
		for c > 0 && (s[c-1] == ' ' || s[c-1] == '\n' || s[c-1] == '\t') {
			c--
		}
		if c == 0 || s[c-1] != ')' {
			continue
		}
		o := strings.LastIndexByte(s[:c-1], '(')
		if o < 0 {
			continue
		}
		var rules []string
		sensitive := false
		for _, col := range strings.Split(s[o+1:c-1], ",") {
			col = strings.Trim(col, " \t\n`\"[]")
			rule := ""
			if col != "" && r.mayBeKey(col) {
				rule = r.keyRule(col)
			}
			rules = append(rules, rule)
			sensitive = sensitive || rule != ""
		}
		if !sensitive {
			continue
		}
		for q := skipSpaces(s, i); q < len(s) && s[q] == '('; {
			n := 0
			q++
			for q < len(s) && s[q] != ')' {
				q = skipSpaces(s, q)
				vs, ve := q, q
				if q < len(s) && s[q] == '\'' {
					vs = q + 1
					ve = vs
					for ve < len(s) && (s[ve] != '\'' || ve+1 < len(s) && s[ve+1] == '\'') {
						if s[ve] == '\'' {
							ve++ // '' inside a string
						}
						ve++
					}
					q = min(len(s), ve+1)
				} else {
					for ve < len(s) && s[ve] != ',' && s[ve] != ')' {
						ve++
					}
					for ve > vs && s[ve-1] == ' ' {
						ve--
					}
					q = ve
				}
				if n < len(rules) && rules[n] != "" && ve > vs && !sqlPlaceholder(s[vs:ve]) && !r.keepValue("", s[vs:ve]) {
					spans = append(spans, span{vs, ve})
					note(rules[n])
				}
				n++
				q = skipSpaces(s, q)
				if q < len(s) && s[q] == ',' {
					q++
				}
			}
			q = skipSpaces(s, min(len(s), q+1))
			if q < len(s) && s[q] == ',' {
				q = skipSpaces(s, q+1)
			}
			i = max(i, q)
		}
	}
}

// sqlPlaceholder reports whether v is a bind parameter or a keyword of
// SQL rather than a value: ?, $1, :name, %s, @p1, NULL, DEFAULT.
func sqlPlaceholder(v string) bool {
	switch {
	case v == "?" || v == "%s" || strings.EqualFold(v, "null") || strings.EqualFold(v, "default"):
		return true
	case len(v) > 1 && (v[0] == '$' || v[0] == ':' || v[0] == '@'):
		return true
	}
	return false
}

// changedValue returns the quoted new value after the quoted value that
// ends at ve in a change ("old" -> "new", as a Terraform plan writes a
// changed attribute), or an empty span.
func changedValue(s string, ve int) (int, int) {
	if ve >= len(s) || !isQuote(s[ve]) {
		return 0, 0
	}
	q := skipSpaces(s, ve+1)
	if !strings.HasPrefix(s[q:], "->") && !strings.HasPrefix(s[q:], "=>") {
		return 0, 0
	}
	if q = skipSpaces(s, q+2); q < len(s) && isQuote(s[q]) {
		return valueAt(s, q)
	}
	return 0, 0
}

// fallbackValue returns the span of the quoted literal that an
// expression ending at s[e] falls back to (process.env.TOKEN || "…",
// env.SECRET ?? '…', getenv('DB_PASS') or '…', ENV.fetch("KEY") { "…" }),
// or an empty span.
func fallbackValue(s string, e int) (int, int) {
	if e < len(s) && isQuote(s[e]) {
		e++
	}
	q := skipSpaces(s, e)
	if q >= len(s) {
		return 0, 0
	}
	switch {
	case strings.HasPrefix(s[q:], "||"), strings.HasPrefix(s[q:], "??"): // with or without spaces: JWT_SECRET||"…"
		q += 2
	case q == e: // a word or a block needs a space before it
		return 0, 0
	case strings.HasPrefix(s[q:], "or "):
		q += 2
	case s[q] == '{': // Ruby's ENV.fetch("KEY") { "…" }
		q++
	default:
		return 0, 0
	}
	if q = skipSpaces(s, q); q < len(s) && isQuote(s[q]) {
		if vs, ve := valueAt(s, q); ve > vs && ve < len(s) && s[ve] == s[q] {
			return vs, ve
		}
	}
	return 0, 0
}

// tableCell reports whether the key at s[a] is the first cell of a
// table's row: only spaces between it and a '|' that opens its line.
func tableCell(s string, a int) bool {
	k := a
	for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
		k--
	}
	return k > 0 && s[k-1] == '|' && (k == 1 || s[k-2] == '\n')
}

// cellAt returns the span of the table cell that starts at s[q:], spaces
// trimmed: up to the next '|' or the line's end.
func cellAt(s string, q int) (int, int) {
	vs := skipSpaces(s, q)
	ve := vs
	for ve < len(s) && s[ve] != '|' && s[ve] != '\n' && s[ve] != '\r' {
		ve++
	}
	for ve > vs && (s[ve-1] == ' ' || s[ve-1] == '\t') {
		ve--
	}
	return vs, ve
}

// isKebabName reports whether w is a name of lower-case words joined by
// single dashes (docker-registry, db-credentials, my-app-secret): after
// secret, key or token in prose it names a resource, not a credential.
func isKebabName(w string) bool {
	parts := 0
	for rest, more := w, true; more; {
		var p string
		p, rest, more = strings.Cut(rest, "-")
		if len(p) < 2 {
			return false
		}
		for i := 0; i < len(p); i++ {
			if p[i] < 'a' || p[i] > 'z' {
				return false
			}
		}
		parts++
	}
	return parts >= 2
}

// isPasswordKey reports whether the key k names a password or a
// passphrase, whose value may be words joined by dashes.
func isPasswordKey(k string) bool {
	l := strings.ToLower(k)
	return strings.Contains(l, "pass") || strings.Contains(l, "pwd") || strings.Contains(l, "phrase") || strings.HasSuffix(l, "pw")
}

// isKeyFileName reports whether v is the name of a file of keys,
// certificates or settings (tls.key, server.pem, sa.json): the value of a
// key flag that takes a file, not a key.
func isKeyFileName(v string) bool {
	dot := strings.LastIndexByte(v, '.')
	if dot <= 0 || strings.ContainsAny(v[:dot], " =:@") {
		return false
	}
	for rest, more := v[:dot], true; more; {
		var name string
		name, rest, more = strings.Cut(rest, "/")
		if name != "" && name != "~" && strings.Trim(name, ".") != "" && !plainName(name) {
			return false // not a name people give files: Kq8xZz9.pem is a password with a dot
		}
	}
	var fb foldBuf
	switch fb.lower(v[dot+1:]) {
	case "key", "pem", "crt", "cer", "der", "p12", "pfx", "jks", "keystore", "json", "yaml", "yml", "txt", "env", "gpg", "asc", "pub", "ppk", "csr":
		return true
	}
	return false
}

// isLetterFlag reports whether w is a command-line switch of letters
// alone after one dash (-AsPlainText, -Force), which no credential is.
func isLetterFlag(w string) bool {
	if len(w) < 2 || w[0] != '-' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if !isLetter(w[i]) {
			return false
		}
	}
	return true
}

// oracleTools are the Oracle commands that take a login user/password[@db]
// as an argument (sqlplus scott/tiger@orcl, expdp system/S3cret@XE,
// rman target sys/S3cret@db catalog rcat/S3cret@cat, sqlldr
// userid=scott/tiger).
var oracleTools = [...]string{"sqlplus", "expdp", "impdp", "rman", "sqlldr", "dgmgrl"}

// commandWords are the words that make findPairs read commandPasswords'
// commands: oracleTools, SQL*Plus' CONNECT, schtasks, PowerShell's ConvertTo-SecureString
// (camelCase: Secure, String), ssh-keygen, a registry's login, the
// jdbc of an Oracle JDBC URL, snmpCommands, and MinIO's mc and
// snmpd.conf's lines of positionalCommands.
var commandWords = [...]string{"sqlplus", "connect", "conn", "expdp", "impdp", "rman", "sqlldr", "dgmgrl", "schtasks", "securestring", "secure", "keygen", "jdbc",
	"snmpwalk", "snmpbulkwalk", "snmpget", "snmpbulkget", "snmpgetnext", "snmpset", "snmptable", "snmptrap", "snmpinform",
	"snmpdelta", "snmpstatus", "snmpdf", "snmpnetstat", "snmptest", "mc", "rocommunity", "rwcommunity", "com2sec"}

// snmpCommands are Net-SNMP's commands, whose -c gives the community (a
// password in SNMPv1 and v2c: public too, it grants reads), and -A and -X
// SNMPv3's authentication and privacy passphrases.
var snmpCommands = [...]string{"snmpwalk", "snmpbulkwalk", "snmpget", "snmpbulkget", "snmpgetnext", "snmpset", "snmptable",
	"snmptrap", "snmpinform", "snmpdelta", "snmpstatus", "snmpdf", "snmpnetstat", "snmptest"}

// snmpSecrets masks the community and the passphrases that a Net-SNMP
// command line gives (snmpwalk -v2c -c S3cret host, -cS3cret, snmpget -v3
// -u ops -A auth… -X priv…), up to the end of its line or pipeline stage.
func (r *Redactor) snmpSecrets(s string, spans []span, note func(string)) []span {
	for _, cmd := range snmpCommands {
		for q := range commandsIn(s, cmd+" ", "/$:") {
			line := s // up to the quote around the command line: bash -c 'snmpwalk …' -c …
			if k := q - len(cmd) - 2; k >= 0 && isQuote(s[k]) {
				if e := strings.IndexByte(s[q:min(len(s), q+4096)], s[k]); e >= 0 {
					line = s[:q+e]
				}
			}
			// At most 64 arguments: a long line of many commands costs each a
			// bounded search, not one to the line's end.
			for n := 0; n < 64 && q < len(line) && line[q] != '\n' && line[q] != '\r' && line[q] != '|' && line[q] != ';' && line[q] != '&'; n++ {
				q = skipSpaces(line, q)
				quoted := q < len(line) && isQuote(line[q])
				as, ae := commandArg(line, q)
				q = max(ae, q+1)
				if quoted {
					q = min(len(line), ae+1)
				}
				a := line[as:ae]
				if len(a) < 2 || a[0] != '-' || quoted || (a[1] != 'c' && a[1] != 'A' && a[1] != 'X') {
					continue
				}
				vs, ve := as+2, ae
				if ve == vs { // -c VALUE
					vs = skipSpaces(line, q)
					if vs >= len(line) || line[vs] == '-' || line[vs] == '\n' {
						continue
					}
					q2 := vs
					vs, ve = commandArg(line, vs)
					q = max(ve, q2+1)
					if isQuote(line[q2]) {
						q = min(len(line), ve+1)
					}
				} else if !isAlnum(line[vs]) && !isQuote(line[vs]) {
					continue // --community-like long flags are read as pairs
				}
				if a[1] != 'c' && ve-vs < 8 {
					continue // not a passphrase: SNMPv3's are 8 bytes or more
				}
				if ve > vs && !strings.HasPrefix(line[vs:], r.mask) && line[vs] != '$' {
					spans = append(spans, span{vs, ve})
					note(r.sqlRule)
				}
			}
		}
	}
	return spans
}

// commandPasswords masks the passwords that commands take in forms of
// their own: an Oracle login's user/password, the password argument of
// Windows' net use, schtasks' /rp and /p, the string of
// ConvertTo-SecureString -AsPlainText, ssh-keygen's -N and -P, and the
// -p of a registry's login without a user flag (buildah login -p …).
func (r *Redactor) commandPasswords(s string, spans []span, note func(string)) []span {
	for _, tool := range oracleTools {
		if strings.Contains(s, tool) {
			spans = r.oracleLogins(s, tool, spans, note)
		}
	}
	if strings.Contains(s, "jdbc:oracle:") {
		spans = r.oracleURLLogins(s, spans, note)
	}
	if strings.Contains(s, "conn") || strings.Contains(s, "CONN") || strings.Contains(s, "Conn") {
		spans = r.sqlplusConnects(s, spans, note)
	}
	if strings.Contains(s, "net use ") {
		spans = r.netUsePassword(s, spans, note)
	}
	if strings.Contains(s, "schtasks") {
		spans = r.flagValue(s, "/rp", r.flagValue(s, "/p", spans, note), note) // schtasks /create /ru bob /rp S3cret
	}
	if strings.Contains(s, "snmp") {
		spans = r.snmpSecrets(s, spans, note)
	}
	if strings.Contains(s, "ssh-keygen") {
		spans = r.flagValue(s, "-N", r.flagValue(s, "-P", spans, note), note) // ssh-keygen -N 'new' -P 'old'
	}
	if strings.Contains(s, "login -p ") || strings.Contains(s, "login --password ") {
		for _, v := range flagWords(s, "-p") { // buildah login -p S3cret registry
			if !isPort(s[v[0]:v[1]]) && !r.keepValue("", s[v[0]:v[1]]) {
				spans = append(spans, span{v[0], v[1]})
				note(r.sqlRule)
			}
		}
	}
	if strings.IndexByte(s, '(') >= 0 {
		spans = r.credentialCalls(s, spans, note)
	}
	if k := indexFold(s, "convertto-securestring"); k >= 0 {
		spans = r.secureStringValue(s, k+len("convertto-securestring"), spans, note)
	}
	return spans
}

// loginCalls are functions and constructors that take a user and a
// password, and the position of the password among their arguments.
var loginCalls = map[string]int{
	"login": 1, "Login": 1, "authenticate": 1, "Authenticate": 1, "NetworkCredential": 1,
	"PasswordAuthentication": 1, "UsernamePasswordCredentials": 1, "BasicAuth": 1, "HTTPBasicAuth": 1,
	"UsernamePasswordAuthenticationToken": 1, "SetBasicAuth": 1, "PlainAuth": 2,
}

// passwordVerbs are the verbs of a call that writes or checks the
// password it is given: set_password(user, '…'), checkPassword('…').
var passwordVerbs = [...]string{"set", "change", "update", "reset", "hash", "check", "verify", "validate", "store", "save"}

// setterSecrets are the names of a secret that a builder's or an
// options' method takes as its one argument (.password("…"),
// .apiKey("…"), withToken("…"), set_client_secret("…")), lower-cased
// without underscores, after a verb that gives the value (with, set, use).
var setterSecrets = map[string]bool{
	"password": true, "passwd": true, "passphrase": true, "secret": true, "token": true,
	"apikey": true, "apitoken": true, "apisecret": true, "accesstoken": true, "refreshtoken": true,
	"authtoken": true, "bearertoken": true, "sessiontoken": true, "clientsecret": true,
	"secretkey": true, "accesskey": true, "secretaccesskey": true, "privatekey": true,
	"signingkey": true, "encryptionkey": true, "masterkey": true, "webhooksecret": true,
}

// secretSetter reports whether name is a method that takes a secret as its
// one argument: a name of setterSecrets after with, set or use
// (withToken, setClientSecret, use_api_key), or alone (bare: password,
// apiKey; a lookup by name, secret("db-creds"), is no setter); not
// getPassword, which looks one up by its argument.
func secretSetter(name string) (ok, bare bool) {
	if len(name) < 5 || len(name) > 24 {
		return false, false
	}
	var b [24]byte
	n := 0
	for i := 0; i < len(name); i++ {
		if c := name[i]; c != '_' {
			b[n] = c | 0x20
			n++
		}
	}
	w := string(b[:n])
	for _, verb := range [...]string{"with", "set", "use"} {
		if rest, ok := strings.CutPrefix(w, verb); ok && setterSecrets[rest] {
			return true, false
		}
	}
	return setterSecrets[w] && w != "secret", true
}

// credentialCalls masks the password that a call gives in a string
// literal: the password argument of loginCalls (client.login("bob",
// "…"), new NetworkCredential("bob", "…"), smtp.PlainAuth("", u, "…",
// h)), the last string argument of a call whose name sets or checks
// a password (user.set_password("…"), keyring.set_password(svc, user,
// "…")), and the one argument of a setter of a secret (secretSetter:
// .password("…"), .apiKey("…"), withToken("…")). Variables and
// expressions are kept.
func (r *Redactor) credentialCalls(s string, spans []span, note func(string)) []span {
	for i := 1; i < len(s); i++ {
		if s[i] != '(' || !isKeyChar(s[i-1]) {
			continue
		}
		a := i
		for a > 0 && (isAlnum(s[a-1]) || s[a-1] == '_') {
			a--
		}
		name := s[a:i]
		pos, ok := loginCalls[name]
		if !ok {
			pos = -1
			l := strings.ToLower(strings.ReplaceAll(name, "_", ""))
			for _, v := range passwordVerbs {
				if strings.HasPrefix(l, v) && (strings.HasSuffix(l, "password") || strings.HasSuffix(l, "passwd") || strings.HasSuffix(l, "passphrase")) {
					pos = -2 // the last string argument
				}
			}
			if pos == -1 {
				if ok, bare := secretSetter(name); ok && bare {
					pos = -4 // the one argument, when it looks like a credential
				} else if ok {
					pos = -3 // the one argument
				}
			}
			if pos == -1 {
				continue
			}
		}
		args := callArgs(s, i+1)
		if pos == -3 || pos == -4 {
			if len(args) != 1 || args[0][2] != 1 || pos == -4 && !looksLikeCredential(s[args[0][0]:args[0][1]]) {
				continue // token("IDENT") in a lexer, token(t)
			}
			pos = 0
		}
		if pos == -2 {
			for k := len(args) - 1; k >= 0; k-- {
				if args[k][2] == 1 {
					pos = k
					break
				}
			}
		}
		if pos < 0 || pos >= len(args) || args[pos][2] != 1 {
			continue
		}
		if vs, ve := args[pos][0], args[pos][1]; ve > vs && !r.keepValue("", s[vs:ve]) {
			spans = append(spans, span{vs, ve})
			note(r.sqlRule)
		}
	}
	return spans
}

// callArgs returns the arguments of the call whose arguments start at
// s[q]: for each, its span and 1 when it is a string literal (the span
// is then its inside), up to the closing parenthesis or the line's end.
func callArgs(s string, q int) [][3]int {
	var args [][3]int
	for len(args) < 8 {
		q = skipSpaces(s, q)
		if q >= len(s) || s[q] == ')' || s[q] == '\n' {
			return args
		}
		if isQuote(s[q]) {
			vs, ve := valueAt(s, q)
			args = append(args, [3]int{vs, ve, 1})
			q = min(len(s), ve+1)
		} else {
			e, depth := q, 0
			for e < len(s) && s[e] != '\n' && (depth > 0 || s[e] != ',' && s[e] != ')') {
				switch s[e] {
				case '(', '[', '{':
					depth++
				case ')', ']', '}':
					depth--
				}
				e++
			}
			args = append(args, [3]int{q, e, 0})
			q = e
		}
		q = skipSpaces(s, q)
		if q >= len(s) || s[q] != ',' {
			return args
		}
		q++
	}
	return args
}

// flagWords returns the spans of the words after each flag (a whole word,
// then a space) in s, quotes left out, that are no flag, path or mask.
func flagWords(s, flag string) [][2]int {
	var out [][2]int
	for i := 0; ; {
		j := strings.Index(s[i:], flag+" ")
		if j < 0 {
			return out
		}
		k := i + j
		i = k + len(flag)
		if k > 0 && s[k-1] != ' ' && s[k-1] != '\t' {
			continue
		}
		vs, ve := commandArg(s, skipSpaces(s, i))
		if v := s[vs:ve]; v != "" && v[0] != '-' && !isPath(v) {
			out = append(out, [2]int{vs, ve})
			i = ve
		}
	}
}

// commandsIn yields the end of each occurrence of the command name cmd in
// s that starts a word: at the start of s, or after white space, a quote,
// or one of the bytes of also.
func commandsIn(s, cmd, also string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; ; {
			j := strings.Index(s[i:], cmd)
			if j < 0 {
				return
			}
			k := i + j
			i = k + len(cmd)
			if k > 0 && s[k-1] != ' ' && s[k-1] != '\t' && s[k-1] != '\n' && !isQuote(s[k-1]) && strings.IndexByte(also, s[k-1]) < 0 {
				continue // inside a word: ".net user …"
			}
			if !yield(i) {
				return
			}
		}
	}
}

// commandArg returns the span of the command-line argument at s[q:]: the
// inside of a quoted string, or the text up to a space.
func commandArg(s string, q int) (int, int) {
	if q < len(s) && isQuote(s[q]) {
		return valueAt(s, q)
	}
	e := q
	for e < len(s) && s[e] > ' ' && s[e] != ';' && s[e] != '|' && s[e] != '&' {
		e++
	}
	return q, e
}

// oracleLogins masks the password of each user/password[@db] argument of
// the Oracle command tool in s; "/ as sysdba", /nolog and @script.sql
// hold none.
func (r *Redactor) oracleLogins(s, tool string, spans []span, note func(string)) []span {
	for i := range commandsIn(s, tool, "/") {
		if i >= len(s) || s[i] != ' ' {
			continue // not a command: sqlplus.log
		}
		spans = r.oracleLoginArgs(s, i, 8, spans, note)
	}
	return spans
}

// sqlplusConnects masks the password of the login that SQL*Plus'
// CONNECT (or CONN) command takes, at the start of a line or after the
// SQL> prompt: CONNECT scott/…@orcl, SQL> conn system/….
func (r *Redactor) sqlplusConnects(s string, spans []span, note func(string)) []span {
	for ls := 0; ls < len(s); {
		le := lineEnd(s, ls)
		q := skipSpaces(s[:le], ls)
		if len(s[q:le]) > 4 && strings.EqualFold(s[q:q+4], "SQL>") {
			q = skipSpaces(s[:le], q+4)
		}
		w := q
		for w < le && isLetter(s[w]) {
			w++
		}
		if w < le && s[w] == ' ' && (strings.EqualFold(s[q:w], "connect") || strings.EqualFold(s[q:w], "conn")) && connectLogin(s[w:le]) {
			spans = r.oracleLoginArgs(s[:le], w, 1, spans, note)
		}
		ls = le + 1
	}
	return spans
}

// connectLogin reports whether the rest of a CONNECT line is one login,
// as SQL*Plus takes it: a word, maybe "AS SYSDBA" or another role after
// it and a ';' (not "connect tcp/443 refused").
func connectLogin(rest string) bool {
	rest = strings.TrimSuffix(strings.TrimSpace(rest), ";")
	if q := strings.IndexByte(rest, '"'); q >= 0 { // scott/"two words"@orcl
		if e := strings.IndexByte(rest[q+1:], '"'); e >= 0 {
			rest = rest[:q] + rest[q+1+e+1:]
		}
	}
	if sp := strings.LastIndexByte(rest, ' '); sp > 0 {
		role := strings.ToLower(rest[sp+1:])
		head := strings.TrimRight(rest[:sp], " ")
		if !strings.HasPrefix(role, "sys") || len(head) < 3 || !strings.EqualFold(head[len(head)-3:], " as") {
			return false
		}
		rest = strings.TrimRight(head[:len(head)-3], " ")
	}
	return rest != "" && !strings.ContainsAny(rest, " \t")
}

// oracleLoginArgs masks the password of each user/password[@db] among the
// first n arguments at s[i:].
func (r *Redactor) oracleLoginArgs(s string, i, n int, spans []span, note func(string)) []span {
	q := i
	for ; n > 0; n-- {
		q = skipSpaces(s, q)
		if q >= len(s) || s[q] == '\n' || s[q] == '\r' || s[q] == '|' || s[q] == ';' || s[q] == '&' {
			break
		}
		a := q
		if isQuote(s[q]) {
			a++ // expdp "sys/S3cret as sysdba"
		}
		e := a
		for e < len(s) && s[e] > ' ' && !isQuote(s[e]) {
			e++
		}
		q = max(e, q+1)
		w := s[a:e]
		if strings.HasPrefix(strings.ToLower(w), "userid=") {
			a += len("userid=")
			w = s[a:e]
		}
		slash := strings.IndexByte(w, '/')
		if slash <= 0 || w[0] == '-' || w[0] == '@' || !oracleUser(w[:slash]) {
			continue
		}
		ps, pe := a+slash+1, a+slash+1
		if ps < len(s) && s[ps] == '"' { // scott/"S3cret"@orcl
			ps, pe = valueAt(s, ps)
			q = max(q, min(len(s), pe+1))
		} else {
			for pe < e && s[pe] != '@' {
				pe++
			}
		}
		if pe > ps && s[ps] != '/' && !r.keepValue("", s[ps:pe]) {
			spans = append(spans, span{ps, pe})
			note(r.sqlRule)
		}
	}
	return spans
}

// oracleURLLogins masks the password of the user/password@ of an Oracle
// JDBC URL (jdbc:oracle:thin:app/S3cret@db:1521:XE).
func (r *Redactor) oracleURLLogins(s string, spans []span, note func(string)) []span {
	for i := 0; ; {
		j := strings.Index(s[i:], "jdbc:oracle:")
		if j < 0 {
			return spans
		}
		a := i + j + len("jdbc:oracle:")
		i = a
		c := strings.IndexByte(s[a:], ':') // the driver: thin, oci
		if c < 0 || c > 8 {
			continue
		}
		us := a + c + 1
		at := us
		for at < len(s) && s[at] != '@' && s[at] > ' ' && !isQuote(s[at]) {
			at++
		}
		slash := strings.IndexByte(s[us:at], '/')
		if at >= len(s) || s[at] != '@' || slash <= 0 || !oracleUser(s[us:us+slash]) {
			continue
		}
		if ps := us + slash + 1; at > ps && !r.keepValue("", s[ps:at]) {
			spans = append(spans, span{ps, at})
			note(r.sqlRule)
		}
		i = at
	}
}

// oracleUser reports whether u can be the user name of an Oracle login:
// letters, digits, _, $ and #, not starting with a digit.
func oracleUser(u string) bool {
	if u == "" || isDigit(u[0]) {
		return false
	}
	for i := 0; i < len(u); i++ {
		if !isAlnum(u[i]) && u[i] != '_' && u[i] != '$' && u[i] != '#' {
			return false
		}
	}
	return true
}

// netUsePassword masks the password of Windows' net use: the argument
// after the share (\\server\share) or after /user:NAME that is no switch;
// "*" asks for it.
func (r *Redactor) netUsePassword(s string, spans []span, note func(string)) []span {
	for i := range commandsIn(s, "net use ", "") {
		after := false
		for q, n := i, 0; n < 8; n++ {
			q = skipSpaces(s, q)
			if q >= len(s) || s[q] == '\n' || s[q] == '\r' || s[q] == '|' || s[q] == '&' {
				break
			}
			vs, ve := commandArg(s, q)
			q = max(q+1, min(len(s), ve+1))
			w := s[vs:ve]
			switch {
			case strings.HasPrefix(w, `\\`):
				after = true
			case w == "" || w[0] == '/':
				after = strings.HasPrefix(strings.ToLower(w), "/user:") || strings.HasPrefix(strings.ToLower(w), "/u:")
			case after && w != "*" && w[0] != '$' && w[0] != '%' && !r.keepValue("", w):
				spans = append(spans, span{vs, ve})
				note(r.sqlRule)
				after = false
			default:
				after = false
			}
		}
	}
	return spans
}

// secureStringValue masks the string that PowerShell's
// ConvertTo-SecureString, ending at s[e], turns into a secure string from
// plain text: its first argument that is no parameter, or -String's,
// when -AsPlainText follows on its line. A variable or an expression is
// kept.
func (r *Redactor) secureStringValue(s string, e int, spans []span, note func(string)) []span {
	end := e
	for end < len(s) && s[end] != '\n' && s[end] != ')' && s[end] != '|' && s[end] != ';' {
		end++
	}
	if !strings.Contains(strings.ToLower(s[e:end]), "-asplaintext") {
		return spans
	}
	for q := e; q < end; {
		q = skipSpaces(s, q)
		if q >= end {
			break
		}
		vs, ve := commandArg(s, q)
		q = max(q+1, min(len(s), ve+1))
		if w := s[vs:ve]; w == "" || w[0] == '-' && !isQuote(s[max(vs-1, 0)]) || w[0] == '$' || w[0] == '(' {
			if w != "" && (w[0] == '$' || w[0] == '(') {
				return spans
			}
			continue
		}
		if !r.keepValue("", s[vs:ve]) {
			spans = append(spans, span{vs, ve})
			note(r.sqlRule)
		}
		return spans
	}
	return spans
}

// isQueryCredential reports whether a URL's query parameter of this name
// holds a credential when its value looks like one: key (Google and many
// other APIs take their API key so) and code (an OAuth authorization code).
func isQueryCredential(name string) bool {
	return strings.EqualFold(name, "key") || strings.EqualFold(name, "code")
}

// imapTag reports whether the word before s[a] (a command) is an IMAP
// command's tag: a short word of letters and digits that holds a digit
// ("a001", "A1"), at the start of a line or after a prompt ("C: ").
func imapTag(s string, a int) bool {
	if a < 2 || s[a-1] != ' ' {
		return false
	}
	t := a - 1
	digit := false
	for t > 0 && (isAlnum(s[t-1]) || s[t-1] == '.') {
		t--
		digit = digit || isDigit(s[t])
	}
	if !digit || a-1-t > 16 {
		return false
	}
	return t == 0 || s[t-1] == '\n' || s[t-1] == '\r' || t >= 2 && s[t-1] == ' ' && (s[t-2] == ':' || s[t-2] == '>')
}

// imapPassword returns the span of the second argument of an IMAP LOGIN
// command whose name ends at s[e] (an atom, or a quoted string without its
// quotes), when the command ends after it.
func imapPassword(s string, e int) (int, int) {
	var args [2][2]int
	q := e
	for n := range args {
		q = skipSpaces(s, q)
		if q >= len(s) {
			return 0, 0
		}
		if s[q] == '"' {
			k := q + 1
			for k < len(s) && s[k] != '"' && s[k] != '\n' {
				if s[k] == '\\' {
					k++
				}
				k++
			}
			if k >= len(s) || s[k] != '"' {
				return 0, 0
			}
			args[n] = [2]int{q + 1, k}
			q = k + 1
			continue
		}
		k := q
		for k < len(s) && s[k] > ' ' && s[k] != '"' {
			k++
		}
		args[n] = [2]int{q, k}
		q = k
	}
	if q = skipSpaces(s, q); q < len(s) && s[q] != '\r' && s[q] != '\n' {
		return 0, 0 // more words: prose, not a command
	}
	return args[1][0], args[1][1]
}

// stdinSecrets masks a password written to the standard input of a command
// that reads it from there: what echo or printf pipe into it ("echo S3cret
// | docker login -u ci --password-stdin", "printf '%s' S3cret | kubectl
// create secret generic db --from-file=password=/dev/stdin", "echo
// 'alice:S3cret' | chpasswd") and a here-string ("vault login - <<<
// S3cret"). Variables ($DOCKER_PASSWORD) are kept.
func (r *Redactor) stdinSecrets(s string, spans []span, note func(string)) []span {
	rule := r.sqlRule
	if rule == "" {
		return spans
	}
	for ls := 0; ls < len(s); {
		le := ls
		for le < len(s) && s[le] != '\n' && s[le] != ';' && !(s[le] == '&' && le+1 < len(s) && s[le+1] == '&') {
			le++
		}
		line := s[ls:le]
		for c := 0; c < len(line); {
			ce := c
			for ce < len(line) && (line[ce] != '|' || ce+1 < len(line) && line[ce+1] == '|') {
				if line[ce] == '|' {
					ce++ // "||": another list, not a pipe
				}
				ce++
			}
			if ce < len(line) && readsSecretFromStdin(line[ce+1:]) {
				for _, v := range echoedWords(line, c, ce) {
					if !r.keepValue("", line[v[0]:v[1]]) {
						spans = append(spans, span{ls + v[0], ls + v[1]})
						note(rule)
					}
				}
			}
			if h := strings.Index(line[c:min(ce, len(line))], "<<<"); h >= 0 && readsSecretFromStdin(line[c:c+h]) {
				if vs, ve := valueAt(line, skipSpaces(line, c+h+3)); ve > vs && line[vs] != '$' && !r.keepValue("", line[vs:ve]) {
					spans = append(spans, span{ls + vs, ls + ve})
					note(rule)
				}
			}
			c = ce + 1
		}
		ls = le + 1
	}
	return spans
}

// readsSecretFromStdin reports whether the command line cmd (up to the
// next pipe or the end of its line) reads a password or a token from its
// standard input.
func readsSecretFromStdin(cmd string) bool {
	if e := strings.IndexByte(cmd, '|'); e >= 0 {
		cmd = cmd[:e]
	}
	l := strings.ToLower(cmd)
	switch f := strings.Fields(l); {
	case len(f) == 0:
		return false
	case f[0] == "chpasswd" || f[0] == "sudo" && len(f) > 1 && f[1] == "chpasswd":
		return true
	case f[0] == "sudo" && sudoStdin(strings.Fields(cmd)[1:]): // echo S3cret | sudo -S apt-get update
		return true
	case strings.Contains(l, "--with-token"): // gh auth login --with-token
		return true
	case runsPasswd(f): // sudo passwd bob <<< …
		return true
	case secretFlagWord(f[len(f)-1]): // cmd --secret <<< …: the flag's value is what the here-string gives
		return true
	case f[len(f)-1] == "-" && (strings.Contains(l, "login") || strings.Contains(l, "secret")): // vault login -, docker secret create db -
		return true
	case strings.Contains(l, "secret put ") || strings.Contains(l, "secrets import") || strings.Contains(l, " env add ") ||
		strings.Contains(l, "store-secret ") || strings.Contains(l, "secret set ") && !strings.Contains(l, "--body") && !strings.Contains(l, " -b"):
		return true // wrangler secret put NAME, vercel env add NAME, gh secret set NAME, circleci context store-secret …: the value from the standard input
	}
	stdin := false
	for _, w := range strings.Fields(l) {
		// --password-stdin, --stdin, /dev/stdin, --from-file=password=/dev/stdin
		// --data-file=- (gcloud secrets create … --data-file=-)
		stdin = stdin || w[0] == '-' && (strings.Contains(w, "stdin") || strings.HasSuffix(w, "=-")) || strings.HasSuffix(w, "/dev/stdin")
	}
	if !stdin {
		return false
	}
	for _, w := range []string{"pass", "secret", "token", "login", "cred", "auth", "key"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// runsPasswd reports whether the words f of a command line run passwd:
// first, after sudo, or after a word that ends with a colon (exec: passwd
// bob); not as an argument (grep passwd).
func runsPasswd(f []string) bool {
	for i, w := range f {
		if w == "passwd" && (i == 0 || f[i-1] == "sudo" || strings.HasSuffix(f[i-1], ":")) {
			return true
		}
	}
	return false
}

// secretFlagWord reports whether w, the last word before a here-string,
// is a flag with no value that names a secret (--secret, -password,
// --api-key).
func secretFlagWord(w string) bool {
	if len(w) < 3 || w[0] != '-' || strings.IndexByte(w, '=') >= 0 {
		return false
	}
	for _, t := range [...]string{"pass", "secret", "token", "key", "cred", "pwd"} {
		if strings.HasSuffix(w, t) || strings.HasSuffix(w, t+"word") {
			return true
		}
	}
	return false
}

// sudoStdin reports whether sudo's options, before the command it runs,
// make it read the password from its standard input: -S, --stdin, or -S in
// a group of short options (-kS).
func sudoStdin(args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--stdin":
			return true
		case a == "--" || len(a) < 2 || a[0] != '-':
			return false // the command
		case strings.HasPrefix(a, "--"):
		case strings.IndexByte(a, 'S') > 0:
			return true
		case strings.ContainsAny(a[len(a)-1:], "ugpCrtUDRT"): // an option whose value follows: -u bob
			i++
		}
	}
	return false
}

// echoedWords returns the spans of the words that the command s[c:e]
// writes when it is echo or printf (quotes left out): echo's words after
// its options, printf's arguments after a format that holds a '%', or the
// format itself when it holds none. Variables and substitutions are left
// out.
func echoedWords(s string, c, e int) [][2]int {
	var words [][2]int
	for q := skipSpaces(s, c); q < e; q = skipSpaces(s, q) {
		ws, we := q, q
		if isQuote(s[q]) {
			k := strings.IndexByte(s[q+1:e], s[q])
			if k < 0 {
				return nil
			}
			ws, we = q+1, q+1+k
			q = we + 1
		} else {
			for we < e && s[we] != ' ' && s[we] != '\t' {
				we++
			}
			q = we
		}
		words = append(words, [2]int{ws, we})
	}
	for k := len(words) - 1; k >= 0; k-- {
		if w := s[words[k][0]:words[k][1]]; w == "echo" || w == "printf" {
			words = words[k:] // after a prompt or an error's words: "$ echo …", "exit status 1: printf …"
			break
		}
	}
	if len(words) < 2 {
		return nil
	}
	var out [][2]int
	switch s[words[0][0]:words[0][1]] {
	case "echo":
		for _, w := range words[1:] {
			if v := s[w[0]:w[1]]; len(out) == 0 && len(v) > 1 && v[0] == '-' && strings.Trim(v[1:], "neE") == "" {
				continue // -n, -e
			}
			out = append(out, w)
		}
	case "printf":
		if strings.IndexByte(s[words[1][0]:words[1][1]], '%') >= 0 {
			out = words[2:]
		} else {
			out = words[1:2]
		}
	}
	kept := out[:0]
	for _, w := range out {
		if v := s[w[0]:w[1]]; w[1] > w[0] && v[0] != '$' && v != "\\n" {
			kept = append(kept, w)
		}
	}
	return kept
}

// phraseRule returns the rule of the term that the word s[a:b] ends, alone
// or with up to two words before it, each one space apart ("api key",
// "card verification value"), and where that term's first word starts.
func (r *Redactor) phraseRule(s string, a, b int) (rule string, start int) {
	if rule := r.keyRule(s[a:b]); rule != "" {
		if r.verdict(s[a:b]).noDigits {
			// card or pin alone, whose value needs a digit: a longer
			// term before it says more (name on card: Jane Roe).
			if lr, ls := r.phraseBefore(s, a, b, true); lr != "" {
				return lr, ls
			}
		}
		return rule, a
	}
	if k := propertyName(s, a, b); k > a {
		// A system property on a command line: -Dpassword=…, -Ptoken=….
		if rule := r.keyRule(s[k:b]); rule != "" {
			return rule, k
		}
	}
	if r.nonASCII {
		// A key read whole with letters outside ASCII, as terms outside
		// ASCII need, is also read from after them, as without such terms:
		// ñpassword, 用户password.
		k := b
		for k > a && s[k-1] < 0x80 {
			k--
		}
		if k > a && k < b {
			if rule := r.keyRule(s[k:b]); rule != "" {
				return rule, k
			}
		}
	}
	return r.phraseBefore(s, a, b, false)
}

// numberedKey returns where the word before the key s[a:b] starts when
// the key is a number of one or two digits after that word and a space
// (Unseal Key 1: …, password 2 = …), so that the word, and the words of a
// term before it, are judged as the key; else a.
func numberedKey(s string, a, b int) int {
	if b-a > 2 || a < 2 || s[a-1] != ' ' || !isDigit(s[a]) || !isDigit(s[b-1]) || !isLetter(s[a-2]) || clockOrMACAt(s, b) {
		return a
	}
	k := a - 2
	for k > 0 && isKeyChar(s[k-1]) {
		k--
	}
	return k
}

// propertyName returns where the name of a system property starts in the
// key s[a:b] when the key is one given on a command line with -D (Java,
// Maven) or -P (Gradle) and a lower-case letter after it (-Dpassword,
// -Pdb.password): a+2; else a.
func propertyName(s string, a, b int) int {
	if b-a > 3 && s[a] == '-' && (s[a+1] == 'D' || s[a+1] == 'P') && s[a+2] >= 'a' && s[a+2] <= 'z' {
		return a + 2
	}
	return a
}

// phraseBefore returns the rule of a term of several words that ends with
// the word s[a:b] in prose, and where it starts; with digits, only a
// phrase whose value needs no digit (not card or pin alone).
func (r *Redactor) phraseBefore(s string, a, b int, digits bool) (rule string, start int) {
	start = a
	for n := 1; n < max(r.maxTerm, 2); n++ {
		if start < 2 || s[start-1] != ' ' || !isAlnum(s[start-2]) && (s[start-2] < 0x80 || !r.nonASCII) {
			break
		}
		j := start - 1
		j0 := j
		for j > 0 && (isKeyChar(s[j-1]) || s[j-1] >= 0x80 && r.nonASCII) { // κωδικός πρόσβασης
			j--
		}
		start = j
		if start > 0 && (s[start-1] == '=' || s[start-1] == '/' || s[start-1] == ':') {
			break // bucket=media key=…, partition=3 key=…, s3://b/a.png key=…: a value before, not a word of the key
		}
		if ap := possessiveAt(s, start); ap > 0 {
			// A possessive: driver's license, patient's name, mother's maiden name.
			k := ap
			for k > 0 && isKeyChar(s[k-1]) {
				k--
			}
			if k < ap {
				if rule := r.keyRule(s[k:ap] + s[start+1:b]); rule != "" {
					return rule, k
				}
			}
		}
		if proseWord(s[start:j0]) {
			break // secret not found:, address already in use: a sentence, not a key
		}
		if rule := r.keyRule(s[start:b]); rule != "" && !(digits && r.verdict(s[start:b]).noDigits) {
			if sep := strings.LastIndexAny(s[a:b], "_-."); sep > 0 && r.metadata[strings.ToLower(s[a+sep+1:b])] {
				break // secret_name=…: the key describes a secret, whatever words come before it
			}
			return rule, start
		}
	}
	return "", a
}

// metavar reports whether v is the name of a value in a usage line or a
// template: a term in capitals (PASSWORD, API_TOKEN) or in angle or square
// brackets (<password>, [token]).
func (r *Redactor) metavar(v string) bool {
	for len(v) > 2 && v[0] != '[' && strings.IndexByte("]),;.", v[len(v)-1]) >= 0 {
		v = v[:len(v)-1] // [--token <token>], [--password PASSWORD]
	}
	inner := v
	if len(v) > 2 && (v[0] == '<' && v[len(v)-1] == '>' || v[0] == '[' && v[len(v)-1] == ']') {
		inner = v[1 : len(v)-1]
	} else if len(v) > 2 && v[0] == '[' && strings.IndexByte(v, ']') < 0 {
		inner = v[1:] // --token [token]: the closing bracket left with the word's end
	}
	if len(inner) < 2 || len(inner) > 32 {
		return false
	}
	upper := true
	for i := 0; i < len(inner); i++ {
		c := inner[i]
		if !isLetter(c) && c != '_' && c != '-' {
			return false
		}
		upper = upper && !(c >= 'a' && c <= 'z')
	}
	return (upper || len(inner) < len(v)) && r.namesATerm(inner)
}

// namesSecretSetting reports whether name is the name of a setting whose
// last part, after ':', '.', '/' or '__', names a secret (Db:Password,
// ConnectionStrings:Default is not; Stripe__ApiKey, app/db/password).
func (r *Redactor) namesSecretSetting(name string) bool {
	if len(name) > 128 || !strings.ContainsAny(name, ":./") && !strings.Contains(name, "__") {
		return false
	}
	last := name[max(strings.LastIndexAny(name, ":./"), strings.LastIndex(name, "__")+1)+1:]
	return last != "" && r.mayBeKey(last) && r.keyRule(last) != ""
}

// namesATerm reports whether the metavar name spells a term, or ends with
// one as its last word (PASSWORD, API_KEY, DB_PASSWORD, <token>): not a
// word that only ends with a term (SUPERSECRET, ADMINPASS: passwords as
// often as names).
func (r *Redactor) namesATerm(name string) bool {
	name = strings.ToLower(name)
	words := strings.FieldsFunc(name, func(c rune) bool { return c == '_' || c == '-' })
	if len(words) == 0 {
		return false
	}
	return r.terms[strings.Join(words, "")] != "" || len(words) > 1 && r.terms[words[len(words)-1]] != ""
}

// flagProse reports whether w, after a flag, is a word of the prose
// around a flag's name rather than its value: the --token flag is
// deprecated, use --password instead.
func flagProse(w string) bool {
	switch w {
	case "flag", "flags", "option", "options", "argument", "arguments", "parameter", "switch", "is", "was",
		"instead", "and", "or", "requires", "must", "not", "has", "cannot":
		return true
	}
	return false
}

// valueFlagArg returns the span of the argument of a --value flag on the
// line from s[from] on (az keyvault secret set … --value …), or an empty
// span.
func valueFlagArg(s string, from int) (int, int) {
	end := len(s)
	if n := strings.IndexByte(s[from:], '\n'); n >= 0 {
		end = from + n
	}
	k := strings.Index(s[from:end], "--value")
	if k < 0 {
		return 0, 0
	}
	v := from + k + len("--value")
	if v >= end || s[v] != ' ' && s[v] != '=' {
		return 0, 0
	}
	v = skipSpaces(s, v+1)
	if v < end && isQuote(s[v]) {
		return valueAt(s, v)
	}
	ws, we := wordAt(s, v)
	if we > ws && s[ws] == '-' {
		return 0, 0
	}
	return ws, we
}

// namingRule returns the rule of the term that the key s[a:b] ends (with
// up to two words before it: phraseRule) when the value s[vs:ve] after it
// is masked, or "" when there is none or keepValue keeps the value.
func (r *Redactor) namingRule(s string, a, b, vs, ve int) string {
	if rule, _ := r.phraseRule(s, a, b); rule != "" && !r.keepValue(s[a:b], s[vs:ve]) {
		return rule
	}
	return ""
}

// nameFlagReach is how far before a key namedByFlag looks for --name.
const nameFlagReach = 512

// namedByFlag reports whether the term at s[a] is in the argument of a
// --name flag on its line (aws ssm put-parameter --name /prod/db/password,
// --name=app-token): a parameter's name, whose --value is the secret.
func namedByFlag(s string, a int) bool {
	// The flag is looked for in the 512 bytes before a, on its line: a
	// bounded search for each key of a long line. A name longer than that
	// is not seen as one, and its value is masked.
	lb := max(0, a-nameFlagReach)
	ls := strings.LastIndexByte(s[lb:a], '\n') + 1 + lb
	k := strings.LastIndex(s[ls:a], "--name")
	if k < 0 {
		return false
	}
	k += ls + len("--name")
	if k >= a || s[k] != ' ' && s[k] != '=' {
		return false
	}
	k = skipSpaces(s, k+1)
	if k < a && isQuote(s[k]) {
		k++
	}
	return !strings.ContainsAny(s[k:a], " \t")
}

// errorPrefixWords are the words a wrapped Go error goes on with after
// "…secret: " (a package or an operation: "decrypt secret: cipher: …",
// "load token: open: …"). Any other word there may be the secret itself:
// "password: letmein: rejected by policy".
var errorPrefixWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`cipher crypto aes rsa ecdsa tls x509 json yaml toml xml base64 hex pem
		asn1 gzip zlib io os net http https grpc rpc sql pq pgx mysql redis kms vault aws gcp azure open
		read write close dial lookup parse decode encode decrypt encrypt sign verify unmarshal marshal
		context timeout eof fetch load get put post exec query bcrypt scrypt hmac jwt oauth2 oidc keyring
		keychain secretsmanager ssm stat mkdir remove rename jose go-jose`) {
		m[w] = true
	}
	return m
}()

// proseWord reports whether w, a word between a term and the word a pair's
// operator follows, makes a sentence of them ("secret not found: …",
// "address already in use: …").
func proseWord(w string) bool {
	var fb foldBuf
	switch fb.lower(w) {
	case "not", "is", "was", "has", "have", "had", "already", "could", "cannot", "failed", "must", "will",
		"should", "does", "did", "been", "be", "are", "were":
		return true
	}
	return false
}

// isNumberAbbr reports whether w abbreviates "number" (no, num, nbr, nr).
func isNumberAbbr(w string) bool {
	return strings.EqualFold(w, "no") || strings.EqualFold(w, "num") || strings.EqualFold(w, "nbr") || strings.EqualFold(w, "nr")
}

// possessiveAt returns where the apostrophe of a possessive "'s" (or
// "’s") that starts at s[start] ('s') begins, when s[start:] is that "s"
// word; else 0.
func possessiveAt(s string, start int) int {
	if start+1 >= len(s) || s[start] != 's' || isKeyChar(s[start+1]) {
		return 0
	}
	if start >= 2 && s[start-1] == '\'' && isAlnum(s[start-2]) {
		return start - 1
	}
	if start >= 4 && s[start-3:start] == "\u2019" && isAlnum(s[start-4]) {
		return start - 3
	}
	return 0
}

// shortCodeFits reports whether w, after the key k in prose, is the
// number k names when k names a short code: three or four digits for a
// card verification code, four to six for a PIN, four to eight for a
// one-time code or passcode (not a date of eight digits).
func shortCodeFits(k, w string) bool {
	if len(w) < 3 || len(w) > 8 || strings.Trim(w, "0123456789") != "" {
		return false
	}
	if isCardCode(k) {
		return len(w) <= 4
	}
	if len(w) == 8 && (w[:2] == "19" || w[:2] == "20") && (w[4] == '0' || w[4:6] == "10" || w[4:6] == "11" || w[4:6] == "12") {
		return false // a date: otp 20261204 build
	}
	switch separatorsToSpaces.Replace(strings.ToLower(k)) {
	case "pin", "pin code", "pin number", "card pin", "atm pin", "debit pin":
		return len(w) >= 4 && len(w) <= 6
	case "passcode", "otp", "totp", "mfa code", "verification code", "one time password", "one time code",
		"2fa code", "2fa", "two factor code", "reset code", "password reset code", "login code", "sign in code",
		"signin code", "confirmation code", "auth code", "authentication code", "sms code", "otp code",
		"access code", "activation code", "unlock code":
		return len(w) >= 4 // 6- to 8-digit codes, and longer ones the personal-data rule takes too
	}
	return false
}

// isCardCode reports whether the key k names a card verification code,
// whose value is three or four digits: cvv, cvc2, security code, card
// verification value.
func isCardCode(k string) bool {
	var buf [64]byte
	n := 0
	for i := len(k) - 1; i >= 0 && n < len(buf); i-- { // the last 64 letters and digits: the code's word ends the key
		if c := k[i] | 0x20; isAlnum(k[i]) {
			if isDigit(k[i]) {
				c = k[i]
			}
			n++
			buf[len(buf)-n] = c
		}
	}
	j := string(buf[len(buf)-n:])
	for _, t := range [...]string{"cvv", "cvc", "cvn", "csc", "cav2", "securitycode", "verificationcode", "verificationvalue", "cardverification", "cardcode"} {
		if strings.Contains(j, t) {
			return true
		}
	}
	return false
}

// dashAt returns the length of a dash that stands between a key and its
// value at s[q:] ("api key - …": a hyphen, en or em dash followed by a
// space), or 0.
func dashAt(s string, q int) int {
	for _, d := range [...]string{"- ", "\u2013 ", "\u2014 "} {
		if strings.HasPrefix(s[q:], d) {
			return len(d) - 1
		}
	}
	return 0
}

// valueAfterWhom returns the value in "… for <whom> <operator> <value>"
// that starts after the word "for" ending at e: up to three words or
// quoted names (user bob, 'bob'@'%'), then ':' (ending a word), '=',
// "is" or "to", then a quoted value or a word. It returns (0, 0) when the
// text does not have that shape.
func valueAfterWhom(s string, e int) (int, int) {
	q := e
	for n := 0; n < 4; n++ {
		q = skipSpaces(s, q)
		if q >= len(s) || s[q] == '\n' {
			return 0, 0
		}
		if n > 0 { // an operator needs a name before it
			if op := operatorAt(s, q); op > 0 && s[q] != '.' {
				return valueOrWord(s, q+op)
			}
			if ws, we := wordAt(s, q); strings.EqualFold(s[ws:we], "is") || strings.EqualFold(s[ws:we], "to") {
				return valueOrWord(s, we)
			}
		}
		if n == 3 {
			return 0, 0
		}
		t := q // a word or a quoted name, up to a space
		for t < len(s) && s[t] != ' ' && s[t] != '\t' && s[t] != '\n' {
			t++
		}
		if t > q+1 && s[t-1] == ':' && (t == len(s) || s[t] == ' ' || s[t] == '\t') { // user postgres: …
			return valueOrWord(s, t)
		}
		q = t
	}
	return 0, 0
}

// valueOrWord returns the value at or after v: the inside of a quoted
// string, else a word.
func valueOrWord(s string, v int) (int, int) {
	v = skipSpaces(s, v)
	if v < len(s) && isQuote(s[v]) {
		return valueAt(s, v)
	}
	return wordAt(s, v)
}

// identifiedBy returns the value of an SQL IDENTIFIED BY clause after the
// word IDENTIFIED ending at e: IDENTIFIED BY '…', IDENTIFIED BY PASSWORD
// '…', IDENTIFIED WITH plugin BY|AS '…'; or (0, 0).
func identifiedBy(s string, e int) (int, int) {
	next := func(q int) (int, int) { return wordAt(s, skipSpaces(s, q)) }
	ws, we := next(e)
	if strings.EqualFold(s[ws:we], "with") {
		_, pe := next(we) // the plugin
		ws, we = next(pe)
	}
	if !strings.EqualFold(s[ws:we], "by") && !strings.EqualFold(s[ws:we], "as") {
		return 0, 0
	}
	keyword := s[e-len("identified"):e] == "IDENTIFIED" && (s[ws:we] == "BY" || s[ws:we] == "AS")
	if ps, pe := next(we); strings.EqualFold(s[ps:pe], "password") {
		we = pe
	}
	vs, ve := valueOrWord(s, we)
	if ve > vs && s[ve-1] == ';' {
		ve--
	}
	if vs > 0 && isQuote(s[vs-1]) || keyword || looksLikeCredential(s[vs:ve]) {
		return vs, ve // quoted, or SQL written as SQL (Oracle: IDENTIFIED BY Tiger123)
	}
	return 0, 0 // prose: identified by the scanner
}

// isObjectStart reports whether a JSON object starts at s[v] (a '{'
// followed by a member's quote, a space or a line break, its '}', or the
// mask written inside it), not a template ({{ … }}) or a braced word.
func (r *Redactor) isObjectStart(s string, v int) bool {
	return v+1 < len(s) && s[v] == '{' && (strings.IndexByte("\" \t\r\n}", s[v+1]) >= 0 || strings.HasPrefix(s[v+1:], r.mask))
}

// cookiesEnd returns the end of a Cookie header's value whose first
// cookie ends at e: its other cookies ("; name=value", or a bare name)
// follow up to the end of the line or of a quoted string.
func cookiesEnd(s string, e int) int {
	for e < len(s) && s[e] == ';' {
		k := skipSpaces(s, e+1)
		w := k
		for w < len(s) && s[w] != '=' && s[w] != ';' && s[w] != ' ' && s[w] != '\n' && s[w] != '"' {
			w++
		}
		if w == k || w < len(s) && (s[w] == '\n' || s[w] == '"') {
			return e
		}
		for w < len(s) && s[w] != ';' && s[w] != '\n' && s[w] != '"' && s[w] != '\'' {
			w++ // the value, or a bare cookie name: a; b=2
		}
		e = w
	}
	return e
}

// objectEnd returns the position of the '}' that closes the JSON object
// whose '{' is at s[v] (strings and escapes skipped), or len(s) when it is
// not closed.
func objectEnd(s string, v int) int {
	depth := 0
	for e := v; e < len(s); e++ {
		switch s[e] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return e
			}
		case '"':
			for e++; e < len(s) && s[e] != '"'; e++ {
				if s[e] == '\\' {
					e++
				}
			}
		}
	}
	return len(s)
}

// pairedValueEnd returns the end of a value written as two parts with a
// spaced slash between them, when the value ending at ve is the first
// ("bob / Hunter2": a user and a password); else ve.
func pairedValueEnd(s string, ve int) int {
	if !strings.HasPrefix(s[ve:], " / ") {
		return ve
	}
	if ws, we := wordAt(s, ve+3); we > ws {
		return we
	}
	return ve
}

// paramListEnd returns the end of the list of name=value parameters,
// separated by commas, whose first the value s[vs:ve] is (a signature
// header's t=…,v1=…): the whole list is what the key names.
func paramListEnd(s string, vs, ve int) int {
	if ve >= len(s) || s[ve] != ',' || ve-vs < 2 || !isKeyChar(s[vs]) || isQuote(s[max(vs-1, 0)]) {
		return ve
	}
	eq := strings.IndexByte(s[vs:ve], '=')
	if eq <= 0 || strings.Trim(s[vs:vs+eq], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != "" {
		return ve
	}
	for ve < len(s) && s[ve] == ',' {
		j := skipSpaces(s, ve+1)
		k := j
		for k < len(s) && (isAlnum(s[k]) || s[k] == '_' || s[k] == '-') {
			k++
		}
		if k == j || k >= len(s) || s[k] != '=' {
			break
		}
		k++
		for k < len(s) && s[k] != ',' && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != ';' && s[k] != '"' {
			k++
		}
		ve = k
	}
	return ve
}

// ipListEnd returns the end of the list of addresses that starts with the
// value s[vs:ve] when that value is an IP address: the addresses after it
// that commas separate belong to the same key (X-Forwarded-For).
func ipListEnd(s string, vs, ve int) int {
	if !isIPish(s[vs:ve]) {
		return ve
	}
	for ve < len(s) && s[ve] == ',' {
		j := skipSpaces(s, ve+1)
		k := j
		for k < len(s) && (isHexByte(s[k]) || s[k] == '.' || s[k] == ':') {
			k++
		}
		if k == j || !isIPish(s[j:k]) {
			break
		}
		ve = k
	}
	return ve
}

func isHexByte(c byte) bool { return isDigit(c) || (c|0x20)-'a' < 6 }

// isIPish reports whether v is made of the characters of an IPv4 or IPv6
// address, with a digit and a dot or a colon.
func isIPish(v string) bool {
	digit, sep := false, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isDigit(c):
			digit = true
		case c == '.' || c == ':':
			sep = true
		case !isHexByte(c):
			return false
		}
	}
	return digit && sep
}

// inARN reports whether s[a] is inside an Amazon resource name, whose
// "secret:" names a resource type ("arn:aws:secretsmanager:…:secret:db-x").
func inARN(s string, a int) bool {
	lb := max(0, a-arnReach) // an ARN's "secret:" comes well within its first 256 bytes
	start := strings.LastIndexAny(s[lb:a], " \t\"'=,") + 1 + lb
	return (start > lb || lb == 0) && strings.HasPrefix(s[start:], "arn:")
}

// arnReach is how far before a term inARN looks for the start of an ARN.
const arnReach = 256

// personalRules are the presets of personal data, whose key words name
// numbers too (SSN 078051120): after them a number of five digits or more
// is the value, where after a credential word it is a count or an id.
var personalRules = map[string]bool{PCIDSS.Name: true, HIPAA.Name: true, GDPR.Name: true, CCPA.Name: true, ContactInfo.Name: true}

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// isNameKey reports whether key names a person's name (full_name,
// patientName, cardholder), whose unquoted value may run over words.
func isNameKey(key string) bool {
	var fb foldBuf
	k := fb.lower(key)
	if strings.HasSuffix(k, "name") || strings.HasSuffix(k, "holder") || strings.HasPrefix(k, "name") { // name on card
		return true
	}
	for _, t := range [...]string{"prenom", "prénom", "apellido", "apellidos", "cognome"} {
		if strings.HasSuffix(k, t) {
			return true
		}
	}
	return false
}

// isFreeTextKey reports whether values under key are free text that goes
// on over spaces and commas: a postal address, a diagnosis, a medication,
// a passphrase or a seed phrase of many words.
func isFreeTextKey(key string) bool {
	var fb foldBuf
	k := addressLineBase(fb.lower(key)) // address_line_1, address.line2: a line of the address
	for _, t := range [...]string{"address", "street", "diagnosis", "condition", "medication", "prescription",
		"passphrase", "phrase", "mnemonic", // passphrase: correct horse battery staple; a seed phrase of 24 words
		"anschrift", "adresse", "direccion", "dirección", "indirizzo", "endereco", "endereço", "adres"} {
		if strings.HasSuffix(k, t) {
			before := strings.TrimRight(k[:len(k)-len(t)], "_- ")
			return !strings.HasSuffix(before, "ip") || strings.HasSuffix(before, "ship") // an IP address; a ship_address is a street's
		}
	}
	return false
}

// clauseEnd returns the end of the free-text value that goes on at s[e]:
// up to a line break, a ';', a closing quote or bracket, or the ", " or
// " " before the next key (a word followed by '=' or ':').
func clauseEnd(s string, e int) int {
	for e < len(s) {
		switch s[e] {
		case '\n', '\r', ';', '"', '\'', ']', '}', '&', '|':
			return e
		case ' ', ',':
			k := e
			for k < len(s) && (s[k] == ' ' || s[k] == ',') {
				k++
			}
			w := k
			for w < len(s) && isKeyChar(s[w]) {
				w++
			}
			if w > k && w < len(s) && (s[w] == '=' || s[w] == ':' && (w+1 == len(s) || s[w+1] == ' ')) {
				return e // the next key
			}
			if k == len(s) {
				return e
			}
			e = k
			continue
		}
		e++
	}
	return e
}

// isPatientWord reports whether w, in prose, is followed by a patient's
// name: "patient Jane Roe".
func isPatientWord(w string) bool { return strings.EqualFold(w, "patient") }

// isICDKey reports whether k names an ICD diagnosis code, or a diagnosis.
func isICDKey(k string) bool {
	l := strings.ToLower(k)
	return strings.Contains(l, "icd") || strings.Contains(l, "diagnos") // ICD-10 code F32.1, diagnosis code E11.9
}

// isICDCode reports whether w has the shape of an ICD-10 code: a letter,
// two digits (or a digit and a letter), then maybe a dot and up to four
// characters (E11.9, F32.1, S72.001A).
func isICDCode(w string) bool {
	if len(w) < 3 || len(w) > 8 || !isLetter(w[0]) || !isDigit(w[1]) || !isAlnum(w[2]) {
		return false
	}
	if len(w) == 3 {
		return true
	}
	if w[3] != '.' || len(w) == 4 {
		return false
	}
	for i := 4; i < len(w); i++ {
		if !isAlnum(w[i]) {
			return false
		}
	}
	return true
}

// isBirthKey reports whether k names a date of birth.
func isBirthKey(k string) bool {
	l := strings.ToLower(k)
	for _, w := range [...]string{"birth", "born", "geburt", "naissance", "nacimiento", "nascita", "nascimento", "geboorte"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return l == "dob" || l == "d.o.b" || l == "d.o.b."
}

// salutationName returns the span of the name after "Dear" ending at e,
// with its title left out (Dear Dr. Jane Roe, Dear Ms Roe), or an empty
// span when what follows is no name (Dear customer, Dear Sir or Madam,
// Dear Team).
func salutationName(s string, e int) (int, int) {
	q := skipSpaces(s, e)
	if q == e || q >= len(s) || !(isUpper(s[q]) || s[q] >= 0x80) {
		return 0, 0
	}
	if t := nameWordEnd(s, q); isTitle(s[q:t]) {
		if t < len(s) && s[t] == '.' {
			t++
		}
		if q = skipSpaces(s, t); q == t || q >= len(s) || !(isUpper(s[q]) || s[q] >= 0x80) {
			return 0, 0
		}
	}
	w := nameWordEnd(s, q)
	if w == q || isGreetedGroup(s[q:w]) {
		return 0, 0
	}
	return q, nameEnd(s, q, w)
}

// isTitle reports whether w is a title before a name.
func isTitle(w string) bool {
	var fb foldBuf
	switch fb.lower(w) {
	case "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "herr", "frau", "sr", "sra", "mme", "mlle", "m":
		return true
	}
	return false
}

// isGreetedGroup reports whether w, after "Dear", greets no one by name:
// Dear Customer, Dear Sir or Madam, Dear Team, Dear Valued Member.
func isGreetedGroup(w string) bool {
	switch strings.TrimSuffix(strings.ToLower(w), "s") {
	case "customer", "sir", "madam", "team", "user", "all", "colleague", "valued", "friend", "member",
		"subscriber", "client", "partner", "admin", "administrator", "hiring", "support", "developer",
		"everyone", "applicant", "candidate", "owner", "reader", "recipient", "patient", "guest", "student",
		"parent", "employee", "contributor", "maintainer", "account", "shopper", "traveler", "traveller",
		"sender", "visitor", "author", "reviewer", "editor", "community", "board":
		return true
	}
	return false
}

// isNumberWord reports whether the word s[ws:we] abbreviates "number" between a key and
// its value in prose: passport no. 123456789, member # 88412.
func isNumberWord(s string, ws, we int) bool {
	w := s[ws:we]
	return w == "#" || (strings.EqualFold(w, "no") || strings.EqualFold(w, "nr")) && we < len(s) && (s[we] == '.' || s[we] == ':')
}

// personalValueEnd extends the unquoted value s[vs:ve] of the personal
// key k over the words that belong to it: a date of birth written in words
// (March 14, 1985), an identifier written in groups (QQ 12 34 56 C,
// 2345 6789 0123), the longitude after a latitude (40.7128, -74.0060),
// and the one after a URL's latitude (https://maps.example.com/?q=52.52,13.40).
func personalValueEnd(s, k string, vs, ve int) int {
	if isBirthKey(k) {
		if e := dateEnd(s, vs); e > ve {
			return e
		}
	}
	if e := coordinatesTailEnd(s, vs, ve); e > ve {
		return e
	}
	if isCoordinate(s[vs:ve]) {
		e := ve
		if e < len(s) && s[e] == ',' {
			e++
		}
		if f := skipSpaces(s, e); f > ve {
			if ws, we := wordAt(s, f); we > ws && isCoordinate(s[ws:we]) {
				return we
			}
		}
		return ve
	}
	if digitGroup(s[vs:ve], true) {
		if e, _ := idGroupsEnd(s, vs, ve); e > ve {
			return e
		}
	}
	if isPostcodeKey(k) {
		return postcodeEnd(s, vs, ve)
	}
	return ve
}

// isPostcodeKey reports whether the key k names a postal code.
func isPostcodeKey(k string) bool {
	k = strings.ToLower(k)
	return strings.Contains(k, "post") || strings.Contains(k, "zip")
}

// postcodeEnd returns the end of a postal code written in two parts whose
// first part is s[vs:ve]: the inward code of a British postcode (SW1A
// 1AA), a Canadian one's second half (K1A 0B1), the letters of a Dutch
// one (1012 AB); else ve.
func postcodeEnd(s string, vs, ve int) int {
	if ve+1 >= len(s) || s[ve] != ' ' {
		return ve
	}
	first := s[vs:ve]
	ws, we := wordAt(s, ve+1)
	if ws != ve+1 {
		return ve
	}
	w := s[ws:we]
	up := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	switch {
	case len(first) >= 2 && len(first) <= 4 && up(first[0]) && countDigits(first) > 0 && len(w) == 3 &&
		isDigit(w[0]) && up(w[1]) && up(w[2]): // SW1A 1AA
		return we
	case len(first) == 3 && up(first[0]) && isDigit(first[1]) && up(first[2]) && len(w) == 3 &&
		isDigit(w[0]) && up(w[1]) && isDigit(w[2]): // K1A 0B1
		return we
	case len(first) == 4 && countDigits(first) == 4 && len(w) == 2 && up(w[0]) && up(w[1]): // 1012 AB
		return we
	}
	return ve
}

// isCoordinate reports whether w is a decimal number with a fraction
// (51.5007, -0.1246), or two such numbers separated by a comma.
// coordinatesTailEnd returns the end of the value s[vs:ve] taken on over
// a comma and the number after it, signed or not, when the value ends
// with a decimal number after other text (a URL's ?q=52.52 or @52.52):
// the value was cut at the comma, and the two numbers are coordinates
// (holdsCoordinates judges the whole). A value that is the number alone
// is left to isCoordinate.
func coordinatesTailEnd(s string, vs, ve int) int {
	d := ve
	for d > vs && (isDigit(s[d-1]) || s[d-1] == '.') {
		d--
	}
	if d == vs || !isDecimal(s[d:ve]) || ve+1 >= len(s) || s[ve] != ',' {
		return ve
	}
	e := ve + 1
	if s[e] == '-' || s[e] == '+' {
		e++
	}
	if e >= len(s) || !isDigit(s[e]) {
		return ve
	}
	for e < len(s) && (isDigit(s[e]) || s[e] == '.') {
		e++
	}
	return e
}

func isCoordinate(w string) bool {
	first, second, two := strings.Cut(w, ",")
	return isDecimal(first) && (!two || isDecimal(second))
}

func isDecimal(w string) bool {
	w = strings.TrimPrefix(strings.TrimPrefix(w, "-"), "+")
	whole, frac, ok := strings.Cut(w, ".")
	return ok && whole != "" && len(whole) <= 3 && frac != "" && strings.Trim(whole, "0123456789") == "" && strings.Trim(frac, "0123456789") == ""
}

// digitGroup reports whether w is a group of an identifier written in
// groups: one to five digits (Australia's Medicare number, 2951 83745 1),
// or, when first, up to six digits or two or three capital letters (the QQ
// of a UK National Insurance number).
func digitGroup(w string, first bool) bool {
	if w == "" || len(w) > 6 || !first && len(w) > 5 {
		return false
	}
	if strings.Trim(w, "0123456789") == "" {
		return true
	}
	return first && len(w) >= 2 && len(w) <= 3 && strings.Trim(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// groupedID reports whether an identifier written in groups of six
// digits or more starts with the word s[ws:we].
func groupedID(s string, ws, we int) bool {
	if !digitGroup(s[ws:we], true) {
		return false
	}
	_, n := idGroupsEnd(s, ws, we)
	return n >= 6
}

// idGroupsEnd returns the end of an identifier written in groups whose
// first group is s[vs:ve], one space apart, and how many digits it holds:
// groups of digits, then maybe one capital letter (QQ 12 34 56 C). A word
// followed by '=' or ':' is the next key.
func idGroupsEnd(s string, vs, ve int) (int, int) {
	digits := len(s[vs:ve]) - len(strings.Trim(s[vs:ve], "0123456789"))
	end := ve
	for end+1 < len(s) && s[end] == ' ' {
		e := end + 1
		for e < len(s) && isAlnum(s[e]) {
			e++
		}
		if e < len(s) && (s[e] == '=' || s[e] == ':') || e == end+1 {
			break
		}
		w := s[end+1 : e]
		if digitGroup(w, false) {
			digits += len(w)
			end = e
			continue
		}
		if len(w) == 1 && isUpper(w[0]) && digits > 0 && (e == len(s) || !isAlnum(s[e])) {
			end = e // the suffix letter of a National Insurance number
		}
		break
	}
	return end, digits
}

// surnameFirstEnd extends a name that ends at e over a given name written
// after the surname and a comma (Roe, Jane) when the name ends there.
func surnameFirstEnd(s string, e int) int {
	if e+2 >= len(s) || s[e] != ',' || s[e+1] != ' ' || !(isUpper(s[e+2]) || s[e+2] >= 0x80) {
		return e
	}
	f := nameWordEnd(s, e+2)
	if f < len(s) && s[f] != ' ' && s[f] != '\n' && s[f] != ';' && s[f] != ')' && s[f] != '.' && s[f] != '"' {
		return e
	}
	if g := skipSpaces(s, f); g < len(s) && f < len(s) && s[f] == ' ' {
		h := g
		for h < len(s) && isKeyChar(s[h]) {
			h++
		}
		if h > g && h < len(s) && (s[h] == '=' || s[h] == ':') {
			return f // Roe, Jane age=41: the next key follows
		}
	}
	return f
}

// dashedNumber reports whether w is a number of five digits or more,
// maybe written in groups joined by single dashes (552-907, 078-05-1120).
func dashedNumber(w string) bool {
	digits := 0
	for i := 0; i < len(w); i++ {
		switch {
		case isDigit(w[i]):
			digits++
		case w[i] != '-' || i == 0 || i == len(w)-1 || w[i-1] == '-':
			return false
		}
	}
	return digits >= 5
}

// digitsEnd returns the end of the run of digits at s[i:].
func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// monthWord reports whether w is an English month name or its
// three-letter abbreviation.
func monthWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	l := strings.ToLower(strings.TrimSuffix(w, ","))
	for _, m := range [...]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"} {
		if l == m || l == m[:3] {
			return true
		}
	}
	return false
}

// dateEnd returns the end of a date written in up to three words at
// s[ws:] (12 March 1984, March 12, 1984, 1984-03-12, 03/12/1984), or ws.
func dateEnd(s string, ws int) int {
	e, n := ws, 0
	for q := ws; n < 3; n++ {
		vs, ve := wordAt(s, q)
		if ve == vs {
			break
		}
		w := s[vs:ve]
		if !monthWord(w) && !joinedDate(w) && strings.Trim(w, "0123456789/-.,") != "" {
			break
		}
		if strings.Trim(w, ",") == "" {
			break
		}
		e, q = ve, ve
		if q < len(s) && s[q] == ',' {
			q++ // March 12, 1984
		}
		q = skipSpaces(s, q)
	}
	return e
}

// joinedDate reports whether w is a date whose parts are joined by '-',
// '/' or '.', a month's name among them (02-Jul-1961, Jul/02/1961,
// 2.Jul.61).
func joinedDate(w string) bool {
	parts, month := 0, false
	for p := range strings.FieldsFuncSeq(strings.TrimSuffix(w, ","), func(r rune) bool { return r == '-' || r == '/' || r == '.' }) {
		switch {
		case monthWord(p) && !month:
			month = true
		case len(p) > 4 || strings.Trim(p, "0123456789") != "":
			return false
		}
		parts++
	}
	return month && parts == 3
}

// nameEnd extends the unquoted value s[vs:ve] of a name key that starts
// with a capital over the rest of its word (O'Brien) and over the
// capitalised words that follow it (Jane Roe, Ana María Pérez), at most
// three; a word followed by '=' or ':' is the next key.
func nameEnd(s string, vs, ve int) int {
	if !(s[vs] >= 'A' && s[vs] <= 'Z' || s[vs] >= 0x80) {
		return ve
	}
	ve = nameWordEnd(s, ve)
	for n := 0; n < 3 && ve+1 < len(s) && s[ve] == ' ' && (s[ve+1] >= 'A' && s[ve+1] <= 'Z' || s[ve+1] >= 0x80); n++ {
		e := nameWordEnd(s, ve+2)
		if e < len(s) && (s[e] == '=' || s[e] == ':') {
			break
		}
		ve = e
	}
	return ve
}

// nameWordEnd returns the end of the name word that goes on at s[e].
func nameWordEnd(s string, e int) int {
	for e < len(s) && (isLetter(s[e]) || s[e] >= 0x80 || s[e] == '-' || s[e] == '\'') {
		e++
	}
	return e
}

// namedValue returns the value of the "value" key that follows a naming
// key's value within 40 bytes of s[from:] ("value=", "\"Value\": ",
// "value:"), or an empty range.
func namedValue(s string, from int) (int, int) {
	win := s[from:min(len(s), from+40)]
	// The value of the same object only: not past its end, nor into the
	// next item of a YAML list (- value: …⏎  name: …⏎- value: …).
	if k := strings.IndexByte(win, '}'); k >= 0 {
		win = win[:k]
	}
	if k := strings.Index(win, "- "); k >= 0 && strings.IndexByte(win[:k], '\n') >= 0 && strings.TrimLeft(win[:k], " \t\r\n\"'") == "" {
		win = win[:k]
	}
	for _, w := range [...]string{"value", "Value", "VALUE", "content"} { // content: <meta name="csrf-token" content="…">
		// Every occurrence in the window: a member such as "valueFrom":
		// null may stand between the name and its value.
		for at := 0; at < len(win); {
			k := strings.Index(win[at:], w)
			if k < 0 {
				break
			}
			q := from + at + k + len(w)
			at += k + len(w)
			if q < len(s) && isQuote(s[q]) {
				q++
			} else if strings.HasPrefix(s[q:], `\"`) {
				q += 2 // JSON in a JSON string: \"value\":\"…\"
			}
			for q < len(s) && (s[q] == ' ' || s[q] == '\t') {
				q++
			}
			if q < len(s) && (s[q] == '=' || s[q] == ':') {
				return valueAt(s, q+1)
			}
		}
	}
	return 0, 0
}

// yamlItemStart reports whether the word at s[a] is an item of a YAML
// block sequence: only spaces and "- " (and the item's opening quote)
// before it on its line.
func yamlItemStart(s string, a int) bool {
	k := a
	if k > 0 && isQuote(s[k-1]) {
		k--
	}
	if k < 2 || s[k-1] != ' ' || s[k-2] != '-' {
		return false
	}
	for k -= 2; k > 0 && s[k-1] == ' '; k-- {
	}
	return k == 0 || s[k-1] == '\n'
}

// nextYAMLItem returns where the value of the next item of a YAML block
// sequence starts when only spaces (and a closing quote) are left on the
// line at s[p] and the next line is such an item (  - …), or 0. An item
// that is a flag itself is no value.
func nextYAMLItem(s string, p int) int {
	if p < len(s) && isQuote(s[p]) {
		p++
	}
	for p < len(s) && (s[p] == ' ' || s[p] == '\t' || s[p] == '\r') {
		p++
	}
	if p >= len(s) || s[p] != '\n' {
		return 0
	}
	p++
	for p < len(s) && s[p] == ' ' {
		p++
	}
	if p+2 >= len(s) || s[p] != '-' || s[p+1] != ' ' {
		return 0
	}
	v := p + 2
	if c := s[v]; c == '-' || c == '\n' || isQuote(c) && v+1 < len(s) && s[v+1] == '-' {
		return 0
	}
	return v
}

// namingAfter returns the key that a naming member right after a value's
// end at s[from] names ({"value": "…", "name": "DB_PASSWORD"}, "- value:
// …⏎  name: API_TOKEN"), or "" when no naming member follows within a
// key's length. Only the closing quote, separators and line breaks may
// stand between the value and the naming key.
func namingAfter(s string, from int) string {
	lim := min(len(s), from+8+maxTextKey)
	q := from
	for q < lim && (isQuote(s[q]) || s[q] == '\\' || s[q] == ',' || s[q] == ';' || s[q] == ' ' || s[q] == '\t' || s[q] == '\n' || s[q] == '\r') {
		q++
	}
	ks := q
	for q < lim && (isAlnum(s[q]) || s[q] == '_' || s[q] == '-') {
		q++
	}
	if q == ks || !isNamingKey(s[ks:q]) {
		return ""
	}
	for q < lim && (isQuote(s[q]) || s[q] == '\\' || s[q] == ' ' || s[q] == '\t') {
		q++
	}
	if q >= lim || s[q] != ':' && s[q] != '=' {
		return ""
	}
	vs, ve := valueAt(s[:lim], q+1)
	if ve <= vs || ve == lim && lim < len(s) {
		return ""
	}
	return s[vs:ve]
}

// isNamingKey reports whether id is an attribute that names another
// key ("key", "name", and the names of settings: OptionName, ParameterKey,
// variable_name) in key="…" value="…" forms.
// humanNamePart reports whether the key s[a:b] is the family or given
// member of a FHIR HumanName: quoted, with the other member near it in
// the same object.
func humanNamePart(s string, a, b int) bool {
	var other string
	switch s[a:b] {
	case "family":
		other = `"given"`
	case "given":
		other = `"family"`
	default:
		return false
	}
	if a == 0 || s[a-1] != '"' {
		return false
	}
	near := s[max(0, a-80):min(len(s), b+80)]
	return strings.Contains(near, other)
}

// isSystemKey reports whether id is the system of a FHIR identifier,
// whose last segment names its value's key (systemTerm).
func isSystemKey(id string) bool { return id == "system" || id == "System" }

// jsonPatchPath reports whether the key s[a:b] is the "path" of a JSON
// Patch operation (RFC 6902): its "op" member comes shortly before.
func jsonPatchPath(s string, a, b int) bool {
	return b-a == 4 && s[a:b] == "path" && strings.Contains(s[max(0, a-40):a], `op`)
}

// longRun is the length over which an unquoted value (no space, quote or
// separator in it) holds no key of its own.
const longRun = 512

// separatorsToSpaces normalises the '_' and '-' of a key; a Replacer is
// built once (building one per call cost more than the search it served).
var separatorsToSpaces = strings.NewReplacer("_", " ", "-", " ")

// isNamingKey reports whether id is a key whose value names a setting or
// a parameter (key, name, OptionName, ParameterKey), in any case and with
// any '_' and '-'.
func isNamingKey(id string) bool {
	if strings.EqualFold(id, "key") || strings.EqualFold(id, "name") {
		return true
	}
	if len(id) < 7 || len(id) > 16 {
		return false
	}
	var joined [16]byte
	n := 0
	for i := 0; i < len(id); i++ { // id without '_' and '-'
		if c := id[i]; c != '_' && c != '-' {
			joined[n] = c
			n++
		}
	}
	var fb foldBuf
	switch fb.lower(string(joined[:n])) { // as strings.ToLower writes it: OptİonName, ParameterKey with a Kelvin sign
	case "optionname", "parametername", "parameterkey", "paramname", "paramkey", "settingname", "settingkey",
		"variablename", "variablekey", "varname", "envname", "configkey", "propertyname", "propertykey":
		return true // Elastic Beanstalk's OptionName, CloudFormation's ParameterKey, …
	}
	return false
}

// operatorOnNextLine returns where an operator starts when one line
// break (LF, CRLF or CR, raw or escaped as in JSON text: \n, \r\n) and
// spaces stand between a key's end at s[p] and it, or p. Only a lone
// operator counts after a break: a line of ===, ---, :: or == (a
// heading's underline, a rule, a comparison) is not an assignment.
func operatorOnNextLine(s string, p int) int {
	q := p
	switch {
	case strings.HasPrefix(s[q:], "\r\n"):
		q += 2
	case q < len(s) && (s[q] == '\n' || s[q] == '\r'):
		q++
	case strings.HasPrefix(s[q:], `\r\n`):
		q += 4
	case strings.HasPrefix(s[q:], `\n`), strings.HasPrefix(s[q:], `\r`):
		q += 2
	default:
		return p
	}
	for q < len(s) && (s[q] == ' ' || s[q] == '\t') {
		q++
	}
	op := operatorAt(s, q)
	if op == 0 || s[q] != '=' && s[q] != ':' || strings.HasPrefix(s[q:], "==") {
		return p
	}
	if e := q + op; e < len(s) && (s[e] == '=' || s[e] == ':' || s[e] == '-') {
		return p
	}
	return q
}

// notEqualValue returns the length of a spaced != (or !==) at s[p:] that
// gives or meets a value, or 0: make's shell assignment (API_TOKEN !=
// …) and a comparison with a literal (if password != "…"). Only a quoted
// literal or one word of letters in both cases and digits counts: the
// command a shell assignment runs (DB_PASSWORD != cat /run/secret) and
// the variable or nil a comparison reads are no secrets.
func notEqualValue(s string, p int) int {
	if p == 0 || s[p-1] != ' ' || !strings.HasPrefix(s[p:], "!=") {
		return 0
	}
	n := 2
	if p+2 < len(s) && s[p+2] == '=' {
		n = 3
	}
	v := skipSpaces(s, p+n)
	if v == p+n || v >= len(s) {
		return 0
	}
	if isQuote(s[v]) && v+1 < len(s) && s[v+1] != s[v] {
		return n
	}
	if e := run(s, v, cAlnum); mixedCaseDigits(s, v) && !numberedIdentifier(s[v:e]) && (e == len(s) || !isKeyChar(s[e]) && s[e] != '(') {
		return n
	}
	return 0
}

// numberedIdentifier reports whether w reads as a program's camelCase
// name with a number after it (expectedToken2, userPass10): a lower-case
// letter first and digits at the end only.
func numberedIdentifier(w string) bool {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	e := len(w)
	for e > 0 && isDigit(w[e-1]) {
		e--
	}
	for i := 0; i < e; i++ {
		if isDigit(w[i]) {
			return false
		}
	}
	return true
}

// operatorAt returns the length of an assignment operator at s[p:], or 0:
// =, =>, ==, :, :=, ::=, :::= (make), ?=, ??=, .= (PHP), ||= (Ruby), +=,
// <- and <<- (R).
func operatorAt(s string, p int) int {
	if p >= len(s) {
		return 0
	}
	switch s[p] {
	case '=':
		if p+1 < len(s) && (s[p+1] == '>' || s[p+1] == '=') {
			return 2
		}
		return 1
	case ':':
		if strings.HasPrefix(s[p:], "://") {
			return 0
		}
		n := 1
		for n < 3 && p+n < len(s) && s[p+n] == ':' {
			n++
		}
		if p+n < len(s) && s[p+n] == '=' {
			return n + 1
		}
		if n == 2 && p+2 < len(s) && s[p+2] == ' ' {
			return 2 // LDIF's base64 value: userPassword:: e1NTSEF9…
		}
		return 1
	case '?', '.', '+':
		if strings.HasPrefix(s[p:], "??=") {
			return 3
		}
		if p+1 < len(s) && s[p+1] == '=' {
			return 2
		}
	case '|':
		if strings.HasPrefix(s[p:], "||=") {
			return 3
		}
	case '<': // R's assignment, after a space: password <- "…", token <<- "…"
		n := 2
		if strings.HasPrefix(s[p:], "<<-") {
			n = 3
		}
		if p > 0 && s[p-1] == ' ' && p+n < len(s) && s[p+n-1] == '-' && s[p+n-2] == '<' && (s[p+n] == ' ' || isQuote(s[p+n])) {
			return n
		}
	case 0xEF:
		if fullWidthOperator(s, p) {
			return 3
		}
	}
	return 0
}

// dottedPair reports whether the '.' at s[p] joins the key s[a:b] to its
// value in a dotted pair of Lisp (an association list's (password . "…"),
// ("token" . "…")): the key opens a parenthesis, bare or quoted, and the
// dot stands between spaces.
func dottedPair(s string, a, b, p int) bool {
	if p+1 >= len(s) || s[p] != '.' || s[p+1] != ' ' || p == b || s[p-1] != ' ' || a == 0 {
		return false
	}
	o := a - 1
	if isQuote(s[o]) && o > 0 {
		o--
	}
	return s[o] == '('
}

// fullWidthOperator reports whether s[p:] starts with the full-width colon
// or equals sign of Chinese and Japanese text (密码：…).
func fullWidthOperator(s string, p int) bool {
	return strings.HasPrefix(s[p:], "：") || strings.HasPrefix(s[p:], "＝")
}

// idPair reports whether v is a user id and a group id ("1000:1000", as
// docker -u and chown take them), no user and password.
func idPair(v string) bool {
	u, g, ok := strings.Cut(v, ":")
	return ok && u != "" && g != "" && strings.Trim(u, "0123456789") == "" && strings.Trim(g, "0123456789") == ""
}

// isAppURL reports whether v, the value of -u, is a URL that names an
// application with no userinfo in it (az login --service-principal -u
// http://app-name): no user and password.
func isAppURL(v string) bool {
	k := strings.Index(v, "://")
	return k > 0 && strings.IndexByte(v[k+3:], '@') < 0
}

// containerUser reports whether the -u or --user of s is a container
// runtime's user[:group] (docker exec -u root:root, podman run --user
// app:app), no user and password: s runs docker, podman or nerdctl and is
// no login (docker login -u …). It searches s once per call of
// findUserFlag (*known caches the answer, as hasLftp does).
func containerUser(s string, known *int) bool {
	if *known == 0 {
		*known = -1
		if (commandWord(s, "docker") || commandWord(s, "podman") || commandWord(s, "nerdctl")) && !commandWord(s, "login") {
			*known = 1
		}
	}
	return *known > 0
}

// mysqlClient reports whether s runs a client of MySQL or MariaDB, whose
// -p takes its password attached (-pS3cret) and, alone, prompts for it:
// the word after a lone -p is the database. It searches s once per call
// of findUserFlag (*known caches the answer).
func mysqlClient(s string, known *int) bool {
	if *known == 0 {
		*known = -1
		for _, name := range [...]string{"mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlcheck", "mysqlshow",
			"mysqlslap", "mysqlpump", "mysqlbinlog", "mariadb", "mariadb-dump", "mariadb-admin", "mariadb-import",
			"mariadb-check", "mariadb-show", "mariadb-binlog"} {
			if commandWord(s, name) {
				*known = 1
				break
			}
		}
	}
	return *known > 0
}

// mixedCaseDigits reports whether the word after a lone -p
// (from s[vs], after spaces or a list's quote) holds upper- and
// lower-case letters and digits: a password typed after a space by
// mistake (mysql -u root -p S3cret prompts, then takes it for the
// database), which no database is named like.
func mixedCaseDigits(s string, vs int) bool {
	vs = skipSpaces(s, vs)
	if vs < len(s) && isQuote(s[vs]) {
		vs++
	}
	var upper, lower, digit bool
	for p := vs; p < len(s) && p-vs < 128 && isAlnum(s[p]); p++ {
		c := s[p]
		upper = upper || c >= 'A' && c <= 'Z'
		lower = lower || c >= 'a' && c <= 'z'
		digit = digit || isDigit(c)
	}
	return upper && lower && digit
}

// commandWord reports whether s holds name as a word of a command line:
// after a space, a slash, a quote or the start, and before a space or the
// closing quote of a list's element (["docker","exec",…]).
func commandWord(s, name string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], name)
		if j < 0 {
			return false
		}
		k := i + j
		e := k + len(name)
		i = e
		if k > 0 && s[k-1] > ' ' && s[k-1] != '/' && !isQuote(s[k-1]) {
			continue
		}
		if e == len(s) || s[e] == ' ' || s[e] == '\t' || k > 0 && isQuote(s[k-1]) && s[e] == s[k-1] {
			return true
		}
	}
}

// userValueReach is how far a -u value is read before it is known to be
// masked; a user name and password are far shorter.
const userValueReach = 1024

// hasLftp reports whether s names lftp, searching s once per call of
// findUserFlag (*known caches the answer).
func hasLftp(s string, known *int) bool {
	if *known == 0 {
		*known = -1
		if strings.Contains(s, "lftp") {
			*known = 1
		}
	}
	return *known > 0
}

// typedAssign returns the position of the '=' after a type name at s[t:]
// ("string = ", "String = "), or 0.
func typedAssign(s string, t int) int {
	w, lim := t, min(len(s), t+len("CharSequence")+1) // no type name below is longer
	for w < lim && (isAlnum(s[w]) || strings.IndexByte("[]*&", s[w]) >= 0) {
		w++
	}
	switch s[t:w] {
	case "string", "String", "str", "&str", "[]byte", "char*", "CharSequence", "SecretString", "SecretStr":
	default:
		return 0
	}
	for w < len(s) && s[w] == ' ' {
		w++
	}
	if w < len(s) && s[w] == '=' && (w+1 >= len(s) || (s[w+1] != '=' && s[w+1] != '>')) {
		return w
	}
	return 0
}

// varDumpString returns the position of the opening quote of a string as
// PHP's var_dump writes it at s[v] (string(10) "…", maybe on the next
// line), or v.
func varDumpString(s string, v int) int {
	q := v
	if q < len(s) && s[q] == '\n' {
		q = skipSpaces(s, q+1)
	}
	if !strings.HasPrefix(s[q:], "string(") {
		return v
	}
	q += len("string(")
	d := q
	for q < len(s) && isDigit(s[q]) {
		q++
	}
	if q == d || !strings.HasPrefix(s[q:], ") \"") {
		return v
	}
	return q + 2
}

// tupleOpen reports whether the key at s[a] opens a tuple: after '{' (and
// Elixir's ':' of an atom), maybe spaces.
func tupleOpen(s string, a int) bool {
	if a > 0 && s[a-1] == ':' {
		a--
	}
	for a > 0 && s[a-1] == ' ' {
		a--
	}
	return a > 0 && s[a-1] == '{'
}

// quotedTupleComma returns the index of the comma after the quoted key
// s[a:p-1] when the key opens a tuple as a string ({"password", …}) or as
// an Erlang binary ({<<"password">>, …}), else 0.
func quotedTupleComma(s string, a, p int) int {
	if a < 2 || s[a-1] != '"' {
		return 0
	}
	if p < len(s) && s[p] == ',' && tupleOpen(s, a-1) {
		return p
	}
	if a >= 3 && s[a-3:a-1] == "<<" && strings.HasPrefix(s[p:], ">>,") && tupleOpen(s, a-3) {
		return p + 2
	}
	return 0
}

// tupleValue returns the inside of the string that s[q:] gives as the
// second and last element of a tuple, after its comma: "…" or an Erlang
// binary <<"…">>, then the tuple's '}'; or an empty span.
func tupleValue(s string, q int) (int, int) {
	q = skipSpaces(s, q)
	binary := strings.HasPrefix(s[q:], `<<"`)
	if binary {
		q += 2
	}
	if q >= len(s) || s[q] != '"' {
		return q, q
	}
	c := strings.IndexByte(s[q+1:], '"')
	if c < 0 {
		return q, q
	}
	vs, ve := q+1, q+1+c
	e := ve + 1
	if binary {
		if !strings.HasPrefix(s[e:], ">>") {
			return q, q
		}
		e += 2
	}
	if e = skipSpaces(s, e); e >= len(s) || s[e] != '}' {
		return q, q
	}
	return vs, ve
}

// valueAt returns the span of the value that starts at or after v: the
// inside of a quoted string, a whole template or encrypted blob, or the
// text up to the next space or delimiter.
func valueAt(s string, v int) (int, int) {
	for v < len(s) && (s[v] == ' ' || s[v] == '\t') {
		v++
	}
	// A value on the next line after a line continuation (export
	// TOKEN=\⏎  value, a properties key=\⏎ value).
	if n := continuationLen(s, v); n > 0 && v+n < len(s) && s[v+n] != '\n' {
		v += n
	}
	if v >= len(s) {
		return v, v
	}
	if q := varDumpString(s, v); q > v {
		v = q // PHP's var_dump: ["password"]=>⏎  string(10) "…"
	}
	v += literalPrefix(s, v) // T-SQL's N'…', PostgreSQL's E'…', Python's b'…', f"…", rb'…', b"""…"""
	switch c := s[v]; {
	case escapedQuoteRun(s, v) > 0: // \"…\", JSON inside a JSON string (\\\"…\\\" a level deeper)
		n := escapedQuoteRun(s, v)
		e := v + n + 1
		for e < len(s) && s[e] != '\n' {
			if s[e] != '\\' {
				e++
				continue
			}
			m := 0
			for e+m < len(s) && s[e+m] == '\\' {
				m++
			}
			if m == n && e+m < len(s) && s[e+m] == '"' {
				break
			}
			e += m
		}
		return v + n + 1, e
	case (c == '"' || c == '\'') && strings.HasPrefix(s[v:], strings.Repeat(string(c), 3)): // TOML's """…"""
		if e := strings.Index(s[v+3:], s[v:v+3]); e >= 0 {
			return v + 3, v + 3 + e
		}
		return v + 3, len(s)
	case c == '"' || c == '\'' || c == '`':
		// A template inside quotes may hold quotes of its own:
		// "{{ vault "secret/app" "token" }}" is one value.
		if e := templateEnd(s, v+1); e > 0 {
			return v + 1, e
		}
		// An unclosed quote ends with its line, so that the next line's
		// pairs are still read as pairs.
		e := v + 1
		for e < len(s) && s[e] != '\n' {
			if s[e] == c {
				n := escapedQuoteLen(s, v, e)
				if n == 0 {
					break
				}
				e += n
				continue
			}
			if s[e] == '\\' {
				e++
			}
			e++
		}
		return v + 1, min(e, len(s))
	case c == '{' && v > 0 && s[v-1] == '=':
		if e := bracedValueEnd(s, v); e > 0 {
			return v + 1, e // ODBC's Pwd={a;b}: a value that holds ';'
		}
	case strings.HasPrefix(s[v:], "!vault"):
		return v, vaultEnd(s, v)
	case c == '!': // a YAML tag (!!binary …, !secret …): the tag and its value
		t := v
		for t < len(s) && s[t] != ' ' && s[t] != '\t' && s[t] != '\n' {
			t++
		}
		if t < len(s) && s[t] != '\n' {
			if _, e := valueAt(s, t); e > t {
				return v, e
			}
		}
		return v, t
	case c == '|' || c == '>': // a YAML block scalar: the indented lines under it
		if vs, ve := blockScalar(s, v); ve > vs {
			return vs, ve
		}
	case c == '<' && strings.HasPrefix(s[v:], "<<") && !strings.HasPrefix(s[v:], "<<:"):
		if vs, ve := heredoc(s, v); ve > vs {
			return vs, ve
		}
	case (c == '<' || c == '(') && !strings.HasPrefix(s[v:], "<%"): // secret=<…>, password: (…)
		closing := byte('>')
		if c == '(' {
			closing = ')'
		}
		if e := strings.IndexByte(s[v+1:], closing); e > 0 && strings.IndexByte(s[v+1:v+1+e], '\n') < 0 {
			return v + 1, v + 1 + e
		}
	}
	if e := templateEnd(s, v); e > 0 {
		return v, e
	}
	if e := sliceLiteralEnd(s, v); e > 0 { // Go's %#v: []string{"…"}
		return v, e
	}
	// ENC[AES256_GCM,data:…,type:str], ENC(…) and other NAME[…] or
	// NAME(…) blobs, and %(name)s interpolations.
	k := v
	if s[k] == '%' {
		k++
	}
	for k < len(s) && (isAlnum(s[k]) || s[k] == '_' || (s[k] == '.' && k > v)) {
		k++
	}
	if k < len(s) && (s[k] == '[' || ((s[k] == '(' || s[k] == '{') && k > v)) {
		open, closing := s[k], byte(']')
		switch open {
		case '(':
			closing = ')'
		case '{':
			closing = '}'
		}
		depth := 0
		for e := k; e < len(s); e++ {
			switch s[e] {
			case open:
				depth++
			case closing:
				depth--
				if depth == 0 {
					e++
					for e < len(s) && s[v] == '%' && isAlnum(s[e]) {
						e++ // the conversion of %(name)s
					}
					// A block after a call holds its default:
					// ENV.fetch('KEY') { 'fallback' }.
					if b := skipSpaces(s, e); open == '(' && b < len(s) && s[b] == '{' {
						if c := strings.IndexByte(s[b:], '}'); c >= 0 {
							e = b + c + 1
						}
					}
					return v, e
				}
			}
		}
		return v, len(s)
	}
	e := v
	for e < len(s) && strings.IndexByte(" \t\n\r&,;)}]\"'<>|", s[e]) < 0 {
		if s[e] == '\\' && e+1 < len(s) && s[e+1] == ' ' {
			e++ // a shell-escaped space: s3cr3t\ with\ spaces
		} else if n := continuationLen(s, e); n > 0 {
			// A value continued on the next line: a properties file's
			// key=first\⏎    rest, a shell's word split by \⏎.
			if e+n < len(s) && strings.IndexByte(" \t\n\r&,;)}]\"'<>|", s[e+n]) < 0 {
				e += n
				continue
			}
		} else if e > v && escapedBreak(s, e) {
			break // the next line of quoted text: "…\npassword=s3cret\nhost=db…"
		}
		e++
		if e < len(s) && e > v && valueGoesOnAt(s, e) {
			e++ // Tr0ub4dor&3x, Zq8;mW2!kP: punctuation inside the value, not after it
		}
	}
	if e < len(s) && s[e] == ' ' && e-v <= 6 {
		if t := truncatedPANEnd(s, v); t > e {
			return v, t // card=4111 **** **** 1111: a truncated card number in its groups
		}
	}
	return v, e
}

// connStringValueEnd returns where the value of a connection string's
// pair (after a ';': Server=db;Pwd=…;) that the scan ended at a space at
// s[ve] ends: at the next ';' on its line, as ODBC and ADO.NET read it,
// when no '=' comes before it (the next pair's) and it is near; else ve.
func connStringValueEnd(s string, ve int) int {
	if ve >= len(s) || s[ve] != ' ' {
		return ve
	}
	for k := ve; k < len(s) && k-ve < 128; k++ {
		switch s[k] {
		case ';':
			return k
		case '=', '\n', '\r', '"', '\'':
			return ve
		}
	}
	return ve
}

// valueGoesOnAt reports whether the punctuation at s[e], which may end
// a bare value (a query's '&', a connection string's ';', a list's ',',
// a closing bracket, a table's '|', '<' or '>'), is inside the value
// instead: a generated password holds such bytes (Tr0ub4dor&3x,
// Zq8;mW2!kP, Hk2)dQ7$wN). It is when the value goes on right after it
// with a byte that is no separator, and what follows is no next key
// (&page=2, ;Server=db, ,user=bob: name=), no HTML character reference
// (&amp;) and no tag (</td>, <br>); a quote, only between letters or
// digits (Rf2'gH5+jM).
func valueGoesOnAt(s string, e int) bool {
	n := e + 1
	switch s[e] {
	case '&', ';', ',', ')', ']', '}', '|', '<', '>':
	case '"', '\'', '`':
		// Rf2'gH5+jM: a quote between a value's letters is no quote's
		// end (one that ends a quoted value has no letter after it).
		return n < len(s) && isAlnum(s[n]) && isAlnum(s[e-1])
	default:
		return false
	}
	if n >= len(s) || strings.IndexByte(" \t\n\r&,;)}]\"'<>|([{`\\", s[n]) >= 0 {
		return false // a separator, an opening bracket, the end: the value ended
	}
	if s[e] == '&' {
		if k, _ := charReference(s, e); k > e {
			return false
		}
	}
	w := n
	for w < len(s) && isKeyChar(s[w]) {
		w++
	}
	if w > n && w < len(s) && (s[w] == '=' || s[w] == ':') {
		return false // the next pair's key
	}
	if s[e] == '<' {
		if s[n] == '/' || isAlnum(s[n]) && w < len(s) && (s[w] == '>' || s[w] == ' ' && isLetters(s[n:w])) {
			return false // a tag: </td>, <br>, <b class=…>
		}
	}
	return true
}

// bracedValueEnd returns the position of the '}' that closes the value
// braced at s[v] after a pair's '=', as ODBC and JDBC connection strings
// quote a value that holds ';' ("}}" is a '}' inside it), when the value
// ends there (a ';', a quote, a space or the end follows); else 0.
// Templates ({{…}}) and JSON objects ({"a":…}) are no such value.
func bracedValueEnd(s string, v int) int {
	if v+1 >= len(s) || s[v+1] == '{' || s[v+1] == '"' || s[v+1] == '}' {
		return 0
	}
	for e := v + 1; e < len(s) && s[e] != '\n'; e++ {
		if s[e] != '}' {
			continue
		}
		if e+1 < len(s) && s[e+1] == '}' {
			e++
			continue
		}
		if e+1 == len(s) || strings.IndexByte(";\"' \t\r\n", s[e+1]) >= 0 {
			return e
		}
		return 0
	}
	return 0
}

// escapedQuoteLen returns the length of the escaped quote at s[e], inside
// a value quoted at s[v], or 0 when s[e] closes the value: the quote
// written twice in a row, as SQL, YAML, CSV and Visual Basic escape it,
// and the shell's two ways of putting a single quote inside single
// quotes (close, then a quote in double quotes or escaped with a
// backslash, then open again). An empty value is closed.
func escapedQuoteLen(s string, v, e int) int {
	c := s[e]
	switch {
	case e > v+1 && e+1 < len(s) && s[e+1] == c:
		return 2
	case c == '\'' && strings.HasPrefix(s[e:], `'"'"'`):
		return 5
	case c == '\'' && strings.HasPrefix(s[e:], `'\''`):
		return 4
	}
	return 0
}

// literalPrefix returns the length of the prefix of a string literal at
// s[v:] (v < len(s)), or 0: T-SQL's N'…', PostgreSQL's E'…', Python's b'…',
// u'…', r'…', f"…" and their pairs (rb'…', br"…", fr'…', rf"…"), the
// literal quoted once or three times (b"""…"""). An empty literal (N"")
// has no value to mask, so its prefix is no prefix.
func literalPrefix(s string, v int) int {
	n := 0
	if v+1 < len(s) {
		var fb foldBuf
		switch fb.lower(s[v : v+2]) {
		case "br", "rb", "fr", "rf":
			n = 2
		}
	}
	if n == 0 && strings.IndexByte("NEbBuUrRfF$", s[v]) >= 0 { // $'…': bash's ANSI-C quoting, as set -x writes a value with a tab
		n = 1
	}
	q := v + n
	if n == 0 || q+1 >= len(s) || s[q] != '\'' && s[q] != '"' {
		return 0
	}
	if s[q+1] == s[q] && !(q+2 < len(s) && s[q+2] == s[q]) {
		return 0 // an empty literal: N'' or b""
	}
	return n
}

// continuationLen returns the length of the line continuation at s[e]
// (a backslash, a line break, and the next line's indentation), or 0.
func continuationLen(s string, e int) int {
	if e >= len(s) || s[e] != '\\' {
		return 0
	}
	n := 1
	if strings.HasPrefix(s[e+1:], "\r\n") {
		n = 3
	} else if strings.HasPrefix(s[e+1:], "\n") {
		n = 2
	} else {
		return 0
	}
	return skipSpaces(s, e+n) - e
}

// maxQuoteEscapes bounds the backslashes read before a quote: JSON inside
// JSON inside a string three levels deep escapes its quotes with 7.
const maxQuoteEscapes = 7

// escapedQuoteRun returns the number of backslashes at s[i:] when a quote
// follows them (\", \\\" of JSON escaped twice), up to maxQuoteEscapes;
// else 0.
func escapedQuoteRun(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == '\\' && n < maxQuoteEscapes {
		n++
	}
	if n == 0 || i+n >= len(s) || s[i+n] != '"' {
		return 0
	}
	return n
}

// escapedBreak reports whether s[e:] opens with the escape of a line
// break or a tab (\n, \r, \t) whose backslash is not itself escaped.
func escapedBreak(s string, e int) bool {
	return s[e] == '\\' && e+1 < len(s) && (s[e+1] == 'n' || s[e+1] == 'r' || s[e+1] == 't') && s[e-1] != '\\'
}

// sliceLiteralEnd returns the end of a Go slice literal at s[v:]
// ([]string{"a", "b"}, as %#v writes an http.Header's values), or 0.
func sliceLiteralEnd(s string, v int) int {
	if !strings.HasPrefix(s[v:], "[]") {
		return 0
	}
	t := v + 2
	for t < len(s) && (isAlnum(s[t]) || s[t] == '.' || s[t] == '*' || s[t] == '_') {
		t++
	}
	if t == v+2 || t >= len(s) || s[t] != '{' {
		return 0
	}
	depth := 0
	for e := t; e < len(s); e++ {
		switch s[e] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return e + 1
			}
		case '"':
			for e++; e < len(s) && s[e] != '"'; e++ {
				if s[e] == '\\' {
					e++
				}
			}
		}
	}
	return len(s)
}

// skipSpaces returns the first index at or after i that is not a space or tab.
func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// blockScalar returns the span of the indented lines of a YAML block
// scalar whose indicator (|, >, |-, >+2 …) is at s[v], or an empty span.
func blockScalar(s string, v int) (int, int) {
	i := v + 1
	for i < len(s) && (s[i] == '-' || s[i] == '+' || isDigit(s[i])) {
		i++
	}
	i = skipSpaces(s, i)
	if i < len(s) && s[i] == '\r' {
		i++
	}
	if i >= len(s) || s[i] != '\n' {
		return v, v
	}
	start, end := -1, -1
	for line := i + 1; line < len(s); {
		next := strings.IndexByte(s[line:], '\n')
		stop := len(s)
		if next >= 0 {
			stop = line + next
		}
		text := skipSpaces(s, line)
		if text == line && text < stop { // a line without indent ends the block
			break
		}
		if text < stop {
			if start < 0 {
				start = text
			}
			end = stop
			for end > text && s[end-1] == '\r' {
				end--
			}
		}
		if next < 0 {
			break
		}
		line = stop + 1
	}
	if start < 0 {
		return v, v
	}
	return start, end
}

// heredoc returns the span of the body of a here-document that opens at
// s[v] (<<EOF, <<-'EOF', <<<EOT …) up to its closing line, or an empty span.
func heredoc(s string, v int) (int, int) {
	i := v + 2
	for i < len(s) && (s[i] == '<' || s[i] == '-' || s[i] == '~') {
		i++
	}
	q := i < len(s) && (s[i] == '\'' || s[i] == '"')
	if q {
		i++
	}
	m := i
	for i < len(s) && (isAlnum(s[i]) || s[i] == '_') {
		i++
	}
	marker := s[m:i]
	if marker == "" {
		return v, v
	}
	nl := strings.IndexByte(s[i:], '\n')
	if nl < 0 {
		return v, v
	}
	body := i + nl + 1
	end := len(s)
	for line := body; line < len(s); {
		stop := strings.IndexByte(s[line:], '\n')
		if stop < 0 {
			stop = len(s)
		} else {
			stop += line
		}
		if t := skipSpaces(s, line); strings.TrimRight(s[t:stop], "\r;") == marker {
			end = line
			break
		}
		line = stop + 1
	}
	for end > body && (s[end-1] == '\n' || s[end-1] == '\r') {
		end--
	}
	return body, end
}

// templateEnd returns the end of the template that opens at s[v:]
// ({{ … }}, ${{ … }}, ${ … }, <%= … %>, #{ … }), or 0 when none opens there.
func templateEnd(s string, v int) int {
	var closing string
	switch {
	case strings.HasPrefix(s[v:], "{{"):
		closing = "}}"
	case strings.HasPrefix(s[v:], "${{"): // GitHub Actions: ${{ secrets.X }}
		if e := strings.Index(s[v+3:], "}}"); e >= 0 {
			return v + 3 + e + 2
		}
		return len(s)
	case strings.HasPrefix(s[v:], "${"), strings.HasPrefix(s[v:], "#{"):
		closing = "}"
	case strings.HasPrefix(s[v:], "<%"):
		closing = "%>"
	default:
		return 0
	}
	if e := strings.Index(s[v+2:], closing); e >= 0 {
		return v + 2 + e + len(closing)
	}
	return len(s)
}

// vaultEnd returns the end of an Ansible Vault value that starts at s[v:]
// with "!vault": its "|", the $ANSIBLE_VAULT header and the hex lines.
func vaultEnd(s string, v int) int {
	e := v + len("!vault")
	for e < len(s) && strings.IndexByte(" \t|>-", s[e]) >= 0 {
		e++
	}
	// The header follows on the same line, or on the next as Ansible
	// writes it.
	head := e
	for head < len(s) && strings.IndexByte(" \t\r\n", s[head]) >= 0 {
		head++
	}
	if !strings.HasPrefix(s[head:], "$ANSIBLE_VAULT;") {
		return e
	}
	e = head
	for e < len(s) && s[e] != ' ' && s[e] != '\n' && s[e] != '\r' && s[e] != '\t' {
		e++
	}
	for {
		k := e
		for k < len(s) && (s[k] == ' ' || s[k] == '\n' || s[k] == '\r' || s[k] == '\t') {
			k++
		}
		h := k
		for h < len(s) && charClass[s[h]]&cLHex != 0 {
			h++
		}
		// A hex run that goes on as a word or a key ("done", "db: …") is
		// the text after the value, not ciphertext.
		if h == k || h < len(s) && (isAlnum(s[h]) || strings.IndexByte("_:=", s[h]) >= 0) {
			return e
		}
		e = h
	}
}

// wordAt returns the span of the word at q: up to a space, a quote, a
// table cell's bar or a tag, without
// trailing punctuation.
func wordAt(s string, q int) (int, int) {
	e := q
	for e < len(s) && s[e] != ' ' && s[e] != '\t' && s[e] != '\n' && s[e] != '\r' && (s[e] != '"' && s[e] != '\'' || innerQuote(s, q, e)) && !escapedQuoteAt(s, e) &&
		!(s[e] == '|' && (e+1 == len(s) || s[e+1] == ' ' || s[e+1] == '\t' || s[e+1] == '\n')) && !strings.HasPrefix(s[e:], "</") { // a table's cell ends, a closing tag: token Xk9…</td>
		e++
	}
	for e > q && strings.IndexByte(".,;:)]}", s[e-1]) >= 0 {
		e--
	}
	return q, e
}

// innerQuote reports whether the quote at s[e], in the word that starts
// at s[q], stands between two letters or digits (Rf2'gH5+jM, a password
// with a quote in it): a quote that closes a word has none after it.
func innerQuote(s string, q, e int) bool {
	return e > q && e+1 < len(s) && isAlnum(s[e-1]) && isAlnum(s[e+1])
}

// promptDefaultEnd returns the index of the ':' after the bracketed
// default that a prompt shows between its name and the colon (aws
// configure's "AWS Secret Access Key [None]: ", "Password [****]: "), or
// p when s[p] opens none: up to 40 bytes on one line, then "]:".
func promptDefaultEnd(s string, p int) int {
	if p >= len(s) || s[p] != '[' || p == 0 || s[p-1] != ' ' {
		return p
	}
	k := strings.IndexByte(s[p+1:min(len(s), p+42)], ']')
	if k < 0 || p+2+k >= len(s) || s[p+2+k] != ':' || strings.ContainsAny(s[p+1:p+1+k], "[\n") {
		return p
	}
	return p + 2 + k
}

// qualifierEnd returns where the colon after a short qualifier in
// parentheses between a key and its colon is (API key (prod): …, secret
// (base64): …), or p.
func qualifierEnd(s string, p int) int {
	if p >= len(s) || s[p] != '(' || p == 0 || s[p-1] != ' ' {
		return p
	}
	k := strings.IndexByte(s[p+1:min(len(s), p+26)], ')')
	if k <= 0 || p+2+k >= len(s) || s[p+2+k] != ':' || strings.ContainsAny(s[p+1:p+1+k], "()\n:=") {
		return p
	}
	return p + 2 + k
}

// escapedQuoteAt reports whether a quote written as an escape or a
// character reference starts at s[e] (\", \u0022, \x27, &quot;, &#39;):
// a word of escaped or HTML-escaped text ends there.
func escapedQuoteAt(s string, e int) bool {
	switch s[e] {
	case '\\':
		if e+1 < len(s) && (s[e+1] == '"' || s[e+1] == '\'') {
			return true
		}
		if k := escapeEnd(s, e); k-e >= 4 { // \xHH or \uHHHH; not \n
			v := s[k-2 : k]
			return (k-e == 4 || s[e+2:e+4] == "00") && (v == "22" || v == "27")
		}
	case '&':
		if k, r := charReference(s, e); k > e {
			return r == '"' || r == '\''
		}
	}
	return false
}

// xmlOpen reports whether the key at s[a] opens an XML element: after
// '<', or after a namespace prefix ("<ns2:password>"), also an empty one
// ("<:password>", not XML, but an element to whoever wrote it).
func xmlOpen(s string, a int) bool {
	if a == 0 {
		return false
	}
	j := a - 1
	if s[j] == ':' {
		for j > 0 && (isAlnum(s[j-1]) || s[j-1] == '_' || s[j-1] == '-') {
			j--
		}
		j--
		if j < 0 {
			return false
		}
	}
	return s[j] == '<'
}

// attributesEnd returns the index of the '>' that closes an XML start
// tag whose attributes begin at s[p] (name="…" or name='…', separated by
// spaces), or 0 when they are not attributes or the tag closes itself.
func attributesEnd(s string, p int) int {
	for i, n := p, 0; i < len(s) && i-p < 512; n++ {
		if s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' {
			return 0
		}
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
		if i < len(s) && s[i] == '>' && n > 0 {
			return i
		}
		j := i
		for j < len(s) && (isKeyChar(s[j]) || s[j] == ':') {
			j++
		}
		if j == i || j+1 >= len(s) || s[j] != '=' || s[j+1] != '"' && s[j+1] != '\'' {
			return 0
		}
		q := strings.IndexByte(s[j+2:], s[j+1])
		if q < 0 || strings.IndexByte(s[j+2:j+2+q], '<') >= 0 {
			return 0
		}
		i = j + 3 + q
		if i < len(s) && s[i] == '>' {
			return i
		}
	}
	return 0
}

// attributeAt reports whether an XML attribute (name="…" or name='…')
// follows the spaces at s[p].
func attributeAt(s string, p int) bool {
	i := skipSpaces(s, p)
	j := i
	for j < len(s) && (isKeyChar(s[j]) || s[j] == ':') {
		j++
	}
	return j > i && j+1 < len(s) && s[j] == '=' && (s[j+1] == '"' || s[j+1] == '\'')
}

// cdataAt returns the text of the CDATA section that opens an element's
// text at s[v:] (after white space), up to its "]]>" or the end of s, or
// (0, 0) when none opens there.
func cdataAt(s string, v int) (int, int) {
	for v < len(s) && (s[v] == ' ' || s[v] == '\t' || s[v] == '\r' || s[v] == '\n') {
		v++
	}
	const open = "<![CDATA["
	if !strings.HasPrefix(s[v:], open) {
		return 0, 0
	}
	vs := v + len(open)
	if e := strings.Index(s[vs:], "]]>"); e >= 0 {
		return vs, vs + e
	}
	return vs, len(s)
}

// namedElement returns the text of the <value> element that follows a
// naming <name> element closed at s[e:]: <name>token</name><value>…</value>.
func namedElement(s string, e int) (int, int) {
	win := s[e:min(len(s), e+48)]
	k := strings.Index(win, "<value>")
	if k < 0 {
		k = strings.Index(win, "<Value>")
	}
	open := len("<value>")
	if k < 0 && strings.HasPrefix(strings.TrimLeft(win, " \t\r\n"), "</key>") {
		k, open = strings.Index(win, "<string>"), len("<string>") // a property list: <key>APIToken</key><string>…</string>
	}
	if k < 0 {
		return 0, 0
	}
	vs := e + k + open
	if cs, ce := cdataAt(s, vs); ce > cs {
		return cs, ce
	}
	ve := strings.IndexByte(s[vs:], '<')
	if ve < 0 {
		return vs, len(s)
	}
	return vs, vs + ve
}

// elementText returns the text of the element whose start tag goes on at
// s[e:] after a naming attribute: <entry key="db.password">…</entry>.
func elementText(s string, e int) (int, int) {
	if e < len(s) && isQuote(s[e]) {
		e++
	}
	k := e
	for k < len(s) && k-e < 80 && s[k] != '>' && s[k] != '<' && s[k] != '\n' {
		k++
	}
	if k >= len(s) || s[k] != '>' || s[k-1] == '/' {
		return 0, 0
	}
	vs := k + 1
	if cs, ce := cdataAt(s, vs); ce > cs {
		return cs, ce // <entry key="db.password"><![CDATA[…]]></entry>
	}
	ve := strings.IndexByte(s[vs:], '<')
	if ve == 0 {
		return namedElement(s, vs) // <setting name="SmtpPassword" serializeAs="String"><value>…</value>
	}
	if ve < 0 {
		return 0, 0
	}
	return vs, vs + ve
}

// indentedBlock returns the span of the lines after the key at s[a] that
// are indented deeper than the key's own line (YAML's value on the next
// lines, or a sequence under the key), when the key's line ends at s[v]
// with nothing after its colon; else v, v.
func indentedBlock(s string, a, v int) (int, int) {
	q := v
	for q < len(s) && (s[q] == ' ' || s[q] == '\t' || s[q] == '\r') {
		q++
	}
	if q >= len(s) || s[q] != '\n' {
		return v, v
	}
	ls := a
	for ls > 0 && s[ls-1] != '\n' {
		ls--
	}
	indent := skipSpaces(s, ls) - ls
	if k := skipSpaces(s, ls); k < len(s) && s[k] == '-' && k+1 < len(s) && s[k+1] == ' ' {
		indent = skipSpaces(s, k+1) - ls // "- password:" in a list: the key's own column
	}
	start, end := -1, -1
	seq := false // a sequence at the key's own column (password:⏎- S3cret), which YAML allows
	for line := q + 1; line < len(s); {
		stop := len(s)
		if n := strings.IndexByte(s[line:], '\n'); n >= 0 {
			stop = line + n
		}
		text := skipSpaces(s, line)
		if text < stop && s[text] != '\r' {
			entry := text-line == indent && s[text] == '-' && text+1 < stop && s[text+1] == ' '
			if start < 0 && entry {
				seq = true
			}
			if text-line < indent || text-line == indent && !(seq && entry) {
				break
			}
			if start < 0 {
				start = text
			}
			end = stop
			for end > text && s[end-1] == '\r' {
				end--
			}
		}
		if stop == len(s) {
			break
		}
		line = stop + 1
	}
	if start < 0 {
		return v, v
	}
	return start, end
}

// blockValues returns the spans of the values that the block opening at
// s[p] ('{') gives to its own default and value arguments (HCL: default =
// "…", value = {…}), not those of blocks nested in it.
func blockValues(s string, p int) [][2]int {
	var out [][2]int
	end := objectEnd(s, p)
	for line := p + 1; line < end; {
		stop := end
		if n := strings.IndexByte(s[line:end], '\n'); n >= 0 {
			stop = line + n
		}
		k := skipSpaces(s, line)
		w := k
		for w < stop && isAlnum(s[w]) {
			w++
		}
		if name := s[k:w]; name == "default" || name == "value" {
			if q := skipSpaces(s, w); q < stop && s[q] == '=' && (q+1 >= len(s) || s[q+1] != '=') {
				vs, ve := valueAt(s, q+1)
				if vs < len(s) && (s[vs] == '{' || s[vs] == '[') {
					ve = min(objectEnd(s, vs)+1, len(s))
				}
				if ve > vs && !hclReference(s[vs:ve]) {
					out = append(out, [2]int{vs, ve})
					stop = max(stop, ve)
				}
			}
		}
		if stop < end {
			if d := strings.IndexByte(s[k:stop], '{'); d >= 0 && k+d < stop { // a nested block: skip it
				if ce := objectEnd(s, k+d); ce > stop {
					stop = ce
				}
			}
		}
		line = stop + 1
	}
	return out
}

// hclReference reports whether v is an HCL expression that names a value
// rather than holding one (var.db_password, aws_db_instance.main.password,
// null), or a variable's type.
func hclReference(v string) bool {
	switch v {
	case "null", "true", "false", "string", "number", "bool":
		return true
	}
	dots := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '.':
			dots++
		case !isAlnum(c) && c != '_' && c != '-' && c != '[' && c != ']' && c != '*':
			return false
		}
	}
	return dots > 0 && !isDigit(v[0])
}

// terraformReference reports whether v, unquoted after a '=', is a
// Terraform reference: var.NAME, local.NAME, module.NAME.OUTPUT,
// data.TYPE.NAME.ATTR or TYPE.NAME.ATTR of a resource (random_password.db.result),
// in lower-case names with an index ([0], ["a"] not) at most.
func terraformReference(v string) bool {
	seg, segs, under := 0, 0, false
	for i := 0; i <= len(v); i++ {
		if i == len(v) || v[i] == '.' {
			if seg == 0 {
				return false
			}
			segs++
			seg = 0
			continue
		}
		c := v[i]
		switch {
		case c >= 'a' && c <= 'z', c == '_' && seg > 0, (isDigit(c) || c == '-') && seg > 0:
			under = under || c == '_' && segs == 0
			seg++
		case c == '[' && seg > 0 && i+2 < len(v) && (isDigit(v[i+1]) || v[i+1] == '*') && v[i+2] == ']':
			i += 2
			seg += 3
		default:
			return false
		}
	}
	if segs < 2 {
		return false
	}
	switch head, _, _ := strings.Cut(v, "."); head {
	case "var", "local":
		return true
	case "module", "data":
		return segs >= 3
	}
	return under && segs >= 3 // aws_db_instance.main.password
}

// quoteLen returns 1 when a quote stands before the key at s[a].
func quoteLen(s string, a int) int {
	if a > 0 && isQuote(s[a-1]) {
		return 1
	}
	return 0
}

// plainLineEnd returns the end of a plain value that starts a line's only
// pair, in text of several lines (a configuration file), and ends at e
// with a space: the rest of its line, when nothing on it reads as another
// pair, a comment or a sentence's punctuation; else e. YAML's plain
// scalars and INI values run to the end of their line.
func plainLineEnd(s string, e int) int {
	if e >= len(s) || s[e] != ' ' {
		return e
	}
	end := len(s)
	if n := strings.IndexByte(s[e:], '\n'); n >= 0 {
		end = e + n
	}
	rest := s[e:end]
	if len(rest) > 80 || strings.ContainsAny(rest, "=:\"'#;,()[]{}<>|") || strings.Contains(rest, "&&") { // && runs a command
		return e
	}
	for end > e && (s[end-1] == ' ' || s[end-1] == '\r' || s[end-1] == '\t') {
		end--
	}
	return end
}

// lineStartAt reports whether only spaces stand before s[a] on its line.
func lineStartAt(s string, a int) bool {
	for a > 0 && (s[a-1] == ' ' || s[a-1] == '\t') {
		a--
	}
	return a == 0 || s[a-1] == '\n'
}

// lineEndAt reports whether only spaces stand after s[e] on its line.
func lineEndAt(s string, e int) bool {
	for e < len(s) && (s[e] == ' ' || s[e] == '\t' || s[e] == '\r') {
		e++
	}
	return e == len(s) || s[e] == '\n'
}

// nsswitchSource reports whether v is a source of nsswitch.conf's
// databases (passwd: files systemd), not a password.
func nsswitchSource(v string) bool {
	switch v {
	case "files", "systemd", "compat", "sss", "ldap", "nis", "nisplus", "db", "winbind", "altfiles", "cache", "extrausers":
		return true
	}
	return false
}

// referenceList reports whether the lines of a YAML block are a sequence
// of references to secrets by name (- name: regcred, key: password,
// optional: true), as a Kubernetes manifest lists imagePullSecrets or a
// ServiceAccount its secrets; a member of another name (value: …) is no
// reference.
func referenceList(block string) bool {
	items := 0
	for _, line := range strings.Split(block, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "- ") {
			t = strings.TrimSpace(t[2:])
			items++
		}
		c := strings.IndexByte(t, ':')
		if c < 0 {
			return false
		}
		switch t[:c] {
		case "name", "key", "secretName", "optional", "namespace", "kind", "apiVersion":
		default:
			return false
		}
	}
	return items > 0
}

// kubectlStatusAfter reports whether the quoted name that closes at s[e]
// is followed by kubectl's report of what it did (secret "x" created).
func kubectlStatusAfter(s string, e int) bool {
	if e >= len(s) || !isQuote(s[e]) {
		return false
	}
	rest := s[e+1:]
	for _, st := range [...]string{" created", " deleted", " configured", " unchanged", " patched", " replaced", " labeled", " annotated", " edited",
		" rotated", " updated", " restored"} { // AWS Secrets Manager, Vault: secret "prod/db" rotated
		if strings.HasPrefix(rest, st) {
			return true
		}
	}
	return false
}

// apiStatusAfter reports whether the quoted name that closes at s[e]
// is followed by an API's status ("secrets \"db-creds\" not found", as
// Kubernetes writes errors about a kind and a name): a name, not a secret.
func apiStatusAfter(s string, e int) bool {
	if e >= len(s) || !isQuote(s[e]) {
		return false
	}
	rest := s[e+1:]
	for _, st := range [...]string{" not found", " is forbidden", " already exists", " is invalid", " is not found"} {
		if strings.HasPrefix(rest, st) {
			return true
		}
	}
	return false
}

// callArgument reports whether the quote at s[q] opens a call's first
// argument (getenv("api_token", …)), not an element of a list or an
// object's value ("kind":"Secret","data": …; ["password","email"]).
// nextPairKey reports whether the bare word s[vs:ve] is the key of the
// next pair rather than a value: it ends with a colon that a space or the
// end follows, and names a secret itself (credentials: SecretAccessKey: …;
// a brace before it, {SessionToken: …}, is no part of it).
func (r *Redactor) nextPairKey(s string, vs, ve int) bool {
	k := s[vs:ve]
	if ve < len(s) && s[ve] == ':' { // a word that stops before its colon
		k, ve = s[vs:ve+1], ve+1
	}
	if len(k) < 3 || k[len(k)-1] != ':' || ve < len(s) && s[ve] != ' ' && s[ve] != '\t' {
		return false
	}
	k = strings.TrimLeft(k[:len(k)-1], "{[(")
	return k != "" && !strings.ContainsAny(k, ":/") && r.verdict(k).rule != ""
}

// laterCallArgument reports whether the quote at s[q] starts an argument
// of a call after its first: a ',' before it, and before that, on the same
// line, the '(' of a call that no bracket closes.
func laterCallArgument(s string, q int) bool {
	k := q
	for k > 0 && s[k-1] == ' ' {
		k--
	}
	if k <= 0 || s[k-1] != ',' { // k < 0: the quoted key opens the text
		return false
	}
	depth := 0
	for k -= 2; k >= 0 && q-k < 200; k-- {
		switch s[k] {
		case '\n':
			return false
		case ')', ']', '}':
			depth++
		case '(', '[', '{':
			if depth == 0 {
				return s[k] == '(' && k > 0 && isKeyChar(s[k-1])
			}
			depth--
		}
	}
	return false
}

// lastStringArg reports whether the quoted argument at s[q] is the last
// string of its call: a ')' or an argument that is no string follows it
// (validate(f, "password", "min", "12") names a rule, not a value).
func lastStringArg(s string, q int) bool {
	if q >= len(s) || !isQuote(s[q]) {
		return false
	}
	_, ve := valueAt(s, q)
	if ve >= len(s) || s[ve] != s[q] {
		return false
	}
	n := skipSpaces(s, ve+1)
	if n < len(s) && s[n] == ',' {
		n = skipSpaces(s, n+1)
		return n < len(s) && !isQuote(s[n])
	}
	return n < len(s) && s[n] == ')'
}

// keyArgAt reports whether the quoted string at s[q] is itself a key that
// names a secret (one word, no spaces) and a quoted argument follows it,
// so that it is no value: in config.set('auth', 'password', '…') the value
// is the last.
func (r *Redactor) keyArgAt(s string, q int) bool {
	if q >= len(s) || !isQuote(s[q]) {
		return false
	}
	vs, ve := valueAt(s, q)
	if ve <= vs || ve >= len(s) || s[ve] != s[q] {
		return false
	}
	n := skipSpaces(s, ve+1)
	if n >= len(s) || s[n] != ',' || strings.IndexByte(s[vs:ve], ' ') >= 0 {
		return false
	}
	n = skipSpaces(s, n+1)
	return n < len(s) && isQuote(s[n]) && r.mayBeKey(s[vs:ve]) && r.keyRule(s[vs:ve]) != ""
}

func callArgument(s string, q int) bool {
	for q > 0 && s[q-1] == ' ' {
		q--
	}
	return q > 0 && s[q-1] == '('
}

// machineInText reports whether the key s[a:b] is a machine term after a
// machine word in prose ("host key fingerprint: SHA256:…") or before a
// value that names its digest algorithm ("fingerprint SHA256:…",
// "fingerprint MD5:9d:3a:…"): no finger's print is written that way.
func machineInText(s string, a, b int) bool {
	var fb foldBuf
	if b-a > 16 || !machineTerms[fb.lower(s[a:b])] {
		return false
	}
	if namedDigestAt(s, b) {
		return true
	}
	e := a
	for e > 0 && (s[e-1] == ' ' || s[e-1] == '\t') {
		e--
	}
	w := e
	for w > 0 && isAlnum(s[w-1]) {
		w--
	}
	return e > w && e < a && e-w <= 16 && machineWords[fb.lower(s[w:e])]
}

// namedDigestAt reports whether the value after a key that ends at s[b]
// (past ':', '=' and spaces) opens with a digest algorithm's name and ':'
// or '=': SHA256:nThbg6kX…, MD5:9d:3a:7b…, sha1=da39a3ee….
func namedDigestAt(s string, b int) bool {
	for b < len(s) && (s[b] == ' ' || s[b] == ':' || s[b] == '=' || s[b] == '\t') {
		b++
	}
	e := b
	for e < len(s) && e-b <= 8 && (isAlnum(s[e]) || s[e] == '-') {
		e++
	}
	if e >= len(s) || s[e] != ':' && s[e] != '=' {
		return false
	}
	var fb foldBuf
	switch fb.lower(s[b:e]) {
	case "md5", "sha1", "sha-1", "sha224", "sha-224", "sha256", "sha-256", "sha384", "sha-384", "sha512", "sha-512",
		"blake2b", "blake2s", "blake3":
		return true
	}
	return false
}

// protocolSecrets returns the spans of the secrets after a protocol's
// command that ends at e, on its line: after AUTH, the response of a SASL
// mechanism (SMTP's AUTH PLAIN AGJvYgBz…), else Redis' password or user
// and password (AUTH S3cret, AUTH default S3cret); after PASS (FTP,
// POP3), the password. A reply's status word (AUTH FAILED) and a list of
// mechanisms (AUTH LOGIN PLAIN) are no secret.
func protocolSecrets(s string, e int, auth bool) [][2]int {
	var words [3][2]int
	n := 0
	for q := skipSpaces(s, e); n < len(words) && q < len(s) && s[q] != '\n' && s[q] != '\r'; q = skipSpaces(s, q) {
		ws, we := q, q
		for we < len(s) && s[we] != ' ' && s[we] != '\t' && s[we] != '\n' && s[we] != '\r' {
			we++
		}
		words[n] = [2]int{ws, we}
		n++
		q = we
	}
	plain := func(k int) bool { // a word of prose or a status, not a secret
		w := strings.ToLower(s[words[k][0]:words[k][1]])
		return isCommonWord(w) || statusWords[w] || saslMechanism(w)
	}
	switch {
	case n == 0:
		return nil
	case auth && saslMechanism(strings.ToLower(s[words[0][0]:words[0][1]])):
		if n > 1 && !plain(1) && s[words[1][0]:words[1][1]] != "=" {
			return words[1:2]
		}
		if n == 1 {
			return saslDialogResponses(s, words[0][1]) // AUTH LOGIN⏎334 UGFzc3dvcmQ6⏎…
		}
		return nil
	case auth && n > 1 && !plain(1):
		if plain(0) { // AUTH default S3cret
			return words[1:2]
		}
		return words[:2]
	case plain(0):
		return nil
	}
	return words[:1]
}

// saslResponse returns the span of the client's response after an IMAP
// (or ManageSieve) AUTHENTICATE command that ends at e and names a SASL
// mechanism: the initial response on its line (AUTHENTICATE PLAIN
// AGJvYgBz…), or else the response the client sends on a line of its own
// after the server's "+" (a line of base64 alone, maybe after "C: ").
func saslResponse(s string, e int) [][2]int {
	ms := skipSpaces(s, e)
	me := ms
	for me < len(s) && isKeyChar(s[me]) {
		me++
	}
	if me == ms || ms == e || !saslMechanism(strings.ToLower(s[ms:me])) {
		return nil // prose: failed to authenticate user bob
	}
	if q := skipSpaces(s, me); q < len(s) && q > me && s[q] != '\n' && s[q] != '\r' {
		ws, we := wordAt(s, q)
		if we-ws >= 4 && isBase64Word(s[ws:we]) {
			return [][2]int{{ws, we}}
		}
		return nil
	}
	for line, n := me, 0; n < 3; n++ {
		nl := strings.IndexByte(s[line:], '\n')
		if nl < 0 {
			break
		}
		ls := line + nl + 1
		le := ls
		for le < len(s) && s[le] != '\n' && s[le] != '\r' {
			le++
		}
		ws := ls
		if strings.HasPrefix(s[ls:le], "C: ") {
			ws += 3
		}
		if w := s[ws:le]; len(w) >= 8 && isBase64Word(w) && w != "+" {
			return [][2]int{{ws, le}}
		}
		line = le
	}
	return nil
}

// isBase64Word reports whether w is made of the characters of base64
// (with its padding) and holds a digit, a capital or padding.
func isBase64Word(w string) bool {
	mark := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case isDigit(c) || isUpper(c) || c == '=' || c == '+' || c == '/':
			mark = true
		case c >= 'a' && c <= 'z':
		default:
			return false
		}
	}
	return mark
}

// statusWords are the words a server's reply puts after AUTH or PASS.
var statusWords = map[string]bool{
	"failed": true, "failure": true, "succeeded": true, "successful": true, "success": true, "error": true,
	"err": true, "denied": true, "for": true, "with": true, "from": true, "command": true, "mechanism": true,
	"mechanisms": true, "attempt": true, "ok": true, "+ok": true, "-err": true, "required": true,
	"wrongpass": true, "noauth": true, "noperm": true,
}

// saslMechanism reports whether the lower-case word w names a SASL
// mechanism (AUTH PLAIN, AUTH=LOGIN): a name, not a secret.
func saslMechanism(w string) bool {
	switch w {
	case "plain", "login", "xoauth2", "oauthbearer", "cram-md5", "digest-md5", "scram-sha-1", "scram-sha-256",
		"scram-sha-512", "external", "gssapi", "ntlm", "anonymous":
		return true
	}
	return false
}

// cutMask reports whether v ends with the start of mask or starts with its
// end (four bytes or more): a value read up to a mask's closing bracket,
// "![REDACTED", holds a mask that an earlier redaction wrote, and masking
// it again would change redacted text.
func cutMask(v, mask string) bool {
	for k := len(mask) - 1; k >= 4; k-- {
		if strings.HasSuffix(v, mask[:k]) || strings.HasPrefix(v, mask[len(mask)-k:]) {
			return true
		}
	}
	return false
}

// keepValue reports whether v, the value text gives to key, hides nothing:
// a flag word, a boolean, a value already masked, or a region name under
// a location key.
func (r *Redactor) keepValue(key, v string) bool {
	if v == "" || strings.Contains(v, r.mask) || cutMask(v, r.mask) { // masked already, whole or in part
		return true
	}
	if strings.Trim(v, "*") == "" || strings.Trim(v, "\u2022") == "" { // ********, ••••: masked by its writer
		return true
	}
	var fb foldBuf
	switch fb.lower(v) {
	case "true", "false", "yes", "no", "on", "off", "null", "nil", "none", "enabled",
		"disabled", "required", "optional", "set", "unset", "empty", "redacted", "***", "<redacted>",
		"string", "str", "number", "int", "bool", "boolean", // a declared type: token: string
		"undefined", "(sensitive value)", "(sensitive)", "<sensitive>",
		"ok", "valid", "invalid", "denied", "granted", "verified", "unverified", "expired", "revoked",
		"success", "succeeded", "failed", "pending", "eof", "unauthorized", "forbidden", // a status: signature: valid, auth=ok
		"absent", "present", // whether a request carried it: Proxy-Authorization: absent
		"value", "values", // the word itself, as prose names a pair: key=value pairs parsed
		"/dev/stdin", "/dev/fd/0", "-": // read from the standard input: --from-file=password=/dev/stdin

		return true
	}
	if k := strings.LastIndexAny(key, "-_."); strings.EqualFold(key[k+1:], "auth") && saslMechanism(fb.lower(v)) { // SMTP: 250-AUTH=LOGIN
		return true
	}
	if phoneCount(key, v) { // mobile=3 sessions: a count, no telephone number
		return true
	}
	if isVersion(v) && !personalRules[r.verdict(key).rule] { // credentials v1.17.42: a module's version; not dob: 14.03.1985
		return true
	}
	if (v == "env" || v == "file") && len(key) > 4 && strings.EqualFold(key[len(key)-4:], "pass") {
		return true // keytool -storepass:env NAME, -keypass:file PATH: where the password is read
	}
	if composerSettingName(v) { // composer config --auth http-basic.repo.example.com …: the setting, not its secret
		return true
	}
	if shellRedirect(v) { // gh auth login --with-token < token.txt, --password $(cat /run/secrets/pw)
		return true
	}
	if isKeyFileName(v) || noValue(v) { // --key=tls.key, ssl_cert_key: server.key; password = $1, phone: unknown
		return true
	}
	if scopesKey(key) && scopeName(v) || cookieAttribute(key, v) || resourceName(key, v) { // token_scopes=read:user: a scope's name; session cookie: SameSite=Lax; alias=primary
		return true
	}
	if r.metavar(v) { // --password PASSWORD, token=<TOKEN>: a usage line's name of the value
		return true
	}
	if len(v) <= 3 && len(key) > 1 && (key[len(key)-1] == 's' || key[len(key)-1] == 'S') && strings.Trim(v, "0123456789") == "" {
		return true // api_keys: 3, cookies: 2: a plural key's count
	}
	if len(v) == 10 || len(v) == 18 {
		if v[0] == '0' && (v[1] == 'x' || v[1] == 'X') && isHex(v[2:]) { // GPG key 0xDEADBEEF: a key's id
			return true
		}
	}
	if strings.Count(v, "/") >= 2 && isAbsPath(v) { // passphrase for key '/home/bob/.ssh/id_ed25519': a file
		return true
	}
	if strings.EqualFold(key, "passwd") && nsswitchSource(v) { // nsswitch.conf: passwd: files systemd
		return true
	}
	kv := r.verdict(key)
	return kv.region && isRegionName(v) || kv.workDir && isAbsPath(v) || kv.netAddr && isNetworkAddress(v) ||
		kv.noDigits && countDigits(v) == 0 || kv.latency && isDuration(v) || kv.named && isSecretName(v) ||
		kv.signal && isSignalName(v) || kv.tables && postfixTables(v) || kv.routing && !pagerDutyKey(v) || kv.dated && isTimeValue(v)
}

// shellRedirect reports whether v, the word after a key or flag, is a
// shell's redirection or command substitution rather than a value: <, >,
// <<<, <token.txt, >key.txt (a '<' that no '>' closes: <S3cret> is a
// value in brackets), or $(cat ….
func shellRedirect(v string) bool {
	switch {
	case v[0] == '<':
		return strings.IndexByte(v, '>') < 0
	case v[0] == '>':
		return true
	case strings.HasPrefix(v, "$("):
		return true
	}
	return false
}

// isVersion reports whether v is a version number: three dot-separated
// numbers (1.17.42), or v and two or three (v1.4, v1.17.42), and an
// optional pre-release or build suffix after '-' or '+'. Two numbers
// without the v are a decimal (a coordinate, a ratio), not a version.
func isVersion(v string) bool {
	least := 3
	if len(v) > 1 && (v[0] == 'v' || v[0] == 'V') {
		v, least = v[1:], 2
	}
	if i := strings.IndexAny(v, "-+"); i > 0 {
		v = v[:i]
	}
	parts := 0
	for rest, more := v, true; more; parts++ {
		var p string
		p, rest, more = strings.Cut(rest, ".")
		if p == "" || len(p) > 5 || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return parts >= least && parts <= 3
}

// isPlaceholder reports whether the value s[vs:ve] is the inside of a
// placeholder in parentheses or angle brackets that says there is no
// value: (not set), <none>, (empty), <nil>, (redacted), (hidden).
func isPlaceholder(s string, vs, ve int) bool {
	if vs == 0 || s[vs-1] != '(' && s[vs-1] != '<' || ve-vs > 16 {
		return false
	}
	var fb foldBuf
	switch fb.lower(s[vs:ve]) {
	case "not set", "unset", "none", "empty", "null", "nil", "redacted", "hidden", "masked", "omitted", "missing", "blank", "sensitive",
		"sensitive value", "undefined":
		return true
	}
	return false
}

// changeValues returns the spans of the old and the new value of a change
// of a secret ("changed from OLD to NEW", "rotated from 'OLD' to 'NEW'")
// when verb, which ends at e, is a verb of change; else empty spans.
func changeValues(s, verb string, e int) (fs, fe, ts, te int) {
	var fb foldBuf
	switch fb.lower(verb) {
	case "changed", "updated", "rotated", "reset", "modified", "switched":
	default:
		return 0, 0, 0, 0
	}
	ws, we := wordAt(s, skipSpaces(s, e))
	if !strings.EqualFold(s[ws:we], "from") {
		return 0, 0, 0, 0
	}
	fs, fe = valueOrWordAt(s, skipSpaces(s, we))
	after := fe
	if fe < len(s) && fs > 0 && isQuote(s[fs-1]) && s[fe] == s[fs-1] {
		after++ // the closing quote
	}
	ts0, te0 := wordAt(s, skipSpaces(s, after))
	if fe <= fs || !strings.EqualFold(s[ts0:te0], "to") {
		return 0, 0, 0, 0
	}
	ts, te = valueOrWordAt(s, skipSpaces(s, te0))
	if te <= ts {
		return 0, 0, 0, 0
	}
	return fs, fe, ts, te
}

// changeTo reports whether the verb w, which ends at e, changes a secret
// from one value to another (changeValues).
func changeTo(s, w string, e int) bool {
	_, _, ts, te := changeValues(s, w, e)
	return te > ts
}

// valueOrWordAt returns the inside of the quoted value at s[q], or the
// word there.
func valueOrWordAt(s string, q int) (int, int) {
	if q < len(s) && isQuote(s[q]) {
		return valueAt(s, q)
	}
	return wordAt(s, q)
}

// afterLinking returns where the value starts after a linking word that
// ends at e: past spaces, a ':' or '=' ("is: …"), and change verbs up to
// their "to" ("was changed to …", "has been reset to …", "set to …"); or
// len(s) when change verbs are not followed by "to" ("was changed
// successfully": no value).
func afterLinking(s string, e int) int {
	q := skipSpaces(s, e)
	if q < len(s) && (s[q] == ':' || s[q] == '=') {
		return skipSpaces(s, q+1)
	}
	verbs := false
	for n := 0; n < 4; n++ {
		ws, we := wordAt(s, q)
		var fb foldBuf
		switch fb.lower(s[ws:we]) {
		case "been", "changed", "set", "reset", "updated", "rotated":
			q, verbs = skipSpaces(s, we), true
			continue
		case "now":
			q = skipSpaces(s, we)
			continue
		case "to":
			return skipSpaces(s, we)
		}
		break
	}
	if verbs {
		return len(s)
	}
	return q
}

func isLinkingWord(w string) bool {
	var fb foldBuf
	switch fb.lower(w) {
	case "is", "was", "are", "were", "has", "to", "as", "=", ":", "now", "becomes", "became", "set", "->", "=>",
		"est", "es", "ist", "lautet", "è", "é", "är", "jest": // le mot de passe est …, das Passwort ist …
		return true
	}
	return false
}

// apiKeyWords are the words for a key that come before "api" in a term
// of other languages (clé API, clave API, chiave API, chave API).
var apiKeyWords = map[string]bool{"clé": true, "cle": true, "clef": true, "clave": true, "chiave": true, "chave": true}

// passphrase reports whether v, quoted after the term key, is a
// passphrase of words (with password "correct horse battery staple"):
// key names a password, v is one line of two to eight words of 64 bytes
// or less, and its first word does not start a sentence about the
// password ("must be 12 characters", "is required").
func passphrase(key, v string) bool {
	var fb foldBuf
	switch fb.lower(key) {
	case "password", "passphrase", "passwd", "pass phrase", "passwort", "kennwort":
	default:
		return false
	}
	if len(v) > 64 || strings.ContainsAny(v, "\n\r\t") || strings.HasPrefix(v, " ") {
		return false
	}
	words := strings.Fields(v)
	if len(words) < 2 || len(words) > 8 {
		return false
	}
	first := strings.ToLower(words[0])
	return !isErrorWord(first) && !proseWord(first)
}

// proseClause reports whether s[vs:ve], after a term and ": ", opens a
// clause of prose rather than a value: a word of lower-case letters that
// is a common word, a participle (loaded, refreshing) or a term again
// (auth: token validated), followed by a word of lower-case letters that
// is not the term's value. A machine's secret is no such pair of words;
// a password may be, and its keys are not asked.
func (r *Redactor) proseClause(s string, vs, ve int) bool {
	v := s[vs:ve]
	if len(v) < 2 || len(v) > 16 || !lowerWord(v) {
		return false
	}
	term := r.verdict(v).rule != ""
	if !term && !isCommonWord(v) && !participle(v) {
		return false
	}
	ws, we := wordAt(s, ve+1)
	w := s[ws:we]
	if len(w) < 2 || len(w) > 16 || !lowerWord(w) {
		return false
	}
	return !term || isCommonWord(w) || participle(w) || isErrorWord(w)
}

// httpStatusAt reports whether s[vs:ve] is an HTTP status code followed
// by a space and its reason phrase (401 Unauthorized, 503 Service
// Unavailable): the reply a request got, not a value.
func httpStatusAt(s string, vs, ve int) bool {
	if ve-vs != 3 || s[vs] < '1' || s[vs] > '5' || !isDigit(s[vs+1]) || !isDigit(s[vs+2]) {
		return false
	}
	text := http.StatusText(int(s[vs]-'0')*100 + int(s[vs+1]-'0')*10 + int(s[vs+2]-'0'))
	rest := s[ve+1:]
	return text != "" && strings.HasPrefix(rest, text) && (len(rest) == len(text) || !isAlnum(rest[len(text)]))
}

// lowerWord reports whether w is made of lower-case ASCII letters only.
func lowerWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// participle reports whether the lower-case word w reads as a verb's
// participle: loaded, refreshed, rotating.
func participle(w string) bool {
	return len(w) >= 5 && strings.HasSuffix(w, "ed") || len(w) >= 6 && strings.HasSuffix(w, "ing")
}

// isCommonWord reports whether w, after "password is", is a word of prose
// rather than a value.
func isCommonWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	switch w {
	case "default", "expired", "expire", "expires", "reset", "changed", "change", "updated", "update",
		"invalid", "valid", "correct", "incorrect", "wrong", "missing", "blank", "weak", "strong",
		"required", "optional", "empty", "unset", "null", "none", "short", "long", "too", "being",
		"not", "still", "also", "the", "this", "that", "their", "your", "used", "sent", "stored",
		"revoked", "rotated", "accepted", "rejected", "refreshed", "verified", "unchanged", "same",
		"enabled", "disabled", "present", "absent", "ignored", "known", "unknown", "never", "always",
		"expiring", "stale", "fresh", "good", "ok", "okay", "fine", "bad", "false", "true", "have",
		"contain", "include", "match", "matches", "follow", "login", "sign", "log", "access", "read",
		"write", "admin", "user", "users", "rotate", "renew", "refresh", "request", "requests",
		"generated", "created", "issued", "proceed", "continue":
		return true
	}
	return false
}

// errorWords are the words that open an error's message after its
// package's name or its code: "jwt: invalid token", "token: expired at
// 10:02", "api error ExpiredToken: The provided token has expired".
var errorWords = map[string]bool{
	"invalid": true, "missing": true, "expired": true, "malformed": true, "not": true, "no": true,
	"empty": true, "unknown": true, "required": true, "unsupported": true, "failed": true, "bad": true,
	"wrong": true, "incorrect": true, "cannot": true, "unable": true, "too": true, "must": true,
	"is": true, "was": true, "has": true, "the": true, "could": true, "unexpected": true, "mismatch": true,
	"unauthorized": true, "forbidden": true, "denied": true, "revoked": true, "error": true,
	"failure": true, "parse": true, "parsing": true, "decode": true, "decoding": true, "signature": true,
	"verification": true, "validation": true, "nil": true, "none": true, "refresh": true, "refreshing": true,
	"a": true, "an": true, "this": true, "your": true, "provided": true, "request": true,
	"illegal": true, "corrupt": true, "corrupted": true, "truncated": true, "unrecognized": true, "rejected": true,
	"reused": true, "stale": true, "already": true, "does": true, "did": true, "should": true, "will": true,
	// the first word of a Go error wrapped after "get token: ": context canceled, open /path: …,
	// dial tcp …, Post "https://…": …, read tcp …, permission denied, EOF
	"context": true, "eof": true, "open": true, "dial": true, "read": true, "write": true, "lookup": true,
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "connection": true,
	"permission": true, "operation": true, "timeout": true, "unverifiable": true, "certificate": true,
	// file does not exist; signature: expected sha256=…, got …
	"file": true, "expected": true, "want": true, "wanted": true, "got": true,
}

// isErrorWord reports whether w, in any case, is one of errorWords.
func isErrorWord(w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return errorWords[string(buf[:len(w)])]
}

// isPairWord reports whether w is a key=value pair of its own
// ("secret_name=prod/db" after a command named get-secret-value), not a
// value: a key, '=', and more than base64's padding.
func isPairWord(w string) bool {
	i := strings.IndexByte(w, '=')
	if i <= 0 || i+1 >= len(w) || w[i+1] == '=' {
		return false
	}
	for j := 0; j < i; j++ {
		if !isKeyChar(w[j]) {
			return false
		}
	}
	return true
}

// userAndPassword reports whether w is user:password, the password
// looking like a credential.
func userAndPassword(w string) bool {
	c := strings.IndexByte(w, ':')
	return c > 0 && strings.Count(w, ":") == 1 && !strings.Contains(w, "/") && looksLikeCredential(w[c+1:])
}

// looksLikeCredential reports whether w, right after a key word in prose,
// looks like a credential rather than a word: at least 8 characters with
// digits, inner capitals or symbols, or 20 of any.
func looksLikeCredential(w string) bool {
	if len(w) < 8 || isPairWord(w) {
		return false
	}
	if len(w) >= 20 && !strings.ContainsAny(w, "/\\") && isASCII(w) { // not a word of letters outside ASCII: изменён пользователем
		return true
	}
	digits, inner, sym, letters := 0, 0, 0, 0
	separated := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case isDigit(c):
			digits++
		case c >= 'A' && c <= 'Z':
			letters++
			if i > 0 {
				inner++
			}
		case c >= 'a' && c <= 'z':
			letters++
		case strings.IndexByte("_-+/=~!@#$%^&*.", c) >= 0:
			sym++
		case strings.IndexByte("|{}()[]<>?`", c) >= 0 && i > 0 && i < len(w)-1:
			sym++ // inside the word: P@ss|w0rd, Rk7(v)w; a word these wrap is a placeholder: (optional), <token>
		case strings.IndexByte(",;'\"", c) >= 0 && i > 0 && i < len(w)-1:
			// Zq8;mW2!kP, Rf2'gH5+jM: inside the word, but no symbol of
			// its own: the digits or the inner capitals must tell
			// (reset,retrying, don't and a/b,c are words).
			separated = true
		case c >= 0x80:
			letters++ // pässwörd1: a letter outside ASCII
		default:
			return false
		}
	}
	if letters == 0 && sym == 0 {
		return false // a number: an id, a count
	}
	if digits == 0 && inner == 0 && strings.IndexByte(w, '/') >= 0 && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz-_./") == "" {
		return false // a path or a chart of lower-case names: external-secrets/external-secrets
	}
	if separated {
		return digits > 0 || inner > 0
	}
	return digits > 0 || inner > 0 || sym > 0
}

// argvElement reports whether the flag at s[k] opens an element of a
// quoted list: Go's %q of a []string (["curl" "-u" …]), a JSON array
// (["curl","-u",…], ["curl", "-u", …]) or a Python list (['curl', '-u', …]).
func argvElement(s string, k int) bool {
	if k > 2 && ansiCQuoteAt(s, k-1) && (s[k-3] == ' ' || s[k-3] == '\t') {
		return true // $'-pTulip\tGarden', as set -x quotes an argument with a tab
	}
	return k > 0 && isQuote(s[k-1]) && (k == 1 || s[k-2] == ' ' || s[k-2] == '[' || s[k-2] == ',')
}

// argvNext returns where the next element of a quoted list opens (its
// quote) when the element before it closes at s[p]: "-U","…", "-U", "…",
// '-p', '…' and "-p" "…"; else -1.
func argvNext(s string, p int) int {
	if p >= len(s) || !isQuote(s[p]) {
		return -1
	}
	q := p + 1
	if q < len(s) && s[q] == ',' {
		q++
	}
	if q < len(s) && s[q] == ' ' {
		q++
	}
	if q == p+1 || q >= len(s) || s[q] != s[p] {
		return -1
	}
	return q
}

// findUserFlag masks the credentials after -u / --user in a command line
// ("curl -u admin:s3cret …"), when they hold a colon; and, in a command
// line that names a user so (or runs sshpass), the password of -p ("mysql
// -u root -pS3cret", "docker login -u ci -p S3cret"), unless it is a port
// or a path.
func (r *Redactor) findUserFlag(s string, spans []span, note func(string)) []span {
	user := false
	lftp := 0      // whether s names lftp: 0 not known yet, 1 yes, -1 no
	container := 0 // whether s runs a container's command (containerUser), known as lftp is
	mysql := 0     // whether s runs a MySQL or MariaDB client (mysqlClient), known as lftp is
	for i := 0; ; {
		j := strings.Index(s[i:], "-u")
		if j < 0 {
			break
		}
		k := i + j
		i = k + 2
		var rest string
		quoted := false // an element of Go's %q of a []string: ["curl" "-u" "bob:…"]
		switch {
		case strings.HasPrefix(s[k:], "-u ") && (k == 0 || s[k-1] == ' '):
			rest = s[k+3:]
		case argvElement(s, k) && argvNext(s, k+2) > 0 && s[k+2] == s[k-1]: // ["curl","-u","bob:…"]
			rest, quoted = s[argvNext(s, k+2)+1:], true
		case strings.HasPrefix(s[k:], "-user ") && k > 0 && s[k-1] == '-' && (k == 1 || s[k-2] == ' '):
			rest = s[k+6:]
		case strings.HasPrefix(s[k:], "-user=") && k > 0 && s[k-1] == '-':
			rest = s[k+6:]
		case (strings.HasPrefix(s[k:], "-user ") || strings.HasPrefix(s[k:], "-user=")) && proxyFlagBefore(s, k): // curl --proxy-user bob:…
			rest = s[k+6:]
		case k+2 < len(s) && (k == 0 || s[k-1] == ' ' || argvElement(s, k)) && isAlnum(s[k+2]): // -uroot
			user = true
			continue
		default:
			continue
		}
		user = true
		vs := len(s) - len(rest)
		for vs < len(s) && s[vs] == ' ' {
			vs++
		}
		vs += continuationLen(s, vs) // curl -u \⏎  bob:…
		// The value is read up to userValueReach bytes, and to its end
		// only when it is masked: text repeating the flag in one run
		// ("--user=--user=…") costs linear time.
		ve, lim := vs, min(len(s), vs+userValueReach)
		inValue := func(c byte) bool { return c != ' ' && c != '\t' && c != '\n' && !(quoted && c == s[k-1]) }
		for ve < lim && inValue(s[ve]) {
			ve++
			if n := continuationLen(s, ve); n > 0 && ve > vs && s[ve-1] == ':' {
				ve += n // curl -u bob:\⏎  …: the password on the next line
			}
		}
		if v := s[vs:ve]; strings.IndexByte(v, ':') >= 0 && !strings.HasPrefix(v, r.mask) && !idPair(v) && !isAppURL(v) && !containerUser(s, &container) {
			for ve < len(s) && inValue(s[ve]) {
				ve++
			}
			ve = quotedValueEnd(s, vs, ve, quoted) // --proxy-user 'relay:two words': up to its closing quote

			spans = append(spans, span{vs, ve})
			note("credentials")
			i = ve
		} else if c := strings.IndexByte(v, ','); c >= 0 && c+1 < len(v) && hasLftp(s, &lftp) && !r.keepValue("", v[c+1:]) {
			for ve < len(s) && inValue(s[ve]) {
				ve++
			}
			spans = append(spans, span{vs + c + 1, ve}) // lftp -u bob,S3cret
			note("credentials")
			i = ve
		}
	}
	if strings.Contains(s, "redis-cli") {
		spans = r.flagValue(s, "-a", spans, note) // redis-cli -a S3cret
	}
	tool := passwordTool(s)
	switch tool {
	case "zip", "unzip":
		return r.flagValue(s, "-P", spans, note) // zip -P S3cret (unzip -p is a pipe)
	case "ldap":
		if strings.Contains(s, "ldappasswd") { // the old and new passwords: ldappasswd -a S3cret -s N3w
			spans = r.flagValue(s, "-a", r.flagValue(s, "-s", spans, note), note)
		}
		return r.flagValue(s, "-w", spans, note) // ldapsearch -D cn=admin -w S3cret
	case "sqlcmd":
		return r.flagValue(s, "-P", spans, note) // sqlcmd -U sa -P S3cret, ipmitool, mosquitto_pub
	case "smb":
		return r.percentPassword(s, spans, note) // smbclient -U bob%S3cret
	case "htpasswd":
		return r.htpasswdValue(s, spans, note) // htpasswd -b file bob S3cret
	case "openssl":
		return r.flagValue(s, "-K", r.flagValue(s, "-k", spans, note), note) // openssl enc -aes-256-cbc -k S3cret, -K <key in hex>
	case "curl":
		spans = r.cookieFlag(s, "-b", r.cookieFlag(s, "--cookie", spans, note), note) // curl -b 'sid=…' (a name without '=' is a file)
		spans = r.curlBundles(s, spans, note)                                         // curl -su bob:S3cret, -kb 'sid=…'
		return r.userPasswordFlag(s, "-U", spans, note)                               // curl -U bob:S3cret -x proxy:3128 (the proxy's user)
	case "mongo":
		return r.flagValue(s, "-p", spans, note) // mongo -p S3cret, mongosh -p S3cret
	case "httpie":
		return r.userPasswordFlag(s, "-a", spans, note) // http -a bob:S3cret example.org, hey -a bob:S3cret
	case "ab":
		return r.userPasswordFlag(s, "-A", r.userPasswordFlag(s, "-P", spans, note), note) // ab -A bob:S3cret -P proxy:S3cret
	case "doctl":
		return r.flagValue(s, "-t", spans, note) // doctl auth init -t S3cret
	case "gh secret":
		return r.flagValue(s, "-b", r.flagValue(s, "--body", spans, note), note) // gh secret set NAME --body S3cret
	case "snmp":
		if !user {
			return spans // SNMPv1/v2c: -A and -X are no flags of theirs
		}
		return r.flagValue(s, "-A", r.flagValue(s, "-X", spans, note), note) // snmpwalk -v3 -u mon -A S3cret -X S3cret
	case "hydra":
		return r.flagValue(s, "-p", spans, note) // hydra -l admin -p S3cret ssh://host
	case "":
		if !user && !mysqlClient(s, &mysql) { // mysql --login-path=x -pS3cret: the attached -p needs no user
			return spans
		}
	}
	for i := 0; ; {
		j := strings.Index(s[i:], "-p")
		if j < 0 {
			return spans
		}
		k := i + j
		i = k + 2
		quoted := argvElement(s, k) // ["mysql" "-u" "root" "-pS3cret"], ["docker" "login" "-u" "ci" "-p" "S3cret"]
		if k > 0 && s[k-1] != ' ' && s[k-1] != '\t' && !quoted {
			continue // --port, x-pass
		}
		vs := k + 2
		if dashPFlagName(r, s, k, quoted) {
			continue // -password S3cret, -port 8080: a long flag of one dash, not -p and its value
		}
		if n := argvNext(s, vs); quoted && n > 0 && s[vs] == s[k-1] {
			vs = n // the next element, at its opening quote
		}
		if (tool == "7z" || tool == "rar") && (vs >= len(s) || s[vs] == ' ') {
			continue // 7z -p alone prompts; the password is attached: -pS3cret
		}
		cont := vs // the value after a line continuation: -p \⏎  S3cret, -p\⏎S3cret
		if c := skipSpaces(s, vs); continuationLen(s, c) > 0 {
			cont = c + continuationLen(s, c)
		}
		if (vs > k+2 || vs >= len(s) || s[vs] == ' ' || s[vs] == '\t' || cont > vs) && tool != "sshpass" && mysqlClient(s, &mysql) && !mixedCaseDigits(s, cont) && !quotedPhraseAt(s, cont) {
			continue // mysql -u root -p orders: -p alone prompts, and the next word is the database
		}
		vs = cont
		if vs < len(s) && (s[vs] == ' ' || s[vs] == '\t') { // -p S3cret
			for vs < len(s) && (s[vs] == ' ' || s[vs] == '\t') {
				vs++
			}
		} else if vs+1 < len(s) && s[vs] == '=' && s[vs+1] != ' ' {
			vs++ // -p=S3cret
		} else if vs < len(s) && !isAlnum(s[vs]) && !isQuote(s[vs]) && !strings.ContainsRune("!#$%&*+./?@^_~", rune(s[vs])) {
			continue // other forms are left to the pairs above
		}
		if vs < len(s) && (s[vs] == '\'' || s[vs] == '"') {
			qs, qe := valueAt(s, vs)
			if v := s[qs:qe]; qe > qs && !(vs > k+2 && (v[0] == '-' || isPort(v) || isPath(v))) { // ["ls","-p","/tmp"]: the next element is no password
				spans = append(spans, span{qs, qe})
				note("credentials")
			}
			i = max(i, qe)
			continue
		}
		ve := vs
		for ve < len(s) && s[ve] != ' ' && s[ve] != '\t' && s[ve] != '\n' && !(quoted && s[ve] == s[k-1]) {
			ve++
		}
		if quoted && ansiCQuoteAt(s, k-1) {
			ve = ansiCEnd(s, k-1, vs) // $'-pTulip\tGarden'
		} else if quoted && ve < len(s) && (s[ve] == ' ' || s[ve] == '\t') {
			ve = quotedArgEnd(s, k-1, ve) // '-pTulip Garden', as set -x quotes an argument with spaces
		}
		if v := s[vs:ve]; v != "" && v[0] != '-' && !isPort(v) && !isPath(v) && !strings.HasPrefix(v, r.mask) && !strings.HasPrefix(v, "$(") {
			spans = append(spans, span{vs, ve})
			note("credentials")
			i = ve
		}
	}
}

// dashPFlagName reports whether the word at s[k:], "-p" and what follows,
// is a flag of its own written with one dash, as Go's flag package and
// many tools write long flags (influx -password …, -passwd=…, -port
// 8080): lower-case letters up to a space, a '=', the end or the quote
// that ends its element, naming a secret (the pairs mask its value) or a
// port, a path or a profile. mysql -pS3cret and -phunter2 stay -p's.
func dashPFlagName(r *Redactor, s string, k int, quoted bool) bool {
	e := k + 1
	for e < len(s) && s[e] >= 'a' && s[e] <= 'z' {
		e++
	}
	if e-(k+1) < 4 || e < len(s) && s[e] != '=' && s[e] != ' ' && s[e] != '\t' && !(quoted && s[e] == s[k-1]) {
		return false
	}
	switch w := s[k+1 : e]; w {
	case "port", "path", "profile":
		return true
	default:
		return r.keyRule(w) != ""
	}
}

// passwordTool returns the command of s that takes a password in a flag
// of its own: "sshpass", "7z" (7z, 7za, 7zz), "rar" (rar, unrar), "zip"
// or "unzip" (-p or -P without a user flag); "ldap" (ldapsearch and its
// kin: -w; ldappasswd's -a and -s too), "sqlcmd" (sqlcmd, bcp, osql,
// ipmitool, mosquitto_pub and _sub: -P), "smb" (smbclient, rpcclient, smbget, smbcacls: -U
// user%password), "htpasswd" (-b and the password as an argument),
// "openssl" (-k), "doctl" (-t), "gh secret" (set NAME --body or -b),
// "useradd" (useradd, usermod: -p and a password hash), "snmp" (snmpwalk
// and its kin: SNMPv3's -A and -X passphrases, with -u), or "hydra" (-p,
// with -l for the login); or "".
func passwordTool(s string) string {
	for _, c := range [...]struct{ name, tool string }{
		{"sshpass", "sshpass"}, {"7z", "7z"}, {"7za", "7z"}, {"7zz", "7z"}, {"rar", "rar"}, {"unrar", "rar"},
		{"zip", "zip"}, {"unzip", "unzip"},
		{"ldapsearch", "ldap"}, {"ldapmodify", "ldap"}, {"ldapadd", "ldap"}, {"ldapdelete", "ldap"},
		{"ldappasswd", "ldap"}, {"ldapwhoami", "ldap"}, {"ldapcompare", "ldap"}, {"ldapmodrdn", "ldap"},
		{"sqlcmd", "sqlcmd"}, {"bcp", "sqlcmd"}, {"osql", "sqlcmd"}, {"ipmitool", "sqlcmd"},
		{"mosquitto_pub", "sqlcmd"}, {"mosquitto_sub", "sqlcmd"},
		{"smbclient", "smb"}, {"rpcclient", "smb"}, {"smbget", "smb"}, {"smbcacls", "smb"},
		{"htpasswd", "htpasswd"}, {"openssl", "openssl"}, {"doctl", "doctl"}, {"gh secret", "gh secret"},
		{"useradd", "useradd"}, {"usermod", "useradd"}, {"twine", "twine"}, {"certutil", "certutil"},
		{"snmpwalk", "snmp"}, {"snmpget", "snmp"}, {"snmpgetnext", "snmp"}, {"snmpbulkwalk", "snmp"},
		{"snmpbulkget", "snmp"}, {"snmpset", "snmp"}, {"snmptable", "snmp"}, {"snmptrap", "snmp"},
		{"snmpinform", "snmp"}, {"snmpstatus", "snmp"}, {"snmpdf", "snmp"}, {"hydra", "hydra"},
		{"curl", "curl"}, {"http", "httpie"}, {"https", "httpie"}, {"xh", "httpie"}, {"xhs", "httpie"},
		{"hey", "httpie"}, {"ab", "ab"}, {"mongo", "mongo"}, {"mongosh", "mongo"},
	} {
		for i := 0; ; {
			j := strings.Index(s[i:], c.name)
			if j < 0 {
				break
			}
			k := i + j
			e := k + len(c.name)
			i = e
			if (k == 0 || s[k-1] <= ' ' || s[k-1] == '/' || s[k-1] == '\'' || s[k-1] == '"') && e < len(s) && (s[e] == ' ' || s[e] == '\t') {
				return c.tool
			}
			if k > 0 && argvElement(s, k) && s[e] == s[k-1] && argvNext(s, e) > 0 { // ["curl","-U",…]
				return c.tool
			}
		}
	}
	return ""
}

// proxyFlagBefore reports whether the "-user" at s[k] ends curl's and
// wget's --proxy-user.
func proxyFlagBefore(s string, k int) bool {
	return k >= 7 && s[k-7:k] == "--proxy" && (k == 7 || s[k-8] == ' ' || s[k-8] == '"')
}

// userPasswordFlag masks the value after each flag when it is a user and
// a password joined by a colon (curl -U bob:S3cret, http -a bob:S3cret);
// a user alone (the tool prompts) and a URL are no credentials.
func (r *Redactor) userPasswordFlag(s, flag string, spans []span, note func(string)) []span {
	return r.afterFlag(s, flag, spans, note, func(v string) bool {
		c := strings.IndexByte(v, ':')
		return c > 0 && c+1 < len(v) && v[0] != '-' && !strings.Contains(v, "://") && !strings.HasPrefix(v[c+1:], r.mask)
	})
}

// cookieFlag masks the cookies after each flag when they are written out
// (curl -b 'session=…', --cookie "a=1; sid=…"); a name alone is the file
// that holds them.
func (r *Redactor) cookieFlag(s, flag string, spans []span, note func(string)) []span {
	return r.afterFlag(s, flag, spans, note, func(v string) bool {
		e := strings.IndexByte(v, '=')
		return e > 0 && e+1 < len(v) && v[0] != '-' && !strings.HasPrefix(v[e+1:], r.mask) && !strings.Contains(v, r.mask)
	})
}

// flagValue masks the word after each flag (a whole word, then a space)
// in s: redis-cli -a S3cret, zip -P S3cret.
func (r *Redactor) flagValue(s, flag string, spans []span, note func(string)) []span {
	return r.afterFlag(s, flag, spans, note, func(v string) bool {
		return v != "" && v[0] != '-' && !strings.HasPrefix(v, r.mask) && !isPath(v)
	})
}

// afterFlag masks the value after each flag in s (a whole word, then a
// space): a quoted value, or the word up to a space, tab or line break,
// when secret says it is one.
func (r *Redactor) afterFlag(s, flag string, spans []span, note func(string), secret func(v string) bool) []span {
	for i := 0; ; {
		j := strings.Index(s[i:], flag)
		if j < 0 {
			return spans
		}
		k := i + j
		i = k + len(flag)
		var vs int
		if i < len(s) && s[i] == ' ' && (k == 0 || s[k-1] == ' ' || s[k-1] == '\t') {
			vs = skipSpaces(s, i)
			vs += continuationLen(s, vs) // redis-cli -a \⏎  S3cret
		} else if n := argvNext(s, i); n > 0 && argvElement(s, k) && s[i] == s[k-1] { // ["curl","-U","bob:…"]
			vs = n
		} else {
			continue
		}
		var ve int
		if vs < len(s) && isQuote(s[vs]) {
			vs, ve = valueAt(s, vs)
		} else {
			ve = vs
			for ve < len(s) && s[ve] != ' ' && s[ve] != '\t' && s[ve] != '\n' {
				ve++
			}
		}
		if secret(s[vs:ve]) {
			spans = append(spans, span{vs, ve})
			note("credentials")
			i = ve
		}
	}
}

// percentPassword masks the password of a user%password argument after
// -U or --user (smbclient -U 'CORP\\bob%S3cret').
func (r *Redactor) percentPassword(s string, spans []span, note func(string)) []span {
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '-')
		if j < 0 {
			break
		}
		k := i + j
		i = k + 1
		if k > 0 && s[k-1] != ' ' && s[k-1] != '\t' {
			continue
		}
		var vs int
		switch {
		case strings.HasPrefix(s[k:], "-U"):
			vs = k + 2
		case len(s)-k >= 6 && strings.EqualFold(s[k:k+6], "--user"): // --user=…, --user …
			vs = k + 6
		default:
			continue
		}
		if vs < len(s) && (s[vs] == '=' || s[vs] == ' ') {
			vs = skipSpaces(s, vs+1)
			vs += continuationLen(s, vs) // -U \⏎  bob%…
		}
		ve := vs
		if vs < len(s) && isQuote(s[vs]) {
			vs, ve = valueAt(s, vs)
		} else {
			for ve < len(s) && s[ve] != ' ' && s[ve] != '\t' && s[ve] != '\n' {
				ve++
			}
		}
		if p := strings.IndexByte(s[vs:ve], '%'); p > 0 && vs+p+1 < ve && !strings.HasPrefix(s[vs+p+1:], r.mask) {
			spans = append(spans, span{vs + p + 1, ve})
			note("credentials")
			i = ve
		}
	}
	return spans
}

// htpasswdValue masks the password that htpasswd -b takes as an argument:
// the third (file, user, password) or, with -n, the second.
func (r *Redactor) htpasswdValue(s string, spans []span, note func(string)) []span {
	for k := range commandsIn(s, "htpasswd ", "/") { // also /usr/bin/htpasswd
		batch, stdout, args := false, false, 0
		for q := skipSpaces(s, k); q < len(s) && s[q] != '\n' && s[q] != '|' && s[q] != ';' && s[q] != '&'; q = skipSpaces(s, q) {
			vs, ve := q, q
			if isQuote(s[q]) {
				vs, ve = valueAt(s, q)
				q = max(q+1, min(len(s), ve+1))
			} else {
				for ve < len(s) && s[ve] != ' ' && s[ve] != '\t' && s[ve] != '\n' {
					ve++
				}
				q = ve
			}
			if w := s[vs:ve]; !isQuote(s[max(vs-1, 0)]) && strings.HasPrefix(w, "-") {
				batch = batch || strings.Contains(w, "b")
				stdout = stdout || strings.Contains(w, "n")
				if strings.HasSuffix(w, "C") { // -C cost
					q = skipSpaces(s, q)
					for q < len(s) && isDigit(s[q]) {
						q++
					}
				}
				continue
			}
			args++
			if batch && (args == 3 || stdout && args == 2) {
				if ve > vs && !strings.HasPrefix(s[vs:], r.mask) {
					spans = append(spans, span{vs, ve})
					note("credentials")
				}
				break
			}
		}
	}
	return spans
}

// isPath reports whether v starts like a file path (mkdir -p /var/x).
func isPath(v string) bool {
	return v[0] == '/' || v[0] == '~' || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "../")
}

// isPort reports whether v is a port or a port mapping ("5432",
// "8080:80", "127.0.0.1:80:80/tcp"): digits, dots, colons, a protocol.
func isPort(v string) bool {
	v = strings.TrimSuffix(strings.TrimSuffix(v, "/tcp"), "/udp")
	return v != "" && strings.Trim(v, "0123456789.:") == ""
}

// shortFlagArgument reports whether the word s[a:b], which spells a term,
// is the argument of a flag of one letter, written as a password is (an
// upper-case letter after its first byte, or a digit): after the flag
// (unzip -P BluePass42 …, -k MyToken7) or joined to it (7z x -pBluePass42
// …). Such a word is a value, no key of the word after it. A key in lower
// case after a flag (-x password …) and a flag of its own (-password …,
// -storepass …) are not such words.
func shortFlagArgument(s string, a, b int) bool {
	w := s[a:b]
	if len(w) > 2 && w[0] == '-' && isLetter(w[1]) && (w[2] >= 'A' && w[2] <= 'Z' || isDigit(w[2])) {
		return valueShaped(w[2:])
	}
	if a < 3 || s[a-1] != ' ' || s[a-3] != '-' || !isLetter(s[a-2]) || a > 3 && s[a-4] != ' ' && s[a-4] != '\t' {
		return false
	}
	return valueShaped(w) && !envName(w)
}

// envName reports whether w is written as an environment variable's name
// is: upper-case letters, digits and '_', a letter first, and a '_' or no
// digit (API_KEY, GITHUB_TOKEN, PASSWORD; not BLUEPASS42), as fish's
// set -x API_KEY … names one.
func envName(w string) bool {
	under, digit := false, false
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'A' && c <= 'Z':
		case c == '_' && i > 0:
			under = true
		case isDigit(c) && i > 0:
			digit = true
		default:
			return false
		}
	}
	return under || !digit
}

// valueShaped reports whether w holds a digit, or an upper-case letter
// after its first byte.
func valueShaped(w string) bool {
	for i := 0; i < len(w); i++ {
		if isDigit(w[i]) || i > 0 && w[i] >= 'A' && w[i] <= 'Z' {
			return true
		}
	}
	return false
}

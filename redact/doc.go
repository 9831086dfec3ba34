// Package redact masks secrets and personal data in log/slog records.
//
// A [Redactor] is built from [Rule] values (the presets [Credentials],
// [PCIDSS], [HIPAA], [GDPR], [CCPA], [ContactInfo], and rules of your own) and
// masks by key, by dotted path and by detectors that find secrets inside
// strings. It reaches everything a record holds: attrs, attrs given to
// With, groups at any depth (inline groups included), resolved LogValuers,
// maps, slices, structs as encoding/json sees them (promoted fields of
// embedded structs, exported or not; json tags honoured, plus
// `log:"redact"` and `log:"-"`; net/http's Cookie has its Value and Raw
// masked under any key), errors (an attr's error by its text; an error
// inside a map, slice or struct by its text and by the data encoding/json
// writes of it; an error or value with a Format method by its %+v text,
// which slog.TextHandler prints), slices that hold a command line (read as
// that command line: "curl", "-U", "user:…"), integers that are card
// numbers, and the message. Values are rebuilt, never modified: the caller and
// other handlers keep the originals. A record keeps its shape: a masked
// value becomes [DefaultMask] (or the rule's mask), and a key that is
// itself personal data or a secret (an e-mail address used as a map key)
// becomes the mask and a short keyed hash, stable within the process, so
// that the output stays valid JSON with distinct keys. Limits mask rather
// than pass through, and a panic inside redaction masks the value.
// Redacting redacted output changes nothing.
//
// [NewHandler] is synchronous middleware in front of any slog.Handler.
// slogcore's handlers use a Redactor on their own queue, and slogaudit uses
// one before it hashes a record. This package imports neither.
//
// # Keys
//
// A key is split into words on '_', '-', '.', spaces and camelCase, and
// is sensitive when consecutive words spell a term ("clientSecret",
// "client_secret" and "CLIENT-SECRET" all spell "client secret"). An
// acronym before a lower-case word is read both ways: "APIKey" is API,
// Key and "DBpassword" is DB, password. Whole
// words only: "author" is not "auth". A term followed by a word that
// describes the value rather than holding it ([MetadataWords]: token_count,
// password_length, card_brand, secret_ref, lat_ms, cookie_samesite), or
// by one more word and such a word (pin_code_length, refresh_token_max_age),
// is not sensitive, nor is a term that is
// itself such a word after another word (cache_expiry). A secret's term
// followed by a word of time (date, dates, day, timestamp, ts, epoch, on,
// since, until, when: auth_date, token_ts; not a term of personal data,
// whose expiry date is the data) keeps a number or a timestamp under it
// (auth_date=1764720000, a time.Time) and masks any other value. Nor a term
// followed by a word that names the machinery around the secret
// (token_bucket, secrets_manager, secret_scanning, auth_time,
// auth_mechanisms, and mobile_build, mobileAppVersion, mobile_os: the
// mobile platform, no telephone) or coarse
// geography after a term of place (geo_region, address_continent), nor a
// language model tokenizer's special token (eos_token, pad_token). The term "key"
// counts only as the last word after a word that does not name an ordinary
// key (maps_key, stripe_key; not key, cache_key or partition_key) or is a
// word of prose ("cache miss key=…", "put key=…"); in text, a value
// before it is no word of the key (bucket=media key=…, partition=3
// key=…, s3://b/a.png key=…). Under a key that is only the word key
// (key, KEY, Key; as an attr, a map's key, in JSON, logfmt or an
// assignment in text) a value is masked only when it looks generated: 16
// to 512 ASCII letters and digits (base64's '=' padding allowed) with
// both cases and digits, not hexadecimal alone, not an identifier of
// capitalised words (ProfileSettings2024), not the base64 of text; cache,
// object and idempotency keys (user:42:profile, orders/2024/01.csv,
// sha256:…, a UUID) are kept. A word
// that ends with password, passwd, passphrase, secret, token, apikey, pass,
// pwd or pw after two ASCII letters or digits or more names a secret too,
// when that term is in a rule (PGPASSWORD, csrftoken, githubtoken, DBPASS,
// keytool's -storepass, ADMINPWD, bindpw); words such as bypass, compass, lowpass
// and OLDPWD do not. A term followed by a number is the term
// (password1, password2, token3, apiKey2); names whose digits belong to
// them (auth0, oauth2, x509) are not split. A term spelled as an
// abbreviation, a dot after each of its letters (D.O.B., s.s.n.) or its
// letters in mixed case (DoB), is the term, in text too; so is a term of
// personal data that abbreviates with a dot after it in text (dob.
// 1984-03-07, mrn. …; not a word ending a sentence: born. 1990 was …). A word written as a password
// is, its letters in both cases and one of them written as a digit
// (S3cretPass9, Pr1vPassPhr4se), is a value and no key, though it spells
// a term: the argument after it is no secret of its. Nor is the word
// after the argument of a flag of one letter written as a password is (an
// upper-case letter inside or a digit: unzip -P BluePass42 invoices.zip,
// 7z x -pBluePass42 a.7z keep the archive's name); a variable's name
// there is a key (set -x API_KEY …). Terms with
// letters outside ASCII match whole words in any case (passwört, ПАРОЛЬ).
// A key that names nothing as written is judged as its reader sees it
// (see Text): pаssword with a Cyrillic а, pass\u200bword, ｔｏｋｅｎ.
// An object that names its value's key in a member of its own, {"name":
// "DB_PASSWORD", "value": "…"} (a Kubernetes EnvVar, an ECS environment
// entry, an SSM parameter; "key" and "Key" too, as a map, a struct, a
// group, or JSON or YAML in text; in text also the names of settings:
// OptionName, ParameterKey, variable_name), has its value masked when the named key
// is sensitive; so has a FHIR identifier whose system's last segment is
// such a key ({"system": "http://…/mrn", "value": "…"}) or the OID of a
// person's identifier (urn:oid:2.16.840.1.113883.4.1, the US SSN; also
// the US ITIN, Medicare numbers and MBI, state driver's licences under
// 4.3, passports under 4.330, England's NHS number, the Dutch BSN,
// Italy's codice fiscale, Brazil's CPF, France's INS, Sweden's
// personnummer, Norway's fødselsnummer, Denmark's CPR, Finland's
// henkilötunnus, Switzerland's AHV and Germany's KVNR, each under the
// preset that claims it; OIDs of code systems, providers and
// organisations are no such key), and a FHIR
// HumanName's family and given members are a person's name. A group name from WithGroup is judged as a key: under a
// group that names a secret every value is masked, and a group named with
// personal data or a secret is written as that key's placeholder
// ([Redactor.GroupName]). A list of keys and values in slog's argument
// style ([]any{"user", "bob", "password", "…"}, a []string, or pairs as
// arrays of two strings, [][2]string{{"password", "…"}}) has the value of
// a key that names a secret masked. Booleans (and the strings true and false) and empty strings are never masked. Under a location key, cloud
// region names (us-east-1) are kept, and under secret id the name or ARN
// of a secret (AWS's SecretId names one; Vault's and Consul's secret id
// is one). Under a key whose term is address or
// location alone (listen_address, metricsBindAddress, an HTTP Location
// header), the address of a program is kept: a host and port (:8080,
// 0.0.0.0:8080, [::]:443), a host name or an IP address (which the
// detectors still judge), a URL or an absolute path without coordinates,
// a memory address (0xc0000a6f20); a postal address is masked. A
// fingerprint or an alias after a word that names a machine's thing (key,
// cert, host, kms, …: key_fingerprint, "host key fingerprint is …",
// kms_key_alias), and a fingerprint whose value names its digest
// algorithm ("fingerprint SHA256:…", "fingerprint MD5:9d:3a:…"), is no person's, under the term card alone (card,
// card_title) a value without a digit is kept, and under lat, lon or lng a
// duration (p99 lat=12ms), and under sig a process's signal (sig=SIGTERM). Networks in CIDR notation shorter than a host
// (203.0.113.0/24) are no one's address. An IP term after a word that
// names a machine (node_ip, podIP, gateway_ip, bind_ip, dst_ip) names a machine's
// address, which the ip-address detector still judges. Under any key, a
// value that says there is none or gives its state (unknown, n/a,
// unverified, pending, ~), a query's bind parameter or a format verb
// (password = $1, :token, @p1, ?, %s), a loopback or unspecified address
// (127.0.0.1, ::1, 0.0.0.0) and the address of a mailbox that no person
// reads (noreply@…, postmaster@…, mailer-daemon@…; kept by the e-mail
// detector too) are kept.
//
// # Text
//
// In every string, the message and error texts included, the pairs and
// prose that name a secret are masked: key=value, key: value,
// key => value, key := value, key <- value (R), <key>value</key>, {key, "value"} (Erlang's
// and Elixir's tuples, <<"value">> too, and a key as a string or a binary:
// {"key", "value"}, {<<"key">>, <<"value">>}), $h{key} = value (Perl's
// hash elements, $cfg->{key}, $ENV{KEY}), (key . "value") (Lisp's dotted
// pairs), :key "value" (EDN and Clojure keywords; a keyword argument of
// any Lisp call), the value a Lisp form sets in a variable or a place
// named by a key ((setf (gethash "password" h) "…"), (puthash "token"
// "…" h), (defvar *api-key* "…"), (setq password "…"), (hash-set! h
// 'secret "…")), with bare or quoted keys (and a JSON key cut off before
// its opening quote, the text going on from the middle of an object:
// password":"…", secret\":\"…\");
// quoted values (JSON inside a JSON string with its quotes escaped once
// or more: \"…\", \\"…\\", \\\"…\\\"; a quote inside written twice, as
// SQL and YAML escape it, or by the shell's idioms; an ODBC value in braces holding ';':
// Pwd={a;b}), templates ({{ … }} even with quotes inside, ${…}, ${{ … }},
// #{…}, <%= … %>, %(…)s), calls (os.Getenv(…), ENV.fetch(…) { … }),
// encrypted blobs (ENC[…], ENC(…), !vault with its $ANSIBLE_VAULT lines),
// YAML block scalars (|, >-) and tags (!!binary …), the lines under a YAML
// key with no value on its own line (a scalar or a sequence, up to the
// next line indented no deeper than the key; so too after an INI key's
// '=': password =⏎    …), a value continued by a backslash at the end of
// its line (a properties file's key=a\⏎  b, a shell's --token \⏎  …), TOML's """…""" and
// here-documents whole; a plain value with spaces on its key's line, when
// the pair opens the line and nothing else on it reads as a pair, in text
// of several lines (a configuration file: password: p@ss w0rd and more,
// password = my phrase), after a word that sets a variable (Windows' set
// MYSQL_PWD=two words, export, declare -x, a Dockerfile's ENV KEY=… and
// ENV KEY two words, csh's setenv KEY two words; the shell would read
// export X_TOKEN=a b as a and a name, but the phrase meant is masked
// whole), after a properties file's dotted key (a.b.password=Tulip
// Garden 77), after an INI file's '=' with blanks on both sides (password
// = two words), or when the words after the first are capitalised words
// or numbers (password: Tulip Garden 77); inside a sentence a pair's
// value is one word, as loggers quote a value with spaces: login failed
// password=… for user bob keeps "for user bob"; a string literal after its prefix (N'…', E'…',
// b'…'); a Java properties line's value after a dotted key
// and spaces (mail.smtp.password S3cret); the default or value that an HCL
// block labelled with a key gives (variable "db_password" { default =
// "…" }; a reference such as aws_db_instance.main.password is kept, and
// so is a Terraform reference unquoted after any key's '=': password =
// var.db_password, token = module.m.token, local.…, data.….…);
// XML elements (a CDATA section's text whole, up to its "]]>") with a
// namespace (<ns2:password>) or attributes
// (<wsse:Password Type="…">…; an attribute is no credential of an auth
// scheme: <apiKey encrypted="false">),
// named by a key attribute (<entry key="db.password">…</entry>, <setting
// name="…"><value>…) or by a <name> element before their <value>, a
// property list's <key> before its <string>, an HTML <meta name="…">'s
// content; LDIF's base64 values (userPassword:: …);
// a quoted value or a value after "is" or "to" (est, es, ist, è: le mot de
// passe est …, das Passwort ist …) following a key word
// ("reset password to …"); a word after a key word only when it looks like
// a credential (length, digits, case, symbols), so "token refreshed",
// "missing Bearer prefix", a path of lower-case names
// (external-secrets/external-secrets), a name of lower-case words joined
// by dashes after a key word that names no password (kubectl get secret
// db-credentials), a switch of letters (-AsPlainText) and a pair of its own ("for
// sub=user-42") are kept, and so is the message of an error after its
// package's name or its code ("jwt: invalid token signature", "api error
// ExpiredToken: The provided token has expired", "api key: missing"), a
// clause of lower-case prose after a term that names no password ("auth:
// user lookup took 41ms", "token: refreshed in 12ms"), an HTTP status
// with its reason phrase ("cannot fetch token: 401 Unauthorized"), the wrapped error after
// it ("get token: context canceled", "load credentials: open /etc/…: …",
// "token: EOF", "secrets is forbidden"), a status ("signature: valid",
// "auth=ok") and a version ("credentials v1.17.42"); a command line's value after a flag
// that names a secret (--password …, also as separate slice elements;
// quoted after a blank, a value of many words is masked whole inside its
// quotes: --password 'two words', -token "two words"; and as bash's set
// -x quotes an argument: '--password=two words', '-ptwo words', 'pass:two
// words' (a value ends at its blank when a pair of its own follows it
// inside the quotes: -e 'ansible_password=… ansible_user=ops'), and
// bash's ANSI-C quoting up to its closing quote, its escapes
// included: $'-pTwo\tWords', $'--password=a\nb', -p $'a\tb'; so too a quoted segment of text that opens with a key and
// its operator, blanks after it or not: x 'pass: two words' y,
// msg="secret = a b c", {"event":"token: a b"}, but not its prose:
// "password: must be at least 12 characters"),
// a system property that names one (java -Dpassword=…, gradle -Ptoken=…),
// after curl's -u, -U and --proxy-user (and -u, -U and -b
// ending a bundle of short flags: curl -su …, -sSfU …, -kb 'sid=…'), HTTPie's and hey's -a and
// ApacheBench's -A and -P when it joins a user and a password with a
// colon (after -u, --user and --proxy-user a quoted value with spaces is
// masked whole with both its quotes: --proxy-user 'bob:two words'), and the password of -p in a command line that names a
// user with -u or --user, or runs sshpass or a MySQL client (mysql
// -uroot -pS3cret, mysql --login-path=ops -pS3cret, docker login -u ci
// -p S3cret; a long flag of one dash that begins with p, -password …,
// -passwd=…, -port 8080, is no -p: its name is kept and a secret's value
// masked; keytool's -storepass:env NAME and -keypass:file PATH name
// where the password is read and are kept), unless it is a port, a path
// or a flag (a lone
// -p of mysql and its kin prompts: in mysql -u root -p orders the word
// after it is the database, kept unless it mixes cases and digits as a
// password does or is a quoted phrase of many words: -p 'two words'; and the user[:group] of docker, podman and nerdctl -u is
// no credential: docker exec -u root:root; nor is a URL after -u, az
// login --service-principal -u http://app); the -p…
// of 7z and rar, the -P of zip and unzip, redis-cli's -a, the -w of
// ldapsearch and its kin, the -P of sqlcmd, bcp, osql, ipmitool and
// mosquitto_pub, the password of smbclient -U user%password, the
// password argument of htpasswd -b, openssl's -k and -K, doctl's -t, the
// --body of gh secret set, the tokens composer config sets
// (github-oauth.HOST …, bitbucket-oauth.HOST … …, the password of
// http-basic.HOST USER …; run as composer.phar too, and the setting's
// name after --auth is kept), ssh-keygen's -N and -P, the -p of a
// registry's login (buildah login -p …), the password of an Oracle login
// after sqlplus, expdp, impdp, rman, sqlldr and dgmgrl (scott/…@orcl,
// userid=scott/…), after SQL*Plus' CONNECT on a line of its own, and in
// an Oracle JDBC URL (jdbc:oracle:thin:scott/…@db),
// of Windows' net use (after the share or /user:NAME), the token of vault
// login, the passphrase of wpa_passphrase SSID …, the access and secret
// keys of MinIO's mc alias set NAME URL … … (and mc config host add), the
// community of Net-SNMP's commands after -c (public too: it grants reads)
// and their SNMPv3 passphrases after -A and -X, of snmpd.conf's
// rocommunity, rwcommunity and com2sec lines and of Cisco's snmp-server
// community, the -p of twine and
// certutil, the passwords (>…) and hashes of
// Redis' ACL SETUSER,
// schtasks' /rp and /p, and the string of PowerShell's
// ConvertTo-SecureString … -AsPlainText (a variable is kept), the --value
// of a command that sets a secret (az keyvault secret set … --value …), the
// value after the quoted name a secrets command sets (dotnet user-secrets
// set "Smtp:Password" "…"; the name is kept), a
// network device's secret after its encryption type (enable secret 5 …,
// password 0 …, key 7 …); a flag's
// value as the next item of a YAML block sequence (a container's args:
// - --password⏎  - …), and as the next quoted element of a list (['--password', '…'], and
// as Go's %q prints a []string, ["--password" "…"], -u and -p there too:
// ["mysql" "-u" "root" "-p…"], and the other flags above as elements of a
// JSON array or a Python list: ["curl","-U","bob:…"], ['zip', '-P', '…'];
// a path or a port in the next element is kept); the
// values an SQL INSERT gives to the columns its column list names
// sensitive (placeholders, NULL and DEFAULT kept); and the password in a
// string literal of a call that logs in or sets one (client.login("bob",
// "…"), new NetworkCredential(u, "…"), smtp.PlainAuth("", u, "…", h),
// set_password(…, "…"); a variable is kept), and the one string literal
// given to a method named for a secret, as builders and options take it
// (.password("…"), .apiKey("…"), withToken("…"), set_client_secret("…");
// getPassword("name") looks one up and is kept); the cell after a key in
// the first cell of a table's row (| password | … |); a credential-looking
// word after a key of two words joined by '_' or '-' and a comma
// (Sec-WebSocket-Protocol: access_token, …); a quoted value
// after a quoted key and a linking word (Setting output 'token' to '…');
// and the new value of a change (password = "…" -> "…"); a token in a
// URL's path after a segment that names a secret, or after a verb on one
// (/reset-password/<token>, /password/reset/<token>, /auth/token/<token>,
// /magic-link/<token>: a UUID, base64url or 20 hex digits or more; names
// such as /secrets/db-credentials-v2 are kept). The name of
// a file of keys or certificates (--key=tls.key, sa.json, server.pem) is
// no secret, and neither is a file descriptor (--passphrase-fd 0). The commands of protocols give their
// secrets too: Redis' AUTH [user] password and CONFIG SET requirepass …
// (both also as MONITOR quotes them: "CONFIG" "SET" "masterauth" "…"),
// SMTP's AUTH PLAIN response, the responses of SMTP's AUTH LOGIN and AUTH
// PLAIN on lines of their own after the server's 334 challenges (the
// answer to the "Username:" challenge is kept), IMAP's AUTHENTICATE response (on its line,
// or on a line of its own after the server's "+"), FTP's and POP3's PASS, and a
// .netrc entry on one line (machine HOST login USER password …, whatever
// the password's shape); mechanism names
// (AUTH=LOGIN) and replies (AUTH FAILED) are kept. A key in
// text may spell a one-word term in pieces (magStripe=…, track_1=…), or
// be a term of several words (api key: …, card verification value 617),
// numbered after a space (Unseal Key 1: …, as Vault prints its keys).
// Also: a credential-looking word after a dash (api key - …, signing key
// — …); the value after whom a secret is for (Password for user bob: …,
// password for svc is …, SET PASSWORD FOR 'etl'@'%' = '…', password for
// bob changed from … to …, token for the runner was reset to …); the value
// before the term that prose names a secret with ("use … as the password",
// with '…' as your api key); the password of a user/password pair after
// login, logon or signin when it looks like a credential (login with
// deploy / …, logon ops/…; not login with SSO / SAML); a bare value goes
// on over '&', ';', ',', a closing bracket, '|', '<', '>' or a quote
// between letters inside it (pw=Tr0ub4dor&3x) up to a next key (&next=,
// ;Server=), a tag, a character reference, a space or the end; SQL's
// IDENTIFIED BY '…' (and WITH plugin BY, AS; unquoted only in upper-case
// SQL or when it looks like a credential); three or four digits after a
// card verification code's name (CVC 431); every parameter of a value
// that is a comma-separated list of name=value parameters
// (Stripe-Signature: t=…,v1=…,v0=…); every address of a
// comma-separated list under an address key (X-Forwarded-For: a, b); the
// value after a prompt's bracketed default (AWS Secret Access Key [None]:
// …) or after a short qualifier in parentheses when it looks like a
// credential (API key (prod): …); the quoted literal that a lookup of a key falls back to
// (process.env.API_TOKEN || "…", os.getenv('APP_SECRET') or '…', ?? '…',
// ENV.fetch("SECRET") { "…" }); and all of this again in percent-encoded text (password%3D…,
// %22client_secret%22%3A%22…%22, encoded twice too; a '+' between two
// escapes is a form's space: %22%3A+%22). Prose that changes
// a secret gives its new value (password was changed to …, has been
// reset to …, is: …) and, changed from … to …, its old one too, and so does a sentence that says a secret was
// generated, reset or is shown, at the end of its line after a colon (A
// temporary password is generated for root@localhost: …, New value: …
// after a reset, the following password to proceed to installation:⏎⏎…); one-time codes of four digits or more follow
// passcode, OTP, verification code and the other codes mailed or texted
// to a user (reset code, login code, confirmation code, …); user:password follows an auth
// word, and "user / password" a credentials key. A value in angle
// brackets or parentheses is masked inside them, and a JSON object
// under a secret key inside its braces (an object whose members are all
// null or empty is kept: MongoDB's dup key: { email: null }); the names
// in a list of OAuth scopes (scope: openid email phone offline_access,
// token_scopes=read:user) are kept, and so are an error's clause after a
// term that ends in a word saying what went wrong (auth: bearer scheme
// required, jwt: kid "k1" not found) and a cookie's attributes after a
// cookie's term (session cookie: SameSite=Lax); placeholders that say there is
// no value ((not set), <none>, (sensitive value), undefined; an
// Authorization header's (none), <nil>, absent or missing too, also
// before the next field), the name of
// a value in a usage line (--password PASSWORD, --token <token>), the
// words of prose after a flag (the --token flag is deprecated), a YAML
// list of secrets by name (imagePullSecrets: - name: regcred), kubectl's
// report about a Secret by name (secret "regcred" created; secret "prod/db" rotated), the sources
// of nsswitch.conf (passwd: files systemd), a key's id (GPG key
// 0xDEADBEEF), an absolute path of a file whose names are written as
// people name files (passphrase for key '/home/bob/.ssh/id_ed25519'; not
// base64 that holds slashes, /wJalrXUtnFEMI/K7MDENG/…), a sentence that ends in a colon (secret
// not found: …, address already in use: …), the next prefix of a wrapped
// error (decrypt secret: cipher: …), and values
// masked by their writer (********; a card number truncated as PCI DSS
// shows one, 4111 **** **** 1111, 411111******1111, ****4242), a shell's redirection or command
// substitution after a flag (gh auth login --with-token < token.txt,
// --password $(cat …); a here-string's word is masked: --secret <<< …,
// passwd bob <<< …) are kept, and so is the quoted name
// in an API's error about it (secrets "db-creds" not found). The plural of a term of several words is a term
// too (api_keys, REFRESH_TOKENS), and so is the plural of a few one-word
// terms that name only secrets (apikeys, cookies, pwds, passphrases); other
// single words stay singular (tokens counts a model's tokens, keys a map's).
// A float that holds a whole card number is checked as integers are.
// In quoted or encoded text, a word starts right after an escape
// sequence (\n, \t, \r, \xHH, \uHHHH, %HH) though the escape ends with a
// letter or digit, for keys and for every detector ("…\npassword=…",
// "\nghp_…", "Bearer%20xoxb-…", "\t4111…"), and a bare value ends before
// an escaped line break or tab ("password=…\nhost=db" keeps host=db).
// Pairs whose quotes or operators are written as escapes or HTML
// character references are found in the unescaped text too
// ({\u0022password\u0022:\u0022…\u0022}, &quot;token&quot;: &quot;…&quot;,
// &#34;, secret\u003d…, JSON quoted twice; &lt;password&gt;,
// &equals;, &colon;, HTML escaped twice), and a word of prose ends
// before such an escaped quote; so are pairs in quoted-printable
// (password=3D…, with its soft line breaks). Text is also read as its
// reader sees it: ANSI escape sequences (colours, hyperlinks), NUL and
// other control characters, a carriage return inside a line (one alone
// between two lines of fields or pairs, as HL7 v2 ends its segments, is
// the line break it stands for: a value before it ends there), zero-width
// characters, soft hyphens, byte order marks and marks of direction are
// dropped, and no-break and other Unicode spaces, full-width forms
// (ｐａｓｓｗｏｒｄ＝…, ＂token＂：…), mathematical and circled letters,
// and the Cyrillic and Greek letters drawn as Latin ones (a Cyrillic а in
// pаssword) are read as ASCII, escaped as \uHHHH in JSON, percent-encoded
// (password%00=…, p%D0%B0ssword=…) or written as HTML's references
// (&shy;, &ZeroWidthSpace;, &#x200b;) too. A JSON
// object in base64 (eyJ…, eyAi…; either alphabet, padded or not, a JWT's
// parts aside) is decoded and searched, and masked whole when it holds a
// secret.
// An INI entry's key is judged after its section's name too, as
// configparser joins them ([credentials] key = … is credentials.key;
// username, login and helper are kept; a git-style subsection's name
// leaves its section's: [auth "prod"], and is itself kept, [credential
// "https://git.example.net"]); a key that only holds its
// section's value (value, data, content) under a section named for a
// kind of key (api, app, access, license, …) is that key ([api] value =
// … is the API key; a number there is a setting's and kept). The
// password of Postfix's
// sasl_passwd lines ([smtp.example.net]:587 user:…; without brackets
// when the line says it is one: smtp.example.net user:…,
// relay.example.org:587 user@example.org:…, @example.org user:…) and of
// sendmail's AuthInfo entries ("P:…", "P=…") is masked; the lookup
// tables that Postfix's *_maps parameters name by file
// (smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd) are kept, a
// static: table is not. So is the password of a login on a line of
// curl's config file (.curlrc, curl -K) under its options user and
// proxy-user (user = "alice:…", user alice:…, proxy-user: bob:…); a user
// and a group (user: "1000:1000", user = root:wheel) are kept.
// A Kubernetes Secret holds secrets under any key: in a manifest of kind
// Secret (or secret, as a hand-written manifest may spell it; YAML, JSON, JSON escaped in a string such as the
// last-applied-configuration annotation, or a map with "kind": "Secret"),
// every value of data and stringData is masked and the keys are kept;
// other kinds (a ConfigMap's data) are judged key by key. So are the
// values of a command that creates a Secret (kubectl create secret
// generic db --from-literal=url=…): every --from-literal value is masked.
//
// # Presets
//
// Credentials (the default). Terms: password, passwd, pwd, passphrase,
// secret, client secret, token, access token, refresh token, id token,
// auth token, session token, bearer, authorization, api key, apikey,
// access key, secret key, private key, signing key, encryption key,
// credential, credentials, cookie, set cookie, session id, sessionid, jwt,
// otp, mfa code, totp, connection string, dsn, aws secret access key,
// x api key, pass, passwords, secrets, auth, auths, creds, passcode,
// conn str, connstr, key, master key, license key, subscription key,
// application key, app key, app secret, account key, auth key,
// functions key, private token, honeycomb team, client assertion,
// verification code, signature, sig, hmac, sas token, sonar login,
// contribsys com, pw, passw, pat, personal access token, csrf, xsrf,
// jenkins crumb, recovery code, recovery codes, backup code, backup codes, seed phrase,
// recovery phrase, mnemonic, webhook url, webhook uri, psk, pre shared key,
// activation code, unlock code, access code, oauth code, code verifier,
// phpsessid, jsessionid, sessid, connect sid, session cookie,
// one time code, 2fa code, 2fa, two factor code, security answer,
// secret answer, rootpw, snmp community, snmp server community,
// community string, key string, masterauth, sms code,
// device code, magic link, login link, invite link, invite url,
// reset link, password reset link, reset code, password reset code,
// login code, sign in code, signin code, confirmation code, auth code,
// authentication code,
// oauth verifier, secret id, x session, x refresh, x access, x sess,
// x sid, (a custom header's name, only when it ends with the word:
// X-Session, X-Upstream-Session; not X-Session-Replay), oob code, invite code, invitation code,
// dek, kek, data key, saml response,
// samlresponse, saml assertion, id token hint, auth header,
// authorization header, session secret, session key, unseal key,
// recovery key, privkey, priv key, nthash, ntlm hash, lm hash,
// private key id, client key data, tempauth, slack webhook,
// discord webhook, teams webhook, incoming webhook, github oauth, gitlab
// oauth, bitbucket oauth, routing key (PagerDuty's Events API key: under
// it only a value of 32 letters and digits is masked, and a message
// queue's routing key, orders.created, is kept), and the
// word password in
// other languages, as written in ASCII: passwort, kennwort, contrasena,
// senha, wachtwoord, mot de passe, motdepasse, haslo, losenord, salasana,
// adgangskode, sifre, heslo, jelszo, passord, lozinka, geslo, kata sandi,
// and in their own letters: contraseña, hasło, lösenord, şifre, jelszó,
// parolă, mật khẩu, пароль, κωδικός πρόσβασης, סיסמה, كلمة المرور,
// كلمة السر, पासवर्ड, รหัสผ่าน, 密码, 密碼, 口令, パスワード, 비밀번호,
// contrasenya, wagwoord, parool, slaptazodis, slaptažodis, 암호, and API
// key and token in other languages: api schlussel, api schluessel,
// api schlüssel, api sleutel, api ключ, apiキー, api キー, api密钥, api 密钥, api金鑰,
// api 金鑰, api 키, 密钥, 秘钥, 私钥, 秘密鍵, 令牌, トークン, 토큰, токен,
// jeton d acces, jeton d accès, clé api, cle api, clef api, clave api,
// chiave api, chave api, jeton, (a term that ends with api is searched
// for in text from its first word: clé API: …), and secret and secret
// or private key in other languages: geheim, geheimnis, secreto, segreto,
// segredo, clave, clé secrète, cle secrete, clave secreta, chiave segreta,
// chave secreta, geheimer schlüssel, geheimschlüssel, clé privée,
// cle privee, clave privada, chiave privata, and abbreviations of token and
// password: tkn, access tok, refresh tok, id tok, session tok, api tok,
// bearer tok, csrf tok, pswd, pswrd, psswd, passwrd, pword, psw, and a
// SIM card's puk, puk code, sim pin, sim puk, sim pin code, the PIN a
// user signs in or unlocks with: user pin, unlock pin, login pin, access
// pin, security pin, account pin, app pin, device pin, atm pin, and the
// abbreviation of mot de passe, mdp. (Terms
// outside ASCII match whole words, so 用户密码 is not 密码; and they make
// every string with letters outside ASCII searched for pairs, which costs
// only such strings.) A custom header's name that starts with X (or with
// HTTP_X, as CGI, PHP's $_SERVER and WSGI's environ write it) and ends
// with session, sess, refresh, access or sid (X-Session, X-Sess,
// X-Upstream-Refresh, X-Sid, HTTP_X_SESSION) names the session token, refresh token, access token or session
// id it carries, under those terms' rule; the words alone or inside a
// name (session, X-Session-Replay, X-Access-Log) do not. Detectors: url-userinfo
// ([DetectURLUserinfo]), authorization ([DetectBearer]; every parameter
// of a scheme's list, Hawk id="…", mac="…", up to the list's end; the
// credentials of a header folded onto the next line: Bearer⏎  …; a
// scheme and one token end before a following key=value field), jwt
// ([DetectJWT]: JWTs, and JWEs of five parts whole; a token wrapped over
// lines or split by a backslash while unfinished, too), aws-access-key-id
// ([DetectAWSAccessKey]: AKIA…, ASIA… and the older A3T… ids, with the
// secret access key right after an id,
// as a printed credentials struct, a credentials CSV or a call's
// arguments give it), private-key
// ([DetectPrivateKey]: PEM blocks of private keys and of OpenVPN's
// static and tls-crypt-v2 keys, the private lines of PuTTY key
// files, and the private members of JSON Web Keys: in an object with a
// "kty" member, as a map, a struct, a group or JSON in text, the values
// of d, p, q, dp, dq, qi, oth, k and priv; n, e, x, y and the rest
// stay), token-format ([DetectTokens]), dsn ([DetectDSN]), pgpass
// ([DetectPgpass]: the password of PostgreSQL password-file lines).
//
// PCIDSS. Terms: pan, card number, cardnumber, card no, cc number, ccnum,
// credit card, debit card, card, cvv, cvv2, cvc, cvc2, card cid, csc, cvn,
// cav2, security code, card security code, card verification,
// card verification value, expiry, expiration date, exp date, card expiry,
// pin, pin block, track1, track2, track data, magstripe, cardholder,
// cardholder name, name on card, exp month, exp year, expiry month,
// expiry year, expiration month, expiration year, as Stripe's exp_month
// and exp_year, and card exp, cc exp, card expiration, cc expiry,
// cc expiration, under which a card's expiry is masked (exp alone is a
// JWT's claim and is kept). Detectors: url-userinfo (a URL's
// user:password, as under Credentials: authentication data is no less
// secret under PCI DSS), card-number ([DetectCardNumber]), in
// strings and in integer values: digits in groups separated by spaces,
// dashes, or (in groups of four) dots, slashes, underscores and no-break
// spaces, or tabs (a TSV export's cells, \t in JSON text); the rest of a magnetic stripe's track after the number (the
// cardholder's name and the discretionary data of %B…^…^…?, ;…=…?) and
// the fields of a card dump (…|MM|YYYY|CVV) are masked with it. A number
// under a key that names a count, a size, an offset, a time or an id
// (duration_ns=…, "bytes": …, order_id, trace_id, snowflake) is no card,
// in text as in attrs, an integer or a string of digits alone; under a key
// with a word of a card in it (card_id, cc_ref) it still is.
//
// HIPAA. Terms: mrn, medical record, medical record number, patient,
// patient id, patient name, health plan, health plan id, beneficiary,
// member id, insurance id, policy number, ssn, social security, dob,
// date of birth, birth date, birthdate, diagnosis, icd10, prescription,
// medication, medical condition, lab result, device serial, biometric,
// fingerprint, full name, first name, last name, email, phone, fax,
// address, street, zip, postal code, postcode, license number, account number,
// ip address, drivers license, driver license, driving licence,
// licence number, dl number, vin, vehicle id, tel, cellphone, cell phone, whatsapp,
// birthday, born, zipcode, family name, middle name, maiden name,
// legal name, insurance number, medicare number, medicaid number,
// nhs number, callback number, contact number, cell no, mobile no,
// emergency contact, next of kin, guardian name, spouse, spouse name,
// mbi, medicare beneficiary identifier, given name, surname,
// social security number, itin, a name under a key that says whose it
// is: customer name, client name, contact name, person name, employee
// name, recipient name, sender name, account holder, account holder name,
// billing name, shipping name, account numbers as banks write them:
// iban, bank account, bank account number, and the other dates Safe Harbor
// names: admission date, admit date, date of admission, discharge date,
// date of discharge, date of death, death date, and a mobile telephone
// and the telephone in other languages: mobile, mobile phone, mobile
// number, telephone, telefon, telefono, telefone, teléfono, téléphone,
// handy, movil, móvil, celular, cellulare, natel.
// Detectors: ssn ([DetectSSN]: also with spaces or dots, 219.09.9999),
// email ([DetectEmail]: addresses with a quoted local part or a domain
// literal too, "jane roe"@example.com, jane@[203.0.113.7], and with
// letters outside ASCII too, jörg@bücher.de, with the '@' escaped in
// JSON, \u0040, in quoted-printable, jane=40example.org, or in
// brackets, jane[@]example.org), email-spelled
// ([DetectSpelledEmail]: the '@' or a dot spelled in brackets, jane [at]
// example [dot] org, jane(at)example.org), email-worded
// ([DetectWordedEmail]: the '@' and dots spelled as words, jane at
// example dot org; "failed at db.example.com" is prose), phone ([DetectPhone]: also with a trunk 0 and area code in
// parentheses, (020) 7946 0958, an area code of two digits in
// parentheses before a Brazilian mobile from 9 or landline from 2 to 5
// or in Mexico's way, (11) 98765-4321 (order (65) 8123 4097 is kept), the trunk 8 of Russia, 8 (812)
// 555-12-34, nine digits after a trunk 0, 02-312-3456, an extension
// after the number, ext. 204, x204, ;ext=204, an Indonesian mobile in
// three groups, 0812-3456-7890, a slash after the trunk and area code,
// 030/12345678, Budapest's area 1 after the trunk 06, 06 1 234 5678,
// the shapes of countries without a trunk prefix, 91 123 45 67,
// 612 34 56 78, 11 98765-4321, 11 3456-7890, 55 1234 5678, 347 1234567,
// and India's, China's and Spain's mobiles, 98204 71365, 139 0172 4486,
// 634 218 905, after a word that names a telephone on the same line (tel, phone,
// móvil, celular, cellulare, numer, WhatsApp, call and their kin: mem
// 32 4096-8192 free is kept),
// with the '+' percent-encoded,
// %2B…, in tel:, sms: and callto: URIs, and ten or eleven bare digits
// that a national plan could start after "call from", "sms to" and their
// kin, or after a word that names a telephone on the same line; eight
// digits of the plans without a trunk, 6732 1945, 31 72 48 05, 934 17
// 268, 83920471, a Brazilian mobile without its area code, 99813-4752,
// a local number of seven, 486-2093, and an international number whose
// country code stands in parentheses without a '+', (852) 9123 4567,
// (33) 6 12 34 56 78, right after such
// a word or after it and "number is", "sent to", or after the '=' or ':'
// of a key that names a telephone, mobile=91234567, fax_no:02071838750;
// any national number of seven to thirteen bare digits after the '=' or
// ':' of such a key, and of nine or more right after a word that names a
// telephone itself, in English, Spanish, Portuguese, Italian, Polish,
// German (Handy, Natel, Festnetz), French (portable), Dutch (mobiel) or
// as GSM, handy=015123456789, móvil 612345678, celular:21987654321,
// and such a number alone under an attr's, a map's or a field's key
// whose last word names a telephone, or is number or nummer after such a
// word, that is no term of the preset (gsm, portable, festnetz_nummer,
// fax: "0470123456", also as an integer)
// (not after a verb of calling, not a date of eight digits): "call took 1830 2245
// ns" and "build 73920518" are kept, and so are a count of one to four
// digits under such a key, mobile=3 sessions, and the version of a
// platform's app, mobile app 8.1.2.33, for the ip-address detector too; a parcel's tracking number in
// groups, after a carrier's name or a tracking word or ending a UPS code,
// 1Z 999 AA1 01 2345 6784, is kept), ip-address
// ([DetectIPAddress]: a dotted quad after a word that names a version,
// a build or the software it versions, app 4.2.0.17, ver. 2.0.0.5,
// AssemblyVersion 1.0.0.0, Firefox 115.0.2.1, postgres 16.1.0.1, or alone
// under a key whose last word names one, app_version, buildNumber:
// "4.2.0.17", is a version, not an address; client 203.0.113.7 and
// build_host_ip are still masked), iban (as under GDPR), street-address
// ([DetectStreetAddress]: a street address in prose with no word that
// names it, shipped to 221B Baker Street, London, delivered to 742
// Evergreen Terrace, 12 Rue de Rivoli: a house number, capitalised words
// of a street's name and a word of a kind of street that is seldom
// anything else, Street, Road, Avenue, Lane, Drive, Terrace and their
// abbreviations, or a French street's word before its name; 200 Connection
// Close and 2 Road Runner are kept), hl7 ([DetectHL7]: the fields after the set ID of
// HL7 v2 segments PID, PD1, NK1, GT1, IN1, IN2 and MRG), url-userinfo (a
// URL's user:password, as under every preset but ContactInfo: a login and
// its password are never left to a personal-data preset alone). In prose, an
// ICD-10 code after ICD or diagnosis ("diagnosis code J45.909") is masked,
// and so is a street address after a word of a preset's terms that names
// an address (address, street; anschrift, adresse and their kin under
// GDPR), with no operator between them or after "is" or "to": a house
// number and a street's name (shipping address 1600 Pennsylvania Ave NW,
// home address is 10 Downing Street) or a street's name that a street's
// word ends or opens and a house number (Adresse Hauptstraße 5, Calle
// Mayor 12), up to the last word of an address (capitalised words,
// numbers, postcodes, the commas between them and particles such as de
// or van: billing address 77 Mill Lane, Leeds LS1 4AB updated keeps
// "updated"); address already in use, address 10.0.0.5, address book
// sync, an HTTP status (GET /api/address 404 Not Found) and what follows
// the address of a machine or a mailbox (IP address 10 Gbps link, email
// address 2 Users found) are kept. After an operator (address: …, and
// after a key for a line of one: address_line_1=…, address.line2: …,
// Address Line 1: …) the
// value runs to the end of its clause.
//
// After a personal key in text, a value goes on over the words that
// belong to it: a date of birth in words (dob: March 14, 1985; born on
// 14 March 1985; written with dots, 14.03.1985, it is no version), an identifier written in groups of six digits or more
// (NINO: QQ 12 34 56 C, Aadhaar 2345 6789 0123), a surname before the
// given name (Patient: Roe, Jane), a longitude after its latitude
// (coordinates: 40.7128, -74.0060; lat 51.5007, lon -0.1246), and the
// value after "no." or "#" (passport no. 123456789), and a postal code
// in two parts (postcode SW1A 1AA, K1A 0B1, 1012 AB). A term that ends
// with "number" is also written with no, num, nbr or nr (account no.
// 12345678, policy_num, NI no), and a term may be written as a
// possessive (driver's license, patient's name). With a preset
// that names full names, the name after a letter's "Dear" is masked
// (Dear Dr. Jane Roe,), unless it greets no one by name (Dear Customer,
// Dear Sir or Madam, Dear Team). The e-mail detector masks the display
// name before an address in angle brackets too ("Jane Roe" <…>, Jane Roe
// <…>; one word, such as GitHub <…>, and the name before a role's
// address, such as GitHub Actions <noreply@…>, are kept).
//
// GDPR. Terms: full name, first name, last name, given name, surname,
// email, e mail, phone, mobile, telephone, address, street, postcode,
// postal code, zip, dob, date of birth, birthdate, national id, passport,
// passport number, id card, tax id, ssn, iban, bank account,
// account number, card number, ip, ip address, client ip, remote addr,
// device id, advertising id, cookie id, geolocation, location, latitude,
// longitude, gps, ethnicity, religion, health data, biometric,
// sexual orientation, political opinion, trade union, msisdn,
// x forwarded for, forwarded for, forwarded, x real ip, real ip,
// true client ip, cf connecting ip, remote ip, source ip, src ip, user ip,
// ip addr, client address, peer addr, drivers license, driver license,
// driving licence, license number, licence number, dl number, bsn, nino, ni number,
// national insurance number, personnummer, pesel, aadhaar, codice fiscale,
// lat, lon, lng, coordinates, coords, tel, cellphone, cell phone,
// whatsapp, birthday, born, zipcode, family name, middle name,
// maiden name, legal name, and dates of birth and national identifiers
// in other languages: geburtsdatum, fecha nacimiento,
// fecha de nacimiento, date naissance, date de naissance, data nascita,
// data di nascita, data nascimento, data de nascimento, geboortedatum,
// dni, nif, cpf, steuer id, tax number, taxpayer id,
// social insurance number, nhs number, callback number, contact number,
// cell no, mobile no, emergency contact, next of kin, guardian name,
// spouse, spouse name, securite sociale, sécurité sociale, as in France's
// numéro de sécurité sociale, ahv, ahv nummer, ppsn, personalausweis,
// personalausweisnummer, ausweisnummer, steuernummer,
// steueridentifikationsnummer, sozialversicherungsnummer, fodselsnummer,
// fødselsnummer, burgerservicenummer, rijksregisternummer, henkilotunnus,
// henkilötunnus, license plate, licence plate, number plate, geburtstag,
// geburtsort, geboren, anschrift, adresse, vorname, nachname, prenom,
// prénom, apellido, apellidos, cognome, direccion, dirección, indirizzo,
// endereco, endereço, adres, correo electronico, correo electrónico, handynummer,
// mobilnummer, the advertising identifiers of mobile
// devices idfa, idfv, gaid, aaid, a device's mac address, mac addr,
// (in prose too, the address whole: 00:1A:…, 00-1a-…, Cisco's 001a.2b3c.4d5e)
// national identifiers by their countries' names: national insurance,
// nir, nie, sin number, social insurance, itin, pan card, pan number,
// permanent account number, the US SSN by its name, social security,
// social security number, and the word telephone in other languages:
// telefon, telefono, telefone, telefonnummer, teléfono, téléphone, and a
// mobile's: handy, movil, móvil, celular, cellulare, natel, and a
// name under a key that says whose it is: customer name, client name,
// contact name, person name, employee name, recipient name, sender name,
// account holder, account holder name, billing name, shipping name, and
// a point on the map as mapping APIs name it: geo, geo point, latlng,
// latlon, latlong, lnglat, lonlat, (under geo, as under location, cloud
// region names are kept), and data concerning health (Article 9) as
// health records name it: diagnosis, medical condition, medication,
// prescription, medical record, medical record number, mrn, patient name,
// icd10. The
// key name alone (name, Name, display_name) is not a term of any preset:
// it names services, files, metrics and hosts as often as people, so a
// person's name logged under it passes (see below).
// Detectors: url-userinfo, email, email-spelled, email-worded, ssn, card-number, phone, iban ([DetectIBAN]: in
// upper case, whole or in groups of four; at its country's length also in
// lower case, with dashes or in groups of other sizes, fr76 3000 …,
// DE89-3704-…, DE89 37040044 0532013000; a lower-case
// string of hex digits is an id, not an IBAN), ip-address, national-id
// ([DetectNationalID]: Brazil's CPF as 318.405.276-17, France's NIR as
// 2 79 03 75 123 048 14, Spain's DNI and NIE as 12345678Z and X1234567L,
// Italy's codice fiscale, India's Aadhaar as 7361 9284 0510, the Dutch BSN
// as 1234.56.782, Germany's Steuer-ID as 86 390 241 851, the UK's National
// Insurance number as AB 12 34 56 C or AB123456C (an allocated prefix, a
// suffix A to D) and Canada's SIN as 046-454-286 (as 046 454 286 after
// SIN, NAS or insurance), Korea's resident registration number as
// 910214-1538261, Belgium's national number as 91.02.14-153.91,
// Argentina's CUIT and CUIL as 23-29184736-6, South Africa's identity
// number as 9102145231085 and Mexico's CURP as TOSJ020930HJCRNN09, and
// after a word that names them on their line (tfn, tax file number,
// medicare, my number, individual number, マイナンバー, 個人番号, nif,
// nipc, contribuinte, pesel) Australia's TFN and Medicare card number,
// Japan's My Number, Portugal's NIF and Poland's PESEL, their check
// digits or letters valid), street-address (as under HIPAA).
//
// CCPA. Terms: full name, alias, email, phone, address, street, postal code, ssn,
// driver license, drivers license, passport, ip address, device id,
// account name, account number, card number, biometric, geolocation,
// precise location, purchase history, browsing history, employment,
// education, inferences, tel, cellphone, cell phone, whatsapp, idfa,
// idfv, gaid, aaid, social security, social security number, itin,
// mobile, mobile phone, mobile number, telephone, telefon, telefono,
// telefone, teléfono, téléphone, handy, movil, móvil, celular, cellulare,
// natel; a real name by its parts, first name, last name, given name,
// surname, family name, middle name, maiden name, legal name, and under a
// key that says whose it is, customer name, client name, contact name,
// person name, employee name, recipient name, sender name, account holder,
// account holder name, billing name, shipping name; and the date of birth
// (age is a protected classification), dob, date of birth, birthdate,
// birth date, birthday, born; and a bank account number (1798.80(e)):
// iban, bank account, bank account number.
// Under alias, a resource's name is kept (a DNS alias cdn.example.net, a
// KMS alias/billing-key, edge-lb-eu, primary, default), and under a
// service account's name (serviceAccountName: default) any lower-case
// name. Detectors:
// url-userinfo, email, email-spelled, email-worded, ssn, card-number, phone,
// ip-address, iban (as under GDPR), street-address (as under HIPAA).
//
// ContactInfo. Terms: email, e mail, phone, phone number, mobile,
// telephone, fax, address, street, postal code, postcode, zip, tel,
// cellphone, cell phone, whatsapp, telefon, telefono, telefone,
// telefonnummer, teléfono, téléphone, handy, movil, móvil, celular,
// cellulare, natel. Detectors: email, email-spelled, email-worded, phone,
// street-address (as under HIPAA) (not url-userinfo: a URL's credentials are no contact detail; combine
// ContactInfo with another preset for them).
//
// # Token formats
//
// [DetectTokens] knows the credentials that say what they are, by prefix
// and body: GitHub (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_), GitLab
// (glpat-, gldt-, glptt-, glrt-, glcbt-, glft-, glimt-, glagent-, gloas-,
// glsoat-, glffct-, GR1348941), npm, PyPI and TestPyPI, RubyGems, JFrog,
// Pulumi, Clojars, SonarQube, Sourcegraph, Harness, Octopus, ReadMe,
// Postman, Prefect, Infracost, Frame.io, Atlassian, Bitbucket, Linear,
// crates.io (cio, cio_tp_), Buildkite (bkua_, bkaa_, bkaj_), CircleCI
// (CCIPAT_, CCIPRJ_), Netlify (nfp_), Render (rnd_), Neon (napi_), HubSpot
// (pat-na1-…), LaunchDarkly (sdk-, mob-, api-), Tailscale (tskey-), Asana
// (1/…:…, 2/…/…:…), Typeform, SettleMint, Scalingo, Intra42, OpenShift, Authress,
// Chief Tools (ctp_, cto_, ctr_), Cast AI (castai_v1_), Django's
// development secret keys (django-insecure-…), Docker
// Hub (dckr_pat_, dckr_oat_), Docker Swarm join tokens (SWMTKN-1-…),
// Vercel (vcp_, vci_, vca_, vcr_, vck_), Vercel Blob (vercel_blob_rw_),
// NuGet (oy2…), Contentful, Figma, PostHog, MongoDB Atlas service
// accounts (mdb_sa_sk_), Okta API tokens (00 and 40 bytes, after SSWS or
// the word okta within 40 bytes before);
// Slack (xoxb-, xoxp-, xoxa-, xoxr-, xoxo-, xoxs-, xoxe-, xoxc-, xoxd-,
// xapp-, hooks.slack.com), Discord bot tokens and webhooks, Microsoft
// Teams webhooks (the ids and the signature of the path; the scheme, the
// host, webhookb2/ and IncomingWebhook are kept), Zapier and IFTTT webhooks, the paths of incoming
// webhooks after /hooks/ or /hook/ (Mattermost, Rocket.Chat, Feishu and
// Lark: a UUID, or 20 letters and digits or more with both), the token
// of any service's webhook under /webhook/ or /webhooks/ (also after an
// id or a word of the route: /webhooks/incoming/…, /api/webhooks/88231/…;
// numeric ids and names such as /webhooks/github are kept), PagerDuty's
// integration keys (/integration/…/enqueue), Slack's webhook path on any
// host (/services/T…/B…/…, /hooks/T…/B…/…; ids of two bytes or more, a
// token with a digit and a letter after ids shorter than six), Telegram
// bots (also in the Bot API's path, /bot<token>/, or bot<token> alone;
// 34 bytes after the colon as in Telegram's examples, or 35; in the Bot
// API's path any length from 30 to 64);
// signed URLs and capability URLs: in a URL's query (after '?', '&', '#' or
// ';'), the value of key= and code= when it looks like a credential
// (an API key, an OAuth authorization code; a status page's ?code=200
// and ?key=users:42 are kept), of a CDN's sign=, verify= (a timestamp and an HMAC),
// nginx secure_link's md5= and st=, a CDN's h= and a signed link's hash=
// when the query names an expiry or a signing time too (e=, expires=,
// expires_at=, timestamp=, auth_date=; a file's checksum or a commit's
// ?hash= alone is kept), Symfony's _hash= (with or without its
// _expiration=), the key of a calendar's secret address in iCal format
// (/calendar/ical/…/private-<hex>/basic.ics), Imgix's s=
// (a digest of 32, 40 or 64 hex digits), CloudFront's Policy= (base64
// of its JSON policy) and Key-Pair-Id=, a download link's t= and a
// signed link's signed= when the value reads as a token (16 bytes or
// more with a digit and a letter, changing between digits, lower and
// upper case at least once every four bytes: t=1699999999 and
// t=dark-theme-2026 are kept), Google Drive's resourcekey=0-…, and Wowza's wowzatokenhash=
// anywhere; in a path, Cloudinary's signature (/s--…--/), the token of an
// Oracle Object Storage pre-authenticated request (/p/…/n/…), and the
// token of a capability URL after its route (/reset/…, /verify/…,
// /verify-email/…, /email-verification/…, /confirm/…, /activate/…,
// /invite/…, /invitations/accept/…, /unsubscribe/…, /magic/…,
// /passwordless/…, /login/…, /signin/…, /join/…, /share/…,
// /snapshot/…; also as the last word of a slug joined by '-' or '_',
// /email-verification/…, /password_reset/…, and after one short segment
// such as a user's id,
// /reset/MTIz/…): a UUID, base64url with a digit, 20 letters and digits
// or more with both, Django's reset tokens (<base36>-<hex>) and signed
// values whose last part is such a token (itsdangerous' ….….…, Django's
// …:…:…); routes without a token (/orders/confirm, /verify/email) and a
// collection's members (/invites/<uuid>) are kept; Rails' signed
// messages (eyJfcmFpbHMi…--<hex>, BAh…--<hex>: ActiveStorage's signed
// blob ids, signed cookies);
// WooCommerce (ck_, cs_), Stripe (sk_/rk_ live, test, prod; whsec_; client secrets pi_…_secret_…,
// seti_…_secret_…), Braintree (access_token$…), Square, Shopify,
// Flutterwave, Shippo, Duffel, GoCardless, Mollie, EasyPost, Plaid, Lob,
// Freemius, PayPal (A21AA…), Adyen (AQE…hmf…), Checkout.com (sk_sbox_,
// pk_sbox_, sk_ with 26 base32 bytes or a UUID), Salesforce session ids (00D…!…); GCP (AIza,
// GOCSPX-, ya29., 1//0 refresh tokens, 4/0A… authorization codes), Azure
// Data Factory integration runtime keys (IR@…@…@…@…), Azure AD client
// secrets and storage
// or Service Bus keys (AccountKey=, SharedAccessKey=), Azure's
// identifiable keys by their signature (+ASt, ACDb, APIM, +ABa, +AMC, AzFu,
// +ASb, +AEh, +ARm, AzCa, AIoT, AZEG, AzSe, +ACR), Microsoft's common
// annotated security keys (84 bytes with JQQJ9 at byte 52; Azure DevOps
// personal access tokens, AZDO at byte 76, also with JQQJ and any two
// version digits, JQQJ77…, or a digit and D or H), Microsoft identity platform refresh tokens (0.A…,
// 1.A…) and Microsoft account tokens (EwA…, EwB…, EwC…), DigitalOcean, Vault, Terraform Cloud, Heroku,
// Doppler, Fly.io, PlanetScale, Databricks (dapi, dose), Firebase Cloud
// Messaging server keys (AAAA…:APA91b…), Grafana, Sentry, New Relic,
// New Relic license keys (…NRAL, also …FFFFNRAL), Dynatrace, Alibaba, Tencent (AKID), AWS Bedrock and STS session tokens
// (IQoJb3JpZ2luX2Vj…, FwoGZXIvYXdzE…), ClickHouse, Cloudflare
// origin CA and Tunnel tokens (eyJhIjoi…) and scannable API credentials
// (cfk_, cfut_, cfat_), Yandex (AQVN, YC, y0_, t1.), Mapbox, Dropbox, Adobe,
// Facebook (EAA… access tokens of any app letter), Instagram (IGQV…,
// IGQW…, IGAA…), Amazon (Atza|, Atzr|), Twitch (oauth:…), Airtable,
// Twitter bearer tokens (21 or 22 A's, escaped or not), Supabase, Apify
// (apify_api_), DataStax Astra (AstraCS:…:…); OpenAI, Anthropic,
// Hugging Face, Perplexity, OpenRouter, Groq, xAI, Replicate, NVIDIA,
// Fireworks AI (fw_), Together AI (tgp_v1_), Anyscale (esecret_), RunPod
// (rpa_), Jina AI (jina_), Voyage AI (pa-), Firecrawl (fc-),
// LangSmith, Langfuse (sk-lf-), Pinecone, Tavily, ElevenLabs (sk_ and 48 hex digits); SendGrid, Sendinblue (Brevo: xkeysib-,
// xsmtpsib-), Twilio, Notion,
// Mailgun (key-…, and 32-8-8 hex digits), MailerSend (mlsn.), Zuplo (zpka_), Rootly (rootly_), Mailchimp, Mandrill (md-),
// Resend (re_), Honeycomb (hcaik_, hcxik_, hcamk_, hcxmk_), MaxMind,
// 1Password, Bitwarden Secrets Manager (0.<uuid>.…:…==), age
// (AGE-SECRET-KEY-1, AGE-SECRET-KEY-PQ-1), Defined
// Networking, Infisical (st.…), Apereo CAS tickets (ST-…, TGT-…, PT-…,
// PGT-…, PGTIOU-…), PagerDuty user tokens (u+…; also as a URL's path
// segment or a query parameter's value, not inside base64), YouTrack permanent
// tokens (perm:…), minisign and signify secret keys (RWRTY0Iy…,
// RWQAAEIy…, RWRCSw…), Kubernetes bearer tokens as a WebSocket subprotocol
// (base64url.bearer.authorization.k8s.io.…), Intercom access tokens (dG9rO…, "tok:" in base64),
// base64 of a login (user:password, as Basic credentials carry it) alone
// in text, when the password holds two kinds of characters,
// ClickUp (pk_<id>_…), Trello (ATTA…), Elastic (essu_…), Wi-Fi QR codes (WIFI:…;P:…;;), BIP32
// extended private keys (xprv, tprv, yprv, zprv, uprv, vprv); password
// hashes in modular crypt format ($2b$…, $6$…, $apr1$…, $y$…,
// $argon2id$…, $pbkdf2-sha256$…) and as Django and Werkzeug store them
// (pbkdf2_sha256$…, pbkdf2:sha256:…$…, scrypt:…$…), Cisco's type 8 and
// 9 ($8$…$…, $9$…$…), Kerberos hashes as hashcat and John write them
// ($krb5asrep$…, $krb5tgs$…, $krb5pa$…), /etc/shadow's user
// and dates kept, and after their scheme in braces as LDAP, htpasswd and
// Dovecot write them ({SSHA}…, {SHA}…, {SHA512-CRYPT}$6$…, and the
// password in clear after {PLAIN}); the secrets of TLS key log lines
// (CLIENT_RANDOM, *_TRAFFIC_SECRET*, EXPORTER_SECRET, ECH_SECRET; the
// label and client random are kept);
// prefixed keys from secret scanners' public rule sets: Cerebras (csk-),
// Axiom (xaat-, xapt-), Pydantic Logfire (pylf_v1_), New Relic Insights
// query and browser keys (NRIQ-, NRBR-), FullStory (na1. and 100 base64
// bytes), Nightfall (NF-), Bitbucket Data Center (BBDC-), Deno Deploy
// (ddp_, ddw_), Endor Labs (endr+), Figma (figp_), SonarCloud (sqco_),
// TruffleHog (thog-key-, thog-secret-), WakaTime (waka_), DevCycle server
// keys (dvc_server_), Adafruit IO (aio_), Paddle (pdl_live_apikey_,
// pdl_sdbx_apikey_), Razorpay (rzp_live_, rzp_test_), Pagar.me
// (ak_live_), Ramp (ramp_id_, ramp_sec_), Midtrans (Mid-server-,
// SB-Mid-server-), Square sandbox secrets (sq0csb-), Robinhood (rh-api-),
// Flexport (shltm_), Fleetbase (flb_live_), Persona (persona_production_,
// persona_sandbox_), Onfido (api_live., api_sandbox.), Salesforce
// consumer keys and refresh tokens (3MVG9…, 5AEP861…), Zoho (1000.…),
// Pinterest (pina_), Samsara (samsara_api_), SaladCloud (salad_cloud_),
// PubNub (pub-c-, sub-c-, sec-c-), Bannerbear (bb_pr_, bb_ma_), Ubidots
// (BBFF-), Voiceflow (VF.…), Telnyx (KEY0 and 31 upper-case hex digits,
// with or without _…; KEY and 55 bytes of base64url with both cases and
// a digit), Polar (polar_pat_, polar_oat_, polar_at_,
// polar_rt_, polar_cs_, polar_ac_), Scaleway access keys (SCW and 17
// upper-case letters and digits), Modal token secrets (as-), Sourcegraph
// Cody (slk_ and 64 hex digits), Recharge (sk_1x1_…, sk_test_10x3_… and
// 64 hex digits), Finage (API_KEY and 32 upper-case letters and digits),
// Close (api_, 22 letters and digits, '.', 22 more), dfuse (web_ and 32
// lower-case letters and digits, one of them a letter past f), Klaviyo
// (pk_ and 34 hex digits), LocationIQ (pk. and 32 letters and digits),
// Courier (pk_prod_, pk_test_ and 28), Checio (pk_ and 45 lower-case
// letters and digits), SalesBlink (key- and 64), BestTime (pri_ and 32
// hex digits), Photoroom (sk_pr_…_, sandbox_sk_pr_…_ and 40 hex digits),
// Portainer (ptr_ and 40 to 60 bytes of base64), Teamwork (tkn.v1_),
// EcoStruxure IT (AK1 and 50 to 55), ConvertAPI (secret_ and 16), IEX
// Cloud (sk_ and 32 lower-case letters and digits), Ticket Tailor
// (sk_<4 digits>_<6 digits>_ and 32 hex digits), Fly.io tokens as flyctl
// prints them (FlyV1 fm<n>_…), Aiven service passwords (AVNS_), Asaas
// ($aact_), CockroachDB Cloud (CCDB1_), Databento (db- and 27), Coveo (xx
// and a UUID), Cashfree (cfsk_ma_), Cfx.re (cfxk_), Docker Swarm unlock
// keys (SWMKEY-1-), Google Cloud Storage HMAC ids (GOOG1…), Dynatrace
// platform tokens (dt0s01., dt0s16., …), Sourcegraph Cody Gateway and
// subscription tokens (sgd_, sgs_ and 64 hex digits), Lichess (lip_,
// lio_), OneSignal (os_v2_app_, os_v2_org_), PostHog secret and OAuth
// tokens (phs_, pha_, phr_), Unkey root keys (unkey_), Volcengine access
// key ids (AKLT…), WakaTime secrets and OAuth tokens (waka_sec_,
// waka_tok_, waka_ref_), Ionic (ion_ and 42), Scrapfly (scp-live-,
// scp-test- and 32), AWS AppSync (da2- and 26 lower-case letters and
// digits) and Amazon MWS (amzn.mws. and a UUID), Dependency-Track (odt_
// and 32 or more), StackHawk (hawk.<20>.<20>), Mapbox temporary tokens
// (tk.eyJ…), New Relic admin and REST keys (NRAA-, NRRA-) and Pixie
// deploy keys (px-dep- and a UUID), Mercury API tokens
// (secret-token:mercury_production_…_yrucrem, mercury_sandbox_…), Amazon
// EKS bearer tokens (k8s-aws-v1.…), GitLab workspace and runner
// registration tokens (glwt-, glrtr-), LlamaCloud (llx-), E2B (e2b_ and
// 40 hex digits), dbt Cloud (dbtu_, dbtc_), Chroma Cloud (ck- and 44),
// Daytona (dtn_ and 64 hex digits), Helicone (sk-helicone-…), Mixedbread
// (mxb_), Nomic (nk- and 43), Pangea (pts_ and 32), Alchemy (alcht_ and
// 30), pganalyze (pgar_ and 27), SpectralOps (spu- and 32), 42 user
// tokens (u-s4t2ud-, u-s4t2af-), Figma OAuth tokens (figo_, figr_,
// figor_, figoh_), Alibaba AccessKey IDs of 12 to
// 19 bytes after LTAI, New Relic mobile application tokens (AA…-NRMA)
// and EU-region keys (eu01xx…-NRMA, eu01xx…FFFFNRAL), Azure API
// Management Git passwords (git&<expiry>&…==), Apideck (sk_live_ with
// '-' in its body), the formats above made of a prefix and a UUID with
// the UUID in upper case too, the private keys of wallets and chains in
// their documented text forms (Nostr nsec1…, Sui suiprivkey1…, Tezos
// edsk…/spsk…/p2sk…, Hedera's Ed25519 PKCS#8 keys in hex 302e0201…), LND macaroons in hex (0201036c6e64…), Klarna
// (klarna_live_api_, klarna_test_api_), Trigger.dev (tr_dev_, tr_prod_,
// tr_stg_), Inngest signing keys (signkey-prod-, signkey-test-,
// signkey-branch-), Stytch secrets (secret-live-, secret-test-), Shopify
// Partner API tokens (prtapi_) and Linear webhook secrets (lin_wh_),
// GitHub App
// installation tokens of the
// form ghs_<app id>_<JWT>, and the spellings other scanners accept of
// formats listed above: Adobe with a '-' in its 32 bytes, Vault service
// and batch tokens of 24 bytes or more (hvs., hvb.), Databricks in
// upper-case hex (dapi and 32, an optional -<digit>), Shopify with 32 to
// 64 letters and digits, CircleCI tokens whose last 40 bytes are
// lower-case letters and digits, Mailchimp keys in upper case (…-US12; a
// key of mixed-case hex is kept); where such a prefix is a common word
// (web_, pri_, ptr_, key-, secret_, db-) only at its exact length, and for
// ptr_, key-, secret_, db-, AK1, ion_, odt_, KEY, the short Vault and
// base62 Shopify forms and short Typeform tokens only with upper- and
// lower-case letters and a digit;
// secrets without a prefix whose vendor's name is their key, at the
// start of a word or after '_' (cloudflare: "…", ("artifactory", "…"),
// TF_VAR_cloudflare = "…",
// SUMO_ACCESS_ID=…, <cloudflare>…</cloudflare>; after =, :, :=, =>, ->,
// ?=, a tuple's ',' or an XML start tag), when the value has the
// vendor's documented length and alphabet, a digit and a letter, and
// ends there (not inside a host name or a path): Cloudflare (40
// base64url bytes, or a global key of 37 hex digits), JFrog Artifactory
// (64 or 73 letters and digits), Sourcegraph (40 hex digits), Sumo Logic
// (access ids su… of 14 bytes, keys of 64), Adafruit, Alibaba, Algolia,
// Asana, Atlassian and Jira, Bitbucket, Bittrex, Cohere, Coinbase,
// Discord, Drone CI (droneci), Etsy, Finnhub, Flickr, Gitter, Kraken,
// KuCoin, Mattermost, Meraki, Netlify, NYTimes, RapidAPI, Trello,
// Twitch, Twitter, Zendesk, Datadog (32 hex digits or 40 letters and
// digits), Sentry (64 hex digits), Sendbird, Confluent, Contentful,
// Codecov (a UUID too), Intercom, Linear (32 hex digits), LinkedIn,
// Looker, Fastly, Plaid, LaunchDarkly, MessageBird, FreshBooks,
// Finicity and Travis CI; the same values as an attr's, a group
// member's or a map's value under a key that names the vendor (at its
// start or after '_', '-' or '.': slog.String("cloudflare", "…"),
// TF_VAR_datadog), the value whole; a key whose last word names an id, a
// digest or a version (cloudflare_zone_id, sourcegraph_commit) and a
// name that goes on (cloudflared) are kept;
// JWT-shaped tokens (two dotted segments opening with "ey") and JWTs
// encoded once more in base64 (ZXlK…); values a CI job declares secret
// (GitHub Actions' ::add-mask::…); private keys in base64 PEM
// (LS0tLS1CRUdJTi…, a Kubernetes Secret's tls.key, a kubeconfig's
// client-key-data; certificates are kept) and Docker configs in base64
// (eyJhdXRocyI6…, .dockerconfigjson). A token ends where its vendor's
// alphabet does (glpat-…/repos/x, ATATT3…/rest/api keep the path), and
// a token of base64 that starts a segment of a URL's path ends at the
// '/' after which no base64 goes on (/v1/ABSK…/invoke keeps /invoke;
// a '/' followed by the token's last bytes and its padding is inside it).
// A webhook URL whose host is its format ends after the segments of the
// path its vendor issues (hooks.slack.com/services/T…/B…/…/retry,
// discord.com/api/webhooks/<id>/<token>/slack, Zapier's
// /hooks/catch/<account>/<hook>/, IFTTT's /use/<key> and
// /with/key/<key> keep what follows), and a connection string's
// AccountKey= or SharedAccessKey= ends after its base64 padding (also
// percent-encoded).
// A string with none of their
// prefixes or markers costs one pass over its bytes. Prefixes made of hex
// digits only match a body that is not hex, so that digests stay.
//
// # What no redactor catches
//
// Redaction finds what announces itself: a key or a word that names a
// secret, or a value with a known shape. It cannot find a free-form
// secret with neither: a password logged under a key such as "value" or
// "arg1", or in the middle of prose with no telling word ("logged in with
// hunter2"); a random token without a vendor prefix (most UUID-like and
// hex API keys) under an innocent key; personal data that looks like any
// other text (a name, a street, a diagnosis written in words) outside a
// key that names it, and a person's name under the key name alone; secrets split across attrs or records, encoded
// (base64 of a secret, URL-escaped), or inside binary data. Name your
// keys, use [Rule.Paths] and `log:"redact"` for what you know is
// sensitive, and keep such values out of logs in the first place.
//
// # Concurrency
//
// A Redactor is safe for concurrent use; its counters and caches are
// shared by every handler that uses it. Its caches are bounded: at most
// 16,384 key verdicts and 1,024 remembered clean strings.
package redact

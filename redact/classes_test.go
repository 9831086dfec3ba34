package redact_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// withLuhn returns digits followed by their Luhn check digit.
func withLuhn(digits string) string {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		v := int(digits[i] - '0')
		if (len(digits)-1-i)%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return digits + string(rune('0'+(10-sum%10)%10))
}

type dbCreds struct {
	Passwd string `json:"passwd"`
	Host   string `json:"host"`
}

type svcConfig struct {
	Name    string `json:"name"`
	dbCreds `json:"db"`
}

type innerSecret struct {
	Secret string
	Port   int
}

type flatConfig struct {
	innerSecret
	Host string
}

type ptrEmbedded struct {
	*innerSecret
	Zone string
}

type CBase struct {
	Region string `json:"region"`
	Token  string `json:"token"`
}

type composed struct {
	CBase
	Name string `json:"name"`
}

type untagged struct {
	DBPass   string
	Hostname string
}

type envVar struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type namedVars map[string]any

type ssmParameter struct {
	Name, Type, Value string
}

type taxPayload struct {
	Customer struct {
		TaxCode string `json:"tax_code"`
	} `json:"customer"`
}

// classLeakCases are planted secrets by class of leak, with values of their
// own: each must be masked through every deployment.
func classLeakCases() []leakCase {
	cred := []redact.Rule{redact.Credentials}
	pci := []redact.Rule{redact.Credentials, redact.PCIDSS}
	gdpr := []redact.Rule{redact.Credentials, redact.GDPR}
	hipaa := []redact.Rule{redact.Credentials, redact.HIPAA}
	paths := []redact.Rule{redact.Credentials, {Name: "paths", Paths: []string{"http.headers.*", "billing.*.holder", "payload.customer.tax_code"}}}
	var cases []leakCase
	add := func(class, name string, rules []redact.Rule, secret string, log func(*slog.Logger)) {
		cases = append(cases, leakCase{name: class + "/" + name, rules: rules, log: log, secrets: []string{secret}})
	}

	// Path rules inside inline groups, maps and structs.
	add("path", "inline groups", paths, "hdrSecret8841", func(l *slog.Logger) {
		l.Info("m", slog.Group("http", slog.Group("headers", "X-Trace-Auth", "hdrSecret8841")))
	})
	add("path", "map inside group", paths, "hdrSecret8842", func(l *slog.Logger) {
		l.Info("m", slog.Group("http", slog.Any("headers", map[string]string{"X-Partner-Sig": "hdrSecret8842"})))
	})
	add("path", "nested maps", paths, "hdrSecret8843", func(l *slog.Logger) {
		l.Info("m", slog.Any("http", map[string]any{"headers": map[string]any{"X-Upstream": "hdrSecret8843"}}))
	})
	add("path", "WithGroup then map", paths, "Maria Quintero", func(l *slog.Logger) {
		l.WithGroup("billing").Info("m", slog.Any("card", map[string]string{"holder": "Maria Quintero"}))
	})
	add("path", "inline wildcard", paths, "Tomasz Wierzbicki", func(l *slog.Logger) {
		l.Info("m", slog.Group("billing", slog.Group("visa", "holder", "Tomasz Wierzbicki")))
	})
	add("path", "struct fields", paths, "TX-99-1234", func(l *slog.Logger) {
		var p taxPayload
		p.Customer.TaxCode = "TX-99-1234"
		l.Info("m", "payload", p)
	})
	add("path", "With attrs", paths, "hdrSecret8844", func(l *slog.Logger) {
		l.With(slog.Group("http", slog.Group("headers", "X-Key-Ring", "hdrSecret8844"))).Info("m")
	})

	// Struct reach.
	add("struct", "unexported embedded, tagged", cred, "pw-emb-5521", func(l *slog.Logger) {
		l.Info("m", "cfg", svcConfig{Name: "orders", dbCreds: dbCreds{Passwd: "pw-emb-5521", Host: "db1"}})
	})
	add("struct", "unexported embedded, promoted", cred, "emb-sec-7781", func(l *slog.Logger) {
		l.Info("m", "cfg", flatConfig{innerSecret: innerSecret{Secret: "emb-sec-7781", Port: 5432}, Host: "h"})
	})
	add("struct", "unexported embedded pointer", cred, "emb-sec-7782", func(l *slog.Logger) {
		l.Info("m", "cfg", ptrEmbedded{innerSecret: &innerSecret{Secret: "emb-sec-7782"}, Zone: "z"})
	})
	add("struct", "untagged DBPass", cred, "dbp-1190-x", func(l *slog.Logger) {
		l.Info("m", "cfg", untagged{DBPass: "dbp-1190-x", Hostname: "db2"})
	})
	add("struct", "exported embedded", cred, "cb-tok-4410", func(l *slog.Logger) {
		l.Info("m", "cfg", composed{CBase: CBase{Region: "eu", Token: "cb-tok-4410"}, Name: "n"})
	})

	// Short and compound key terms, vendor header names.
	for i, key := range []string{"pass", "auth", "db_pass", "smtpPass", "maps_key", "stripeKey", "sendgrid_key",
		"Ocp-Apim-Subscription-Key", "X-Functions-Key", "DD-APPLICATION-KEY", "X-Honeycomb-Team",
		"X-Auth-Key", "Private-Token", "x-amz-security-token", "creds", "passcode", "license_key", "X-Hub-Signature-256"} {
		secret := fmt.Sprintf("kv%02d-Vq8ZtW3", i)
		add("key", key, cred, secret, func(l *slog.Logger) { l.Info("m", key, secret) })
	}
	add("key", "docker auths", cred, "ZGVwbG95OmhlbGxv", func(l *slog.Logger) {
		l.Info("m", "config", map[string]any{"auths": map[string]any{"registry.example.com": map[string]any{"auth": "ZGVwbG95OmhlbGxv"}}})
	})

	// DSNs without a scheme.
	add("dsn", "tcp", cred, "Xk2pass77", func(l *slog.Logger) {
		l.Info("m", "dsn_in", "svc_user:Xk2pass77@tcp(10.1.2.3:3306)/billing?parseTime=true")
	})
	add("dsn", "unix", cred, "sockPw991", func(l *slog.Logger) { l.Info("open svc:sockPw991@unix(/var/run/mysqld.sock)/app failed") })
	add("dsn", "default host", cred, "dfltPw552", func(l *slog.Logger) { l.Error("m", "err", errors.New("dial app:dfltPw552@/inventory: refused")) })
	add("dsn", "host and port", cred, "hpPw3301", func(l *slog.Logger) { l.Info("m", "target", "reporter:hpPw3301@replica.internal:5432/metrics") })

	// A password piped to sudo -S.
	add("stdin", "sudo -S", cred, "Sd1oPw2x", func(l *slog.Logger) { l.Info("m", "cmd", "echo 'Sd1oPw2x' | sudo -S apt-get update") })
	add("stdin", "sudo -kS after -u", cred, "Sd3oPw4y", func(l *slog.Logger) {
		l.Info("provision: echo Sd3oPw4y | sudo -u deploy -kS systemctl restart api")
	})
	add("stdin", "sudo --stdin", cred, "Sd5oPw6z", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`exit 1: printf '%s\n' Sd5oPw6z | sudo --stdin true`))
	})

	// PostgreSQL password-file lines.
	add("pgpass", "value", cred, "Pg7aLine2", func(l *slog.Logger) { l.Info("m", "line", "pg-main.internal:5432:ledger:ledger_rw:Pg7aLine2") })
	add("pgpass", "file content", cred, "Pg8b Two", func(l *slog.Logger) {
		l.Info("m", "pgpass", "# prod\nlocalhost:5432:*:admin:Pg8b Two\n*:6432:pool:web:Pg9cPool\n")
	})
	add("pgpass", "message", cred, "Pg1dMsg5", func(l *slog.Logger) { l.Info("appended 10.4.0.9:5432:app:deployer:Pg1dMsg5 to /root/.pgpass") })
	add("pgpass", "error", cred, "Pg2eErr6", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("pgpass: bad line \"db.x.io:5432:crm:crm:Pg2eErr6\": permission 0644"))
	})

	// Secrets in prose, assignments and command lines.
	add("prose", "reset to", cred, "Qwerty-4471", func(l *slog.Logger) { l.Info("reset password to Qwerty-4471 for bob") })
	add("prose", "quoted after word", cred, "ak_93kd02", func(l *slog.Logger) { l.Info(`invalid api key "ak_93kd02"`) })
	add("prose", "is", cred, "Lm0nade#7", func(l *slog.Logger) { l.Info("m", "note", "the shared secret is Lm0nade#7") })
	add("prose", "error pair", cred, "Zz-8812-q", func(l *slog.Logger) {
		l.Error("m", "err", fmt.Errorf("login: %w", errors.New("password=Zz-8812-q rejected")))
	})
	add("prose", "colon in message", cred, "tkn8890abc", func(l *slog.Logger) { l.Info("retrying with token: tkn8890abc") })
	add("prose", "ruby hash", cred, "vAlue-9921", func(l *slog.Logger) { l.Info("m", "src", `{ "api_secret" => "vAlue-9921", "x" => 1 }`) })
	add("prose", "php array", cred, "phpSecret-31", func(l *slog.Logger) { l.Info("m", "src", `['password' => 'phpSecret-31']`) })
	add("prose", "go assign", cred, "goTok-31x", func(l *slog.Logger) { l.Info("m", "src", `authToken := "goTok-31x"`) })
	add("prose", "helm template", cred, "Values.Db.RootPw", func(l *slog.Logger) { l.Info("m", "yaml", "rootPassword: {{ .Values.Db.RootPw | b64enc }}") })
	add("prose", "sops blob", cred, "c2VjcmV0LWJsb2I", func(l *slog.Logger) {
		l.Info("m", "yaml", "api-token: ENC[AES256_GCM,data:c2VjcmV0LWJsb2I=,iv:q1w2,tag:e3r4,type:str]")
	})
	add("prose", "xml element", cred, "xmlPw-662", func(l *slog.Logger) { l.Info("m", "body", "<user>bob</user><password>xmlPw-662</password>") })
	add("prose", "argv []string", cred, "argvSecret1", func(l *slog.Logger) { l.Info("m", "argv", []string{"app", "--db-password", "argvSecret1", "-v"}) })
	add("prose", "argv []any", cred, "argvSecret2", func(l *slog.Logger) { l.Info("m", "argv", []any{"app", "-token", "argvSecret2"}) })
	add("prose", "argv in text", cred, "argvSecret3", func(l *slog.Logger) { l.Info("exec: migrate --password argvSecret3 --verbose") })
	add("prose", "curl user quoted", cred, "qU0ted-pw", func(l *slog.Logger) { l.Info(`curl -u ":qU0ted-pw" https://localhost:9200`) })
	add("prose", "curl user parts", cred, "Zx81-part", func(l *slog.Logger) { l.Info(`curl --user "{id-77}":"{Zx81-part}" https://api.example.com`) })
	add("prose", "getenv default", cred, "dEf4ult-tok", func(l *slog.Logger) { l.Info("m", "src", `os.Getenv("api_token", "dEf4ult-tok")`) })
	add("prose", "nuget key value", cred, "NuG3tPw-1", func(l *slog.Logger) { l.Info("m", "xml", `<add key="ClearTextPassword" value="NuG3tPw-1" />`) })
	add("prose", "joined upper key", cred, "J0inedKey-2", func(l *slog.Logger) { l.Info("m", "env", "export VENDOR_ACCESSKEY=J0inedKey-2") })
	add("prose", "curl user", cred, "cUrlPw55", func(l *slog.Logger) { l.Info("m", "cmd", "curl -sS -u deploy:cUrlPw55 https://ci.example.com/api") })

	// Keys in text that spell a term in pieces, or end with one without a
	// separator; keys with letters outside ASCII under a rule that has them.
	pciSplit := []redact.Rule{redact.Credentials, redact.PCIDSS}
	add("split key", "camelCase one-word term", pciSplit, "B5454545454545454", func(l *slog.Logger) {
		l.Info("swipe magStripe=B5454545454545454 read")
	})
	add("split key", "snake before digits", pciSplit, "B4111111111111111^ROE", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("bad track_1=B4111111111111111^ROE"))
	})
	add("split key", "pass_phrase", cred, "ph-7719-Qz", func(l *slog.Logger) { l.Info("m", "cmd", "gpg --batch pass_phrase=ph-7719-Qz") })
	for i, key := range []string{"PGPASSWORD", "ADMINPASSWORD", "rootpasswd", "csrftoken", "XSRFTOKEN", "githubtoken", "sshpassphrase", "vaultsecret"} {
		secret := fmt.Sprintf("cmp%02d-Wq7XzR", i)
		add("compound key", key+" attr", cred, secret, func(l *slog.Logger) { l.Info("m", key, secret) })
		text := fmt.Sprintf("cmt%02d-Wq7XzR", i)
		add("compound key", key+" in text", cred, text, func(l *slog.Logger) { l.Info("export " + key + "=" + text + " && run") })
	}
	local := []redact.Rule{redact.Credentials, {Name: "local", Terms: []string{"passwört", "пароль"}}}
	add("non-ascii term", "in message", local, "Gh7-ümlaut", func(l *slog.Logger) { l.Info("login passwört=Gh7-ümlaut failed") })
	add("non-ascii term", "in error", local, "Zq9xLmP2vW", func(l *slog.Logger) { l.Error("m", "err", errors.New("ПАРОЛЬ: Zq9xLmP2vW")) })

	// Numbers after a personal-data word, names over several words, the
	// parameters of Digest authorization.
	add("pii", "ssn digits after word", hipaa, "219099999", func(l *slog.Logger) { l.Info("m", "note", "SSN 219099999 on file") })
	add("pii", "member id number", hipaa, "88412907", func(l *slog.Logger) { l.Error("m", "err", errors.New("member id 88412907 not eligible")) })
	add("pii", "name over words", hipaa, "Roe", func(l *slog.Logger) { l.Info("admit patient_name=Jane Roe ward=4") })
	add("pii", "name with apostrophe", gdpr, "Brien", func(l *slog.Logger) { l.Info("m", "q", "last_name=O'Brien&first_name=Sean") })
	add("pii", "cardholder over words", pci, "Quintero", func(l *slog.Logger) { l.Info("m", "note", "cardholder=Maria Quintero Status=ok") })
	add("prose", "digest authorization", cred, "6629fae49393a05397450978507c4ef1", func(l *slog.Logger) {
		l.Info("m", "hdr", `Authorization: Digest username="bob", realm="api", response="6629fae49393a05397450978507c4ef1"`)
	})

	// Objects that name their value's key in a member of their own.
	add("named value", "env map", cred, "nv-8812-Qz", func(l *slog.Logger) {
		l.Info("m", "env", []map[string]string{{"name": "HOST", "value": "db"}, {"name": "DB_PASSWORD", "value": "nv-8812-Qz"}})
	})
	add("named value", "env struct", cred, "nv-8813-Qz", func(l *slog.Logger) {
		l.Info("m", "env", []envVar{{"PORT", "5432"}, {"STRIPE_SECRET", "nv-8813-Qz"}})
	})
	add("named value", "ssm parameter", cred, "nv-8814-Qz", func(l *slog.Logger) {
		l.Info("m", "param", ssmParameter{Name: "/prod/app/api-token", Type: "SecureString", Value: "nv-8814-Qz"})
	})
	add("named value", "key and value", cred, "nv-8815-Qz", func(l *slog.Logger) {
		l.Info("m", "setting", map[string]any{"Key": "ClientSecret", "Value": "nv-8815-Qz"})
	})
	add("named value", "map of a named type", cred, "nv-8819-Qz", func(l *slog.Logger) {
		l.Info("m", "var", namedVars{"name": "SLACK_TOKEN", "value": "nv-8819-Qz"})
	})
	add("named value", "group", cred, "nv-8816-Qz", func(l *slog.Logger) {
		l.Info("m", slog.Group("var", "name", "GITHUB_TOKEN", "value", "nv-8816-Qz"))
	})
	add("named value", "json text", cred, "nv-8817-Qz", func(l *slog.Logger) {
		l.Info("m", "body", `[{"name":"API_TOKEN","value":"nv-8817-Qz"}]`)
	})
	add("named value", "yaml text", cred, "nv-8818-Qz", func(l *slog.Logger) {
		l.Info("m", "manifest", "env:\n- name: DB_PASSWORD\n  value: nv-8818-Qz\n- name: HOST\n  value: db")
	})

	// JSON inside a JSON string, its quotes escaped.
	add("prose", "escaped json", cred, "esc-4410-Qz", func(l *slog.Logger) { l.Info("m", "body", `{\"user\":\"bob\",\"password\":\"esc-4410-Qz\"}`) })
	add("prose", "escaped json spaced", cred, "esc 4411 Qz", func(l *slog.Logger) { l.Info(`event {\"client_secret\" : \"esc 4411 Qz\"}`) })

	// Passwords of command-line tools that name a user.
	add("prose", "mysql -p glued", cred, "S3cr3tPw!", func(l *slog.Logger) { l.Info("m", "cmd", "mysql -u root -pS3cr3tPw! -h db") })
	add("prose", "mysql -p glued user", cred, "gLued-881", func(l *slog.Logger) { l.Info("running mysql -uapp -pgLued-881 orders") })
	add("prose", "docker login -p", cred, "dckr-Pw-4410", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("docker login -u ci -p dckr-Pw-4410 registry.example.com: denied"))
	})
	add("prose", "sshpass -p", cred, "sshP-2291", func(l *slog.Logger) { l.Info("m", "cmd", "sshpass -p 'sshP-2291' ssh deploy@host") })

	// PCI: integers, json.Number, CVC spellings.
	visa := withLuhn("453914880343646")
	mc := withLuhn("542523343010990")
	var visaInt, mcUint = int64(0), uint64(0)
	fmt.Sscan(visa, &visaInt)
	fmt.Sscan(mc, &mcUint)
	add("pci", "int64 card", pci, visa, func(l *slog.Logger) { l.Info("m", "charged", visaInt) })
	add("pci", "uint64 card", pci, mc, func(l *slog.Logger) { l.Info("m", "instrument", mcUint) })
	add("pci", "pin with digits", pci, "73-02", func(l *slog.Logger) { l.Info("m", "pin", "73-02") })
	add("pci", "json.Number card", pci, visa, func(l *slog.Logger) { l.Info("m", "raw", json.Number(visa)) })
	add("pci", "card int in map", pci, mc, func(l *slog.Logger) { l.Info("m", "req", map[string]any{"num": mcUint}) })
	add("pci", "card int in struct", pci, visa, func(l *slog.Logger) {
		l.Info("m", "req", struct{ Num int64 }{visaInt})
	})
	for i, key := range []string{"security_code", "cvv2", "card_verification", "CardSecurityCode", "cvn", "cvc2"} {
		secret := fmt.Sprintf("cv%d-%03d", i, 400+i)
		add("pci", "key "+key, pci, secret, func(l *slog.Logger) { l.Info("m", key, secret) })
	}

	// HIPAA and GDPR.
	add("pii", "ssn with spaces", hipaa, "219 09 9999", func(l *slog.Logger) { l.Info("m", "note", "member ssn 219 09 9999 verified") })
	add("pii", "e164 phone", gdpr, "+49 30 901820", func(l *slog.Logger) { l.Info("m", "note", "callback to +49 30 901820 requested") })
	add("pii", "e164 compact", hipaa, "+12025550143", func(l *slog.Logger) { l.Info("sms sent to +12025550143") })
	add("pii", "nanp", gdpr, "(212) 555-0175", func(l *slog.Logger) { l.Info("m", "note", "office (212) 555-0175 ext 4") })
	add("pii", "nanp dashes", hipaa, "303-555-0164", func(l *slog.Logger) { l.Error("m", "err", errors.New("no answer at 303-555-0164")) })
	add("pii", "national trunk 0", gdpr, "020 7183 8750", func(l *slog.Logger) { l.Info("m", "note", "ring 020 7183 8750 after 5") })
	add("pii", "iban grouped", gdpr, "DE89 3704 0044 0532 0130 00", func(l *slog.Logger) { l.Info("m", "note", "refund to DE89 3704 0044 0532 0130 00 today") })
	add("pii", "iban compact", gdpr, "FR1420041010050500013M02606", func(l *slog.Logger) { l.Info("payout FR1420041010050500013M02606 queued") })
	add("pii", "email map key", gdpr, "jane.roe@example.org", func(l *slog.Logger) { l.Info("m", "scores", map[string]int{"jane.roe@example.org": 3}) })
	add("pii", "email attr key", gdpr, "ops-team@example.net", func(l *slog.Logger) { l.Info("m", slog.Int("ops-team@example.net", 1)) })
	add("pii", "email key in group", gdpr, "kim@example.com", func(l *slog.Logger) { l.Info("m", slog.Group("acl", slog.Bool("kim@example.com", true))) })
	add("pii", "x-forwarded-for", gdpr, "198.51.100.23", func(l *slog.Logger) { l.Info("m", "X-Forwarded-For", "198.51.100.23, 10.0.0.1") })
	add("pii", "true-client-ip", gdpr, "203.0.113.88", func(l *slog.Logger) { l.Info("m", "True-Client-IP", "203.0.113.88") })
	add("pii", "remote_ip in map", gdpr, "192.0.2.144", func(l *slog.Logger) { l.Info("m", "req", map[string]any{"remote_ip": "192.0.2.144"}) })
	add("pii", "forwarded list in text", gdpr, "192.0.2.201", func(l *slog.Logger) {
		l.Info("m", "headers", "X-Forwarded-For: 198.51.100.61, 192.0.2.201\nAccept: */*")
	})

	// Personal data whose values are several words, names, codes and dates in prose.
	add("pii", "address over commas", gdpr, "Rue de Rivoli", func(l *slog.Logger) {
		l.Info("m", "note", "address: 12 Rue de Rivoli, 75001 Paris; status=ok")
	})
	add("pii", "diagnosis in words", hipaa, "kidney disease", func(l *slog.Logger) {
		l.Info("m", "note", "diagnosis: chronic kidney disease stage 3, ward=B")
	})
	add("pii", "patient name in prose", hipaa, "Marta Kowalska", func(l *slog.Logger) { l.Info("patient Marta Kowalska discharged") })
	add("pii", "icd code in prose", hipaa, "K35.80", func(l *slog.Logger) { l.Info("m", "note", "ICD-10 code K35.80 assigned") })
	add("pii", "birth date in words", hipaa, "7 October 1979", func(l *slog.Logger) { l.Info("m", "note", "date of birth 7 October 1979 confirmed") })
	add("pii", "dutch bsn", gdpr, "111222333", func(l *slog.Logger) { l.Info("m", "note", "BSN 111222333 checked") })
	add("pii", "uk nino key", gdpr, "QQ123456C", func(l *slog.Logger) { l.Info("m", "nino", "QQ123456C") })
	add("pii", "tel key in text", gdpr, "0151 2233 4455", func(l *slog.Logger) { l.Info("m", "contact", "tel: 0151 2233 4455") })
	add("pii", "cellphone attr", hipaa, "(030) 5550 1234", func(l *slog.Logger) { l.Info("m", "cellPhone", "(030) 5550 1234") })
	add("pii", "coordinates", gdpr, "52.5200", func(l *slog.Logger) { l.Info("m", "pos", "lat=52.5200 lng=13.4050") })

	// Plurals of terms of several words, and card numbers as floats.
	add("plural", "array field", cred, "ak-plural-7713", func(l *slog.Logger) {
		l.Info("m", "cfg", struct {
			APIKeys [2]string `json:"api_keys"`
		}{[2]string{"ak-plural-7712", "ak-plural-7713"}})
	})
	add("plural", "slice attr", cred, "at-plural-5521", func(l *slog.Logger) { l.Info("m", "access_tokens", []string{"at-plural-5521"}) })
	add("plural", "in text", cred, "rt-plural-8890", func(l *slog.Logger) { l.Info("m", "env", "REFRESH_TOKENS=rt-plural-8890") })
	var decoded map[string]any
	_ = json.Unmarshal([]byte(`{"instrument": `+visa+`}`), &decoded)
	add("pci", "card as a decoded JSON number", pci, visa, func(l *slog.Logger) { l.Info("m", "body", decoded) })
	add("pci", "card as a float attr", pci, visa, func(l *slog.Logger) { l.Info("m", slog.Float64("n", decoded["instrument"].(float64))) })

	// One-time codes under their names in prose.
	add("prose", "mfa_code digits", cred, "mfa_code 771190", func(l *slog.Logger) { l.Info("m", "note", "mfa_code 771190 accepted") })
	add("prose", "2fa code colon", cred, "code: 339021", func(l *slog.Logger) { l.Info("m", "sms", "2FA code: 339021") })
	add("prose", "one-time code is", cred, "is 905514", func(l *slog.Logger) { l.Info("Your one-time code is 905514") })

	// Every cookie of a Cookie header, whatever its name.
	add("cookie", "second cookie", cred, "ck-sess-7781", func(l *slog.Logger) {
		l.Info("m", "hdrs", "Cookie: theme=dark; a1b2=ck-sess-7781; lang=en\nAccept: */*")
	})
	add("cookie", "in an error", cred, "ck-sess-7782", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("replay with Cookie: _ga=GA1.2; sid=ck-sess-7782 refused"))
	})

	// Group names from WithGroup are keys too.
	add("group", "secret group name", cred, "grp-sec-4471", func(l *slog.Logger) { l.WithGroup("client_secret").Info("m", "value", "grp-sec-4471") })
	add("group", "secret group, map under it", cred, "grp-sec-4472", func(l *slog.Logger) {
		l.WithGroup("credentials").Info("m", "db", map[string]string{"u": "grp-sec-4472"})
	})
	add("group", "secret group, With attrs", cred, "grp-sec-4473", func(l *slog.Logger) { l.WithGroup("api_key").With("v", "grp-sec-4473").Info("m") })
	add("group", "e-mail as a group name", gdpr, "kai.nowak@example.net", func(l *slog.Logger) { l.WithGroup("kai.nowak@example.net").Info("m", "n", 1) })

	// Key-value pairs as slices, in slog's argument style.
	add("pairs", "any slice", cred, "kv-pair-5512", func(l *slog.Logger) { l.Info("m", "args", []any{"user", "ops", "password", "kv-pair-5512"}) })
	add("pairs", "string slice", cred, "kv-pair-7781", func(l *slog.Logger) { l.Info("m", "env", []string{"HOST", "db", "API_TOKEN", "kv-pair-7781"}) })
	add("pairs", "array pairs", cred, "kv-arr-3390", func(l *slog.Logger) {
		l.Info("m", "headers", [][2]string{{"accept", "*/*"}, {"x-api-token", "kv-arr-3390"}})
	})

	// Client addresses under any key and in text.
	add("ip", "peer value with port", gdpr, "198.51.100.203", func(l *slog.Logger) { l.Info("m", "peer", "198.51.100.203:50412") })
	add("ip", "ipv4 in prose", hipaa, "203.0.113.150", func(l *slog.Logger) { l.Info("login from 203.0.113.150 accepted") })
	add("ip", "ipv6 in an error", gdpr, "2001:db8:4b::17", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("rate limit for [2001:db8:4b::17]:443 exceeded"))
	})
	add("ip", "forwarded header", gdpr, "192.0.2.77", func(l *slog.Logger) { l.Info("m", "hdr", "Forwarded: for=192.0.2.77;proto=https") })
	add("ip", "address in a map", gdpr, "198.51.100.88", func(l *slog.Logger) { l.Info("m", "conn", map[string]any{"origin": "198.51.100.88"}) })

	// Short spellings, recovery secrets and webhook URLs as keys.
	for key, secret := range map[string]string{
		"bind_pw": "bpw-4410-Qx", "smtpPassw": "smp-7731-Lk", "github_pat": "gpat-9921-Zr",
		"seedPhrase": "abandon ability able about above absent", "wallet_mnemonic": "zoo zone zero youth young",
		"slack_webhook_url": "https://example.invalid/hooks/T0/B0/xyzzy9921", "csrf": "csrf-5512-Wq",
		"wifi_psk": "psk-7781-Hn", "activation_code": "ACT-5521-7781", "code_verifier": "cv-4471-Xq9",
		"PHPSESSID": "php-5512-aa91", "JSESSIONID": "js-9921-bb10", "connect.sid": "s%3Acs-7712.Zq",
	} {
		add("key", key, cred, secret, func(l *slog.Logger) { l.Info("m", key, secret) })
	}
	add("key", "backup codes as a slice", cred, "8812-4471", func(l *slog.Logger) {
		l.Info("m", "backup_codes", []string{"1190-3321", "8812-4471"})
	})
	add("key", "recovery codes in text", cred, "5521-9907", func(l *slog.Logger) { l.Info("m", "note", "recovery_codes=5521-9907") })
	add("key", "drivers license", hipaa, "D1234-56789-01234", func(l *slog.Logger) { l.Info("m", "drivers_license", "D1234-56789-01234") })
	add("key", "driving licence", gdpr, "MORGA753116SM9IJ", func(l *slog.Logger) { l.Info("m", "drivingLicence", "MORGA753116SM9IJ") })

	// Terms of several words before an operator, a dash or a number in text.
	add("phrase", "two-word key, colon", cred, "Lq7wE2rT9yU4iO", func(l *slog.Logger) { l.Info("partner api key: Lq7wE2rT9yU4iO") })
	add("phrase", "two-word key, equals, in an error", cred, "Rk3mT8vW2qZx", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("stripe access key = Rk3mT8vW2qZx not accepted"))
	})
	add("phrase", "dash", cred, "3c9d2e7f1a8b4c6d5e0f", func(l *slog.Logger) { l.Info("m", "note", "api key - 3c9d2e7f1a8b4c6d5e0f (staging)") })
	add("phrase", "em dash", cred, "Vq2-Lm8xNb4Tz", func(l *slog.Logger) { l.Info("m", "note", "signing key \u2014 Vq2-Lm8xNb4Tz") })
	add("phrase", "security code colon", pci, "code: 5821", func(l *slog.Logger) { l.Info("m", "note", "verify security code: 5821 failed") })
	add("phrase", "cvc in prose", pci, "CVC 4417", func(l *slog.Logger) { l.Warn("CVC 4417 rejected by issuer") })
	add("phrase", "three-word term", pci, "value 617", func(l *slog.Logger) { l.Info("m", "note", "card verification value 617 mismatch") })

	// A secret named for whom it is, then given after an operator.
	add("whom", "password for user", cred, "Mv5tB8nQ2w", func(l *slog.Logger) { l.Info("m", "prompt", "Password for user deploy: Mv5tB8nQ2w") })
	add("whom", "password for is", cred, "Rt7yU2iO9pQ", func(l *slog.Logger) { l.Info("password for svc-billing is Rt7yU2iO9pQ") })
	add("whom", "SQL SET PASSWORD", cred, "Pw9-Lk4Jh2", func(l *slog.Logger) { l.Info("m", "stmt", "SET PASSWORD FOR 'etl'@'%' = 'Pw9-Lk4Jh2'") })
	add("whom", "token for tenant quoted", cred, "tk_live_9a8b7c", func(l *slog.Logger) { l.Info("m", "note", `token for tenant acme = "tk_live_9a8b7c"`) })

	// Connect strings, userinfo and Go's printed headers.
	add("dsn", "oracle ezconnect", cred, "Tq7!mWx3", func(l *slog.Logger) { l.Info("m", "cmd", "sqlplus app_ro/Tq7!mWx3@//ora-2:1521/SALES") })
	add("dsn", "oracle host port", cred, "Oc5_pLm2", func(l *slog.Logger) { l.Info("m", "conn", "reports/Oc5_pLm2@ora-db:1521/RPT") })
	add("dsn", "slash in a url password", cred, "Zx1q/Wv8e+Rt5y/Ui0o", func(l *slog.Logger) {
		l.Info("m", "src", "s3://AKIAZZZZEXAMPLE4A7Q:Zx1q/Wv8e+Rt5y/Ui0o@backups-eu/daily")
	})
	add("dsn", "go-printed header", cred, "Hp3kL9mZ2xQ7", func(l *slog.Logger) {
		l.Info("m", "req", `http.Header{"Accept":[]string{"*/*"}, "X-Auth-Token":[]string{"Hp3kL9mZ2xQ7"}}`)
	})
	add("phrase", "pin in prose", pci, "PIN 8041", func(l *slog.Logger) { l.Info("m", "note", "PIN 8041 entered at kiosk 3") })

	// Prose that changes a secret, codes, user:password, and objects under secret keys.
	add("prose", "is colon", cred, "Vc4bN6mQ8w", func(l *slog.Logger) { l.Info("your new password is: Vc4bN6mQ8w") })
	add("prose", "was changed to", cred, "Lp0oK9iJ8u", func(l *slog.Logger) { l.Info("m", "audit", "password was changed to Lp0oK9iJ8u by ops") })
	add("prose", "has been reset to", cred, "Mn3bV5cX7z", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("secret has been reset to Mn3bV5cX7z"))
	})
	add("prose", "passcode digits", cred, "passcode 903317", func(l *slog.Logger) { l.Info("passcode 903317 accepted for device 4") })
	add("prose", "otp digits", cred, "OTP 4471", func(l *slog.Logger) { l.Info("m", "note", "OTP 4471 sent to device") })
	add("prose", "user:password after auth", cred, "Kw7vQ2xR9p", func(l *slog.Logger) { l.Info("m", "cmd", "using basic auth ops:Kw7vQ2xR9p for mirror") })
	add("prose", "user / password", cred, "Ty5uI7oP9a", func(l *slog.Logger) { l.Info("m", "note", "credentials: ops / Ty5uI7oP9a") })
	add("json", "object under a secret key", cred, "Gh4jK6lZ8x", func(l *slog.Logger) {
		l.Info("m", "body", `{"credentials": {"u": "ops", "p": "Gh4jK6lZ8x"}, "next": 2}`)
	})

	// Passwords of command-line tools that name no user.
	add("cmd", "7z attached", cred, "Sv7nZp2q", func(l *slog.Logger) { l.Info("m", "cmd", "7za x backup.7z -pSv7nZp2q -o/tmp") })
	add("cmd", "zip -P", cred, "Zp4Xq8Lm", func(l *slog.Logger) { l.Info("m", "cmd", "zip -q -P Zp4Xq8Lm bundle.zip a b") })
	add("cmd", "unrar", cred, "Rr6Tk3Wn", func(l *slog.Logger) { l.Info("m", "cmd", "unrar x -pRr6Tk3Wn pack.rar") })
	add("cmd", "redis-cli -a", cred, "Rd8Qw2Zx", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("exec redis-cli -h cache -a Rd8Qw2Zx INFO: exit 1"))
	})

	// SQL credentials.
	add("sql", "identified by", cred, "Nh6&yT4rE2", func(l *slog.Logger) { l.Info("m", "stmt", "CREATE USER 'svc'@'10.%' IDENTIFIED BY 'Nh6&yT4rE2';") })
	add("sql", "identified with plugin by", cred, "Qa1!sW2@dE3x", func(l *slog.Logger) {
		l.Info("m", "stmt", "ALTER USER 'app'@'%' IDENTIFIED WITH caching_sha2_password BY 'Qa1!sW2@dE3x'")
	})
	add("sql", "oracle unquoted", cred, "Walnut77x", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("ORA-01920 in: CREATE USER hr IDENTIFIED BY Walnut77x"))
	})

	// Percent-encoded pairs, JSON and DSNs.
	add("encoded", "form body", cred, "Km8nJ6hG4f", func(l *slog.Logger) { l.Info("m", "body", "user%3Dops%26password%3DKm8nJ6hG4f") })
	add("encoded", "json in a query", cred, "Yh5tG7rF3eD1", func(l *slog.Logger) {
		l.Info("GET /cb?data=%7B%22client_secret%22%3A%22Yh5tG7rF3eD1%22%7D")
	})
	add("encoded", "dsn", cred, "Pq4rS8tU2v", func(l *slog.Logger) {
		l.Info("m", "url", "/admin?db=mysql%3A%2F%2Froot%3APq4rS8tU2v%40db%3A3306%2Fapp")
	})
	add("encoded", "twice", cred, "Wd3eF5gH7j", func(l *slog.Logger) { l.Info("m", "next", "/login%3Fsecret%253DWd3eF5gH7j") })

	// Vendor tokens that say what they are, under no telling key.
	for i, tok := range []string{
		"nfp_Hq7Lw2Zx9Rk4Tm6Vb1Nc8Pd3Sf5Gj0Ka_2Ye", "cioR7tK2mW9xQ4vL8nB3zH6jP1sD5fG0aY2",
		"cio_tp_Z8kP3qW7nX2vR5mT9bL4hJ6cF1dS0gA3", "bkua_4c9e2a7f1b8d3e6c0a5f9b2d7e4c1a8f3b6d0e9a",
		"CCIPAT_Kx8Rw3Qm7Tz2Vn5Lp9Hb4Jd_6c1e9b3a7f2d8e4c0b5a9f3e7d1c6b2a8f4e0d9c3b",
		"rnd_Pq4Wx8Zm2Tk7Vn3Lb9Hc5Jd1Rf6Gs0Ya", "napi_" + strings.Repeat("Mx7Qk2Vz9Lw4", 5) + "Tn3R",
		"pat-eu1-8f3c2a1e-7b4d-4e9a-b6c5-0d2f1e3a4b5c",
		"IQoJb3JpZ2luX2VjEPz//////////wEaCWV1LXdlc3QtMSJHMEUCIQDk" + strings.Repeat("Qm9Zx2Lw7K", 8),
		"nfp_Rk4Tm6Vb1Nc8Pd3Sf5Gj0Ka2YeQm9Zx2Lw7K_Hq", "FwoGZXIvYXdzEJr//////////wEaDPk3Qm9Zx2Lw7KtVb1Nc8Pd3Sf5Gj0Ka2Ye",
	} {
		secret := tok[len(tok)-14:]
		add("vendor token", fmt.Sprintf("format %d in prose", i), cred, secret, func(l *slog.Logger) { l.Info("using " + tok + " for the upload") })
		add("vendor token", fmt.Sprintf("format %d in a value", i), cred, secret, func(l *slog.Logger) { l.Info("m", "arg", tok) })
	}

	// Keys that end with "pass" or "pwd" without a separator.
	for i, key := range []string{"DBPASS", "smtppass", "MYSQL_ROOTPASS", "ftpPass", "ADMINPWD", "keypass"} {
		secret := fmt.Sprintf("jp%02d-Hx4Wz7Q", i)
		add("joined pass", key+" attr", cred, secret, func(l *slog.Logger) { l.Info("m", key, secret) })
		text := fmt.Sprintf("jt%02d-Hx4Wz7Q", i)
		add("joined pass", key+" in text", cred, text, func(l *slog.Logger) { l.Info("env " + key + "=" + text + " loaded") })
	}
	add("joined pass", "keytool flags", cred, "Kst0re-9921", func(l *slog.Logger) {
		l.Info("m", "cmd", "keytool -importkeystore -srckeystore in.p12 -srcstorepass Kst0re-9921 -destkeystore out.jks")
	})

	// Tools that take a password in a flag or an argument of their own.
	add("cmd", "ldapsearch -w", cred, "Ld4p-Wq81z", func(l *slog.Logger) {
		l.Info("m", "cmd", `ldapsearch -x -H ldaps://dir:636 -D "uid=svc,ou=apps,dc=corp" -w Ld4p-Wq81z -b ou=people`)
	})
	add("cmd", "ldapmodify -w quoted", cred, "Ld4p Wq82z", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`ldapmodify -D cn=root -w "Ld4p Wq82z" -f x.ldif: exit status 49`))
	})
	add("cmd", "sqlcmd -P", cred, "Sq1-Mz83!", func(l *slog.Logger) { l.Info("exec sqlcmd -S tcp:mssql,1433 -U sa -P Sq1-Mz83! -i seed.sql") })
	add("cmd", "ipmitool -P", cred, "Ipm1-Tq84", func(l *slog.Logger) {
		l.Info("m", "cmd", "ipmitool -I lanplus -H 10.9.0.4 -U ADMIN -P Ipm1-Tq84 chassis status")
	})
	add("cmd", "mosquitto_pub -P", cred, "Mq7-Tz85x", func(l *slog.Logger) {
		l.Info("m", "cmd", "mosquitto_pub -h broker -u sensor -P Mq7-Tz85x -t t/1 -m 1")
	})
	add("cmd", "smbclient user%password", cred, "Smb-Kx86q", func(l *slog.Logger) {
		l.Info("m", "cmd", `smbclient //files/share -U 'CORP\svc%Smb-Kx86q' -c 'ls'`)
	})
	add("cmd", "htpasswd -b", cred, "Htp-Zr87w", func(l *slog.Logger) { l.Info("running htpasswd -bB /etc/nginx/.htpasswd ops Htp-Zr87w") })
	add("cmd", "htpasswd by its path", cred, "Htp-Zr89w", func(l *slog.Logger) { l.Info("m", "cmd", "/usr/bin/htpasswd -b /etc/nginx/.htpasswd ops Htp-Zr89w") })
	add("cmd", "htpasswd -nb", cred, "Htp-Zr88w", func(l *slog.Logger) { l.Info("m", "cmd", "htpasswd -nbB ops 'Htp-Zr88w' > auth") })

	// Secrets in the commands of wire protocols, as traces log them.
	add("protocol", "redis AUTH", cred, "tangerine", func(l *slog.Logger) { l.Info("m", "cmd", "AUTH tangerine") })
	add("protocol", "redis AUTH user", cred, "sunflower", func(l *slog.Logger) { l.Info("redis> AUTH default sunflower") })
	add("protocol", "redis MONITOR", cred, "m0nitorPw", func(l *slog.Logger) {
		l.Info("m", "line", `1733011200.104 [0 10.0.0.7:50122] "auth" "m0nitorPw"`)
	})
	add("protocol", "smtp AUTH PLAIN", cred, "AHNtdHAAU3VuZmxvd2VyOQ==", func(l *slog.Logger) {
		l.Info("m", "trace", "S: 250 AUTH LOGIN PLAIN\nC: AUTH PLAIN AHNtdHAAU3VuZmxvd2VyOQ==\nS: 235 ok")
	})
	add("protocol", "ftp PASS", cred, "marigold", func(l *slog.Logger) { l.Info("m", "ftp", "USER deploy\r\nPASS marigold\r\n") })
	add("protocol", "imap LOGIN", cred, "Lw8-Mq3Zt5", func(l *slog.Logger) { l.Info("m", "imap", "a017 LOGIN ops@example.org Lw8-Mq3Zt5\r\n") })
	add("protocol", "imap login quoted", cred, "wintergreen pond", func(l *slog.Logger) {
		l.Info("m", "trace", "S: * OK IMAP4rev1 ready\nC: x2 login \"svc-mail\" \"wintergreen pond\"\nS: x2 OK done")
	})

	// Passwords as a command's positional argument, and password hashes.
	add("cmd", "net user", cred, "Nu5-Wk8-Zr", func(l *slog.Logger) { l.Info("m", "cmd", "net user svc_backup Nu5-Wk8-Zr /add /domain") })
	add("cmd", "rabbitmqctl add_user", cred, "Rq3-Lm6-Tx", func(l *slog.Logger) { l.Info("m", "cmd", "rabbitmqctl add_user orders 'Rq3-Lm6-Tx'") })
	add("cmd", "rabbitmqctl change_password", cred, "Rq4-Lm7-Tx", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("exit 2: rabbitmqctl change_password orders Rq4-Lm7-Tx"))
	})
	add("cmd", "useradd -p", cred, "$6$Qz9.Lk2$Wm4", func(l *slog.Logger) { l.Info("m", "cmd", "useradd -m -p '$6$Qz9.Lk2$Wm4' -s /bin/bash ci") })
	// Multi-word secrets after their key: passphrases and seed phrases.
	add("phrase", "passphrase of words", cred, "purple monkey dishwasher", func(l *slog.Logger) { l.Info("m", "note", "gpg passphrase: purple monkey dishwasher") })
	add("phrase", "seed phrase", cred, "gravity machine north sort", func(l *slog.Logger) {
		l.Info("wallet imported, mnemonic: ozone drill grab fiber curtain gravity machine north sort system")
	})

	// Passwords written to the standard input of a command that reads them
	// from there.
	add("stdin", "echo into docker login", cred, "Dk5-Rp2Wq8", func(l *slog.Logger) {
		l.Info("m", "cmd", "echo Dk5-Rp2Wq8 | docker login -u deploy --password-stdin ghcr.io")
	})
	add("stdin", "echo -n quoted into helm", cred, "Hm4Tz8Qa1", func(l *slog.Logger) {
		l.Info("$ echo -n 'Hm4Tz8Qa1' | helm registry login registry.internal --username ci --password-stdin")
	})
	add("stdin", "printf into a secret from stdin", cred, "Ks7Vb2Np9", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`exit status 1: printf "%s" "Ks7Vb2Np9" | kubectl create secret generic app --from-file=db-pass=/dev/stdin`))
	})
	add("stdin", "printf into docker secret create", cred, "Sw3Lq9Xe4", func(l *slog.Logger) { l.Info("m", "cmd", "printf Sw3Lq9Xe4 | docker secret create pg_pass -") })
	add("stdin", "echo into chpasswd", cred, "ops:Cp6Yt1Mz3", func(l *slog.Logger) { l.Info("m", "cmd", `echo "ops:Cp6Yt1Mz3" | sudo chpasswd`) })
	add("stdin", "echo into gh auth", cred, "Gh2Rq8Lp5Zw7", func(l *slog.Logger) { l.Info("m", "cmd", "echo Gh2Rq8Lp5Zw7 | gh auth login --with-token") })
	add("stdin", "here-string", cred, "Vt6Kp3Nz8", func(l *slog.Logger) { l.Info("m", "cmd", "vault login - <<< 'Vt6Kp3Nz8'") })

	// Credentials as a URL's query parameters named key or code.
	add("url query", "key parameter", cred, "Rk7Tq2Lm9Wz4Vb8Np3Xc", func(l *slog.Logger) {
		l.Info("m", "url", "https://api.example.net/v2/geocode?address=main+st&key=Rk7Tq2Lm9Wz4Vb8Np3Xc")
	})
	add("url query", "key first", cred, "5e0a9c3f7b2d8e1a4c6f", func(l *slog.Logger) { l.Info("GET /v1/feed?key=5e0a9c3f7b2d8e1a4c6f&page=2 200") })
	add("url query", "oauth code", cred, "4/0Ad9Tq7Lm2Zx8Vb3Np5Rw", func(l *slog.Logger) {
		l.Info("m", "redirect", "https://app.example.com/oauth2/callback?state=af31&code=4/0Ad9Tq7Lm2Zx8Vb3Np5Rw&scope=email")
	})

	// PuTTY key files: the private lines.
	ppk := "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@ci\nPublic-Lines: 2\n" +
		"AAAAC3NzaC1lZDI1NTE5AAAAIHq7Lw2Zx9Rk4Tm6Vb1Nc8Pd3Sf5Gj0Ka2Ye\nRk4Tm6Vb1Nc8\nPrivate-Lines: 1\n" +
		"AAAAIPq4Wx8Zm2Tk7Vn3Lb9Hc5Jd1Rf6Gs0YaMx7Qk2Vz9Lw4\nPrivate-MAC: 5c9e2a7f1b8d3e6c0a5f9b2d7e4c1a8f"
	add("private key", "ppk in a value", cred, "Pq4Wx8Zm2Tk7Vn3Lb9", func(l *slog.Logger) { l.Info("m", "key_file_body", ppk) })
	add("private key", "ppk in an error", cred, "Pq4Wx8Zm2Tk7Vn3Lb9", func(l *slog.Logger) {
		l.Error("m", "err", fmt.Errorf("parse %q: %w", ppk, errors.New("unsupported")))
	})

	// A header whose value is a list of parameters: every one of them.
	add("params", "stripe signature", cred, "9c0b1e5f7a3d", func(l *slog.Logger) {
		l.Info("m", "hdrs", "Stripe-Signature: t=1733011200,v1=4e2a8f6c1d3b9c0b1e5f7a3d,v0=1f3e5d7c\nUser-Agent: Stripe/1.0")
	})
	add("params", "signature in an error", cred, "88e1c4a7d2f0b9", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("webhook: X-Signature: t=1733011201, v1=88e1c4a7d2f0b9 does not match"))
	})

	// Under address and location keys, what is not a program's address.
	add("address", "postal address", gdpr, "742 Evergreen", func(l *slog.Logger) { l.Info("m", "address", "742 Evergreen Terrace") })
	add("address", "coordinates in a location URL", gdpr, "52.5163,13.3777", func(l *slog.Logger) {
		l.Info("m", "location", "https://maps.example.com/?q=52.5163,13.3777")
	})
	add("address", "public address and port", gdpr, "203.0.113.77", func(l *slog.Logger) { l.Info("m", "remote_address", "203.0.113.77:443") })
	add("address", "wallet", gdpr, "71C7656EC7ab88b098defB751B7401B5f6d8976F", func(l *slog.Logger) {
		l.Info("m", "wallet_address", "0x71C7656EC7ab88b098defB751B7401B5f6d8976F")
	})

	// Personal-data terms that stay personal after other words.
	add("machine word", "fingerprint alone", hipaa, "Rk9iZXJ0LXRlbXBsYXRl", func(l *slog.Logger) { l.Info("m", "fingerprint", "Rk9iZXJ0LXRlbXBsYXRl") })
	add("machine word", "device fingerprint", hipaa, "dfp-77a1c9e2", func(l *slog.Logger) { l.Info("m", "device_fingerprint", "dfp-77a1c9e2") })
	add("machine word", "card with digits", pci, "ending 4242 exp 11/28", func(l *slog.Logger) { l.Info("m", "card", "ending 4242 exp 11/28") })

	// PEM private keys and Docker configs encoded once more in base64.
	pemKey := base64.StdEncoding.EncodeToString([]byte("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIKq7Lw2Zx9Rk4Tm6Vb1Nc8Pd3Sf5Gj0Ka2YeQk2Vz9Lw4oAoGCCqGSM49\n-----END EC PRIVATE KEY-----\n"))
	add("base64", "kubeconfig client-key-data", cred, pemKey[40:80], func(l *slog.Logger) {
		l.Info("m", "kubeconfig", "users:\n- name: ci\n  user:\n    client-key-data: "+pemKey+"\n")
	})
	add("base64", "secret data map", cred, pemKey[40:80], func(l *slog.Logger) { l.Info("m", "data", map[string]string{"server.pem": pemKey}) })
	dockerCfg := base64.StdEncoding.EncodeToString([]byte(`{"auths":{"registry.example.com":{"auth":"Y2k6ZGNrcl9Qdzk5"}}}`))
	add("base64", "dockerconfigjson", cred, dockerCfg[20:60], func(l *slog.Logger) { l.Info("m", ".dockerconfigjson", dockerCfg) })

	// A term whose key goes on past a describing word still names a secret.
	add("key", "token for a user's id", cred, "tfu-8812-Qw7", func(l *slog.Logger) { l.Info("m", "session_token_for_user_id", "tfu-8812-Qw7") })
	add("key", "stripe key in prose", cred, "Zk4-Rt8-Wq2x", func(l *slog.Logger) { l.Info("partner stripe key=Zk4-Rt8-Wq2x saved") })

	// A word after a key word that looks like a credential, with a slash.
	add("prose", "slash in a credential", cred, "Kq7vZ2/Wx9mLp4Rt", func(l *slog.Logger) { l.Info("rotating token Kq7vZ2/Wx9mLp4Rt now") })

	// A value after a colon that is a word of a secret's own, not a message.
	add("prose", "a word password then more", cred, "admin", func(l *slog.Logger) { l.Info("m", "note", "password: admin for the lab box") })
	add("ip", "address after a word that is no version", gdpr, "198.51.100.42", func(l *slog.Logger) { l.Info("m", "note", "vers 198.51.100.42 build") })

	// Values on the lines under a YAML key, sequences under it, XML with
	// namespaces or naming elements, TOML's triple quotes.
	add("yaml", "value on the next line", cred, "Yn7-Lw2-Qz", func(l *slog.Logger) {
		l.Info("m", "cfg", "db:\n  host: pg-1\n  password:\n    Yn7-Lw2-Qz\n  port: 5432")
	})
	add("yaml", "sequence under a secret key", cred, "Ys4-Kp9-Wx", func(l *slog.Logger) {
		l.Info("m", "cfg", "webhook:\n  secrets:\n    - Ys3-Kp9-Wx\n    - Ys4-Kp9-Wx\n  url: /hooks")
	})
	add("yaml", "list item key", cred, "Yl5-Tq8-Zr", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("invalid config:\n- api_key:\n    Yl5-Tq8-Zr\n- region: eu"))
	})
	add("xml", "namespaced element", cred, "Xn6-Mv3-Pq", func(l *slog.Logger) {
		l.Info("m", "soap", "<soap:Body><ns2:password>Xn6-Mv3-Pq</ns2:password></soap:Body>")
	})
	add("xml", "entry named by its key", cred, "Xe7-Lb4-Rs", func(l *slog.Logger) {
		l.Info("m", "props", `<properties><entry key="db.password">Xe7-Lb4-Rs</entry></properties>`)
	})
	add("xml", "name and value elements", cred, "Xv8-Hc5-Tu", func(l *slog.Logger) {
		l.Info("m", "params", "<param><name>api_token</name><value>Xv8-Hc5-Tu</value></param>")
	})
	add("toml", "triple quotes", cred, "Tt9-Gd6 Vw", func(l *slog.Logger) { l.Info("m", "cfg", "[smtp]\npassword = \"\"\"Tt9-Gd6 Vw\"\"\"\nport = 587") })

	// The word password in other languages.
	for i, text := range []string{"Passwort: %s", "kennwort=%s", "senha=%s", "mot de passe : %s", "wachtwoord=%s",
		"contrasena: %s", "haslo=%s", "DB_LOSENORD=%s", "sifre: %s"} {
		secret := fmt.Sprintf("Lg%02d-Vb7Qx", i)
		add("language", text, cred, secret, func(l *slog.Logger) { l.Info("m", "cfg", fmt.Sprintf(text, secret)) })
	}
	// And in their own letters, in any case, alone or after a word, as a
	// message, a value or an attr key.
	for i, text := range []string{"Contraseña: %s", "HASŁO=%s", "lösenord: %s", "Şifre=%s", "jelszó: %s",
		"parolă=%s", "Mật khẩu: %s", "Пароль: %s", "ПАРОЛЬ=%s", "Κωδικός πρόσβασης: %s", "סיסמה: %s",
		"كلمة المرور: %s", "पासवर्ड=%s", "รหัสผ่าน: %s", "数据库 密码：%s", "密碼=%s", "口令: %s",
		"パスワード: %s", "비밀번호=%s", "db_пароль=%s", "passord=%s", "kata sandi: %s", "ñpassword=%s"} {
		secret := fmt.Sprintf("Ul%02d-Zq4Wm", i)
		add("language", "letters outside ascii "+text, cred, secret, func(l *slog.Logger) { l.Info(fmt.Sprintf(text, secret)) })
	}
	add("language", "attr key outside ascii", cred, "Ua-Zq5Wm", func(l *slog.Logger) { l.Info("m", "Пароль", "Ua-Zq5Wm") })

	add("prose", "quoted secret before other words", cred, "Qn8-Wz3-Lk", func(l *slog.Logger) { l.Info(`token "Qn8-Wz3-Lk" not accepted`) })

	// More tools' password flags, and values a CI job declares secret.
	add("cmd", "openssl -k", cred, "Os1-Kq7-Zm", func(l *slog.Logger) { l.Info("m", "cmd", "openssl enc -d -aes-256-cbc -k Os1-Kq7-Zm -in db.enc") })
	add("cmd", "doctl -t", cred, "dop-Lk2-Wq8", func(l *slog.Logger) { l.Info("running doctl auth init -t dop-Lk2-Wq8 --context ci") })
	add("cmd", "gh secret set --body", cred, "Gb3-Nv9-Tx", func(l *slog.Logger) {
		l.Info("m", "step", "gh secret set DEPLOY_KEY --body Gb3-Nv9-Tx --repo acme/api")
	})
	add("ci", "add-mask", cred, "Am4-Rc5-Yz", func(l *slog.Logger) { l.Info("m", "line", `echo "::add-mask::Am4-Rc5-Yz"`) })
	add("ci", "add-mask in an error", cred, "Am5-Rc6-Yz", func(l *slog.Logger) { l.Error("m", "err", errors.New("step 3: ::add-mask::Am5-Rc6-Yz\nexit 1")) })

	add("ip", "a host in CIDR notation", gdpr, "198.51.100.77", func(l *slog.Logger) { l.Info("m", "note", "allow 198.51.100.77/32 only") })
	add("pii", "latitude as a number", gdpr, "48.8584", func(l *slog.Logger) { l.Info("m", "note", "lat=48.8584 lng=2.2945") })

	add("pii", "diagnosis code in prose", hipaa, "J45.909", func(l *slog.Logger) { l.Info("m", "note", "primary diagnosis code J45.909 recorded") })
	add("pii", "diagnosis in an error", hipaa, "I10", func(l *slog.Logger) { l.Error("m", "err", errors.New("claim rejected: diagnosis I10 not covered")) })

	add("prose", "a capitalized secret after a colon", cred, "Tangerine", func(l *slog.Logger) { l.Info("m", "note", "password: Tangerine then more") })

	// Personal keys spelled otherwise: birthdays, names of a person other
	// than first and last, national identifiers and dates of birth in other
	// languages; answers to security questions.
	for i, k := range []string{"birthday", "birth_day", "zipcode", "familyName", "middle_name", "MaidenName", "legal_name",
		"Geburtsdatum", "fecha_nacimiento", "fecha_de_nacimiento", "date_naissance", "data-di-nascita", "dataNascimento",
		"geboortedatum", "dni", "NIF", "cpf", "steuer_id", "tax_number", "taxpayerId", "social_insurance_number",
		"nhs_number", "medicare_number", "insurance_number"} {
		v := fmt.Sprintf("Pv%02d-71x", i)
		rules := gdpr
		if strings.Contains(strings.ToLower(k), "care") || strings.Contains(k, "insurance_n") {
			rules = hipaa
		}
		add("personal key", k, rules, v, func(l *slog.Logger) { l.Info("m", k, v) })
		add("personal key", k+" in text", rules, v, func(l *slog.Logger) { l.Info("m", "note", k+"="+v) })
	}
	for i, k := range []string{"callback_number", "cell_no", "mobileNo", "emergency_contact", "next_of_kin", "guardianName", "spouse"} {
		v := fmt.Sprintf("Kin%02d-41x", i)
		add("personal key", k, hipaa, v, func(l *slog.Logger) { l.Info("m", k, v) })
		add("personal key", k+" under gdpr in text", gdpr, v, func(l *slog.Logger) { l.Info("m", "note", k+": "+v) })
	}
	add("personal key", "born in prose", gdpr, "09.11.1961", func(l *slog.Logger) { l.Info("m", "note", "customer born 09.11.1961 in Leipzig") })
	add("personal key", "birthday in an error", hipaa, "1958-07-30", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("profile rejected: birthday 1958-07-30 is not plausible"))
	})
	add("personal key", "dni in a message", gdpr, "48215097K", func(l *slog.Logger) { l.Info("cliente con DNI 48215097K verificado") })
	for i, k := range []string{"security_answer", "secretAnswer", "ROOTPW"} {
		v := fmt.Sprintf("Sa%02d-fluffy", i)
		add("credential key", k, cred, v, func(l *slog.Logger) { l.Info("m", k, v) })
	}
	// Personal values over several words: a date of birth in words, an
	// identifier written in groups, a surname before the given name, a
	// longitude after the latitude, a number after "no.", a salutation.
	add("personal words", "date of birth in words after a colon", hipaa, "April 3, 1979", func(l *slog.Logger) { l.Info("m", "note", "date of birth: April 3, 1979 (verified)") })
	add("personal words", "born on a day", gdpr, "2 June 1990", func(l *slog.Logger) { l.Info("applicant born on 2 June 1990 in Porto") })
	add("personal words", "dob as an abbreviated month", hipaa, "Jun 1990", func(l *slog.Logger) { l.Info("m", "note", "DOB: 3 Jun 1990") })
	add("personal words", "nino in groups", gdpr, "12 34 56 D", func(l *slog.Logger) { l.Info("m", "note", "NINO: AB 12 34 56 D on file") })
	add("personal words", "aadhaar in groups in prose", gdpr, "5432 1098", func(l *slog.Logger) { l.Info("KYC aadhaar 9876 5432 1098 matched") })
	add("personal words", "social insurance number in groups", gdpr, "454 286", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("payroll: social insurance number 046 454 286 rejected"))
	})
	add("personal words", "surname first after patient", hipaa, "Chidi", func(l *slog.Logger) { l.Info("m", "note", "Patient: Okafor, Chidi") })
	add("personal words", "surname first under a name key", hipaa, "Chidi", func(l *slog.Logger) { l.Info("m", "note", "patient_name=Okafor, Chidi ward=3") })
	add("personal words", "longitude after a comma", gdpr, "48.8584, 2.2945", func(l *slog.Logger) { l.Info("m", "note", "coordinates: 48.8584, 2.2945") })
	add("personal words", "latitude and longitude in prose", gdpr, "-0.1246", func(l *slog.Logger) { l.Info("m", "note", "pinged at lat 51.5007, lon -0.1246") })
	add("personal words", "gps pair in prose", gdpr, "48.8584,2.2945", func(l *slog.Logger) { l.Info("gps 48.8584,2.2945 stale") })
	add("personal words", "passport no.", gdpr, "553219874", func(l *slog.Logger) { l.Info("m", "note", "passport no. 553219874 expires soon") })
	add("personal words", "salutation", gdpr, "Halvorsen", func(l *slog.Logger) { l.Info("m", "body", "Dear Ingrid Halvorsen,\nyour order shipped") })
	add("personal words", "salutation with a title", hipaa, "Okafor", func(l *slog.Logger) { l.Info("m", "body", "Dear Mr. Okafor, your results are ready") })
	// Commands that take a password in a form of their own: Oracle logins,
	// Windows' net use, schtasks and ConvertTo-SecureString, ssh-keygen's
	// passphrases, a registry login's -p without a user.
	add("cmd", "sqlplus login", cred, "Or8-Kw2", func(l *slog.Logger) {
		l.Info("m", "cmd", "sqlplus -s app/Or8-Kw2@//db.internal:1521/ORCLPDB1 @deploy.sql")
	})
	add("cmd", "expdp quoted login", cred, "Or9Kw3", func(l *slog.Logger) { l.Info(`running expdp "system/Or9Kw3 as sysdba" schemas=hr`) })
	add("cmd", "rman target and catalog", cred, "Rm2-Kw5", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("exit 1: rman target sys/Rm1-Kw4@prod catalog rcat/Rm2-Kw5@rcatdb"))
	})
	add("cmd", "sqlldr userid", cred, "Ld3-Kw6", func(l *slog.Logger) { l.Info("m", "cmd", "sqlldr userid=loader/Ld3-Kw6 control=orders.ctl") })
	add("cmd", "net use", cred, "Nu4-Kw7", func(l *slog.Logger) {
		l.Info("m", "cmd", `net use Z: \\nas01\backup Nu4-Kw7 /user:CORP\svc_backup /persistent:no`)
	})
	add("cmd", "net use after the user", cred, "Nu5-Kw8", func(l *slog.Logger) { l.Info(`mapped: net use \\nas01\share /user:bob Nu5-Kw8`) })
	add("cmd", "schtasks /rp", cred, "St6-Kw9", func(l *slog.Logger) {
		l.Info("m", "cmd", "schtasks /create /tn backup /ru CORP\\svc /rp St6-Kw9 /sc daily")
	})
	add("cmd", "ConvertTo-SecureString", cred, "Ps7-Kw1", func(l *slog.Logger) {
		l.Info("m", "script", `$cred = New-Object PSCredential("svc", (ConvertTo-SecureString "Ps7-Kw1" -AsPlainText -Force))`)
	})
	add("cmd", "ConvertTo-SecureString -String", cred, "Ps8-Kw2", func(l *slog.Logger) {
		l.Info("m", "script", "convertto-securestring -String 'Ps8-Kw2' -AsPlainText -Force")
	})
	add("cmd", "ssh-keygen -N", cred, "Sk9 Kw3", func(l *slog.Logger) { l.Info("m", "cmd", `ssh-keygen -t ed25519 -N "Sk9 Kw3" -f /tmp/deploy_key`) })
	add("cmd", "registry login -p", cred, "Bl1-Kw4", func(l *slog.Logger) { l.Info("m", "cmd", "buildah login -p Bl1-Kw4 quay.io") })
	add("prose", "a passphrase of words joined by dashes", cred, "correct-horse-battery", func(l *slog.Logger) {
		l.Info("m", "note", "new passphrase correct-horse-battery-staple accepted")
	})
	add("prose", "a secret's value with digits", cred, "db-creds-8f2k1x", func(l *slog.Logger) { l.Info("m", "note", "client secret db-creds-8f2k1x") })
	// IMAP's AUTHENTICATE: the SASL response on the command's line or on a
	// line of its own after the server's "+".
	add("protocol", "imap authenticate plain", cred, "AHN2Y0BleGFtcGxlLm9yZwBJbTQtS3c1", func(l *slog.Logger) {
		l.Info("m", "imap", "a017 AUTHENTICATE PLAIN AHN2Y0BleGFtcGxlLm9yZwBJbTQtS3c1")
	})
	add("protocol", "imap authenticate continuation", cred, "AHN2YwBJbTUtS3c2", func(l *slog.Logger) {
		l.Info("m", "trace", "C: a1 AUTHENTICATE PLAIN\nS: +\nC: AHN2YwBJbTUtS3c2\nS: a1 OK done")
	})
	add("protocol", "imap authenticate xoauth2", cred, "dXNlcj1zdmMBYXV0aD1CZWFyZXIgSW02S3c3AQE=", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("imap: A3 AUTHENTICATE XOAUTH2 dXNlcj1zdmMBYXV0aD1CZWFyZXIgSW02S3c3AQE= rejected"))
	})
	for i, k := range []string{"bindpw", "MASTERPW", "ldap_bindpw", "snmp_community", "communityString", "sms_code",
		"device_code", "magic_link", "loginLink", "invite_url"} {
		v := fmt.Sprintf("Cw%02d-q7Zx", i)
		add("credential key", k, cred, v, func(l *slog.Logger) { l.Info("m", k, v) })
		add("credential key", k+" in text", cred, v, func(l *slog.Logger) { l.Info("m", "line", k+": "+v) })
	}
	for i, text := range []string{"dbpass=%s", "dbpw=%s", "mqpwd=%s", "[ldap]\nbindpw %s", "sqlpw=%s"} {
		v := fmt.Sprintf("Sc%02d-t6Wq", i)
		add("credential key", "short compound "+text, cred, v, func(l *slog.Logger) { l.Info("m", "cfg", fmt.Sprintf(text, v)) })
	}
	// A flag and its value as quoted elements of a list (a program's argv
	// as Python or JSON write it).
	add("argv", "python list", cred, "Av1-Kz8", func(l *slog.Logger) { l.Info("m", "argv", "['mysql', '--password', 'Av1-Kz8', '-h', 'db']") })
	add("argv", "json array in an error", cred, "Av2-Kz8", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`exec ["vault","login","--token","Av2-Kz8"]: exit status 2`))
	})
	// SQL INSERT: the values of the columns the column list names sensitive.
	add("sql", "insert values", cred, "Iv3-Kz8", func(l *slog.Logger) {
		l.Info("m", "query", "INSERT INTO users (id, name, api_key) VALUES (7, 'ops', 'Iv3-Kz8') ON CONFLICT DO NOTHING")
	})
	add("sql", "insert many rows", cred, "Iv5-Kz8", func(l *slog.Logger) {
		l.Info("insert into svc_accounts (`login`, `password`) values ('a', 'Iv4-Kz8'), ('b', 'Iv5-Kz8')")
	})
	add("sql", "insert of personal columns", gdpr, "1985-03-14", func(l *slog.Logger) {
		l.Info("m", "sql", `INSERT INTO patients ("first_name", "dob") VALUES ('Ana', '1985-03-14')`)
	})
	// Calls that take a password in a string literal.
	add("call", "login call", cred, "Cl6-Kz8", func(l *slog.Logger) { l.Info("m", "code", `smtp.login("alerts@example.org", "Cl6-Kz8")`) })
	add("call", "NetworkCredential", cred, "Cl7-Kz8", func(l *slog.Logger) { l.Info("m", "code", `var c = new NetworkCredential("svc", "Cl7-Kz8", "CORP");`) })
	add("call", "smtp.PlainAuth", cred, "Cl8-Kz8", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`auth := smtp.PlainAuth("", "bob", "Cl8-Kz8", "smtp.example.org")`))
	})
	add("call", "set_password", cred, "Cl9-Kz8", func(l *slog.Logger) { l.Info("m", "code", `keyring.set_password("deploy", "bob", "Cl9-Kz8")`) })
	add("call", "setPassword", cred, "Cm1-Kz8", func(l *slog.Logger) { l.Info("m", "code", `user.setPassword("Cm1-Kz8")`) })
	// CI and infrastructure output: a quoted key before a linking word, a
	// table's row, a changed value in a plan.
	add("ci", "quoted key before to", cred, "Ot1-Hv6", func(l *slog.Logger) { l.Info("Setting output 'deploy_token' to 'Ot1-Hv6'") })
	add("table", "markdown row", cred, "Tr2-Hv6", func(l *slog.Logger) {
		l.Info("m", "report", "| Key | Value |\n|---|---|\n| api_key | Tr2-Hv6 |\n| region | eu-west-1 |")
	})
	add("table", "row in an error", cred, "Tr3 Hv6", func(l *slog.Logger) { l.Error("m", "err", errors.New("check failed:\n| password | Tr3 Hv6 |")) })
	add("plan", "changed value", cred, "Pc5-Hv6", func(l *slog.Logger) { l.Info("m", "plan", `  ~ master_password = "Pc4-Hv6" -> "Pc5-Hv6"`) })
	add("token", "telegram bot api path", cred, "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`Post "https://api.telegram.org/bot6012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0/sendMessage": timeout`))
	})
	add("cmd", "oracle jdbc url", cred, "Oj2-Kw5", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("cannot connect to jdbc:oracle:thin:batch/Oj2-Kw5@db.internal:1521/ORCL: ORA-12541"))
	})
	// Settings named by a member of their own, under other names than name and key.
	add("named", "elastic beanstalk option", cred, "Eb1-Kw6", func(l *slog.Logger) {
		l.Info("m", "settings", `[{"Namespace":"aws:elasticbeanstalk:application:environment","OptionName":"DB_PASSWORD","Value":"Eb1-Kw6"}]`)
	})
	add("named", "variable name and value", cred, "Eb2-Kw6", func(l *slog.Logger) { l.Info("m", "var", "variable_name=api_token variable_value=Eb2-Kw6") })
	// The display name before an address in angle brackets (mail headers).
	add("pii", "quoted display name", gdpr, "Ingrid Halvorsen", func(l *slog.Logger) {
		l.Info("m", "from", `"Ingrid Halvorsen" <ingrid.h@example.org>`)
	})
	add("pii", "display name in a mail header", hipaa, "Chidi Okafor", func(l *slog.Logger) {
		l.Info("delivered: To: Chidi Okafor <c.okafor@example.org>, status=sent")
	})
	add("credential key", "kickstart rootpw", cred, "Ks-Rt9x2", func(l *slog.Logger) { l.Info("m", "line", "rootpw --plaintext Ks-Rt9x2") })
	// A Kubernetes Secret's data and stringData hold secrets under any key.
	add("kube secret", "yaml as kubectl prints it", cred, "cG9zdGdyZXM6Ly9h", func(l *slog.Logger) {
		l.Info("m", "manifest", "apiVersion: v1\ndata:\n  db-url: cG9zdGdyZXM6Ly9h\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\n")
	})
	add("kube secret", "json", cred, "a3ViZS1zZWNyZXQ", func(l *slog.Logger) {
		l.Info("m", "manifest", `{"apiVersion":"v1","kind":"Secret","data":{"config.json":"a3ViZS1zZWNyZXQ="},"type":"Opaque"}`)
	})
	add("kube secret", "pretty json in an error", cred, "bW9uZ29kYjovL2I", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("apply failed: {\n  \"data\": {\n    \"uri\": \"bW9uZ29kYjovL2I=\"\n  },\n  \"kind\": \"Secret\"\n}"))
	})
	add("kube secret", "last-applied annotation", cred, "dGxzLWtleS1ieXRlcw", func(l *slog.Logger) {
		l.Info("m", "annotations", `{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"v1\",\"data\":{\"endpoint\":\"dGxzLWtleS1ieXRlcw==\"},\"kind\":\"Secret\"}"}`)
	})
	add("kube secret", "stringData block scalar", cred, "Rk8-pL2v", func(l *slog.Logger) {
		l.Info("kubectl apply -f -:\nkind: Secret\nstringData:\n  app.yaml: |\n    db:\n      dsn_ref: Rk8-pL2v\n  region: eu-west-1\n")
	})
	add("kube secret", "second document of a stream", cred, "Qm9iLWtleQ", func(l *slog.Logger) {
		l.Info("m", "manifests", "kind: ConfigMap\ndata:\n  level: debug\n---\nkind: 'Secret'\ndata:\n  value: 'Qm9iLWtleQ=='\n")
	})
	add("kube secret", "as a map", cred, "c2VjcmV0LW1hcA", func(l *slog.Logger) {
		l.Info("m", "obj", map[string]any{"apiVersion": "v1", "kind": "Secret", "data": map[string]any{"db-url": "c2VjcmV0LW1hcA=="}})
	})
	// Java properties separate a dotted key from its value with spaces.
	add("properties", "spaces after a dotted key", cred, "Pr0p-Sp4ce", func(l *slog.Logger) {
		l.Info("m", "file", "mail.smtp.host smtp.example.org\nmail.smtp.password   Pr0p-Sp4ce\n")
	})
	add("properties", "a plain word as the value", cred, "marigoldsky", func(l *slog.Logger) {
		l.Info("loaded:\njavax.net.ssl.keyStorePassword marigoldsky\njavax.net.ssl.keyStoreType PKCS12")
	})
	add("properties", "tab after the key", cred, "Tb9-kQ2w", func(l *slog.Logger) { l.Info("m", "line", "spring.datasource.password\tTb9-kQ2w") })
	// HCL blocks labelled with a key: their default or value.
	add("hcl", "variable default", cred, "Hc1-Vr8z", func(l *slog.Logger) {
		l.Info("m", "tf", "variable \"db_password\" {\n  type      = string\n  sensitive = true\n  default   = \"Hc1-Vr8z\"\n}\n")
	})
	add("hcl", "output value on one line", cred, "Hc2-Vr8z", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`parse main.tf: output "api_token" { value = "Hc2-Vr8z" }`))
	})
	add("hcl", "map default", cred, "Hc3-Vr8z", func(l *slog.Logger) {
		l.Info("m", "tf", "variable \"api_keys\" {\n  default = {\n    orders = \"Hc3-Vr8z\"\n  }\n}")
	})
	// Card numbers in other separators, and the data that travels with them.
	card16 := withLuhn("453201511283036")
	add("card", "magnetic stripe track 1", pci, "QUINTERO/MARIA", func(l *slog.Logger) {
		l.Info("swipe", "raw", "%B"+card16+"^QUINTERO/MARIA^2912101000000000000000?")
	})
	add("card", "track 1 number", pci, card16, func(l *slog.Logger) { l.Info("swipe %B" + card16 + "^QUINTERO/MARIA^29121010000?") })
	add("card", "track 2 discretionary data", pci, "2912101987654", func(l *slog.Logger) {
		l.Info("m", "raw", ";"+card16+"=2912101987654?")
	})
	add("card", "a dump's verification code", pci, "|817", func(l *slog.Logger) { l.Info("m", "line", card16+"|11|2031|817") })
	add("card", "dots between groups", pci, card16[8:12]+"."+card16[12:], func(l *slog.Logger) {
		l.Info("m", "note", "paid with "+card16[:4]+"."+card16[4:8]+"."+card16[8:12]+"."+card16[12:])
	})
	add("card", "slashes between groups", pci, card16[8:12]+"/"+card16[12:], func(l *slog.Logger) {
		l.Info("m", "note", card16[:4]+"/"+card16[4:8]+"/"+card16[8:12]+"/"+card16[12:])
	})
	// Secrets of two groups: four digits alone may sit in a timestamp's nanoseconds.
	add("card", "no-break spaces between groups", pci, card16[8:12]+"\u00a0"+card16[12:], func(l *slog.Logger) {
		l.Info("m", "note", card16[:4]+"\u00a0"+card16[4:8]+"\u00a0"+card16[8:12]+"\u00a0"+card16[12:])
	})
	add("card", "after a key that names no number", pci, card16, func(l *slog.Logger) { l.Info("m", "form", "cardNumber="+card16+"&durationNs=12") })
	// Terms written as possessives, with a number's abbreviations, or as phrases around a shorter term.
	add("term forms", "possessive license", hipaa, "M123-456-789", func(l *slog.Logger) { l.Info("checked driver's license M123-456-789") })
	add("term forms", "possessive name", hipaa, "Okonkwo", func(l *slog.Logger) { l.Info("m", "note", "patient's name: Adaeze Okonkwo") })
	add("term forms", "possessive maiden name", hipaa, "Quintana", func(l *slog.Logger) { l.Info("m", "q", "mother's maiden name: Quintana") })
	add("term forms", "account no.", gdpr, "80231457", func(l *slog.Logger) { l.Info("refund to account no. 80231457 queued") })
	add("term forms", "policy num", hipaa, "PN-88123", func(l *slog.Logger) { l.Info("m", "policy_num", "PN-88123") })
	add("term forms", "NHS No", hipaa, "943 476 5919", func(l *slog.Logger) { l.Info("m", "note", "NHS No: 943 476 5919") })
	add("term forms", "NI number", gdpr, "QQ123456C", func(l *slog.Logger) { l.Info("m", "note", "NI number: QQ123456C") })
	add("term forms", "name on card in text", pci, "Quintero", func(l *slog.Logger) { l.Info("m", "form", "name on card: Maria Quintero") })
	add("term forms", "name on card as a key", pci, "Quintero", func(l *slog.Logger) { l.Info("m", "nameOnCard", "Maria Quintero") })
	add("pii", "taxpayer number", gdpr, "912-70-1234", func(l *slog.Logger) { l.Info("m", "note", "ITIN 912-70-1234 on file") })
	add("pii", "british postcode", gdpr, "1AA", func(l *slog.Logger) { l.Info("ship to postcode SW1A 1AA, UK") })
	add("pii", "canadian postal code", gdpr, "0B1", func(l *slog.Logger) { l.Info("m", "addr", "postal_code=K1A 0B1 country=CA") })
	add("pii", "dutch postcode", gdpr, "1012 AB", func(l *slog.Logger) { l.Info("m", "addr", "postcode: 1012 AB Amsterdam") })
	// String literals with a prefix, network devices' configurations, and a secret set by a command's --value.
	add("literal", "T-SQL N-string", cred, "Ts9-qL2x", func(l *slog.Logger) { l.Info("m", "sql", "CREATE LOGIN etl WITH PASSWORD = N'Ts9-qL2x'") })
	add("literal", "PostgreSQL E-string", cred, "Pe4-kW9z", func(l *slog.Logger) { l.Info("m", "sql", "ALTER ROLE app PASSWORD E'Pe4-kW9z'") })
	add("literal", "python bytes", cred, "Pb7-xQ2z", func(l *slog.Logger) { l.Info("m", "repr", "{'user': b'app', 'password': b'Pb7-xQ2z'}") })
	add("device", "enable secret with its type", cred, "hx5rVt7rPNoS4wqb", func(l *slog.Logger) {
		l.Info("m", "running-config", "hostname r1\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n")
	})
	add("device", "user password type 0", cred, "Dv3-Pw8q", func(l *slog.Logger) { l.Info("m", "line", "username admin privilege 15 password 0 Dv3-Pw8q") })
	add("device", "radius key type 7", cred, "0822455D0A16", func(l *slog.Logger) { l.Info("m", "line", "radius-server key 7 0822455D0A16") })
	add("device", "snmp-server community", cred, "Pr1v-C0mm", func(l *slog.Logger) { l.Info("m", "line", "snmp-server community Pr1v-C0mm RW") })
	add("device", "key chain key-string", cred, "Ks7-Ch4n", func(l *slog.Logger) { l.Info("m", "cfg", "key chain ospf\n key 1\n  key-string Ks7-Ch4n\n") })
	add("device", "redis masterauth", cred, "Ma5-Rd9s", func(l *slog.Logger) { l.Info("m", "conf", "replicaof 10.0.0.5 6379\nmasterauth Ma5-Rd9s\n") })
	add("cli", "a secret set with --value", cred, "Kv6-Az2q", func(l *slog.Logger) {
		l.Info("m", "cmd", "az keyvault secret set --vault-name kv-prod --name db --value Kv6-Az2q")
	})
	// What the references, digests and logins kept above do not cover.
	add("kept forms", "a secret's value in a list", cred, "Lv8-Qz3w", func(l *slog.Logger) {
		l.Info("m", "cfg", "secrets:\n  - name: DB_PASSWORD\n    value: Lv8-Qz3w\n")
	})
	add("kept forms", "an ssh url with a password", cred, "Sp4-Wd9x", func(l *slog.Logger) { l.Info("m", "remote", "ssh://deploy:Sp4-Wd9x@host/repo") })
	add("kept forms", "a token as an https user", cred, "tkn0Q8zLm2Xv", func(l *slog.Logger) { l.Info("m", "remote", "https://tkn0Q8zLm2Xv@git.example.org/o/r") })
	add("kept forms", "a dsn before a digest-named host", cred, "Dg5-Pw2k", func(l *slog.Logger) { l.Info("m", "dsn", "app:Dg5-Pw2k@db:5432/x") })
	add("kept forms", "a password for a user", cred, "Fw3-kQ8z", func(l *slog.Logger) { l.Info("Password for user bob: Fw3-kQ8z") })
	add("kept forms", "a long hex key", cred, "9f86d081884c7d659a2feaa0c55ad015", func(l *slog.Logger) {
		l.Info("m", "cfg", "signing key: 0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
	})
	add("kept forms", "a word before a colon that is no error", cred, "Cq7-Zm2p", func(l *slog.Logger) { l.Info("m", "line", "secret: Cq7-Zm2p: stored") })
	add("cmd", "redis acl setuser", cred, "Ra5-Cl9w", func(l *slog.Logger) { l.Info("m", "cmd", "ACL SETUSER worker on >Ra5-Cl9w ~jobs:* +@all") })
	add("cmd", "redis acl setuser in monitor", cred, "Ra6-Cl9w", func(l *slog.Logger) {
		l.Info(`1733108645.1 [0 10.0.0.1:6379] "ACL" "SETUSER" "worker" "on" ">Ra6-Cl9w" "~*"`)
	})
	add("cmd", "vault login token", cred, "Vt3-Lg8q", func(l *slog.Logger) { l.Info("m", "cmd", "vault login Vt3-Lg8q") })
	add("cmd", "twine -p", cred, "Tw4-Pp2z", func(l *slog.Logger) { l.Info("m", "cmd", "twine upload -u __token__ -p Tw4-Pp2z dist/*") })
	add("cmd", "certutil -p", cred, "Cu5-Pf7x", func(l *slog.Logger) { l.Info("m", "cmd", "certutil -f -p Cu5-Pf7x -importpfx site.pfx") })
	add("cmd", "wpa_passphrase", cred, "Wp4-Ss9k", func(l *slog.Logger) { l.Info("m", "cmd", "wpa_passphrase office Wp4-Ss9k") })
	// A word and a colon after a password's colon is the password unless it names a package.
	add("kept forms", "a lower-case password before a colon", cred, "letmein", func(l *slog.Logger) {
		l.Warn("m", "err", errors.New("password: letmein: rejected by policy"))
	})
	// A password in capitals that holds a term is no usage line's metavar.
	add("kept forms", "a password of capitals that ends with a term", cred, "ADMINPASS", func(l *slog.Logger) { l.Info("m", "cmd", "mysql --password ADMINPASS") })
	add("kept forms", "a password of capitals around a term", cred, "MYSECRETKEY", func(l *slog.Logger) { l.Info("m", "cfg", "secret=MYSECRETKEY") })
	// A password with a dot and a key file's extension is no file name.
	add("kept forms", "a password shaped like a key file", cred, "Wq7kTz2x.pem", func(l *slog.Logger) { l.Info("m", "cfg", "password=Wq7kTz2x.pem") })
	// A password that starts like a bind parameter is no parameter.
	add("kept forms", "a password after an at sign", cred, "@Vq7kTz2w", func(l *slog.Logger) { l.Info("m", "sql", "password=@Vq7kTz2w") })
	add("kept forms", "a password after a colon", cred, ":Hn4xPd9q", func(l *slog.Logger) { l.Info("m", "cfg", "password: :Hn4xPd9q") })
	add("kept forms", "a word and digits after an at sign", cred, "@dmin4821", func(l *slog.Logger) { l.Info("db password=@dmin4821 user=sa") })
	// Secrets in base64 that hold slashes are no file paths.
	add("kept forms", "a base64 secret that starts with a slash", cred, "/Xk9vLqTz2/Rm4NbPwQ7/cJdE8sHyUfA3gKiMoV", func(l *slog.Logger) {
		l.Info("export AWS_SECRET_ACCESS_KEY=/Xk9vLqTz2/Rm4NbPwQ7/cJdE8sHyUfA3gKiMoV")
	})
	add("kept forms", "a password of slashes and names", cred, "/Pq7w/Zx3Kd", func(l *slog.Logger) {
		l.Info("m", "err", errors.New("login failed: password=/Pq7w/Zx3Kd"))
	})
	// System properties on a command line: -D (Java, Maven), -P (Gradle).
	add("cmd", "java -D property", cred, "Jd4-Pw8r", func(l *slog.Logger) { l.Info("m", "cmd", "java -Dpassword=Jd4-Pw8r -jar app.jar") })
	add("cmd", "maven -D property", cred, "Mv6-Tk2q", func(l *slog.Logger) { l.Info("mvn deploy -Dtoken=Mv6-Tk2q -DskipTests") })
	add("cmd", "gradle -P property", cred, "Gp3-Sc9w", func(l *slog.Logger) { l.Info("m", "argv", "gradle publish -Psecret=Gp3-Sc9w") })
	add("cmd", "a secret from a here-string", cred, "Gc7-Dh2q", func(l *slog.Logger) {
		l.Info("m", "cmd", "gcloud secrets create db --data-file=- <<< Gc7-Dh2q")
	})
	// Plain values with spaces run to the end of their line in configuration files.
	add("config", "yaml plain scalar with spaces", cred, "w0rd and m0re", func(l *slog.Logger) {
		l.Info("m", "config", "db:\n  user: app\n  password: p@ss w0rd and m0re\n  host: db.internal\n")
	})
	add("config", "ini value with spaces", cred, "s3cret phrase", func(l *slog.Logger) {
		l.Info("m", "ini", "[smtp]\nuser = mailer\npassword = my s3cret phrase\nport = 587")
	})
	// What a value that says there is none does not cover.
	add("no value", "a private client address", gdpr, "10.1.2.3", func(l *slog.Logger) { l.Info("m", "client_ip", "10.1.2.3") })
	add("no value", "a public node address", gdpr, "52.14.7.9", func(l *slog.Logger) { l.Info("placed: node_ip=52.14.7.9") })
	add("no value", "a person's mailbox", gdpr, "noreply.jane", func(l *slog.Logger) { l.Info("m", "to", "noreply.jane@example.org") })
	add("no value", "an environment variable", cred, "$DB_PASS", func(l *slog.Logger) { l.Info("m", "env", "password=$DB_PASS") })

	// Short compound keys (a prefix and pass, pwd or pw, fewer than seven
	// letters) with any operator, not only a '=' right after them.
	add("short compound", "spaces around =", cred, "Jt5qWm8Lx", func(l *slog.Logger) { l.Info("m", "line", "dbpwd = Jt5qWm8Lx") })
	add("short compound", "colon", cred, "Rw2nHc7Vz", func(l *slog.Logger) { l.Info("db: mypass: Rw2nHc7Vz rejected") })
	add("short compound", "in an error", cred, "Kp9sDf3Tg", func(l *slog.Logger) {
		l.Info("m", "err", errors.New("login failed for dbpass \"Kp9sDf3Tg\""))
	})
	add("short compound", "yaml", cred, "Ym4bNq8Wr", func(l *slog.Logger) { l.Info("m", "config", "host: db1\nsqlpw: Ym4bNq8Wr\n") })

	// A key written as an acronym, then a lower-case term (DBpassword):
	// the acronym's last capital is not the term's first letter.
	add("acronym key", "attr key", cred, "Vb6xPt2Qs", func(l *slog.Logger) { l.Info("m", "DBpassword", "Vb6xPt2Qs") })
	add("acronym key", "in text", cred, "Gh3mZr9Kc", func(l *slog.Logger) { l.Info("m", "line", "SMTPpass=Gh3mZr9Kc host=mail") })
	add("acronym key", "colon in a message", cred, "Lq8wTy4Xn", func(l *slog.Logger) { l.Info("loaded JWTsecret: Lq8wTy4Xn") })
	add("acronym key", "after a mixed-case word", cred, "Dz5kRm7Pw", func(l *slog.Logger) {
		l.Info("m", "env", map[string]string{"MySQLpassword": "Dz5kRm7Pw"})
	})
	add("acronym key", "json", cred, "Nf2vHs6Jq", func(l *slog.Logger) { l.Info("m", "body", `{"APItoken":"Nf2vHs6Jq","user":"ann"}`) })

	// A secret after its key word in prose, closed by a table's bar or a
	// tag rather than a space.
	add("prose value end", "markdown table", cred, "Tm4kWx9Rq2", func(l *slog.Logger) {
		l.Info("m", "doc", "| name | value |\n|---|---|\n| api_key Tm4kWx9Rq2| set |")
	})
	add("prose value end", "html", cred, "Hp7vNc3Ls8", func(l *slog.Logger) { l.Info("m", "body", "<td>password Hp7vNc3Ls8</td>") })
	add("prose value end", "tab then tag", cred, "Zw2qBt6Jn5", func(l *slog.Logger) { l.Info("m", "row", "<li>client_secret\tZw2qBt6Jn5</li>") })
	add("prose value end", "bar inside the secret", cred, "w9rd!Kq", func(l *slog.Logger) { l.Info("login with password Vx3@ss|w9rd!Kq failed") })
	add("prose value symbols", "parentheses inside", cred, "Rk7(v)wQ2", func(l *slog.Logger) { l.Info("m", "note", "new api key Rk7(v)wQ2 issued") })
	add("prose value symbols", "letters outside ASCII", cred, "pässwörd19", func(l *slog.Logger) { l.Info("m", "note", "passphrase pässwörd19 accepted") })
	add("prose value symbols", "braces inside", cred, "Tq4{z}Lm8", func(l *slog.Logger) { l.Info("m", "note", "secret Tq4{z}Lm8 rotated") })

	// A YAML sequence written at its key's own column, as YAML allows.
	add("yaml sequence", "at the key's column", cred, "Fs8nWq3Zt6", func(l *slog.Logger) {
		l.Info("m", "config", "passwords:\n- Fs8nWq3Zt6\n- Hm2vRk7Lp4\nuser: ops\n")
	})
	add("yaml sequence", "nested mapping", cred, "Jc5xTb9Mw2", func(l *slog.Logger) {
		l.Info("m", "config", "db:\n  password:\n  - Jc5xTb9Mw2\n  user: ops\n")
	})

	// The plural of a one-word term that names secrets.
	add("plural key", "attr", cred, "Cq3wNv8Hx5", func(l *slog.Logger) { l.Info("m", "apikeys", "Cq3wNv8Hx5") })
	add("plural key", "text", cred, "Bt6mXz2Rk9", func(l *slog.Logger) { l.Info("m", "line", "pwds=Bt6mXz2Rk9,Hs4qLw7Nc1") })
	add("plural key", "yaml list", cred, "Pn9cVk4Tw7", func(l *slog.Logger) { l.Info("m", "config", "cookies:\n  - Pn9cVk4Tw7\n") })
	// Quoted or encoded text: a word right after an escape (\n, \t, %20,
	// \u0022) starts there, though the escape ends with a letter or digit.
	add("escape", "key after an escaped line break", cred, "Vk4-zq81Lm", func(l *slog.Logger) {
		l.Error("m", "err", fmt.Errorf("hook failed: output %q", "migrating\npassword=Vk4-zq81Lm\ndone"))
	})
	add("escape", "key after an escaped tab", cred, "Tb7wQ2xNe9", func(l *slog.Logger) { l.Info("m", "row", `svc\tpwd=Tb7wQ2xNe9\tactive`) })
	add("escape", "token after an escaped line break", cred, "Jr5Kq8Wn2Xv6Lp3Mz9Tb1Yc7Hd4Fg0Se2A", func(l *slog.Logger) {
		l.Info("m", "stderr", `"remote: Invalid username or token.\nghp_Jr5Kq8Wn2Xv6Lp3Mz9Tb1Yc7Hd4Fg0Se2Aq7"`)
	})
	add("escape", "token after a percent-encoded space", cred, "9182736450918-Qm7Wx2Zr5Tn8Lk3Vb6Yd", func(l *slog.Logger) {
		l.Info("m", "url", "/proxy?h=Authorization&v=Bearer%20xoxb-2837465019283-9182736450918-Qm7Wx2Zr5Tn8Lk3Vb6Yd")
	})
	add("escape", "aws key id after a unicode escape", cred, "AKIA2MQ7XK4VN8LZRT5W", func(l *slog.Logger) {
		l.Info("m", "body", `{\u0022id\u0022:\u0022AKIA2MQ7XK4VN8LZRT5W\u0022}`)
	})
	add("escape", "jwt after an escaped line break", cred, "eyJzdWIiOiJzdmMtOTEiLCJleHAiOjE5MDAwMDAwMDB9", func(l *slog.Logger) {
		l.Info("m", "out", `token issued:\neyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzdmMtOTEiLCJleHAiOjE5MDAwMDAwMDB9.c2lnbmF0dXJlLTkx`)
	})
	tsvCard := withLuhn("601100099013942")
	add("escape", "card number in a quoted tsv row", pci, tsvCard[4:12], func(l *slog.Logger) {
		l.Info("m", "csv", `"id\tholder\tamount\n17\tR. Okafor\t`+tsvCard+`\n"`)
	})
	add("escape", "ssn after an escaped line break", hipaa, "512-44-7810", func(l *slog.Logger) {
		l.Info("m", "note", `"member:\n512-44-7810\n"`)
	})
	add("escape", "iban after an escaped tab", gdpr, "NL91ABNA0417164300", func(l *slog.Logger) {
		l.Info("m", "row", `refund\tNL91ABNA0417164300\tqueued`)
	})
	add("escape", "phone after an escaped line break", gdpr, "415-555-0199", func(l *slog.Logger) {
		l.Info("m", "vcard", `"BEGIN:VCARD\nFN:Kim\n415-555-0199\nEND:VCARD"`)
	})
	add("escape", "ip after an escaped line break", gdpr, "198.51.100.74", func(l *slog.Logger) {
		l.Info("m", "dump", `"peers:\n198.51.100.74\n"`)
	})
	// Short compound keys (fewer than seven bytes) before a colon.
	add("short key", "yaml", cred, "Mq4-Zt8Lw2", func(l *slog.Logger) { l.Info("m", "compose", "environment:\n  dbpass: Mq4-Zt8Lw2\n  dbhost: db") })
	add("short key", "in an error", cred, "Vn7Rk2Xq9P", func(l *slog.Logger) { l.Error("m", "err", errors.New("broker rejected mqpwd: Vn7Rk2Xq9P")) })
	add("short key", "pw after two letters", cred, "Hy6Lp3Tz0W", func(l *slog.Logger) { l.Info("vnc setup vncpw:Hy6Lp3Tz0W done") })
	// The literals of a command that creates a Secret, whatever their keys.
	add("kube", "create secret from literals", cred, "Lt7-Wq2Zm9", func(l *slog.Logger) {
		l.Info("m", "cmd", "kubectl -n billing create secret generic stripe --from-literal=endpoint=https://api.stripe.test --from-literal=conn=Lt7-Wq2Zm9 --dry-run=client")
	})
	add("kube", "create secret, quoted literal", cred, "Lt8 Xr3 Zn0", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`exit status 1: oc create secret generic app --from-literal "settings.ini=Lt8 Xr3 Zn0"`))
	})
	// A JWE in compact form: its ciphertext and tag too.
	add("token", "jwe", cred, "Q2lwaGVydGV4dC1vZi10aGUtc2Vzc2lvbi00NDE5", func(l *slog.Logger) {
		l.Info("m", "cookie_value_len", 190, "note", "session eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..cmFuZG9taXY0NDE5.Q2lwaGVydGV4dC1vZi10aGUtc2Vzc2lvbi00NDE5.dGFnLTQ0MTk restored")
	})
	// Facebook access tokens with any app letter after "EAA".
	add("token", "facebook EAAB token in a url", cred, "cfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0Rl", func(l *slog.Logger) {
		l.Info("m", "url", "https://graph.facebook.com/v19.0/me/accounts?fields=id&access_tok="+"EAABu8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy")
	})
	add("token", "facebook EAAG token in an error", cred, "zJr4i0B3JrTAwR4y9ojfljoQoaF1LlqsajAIxNKu", func(l *slog.Logger) {
		l.Error("m", "err", errors.New("graph api: (#190) session expired for EAAG4Qwb8DwkNhFdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVdD53X83RZJzzzzgEOzdmenCkhvMdgaKjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjgVvVqE1SkHbn8"))
	})
	// Secret ids that are credentials (Vault AppRole, Consul ACL) and OAuth 1 verifiers.
	add("credential key", "vault approle secret_id", cred, "9d3e7a51-2b64-4c8f-a1e0-57c2b9f40d6e", func(l *slog.Logger) {
		l.Info("m", "cmd", "vault write auth/approle/login role_id=7f0c2d1e secret_id=9d3e7a51-2b64-4c8f-a1e0-57c2b9f40d6e")
	})
	add("credential key", "consul SecretID attr", cred, "e4b8c2a9-61d7-4f30-9c5e-0a2f7d18b3c6", func(l *slog.Logger) {
		l.Info("m", "AccessorID", "1b2c3d4e", "SecretID", "e4b8c2a9-61d7-4f30-9c5e-0a2f7d18b3c6")
	})
	add("credential key", "oauth verifier in a callback", cred, "Vq8Zt3Lm5Wx", func(l *slog.Logger) {
		l.Info("GET /oauth/callback?oauth_token=hh5s93j4hdidpola&oauth_verifier=Vq8Zt3Lm5Wx")
	})
	// Telephone numbers: a German mobile in two groups, the word in other languages.
	add("pii", "german mobile in two groups", gdpr, "0171 98765432", func(l *slog.Logger) { l.Info("Rückruf an 0171 98765432 erbeten") })
	add("pii", "telephone in spanish", gdpr, "612 34 56 78", func(l *slog.Logger) { l.Info("m", "nota", "teléfono: 612 34 56 78") })
	add("pii", "telefon attr", gdpr, "664 1234567", func(l *slog.Logger) { l.Info("m", "kunde", map[string]string{"Telefon": "664 1234567"}) })
	// The literal an environment lookup falls back to.
	add("fallback", "js or", cred, "Fb3-Lq8Zw1", func(l *slog.Logger) {
		l.Info("m", "src", `const apiToken = process.env.API_TOKEN || "Fb3-Lq8Zw1";`)
	})
	add("fallback", "python or", cred, "Fb4-Mr9Xk2", func(l *slog.Logger) { l.Info("m", "src", `secret = os.getenv('APP_SECRET') or 'Fb4-Mr9Xk2'`) })
	add("fallback", "nullish without assignment", cred, "Fb5-Ns1Yj3", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`config.ts:12: process.env.JWT_SECRET ?? 'Fb5-Ns1Yj3' is deprecated`))
	})
	add("fallback", "ruby fetch block", cred, "Fb6-Pt2Zh4", func(l *slog.Logger) { l.Info("m", "src", `ENV.fetch("STRIPE_SECRET_KEY") { "Fb6-Pt2Zh4" }`) })
	// An AWS secret access key next to its key id, whatever names them.
	add("aws pair", "credentials struct printed with %v", cred, "Hq3Lm8Zx2Vb7Kp4Wc9Rt1Yh6Jd0Fg5Se3AqN8xYw", func(l *slog.Logger) {
		creds := struct{ AccessKeyID, SecretAccessKey, SessionToken, Source string }{
			"AKIA4XQ7ZL2MN8VK3RT6", "Hq3Lm8Zx2Vb7Kp4Wc9Rt1Yh6Jd0Fg5Se3AqN8xYw", "", "StaticCredentials"}
		l.Info("m", "provider", fmt.Sprintf("%v", creds))
	})
	add("aws pair", "a console credentials csv", cred, "Pn4Zr7Qx1Wv8Lk2Mj5Tb9Yc3Hd6Fg0Se8AqB2xLo", func(l *slog.Logger) {
		l.Info("m", "file", "User name,Password,Access key ID,Secret access key,Console login link\nci-bot,,AKIA7TQ2ZX9LM4VK8RN3,Pn4Zr7Qx1Wv8Lk2Mj5Tb9Yc3Hd6Fg0Se8AqB2xLo,https://console.example.com")
	})
	add("aws pair", "static credentials call", cred, "Gw2Tk9Lp5Zx8Vb1Nm4Qr7Yh3Jd6Fs0Ae2ScM9xPu", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`panic at credentials.NewStaticCredentialsProvider("AKIA3NX8QZ5LW2VK7RT4", "Gw2Tk9Lp5Zx8Vb1Nm4Qr7Yh3Jd6Fs0Ae2ScM9xPu", "")`))
	})
	add("aws pair", "aws configure prompts", cred, "Rb7Yc2Nk8Xm3Lq9Zw4Tp1Vh6Jd0Fg5Se8AqK2xDe", func(l *slog.Logger) {
		l.Info("m", "transcript", "AWS Access Key ID [****************RT4Z]: AKIA5PL9XQ2ZM7VK4RT8\nAWS Secret Access Key [None]: Rb7Yc2Nk8Xm3Lq9Zw4Tp1Vh6Jd0Fg5Se8AqK2xDe\nDefault region name [None]: eu-west-1")
	})
	// Quotes and operators written as escapes or character references.
	add("escaped quotes", "json with unicode-escaped quotes", cred, "Qx7-mW2pLz", func(l *slog.Logger) {
		l.Info("m", "body", `{\u0022userName\u0022:\u0022bob\u0022,\u0022password\u0022:\u0022Qx7-mW2pLz\u0022}`)
	})
	add("escaped quotes", "html-escaped json", cred, "Hn3rT8vXq1", func(l *slog.Logger) {
		l.Error("m", "err", errors.New(`bad response: <pre>{&quot;client_secret&quot;: &quot;Hn3rT8vXq1&quot;}</pre>`))
	})
	add("escaped quotes", "numeric character references", cred, "Ak9Lm2Zx7Q", func(l *slog.Logger) {
		l.Info("m", "html", `<div data-config="{&#34;api_key&#34;:&#34;Ak9Lm2Zx7Q&#34;}">`)
	})
	add("escaped quotes", "json quoted twice", cred, "Rf2Wq8Lm5Z", func(l *slog.Logger) {
		l.Info("m", "event", `{"payload":"{\"inner\":\"{\\\"refresh_token\\\":\\\"Rf2Wq8Lm5Z\\\"}\"}"}`)
	})
	add("escaped quotes", "escaped equals sign", cred, "Zp5Nc8Vr3T", func(l *slog.Logger) { l.Info("m", "js", `var q = "secret\u003dZp5Nc8Vr3T";`) })
	add("escaped quotes", "escaped ampersand before a key", cred, "Gt4Hq9Zm2W", func(l *slog.Logger) {
		l.Info("m", "json", `{"redirect":"https://app.example.com/cb?state=1\u0026access_token=Gt4Hq9Zm2W"}`)
	})

	// A card number after a key's own number: the two groups read together
	// can be a longer Luhn-valid number, which the key claimed for itself.
	add("card after a number", "id then card", pci, "6362 1486", func(l *slog.Logger) { l.Info("m", "line", "id=42 4539 5787 6362 1486") })
	add("card after a number", "seq then card", pci, "5555554444", func(l *slog.Logger) { l.Info("charge seq=42 5555555555554444 ok") })

	// A phone number right after a key's ':' or '=' (not a count's).
	add("phone after an operator", "E.164 after a colon", gdpr, "4155552671", func(l *slog.Logger) { l.Info("m", "line", "ref:+14155552671,") })
	add("phone after an operator", "national after =", gdpr, "555-2671", func(l *slog.Logger) { l.Info("m", "line", "contact=(415) 555-2671") })
	add("header", "jenkins crumb", cred, "c8f3a91b2d7e4f60", func(l *slog.Logger) {
		l.Info("m", "headers", http.Header{"Jenkins-Crumb": {"c8f3a91b2d7e4f60"}})
	})
	add("dump", "php var_dump", cred, "Gv4pKz8mWq", func(l *slog.Logger) {
		l.Info("m", "dump", "array(2) {\n  [\"user\"]=>\n  string(3) \"app\"\n  [\"password\"]=>\n  string(10) \"Gv4pKz8mWq\"\n}")
	})
	return cases
}

// overMaskCases are ordinary values that a redactor has taken for secrets:
// each must be written unchanged through every deployment.
func overMaskCases() []struct {
	name  string
	rules []redact.Rule
	value string
	log   func(*slog.Logger)
} {
	all := []redact.Rule{redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR, redact.CCPA, redact.ContactInfo}
	pci := []redact.Rule{redact.Credentials, redact.PCIDSS}
	gdpr := []redact.Rule{redact.Credentials, redact.GDPR}
	type c = struct {
		name  string
		rules []redact.Rule
		value string
		log   func(*slog.Logger)
	}
	certB64 := base64.StdEncoding.EncodeToString([]byte("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQk2Vz9Lw4oAoGCCqGSM49\n-----END CERTIFICATE-----\n"))
	snowflake := withLuhn("179031234856123084")
	nanos := withLuhn("173301360012345678")
	luhn16 := withLuhn("401288888888188")
	msisdn := withLuhn("491511234567")
	var msisdnInt int64
	fmt.Sscan(msisdn, &msisdnInt)
	return []c{
		{"counts under plural keys", all, "apiKeys: 3 active, cookies: 2 set", func(l *slog.Logger) {
			l.Info("m", "stats", "apiKeys: 3 active, cookies: 2 set")
		}},
		{"signed counts after a numeric key", all, "offset=+12345678 bytes:+123456789 balance=+12345678.90", func(l *slog.Logger) {
			l.Info("m", "stats", "offset=+12345678 bytes:+123456789 balance=+12345678.90")
		}},
		{"plurals that count", all, "tokens: 1532, keys: 12", func(l *slog.Logger) { l.Info("m", "usage", "tokens: 1532, keys: 12") }},
		{"placeholders after a key word", all, "token (optional), password <required>, key {value}, secret [hidden]", func(l *slog.Logger) {
			l.Info("m", "usage", "token (optional), password <required>, key {value}, secret [hidden]")
		}},
		{"words ending like a compound term", all, "reset by peer, close the stream; password reset sent", func(l *slog.Logger) {
			l.Info("m", "err", "reset by peer, close the stream; password reset sent")
		}},
		{"acronym keys without a term", all, "HTMLparser=strict URLpath=/v1/orders", func(l *slog.Logger) {
			l.Info("m", "line", "HTMLparser=strict URLpath=/v1/orders")
		}},
		{"a key file's path after a passphrase word", all, "/Users/Ann/Library/Keychains/login.keychain-db", func(l *slog.Logger) {
			l.Info("m", "line", "passphrase for key '/Users/Ann/Library/Keychains/login.keychain-db'")
		}},
		{"metavars of several words", all, "--db-password DB_PASSWORD --api-key API_KEY", func(l *slog.Logger) {
			l.Info("m", "usage", "usage: app --db-password DB_PASSWORD --api-key API_KEY")
		}},
		{"system properties without secrets", all, "-Dfile.encoding=UTF-8 -Dserver.port=8080 -Pversion=2.4.1", func(l *slog.Logger) {
			l.Info("m", "cmd", "java -Dfile.encoding=UTF-8 -Dserver.port=8080 -Pversion=2.4.1 -jar app.jar")
		}},
		{"token word in prose", all, "token rotated for tenant 917", func(l *slog.Logger) { l.Info("token rotated for tenant 917") }},
		{"token word in value", all, "access token expired for client 12", func(l *slog.Logger) { l.Info("m", "note", "access token expired for client 12") }},
		{"bearer word", all, "Bearer scheme missing from header", func(l *slog.Logger) { l.Info("m", "err", errors.New("Bearer scheme missing from header")) }},
		{"password word", all, "password change requested by user 77", func(l *slog.Logger) { l.Info("password change requested by user 77") }},
		{"secret word", all, "secret manager unavailable", func(l *slog.Logger) { l.Warn("secret manager unavailable") }},
		{"snowflake id", pci, snowflake, func(l *slog.Logger) { l.Info("m", "message_id", snowflake) }},
		{"ns timestamp", pci, nanos, func(l *slog.Logger) { l.Info("m", "note", "ingested at "+nanos) }},
		{"msisdn int", pci, fmt.Sprint(msisdnInt), func(l *slog.Logger) { l.Info("m", "msisdn", msisdnInt) }},
		{"msisdn e164 string", pci, "+" + msisdn, func(l *slog.Logger) { l.Info("m", "caller", "+"+msisdn) }},
		{"cid correlation", pci, "c0rr-8812-aa", func(l *slog.Logger) { l.Info("m", "cid", "c0rr-8812-aa") }},
		{"cache_expiry", pci, "2026-12-01T00:00:00Z", func(l *slog.Logger) { l.Info("m", "cache_expiry", "2026-12-01T00:00:00Z") }},
		{"pin as a value", pci, "pin", func(l *slog.Logger) { l.Info("m", "action", "pin") }},
		{"pin flag pair", pci, "pin=true", func(l *slog.Logger) { l.Info("m", "flags", "pin=true,compact=false") }},
		{"pin bool", pci, "pin_enabled", func(l *slog.Logger) { l.Info("m", "pin_enabled", true) }},
		{"retina icon", gdpr, "logo@3x.webp", func(l *slog.Logger) { l.Info("m", "asset", "logo@3x.webp") }},
		{"ssh remote", gdpr, "git@gitlab.com:platform/deploy.git", func(l *slog.Logger) { l.Info("m", "remote", "git@gitlab.com:platform/deploy.git") }},
		{"region under location", gdpr, "eu-central-1", func(l *slog.Logger) { l.Info("m", "location", "eu-central-1") }},
		{"gcp region under location", gdpr, "asia-northeast1", func(l *slog.Logger) { l.Info("m", "location", "asia-northeast1") }},
		{"cache key", all, "user:42:profile", func(l *slog.Logger) { l.Info("m", "cache_key", "user:42:profile") }},
		{"card brand", pci, "mastercard", func(l *slog.Logger) { l.Info("m", "card_brand", "mastercard") }},
		// Command lines whose -p is a port, a path or a flag, and words that
		// only start or contain a compound term.
		{"docker -p port", all, "8080:80", func(l *slog.Logger) { l.Info("m", "cmd", "docker run -u 1000 -p 8080:80 nginx") }},
		{"mkdir -p path", all, "/srv/app/cache", func(l *slog.Logger) { l.Info("m", "cmd", "sudo -u app mkdir -p /srv/app/cache") }},
		{"psql -p port", all, "5432", func(l *slog.Logger) { l.Info("m", "cmd", "psql -U app -p 5432 -h db orders") }},
		{"mysql -p prompt", all, "-h", func(l *slog.Logger) { l.Info("m", "cmd", "mysql -u root -p -h db") }},
		{"tokenizer", all, "wordpiece", func(l *slog.Logger) { l.Info("m", "tokenizer", "wordpiece") }},
		{"secretary", all, "Jane Doe", func(l *slog.Logger) { l.Info("m", "secretary", "Jane Doe") }},
		{"max tokens", all, "4096", func(l *slog.Logger) { l.Info("m", "maxtokens", "4096") }},
		{"small number after patient", all, "patient 42 admitted", func(l *slog.Logger) { l.Info("patient 42 admitted") }},
		{"number after token", all, "token 12345678 issued", func(l *slog.Logger) { l.Info("m", "note", "token 12345678 issued") }},
		{"name of a host", all, "Build Server", func(l *slog.Logger) { l.Info("m", "note", "hostname=Build Server up") }},
		{"digest word", all, "missing Digest header", func(l *slog.Logger) { l.Info("missing Digest header") }},
		{"named value not secret", all, "5432", func(l *slog.Logger) { l.Info("m", "env", []envVar{{"DB_PORT", "5432"}}) }},
		{"named count", all, "17", func(l *slog.Logger) { l.Info("m", "metric", map[string]any{"name": "token_count", "value": "17"}) }},
		// Keys that name something about a secret, not the secret.
		{"PWD working directory", all, "/home/app/releases/42", func(l *slog.Logger) { l.Info("m", "PWD", "/home/app/releases/42") }},
		{"PWD in env text", all, "/srv/api", func(l *slog.Logger) { l.Info("m", "env", "HOME=/root PWD=/srv/api SHLVL=1") }},
		{"secret arn", all, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf", func(l *slog.Logger) {
			l.Info("m", "secret_arn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf")
		}},
		{"token audience", all, "api://orders-default", func(l *slog.Logger) { l.Info("m", "token_audience", "api://orders-default") }},
		{"password reset url", all, "https://id.example.com/reset?flow=77", func(l *slog.Logger) { l.Info("m", "password_reset_url", "https://id.example.com/reset?flow=77") }},
		{"secrets path", all, "/etc/app/secrets.d", func(l *slog.Logger) { l.Info("m", "secrets_path", "/etc/app/secrets.d") }},
		// Keys that describe a check or a message about a secret.
		{"cvv check result", all, "unavailable", func(l *slog.Logger) { l.Info("m", "cvv_check", "unavailable") }},
		{"otp sent at", all, "2026-11-30T09:00:00Z", func(l *slog.Logger) { l.Info("m", "otp_sent", "2026-11-30T09:00:00Z") }},
		{"mnemonic language", all, "english", func(l *slog.Logger) { l.Info("m", "mnemonic_lang", "english") }},
		{"zip compression level", all, "best-speed", func(l *slog.Logger) { l.Info("m", "zip_level", "best-speed") }},
		// Words around personal-data terms that hold no personal data.
		{"patient then a lower-case word", all, "patient admitted to ward 4", func(l *slog.Logger) { l.Info("patient admitted to ward 4") }},
		{"icd key then a word", all, "ICD-10 code missing", func(l *slog.Logger) { l.Info("ICD-10 code missing") }},
		{"birth then a word", all, "date of birth required", func(l *slog.Logger) { l.Info("m", "err", errors.New("date of birth required")) }},
		// Flags that are no passwords, and file names before words.
		{"unzip to a pipe", all, "unzip -p bundle.zip manifest.json", func(l *slog.Logger) { l.Info("m", "cmd", "unzip -p bundle.zip manifest.json") }},
		{"7z prompt", all, "7z x bundle.7z -p", func(l *slog.Logger) { l.Info("m", "cmd", "7z x bundle.7z -p") }},
		{"ls -a", all, "ls -a /srv/data", func(l *slog.Logger) { l.Info("m", "cmd", "ls -a /srv/data") }},
		{"archive then a file", all, "export.zip contents.csv", func(l *slog.Logger) { l.Info("m", "note", "export.zip contents.csv") }},
		// Prose about changes to secrets, without a value.
		{"changed successfully", all, "password was changed successfully", func(l *slog.Logger) { l.Info("password was changed successfully") }},
		{"reset by", all, "password was reset by admin", func(l *slog.Logger) { l.Info("m", "note", "password was reset by admin") }},
		{"to be changed", all, "password is to be changed", func(l *slog.Logger) { l.Info("password is to be changed") }},
		{"auth word then host:port", all, "auth upstream:healthy", func(l *slog.Logger) { l.Info("m", "note", "auth upstream:healthy") }},
		{"slash in a path under a plain key", all, "/srv / tmp", func(l *slog.Logger) { l.Info("m", "note", "path: /srv / tmp") }},
		// Keys that hold a short term's letters in a longer word.
		{"path is no pat", all, "/var/lib/app", func(l *slog.Logger) { l.Info("m", "path", "/var/lib/app") }},
		{"pattern is no pat", all, "^/api/v[0-9]+/", func(l *slog.Logger) { l.Info("m", "pattern", "^/api/v[0-9]+/") }},
		{"webhook event", all, "order.created", func(l *slog.Logger) { l.Info("m", "webhook_event", "order.created") }},
		{"pw in a longer word", all, "spwn-3", func(l *slog.Logger) { l.Info("m", "spwn", "spwn-3") }},
		// Groups whose names only describe a secret.
		{"password policy group", all, "min_length", func(l *slog.Logger) { l.WithGroup("password_policy").Info("m", "min_length", 12) }},
		// Lists that are no key-value pairs.
		{"field names", all, "password", func(l *slog.Logger) { l.Info("m", "fields", []string{"password", "token", "email", "name"}) }},
		{"flag pair", all, "enabled", func(l *slog.Logger) { l.Info("m", "opts", []any{"password", true, "mode", "enabled"}) }},
		// Counts of tokens and lists of keys: single words stay singular.
		{"token counts", all, "1532", func(l *slog.Logger) { l.Info("m", "usage", map[string]any{"prompt_tokens": 12, "tokens": 1532}) }},
		{"index keys", all, "name", func(l *slog.Logger) { l.Info("m", "index", map[string]any{"keys": []string{"id", "name"}}) }},
		{"float amount", pci, "1234.56", func(l *slog.Logger) { l.Info("m", "amount", 1234.56) }},
		// Addresses that name no person, and numbers that look like addresses.
		{"private upstream", gdpr, "10.4.0.12:8080", func(l *slog.Logger) { l.Info("m", "upstream", "10.4.0.12:8080") }},
		{"metadata endpoint", gdpr, "169.254.169.254", func(l *slog.Logger) { l.Info("m", "note", "fetch from 169.254.169.254 failed") }},
		{"user agent version", gdpr, "Chrome/121.0.0.0", func(l *slog.Logger) { l.Info("m", "ua", "Mozilla/5.0 Chrome/121.0.0.0 Safari/537.36") }},
		{"oid", gdpr, "1.3.6.1.4.1.311.21.7", func(l *slog.Logger) { l.Info("m", "oid", "1.3.6.1.4.1.311.21.7") }},
		{"netmask", gdpr, "255.255.240.0", func(l *slog.Logger) { l.Info("m", "mask", "255.255.240.0") }},
		{"unique local v6", gdpr, "fd7a:115c:a1e0::3", func(l *slog.Logger) { l.Info("m", "node", "fd7a:115c:a1e0::3") }},
		{"scope operator", gdpr, "std::chrono::seconds", func(l *slog.Logger) { l.Info("m", "type", "std::chrono::seconds") }},
		// Package versions, paths and ports beside an '@'.
		{"action version", all, "actions/setup-go@v5", func(l *slog.Logger) { l.Info("m", "step", "uses: actions/setup-go@v5") }},
		{"scoped package", all, "@acme/ui-kit@2.4.1", func(l *slog.Logger) { l.Info("m", "cmd", "npm i @acme/ui-kit@2.4.1") }},
		{"port then an at sign in the path", all, "https://cdn.example.com:8443/u/@me", func(l *slog.Logger) {
			l.Info("m", "url", "https://cdn.example.com:8443/u/@me")
		}},
		{"small number after pin", pci, "pin 12 attempts left", func(l *slog.Logger) { l.Info("pin 12 attempts left") }},
		// Prose around the words of terms, and encoded text with nothing secret.
		{"password for user, no value", all, "password for user 77 changed", func(l *slog.Logger) { l.Info("password for user 77 changed") }},
		{"token for tenant, a word", all, "token for tenant eu-3: refreshed", func(l *slog.Logger) { l.Info("m", "note", "token for tenant eu-3: refreshed") }},
		{"identified by in prose", all, "identified by the scanner as spam", func(l *slog.Logger) { l.Info("identified by the scanner as spam") }},
		{"identified by a name", all, "identified by Google as spam", func(l *slog.Logger) { l.Info("m", "note", "identified by Google as spam") }},
		{"dash after a term, a word", all, "api key - rotated", func(l *slog.Logger) { l.Info("api key - rotated") }},
		{"last four after card", pci, "card 4242 declined", func(l *slog.Logger) { l.Info("m", "note", "card 4242 declined") }},
		{"encoded redirect", all, "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1", func(l *slog.Logger) {
			l.Info("m", "query", "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1")
		}},
		{"encoded prose", all, "q=%22the%20token%20was%20refreshed%22", func(l *slog.Logger) { l.Info("m", "query", "q=%22the%20token%20was%20refreshed%22") }},
		{"percent in prose", all, "disk at 95% for 3m, 40%3 left", func(l *slog.Logger) { l.Info("disk at 95% for 3m, 40%3 left") }},
		// Words that end with "pass" or "pwd" and name no secret.
		{"bypass", all, "cache-only", func(l *slog.Logger) { l.Info("m", "cacheBypass", "cache-only") }},
		{"compass", all, "north-east", func(l *slog.Logger) { l.Info("m", "compass", "north-east") }},
		{"lowpass filter", all, "lowpass=2400hz", func(l *slog.Logger) { l.Info("m", "dsp", "lowpass=2400hz gain=3") }},
		{"previous working directory", all, "/srv/app/releases/41", func(l *slog.Logger) { l.Info("m", "OLDPWD", "/srv/app/releases/41") }},
		// Tools whose flags look like password flags but are not.
		{"htpasswd prompt", all, "htpasswd -c /etc/nginx/.htpasswd ops", func(l *slog.Logger) { l.Info("m", "cmd", "htpasswd -c /etc/nginx/.htpasswd ops") }},
		{"ldapsearch prompt", all, "ldapsearch -x -W -D cn=admin -b dc=corp", func(l *slog.Logger) {
			l.Info("m", "cmd", "ldapsearch -x -W -D cn=admin -b dc=corp")
		}},
		{"smbclient no password", all, "smbclient -L files -U guest", func(l *slog.Logger) { l.Info("m", "cmd", "smbclient -L files -U guest") }},
		{"psql -P pset", all, "psql -U app -P pager=off -c 'select 1'", func(l *slog.Logger) { l.Info("m", "cmd", "psql -U app -P pager=off -c 'select 1'") }},
		// Replies and capability lists of protocols that name no secret.
		{"smtp auth capability", all, "250-AUTH=LOGIN PLAIN", func(l *slog.Logger) { l.Info("m", "ehlo", "250-AUTH=LOGIN PLAIN") }},
		{"smtp auth mechanisms", all, "250-AUTH LOGIN PLAIN XOAUTH2", func(l *slog.Logger) { l.Info("m", "ehlo", "250-AUTH LOGIN PLAIN XOAUTH2") }},
		{"auth status reply", all, "AUTH FAILED for user 42", func(l *slog.Logger) { l.Info("AUTH FAILED for user 42") }},
		// Addresses and locations of programs: listeners, redirects, pointers.
		{"listen address", all, "0.0.0.0:8443", func(l *slog.Logger) { l.Info("m", "listen_address", "0.0.0.0:8443") }},
		{"bind address port only", all, ":9091", func(l *slog.Logger) { l.Info("m", "metricsBindAddress", ":9091") }},
		{"server address host", all, "orders-db.internal:5432", func(l *slog.Logger) { l.Info("m", "server_address", "orders-db.internal:5432") }},
		{"listen address in text", all, "listen_address=[::]:443", func(l *slog.Logger) { l.Info("starting listen_address=[::]:443 tls=true") }},
		{"redirect location", all, "/v2/orders/981", func(l *slog.Logger) { l.Info("m", "Location", "/v2/orders/981") }},
		{"redirect location url", all, "https://shop.example.com/cart?step=2", func(l *slog.Logger) {
			l.Info("m", "headers", map[string]string{"Location": "https://shop.example.com/cart?step=2"})
		}},
		{"memory address", all, "0xc0000a6f20", func(l *slog.Logger) { l.Info("m", "address", "0xc0000a6f20") }},
		// Terms of personal data after a word that names a machine's thing,
		// words that describe a value, cards without a digit.
		{"ssh key fingerprint", all, "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", func(l *slog.Logger) {
			l.Info("m", "host_key_fingerprint", "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8")
		}},
		{"cert fingerprint", all, "9F:86:D0:81:88:4C:7D:65:9A:2F", func(l *slog.Logger) { l.Info("m", "certFingerprint", "9F:86:D0:81:88:4C:7D:65:9A:2F") }},
		{"host key fingerprint in prose", all, "SHA256:Zx4Wq8Lm2Tk7Vn3Hb9Jd5Rf1Gs6Ya0Pq4Mx7Kz2Vc", func(l *slog.Logger) {
			l.Info("ECDSA host key fingerprint is SHA256:Zx4Wq8Lm2Tk7Vn3Hb9Jd5Rf1Gs6Ya0Pq4Mx7Kz2Vc.")
		}},
		{"kms key alias", all, "alias/payments-prod", func(l *slog.Logger) { l.Info("m", "kms_key_alias", "alias/payments-prod") }},
		{"secret reference", all, "orders-db-credentials", func(l *slog.Logger) { l.Info("m", "secretRef", "orders-db-credentials") }},
		{"latency in ms", all, "37", func(l *slog.Logger) { l.Info("m", "lat_ms", "37") }},
		{"social card type", pci, "summary_large_image", func(l *slog.Logger) { l.Info("m", "card", "summary_large_image") }},
		{"pin as a word", pci, "pinned-tabs", func(l *slog.Logger) { l.Info("m", "pin", "pinned-tabs", "feature", "pin") }},
		{"card title", pci, "Welcome back", func(l *slog.Logger) { l.Info("m", "card_title", "Welcome back") }},
		// Terms as values in JSON text, and certificates in base64.
		{"kind Secret in JSON", all, "ca.crt", func(l *slog.Logger) {
			l.Info("m", "obj", `{"kind":"Secret","type":"Opaque","metadata":{"name":"ca.crt"}}`)
		}},
		{"field list in JSON", all, "locale", func(l *slog.Logger) { l.Info("m", "cfg", `{"mask":["password","email","locale"]}`) }},
		{"certificate in base64", all, certB64, func(l *slog.Logger) { l.Info("m", "client-certificate-data", certB64) }},
		// Digests of images and files after the word digest.
		{"docker push digest", all, "sha256:7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730", func(l *slog.Logger) {
			l.Info("m", "out", "v1.4.2: digest: sha256:7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730 size: 2201")
		}},
		{"digest in prose", all, "sha512:" + strings.Repeat("9f3c", 32), func(l *slog.Logger) { l.Info("artifact digest sha512:" + strings.Repeat("9f3c", 32) + " verified") }},
		// A bare key after a word of prose, keys whose last word describes
		// the value, cookie attributes.
		{"cache miss key", all, "user:42:cart", func(l *slog.Logger) { l.Info("cache miss key=user:42:cart") }},
		{"object key in prose", all, "exports/2026/11/orders.csv", func(l *slog.Logger) { l.Info("m", "op", "put key=exports/2026/11/orders.csv bucket=reports") }},
		{"pin code length", all, "6", func(l *slog.Logger) { l.Info("m", "note", "pin_code_length=6 digits_only=true") }},
		{"token max age", all, "720h", func(l *slog.Logger) { l.Info("m", "refresh_token_max_age", "720h") }},
		{"cookie samesite", all, "lax", func(l *slog.Logger) { l.Info("m", "note", "cookie_secure=true cookie_samesite=lax") }},
		// Names of charts, commands and resources that hold a term, and pairs
		// after them.
		{"helm chart", all, "external-secrets/external-secrets", func(l *slog.Logger) {
			l.Info("m", "cmd", "helm upgrade --install external-secrets external-secrets/external-secrets -n es")
		}},
		{"cli subcommand then a pair", all, "secret_id=prod/orders/db", func(l *slog.Logger) {
			l.Info("m", "call", "aws secretsmanager get-secret-value secret_id=prod/orders/db")
		}},
		{"token then a pair", all, "sub=user-8812", func(l *slog.Logger) { l.Info("m", "note", "token validated for sub=user-8812") }},
		// Errors prefixed with a package named like a term, versions
		// written like an address.
		{"jwt package error", all, "invalid token signature", func(l *slog.Logger) { l.Error("m", "err", errors.New("jwt: invalid token signature")) }},
		{"auth package error", all, "missing Authorization header", func(l *slog.Logger) { l.Info("auth: missing Authorization header") }},
		{"version in prose", gdpr, "2.5.0.1", func(l *slog.Logger) { l.Info("upgraded agent to version 2.5.0.1") }},
		{"build in a pair", gdpr, "build=52.1.0.4", func(l *slog.Logger) { l.Info("m", "note", "runner build=52.1.0.4 ok") }},
		// What follows a YAML key with no value: siblings, not its value.
		{"yaml sibling after an empty secret", all, "host: pg-1", func(l *slog.Logger) { l.Info("m", "cfg", "db:\n  password:\n  host: pg-1") }},
		{"xml entry of a plain key", all, "orders-db", func(l *slog.Logger) { l.Info("m", "props", `<entry key="db.host">orders-db</entry>`) }},
		// Kubernetes errors about a Secret by name, and placeholders that say
		// there is no value.
		{"secret not found", all, "db-credentials", func(l *slog.Logger) {
			l.Error("m", "err", errors.New(`secrets "db-credentials" not found`))
		}},
		{"secret forbidden", all, "orders-tls", func(l *slog.Logger) {
			l.Info(`secrets "orders-tls" is forbidden: User "system:serviceaccount:prod:api" cannot get resource "secrets"`)
		}},
		{"terraform sensitive value", all, "(sensitive value)", func(l *slog.Logger) { l.Info("m", "plan", "  + password = (sensitive value)") }},
		{"undefined from javascript", all, "undefined", func(l *slog.Logger) { l.Info("m", "qs", "token=undefined&page=2") }},
		{"curl -k", all, "https://localhost:8443/healthz", func(l *slog.Logger) { l.Info("m", "cmd", "curl -k https://localhost:8443/healthz") }},
		{"docker -t", all, "api:latest", func(l *slog.Logger) { l.Info("m", "cmd", "docker build -t api:latest .") }},
		{"network in CIDR notation", gdpr, "203.0.113.0/24", func(l *slog.Logger) { l.Info("m", "note", "allowlist 203.0.113.0/24 updated") }},
		{"ipv6 network", gdpr, "2001:db8:4b00::/40", func(l *slog.Logger) { l.Info("m", "route", "2001:db8:4b00::/40 via eth0") }},
		{"latency as lat", gdpr, "lat=12ms", func(l *slog.Logger) { l.Info("m", "note", "p99 lat=12ms err=0") }},
		{"lat attr duration", gdpr, "850us", func(l *slog.Logger) { l.Info("m", "lat", "850us") }},
		{"aws error code", all, "The request signature we calculated does not match", func(l *slog.Logger) {
			l.Error("m", "err", errors.New("operation error S3: PutObject, https response error StatusCode: 403, api error SignatureDoesNotMatch: The request signature we calculated does not match"))
		}},
		{"expired token code", all, "The provided token has expired.", func(l *slog.Logger) { l.Info("api error ExpiredToken: The provided token has expired.") }},
		{"address list under a plain key", all, "10.0.0.1, 10.0.0.2", func(l *slog.Logger) { l.Info("m", "upstreams", "10.0.0.1, 10.0.0.2") }},
		// Positional commands without a password.
		{"net user asking for one", all, "net user bob * /domain", func(l *slog.Logger) { l.Info("m", "cmd", "net user bob * /domain") }},
		{"net user delete", all, "net user carol /delete", func(l *slog.Logger) { l.Info("m", "cmd", "net user carol /delete") }},
		{"dotnet user words", all, "asp.net user session", func(l *slog.Logger) { l.Info("asp.net user session started") }},
		// Words that open like a token format and are not one.
		{"sdk and mob names", all, "sdk-go-v2 mob-7f3a1c2b", func(l *slog.Logger) { l.Info("m", "deps", "sdk-go-v2 mob-7f3a1c2b sdk-1.4.2") }},
		{"braintree without its token", all, "access_token$production$", func(l *slog.Logger) { l.Info("m", "note", "access_token$production$ prefix expected") }},
		// Prose in other languages that names a password and holds none.
		{"password changed, in russian", all, "пароль был изменён пользователем", func(l *slog.Logger) { l.Info("пароль был изменён пользователем") }},
		{"password reset, in chinese", all, "用户密码已重置", func(l *slog.Logger) { l.Info("m", "event", "用户密码已重置") }},
		{"password changed, in german", all, "Müller hat sein Passwort geändert", func(l *slog.Logger) { l.Info("Müller hat sein Passwort geändert") }},
		// Commands that read a password from the standard input, and what is
		// no password in them.
		{"password from a variable", all, "registry.example.org", func(l *slog.Logger) {
			l.Info("m", "cmd", "echo $REGISTRY_PASSWORD | docker login -u ci --password-stdin registry.example.org")
		}},
		{"password from a command", all, "--region eu-west-1", func(l *slog.Logger) {
			l.Info("m", "cmd", "aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin 4711.dkr.ecr.eu-west-1.amazonaws.com")
		}},
		{"a file from stdin", all, "/dev/stdin", func(l *slog.Logger) {
			l.Info("m", "cmd", "kubectl create secret generic app --from-file=password=/dev/stdin")
		}},
		{"echo into another command", all, "echo orders-7 |", func(l *slog.Logger) { l.Info("m", "cmd", "echo orders-7 | tee /tmp/stdin-keys.log") }},
		{"login in prose", all, "login failed", func(l *slog.Logger) { l.Info("user login failed for bob twice") }},
		{"imap login without a tag", all, "LOGIN alice", func(l *slog.Logger) { l.Info("m", "note", "rejected LOGIN alice Plaintext") }},
		{"key and code parameters that hold no credential", all, "?key=orders:42&code=302", func(l *slog.Logger) { l.Info("m", "url", "/cache?key=orders:42&code=302") }},
		// Words near the personal keys spelled otherwise.
		{"born in prose without a date", all, "was born out of an outage", func(l *slog.Logger) { l.Info("the cache was born out of an outage") }},
		{"font family", all, "Inter Variable", func(l *slog.Logger) { l.Info("m", "font_family", "Inter Variable", "tax_rate", "0.19") }},
		{"a birthday feature flag", all, "birthday_banner", func(l *slog.Logger) { l.Info("m", "flag", "birthday_banner", "enabled", true) }},
		// Words near personal values over several words.
		{"a salutation without a name", all, "Dear Customer, your order 4471", func(l *slog.Logger) { l.Info("m", "body", "Dear Customer, your order 4471 has shipped") }},
		{"a salutation to many", all, "Dear Sir or Madam", func(l *slog.Logger) { l.Info("Dear Sir or Madam, the report is attached") }},
		{"a count after a personal word", all, "location 3 of 12 racks", func(l *slog.Logger) { l.Info("m", "note", "location 3 of 12 racks full") }},
		{"a number after no.", all, "no. 7 of the queue", func(l *slog.Logger) { l.Info("m", "note", "phone support: ticket no. 7 of the queue") }},
		// Words that open like the newer token formats and are not one.
		{"token prefixes in ordinary words", all, "AAAA record, live_events_dashboard_v2, test_uploadLargeFiles2", func(l *slog.Logger) {
			l.Info("m", "note", "AAAA record, live_events_dashboard_v2, test_uploadLargeFiles2")
		}},
		{"fractions and doses", all, "rollout 1/4 done at 2/3 capacity; dose 20mg", func(l *slog.Logger) {
			l.Info("m", "note", "rollout 1/4 done at 2/3 capacity; dose 20mg")
		}},
		{"a task id with a slash", all, "1/1203456789012", func(l *slog.Logger) { l.Info("m", "path", "/tasks/1/1203456789012:comments") }},
		// Commands near those that take a password in a form of their own.
		{"sqlplus without a password", all, "sqlplus -s / as sysdba @migrate.sql", func(l *slog.Logger) {
			l.Info("m", "cmd", "sqlplus -s / as sysdba @migrate.sql; sqlplus /nolog; sqlplus scott@orcl")
		}},
		{"expdp parameters", all, "expdp directory=dp_dir dumpfile=hr.dmp logfile=/u01/exp.log", func(l *slog.Logger) {
			l.Info("m", "cmd", "expdp directory=dp_dir dumpfile=hr.dmp logfile=/u01/exp.log")
		}},
		{"net use that asks", all, "* /user:bob /persistent:yes", func(l *slog.Logger) {
			l.Info("m", "cmd", `net use Z: \\nas01\share * /user:bob /persistent:yes`)
		}},
		{"a secure string from a variable", all, "ConvertTo-SecureString $env:SVC_PW -AsPlainText -Force", func(l *slog.Logger) {
			l.Info("m", "script", "ConvertTo-SecureString $env:SVC_PW -AsPlainText -Force")
		}},
		{"ssh-keygen without a passphrase", all, "ssh-keygen -t ed25519 -N '' -f /tmp/k", func(l *slog.Logger) { l.Info("m", "cmd", "ssh-keygen -t ed25519 -N '' -f /tmp/k") }},
		{"a login with a port", all, "telnet-login -p 2323", func(l *slog.Logger) { l.Info("m", "cmd", "telnet-login -p 2323 host") }},
		{"secure in prose", all, "secure channel established with node-4", func(l *slog.Logger) { l.Info("secure channel established with node-4") }},
		// Names of secrets, files of keys and file descriptors.
		{"kubectl secret names", all, "secret docker-registry regcred; kubectl get secret db-credentials", func(l *slog.Logger) {
			l.Info("m", "cmd", "kubectl create secret docker-registry regcred; kubectl get secret db-credentials -o yaml")
		}},
		{"a secret's name in an error", all, "secret my-app-secret not found", func(l *slog.Logger) {
			l.Error("m", "err", errors.New("mount failed: secret my-app-secret not found in namespace prod"))
		}},
		{"a key flag that takes a file", all, "--cert=tls.crt --key=tls.key", func(l *slog.Logger) {
			l.Info("m", "cmd", "kubectl create secret tls web-tls --cert=tls.crt --key=tls.key")
		}},
		{"key files under key attrs", all, "/etc/ssl/private", func(l *slog.Logger) {
			l.Info("m", "ssl_key", "server.key", "private_key_file", "sa.json", "dir", "/etc/ssl/private")
		}},
		{"a passphrase file descriptor", all, "--passphrase-fd 0", func(l *slog.Logger) { l.Info("m", "cmd", "gpg --batch --passphrase-fd 0 -d f.gpg") }},
		{"authenticate in prose", all, "failed to authenticate user bob; AUTHENTICATE PLAIN mechanism disabled", func(l *slog.Logger) {
			l.Warn("failed to authenticate user bob; AUTHENTICATE PLAIN mechanism disabled")
		}},
		{"community and codes that hold no secret", all, "kubernetes-users", func(l *slog.Logger) {
			l.Info("m", "community", "kubernetes-users", "sms_count", 3, "device_code_expires_in", 900, "link", "/docs/login")
		}},
		// Lists, inserts and calls near those that hold a password.
		{"a flag list without a value", all, "['--token', '--verbose']", func(l *slog.Logger) { l.Info("m", "argv", "['--token', '--verbose']") }},
		{"insert with placeholders", all, "VALUES ($1, $2, $3)", func(l *slog.Logger) {
			l.Info("m", "query", "INSERT INTO users (id, name, api_key) VALUES ($1, $2, $3); INSERT INTO t (password) VALUES (NULL)")
		}},
		{"insert of ordinary columns", all, "VALUES (1, 9.99, 'paid')", func(l *slog.Logger) {
			l.Info("m", "q", "INSERT INTO orders (id, total, status) VALUES (1, 9.99, 'paid')")
		}},
		{"calls with variables", all, "client.login(user, os.getenv('PW')); keyring.get_password('svc', 'bob')", func(l *slog.Logger) {
			l.Info("m", "code", "client.login(user, os.getenv('PW')); keyring.get_password('svc', 'bob')")
		}},
		// Near tables, plans and quoted keys.
		{"a pipe after a key word", all, "grep password | wc -l", func(l *slog.Logger) { l.Info("m", "cmd", "grep password | wc -l") }},
		{"a table row with a placeholder", all, "| password | (sensitive) |", func(l *slog.Logger) { l.Info("m", "t", "| password | (sensitive) |\n| region | eu |") }},
		{"a quoted key word in prose", all, "the 'token' is expired", func(l *slog.Logger) { l.Info("the 'token' is expired; renew 'token' to continue") }},
		{"a plan without a secret", all, "~ instance_type = 't3.small' -> 't3.large'", func(l *slog.Logger) { l.Info("m", "plan", "~ instance_type = 't3.small' -> 't3.large'") }},
		{"variables named like protocol commands", all, "-passout env:PASS -out req.csr", func(l *slog.Logger) {
			l.Info("m", "cmd", "openssl req -new -passout env:PASS -out req.csr; echo $PASS > /tmp/f; openssl rsa -passin env:AUTH -in k.pem")
		}},
		{"a bot path without a token", all, "/bot12345/status:Archived", func(l *slog.Logger) { l.Info("m", "path", "/bot12345/status:Archived") }},
		{"a setting named by an ordinary name", all, "LOG_LEVEL", func(l *slog.Logger) {
			l.Info("m", "settings", `{"OptionName":"LOG_LEVEL","Value":"debug"} variable_name=region variable_value=eu-west-1`)
		}},
		{"numbers and contacts that are no one's", all, "support", func(l *slog.Logger) {
			l.Info("m", "callback_url", "/hooks/cb", "contact_count", 3, "kin_version", "2.1", "channel", "support")
		}},
		{"public dns resolvers", gdpr, "9.9.9.9", func(l *slog.Logger) {
			l.Warn("m", "note", "lookup via 8.8.4.4 failed; retrying with 9.9.9.9 and 2606:4700:4700::1001")
		}},
		{"a config map's data and a secret store's spec", all, "log_level: debug", func(l *slog.Logger) {
			l.Info("m", "manifests", "kind: ConfigMap\ndata:\n  log_level: debug\n---\nkind: SecretStore\nspec:\n  data:\n    region: eu-west-1\n")
			l.Info("m", "obj", map[string]any{"kind": "ConfigMap", "data": map[string]any{"log_level": "debug"}})
		}},
		{"bind parameters and format verbs", all, "password = $1", func(l *slog.Logger) {
			l.Info("m", "sql", "UPDATE users SET password = $1, api_token = ? WHERE email = @p2 AND phone = :phone", "fmt", "password=%s")
			l.Info("m", "password", "$1", "token", ":token")
		}},
		{"words that say there is no value", all, "unverified", func(l *slog.Logger) {
			l.Info("m", "profile", "phone: unknown, email: unverified, dob: n/a, address: ~")
			l.Info("m", "email", "unverified", "phone", "N/A", "dob", "unknown", "token", "~")
		}},
		{"a machine's ip address", all, "10.244.1.17", func(l *slog.Logger) {
			l.Info("m", "node_ip", "10.0.12.4", "podIP", "10.244.1.17", "gateway_ip", "192.168.1.1", "client_ip", "127.0.0.1")
			l.Info("scheduled: node_ip=10.0.12.4 pod_ip=10.244.1.17 host_ip=10.0.0.9 client_ip=::1")
		}},
		{"mailboxes no person reads", all, "noreply@example.org", func(l *slog.Logger) {
			l.Info("bounce from mailer-daemon@mx.example.org, replies to noreply@example.org", "email", "postmaster@example.org")
		}},
		{"words that describe a term's value", all, "Pixel 8", func(l *slog.Logger) {
			l.Info("m", "phone_model", "Pixel 8", "dsn_driver", "pgx", "password_pattern", "^.{12,}$", "email_template", "welcome_v2")
			l.Info("device phone_model=Pixel 8 email_template=welcome_v2")
		}},
		{"luhn-valid numbers under keys that name a number", all, luhn16, func(l *slog.Logger) {
			l.Info("m", "stats", "duration_ns="+luhn16+" bytes="+luhn16+` {"offset": `+luhn16+`} durationNs=`+luhn16)
		}},
		{"no as a word after a term", all, "account no longer exists", func(l *slog.Logger) {
			l.Warn("account no longer exists; ticket no 44; ref 900-12-3456; postcode lookup took 12 ms")
		}},
		{"flags named in prose and usage lines", all, "--password PASSWORD", func(l *slog.Logger) {
			l.Warn("the --token flag is deprecated; use --password instead")
			l.Info("Usage: login [--password PASSWORD] [--token <token>] token=<TOKEN>")
			l.Info("m", "cmd", "az keyvault secret show --vault-name kv-prod --name db")
		}},
		{"workflow permissions", all, "id-token: write", func(l *slog.Logger) {
			l.Info("m", "workflow", "jobs:\n  deploy:\n    secrets: inherit\n    permissions:\n      id-token: write\n      contents: read\n")
		}},
		{"references to secrets, not their values", all, "regcred", func(l *slog.Logger) {
			l.Info("m", "pod", "spec:\n  imagePullSecrets:\n    - name: regcred\n  serviceAccount:\n    secrets:\n      - name: db-creds\n        key: password\n")
			l.Info("kubectl apply: Secret \"regcred\" created; secret \"db-creds\" configured")
		}},
		{"an image digest and an ssh login", all, "git@github.com", func(l *slog.Logger) {
			l.Info("m", "image", "nginx:1.25@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
			l.Info("m", "remote", "ssh://git@github.com/org/repo.git", "mirror", "sftp://deploy@files.example.org/in")
		}},
		{"name service sources", all, "files systemd", func(l *slog.Logger) { l.Info("m", "nsswitch", "passwd: files systemd\ngroup: files\nshadow: files") }},
		{"settings that describe a secret", all, "X-Api-Key", func(l *slog.Logger) {
			l.Info("m", "otp_digits", 6, "otp_period", "30s", "api_key_header", "X-Api-Key", "secret_question", "first pet")
			l.Info("m", "address_family", "ipv4", "dob_year_min", "1900", "password_max", "64", "cookie_jar", "memory")
			l.Info("config: otp_digits: 6 token_header: Authorization SSH_AUTH_SOCK=/tmp/ssh-XXXX/agent.123")
		}},
		{"sentences and error chains around a term", all, "prod/db/password", func(l *slog.Logger) {
			l.Error("secret not found: prod/db/password")
			l.Error("m", "err", errors.New("listen tcp :8080: bind: address already in use; decrypt secret: cipher: message authentication failed"))
			l.Info("Enter passphrase for key '/home/bob/.ssh/id_ed25519': GPG key 0xDEADBEEF imported")
		}},
		{"commands without a secret", all, "nopass", func(l *slog.Logger) {
			l.Info("m", "cmd", "ACL SETUSER default on nopass ~* +@all")
			l.Info("m", "cmd", "vault login -method=oidc role=dev; vault login -")
		}},
		{"lines of a configuration file after a key's line", all, "db primary", func(l *slog.Logger) {
			l.Info("m", "config", "password: required\nhost: db primary\nmode: read write")
		}},
		{"a properties key in a validation message", all, "must not be empty", func(l *slog.Logger) {
			l.Warn("m", "err", "spring.datasource.password must not be empty")
			l.Info("m", "cmd", "cat password.txt notes.txt")
		}},
		{"hcl references and declarations", all, "aws_db_instance.main.password", func(l *slog.Logger) {
			l.Info("m", "tf", "output \"db_password\" {\n  value     = aws_db_instance.main.password\n  sensitive = true\n}\nvariable \"api_token\" {\n  type = string\n  default = null\n}")
		}},
		{"escaped quotes around ordinary words", all, "token_count", func(l *slog.Logger) {
			l.Info("m", "body", `{\u0022event\u0022:\u0022password_reset\u0022,\u0022token_count\u0022:3}`)
			l.Info("m", "html", `<p>&quot;secret manager&quot; unavailable &amp; retrying</p>`)
		}},
		{"fallbacks of ordinary settings and prose", all, "default-label", func(l *slog.Logger) {
			l.Info("m", "src", `const label = process.env.LABEL || "default-label"; region = os.getenv('REGION') or 'eu-west-1'`)
			l.Info(`enter the token or "skip" to continue`)
		}},
		{"base64 that opens like a facebook token", all, "EAABAAAAEAAQAAAAFAAUAAgA", func(l *slog.Logger) {
			l.Info("m", "blob", "EAABAAAAEAAQAAAAFAAUAAgA+AAAAEAAQAAAA/AAAAEAAQ==")
		}},
		{"literals of a configmap", all, "LOG_LEVEL=debug", func(l *slog.Logger) {
			l.Info("m", "cmd", "kubectl create configmap app --from-literal=LOG_LEVEL=debug --from-literal=region=eu-west-1")
		}},
		{"error messages after a key word and a colon", all, "illegal base64 data", func(l *slog.Logger) {
			l.Error("m", "err", errors.New("failed to decode token: illegal base64 data at input byte 4"))
			l.Error("m", "err", errors.New("session token: truncated input; api key: rejected by upstream"))
		}},
		{"the name of a secret under secret id", all, "prod/db/password", func(l *slog.Logger) {
			l.Info("m", "cmd", "aws secretsmanager get-secret-value --secret-id prod/db/password")
			l.Info("m", "SecretId", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf", "secret_id", "db-credentials")
		}},
		{"numbers in two groups that are no telephone", all, "0123 45678901234", func(l *slog.Logger) {
			l.Info("m", "note", "lot 0123 45678901234 done; build 10 2026120205; 01 2345678901")
		}},
		{"a secret's metadata", all, "namespace: prod", func(l *slog.Logger) {
			l.Info("m", "manifest", "kind: Secret\nmetadata:\n  name: db-creds\n  namespace: prod\ntype: Opaque\n")
		}},
		{"a shell's commands piped to sudo -s", all, "echo 'apt-get check' | sudo -s", func(l *slog.Logger) {
			l.Info("m", "cmd", "echo 'apt-get check' | sudo -s")
		}},
		{"sudo's command with its own -S", all, "echo status | sudo tee -S /tmp/x", func(l *slog.Logger) {
			l.Info("m", "cmd", "echo status | sudo tee -S /tmp/x")
		}},
		{"colon-separated ids", all, "tenant:8812:order:bob:shipped", func(l *slog.Logger) {
			l.Info("m", "key", "tenant:8812:order:bob:shipped")
		}},
		{"an access log's fields", all, "edge.example.net:8443:POST:/v2/carts:201", func(l *slog.Logger) {
			l.Info("m", "line", "edge.example.net:8443:POST:/v2/carts:201")
		}},
	}
}

func TestClassLeaks(t *testing.T) {
	for _, tc := range classLeakCases() {
		t.Run(tc.name, func(t *testing.T) {
			for mode, out := range runModes(t, tc.rules, tc.log) {
				masked := false
				for _, b := range out.redacted {
					require.NotZero(t, b.Len(), "%s wrote nothing", mode)
					for _, secret := range tc.secrets {
						require.NotContains(t, b.String(), secret, "%s leaked", mode)
					}
					masked = masked || strings.Contains(b.String(), redact.DefaultMask)
					for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
						if strings.HasPrefix(line, "{") {
							require.True(t, json.Valid([]byte(line)), "%s wrote invalid JSON: %s", mode, line)
						}
					}
				}
				require.True(t, masked, "%s: no mask in the output: the secret was dropped, not redacted", mode)
			}
		})
	}
}

func TestClassOverMasking(t *testing.T) {
	for _, tc := range overMaskCases() {
		t.Run(tc.name, func(t *testing.T) {
			for mode, out := range runModes(t, tc.rules, tc.log) {
				for _, b := range out.redacted {
					require.Contains(t, b.String(), tc.value, "%s masked an ordinary value", mode)
					require.NotContains(t, b.String(), redact.DefaultMask, "%s", mode)
				}
			}
		})
	}
}

// TestEmbeddedStructShape: a struct rebuilt because a field was masked is
// written with the shape encoding/json gives it: promoted fields flat.
func TestEmbeddedStructShape(t *testing.T) {
	v := composed{CBase: CBase{Region: "eu", Token: "cb-tok-9"}, Name: "n"}
	for mode, out := range runModes(t, nil, func(l *slog.Logger) { l.Info("m", "cfg", v) }) {
		b := out.redacted[0].String()
		require.Contains(t, b, `"cfg":{"region":"eu","token":"[REDACTED]","name":"n"}`, mode)
	}
	f := flatConfig{innerSecret: innerSecret{Secret: "s-1", Port: 1}, Host: "h"}
	for mode, out := range runModes(t, nil, func(l *slog.Logger) { l.Info("m", "cfg", f) }) {
		require.Contains(t, out.redacted[0].String(), `"cfg":{"Secret":"[REDACTED]","Port":1,"Host":"h"}`, mode)
	}
}

// TestPersonalKeysStayDistinct: keys masked as personal data become
// distinct stable placeholders, and the output is valid JSON.
func TestPersonalKeysStayDistinct(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.GDPR)
	var lines []string
	for range 2 {
		var b strings.Builder
		h := slog.NewJSONHandler(&b, nil)
		slog.New(redact.NewHandler(h, r)).Info("m", "m", map[string]int{"a@example.com": 1, "b@example.com": 2, "plain": 3})
		lines = append(lines, b.String())
	}
	var got struct{ M map[string]int }
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &got))
	require.Len(t, got.M, 3)
	require.Equal(t, 3, got.M["plain"])
	for k := range got.M {
		require.NotContains(t, k, "example.com")
	}
	var again struct{ M map[string]int }
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &again))
	require.Equal(t, got.M, again.M, "placeholders are stable")
}

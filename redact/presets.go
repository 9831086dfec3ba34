package redact

// Presets: [Rule] values with the vocabularies compliance teams expect.
// Combine them with [New]; copy one to adjust it (the slices are
// shared, so append to a copy: Rule{Terms: append(slices.Clip(PCIDSS.Terms), ...)}).
var (
	// Credentials is the default: passwords, secrets, tokens, API and
	// private keys, session cookies, connection strings, vendor header
	// names, and the detectors for URL credentials, DSNs, Authorization
	// headers, JWTs, AWS access keys, PEM private keys and self-identifying
	// token formats. The term "key" masks a key only as the last word
	// after a word that does not name a non-secret key (maps_key,
	// stripe_key; not cache_key, partition_key or key alone).
	Credentials = Rule{
		Name: "credentials",
		Terms: []string{
			"password", "passwd", "pwd", "passphrase", "secret", "client secret",
			"token", "access token", "refresh token", "id token", "auth token",
			"session token", "bearer", "authorization", "api key", "apikey",
			"access key", "secret key", "private key", "signing key",
			"encryption key", "credential", "credentials", "cookie", "set cookie",
			"session id", "sessionid", "jwt", "otp", "mfa code", "totp",
			"connection string", "dsn", "aws secret access key", "x api key",
			// Short and compound spellings.
			"pass", "passwords", "secrets", "auth", "auths", "creds",
			"passcode", "conn str", "connstr", "key", "master key", "license key",
			// Vendor header and setting names.
			"subscription key", "application key", "app key", "app secret",
			"account key", "auth key", "functions key", "private token",
			"honeycomb team", "client assertion", "verification code",
			"signature", "sig", "hmac", "sas token", "sonar login", "contribsys com",
			// Short spellings, recovery secrets, and URLs that are secrets.
			"pw", "passw", "pat", "personal access token", "csrf", "xsrf", "jenkins crumb",
			"recovery code", "recovery codes", "backup code", "backup codes",
			"seed phrase", "recovery phrase", "mnemonic", "webhook url", "webhook uri",
			"psk", "pre shared key", "activation code", "unlock code", "access code",
			"oauth code", "code verifier", "phpsessid", "jsessionid", "sessid",
			"connect sid", "session cookie", "one time code", "2fa code", "2fa", "two factor code",
			"security answer", "secret answer", "rootpw", "snmp community", "snmp server community", "community string", "key string", "masterauth",
			"sms code", "device code", "magic link", "login link", "invite link", "invite url",
			"reset link", "password reset link", // the link mailed to a user; a reset URL is the page
			"reset code", "password reset code", "login code", "sign in code", "signin code",
			"confirmation code", "auth code", "authentication code", // one-time codes mailed or texted to a user
			"oauth verifier", "secret id",
			// Codes that a link carries: Firebase's email action links
			// (?oobCode=…), an invitation's.
			"oob code", "invite code", "invitation code",
			// Envelope encryption's keys, SAML's signed response, a raw header.
			"dek", "kek", "data key", "saml response", "samlresponse", "saml assertion", "id token hint",
			"auth header", "authorization header", "session secret", "session key",
			// Vault's unseal and recovery keys (vault operator init).
			"unseal key", "recovery key",
			// Short spellings of a private key, and Windows' password hashes.
			"privkey", "priv key", "nthash", "ntlm hash", "lm hash",
			// Credential files' names for a key that the words after the
			// term would otherwise describe: a service account's
			// private_key_id, a kubeconfig's client-key-data; SharePoint's
			// tempauth; webhook URLs by their service's name; the tokens
			// of Composer's auth.json, named by their service.
			"private key id", "client key data", "tempauth",
			"slack webhook", "discord webhook", "teams webhook", "incoming webhook",
			"github oauth", "gitlab oauth", "bitbucket oauth",
			// PagerDuty's Events API key (routing_key); only a value of its
			// shape is masked under it, not a message queue's routing key.
			"routing key",
			// The word password in other languages, as written in ASCII and
			// as written in their own letters.
			"passwort", "kennwort", "contrasena", "senha", "wachtwoord", "mot de passe", "motdepasse",
			"haslo", "losenord", "salasana", "adgangskode", "sifre", "heslo", "jelszo", "passord",
			"lozinka", "geslo", "kata sandi", "contraseña", "hasło", "lösenord", "şifre", "jelszó",
			"parolă", "mật khẩu", "пароль", "κωδικός πρόσβασης", "סיסמה", "كلمة المرور", "كلمة السر",
			"पासवर्ड", "รหัสผ่าน", "密码", "密碼", "口令", "パスワード", "비밀번호",
			"contrasenya", "wagwoord", "parool", "slaptazodis", "slaptažodis", "암호",
			// API key and token in other languages (forms that end with "api"
			// are not terms: every URL path has the word).
			"api schlussel", "api schluessel", "api schlüssel", "api sleutel", "api ключ", "apiキー",
			"api キー", "api密钥", "api 密钥", "api金鑰", "api 金鑰", "api 키", "密钥", "秘钥",
			"私钥", "秘密鍵", "令牌", "トークン", "토큰", "токен", "jeton d acces", "jeton d accès",
			"clé api", "cle api", "clef api", "clave api", "chiave api", "chave api", "jeton",
			// Secret, and the secret key, in other languages; clave is also
			// Spanish for a password.
			"geheim", "geheimnis", "secreto", "segreto", "segredo", "clave", "clé secrète",
			"cle secrete", "clave secreta", "chiave segreta", "chave secreta", "geheimer schlüssel",
			"geheimschlüssel", "clé privée", "cle privee", "clave privada", "chiave privata",
			// Abbreviations: of token after the word it qualifies, of password.
			"tkn", "access tok", "refresh tok", "id tok", "session tok", "api tok", "bearer tok",
			"csrf tok", "pswd", "pswrd", "psswd", "passwrd", "pword", "psw",
			// A SIM card's PIN and its unblocking key; the PIN a user signs
			// in or unlocks with; French's abbreviation of mot de passe.
			"puk", "puk code", "sim pin", "sim puk", "sim pin code",
			"user pin", "unlock pin", "login pin", "access pin", "security pin", "account pin",
			"app pin", "device pin", "atm pin", "mdp",
		},
		Detectors: []Detector{DetectURLUserinfo, DetectBearer, DetectJWT, DetectAWSAccessKey,
			DetectPrivateKey, DetectTokens, DetectDSN, DetectPgpass},
	}

	// PCI covers PCI DSS cardholder and sensitive authentication data
	// (requirement 3.3, 3.4): primary account number, card verification
	// codes, expiry, PIN and track data, and the card-number detector
	// (issuer prefix and Luhn checked, in strings and in integers); and,
	// as authentication data, the URL-credentials detector.
	PCIDSS = Rule{
		Name: "pcidss",
		Terms: []string{
			"pan", "card number", "cardnumber", "card no", "cc number", "ccnum",
			"credit card", "debit card", "card", "cvv", "cvv2", "cvc", "cvc2", "card cid",
			"csc", "cvn", "cav2", "security code", "card security code",
			"card verification", "card verification value", "expiry", "expiration date", "exp date",
			"card expiry", "pin", "pin block", "track1", "track2",
			"track data", "magstripe", "cardholder", "cardholder name", "name on card",
			"exp month", "exp year", "expiry month", "expiry year", "expiration month", "expiration year",
			// The expiry under the card's own word ("exp" alone is a JWT's claim).
			"card exp", "cc exp", "card expiration", "cc expiry", "cc expiration",
		},
		Detectors: []Detector{DetectCardNumber, DetectURLUserinfo},
	}

	// HIPAA covers the HIPAA Safe Harbor identifiers (45 CFR
	// 164.514(b)(2)) commonly found in logs: names, medical record, patient,
	// health plan and account numbers, SSNs, contact details, dates of
	// birth, device and biometric identifiers, diagnoses and the SSN,
	// e-mail, phone, IP-address, IBAN, HL7 and URL-credentials detectors.
	HIPAA = Rule{
		Name: "hipaa",
		Terms: []string{
			"mrn", "medical record", "medical record number", "patient", "patient id",
			"patient name", "health plan", "health plan id", "beneficiary",
			"member id", "insurance id", "policy number", "ssn", "social security",
			"dob", "date of birth", "birth date", "birthdate", "diagnosis",
			"icd10", "prescription", "medication", "medical condition",
			"lab result", "device serial", "biometric", "fingerprint",
			"full name", "first name", "last name", "email", "phone", "fax",
			"address", "street", "zip", "postal code", "postcode", "license number",
			"account number", "ip address", "drivers license", "driver license",
			"driving licence", "licence number", "dl number", "vin", "vehicle id", "tel", "cellphone",
			"cell phone", "whatsapp", "birthday", "born", "zipcode", "family name",
			"middle name", "maiden name", "legal name", "insurance number",
			"medicare number", "medicaid number", "nhs number", "callback number", "contact number",
			"cell no", "mobile no", "emergency contact", "next of kin", "guardian name", "spouse",
			"spouse name", "mbi", "medicare beneficiary identifier", "given name", "surname",
			"social security number", "itin",
			// A name under a key that says whose it is.
			"customer name", "client name", "contact name", "person name", "employee name",
			"recipient name", "sender name", "account holder", "account holder name",
			"billing name", "shipping name",
			// The other dates Safe Harbor names besides the date of birth.
			// Account numbers (Safe Harbor's tenth identifier) as banks write them.
			"iban", "bank account", "bank account number",
			"admission date", "admit date", "date of admission", "discharge date",
			"date of discharge", "date of death", "death date",
			// A mobile telephone, and the telephone in other languages.
			"mobile", "mobile phone", "mobile number", "telephone", "telefon", "telefono", "telefone",
			"teléfono", "téléphone", "handy", "movil", "móvil", "celular", "cellulare", "natel",
		},
		Detectors: []Detector{DetectSSN, DetectEmail, DetectSpelledEmail, DetectWordedEmail, DetectPhone, DetectIPAddress, DetectIBAN, DetectStreetAddress, DetectHL7, DetectURLUserinfo},
	}

	// GDPR covers personal data (Article 4(1)) and special categories
	// (Article 9): contact, personal, online and financial identifiers
	// (client IPs and X-Forwarded-For included), and the e-mail, SSN,
	// card-number, phone, IBAN, national-id and URL-credentials detectors.
	GDPR = Rule{
		Name: "gdpr",
		Terms: []string{
			"full name", "first name", "last name", "given name", "surname", "email",
			"e mail", "phone", "mobile", "telephone", "address", "street",
			"postcode", "postal code", "zip", "dob", "date of birth", "birthdate",
			"national id", "passport", "passport number", "id card", "tax id",
			"ssn", "iban", "bank account", "account number", "card number",
			"ip", "ip address", "client ip", "remote addr", "device id",
			"advertising id", "cookie id", "geolocation", "location", "latitude",
			"longitude", "gps", "ethnicity", "religion", "health data", "biometric",
			"sexual orientation", "political opinion", "trade union", "msisdn",
			"x forwarded for", "forwarded for", "forwarded", "x real ip", "real ip",
			"true client ip", "cf connecting ip", "remote ip", "source ip", "src ip",
			"user ip", "ip addr", "client address", "peer addr", "drivers license",
			"driver license", "driving licence", "license number", "licence number", "dl number",
			"bsn", "nino", "ni number", "national insurance number", "personnummer", "pesel", "aadhaar",
			"codice fiscale", "lat", "lon", "lng", "coordinates", "coords", "tel",
			"cellphone", "cell phone", "whatsapp", "birthday", "born", "zipcode",
			"family name", "middle name", "maiden name", "legal name",
			// A name under a key that says whose it is (name alone names
			// services, files and metrics as often as people).
			"customer name", "client name", "contact name", "person name", "employee name",
			"recipient name", "sender name", "account holder", "account holder name",
			"billing name", "shipping name",
			// A point on the map as mapping APIs name it.
			"geo", "geo point", "latlng", "latlon", "latlong", "lnglat", "lonlat",
			// Dates of birth and national identifiers in other languages.
			"geburtsdatum", "fecha nacimiento", "fecha de nacimiento", "date naissance",
			"date de naissance", "data nascita", "data di nascita", "data nascimento",
			"data de nascimento", "geboortedatum", "dni", "nif", "cpf", "steuer id",
			"tax number", "taxpayer id", "social insurance number", "nhs number",
			"callback number", "contact number", "cell no", "mobile no", "emergency contact",
			"next of kin", "guardian name", "spouse", "spouse name", "securite sociale", "sécurité sociale",
			// National identifiers of more countries, and personal data in
			// other languages.
			"ahv", "ahv nummer", "ppsn", "personalausweis", "personalausweisnummer",
			"ausweisnummer", "steuernummer", "steueridentifikationsnummer",
			"sozialversicherungsnummer", "fodselsnummer", "fødselsnummer",
			"burgerservicenummer", "rijksregisternummer", "henkilotunnus", "henkilötunnus",
			"license plate", "licence plate", "number plate",
			"geburtstag", "geburtsort", "geboren", "anschrift", "adresse", "vorname", "nachname",
			"prenom", "prénom", "apellido", "apellidos", "cognome", "direccion", "dirección",
			"indirizzo", "endereco", "endereço", "adres", "correo electronico", "correo electrónico",
			"handynummer", "mobilnummer",
			// Advertising identifiers of mobile devices, and a device's
			// hardware address.
			"idfa", "idfv", "gaid", "aaid", "mac address", "mac addr",
			// National identifiers by the names their countries give them:
			// the UK's National Insurance number, France's NIR, Spain's
			// NIE, Canada's SIN, the US ITIN, India's PAN card.
			"national insurance", "nir", "nie", "sin number", "social insurance",
			"itin", "pan card", "pan number", "permanent account number",
			// The US SSN by its name, which the ssn detector masks too.
			"social security", "social security number",
			// The word telephone in other languages.
			"telefon", "telefono", "telefone", "telefonnummer", "teléfono", "téléphone",
			"handy", "movil", "móvil", "celular", "cellulare", "natel",
			// Data concerning health (Article 9), as health records name it.
			"diagnosis", "medical condition", "medication", "prescription", "medical record",
			"medical record number", "mrn", "patient name", "icd10",
		},
		Detectors: []Detector{DetectEmail, DetectSpelledEmail, DetectWordedEmail, DetectSSN, DetectCardNumber, DetectPhone, DetectIBAN, DetectIPAddress, DetectNationalID, DetectStreetAddress, DetectURLUserinfo},
	}

	// CCPA covers personal information under Cal. Civ. Code 1798.140(v):
	// identifiers (a real name among them), the date of birth, commercial,
	// biometric, geolocation and professional information, and the e-mail,
	// SSN, card-number, phone, IP-address and URL-credentials detectors.
	CCPA = Rule{
		Name: "ccpa",
		Terms: []string{
			"full name", "alias", "email", "phone", "address", "street", "postal code",
			"ssn", "driver license", "drivers license", "passport", "ip address",
			"device id", "account name", "account number", "card number",
			"biometric", "geolocation", "precise location", "purchase history",
			"browsing history", "employment", "education", "inferences", "tel",
			"cellphone", "cell phone", "whatsapp", "idfa", "idfv", "gaid", "aaid",
			"social security", "social security number", "itin",
			// A mobile telephone, and the telephone in other languages.
			"mobile", "mobile phone", "mobile number", "telephone", "telefon", "telefono", "telefone",
			"teléfono", "téléphone", "handy", "movil", "móvil", "celular", "cellulare", "natel",
			// A real name (1798.140(v)(1)(A)) by its parts, and under a
			// key that says whose it is.
			"first name", "last name", "given name", "surname", "family name", "middle name",
			"maiden name", "legal name", "customer name", "client name", "contact name",
			"person name", "employee name", "recipient name", "sender name", "account holder",
			"account holder name", "billing name", "shipping name",
			// The date of birth: age is a protected classification
			// (1798.140(v)(1)(C)).
			"dob", "date of birth", "birthdate", "birth date", "birthday", "born",
			// A bank account number (1798.80(e)), as banks write it.
			"iban", "bank account", "bank account number",
		},
		Detectors: []Detector{DetectEmail, DetectSpelledEmail, DetectWordedEmail, DetectSSN, DetectCardNumber, DetectPhone, DetectIPAddress, DetectIBAN, DetectStreetAddress, DetectURLUserinfo},
	}

	// ContactInfo covers contact details only: e-mail, phone, postal
	// address, with the e-mail and phone detectors (a URL's credentials
	// are no contact detail: combine with Credentials or another preset).
	ContactInfo = Rule{
		Name: "contactinfo",
		Terms: []string{
			"email", "e mail", "phone", "phone number", "mobile", "telephone",
			"fax", "address", "street", "postal code", "postcode", "zip", "tel",
			"cellphone", "cell phone", "whatsapp",
			"telefon", "telefono", "telefone", "telefonnummer", "teléfono", "téléphone",
			"handy", "movil", "móvil", "celular", "cellulare", "natel",
		},
		Detectors: []Detector{DetectEmail, DetectSpelledEmail, DetectWordedEmail, DetectPhone, DetectStreetAddress},
	}
)

// Presets maps preset names, as used in configuration, to presets.
var Presets = map[string]Rule{
	"credentials": Credentials,
	"pcidss":      PCIDSS,
	"hipaa":       HIPAA,
	"gdpr":        GDPR,
	"ccpa":        CCPA,
	"contactinfo": ContactInfo,
}

package redact_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestCardCodesAndPINs: a card's PIN under card_pin, and a card code whose
// word ends a key longer than 64 letters, are masked; a password after
// "for <user>:" and a tab is masked as after a space.
func TestCardCodesAndPINs(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		{"card_pin 7305", "card_pin [REDACTED]"},
		{"atm-pin 7305", "atm-pin [REDACTED]"},
		{"card_pin 73", "card_pin 73"},
		{strings.Repeat("y", 70) + "_cvc 902", strings.Repeat("y", 70) + "_cvc [REDACTED]"},
		// The code's word at the start of a long key is past the 64 letters read.
		{"cvc_" + strings.Repeat("y", 70) + " 902", "cvc_" + strings.Repeat("y", 70) + " 902"},
	})
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"password for replicator:\tQm7vTz2wLk", "password for replicator:\t[REDACTED]"},
		{"password for replicator: Qm7vTz2wLk", "password for replicator: [REDACTED]"},
	})
}

// TestNamedParameterValue: a parameter store's command names the secret
// with --name and gives it with --value; a --value whose name names no
// secret is kept.
func TestNamedParameterValue(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"aws ssm put-parameter --name /svc/payments/api_key --value Lw0xR5nTq8Vz --type SecureString",
			"aws ssm put-parameter --name /svc/payments/api_key --value [REDACTED] --type SecureString"},
		{`aws ssm put-parameter --name "/svc/smtp/password" --value "Lw0xR5nTq8Vz" --overwrite`,
			`aws ssm put-parameter --name "/svc/smtp/password" --value "[REDACTED]" --overwrite`},
		{"aws ssm put-parameter --name=/svc/ci/token --value=Lw0xR5nTq8Vz",
			"aws ssm put-parameter --name=/svc/ci/token --value=[REDACTED]"},
		{"aws ssm put-parameter --name /svc/payments/max_retries --value 12 --type String",
			"aws ssm put-parameter --name /svc/payments/max_retries --value 12 --type String"},
		// A name that describes a secret without holding it.
		{"aws ssm put-parameter --name /svc/ci/token_ttl --value 3600", "aws ssm put-parameter --name /svc/ci/token_ttl --value 3600"},
	})
}

// TestSecretFromStdin: the commands that store a secret read it from the
// standard input when no value is given: the echoed or here-string value
// is masked; a command that stores nothing is left.
func TestSecretFromStdin(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"npx wrangler secret put STRIPE_KEY <<< Pq4mZ8xLw2Rt", "npx wrangler secret put STRIPE_KEY <<< [REDACTED]"},
		{"echo Pq4mZ8xLw2Rt | npx wrangler secret put STRIPE_KEY", "echo [REDACTED] | npx wrangler secret put STRIPE_KEY"},
		{"printf %s Pq4mZ8xLw2Rt | vercel env add SMTP_PASSWORD preview", "printf %s [REDACTED] | vercel env add SMTP_PASSWORD preview"},
		{"echo Pq4mZ8xLw2Rt | gh secret set NPM_TOKEN --repo org/app", "echo [REDACTED] | gh secret set NPM_TOKEN --repo org/app"},
		{"echo Pq4mZ8xLw2Rt | fly secrets import", "echo [REDACTED] | fly secrets import"},
		{"echo token-rotation-done | wrangler deploy", "echo token-rotation-done | wrangler deploy"},
	})
}

// TestLftpUser: lftp takes the password after a comma in -u's argument.
func TestLftpUser(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"lftp -u deploy,Hq2vN8mZxL sftp://files.example.net", "lftp -u deploy,[REDACTED] sftp://files.example.net"},
		{"lftp -u deploy sftp://files.example.net", "lftp -u deploy sftp://files.example.net"},
		// No user before the comma: the password is still there.
		{"lftp -u ,Hq2vN8mZxL sftp://files.example.net", "lftp -u ,[REDACTED] sftp://files.example.net"},
		{"ssh -u deploy,ops host", "ssh -u deploy,ops host"},
	})
}

// TestCardCodeInProse: a card code of three or four digits after "is" or
// "was" is masked, as after a colon.
func TestCardCodeInProse(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		{"cvv2 is 618", "cvv2 is [REDACTED]"},
		{"the cvc was 5094 on the retry", "the cvc was [REDACTED] on the retry"},
		{"security code is 77", "security code is 77"},
		{"cvv check is on", "cvv check is on"},
	})
}

// TestXMLEmptyPrefix: an element whose namespace prefix is empty is still
// read as an element named by its key.
func TestXMLEmptyPrefix(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"<:password>Nm4rT8vQx</:password>", "<:password>[REDACTED]</:password>"},
		{"<ns:token>Nm4rT8vQx</ns:token>", "<ns:token>[REDACTED]</ns:token>"},
	})
}

// TestUsageBracketMetavar: a flag's value named in square brackets in a
// usage line is kept whole.
func TestUsageBracketMetavar(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"usage: deploy --token [token] --env [env]", "usage: deploy --token [token] --env [env]"},
		{"usage: deploy --password [PASSWORD]", "usage: deploy --password [PASSWORD]"},
		{"deploy --token [Vx7qLm2Zp9", "deploy --token [REDACTED]"},
	})
}

// TestSMBUserAndQuotedP: smbclient's --user=user%password (any case of
// --user), and a quoted or '='-joined password after a command line's -p
// when it names a user.
func TestSMBUserAndQuotedP(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"smbclient //nas/backup --user=ops%Wq4zP9mLx2", "smbclient //nas/backup --user=ops%[REDACTED]"},
		{"smbclient //nas/backup --user ops%Wq4zP9mLx2", "smbclient //nas/backup --user ops%[REDACTED]"},
		{"smbget --USER=ops%Wq4zP9mLx2 smb://nas/f", "smbget --USER=ops%[REDACTED] smb://nas/f"},
		{"smbclient -L nas -N --user guest", "smbclient -L nas -N --user guest"},
		{"smbclient //nas/s -U %USERNAME%", "smbclient //nas/s -U %USERNAME%"},
		{"mysql -u app -p'Wq4zP9mLx2' orders", "mysql -u app -p'[REDACTED]' orders"},
		{`mysql -u app -p"Wq4zP9mLx2" orders`, `mysql -u app -p"[REDACTED]" orders`},
		{"mysql -u app -p=Wq4zP9mLx2", "mysql -u app -p=[REDACTED]"},
		{"mysql -u app -p= orders", "mysql -u app -p= orders"},
	})
}

// TestTermEndingInDigit: a term that ends with a digit is found as a key
// in text, as any term.
func TestTermEndingInDigit(t *testing.T) {
	requirePairs(t, redact.Must(redact.Rule{Name: "t", Terms: []string{"x9"}}), []pairCase{
		{"x9=Vb7nQ2wLz", "x9=[REDACTED]"},
		{"myX9=Vb7nQ2wLz", "myX9=[REDACTED]"},
		{"x91=Vb7nQ2wLz", "x91=Vb7nQ2wLz"},
	})
	requirePairs(t, redact.Must(redact.Rule{Name: "t", Terms: []string{"ab1"}}), []pairCase{
		{"ab1=Vb7nQ2wLz", "ab1=[REDACTED]"},
	})
}

// TestMarkerTokenAtTextStart: a token found around its marker (an OpenAI
// key's T3BlbkFJ, an Atlas token's .atlasv1.) is masked alone when it
// starts the text or follows other words, the text after it kept.
func TestMarkerTokenAtTextStart(t *testing.T) {
	tok := "abcdefghijklmnopqrstuvwxT3BlbkFJabcdefghijklmnopqrstuvwx"
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{tok + " tail", "[REDACTED] tail"},
		{"key " + tok + " tail", "key [REDACTED] tail"},
		{"abcdefghijklmnopqrst.atlasv1.abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789 tail", "[REDACTED] tail"},
	})
}

// TestFallbackWithoutSpaces: a default after || or ?? is masked with or
// without spaces around the operator.
func TestFallbackWithoutSpaces(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{`const conf = process.env.DB_PASSWORD||"Rk8mW2qZx";`, `const conf = process.env.DB_PASSWORD||"[REDACTED]";`},
		{`conf = env.API_TOKEN??'Rk8mW2qZx'`, `conf = env.API_TOKEN??'[REDACTED]'`},
		// The operator glued to an assigned value: the default is masked too.
		{`token = env.API_TOKEN??'Rk8mW2qZx'`, `token = [REDACTED]'[REDACTED]'`},
		{`token = env.API_TOKEN||"Rk8mW2qZx"`, `token = [REDACTED]||"[REDACTED]"`},
		{`process.env.JWT_SECRET || "Rk8mW2qZx"`, `process.env.JWT_SECRET || "[REDACTED]"`},
		{`if (tokenA||tokenB) {`, `if (tokenA||tokenB) {`},
		{`ENV.fetch("DB_PASSWORD"){"x"}`, `ENV.fetch("DB_PASSWORD"){"x"}`},
	})
}

// TestOrdinaryKeyWords: "key" after a word that names an ordinary key (a
// duplicate key in a database error, a region key) is no secret; after a
// vendor's name it is.
func TestOrdinaryKeyWords(t *testing.T) {
	r := redact.Must(redact.Credentials)
	requirePairs(t, r, []pairCase{
		{"E11000 duplicate key error collection: shop.carts index: sku_1 dup key: { sku: \"A-77\" }",
			"E11000 duplicate key error collection: shop.carts index: sku_1 dup key: { sku: \"A-77\" }"},
		{"region_key=ap-south", "region_key=ap-south"},
		{"stripe_key=Lm3vQ8zWx2", "stripe_key=[REDACTED]"},
	})
}

// TestStoreIsMetadata: a term followed by "store" names where secrets are
// kept, not a secret.
func TestStoreIsMetadata(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, k := range []string{"secret_store", "tokenStore", "credential_store"} {
		if _, mask := r.Scalar(nil, k, slog.StringValue("vault-prod")); mask {
			t.Errorf("key %q masks its value", k)
		}
	}
	requirePairs(t, r, []pairCase{{"secret_store=vault-prod", "secret_store=vault-prod"}})
}

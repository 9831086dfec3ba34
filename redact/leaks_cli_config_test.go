package redact_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestSNMPCommunitiesMasked: an SNMP community is a password (public too:
// it grants reads), on Net-SNMP's command lines after -c, with SNMPv3's
// passphrases after -A and -X, and in snmpd.conf and Cisco IOS lines.
func TestSNMPCommunitiesMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"snmpwalk -c", "snmpwalk -v2c -c Nq4comm7 198.51.100.20 IF-MIB::ifDescr",
			[]string{"Nq4comm7"}, []string{"snmpwalk -v2c -c ", " 198.51.100.20 IF-MIB::ifDescr"}},
		{"public is a community too", "exec: snmpget -v 1 -c public core-sw2 sysUpTime.0",
			[]string{"public"}, []string{"core-sw2 sysUpTime.0"}},
		{"glued -c", "/usr/bin/snmpbulkwalk -v2c -cRz8mon -Cr25 10.8.0.1",
			[]string{"Rz8mon"}, []string{"-Cr25 10.8.0.1"}},
		{"quoted community", `snmpset -v2c -c "rw comm 9" 10.0.0.7 sysContact.0 s ops`,
			[]string{"rw comm 9"}, []string{"sysContact.0 s ops"}},
		{"v3 passphrases", "snmpget -v3 -l authPriv -u nms -a SHA -A Kx7authPhrase -x AES -X Ty2privPhrase sysName.0",
			[]string{"Kx7authPhrase", "Ty2privPhrase"}, []string{"-u nms -a SHA", "-x AES"}},
		{"inside a quoted shell command", "ssh poller 'snmpwalk -v2c -c Hb5ro 10.2.0.1' && bash -c uptime",
			[]string{"Hb5ro"}, []string{"&& bash -c uptime"}},
		{"snmpd.conf rocommunity", "rocommunity Fw3read 10.0.0.0/8",
			[]string{"Fw3read"}, []string{"10.0.0.0/8"}},
		{"snmpd.conf com2sec", "com2sec readonly default Lp6mon",
			[]string{"Lp6mon"}, []string{"com2sec readonly default "}},
		{"cisco", "snmp-server community Gt5Rd RO 10",
			[]string{"Gt5Rd"}, []string{" RO 10"}},
	})
	requireWholeKept(t, nil, []string{
		"snmpwalk -v2c -c $SNMP_COMMUNITY 10.0.0.1",
		"bash -c 'snmpwalk -h' -c foo",
		"gcc -c main.c -o main.o",
		"community string rotated by ops",
	})
}

// TestMinIOAliasKeysMasked: mc alias set (and the older mc config host
// add) takes the access key and the secret key as its last two arguments.
func TestMinIOAliasKeysMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"alias set", "mc alias set backup https://s3.backup.example.net ZK4QX8N2LW7RT5VY3HMC Vb7+Lq2Wz9Kd4Nx8Tc1Hm6Ys3Pf0Rj5Ge2Ua",
			[]string{"ZK4QX8N2LW7RT5VY3HMC", "Vb7+Lq2Wz9Kd4Nx8Tc1Hm6Ys3Pf0Rj5Ge2Ua"}, []string{"mc alias set backup https://s3.backup.example.net "}},
		{"default credentials too", "mc alias set local http://127.0.0.1:9000 minioadmin minioadmin --api S3v4",
			[]string{"minioadmin minioadmin"}, []string{"http://127.0.0.1:9000", "--api S3v4"}},
		{"config host add", "mc config host add store https://minio.internal:9000 app-reader Qw8Er4Ty2Ui6Op0As",
			[]string{"app-reader", "Qw8Er4Ty2Ui6Op0As"}, []string{"https://minio.internal:9000"}},
	})
	requireWholeKept(t, nil, []string{
		"mc alias set local http://127.0.0.1:9000 $MINIO_USER $MINIO_PASS",
		"mc ls backup/daily --recursive",
		"mc alias list",
	})
}

// TestShopifyHmacMasked: an hmac names a signature as signature does: in a
// query string, as a header and as a key. The MAC a verifier expected is
// masked too: it is a valid MAC of the message, a forgery for whoever
// reads the log.
func TestShopifyHmacMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"query", "GET /auth/callback?code=x&hmac=4b0e9a7c1d3f5e8a2b6c0d4e7f9a1b3c5d8e0f2a4b6c9d1e3f5a7b0c2d4e6f8a&shop=tea-shop.myshopify.com&timestamp=1733011200",
			[]string{"4b0e9a7c1d3f5e8a2b6c0d4e7f9a1b3c"}, []string{"shop=tea-shop.myshopify.com&timestamp=1733011200"}},
		{"header", "X-Shopify-Hmac-Sha256: c2hvcGlmeSB3ZWJob29rIHNpZ25hdHVyZQ==",
			[]string{"c2hvcGlmeSB3ZWJob29rIHNpZ25hdHVyZQ=="}, []string{"X-Shopify-Hmac-Sha256: "}},
		{"expected mac", "verify signature: expected hmac=5e2d, got hmac=c0a1",
			[]string{"5e2d", "c0a1"}, []string{"verify signature: expected hmac="}},
	})
	requireWholeKept(t, nil, []string{
		"webhook verified with HMAC-SHA256 ok",
		"hmac_algorithm=HmacSHA256",
	})
}

// TestRAssignmentMasked: R assigns with <- and <<-; a key that names a
// secret gives its value so as with =.
func TestRAssignmentMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"quoted", `db_password <- "Cz5Rm8Kt2Wq"`, []string{"Cz5Rm8Kt2Wq"}, []string{"db_password <- "}},
		{"single quotes", `api_token <<- 'Ld9Xs3Hv7Nb'`, []string{"Ld9Xs3Hv7Nb"}, []string{"api_token <<- "}},
		{"bare", "secret <- Pf4Jk8Zq1Wm in config.R", []string{"Pf4Jk8Zq1Wm"}, []string{"in config.R"}},
	})
	requireWholeKept(t, nil, []string{
		"retries <- 3",
		"if tokens <-5 then stop",
		"x <- tokens + 1",
	})
}

// TestSecretSettingNameThenValue: a command that sets a secret by name
// gives the name and then the value: the value is masked, the name kept.
func TestSecretSettingNameThenValue(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"dotnet user-secrets", `dotnet user-secrets set "Smtp:Password" "Vr6Kp1Nz8Qw"`,
			[]string{"Vr6Kp1Nz8Qw"}, []string{`set \"Smtp:Password\"`}},
		{"connection string by name", `dotnet user-secrets set "ConnectionStrings:Orders" "Host=pg;Username=app;Password=Wb2Lc7Xe4Mt"`,
			[]string{"Wb2Lc7Xe4Mt", "Host=pg"}, []string{`set \"ConnectionStrings:Orders\"`}},
		{"double underscore", `user-secrets set 'Stripe__SecretKey' 'Yh5Dn9Ra3Uj'`,
			[]string{"Yh5Dn9Ra3Uj"}, []string{`Stripe__SecretKey`}},
	})
}

// TestKeyCommaValueMasked: a list that gives a key and then its value, as
// a WebSocket client passes a token in its subprotocols.
func TestKeyCommaValueMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"subprotocol", "Sec-WebSocket-Protocol: access_token, Tq3Wn8Zr5Ky1Lm7Xc", []string{"Tq3Wn8Zr5Ky1Lm7Xc"}, []string{"access_token, "}},
		{"auth-token", "subprotocols=auth-token, Jh6Gv2Bx9Nc4Pd8Qe ok", []string{"Jh6Gv2Bx9Nc4Pd8Qe"}, []string{" ok"}},
	})
	requireWholeKept(t, nil, []string{
		"Sec-WebSocket-Protocol: graphql-ws, graphql-transport-ws",
		"fields: access_token, refresh_token, expires_in",
		"scopes: id_token, profile",
	})
}

// TestSNMPManyCommandsMasked: the community after a long line of many
// SNMP commands is masked. BenchmarkSNMPManyCommands measures that each
// command costs a bounded search.
func TestSNMPManyCommandsMasked(t *testing.T) {
	r := redact.Must(redact.Credentials)
	out, _ := r.String(strings.Repeat("snmpwalk -v2c ", 16000) + "-c Xq7comm host")
	require.NotContains(t, out, "Xq7comm")
}

// BenchmarkSNMPManyCommands redacts a line of n SNMP commands before a
// community: with a bounded search per command, ns/op grows as n does.
func BenchmarkSNMPManyCommands(b *testing.B) {
	r := redact.Must(redact.Credentials)
	for _, n := range []int{4000, 16000} {
		s := strings.Repeat("snmpwalk -v2c ", n) + "-c Xq7comm host"
		b.Run("commands="+strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for i := 0; i < b.N; i++ {
				r.String(s)
			}
		})
	}
}

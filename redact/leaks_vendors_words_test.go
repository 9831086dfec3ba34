package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestTicketAndUserTokensMasked: tokens that name themselves by a prefix
// or a shape: CAS tickets, PagerDuty user tokens, YouTrack permanent
// tokens, and Telegram bot tokens as Telegram's examples write them (34
// bytes after the colon) and as BotFather issues them (35).
func TestTicketAndUserTokensMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"telegram 34", "notify via 5829104736:AAGk3Lp9Qw2Zx7Vb4Nm8Rt1Yh6Jd0Fs5Ce",
			[]string{"AAGk3Lp9Qw2Zx7Vb4Nm8Rt1Yh6Jd0Fs5Ce", "5829104736:"}, []string{"notify via "}},
		{"telegram 35", "TELEGRAM_BOT=6193847205:AAEr5Tz8Kq1Wm4Xn7Pb2Lc9Vd3Hg6Jf0Ys7",
			[]string{"AAEr5Tz8Kq1Wm4Xn7Pb2Lc9Vd3Hg6Jf0Ys7"}, nil},
		{"cas service ticket", "validated ST-4471-Qm8rTz2KpL5wXv9NcB3d-sso.corp.example ok",
			[]string{"Qm8rTz2KpL5wXv9NcB3d"}, []string{"validated ", " ok"}},
		{"cas upper-case ticket", "serviceValidate ST-12-KJHSDFUWEYRQWEPOIZXCMNB8472-cas01",
			[]string{"KJHSDFUWEYRQWEPOIZXCMNB8472"}, []string{"serviceValidate "}},
		{"cas ticket-granting", "SSO session TGT-9-pR4vYx7Zq-2MnK8sLw5Tb3HjD6cFg1-ip-10-2-3-4 created",
			[]string{"pR4vYx7Zq-2MnK8sLw5Tb3HjD6cFg1"}, []string{"SSO session ", " created"}},
		{"cas proxy granting", "PGTIOU-3-Wn6yHt2Rk9LpQ4vZx8Bc-cas.example.org",
			[]string{"Wn6yHt2Rk9LpQ4vZx8Bc"}, nil},
		{"pagerduty user token", "pd client using u+Hs8Kd3Lq7Wz2Xv5Nb9 for on-call sync",
			[]string{"Hs8Kd3Lq7Wz2Xv5Nb9"}, []string{"pd client using ", " for on-call sync"}},
		{"pagerduty in header", `-H "Authorization: Token token=u+Rq4Lm7Zp2Xk9Vt5Nw1"`,
			[]string{"Rq4Lm7Zp2Xk9Vt5Nw1"}, nil},
		{"youtrack permanent", "YT client perm:amFuZS5yb2U=.NTItNw==.Tg5Kq2Wz8Lp3Vx7Nb4Mc1Rd6Yh0Jf",
			[]string{"Tg5Kq2Wz8Lp3Vx7Nb4Mc1Rd6Yh0Jf"}, []string{"YT client "}},
		{"youtrack dash form", "hub token perm-Ym9iLnNtaXRo.OTMtMTI=.Pq7Lk2Xw9Zr4Vt6Nb1Mc8Hd3Jf5Gs",
			[]string{"Pq7Lk2Xw9Zr4Vt6Nb1Mc8Hd3Jf5Gs"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"git checkout ST-1042-Add-OAuth2-Support-for-Login",
		"PT-2025-03-17-maintenance-window-notes",
		"ticket ST-88 moved to done",
		"glyph U+1F600 and u+00e9 rendered",
		"blob 9dG2/u+Hs8Kd3Lq7Wz2Xv5Nb9+Wq8Zx",
		"filter perm:read.write.admin applied",
		"1715938212:Archive_daily_snapshot_of_cluster_a",
	})
}

// TestKeyWordsInOtherLanguagesMasked: API key, secret and password as
// French, Spanish, Italian, Portuguese and German write them, as keys and
// in prose with the language's linking word.
func TestKeyWordsInOtherLanguagesMasked(t *testing.T) {
	requireTextCases(t, nil, []textCase{
		{"clé API colon", "clé API : Zr7Kq2Wm9Lx4", []string{"Zr7Kq2Wm9Lx4"}, []string{"clé API"}},
		{"la clé API est", "la clé API est Tb5Nw8Xq3Pz6", []string{"Tb5Nw8Xq3Pz6"}, nil},
		{"clave API", "clave API=Hj2Vc6Rt9Ks4", []string{"Hj2Vc6Rt9Ks4"}, nil},
		{"chiave API", "chiave API: Mf8Dg3Ly7Qw1", []string{"Mf8Dg3Ly7Qw1"}, nil},
		{"mot de passe est", "le mot de passe est Wx4Pl9Kz2Nb7", []string{"Wx4Pl9Kz2Nb7"}, nil},
		{"contraseña es", "la contraseña es Qs5Ej8Ty1Uv6", []string{"Qs5Ej8Ty1Uv6"}, nil},
		{"Passwort ist", "das Passwort ist Gk3Hm7Zr2Lc9", []string{"Gk3Hm7Zr2Lc9"}, nil},
		{"Passwort lautet", "Ihr neues Passwort lautet: Bn6Vf1Xs8Qp4", []string{"Bn6Vf1Xs8Qp4"}, nil},
		{"geheim", "geheim=Rd2Yt7Wq5Lm3", []string{"Rd2Yt7Wq5Lm3"}, nil},
		{"Geheimnis", "Geheimnis: Pw9Zx3Kc6Vn1", []string{"Pw9Zx3Kc6Vn1"}, nil},
		{"clave", "clave: Hs4Jd8Lf2Qa7", []string{"Hs4Jd8Lf2Qa7"}, nil},
		{"segreto", "segreto=Xc1Vb5Nm9Kj3", []string{"Xc1Vb5Nm9Kj3"}, nil},
	})
	out := handlerOutput(t, nil, func(l *slog.Logger) {
		l.Info("cfg", "clé_api", "Lq7Wm2Zx9Kc4", "chiaveAPI", "Fn3Td8Rw1Ys6", "clave_secreta", "Vp5Hb2Jk7Xg9",
			"geheimerSchlüssel", "Ue4Ci9Op1Aq5", "jeton", "My6Ns3Lt8Zr2", "region", "eu-west-3")
	})
	for _, s := range []string{"Lq7Wm2Zx9Kc4", "Fn3Td8Rw1Ys6", "Vp5Hb2Jk7Xg9", "Ue4Ci9Op1Aq5", "My6Ns3Lt8Zr2"} {
		require.NotContains(t, out, s)
	}
	require.Contains(t, out, `"region":"eu-west-3"`)
	requireTextKept(t, nil, []string{
		"GET https://api.example.org/v2/api status=200",
		"the api est. latency is 20ms",
		"la clé de cache est user:42",
	})
}

// TestAbbreviatedKeysMasked: keys that abbreviate token (refreshTok,
// accessTkn) or password (pswd, pword), and a SIM card's PIN and PUK.
func TestAbbreviatedKeysMasked(t *testing.T) {
	secrets := map[string]string{
		"refreshTok": "Kd8Lq3Zw7Xp2", "accessTkn": "Vm4Nc9Rt1Hs6", "id_tok": "Yb2Gf7Ej5Wk3",
		"sessionTok": "Pz6Qa1Lx8Dn4", "tkn": "Tc3Uv8Io2Rm7", "db_pswd": "Hq9Js4Kb6Wf1",
		"pword": "Xr5Ly2Mt8Ng3", "passwrd": "Cw7Ad1Zs4Ke9", "puk": "83920471", "sim_pin": "4826",
		"simPuk": "57201948",
	}
	out := handlerOutput(t, nil, func(l *slog.Logger) {
		var args []any
		for k, v := range secrets {
			args = append(args, k, v)
		}
		l.Info("login", append(args, "tok_count", 812, "tkn_version", "0.38.1")...)
	})
	for k, v := range secrets {
		require.NotContains(t, out, v, k)
	}
	require.Contains(t, out, `"tok_count":812`)
	require.Contains(t, out, `"tkn_version":"0.38.1"`)
	require.Contains(t, out, redact.DefaultMask)
}

// TestMoreKeyFormatsMasked: OpenVPN's shared keys in their PEM armour,
// and tokens that name themselves: Intercom (base64 of "tok:"), ClickUp,
// Trello and Elastic.
func TestMoreKeyFormatsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"openvpn static key", "-----BEGIN OpenVPN Static key V1-----\n9b1c7e2f40a35d86c2e1f07b94d3a6e5\nd27f3c81a0b64e59f1c2d3e4a5b6c7d8\n-----END OpenVPN Static key V1-----",
			[]string{"9b1c7e2f40a35d86c2e1f07b94d3a6e5", "d27f3c81a0b64e59f1c2d3e4a5b6c7d8"}, nil},
		{"openvpn tls-crypt-v2", "<tls-crypt-v2>\n-----BEGIN OpenVPN tls-crypt-v2 client key-----\nq8Zk3Lw7Xv2Nc5Rt9Yb1Hm4Jd6Fs0Pa3Ge7Ui2Oy5Tw8Er1Qz4Lx9Kc6Vb3Nm7\n-----END OpenVPN tls-crypt-v2 client key-----\n</tls-crypt-v2>",
			[]string{"q8Zk3Lw7Xv2Nc5Rt9Yb1Hm4Jd6Fs0Pa3Ge7Ui2Oy5Tw8Er1Qz4Lx9Kc6Vb3Nm7"}, []string{"<tls-crypt-v2>"}},
		{"intercom in a call", "client = Intercom::Client.new(token: ENV.fetch('X')) || Intercom(dG9rOjRkN2UyYTkxXzZiM2NfNDFlOF85ZjBhXzJjNWQ4ZTdiMWEzZjoxOjA=)",
			[]string{"dG9rOjRkN2UyYTkxXzZiM2Nf"}, nil},
		{"clickup", "sync via pk_40817263_K7QX2WZ9M4LD8RT3VN6BY1HC5JF0PGSE done",
			[]string{"K7QX2WZ9M4LD8RT3VN6BY1HC5JF0PGSE"}, []string{"sync via ", " done"}},
		{"trello", "board sync ATTA3e9b7c1d5f2a8e4b6c0d9f1a3e5b7c2d4f6a8b0c1e3d5f7a9b2c4e6d8f0a1b3c5d7e9f2A4B6C8D0 ok",
			[]string{"3e9b7c1d5f2a8e4b6c0d9f1a3e5b7c2d"}, []string{"board sync ", " ok"}},
		{"elastic", "es client essu_S2pZd1R4b0JQM2xNZzVhUXFXOnZ6RWxMM3NRTkxhZjJHV0p4YkNrUlE= ready",
			[]string{"S2pZd1R4b0JQM2xNZzVhUXFX"}, []string{"es client ", " ready"}},
	})
	requireWholeKept(t, nil, []string{
		"-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJ3\n-----END CERTIFICATE-----",
		"ATTACHMENTS_UPLOADED_FOR_THE_NIGHTLY_EXPORT_OF_THE_WAREHOUSE_TABLES count=3",
		"pk_live_disabled and pk_12_short",
	})
}

// TestLinkingWordsOfOtherLanguagesKeepEnglish: the linking words of other
// languages that are also English words (war, era) link nothing.
func TestLinkingWordsOfOtherLanguagesKeepEnglish(t *testing.T) {
	requireTextKept(t, nil, []string{
		"the token war between clients caused 429s",
		"password era ended with passkeys",
	})
}

// TestKubernetesSubprotocolTokenMasked: kubectl and the Kubernetes API
// carry a bearer token in the WebSocket subprotocol, base64url-encoded:
// a static token too, not only a JWT.
func TestKubernetesSubprotocolTokenMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"static token", "Sec-WebSocket-Protocol: base64url.bearer.authorization.k8s.io.a3ViZWxldC1ib290c3RyYXA6WnE4V20yTHA5S3g3Vg, base64.binary.k8s.io",
			[]string{"a3ViZWxldC1ib290c3RyYXA6WnE4V20yTHA5S3g3Vg"}, []string{"base64.binary.k8s.io"}},
	})
	requireWholeKept(t, nil, []string{"Sec-WebSocket-Protocol: v4.channel.k8s.io, base64.binary.k8s.io"})
}

// TestSigningToolSecretKeysMasked: the secret keys of minisign and
// signify, the line after their untrusted comment; public keys stay.
func TestSigningToolSecretKeysMasked(t *testing.T) {
	minisign := "RWRTY0IyKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoOEhYaHiImKi4yNjo+QkZKTlJWWl5iZmpucnZ6foKGio6SlpqeoqaqrrK2ur7CxsrO0tba3uLm6u7y9vr/A"
	signify := "RWRCSwAAACo8PT4/QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoOEhYaHiImKi4yNjo+QkZKTlJWWl5iZmpuc"
	requireWholeCases(t, nil, []textCase{
		{"minisign", "untrusted comment: minisign encrypted secret key\n" + minisign, []string{minisign[:40], minisign[100:140]}, []string{"untrusted comment: "}},
		{"signify", "untrusted comment: signify secret key\n" + signify, []string{signify[:40], signify[90:130]}, []string{"untrusted comment: "}},
	})
	requireWholeKept(t, nil, []string{"untrusted comment: minisign public key 5D1E\nRWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"})
}

package redact_test

import "testing"

// TestBackendCredentialFormsMasked: the credentials a backend's logs carry
// in the forms its tools, drivers and runtimes write them.
func TestBackendCredentialFormsMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"escaped json in a message", `request body: {\"login\":\"ops\",\"password\":\"Vq7#Lm2Zx9\"}`,
			[]string{"Vq7#Lm2Zx9"}, []string{`login\`, `ops\`}},
		{"url encoded form", "POST /login body=login%3Dops%26password%3DTz4Wn8Kq2%26keep%3D1",
			[]string{"Tz4Wn8Kq2"}, []string{"login%3Dops%26password%3D", "%26keep%3D1"}},
		{"url encoded json", "payload=%7B%22login%22%3A%22ops%22%2C%22secret%22%3A%22Bd6Hs1Pv3%22%7D",
			[]string{"Bd6Hs1Pv3"}, []string{"%22login%22%3A%22ops%22"}},
		{"ado.net", "Server=sql-7.internal;Database=ledger;User Id=svc_ledger;Password=Gk2Rw7Mz5;TrustServerCertificate=True",
			[]string{"Gk2Rw7Mz5"}, []string{"Server=sql-7.internal;Database=ledger;User Id=svc_ledger;Password=", ";TrustServerCertificate=True"}},
		{"odbc pwd", "Driver={ODBC Driver 18 for SQL Server};Server=tcp:sql-7,1433;Uid=etl;Pwd=Np5Qc8Xj1;Encrypt=yes",
			[]string{"Np5Qc8Xj1"}, []string{"Uid=etl;Pwd=", ";Encrypt=yes"}},
		{"jdbc password param", "jdbc:postgresql://pg-2.internal:5432/ledger?user=etl&password=Hw3Ly6Tb9&sslmode=verify-full",
			[]string{"Hw3Ly6Tb9"}, []string{"user=etl&password=", "&sslmode=verify-full"}},
		{"mongo srv", "connecting to mongodb+srv://etl:Kd8Fq3Vn6@cluster7.xq4zt.mongodb.net/ledger?retryWrites=true",
			[]string{"Kd8Fq3Vn6"}, []string{"@cluster7.xq4zt.mongodb.net/ledger?retryWrites=true"}},
		{"redis auth", "redis 10.2.0.7:6379> AUTH Zm4Pc9Wr2", []string{"Zm4Pc9Wr2"}, []string{"redis 10.2.0.7:6379> AUTH "}},
		{"redis-cli -a", "redis-cli -h cache-3 -p 6380 -a Jt7Xb2Ns5 INFO", []string{"Jt7Xb2Ns5"}, []string{"redis-cli -h cache-3 -p 6380 -a ", " INFO"}},
		{"amqp uri", "dial amqps://billing:Qs1Vk6Hd4@mq-2.internal:5671/prod failed",
			[]string{"Qs1Vk6Hd4"}, []string{"@mq-2.internal:5671/prod failed"}},
		{"proxy-authorization", "Proxy-Authorization: Basic b3BzOlRyOUx6NFdxNw==", []string{"b3BzOlRyOUx6NFdxNw=="}, []string{"Proxy-Authorization: "}},
		{"set-cookie", "Set-Cookie: sid=Rb5Kw2Lx8Vn3Qz; Path=/; HttpOnly; Secure", []string{"Rb5Kw2Lx8Vn3Qz"}, []string{"Set-Cookie: ", "; Path=/; HttpOnly"}},
		{"kubernetes secret data", "kind: Secret\ndata:\n  password: UXM0V2s5THoy\n  api-token: VGs3Qm4xWHA=\n",
			[]string{"UXM0V2s5THoy", "VGs3Qm4xWHA="}, []string{"kind: Secret"}},
		{"pgpass line", "pg-2.internal:5432:ledger:etl:Lv6Dq1Zs8", []string{"Lv6Dq1Zs8"}, []string{"pg-2.internal:5432:ledger:etl:"}},
		{"netrc", "machine git.internal.example\n  login ci\n  password Wc3Np8Hk5\n", []string{"Wc3Np8Hk5"}, []string{"machine git.internal.example"}},
		{"htpasswd bcrypt", "ops:$2y$10$Vq5PzLk8Wr1Xn3Tb6Hs9JuMd2Fc4Gy7Ka0Eo5Ri8Ql1Sn3Tv6Wx9",
			[]string{"Vq5PzLk8Wr1Xn3Tb6Hs9JuMd2Fc4"}, []string{"ops:"}},
		{"docker login -p", "docker login -u deployer -p Fx2Jw7Qm4 registry.internal.example",
			[]string{"Fx2Jw7Qm4"}, []string{"docker login -u deployer -p ", " registry.internal.example"}},
		{"git clone userinfo", "git clone https://deployer:Ys9Hc4Lb1@git.internal.example/ops/infra.git",
			[]string{"Ys9Hc4Lb1"}, []string{"@git.internal.example/ops/infra.git"}},
		{"go map", "invalid config: map[host:pg-2 password:Mq8Tz3Kw6 port:5432]", []string{"Mq8Tz3Kw6"}, []string{"host:pg-2", "port:5432]"}},
		{"go struct %+v", "config: {Host:pg-2 User:etl Password:Nd4Xr9Vp2 Port:5432}", []string{"Nd4Xr9Vp2"}, []string{"Host:pg-2 User:etl Password:", " Port:5432}"}},
		{"python dict", "ValueError: bad settings {'user': 'etl', 'password': 'Pg7Wb2Ls5'}", []string{"Pg7Wb2Ls5"}, []string{"'user': 'etl'"}},
		{"java toString", "IllegalStateException: DbConfig{user='etl', password='Hb1Zq6Xn3', host='pg-2'}", []string{"Hb1Zq6Xn3"}, []string{"user='etl'", "host='pg-2'"}},
	})
}

// TestCutJSONKeysMasked: a JSON member whose key lost its opening quote,
// the text going on from the middle of an object (a body cut at its
// start, a query parameter holding a piece of one, percent-encoded or
// not), and JSON encoded as a form field writes spaces as '+'.
func TestCutJSONKeysMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"cut key", `body (truncated): password":"Kx4Vb8Nw2","remember":true}`,
			[]string{"Kx4Vb8Nw2"}, []string{`remember`, `true}`}},
		{"cut key with space", `…api_key": "Wd7Lq3Zt9", "region": "eu"`,
			[]string{"Wd7Lq3Zt9"}, []string{`region`}},
		{"cut key escaped", `log={\"a\":1} tail: secret\":\"Hr5Jm1Xc6\"}`,
			[]string{"Hr5Jm1Xc6"}, []string{`tail: secret`}},
		{"cut key percent encoded", "GET /search?f=pass%22%3A%22Tn2Qw7Bv4%22%2C%22x%22%3A1",
			[]string{"Tn2Qw7Bv4"}, []string{"GET /search?f=pass%22%3A%22", "%22%2C%22x%22%3A1"}},
		{"form encoded json plus", "data=%7B%22login%22%3A+%22ops%22%2C+%22password%22%3A+%22Gm6Ks1Ry8%22%7D",
			[]string{"Gm6Ks1Ry8"}, []string{"%22login%22%3A+%22ops%22"}},
	})
	requireWholeKept(t, nil, []string{
		`cut: name":"ledger","owner":"ops"}`,
		`she typed password" and left`,
		`std::string token":: is no member`,
		`sort=name%22%3A+%22asc%22`,
		"q=a+%2B+b",
		`message":"user logged in","level":"info"}`,
	})
}

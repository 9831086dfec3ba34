package redact_test

import "testing"

// TestFlagValueAfterLineContinuation: a tool's password flag whose value
// a shell script writes on the next line, after a backslash.
func TestFlagValueAfterLineContinuation(t *testing.T) {
	requireSpelled(t, nil, []spelledCase{
		{"sshpass -p \\\n    Lr7vQe2Xn ssh deploy@web3", "Lr7vQe2Xn", []string{"sshpass -p", "ssh deploy@web3"}},
		{"sshpass -p\\\n  Lr7vQe2Xn scp a b", "Lr7vQe2Xn", []string{"scp a b"}},
		{"curl -u ops:\\\n  Lr7vQe2Xn https://ci.example.org", "Lr7vQe2Xn", []string{"https://ci.example.org"}},
		{"curl --user ops:\\\n\tLr7vQe2Xn -sS https://ci.example.org", "Lr7vQe2Xn", []string{"-sS https://ci.example.org"}},
		{"curl -u \\\n  ops:Lr7vQe2Xn https://ci.example.org", "Lr7vQe2Xn", []string{"https://ci.example.org"}},
		{"mysql -uadmin -p\\\nLr7vQe2Xn orders", "Lr7vQe2Xn", []string{"orders"}},
		{"mysql -u admin -p \\\n  Lr7vQe2Xn orders", "Lr7vQe2Xn", []string{"orders"}},
		{"redis-cli -h cache1 -a \\\n  Lr7vQe2Xn ping", "Lr7vQe2Xn", []string{"ping"}},
		{"ldapsearch -x -D cn=admin -w \\\n  Lr7vQe2Xn -b dc=ex", "Lr7vQe2Xn", []string{"-b dc=ex"}},
		{"docker login -u ci -p \\\n  Lr7vQe2Xn registry.example.org", "Lr7vQe2Xn", []string{"registry.example.org"}},
		{"smbclient //fs1/share -U \\\n  CORP\\ops%Lr7vQe2Xn -c ls", "Lr7vQe2Xn", []string{"-c ls"}},
		// A flag alone before the continuation, then another flag: no value.
		{"mysql -u admin -p \\\n  --database=orders", "", nil},
		{"sshpass -p \\\n  -f /run/pw ssh h", "", nil},
	})
}

// TestCurlCookieFlagMasked: curl's cookie flag written out (-b, --cookie)
// carries a session; a name alone is the file that holds the cookies.
func TestCurlCookieFlagMasked(t *testing.T) {
	requireSpelled(t, nil, []spelledCase{
		{"curl -b 'session=Zt4pWq81xKe' https://shop.example.org/cart", "Zt4pWq81xKe", []string{"https://shop.example.org/cart"}},
		{"curl -s -b sid=Zt4pWq81xKe https://shop.example.org/", "Zt4pWq81xKe", []string{"https://shop.example.org/"}},
		{`curl -b "lang=en; auth=Zt4pWq81xKe" https://shop.example.org/`, "Zt4pWq81xKe", []string{"https://shop.example.org/"}},
		{"curl --cookie 'PHPSESSID=Zt4pWq81xKe' https://shop.example.org/", "Zt4pWq81xKe", []string{"https://shop.example.org/"}},
		{"curl -b \\\n  sid=Zt4pWq81xKe https://shop.example.org/", "Zt4pWq81xKe", []string{"https://shop.example.org/"}},
		{"curl -b cookies.txt -c cookies.txt https://shop.example.org/", "", nil},
	})
}

// TestMongoShellPasswordFlagMasked: the MongoDB shells take the password
// in -p with or without a user flag before it.
func TestMongoShellPasswordFlagMasked(t *testing.T) {
	requireSpelled(t, nil, []spelledCase{
		{"mongo -p Hn5rYt2Kw admin", "Hn5rYt2Kw", []string{"admin"}},
		{"mongosh --host db2 -p Hn5rYt2Kw", "Hn5rYt2Kw", []string{"--host db2"}},
		{"mongosh -p /tmp/x", "", nil},
	})
}

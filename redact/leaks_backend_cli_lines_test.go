package redact_test

import "testing"

// TestBackendCLILinesMasked: the lines a backend engineer finds in a
// database's log, a shell's trace and a deploy job: statements that set
// a password, and the command lines of database, cache, cloud and
// deploy tools.
func TestBackendCLILinesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"postgres alter user", "LOG:  statement: ALTER USER billing WITH PASSWORD 'Nq5tX8wLk3';",
			[]string{"Nq5tX8wLk3"}, []string{"ALTER USER billing WITH PASSWORD '", "';"}},
		{"postgres create role", "LOG:  statement: CREATE ROLE auditor LOGIN PASSWORD 'Gv2mR7qZx4' VALID UNTIL '2027-01-01';",
			[]string{"Gv2mR7qZx4"}, []string{"CREATE ROLE auditor LOGIN PASSWORD '", "VALID UNTIL '2027-01-01'"}},
		{"postgres encrypted password of words", "statement: CREATE USER etl WITH ENCRYPTED PASSWORD 'amber fjord';",
			[]string{"amber fjord"}, []string{"CREATE USER etl WITH ENCRYPTED PASSWORD '"}},
		{"mysql identified by", "CREATE USER 'etl'@'%' IDENTIFIED BY 'Wd8kP3xQm6';",
			[]string{"Wd8kP3xQm6"}, []string{"CREATE USER 'etl'@'%' IDENTIFIED BY '"}},
		{"mysql identified with a plugin", "ALTER USER 'etl'@'localhost' IDENTIFIED WITH caching_sha2_password BY 'Wd8kP3xQm6';",
			[]string{"Wd8kP3xQm6"}, []string{"IDENTIFIED WITH caching_sha2_password BY '"}},
		{"redis config set", "redis-cli -h cache CONFIG SET requirepass Jx4vB9nLq2",
			[]string{"Jx4vB9nLq2"}, []string{"CONFIG SET requirepass "}},
		{"redis monitor config set", `1733200000.123 [0 10.1.2.3:50412] "CONFIG" "SET" "masterauth" "Jx4vB9nLq2"`,
			[]string{"Jx4vB9nLq2"}, []string{"CONFIG", "SET", "masterauth"}},
		{"redis monitor lower case", `"config" "set" "requirepass" "Tm6wQ1zRk8"`,
			[]string{"Tm6wQ1zRk8"}, []string{"config", "requirepass"}},
		{"kubectl from-literal", "kubectl create secret generic api --from-literal=password=Lc7nW2xQz5 -n prod",
			[]string{"Lc7nW2xQz5"}, []string{"--from-literal=password=", " -n prod"}},
		{"curl -u", "curl -fsS -u ci-bot:Rz3kM8wQv1 https://ci.example.com/api/json",
			[]string{"Rz3kM8wQv1"}, []string{"https://ci.example.com/api/json"}},
		{"curl authorization header", "curl -H 'Authorization: Bearer Yb5nT2wQx8Lk4Zm' https://api.example.com/v1/me",
			[]string{"Yb5nT2wQx8Lk4Zm"}, []string{"https://api.example.com/v1/me"}},
		{"curl basic header with padding", `curl -H "Authorization: Basic Y2k6UXg3dlIybVpwOUx3=" https://ci.example.com/api`,
			[]string{"Y2k6UXg3dlIybVpwOUx3"}, []string{"Authorization: ", " https://ci.example.com/api"}},
		{"curl basic header with padding before another header", `curl -H "Authorization: Basic Y2k6UXg3dlIybVpwOUx3=" -H "Accept: application/json" https://ci.example.com/api`,
			[]string{"Y2k6UXg3dlIybVpwOUx3"}, []string{`\" -H \"Accept: application/json`, " https://ci.example.com/api"}},
		{"wget password", "wget --user=ci --password=Pf8wL3qZn6 https://files.example.com/build.tgz",
			[]string{"Pf8wL3qZn6"}, []string{"--user=ci --password=", " https://files.example.com/build.tgz"}},
		{"sshpass", "sshpass -p Sq2vN7xLk4 ssh ops@10.20.0.7 uptime",
			[]string{"Sq2vN7xLk4"}, []string{"sshpass -p ", " ssh ops@10.20.0.7 uptime"}},
		{"htpasswd batch", "htpasswd -b /etc/nginx/.htpasswd grafana Hb6tQ1wZm9",
			[]string{"Hb6tQ1wZm9"}, []string{"htpasswd -b /etc/nginx/.htpasswd grafana "}},
		{"aws configure set", "aws configure set aws_secret_access_key Fq9wL2xRz7Tk4Nm8Vb3Yc6Hd1Jg5Sp0Ae7Uw --profile ci",
			[]string{"Fq9wL2xRz7Tk4Nm8Vb3Yc6Hd1Jg5Sp0Ae7Uw"}, []string{"aws configure set aws_secret_access_key "}},
		{"ansible extra vars", `ansible-playbook deploy.yml -e "ansible_password=Ax4mQ8wZt2"`,
			[]string{"Ax4mQ8wZt2"}, []string{"ansible-playbook deploy.yml -e ", "ansible_password="}},
		{"ansible extra vars of several pairs", "ansible-playbook deploy.yml -e 'ansible_become_password=Ax4mQ8wZt2 ansible_user=deploy'",
			[]string{"Ax4mQ8wZt2"}, []string{"ansible_become_password=", " ansible_user=deploy'"}},
		{"helm set", "helm upgrade --install api ./chart --set postgresql.auth.password=Hm3wR8qZx6 --set replicaCount=3",
			[]string{"Hm3wR8qZx6"}, []string{"--set postgresql.auth.password=", " --set replicaCount=3"}},
		{"docker run env", "docker run -d -e POSTGRES_PASSWORD=Dp5wQ2zLx9 -p 5432:5432 postgres:16",
			[]string{"Dp5wQ2zLx9"}, []string{"-e POSTGRES_PASSWORD=", " -p 5432:5432 postgres:16"}},
		{"terraform plan attribute", "  + resource \"aws_db_instance\" \"main\" {\n      + password = \"Tp7wQ3zLx1\"\n      + username = \"app\"\n    }",
			[]string{"Tp7wQ3zLx1"}, []string{"+ password = ", "+ username = "}},
		{"terraform plan change", `  ~ master_password = "Tp7wQ3zLx1" -> (sensitive value)`,
			[]string{"Tp7wQ3zLx1"}, []string{"~ master_password = ", " -> (sensitive value)"}},
		{"git credential output", "protocol=https\nhost=git.example.com\nusername=ci\npassword=Gt4wQ9zLx2",
			[]string{"Gt4wQ9zLx2"}, []string{"protocol=https", "host=git.example.com", "username=ci"}},
		{"git-credentials line", "https://ci:Gk8wQ3zLx5@git.example.com",
			[]string{"Gk8wQ3zLx5"}, []string{"@git.example.com"}},
	})
}

// TestBackendCLILinesKept: the same tools' lines that hold no secret.
func TestBackendCLILinesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		`"CONFIG" "SET" "maxmemory" "2gb"`,
		"CONFIG SET maxmemory-policy allkeys-lru",
		"LOG:  statement: ALTER USER billing VALID UNTIL 'infinity';",
		"helm upgrade --install api ./chart --set replicaCount=3 --set image.tag=1.4.2",
		"docker run -d -e TZ=Europe/Berlin -p 8080:8080 app:1.4",
		"kubectl get secret api -n prod -o yaml",
		"  + password = (sensitive value)",
		"ansible-playbook deploy.yml -e 'env=prod region=eu-west-1'",
		"aws configure set region eu-west-1 --profile ci",
		"protocol=https\nhost=git.example.com\nusername=ci",
	})
}

package redact_test

import "testing"

// TestTerraformReferencesKept: a Terraform reference after a key's '='
// names a value kept elsewhere and is kept; a quoted string or a value
// that only looks dotted is masked.
func TestTerraformReferencesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"password = var.replica_password",
		"db_password = local.generated_pw",
		"token = module.vault_bootstrap.root_token",
		"  secret_string = data.aws_secretsmanager_secret_version.app.secret_string",
		"master_password = random_password.aurora.result",
		"resource \"aws_db_instance\" \"x\" {\n  password = var.db_pw\n}",
	})
	requireWholeCases(t, nil, []textCase{
		{"quoted string literal", `password = "var.replica_password"`, []string{"var.replica_password"}, nil},
		{"capitalised namespace", "password = Var.q7Tm2Kx9", []string{"Var.q7Tm2Kx9"}, nil},
		{"dotted words without a namespace", "password = blue.horse.staple", []string{"blue.horse.staple"}, nil},
		{"two segments without a namespace", "api_token = xk_live.q7tm2kx9", []string{"xk_live.q7tm2kx9"}, nil},
		{"colon is no assignment of HCL", "password: var.replica_password", []string{"var.replica_password"}, nil},
		{"digits in a segment's start", "password = var.9lives", []string{"var.9lives"}, nil},
	})
}

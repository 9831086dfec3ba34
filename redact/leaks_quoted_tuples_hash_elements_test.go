package redact_test

import "testing"

// TestQuotedTupleKeysAndPerlHashElementsMasked: an Erlang or Elixir tuple
// whose key is a string or a binary, and the element of a Perl hash named
// by a key that names a secret.
func TestQuotedTupleKeysAndPerlHashElementsMasked(t *testing.T) {
	requireTextCases(t, nil, []textCase{
		{"string key tuple", `{"client_secret", "Pd6Gx1Ny8Kt3"}`, []string{"Pd6Gx1Ny8Kt3"}, nil},
		{"tuple in a list", `[{"user", "ops"}, {"password", "Pd6Gx1Ny8Kt3"}]`, []string{"Pd6Gx1Ny8Kt3"}, []string{`{\"user\", \"ops\"}`}},
		{"binary key tuple", `[{<<"api_token">>, <<"Pd6Gx1Ny8Kt3">>}]`, []string{"Pd6Gx1Ny8Kt3"}, nil},
		{"perl hash element", `$h{password} = 'Pd6Gx1Ny8Kt3';`, []string{"Pd6Gx1Ny8Kt3"}, nil},
		{"perl reference element", `$cfg->{api_key} = "Pd6Gx1Ny8Kt3";`, []string{"Pd6Gx1Ny8Kt3"}, nil},
		{"perl environment", `$ENV{DB_PASSWORD} = "Pd6Gx1Ny8Kt3";`, []string{"Pd6Gx1Ny8Kt3"}, nil},
	})
	requireTextKept(t, nil, []string{
		`{"user", "ops"}`,
		`{"password", Password}`,
		`$h{retries} = 'three';`,
		`$cfg->{host} = "db.internal";`,
	})
}

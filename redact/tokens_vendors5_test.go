package redact_test

import "testing"

// TestPlatformTokensMasked: GitLab workspace and runner registration
// tokens, LlamaCloud, E2B and dbt Cloud keys, each as an attr's value,
// in a message and in an error, in the places logs print them.
func TestPlatformTokensMasked(t *testing.T) {
	const (
		glwt  = "glwt-VmHaXoN2qqTAKj-XBT7W"
		glrtr = "glrtr-_UosYqTUpsH2X4uyJLy9"
		llx   = "llx-q95Pd4xA4yIpPDADhuQ69MKl8COVqRK4hm5bCW9FrgzG0HQR"
		e2b   = "e2b_6d19e1e934d8ab2518d1c758ca68326f463972c9"
		dbtu  = "dbtu_Q85v4mFhbCkmnYljfbHl2k_o007yxtlpGsEUG7MdFH2bZrShHY"
		dbtc  = "dbtc_JX3QTG56ZaRQ6If9NDYCWcNhpjF0jOlBZoiohboURNlBEM96lf"
	)
	requireEveryMode(t, []textCase{
		{"gitlab workspace token in a proxy log", "workspace proxy auth with " + glwt + " for user 42",
			[]string{glwt[5:]}, []string{"workspace proxy auth with ", " for user 42"}},
		{"gitlab runner registration in a command line", "gitlab-runner register --url https://git.example.org --registration-flag " + glrtr + " --executor docker",
			[]string{glrtr[6:]}, []string{"--registration-flag ", " --executor docker"}},
		{"llamacloud key in json", `{"parser":"llamaparse","cred":"` + llx + `","pages":12}`,
			[]string{llx[4:]}, []string{`"pages`, `12}`}},
		{"e2b key in prose", "sandbox create failed for " + e2b + ": 401 Unauthorized",
			[]string{e2b[4:]}, []string{"sandbox create failed for ", ": 401 Unauthorized"}},
		{"dbt personal token in a header", `curl -H "X-Dbt-Cred: ` + dbtu + `" https://cloud.getdbt.com/api/v2/accounts/`,
			[]string{dbtu[5:]}, []string{"https://cloud.getdbt.com/api/v2/accounts/"}},
		{"dbt service token in a path", "GET https://relay.example.net/dbt/" + dbtc + "/runs 403",
			[]string{dbtc[5:]}, []string{"https://relay.example.net/dbt/", "/runs 403"}},
	})
}

// TestPlatformTokenLookAlikesKept: names, imports and digests that start
// like those tokens stay: no mix of cases and digits, the wrong length
// or alphabet.
func TestPlatformTokenLookAlikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"license glwt-licensed-projects-overview rendered",
		"script glrtr-legacy-registration-cleanup ran",
		"from e2b_code_interpreter import Sandbox",
		"artifact e2b_6d19e1e934d8ab2518d1c758ca68326f46397 short",
		"model dbtu_stg_orders_daily_incremental_backfill built",
		"model dbtc_fct_revenue_by_region_monthly_snapshot built",
		"index llx-documents-parsed-by-llamaparse-v2 ready",
	})
}

package redact_test

import "testing"

// TestTokensEndWhereTheirFormatEnds: a token whose format holds no '/'
// (GitLab, Atlassian, Typeform, CAS tickets) ends before one, and a
// token of base64 that starts a URL's path segment ends at the '/' after
// which no base64 goes on: the next segment of the path is kept, and a
// '/' inside the token's base64 is still masked with it.
func TestTokensEndWhereTheirFormatEnds(t *testing.T) {
	const (
		gitlab    = "glpat-ON37yF6yIrTJeugZsC4e"
		atlassian = "ATATT3xFfGF0VZpdCbvAULvWRhoWo09iqEG5-lpaFEYBmvOQ5aP7hPEkNJMC5wrZaFWLFR6qBB7ZMI76o3HQfqJ_oUGa8DezpFyiOX7Nz2kEV_ZNmW2cFrI4g4ZkWZIWF6DCFf2vqivV06TNOFK3qh9hZ5pXqdBgQYGcipI5J6oVirkxfJO_rvV5XLdm=TXW729Tk"
		typeform  = "tfp_f0r5izbldznpbfx_4od4oh6bfrry5my-8nfw92nydhbd9e1ekxxv2sdo1z3"
		grafana   = "glc_VaHUYKAdbcdcFcI4GoAK52YRSlFhDHY1LRVXf5ljxsvkitWuQGrQ+kw/Rhp2BbrI7tQORdf73RrjKDy3"
		bedrock   = "ABSKYYeLojAmzCYtek8QM0a3oe9BTt8RFS+UsuQ6AId4I0XP1I8khjAjP2yt6nUV3d4tS283GnDHb+stUJqs8vbihDE8jHJdNQ++2hLVtTqzMWnFMgN5dSbfPx14jCZ67vUq"
		cas       = "ST-9182-noBNxv2ezSMAFBoUIBcZb-Yf-cas02"
	)
	requireEveryMode(t, []textCase{
		{"gitlab token then a path in prose", "mirror pushed with " + gitlab + "/repos/infra-live done",
			[]string{gitlab[6:]}, []string{"mirror pushed with ", "/repos/infra-live done"}},
		{"gitlab token as a path segment", "GET https://git.example.org/api/v4/" + gitlab + "/projects/12 401",
			[]string{gitlab[6:]}, []string{"https://git.example.org/api/v4/", "/projects/12 401"}},
		{"atlassian token then a path", "proxy https://jira.example.net/" + atlassian + "/rest/api/3/myself 403",
			[]string{atlassian[6:40], atlassian[150:]}, []string{"https://jira.example.net/", "/rest/api/3/myself 403"}},
		{"atlassian token then a path in prose", "jira client " + atlassian + "/rest/api/3/search failed",
			[]string{atlassian[6:40], atlassian[150:]}, []string{"jira client ", "/rest/api/3/search failed"}},
		{"typeform token then a path in prose", "typeform " + typeform + "/forms/abc123 loaded",
			[]string{typeform[4:]}, []string{"typeform ", "/forms/abc123 loaded"}},
		{"typeform token then a path", "GET https://api.example.com/tf/" + typeform + "/forms?page=2 200",
			[]string{typeform[4:]}, []string{"/tf/", "/forms?page=2 200"}},
		{"grafana key with a slash as a path segment", "GET https://grafana.example.org/keys/" + grafana + "/dashboards 200",
			[]string{grafana[4:40], grafana[45:]}, []string{"https://grafana.example.org/keys/", "/dashboards 200"}},
		{"bedrock key as a path segment", "POST /v1/relay/" + bedrock + "/invoke 202",
			[]string{bedrock[4:40], bedrock[40:]}, []string{"POST /v1/relay/", "/invoke 202"}},
		{"cas ticket then a path", "validate " + cas + "/serviceValidate?service=x ok",
			[]string{"noBNxv2ezSMAFBoUIBcZb"}, []string{"validate ", "/serviceValidate?service=x ok"}},
	})
}

// TestBase64TokensInPathsKeptWhole: where the text after a '/' inside a
// base64 token goes on as base64, the token is not cut there, so no
// piece of it is left.
func TestBase64TokensInPathsKeptWhole(t *testing.T) {
	const sts = "IQoJb3JpZ2luX2VjEKz9Wq2Lr7Tn4Vx8Pb1Mc6Hd3Jf/Gs0Kt5Yw9Zq2Lr+7Tn4Vx8Pb1Mc6Hd3Jf0Gs5Kt9Yw2Zq"
	requireEveryMode(t, []textCase{
		{"sts token with a slash as a path segment", "PUT https://files.example.net/v2/" + sts + "/items 201",
			[]string{sts[16:40], sts[44:]}, []string{"https://files.example.net/v2/", "/items 201"}},
	})
}

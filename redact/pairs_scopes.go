package redact

import "strings"

// scopeListWord reports whether the term at s[a] stands in a list of
// OAuth scopes (scope: openid profile email offline_access, scope=openid+
// email+phone, "scopes": "openid email") and w, the word after it, is a
// scope's name: lower-case letters and '_', ':', '.', '/', '-' (read:user,
// offline_access, https://…/auth/userinfo.email). A scope named after
// personal data (email, phone, address) asks for access to it; it holds
// none. Walking back over the list's names to its key costs nothing for
// text without a term, which never gets here.
func scopeListWord(s string, a int, w string) bool {
	if !scopeName(w) {
		return false
	}
	e := a
	for range 24 {
		for e > 0 && (s[e-1] == ' ' || s[e-1] == '+' || s[e-1] == ',') {
			e--
		}
		b := e
		for b > 0 && (isAlnum(s[b-1]) || strings.IndexByte("_:./-=\"'", s[b-1]) >= 0) {
			b--
		}
		if b == e {
			return false
		}
		t := s[b:e]
		k := strings.IndexAny(t, ":=")
		if k < 0 {
			k = len(t) // requested scope "openid email …": the word itself
		}
		if k > 0 && scopesKey(strings.Trim(t[:k], `"'`)) {
			return true
		}
		if !scopeName(strings.Trim(t, `"'`)) {
			return false
		}
		e = b
	}
	return false
}

// scopeName reports whether w reads as an OAuth scope's name: lower-case
// letters, '_', ':', '.', '/' and '-', or a URL's scope.
func scopeName(w string) bool {
	if w == "" || len(w) > 96 {
		return false
	}
	if strings.HasPrefix(w, "https://") {
		return true
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < 'a' || c > 'z') && strings.IndexByte("_:./-", c) < 0 {
			return false
		}
	}
	return true
}

// scopesKey reports whether key names a list of OAuth scopes: scope,
// scopes, scp, or a key whose last word is one (token_scopes,
// grantedScopes).
func scopesKey(key string) bool {
	if len(key) > 64 {
		return false
	}
	var fb foldBuf
	k := fb.lower(key)
	return k == "scp" || strings.HasSuffix(k, "scope") || strings.HasSuffix(k, "scopes")
}

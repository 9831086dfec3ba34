package redact

import "strings"

// resourceNameWords are the names that deployments give to one of a kind
// (a DNS alias, a KMS key alias, a Kubernetes service account): no
// person is called so.
var resourceNameWords = [...]string{
	"default", "primary", "secondary", "main", "latest", "live", "stable", "current", "previous", "next",
	"prod", "production", "staging", "dev", "test", "backup", "replica", "master", "standby", "readonly",
}

// resourceName reports whether v, under key, names a resource rather than
// a person: under a key whose last word is alias, a host name of a known
// top-level domain or of three labels or more (cdn.example.net), a path
// or an ARN's tail (alias/prod-kms), a name of two hyphens or more or
// with a digit (edge-lb-eu, api-v2) or one of resourceNameWords; under a
// key that names a service account (serviceAccountName), any lower-case
// name of DNS's letters. A person's alias (Johnny, jane.roe, jdoe) is
// still a value.
func resourceName(key, v string) bool {
	if v == "" || len(v) > 253 || len(key) > 64 {
		return false
	}
	var fb foldBuf
	k := fb.lower(key)
	service := strings.Contains(k, "serviceaccount") || strings.Contains(k, "service_account") || strings.Contains(k, "service-account") || strings.Contains(k, "service account")
	if !service && !strings.HasSuffix(k, "alias") && !strings.HasSuffix(k, "aliases") {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(c >= 'a' && c <= 'z' || isDigit(c) || strings.IndexByte("-./:_", c) >= 0) {
			return false
		}
	}
	switch dots, hyphens := strings.Count(v, "."), strings.Count(v, "-"); {
	case service, isOneOf(v, resourceNameWords[:]), strings.ContainsAny(v, "/:"):
		return true
	case dots >= 2 || dots == 1 && knownTLD(v[lastLabelStart(v, len(v)):]):
		return true
	default:
		return hyphens >= 2 || hyphens == 1 && countDigits(v) > 0
	}
}
